#!/usr/bin/python3
"""Benchmark: the forecasting functions in Calc on the M1 and Tourism competition series.

    /usr/bin/python3 bench/bench_forecast.py --oxt build/kuntaplan.oxt [--rounds 7] [--json out/bench_forecast.json]

Series: the 2312 series of tests/reference/forecast/{m1,tourism}_{series,values}.csv (M1: Makridakis
et al. 1982; Tourism: Athanasopoulos et al. 2011; layout and sources in that directory's
README.md): 1001 M1 (181 yearly, 203 quarterly, 617 monthly) and 1311 Tourism
(518, 427, 366). Each is fitted on its `train` part and forecast `h` steps ahead; the `test` part is
the hold-out.

In ONE headless office, four documents (one per function) hold every series as a block of n + h rows:
column A the values, column B the timeline 1 … n + h, and in column C one array formula of h × 1:
  FC.ETS            =FC.ETS(values; h; "auto"; period)
  FC.THETA          =FC.THETA(values; h; period)
  FC.FORECAST       =FC.FORECAST(values; h; "auto"; period)
  FORECAST.ETS.ADD  =FORECAST.ETS.ADD(targets; values; timeline; period)   (Calc's own)
where values = the n training values, timeline = 1 … n, targets = n + 1 … n + h, and period = 12 / 4 / 0
for monthly / quarterly / yearly in every function (0 is "no season" in Calc and in the add-in alike;
Calc's 1 would mean "detect"). R's ets() and thetaf() forecasts (forecast 8.20) are read from the
fixtures tests/reference/forecast/r_forecasts.csv (methods ets and theta; R is not run here).

The documents are built with automatic calculation off and controllers and actions locked (as
bench_calc.py does): the numbers go in with setDataArray in blocks of 50,000 rows, the formulas with
one setArrayFormula per series (about 1–2 ms each).

Accuracy, per series (definitions as in tests/reference/forecast/README.md):
  sMAPE (M3 form, per cent): mean over the h test points of 200·|y − f| / (|y| + |f|);
  MASE (Hyndman & Koehler 2006): mean |y − f| over the test points divided by the in-sample mean of
  |y_t − y_{t−m}|, t = m + 1 … n, m = period (1 for yearly).
Both are averaged over the series of each set × period and of each set. The table's means are over the
series where EVERY method gave h finite numbers (the number left out is shown); each function's error
count and its means over its own finite series are in the JSON.

Checks: FC.THETA's points against R's thetaf (largest relative difference; the target is 1e-6), and
that FC.ETS and FC.FORECAST give finite numbers for every series (the error cells are listed).

Time: `rounds` hard recalculations (doc.calculateAll()) of each document, taken round robin (ETS,
THETA, FORECAST, ETS.ADD, ETS, …) so that a change in the load of the shared machine affects all
functions alike. Reported: the median wall time of the rounds per series, its ratio to
FORECAST.ETS.ADD's median and the range of the per-round ratios, and the office's CPU time (from
/proc, not inflated by other processes on the machine). FC.ETS "auto" (and FC.FORECAST's ETS part)
fits its candidate models on up to min(4, cores) threads, Calc's FORECAST.ETS.ADD on one: on an
idle machine FC.ETS's wall time is below its CPU time, on a busy one they are about equal; read
both. The first round is the first computation of the formulas (they are not computed while the
documents are built); the median is robust to it.
Prints Markdown tables and writes every figure to out/bench_forecast.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import sys
import time
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "reference" / "forecast"
sys.path.insert(0, str(ROOT / "tests" / "calc"))

from kpoffice import Office  # noqa: E402

SETS = OrderedDict((("m1", "M1"), ("tourism", "Tourism")))
PERIODS = OrderedDict(((1, "yearly"), (4, "quarterly"), (12, "monthly")))
BLOCK_ROWS = 50_000       # rows per setDataArray call
THETA_TOLERANCE = 1e-6    # issue 15: FC.THETA agrees with thetaf to 1e-6 (relative)
BASELINE = "FORECAST.ETS.ADD"

# The functions run in Calc: formula of (values, timeline, targets, h, period) ranges/numbers.
CALC_METHODS = OrderedDict((
    ("FC.ETS", lambda v, t, x, h, p: f'=FC.ETS({v};{h};"auto";{p})'),
    ("FC.THETA", lambda v, t, x, h, p: f"=FC.THETA({v};{h};{p})"),
    ("FC.FORECAST", lambda v, t, x, h, p: f'=FC.FORECAST({v};{h};"auto";{p})'),
    (BASELINE, lambda v, t, x, h, p: f"=FORECAST.ETS.ADD({x};{v};{t};{p})"),
))
R_METHODS = OrderedDict((("R ets", "ets"), ("R theta", "theta")))
METHODS = list(CALC_METHODS) + list(R_METHODS)


def load_series() -> list[dict]:
    out = []
    for key in SETS:
        values: dict[str, list[float]] = {}
        with (DATA / f"{key}_values.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                values.setdefault(row["series"], []).append(float(row["value"]))
        with (DATA / f"{key}_series.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                v, n, h = values[row["series"]], int(row["n_train"]), int(row["h"])
                if len(v) != n + h:
                    raise SystemExit(f"{row['series']}: {len(v)} values, expected n + h = {n + h}")
                out.append({"id": row["series"], "set": key, "period": int(row["period"]),
                            "n": n, "h": h, "train": v[:n], "test": v[n:]})
    return out


def load_r(series: list[dict]) -> dict[str, dict[str, list[float]]]:
    by_method: dict[str, dict[str, list[float]]] = {m: {} for m in R_METHODS.values()}
    with (DATA / "r_forecasts.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            steps = by_method[row["method"]].setdefault(row["series"], [])
            if int(row["step"]) != len(steps) + 1:
                raise SystemExit(f"r_forecasts.csv: {row['series']} {row['method']} steps out of order")
            steps.append(float(row["mean"]) if row["mean"] not in ("", "NA") else math.nan)
    for s in series:
        for method in R_METHODS.values():
            if len(by_method[method].get(s["id"], [])) != s["h"]:
                raise SystemExit(f"r_forecasts.csv: {s['id']} {method} has no {s['h']} steps")
    return by_method


def smape(actual, forecast) -> float:
    return statistics.fmean(200 * abs(a - f) / (abs(a) + abs(f)) for a, f in zip(actual, forecast))


def mase(train, actual, forecast, lag) -> float:
    scale = statistics.fmean(abs(train[i] - train[i - lag]) for i in range(lag, len(train)))
    return statistics.fmean(abs(a - f) for a, f in zip(actual, forecast)) / scale


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc (as bench_calc.py)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def build(office: Office, series: list[dict], formula_of) -> tuple:
    """One document: series k's block of n + h rows from row first[k]: A values, B 1 … n + h,
    C the h × 1 result. Returns (doc, sheet, first rows, seconds to build)."""
    start = time.perf_counter()
    doc = office.new_calc()
    sheet = office.sheet(doc)
    doc.enableAutomaticCalculation(False)
    doc.lockControllers()
    doc.addActionLock()
    rows, first = [], []
    for s in series:
        first.append(len(rows) + 1)
        rows.extend((x, float(t + 1)) for t, x in enumerate(s["train"] + s["test"]))
    for top in range(0, len(rows), BLOCK_ROWS):
        block = tuple(rows[top:top + BLOCK_ROWS])
        sheet.getCellRangeByPosition(0, top, 1, top + len(block) - 1).setDataArray(block)
    for s, r in zip(series, first):
        n, h = s["n"], s["h"]
        formula = formula_of(f"A{r}:A{r + n - 1}", f"B{r}:B{r + n - 1}", f"B{r + n}:B{r + n + h - 1}",
                             h, s["period"] if s["period"] > 1 else 0)
        sheet.getCellRangeByPosition(2, r - 1, 2, r + h - 2).setArrayFormula(formula)
    doc.removeActionLock()
    doc.unlockControllers()
    doc.enableAutomaticCalculation(True)
    return doc, sheet, first, time.perf_counter() - start


def finite_forecast(cells: list) -> bool:
    return all(isinstance(x, float) and math.isfinite(x) for x in cells)


def mean_or_none(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oxt", default=str(ROOT / "build" / "kuntaplan.oxt"))
    parser.add_argument("--json", default=str(ROOT / "out" / "bench_forecast.json"))
    # One round (each document recalculated once) took 35–50 s on the shared 2-core machine (load
    # 3–5); 7 rounds, the office's start and the builds (about 20 s) make about 5 minutes, and
    # a twice as busy machine stays within 15.
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    run_start = time.perf_counter()
    series = load_series()
    r_forecasts = load_r(series)

    forecasts: dict[str, dict[str, list]] = {m: {} for m in METHODS}
    for label, key in R_METHODS.items():
        forecasts[label] = {s["id"]: r_forecasts[key][s["id"]] for s in series}
    wall = {m: [] for m in CALC_METHODS}
    cpu = {m: [] for m in CALC_METHODS}
    build_seconds = {}
    with Office(args.oxt) as office:
        pid = office.process.pid
        docs = {}
        for method, formula_of in CALC_METHODS.items():
            docs[method] = build(office, series, formula_of)
            build_seconds[method] = docs[method][3]
            print(f"built {method}: {build_seconds[method]:.1f} s", flush=True)
        for k in range(args.rounds):
            for method, (doc, _sheet, _first, _) in docs.items():
                c0, t0 = cpu_seconds(pid), time.perf_counter()
                doc.calculateAll()
                wall[method].append(time.perf_counter() - t0)
                cpu[method].append(cpu_seconds(pid) - c0)
            print(f"round {k + 1}/{args.rounds}: "
                  + ", ".join(f"{m} {wall[m][-1]:.1f} s" for m in CALC_METHODS), flush=True)
        for method, (doc, sheet, first, _) in docs.items():
            last = first[-1] + series[-1]["n"] + series[-1]["h"] - 1
            column = [row[0] for row in office.values(sheet, f"C1:C{last}")]
            for s, r in zip(series, first):
                forecasts[method][s["id"]] = column[r - 1:r - 1 + s["h"]]
            office.close(doc)

    # Per series: sMAPE and MASE of each method, or the error it showed.
    rows = []
    for s in series:
        row = {"series": s["id"], "set": s["set"], "period": s["period"], "n": s["n"], "h": s["h"]}
        for method in METHODS:
            f = forecasts[method][s["id"]]
            if finite_forecast(f):
                row[method] = {"smape": smape(s["test"], f), "mase": mase(s["train"], s["test"], f, s["period"])}
            else:
                bad = next(x for x in f if not (isinstance(x, float) and math.isfinite(x)))
                row[method] = {"error": bad if isinstance(bad, str) and bad else repr(bad)}
        rows.append(row)

    # FC.THETA against thetaf, point by point.
    theta_check = {"max_relative_difference": 0.0, "series": None, "over_tolerance": [], "compared": 0}
    for s in series:
        ours, theirs = forecasts["FC.THETA"][s["id"]], forecasts["R theta"][s["id"]]
        if not finite_forecast(ours):
            continue
        theta_check["compared"] += 1
        worst = max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(ours, theirs))
        if worst > theta_check["max_relative_difference"]:
            theta_check["max_relative_difference"], theta_check["series"] = worst, s["id"]
        if worst > THETA_TOLERANCE:
            theta_check["over_tolerance"].append({"series": s["id"], "relative_difference": worst})

    errors = {m: [{"series": r["series"], "shown": r[m]["error"]} for r in rows if "error" in r[m]]
              for m in METHODS}

    # Groups: each set × period, then each set overall.
    groups = []
    for key, name in SETS.items():
        for period, pname in PERIODS.items():
            groups.append((f"{name} {pname}", [r for r in rows if r["set"] == key and r["period"] == period]))
        groups.append((f"{name} all", [r for r in rows if r["set"] == key]))
    summary = OrderedDict()
    for label, group in groups:
        common = [r for r in group if all("error" not in r[m] for m in METHODS)]
        entry = {"series": len(group), "compared": len(common), "methods": {}}
        for m in METHODS:
            own = [r for r in group if "error" not in r[m]]
            entry["methods"][m] = {
                "mean_smape": mean_or_none([r[m]["smape"] for r in common]),
                "mean_mase": mean_or_none([r[m]["mase"] for r in common]),
                "errors": len(group) - len(own),
                "own_series": len(own),
                "own_mean_smape": mean_or_none([r[m]["smape"] for r in own]),
                "own_mean_mase": mean_or_none([r[m]["mase"] for r in own]),
            }
        summary[label] = entry

    times = OrderedDict()
    for m in CALC_METHODS:
        ratios = [a / b for a, b in zip(wall[m], wall[BASELINE])]
        times[m] = {
            "rounds_wall_s": wall[m], "rounds_cpu_s": cpu[m],
            "median_wall_s": statistics.median(wall[m]), "median_cpu_s": statistics.median(cpu[m]),
            "ms_per_series": 1000 * statistics.median(wall[m]) / len(series),
            "cpu_ms_per_series": 1000 * statistics.median(cpu[m]) / len(series),
            "ratio_to_baseline": statistics.median(wall[m]) / statistics.median(wall[BASELINE]),
            "round_ratios": ratios,
            # CPU time comes in 10 ms ticks: a tiny run (a few series) can show none.
            "cpu_ratio_to_baseline": (statistics.median(cpu[m]) / statistics.median(cpu[BASELINE])
                                      if statistics.median(cpu[BASELINE]) > 0 else math.nan),
            "build_s": build_seconds[m],
        }
    r_seconds = {"ets": [], "theta": []}
    with (DATA / "r_fits.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            r_seconds["ets"].append(float(row["ets_seconds"]))
            r_seconds["theta"].append(float(row["theta_seconds"]))

    # ---- printing -------------------------------------------------------------------------------
    def cell(entry, m):
        e = entry["methods"][m]
        return "—" if e["mean_smape"] is None else f"{e['mean_smape']:.2f} / {e['mean_mase']:.3f}"

    print()
    print("Mean sMAPE (%) / mean MASE over the series where all six methods gave finite forecasts "
          "(series: compared of total).")
    print()
    print("| set, period | series | " + " | ".join(METHODS) + " |")
    print("|---|---:|" + "---:|" * len(METHODS))
    for label, entry in summary.items():
        count = (f"{entry['series']}" if entry["compared"] == entry["series"]
                 else f"{entry['compared']} of {entry['series']}")
        bold = "**" if label.endswith(" all") else ""
        print(f"| {bold}{label}{bold} | {count} | " + " | ".join(cell(entry, m) for m in METHODS) + " |")
    print()
    print("Series with an error value (or a non-finite number), per method: "
          + ", ".join(f"{m} {len(errors[m])}" for m in METHODS))
    for m in CALC_METHODS:
        if errors[m]:
            shown = ", ".join(f"{e['series']} ({e['shown']})" for e in errors[m][:20])
            more = f" … and {len(errors[m]) - 20} more" if len(errors[m]) > 20 else ""
            print(f"  {m}: {shown}{more}")
    print()
    print(f"Time: {args.rounds} hard recalculations of each document ({len(series)} series), round robin.")
    print()
    print(f"| function | ms per series (median of {args.rounds}) | ratio to {BASELINE} | per-round ratios "
          f"| CPU ms per series | CPU ratio | series with an error |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m, t in times.items():
        rr = t["round_ratios"]
        print(f"| {m} | {t['ms_per_series']:.2f} | {t['ratio_to_baseline']:.2f} | {min(rr):.2f}–{max(rr):.2f} "
              f"| {t['cpu_ms_per_series']:.2f} | {t['cpu_ratio_to_baseline']:.2f} | {len(errors[m])} |")
    print()
    print(f"(For context, not this run: R's own time per series in r_fits.csv, ets() + forecast "
          f"{1000 * statistics.fmean(r_seconds['ets']):.1f} ms, thetaf "
          f"{1000 * statistics.fmean(r_seconds['theta']):.1f} ms, mean of {len(r_seconds['ets'])}.)")
    tc = theta_check
    verdict = "within" if not tc["over_tolerance"] else f"{len(tc['over_tolerance'])} series OVER"
    where = f" ({tc['series']})" if tc["series"] else ""
    print(f"FC.THETA vs R thetaf: largest relative difference of a point {tc['max_relative_difference']:.2e}"
          f"{where} over {tc['compared']} series: {verdict} the tolerance {THETA_TOLERANCE:g}.")
    for m in ("FC.ETS", "FC.FORECAST"):
        print(f"{m}: finite numbers for {len(series) - len(errors[m])} of {len(series)} series.")
    elapsed = time.perf_counter() - run_start
    print("Build of each document: " + ", ".join(f"{m} {s:.1f} s" for m, s in build_seconds.items())
          + f". Whole run: {elapsed / 60:.1f} min.")

    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "rounds": args.rounds, "run_seconds": elapsed, "series": len(series),
        "summary": summary, "times": times, "errors": errors, "theta_check": tc,
        "r_seconds_per_series": {k: statistics.fmean(v) for k, v in r_seconds.items()},
        "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
