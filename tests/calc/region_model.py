"""The Helsinki-region model's yearly step, written from its description in data/README.md ("How the
source model steps a year"; SEUDUNENN_python.py lines 217-265 at the commit given there) and reading
data/ directly, as the independent reference for the scenarios the wizard writes. It shares no code
with the add-in or the sheets: flows are given by the age on 31 Dec of the year before and added
without mortality, the 99+ group collects ages 98 and 99, births come from the women at the start of
the year, 51 % of them boys, and newborns survive with the "born in year" death probability.

The wizard holds the rates of 2020 constant (fertility scaled to a target TFR, death probabilities ×
(1 − improvement)^t); the migration files have the same flows in every year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from realdata import AGES, HELSINKI, helsinki_base, rows

# The six flows: (file, flow column or None), in the wizard's order (InRegion, OutRegion, InFinland,
# OutFinland, InAbroad, OutAbroad).
FLOWS = [
    ("fi_helsinki_region_domestic_migration_2020_2040.csv", "in_within_region"),
    ("fi_helsinki_region_domestic_migration_2020_2040.csv", "out_within_region"),
    ("fi_helsinki_region_domestic_migration_2020_2040.csv", "in_rest_of_finland"),
    ("fi_helsinki_region_domestic_migration_2020_2040.csv", "out_rest_of_finland"),
    ("fi_helsinki_region_immigration_2020_2040.csv", None),
    ("fi_helsinki_region_emigration_2020_2040.csv", None),
]
INWARD = [True, False, True, False, True, False]
BOYS = 0.51
SEXES = ("male", "female")


def flows_2020() -> list[list[list[float]]]:
    """The six flows of 2020: [flow][age][sex] persons a year, age on 31 Dec of the year before."""
    out = []
    for name, flow in FLOWS:
        block = [[0.0, 0.0] for _ in range(AGES)]
        for r in rows(name):
            if r["area_code"] == HELSINKI and r["year"] == "2020" and (flow is None or r["flow"] == flow):
                block[int(r["age"])][SEXES.index(r["sex"])] += float(r["annual_total"]) * float(r["share"])
        out.append(block)
    return out


def net_profile_2020() -> list[list[float]]:
    """Net international migration of 2020 (immigrants − emigrants) by age and sex as shares of its
    total."""
    flows = flows_2020()
    net = [[flows[4][a][s] - flows[5][a][s] for s in range(2)] for a in range(AGES)]
    total = sum(map(sum, net))
    return [[v / total for v in row] for row in net]


def rates_2020() -> tuple[list[float], list[list[float]]]:
    """ASFR of ages 15..49 and qx (101 rows, the last "born in year") by sex, Helsinki 2020."""
    asfr = {}
    for r in rows("fi_tk2019_fertility_rates_by_area_2020_2040.csv"):
        if r["area_code"] == HELSINKI and r["year"] == "2020":
            asfr[int(r["age"])] = float(r["asfr_per_1000"]) / 1000
    qx = [[0.0, 0.0] for _ in range(AGES + 1)]
    for r in rows("fi_tk2019_death_probabilities_by_area_2020_2040.csv"):
        if r["area_code"] == HELSINKI and r["year"] == "2020":
            age = AGES if r["age"] == "born_in_year" else int(r["age"])
            qx[age][SEXES.index(r["sex"])] = float(r["qx_per_1000"]) / 1000
    return [asfr[a] for a in range(15, 50)], qx


@dataclass
class Result:
    population: list[list[list[float]]] = field(default_factory=list)  # [year][age][sex], year 0 = base
    births: list[float] = field(default_factory=list)                  # per step
    deaths: list[float] = field(default_factory=list)
    in_migration: list[float] = field(default_factory=list)
    out_migration: list[float] = field(default_factory=list)

    def total(self, t: int) -> float:
        return sum(map(sum, self.population[t]))


def project(years: int, tfr: float, multipliers=(1, 1, 1, 1, 1, 1), net: float = 0.0,
            improvement: float = 0.0, base: list[list[float]] | None = None) -> Result:
    """The scenario: Helsinki's 2020 rates, fertility scaled to `tfr`, qx × (1 − improvement)^t, each
    flow × its multiplier × (the base's total ÷ Helsinki's), plus `net` migrants over the net profile
    (its positive part in, its negative part out). Raises if a cohort would go below zero (the model
    would then need POP.PROJECT's floor at zero, which this reference does not implement)."""
    helsinki = helsinki_base()
    base = base or helsinki
    scale = sum(map(sum, base)) / sum(map(sum, helsinki))
    asfr, qx0 = rates_2020()
    asfr = [f * tfr / sum(asfr) for f in asfr]
    flows, profile = flows_2020(), net_profile_2020()
    inflow = [[0.0, 0.0] for _ in range(AGES)]
    outflow = [[0.0, 0.0] for _ in range(AGES)]
    for a in range(AGES):
        for s in range(2):
            for k in range(6):
                (inflow if INWARD[k] else outflow)[a][s] += multipliers[k] * scale * flows[k][a][s]
            part = net * profile[a][s]
            inflow[a][s] += max(part, 0.0)
            outflow[a][s] += max(-part, 0.0)
    result = Result(population=[[list(r) for r in base]])
    for t in range(1, years + 1):
        P = result.population[-1]
        q = [[v * (1 - improvement) ** t for v in row] for row in qx0]
        nxt = [[0.0, 0.0] for _ in range(AGES)]
        deaths = 0.0
        for s in range(2):
            def term(a):
                return P[a][s] - P[a][s] * q[a][s] + inflow[a][s] - outflow[a][s]
            for a in range(AGES - 2):
                nxt[a + 1][s] = term(a)
            nxt[AGES - 1][s] = term(AGES - 2) + term(AGES - 1)
            deaths += sum(P[a][s] * q[a][s] for a in range(AGES))
        births = sum(P[15 + i][1] * f for i, f in enumerate(asfr))
        nxt[0][0] = BOYS * births * (1 - q[AGES][0])
        nxt[0][1] = (1 - BOYS) * births * (1 - q[AGES][1])
        deaths += BOYS * births * q[AGES][0] + (1 - BOYS) * births * q[AGES][1]
        if min(min(row) for row in nxt) < 0:
            raise ValueError(f"a cohort below zero in step {t}: the reference does not floor")
        result.population.append(nxt)
        result.births.append(births)
        result.deaths.append(deaths)
        result.in_migration.append(sum(map(sum, inflow)))
        result.out_migration.append(sum(map(sum, outflow)))
    return result
