"""Readers of the real data in data/ (data/README.md), shaped as the POP functions take them
(ages down the rows, male/female column pairs, per person rather than per 1000)."""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

DATA_DIR = Path(os.environ.get("KUNTAPLAN_DATA_DIR",
                               Path(__file__).resolve().parents[2] / "data")).resolve()

YEARS = list(range(2020, 2041))  # the projection years of Statistics Finland's 2019 assumptions
AGES = 100                       # 0..99, 99 = 99 and over
HELSINKI = "2"                   # area_code of Helsinki in the assumption files


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def helsinki_base() -> list[list[float]]:
    """100 × 2: Helsinki 31 Dec 2019 by age, male and female."""
    out = [[0.0, 0.0] for _ in range(AGES)]
    for r in rows("fi_helsinki_total_pop_2019-12-31.csv"):
        out[int(r["age"])][0 if r["sex"] == "male" else 1] = float(r["pop"])
    return out


def subarea_bases() -> tuple[list[str], list[list[float]]]:
    """Area names and a 100 × 2K block: the 148 sub-areas side by side."""
    by_area: dict[str, list[list[float]]] = {}
    names: dict[str, str] = {}
    for r in rows("fi_helsinki_subareas_pop_2019-12-31.csv"):
        block = by_area.setdefault(r["area_code"], [[0.0, 0.0] for _ in range(AGES)])
        block[int(r["age"])][0 if r["sex"] == "male" else 1] = float(r["pop"])
        names[r["area_code"]] = r["area_name"]
    codes = sorted(by_area, key=int)
    table = [[v for code in codes for v in by_area[code][age]] for age in range(AGES)]
    return [names[c] for c in codes], table


def helsinki_fertility() -> list[list[float]]:
    """35 × 21: ASFR per woman, ages 15..49 down, years 2020..2040 across."""
    rates: dict[tuple[int, int], float] = {}
    for r in rows("fi_tk2019_fertility_rates_by_area_2020_2040.csv"):
        if r["area_code"] == HELSINKI:
            rates[(int(r["age"]), int(r["year"]))] = float(r["asfr_per_1000"]) / 1000
    return [[rates[(age, year)] for year in YEARS] for age in range(15, 50)]


def helsinki_mortality() -> list[list[float]]:
    """101 × 42: Helsinki's (area 2) qx per person, ages 0..99 and the extra row of those born
    in the year, a male/female pair per year."""
    q: dict[tuple[str, int, str], float] = {}
    for r in rows("fi_tk2019_death_probabilities_by_area_2020_2040.csv"):
        if r["area_code"] != HELSINKI:
            continue
        q[(r["age"], int(r["year"]), r["sex"])] = float(r["qx_per_1000"]) / 1000
    ages = [str(a) for a in range(AGES)] + ["born_in_year"]
    return [[q[(age, year, sex)] for year in YEARS for sex in ("male", "female")] for age in ages]


def helsinki_net_migration() -> list[list[float]]:
    """100 × 42: net international migrants (immigration − emigration) per age, a male/female
    pair per year."""
    net: dict[tuple[int, int, str], float] = defaultdict(float)
    for name, sign in (("fi_helsinki_region_immigration_2020_2040.csv", 1.0),
                       ("fi_helsinki_region_emigration_2020_2040.csv", -1.0)):
        for r in rows(name):
            if r["area_code"] == HELSINKI:
                net[(int(r["age"]), int(r["year"]), r["sex"])] += (
                    sign * float(r["annual_total"]) * float(r["share"]))
    return [[net[(age, year, sex)] for year in YEARS for sex in ("male", "female")]
            for age in range(AGES)]


def preston_sweden() -> list[dict[str, float]]:
    return [{k: float(v) for k, v in r.items() if k != "age_label"}
            for r in rows("preston_sweden1993_female_projection.csv")]


def preston_austria() -> list[dict[str, float]]:
    return [{k: (float(v) if v != "" else None) for k, v in r.items()}
            for r in rows("preston_austria1992_male_lifetable.csv")]


def helsinki_gross_flows() -> tuple[list[list[list[float]]], list[list[list[float]]]]:
    """Helsinki's in- and out-migrants per year, all six flows of the data README summed by
    direction (within the region, with the rest of Finland, international): in_[y][age][sex] and
    out[y][age][sex] for the years 2020..2040, by the age on 31 Dec of the previous year (as the
    Helsinki-region model gives them)."""
    flows = {d: [[[0.0, 0.0] for _ in range(AGES)] for _ in YEARS] for d in ("in", "out")}

    def add(r: dict[str, str], direction: str) -> None:
        if r["area_code"] == HELSINKI:
            flows[direction][int(r["year"]) - YEARS[0]][int(r["age"])][0 if r["sex"] == "male" else 1] += (
                float(r["annual_total"]) * float(r["share"]))

    for r in rows("fi_helsinki_region_domestic_migration_2020_2040.csv"):
        add(r, "in" if r["flow"].startswith("in_") else "out")
    for r in rows("fi_helsinki_region_immigration_2020_2040.csv"):
        add(r, "in")
    for r in rows("fi_helsinki_region_emigration_2020_2040.csv"):
        add(r, "out")
    return flows["in"], flows["out"]


def subarea_gross_migration(male_share: float = 0.5) -> list[list[float]]:
    """100 × 4K: for each of the 148 sub-areas (in the order of subarea_bases()) a group of four
    columns, in-migrants male, female, out-migrants male, female, per year: the area's in- and
    out-movers per year (2017-19 means) times its migration type's age profile, split by
    `male_share` (the profiles have no sex)."""
    profile: dict[tuple[str, str], list[float]] = {}
    for r in rows("fi_helsinki_mover_profiles.csv"):
        profile.setdefault((r["migration_type"], r["direction"]), [0.0] * AGES)[int(r["age"])] = float(r["share"])
    movers = sorted(rows("fi_helsinki_subarea_movers_2017_19.csv"), key=lambda r: int(r["area_code"]))
    table = [[] for _ in range(AGES)]
    for r in movers:
        inward = profile[(r["migration_type"], "in")]
        outward = profile[(r["migration_type"], "out")]
        n_in, n_out = float(r["in_movers_per_year"]), float(r["out_movers_per_year"])
        for age in range(AGES):
            table[age] += [n_in * inward[age] * male_share, n_in * inward[age] * (1 - male_share),
                           n_out * outward[age] * male_share, n_out * outward[age] * (1 - male_share)]
    return table
