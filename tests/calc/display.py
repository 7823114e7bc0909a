"""What a sheet *displays*: every number cell's shown text against its value, its number format and
its column width, for the display tests (a right value shown as `###`, `0,000` or `653835,000` is
a wrong result).

    problems = display_problems(office, doc, ",", tmp_path)   # [] when every number reads right

The shown texts come in bulk from a CSV export with "save cell contents as shown" (one file per
sheet), the values from each sheet's data array and the formats from its format ranges, so a
workbook of 400,000 formulas is checked in seconds. A number cell's shown text must

1. read back, with the locale's decimal separator, group separators and minus sign, as the value
   rounded to the decimals shown (a percentage as value × 100);
2. show a group separator from 10,000 up unless its format is the General one (a format without
   grouping is one written in another locale's codes: "#,##0" read with a decimal comma shows
   653,835 as 653835,000);
3. fit its column (unless its format is General, which rounds to the width): the API's texts ignore the width, so each column's number texts are written, in
   their font weight, into a scratch sheet whose column is set to its optimal width, which less
   Calc's extra 1.99 mm is compared with the column's width (wider = shown as ###). Texts may overflow into the
   next cell; numbers may not, so only numbers are measured.
Truth values (TRUE/TOSI/SANT) and empty cells of array results are skipped."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kpoffice import CSV_FILTER

AS_SHOWN = "44,34,76,1,,0,false,true,true,false,false,-1"  # token 9: cell contents as shown
GROUPS = "\u00a0\u202f \u2009"  # no-break space, narrow no-break space, space, thin space
TRUTH = {"TRUE", "FALSE", "TOSI", "EPÄTOSI", "SANT", "FALSKT"}
SCRATCH = "kuntaplan-display-scratch"


def read_number(text: str, decimal: str) -> tuple[float, int, bool, bool] | None:
    """(number, decimals shown, is a percentage, has a group separator) of a displayed text, or
    None if it is not a number. Scientific notation (1,5E-05) counts its mantissa's decimals."""
    t = text.strip().replace("\u2212", "-")
    percent = t.endswith("%")
    t = t.rstrip("%").strip()
    group_chars = GROUPS + ("," if decimal == "." else ".")
    grouped = any(g in t for g in group_chars)
    for g in group_chars:
        t = t.replace(g, "")
    t = t.replace(decimal, ".")
    match = re.fullmatch(r"(-?\d+(?:\.(\d+))?)(E[+-]?\d+)?", t)
    if not match:
        return None
    decimals = len(match.group(2) or "")
    if match.group(3):  # the mantissa's last digit, scaled
        decimals -= int(match.group(3)[1:])
    return float(t), decimals, percent, grouped


def shown_texts(office, doc, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet's cells as shown, from one CSV export (<stem>-<sheet>.csv per sheet)."""
    folder.mkdir(parents=True, exist_ok=True)
    office.store_to(doc, folder / "shown.csv", CSV_FILTER, AS_SHOWN)
    texts = {}
    for name in doc.Sheets.ElementNames:
        path = folder / f"shown-{name}.csv"
        with open(path, newline="", encoding="utf-8") as f:
            texts[name] = list(csv.reader(f))
    return texts


def _attributes(sheet, formats, rows: int, cols: int):
    """(is the General format, has a negative section, is bold) of every cell of the used area,
    from the format ranges. A format with a section for negative numbers ("#,##0;#,##0", the
    pyramid's men drawn to the left) may show them without a minus."""
    general = [[True] * cols for _ in range(rows)]
    signless = [[False] * cols for _ in range(rows)]
    bold = [[False] * cols for _ in range(rows)]
    ranges = sheet.getCellFormatRanges()
    known = {}
    for i in range(ranges.getCount()):
        rng = ranges.getByIndex(i)
        a = rng.getRangeAddress()
        key = rng.NumberFormat
        if key not in known:
            properties = formats.getByKey(key)
            known[key] = (properties.StandardFormat, ";" in properties.FormatString)
        weight = rng.CharWeight > 100.0
        for r in range(a.StartRow, min(a.EndRow + 1, rows)):
            for c in range(a.StartColumn, min(a.EndColumn + 1, cols)):
                general[r][c], signless[r][c] = known[key]
                bold[r][c] = weight
    return general, signless, bold


def display_problems(office, doc, decimal: str, folder: Path, sheets: list[str] | None = None) -> list[str]:
    """The number cells whose shown text is wrong and the columns too narrow for their numbers, in
    `sheets` (default: all); `decimal` is the office locale's decimal separator."""
    texts = shown_texts(office, doc, folder)
    problems = []
    doc.Sheets.insertNewByName(SCRATCH, doc.Sheets.Count)
    scratch = doc.Sheets.getByName(SCRATCH)
    try:
        for name in sheets or [n for n in doc.Sheets.ElementNames if n != SCRATCH]:
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.getRangeAddress()
            values = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
            rows, cols = end.EndRow + 1, end.EndColumn + 1
            general, signless, bold = _attributes(sheet, doc.NumberFormats, rows, cols)
            shown = texts[name]
            columns: dict[int, tuple[list[str], list[str]]] = {}
            for r in range(rows):
                for c in range(cols):
                    value = values[r][c]
                    if not isinstance(value, float):
                        continue
                    text = shown[r][c] if r < len(shown) and c < len(shown[r]) else ""
                    if text == "" or text.upper() in TRUTH:
                        continue
                    where = f"{name}.{_a1(c, r)}"
                    number = read_number(text, decimal)
                    if number is None:
                        problems.append(f"{where}: shown as {text!r}, not a number, for {value}")
                        continue
                    got, decimals, percent, grouped = number
                    target = value * 100 if percent else value
                    if signless[r][c] and got >= 0:
                        target = abs(target)
                    if abs(got - target) > 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-12 * abs(target):
                        problems.append(f"{where}: shown as {text!r} for {value}")
                    elif abs(target) >= 10000 and not grouped and not general[r][c]:
                        problems.append(f"{where}: shown as {text!r}, without a thousands separator")
                    if not general[r][c]:  # General shows fewer decimals in a narrow column, never ###
                        columns.setdefault(c, ([], []))[1 if bold[r][c] else 0].append(text)
            for c, (regular, heavy) in sorted(columns.items()):
                # Calc's optimal width is the widest text + the cell margins + STD_EXTRA_WIDTH,
                # 113 twips = 1.99 mm (sc/inc/global.hxx); ### shows when text + margins > width
                needed = max(_optimal_width(scratch, regular, False), _optimal_width(scratch, heavy, True)) - 199
                width = sheet.Columns.getByIndex(c).Width
                if needed > width:
                    problems.append(f"{name} column {_a1(c, None)}: {width / 100:.1f} mm wide, its numbers "
                                    f"need {needed / 100:.1f} mm (shown as ###)")
    finally:
        doc.Sheets.removeByName(SCRATCH)
    return problems


def _optimal_width(scratch, texts: list[str], heavy: bool) -> int:
    if not texts:
        return 0
    target = scratch.getCellRangeByPosition(0, 0, 0, len(texts) - 1)
    target.setDataArray(tuple((t,) for t in texts))  # as text: the shown digits
    target.CharWeight = 150.0 if heavy else 100.0
    column = scratch.Columns.getByIndex(0)
    column.OptimalWidth = True
    width = column.Width
    target.clearContents(1023)  # all contents and attributes
    return width


def _a1(c: int, r: int | None) -> str:
    name = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        name = chr(65 + rest) + name
    return name if r is None else f"{name}{r + 1}"
