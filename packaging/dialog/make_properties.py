#!/usr/bin/python3
"""Writes the dialogs' texts <Dialog>_{en_US,fi_FI,sv_FI}.properties (Java escapes) and the empty
<Dialog>_en_US.default that marks English as the default, from the one text store: the table
dialog/<Dialog> of the ui package (addin/l10n/ui/<lang>.txt). Run by the build (packaging/
CMakeLists.txt) into the build folder; nothing it writes is committed.

Each &-reference of <Dialog>.xdl ("&amp;12.Wizard.NameLabel") becomes the line 12.Wizard.NameLabel
of every language's file with the text dialog/<Dialog>/NameLabel: the .xdl fixes the numbers and
prefixes, the store the texts. A reference without an English text, or a text no reference uses,
is an error (scripts/check_l10n.py reports the same).

Usage: make_properties.py --store addin/l10n/ui --xdl-dir packaging/dialog --out-dir DIR
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from l10n_store import (DEFAULT_PROPERTIES_LOCALE, PROPERTIES_LOCALES, dialog_references,  # noqa: E402
                        java_escape, read_package)


def properties_files(bundles, dialog, references):
    """{file name: content} of one dialog in every language of the store."""
    english = bundles["root"]["dialog"][dialog]
    used = {key for _, _, key in references}
    unknown = [key for _, _, key in references if key not in english]
    unused = sorted(set(english) - used)
    if unknown or unused:
        raise SystemExit(f"make_properties: {dialog}.xdl uses texts missing from dialog/{dialog} of root.txt: "
                         f"{unknown}; texts its .xdl does not use: {unused}")
    files = {}
    for lang, bundle in bundles.items():
        texts = bundle.get("dialog", {}).get(dialog)
        if texts is None:
            continue  # en.txt: English is root's
        if lang not in PROPERTIES_LOCALES:
            raise SystemExit(f"make_properties: no .properties locale for {lang}.txt: add it to "
                             "PROPERTIES_LOCALES in scripts/l10n_store.py")
        lines = [f"# Texts of {dialog}.xdl, generated from addin/l10n/ui/{lang}.txt (dialog/{dialog}); "
                 "keys are &amp;-references in the .xdl"]
        for number, prefix, key in sorted(references):
            lines.append(f"{number}.{prefix}.{key}={java_escape(texts.get(key, english[key]))}")
        files[f"{dialog}_{PROPERTIES_LOCALES[lang]}.properties"] = "\n".join(lines) + "\n"
    files[f"{dialog}_{DEFAULT_PROPERTIES_LOCALE}.default"] = ""
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the ui package: addin/l10n/ui")
    parser.add_argument("--xdl-dir", type=Path, required=True, help="the dialogs: packaging/dialog")
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args()
    bundles = read_package(args.store)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for dialog in bundles["root"]["dialog"]:
        references = dialog_references(args.xdl_dir / f"{dialog}.xdl")
        for name, content in properties_files(bundles, dialog, references).items():
            with open(os.path.join(args.out_dir, name), "w", encoding="ascii", newline="\n") as f:
                f.write(content)


if __name__ == "__main__":
    main()
