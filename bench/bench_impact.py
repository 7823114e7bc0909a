#!/usr/bin/python3
"""Benchmark: IMPACT.SIMULATE through Calc.

    /usr/bin/python3 bench/bench_impact.py --oxt build/kuntaplan.oxt

In ONE headless office (tests/calc/kpoffice.py) a sheet holds a 50-year stream (costs 12,000 a year
in years 0-9, benefits 9,000 a year from year 10) and, one case at a time, one array formula:
  (a) =IMPACT.SIMULATE(costs; benefits; 0.2; "greenbook"; 100000; 1)        the issue's target
  (b) the same with a spread per year and stream (50 x 2, every year different: the worst case,
      one exp per year and stream per trial)
  (c) (a) with 1,000,000 trials (the most the function takes)
  (d) =IMPACT.NPV(benefits - costs; "greenbook") and (e) Calc's own =A1+NPV(0.035; rest), for scale
For each it prints the median (and min, max) of 7 hard recalculations (doc.calculateAll()) of the
document, minus nothing: what a user waits for. Nothing is asserted: it is a measurement.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "calc"))

from kpoffice import Office  # noqa: E402

REPEATS = 7
YEARS = 50


def time_recalc(office: Office, doc) -> list[float]:
    office.recalc_hard(doc)  # warm-up
    out = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        office.recalc_hard(doc)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", default=str(ROOT / "build" / "kuntaplan.oxt"))
    args = parser.parse_args()
    cases = [
        ("(a) SIMULATE 100,000 trials, 50 years, one spread", "F1:F4",
         '=IMPACT.SIMULATE(A1:A50;B1:B50;0.2;"greenbook";100000;1)'),
        ("(b) SIMULATE 100,000 trials, spread per year (50 x 2)", "F1:F4",
         '=IMPACT.SIMULATE(A1:A50;B1:B50;C1:D50;"greenbook";100000;1)'),
        ("(c) SIMULATE 1,000,000 trials, one spread", "F1:F4",
         '=IMPACT.SIMULATE(A1:A50;B1:B50;0.2;"greenbook";1000000;1)'),
        ("(d) IMPACT.NPV of the 50 net flows", "F1",
         '=IMPACT.NPV(B1:B50-A1:A50;"greenbook")'),
        ("(e) Calc's own NPV of the same flows (flat 3.5 %)", "F1",
         "=(B1-A1)+NPV(0.035;B2:B50-A2:A50)"),
    ]
    results = []
    with Office(args.oxt) as office:
        for label, target, formula in cases:
            doc = office.new_calc()
            sheet = office.sheet(doc)
            office.set_values(sheet, f"A1:B{YEARS}", [[12000.0 if t < 10 else 0.0, 0.0 if t < 10 else 9000.0]
                                                      for t in range(YEARS)])
            office.set_values(sheet, f"C1:D{YEARS}", [[0.1 + 0.002 * t, 0.2 + 0.003 * t] for t in range(YEARS)])
            office.set_array_formula(sheet, target, formula)
            shown = [row[0] for row in office.values(sheet, target)]
            times = time_recalc(office, doc)
            results.append((label, times, shown))
            office.close(doc)
    print(f"{'case':58} {'median ms':>10} {'min':>8} {'max':>8}   result")
    for label, times, shown in results:
        text = ", ".join(f"{v:,.4g}" if isinstance(v, float) else str(v) for v in shown)
        print(f"{label:58} {statistics.median(times):10.1f} {min(times):8.1f} {max(times):8.1f}   {text}")
    base = statistics.median(results[0][1])
    print(f"\n(a) against the 100 ms target: {base:.1f} ms = {base / 100:.2f} of the budget")


if __name__ == "__main__":
    main()
