"""DATA.PX in real headless Calc: Statistics Finland's 11rc and 12r5 files read from a path, a
file URL and a range of cells; the three languages; headers; missing values as empty cells; a
round trip into POP.PROJECT; a file that changes; where a formula may read files from; and the
bad-input matrix (Err:502, never a number)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

import realdata
from kpoffice import Office

PX_DIR = realdata.DATA_DIR / "px"
FILE_11RC = "statfin_vaerak_pxt_11rc.px"
FILE_ECKERO = "statfin_tyonv_eckero.px"

# Looked up by hand in the DATA part of 11rc (row 2023): males and females, ages 0-4 and 85-.
MALES_0_4, FEMALES_0_4, MALES_85, FEMALES_85 = 120395, 115211, 54351, 108625
MALES_2023, FEMALES_2023 = 2773898, 2829953


def copy_into_home(office: Office, name: str) -> Path:
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    target = folder / name
    shutil.copyfile(PX_DIR / name, target)
    return target


def test_file_path_gives_the_pop_project_base(office, calc):
    path = copy_into_home(office, FILE_11RC)
    sheet = office.sheet(calc)
    office.set_array_formula(sheet, "A1:B18", f'=DATA.PX("{path}";"Ikä";"Sukupuoli";"Vuosi=2023")')
    block = office.values(sheet, "A1:B18")
    assert block[0] == [MALES_0_4, FEMALES_0_4]
    assert block[17] == [MALES_85, FEMALES_85]
    assert sum(r[0] for r in block) == MALES_2023
    assert sum(r[1] for r in block) == FEMALES_2023
    # INDEX and SUM around the array need no array entry.
    office.set_formula(sheet, "D1", f'=SUM(DATA.PX("{path}";"Ikä";"Sukupuoli";"Vuosi=2023"))')
    office.set_formula(sheet, "D2", f'=INDEX(DATA.PX("{path}";"Ikä";"Sukupuoli";"Vuosi=2023");18;2)')
    assert office.values(sheet, "D1:D2") == [[MALES_2023 + FEMALES_2023], [FEMALES_85]]


def test_file_url_languages_and_headers(office, calc):
    path = copy_into_home(office, FILE_11RC)
    sheet = office.sheet(calc)
    url = path.as_uri()
    office.set_array_formula(sheet, "A1:C19", f'=DATA.PX("{url}";"Age";"Sex";"Year=2023";"en";TRUE())')
    t = office.values(sheet, "A1:C19")
    assert t[0] == ["Age", "Males", "Females"]
    assert t[1] == [0, MALES_0_4, FEMALES_0_4]       # "0 - 4" becomes the age 0
    assert t[18] == [85, MALES_85, FEMALES_85]       # "85 -" becomes 85
    office.set_array_formula(sheet, "E1:G2", f'=DATA.PX("{url}";"År";"Kön";"Ålder=Totalt;År=2023";"sv";1)')
    assert office.values(sheet, "E1:G2") == [["År", "Män", "Kvinnor"], [2023, MALES_2023, FEMALES_2023]]
    # The total kept by naming it in the filter; codes work as well as labels.
    office.set_array_formula(sheet, "I1:K1", f'=DATA.PX("{path}";"Vuosi";"Sukupuoli";"Vuosi=2023;Ikä=SSS;Sukupuoli=SSS,1,2")')
    assert office.values(sheet, "I1:K1") == [[MALES_2023 + FEMALES_2023, MALES_2023, FEMALES_2023]]


def test_range_source_one_line_per_cell(office, calc):
    lines = (PX_DIR / FILE_11RC).read_bytes().decode("iso-8859-15").splitlines()
    sheet = office.sheet(calc)
    office.set_values(sheet, f"A1:A{len(lines)}", [[line] for line in lines])
    office.set_array_formula(sheet, "C1:D18", f'=DATA.PX(A1:A{len(lines)};"Ikä";"Sukupuoli";"Vuosi=2023")')
    block = office.values(sheet, "C1:D18")
    assert block[0] == [MALES_0_4, FEMALES_0_4]
    assert block[17] == [MALES_85, FEMALES_85]


def test_missing_values_are_empty_cells_never_zero(office, calc):
    path = copy_into_home(office, FILE_ECKERO)
    sheet = office.sheet(calc)
    # January 2024: 49.0 26.0 448.0 5.8 16.0 10.0 "..." "..." 11.0 0.0 ...
    office.set_array_formula(sheet, "A1:J1", f'=DATA.PX("{path}";"Alue";"Tiedot";"Kuukausi=2024M01")')
    row = office.values(sheet, "A1:J1")[0]
    assert row[:6] == [49, 26, 448, 5.8, 16, 10]
    # Empty elements of an array result read back as 0.0 through getDataArray: the shown text tells.
    assert [sheet.getCellRangeByName(c).String for c in ("G1", "H1", "J1")] == ["", "", "0"]
    assert row[8] == 11 and row[9] == 0
    # The whole table: 11 months × 23 items, of which 61 cells are "..." in the file.
    office.set_formula(sheet, "A3", f'=COUNT(DATA.PX("{path}";"Kuukausi";"Tiedot";"Alue=Eckerö"))')
    office.set_formula(sheet, "A4", f'=ROWS(DATA.PX("{path}";"Kuukausi";"Tiedot";"Alue=Eckerö"))*'
                                    f'COLUMNS(DATA.PX("{path}";"Kuukausi";"Tiedot";"Alue=Eckerö"))')
    assert office.values(sheet, "A3:A4") == [[11 * 23 - 61], [11 * 23]]


def test_round_trip_into_pop_project(office, calc):
    path = copy_into_home(office, FILE_11RC)
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A7", [[0.01], [0.05], [0.1], [0.1], [0.05], [0.01], [0.001]])  # ASFR 15-49
    office.set_values(sheet, "B1:C18", [[0.005, 0.004]] * 17 + [[0.5, 0.4]])                     # 5-year qx
    office.set_values(sheet, "D1:E18", [[0, 0]] * 18)
    base = f'DATA.PX("{path}";"Ikä";"Sukupuoli";"Vuosi=2023")'
    office.set_array_formula(sheet, "G1:H18", f'=POP.PROJECT({base};A1:A7;B1:C18;D1:E18;1;"total";"step=5")')
    result = office.values(sheet, "G1:H18")
    assert sum(r[0] for r in result) == MALES_2023 + FEMALES_2023   # the base column
    assert all(isinstance(r[1], float) and r[1] > 0 for r in result)


def test_a_changed_file_is_read_again_on_hard_recalculation(office, calc):
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    path = folder / "small.px"
    text = 'HEADING="Sex";\nSTUB="Age";\nVALUES("Age")="0","1";\nVALUES("Sex")="M","F";\nDATA=\n1 2\n3 4;\n'
    path.write_text(text)
    sheet = office.sheet(calc)
    office.set_array_formula(sheet, "A1:B2", f'=DATA.PX("{path}";"Age";"Sex")')
    assert office.values(sheet, "A1:B2") == [[1, 2], [3, 4]]
    time.sleep(0.01)
    path.write_text(text.replace("3 4", "30 40"))
    os.utime(path, (time.time() + 2, time.time() + 2))
    office.recalc_hard(calc)
    assert office.values(sheet, "A1:B2") == [[1, 2], [30, 40]]


def test_finnish_ui(office_fi, calc_fi):
    path = copy_into_home(office_fi, FILE_11RC)
    sheet = office_fi.sheet(calc_fi)
    cell = office_fi.set_formula(sheet, "A1", f'=SUMMA(TILASTO.PX("{path}";"Ikä";"Sukupuoli";"Vuosi=2023"))', local=True)
    assert office_fi.values(sheet, "A1") == [[MALES_2023 + FEMALES_2023]]
    assert cell.Formula.startswith("=SUM(ORG.KUNTAPLAN.FUNCTIONS.DATAPX(")


def test_bad_input_gives_err502(office, calc, tmp_path):
    path = copy_into_home(office, FILE_11RC)
    sheet = office.sheet(calc)
    outside = PX_DIR / FILE_11RC        # a real file, but outside the office's home folder
    (office.home / "tilastot" / "notes.txt").write_text("x")
    office.set_values(sheet, "Z1:Z3", [['HEADING="a";'], ['VALUES("a")="x;'], ["DATA=1;"]])
    office.set_values(sheet, "Y1:Y3", [['HEADING="a";'], ['VALUES("a")="x","y";'], ["DATA=1 2 3;"]])
    good = f'"{path}";"Ikä";"Sukupuoli"'
    formulas = [
        f'=DATA.PX("{outside}";"Ikä";"Sukupuoli";"Vuosi=2023")',
        '=DATA.PX("tilastot/statfin_vaerak_pxt_11rc.px";"Ikä";"Sukupuoli";"Vuosi=2023")',
        f'=DATA.PX("{office.home / "tilastot" / "notes.txt"}";"a";"b")',
        f'=DATA.PX("{office.home / "tilastot" / "missing.px"}";"a";"b")',
        '=DATA.PX("https://pxdata.stat.fi/x.px";"Ikä";"Sukupuoli")',
        f'=DATA.PX("{path}/../../../../../etc/passwd.px";"a";"b")',
        f'=DATA.PX({good})',                                     # Vuosi has no value
        f'=DATA.PX({good};"Vuosi=1800")',
        f'=DATA.PX({good};"Alue=Riihimäki")',
        f'=DATA.PX({good};"Vuosi")',
        f'=DATA.PX({good};"Vuosi=2023";"de")',
        f'=DATA.PX("{path}";"Ikä";"Ikä";"Vuosi=2023")',
        f'=DATA.PX("{path}";"";"Sukupuoli";"Vuosi=2023")',
        '=DATA.PX(Z1:Z3;"a";"a")',                               # unclosed quote
        '=DATA.PX(Y1:Y3;"a";"a")',                               # more numbers than values
        '=DATA.PX(X1:X3;"a";"b")',                               # empty range
        '=DATA.PX(1;"a";"b")',
    ]
    for i, formula in enumerate(formulas, start=1):
        office.set_formula(sheet, f"A{i}", formula)
    got = office.values(sheet, f"A1:A{len(formulas)}")
    for formula, (value,) in zip(formulas, got):
        assert value == "Err:502", f"{formula} gave {value!r}"


def test_an_emailed_workbook_cannot_read_other_files(office, calc):
    """The tricks of a workbook that runs its formulas when opened (addin/table_files.hpp): a NUL
    that cuts the name, a .px link to another file, a FIFO that would block the office, a file
    cut short, a secret in a non-PX file. Each is Err:502 and nothing hangs."""
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    (folder / "notes.txt").write_text("API_KEY=abcdef0123456789\n")
    (folder / "secret.px").write_text("API_KEY=abcdef0123456789\n")
    os.symlink(folder / "notes.txt", folder / "link.px")
    os.mkfifo(folder / "pipe.px")
    whole = (PX_DIR / FILE_11RC).read_bytes()
    data_end = len(whole.rstrip())                     # DATA's closing ';'
    assert whole[data_end - 1:data_end] == b";"
    (folder / "cut.px").write_bytes(whole[:data_end - 3])  # inside the last number, 108625 -> 1086
    sheet = office.sheet(calc)
    formulas = [
        f'=DATA.PX("{folder / "notes.txt"}"&CHAR(0)&".px";"a";"b")',
        f'=DATA.PX("{folder / "link.px"}";"a";"b")',
        f'=DATA.PX("{folder / "pipe.px"}";"a";"b")',
        f'=DATA.PX("{folder / "secret.px"}";"a";"b")',
        f'=DATA.PX("{folder / "cut.px"}";"Ikä";"Sukupuoli";"Vuosi=2023")',
    ]
    # The FIFO has no writer: a blocking open would never return from set_formula.
    for i, formula in enumerate(formulas, start=1):
        office.set_formula(sheet, f"A{i}", formula)
    got = office.values(sheet, f"A1:A{len(formulas)}")
    for formula, (value,) in zip(formulas, got):
        assert value == "Err:502", f"{formula} gave {value!r}"


def test_a_pxweb_json_stat_answer(office, calc):
    """A PxWeb API answer (json-stat2) saved as .json: the 2023 figures of 11rc for ages 0-4 and 85-."""
    answer = {
        "class": "dataset", "version": "2.0", "label": "Väestö 31.12.", "source": "Tilastokeskus",
        "id": ["Vuosi", "Sukupuoli", "Ikä"], "size": [1, 3, 2],
        "dimension": {
            "Vuosi": {"label": "Vuosi", "category": {"index": ["2023"]}},
            "Sukupuoli": {"label": "Sukupuoli", "category": {"index": ["SSS", "1", "2"],
                          "label": {"SSS": "Yhteensä", "1": "Miehet", "2": "Naiset"}}},
            "Ikä": {"label": "Ikä", "category": {"index": ["0-4", "85-"],
                    "label": {"0-4": "0 - 4", "85-": "85 -"}}}},
        "role": {"time": ["Vuosi"]},
        "value": [235606, 162976, MALES_0_4, MALES_85, FEMALES_0_4, None], "status": {"5": ".."}}
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    path = folder / "11rc.json"
    path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    sheet = office.sheet(calc)
    office.set_array_formula(sheet, "A1:C3", f'=DATA.PX("{path}";"Ikä";"Sukupuoli";;;TRUE())')
    t = office.values(sheet, "A1:C3")
    assert t[0] == ["Ikä", "Miehet", "Naiset"]
    assert t[1] == [0, MALES_0_4, FEMALES_0_4]
    assert t[2][:2] == [85, MALES_85]
    assert sheet.getCellRangeByName("C3").String == ""
