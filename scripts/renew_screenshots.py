#!/usr/bin/python3
"""Renews the pictures of docs/img from the tests that take them: runs the real-office tests on a
virtual display (tests/calc/test_wizard_xvfb.py), which save what the user sees, and copies the
pictures the guides show into docs/img under their guide names. Look at every picture before you
commit it.

    KUNTAPLAN_OXT=build/kuntaplan.oxt /usr/bin/python3 scripts/renew_screenshots.py

Needs what the tests need (xvfb, the built .oxt, libreoffice-l10n-fi)."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# test picture → docs/img picture
PICTURES = {
    "0-kuntaplan-menu.png": "kuntaplan-menu.png",
    "1-wizard-page1-base.png": "wizard-page1.png",
    "2-wizard-page2-assumptions.png": "wizard-page2.png",
    "3-wizard-page3-migration.png": "wizard-page3.png",
    "4-wizard-page4-services.png": "wizard-page4.png",
    "5-summary-sheet.png": "scenario-summary.png",
    "7-comparison-sheet.png": "comparison-sheet.png",
    "8-file-new-templates-kuntaplan.png": "file-new-templates.png",
    "9-compare-dialog.png": "compare-dialog.png",
    "10-compare-dialog-finnish.png": "compare-dialog-fi.png",
    "11-wizard-page1-finnish.png": "wizard-page1-fi.png",
    "11-wizard-page2-finnish.png": "wizard-page2-fi.png",
    "11-wizard-page3-finnish.png": "wizard-page3-fi.png",
    "11-wizard-page4-finnish.png": "wizard-page4-fi.png",
    "12-explain-error-finnish.png": "explain-error-fi.png",
    "13-wizard-page1-swedish.png": "wizard-page1-sv.png",
    "13-wizard-page2-swedish.png": "wizard-page2-sv.png",
    "13-wizard-page3-swedish.png": "wizard-page3-sv.png",
    "13-wizard-page4-swedish.png": "wizard-page4-sv.png",
    "14-explain-error-swedish.png": "explain-error-sv.png",
    "15-compare-dialog-swedish.png": "compare-dialog-sv.png",
}


def main() -> int:
    if "KUNTAPLAN_OXT" not in os.environ:
        print("set KUNTAPLAN_OXT to the built kuntaplan.oxt", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as shots:
        env = dict(os.environ, KUNTAPLAN_SCREENSHOTS=shots, PYTHONDONTWRITEBYTECODE="1")
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "tests/calc/test_wizard_xvfb.py"], cwd=REPO, env=env)
        if run.returncode != 0:
            print("the tests failed: docs/img is left as it was", file=sys.stderr)
            return run.returncode
        missing = [name for name in PICTURES if not (Path(shots) / name).exists()]
        if missing:
            print(f"the tests took no {missing}: docs/img is left as it was", file=sys.stderr)
            return 1
        for taken, shown in PICTURES.items():
            shutil.copyfile(Path(shots) / taken, REPO / "docs" / "img" / shown)
            print(f"docs/img/{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
