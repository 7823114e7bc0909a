#!/usr/bin/python3
"""Writes Addons.xcu (the Kuntaplan menu of Calc) from packaging/Addons.xcu.in and the menu titles
of the one text store, the table menu of the ui package (addin/l10n/ui/<lang>.txt). Run by the build
(packaging/CMakeLists.txt) into the build folder.

Each line "@menu.<key>@" of the template becomes one <value xml:lang="…"> line per language that has
the text menu/<key> (root as en-US, then fi, sv …), indented like the placeholder. A placeholder
without an English text, or a text no placeholder uses, is an error (scripts/check_l10n.py reports
the same).

Usage: make_addons.py --store addin/l10n/ui --template packaging/Addons.xcu.in --out Addons.xcu
"""

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from l10n_store import MENU_LANGUAGES, MENU_PLACEHOLDER, read_package  # noqa: E402


def addons_xcu(bundles, template):
    english = bundles["root"]["menu"]
    used = [key for _, key in MENU_PLACEHOLDER.findall(template)]
    unknown = [key for key in used if key not in english]
    unused = sorted(set(english) - set(used))
    if unknown or unused:
        raise SystemExit(f"make_addons: Addons.xcu.in uses menu texts missing from root.txt: {unknown}; "
                         f"texts it does not use: {unused}")

    def values(match):
        indent, key = match.groups()
        lines = []
        for lang, bundle in bundles.items():
            text = bundle.get("menu", {}).get(key)
            if text is not None:
                lines.append(f'{indent}<value xml:lang="{MENU_LANGUAGES.get(lang, lang)}">{escape(text)}</value>')
        return "\n".join(lines)

    return MENU_PLACEHOLDER.sub(values, template)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the ui package: addin/l10n/ui")
    parser.add_argument("--template", type=Path, required=True, help="packaging/Addons.xcu.in")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    text = addons_xcu(read_package(args.store), args.template.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
