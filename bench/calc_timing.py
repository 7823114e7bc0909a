"""Timing helpers of the Python benchmarks that drive Calc (bench_housing.py, bench_templates.py):
the office's CPU time from /proc, and the median wall time of repeated hard recalculations. The
machines are shared, so both are printed: CPU time does not count waiting for a core."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

RECALCS = 7


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_recalc(office, doc, recalcs: int = RECALCS) -> tuple[float, float]:
    """(median wall seconds, office CPU seconds per recalculation) of `recalcs` doc.calculateAll()."""
    times = []
    cpu0 = cpu_seconds(office.process.pid)
    for _ in range(recalcs):
        start = time.perf_counter()
        doc.calculateAll()
        times.append(time.perf_counter() - start)
    return statistics.median(times), (cpu_seconds(office.process.pid) - cpu0) / recalcs
