"""Sub-areas the way the Helsinki-region cities project them, in real headless Calc with the built
.oxt: POP.PROJECT's 8th argument `area_factors` (per area a fertility and a mortality factor) in
English, Finnish and Swedish offices; a workbook saved before that argument existed; the bad-input
matrix (each → Err:502); and the worked example of docs/guide/population.md ("Sub-areas"):
Helsinki's 148 sub-areas to 2040 as existing stock (each sub-area's movers × its migration type's
profiles, its fertility deviation), reconciled to the city's projection with POP.CONSTRAIN.

References are plain Python written from data/README.md ("Sub-areas, existing stock", the
VKENN_python.py step), not from the add-in. A projected cell is a sum of some 10 terms per year
below 1e4 people, so double rounding stays near 1e-12 people after 21 years: results are compared
to 1e-9 relative, with 1e-6 people absolute where a cell is near zero (a cohort that in- and
out-movers nearly cancel)."""

from __future__ import annotations

import re
import zipfile

import pytest

import realdata
from region_subareas import (BOYS, city_projection, existing_stock, factors_of, movers_by_start_age,
                             subareas as subareas_data)
from kpoffice import a1_block as block, column_name as col
from conftest import enter_localised

A, Y = realdata.AGES, len(realdata.YEARS)
REL, ABS = 1e-9, 1e-6
REGION = f"migration=gross;out=counts;births=start;migration_timing=end;srb={BOYS / (1 - BOYS)!r}"

NAMES = {
    "en": {"POP.PROJECT": "POP.PROJECT", "POP.CONSTRAIN": "POP.CONSTRAIN"},
    "fi": {"POP.PROJECT": "VÄESTÖ.ENNUSTE", "POP.CONSTRAIN": "VÄESTÖ.TÄSMÄYTÄ"},
    "sv": {"POP.PROJECT": "BEF.PROGNOS", "POP.CONSTRAIN": "BEF.ANPASSA"},
}
FACTORS_ARGUMENT = {"en": "area_factors", "fi": "aluekertoimet", "sv": "områdesfaktorer"}


def enter(office, language: str, sheet, cell_range: str, formula: str) -> None:
    """`formula` as an array formula over `cell_range`, typed with `language`'s function names."""
    enter_localised(office, NAMES[language], sheet, cell_range, formula)



def close_tables(got, expected, rel=REL, abs_=ABS) -> None:
    assert len(got) == len(expected) and len(got[0]) == len(expected[0])
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        assert list(g_row) == pytest.approx(list(e_row), rel=rel, abs=abs_), f"row {i}"


# ------------------------------------------------------------------ data and the plain reference

@pytest.fixture(scope="module")
def subareas():
    """Helsinki's sub-areas as data/README.md describes them (region_subareas.subareas)."""
    return subareas_data()


def gross_block(d, ks) -> list[list[float]]:
    """A × 4·len(ks): per area in male, in female, out male, out female, moved one row down to the
    age at the end of the year (row 0 nothing, the open group the last two ages)."""
    table = [[0.0] * (4 * len(ks)) for _ in range(A)]
    for i, k in enumerate(ks):
        inward, outward = movers_by_start_age(d, k)
        for a in range(A):
            row = min(a + 1, A - 1)
            for s in (0, 1):
                table[row][4 * i + s] += inward[a]
                table[row][4 * i + 2 + s] += outward[a]
    return table


def city_gross_block() -> list[list[float]]:
    """The city's six flows summed by direction, A × 4Y, moved one row down."""
    inward, outward = realdata.helsinki_gross_flows()
    table = [[0.0] * (4 * Y) for _ in range(A)]
    for y in range(Y):
        for a in range(A):
            for s in (0, 1):
                table[min(a + 1, A - 1)][4 * y + s] += inward[y][a][s]
                table[min(a + 1, A - 1)][4 * y + 2 + s] += outward[y][a][s]
    return table


# ------------------------------------------------------------------ the Function Wizard, old workbooks

def test_area_factors_is_the_eighth_argument_in_english_finnish_and_swedish(office, office_fi, office_sv):
    for running, language in ((office, "en"), (office_fi, "fi"), (office_sv, "sv")):
        entry = running.function_descriptions()[NAMES[language]["POP.PROJECT"]]
        arguments = entry["Arguments"]
        assert len(arguments) == 8, language
        assert arguments[7].Name == FACTORS_ARGUMENT[language]
        assert arguments[7].IsOptional, language
        assert "K × 2" in arguments[7].Description and len(arguments[7].Description) > 100


# A saved workbook stores each call as the arguments it was given, e.g.
# of:=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT([$Inputs.A1:.B20];…;3): the version before area_factors
# wrote exactly these texts (the cells of its saved file, commit 5f98ccc). The test writes such a
# file itself and checks that it keeps these texts, opens and computes.
SEVEN_ARGUMENT_CALLS = {
    "A1:D20": "POPPROJECT($Inputs.A1:B20;$Inputs.F1:F5;$Inputs.H1:I20;$Inputs.K1:L20;3)",
    "F1:I40": 'POPPROJECT($Inputs.A1:B20;$Inputs.F1:F5;$Inputs.H1:I20;$Inputs.K1:L20;3;"both")',
    "K1:N14": 'POPPROJECT($Inputs.A1:D20;$Inputs.F1:F5;$Inputs.H1:I20;$Inputs.N1:U20;3;"components";'
              '"migration=gross;births=start;srb=1.04")',
}
SEVEN_ARGUMENT_SUM = ('=SUM(ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT($Inputs.A1:D20;$Inputs.F1:F5;$Inputs.H1:I20;'
                      '$Inputs.N1:U20;3;"areas";"migration=gross;out=rates"))')
STORED_TEXTS = [
    "of:=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT([$Inputs.A1:.B20];[$Inputs.F1:.F5];[$Inputs.H1:.I20];"
    "[$Inputs.K1:.L20];3)",
    "of:=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT([$Inputs.A1:.B20];[$Inputs.F1:.F5];[$Inputs.H1:.I20];"
    "[$Inputs.K1:.L20];3;&quot;both&quot;)",
    "of:=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT([$Inputs.A1:.D20];[$Inputs.F1:.F5];[$Inputs.H1:.I20];"
    "[$Inputs.N1:.U20];3;&quot;components&quot;;&quot;migration=gross;births=start;srb=1.04&quot;)",
]


def test_a_workbook_saved_with_seven_arguments_opens_and_computes(office, tmp_path):
    """POP.PROJECT with 5, 6 and 7 arguments, as array formulas and inside SUM, saved as .ods: the
    file holds the same call texts as one saved before the 8th argument existed, and opened again
    and recalculated hard every formula gives the value it had when saved (measured: identical; the
    file stores values as decimal text, hence 1e-12), with no error cell."""
    doc = office.new_calc()
    try:
        doc.Sheets.insertNewByName("Inputs", 0)
        inputs = office.sheet(doc, "Inputs")
        ages = range(20)
        office.put_block(inputs, 0, 1, [[300.0 - 5 * a + 7 * c for c in range(4)] for a in ages])  # A1:D20
        office.put_block(inputs, 5, 1, [[0.02 + 0.01 * i] for i in range(5)])                   # F1:F5
        office.put_block(inputs, 7, 1, [[0.002 + 0.004 * a, 0.001 + 0.003 * a] for a in ages])  # H1:I20
        office.put_block(inputs, 10, 1, [[3.0 - 0.2 * a, 2.0 - 0.1 * a] for a in ages])         # K1:L20
        office.put_block(inputs, 13, 1, [[4.0, 3.5, 0.03, 0.025] * 2 for _ in ages])            # N1:U20
        results = office.sheet(doc, 1)
        results.Name = "Results"
        for cell_range, call in SEVEN_ARGUMENT_CALLS.items():
            office.set_array_formula(results, cell_range, "=ORG.KUNTAPLAN.FUNCTIONS." + call)
        office.set_formula(results, "P1", SEVEN_ARGUMENT_SUM)
        office.recalc_hard(doc)
        saved_values = {r: office.values(results, r) for r in (*SEVEN_ARGUMENT_CALLS, "P1")}
        path = office.store_to(doc, tmp_path / "seven.ods", "calc8")
    finally:
        office.close(doc)
    with zipfile.ZipFile(path) as ods:
        content = ods.read("content.xml").decode("utf-8")
    for text in STORED_TEXTS:
        assert text in content, text
    doc = office.load(path)
    try:
        sheet = office.sheet(doc, "Results")
        stored = [sheet.getCellRangeByName(c).getFormula() for c in ("A1", "F1", "K1", "P1")]
        separators = [re.sub(r'"[^"]*"', "", f).count(";") for f in stored]  # outside the texts
        assert separators == [4, 5, 6, 6], stored  # 5, 6, 7 and 7 arguments
        office.recalc_hard(doc)
        assert office.error_cells(doc) == []
        for cell_range, before in saved_values.items():
            close_tables(office.values(sheet, cell_range), before, rel=1e-12, abs_=0)
        assert saved_values["P1"][0][0] > 1000  # the SUM is a real number, not an empty result
    finally:
        office.close(doc)


# ------------------------------------------------------------------ area_factors in three languages

def test_area_factors_scale_each_areas_rates(lang, subareas):
    """Three real sub-areas (Kruununhaka, Kamppi, the unknown 999) with their movers and made-up
    factors in one call, typed in each language: each area equals that area projected alone with
    its fertility × f and death probabilities × m (entered as array expressions). A blank factor
    cell is 1: the same call with the 1s of area 2 left blank gives the same numbers."""
    language, office, doc = lang
    d = subareas
    codes = [r["area_code"] for r in d["movers"]]
    ks = [codes.index("10"), codes.index("40"), codes.index("999")]
    factors = [[1.3, 1.0], [1.0, 1.25], [0.5, 0.8]]
    sheet = office.sheet(doc)
    put = lambda c, r, t: office.put_block(sheet, c, r, t)  # noqa: E731
    base = put(0, 1, [[row[2 * k + s] for k in ks for s in (0, 1)] for row in d["base"]])   # A1:F100
    fert = put(7, 1, d["fertility"])                                                       # H1:AB35
    mort = put(0, 200, d["mortality"])                                                     # A200:AP300
    gross = put(0, 400, gross_block(d, ks))                                                # A400:L499
    fac = put(30, 1, factors)                                                              # AE1:AF3
    blanks = put(33, 1, [[1.3, ""], ["", 1.25], [0.5, 0.8]])                               # AH1:AI3
    args = f"{base};{fert};{mort};{gross};{Y}"
    enter(office, language, sheet, "AT1:BO600", f'=POP.PROJECT({args};"both";"{REGION}";{fac})')
    together = office.values(sheet, "AT1:BO600")
    for i, k in enumerate(ks):
        f, m = factors[i]
        one_base = put(50 + 2 * i, 700, [[row[2 * k], row[2 * k + 1]] for row in d["base"]])
        one_gross = put(60 + 4 * i, 700, gross_block(d, [k]))
        out = block(80, 700 + 210 * i, 2 * A, Y + 1)
        # the factors by reference: typed as numbers they would need a decimal comma in fi and sv
        enter(office, language, sheet, out, f'=POP.PROJECT({one_base};{fert}*$AE${i + 1};{mort}*$AF${i + 1};'
                                            f'{one_gross};{Y};"both";"{REGION}")')
        close_tables(together[2 * A * i:2 * A * (i + 1)], office.values(sheet, out), rel=1e-12, abs_=1e-9)
        # and the plain reference of the model's step with these factors
        ref = existing_stock(d, k, f, m) if m == 1 else None
        if ref is not None:
            expected = [[ref[s][a][t] for t in range(Y + 1)] for s in (0, 1) for a in range(A)]
            close_tables(together[2 * A * i:2 * A * (i + 1)], expected)
    enter(office, language, sheet, "BQ1:CL600", f'=POP.PROJECT({args};"both";"{REGION}";{blanks})')
    assert office.values(sheet, "BQ1:CL600") == together


# ------------------------------------------------------------------ bad input

def bad_sheet() -> tuple[list[list], dict[str, str]]:
    """4 ages, 3 areas: good inputs and factor blocks with one defect each, side by side from
    column A; returns (rows of values, {name: A1 range})."""
    blocks = {
        "base": [[100.0, 90.0, 50.0, 40.0, 10.0, 12.0], [80.0, 85.0, 40.0, 45.0, 9.0, 8.0],
                 [70.0, 75.0, 30.0, 35.0, 7.0, 6.0], [60.0, 65.0, 20.0, 25.0, 5.0, 4.0]],
        "fert": [[0.1], [0.2], [""], [""]],  # ages 1-2 with fertile_from=1
        "qx": [[0.01, 0.01], [0.02, 0.02], [0.03, 0.03], [0.5, 0.5]],
        "lx": [[99000.0, 99100.0], [98000.0, 98200.0], [96000.0, 96500.0], [400000.0, 450000.0]],
        "net": [[1.0, 1.0], [2.0, -1.0], [0.0, 0.5], [-1.0, 0.0]],
        "good": [[1.2, 1.0], [0.8, 1.1], [1.0, 0.9], ["", ""]],  # row 4 blank: for "more rows"
        "negative": [[1.2, 1.0], [0.8, -0.1], [1.0, 0.9], ["", ""]],
        "text": [[1.2, 1.0], ["x", 1.1], [1.0, 0.9], ["", ""]],
        "huge": [[1.2, 1.0], [0.8, 1.1], [1001.0, 0.9], ["", ""]],
        "lx_mortality": [[1.2, 1.0], [0.8, 1.0], [1.0, 1.1], ["", ""]],
        "lx_fertility": [[1.2, 1.0], [0.8, 1.0], [1.0, 1.0], ["", ""]],
        "three_cols": [[1.2, 1.0, 1.0], [0.8, 1.1, 1.0], [1.0, 0.9, 1.0], ["", "", ""]],
    }
    rows, ranges, column = [[] for _ in range(4)], {}, 0
    for name, table in blocks.items():
        width = len(table[0])
        ranges[name] = block(column, 1, 4, width)
        if name in ("good", "negative", "text", "huge", "lx_mortality", "lx_fertility", "three_cols"):
            ranges[name] = block(column, 1, 3, width)  # 3 areas
        if name == "good":
            ranges["one_col"] = block(column, 1, 3, 1)
            ranges["two_rows"] = block(column, 1, 2, 2)
            ranges["four_rows"] = block(column, 1, 4, 2)
            ranges["one_area"] = block(column, 1, 1, 2)
        if name == "fert":
            ranges[name] = block(column, 1, 2, 1)
        for r in range(4):
            rows[r] += table[r]
        column += width
    return rows, ranges


def head(r, mortality="qx", base="base") -> str:
    return f'=POP.PROJECT({r[base]};{r["fert"]};{r[mortality]};{r["net"]};2;"total";'


def bad_input_formulas():
    _, r = bad_sheet()
    opts = '"fertile_from=1"'
    lx = '"fertile_from=1;mortality=Lx"'
    return [
        (f'{head(r)}{opts};{r["one_col"]})', "one column of factors"),
        (f'{head(r)}{opts};{r["three_cols"]})', "three columns of factors"),
        (f'{head(r)}{opts};{r["two_rows"]})', "fewer rows than areas"),
        (f'{head(r)}{opts};{r["four_rows"]})', "more rows than areas"),
        (f'{head(r)}{opts};{r["one_area"]})', "one pair for three areas"),
        (f'{head(r)}{opts};1.2)', "a single number"),
        (f'{head(r)}{opts};{r["negative"]})', "a negative mortality factor"),
        (f'{head(r)}{opts};{r["text"]})', "text among the factors"),
        (f'{head(r)}{opts};{r["huge"]})', "a factor above 1000"),
        (f'{head(r, "lx")}{lx};{r["lx_mortality"]})', "a mortality factor with mortality=Lx"),
    ]


def test_the_bad_input_sheet_works_where_it_is_good(office, calc):
    """The controls: the same calls with good factors give numbers (with mortality=Lx, fertility
    factors and mortality factors of 1), 1 × 2 factors are right for a single area, and factors
    change the result."""
    sheet = office.sheet(calc)
    rows, r = bad_sheet()
    office.put_block(sheet, 0, 1, rows)
    r["one_base"] = "A1:B4"
    controls = {
        "BA1:BC12": f'{head(r)}"fertile_from=1";{r["good"]})',
        "BA20:BC31": f'{head(r, "lx")}"fertile_from=1;mortality=Lx";{r["lx_fertility"]})',
        "BA40:BC43": f'{head(r, base="one_base")}"fertile_from=1";{r["one_area"]})',
        "BA50:BC61": f'{head(r)}"fertile_from=1")',
    }
    for cell_range, formula in controls.items():
        office.set_array_formula(sheet, cell_range, formula)
        got = office.values(sheet, cell_range)
        assert all(isinstance(v, float) for row in got for v in row), (formula, got)
    assert office.values(sheet, "BA1:BC12") != office.values(sheet, "BA50:BC61")


@pytest.mark.parametrize("formula,why", bad_input_formulas(), ids=[w for _, w in bad_input_formulas()])
def test_bad_input_gives_err502(office, calc, formula, why):
    sheet = office.sheet(calc)
    office.put_block(sheet, 0, 1, bad_sheet()[0])
    office.require_err502(sheet, "BA1:BC12", formula, why)


# ------------------------------------------------------------------ the worked example: 148 sub-areas

# The guide's figures (docs/guide/population.md, "Sub-areas"), to the rounding shown there.
GUIDE = {
    "city": (653835, 719886, 772827),
    "sum_of_subareas": (653835, 644645, 615616),
    "factor_min": (0.963, 2021, "male", 19),
    "factor_max": (1.965, 2040, "male", 40),
    "area_scaling": (1.09, 1.48),          # every sub-area with people in 2040
    "area_scaling_1000": (108, 1.15, 1.31),  # the sub-areas with 1,000 or more (unreconciled)
    "area_scaling_median": 1.26,
}


def put_formulas(sheet, cell_range: str, rows) -> None:
    sheet.getCellRangeByName(cell_range).setFormulaArray(tuple(tuple(r) for r in rows))


@pytest.fixture(scope="module")
def worked_example(office, subareas):
    """The guide's workbook, built as it says: sheets Base, Fertility, Mortality (per person),
    Areas (the movers file; factors = 1 + deviation/100 and the profile columns found by MATCH, as
    formulas), Profiles, Gross (the per-area gross block by INDEX formulas), City; the projections
    and the reconciliation as array formulas. Returns the values read back."""
    d = subareas
    K = len(d["names"])
    doc = office.new_calc()
    sheets = doc.Sheets
    for i, name in enumerate(["Base", "Fertility", "Mortality", "Areas", "Profiles", "Gross", "City",
                              "Stock", "Reconciled"]):
        if i == 0:
            sheets.getByIndex(0).Name = name
        else:
            sheets.insertNewByName(name, i)
    sh = {name: sheets.getByName(name) for name in sheets.getElementNames()}
    office.put_block(sh["Base"], 0, 1, d["base"])              # A1:KJ100
    office.put_block(sh["Fertility"], 0, 1, d["fertility"])    # A1:U35
    office.put_block(sh["Mortality"], 0, 1, d["mortality"])    # A1:AP101
    types = sorted({r["migration_type"] for r in d["movers"]}, key=int)
    headers = [f"{t} {direction}" for t in types for direction in ("in", "out")]
    office.put_block(sh["Profiles"], 0, 1, [["age"] + headers] +
                     [[a] + [d["profiles"][(t, direction)][a] for t in types for direction in ("in", "out")]
                      for a in range(A)])
    last_profile = col(len(headers))
    office.put_block(sh["Areas"], 0, 1, [["code", "name", "in", "out", "type", "fertility %", "mortality %"]] +
                     [[int(r["area_code"]), r["area_name"], float(r["in_movers_per_year"]),
                       float(r["out_movers_per_year"]), int(r["migration_type"]),
                       float(r["fertility_deviation_pct"]), float(r["mortality_deviation_pct"])]
                      for r in d["movers"]])
    put_formulas(sh["Areas"], f"H2:K{K + 1}", [
        [f"=1+F{r}/100", f"=1+G{r}/100",
         f'=MATCH(E{r}&" in";$Profiles.$B$1:${last_profile}$1;0)',
         f'=MATCH(E{r}&" out";$Profiles.$B$1:${last_profile}$1;0)'] for r in range(2, K + 2)])
    # Gross: the movers of area k = INT((COLUMN()-2)/4)+1, in (columns 1-2 of its group) or out
    # (3-4), × the profile of the age one younger (row r holds age r-2 at the end of the year, its
    # profile row is r-2 in Profiles B2:…, which starts at age 0); ÷ 2 for each sex.
    area = "INT((COLUMN()-2)/4)+1"
    which = "1+(MOD(COLUMN()-2;4)>1)"
    profile = f"$Profiles.$B$2:${last_profile}$101"
    column = f"INDEX($Areas.$J$2:$K${K + 1};{area};{which})"
    movers = f"INDEX($Areas.$C$2:$D${K + 1};{area};{which})/2"
    last = col(4 * K)
    office.set_values(sh["Gross"], f"B2:{last}2", [[0.0] * (4 * K)])
    put_formulas(sh["Gross"], f"B3:{last}100",
                 [[f"={movers}*INDEX({profile};ROW()-2;{column})"] * (4 * K) for _ in range(3, 101)])
    put_formulas(sh["Gross"], f"B101:{last}101",
                 [[f"={movers}*(INDEX({profile};99;{column})+INDEX({profile};100;{column}))"] * (4 * K)])
    office.put_block(sh["City"], 0, 1, realdata.helsinki_base())     # A1:B100
    office.put_block(sh["City"], 3, 1, city_gross_block())           # D1:CI100
    rates = "$Fertility.$A$1:$U$35;$Mortality.$A$1:$AP$101"
    stock = f"$Base.$A$1:$KJ$100;{rates};$Gross.$B$2:${last}$101;{Y}"
    factors = f"$Areas.$H$2:$I${K + 1}"
    city = f"$City.$A$1:$B$100;{rates};$City.$D$1:$CI$100;{Y}"
    n = K * A
    out_cols = {"male": (0, "A", "V"), "female": (23, "X", "AS")}
    for sex, (_, first, end) in out_cols.items():
        office.set_array_formula(sh["Stock"], f"{first}1:{end}{n}",
                                 f'=POP.PROJECT({stock};"{sex}";"{REGION}";{factors})')
        office.set_array_formula(sh["City"], f"{first}200:{end}299", f'=POP.PROJECT({city};"{sex}";"{REGION}")')
        office.set_array_formula(sh["Reconciled"], f"{first}1:{end}{n}",
                                 f"=POP.CONSTRAIN($Stock.${first}$1:${end}${n};$City.${first}$200:${end}$299)")
    office.set_array_formula(sh["Stock"], f"AU1:BP{7 * K}", f'=POP.PROJECT({stock};"components";"{REGION}";{factors})')
    assert office.error_cells(doc) == []
    values = dict(
        gross=office.values(sh["Gross"], f"B2:{last}101"),
        factors=office.values(sh["Areas"], f"H2:I{K + 1}"),
        components=office.values(sh["Stock"], f"AU1:BP{7 * K}"),
    )
    for sex, (_, first, end) in out_cols.items():
        values[f"stock_{sex}"] = office.values(sh["Stock"], f"{first}1:{end}{n}")
        values[f"city_{sex}"] = office.values(sh["City"], f"{first}200:{end}299")
        values[f"reconciled_{sex}"] = office.values(sh["Reconciled"], f"{first}1:{end}{n}")
    office.close(doc)
    return values


def test_the_gross_block_by_formulas_is_movers_times_profiles(subareas, worked_example):
    """The guide's INDEX formulas build the block the model describes (in- and out-movers per year
    × the type's share ÷ 2, moved one row down), and the factors are 1 + deviation/100."""
    d = subareas
    K = len(d["names"])
    close_tables(worked_example["gross"], gross_block(d, range(K)), rel=1e-15, abs_=0)
    close_tables(worked_example["factors"], [list(factors_of(d, k)) for k in range(K)], rel=1e-15, abs_=0)
    # the sum over every area and age is what the movers file says: in 67,986.2, out 69,215.2 a year
    assert round(sum(v for row in worked_example["gross"] for j, v in enumerate(row) if j % 4 < 2), 1) == 67986.2
    assert round(sum(v for row in worked_example["gross"] for j, v in enumerate(row) if j % 4 > 1), 1) == 69215.2
    # the guide's case against out-migration rates: of the age-sex cells with out-movers (by the
    # age at the start of the year), 3,903 have nobody in 2019 and 47 fewer people than out-movers
    cells = [(movers_by_start_age(d, k)[1][a], d["base"][a][2 * k + s])
             for k in range(K) for a in range(A) for s in (0, 1)]
    with_movers = [(out, people) for out, people in cells if out > 0]
    assert (len(with_movers), sum(people == 0 for _, people in with_movers),
            sum(0 < people < out for out, people in with_movers)) == (27008, 3903, 47)
    assert len({r["migration_type"] for r in d["movers"]}) == 17  # of the profiles' 19 types


def test_each_subarea_is_the_existing_stock_model(subareas, worked_example):
    """All 148 sub-areas, 2020-2040: each equals the plain existing-stock step (VKENN) with its
    fertility factor, both sexes, every age and year."""
    d = subareas
    for k in range(len(d["names"])):
        ref = existing_stock(d, k)
        for s, sex in enumerate(("male", "female")):
            got = worked_example[f"stock_{sex}"][A * k:A * (k + 1)]
            close_tables(got, [[ref[s][a][t] for t in range(Y + 1)] for a in range(A)])


def test_reconciled_subareas_add_up_to_the_city(worked_example):
    """POP.CONSTRAIN per sex: the city's projection is the region model's (719,886 in 2030,
    772,827 in 2040); the reconciled sub-areas add up to it in every age, sex and year, and each
    cell is the unreconciled one × city / sum of the sub-areas of its age, sex and year."""
    city = city_projection()
    for s, sex in enumerate(("male", "female")):
        close_tables(worked_example[f"city_{sex}"], [[city[s][a][t] for t in range(Y + 1)] for a in range(A)])
        stock, reconciled = worked_example[f"stock_{sex}"], worked_example[f"reconciled_{sex}"]
        K = len(stock) // A
        for a in range(A):
            for t in range(Y + 1):
                part = [stock[A * k + a][t] for k in range(K)]
                factor = city[s][a][t] / sum(part)
                got = [reconciled[A * k + a][t] for k in range(K)]
                assert sum(got) == pytest.approx(city[s][a][t], rel=1e-12)
                assert got == pytest.approx([p * factor for p in part], rel=1e-12, abs=1e-9), (sex, a, t)


def test_the_guides_figures(subareas, worked_example):
    """The figures docs/guide/population.md quotes: the unreconciled sum against the city, the
    range of the reconciliation factors, each sub-area's implied scaling in 2040, and the
    out-movers the zero floor kept."""
    d = subareas
    K = len(d["names"])
    total = lambda key, t: sum(worked_example[f"{key}_male"][i][t] + worked_example[f"{key}_female"][i][t]  # noqa: E731
                               for i in range(len(worked_example[f"{key}_male"])))
    assert tuple(round(total("city", t)) for t in (0, 11, 21)) == GUIDE["city"]
    assert tuple(round(total("stock", t)) for t in (0, 11, 21)) == GUIDE["sum_of_subareas"]
    assert tuple(round(total("reconciled", t)) for t in (0, 11, 21)) == GUIDE["city"]
    factors = []
    for sex in ("male", "female"):
        stock, city = worked_example[f"stock_{sex}"], worked_example[f"city_{sex}"]
        for a in range(A):
            for t in range(Y + 1):
                factors.append((city[a][t] / sum(stock[A * k + a][t] for k in range(K)), 2019 + t, sex, a))
    low, high = min(factors), max(factors)
    assert (round(low[0], 3), low[1], low[2], low[3]) == GUIDE["factor_min"]
    assert (round(high[0], 3), high[1], high[2], high[3]) == GUIDE["factor_max"]
    assert all(f == pytest.approx(1, rel=1e-12) for f, year, _, _ in factors if year == 2019)
    high_ones = [(year, age) for f, year, _, age in factors if f > 1.7]
    assert {a for _, a in high_ones} == set(range(27, 44)) and {y for y, _ in high_ones} == set(range(2030, 2041))
    assert (sum(f < 1 for f, *_ in factors), len(factors)) == (337, 4400)
    # "a mortality factor up to 2.5 never reaches 1": Helsinki's largest q of 2020-2040 is 0.399
    assert round(max(max(row) for row in d["mortality"]), 3) == 0.399
    scaling = []
    for k in range(K):
        before = sum(worked_example[f"stock_{sex}"][A * k + a][Y] for sex in ("male", "female") for a in range(A))
        after = sum(worked_example[f"reconciled_{sex}"][A * k + a][Y] for sex in ("male", "female") for a in range(A))
        if before > 0:
            scaling.append((after / before, d["names"][k], before))
    scaling.sort()
    assert (round(scaling[0][0], 2), round(scaling[-1][0], 2)) == GUIDE["area_scaling"]
    large = [x for x in scaling if x[2] >= 1000]
    assert (len(large), round(large[0][0], 2), round(large[-1][0], 2)) == GUIDE["area_scaling_1000"]
    assert round(scaling[len(scaling) // 2][0], 2) == GUIDE["area_scaling_median"]
    print("\nsum of the sub-areas / city:", [round(total("stock", t)) for t in (0, 11, 21)],
          [round(total("city", t)) for t in (0, 11, 21)])
    print("reconciliation factor range:", low, high)
    print("2040 scaling of a sub-area's total:", scaling[:3], scaling[-3:])
    # Out-migration: the movers file's 69,215.2 out-movers a year are counts, and a cohort cannot
    # go below zero, so a few could not leave (the model sets negative cells to 0 likewise).
    comp = worked_example["components"]
    given = sum(v for row in worked_example["gross"] for j, v in enumerate(row) if j % 4 > 1)
    left = [sum(comp[7 * k + 4][t] for k in range(K)) for t in range(1, Y + 1)]
    kept = [given - v for v in left]
    assert all(0 <= v < 100 for v in kept), kept
    print("out-movers kept by the zero floor, 2020..2040:", [round(v) for v in kept])
