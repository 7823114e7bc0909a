#!/usr/bin/env bash
# Run it: install what is needed, build the extension and its templates, and compute the
# population template in a real headless LibreOffice. Writes out/population.pdf and
# out/population-<Sheet>.csv. Arguments are passed to scripts/main_job.py (see --help).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
cmake -S . -B build
cmake --build build -j2
exec /usr/bin/python3 scripts/main_job.py "$@"
