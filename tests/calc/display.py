"""What a sheet *displays*: every number cell's shown text against its value, its number format and
its column width, every text against the room it has, and every chart, for the display tests (a
right value shown as `###`, `0,000` or `653835,000` is a wrong result; so is a label cut off or a
chart too large for the screen).

    problems = display_problems(office, doc, ",", tmp_path)   # [] when everything reads right

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
Truth values (TRUE/TOSI/SANT) and empty cells of array results are skipped.

A text cell's shown text must not be cut off (4): Calc lets a text run on into the empty cells
beside it and cuts it, with a small red arrow, at the first cell that is not empty ("Kokonais-
hedelmällisyysluku 2▸"). The text is measured like the numbers (its optimal width on the scratch
sheet, in its font, less the 1.99 mm) and must fit its column or merged area together with the
empty cells it runs into (to the right, to the left when right-aligned, both ways when centred).
Text that wraps must have room for its longest word (Calc breaks a longer one inside the word);
text that shrinks to fit or is rotated is not checked. A formula showing "" is not empty.

And every chart of the sheets (chart_problems) must

5. fit a 1366 × 768 screen at 100 % zoom: at most SCREEN_CHART (see there);
6. have a legend when it has more than one data series, and have a data series at all;
7. when its series run along a row or column of years (calendar years 1900–2100 as the header of
   their cells, above a row or left of a column), show the years as its category axis labels (the
   first label reads as a year, not a cost or a population), and not plot the years as a series;
8. show the numbers of its value axis in the office's notation, as point 1 reads a cell (a format
   bound to en-US showed 2,500,000 in a Finnish office)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import uno

from kpoffice import CSV_FILTER

AS_SHOWN = "44,34,76,1,,0,false,true,true,false,false,-1"  # token 9: cell contents as shown
GROUPS = "\u00a0\u202f \u2009"  # no-break space, narrow no-break space, space, thin space
TRUTH = {"TRUE", "FALSE", "TOSI", "EPÄTOSI", "SANT", "FALSKT"}
SCRATCH = "kuntaplan-display-scratch"
STD_EXTRA_WIDTH = 199  # 1/100 mm: what Calc's optimal width adds to the widest text and its margins
# The largest chart (width, height in 1/100 mm) that a 1366 × 768 screen shows whole at 100 % zoom.
# Measured in LibreOffice 7.4 and 25.2 on a fresh profile (the throwaway one of kpoffice.py) on an
# Xvfb screen of 1366 × 768 pixels at 96 dpi, Calc's window as a maximised window gets it on a laptop
# of that size: the whole width and 768 − 40 (taskbar) − 30 (title bar) = 698 pixels high. The
# controller's VisibleArea (the cells shown, below the menu, two toolbars, the formula bar and the
# column headers, above the sheet tabs and the status bar) was 34.9 × 13.7 cm (25.2: 13.6 cm)
# with the sidebar folded to its tab bar, as it starts, and 27.1 × 13.7 cm with its Properties
# deck open. So a chart at most 27.0 × 13.5 cm is seen whole, sidebar open or not.
SCREEN_CHART = (27000, 13500)
# A text is cut off when it needs more than 0.2 mm beyond its room: measured on that screen, a bold
# "2020 female" that needs 26.18 mm by this measure shows whole in a column of 25.98 mm and is cut
# (the red arrow) in one of 25.88 mm; the optimal width rounds up to whole pixels.
CUT_TOLERANCE = 20
WEIGHTS = (100.0, 150.0)  # regular, bold (what the numbers are measured in)


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


class Style:
    """What the display checks need of a block of cells with one format: the number format (is it
    the General one, has it a section for negative numbers: the pyramid's men drawn to the left,
    shown without a minus), the font (name, height, weight, slant) and how text is laid out."""

    PROPERTIES = ("NumberFormat", "CharFontName", "CharHeight", "CharWeight", "CharPosture",
                  "IsTextWrapped", "ShrinkToFit", "HoriJustify", "ParaIndent", "RotateAngle")

    def __init__(self, values, formats, known: dict) -> None:
        key, name, height, weight, posture, wrapped, shrink, justify, indent, angle = values
        if key not in known:
            properties = formats.getByKey(key)
            known[key] = (properties.StandardFormat, ";" in properties.FormatString)
        self.general, self.signless = known[key]
        self.bold = weight > 100.0
        self.font = (name, height, weight, posture.value)  # hashable: FontSlant's name
        self.justify = justify.value
        self.indent = indent
        # text on one line is cut off when it does not fit; wrapped text when a word does not;
        # other layouts are not checked
        self.wrapped = wrapped and not shrink and angle == 0
        self.free = wrapped or shrink or angle != 0 or self.justify == "REPEAT"


def _styles(sheet, formats, rows: int, cols: int) -> list[list[Style | None]]:
    """The Style of every cell of the used area, from the format ranges (one call a range)."""
    styles: list[list[Style | None]] = [[None] * cols for _ in range(rows)]
    ranges = sheet.getCellFormatRanges()
    known: dict = {}
    for i in range(ranges.getCount()):
        rng = ranges.getByIndex(i)
        a = rng.getRangeAddress()
        if a.StartRow >= rows or a.StartColumn >= cols:
            continue
        style = Style(rng.getPropertyValues(Style.PROPERTIES), formats, known)
        for r in range(a.StartRow, min(a.EndRow + 1, rows)):
            styles[r][a.StartColumn:min(a.EndColumn + 1, cols)] = [style] * (min(a.EndColumn + 1, cols) - a.StartColumn)
    return styles


def display_problems(office, doc, decimal: str, folder: Path, sheets: list[str] | None = None) -> list[str]:
    """The number cells whose shown text is wrong, the columns too narrow for their numbers, the
    texts cut off and the charts that do not read well, in `sheets` (default: all); `decimal` is
    the office locale's decimal separator."""
    texts = shown_texts(office, doc, folder)
    problems = []
    names = sheets or list(doc.Sheets.ElementNames)
    values_of: dict[str, tuple] = {}
    doc.Sheets.insertNewByName(SCRATCH, doc.Sheets.Count)
    scratch = doc.Sheets.getByName(SCRATCH)
    try:
        for name in names:
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.getRangeAddress()
            values = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
            values_of[name] = values
            rows, cols = end.EndRow + 1, end.EndColumn + 1
            styles = _styles(sheet, doc.NumberFormats, rows, cols)
            shown = texts[name]
            columns: dict[int, tuple[list[str], list[str]]] = {}
            text_cells = []
            for r in range(rows):
                for c in range(cols):
                    value = values[r][c]
                    text = shown[r][c] if r < len(shown) and c < len(shown[r]) else ""
                    style = styles[r][c] or DEFAULT_STYLE
                    if isinstance(value, str):
                        if text.strip():
                            text_cells.append((r, c, text, style))
                        continue
                    if text == "" or text.upper() in TRUTH:
                        continue
                    number = read_number(text, decimal)
                    if number is None:
                        problems.append(f"{name}.{_a1(c, r)}: shown as {text!r}, not a number, for {value}")
                        continue
                    got, decimals, percent, grouped = number
                    target = value * 100 if percent else value
                    if style.signless and got >= 0:
                        target = abs(target)
                    if abs(got - target) > 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-12 * abs(target):
                        problems.append(f"{name}.{_a1(c, r)}: shown as {text!r} for {value}")
                    elif abs(target) >= 10000 and not grouped and not style.general:
                        problems.append(f"{name}.{_a1(c, r)}: shown as {text!r}, without a thousands separator")
                    if not style.general:  # General shows fewer decimals in a narrow column, never ###
                        columns.setdefault(c, ([], []))[1 if style.bold else 0].append(text)
            # Calc's optimal width is the widest text + the cell margins + STD_EXTRA_WIDTH, 113
            # twips = 1.99 mm (sc/inc/global.hxx); ### shows when text + margins > width. Every
            # column's texts of each weight are measured at once, each in a scratch column.
            groups = [(c, weight, sorted(set(texts)))
                      for c, parts in sorted(columns.items()) for weight, texts in zip(WEIGHTS, parts) if texts]
            measured = _widths(scratch, [(texts, (("CharWeight",), (weight,))) for _, weight, texts in groups])
            needed: dict[int, int] = {}
            for (c, _, _), width in zip(groups, measured):
                needed[c] = max(needed.get(c, 0), width - STD_EXTRA_WIDTH)
            for c, need in sorted(needed.items()):
                width = sheet.Columns.getByIndex(c).Width
                if need > width:
                    problems.append(f"{name} column {_a1(c, None)}: {width / 100:.1f} mm wide, its numbers "
                                    f"need {need / 100:.1f} mm (shown as ###)")
            problems += _cut_off_texts(sheet, scratch, values, text_cells, cols)
    finally:
        doc.Sheets.removeByName(SCRATCH)
    return problems + chart_problems(doc, names, values_of, office, decimal)


class _Default:
    """The style of a cell outside every format range (none is: the ranges cover the sheet)."""
    general, signless, bold, wrapped, free, justify, indent, font = (True, False, False, False, False,
                                                                     "STANDARD", 0, None)


DEFAULT_STYLE = _Default()


def _cut_off_texts(sheet, scratch, values, text_cells, cols: int) -> list[str]:
    """The text cells whose shown text Calc cuts off (the module's point 4).

    The room a text has: its column (or merged area) and the empty cells it runs into, on the
    side(s) its alignment lets it run. The texts are first estimated (estimated_widths) and only
    those that may not fit are measured on the scratch sheet."""
    cells = [(r, c, text, style) for r, c, text, style in text_cells if not style.free]
    # a wrapped text: each of its words, as if it were a line of its own; a line may also break
    # after a hyphen or a dash ("TDABC-|yksikkökustannus", "7–|15")
    words = [(r, c, word, style) for r, c, text, style in text_cells if style.wrapped
             for word in {part for word in text.split() for part in _BREAK_AFTER.split(word) if part}]
    if not cells and not words:
        return []
    widths: dict[int, int] = {}
    kinds: dict[tuple[int, int], bool] = {}

    def width(c: int) -> int:
        if c not in widths:
            column = sheet.Columns.getByIndex(c)
            widths[c] = column.Width if column.IsVisible else 0
        return widths[c]

    def empty(r: int, c: int) -> bool:
        if c < 0:
            return False
        if c >= cols or r >= len(values):
            return True
        if values[r][c] != "":
            return False
        if (r, c) not in kinds:  # a formula showing "" is not empty: text does not run into it
            kinds[(r, c)] = sheet.getCellByPosition(c, r).getType().value == "EMPTY"
        return kinds[(r, c)]

    def room(r: int, c: int, step: int, enough: float) -> float:
        """The width of the empty cells beside (r, c) in direction `step`, up to `enough`."""
        total, c = 0, c + step
        while total < enough and empty(r, c):
            if c >= cols:
                return float("inf")  # beyond the used area: empty to the sheet's end
            total += width(c)
            c += step
        return total

    def fits(style, need: float, own: float, left: float, right: float) -> bool:
        if style.justify == "CENTER":
            return need <= own + 2 * min(left, right) + CUT_TOLERANCE
        return need <= own + left + right + CUT_TOLERANCE

    def merged_width(r: int, c: int) -> int | None:
        cell = sheet.getCellByPosition(c, r)
        if not cell.getIsMerged():
            return None
        cursor = sheet.createCursorByRange(cell)
        cursor.collapseToMergedArea()
        a = cursor.getRangeAddress()
        return sum(width(i) for i in range(a.StartColumn, a.EndColumn + 1))

    estimates = estimated_widths(scratch, [(text, style.font) for _, _, text, style in cells + words])
    doubtful = []
    for k, ((r, c, text, style), estimate) in enumerate(zip(cells + words, estimates)):
        bound = estimate * 1.03 + 150 + style.indent  # 3 % and 1.5 mm above the estimate
        if width(c) == 0 or bound <= width(c):
            continue
        merged = merged_width(r, c)
        if k >= len(cells):  # a word of a wrapped text: its column or merged area
            rooms = (merged or width(c), 0, 0, merged is not None, True)
        elif merged is not None:  # its merged area and nothing beside it
            rooms = (merged, 0, 0, True, False)
        else:
            over = bound - width(c)
            left = room(r, c, -1, over) if style.justify in ("RIGHT", "CENTER") else 0
            right = room(r, c, 1, over) if style.justify != "RIGHT" else 0
            rooms = (width(c), left, right, False, False)
        if not fits(style, bound, *rooms[:3]):
            doubtful.append((r, c, text, style, rooms))
    needed = _widths(scratch, [([text], _font_properties(style.font)) for _, _, text, style, _ in doubtful])
    problems = []
    for (r, c, text, style, (own, left, right, merged, word)), measured in zip(doubtful, needed):
        need = measured - STD_EXTRA_WIDTH + style.indent
        if fits(style, need, own, left, right) or not sheet.Rows.getByIndex(r).IsVisible:
            continue
        where = f"{sheet.Name}.{_a1(c, r)}"
        if word:
            problems.append(f"{where}: the word {text!r} needs {need / 100:.1f} mm, "
                            f"{'its merged cells have' if merged else 'its column has'} {own / 100:.1f} mm "
                            f"(wrapped inside the word)")
        else:
            room = "its merged cells have" if merged else "its column and the empty cells beside it have"
            problems.append(f"{where}: {text!r} needs {need / 100:.1f} mm, {room} "
                            f"{(own + left + right) / 100:.1f} mm (cut off)")
    problems.sort(key=lambda problem: _order(problem, sheet.Name))
    return problems


def _order(problem: str, sheet: str) -> tuple[int, int]:
    """(row, column) of a problem's cell, for the report's order."""
    cell = problem[len(sheet) + 1:].split(":")[0]
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters):]), _column_index(letters)


def _font_properties(font) -> tuple:
    """The scratch cells' properties for a Style.font (name, height, weight, FontSlant's name)."""
    if font is None:
        return ()
    name, height, weight, slant = font
    return (("CharFontName", "CharHeight", "CharWeight", "CharPosture"),
            (name, height, weight, uno.Enum("com.sun.star.awt.FontSlant", slant)))


_CHARACTERS: dict[tuple, tuple[float, float]] = {}  # (font, character) -> (advance, margins)
# Where a word may break (Unicode line breaking, UAX #14): after a dash, after a hyphen before a letter.
_BREAK_AFTER = re.compile(r"(?<=–)(?=\w)|(?<=-)(?=[^\W\d_])")


def estimated_widths(scratch, texts: list[tuple[str, tuple]]) -> list[float]:
    """About the width (1/100 mm, without Calc's extra 1.99 mm) that each (text, font) needs: the
    sum of its characters' advances and the cell margins. Each character is measured once per
    font (and kept for the session): ten and twenty of it in a row, the difference / 10 is its
    advance, whole pixels of rounding shared out. Kerning only narrows a text."""
    wanted = sorted({(font, ch) for text, font in texts for ch in set(text) - {"\n"}} - set(_CHARACTERS),
                    key=repr)
    if wanted:
        entries = [([ch * n], _font_properties(font)) for font, ch in wanted for n in (10, 20)]
        measured = _widths(scratch, entries)
        for i, key in enumerate(wanted):
            ten, twenty = measured[2 * i] - STD_EXTRA_WIDTH, measured[2 * i + 1] - STD_EXTRA_WIDTH
            advance = (twenty - ten) / 10
            _CHARACTERS[key] = (advance, max(0.0, ten - 10 * advance))
    out = []
    for text, font in texts:
        out.append(max(sum(_CHARACTERS[(font, ch)][0] for ch in line)
                       + max((_CHARACTERS[(font, ch)][1] for ch in line), default=0.0)
                       for line in text.split("\n")))
    return out


def _widths(scratch, entries: list[tuple[list[str], tuple]]) -> list[int]:
    """The optimal width (1/100 mm) of each entry's texts (a column of them) in its cell
    properties (names, values): each entry in a column of the scratch sheet, up to 1000 at a time,
    entries with the same properties side by side; Calc sets all the columns' widths at once."""
    out = [0] * len(entries)
    order = sorted(range(len(entries)), key=lambda i: repr(entries[i][1]))
    for start in range(0, len(order), 1000):
        chunk = order[start:start + 1000]
        height = max(len(entries[i][0]) for i in chunk)
        block = scratch.getCellRangeByPosition(0, 0, len(chunk) - 1, height - 1)
        block.setDataArray(tuple(tuple(entries[i][0][r] if r < len(entries[i][0]) else "" for i in chunk)
                                 for r in range(height)))  # as text: the shown characters
        k = 0
        while k < len(chunk):  # runs of the same properties
            end = k
            while end + 1 < len(chunk) and entries[chunk[end + 1]][1] == entries[chunk[k]][1]:
                end += 1
            if entries[chunk[k]][1]:
                scratch.getCellRangeByPosition(k, 0, end, height - 1).setPropertyValues(*entries[chunk[k]][1])
            k = end + 1
        block.getColumns().OptimalWidth = True
        columns = scratch.Columns
        for k, i in enumerate(chunk):
            out[i] = columns.getByIndex(k).Width
        block.clearContents(1023)  # all contents and attributes
    return out


_RANGE = re.compile(r"\$?(?:'((?:[^']|'')+)'|([^.]+))\.\$?([A-Z]+)\$?(\d+)"
                    r"(?::(?:\$?(?:'(?:[^']|'')+'|[^.:]+)\.)?\$?([A-Z]+)\$?(\d+))?")


def _cell_range(representation: str) -> tuple[str, int, int, int, int] | None:
    """(sheet, first column, first row, last column, last row), 0-based, of a chart data
    sequence's range ("$'Helsinki Summary'.$B$4:$W$4"), or None if it is not one range."""
    match = _RANGE.fullmatch(representation or "")
    if not match:
        return None
    quoted, plain, c0, r0, c1, r1 = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else plain
    first = (_column_index(c0), int(r0) - 1)
    last = (_column_index(c1), int(r1) - 1) if c1 else first
    return sheet, first[0], first[1], last[0], last[1]


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _is_year(value) -> bool:
    if isinstance(value, str):
        value = float(value) if re.fullmatch(r"\d{4}", value.strip()) else None
    return isinstance(value, float) and value.is_integer() and 1900 <= value <= 2100


def _years(cells) -> bool:
    """Calendar years in increasing order (at least two): a header of years."""
    cells = list(cells)
    if len(cells) < 2 or not all(_is_year(v) for v in cells):
        return False
    numbers = [float(v) for v in cells]
    return all(a < b for a, b in zip(numbers, numbers[1:]))


def _over_years(values, c0: int, r0: int, c1: int, r1: int) -> bool:
    """Whether the cells of a series (a part of one row or one column) have years as their header:
    a row of years above a row's cells, a column of years left of a column's cells."""
    if r0 == r1 and c1 > c0:
        return any(_years(values[r][c0:c1 + 1]) for r in range(min(r0, len(values)) - 1, -1, -1))
    if c0 == c1 and r1 > r0:
        return any(_years(row[c] for row in values[r0:r1 + 1]) for c in range(c0 - 1, -1, -1))
    return False


def _charts(sheet):
    """The sheet's charts: (drawing shape, chart document)."""
    page = sheet.DrawPage
    for i in range(page.Count):
        shape = page.getByIndex(i)
        if shape.ShapeType != "com.sun.star.drawing.OLE2Shape":
            continue
        model = shape.Model
        if model is not None and model.supportsService("com.sun.star.chart2.ChartDocument"):
            yield shape, model


def chart_problems(doc, sheets: list[str] | None = None, values_of: dict | None = None, office=None,
                   decimal: str | None = None) -> list[str]:
    """The charts on `sheets` (default: all) that are larger than SCREEN_CHART, have no data series
    or several without a legend, or run over years without the years as their category labels
    (the module's points 5–7), and with `office` and its `decimal` separator, the value axes whose
    numbers do not read right (point 8). `values_of`: the sheets' data arrays already read."""
    values_of = {} if values_of is None else values_of
    formatter = office.create("com.sun.star.util.NumberFormatter") if office is not None else None

    def values(name: str):
        if name not in values_of:
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.getRangeAddress()
            values_of[name] = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
        return values_of[name]

    problems = []
    for name in sheets or doc.Sheets.ElementNames:
        for shape, model in _charts(doc.Sheets.getByName(name)):
            title = model.Title.String if model.HasMainTitle else shape.Name
            where = f"{name}: chart {title!r}"
            size = shape.Size
            if size.Width > SCREEN_CHART[0] or size.Height > SCREEN_CHART[1]:
                problems.append(f"{where} is {size.Width / 1000:.1f} × {size.Height / 1000:.1f} cm, larger than "
                                f"the {SCREEN_CHART[0] / 1000:.1f} × {SCREEN_CHART[1] / 1000:.1f} cm a 1366 × 768 "
                                f"screen shows at 100 %")
            diagram = model.getFirstDiagram()
            systems = diagram.getCoordinateSystems() if diagram is not None else ()
            series = [s for system in systems for kind in system.getChartTypes() for s in kind.getDataSeries()]
            if not series:
                problems.append(f"{where} has no data series (an empty chart)")
                continue
            if len(series) > 1 and not model.HasLegend:
                problems.append(f"{where} has {len(series)} data series and no legend")
            if formatter is not None:
                problems += _axis_problems(where, model, systems, formatter, decimal)
            over_years = False
            for one in series:
                for sequence in one.getDataSequences():
                    data = sequence.getValues()
                    if data is None or not data.Role.startswith("values"):
                        continue
                    if _years(data.getData()):
                        problems.append(f"{where} plots the years "
                                        f"{data.getSourceRangeRepresentation()} as a data series")
                    found = _cell_range(data.getSourceRangeRepresentation())
                    if found and doc.Sheets.hasByName(found[0]):
                        over_years = over_years or _over_years(values(found[0]), *found[1:])
            if not over_years:
                continue
            try:
                categories = systems[0].getAxisByDimension(0, 0).getScaleData().Categories
            except Exception:  # a chart without a category axis (a pie)
                categories = None
            labels = list(categories.getValues().getTextualData()) if categories is not None else []
            first = labels[0] if labels else "1"  # no categories: Calc numbers them 1, 2, 3, …
            if not re.fullmatch(r"\d{4}", first.strip()) or not _is_year(first):
                problems.append(f"{where} runs over years but its first category label is {first!r}, "
                                f"not a year")
    return problems


def _axis_problems(where: str, model, systems, formatter, decimal: str) -> list[str]:
    """A value axis whose own number format shows 1234567 as something that does not read back as
    that number in the office's notation (point 8). An axis linked to its cells' format is left to
    the cells' check."""
    problems = []
    formatter.attachNumberFormatsSupplier(model)
    for system in systems:
        for index in range(system.getMaximumAxisIndexByDimension(1) + 1):
            axis = system.getAxisByDimension(1, index)
            if axis is None or axis.LinkNumberFormatToSource or axis.NumberFormat is None:
                continue
            text = formatter.convertNumberToString(axis.NumberFormat, 1234567.0)
            number = read_number(text, decimal)
            if number is None or abs(number[0] - 1234567.0) > 0.5 * 10 ** -number[1] + 1e-6:
                problems.append(f"{where} shows 1234567 on its value axis as {text!r}")
    return problems


def _a1(c: int, r: int | None) -> str:
    name = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        name = chr(65 + rest) + name
    return name if r is None else f"{name}{r + 1}"
