"""The Helsinki-region model's sub-area steps written out in plain Python, from data/README.md
("How the source model steps a year", "Sub-areas, existing stock"; the VKENN_python.py step): the
existing stock of a sub-area and the city with its six gross flows. Shared by the real-Calc tests
(test_subareas.py) and the school-network reference (school_model.py); it needs no office and no
pytest, so it runs with a bare /usr/bin/python3. Nothing here comes from the add-in."""

from __future__ import annotations

import realdata

A, Y = realdata.AGES, len(realdata.YEARS)
BOYS = 0.51


def subareas() -> dict:
    """Helsinki's sub-areas as data/README.md describes them: the 31 Dec 2019 bases (100 × 2K, in
    the order of the area codes), the movers file's rows in the same order, the mover profiles
    (`share`, which sums to 1; `model_weight` sums to ~2, see the guide) by (type, direction), and
    Helsinki's (area 2) fertility and death probabilities 2020-2040."""
    names, bases = realdata.subarea_bases()
    movers = sorted(realdata.rows("fi_helsinki_subarea_movers_2017_19.csv"), key=lambda r: int(r["area_code"]))
    assert [r["area_name"] for r in movers] == names  # the same 148 areas in the same order
    profiles: dict[tuple[str, str], list[float]] = {}
    for r in realdata.rows("fi_helsinki_mover_profiles.csv"):
        profiles.setdefault((r["migration_type"], r["direction"]), [0.0] * A)[int(r["age"])] = float(r["share"])
    return dict(names=names, base=bases, movers=movers, profiles=profiles,
                fertility=realdata.helsinki_fertility(), mortality=realdata.helsinki_mortality())


def movers_by_start_age(d, k: int) -> tuple[list[float], list[float]]:
    """In- and out-movers of each sex per year of sub-area k by the age at the start of the year:
    movers per year × the type's profile ÷ 2 (half male, half female)."""
    r = d["movers"][k]
    inward = d["profiles"][(r["migration_type"], "in")]
    outward = d["profiles"][(r["migration_type"], "out")]
    return ([float(r["in_movers_per_year"]) * p / 2 for p in inward],
            [float(r["out_movers_per_year"]) * p / 2 for p in outward])



def factors_of(d, k: int) -> tuple[float, float]:
    r = d["movers"][k]
    return 1 + float(r["fertility_deviation_pct"]) / 100, 1 + float(r["mortality_deviation_pct"]) / 100



def existing_stock(d, k: int, f: float | None = None, m: float | None = None):
    """The existing-stock step of VKENN_python.py (lines 183-247) as data/README.md states it, for
    sub-area k: P'[a+1] = P[a] − P[a]·q[a]·m + in[a] − out[a], the open group 98+99, births =
    Σ P_female[a]·f[a]·fertility factor over 15..49 from the women at the start of the year, 51 %
    boys, newborns survive with the born-in-year q, and negative cells set to 0. The model leaves
    the born-in-year q unscaled; POP.PROJECT scales it too, which matters only for m ≠ 1 (all of
    Helsinki's mortality deviations are 0). Returns pop[sex][age][t]."""
    f0, m0 = factors_of(d, k)
    f = f0 if f is None else f
    m = m0 if m is None else m
    inward, outward = movers_by_start_age(d, k)
    q, asfr = d["mortality"], d["fertility"]
    P = [[d["base"][a][2 * k + s] for a in range(A)] for s in (0, 1)]
    pop = [[[P[s][a]] for a in range(A)] for s in (0, 1)]
    for y in range(Y):
        births = sum(P[1][a] * asfr[a - 15][y] * f for a in range(15, 50))
        new = [[0.0] * A for _ in (0, 1)]
        for s in (0, 1):
            def term(a):
                return P[s][a] - P[s][a] * q[a][2 * y + s] * m + inward[a] - outward[a]
            for a in range(A - 2):
                new[s][a + 1] = term(a)
            new[s][A - 1] = term(A - 2) + term(A - 1)
            new[s][0] = (BOYS if s == 0 else 1 - BOYS) * births * (1 - q[A][2 * y + s])
            new[s] = [max(v, 0.0) for v in new[s]]
            for a in range(A):
                pop[s][a].append(new[s][a])
        P = new
    return pop



def city_projection():
    """Helsinki as the region model projects it (data/README.md, "How the source model steps a
    year"): all six flows, the same step as existing_stock without factors or floor. pop[sex][age][t]."""
    base = realdata.helsinki_base()
    inward, outward = realdata.helsinki_gross_flows()
    q, asfr = realdata.helsinki_mortality(), realdata.helsinki_fertility()
    P = [[base[a][s] for a in range(A)] for s in (0, 1)]
    pop = [[[P[s][a]] for a in range(A)] for s in (0, 1)]
    for y in range(Y):
        births = sum(P[1][a] * asfr[a - 15][y] for a in range(15, 50))
        new = [[0.0] * A for _ in (0, 1)]
        for s in (0, 1):
            def term(a):
                return P[s][a] - P[s][a] * q[a][2 * y + s] + inward[y][a][s] - outward[y][a][s]
            for a in range(A - 2):
                new[s][a + 1] = term(a)
            new[s][A - 1] = term(A - 2) + term(A - 1)
            new[s][0] = (BOYS if s == 0 else 1 - BOYS) * births * (1 - q[A][2 * y + s])
            for a in range(A):
                pop[s][a].append(new[s][a])
        P = new
    return pop
