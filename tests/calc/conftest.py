"""Fixtures for the real-Calc tests: one headless office per UI language for the whole session,
each on its own throwaway profile with the .oxt from $KUNTAPLAN_OXT installed by unopkg; and a time
limit for every test (hangs.py)."""

import os
from pathlib import Path

import pytest

from kpoffice import Office
from xvfb import VirtualDisplay, VisibleOffice

# The time limit per test, what hung, and one fresh retry (hangs.py).
from hangs import pytest_configure, pytest_runtest_protocol, pytest_terminal_summary  # noqa: F401


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


@pytest.fixture(scope="session")
def office_sv(oxt):
    with Office(oxt, ui_locale="sv-FI") as running:
        yield running


@pytest.fixture(params=["en", "fi", "sv"])
def lang(request):
    """(language, office, new document) for each UI language; the document is closed after the test."""
    office = request.getfixturevalue({"en": "office", "fi": "office_fi", "sv": "office_sv"}[request.param])
    doc = office.new_calc()
    yield request.param, office, doc
    office.close(doc)


def enter_localised(office, names: dict[str, str], sheet, cell_range: str, formula: str) -> None:
    """`formula` (English function names, `;` separators) as an array formula over `cell_range`,
    typed the way a Finnish or Swedish user types it: with the local names `names` (English →
    local) through FormulaLocal, which Calc stores under the programmatic name; that stored formula
    is then entered over the whole range, as Ctrl+Shift+Enter does. `names` empty: English."""
    if not names or all(english == local for english, local in names.items()):
        office.set_array_formula(sheet, cell_range, formula)
        return
    local = formula
    for english, name in names.items():
        local = local.replace(english + "(", name + "(")
    top = cell_range.split(":")[0]
    cell = office.set_formula(sheet, top, local, local=True)
    stored = cell.Formula
    assert "ORG.KUNTAPLAN.FUNCTIONS." in stored and not any(e + "(" in stored for e in names), stored
    cell.setFormula("")
    office.set_array_formula(sheet, cell_range, stored)
    shown = sheet.getCellRangeByName(top).FormulaLocal
    assert any(name + "(" in shown for name in names.values()), shown


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
