#!/usr/bin/env bash
# Puts LibreOffice 25.2 (Debian's bookworm-backports) beside the system's 7.4, unpacked into a
# folder of its own, so that the real-Calc tests can run the same .oxt on both. Nothing of the
# system's LibreOffice changes: the packages are downloaded (apt-get download) and unpacked
# (dpkg-deb -x), never installed; only the ordinary bookworm libraries that 25.2 needs and 7.4 does
# not are installed with apt-get.
#
#   scripts/setup-lo25.sh [PREFIX]        (default /opt/kuntaplan-lo25; needs root)
#
# Prints two lines for the caller's environment:
#   KUNTAPLAN_LO_PROGRAM=<PREFIX>/usr/lib/libreoffice/program
#   PYTHONPATH=<PREFIX>/usr/lib/python3/dist-packages
# The test process must use 25.2's own Python-UNO (PYTHONPATH): with 7.4's as the client of a
# 25.2 office, loadComponentFromURL fails with "illegal object given".
#
# Cached: a PREFIX that already holds the office with the same package versions is reused
# (well under 1 s); the downloaded .debs stay in $LO25_DEBS (default /var/cache/kuntaplan-lo25-debs).
set -euo pipefail

prefix=${1:-/opt/kuntaplan-lo25}
debs=${LO25_DEBS:-/var/cache/kuntaplan-lo25-debs}
lo=$prefix/usr/lib/libreoffice
program=$lo/program
stamp=$prefix/.kuntaplan-lo25

# The office with Python-UNO, the Finnish and Swedish UI and the X11 plug-in the Xvfb tests use.
packages=(
  libreoffice-core libreoffice-common libreoffice-calc libreoffice-base-core
  libreoffice-uiconfig-calc libreoffice-uiconfig-common libreoffice-style-colibre fonts-opensymbol
  ure uno-libs-private libuno-cppu3 libuno-cppuhelpergcc3-3 libuno-purpenvhelpergcc3-3
  libuno-sal3 libuno-salhelpergcc3-3 python3-uno libreoffice-script-provider-python
  libreoffice-l10n-fi libreoffice-l10n-sv
)

say() { echo "setup-lo25: $*" >&2; }

print_environment() {
  echo "KUNTAPLAN_LO_PROGRAM=$program"
  echo "PYTHONPATH=$prefix/usr/lib/python3/dist-packages"
}

if [[ -f $stamp && -x $program/soffice.bin ]]; then
  say "reusing $prefix ($(cat "$stamp"))"
  print_environment
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  say "must run as root (it adds an apt source and may install libraries)"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# 1. bookworm-backports as a package source, on the machine's own Debian mirror. Backports have
#    priority 100, so nothing already installed is upgraded from it.
source_file=/etc/apt/sources.list.d/kuntaplan-bookworm-backports.sources
if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  cat > "$source_file" <<SRC
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  say "added bookworm-backports ($mirror)"
  apt-get update -q >&2
fi
version=$(apt-cache madison libreoffice-calc | awk -F'|' '/bookworm-backports/ {gsub(/ /, "", $2); print $2; exit}')
if [[ -z $version ]]; then
  apt-get update -q >&2
  version=$(apt-cache madison libreoffice-calc | awk -F'|' '/bookworm-backports/ {gsub(/ /, "", $2); print $2; exit}')
fi
[[ -n $version ]] || { say "no libreoffice-calc in bookworm-backports"; exit 1; }
say "LibreOffice $version from bookworm-backports"

# 2. Download (installs nothing). apt warns that the download runs unsandboxed as root: harmless.
mkdir -p "$debs"
rm -f "$debs"/*.deb.partial
(cd "$debs" && apt-get download -q -t bookworm-backports "${packages[@]}" >&2)
# Keep only the newest download of each package (an older cached one would be unpacked too).
mapfile -t want < <(cd "$debs" && for p in "${packages[@]}"; do ls -1t "${p}"_*.deb | head -n 1; done)

# 3. The ordinary bookworm libraries that 25.2 needs and the machine lacks (LibreOffice's own
#    packages excluded: installing those would replace the system's 7.4).
missing=$(cd "$debs" && for d in "${want[@]}"; do dpkg-deb -f "$d" Depends; dpkg-deb -f "$d" Pre-Depends; done |
  tr ',' '\n' | sed -e 's/([^)]*)//g' -e 's/|.*//' -e 's/:any//' -e 's/ //g' | grep -v '^$' |
  grep -vE '^(libreoffice|ure$|uno-libs|libuno-|python3-uno|fonts-opensymbol|awk$)' | sort -u |
  while read -r p; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || echo "$p"
  done)
if [[ -n $missing ]]; then
  say "installing from bookworm: $missing"
  # shellcheck disable=SC2086  # one package a word
  apt-get install -y -q --no-install-recommends $missing >&2
fi

# 4. Unpack and relocate. An unpacked Debian LibreOffice points at the system's office through a
#    few hard-coded paths and symlinks that the maintainer scripts would have filled in; each would
#    silently load 7.4's registry, extensions or Python-UNO.
rm -rf "$prefix"
mkdir -p "$prefix"
for d in "${want[@]}"; do dpkg-deb -x "$debs/$d" "$prefix"; done
# The installation root, relative to program/ instead of /usr/lib/libreoffice.
sed -i 's|^BRAND_BASE_DIR=file:///usr/lib/libreoffice$|BRAND_BASE_DIR=${ORIGIN}/..|' "$program/fundamentalrc"
sed -i "s|^FHS_CONFIG_FILE=file:///etc/libreoffice/sofficerc|FHS_CONFIG_FILE=file://$prefix/etc/libreoffice/sofficerc|" \
  "$program/sofficerc"
sed -i "s|^export PYTHONPATH=\"/usr/lib/libreoffice/program\"|export PYTHONPATH=\"$program\"|" "$program/unopkg"
# Symlinks into /etc, /var/lib and /var/spool (7.4's): the package's own copies, or empty folders.
rm -f "$lo/share/registry/main.xcd" "$lo/share/psprint/psprint.conf"
cp "$lo/share/.registry/main.xcd" "$lo/share/registry/main.xcd"
cp "$prefix/etc/libreoffice/psprint.conf" "$lo/share/psprint/psprint.conf"
rm -f "$lo/share/prereg/bundled" "$lo/share/uno_packages/cache"
mkdir -p "$lo/share/prereg/bundled" "$lo/share/uno_packages/cache"
# The Python-UNO module: this office's program folder and bootstrap file.
sed -i -e "s|^sys.path.append('/usr/lib/libreoffice/program')|sys.path.append('$program')|" \
  -e "s|vnd.sun.star.pathname:/usr/lib/libreoffice/program/fundamentalrc|vnd.sun.star.pathname:$program/fundamentalrc|" \
  "$prefix/usr/lib/python3/dist-packages/uno.py"
if grep -n "file:///usr/lib/libreoffice\|'/usr/lib/libreoffice" "$program"/*rc "$program/unopkg" \
    "$prefix/usr/lib/python3/dist-packages/uno.py" >&2; then
  say "system paths left (above)"; exit 1
fi
if find "$lo" -type l -lname '/*' | grep . >&2; then
  say "absolute symlinks left (above)"; exit 1
fi

# 5. Check: the office answers with its version, and its Python-UNO is the one imported.
"$program/soffice" --version >&2
PYTHONPATH=$prefix/usr/lib/python3/dist-packages /usr/bin/python3 -c \
  "import uno, sys; assert uno.__file__.startswith('$prefix'), uno.__file__" >&2
echo "$version" > "$stamp"
print_environment
