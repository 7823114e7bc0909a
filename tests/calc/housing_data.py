"""Helsinki's housing programme as POP.HOUSING takes it (data/README.md, "Helsinki's housing-led
sub-area inputs"), and a plain Python transcription of POP.HOUSING's recursion as the contract
(FUNCTIONS.md) and docs/guide/population.md state it, for the real-Calc tests and bench_housing.py.
The transcription shares nothing with the add-in: it steps each unit's whole stock year by year
from the description alone."""

from __future__ import annotations

from dataclasses import dataclass

import realdata

AGES = realdata.AGES          # 0..99, 99 = 99 and over
YEARS = len(realdata.YEARS)   # 2020..2040
COMPLETION_YEARS = 16         # 2020..2035
TYPES = 7
# Types 6 (student housing) and 7 (senior housing) have no retention coefficients in the data;
# the guide and the benchmark give them those of the type with the same migration type in
# fi_helsinki_housing_building_types.csv (6 and 4: type 11; 7 and 3: type 22).
RETENTION_SOURCE = [1, 2, 3, 4, 5, 4, 3]


@dataclass
class Programme:
    codes: list[int]                 # sub-area code of each unit
    names: list[str]                 # sub-area name of each unit
    completions: list[list[float]]   # units × 16, m² of floor area, 2020..2035
    types: list[list[float]]         # units × 1
    building: list[list[float]]      # 7 × 2: m² per resident, vacant share
    profiles: list[list[float]]      # 100 × 7
    retention5: list[list[float]]    # 100 × 5, as in the data
    fertility: list[list[float]]     # 35 × 21
    mortality: list[list[float]]     # 101 × 42

    @property
    def retention(self) -> list[list[float]]:
        """100 × 7, types 6 and 7 with the stand-ins above."""
        return [[row[s - 1] for s in RETENTION_SOURCE] for row in self.retention5]


def programme() -> Programme:
    """One development unit per (sub-area, building type) of the completions file, in its order:
    149 units."""
    units: dict[tuple[int, int], int] = {}
    codes, names, types, floor = [], [], [], []
    for r in realdata.rows("fi_helsinki_housing_completions_2020_2035.csv"):
        key = (int(r["area_code"]), int(r["building_type"]))
        if key not in units:
            units[key] = len(codes)
            codes.append(key[0])
            names.append(r["area_name"])
            types.append([float(key[1])])
            floor.append([0.0] * COMPLETION_YEARS)
        floor[units[key]][int(r["year"]) - 2020] += float(r["floor_area_m2"])
    building = [[0.0, 0.0] for _ in range(TYPES)]
    for r in realdata.rows("fi_helsinki_housing_building_types.csv"):
        building[int(r["building_type"]) - 1] = [float(r["floor_m2_per_resident"]),
                                                 float(r["vacant_floor_area_pct"]) / 100]
    profiles = [[0.0] * TYPES for _ in range(AGES)]
    for r in realdata.rows("fi_helsinki_housing_new_resident_profiles.csv"):
        profiles[int(r["age"])][int(r["building_type"]) - 1] = float(r["share"])
    retention = [[0.0] * 5 for _ in range(AGES)]
    for r in realdata.rows("fi_helsinki_housing_retention.csv"):
        retention[int(r["age"])][int(r["building_type"]) - 1] = float(r["retention_coefficient"])
    return Programme(codes, names, floor, types, building, profiles, retention,
                     realdata.helsinki_fertility(), realdata.helsinki_mortality())


def plain_housing(p: Programme, retention, years: int = YEARS, *, births_start=False, srb=1.05,
                  male_share=0.5, fertile_from=15):
    """The recursion written out: per unit, arrivals N(t) = (C(t)(1 − v) + C(t−1)v)/m², spread by
    the type's profile scaled to sum 1 and split male_share / 1 − male_share; each year every age
    x moves to x + 1 (the open group keeps its own) times max(retention(x) − q(x), 0); births from
    the women at the start (births=start) or the mean of the start and the year's end before the
    arrivals; newborns B·share·(1 − q_born) at age 0. Returns (pop[u][sex][age][t], arrivals[u][t])."""
    A = len(p.profiles)
    boys = srb / (1 + srb)
    split = (male_share, 1 - male_share)
    result, arrivals_out = [], []
    for u, (row, (type_,)) in enumerate(zip(p.completions, p.types)):
        j = int(type_) - 1
        m2, vacant = p.building[j]
        total = sum(p.profiles[a][j] for a in range(A))
        profile = [p.profiles[a][j] / total for a in range(A)]
        pop = [[[0.0] * (years + 1) for _ in range(A)] for _ in (0, 1)]
        arrivals = []
        floor = lambda year: row[year - 1] if 1 <= year <= len(row) else 0.0  # noqa: E731
        for t in range(years):  # the year t + 1, rates column t (the last carried on)
            m = 2 * min(t, len(p.mortality[0]) // 2 - 1)
            now = [[pop[s][a][t] for a in range(A)] for s in (0, 1)]
            new = [[0.0] * A for _ in (0, 1)]
            for s in (0, 1):
                for a in range(A):
                    q = p.mortality[a][m + s]
                    new[s][min(a + 1, A - 1)] += now[s][a] * max(retention[a][j] - q, 0.0)
            fert = [r[min(t, len(r) - 1)] for r in p.fertility]
            if births_start:
                births = sum(f * now[1][fertile_from + i] for i, f in enumerate(fert))
            else:
                births = sum(f * (now[1][fertile_from + i] + new[1][fertile_from + i]) / 2 for i, f in enumerate(fert))
            new[0][0] = births * boys * (1 - p.mortality[A][m])
            new[1][0] = births * (1 - boys) * (1 - p.mortality[A][m + 1])
            people = (floor(t + 1) * (1 - vacant) + floor(t) * vacant) / m2
            arrivals.append(people)
            for s in (0, 1):
                for a in range(A):
                    pop[s][a][t + 1] = new[s][a] + people * split[s] * profile[a]
        result.append(pop)
        arrivals_out.append(arrivals)
    return result, arrivals_out


def total_table(pop, bands=None):
    """POP.HOUSING's "total": per unit its age rows (or bands: lower ages, the last open), both
    sexes, years + 1 columns."""
    out = []
    for unit in pop:
        A, T1 = len(unit[0]), len(unit[0][0])
        rows = [[unit[0][a][t] + unit[1][a][t] for t in range(T1)] for a in range(A)]
        if bands:
            limits = list(bands) + [A]
            rows = [[sum(rows[a][t] for a in range(limits[i], limits[i + 1])) for t in range(T1)]
                    for i in range(len(bands))]
        out.extend(rows)
    return out


def units_table(pop):
    return [[sum(unit[s][a][t] for s in (0, 1) for a in range(len(unit[0])))
             for t in range(len(unit[0][0]))] for unit in pop]
