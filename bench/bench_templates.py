#!/usr/bin/python3
"""Benchmark: one hard recalculation of each shipped template workbook, as a planner has it.

    /usr/bin/python3 bench/bench_templates.py --oxt build/kuntaplan.oxt [--templates school-network population]

In one headless office (tests/calc/kpoffice.py) it opens each English template from the .oxt as a
new document, recalculates it hard once (the first calculation after loading) and then RECALCS times
(doc.calculateAll(), every formula), and prints the median wall time, the office's CPU time per
recalculation (from /proc: the machine is shared, and CPU time does not count waiting for a core),
the number of formula cells, and the ratio to the fastest template of the run. Then, for the
school-network template only, the same with the sheets' heavy parts switched off one at a time
(each group's formulas replaced by their values in a copy), which shows where the time goes.
Nothing is asserted: the figures are for bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "calc"))

from calc_timing import RECALCS, time_recalc  # noqa: E402
from kpoffice import Office  # noqa: E402

FORMULA = 1 << 4  # com.sun.star.sheet.CellFlags.FORMULA
# school-network: the sheets whose formulas each group holds (switched off by freezing to values)
SCHOOL_PARTS = {
    "projection (POP.PROJECT, POP.HOUSING)": ["Projection"],
    "reconciliation (POP.CONSTRAIN) and factors": ["Reconciled", "City"],
    "pupils per sub-area (29,304 sums)": ["Pupils"],
    "schools, grades, drivers": ["Schools", "Grades", "Drivers"],
    "risk (POP.RISK, 2 × 500 trials)": ["Risk"],
}


def formula_cells(doc) -> int:
    count = 0
    for i in range(doc.Sheets.Count):
        for a in doc.Sheets.getByIndex(i).queryContentCells(FORMULA).RangeAddresses:
            count += (a.EndRow - a.StartRow + 1) * (a.EndColumn - a.StartColumn + 1)
    return count


def freeze(doc, sheet_names: list[str]) -> None:
    """Replaces every formula of the sheets by its value (the whole used area at once, so that
    array formulas are removed whole)."""
    for name in sheet_names:
        sheet = doc.Sheets.getByName(name)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.RangeAddress
        block = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
        values = block.getDataArray()
        block.clearContents(FORMULA)
        block.setDataArray(values)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--oxt", default=str(ROOT / "build" / "kuntaplan.oxt"))
    ap.add_argument("--templates", nargs="+", default=["school-network", "population", "strategy",
                                                        "service-costing", "impact"])
    ap.add_argument("--no-parts", action="store_true", help="skip the school-network breakdown")
    ap.add_argument("--dir", help="read the templates from this folder (e.g. build/templates) instead of the .oxt")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kpbench-templates-"))
    folder = Path(args.dir) if args.dir else work / "templates" / "Kuntaplan"
    if not args.dir:
        with zipfile.ZipFile(args.oxt) as z:
            for name in args.templates:
                z.extract(f"templates/Kuntaplan/{name}.ots", work)
    print(f"load average at start {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores; {RECALCS} recalculations each")
    rows = []
    with Office(args.oxt) as office:
        for name in args.templates:
            doc = office.load(folder / f"{name}.ots", as_template=True)
            start = time.perf_counter()
            doc.calculateAll()
            first = time.perf_counter() - start
            median, cpu = time_recalc(office, doc)
            rows.append((name, formula_cells(doc), first, median, cpu))
            if name == "school-network" and not args.no_parts:
                parts = []
                for part, sheets in SCHOOL_PARTS.items():
                    office.close(doc)
                    doc = office.load(folder / f"{name}.ots", as_template=True)
                    doc.calculateAll()
                    freeze(doc, sheets)
                    parts.append((part, *time_recalc(office, doc)))
                print("\nschool-network: one recalculation with a part's formulas replaced by values")
                for part, m, c in parts:
                    print(f"  without {part:45s} {m * 1000:7.0f} ms wall  {c * 1000:7.0f} ms CPU  "
                          f"(the part: ~{(median - m) * 1000:.0f} ms)")
            office.close(doc)
    fastest = min(r[3] for r in rows)
    print(f"\n{'template':18s} {'formula cells':>14s} {'first (s)':>10s} {'median (s)':>11s} {'CPU (s)':>8s} {'ratio':>6s}")
    for name, cells, first, median, cpu in rows:
        print(f"{name:18s} {cells:14,d} {first:10.3f} {median:11.3f} {cpu:8.3f} {median / fastest:6.1f}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
