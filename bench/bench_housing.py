#!/usr/bin/python3
"""Benchmark: POP.HOUSING through Calc on Helsinki's housing programme — all 149 development units
(sub-area × building type rows of data/fi_helsinki_housing_completions_2020_2035.csv), 100 ages,
21 years to 2040.

    /usr/bin/python3 bench/bench_housing.py --oxt build/kuntaplan.oxt [--core build/bench/bench_housing]

In one headless office (tests/calc/kpoffice.py) it writes the inputs (completions 149 × 16, types
149 × 1, building 7 × 2, profiles 100 × 7, retention 100 × 7 with types 6 and 7 given the
coefficients of types 4 and 3, Helsinki's ASFR 35 × 21 and qx 101 × 42) and, each in its own
document, one array formula
    =POP.HOUSING(…; 21; "units")                      149 × 22 cells
    =POP.HOUSING(…; 21; "total"; "bands=7,16")        298 × 22 (children 7-15 and 16+ per unit)
    =POP.HOUSING(…; 21)                               14,900 × 22 ("total" by single age)
checks each against the plain Python recursion (tests/calc/housing_data.py) to 1e-9 relative,
and prints the median wall time of 7 hard recalculations (doc.calculateAll()) and the office's CPU
time per recalculation (from /proc; the machine is shared, and CPU time does not count waiting for
a core). With --core it runs the core benchmark (bench/bench_housing.cpp) too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "calc"))

import housing_data as hd  # noqa: E402
from calc_timing import RECALCS, time_recalc  # noqa: E402
from kpoffice import Office, a1_block as block  # noqa: E402

Y = hd.YEARS


def check(got, expected, what: str) -> float:
    """The largest relative difference (1 person floor); stops the benchmark above 1e-9."""
    worst = 0.0
    for g_row, e_row in zip(got, expected, strict=True):
        for g, e in zip(g_row, e_row, strict=True):
            worst = max(worst, abs(g - e) / max(1.0, abs(e)))
    if worst > 1e-9:
        raise SystemExit(f"{what}: differs from the plain recursion by {worst:.3g} relative")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oxt", default=str(ROOT / "build" / "kuntaplan.oxt"))
    parser.add_argument("--core", default=None, help="the bench_housing binary (build/bench/bench_housing)")
    args = parser.parse_args()

    p = hd.programme()
    pop, _ = hd.plain_housing(p, p.retention)
    U = len(p.codes)
    cases = [
        ("units", "units", "", U, hd.units_table(pop)),
        ("total, bands=7,16", "total", "bands=7,16", 2 * U, hd.total_table(pop, bands=[7, 16])),
        ("total by single age", "total", "", U * hd.AGES, hd.total_table(pop)),
    ]
    print(f"POP.HOUSING, {U} units × 100 ages × 2 sexes × {Y} years, median of {RECALCS} hard recalculations")
    print(f"{'output':<22} {'cells':>9} {'wall':>10} {'CPU':>9}  largest difference from the plain recursion")
    with Office(args.oxt, mode="bundled") as office:
        for label, output, options, rows, expected in cases:
            doc = office.new_calc()
            sheet = office.sheet(doc)
            put = lambda c, r, t: office.put_block(sheet, c, r, t)  # noqa: E731
            refs = [put(0, 1, p.completions), put(17, 1, p.types), put(19, 1, p.building),
                    put(22, 1, p.profiles), put(30, 1, p.retention), put(38, 1, p.fertility),
                    put(0, 200, p.mortality)]
            target = block(0, 400, rows, Y + 1)
            office.set_array_formula(sheet, target, f'=POP.HOUSING({";".join(refs)};{Y};"{output}";"{options}")')
            worst = check(office.values(sheet, target), expected, label)
            wall, cpu = time_recalc(office, doc)
            office.close(doc)
            print(f"{label:<22} {rows * (Y + 1):>9,} {wall * 1000:>7.1f} ms {cpu * 1000:>6.0f} ms  {worst:.1e}")
        # The most costly input the limits accept (5e7 projected cells): 250 units × 100 ages × 999
        # years, returned as "units" (250 × 1000 cells, so that Calc's writing does not dominate).
        doc = office.new_calc()
        sheet = office.sheet(doc)
        U_w, A_w, Y_w = 250, 100, 999
        office.set_values(sheet, block(0, 1, U_w, 1), [[1000.0]] * U_w)
        office.set_values(sheet, block(1, 1, U_w, 1), [[1.0]] * U_w)
        office.set_values(sheet, "C1:D1", [[40.0, 0.05]])
        office.set_values(sheet, block(4, 1, A_w, 1), [[1.0]] * A_w)
        office.set_values(sheet, block(5, 1, A_w, 1), [[0.98]] * A_w)
        office.set_values(sheet, "G1", [[0.05]])
        office.set_values(sheet, block(7, 1, A_w, 2), [[0.01, 0.01]] * A_w)
        office.set_array_formula(sheet, block(0, 300, U_w, Y_w + 1),
                                 f'=POP.HOUSING({block(0, 1, U_w, 1)};{block(1, 1, U_w, 1)};C1:D1;'
                                 f'{block(4, 1, A_w, 1)};{block(5, 1, A_w, 1)};G1;{block(7, 1, A_w, 2)};'
                                 f'{Y_w};"units";"fertile_from=50")')
        first = office.values(sheet, block(0, 300, 1, 3))[0]
        assert all(isinstance(v, float) for v in first) and first[1] > 0, first
        wall, cpu = time_recalc(office, doc)
        office.close(doc)
        print(f"{'worst: 250 units × 100 ages × 999 years, units':<48} {wall * 1000:>7.0f} ms {cpu * 1000:>6.0f} ms")
    if args.core:
        print("\ncore alone (bench/bench_housing.cpp):")
        print(subprocess.run([args.core], check=True, capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
