"""The school-network template as shipped in the .oxt (templates/Kuntaplan/school-network.ots), in real
headless Calc: Helsinki's 148 sub-areas to 2040 as existing stock (POP.PROJECT with area_factors)
plus the housing programme's 149 development units (POP.HOUSING), reconciled per sex, age band and
year to the city's projection (POP.CONSTRAIN), then pupils of grades 1-9 per sub-area, per unit and
per EXAMPLE school (one per Helsinki district).

The template is opened once per module as a new document from its template file, hard-recalculated,
and every named range it exposes is compared with tests/calc/school_model.py, a plain-Python
transcription of the same chain written from data/README.md, docs/guide/population.md and the
template's specification (it shares no code with the add-in or with make_school_network.py).

Tolerance: every projected cell is a sum of some 10 terms per year below 1e4 people (survivors,
in-movers, out-movers, births of 35 ages; for new housing the retained cohorts and the arrivals),
carried over 21 years, then banded (at most 84 ages added), scaled by a factor that is a quotient of
a sum of 297 parts, and summed again into pupils (9 ages × 2 sexes, up to 9 sub-areas per school).
Double rounding of such a chain stays near 1e-12 relative (1e-16 per operation × some 1e4
operations in the longest dependency), so the template must equal the reference to 1e-9 relative,
with 1e-6 people absolute where a cell is near zero (an existing-stock cohort that in- and
out-movers nearly cancel, before the zero floor, or a unit before its first completion). The
reconciliation factors are never near zero (0.85..1.005), so they are held to 1e-9 relative alone.
Identities the template computes from its own cells (the parts of a sum against the sum) hold to
1e-12 relative.
"""

from __future__ import annotations

import zipfile

import pytest

import school_model

TEMPLATE = "templates/Kuntaplan/school-network.ots"
REL, ABS = 1e-9, 1e-6
SAME = 1e-12            # parts against their sum, both in the template

K, U, S, T, NB, G = 148, 149, 34, 22, 11, 9
I2019, I2030, I2040 = 0, 11, 21

SHAPES = {
    "Years": (1, T),
    "SchoolCodes": (S, 1),
    "Capacity": (S, 1),
    "SchoolPupils": (S, T),
    "SchoolExisting": (S, T),
    "SchoolNew": (S, T),
    "Gap": (S, T),
    "AreaCodes": (K, 1),
    "AreaSchool": (K, 1),
    "AreaExistingPupils": (K, T),
    "UnitCodes": (U, 1),
    "UnitPupils": (U, T),
    "UnitResidents": (U, T),
    "SubareaGrades": (G * K, T),
    "CityPupils": (1, T),
    "UnlocatedPupils": (1, T),
    "Factors": (2 * NB, T),
    "NewResidents": (1, T),
    "NewResidentsReconciled": (1, T),
    "Check": (1, 1),
    "LargestNewArea": (S, 1),
    "LargestNewPupils": (S, 1),
}
LABELS = ("Years", "SchoolCodes", "AreaCodes", "AreaSchool", "UnitCodes")
NUMBERS = ("SchoolPupils", "SchoolExisting", "SchoolNew", "Gap", "AreaExistingPupils", "UnitPupils",
           "UnitResidents", "SubareaGrades", "CityPupils", "UnlocatedPupils", "NewResidents",
           "NewResidentsReconciled")

# The figures the guide quotes (docs/guide/population.md and docs/guide/network.md), to the rounding
# shown there, from school_model.py with the template's options (births=start, srb 0.51/0.49, half
# the arrivals men, types 6/7 with the retention of types 4/3).
GUIDE = {
    # residents of all new housing, end of 2030 and 2040, to the hundred
    "new_residents": (140_500, 236_800),
    "new_residents_reconciled": (128_500, 214_800),
    # children 7-15 of the units of the largest new areas, reconciled, 2030 and 2040
    "unit_children": {203: (786, 1068), 494: (420, 972), 102: (936, 660), 385: (120, 607), 204: (158, 625)},
    # the same before reconciliation
    "unit_children_unreconciled": {203: (872, 1182), 494: (467, 1075), 102: (1037, 733), 385: (133, 671),
                                   204: (176, 691)},
    # the city's pupils (ages 7-15) and those of the unknown sub-area 999, 2019 / 2030 / 2040
    "city_pupils": (53_657, 56_319, 55_297),
    "unlocated_pupils": (945, 438, 237),
    # the new-housing pupils of all schools, 2030 and 2040
    "new_housing_pupils": (8_676, 17_551),
    # reconciliation factors (city ÷ sum of the parts per sex, band, year): (factor, sex, band, year)
    "factor_min": (0.850, "male", "7", 2035),
    "factor_max": (1.005, "female", "14", 2021),
    # schools with more pupils in 2030 than in 2019, and with fewer
    "schools_growing_2030": 19,
    "schools_shrinking_2030": 15,
    # the largest growth 2019 → 2030: district code and pupils added
    "largest_growth_2030": ((31, 2154), (13, 1093), (34, 892)),
    # with the template's EXAMPLE capacities: schools short of places in 2030 and 2040
    "short_2030": 13,
    "short_2040": 14,
    # network.md's table: district → (capacity, pupils 2030, gap 2030, % from new housing, the new
    # area adding the most (its sub-area code) and its pupils), sheet Drivers with focus year 2030
    "drivers_2030": {31: (950, 3046, -2096, 50, 102, 936), 13: (2700, 3617, -917, 22, 203, 451),
                     34: (550, 1395, -845, 54, 174, 467), 33: (950, 1488, -538, 14, 212, 107),
                     41: (850, 1098, -248, 40, 286, 360), 72: (1350, 1574, -224, 29, 454, 463)},
    # the largest gaps of 2040
    "largest_gaps_2040": ((31, -1794), (34, -1146), (72, -806), (33, -687), (13, -658), (63, -483)),
}


def close_tables(got, expected, rel=REL, abs_=ABS, what="") -> None:
    assert (len(got), len(got[0])) == (len(expected), len(expected[0])), what
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        assert list(g_row) == pytest.approx(list(e_row), rel=rel, abs=abs_), f"{what} row {i}"


def column(table, t: int) -> list[float]:
    return [row[t] for row in table]


# ------------------------------------------------------------------ fixtures: open once, compute once

@pytest.fixture(scope="module")
def template(office, oxt, tmp_path_factory):
    """The shipped template opened as a new document and hard-recalculated: its error cells and the
    values of every named range of SHAPES that it has (the document is closed again at once)."""
    folder = tmp_path_factory.mktemp("school_network")
    with zipfile.ZipFile(oxt) as z:
        z.extract(TEMPLATE, folder)
    doc = office.load(folder / TEMPLATE, as_template=True)
    try:
        office.recalc_hard(doc)
        errors = office.error_cells(doc)
        names = doc.NamedRanges
        values = {name: office.range_values(names.getByName(name).getReferredCells())
                  for name in SHAPES if names.hasByName(name)}
    finally:
        office.close(doc)
    return dict(errors=errors, values=values)


@pytest.fixture(scope="module")
def model():
    return school_model.model()


@pytest.fixture(scope="module")
def expected(model, template):
    """The reference's named ranges, with the template's own (EXAMPLE) capacities for Gap."""
    capacity = [row[0] for row in template["values"]["Capacity"]]
    return school_model.named_ranges(model, capacity)


# ------------------------------------------------------------------ the template opens and is complete

def test_the_template_recalculates_without_an_error_cell_and_check_is_true(template):
    assert template["errors"] == []
    assert template["values"]["Check"] == [[1.0]]


def test_every_named_range_is_there_with_its_shape(template):
    values = template["values"]
    assert sorted(set(SHAPES) - set(values)) == []
    assert {name: (len(v), len(v[0])) for name, v in values.items()} == SHAPES


def test_the_capacities_are_places_of_each_school(template):
    """Capacity is an EXAMPLE input of the template: a positive number of places per school."""
    capacity = [row[0] for row in template["values"]["Capacity"]]
    assert all(isinstance(c, float) and c > 0 for c in capacity), capacity


@pytest.mark.parametrize("name", LABELS)
def test_years_and_codes(template, expected, name):
    """The years 2019..2040, the 34 district codes ascending (11..81), the 148 sub-area codes in
    the order of the code (999 last), each sub-area's district (blank for 999) and each unit's
    sub-area, exactly."""
    assert template["values"][name] == expected[name]


# ------------------------------------------------------------------ every figure against the reference

@pytest.mark.parametrize("name", NUMBERS)
def test_named_range_equals_the_plain_reference(template, expected, name):
    close_tables(template["values"][name], expected[name], what=name)


def test_the_reconciliation_factors_equal_the_plain_reference(template, expected):
    """Factors: male bands 0-6, 7, …, 15, 16+, then female, × 2019..2040; 1 in 2019 (no new housing
    yet, and the sub-areas add up to the city)."""
    got = template["values"]["Factors"]
    close_tables(got, expected["Factors"], abs_=0, what="Factors")
    assert column(got, I2019) == pytest.approx([1.0] * 2 * NB, rel=SAME)


# ------------------------------------------------------------------ the parts add up

def test_the_reconciled_parts_add_up_to_the_city(model, template):
    """In the reference, per sex, band and year, the reconciled existing stock of the 148 sub-areas
    plus the reconciled new housing of the 149 units is the city's projection. In the template,
    whose per-sex bands are not named, the same holds for the pupils: the sub-areas' grades added
    up are the city's pupils, and per grade they are the reference city's ages 7-15."""
    for s in (0, 1):
        for b in range(NB):
            for t in range(T):
                parts = (sum(model.reconciled_stock(k, s, b, t) for k in range(K)) +
                         sum(model.reconciled_housing(u, s, b, t) for u in range(U)))
                assert parts == pytest.approx(model.city[s][b][t], rel=SAME), (s, b, t)
    grades = template["values"]["SubareaGrades"]
    city_pupils = template["values"]["CityPupils"][0]
    by_grade = [[sum(grades[g * K + k][t] for k in range(K)) for t in range(T)] for g in range(G)]
    assert [sum(column(by_grade, t)) for t in range(T)] == pytest.approx(city_pupils, rel=SAME)
    close_tables(by_grade, [[model.city[0][g][t] + model.city[1][g][t] for t in range(T)]
                            for g in school_model.GRADE_BANDS], what="grades of the city")


def test_schools_and_the_unknown_sub_area_hold_every_pupil(template):
    """Σ schools + sub-area 999 = the city's pupils; existing + new = pupils per school; Gap =
    capacity − pupils; each sub-area's grades = its existing pupils + its units' pupils."""
    v = template["values"]
    city = v["CityPupils"][0]
    schools = [sum(column(v["SchoolPupils"], t)) + v["UnlocatedPupils"][0][t] for t in range(T)]
    assert schools == pytest.approx(city, rel=SAME)
    for i in range(S):
        parts = [v["SchoolExisting"][i][t] + v["SchoolNew"][i][t] for t in range(T)]
        assert parts == pytest.approx(v["SchoolPupils"][i], rel=SAME, abs=1e-9), i
        gap = [v["Capacity"][i][0] - p for p in v["SchoolPupils"][i]]
        assert v["Gap"][i] == pytest.approx(gap, rel=SAME, abs=1e-9), i
    codes = [int(row[0]) for row in v["AreaCodes"]]
    unit_codes = [int(row[0]) for row in v["UnitCodes"]]
    for k, code in enumerate(codes):
        grades = [sum(v["SubareaGrades"][g * K + k][t] for g in range(G)) for t in range(T)]
        parts = [v["AreaExistingPupils"][k][t] + sum(v["UnitPupils"][u][t] for u in range(U) if unit_codes[u] == code)
                 for t in range(T)]
        assert grades == pytest.approx(parts, rel=SAME, abs=1e-9), code
    total = [sum(column(v["UnitResidents"], t)) for t in range(T)]
    assert v["NewResidentsReconciled"][0] == pytest.approx(total, rel=SAME)
    # nobody lives in new housing before its first completion
    assert v["NewResidents"][0][I2019] == 0 and column(v["UnitPupils"], I2019) == [0.0] * U


# ------------------------------------------------------------------ the figures the guide quotes

def test_the_guides_figures(template):
    v = template["values"]
    at = (I2030, I2040)
    assert tuple(round(v["NewResidents"][0][t], -2) for t in at) == GUIDE["new_residents"]
    assert tuple(round(v["NewResidentsReconciled"][0][t], -2) for t in at) == GUIDE["new_residents_reconciled"]
    unit_codes = [int(row[0]) for row in v["UnitCodes"]]
    children = {code: tuple(round(sum(v["UnitPupils"][u][t] for u in range(U) if unit_codes[u] == code)) for t in at)
                for code in GUIDE["unit_children"]}
    assert children == GUIDE["unit_children"]
    assert tuple(round(v["CityPupils"][0][t]) for t in (I2019, *at)) == GUIDE["city_pupils"]
    assert tuple(round(v["UnlocatedPupils"][0][t]) for t in (I2019, *at)) == GUIDE["unlocated_pupils"]
    assert tuple(round(sum(column(v["SchoolNew"], t))) for t in at) == GUIDE["new_housing_pupils"]
    factors = [(f, school_model.SEXES[r // NB], school_model.band_label(r % NB), school_model.YEARS[t])
               for r, row in enumerate(v["Factors"]) for t, f in enumerate(row)]
    low, high = min(factors), max(factors)
    assert (round(low[0], 3), *low[1:]) == GUIDE["factor_min"]
    assert (round(high[0], 3), *high[1:]) == GUIDE["factor_max"]
    change = [(row[I2030] - row[I2019], int(code)) for (code,), row in zip(v["SchoolCodes"], v["SchoolPupils"])]
    assert sum(d > 0 for d, _ in change) == GUIDE["schools_growing_2030"]
    assert sum(d < 0 for d, _ in change) == GUIDE["schools_shrinking_2030"]
    largest = sorted(change, reverse=True)[:3]
    assert tuple((code, round(d)) for d, code in largest) == GUIDE["largest_growth_2030"]
    short = [int(code) for (code,), gap in zip(v["SchoolCodes"], v["Gap"]) if gap[I2030] < 0]
    print("\nschools short of places in 2030 (EXAMPLE capacities):", short)


def test_the_unreconciled_unit_children_of_the_plain_reference(model):
    """The figures before reconciliation, from the reference alone (the template names only the
    reconciled unit pupils): what POP.HOUSING gives with the template's options."""
    got = {code: tuple(round(school_model.unit_children(model, [code], t, False)[code]) for t in (I2030, I2040))
           for code in GUIDE["unit_children_unreconciled"]}
    assert got == GUIDE["unit_children_unreconciled"]


# ------------------------------------------------------------------ the question the template answers

def test_which_schools_are_short_when_and_because_of_which_new_area(template, expected):
    """The sheet Drivers in the focus year 2030: for each school, the new area adding the most
    pupils is the unit of the school's sub-areas with the most reconciled pupils in 2030 (the
    reference's), named with its sub-area's code; and network.md's figures: how many example
    schools are short in 2030 and 2040, the table of the largest 2030 gaps and the 2040 gaps."""
    v = template["values"]
    codes = [int(row[0]) for row in v["SchoolCodes"]]
    area_school = {int(a[0]): s[0] for a, s in zip(v["AreaCodes"], v["AreaSchool"])}
    unit_school = [area_school[int(row[0])] for row in v["UnitCodes"]]
    for i, code in enumerate(codes):
        mine = [(expected["UnitPupils"][u][I2030], u) for u in range(U) if unit_school[u] == code]
        if not mine or max(mine)[0] == 0:
            assert v["LargestNewArea"][i][0] == "–" and v["LargestNewPupils"][i][0] == 0, code
            continue
        pupils, u = max(mine)
        assert v["LargestNewPupils"][i][0] == pytest.approx(pupils, rel=REL), code
        assert v["LargestNewArea"][i][0].startswith(f"{int(v['UnitCodes'][u][0]):03d} "), code
    assert sum(row[I2030] < 0 for row in v["Gap"]) == GUIDE["short_2030"]
    assert sum(row[I2040] < 0 for row in v["Gap"]) == GUIDE["short_2040"]
    for code, (capacity, pupils, gap, share, area, largest) in GUIDE["drivers_2030"].items():
        i = codes.index(code)
        new = v["SchoolNew"][i][I2030] / v["SchoolPupils"][i][I2030]
        got = (v["Capacity"][i][0], round(v["SchoolPupils"][i][I2030]), round(v["Gap"][i][I2030]),
               round(100 * new), int(v["LargestNewArea"][i][0][:3]), round(v["LargestNewPupils"][i][0]))
        assert got == (capacity, pupils, gap, share, area, largest), code
    gaps = sorted((row[I2040], code) for code, row in zip(codes, v["Gap"]))[:6]
    assert tuple((code, round(g)) for g, code in gaps) == GUIDE["largest_gaps_2040"]
