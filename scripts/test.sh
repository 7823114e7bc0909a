#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything and
# runs every test — the unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer with a libFuzzer smoke run, then the unit and
# real-Calc tests of the release build. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

jobs=$(nproc)

echo "== sanitizer build of the core (clang, ASan + UBSan, libFuzzer)"
CC=clang CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKUNTAPLAN_CORE_ONLY=ON -DKUNTAPLAN_SANITIZE=ON -DKUNTAPLAN_FUZZ=ON >/dev/null
cmake --build build-sanitize -j"$jobs"
ctest --test-dir build-sanitize --output-on-failure

echo "== release build: the extension, its unit tests and the real-Calc tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure
