"""The Kuntaplan menu and its commands, run by dispatch URL with the dialog-free arguments of
FUNCTIONS.md "Commands" (as tests and users' automation run them), in real Calc."""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

import pytest
import uno

from commands import REPO, SUCCESS, dispatch, package_location, sheet_names, used_values
from kpoffice import Office

COMMANDS = ["NewScenario", "CompareScenarios", "ShareCopy", "UserGuide", "ImportTable", "ExplainError"]


def folder_url(path: Path) -> str:
    return uno.systemPathToFileUrl(str(path))


@pytest.fixture
def visible(office):
    """A spreadsheet in a (headless) visible frame: undo of sheet insertion aborts the 7.4 office
    in a Hidden document (UNO-NOTES "Undo")."""
    doc = office.new_calc(hidden=False)
    yield doc
    office.close(doc)


@pytest.fixture
def share_dir():
    # Under /tmp: the office (and `nobody`, in other tests) must reach it.
    with tempfile.TemporaryDirectory(prefix="kp-share-") as name:
        yield Path(name)


# ---- the menu ---------------------------------------------------------------------------------

def configuration(office: Office, path: str):
    provider = office.create("com.sun.star.configuration.ConfigurationProvider")
    from com.sun.star.beans import PropertyValue
    arg = PropertyValue()
    arg.Name, arg.Value = "nodepath", path
    return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", (arg,))


def test_menu_has_the_six_commands_in_order(office):
    menu = configuration(office, "/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar/org.kuntaplan.menu")
    assert menu.Title == "Kuntaplan"
    entries = menu.Submenu
    urls = [entries.getByName(n).URL for n in sorted(entries.ElementNames)]
    assert urls == ["org.kuntaplan:NewScenario", "org.kuntaplan:CompareScenarios", "org.kuntaplan:ImportTable",
                    "org.kuntaplan:ExplainError", "private:separator",
                    "org.kuntaplan:ShareCopy", "private:separator", "org.kuntaplan:UserGuide"]


def test_menu_is_finnish_in_a_finnish_office(office_fi):
    menu = configuration(office_fi, "/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar/org.kuntaplan.menu")
    titles = {menu.Submenu.getByName(n).URL: menu.Submenu.getByName(n).Title
              for n in menu.Submenu.ElementNames}
    assert titles["org.kuntaplan:NewScenario"] == "Uusi skenaario…"
    assert titles["org.kuntaplan:ShareCopy"] == "Jaa kopio…"
    assert titles["org.kuntaplan:UserGuide"] == "Käyttöopas"
    assert titles["org.kuntaplan:ImportTable"] == "Tuo Tilastokeskuksen taulukko…"
    assert titles["org.kuntaplan:ExplainError"] == "Selitä virhe"


def test_protocol_handler_answers_every_command_and_only_those(office, calc):
    from com.sun.star.util import URL
    frame = calc.getCurrentController().getFrame()
    transformer = office.create("com.sun.star.util.URLTransformer")
    for command in COMMANDS + ["Nonsense"]:
        url = URL()
        url.Complete = f"org.kuntaplan:{command}"
        _, url = transformer.parseStrict(url)
        found = frame.queryDispatch(url, "", 0)
        assert (found is not None) == (command != "Nonsense"), command


# ---- UserGuide --------------------------------------------------------------------------------

GUIDE_BUNDLES = {"en": "root.txt", "fi": "fi.txt", "sv": "sv.txt"}


def function_names(language: str) -> list[str]:
    """Every function's display name in a language, from the add-in's texts (the Function Wizard's)."""
    text = (REPO / "addin" / "l10n" / GUIDE_BUNDLES[language]).read_text(encoding="utf-8")
    return re.findall(r'^\s*name:string \{ "([^"]+)" \}', text, flags=re.M)


def planner_title(language: str) -> str:
    page = (REPO / "docs" / "guide" / "planner" / f"{language}.md").read_text(encoding="utf-8")
    return next(line[2:].strip() for line in page.splitlines() if line.startswith("# "))


def test_user_guide_is_shipped_in_three_languages_with_every_function(office, calc):
    help_dir = Path(uno.fileUrlToSystemPath(package_location(office))) / "help"
    assert len(function_names("en")) >= 7
    for language in GUIDE_BUNDLES:
        # Automation asks for a language and gets the guide's file path; nothing is opened.
        state, path = dispatch(office, calc, "UserGuide", Language=language)
        assert state == SUCCESS, path
        assert Path(path) == help_dir / language / "index.html"
        html = Path(path).read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html
        # The planners' page first, then the reference in the language, then the method chapters.
        assert html.index(planner_title(language)) < html.index(f">{function_names(language)[0]}<") \
            < html.index('id="method-chapters"')
        missing = [n for n in function_names(language) if f">{n}<" not in html]
        assert not missing, f"functions without a reference in the {language} guide: {missing}"
        for developer in ("run.sh", "cmake", "core/", "addin/", "apt-get"):
            assert developer not in html.lower(), (language, developer)


def test_user_guide_follows_the_office_language(lang):
    language, office, doc = lang
    help_dir = Path(uno.fileUrlToSystemPath(package_location(office))) / "help"
    assert dispatch(office, doc, "UserGuide", Open=False) == (SUCCESS, str(help_dir / language / "index.html"))


def test_user_guide_refuses_an_unknown_language(office, calc):
    state, reason = dispatch(office, calc, "UserGuide", Language="de")
    assert state != SUCCESS and "en, fi or sv" in reason


def test_user_guide_from_the_menu_reports_success(office, calc):
    # Headless, no browser can be shown: the message with the guide's path is shown (and, in a
    # headless office, dismissed by the office itself); the command itself succeeds. The message as
    # a user sees it: tests/calc/test_wizard_xvfb.py.
    assert dispatch(office, calc, "UserGuide") == (SUCCESS, True)


# ---- ShareCopy --------------------------------------------------------------------------------

def workbook_with_kuntaplan_formulas(office, doc):
    """Plain, array and wrapped calls, plus an ordinary formula that reads an array result."""
    data = doc.Sheets.getByIndex(0)
    data.Name = "Data"
    office.set_values(data, "A1:A5", [[0.02], [0.05], [0.08], [0.04], [0.01]])
    office.set_formula(data, "B1", "=POP.TFR(A1:A5;5)")
    office.set_array_formula(data, "C1:C5", "=POP.SCALE(A1:A5;1.5;5)")
    office.set_formula(data, "D1", "=SUM(C1:C5)*5")
    office.set_formula(data, "E1", "=INDEX(POP.SCALE(A1:A5;2;5);3;1)")
    office.set_formula(data, "F1", "=A1*1000")


def test_share_copy_freezes_kuntaplan_cells_and_keeps_the_original(office, visible, share_dir):
    workbook_with_kuntaplan_formulas(office, visible)
    assert dispatch(office, visible, "NewScenario", Name="Base", Horizon=5) == (SUCCESS, True)
    before = {name: used_values(office, visible.Sheets.getByName(name)) for name in sheet_names(visible)}
    formula_before = visible.Sheets.getByName("Data").getCellRangeByName("C2").getFormula()

    state, result = dispatch(office, visible, "ShareCopy", Folder=folder_url(share_dir))
    assert (state, result) == (SUCCESS, True)

    # The original is untouched: same sheets, same formulas.
    assert sheet_names(visible) == list(before)
    assert visible.Sheets.getByName("Data").getCellRangeByName("C2").getFormula() == formula_before
    assert "ORG.KUNTAPLAN" in formula_before
    names = sorted(p.name for p in share_dir.iterdir())
    assert names == ["Untitled 1-shared.ods", "Untitled 1-shared.xlsx"]

    # Both copies open cleanly where Kuntaplan is not installed, with the same numbers.
    with Office(None) as plain:
        for name in names:
            copy = plain.load(share_dir / name)
            try:
                assert plain.error_cells(copy) == [], name
                copy_names = sheet_names(copy)
                assert copy_names[:-1] == list(before) and copy_names[-1] == "Sources and method", name
                for sheet_name, values in before.items():
                    sheet = copy.Sheets.getByName(sheet_name)
                    after = used_values(plain, sheet)
                    # A first row says the sheet holds values only; below it, the same numbers.
                    banner = after[0][0]
                    assert banner.startswith("VALUES ONLY") and "Sources and method" in banner, banner
                    assert_same_numbers(values, after[1:], f"{name}: {sheet_name}")
                    # No cell keeps the yellow or orange of an input (0xFFF2CC, 0xFCE4D6).
                    cursor = sheet.createCursor()
                    cursor.gotoEndOfUsedArea(True)
                    fills = {r.CellBackColor for r in cursor.CellFormatRanges}
                    assert not fills & {0xFFF2CC, 0xFCE4D6}, (name, sheet_name, fills)
                sources = used_values(plain, copy.Sheets.getByName("Sources and method"))
                flat = [str(c) for row in sources for c in row]
                assert "0.1.0" in flat or any("0.1" in c for c in flat)
                assert any("POP.PROJECT" in c for c in flat)       # the original formulas as text
                assert any(c.startswith("{=POP.SCALE") for c in flat)
                assert "Target total fertility rate" in flat       # the scenario's assumptions,
                # all of them: the six flows' percentages and what follows them, not just 6 rows.
                for label in ("In-migration from within the region (% of the default)",
                              "Emigration abroad (% of the default)", "Horizon (years)",
                              "POP.PROJECT options (see the method below)"):
                    assert label in flat, label
                assert "Sources and method" not in flat[flat.index("Horizon (years)"):]  # stops at the gap
                # No cell of the copy calls Kuntaplan any more.
                for sheet_name in copy_names:
                    sheet = copy.Sheets.getByName(sheet_name)
                    formulas = sheet.queryContentCells(16)  # CellFlags.FORMULA
                    cells = formulas.getCells().createEnumeration()
                    while cells.hasMoreElements():
                        assert "KUNTAPLAN" not in cells.nextElement().getFormula().upper()
            finally:
                plain.close(copy)


def assert_same_numbers(expected, actual, where):
    for r, row in enumerate(expected):
        for c, value in enumerate(row):
            got = actual[r][c] if r < len(actual) and c < len(actual[r]) else ""
            if isinstance(value, float):
                assert isinstance(got, float) and math.isclose(got, value, rel_tol=1e-12, abs_tol=1e-9), \
                    f"{where} row {r + 1} column {c + 1}: {got!r} != {value!r}"
            else:
                assert got == value, f"{where} row {r + 1} column {c + 1}: {got!r} != {value!r}"


def test_share_copy_one_format_and_bad_arguments(office, calc, share_dir):
    workbook_with_kuntaplan_formulas(office, calc)
    assert dispatch(office, calc, "ShareCopy", Folder=folder_url(share_dir), Formats="xlsx") == (SUCCESS, True)
    assert [p.suffix for p in share_dir.iterdir()] == [".xlsx"]
    state, reason = dispatch(office, calc, "ShareCopy", Folder=folder_url(share_dir / "nowhere"))
    assert state == 0 and "does not exist" in reason
    state, reason = dispatch(office, calc, "ShareCopy", Folder=folder_url(share_dir), Formats="pdf")
    assert state == 0 and "unknown format" in reason
    state, reason = dispatch(office, calc, "ShareCopy", Formats="ods")
    assert state == 0 and "Folder" in reason


def test_share_copy_in_finnish(office_fi, calc_fi, share_dir):
    workbook_with_kuntaplan_formulas(office_fi, calc_fi)
    assert dispatch(office_fi, calc_fi, "ShareCopy", Folder=folder_url(share_dir), Formats="ods") == (SUCCESS, True)
    copied = next(share_dir.iterdir())
    assert copied.name == "Nimetön 1-jaettu.ods", copied.name  # named in the UI language
    copy = office_fi.load(copied)
    try:
        assert sheet_names(copy)[-1] == "Lähteet ja menetelmä"
        banner = copy.Sheets.getByIndex(0).getCellRangeByName("A1").String
        assert banner.startswith("VAIN ARVOT") and "Lähteet ja menetelmä" in banner, banner
        sources = used_values(office_fi, copy.Sheets.getByName("Lähteet ja menetelmä"))
        intro = next(c for row in sources for c in row if str(c).startswith("Tämä on lukukopio"))
        assert "7 Kuntaplan-funktioita kutsunutta solua" in intro   # ICU plural; B1, C1:C5, E1
    finally:
        office_fi.close(copy)
