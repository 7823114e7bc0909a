#!/usr/bin/env python3
"""A validation split of the M1 and Tourism series: the last h values of each
training part are held out, and the competition's own test part is not read.

Changes to the ETS search or the model choice are judged on this split first;
the test parts give the reported figures only once a change is kept (so the
test parts do not pick the design).

    python3 bench/holdout_split.py OUT
    Rscript OUT/make_competition_reference.R 2 forecasts   # R's ets()/thetaf(), ~10 min
    <build>/bench/bench_competition accuracy --data-dir OUT

A series is kept when its shortened training part still has at least
max(8, 2 * period + 2) values (M1: 771 of 1001 series, Tourism: 1282 of 1311).
"""
import csv
import os
import shutil
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "tests", "reference", "forecast")


def split(out):
    os.makedirs(out, exist_ok=True)
    for name in ("m1", "tourism"):
        with open(os.path.join(SOURCE, name + "_series.csv"), newline="") as f:
            series = list(csv.DictReader(f))
        train = defaultdict(list)
        with open(os.path.join(SOURCE, name + "_values.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["role"] == "train":
                    train[row["series"]].append(row)
        kept = []
        for row in series:
            n, h, period = int(row["n_train"]), int(row["h"]), int(row["period"])
            if n - h >= max(8, 2 * period + 2):
                kept.append(dict(row, n_train=str(n - h)))
        with open(os.path.join(out, name + "_series.csv"), "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(series[0].keys()), lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
        with open(os.path.join(out, name + "_values.csv"), "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["series", "t", "value", "role"])
            for row in kept:
                values = train[row["series"]]
                n = int(row["n_train"])
                for i, value in enumerate(values):
                    writer.writerow([row["series"], value["t"], value["value"], "train" if i < n else "test"])
        print(f"{name}: {len(kept)} of {len(series)} series kept")
        verify(name, out, train, {row["series"]: row for row in series})
    shutil.copy(os.path.join(SOURCE, "make_competition_reference.R"), out)


def verify(name, out, train, original):
    """Reads the split back: every kept series is its training part, the last h values held out;
    none of the competition's test values is in it."""
    with open(os.path.join(out, name + "_series.csv"), newline="") as f:
        kept = {row["series"]: row for row in csv.DictReader(f)}
    values = defaultdict(list)
    with open(os.path.join(out, name + "_values.csv"), newline="") as f:
        for row in csv.DictReader(f):
            values[row["series"]].append(row)
    if set(values) != set(kept):
        sys.exit(f"{name}: the values and the series list differ")
    for sid, row in kept.items():
        source = train[sid]
        n, h = int(row["n_train"]), int(row["h"])
        if int(original[sid]["n_train"]) != n + h or len(source) != n + h:
            sys.exit(f"{name} {sid}: {n} + {h} values instead of the training part's {len(source)}")
        got = values[sid]
        if [(v["t"], v["value"]) for v in got] != [(v["t"], v["value"]) for v in source]:
            sys.exit(f"{name} {sid}: the values differ from the training part")
        if [v["role"] for v in got] != ["train"] * n + ["test"] * h:
            sys.exit(f"{name} {sid}: the roles are not {n} train then {h} test")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    split(sys.argv[1])
