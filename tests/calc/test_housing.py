"""POP.HOUSING in real headless Calc with the built .oxt: its names in an English, a Finnish and a
Swedish office; Helsinki's housing programme (all 149 development units of
data/fi_helsinki_housing_completions_2020_2035.csv, 21 years to 2040) against a plain Python
transcription of the recursion (housing_data.plain_housing, written from the contract and the
guide, not from the add-in), with the figures the guide states; and the bad-input matrix (each →
Err:502).

Tolerance: 1e-9 relative (1e-9 people below one person). A unit's year is some ten operations per
age on numbers below 1e5, so rounding stays near 1e-13 relative after 21 years; the two
implementations differ in the order of their sums only."""

from __future__ import annotations

import pytest

import housing_data as hd
from kpoffice import a1_block as block
from conftest import enter_localised

Y = hd.YEARS
REL = 1e-9

NAMES = {
    "en": "POP.HOUSING",
    "fi": "VÄESTÖ.UUDISTUOTANTO",
    "sv": "BEF.NYPRODUKTION",
}


def enter(office, language: str, sheet, cell_range: str, formula: str) -> None:
    """`formula` as an array formula over `cell_range`, typed with `language`'s function names."""
    enter_localised(office, {"POP.HOUSING": NAMES[language]}, sheet, cell_range, formula)



def close_tables(got, expected, rel=REL) -> None:
    assert len(got) == len(expected) and len(got[0]) == len(expected[0])
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        assert list(g_row) == pytest.approx(list(e_row), rel=rel, abs=1e-9), f"row {i}"


@pytest.fixture(scope="module")
def helsinki():
    return hd.programme()


@pytest.fixture(scope="module")
def reference(helsinki):
    """The plain recursion with the defaults (births=mean, srb 1.05, half the arrivals male)."""
    return hd.plain_housing(helsinki, helsinki.retention)


class Sheet:
    """The programme on one sheet: completions A1:P149, types R1:R149, building T1:U7, profiles
    W1:AC100, retention (7 types) AE1:AK100, the data's 5 retention columns AM1:AQ100, fertility
    AS1:BM35, mortality A200:AP300."""

    def __init__(self, office, doc, p: hd.Programme):
        self.office, self.sheet = office, office.sheet(doc)
        put = lambda c, r, t: office.put_block(self.sheet, c, r, t)  # noqa: E731
        self.completions = put(0, 1, p.completions)
        self.types = put(17, 1, p.types)
        self.building = put(19, 1, p.building)
        self.profiles = put(22, 1, p.profiles)
        self.retention = put(30, 1, p.retention)
        self.retention5 = put(38, 1, p.retention5)
        self.fertility = put(44, 1, p.fertility)
        self.mortality = put(0, 200, p.mortality)

    def args(self, retention: str | None = None, years: int = Y) -> str:
        return (f"{self.completions};{self.types};{self.building};{self.profiles};"
                f"{retention or self.retention};{self.fertility};{self.mortality};{years}")


# ------------------------------------------------------------------ names in three languages

def test_housing_is_in_the_function_wizard_in_english_finnish_and_swedish(office, office_fi, office_sv):
    english = office.function_descriptions()["POP.HOUSING"]
    assert [a.Name for a in english["Arguments"]] == [
        "completions", "types", "building", "profiles", "retention", "fertility", "mortality", "years",
        "output", "options"]
    assert "new housing" in english["Description"]
    for running, language in ((office_fi, "fi"), (office_sv, "sv")):
        found = running.function_descriptions()
        name = NAMES[language]
        assert name in found and "POP.HOUSING" not in found, language
        entry = found[name]
        assert entry["Description"] != english["Description"]
        assert len(entry["Arguments"]) == 10
        assert [a.Name for a in entry["Arguments"]] != [a.Name for a in english["Arguments"]]
        assert all(len(a.Description) > 40 for a in entry["Arguments"])
        doc = running.new_calc()
        try:
            cell = running.set_formula(running.sheet(doc), "A1", f"={name}(B1:C2;D1:D2;E1:F1;G1:G5;H1:H5;I1;J1:K5;3)",
                                       local=True)
            assert cell.Formula == "=ORG.KUNTAPLAN.FUNCTIONS.POPHOUSING(B1:C2;D1:D2;E1:F1;G1:G5;H1:H5;I1;J1:K5;3)"
        finally:
            running.close(doc)


# ------------------------------------------------------------------ Helsinki's programme

def test_helsinki_units_and_arrivals_agree_with_the_plain_recursion(lang, helsinki, reference):
    """All 149 units to 2040: "units" (residents per unit, 2019 base = 0) and "arrivals" equal the
    plain recursion; in Finnish and Swedish typed with the local name and, in Finnish, an option
    with a decimal comma."""
    language, office, doc = lang
    s = Sheet(office, doc, helsinki)
    options = "male_share=0,5" if language == "fi" else ""
    enter(office, language, s.sheet, block(0, 400, 149, Y + 1), f'=POP.HOUSING({s.args()};"units";"{options}")')
    enter(office, language, s.sheet, block(30, 400, 149, Y), f'=POP.HOUSING({s.args()};"arrivals")')
    pop, arrivals = reference
    units = office.values(s.sheet, block(0, 400, 149, Y + 1))
    assert [row[0] for row in units] == [0.0] * 149
    close_tables(units, hd.units_table(pop))
    close_tables(office.values(s.sheet, block(30, 400, 149, Y)), arrivals)
    # every m² completed 2020-35 has arrived by 2036, at each type's m² per resident
    expected = sum(sum(row) / helsinki.building[int(t) - 1][0] for row, (t,) in zip(helsinki.completions, helsinki.types))
    assert sum(map(sum, office.values(s.sheet, block(30, 400, 149, Y)))) == pytest.approx(expected, rel=1e-12)


def test_helsinki_by_age_with_the_region_models_conventions(office_fi, helsinki):
    """Births from the women at the start of the year, 51 % boys and 48 % of the arrivals male,
    typed in Finnish with decimal commas: "both" (males then females per unit, 29,800 rows) equals
    the plain recursion with the same conventions."""
    doc = office_fi.new_calc()
    try:
        s = Sheet(office_fi, doc, helsinki)
        options = "births=start;srb=1,04081632653061;male_share=0,48"
        target = block(0, 400, 149 * 2 * hd.AGES, Y + 1)
        enter(office_fi, "fi", s.sheet, target, f'=POP.HOUSING({s.args()};"both";"{options}")')
        pop, _ = hd.plain_housing(helsinki, helsinki.retention, births_start=True, srb=1.04081632653061,
                                  male_share=0.48)
        expected = [[unit[sex][a][t] for t in range(Y + 1)] for unit in pop for sex in (0, 1) for a in range(hd.AGES)]
        close_tables(office_fi.values(s.sheet, target), expected)
    finally:
        office_fi.close(doc)


def test_helsinki_total_bands_and_the_guides_figures(office, calc, helsinki, reference):
    """"total" (149 × 100 rows) and "bands=7,16" equal the plain recursion, and the figures
    docs/guide/population.md states come out of the add-in to the rounding shown there."""
    s = Sheet(office, calc, helsinki)
    total = block(0, 400, 149 * hd.AGES, Y + 1)
    office.set_array_formula(s.sheet, total, f"=POP.HOUSING({s.args()})")  # output and options omitted
    pop, _ = reference
    close_tables(office.values(s.sheet, total), hd.total_table(pop))
    banded = block(30, 400, 149 * 2, Y + 1)
    office.set_array_formula(s.sheet, banded, f'=POP.HOUSING({s.args()};"total";"bands=7,16")')
    children = office.values(s.sheet, banded)
    close_tables(children, hd.total_table(pop, bands=[7, 16]))

    office.set_array_formula(s.sheet, block(60, 400, 149, Y + 1), f'=POP.HOUSING({s.args()};"units")')
    units = office.values(s.sheet, block(60, 400, 149, Y + 1))
    residents = [sum(row[t] for row in units) for t in range(Y + 1)]
    assert [round(residents[11], -2), round(residents[21], -2)] == [140_600, 237_000]  # end of 2030, 2040
    young = [sum(children[2 * u][t] for u in range(149)) for t in (11, 21)]
    assert [round(v, -1) for v in young] == [9_650, 19_580]
    by_area: dict[int, list[float]] = {}
    for u, code in enumerate(helsinki.codes):
        area = by_area.setdefault(code, [0.0, 0.0])
        area[0] += children[2 * u][11]
        area[1] += children[2 * u][21]
    # the guide's table: the largest new areas by floor area completed 2020-35
    assert {code: [round(v) for v in by_area[code]] for code in (203, 494, 102, 385, 204)} == {
        203: [873, 1195], 494: [468, 1097], 102: [1037, 725], 385: [133, 678], 204: [176, 693]}

    # with the data's five retention columns, the one type-6 unit (sub-area 465) makes the call an error
    office.require_err502(s.sheet, block(100, 400, 149, Y + 1), f'=POP.HOUSING({s.args(s.retention5)};"units")',
                          "a building type without retention coefficients")


# ------------------------------------------------------------------ bad input

SMALL = dict(
    completions=[[1000.0, 0.0, 500.0], [0.0, 2000.0, 0.0]],
    types=[[1.0], [2.0]],
    building=[[40.0, 0.05], [45.0, 0.1], [50.0, 0.0]],
    profiles=[[0.1, 0.3, 0.2], [0.2, 0.3, 0.2], [0.4, 0.2, 0.2], [0.2, 0.1, 0.2], [0.1, 0.1, 0.2]],
    retention=[[1.1, 1.0, 0.9], [1.0, 1.0, 0.9], [0.95, 1.0, 0.9], [0.9, 1.0, 0.9], [1.0, 1.0, 0.9]],
    fertility=[[0.05], [0.0]],  # fertile ages 2 and 3 (fertile_from=2); one value would be refused
    mortality=[[0.01, 0.01]] * 5 + [[0.002, 0.003]],  # the last row: those born in the year
)
ORDER = ("completions", "types", "building", "profiles", "retention", "fertility", "mortality")


def with_(name: str, value):
    return {**SMALL, name: value}


def changed(name: str, row: int, col: int, value):
    table = [list(r) for r in SMALL[name]]
    table[row][col] = value
    return with_(name, table)


# (why, inputs, years, output, options)
BAD = [
    ("a negative floor area", changed("completions", 1, 1, -5.0), 3, "total", ""),
    ("text in completions", changed("completions", 0, 2, "500 m2"), 3, "total", ""),
    ("a blank in profiles", changed("profiles", 2, 1, ""), 3, "total", ""),
    ("a type above the building table's rows", changed("types", 1, 0, 4.0), 3, "total", ""),
    ("type 0", changed("types", 0, 0, 0.0), 3, "total", ""),
    ("a type that is not whole", changed("types", 0, 0, 1.5), 3, "total", ""),
    ("a type without a retention column", {**with_("types", [[1.0], [3.0]]),
                                           "retention": [r[:2] for r in SMALL["retention"]]}, 3, "total", ""),
    ("a type whose profile is all zero", {**with_("types", [[1.0], [3.0]]),
                                          "profiles": [r[:2] + [0.0] for r in SMALL["profiles"]]}, 3, "total", ""),
    ("zero m² per resident", changed("building", 1, 0, 0.0), 3, "total", ""),
    ("negative m² per resident", changed("building", 0, 0, -40.0), 3, "total", ""),
    ("a vacancy of 5 (percent, not a share)", changed("building", 2, 1, 5.0), 3, "total", ""),
    ("a negative vacancy", changed("building", 0, 1, -0.1), 3, "total", ""),
    ("negative retention", changed("retention", 0, 0, -0.2), 3, "total", ""),
    ("qx above 1", changed("mortality", 3, 1, 1.5), 3, "total", ""),
    ("types with a row more than completions", with_("types", [[1.0], [2.0], [1.0]]), 3, "total", ""),
    ("types in two columns", with_("types", [[1.0, 1.0], [2.0, 2.0]]), 3, "total", ""),
    ("building with 3 columns", with_("building", [r + [0.0] for r in SMALL["building"]]), 3, "total", ""),
    ("profiles with more columns than building types", with_("profiles", [r + [0.1] for r in SMALL["profiles"]]),
     3, "total", ""),
    ("retention with fewer ages than profiles", with_("retention", SMALL["retention"][:4]), 3, "total", ""),
    ("mortality with fewer ages than profiles", with_("mortality", SMALL["mortality"][:4]), 3, "total", ""),
    ("mortality with two rows more than profiles", with_("mortality", SMALL["mortality"] + [[0.1, 0.1]]), 3,
     "total", ""),
    ("fertility past the last age", with_("fertility", [[0.05], [0.05], [0.05], [0.05]]), 3, "total", ""),
    ("0 years", SMALL, 0, "total", ""),
    ("1001 years", SMALL, 1001, "total", ""),
    ("an unknown output", SMALL, 3, "components", ""),
    ("bands with units", SMALL, 3, "units", "bands=0,2"),
    ("an unknown option", SMALL, 3, "total", "colour=red"),
    ("migration, which retention replaces", SMALL, 3, "total", "migration=gross"),
    ("step=5", SMALL, 3, "total", "step=5"),
    ("male_share above 1", SMALL, 3, "total", "male_share=2"),
]


def put_inputs(office, sheet, row: int, inputs: dict) -> str:
    """The seven input ranges side by side from `row`; returns them as arguments."""
    col, refs = 0, []
    for name in ORDER:
        table = inputs[name]
        refs.append(office.put_block(sheet, col, row, table))
        col += len(table[0]) + 1
    return ";".join(refs)


def test_bad_input_gives_err502(office, calc):
    sheet = office.sheet(calc)
    good = put_inputs(office, sheet, 1, SMALL)
    office.set_array_formula(sheet, "AA1:AD10", f'=POP.HOUSING({good};3;"total";"fertile_from=2")')
    values = office.values(sheet, "AA1:AD10")
    small = hd.Programme([1, 2], ["a", "b"], SMALL["completions"], SMALL["types"], SMALL["building"],
                         SMALL["profiles"], SMALL["retention"], SMALL["fertility"], SMALL["mortality"])
    pop, _ = hd.plain_housing(small, SMALL["retention"], 3, fertile_from=2)
    close_tables(values, hd.total_table(pop))
    assert values[0][1] == pytest.approx(2.375, rel=1e-15)  # 1000 m² × 0.95 / 40 × 0.1 aged 0 in year 1
    for i, (why, inputs, years, output, options) in enumerate(BAD):
        row = 20 + 10 * i
        args = put_inputs(office, sheet, row, inputs)
        extra = ";".join(o for o in ("fertile_from=2", options) if o)
        office.require_err502(sheet, f"AA{row}:AD{row + 9}", f'=POP.HOUSING({args};{years};"{output}";"{extra}")',
                              why)


def test_bad_input_gives_err502_in_finnish(office_fi, calc_fi):
    """The same errors typed in Finnish with the local name: a negative floor area, a type out of
    range, zero m² per resident and a vacancy outside 0..1."""
    sheet = office_fi.sheet(calc_fi)
    for i, inputs in enumerate((changed("completions", 1, 1, -5.0), changed("types", 1, 0, 4.0),
                                changed("building", 1, 0, 0.0), changed("building", 2, 1, 5.0))):
        row = 20 + 10 * i
        args = put_inputs(office_fi, sheet, row, inputs)
        enter(office_fi, "fi", sheet, f"AA{row}:AD{row + 9}", f'=POP.HOUSING({args};3;"total";"fertile_from=2")')
        assert office_fi.values(sheet, f"AA{row}")[0][0] == "Err:502", inputs
