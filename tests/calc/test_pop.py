"""The POP functions in real headless Calc with the built .oxt installed, entered as users
enter them: plain formulas, array formulas, INDEX/SUM around array results, the English and the
Finnish UI; and the bad-input matrix, which must give Err:502 and never a number, #VALUE! or a
crash."""

from __future__ import annotations

import pytest

import realdata
from kpoffice import a1_block as block


ALL_POP = ["POP.LIFETABLE", "POP.LIFEEXP", "POP.TFR", "POP.SCALE", "POP.PROJECT",
           "POP.AGGREGATE", "POP.CONSTRAIN"]


# ------------------------------------------------------------------ names and descriptions

def test_every_pop_function_has_a_description_and_named_arguments(office):
    found = office.function_descriptions()
    for name in ALL_POP:
        assert name in found, f"{name} is not in the Function Wizard"
        entry = found[name]
        assert len(entry["Description"]) > 20
        assert all(arg.Name and len(arg.Description) > 10 for arg in entry["Arguments"]), name


FINNISH = {"POP.LIFETABLE": "VÄESTÖ.KUOLLEISUUSTAULU", "POP.LIFEEXP": "VÄESTÖ.ELINAJANODOTE",
           "POP.TFR": "VÄESTÖ.HEDELMÄLLISYYS", "POP.SCALE": "VÄESTÖ.SKAALAA",
           "POP.PROJECT": "VÄESTÖ.ENNUSTE", "POP.AGGREGATE": "VÄESTÖ.IKÄRYHMÄT",
           "POP.CONSTRAIN": "VÄESTÖ.TÄSMÄYTÄ"}


def test_finnish_function_wizard_lists_every_pop_function_in_finnish(office, office_fi, calc_fi):
    found = office_fi.function_descriptions()
    english_texts = office.function_descriptions()
    sheet = office_fi.sheet(calc_fi)
    for english, finnish in FINNISH.items():
        assert finnish in found, f"{finnish} is not in the Finnish Function Wizard"
        assert english not in found
        # the description and argument names are Finnish, not the English ones
        assert found[finnish]["Description"] != english_texts[english]["Description"]
        assert ([a.Name for a in found[finnish]["Arguments"]]
                != [a.Name for a in english_texts[english]["Arguments"]])
        # typed in a Finnish UI, stored language-independently
        cell = office_fi.set_formula(sheet, "A1", f"={finnish}(B1:B3)", local=True)
        assert cell.Formula.startswith("=ORG.KUNTAPLAN.FUNCTIONS.")


def test_finnish_ui_takes_finnish_names_and_stores_the_programmatic_name(office_fi, calc_fi):
    sheet = office_fi.sheet(calc_fi)
    office_fi.set_values(sheet, "A1:A3", [[0.5], [0.25], [0.75]])
    cell = office_fi.set_formula(sheet, "B1", "=VÄESTÖ.HEDELMÄLLISYYS(A1:A3;5)", local=True)
    assert office_fi.values(sheet, "B1") == [[pytest.approx(7.5, rel=1e-15)]]
    assert cell.FormulaLocal == "=VÄESTÖ.HEDELMÄLLISYYS(A1:A3;5)"
    # What the file stores does not depend on the UI language.
    assert cell.Formula == "=ORG.KUNTAPLAN.FUNCTIONS.POPTFR(A1:A3;5)"
    # A decimal comma in the options text works in the Finnish UI (srb=1,05 is srb=1.05).
    assert office_fi.call("VÄESTÖ.HEDELMÄLLISYYS", [[0.5], [0.25]]) == pytest.approx(0.75)


def test_english_names_work_in_the_finnish_ui_through_function_access(office_fi):
    assert office_fi.call("POP.TFR", [[0.5], [0.25]], 5) == pytest.approx(3.75)


# ---------------------------------------------------------------------------- life table

@pytest.fixture(scope="module")
def austria():
    return realdata.preston_austria()


def austria_sheet(office, doc, austria):
    sheet = office.sheet(doc)
    mx = [[r["deaths_nDx"] / r["population_nNx"]] for r in austria]
    ax = [[r["nax"]] for r in austria]
    widths = [[r["n"] if r["n"] is not None else 0.0] for r in austria]
    office.put_block(sheet, 0, 1, mx)
    office.put_block(sheet, 1, 1, ax)
    office.put_block(sheet, 2, 1, widths)
    return sheet, len(austria)


def test_lifetable_reproduces_preston_austria_1992(office, calc, austria):
    """Preston et al. (2001) Box 3.1. The published lx, ndx, nLx are rounded to integers, so a
    computed value may differ from them by at most 0.5 (+1e-6 for the arithmetic)."""
    sheet, n = austria_sheet(office, calc, austria)
    office.set_array_formula(sheet, block(4, 1, n, 8), f"=POP.LIFETABLE(A1:A{n};B1:B{n};C1:C{n})")
    table = office.values(sheet, block(4, 1, n, 8))
    for row, published in zip(table, austria):
        x, mx, qx, lx, dx, Lx, Tx, ex = row
        assert x == published["x"]
        assert abs(lx - published["published_lx"]) <= 0.5 + 1e-6
        assert abs(dx - published["published_ndx"]) <= 0.5 + 1e-6
        assert abs(Lx - published["published_nLx"]) <= 0.5 + 1e-6
        assert 0 <= qx <= 1 and ex > 0
    # e0 = T0 / l0 = 72.889 in the book (from the rounded nLx): our unrounded Lx differ from
    # those by ≤ 0.5 each over 19 rows, i.e. at most 9.5 / 100000 = 1e-4 years.
    office.set_formula(sheet, "M1", f"=POP.LIFEEXP(A1:A{n};0;B1:B{n};C1:C{n})")
    assert office.values(sheet, "M1")[0][0] == pytest.approx(72.889, abs=1e-4 + 5e-4)
    # INDEX around an array result needs no array entry.
    office.set_formula(sheet, "M2", f"=INDEX(POP.LIFETABLE(A1:A{n};B1:B{n};C1:C{n});1;8)")
    assert office.values(sheet, "M2")[0][0] == pytest.approx(table[0][7], rel=1e-15)


def test_lifetable_defaults_single_year(office, calc):
    sheet = office.sheet(calc)
    office.put_block(sheet, 0, 1, [[0.01], [0.02], [0.5]])
    office.set_array_formula(sheet, "C1:J3", "=POP.LIFETABLE(A1:A3)")
    t = office.values(sheet, "C1:J3")
    # radix 100000; open group Lx = lx / mx; Tx sums Lx from the bottom; ex = Tx / lx.
    assert t[0][3] == pytest.approx(100000, rel=1e-15)
    assert t[2][5] == pytest.approx(t[2][3] / 0.5, rel=1e-12)
    assert t[0][6] == pytest.approx(t[0][5] + t[1][5] + t[2][5], rel=1e-12)
    assert t[1][7] == pytest.approx(t[1][6] / t[1][3], rel=1e-12)
    # age 1: width 1, ax 0.5 → qx = m / (1 + 0.5 m)
    assert t[1][2] == pytest.approx(0.02 / 1.01, rel=1e-12)


# ---------------------------------------------------------------------------- fertility

def test_tfr_and_scale(office, calc):
    sheet = office.sheet(calc)
    rates = realdata.helsinki_fertility()
    column = [[row[0]] for row in rates]  # 2020
    office.put_block(sheet, 0, 1, column)
    office.set_formula(sheet, "C1", "=POP.TFR(A1:A35)")
    tfr = sum(r[0] for r in column)
    assert office.values(sheet, "C1")[0][0] == pytest.approx(tfr, rel=1e-12)
    # A low-fertility scenario: the same schedule scaled to a TFR of 1.30.
    office.set_array_formula(sheet, "D1:D35", "=POP.SCALE(A1:A35;1.3)")
    scaled = [r[0] for r in office.values(sheet, "D1:D35")]
    assert sum(scaled) == pytest.approx(1.3, rel=1e-12)
    assert scaled[10] / column[10][0] == pytest.approx(1.3 / tfr, rel=1e-12)
    office.set_formula(sheet, "C2", "=POP.TFR(POP.SCALE(A1:A35;1.3))")
    assert office.values(sheet, "C2")[0][0] == pytest.approx(1.3, rel=1e-12)
    # 5-year groups: sum × 5
    office.set_formula(sheet, "C3", "=POP.TFR(A1:A7;5)")
    assert office.values(sheet, "C3")[0][0] == pytest.approx(5 * sum(r[0] for r in column[:7]),
                                                             rel=1e-12)


# ---------------------------------------------------------------------------- projection

def test_project_reproduces_preston_sweden_1993(office, calc):
    """Preston et al. (2001) Box 6.1/6.2: one 5-year step with nLx survivorship ratios; the
    published 1998 female population is rounded to integers: |computed − published| ≤ 0.5."""
    data = realdata.preston_sweden()
    n = len(data)
    sheet = office.sheet(calc)
    base = [[r["P1993_female"], r["P1993_female"]] for r in data]
    lx = [[r["nLx_female_radix100000"], r["nLx_female_radix100000"]] for r in data]
    asfr = [[r["asfr_annual"]] for r in data if 15 <= r["age_start"] < 50]
    # the published migrants are for the whole period 1993-98; POP.PROJECT takes them per year
    mig = [[r["net_migrants_1993_1998"] / 5, r["net_migrants_1993_1998"] / 5] for r in data]
    office.put_block(sheet, 0, 1, base)     # A:B
    office.put_block(sheet, 2, 1, lx)       # C:D
    office.put_block(sheet, 4, 1, asfr)     # E
    office.put_block(sheet, 5, 1, mig)      # F:G
    args = f'A1:B{n};E1:E{len(asfr)};C1:D{n};F1:G{n};1'
    office.set_array_formula(sheet, f"I1:J{n}", f'=POP.PROJECT({args};"female";"step=5;mortality=Lx")')
    result = office.values(sheet, f"I1:J{n}")
    for row, published in zip(result, data):
        assert row[0] == published["P1993_female"]
        assert abs(row[1] - published["published_P1998_female"]) <= 0.5 + 1e-6, published
    office.set_formula(sheet, "L1", f'=SUM(POP.PROJECT({args};"births";"step=5;mortality=Lx"))')
    births = office.values(sheet, "L1")[0][0]
    published_births = sum(r["published_births_1993_1998_by_mother_age"] for r in data)
    # seven published integers, each rounded: at most 7 × 0.5 apart
    assert abs(births - published_births) <= 3.5


def naive_projection(base, fertility, mortality, migration, years, srb=1.05):
    """An independent, deliberately plain transcription of the single-year recursion with qx,
    the born-in-year row, half of the migrants at the start and half at the end, and births
    from the average of the start and end female population (FUNCTIONS.md, demography.hpp).
    Returns pop[sex][age][t]."""
    ages = len(base)
    pop = [[[base[a][s]] for a in range(ages)] for s in range(2)]
    for t in range(years):
        fcol = min(t, len(fertility[0]) - 1)
        mcol = min(t, len(mortality[0]) // 2 - 1)
        gcol = min(t, len(migration[0]) // 2 - 1)
        new = [[0.0] * ages for _ in range(2)]
        for s in range(2):
            q = [mortality[a][2 * mcol + s] for a in range(ages)]
            nm = [migration[a][2 * gcol + s] for a in range(ages)]
            p = [pop[s][a][t] for a in range(ages)]
            for a in range(ages - 2):
                new[s][a + 1] = (p[a] + 0.5 * nm[a]) * (1 - q[a]) + 0.5 * nm[a + 1]
            new[s][ages - 1] = ((p[ages - 2] + 0.5 * nm[ages - 2]) * (1 - q[ages - 2])
                                + (p[ages - 1] + 0.5 * nm[ages - 1]) * (1 - q[ages - 1])
                                + 0.5 * nm[ages - 1])
        births = 0.0
        nm_f = [migration[a][2 * gcol + 1] for a in range(ages)]
        for i, row in enumerate(fertility):
            a = 15 + i
            births += row[fcol] * ((pop[1][a][t] + 0.5 * nm_f[a]) + new[1][a]) / 2
        for s in range(2):
            share = srb / (1 + srb) if s == 0 else 1 / (1 + srb)
            q_born = mortality[ages][2 * mcol + s]
            new[s][0] = births * share * (1 - q_born) + 0.5 * migration[0][2 * gcol + s]
        for s in range(2):
            for a in range(ages):
                pop[s][a].append(new[s][a])
    return pop


@pytest.fixture(scope="module")
def helsinki():
    return dict(base=realdata.helsinki_base(), fertility=realdata.helsinki_fertility(),
                mortality=realdata.helsinki_mortality(), migration=realdata.helsinki_net_migration())


def helsinki_sheet(office, doc, h):
    sheet = office.sheet(doc)
    ranges = {
        "base": office.put_block(sheet, 0, 1, h["base"]),              # A1:B100
        "fertility": office.put_block(sheet, 3, 1, h["fertility"]),    # D1:X35
        "mortality": office.put_block(sheet, 0, 200, h["mortality"]),  # A200:AP300
        "migration": office.put_block(sheet, 0, 400, h["migration"]),  # A400:AP499
    }
    return sheet, ranges


def test_project_helsinki_agrees_with_a_naive_implementation(office, calc, helsinki):
    """The whole chain through Calc against the plain Python recursion above, 21 years: the
    two differ only by floating-point rounding, so 1e-9 relative."""
    sheet, r = helsinki_sheet(office, calc, helsinki)
    args = f'{r["base"]};{r["fertility"]};{r["mortality"]};{r["migration"]};21'
    out = "AT1:BO200"
    office.set_array_formula(sheet, out, f'=POP.PROJECT({args};"both")')
    got = office.values(sheet, out)
    expected = naive_projection(helsinki["base"], helsinki["fertility"], helsinki["mortality"],
                                helsinki["migration"], 21)
    for s in range(2):
        for a in range(100):
            for t in range(22):
                assert got[s * 100 + a][t] == pytest.approx(expected[s][a][t], rel=1e-9, abs=1e-9)


def test_project_outputs_balance_and_agree(office, calc, helsinki):
    sheet, r = helsinki_sheet(office, calc, helsinki)
    args = f'{r["base"]};{r["fertility"]};{r["mortality"]};{r["migration"]};21'
    project = lambda output, options="": office.call(  # noqa: E731
        "POP.PROJECT", helsinki["base"], helsinki["fertility"], helsinki["mortality"],
        helsinki["migration"], 21, output, options)
    total = project("total")
    summary = project("summary")
    assert len(total) == 100 and len(total[0]) == 22
    assert len(summary) == 5 and len(summary[0]) == 22
    population, births, deaths, migration, natural = summary
    for t in range(1, 22):
        change = population[t] - population[t - 1]
        assert change == pytest.approx(births[t] - deaths[t] + migration[t], rel=1e-9)
        assert natural[t] == pytest.approx(births[t] - deaths[t], rel=1e-12)
        assert population[t] == pytest.approx(sum(row[t] for row in total), rel=1e-12)
    # base-year flows are empty cells, not zeros
    office.set_array_formula(sheet, "AT1:BO5", f'=POP.PROJECT({args};"summary")')
    assert [sheet.getCellRangeByName(f"AT{r}").String for r in range(2, 6)] == [""] * 4
    assert sheet.getCellRangeByName("AU2").String != ""
    assert project("births")[0] == pytest.approx(births[1:], rel=1e-12)
    deaths_by_sex = project("deaths")
    assert [m + f for m, f in zip(*deaths_by_sex)] == pytest.approx(deaths[1:], rel=1e-12)
    male, female = project("male"), project("female")
    both = project("both")
    assert [list(x) for x in both] == [list(x) for x in male] + [list(x) for x in female]
    # bands inside the call equal POP.AGGREGATE of the full table
    bands = project("total", "bands=0,7,13,16")
    office.set_array_formula(sheet, "AT10:BO13",
                             f'=POP.AGGREGATE(POP.PROJECT({args};"total");{{0;7;13;16}})')
    assert office.values(sheet, "AT10:BO13") == [pytest.approx(list(b), rel=1e-12) for b in bands]
    assert sum(total[a][21] for a in range(7, 13)) == pytest.approx(bands[1][21], rel=1e-12)
    # SUM around the array result without array entry
    office.set_formula(sheet, "AT20", f'=SUM(POP.PROJECT({args};"births"))')
    assert office.values(sheet, "AT20")[0][0] == pytest.approx(sum(births[1:]), rel=1e-12)
    # the sex ratio at birth with a decimal comma
    assert list(project("births", "srb=1,05")[0]) == pytest.approx(list(project("births", "srb=1.05")[0]), rel=1e-15)


def test_project_subareas_side_by_side(office, calc, helsinki):
    """Three sub-areas in one call equal three separate calls, and `areas` sums each."""
    _, subareas = realdata.subarea_bases()
    base3 = [row[:6] for row in subareas]
    rates = (helsinki["fertility"], helsinki["mortality"])
    zero_migration = [[0.0, 0.0] for _ in range(100)]
    together = office.call("POP.PROJECT", base3, rates[0], rates[1], zero_migration, 5, "total")
    areas = office.call("POP.PROJECT", base3, rates[0], rates[1], zero_migration, 5, "areas")
    assert len(together) == 300 and len(areas) == 3
    for k in range(3):
        alone = office.call("POP.PROJECT", [row[2 * k:2 * k + 2] for row in subareas],
                            rates[0], rates[1], zero_migration, 5, "total")
        assert [list(r) for r in together[100 * k:100 * (k + 1)]] == [list(r) for r in alone]
        assert list(areas[k]) == pytest.approx([sum(r[t] for r in alone) for t in range(6)],
                                               rel=1e-12)


def test_constrain_subareas_to_the_city_total(office, calc):
    sheet = office.sheet(calc)
    office.put_block(sheet, 0, 1, [[10.0, 20.0], [30.0, 20.0], [60.0, 60.0]])
    office.put_block(sheet, 3, 1, [[200.0, 50.0]])
    office.set_array_formula(sheet, "F1:G3", "=POP.CONSTRAIN(A1:B3;D1:E1)")
    got = office.values(sheet, "F1:G3")
    assert got == [[pytest.approx(20.0), pytest.approx(10.0)],
                   [pytest.approx(60.0), pytest.approx(10.0)],
                   [pytest.approx(120.0), pytest.approx(30.0)]]


# ------------------------------------------------------------------------------ bad input

def bad_input_formulas():
    """(formula, why) pairs that must all give Err:502. The sheet holds: A1:B3 good numbers,
    C1:C3 numbers with a text cell, D1:D3 with a blank, E1:F3 a negative population, G1:H3 qx
    with a value above 1, I1:I3 rates."""
    good = "A1:B3"
    rates = "I1:I3"
    return [
        ("=POP.TFR(C1:C3)", "text in a numeric range"),
        ("=POP.TFR(D1:D3)", "blank in a numeric range"),
        ("=POP.TFR(A1:A3;0)", "width 0"),
        ("=POP.TFR(A1:B3)", "a block where a column is expected"),
        ("=POP.SCALE(I1:I3;-1)", "negative target"),
        ("=POP.LIFEEXP(C1:C3)", "text in mx"),
        ("=POP.LIFEEXP(I1:I3;7)", "age not at an interval start"),
        ("=POP.LIFETABLE(I1:I3;A1:A2)", "ax of the wrong length"),
        ("=POP.LIFETABLE(E1:E3)", "negative mx"),
        ("=POP.LIFETABLE(I1:I3;;;-5)", "negative radix"),
        (f'=POP.PROJECT(E1:F3;{rates};G1:H3;{good};1)', "negative population"),
        (f'=POP.PROJECT({good};{rates};G1:H3;{good};1)', "qx above 1"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"total";"colour=red")', "unknown option"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"everything")', "unknown output"),
        (f'=POP.PROJECT({good};{rates};A1:A3;{good};1)', "mortality with one column"),
        (f'=POP.PROJECT({good};{rates};A1:B2;{good};1)', "mortality with too few rows"),
        (f'=POP.PROJECT(C1:D3;{rates};A1:B3;{good};1)', "text in base"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};0)', "zero years"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1E9)', "absurd years"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"total";"step=3")', "step 3"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"total";"srb=0")', "srb 0"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"total";"fertile_from=2")', "fertile ages past the last age"),
        (f'=POP.PROJECT({good};{rates};A1:B3;{good};1;"total";"bands=5,3")', "bands not increasing"),
        ("=POP.AGGREGATE(A1:B3;C1:C3)", "text in breaks"),
        ("=POP.AGGREGATE(A1:B3;{0;0.5})", "fractional break"),
        ("=POP.AGGREGATE(A1:B3;{0;9})", "break past the last age"),
        ("=POP.CONSTRAIN(A1:B3;{1;2;3})", "total of the wrong shape"),
        ("=POP.CONSTRAIN(E1:F3;{1;2})", "negative parts"),
    ]


@pytest.mark.parametrize("formula,why", bad_input_formulas(), ids=[w for _, w in bad_input_formulas()])
def test_bad_input_gives_err502(office, calc, formula, why):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:I3", [
        [1.0, 2.0, 1.0, 1.0, 5.0, 5.0, 0.01, 0.01, 0.02],
        [3.0, 4.0, "x", "", -1.0, 5.0, 0.02, 1.2, 0.03],
        [5.0, 6.0, 2.0, 2.0, 5.0, 5.0, 0.5, 0.5, 0.04],
    ])
    office.require_err502(sheet, "K1:M4", formula, why)


def test_whole_columns_give_err502_and_keep_the_office(office, calc):
    """A user who selects whole columns hands over 2 million cells, almost all blank."""
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:B2", [[1.0, 1.0], [1.0, 1.0]])
    office.set_formula(sheet, "D1", '=SUM(POP.PROJECT(A:B;A1:A2;A:B;A:B;1000))')
    assert office.values(sheet, "D1")[0][0] == "Err:502"
    assert office.call("SUM", 2, 2) == 4
