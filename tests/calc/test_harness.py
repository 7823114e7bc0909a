"""The harness itself: the office starts on a private profile with the extension installed,
computes, reports errors as Calc shows them, runs in Finnish, writes files, and leaves nothing
running behind."""

import re
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
