"""The population template (templates/make_population.py, build/templates/population.ots) against an
independent implementation of the Helsinki-region model's yearly step, written here in Python from
data/README.md's description alone ("How the source model steps a year") and reading the CSV files
directly (no Kuntaplan code):

    P_{t+1}[a+1] = P_t[a] − P_t[a]·q_{t+1}[a] + Σ in_{t+1}[a] − Σ out_{t+1}[a]     a = 0..97
    P_{t+1}[99]  = the same for a = 98 plus the same for a = 99
    B            = Σ_{15..49} P_t,female[a]·f_{t+1}[a]
    P_{t+1}[0]   = 0.51·B·(1 − q_born) boys, 0.49·B·(1 − q_born) girls

with each flow the count annual_total × share by the age on 31 Dec of the previous year, and Helsinki's
own (area 2) rates. The template recalculated in real Calc must give the same population to 1e-9
relative, with the default inputs, with each of the six flow percentages changed, and with all inputs
changed at once.

Tolerance: the two computations add the same doubles in a different order (the template adds the three
origins on the sheet Flows, then POP.PROJECT adds them to the survivors), and the sex ratio reaches
POP.PROJECT as a 15-digit text; both are ~1e-15 relative, far below 1e-9. One person too many or too
few anywhere in 2040 is 1.3e-6 of the total, 1000 times the tolerance.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import oxt_path

DATA = Path(__file__).resolve().parents[2] / "data"
A, Y, FIRST_YEAR = 100, 21, 2020
SEX = {"male": 0, "female": 1}
REL = 1e-9

# The six flows: the key the model uses, whether it adds (in) or removes (out) people, and the named
# Scenario input of the template that scales it.
FLOWS = {
    "in_within_region": (+1, "RegionInMultiplier"),
    "out_within_region": (-1, "RegionOutMultiplier"),
    "in_rest_of_finland": (+1, "FinlandInMultiplier"),
    "out_rest_of_finland": (-1, "FinlandOutMultiplier"),
    "immigration": (+1, "ImmigrationMultiplier"),
    "emigration": (-1, "EmigrationMultiplier"),
}


def _rows(name: str):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


class RegionModel:
    """Helsinki (area 2), 31 Dec 2019, and the Helsinki-region model's step, from the CSV files."""

    def __init__(self) -> None:
        self.base = [[0.0] * A for _ in SEX]
        for r in _rows("fi_helsinki_total_pop_2019-12-31.csv"):
            self.base[SEX[r["sex"]]][int(r["age"])] = float(r["pop"])
        # q[y][sex][age], age A = born during the year; per 1000 in the file
        self.q = [[[0.0] * (A + 1) for _ in SEX] for _ in range(Y)]
        for r in _rows("fi_tk2019_death_probabilities_by_area_2020_2040.csv"):
            if r["area_code"] == "2":
                age = A if r["age"] == "born_in_year" else int(r["age"])
                self.q[int(r["year"]) - FIRST_YEAR][SEX[r["sex"]]][age] = float(r["qx_per_1000"]) / 1000
        self.f = [[0.0] * 50 for _ in range(Y)]
        for r in _rows("fi_tk2019_fertility_rates_by_area_2020_2040.csv"):
            if r["area_code"] == "2":
                self.f[int(r["year"]) - FIRST_YEAR][int(r["age"])] = float(r["asfr_per_1000"]) / 1000
        self.flows = {key: [[[0.0] * A for _ in SEX] for _ in range(Y)] for key in FLOWS}

        def add(key: str, r: dict) -> None:
            self.flows[key][int(r["year"]) - FIRST_YEAR][SEX[r["sex"]]][int(r["age"])] += (
                float(r["annual_total"]) * float(r["share"]))

        for r in _rows("fi_helsinki_region_domestic_migration_2020_2040.csv"):
            if r["area_code"] == "2":
                add(r["flow"], r)
        for r in _rows("fi_helsinki_region_immigration_2020_2040.csv"):
            if r["area_code"] == "2":
                add("immigration", r)
        for r in _rows("fi_helsinki_region_emigration_2020_2040.csv"):
            if r["area_code"] == "2":
                add("emigration", r)

    def project(self, scale: dict[str, float] | None = None, fertility: float = 1.0,
                boys: float = 0.51) -> dict:
        """Populations 2019..2040 ([t][sex][age]) and the yearly births, deaths, in and out."""
        scale = scale or {}
        P = self.base
        out = {"pop": [P], "births": [], "deaths": [], "in": [], "out": [], "min": float("inf")}
        for y in range(Y):
            q, moved_in, moved_out = self.q[y], 0.0, 0.0
            N = [[0.0] * A for _ in SEX]
            for s in range(2):
                term = []
                for a in range(A):
                    v = P[s][a] - P[s][a] * q[s][a]
                    for key, (sign, _) in FLOWS.items():
                        count = scale.get(key, 1.0) * self.flows[key][y][s][a]
                        v += sign * count
                        if sign > 0:
                            moved_in += count
                        else:
                            moved_out += count
                    term.append(v)
                for a in range(A - 2):
                    N[s][a + 1] = term[a]
                N[s][A - 1] = term[A - 2] + term[A - 1]
            births = sum(P[1][a] * self.f[y][a] * fertility for a in range(15, 50))
            shares = (boys, 1.0 - boys)
            for s in range(2):
                N[s][0] = shares[s] * births * (1 - q[s][A])
            deaths = sum(P[s][a] * q[s][a] for s in range(2) for a in range(A)) + sum(
                shares[s] * births * q[s][A] for s in range(2))
            out["births"].append(births)
            out["deaths"].append(deaths)
            out["in"].append(moved_in)
            out["out"].append(moved_out)
            out["min"] = min(out["min"], min(min(row) for row in N))
            P = N
            out["pop"].append(P)
        return out


@pytest.fixture(scope="module")
def model() -> RegionModel:
    return RegionModel()


def _template(name: str) -> Path:
    path = oxt_path().parent / "templates" / f"{name}.ots"
    if not path.is_file():
        pytest.fail(f"{path}: not built (cmake --build build)", pytrace=False)
    return path


@pytest.fixture(scope="module")
def workbook(office):
    doc = office.load(_template("population"), as_template=True)
    office.recalc_hard(doc)
    yield doc
    office.close(doc)


def _named(doc, name: str):
    return doc.NamedRanges.getByName(name).getReferredCells()


def _set_inputs(doc, values: dict[str, float]) -> None:
    for name, value in values.items():
        _named(doc, name).getCellByPosition(0, 0).Value = value
    doc.calculateAll()


DEFAULTS = {**{name: 1.0 for _, name in FLOWS.values()}, "FertilityMultiplier": 1.0,
            "SexRatioAtBirth": 0.51 / 0.49}


@pytest.fixture
def scenario(workbook):
    """The workbook with its default inputs put back after the test."""
    yield workbook
    _set_inputs(workbook, DEFAULTS)


def _population(office, doc) -> list[list[float]]:
    """Projection C2:X201: 200 rows (male ages 0..99, female ages 0..99) × 22 years."""
    return office.values(doc.Sheets.getByName("Projection"), "C2:X201")


def _total(pop: list[list[float]], t: int) -> float:
    return sum(row[t] for row in pop)


def _close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= REL * scale


def test_defaults_are_the_region_model_to_1e9(office, workbook, model):
    expected = model.project()
    assert expected["min"] > 0  # no cohort goes below zero: POP.PROJECT's floor never applies
    pop = _population(office, workbook)
    for t in range(Y + 1):
        total = sum(map(sum, expected["pop"][t]))
        assert _close(_total(pop, t), total, total), f"year {2019 + t}"
        for s in range(2):
            for a in range(A):
                want = expected["pop"][t][s][a]
                assert _close(pop[s * A + a][t], want, max(1.0, want)), f"{2019 + t} sex {s} age {a}"
    # The figures the README and the Read me state, computed independently here.
    total_2040 = sum(map(sum, expected["pop"][Y]))
    children = sum(expected["pop"][Y][s][a] for s in range(2) for a in range(7, 13))
    assert round(total_2040) == 772827
    assert round(children) == 36385
    assert round(expected["births"][0]) == 6006
    key = office.range_values(_named(workbook, "KeyFigures"))
    figures = {row[0]: row[2] for row in key}
    assert _close(figures["Population 31 Dec 2040"], total_2040, total_2040)
    assert _close(figures["Children 7–12 in 2040"], children, total_2040)
    assert _close(figures["Births 2020"], expected["births"][0], total_2040)
    assert office.range_values(_named(workbook, "Check")) in ([[True]], [[1.0]])


def test_components_are_the_region_models_flows(office, workbook, model):
    expected = model.project()
    comp = office.values(workbook.Sheets.getByName("Components"), "B4:W10")
    population, births, deaths, moved_in, moved_out, net, natural = comp
    scale = sum(map(sum, expected["pop"][Y]))
    for k in range(Y):
        t = k + 1  # column 0 is 2019 (no flows)
        assert _close(population[t], sum(map(sum, expected["pop"][t])), scale)
        assert _close(births[t], expected["births"][k], scale)
        assert _close(deaths[t], expected["deaths"][k], scale)
        assert _close(moved_in[t], expected["in"][k], scale)
        assert _close(moved_out[t], expected["out"][k], scale)
        assert _close(net[t], expected["in"][k] - expected["out"][k], scale)
        assert _close(natural[t], expected["births"][k] - expected["deaths"][k], scale)
    # The base year has no flows: empty cells, not zeros that look like data.
    sheet = workbook.Sheets.getByName("Components")
    assert [sheet.getCellRangeByName(f"B{r}").String for r in range(5, 11)] == [""] * 6
    # In and out by origin (rows 13..18) are the six flows' totals; 2020 as in data/README.md.
    by_origin = office.values(sheet, "C13:C18")
    assert [round(row[0], 2) for row in by_origin] == [16961.67, 19702.67, 20609.67, 15719.0,
                                                       5297.0, 2273.0]


@pytest.mark.parametrize("flow", list(FLOWS))
def test_each_flow_percentage_changes_2040_as_the_region_model(office, scenario, model, flow):
    base = sum(map(sum, model.project()["pop"][Y]))
    changed = model.project({flow: 0.8})
    assert changed["min"] > 0
    want = sum(map(sum, changed["pop"][Y])) - base
    _set_inputs(scenario, {FLOWS[flow][1]: 0.8})
    got = _total(_population(office, scenario), Y) - base
    # 80 % of a flow of 2,273..20,610 a year moves 2040 by thousands of people, in the flow's direction.
    assert abs(want) > 1000 and (want > 0) == (FLOWS[flow][0] < 0)
    assert _close(got, want, base), f"{flow}: template {got:,.3f}, region model {want:,.3f}"
    assert office.range_values(_named(scenario, "Check")) in ([[True]], [[1.0]])


def test_in_migration_from_the_rest_of_finland_at_80_percent(office, scenario, model):
    """The README's example: 80 % of the in-migration from the rest of Finland."""
    base = sum(map(sum, model.project()["pop"][Y]))
    lower = sum(map(sum, model.project({"in_rest_of_finland": 0.8})["pop"][Y]))
    _set_inputs(scenario, {"FinlandInMultiplier": 0.8})
    got = _total(_population(office, scenario), Y)
    assert _close(got, lower, base)
    assert round(base - lower) == 101890  # stated in README.md


def test_all_inputs_at_once(office, scenario, model):
    scale = {"in_within_region": 1.1, "out_within_region": 0.9, "in_rest_of_finland": 0.75,
             "out_rest_of_finland": 1.2, "immigration": 1.5, "emigration": 0.5}
    expected = model.project(scale, fertility=0.9, boys=1.05 / 2.05)
    assert expected["min"] > 0
    inputs = {FLOWS[key][1]: value for key, value in scale.items()}
    _set_inputs(scenario, {**inputs, "FertilityMultiplier": 0.9, "SexRatioAtBirth": 1.05})
    pop = _population(office, scenario)
    total = sum(map(sum, expected["pop"][Y]))
    assert _close(_total(pop, Y), total, total)
    for s in range(2):
        for a in range(A):
            want = expected["pop"][Y][s][a]
            assert _close(pop[s * A + a][Y], want, max(1.0, want)), f"sex {s} age {a}"
    assert office.range_values(_named(scenario, "Check")) in ([[True]], [[1.0]])


def test_check_turns_false_when_out_migration_cannot_happen(office, scenario):
    """Emigration at 1000 times the assumption would take age groups below zero: POP.PROJECT keeps
    them at zero, so fewer people leave than the percentage asks and the by-origin check says so."""
    _set_inputs(scenario, {"EmigrationMultiplier": 1000.0})
    assert office.error_cells(scenario) == []
    assert office.range_values(_named(scenario, "ComponentsCheck")) in ([[False]], [[0.0]])
    assert office.range_values(_named(scenario, "Check")) in ([[False]], [[0.0]])
    # the yearly balance itself still holds (row 24); only the out-migration by origin (row 26) fails
    checks = office.values(scenario.Sheets.getByName("Components"), "C24:W26")
    assert all(v in (True, 1.0) for v in checks[0])
    assert any(v in (False, 0.0) for v in checks[2])


def test_finnish_office_computes_the_same(office_fi, model):
    """väestöennuste.ots in a Finnish office: the options text carries the sex ratio with a decimal
    comma (POP.PROJECT reads both), and the result is the region model's."""
    doc = office_fi.load(_template("väestöennuste"), as_template=True)
    try:
        office_fi.recalc_hard(doc)
        options = office_fi.range_values(_named(doc, "ProjectionOptions"))[0][0]
        assert options.startswith("migration=gross;out=counts;births=start;migration_timing=end;srb=1,0408")
        pop = office_fi.values(doc.Sheets.getByName("Ennuste"), "C2:X201")
        total = sum(map(sum, model.project()["pop"][Y]))
        assert _close(_total(pop, Y), total, total)
        assert office_fi.range_values(_named(doc, "Check")) in ([[True]], [[1.0]])
    finally:
        office_fi.close(doc)
