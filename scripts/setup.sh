#!/usr/bin/env bash
# Installs the Debian packages that the build, the tests and the main job need.
# Idempotent: when every package is already installed it does nothing (well under 2 s).
set -euo pipefail

packages=(
  # build
  cmake g++ clang clang-format libclang-rt-14-dev zip unzip
  libreoffice-dev catch2 libboost-dev libboost-math-dev libboost-graph-dev libicu-dev icu-devtools nlohmann-json3-dev
  libnlopt-cxx-dev liblemon-dev
  # LibreOffice runtime, UNO from Python, the Finnish and Swedish UI
  libreoffice-calc libreoffice-core python3-uno libreoffice-script-provider-python
  libreoffice-l10n-fi libreoffice-l10n-sv fonts-dejavu-core
  # tests
  python3-pytest poppler-utils
  # where a hung office is (tests/calc/hangs.py prints its threads' stacks)
  gdb
  # what the user sees: a real office on a virtual display, screenshots, keys
  xvfb xauth x11-apps imagemagick xdotool
  # the HTML user guide is built from Markdown
  python3-markdown
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "setup: must run as root to install packages" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when there are none, or when the first install attempt fails
# (stale lists point at versions the mirror no longer has).
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  apt-get update -q
fi
if ! apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "setup: done"
