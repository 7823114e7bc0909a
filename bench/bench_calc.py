#!/usr/bin/python3
"""Benchmark: school-age children (7-12, 13-15) in Helsinki's 148 sub-areas, 2020-2040.

    /usr/bin/python3 bench/bench_calc.py --oxt build/kuntaplan.oxt

In ONE headless office (tests/calc/kpoffice.py) it builds and times, side by side:
 (a) a workbook with the inputs and one array formula
       =POP.PROJECT(Base; Fert; Mort; Mig; 21; "total"; "bands=7,13,16;migration=rates")
     giving 148*3 rows x 22 columns (bands 7-12, 13-15, 16+ per area; 2019 base + 21 years);
 (b) the same cohort model in plain cell formulas, as planners build it: per sub-area and sex a
     100 x 22 block of the recursion, a births row per area, and the band sums (SUM of age rows);
 (c) the core alone (bench_core: project_population + projection_table with bands).
It checks (b) against (a) to 1e-6 relative before timing anything, then measures the median of 5
hard recalculations (doc.calculateAll()) of each, the median of 3 loads of each saved .ods, the
.ods sizes, the office's peak memory per phase (VmHWM, reset between phases through
/proc/<pid>/clear_refs), a profile of (a) (argument conversion / compute / writing result cells),
and the core median. Prints a table and writes out/bench.json (repository root, gitignored).
 (d) In the same office, gross against net migration: the same 148 sub-areas, bands and years with
     each sub-area's own movers (fi_helsinki_subarea_movers_2017_19.csv x its migration type's age
     profile, half of them male): migration=gross with out-migration as rates (A x 4K), the same
     with out=counts, and the net form in - out (A x 2K counts), each in its own document,
     recalculated in turn (round robin) so that the machine's changing load hits all alike.
     `--gross-only` runs only (d).

Inputs (identical in (a), (b) and (c)): 31 Dec 2019 population of the 148 sub-areas (100 ages,
99 = 99+), Statistics Finland's 2019-based Helsinki ASFR (35 x 21) and qx (101 x 42, incl. the
born-in-year row), and migration as RATES: Helsinki's net international migrants per age, sex and
year divided by Helsinki's 31 Dec 2019 population of that age and sex (A x 2Y, option
migration=rates), so that every sub-area receives the city's migration in proportion to its own
population of each age and sex, year by year. (The contract cannot take per-area counts that vary
by year: A x 2K counts are constant over time.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "calc"))

import realdata  # noqa: E402
from kpoffice import Office, column_name as col  # noqa: E402

A, Y, NB = 100, 21, 3          # ages, projection years, bands
BANDS = [(7, 12), (13, 15), (16, 99)]
SRB = 1.05
RECALCS, LOADS = 5, 3
ODS_FILTER = "calc8"

ADDIN = ('POP.PROJECT($Base.$A$1:$KJ$100;$Fert.$A$1:$U$35;$Mort.$A$1:$AP$101;$Mig.$A$1:$AP$100;'
         '{years};"{output}";"{options}")')
OPTIONS = "bands=7,13,16;migration=rates"


# ---------------------------------------------------------------- inputs



def load_inputs() -> dict:
    names, base = realdata.subarea_bases()
    fert = realdata.helsinki_fertility()
    mort = realdata.helsinki_mortality()
    net = realdata.helsinki_net_migration()
    K = len(base[0]) // 2
    city = [[sum(base[x][2 * k + s] for k in range(K)) for s in (0, 1)] for x in range(A)]
    mig = [[(net[x][j] / city[x][j % 2]) if city[x][j % 2] > 0 else 0.0 for j in range(2 * Y)]
           for x in range(A)]
    # The plain-formula model has no MAX(0; …) on the start-of-step population P·(1 + r/2): it
    # matters only for a rate below −2, which the data must not have.
    assert min(v for row in mig for v in row) > -2.0, "a migration rate below -2"
    return dict(names=names, K=K, base=base, fert=fert, mort=mort, mig=mig)


def write_inputs(doc, data: dict) -> None:
    sheets = doc.Sheets
    first = sheets.getByIndex(0)
    first.Name = "Base"
    for name in ("Fert", "Mort", "Mig"):
        sheets.insertNewByName(name, sheets.getCount())
    for name, rows in (("Base", data["base"]), ("Fert", data["fert"]), ("Mort", data["mort"]),
                       ("Mig", data["mig"])):
        sheet = sheets.getByName(name)
        rng = sheet.getCellRangeByPosition(0, 0, len(rows[0]) - 1, len(rows) - 1)
        rng.setDataArray(tuple(tuple(float(v) for v in row) for row in rows))


# ---------------------------------------------------------------- (b) plain formulas

def block_top(k: int, s: int) -> int:
    """0-based first row of the block of area k, sex s on the Model sheet (101 rows per block:
    ages 0..99, then the area's births row under the female block)."""
    return (2 * k + s) * 101


def model_formulas(k: int, s: int) -> list[list[str]]:
    """The rows of one sex-area block: ages 0..99 (+ births for the female block), 22 columns
    (t = 0 is the base, referenced from the Base sheet). Relative references throughout, so
    each column is one shared formula down the ages."""
    r0 = block_top(k, s) + 1            # 1-based row of age 0
    rf = block_top(k, 1) + 1            # female block of the same area (births row at rf+100)
    share = "*1.05/2.05" if s == 0 else "/2.05"
    rows: list[list[str]] = []
    for x in range(A):
        row = [f"=$Base.{col(2 * k + s)}{x + 1}"]
        for t in range(1, Y + 1):
            p, c = col(t - 1), col(t)
            mc, qc = col(2 * (t - 1) + s), col(2 * (t - 1) + s)
            if x == 0:
                f = (f"=MAX(0;{c}{rf + 100}{share}*(1-$Mort.{qc}101)"
                     f"+0.5*$Mig.{mc}1*{p}{r0})")
            elif x < A - 1:
                # age x at t: the cohort aged x-1 at t-1, half its migrants at the start, its
                # survival, and half the migrants of age x at the end.
                f = (f"=MAX(0;({p}{r0 + x - 1}+0.5*$Mig.{mc}{x}*{p}{r0 + x - 1})*(1-$Mort.{qc}{x})"
                     f"+0.5*$Mig.{mc}{x + 1}*{p}{r0 + x})")
            else:  # open group 99+: survivors of 98 and of 99+
                f = (f"=MAX(0;({p}{r0 + x - 1}+0.5*$Mig.{mc}{x}*{p}{r0 + x - 1})*(1-$Mort.{qc}{x})"
                     f"+({p}{r0 + x}+0.5*$Mig.{mc}{x + 1}*{p}{r0 + x})*(1-$Mort.{qc}{x + 1})"
                     f"+0.5*$Mig.{mc}{x + 1}*{p}{r0 + x})")
            row.append(f)
        rows.append(row)
    if s == 1:  # births during year t: ASFR x women averaged over the start and the end
        births = [""]
        for t in range(1, Y + 1):
            p, c, fc, mc = col(t - 1), col(t), col(t - 1), col(2 * (t - 1) + 1)
            births.append(f"=0.5*SUMPRODUCT($Fert.{fc}1:{fc}35;"
                          f"{p}{r0 + 15}:{p}{r0 + 49}*(1+0.5*$Mig.{mc}16:{mc}50)"
                          f"+{c}{r0 + 15}:{c}{r0 + 49})")
        rows.append(births)
    return rows


def band_formulas(K: int) -> list[list[str]]:
    rows = []
    for k in range(K):
        m, f = block_top(k, 0) + 1, block_top(k, 1) + 1
        for lo, hi in BANDS:
            rows.append([f"=SUM($Model.{col(t)}{m + lo}:{col(t)}{m + hi};"
                         f"$Model.{col(t)}{f + lo}:{col(t)}{f + hi})" for t in range(Y + 1)])
    return rows


# ---------------------------------------------------------------- (d) gross against net migration

GROSS_ROUNDS = 25


def gross_inputs(data: dict) -> dict:
    """Each sub-area's movers as POP.PROJECT's per-area blocks: gross with out-migration as rates
    (out-movers of the age and sex over the area's 31 Dec 2019 population of it, at most 1; 0 where
    nobody lives), gross with out-migrants as counts, and net = in - out counts."""
    counts = realdata.subarea_gross_migration()
    K, base = data["K"], data["base"]
    rates = [row[:] for row in counts]
    net = [[0.0] * (2 * K) for _ in range(A)]
    for x in range(A):
        for k in range(K):
            for s in (0, 1):
                out, pop = counts[x][4 * k + 2 + s], base[x][2 * k + s]
                rates[x][4 * k + 2 + s] = min(1.0, out / pop) if pop > 0 else 0.0
                net[x][2 * k + s] = counts[x][4 * k + s] - out
    return dict(rates=rates, counts=counts, net=net)


def gross_vs_net(office, data: dict) -> dict:
    """(d): three documents with the inputs, the migration block on sheet `Flows` and one array
    formula over 444 x 22; the median of GROSS_ROUNDS hard recalculations of each, round robin."""
    flows = gross_inputs(data)
    K = data["K"]
    variants = {
        "net": (flows["net"], "bands=7,13,16"),
        "gross_rates": (flows["rates"], "bands=7,13,16;migration=gross"),
        "gross_counts": (flows["counts"], "bands=7,13,16;migration=gross;out=counts"),
    }
    docs, values = {}, {}
    for name, (block, options) in variants.items():
        doc = office.new_calc()
        write_inputs(doc, data)
        doc.Sheets.insertNewByName("Flows", doc.Sheets.getCount())
        flows_sheet = doc.Sheets.getByName("Flows")
        width = len(block[0])
        flows_sheet.getCellRangeByPosition(0, 0, width - 1, A - 1).setDataArray(
            tuple(tuple(float(v) for v in row) for row in block))
        doc.Sheets.insertNewByName("Result", 0)
        out = doc.Sheets.getByName("Result").getCellRangeByPosition(0, 0, Y, K * NB - 1)
        out.setArrayFormula(f"=POP.PROJECT($Base.$A$1:$KJ$100;$Fert.$A$1:$U$35;$Mort.$A$1:$AP$101;"
                            f"$Flows.$A$1:${col(width - 1)}$100;{Y};\"total\";\"{options}\")")
        errors = office.error_cells(doc)
        if errors:
            raise RuntimeError(f"(d) {name} has error cells: {errors[:3]}")
        values[name] = [list(r) for r in out.getDataArray()]
        docs[name] = doc
    # out=counts is the net form written as two flows: the same projection, to rounding.
    worst = max(abs(a - b) / max(abs(a), abs(b), 1e-9) for ra, rb in zip(values["net"], values["gross_counts"])
                for a, b in zip(ra, rb))
    if worst > 1e-12:
        raise RuntimeError(f"(d) gross out=counts differs from net by {worst:.3g} relative")
    times: dict[str, list[float]] = {name: [] for name in variants}
    cpu = {name: 0.0 for name in variants}
    pid = office.process.pid
    for name in variants:  # one warm-up each
        docs[name].calculateAll()
    for _ in range(GROSS_ROUNDS):
        for name in variants:
            cpu0 = cpu_seconds(pid)
            times[name] += timed(docs[name].calculateAll, 1)
            cpu[name] += cpu_seconds(pid) - cpu0
    for doc in docs.values():
        office.close(doc)
    result = dict(rounds=GROSS_ROUNDS, check_gross_counts_vs_net_max_rel=worst,
                  migration_cells={name: A * len(block[0]) for name, (block, _) in variants.items()},
                  median_ms={name: med_ms(t) for name, t in times.items()},
                  cpu_ms={name: c / GROSS_ROUNDS * 1000 for name, c in cpu.items()},
                  all_ms={name: [x * 1000 for x in t] for name, t in times.items()},
                  helsinki_total_2040={name: sum(values[name][k * NB + i][Y] for k in range(K) for i in range(NB))
                                       for name in variants})
    for name in ("gross_rates", "gross_counts"):
        result[f"ratio_{name}_over_net"] = result["median_ms"][name] / result["median_ms"]["net"]
        per_round = [g / n for g, n in zip(times[name], times["net"])]
        result[f"ratio_{name}_over_net_per_round"] = [min(per_round), max(per_round)]
        result[f"cpu_ratio_{name}_over_net"] = result["cpu_ms"][name] / result["cpu_ms"]["net"]
    return result


def print_gross_vs_net(d: dict) -> None:
    print(f"\n(d) gross against net migration, 148 sub-areas x 21 years, bands 7,13,16, median of "
          f"{d['rounds']} hard recalcs (round robin):")
    for name in ("net", "gross_rates", "gross_counts"):
        ratio = "" if name == "net" else (
            f"  {d[f'ratio_{name}_over_net']:.2f}x net (rounds {d[f'ratio_{name}_over_net_per_round'][0]:.2f}"
            f"-{d[f'ratio_{name}_over_net_per_round'][1]:.2f})")
        cpu_ratio = "" if name == "net" else f"; CPU {d[f'cpu_ratio_{name}_over_net']:.2f}x"
        print(f"  {name:13s} {d['median_ms'][name]:8.1f} ms wall, {d['cpu_ms'][name]:6.1f} ms office CPU "
              f"({d['migration_cells'][name]:,} migration cells; 2040 total "
              f"{d['helsinki_total_2040'][name]:,.0f}){ratio}{cpu_ratio}")
    print(f"  check: gross with out=counts equals net to {d['check_gross_counts_vs_net_max_rel']:.2g} relative")


# ---------------------------------------------------------------- measuring

def vm(pid: int) -> dict:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmHWM", "VmRSS")):
            key, value = line.split(":")
            out[key] = int(value.split()[0]) / 1024.0   # MiB
    return out


def reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc (as bench_risk.py)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def med_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000.0


def machine() -> dict:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    lo = ""
    try:
        lo = subprocess.run(["/usr/lib/libreoffice/program/soffice.bin", "--version"],
                            capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        pass
    return dict(nproc=os.cpu_count(), cpu=model, loadavg_at_start=os.getloadavg(), memory=mem, kernel=platform.release(),
                libreoffice=lo)


def find_or_build_core(explicit: str | None, workdir: Path) -> Path | None:
    if explicit:
        return Path(explicit)
    for candidate in (ROOT / "build" / "bench" / "bench_core", Path("/tmp/kps/build/bench/bench_core")):
        if candidate.is_file():
            return candidate
    # Not in the build tree (bench/ is not yet a subdirectory of the top CMakeLists): compile the
    # same source with the same flags as a Release build.
    src = ROOT / "bench" / "bench_core.cpp"
    if not src.is_file():
        return None
    out = ROOT / "out" / "bench_core"
    out.parent.mkdir(exist_ok=True)
    cmd = ["g++", "-std=c++20", "-O3", "-DNDEBUG", f"-I{ROOT / 'core'}", f"-I{ROOT / 'tests' / 'unit'}",
           f'-DKUNTAPLAN_DATA_DIR="{realdata.DATA_DIR}"', str(src),
           str(ROOT / "core" / "demography.cpp"), str(ROOT / "core" / "matrix.cpp"), "-o", str(out)]
    subprocess.run(cmd, check=True)
    return out


def run_core(binary: Path | None) -> dict:
    if binary is None:
        return dict(available=False)
    text = subprocess.run([str(binary)], capture_output=True, text=True, check=True).stdout
    result = dict(available=True, binary=str(binary), output=text.strip())
    m = re.search(r"total \(project \+ bands\): ([0-9.]+) ms", text)
    if m:
        result["median_ms"] = float(m.group(1))
    m = re.search(r"project_population:.*?: ([0-9.]+) ms", text)
    if m:
        result["project_ms"] = float(m.group(1))
    m = re.search(r"check: area 1, ages 7-12, 2040: ([0-9.]+)", text)
    if m:
        result["check_area1_7_12_2040"] = float(m.group(1))
    m = re.search(r"gross against net .*: net ([0-9.]+) ms, gross rates ([0-9.]+) ms .*gross counts ([0-9.]+) ms", text)
    if m:
        result["gross_vs_net_ms"] = dict(net=float(m.group(1)), gross_rates=float(m.group(2)),
                                         gross_counts=float(m.group(3)))
    return result


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--oxt", default=str(ROOT / "build" / "kuntaplan.oxt"))
    ap.add_argument("--core", help="bench_core binary (default: build/bench/bench_core, else "
                                   "compiled from bench/bench_core.cpp into out/)")
    ap.add_argument("--json", default=str(ROOT / "out" / "bench.json"))
    ap.add_argument("--gross-only", action="store_true", help="run only (d), gross against net migration")
    args = ap.parse_args()

    data = load_inputs()
    if args.gross_only:
        with Office(args.oxt) as office:
            d = dict(machine=machine(), gross_vs_net=gross_vs_net(office, data))
        d["machine"]["loadavg_at_end"] = os.getloadavg()
        print_gross_vs_net(d["gross_vs_net"])
        print(f"load average {d['machine']['loadavg_at_start'][0]:.1f} at start, "
              f"{d['machine']['loadavg_at_end'][0]:.1f} at end")
        path = Path(args.json).with_name("bench_gross.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(d, indent=1, default=str))
        print(f"written: {path}")
        return 0
    K = data["K"]
    res: dict = dict(machine=machine(), oxt=str(Path(args.oxt).resolve()), areas=K, ages=A,
                     years=Y, migration="rates: Helsinki net international migration / Helsinki "
                     "2019 population, per age, sex and year (A x 2Y)", options=OPTIONS)
    work = Path(tempfile.mkdtemp(prefix="kpbench-"))
    ods_a, ods_b = work / "a_addin.ods", work / "b_formulas.ods"
    mem: dict = {}

    with Office(args.oxt) as office:
        pid = office.process.pid
        peak_reset = reset_peak(pid)
        mem["idle"] = vm(pid)

        # ---- loads, and hard recalculations of the loaded documents (what a planner has) ----
        def load_phase(path: Path, tag: str) -> tuple[list[float], list[float]]:
            mem[f"{tag}_load_recalc_start"] = vm(pid)
            reset_peak(pid)
            loads = []
            for i in range(LOADS):
                t0 = time.perf_counter()
                doc = office.load(path)
                loads.append(time.perf_counter() - t0)
                if i < LOADS - 1:
                    office.close(doc)
            recalcs = timed(doc.calculateAll, RECALCS)
            office.close(doc)
            mem[f"{tag}_load_recalc"] = vm(pid)
            return loads, recalcs


        # ---- (a) the add-in ---------------------------------------------------------------
        mem["a_build_recalc_start"] = vm(pid)
        reset_peak(pid)
        t0 = time.perf_counter()
        doc_a = office.new_calc()
        write_inputs(doc_a, data)
        doc_a.Sheets.insertNewByName("Result", 0)
        res_sheet = doc_a.Sheets.getByName("Result")
        out_rows = K * NB
        out_range = res_sheet.getCellRangeByPosition(0, 0, Y, out_rows - 1)
        out_range.setArrayFormula(ADDIN.format(years=Y, output="total", options=OPTIONS))
        a_values = [list(r) for r in out_range.getDataArray()]
        res["a_build_s"] = time.perf_counter() - t0
        errors_a = office.error_cells(doc_a)
        if errors_a:
            print("(a) has error cells:", errors_a[:5], file=sys.stderr)
            return 1
        recalc_a_mem = timed(doc_a.calculateAll, RECALCS)
        mem["a_build_recalc"] = vm(pid)
        office.store_to(doc_a, ods_a, ODS_FILTER)
        office.close(doc_a)
        res["ods_bytes_a"] = ods_a.stat().st_size
        load_a, recalc_a = load_phase(ods_a, "a")

        # ---- (b) plain formulas -------------------------------------------------------------
        mem["b_build_recalc_start"] = vm(pid)
        reset_peak(pid)
        t0 = time.perf_counter()
        doc_b = office.new_calc()
        write_inputs(doc_b, data)
        doc_b.Sheets.insertNewByName("Model", 0)
        doc_b.Sheets.insertNewByName("Bands", 0)
        model = doc_b.Sheets.getByName("Model")
        bands = doc_b.Sheets.getByName("Bands")
        doc_b.enableAutomaticCalculation(False)
        doc_b.lockControllers()
        doc_b.addActionLock()
        n_formulas = 0
        gen_s = 0.0
        for k in range(K):
            for s in (0, 1):
                g0 = time.perf_counter()
                rows = model_formulas(k, s)
                gen_s += time.perf_counter() - g0
                top = block_top(k, s)
                model.getCellRangeByPosition(0, top, Y, top + len(rows) - 1).setFormulaArray(
                    tuple(tuple(r) for r in rows))
                n_formulas += sum(1 for r in rows for f in r if f)
        brows = band_formulas(K)
        bands.getCellRangeByPosition(0, 0, Y, len(brows) - 1).setFormulaArray(
            tuple(tuple(r) for r in brows))
        n_formulas += len(brows) * (Y + 1)
        write_s = time.perf_counter() - t0
        doc_b.removeActionLock()
        doc_b.unlockControllers()
        t1 = time.perf_counter()
        doc_b.calculateAll()
        first_calc_s = time.perf_counter() - t1
        doc_b.enableAutomaticCalculation(True)   # a document setting: saved with the file
        res["b_build_s"] = time.perf_counter() - t0
        res["b_write_s"] = write_s
        res["b_generate_strings_s"] = gen_s
        res["b_first_calc_s"] = first_calc_s
        res["b_formula_cells"] = n_formulas
        b_values = [list(r) for r in bands.getCellRangeByPosition(0, 0, Y, len(brows) - 1)
                    .getDataArray()]
        errors_b = office.error_cells(doc_b)
        if errors_b:
            print("(b) has error cells:", errors_b[:5], file=sys.stderr)
            return 1

        # ---- verification: (b) == (a) to 1e-6 relative, before any timing of (b) ----------
        worst, where = 0.0, None
        for i in range(out_rows):
            for t in range(Y + 1):
                a, b = a_values[i][t], b_values[i][t]
                rel = abs(a - b) / max(abs(a), abs(b), 1e-9) if (a or b) else 0.0
                if rel > worst:
                    worst, where = rel, (data["names"][i // NB], BANDS[i % NB], 2019 + t, a, b)
        res["verify_max_rel_diff"] = worst
        res["verify_worst_cell"] = where
        print(f"verification (b) vs (a): max relative difference {worst:.3g} at {where}")
        if worst > 1e-6:
            print("(b) differs from (a): the comparison would be meaningless", file=sys.stderr)
            return 1
        res["helsinki_7_12"] = [sum(a_values[k * NB][t] for k in range(K)) for t in range(Y + 1)]
        res["helsinki_13_15"] = [sum(a_values[k * NB + 1][t] for k in range(K)) for t in range(Y + 1)]
        res["area1_7_12_2040"] = a_values[0][Y]

        recalc_b_mem = timed(doc_b.calculateAll, RECALCS)
        mem["b_build_recalc"] = vm(pid)

        office.store_to(doc_b, ods_b, ODS_FILTER)
        office.close(doc_b)
        res["ods_bytes_b"] = ods_b.stat().st_size
        load_b, recalc_b = load_phase(ods_b, "b")


        # ---- profile of (a): where its time goes ------------------------------------------
        reset_peak(pid)
        doc_p = office.new_calc()
        write_inputs(doc_p, data)
        doc_p.Sheets.insertNewByName("Probe", 0)
        probe = doc_p.Sheets.getByName("Probe")
        probes = {
            # the same call, result summed in one cell: no result cells to fill
            "sum_of_call": f"=SUM({ADDIN.format(years=Y, output='total', options=OPTIONS)})",
            # one step, one row per area: reading the arguments + the call, almost no compute
            "call_1_year_areas": f"=SUM({ADDIN.format(years=1, output='areas', options='migration=rates')})",
            # the full projection without bands: K*A x 22 result, summed
            "sum_of_call_no_bands": f"=SUM({ADDIN.format(years=Y, output='total', options='migration=rates')})",
            # Calc reading the same input ranges natively
            "native_read_inputs": "=SUM($Base.$A$1:$KJ$100)+SUM($Fert.$A$1:$U$35)"
                                  "+SUM($Mort.$A$1:$AP$101)+SUM($Mig.$A$1:$AP$100)",
        }
        prof = {}
        cell = probe.getCellByPosition(0, 0)
        for name, formula in probes.items():
            cell.setFormula(formula)
            doc_p.calculateAll()
            if cell.getError():
                prof[name] = f"error {cell.getError()}"
                continue
            prof[name] = med_ms(timed(doc_p.calculateAll, RECALCS))
        cell.setFormula("")
        # the array formula alone on an otherwise empty sheet (same as (a), for reference)
        rng = probe.getCellRangeByPosition(0, 0, Y, out_rows - 1)
        rng.setArrayFormula(ADDIN.format(years=Y, output="total", options=OPTIONS))
        doc_p.calculateAll()
        prof["array_formula_444x22"] = med_ms(timed(doc_p.calculateAll, RECALCS))
        rng.setArrayFormula("")
        # Calc filling 444 x 22 result cells from a native array (no add-in)
        rng.setArrayFormula(f"=$Base.$A$1:$V${out_rows}*1")
        doc_p.calculateAll()
        prof["native_array_444x22"] = med_ms(timed(doc_p.calculateAll, RECALCS))
        office.close(doc_p)
        mem["profile"] = vm(pid)

        # ---- (d) gross against net migration --------------------------------------------------
        res["gross_vs_net"] = gross_vs_net(office, data)

    # ---- (c) the core ----------------------------------------------------------------------
    core = run_core(find_or_build_core(args.core, work))
    shutil.rmtree(work, ignore_errors=True)

    res.update(
        recalc_ms=dict(a=med_ms(recalc_a), b=med_ms(recalc_b),
                       a_built=med_ms(recalc_a_mem), b_built=med_ms(recalc_b_mem),
                       a_min=min(recalc_a) * 1000, b_min=min(recalc_b) * 1000,
                       a_all=[x * 1000 for x in recalc_a], b_all=[x * 1000 for x in recalc_b]),
        load_ms=dict(a=med_ms(load_a), b=med_ms(load_b),
                     a_all=[x * 1000 for x in load_a], b_all=[x * 1000 for x in load_b]),
        memory_mib=mem, peak_reset_per_phase=peak_reset, profile_a_ms=prof, core=core)
    res["machine"]["loadavg_at_end"] = os.getloadavg()
    res["ratio_recalc_b_over_a"] = res["recalc_ms"]["b"] / res["recalc_ms"]["a"]
    res["ratio_recalc_b_over_a_built"] = res["recalc_ms"]["b_built"] / res["recalc_ms"]["a_built"]
    res["ratio_load_b_over_a"] = res["load_ms"]["b"] / res["load_ms"]["a"]
    res["ratio_size_b_over_a"] = res["ods_bytes_b"] / res["ods_bytes_a"]

    # ---- report ----------------------------------------------------------------------------
    m = res["machine"]
    print(f"\nmachine: {m['nproc']} CPUs, {m['cpu']}, {m['memory']}, {m['libreoffice']}; load average "
          f"{m['loadavg_at_start'][0]:.1f} at start, {m['loadavg_at_end'][0]:.1f} at end")
    print(f"model: {K} sub-areas x 2 sexes x {A} ages x {Y} years; migration=rates; "
          f"(b) has {n_formulas:,} formula cells\n")
    w = 42
    print(f"{'':{w}s} {'(a) add-in':>14s} {'(b) formulas':>14s} {'(b)/(a)':>9s}")
    r, l = res["recalc_ms"], res["load_ms"]
    print(f"{'hard recalc, loaded .ods (median of 5)':{w}s} {r['a']:11.1f} ms {r['b']:11.1f} ms "
          f"{res['ratio_recalc_b_over_a']:8.1f}x")
    print(f"{'hard recalc, as built via API (median of 5)':{w}s} {r['a_built']:11.1f} ms "
          f"{r['b_built']:11.1f} ms {res['ratio_recalc_b_over_a_built']:8.1f}x")
    print(f"{'open the .ods (median of 3)':{w}s} {l['a']:11.1f} ms {l['b']:11.1f} ms "
          f"{res['ratio_load_b_over_a']:8.1f}x")
    print(f"{'.ods size':{w}s} {res['ods_bytes_a'] / 1024:11.1f} KB {res['ods_bytes_b'] / 1024:11.1f} KB "
          f"{res['ratio_size_b_over_a']:8.1f}x")
    print(f"{'build through the API':{w}s} {res['a_build_s'] * 1000:11.1f} ms "
          f"{res['b_build_s'] * 1000:11.1f} ms")
    print(f"{'soffice peak RSS (VmHWM) build+recalc':{w}s} {mem['a_build_recalc']['VmHWM']:11.1f} MB "
          f"{mem['b_build_recalc']['VmHWM']:11.1f} MB")
    print(f"{'soffice peak RSS (VmHWM) 3 loads+recalc':{w}s} {mem['a_load_recalc']['VmHWM']:11.1f} MB "
          f"{mem['b_load_recalc']['VmHWM']:11.1f} MB")
    print(f"  RSS at the start of each phase: idle office {mem['idle']['VmRSS']:.1f} MB; "
          f"build (a) {mem['a_build_recalc_start']['VmRSS']:.1f}, loads (a) "
          f"{mem['a_load_recalc_start']['VmRSS']:.1f}, build (b) "
          f"{mem['b_build_recalc_start']['VmRSS']:.1f}, loads (b) "
          f"{mem['b_load_recalc_start']['VmRSS']:.1f} MB (peak reset per phase: {peak_reset};"
          f" closed documents' memory is not all returned)")
    if core.get("available"):
        print(f"{'(c) core: project + bands (median of 21)':{w}s} {core.get('median_ms', float('nan')):11.3f} ms"
              f"   ({core['binary']})")
        if "gross_vs_net_ms" in core:
            g = core["gross_vs_net_ms"]
            print(f"    core, (d)'s inputs: net {g['net']:.3f} ms, gross rates {g['gross_rates']:.3f} ms "
                  f"({g['gross_rates'] / g['net']:.2f}x), gross counts {g['gross_counts']:.3f} ms "
                  f"({g['gross_counts'] / g['net']:.2f}x)")
    else:
        print("(c) core: bench_core not available")
    print("\nprofile of (a), median of 5 hard recalcs of one formula on an otherwise empty sheet:")
    for name, value in prof.items():
        print(f"  {name:28s} {value if isinstance(value, str) else f'{value:9.2f} ms'}")
    print_gross_vs_net(res["gross_vs_net"])
    print(f"\nverification: max relative difference (b) vs (a) = {worst:.2g}")
    print(f"Helsinki 7-12: 2019 {res['helsinki_7_12'][0]:.0f}, 2030 {res['helsinki_7_12'][11]:.0f}, "
          f"2040 {res['helsinki_7_12'][21]:.0f}; 13-15: 2019 {res['helsinki_13_15'][0]:.0f}, "
          f"2030 {res['helsinki_13_15'][11]:.0f}, 2040 {res['helsinki_13_15'][21]:.0f}")

    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(res, indent=1, default=str))
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
