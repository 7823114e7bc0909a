#!/usr/bin/python3
"""The main job: open a Kuntaplan template in a real (headless) LibreOffice with the built
extension, recalculate it, check that no cell holds an error, and write a PDF and one CSV per
sheet. The PDF is a short report: only the report sheets (by default Read me, Summary and
Pyramid when the workbook has them, with Components, the population template's components of
change per year, when it has that too), each printed with its own page style and print range;
the input and working sheets are left out of the PDF but still get their CSVs.

    /usr/bin/python3 scripts/main_job.py [--template build/templates/population.ots]
                                         [--oxt build/kuntaplan.oxt] [--out out]
                                         [--show NAME_OR_CELL ...]
                                         [--pdf-sheets "Read me,Summary,Pyramid"]

The office runs on a private throwaway profile and is stopped at the end whatever happens.
Exit code: 0 all good, 1 error cells found (the files are written all the same, to look at),
2 a missing input or a wrong --pdf-sheets, 3 the office failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "calc"))

from kpoffice import CSV_FILTER, PDF_FILTER, Office, OfficeError  # noqa: E402

MAX_LISTED_ERRORS = 50
MAX_DEFAULT_FIGURES = 12
REPORT_SHEETS = ("Read me", "Summary", "Pyramid")
OPTIONAL_REPORT_SHEETS = ("Components",)  # printed with the report sheets when the workbook has it


class UsageError(Exception):
    """A wrong argument found once the document is open (exit code 2)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path,
                        default=ROOT / "build" / "templates" / "population.ots",
                        help="template or workbook to open (default: %(default)s)")
    parser.add_argument("--oxt", type=Path, default=ROOT / "build" / "kuntaplan.oxt",
                        help="the extension to install (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "out",
                        help="folder for the PDF and the CSVs (default: %(default)s)")
    parser.add_argument("--show", action="append", default=[], metavar="NAME_OR_CELL",
                        help="a named range or a cell/range such as 'Summary.B4' or "
                             "\"'Väestö 2030'.B2:C3\" to print; repeatable (default: the "
                             "document's small named ranges)")
    parser.add_argument("--pdf-sheets", metavar="SHEET,SHEET,...",
                        help="comma-separated sheets to put in the PDF, in the document's order "
                             "(default: " + ",".join(REPORT_SHEETS) + " when the document has "
                             "all of them, else every sheet); 'all' for every sheet")
    parser.add_argument("--locale", default="en-US", help="UI locale of the office")
    return parser.parse_args(argv)


def cell_range(office: Office, doc, spec: str):
    """A named range of the document, or 'Sheet.A1[:B2]' (a bare 'A1' is on the first sheet)."""
    names = doc.NamedRanges
    if names.hasByName(spec):
        referred = names.getByName(spec).getReferredCells()
        if referred is None:
            raise ValueError(f"the named range {spec!r} does not refer to cells")
        return referred
    sheet_name, _, address = spec.replace("$", "").rpartition(".")
    sheet_name = sheet_name.strip("'").replace("''", "'")
    sheet = office.sheet(doc, sheet_name) if sheet_name else office.sheet(doc, 0)
    return sheet.getCellRangeByName(address)


def pdf_sheets(spec: str | None, sheets: list[str]) -> list[str]:
    """The sheets to print to the PDF, checked against the document's sheets."""
    if spec is None:
        if not all(n in sheets for n in REPORT_SHEETS):
            return sheets
        return [n for n in sheets if n in REPORT_SHEETS or n in OPTIONAL_REPORT_SHEETS]
    if spec.strip().lower() == "all":
        return sheets
    wanted = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in sheets]
    if unknown or not wanted:
        raise UsageError(f"--pdf-sheets: no such sheet(s): {', '.join(unknown) or '(none)'}; "
                         f"the sheets are: {', '.join(sheets)}")
    return [name for name in sheets if name in wanted]


def leave_out_of_print(doc, keep: list[str]) -> None:
    """Gives every sheet not in `keep` an empty print range, which Calc prints as nothing. Only
    the loaded copy changes; it is never stored."""
    for name in doc.Sheets.getElementNames():
        if name not in keep:
            doc.Sheets.getByName(name).setPrintAreas(())


def default_figures(doc) -> list[str]:
    """`KeyFigures` (a table of labels and values) when the document names one, and the named
    ranges that refer to at most a handful of cells."""
    out = ["KeyFigures"] if doc.NamedRanges.hasByName("KeyFigures") else []
    for name in doc.NamedRanges.getElementNames():
        referred = doc.NamedRanges.getByName(name).getReferredCells()
        if referred is None:
            continue
        address = referred.getRangeAddress()
        cells = ((address.EndRow - address.StartRow + 1)
                 * (address.EndColumn - address.StartColumn + 1))
        if cells <= 6 and name not in out:
            out.append(name)
    return out[:1] + sorted(out[1:])[:MAX_DEFAULT_FIGURES] if out[:1] == ["KeyFigures"] \
        else sorted(out)[:MAX_DEFAULT_FIGURES]


def show(value) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def run(args: argparse.Namespace) -> int:
    for label, path in (("template", args.template), ("extension", args.oxt)):
        if not path.is_file():
            print(f"main_job: {label} not found: {path} (build it: cmake --build build)",
                  file=sys.stderr)
            return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    stem = args.template.stem
    for stale in [out / f"{stem}.pdf", *out.glob(f"{stem}-*.csv")]:
        stale.unlink(missing_ok=True)

    t0 = time.monotonic()
    with Office(args.oxt, ui_locale=args.locale) as office:
        started = time.monotonic() - t0
        doc = office.load(args.template, as_template=True)
        office.recalc_hard(doc)
        computed = time.monotonic() - t0
        errors = office.error_cells(doc)
        sheets = list(doc.Sheets.getElementNames())
        printed = pdf_sheets(args.pdf_sheets, sheets)  # checked before anything is written

        office.store_to(doc, out / f"{stem}.csv", CSV_FILTER)  # writes <stem>-<Sheet>.csv
        leave_out_of_print(doc, printed)
        pdf = office.store_to(doc, out / f"{stem}.pdf", PDF_FILTER)
        csvs = [out / f"{stem}-{name}.csv" for name in sheets]

        figures = []
        for spec in args.show or default_figures(doc):
            try:
                figures.append((spec, office.range_values(cell_range(office, doc, spec))))
            except Exception as failure:  # a wrong --show must not hide the rest
                figures.append((spec, f"cannot read ({type(failure).__name__}): {failure}"))
        office.close(doc)

    print(f"main_job: {args.template} with {args.oxt.name}: {len(sheets)} sheets; office up in "
          f"{started:.1f} s, loaded and recalculated by {computed:.1f} s")
    print(f"  PDF: {pdf} (sheets: {', '.join(printed)})")
    for path in csvs:
        print(f"  CSV: {path}" + ("" if path.is_file() else "  (MISSING)"))
    if figures:
        print("key figures:")
        for spec, values in figures:
            if isinstance(values, str):
                print(f"  {spec}: {values}")
            elif len(values) > 1 and len(values[0]) > 1:  # a table: one line per row
                print(f"  {spec}:")
                for row in values:
                    print("    " + "  ".join(show(v) for v in row if v != ""))
            else:
                flat = [show(v) for row in values for v in row]
                print(f"  {spec}: {', '.join(flat)}")

    missing = [path for path in [pdf, *csvs] if not path.is_file()]
    if missing:
        print(f"main_job: FAILED: not written: {', '.join(map(str, missing))}", file=sys.stderr)
        return 3
    if errors:
        print(f"main_job: FAILED: {len(errors)} cells hold an error:", file=sys.stderr)
        for sheet, cell, text, formula in errors[:MAX_LISTED_ERRORS]:
            print(f"  {sheet}.{cell}: {text}   {formula}", file=sys.stderr)
        if len(errors) > MAX_LISTED_ERRORS:
            print(f"  ... and {len(errors) - MAX_LISTED_ERRORS} more", file=sys.stderr)
        return 1
    print("main_job: OK, no error cells")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except OfficeError as failure:
        print(f"main_job: the office failed: {failure}", file=sys.stderr)
        return 3
    except UsageError as failure:
        print(f"main_job: {failure}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
