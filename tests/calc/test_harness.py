"""The harness itself: the office starts on a private profile with the extension installed,
computes, reports errors as Calc shows them, runs in Finnish, writes files, and leaves nothing
running behind."""

import os
import re
import shutil
import subprocess
import zipfile
import xml.etree.ElementTree as ET

import pytest

from kpoffice import CSV_FILTER, PDF_FILTER, Office, error_text


def extension_identifier(oxt):
    with zipfile.ZipFile(oxt) as archive:
        root = ET.fromstring(archive.read("description.xml"))
    ns = {"d": "http://openoffice.org/extensions/description/2006"}
    return root.find("d:identifier", ns).get("value")


def soffice_processes(profile):
    found = subprocess.run(["pgrep", "-f", re.escape(str(profile))], capture_output=True,
                           text=True)
    return found.stdout.split()


def test_extension_is_installed_in_the_profile(office, oxt):
    provider = office.ctx.getValueByName(
        "/singletons/com.sun.star.deployment.PackageInformationProvider")
    location = provider.getPackageLocation(extension_identifier(oxt))
    assert location.startswith(office.profile.as_uri()), location


def test_function_access_computes_sum(office):
    assert office.call("SUM", 1, 2, 3.5) == pytest.approx(6.5)
    assert office.call("SUM", [[1, 2], [3, 4]]) == pytest.approx(10.0)
    assert office.call("COUNTA", [[1, "x"], [2.5, "y"]]) == pytest.approx(4.0)


def test_cells_read_back_values_and_errors(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:B1", [[2.0, "text"]])
    office.set_formula(sheet, "C1", "=A1*21")
    office.set_formula(sheet, "A2", "=1/0")
    office.set_formula(sheet, "B2", "=SQRT(-1)")
    office.set_formula(sheet, "C2", "=NO.SUCH.FUNCTION(1)")
    office.set_formula(sheet, "D2", '="a"+1')
    assert office.values(sheet, "A1:D2") == [[2.0, "text", 42.0, ""],
                                             ["#DIV/0!", "Err:502", "#NAME?", "#VALUE!"]]


def test_error_texts_match_what_english_calc_shows(office, calc):
    sheet = office.sheet(calc)
    formulas = ["=1/0", "=SQRT(-1)", "=NA()", '="a"+1', "=#REF!", "=foo()", "=A7",
                "=ADDRESS()", "=1E308*10", "=A1:A2 B1:B2"]
    for row, formula in enumerate(formulas, start=1):
        office.set_formula(sheet, f"A{row}", formula)
    for row in range(1, len(formulas) + 1):
        cell = sheet.getCellRangeByName(f"A{row}")
        assert cell.getError() != 0, formulas[row - 1]
        assert error_text(cell.getError()) == cell.getString(), formulas[row - 1]


def test_array_formula_fills_its_range(office, calc):
    sheet = office.sheet(calc)
    office.set_array_formula(sheet, "A1:B2", "=MUNIT(2)*3")
    assert office.values(sheet, "A1:B2") == [[3.0, 0.0], [0.0, 3.0]]


def test_error_cells_lists_every_sheet(office, calc):
    calc.Sheets.insertNewByName("Second", 1)
    office.set_formula(office.sheet(calc, 0), "B3", "=1+1")
    office.set_formula(office.sheet(calc, 1), "C4", "=1/0")
    office.recalc_hard(calc)
    assert office.error_cells(calc) == [("Second", "C4", "#DIV/0!", "=1/0")]


def test_finnish_office_uses_finnish_function_names(office_fi, calc_fi):
    sheet = office_fi.sheet(calc_fi)
    cell = office_fi.set_formula(sheet, "A1", "=SUM(1;2)")
    assert cell.FormulaLocal == "=SUMMA(1;2)"
    typed = office_fi.set_formula(sheet, "A2", "=SUMMA(1,5;2)", local=True)
    assert typed.getFormula() == "=SUM(1.5;2)"
    assert office_fi.values(sheet, "A1:A2") == [[3.0], [3.5]]
    # Errors read back in English, although a Finnish Calc shows #JAKO/0!.
    office_fi.set_formula(sheet, "A3", "=1/0")
    assert sheet.getCellRangeByName("A3").getString() == "#JAKO/0!"
    assert office_fi.values(sheet, "A3") == [["#DIV/0!"]]


def test_store_pdf_and_one_csv_per_sheet(office, calc, tmp_path):
    calc.Sheets.insertNewByName("Väestö 2030", 1)
    office.set_values(office.sheet(calc, 0), "A1:B2", [[1.5, "a,b"], ["c", 2.0]])
    office.set_formula(office.sheet(calc, 1), "A1", "=2*21")
    office.store_to(calc, tmp_path / "book.pdf", PDF_FILTER)
    office.store_to(calc, tmp_path / "book.csv", CSV_FILTER)
    assert (tmp_path / "book.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "book-Sheet1.csv").read_text(encoding="utf-8") == '1.5,"a,b"\nc,2\n'
    assert (tmp_path / "book-Väestö 2030.csv").read_text(encoding="utf-8") == "42\n"


def test_office_without_extension_and_teardown_leaves_nothing(tmp_path):
    with Office(None, workdir=tmp_path) as bare:
        profile, pid = bare.profile, bare.process.pid
        assert soffice_processes(profile) == [str(pid)]
        doc = bare.new_calc()
        assert bare.values(bare.set_formula(bare.sheet(doc), "A1", "=1+1").Spreadsheet, "A1") \
            == [[2.0]]
    assert soffice_processes(profile) == []
    assert not profile.exists()


def test_teardown_also_after_an_exception(tmp_path):
    with pytest.raises(ZeroDivisionError):
        with Office(None, workdir=tmp_path) as doomed:
            profile = doomed.profile
            doomed.new_calc()
            1 / 0
    assert soffice_processes(profile) == []
    assert not profile.exists()


def test_a_failed_start_cleans_up_and_says_why(tmp_path, monkeypatch):
    import kpoffice
    office_args = Office._office_args
    monkeypatch.setattr(kpoffice.Office, "_office_args",
                        lambda self: office_args(self) + ["--no-such-option"])
    with pytest.raises(kpoffice.OfficeError) as failure:
        with Office(None, workdir=tmp_path, start_timeout=20):
            pass
    assert "--no-such-option" in str(failure.value)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ a hung office (hangs.py)

def test_the_watchdog_shows_where_a_hung_office_is_and_unblocks_the_call(tmp_path):
    """An office that stops answering (SIGSTOP: every UNO call to it waits for ever) is found by
    the watchdog after its limit: the test process's and the office's threads are printed, the
    office is killed, and the waiting call raises instead of holding the run."""
    import signal
    import time

    import hangs

    with Office(None, workdir=tmp_path) as frozen:
        doc = frozen.new_calc()
        os.kill(frozen.process.pid, signal.SIGSTOP)
        started = time.monotonic()
        report = open(tmp_path / "hang.txt", "w+")
        with hangs.Watchdog(3, "the frozen office", out=report, offices=[frozen], after_kill=2) as dog:
            with pytest.raises(Exception) as failure:
                frozen.sheet(doc).getCellRangeByName("A1").getValue()
        waited = time.monotonic() - started
        # The exit armed for a test process that stays stuck after the kill (here 2 s) is disarmed
        # when the block ends: were it not, this process would end here.
        time.sleep(3)
        assert dog.fired
        assert frozen not in Office.running()
    # Killed at 3 s; gdb takes a few seconds to print the stacks (60 s at most).
    assert 3 <= waited < 60, waited
    assert "Disposed" in type(failure.value).__name__ or "disposed" in str(failure.value).lower() \
        or "RuntimeException" in type(failure.value).__name__, repr(failure.value)
    report.close()
    printed = (tmp_path / "hang.txt").read_text()
    assert "HANG: the frozen office is still running after 3 s" in printed
    assert "test_the_watchdog_shows_where_a_hung_office_is" in printed  # this thread's stack
    if shutil.which("gdb"):
        assert re.search(r'Thread \d+ .*"soffice.bin"', printed), printed[-3000:]
        assert "libuno_sal" in printed  # native frames, named by their libraries
    assert "1 office(s) killed" in printed
    assert soffice_processes(tmp_path) == []


RETRY_CONFTEST = '''
import pytest
from kpoffice import Office
from hangs import pytest_configure, pytest_runtest_protocol, pytest_terminal_summary  # noqa: F401

@pytest.fixture(scope="session")
def office():
    with Office(None) as running:
        yield running

@pytest.fixture
def calc(office):
    doc = office.new_calc()
    yield doc
    office.close(doc)
'''

# The tests take a document (a UNO proxy) as an argument: a failure report prints the arguments
# of the test function, and repr() of a proxy of a killed office would abort the process.
RETRY_TESTS = '''
import os
import signal

calls = {"once": 0, "always": 0, "fails": 0}

def attempt(office, doc, name, freeze_every_time=False):
    """Counts the attempt, stops the office (SIGSTOP) on the first or on every one, computes 6*7."""
    calls[name] += 1
    if calls[name] == 1 or freeze_every_time:
        os.kill(office.process.pid, signal.SIGSTOP)
    sheet = office.sheet(doc)
    office.set_formula(sheet, "A1", "=6*7")
    return office.values(sheet, "A1")

def test_hangs_once(office, calc):
    assert attempt(office, calc, "once") == [[42.0]]

def test_hangs_always(office, calc):
    assert attempt(office, calc, "always", freeze_every_time=True) == [[42.0]]

def test_hangs_then_fails(office, calc):
    assert attempt(office, calc, "fails") == [[43.0]]

def test_after_the_hangs(office, calc):
    assert calls == {"once": 2, "always": 2, "fails": 2}
    sheet = office.sheet(calc)
    office.set_formula(sheet, "A1", "=6*7")
    assert office.values(sheet, "A1") == [[42.0]]
'''


def test_a_hung_test_is_retried_once_on_new_offices_and_fails_if_it_hangs_or_fails_again(tmp_path):
    """A pytest run of its own, with a time limit of 4 s: a test whose office hangs once passes
    on the retry with a new office; one that hangs every time fails ("hung twice"), and so does
    one that hangs once and then fails; the tests after them get a working office, and the
    summary names each hang."""
    import sys

    (tmp_path / "conftest.py").write_text(RETRY_CONFTEST)
    (tmp_path / "test_hangs.py").write_text(RETRY_TESTS)
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, KUNTAPLAN_TEST_TIME_LIMIT="4", PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p))
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rf",
                          str(tmp_path / "test_hangs.py")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    out = run.stdout
    assert run.returncode == 1, out + run.stderr[-3000:]
    assert re.search(r"\b2 failed, 2 passed\b", out), out
    assert "FAILED test_hangs.py::test_hangs_always - hung twice" in out, out
    assert "FAILED test_hangs.py::test_hangs_then_fails - assert [[42.0]] == [[43.0]]" in out, out
    assert "test_hangs.py::test_hangs_once: hung after 4 s, killed, retried: passed" in out
    assert "test_hangs.py::test_hangs_always: hung after 4 s, killed, retried: hung again" in out
    assert "test_hangs.py::test_hangs_then_fails: hung after 4 s, killed, retried: failed" in out
    assert run.stderr.count("HANG: test_hangs.py::") == 4, run.stderr[-3000:]
