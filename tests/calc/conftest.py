"""Fixtures for the real-Calc tests: one headless office per UI language for the whole session,
each on its own throwaway profile with the .oxt from $KUNTAPLAN_OXT installed by unopkg."""

import os
from pathlib import Path

import pytest

from kpoffice import Office
from xvfb import VirtualDisplay, VisibleOffice


def oxt_path() -> Path:
    value = os.environ.get("KUNTAPLAN_OXT")
    if not value:
        pytest.fail("KUNTAPLAN_OXT is not set: point it at the built extension, e.g. "
                    "KUNTAPLAN_OXT=build/kuntaplan.oxt (ctest sets it)", pytrace=False)
    path = Path(value)
    if not path.is_file():
        pytest.fail(f"KUNTAPLAN_OXT={value}: no such file (build it first: cmake --build build)",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def oxt() -> Path:
    return oxt_path()


@pytest.fixture(scope="session")
def office(oxt):
    with Office(oxt, ui_locale="en-US") as running:
        yield running


# The Xvfb tests: one virtual display and one visible office per test module.
@pytest.fixture(scope="module")
def display():
    with VirtualDisplay() as running:
        yield running


@pytest.fixture(scope="module")
def visible_office(oxt, display):
    with VisibleOffice(oxt, display) as running:
        yield running


@pytest.fixture(scope="session")
def office_fi(oxt):
    with Office(oxt, ui_locale="fi-FI") as running:
        yield running


@pytest.fixture
def calc(office):
    """A new, empty spreadsheet in the English office, closed after the test."""
    doc = office.new_calc()
    yield doc
    office.close(doc)


@pytest.fixture
def calc_fi(office_fi):
    """A new, empty spreadsheet in the Finnish office, closed after the test."""
    doc = office_fi.new_calc()
    yield doc
    office_fi.close(doc)
