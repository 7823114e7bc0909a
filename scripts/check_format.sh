#!/usr/bin/env bash
# The C++ sources as .clang-format writes them: fails (and lists the files) when any differs.
# A ctest (format_check), so the README's test command and CI fail on unformatted code.
# Fix with: clang-format -i <files>
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find core addin tests bench -name '*.cpp' -o -name '*.hpp' | sort)
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/kuntaplan-format.$$; then
  grep -o '^[^:]*\.[ch]pp' /tmp/kuntaplan-format.$$ | sort -u | sed 's/^/format_check: not formatted: /'
  rm -f /tmp/kuntaplan-format.$$
  exit 1
fi
rm -f /tmp/kuntaplan-format.$$
echo "format_check: ${#files[@]} files formatted as .clang-format says"
