"""POP.PROJECT's gross migration (migration=gross, out=rates|counts), births=start and the
"components" output, and POP.RESIDUAL, in real headless Calc with the built .oxt, in an English,
a Finnish and a Swedish office with each language's function names; the round trip
project → POP.RESIDUAL → project again; and the bad-input matrix (each → Err:502).

Reference values come from plain Python transcriptions of the documented recursions (the gross
step as docs/guide/population.md states it, and the Helsinki-region model's step as data/README.md
states it), not from the add-in. Results that only floating-point rounding separates from them are
compared to 1e-9 relative: a step is some 10 operations on numbers below 1e6, so rounding stays
near 1e-13 relative even after 21 years."""

from __future__ import annotations

import pytest

import realdata
from kpoffice import a1_block as block, column_name as col
from conftest import enter_localised

A, Y = realdata.AGES, len(realdata.YEARS)
REL = 1e-9
SRB_REGION = 0.51 / 0.49  # the Helsinki-region model's 51 % boys

NAMES = {
    "en": {"POP.PROJECT": "POP.PROJECT", "POP.RESIDUAL": "POP.RESIDUAL"},
    "fi": {"POP.PROJECT": "VÄESTÖ.ENNUSTE", "POP.RESIDUAL": "VÄESTÖ.NETTOMUUTTO"},
    "sv": {"POP.PROJECT": "BEF.PROGNOS", "POP.RESIDUAL": "BEF.NETTOFLYTTNING"},
}


def enter(office, language: str, sheet, cell_range: str, formula: str) -> None:
    """`formula` as an array formula over `cell_range`, typed with `language`'s function names."""
    enter_localised(office, NAMES[language], sheet, cell_range, formula)



def shown(sheet, cell_range: str) -> list[list[str]]:
    """The text each cell shows: "" for an empty cell (values() reads those as 0.0)."""
    cells = sheet.getCellRangeByName(cell_range)
    address = cells.getRangeAddress()
    return [[cells.getCellByPosition(c, r).String for c in range(address.EndColumn - address.StartColumn + 1)]
            for r in range(address.EndRow - address.StartRow + 1)]


def close_tables(got, expected, rel=REL, abs_=1e-9) -> None:
    assert len(got) == len(expected) and len(got[0]) == len(expected[0])
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        assert list(g_row) == pytest.approx(list(e_row), rel=rel, abs=abs_), f"row {i}"


# ------------------------------------------------------------------ data and plain references

@pytest.fixture(scope="module")
def helsinki():
    in_, out = realdata.helsinki_gross_flows()
    return dict(base=realdata.helsinki_base(), fertility=realdata.helsinki_fertility(),
                mortality=realdata.helsinki_mortality(), net=realdata.helsinki_net_migration(),
                in_=in_, out=out)


def gross_block(h, *, rates: bool, shifted: bool) -> list[list[float]]:
    """A × 4Y: per year in-migrants male, female, out male, female. With `rates`, out-migration
    as a rate: that year's out-migrants over the 31 Dec 2019 population of the age and sex
    (capped at 1; 0 where nobody lives). With `shifted`, the flows (by the age at the start of
    the year) are moved one row down to the age at its end, the open group taking the last two."""
    table = [[0.0] * (4 * Y) for _ in range(A)]
    for y in range(Y):
        for a in range(A):
            row = min(a + 1, A - 1) if shifted else a
            for s in (0, 1):
                table[row][4 * y + s] += h["in_"][y][a][s]
                out = h["out"][y][a][s]
                if rates:
                    pop = h["base"][a][s]
                    out = min(1.0, out / pop) if pop > 0 else 0.0
                table[row][4 * y + 2 + s] += out
    return table


def plain_gross(base, fertility, mortality, groups, years, *, h=0.5, out_rates=True,
                births_start=False, srb=1.05, fertile_from=15):
    """The gross step written out from the guide: per age row x, in-migrants I[x] (counts) and
    out-migration O[x] (a rate or a count); a share h of the year's flows moves at its start, on
    the age groups then, the rest at its end, on the cohorts then (the survivors, for age 0 the
    surviving newborns); rates apply to the people in the group when they move. Returns
    (pop[sex][age][t], births[t])."""
    ages = len(base)
    pop = [[[base[a][s]] for a in range(ages)] for s in range(2)]
    births_out = []
    g = 1.0 - h
    for t in range(years):
        gc = min(t, len(groups[0]) // 4 - 1)
        mc = min(t, len(mortality[0]) // 2 - 1)
        fc = min(t, len(fertility[0]) - 1)
        start, new = [None, None], [None, None]

        def out_of(O, x, people):
            return O[x] * people if out_rates else O[x]

        for s in (0, 1):
            I = [groups[a][4 * gc + s] for a in range(ages)]
            O = [groups[a][4 * gc + 2 + s] for a in range(ages)]
            q = [mortality[a][2 * mc + s] for a in range(ages)]
            P = [pop[s][a][t] for a in range(ages)]
            S0 = [max(P[x] + h * (I[x] - out_of(O, x, P[x])), 0.0) for x in range(ages)]
            C = [0.0] * ages
            for x in range(ages - 2):
                C[x + 1] = S0[x] * (1 - q[x])
            C[ages - 1] = S0[ages - 2] * (1 - q[ages - 2]) + S0[ages - 1] * (1 - q[ages - 1])
            N = [0.0] + [max(C[x] + g * (I[x] - out_of(O, x, C[x])), 0.0) for x in range(1, ages)]
            start[s], new[s] = S0, N
        W0 = start[1][fertile_from:fertile_from + len(fertility)]
        W1 = new[1][fertile_from:fertile_from + len(fertility)]
        f = [row[fc] for row in fertility]
        if births_start:
            births = sum(fi * w for fi, w in zip(f, W0))
        else:
            births = sum(fi * (w0 + w1) for fi, w0, w1 in zip(f, W0, W1)) / 2
        births_out.append(births)
        for s in (0, 1):
            share = srb / (1 + srb) if s == 0 else 1 / (1 + srb)
            born = births * share * (1 - mortality[ages][2 * mc + s])
            I0, O0 = groups[0][4 * gc + s], groups[0][4 * gc + 2 + s]
            new[s][0] = max(born + g * (I0 - (O0 * born if out_rates else O0)), 0.0)
            for a in range(ages):
                pop[s][a].append(new[s][a])
    return pop, births_out


def region_model(h):
    """The Helsinki-region model's step as data/README.md states it (flows by the age on 31 Dec of
    the previous year, added without mortality; births from the women at the start; 51 % boys):
    pop[sex][age][t]."""
    pop = [[[h["base"][a][s]] for a in range(A)] for s in range(2)]
    for y in range(Y):
        def term(a, s):
            p = pop[s][a][y]
            return p - p * h["mortality"][a][2 * y + s] + h["in_"][y][a][s] - h["out"][y][a][s]
        births = sum(pop[1][a][y] * h["fertility"][a - 15][y] for a in range(15, 50))
        for s in (0, 1):
            new = [0.0] * A
            for a in range(A - 2):
                new[a + 1] = term(a, s)
            new[A - 1] = term(A - 2, s) + term(A - 1, s)
            new[0] = (0.51 if s == 0 else 0.49) * births * (1 - h["mortality"][A][2 * y + s])
            for a in range(A):
                pop[s][a].append(new[a])
    return pop


def as_both(pop, years=Y):
    return [[pop[s][a][t] for t in range(years + 1)] for s in (0, 1) for a in range(A)]


class Sheet:
    """Helsinki's inputs on one sheet: base A1:B100, fertility D1:X35, mortality A200:AP300,
    net migration A400:AP499, and a gross block (if given) from row 600."""

    def __init__(self, office, doc, h, gross=None):
        self.office, self.sheet = office, office.sheet(doc)
        put = lambda c, r, t: office.put_block(self.sheet, c, r, t)  # noqa: E731
        self.base = put(0, 1, h["base"])
        self.fertility = put(3, 1, h["fertility"])
        self.mortality = put(0, 200, h["mortality"])
        self.net = put(0, 400, h["net"])
        self.gross = put(0, 600, gross) if gross is not None else None

    def args(self, migration: str, years: int = Y) -> str:
        return f"{self.base};{self.fertility};{self.mortality};{migration};{years}"


# ------------------------------------------------------------------ names in three languages

def test_residual_is_in_the_function_wizard_in_english_finnish_and_swedish(office, office_fi, office_sv):
    english = office.function_descriptions()["POP.RESIDUAL"]
    assert [a.Name for a in english["Arguments"]] == ["population", "fertility", "mortality", "options"]
    for running, language in ((office_fi, "fi"), (office_sv, "sv")):
        found = running.function_descriptions()
        name = NAMES[language]["POP.RESIDUAL"]
        assert name in found and "POP.RESIDUAL" not in found, language
        entry = found[name]
        assert entry["Description"] != english["Description"]
        assert len(entry["Arguments"]) == 4
        assert [a.Name for a in entry["Arguments"]] != [a.Name for a in english["Arguments"]]
        assert all(len(a.Description) > 50 for a in entry["Arguments"])
        doc = running.new_calc()
        try:
            cell = running.set_formula(running.sheet(doc), "A1", f"={name}(B1:E3;F1;G1:H3)", local=True)
            assert cell.Formula == "=ORG.KUNTAPLAN.FUNCTIONS.POPRESIDUAL(B1:E3;F1;G1:H3)"
        finally:
            running.close(doc)


# ------------------------------------------------------------------ POP.PROJECT, migration=gross

def test_gross_with_out_rates_agrees_with_the_plain_recursion(lang, helsinki):
    """All six flows of Helsinki, out-migration as rates, 21 years, half the moves at the start:
    "both" equals the plain recursion, and "components" balances with in-migration exactly the
    counts given."""
    language, office, doc = lang
    groups = gross_block(helsinki, rates=True, shifted=False)
    s = Sheet(office, doc, helsinki, groups)
    enter(office, language, s.sheet, "AT1:BO200", f'=POP.PROJECT({s.args(s.gross)};"both";"migration=gross")')
    expected, births = plain_gross(helsinki["base"], helsinki["fertility"], helsinki["mortality"], groups, Y)
    close_tables(office.values(s.sheet, "AT1:BO200"), as_both(expected))

    enter(office, language, s.sheet, "AT210:BO216",
          f'=POP.PROJECT({s.args(s.gross)};"components";"migration=gross;out=rates")')
    population, born, deaths, inward, outward, net, natural = office.values(s.sheet, "AT210:BO216")
    assert [row[0] for row in shown(s.sheet, "AT210:AT216")] == ["653835"] + [""] * 6
    assert born[1:] == pytest.approx(births, rel=REL)
    for t in range(1, Y + 1):
        assert population[t] == pytest.approx(sum(expected[x][a][t] for x in (0, 1) for a in range(A)), rel=REL)
        # every in-migrant given arrives (nobody is refused a place), so the row is their sum
        assert inward[t] == pytest.approx(sum(sum(r) for r in helsinki["in_"][t - 1]), rel=1e-12)
        assert net[t] == pytest.approx(inward[t] - outward[t], rel=1e-12, abs=1e-6)
        assert population[t] - population[t - 1] == pytest.approx(born[t] - deaths[t] + net[t], rel=1e-12)
        assert natural[t] == pytest.approx(born[t] - deaths[t], rel=1e-12)
        assert 30_000 < outward[t] < 45_000  # 37,695 out-migrants in 2020 at the 2019 rates


def test_gross_with_out_counts_reproduces_the_region_model(lang, helsinki):
    """The Helsinki-region model's conventions: out=counts, births=start, migration_timing=end,
    51 % boys and the flows moved one row down (done here in Calc with formulas, as the guide
    says). Every population of 2020..2040 equals the model's step written from data/README.md."""
    language, office, doc = lang
    raw = gross_block(helsinki, rates=False, shifted=False)
    s = Sheet(office, doc, helsinki, raw)  # raw flows at A600:CF699
    width = 4 * Y
    shifted = [[0] * width]  # row 0 (age 0): nobody migrates into age 0 at the year's end
    for r in range(1, A):
        refs = [f"{col(c)}{600 + r - 1}" for c in range(width)]
        if r == A - 1:
            refs = [f"{ref}+{col(c)}{600 + r}" for c, ref in enumerate(refs)]
        shifted.append([f"={ref}" for ref in refs])
    target = block(0, 800, A, width)
    s.sheet.getCellRangeByName(target).setFormulaArray(tuple(tuple(row) for row in shifted))
    srb = "srb=1,04081632653061" if language != "en" else f"srb={SRB_REGION!r}"
    options = f"migration=gross;out=counts;births=start;migration_timing=end;{srb}"
    enter(office, language, s.sheet, "AT1:BO200", f'=POP.PROJECT({s.args(target)};"both";"{options}")')
    close_tables(office.values(s.sheet, "AT1:BO200"), as_both(region_model(helsinki)), rel=1e-9)

    enter(office, language, s.sheet, "AT210:BO216", f'=POP.PROJECT({s.args(target)};"components";"{options}")')
    population, born, deaths, inward, outward, net, natural = office.values(s.sheet, "AT210:BO216")
    assert [row[0] for row in shown(s.sheet, "AT210:AT216")] == ["653835"] + [""] * 6
    for t in range(1, Y + 1):
        assert inward[t] == pytest.approx(sum(sum(r) for r in helsinki["in_"][t - 1]), rel=1e-12)
        assert outward[t] == pytest.approx(sum(sum(r) for r in helsinki["out"][t - 1]), rel=1e-12)
        assert population[t] - population[t - 1] == pytest.approx(born[t] - deaths[t] + inward[t] - outward[t],
                                                                   rel=1e-12)


def test_births_at_the_start_use_the_women_at_the_start(lang, helsinki):
    """births=start: the year's births are the rates times the women at the start of the year
    with half of that year's net migrants; births=mean (the default) is different."""
    language, office, doc = lang
    s = Sheet(office, doc, helsinki)
    srb = "srb=1,05" if language == "fi" else "srb=1.05"  # a decimal comma, as a Finn types it
    enter(office, language, s.sheet, "AT1:BO100", f'=POP.PROJECT({s.args(s.net)};"female";"births=start;{srb}")')
    enter(office, language, s.sheet, "AT110:BO110", f'=POP.PROJECT({s.args(s.net)};"births";"births=start;{srb}")')
    enter(office, language, s.sheet, "AT120:BO120", f'=POP.PROJECT({s.args(s.net)};"births")')
    women = office.values(s.sheet, "AT1:BO100")
    births = office.values(s.sheet, "AT110:BO110")[0]
    mean = office.values(s.sheet, "AT120:BO120")[0]
    for t in range(Y):
        expected = sum(helsinki["fertility"][a - 15][t] * (women[a][t] + 0.5 * helsinki["net"][a][2 * t + 1])
                       for a in range(15, 50))
        assert births[t] == pytest.approx(expected, rel=1e-12)
    # the figures the guide gives: 6,027 births in 2020 with births=start, 6,067 with the mean
    assert [round(births[0]), round(mean[0])] == [6027, 6067]


def test_components_with_net_migration_leave_in_and_out_empty(lang, helsinki):
    """Net migration cannot be split into in and out: those rows are empty cells (not zeros) in
    every column, the base year's flows are empty, and the other rows equal "summary"."""
    language, office, doc = lang
    s = Sheet(office, doc, helsinki)
    enter(office, language, s.sheet, "AT1:BO7", f'=POP.PROJECT({s.args(s.net)};"components")')
    enter(office, language, s.sheet, "AT10:BO14", f'=POP.PROJECT({s.args(s.net)};"summary")')
    components = office.values(s.sheet, "AT1:BO7")
    summary = office.values(s.sheet, "AT10:BO14")
    texts = shown(s.sheet, "AT1:BO7")
    assert texts[3] == [""] * (Y + 1) and texts[4] == [""] * (Y + 1)
    assert [row[0] for row in texts] == ["653835"] + [""] * 6  # the base: Helsinki 31 Dec 2019
    assert all(text != "" for row in texts[:3] + texts[5:] for text in row[1:])
    for c_row, s_row in zip((0, 1, 2, 5, 6), range(5)):
        assert components[c_row] == summary[s_row]
    # empty, not zero: ISNUMBER is FALSE there (Calc's COUNT and AVERAGE would take such cells
    # of an array formula as 0, the guide says so; SUM is unaffected)
    office.set_formula(s.sheet, "BQ1", "=SUMPRODUCT(ISNUMBER(AT4:BO5))")
    office.set_formula(s.sheet, "BQ2", "=SUMPRODUCT(ISNUMBER(AT1:BO7))")
    assert office.values(s.sheet, "BQ1:BQ2") == [[0.0], [5 * Y + 1]]


# ------------------------------------------------------------------ POP.RESIDUAL

def arrange_as_pairs(sheet, both: str, top_row: int) -> str:
    """The "both" block (male ages, then female ages; years across) rearranged by formulas into
    A × 2(Y+1), a male/female column pair per year, with its top left at column A of `top_row`."""
    first_col = sheet.getCellRangeByName(both).getRangeAddress().StartColumn
    first_row = sheet.getCellRangeByName(both).getRangeAddress().StartRow + 1
    rows = [[f"={col(first_col + j // 2)}{first_row + (j % 2) * A + a}" for j in range(2 * (Y + 1))]
            for a in range(A)]
    target = block(0, top_row, A, 2 * (Y + 1))
    sheet.getCellRangeByName(target).setFormulaArray(tuple(tuple(r) for r in rows))
    return target


@pytest.mark.parametrize("options", ["", "births=start;migration_timing=end"])
def test_residual_round_trip(lang, helsinki, options):
    """Project Helsinki with "both", arrange the result as pairs, take it apart with POP.RESIDUAL,
    project again with that migration: the same populations to 1e-9 relative, and the residual is
    the migration the first projection was given (to 1e-6 people: a residual is a difference of
    populations of up to ~7,000, so rounding of ~1e-12 relative leaves ~1e-8)."""
    language, office, doc = lang
    s = Sheet(office, doc, helsinki)
    if language == "fi" and options:
        options += ";srb=1,05"
    enter(office, language, s.sheet, "AT1:BO200", f'=POP.PROJECT({s.args(s.net)};"both";"{options}")')
    pairs = arrange_as_pairs(s.sheet, "AT1:BO200", 1000)
    residual = block(0, 1200, A, 2 * Y)
    enter(office, language, s.sheet, residual, f'=POP.RESIDUAL({pairs};{s.fertility};{s.mortality};"{options}")')
    close_tables(office.values(s.sheet, residual), helsinki["net"], rel=0, abs_=1e-6)
    enter(office, language, s.sheet, "AT300:BO499",
          f'=POP.PROJECT({block(0, 1000, A, 2)};{s.fertility};{s.mortality};{residual};{Y};"both";"{options}")')
    close_tables(office.values(s.sheet, "AT300:BO499"), office.values(s.sheet, "AT1:BO200"))


def test_residual_takes_a_gross_projection_apart(office, calc, helsinki):
    """An "official" projection made with gross flows (here the Helsinki-region model's, all six
    flows), taken apart: POP.RESIDUAL with the same conventions returns in − out of every age,
    moved one row down as they were given, and 80 % of it projected again is the scenario the
    guide's worked example shows."""
    raw = gross_block(helsinki, rates=False, shifted=True)
    s = Sheet(office, calc, helsinki, raw)
    options = f"births=start;migration_timing=end;srb={SRB_REGION!r}"
    office.set_array_formula(s.sheet, "AT1:BO200",
                             f'=POP.PROJECT({s.args(s.gross)};"both";"migration=gross;out=counts;{options}")')
    pairs = arrange_as_pairs(s.sheet, "AT1:BO200", 1000)
    residual = block(0, 1200, A, 2 * Y)
    office.set_array_formula(s.sheet, residual, f'=POP.RESIDUAL({pairs};{s.fertility};{s.mortality};"{options}")')
    net = [[raw[a][4 * y + sx] - raw[a][4 * y + 2 + sx] for y in range(Y) for sx in (0, 1)] for a in range(A)]
    close_tables(office.values(s.sheet, residual), net, rel=0, abs_=1e-6)

    office.set_array_formula(s.sheet, "AT300:BO300",
                             f'=POP.PROJECT({s.base};{s.fertility};{s.mortality};{residual}*0.8;{Y};"areas";"{options}")')
    office.set_array_formula(s.sheet, "AT301:BO301",
                             f'=POP.PROJECT({s.args(s.gross)};"areas";"migration=gross;out=counts;{options}")')
    office.set_array_formula(s.sheet, "AT302:BO303",
                             f'=POP.PROJECT({s.base};{s.fertility};{s.mortality};{residual}*0.8;{Y};"total";'
                             f'"bands=7,13;{options}")')
    office.set_array_formula(s.sheet, "AT304:BO305", f'=POP.PROJECT({s.args(s.gross)};"total";'
                                                     f'"bands=7,13;migration=gross;out=counts;{options}")')
    adjusted, official = office.values(s.sheet, "AT300:BO301")
    children_adjusted = office.values(s.sheet, "AT302:BO302")[0]
    children_official = office.values(s.sheet, "AT304:BO304")[0]
    net_2020 = sum(net[a][0] + net[a][1] for a in range(A))
    # The figures of the guide's worked example (docs/guide/population.md), to the rounding shown.
    assert official[0] == adjusted[0] == 653835
    assert round(net_2020, 1) == 5173.7
    assert [round(official[11]), round(official[Y])] == [719886, 772827]
    assert [round(adjusted[11]), round(adjusted[Y])] == [707516, 745051]
    assert [round(children_official[Y]), round(children_adjusted[Y])] == [36385, 34906]

    # Taken apart with other conventions than the projection's, the populations still come back,
    # but the residual by age is another one. migration_timing=end alone: every age but 0 is
    # exact, age 0 absorbs the births the model makes differently (32 a year). The defaults (half
    # the migrants at the start): each age's residual is solved from the next younger one's, so
    # the difference at age 0 runs up the ages with alternating signs (the guide's warning).
    observed = office.values(s.sheet, pairs)
    for options, age0, older in (("migration_timing=end", (30, 35), (0, 1e-6)), ("", (60, 70), (350, 400))):
        got = office.call("POP.RESIDUAL", observed, helsinki["fertility"], helsinki["mortality"], options)
        off0 = max(abs(got[0][j] - net[0][j]) for j in range(2 * Y))
        off = max(abs(got[a][j] - net[a][j]) for a in range(1, A) for j in range(2 * Y))
        assert age0[0] < off0 < age0[1] and older[0] <= off < older[1], (options, off0, off)
        again = office.call("POP.PROJECT", [row[:2] for row in observed], helsinki["fertility"],
                            helsinki["mortality"], got, Y, "both", options)
        close_tables(again, office.values(s.sheet, "AT1:BO200"))


# ------------------------------------------------------------------ bad input

def bad_sheet():
    """The blocks of the bad-input sheet side by side from column A (4 ages): good inputs, and
    copies of them with one defect each. Returns (rows of values, {name: A1 range})."""
    populations = [[100.0, 90.0, 95.0, 88.0, 97.0, 86.0], [80.0, 85.0, 99.0, 90.0, 96.0, 95.0],
                   [70.0, 75.0, 76.0, 80.0, 90.0, 83.0], [60.0, 65.0, 70.0, 72.0, 71.0, 76.0]]
    gross = [[5.0, 4.0, 0.02, 0.03], [6.0, 5.0, 0.05, 0.04], [3.0, 2.0, 0.1, 0.1], [1.0, 1.0, 0.2, 0.2]]

    def changed(table, row, column, value):
        out = [r[:] for r in table]
        out[row][column] = value
        return out

    blocks = {
        "base": [[100.0, 90.0], [80.0, 85.0], [70.0, 75.0], [60.0, 65.0]],
        "fert": [[0.1], [0.2], [""], [""]],  # ages 1-2 with fertile_from=1; the range is D1:D2
        "qx": [[0.01, 0.01], [0.02, 0.02], [0.03, 0.03], [0.5, 0.5]],
        "gross6": [g + [1.0, 2.0] for g in gross],  # a valid group and two more valid columns
        "neg_in": changed(gross, 1, 0, -1.0),
        "rate_above_1": changed(gross, 2, 3, 1.2),
        "neg_out": changed(gross, 3, 2, -2.0),
        "net": [[1.0, 1.0], [2.0, -1.0], [0.0, 0.5], [-1.0, 0.0]],
        "pops": populations,
        "blank": changed(populations, 2, 3, ""),
        "text": changed(populations, 1, 4, "x"),
        "neg_pop": changed(populations, 3, 5, -1.0),
    }
    rows, ranges, column = [[] for _ in range(4)], {}, 0
    for name, table in blocks.items():
        width = len(table[0])
        ranges[name] = block(column, 1, 4, width)
        for r in range(4):
            rows[r] += table[r]
        column += width
    ranges["fert"] = block(ranges_col(ranges["fert"]), 1, 2, 1)
    ranges["gross"] = block(ranges_col(ranges["gross6"]), 1, 4, 4)
    ranges["gross3"] = block(ranges_col(ranges["gross6"]), 1, 4, 3)
    ranges["qx1"] = block(ranges_col(ranges["qx"]), 1, 4, 1)
    ranges["pair"] = block(ranges_col(ranges["pops"]), 1, 4, 2)
    ranges["pops5"] = block(ranges_col(ranges["pops"]), 1, 4, 5)
    ranges["gross_as_qx"] = block(ranges_col(ranges["gross"]), 1, 4, 2)  # in-migrants 5, 4 … as qx
    return rows, ranges


def ranges_col(a1: str) -> int:
    letters = "".join(ch for ch in a1.split(":")[0] if ch.isalpha())
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


OUT = "BA1:BD8"  # where the formulas under test go, right of every block


def bad_input_formulas():
    """(formula, why): each must give Err:502, and each differs from one of the controls in
    test_the_bad_input_sheet_works_where_it_is_good by its one defect."""
    _, r = bad_sheet()
    head = f'=POP.PROJECT({r["base"]};{r["fert"]};{r["qx"]};'
    gross = '"fertile_from=1;migration=gross"'
    residual = f'{r["fert"]};{r["qx"]}'
    return [
        (f'{head}{r["gross6"]};2;"total";{gross})', "a gross group with a missing column (A x 6)"),
        (f'{head}{r["gross3"]};2;"total";{gross})', "a gross block of three columns"),
        (f'{head}{r["neg_in"]};2;"total";{gross})', "negative in-migrants"),
        (f'{head}{r["rate_above_1"]};2;"total";{gross})', "out-migration rates above 1"),
        (f'{head}{r["neg_out"]};2;"total";"fertile_from=1;migration=gross;out=counts")', "negative out-migrants"),
        (f'{head}{r["net"]};2;"total";"fertile_from=1;out=counts")', "out=counts without migration=gross"),
        (f'{head}{r["gross"]};2;"total";"fertile_from=1;migration=gross;out=net")', "out neither rates nor counts"),
        (f'{head}{r["net"]};2;"total";"fertile_from=1;births=end")', "births neither mean nor start"),
        (f'{head}{r["net"]};2;"component";"fertile_from=1")', "a misspelt output"),
        (f'=POP.RESIDUAL({r["blank"]};{residual};"fertile_from=1")', "a blank in the populations"),
        (f'=POP.RESIDUAL({r["text"]};{residual};"fertile_from=1")', "text in the populations"),
        (f'=POP.RESIDUAL({r["neg_pop"]};{residual};"fertile_from=1")', "a negative population"),
        (f'=POP.RESIDUAL({r["pair"]};{residual};"fertile_from=1")', "a single year pair"),
        (f'=POP.RESIDUAL({r["pops5"]};{residual};"fertile_from=1")', "an odd number of columns"),
        (f'=POP.RESIDUAL({r["pops"]};{residual};"fertile_from=1;migration_timing=start")',
         "migration_timing=start for the residual"),
        (f'=POP.RESIDUAL({r["pops"]};{residual};"fertile_from=1;bands=0,2")', "bands for the residual"),
        (f'=POP.RESIDUAL({r["pops"]};{residual};"fertile_from=1;migration=rates")', "migration for the residual"),
        (f'=POP.RESIDUAL({r["pops"]};{residual};"fertile_from=1;out=counts")', "out for the residual"),
        (f'=POP.RESIDUAL({r["pops"]};{r["fert"]};{r["qx1"]};"fertile_from=1")', "mortality with one column"),
        (f'=POP.RESIDUAL({r["pops"]};{r["fert"]};{r["gross_as_qx"]};"fertile_from=1")', "qx above 1"),
        (f'=POP.RESIDUAL({r["pops"]};{residual};"fertile_from=1;colour=red")', "an unknown option"),
    ]


def test_the_bad_input_sheet_works_where_it_is_good(office, calc):
    """The controls of the matrix below: the same formulas without their defect give numbers,
    and the residual of the good populations, projected again, gives them back."""
    sheet = office.sheet(calc)
    rows, r = bad_sheet()
    office.put_block(sheet, 0, 1, rows)
    head = f'=POP.PROJECT({r["base"]};{r["fert"]};{r["qx"]};'
    controls = {
        "BA1:BC7": f'{head}{r["gross"]};2;"components";"fertile_from=1;migration=gross")',
        "BA10:BC13": f'{head}{r["gross"]};2;"total";"fertile_from=1;migration=gross;out=counts")',
        "BA20:BC23": f'{head}{r["net"]};2;"total";"fertile_from=1;births=start")',
        "BA30:BD33": f'=POP.RESIDUAL({r["pops"]};{r["fert"]};{r["qx"]};"fertile_from=1")',
        "BA40:BD43": f'=POP.RESIDUAL({r["pops"]};{r["fert"]};{r["qx"]};"fertile_from=1;migration_timing=end")',
    }
    # (Made-up populations: their age 0 is far above what the fertility gives, so with half of the
    # migrants at the start the residual of age 1 would empty a cohort at the start of the year
    # and the round trip could not hold; at the end, each age's residual stands alone.)
    for cell_range, formula in controls.items():
        office.set_array_formula(sheet, cell_range, formula)
        got = office.values(sheet, cell_range)
        assert all(isinstance(v, float) for row in got[:1] for v in row), (formula, got)
        assert all(isinstance(v, float) or v == "" for row in got for v in row), (formula, got)
    office.set_array_formula(sheet, "BA50:BC57",
                             f'=POP.PROJECT({r["pair"]};{r["fert"]};{r["qx"]};BA40:BD43;2;"both";'
                             '"fertile_from=1;migration_timing=end")')
    again = office.values(sheet, "BA50:BC57")
    populations = office.values(sheet, r["pops"])
    for s in (0, 1):
        for a in range(4):
            assert [again[s * 4 + a][t] for t in range(3)] == pytest.approx(
                [populations[a][2 * t + s] for t in range(3)], rel=1e-12)


@pytest.mark.parametrize("formula,why", bad_input_formulas(), ids=[w for _, w in bad_input_formulas()])
def test_bad_input_gives_err502(office, calc, formula, why):
    sheet = office.sheet(calc)
    office.put_block(sheet, 0, 1, bad_sheet()[0])
    office.require_err502(sheet, OUT, formula, why)
