#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything and
# runs every test — the unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer with a libFuzzer smoke run, then the unit and
# real-Calc tests of the release build on the system's LibreOffice 7.4, then the
# real-Calc tests again on LibreOffice 25.2 (scripts/setup-lo25.sh puts it beside
# 7.4). Exits non-zero on any failure.
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

echo "== the same .oxt on LibreOffice 25.2 (bookworm-backports, unpacked beside 7.4)"
lo25_env=$(scripts/setup-lo25.sh "${KUNTAPLAN_LO25_PREFIX:-/opt/kuntaplan-lo25}")
env $lo25_env ctest --test-dir build -L calc --output-on-failure
