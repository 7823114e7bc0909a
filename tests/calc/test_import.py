"""org.kuntaplan:ImportTable driven through its dispatch URL with the dialog-free arguments of
FUNCTIONS.md "Commands": Statistics Finland's 11rc written at the target with its provenance
note, labels and numbers; one undo step; failures (unknown variable, occupied target, broken
file) write nothing."""

from __future__ import annotations

import shutil

import pytest
import uno

import realdata
from commands import SUCCESS, dispatch, used_values

FILE_11RC = "statfin_vaerak_pxt_11rc.px"
MALES_0_4, FEMALES_0_4, MALES_85, FEMALES_85 = 120395, 115211, 54351, 108625


@pytest.fixture
def visible(office):
    """Undo needs a visible frame in the 7.4 office (UNO-NOTES "Undo")."""
    doc = office.new_calc(hidden=False)
    yield doc
    office.close(doc)


def file_url(office, name: str = FILE_11RC) -> str:
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(realdata.DATA_DIR / "px" / name, folder / name)
    return uno.systemPathToFileUrl(str(folder / name))


def test_import_writes_note_labels_and_numbers_as_one_undo_step(office, visible):
    state, result = dispatch(office, visible, "ImportTable", File=file_url(office), Rows="Age",
                             Columns="Sex", Filters="Year=2023", Language="en", Target="$Sheet1.$B$2")
    assert state == SUCCESS, result
    sheet = office.sheet(visible)
    values = used_values(office, sheet)
    assert values[0] == ["", "", "", ""]
    note = values[1][1]
    assert note.startswith("Source: Statistics Finland, population structure, table statfin_vaerak_pxt_11rc")
    assert "last updated 20240426 08:00" in note and note.endswith("licence: CC BY 4.0")
    assert values[2][1:] == ["Age", "Males", "Females"]
    assert values[3][1:] == [0, MALES_0_4, FEMALES_0_4]
    assert values[20][1:] == [85, MALES_85, FEMALES_85]
    assert len(values) == 21
    undo = visible.getUndoManager()
    assert undo.getCurrentUndoActionTitle() == "Import table statfin_vaerak_pxt_11rc"
    undo.undo()
    assert used_values(office, sheet) == [[""]]
    assert not sheet.getCellRangeByName("B3").CharWeight > 100   # the bold labels are gone too
    undo.redo()
    assert used_values(office, sheet) == values


def test_import_in_finnish_with_the_file_language(office, calc):
    state, result = dispatch(office, calc, "ImportTable", File=file_url(office), Rows="Vuosi",
                             Columns="Sukupuoli", Filters="Vuosi=2022,2023;Ikä=Yhteensä", Target="$Sheet1.$A$1")
    assert state == SUCCESS, result
    values = office.values(office.sheet(calc), "A1:C4")
    assert values[0][0].startswith("Lähde: Tilastokeskus, väestörakenne")
    assert values[1] == ["Vuosi", "Miehet", "Naiset"]
    assert values[3] == [2023, 2773898, 2829953]


@pytest.mark.parametrize("arguments", [
    dict(Rows="Alue", Columns="Sex", Filters="Year=2023", Language="en"),     # no such variable
    dict(Rows="Age", Columns="Sex", Language="en"),                            # Year left without a value
    dict(Rows="Age", Columns="Sex", Filters="Year=2023", Language="de"),      # no such language
    dict(Rows="Age", Columns="Sex", Filters="Year=2023", Target="$Nowhere.$A$1"),
])
def test_failures_write_nothing(office, calc, arguments):
    state, result = dispatch(office, calc, "ImportTable", File=file_url(office), **arguments)
    assert state != SUCCESS
    assert isinstance(result, str) and result
    assert used_values(office, office.sheet(calc)) == [[""]]


def test_an_occupied_target_is_never_overwritten(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "C10", [["keep me"]])
    state, result = dispatch(office, calc, "ImportTable", File=file_url(office), Rows="Age", Columns="Sex",
                             Filters="Year=2023", Language="en", Target="$Sheet1.$A$1")
    assert state != SUCCESS and "not empty" in result
    assert office.values(sheet, "A1:C10")[9] == ["", "", "keep me"]
    assert office.values(sheet, "A1")[0][0] == ""


def test_a_broken_file_names_the_line_and_writes_nothing(office, calc):
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    (folder / "broken.px").write_text('STUB="a";\nHEADING="b";\nVALUES("a")="x;\nDATA=1;\n')
    state, result = dispatch(office, calc, "ImportTable", File=uno.systemPathToFileUrl(str(folder / "broken.px")),
                             Rows="a", Columns="b", Target="$Sheet1.$A$1")
    assert state != SUCCESS
    assert "line 3" in result and "not closed" in result
    assert used_values(office, office.sheet(calc)) == [[""]]


def test_a_finnish_office_gives_the_reason_in_finnish(office_fi, calc_fi):
    """The command's own reasons (ui texts) and the core's (the messages store) are both Finnish."""
    sheet = office_fi.sheet(calc_fi)
    bottom = f"${sheet.Name}.$A$1048570"   # 21 rows do not fit from here
    state, result = dispatch(office_fi, calc_fi, "ImportTable", File=file_url(office_fi), Rows="Age",
                             Columns="Sex", Filters="Year=2023", Language="en", Target=bottom)
    assert state != SUCCESS
    assert result == ("Tuotava taulukko ei mahdu taulukkoon kohdesolusta alkaen: "
                      "valitse solu ylempää tai vasemmalta."), result
    state, result = dispatch(office_fi, calc_fi, "ImportTable", File=file_url(office_fi), Rows="Alue",
                             Columns="Sex", Filters="Year=2023", Language="en", Target=f"${sheet.Name}.$A$1")
    assert state != SUCCESS and "Alue" in result and "muuttuja" in result, result   # not "no variable"
    assert used_values(office_fi, sheet) == [[""]]
