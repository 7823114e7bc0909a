#!/usr/bin/env python3
"""Converts a template source (.fods) into an .ots with LibreOffice's own converter, with the
Kuntaplan add-in registered for the conversion only, and checks the result.

    convert_template.py --program-dir /usr/lib/libreoffice/program --addin-dir <dir with
        kuntaplan.components, kuntaplan.rdb, kuntaplan.so, l10n/> --profile <throwaway dir>
        --out <file.ots> <source.fods>

Why the add-in is registered: converted without it, Calc 7.4 writes every add-in call back in
lower case (of:=org.kuntaplan.functions.popproject(...) instead of
of:=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT(...)) and caches #NAME? results. With it registered
through -env:URE_MORE_SERVICES / URE_MORE_TYPES (no extension manager, no unopkg) the formulas
stay exactly as in the source and the cached values are the computed ones.

Checks (the conversion fails otherwise): the .ots exists, its formulas are exactly the source's,
and no cell of it caches an error value. Needs only the Python standard library.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

FORMULA = re.compile(r'table:formula="([^"]*)"')
# A cell caching an error result (#NAME?, Err:502, ...) is written with this attribute.
ERROR_CELL = re.compile(r'<table:table-cell[^>]*calcext:value-type="error"[^>]*>')


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("source", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--program-dir", type=Path, default=Path("/usr/lib/libreoffice/program"))
    p.add_argument("--addin-dir", type=Path, required=True)
    p.add_argument("--profile", type=Path, required=True)
    args = p.parse_args()

    out_dir = args.profile.parent / (args.profile.name + "-out")
    for d in (args.profile, out_dir):
        shutil.rmtree(d, ignore_errors=True)
    out_dir.mkdir(parents=True)
    program = args.program_dir.resolve()
    addin = args.addin_dir.resolve()
    command = [
        str(program / "soffice"), "--headless", "--invisible", "--norestore", "--nologo",
        "--nolockcheck",
        "-env:UserInstallation=" + file_url(args.profile),
        f"-env:URE_MORE_SERVICES=<{file_url(program / 'services')}>* "
        f"{file_url(addin / 'kuntaplan.components')}",
        f"-env:URE_MORE_TYPES=<{file_url(program / 'types')}>* {file_url(addin / 'kuntaplan.rdb')}",
        "--convert-to", "ots", "--outdir", str(out_dir), str(args.source.resolve()),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(args.profile.parent),
                                 "SAL_USE_VCLPLUGIN": "svp"})
    produced = out_dir / (args.source.stem + ".ots")
    if not produced.is_file():
        print(f"convert_template: soffice produced no {produced.name} (exit {result.returncode})\n"
              f"{result.stdout}{result.stderr}", file=sys.stderr)
        return 1

    source_text = args.source.read_text(encoding="utf-8")
    with zipfile.ZipFile(produced) as ots:
        content = ots.read("content.xml").decode("utf-8")
    want = collections.Counter(FORMULA.findall(source_text))
    got = collections.Counter(FORMULA.findall(content))
    if want != got:
        print(f"convert_template: the formulas of {produced.name} differ from {args.source.name}:",
              file=sys.stderr)
        for f in list((want - got).elements())[:5]:
            print("  lost:   ", f[:160], file=sys.stderr)
        for f in list((got - want).elements())[:5]:
            print("  gained: ", f[:160], file=sys.stderr)
        return 1
    errors = ERROR_CELL.findall(content)
    if errors:
        print(f"convert_template: {len(errors)} cells of {produced.name} hold errors, e.g. "
              f"{[e[:200] for e in errors[:2]]}", file=sys.stderr)
        return 1

    args.out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(produced), args.out)
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.rmtree(args.profile, ignore_errors=True)
    print(f"convert_template: {args.out} ({sum(got.values())} formulas intact)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
