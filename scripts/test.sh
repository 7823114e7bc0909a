#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything and
# runs every test — the unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer with a libFuzzer smoke run, then the unit tests of
# the release build and its real-Calc suite on the system's LibreOffice 7.4 and,
# side by side with it, on LibreOffice 25.2 (scripts/setup-lo25.sh puts 25.2
# beside 7.4). Exits non-zero on any failure; prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

jobs=$(nproc)

stage() { echo "== $1 (at $SECONDS s)"; }

stage "sanitizer build of the core (clang, ASan + UBSan, libFuzzer)"
CC=clang CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKUNTAPLAN_CORE_ONLY=ON -DKUNTAPLAN_SANITIZE=ON -DKUNTAPLAN_FUZZ=ON >/dev/null
cmake --build build-sanitize -j"$jobs"
ctest --test-dir build-sanitize -j"$jobs" --output-on-failure

stage "LibreOffice 25.2 (bookworm-backports, unpacked beside 7.4)"
lo25_prefix=${KUNTAPLAN_LO25_PREFIX:-/opt/kuntaplan-lo25}
scripts/setup-lo25.sh "$lo25_prefix" >/dev/null

stage "release build: the extension, its unit tests, and the real-Calc suite on 7.4 and 25.2"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKUNTAPLAN_LO25_PREFIX="$lo25_prefix" >/dev/null
cmake --build build -j"$jobs"
# -j2: the two real-Calc suites (calc_integration on 7.4, calc_integration_lo25 on 25.2) run at
# the same time; each starts its own offices and displays.
ctest --test-dir build -j2 --output-on-failure
# A test that hung once and passed when run again from new offices passes (tests/calc/hangs.py);
# ctest shows no output of passed tests, so such retries are listed here.
if retried=$(grep -h ": hung after .* retried: " build/Testing/Temporary/LastTest.log); then
  echo "== real-Calc tests that hung once and were retried (stacks in build/Testing/Temporary/LastTest.log):"
  echo "$retried"
fi
stage "done"
