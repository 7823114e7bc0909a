"""Plain-Python reference of the school-network template's whole chain (templates/make_school_network.py):
Helsinki's 148 sub-areas to 2040 as existing stock plus the housing programme's new housing,
reconciled to the city's projection, turned into pupils per sub-area, grade and (EXAMPLE) school.

Transcribed, sharing no code with the add-in or the template, from:

- data/README.md ("How the source model steps a year", "Sub-areas, existing stock" and "Helsinki's
  housing-led sub-area inputs") and docs/guide/population.md ("Sub-areas: the existing stock",
  "POP.HOUSING"): the existing stock of every sub-area (its movers per year × its migration type's
  profile ÷ 2 per sex by the age at the start of the year, out-movers as counts, births from the
  women at the start × the sub-area's fertility factor, 51 % boys, newborns × (1 − q_born), negative
  cells set to 0) and the city with its six gross flows: tests/calc/region_subareas.py (imported),
  which transcribed them from data/README.md for test_subareas.py too.
- tests/calc/housing_data.py (imported): the 149 development units of the housing programme and
  plain_housing, the POP.HOUSING recursion written from FUNCTIONS.md and the guide; here with
  births=start, srb 0.51/0.49, half the arrivals men, retention of types 6 and 7 borrowed from 4 and 3.
- The template's own specification (the brief of its rewrite): the 11 output bands 0-6, 7, 8, …,
  15, 16+ (POP option bands=0,7,8,9,10,11,12,13,14,15,16); the reconciliation per sex, band and
  year, factor = city ÷ (Σ sub-areas' existing stock + Σ units' new housing), every cell × its
  factor (POP.CONSTRAIN without a third argument); grade g = age 6 + g (g = 1..9); a sub-area's
  pupils = its existing stock's + those of the units whose sub-area code is its code; one EXAMPLE
  school per Helsinki district (peruspiiri), the district of a sub-area being int(area_name[3:5])
  of the movers file ("09113203 203 Jätkäsaari" → 13), sub-area 999 "Tuntematon" in no school.

named_ranges() returns every named range of the template as lists of rows (the shape Calc's
getDataArray gives). Run as a script, it checks itself against the figures docs/guide/population.md
publishes and prints the figures of the template's options:

    /usr/bin/python3 tests/calc/school_model.py
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import housing_data  # noqa: E402
import realdata  # noqa: E402
from region_subareas import BOYS, city_projection, existing_stock, subareas  # noqa: E402

A = realdata.AGES                 # 0..99, 99 = 99 and over
Y = len(realdata.YEARS)           # 21 projection years, 2020..2040
T = Y + 1                         # 22 columns: 2019..2040
YEARS = [2019 + t for t in range(T)]
BANDS = [0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]   # lower limits; the last is open (16..99)
NB = len(BANDS)                   # 11
ENTRY_AGE, GRADES = 7, 9          # grade g = age 6 + g: bands 1..9
GRADE_BANDS = range(1, 1 + GRADES)
SEXES = ("male", "female")
UNKNOWN = 999                     # "091999999 Tuntematon": no sub-area known, no school


def band_label(b: int) -> str:
    return "0-6" if b == 0 else "16+" if b == NB - 1 else str(BANDS[b])


# ------------------------------------------------------------------ inputs

# ------------------------------------------------------------------ the chain

def banded(pop_sex) -> list[list[float]]:
    """One sex's ages × years summed into the 11 bands: NB × T."""
    limits = BANDS + [A]
    return [[sum(pop_sex[a][t] for a in range(limits[b], limits[b + 1])) for t in range(T)] for b in range(NB)]


@dataclass
class Model:
    area_codes: list[int]            # 148, sorted by code (999 last)
    area_names: list[str]
    area_school: list[int | None]    # district code of each sub-area, None for 999
    unit_codes: list[int]            # 149, the sub-area of each unit
    unit_types: list[int]
    school_codes: list[int]          # 34 district codes, ascending
    stock: list                      # [k][s][b][t], unreconciled
    housing: list                    # [u][s][b][t], unreconciled
    city: list                       # [s][b][t]
    factor: list                     # [s][b][t]
    stock_total: list[float]         # Σ over sub-areas, sexes and all ages (single ages), per t
    seconds: float = 0.0

    def reconciled_stock(self, k: int, s: int, b: int, t: int) -> float:
        return self.stock[k][s][b][t] * self.factor[s][b][t]

    def reconciled_housing(self, u: int, s: int, b: int, t: int) -> float:
        return self.housing[u][s][b][t] * self.factor[s][b][t]


def district_of(area_name: str) -> int:
    """The Helsinki district (peruspiiri) of a sub-area: "09113203 203 Jätkäsaari" → 13."""
    return int(area_name[3:5])


def model(*, housing_births_start: bool = True, housing_srb: float = BOYS / (1 - BOYS)) -> Model:
    """The whole chain with the template's options (the keyword arguments exist only to check the
    housing part against the guide's POP.HOUSING example, which uses births=mean and srb 1.05)."""
    started = time.perf_counter()
    d = subareas()
    K = len(d["names"])
    codes = [int(r["area_code"]) for r in d["movers"]]
    school = [None if c == UNKNOWN else district_of(r["area_name"]) for c, r in zip(codes, d["movers"])]
    stock, stock_total = [], [0.0] * T
    for k in range(K):
        pop = existing_stock(d, k)
        stock.append([banded(pop[s]) for s in (0, 1)])
        for t in range(T):
            stock_total[t] += sum(pop[s][a][t] for s in (0, 1) for a in range(A))
    p = housing_data.programme()
    units, _ = housing_data.plain_housing(p, p.retention, births_start=housing_births_start, srb=housing_srb,
                                          male_share=0.5)
    housing = [[banded(unit[s]) for s in (0, 1)] for unit in units]
    cpop = city_projection()
    city = [banded(cpop[s]) for s in (0, 1)]
    factor = [[[city[s][b][t] / (sum(stock[k][s][b][t] for k in range(K)) +
                                 sum(housing[u][s][b][t] for u in range(len(housing))))
                for t in range(T)] for b in range(NB)] for s in (0, 1)]
    return Model(area_codes=codes, area_names=d["names"], area_school=school, unit_codes=list(p.codes),
                 unit_types=[int(t) for (t,) in p.types], school_codes=sorted({c for c in school if c is not None}),
                 stock=stock, housing=housing, city=city, factor=factor, stock_total=stock_total,
                 seconds=time.perf_counter() - started)


def named_ranges(m: Model | None = None, capacity: list[float] | None = None) -> dict[str, list[list]]:
    """Every named range of the template, as rows of values (text "" for a blank cell). `Capacity`
    and `Gap` only when `capacity` (one number per school, in SchoolCodes' order) is given: the
    capacities are EXAMPLE inputs of the template, not part of the model. `Check` is not here: it
    is TRUE by definition."""
    m = m or model()
    K, U, S = len(m.area_codes), len(m.unit_codes), len(m.school_codes)
    existing = [[sum(m.reconciled_stock(k, s, b, t) for s in (0, 1) for b in GRADE_BANDS) for t in range(T)]
                for k in range(K)]
    unit_pupils = [[sum(m.reconciled_housing(u, s, b, t) for s in (0, 1) for b in GRADE_BANDS) for t in range(T)]
                   for u in range(U)]
    unit_residents = [[sum(m.reconciled_housing(u, s, b, t) for s in (0, 1) for b in range(NB)) for t in range(T)]
                      for u in range(U)]
    units_of = {code: [u for u in range(U) if m.unit_codes[u] == code] for code in m.area_codes}
    grades = [[[sum(m.reconciled_stock(k, s, g, t) + sum(m.reconciled_housing(u, s, g, t) for u in units_of[code])
                    for s in (0, 1)) for t in range(T)]
               for k, code in enumerate(m.area_codes)] for g in GRADE_BANDS]
    new_by_area = [[sum(unit_pupils[u][t] for u in units_of[code]) for t in range(T)] for code in m.area_codes]
    areas_of = [[k for k in range(K) if m.area_school[k] == c] for c in m.school_codes]
    school_existing = [[sum(existing[k][t] for k in ks) for t in range(T)] for ks in areas_of]
    school_new = [[sum(new_by_area[k][t] for k in ks) for t in range(T)] for ks in areas_of]
    school_pupils = [[sum(existing[k][t] + new_by_area[k][t] for k in ks) for t in range(T)] for ks in areas_of]
    unknown = m.area_codes.index(UNKNOWN)
    out = {
        "Years": [list(YEARS)],
        "SchoolCodes": [[float(c)] for c in m.school_codes],
        "SchoolPupils": school_pupils,
        "SchoolExisting": school_existing,
        "SchoolNew": school_new,
        "AreaCodes": [[float(c)] for c in m.area_codes],
        "AreaSchool": [["" if c is None else float(c)] for c in m.area_school],
        "AreaExistingPupils": existing,
        "UnitCodes": [[float(c)] for c in m.unit_codes],
        "UnitPupils": unit_pupils,
        "UnitResidents": unit_residents,
        "SubareaGrades": [row for block in grades for row in block],
        "CityPupils": [[sum(m.city[s][b][t] for s in (0, 1) for b in GRADE_BANDS) for t in range(T)]],
        "UnlocatedPupils": [[existing[unknown][t] + new_by_area[unknown][t] for t in range(T)]],
        "Factors": [m.factor[s][b] for s in (0, 1) for b in range(NB)],
        "NewResidents": [[sum(m.housing[u][s][b][t] for u in range(U) for s in (0, 1) for b in range(NB))
                          for t in range(T)]],
        "NewResidentsReconciled": [[sum(unit_residents[u][t] for u in range(U)) for t in range(T)]],
    }
    if capacity is not None:
        assert len(capacity) == S, (len(capacity), S)
        out["Capacity"] = [[float(c)] for c in capacity]
        out["Gap"] = [[capacity[i] - v for v in row] for i, row in enumerate(school_pupils)]
    return out


# ------------------------------------------------------------------ checks against the guide

def unit_children(m: Model, codes, t: int, reconciled: bool) -> dict[int, float]:
    """Children 7-15 (both sexes) of the units of each sub-area in `codes`, in column t."""
    f = (lambda s, b: m.factor[s][b][t]) if reconciled else (lambda s, b: 1.0)
    return {code: sum(m.housing[u][s][b][t] * f(s, b) for u in range(len(m.unit_codes)) if m.unit_codes[u] == code
                      for s in (0, 1) for b in GRADE_BANDS) for code in codes}


def check_against_the_guide() -> None:
    """The published figures of docs/guide/population.md: the unreconciled existing stock and the city
    ("Sub-areas", worked example), and POP.HOUSING's example with its own options (births=mean,
    srb 1.05; "POP.HOUSING", worked example)."""
    m = model(housing_births_start=False, housing_srb=1.05)
    city = [sum(m.city[s][b][t] for s in (0, 1) for b in range(NB)) for t in range(T)]
    assert [round(m.stock_total[t]) for t in (0, 11, 21)] == [653835, 644645, 615616], m.stock_total
    # the banded stock keeps every person of the single ages
    banded_total = [sum(m.stock[k][s][b][t] for k in range(len(m.stock)) for s in (0, 1) for b in range(NB))
                    for t in range(T)]
    assert all(abs(x - y) < 1e-6 for x, y in zip(banded_total, m.stock_total))
    assert [round(city[t]) for t in (0, 11, 21)] == [653835, 719886, 772827], city
    new = [sum(m.housing[u][s][b][t] for u in range(len(m.housing)) for s in (0, 1) for b in range(NB))
           for t in range(T)]
    assert [round(new[11], -2), round(new[21], -2)] == [140_600, 237_000], new
    young = [sum(v for v in unit_children(m, set(m.unit_codes), t, False).values()) for t in (11, 21)]
    assert [round(v, -1) for v in young] == [9_650, 19_580], young
    table = {code: [round(unit_children(m, [code], t, False)[code]) for t in (11, 21)]
             for code in (203, 494, 102, 385, 204)}
    assert table == {203: [873, 1195], 494: [468, 1097], 102: [1037, 725], 385: [133, 678], 204: [176, 693]}, table
    print(f"guide: existing stock {[round(m.stock_total[t]) for t in (0, 11, 21)]}, city "
          f"{[round(city[t]) for t in (0, 11, 21)]}; housing (births=mean, srb 1.05) "
          f"{round(new[11])} / {round(new[21])}, children 7-15 {round(young[0])} / {round(young[1])}: as published")


def report() -> None:
    """The figures of the template's options."""
    m = model()
    r = named_ranges(m)
    print(f"model (148 sub-areas, 149 units, city, factors): {m.seconds:.2f} s")
    i30, i40 = 11, 21
    new, rec = r["NewResidents"][0], r["NewResidentsReconciled"][0]
    print(f"new-housing residents 2030 / 2040: unreconciled {new[i30]:,.1f} / {new[i40]:,.1f}; "
          f"reconciled {rec[i30]:,.1f} / {rec[i40]:,.1f}")
    for code in (203, 494, 102, 385, 204):
        raw = [unit_children(m, [code], t, False)[code] for t in (i30, i40)]
        adj = [unit_children(m, [code], t, True)[code] for t in (i30, i40)]
        print(f"  sub-area {code} units' children 7-15, 2030 / 2040: unreconciled {raw[0]:,.1f} / {raw[1]:,.1f}; "
              f"reconciled {adj[0]:,.1f} / {adj[1]:,.1f}")
    factors = [(m.factor[s][b][t], SEXES[s], band_label(b), YEARS[t]) for s in (0, 1) for b in range(NB) for t in range(T)]
    print("factor min", min(factors), "max", max(factors))
    print("factors of 2019:", min(f for f, *_ in factors[::T]), max(f for f, *_ in factors[::T]))
    print("city pupils 2019 / 2030 / 2040:", [round(r["CityPupils"][0][t]) for t in (0, i30, i40)],
          "unlocated:", [round(r["UnlocatedPupils"][0][t]) for t in (0, i30, i40)])
    print("school  pupils 2019   2030   2040   (existing 2030 + new 2030)  2030-2019")
    for (code,), row, ex, nw in zip(r["SchoolCodes"], r["SchoolPupils"], r["SchoolExisting"], r["SchoolNew"]):
        print(f"  {int(code):3d}  {row[0]:9.1f} {row[i30]:9.1f} {row[i40]:9.1f}  ({ex[i30]:8.1f} + {nw[i30]:7.1f})"
              f"  {row[i30] - row[0]:+8.1f}")


if __name__ == "__main__":
    started = time.perf_counter()
    check_against_the_guide()
    report()
    print(f"total {time.perf_counter() - started:.2f} s")
