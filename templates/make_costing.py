#!/usr/bin/python3
"""Builds the two costing templates: service-costing.ots and impact.ots (and their fi/sv variants).

    /usr/bin/python3 templates/make_costing.py [DATA_DIR] [--oxt build/kuntaplan-functions.oxt]
        [--lang en fi sv] [--out-dir build/templates] [--format ots|fods]

Like make_population.py (whose data sheets and helpers it reuses) it starts a private headless
LibreOffice with the extension, writes sheets, formulas, names and charts through the UNO API,
recalculates and stores the workbooks, named in their language.
Every generator takes the same command line (make_population.generator_arguments): DATA_DIR
(default <repo>/data), --oxt (default build/kuntaplan-functions.oxt, the extension without its
templates, which the build makes first), --lang (default en fi sv), --out-dir (default
build/templates) and --format ots|fods. The build (templates/CMakeLists.txt) runs it and ships the
.ots files; the generator is the template's only source in the repository.

service-costing: basic-education service products of Helsinki costed with COST.TDABC for 2020 and
projected to 2040 with COST.PROJECT from the pupils that POP.PROJECT gives on Statistics Finland's
data in the same workbook. impact: supported teaching against the public cost of exclusion over a
lifetime, with IMPACT.DISCOUNT/NPV/PAYBACK/BCR/SIMULATE and a chart of the Monte Carlo range.
Inputs that are examples are marked EXAMPLE in the sheets; sources are cited next to the others.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "calc"))

import uno  # noqa: E402
from com.sun.star.awt import Rectangle  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from com.sun.star.table import CellRangeAddress  # noqa: E402

import make_population as mp  # noqa: E402
from kpoffice import Office  # noqa: E402
from localise import localise  # noqa: E402

Book, col_name = mp.Book, mp.col_name
HEADER_FILL, INPUT_FILL, NOTE_GREY = mp.HEADER_FILL, mp.INPUT_FILL, mp.NOTE_GREY
EXAMPLE_FILL = 0xFCE4D6   # example inputs: orange, unlike the yellow of cited inputs
YEARS = mp.YEARS          # 2020..2040
STEPS = mp.STEPS          # 21


def note_rows(book: Book, sh, top: str, lines: list[str]) -> None:
    book.put(sh, top, [[line] for line in lines])
    start = sh.getCellRangeByName(top).CellAddress
    rng = sh.getCellRangeByPosition(start.Column, start.Row, start.Column, start.Row + len(lines) - 1)
    book.style(rng, italic=True, color=NOTE_GREY)


readme = mp.write_readme


def mark_inputs(book: Book, rng, example: bool) -> None:
    book.style(rng, fill=EXAMPLE_FILL if example else INPUT_FILL, bold=True)
    prot = rng.CellProtection
    prot.IsLocked = False
    rng.CellProtection = prot


def line_chart(sh, name: str, title: str, addresses: list, rect, rows: bool = True) -> object:
    """A line chart of the ranges: the first row and the first column of `addresses` taken
    together are the series names and the categories (years), so pass the label column and the
    data as separate ranges. The value axis shows thousands separators (#,##0), not 1000000000,
    in the user's notation: a format of the system locale (one bound to en-US showed 2,500,000 in
    a Finnish office)."""
    sh.Charts.addNewByName(name, rect, tuple(addresses), True, True)
    chart = sh.Charts.getByName(name).EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.LineDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource",
                                           "ROWS" if rows else "COLUMNS")
    chart.HasMainTitle = True
    chart.Title.String = title
    chart.HasLegend = True
    chart.Legend.Alignment = uno.Enum("com.sun.star.chart.ChartLegendPosition", "BOTTOM")
    formats = chart.getNumberFormats()
    system = Locale()
    key = formats.queryKey("#,##0", system, False)
    if key == -1:
        key = formats.addNew("#,##0", system)
    axis = chart.Diagram.YAxis
    axis.LinkNumberFormatToSource = False
    axis.NumberFormat = key
    return chart


def finish(office: Office, doc, out: Path, first_sheet: str, title: str, subject: str,
           report_sheets: tuple[str, ...], template: str, lang: str = "en") -> list:
    doc.enableAutomaticCalculation(True)
    doc.calculateAll()
    # The report sheets print one A4 landscape page wide (the data sheets keep the default).
    book = Book(office, doc)
    mp.page_style(book, "Kuntaplan report", landscape=True, pages_x=1, pages_y=0)
    for name in report_sheets:
        doc.Sheets.getByName(name).PageStyle = "Kuntaplan report"
    props = doc.DocumentProperties
    props.Title = title
    props.Subject = subject
    props.Author = "Kuntaplan"
    props.ModifiedBy = "Kuntaplan"
    doc.getCurrentController().setActiveSheet(doc.Sheets.getByName(first_sheet))
    missing = localise(doc, template, lang)
    if missing:
        office.close(doc)
        raise SystemExit(f"no translation in addin/l10n/templates/{template}.tsv for:\n" + "\n".join(missing))
    errors = office.error_cells(doc)
    mp.save(office, doc, out, "make_costing.py")
    return errors


# ====================================================================== service costing

RESOURCES = [
    # name, cost per FTE or unit a year (€), minutes per FTE a year, practical share
    ("Class and subject teachers", 62000, 96000, 0.85),
    ("Special-needs teachers", 64000, 96000, 0.85),
    ("School assistants", 36000, 96000, 0.85),
    ("Kitchen staff", 40000, 96000, 0.85),
    ("Transport contract (vehicles)", 55000, 45600, 0.90),
]
PRODUCTS = [
    # name, unit, minutes per unit from each resource (time equation), direct cost per unit (€)
    ("Teaching", "pupil-year", [6000, 0, 120, 0, 0], 300.0),
    ("Special support", "supported pupil-year", [0, 4000, 6000, 0, 0], 0.0),
    ("School meals", "meal", [0, 0, 0, 3, 0], 1.40),
    ("School transport", "transported pupil-year", [0, 0, 0, 0, 1900], 0.0),
]
SCHOOL_DAYS = 190            # working days of the Finnish school year (Basic Education Decree 852/1998)
PARTICIPATION = 0.90         # EXAMPLE: share of 7–15-year-olds in the city's own basic education
SUPPORT_SHARE = 0.12         # EXAMPLE
TRANSPORT_SHARE = 0.05       # EXAMPLE
INDEX_RATE = 0.025           # EXAMPLE
SLACK = 0.05                 # EXAMPLE staffing: about 5 % more practical capacity than 2020 needs

SERVICE_README = [
    ("Kuntaplan — what basic-education services cost, per pupil and to 2040 (Helsinki)", "title"),
    ("", None),
    ("What this workbook does", "head"),
    ("It describes basic education as four service products — teaching (per pupil-year), special "
     "support (per supported pupil-year), school meals (per meal) and school transport (per "
     "transported pupil-year) — and costs them with time-driven activity-based costing (COST.TDABC): "
     "each resource's cost per minute of practical capacity, the unit cost from the minutes a unit "
     "needs, and the capacity left unused. It then projects the cost of each product to 2040 "
     "(COST.PROJECT) from the pupils that the population projection (POP.PROJECT) gives for "
     "Helsinki.", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("Which inputs are examples", "head"),
    ("ORANGE cells are EXAMPLE values chosen to show the method: staffing, annual costs per person, "
     "minutes per unit (the time equations), direct costs, participation and support shares and the "
     "cost index. They are NOT Helsinki's figures: replace them with your own before using the "
     "results. YELLOW cells are inputs from a cited source (the school year of 190 days). The data "
     "sheets Base, Fertility, Mortality and Migration are real data (sources below).", None),
    ("", None),
    ("Sheets", "head"),
    ("Pupils — POP.PROJECT of Helsinki 2019–2040 in the age bands 0–6, 7–15 (basic education) and "
     "16+, and the pupils = 7–15-year-olds × participation.", None),
    ("Costing — resources (cost, practical capacity, cost per minute, unused capacity) and service "
     "products (time equations, volumes 2020, unit and total costs) with COST.TDABC; the checks "
     "(named range Check).", None),
    ("Projection — volumes 2020–2040 and COST.PROJECT of each product's cost with the cost index; "
     "a chart.", None),
    ("Base, Fertility, Mortality, Migration — the population data, as in the population template.",
     None),
    ("", None),
    ("Method", "head"),
    ("Kaplan, R. S. & Anderson, S. R. (2004): Time-Driven Activity-Based Costing. Harvard Business "
     "Review 82(11). Cost per minute = resource cost / practical capacity (about 80–85 % of the "
     "theoretical time, the rest being breaks, training and meetings); unit cost = Σ minutes per "
     "unit × cost per minute; unused capacity = practical capacity − minutes used. Costs projected "
     "as unit cost (2020 prices) × volume × cumulative cost index; they assume the resources are "
     "resized with demand (the unused capacity of 2020 is not carried on).", None),
    ("", None),
    ("Sources / Lähteet", "head"),
    ("Population and projection assumptions: Statistics Finland (Tilastokeskus), population "
     "projection 2019 and Helsinki population 31 Dec 2019, CC BY 4.0, via the City of Porvoo's open "
     "model github.com/Porvoon-kehitysyksikko/Vaestoennuste (MIT), commit d4523fb. Domestic "
     "migration is not included, so the pupils are not Helsinki's official forecast.", None),
    ("School year: 190 working days (Perusopetusasetus / Basic Education Decree 852/1998).", None),
]


def pop_args() -> str:
    last = col_name(2 * STEPS)  # AQ
    return (f"$Base.$B$2:$C$101;$Fertility.$B$2:$V$36/1000;$Mortality.$B$2:${last}$102/1000;"
            f"$Migration.$B$2:${last}$101;{STEPS}")


def build_pupils(book: Book) -> None:
    sh = book.sheet("Pupils", 5)
    years = [mp.BASE_YEAR] + YEARS
    last = col_name(2 + STEPS)  # X
    book.put(sh, "A1", [["Pupils in basic education, Helsinki 2019–2040"]])
    book.put(sh, "A3", [["Age band (31 Dec)", "From age"] + years])
    book.put(sh, "A4", [["0–6", 0], ["7–15 (basic education)", 7], ["16+", 16]])
    sh.getCellRangeByName(f"C4:{last}6").setArrayFormula(
        f'=POP.PROJECT({pop_args()};"total";"bands=0,7,16")')
    book.put(sh, "A8", [["Participation in the city's own basic education", PARTICIPATION, "EXAMPLE"]])
    book.put(sh, "A9", [["Pupils"]])
    for k in range(STEPS + 1):
        c = col_name(2 + k)
        sh.getCellRangeByName(f"{c}9").setFormula(f"={c}5*$B$8")
    book.name("Participation", "$Pupils.$B$8")
    note_rows(book, sh, "A11", [
        "Rows 4–6: one array formula POP.PROJECT(Base; Fertility/1000; Mortality/1000; Migration; 21; "
        "\"total\"; \"bands=0,7,16\") — ages on 31 Dec; pupils of a school year ≈ the 7–15-year-olds "
        "at the end of the calendar year.",
        "Source of the population data: Statistics Finland (Tilastokeskus), population projection 2019 "
        "assumptions and population 31 Dec 2019, CC BY 4.0 (see Read me). International migration "
        "only: not the official forecast.",
        "Participation (B8) is an EXAMPLE: the share of the age group in the city's own schools "
        "(the rest attend state, private or other municipalities' schools)."])
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName(f"A3:{last}3"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"C3:{last}3"), fmt="0")
    book.style(sh.getCellRangeByName(f"C4:{last}9"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"A9:{last}9"), bold=True)
    mark_inputs(book, sh.getCellRangeByName("B8"), example=True)
    book.style(sh.getCellRangeByName("B8"), fmt="0%")
    book.style(sh.getCellRangeByName("C8"), bold=True, color=0xC00000)
    # A: "Participation in the city's own basic education" (Swedish 95 mm); B: "From age" (Swedish
    # "Från ålder" in bold 21.3 mm)
    book.widths(sh, {0: 96, 1: 24, **{c: 20 for c in range(2, 3 + STEPS)}})


def build_costing(book: Book, pupils_2020: float) -> tuple[str, str]:
    sh = book.sheet("Costing", 6)
    r_count, p_count = len(RESOURCES), len(PRODUCTS)
    book.put(sh, "A1", [["Service products costed with time-driven ABC (COST.TDABC), year 2020"]])
    # Resources: rows 4..8
    book.put(sh, "A3", [["Resource", "Staff (FTE) or vehicles", "Cost per FTE a year (€)",
                         "Resource cost (€)", "Minutes per FTE a year", "Practical share",
                         "Practical capacity (min)", "Cost per minute (€)", "Unused minutes",
                         "Unused cost (€)"]])
    r0, r1 = 4, 3 + r_count
    # Staffing: EXAMPLE, enough for the 2020 volumes plus a small margin (see SLACK).
    volumes = product_volumes(pupils_2020)
    for i, (name, cost, minutes, share) in enumerate(RESOURCES):
        need = sum(PRODUCTS[p][2][i] * volumes[p] for p in range(p_count))
        fte = math.ceil(need * (1 + SLACK) / (minutes * share))
        row = r0 + i
        book.put(sh, f"A{row}", [[name, fte, cost, "", minutes, share]])
        sh.getCellRangeByName(f"D{row}").setFormula(f"=B{row}*C{row}")
        sh.getCellRangeByName(f"G{row}").setFormula(f"=B{row}*E{row}*F{row}")
    book.put(sh, f"A{r1 + 1}", [["Total"]])
    for c in ("B", "D", "G"):
        sh.getCellRangeByName(f"{c}{r1 + 1}").setFormula(f"=SUM({c}{r0}:{c}{r1})")

    # Products: rows 12..15; minutes in C..G (one column per resource)
    p_head = 11
    res_cols = [col_name(2 + i) for i in range(r_count)]          # C..G
    book.put(sh, f"A{p_head}", [["Service product", "Unit"] + [f"Minutes per unit: {r[0]}" for r in RESOURCES]
                                + ["Volume 2020", "TDABC unit cost (€)", "Direct cost per unit (€)",
                                   "Unit cost (€)", "Total cost 2020 (€)"]])
    p0, p1 = p_head + 1, p_head + p_count
    vol_col = col_name(2 + r_count)         # H
    tdabc_col = col_name(3 + r_count)       # I
    direct_col = col_name(4 + r_count)      # J
    unit_col = col_name(5 + r_count)        # K
    total_col = col_name(6 + r_count)       # L
    for p, (name, unit, minutes, direct) in enumerate(PRODUCTS):
        book.put(sh, f"A{p0 + p}", [[name, unit] + minutes])
        sh.getCellRangeByName(f"{direct_col}{p0 + p}").Value = direct
    # Volumes 2020 from the pupils and the drivers below
    drivers_row = p1 + 4
    book.put(sh, f"A{drivers_row - 1}", [["Volume drivers", "Value", "", "Source"]])
    book.put(sh, f"A{drivers_row}", [
        ["Pupils 2020 (Pupils sheet)", "", "", "POP.PROJECT × participation"],
        ["Share of pupils with special support", SUPPORT_SHARE, "EXAMPLE", "example value"],
        ["School meals per pupil-year (school days)", SCHOOL_DAYS, "", "Basic Education Decree 852/1998: 190 days"],
        ["Share of pupils transported", TRANSPORT_SHARE, "EXAMPLE", "example value"]])
    sh.getCellRangeByName(f"B{drivers_row}").setFormula("=$Pupils.D9")
    d = drivers_row
    formulas = [f"=B{d}", f"=B{d}*B{d + 1}", f"=B{d}*B{d + 2}", f"=B{d}*B{d + 3}"]
    for p, f in enumerate(formulas):
        sh.getCellRangeByName(f"{vol_col}{p0 + p}").setFormula(f)
    cost_rng, cap_rng = f"D{r0}:D{r1}", f"G{r0}:G{r1}"
    min_rng, vol_rng = f"C{p0}:{res_cols[-1]}{p1}", f"{vol_col}{p0}:{vol_col}{p1}"
    args = f"{cost_rng};{cap_rng};{min_rng};{vol_rng}"
    sh.getCellRangeByName(f"H{r0}:H{r1}").setArrayFormula(f'=COST.TDABC({args};"rates")')
    sh.getCellRangeByName(f"I{r0}:J{r1}").setArrayFormula(f'=COST.TDABC({args};"unused")')
    sh.getCellRangeByName(f"{tdabc_col}{p0}:{tdabc_col}{p1}").setArrayFormula(f"=COST.TDABC({args})")
    for p in range(p_count):
        row = p0 + p
        sh.getCellRangeByName(f"{unit_col}{row}").setFormula(f"={tdabc_col}{row}+{direct_col}{row}")
        sh.getCellRangeByName(f"{total_col}{row}").setFormula(f"={unit_col}{row}*{vol_col}{row}")
    book.put(sh, f"A{p1 + 1}", [["Total"]])
    sh.getCellRangeByName(f"{total_col}{p1 + 1}").setFormula(f"=SUM({total_col}{p0}:{total_col}{p1})")
    for c in ("I", "J"):
        sh.getCellRangeByName(f"{c}{r1 + 1}").setFormula(f"=SUM({c}{r0}:{c}{r1})")
    book.name("UnitCosts", f"$Costing.${unit_col}${p0}:${unit_col}${p1}")

    # Checks
    ck = d + 6
    book.put(sh, f"A{ck}", [["Consistency checks"]])
    book.put(sh, f"A{ck + 1}", [
        ["Resource cost = cost assigned to the products + cost of unused capacity"],
        ["Each TDABC unit cost = Σ minutes × cost per minute"],
        ["Cost per minute = resource cost / practical capacity"],
        ["Pupils band 7–15 in 2019 = the 7–15-year-olds on Base"],
        ["Projection 2020 = unit cost × volume 2020 (Projection sheet)"],
        ["All checks (named range Check)"]])
    tdabc_total = f'SUM(COST.TDABC({args};"total"))'
    sh.getCellRangeByName(f"C{ck + 1}").setFormula(
        f"=ABS(D{r1 + 1}-({tdabc_total}+J{r1 + 1}))<=1E-009*D{r1 + 1}")
    sh.getCellRangeByName(f"C{ck + 2}").setFormula(
        f"=SUMPRODUCT(ABS(MMULT({min_rng};H{r0}:H{r1})-{tdabc_col}{p0}:{tdabc_col}{p1}))"
        f"<=1E-009*SUM({tdabc_col}{p0}:{tdabc_col}{p1})")
    sh.getCellRangeByName(f"C{ck + 3}").setFormula(
        f"=SUMPRODUCT(ABS(H{r0}:H{r1}*G{r0}:G{r1}-D{r0}:D{r1}))<=1E-009*D{r1 + 1}")
    sh.getCellRangeByName(f"C{ck + 4}").setFormula("=ABS($Pupils.C5-SUM($Base.B9:C17))<0.5")
    # Refers to the Projection sheet: written once that sheet exists (see build_service_costing).
    projection_check = (f"C{ck + 5}",
                        f"=SUMPRODUCT(ABS($Projection.B12:B15-{unit_col}{p0}:{unit_col}{p1}*{vol_rng}))"
                        f"<=1E-009*{total_col}{p1 + 1}")
    sh.getCellRangeByName(f"C{ck + 6}").setFormula(f"=AND(C{ck + 1}:C{ck + 5})")
    book.name("Check", f"$Costing.$C${ck + 6}")

    note_rows(book, sh, f"A{ck + 8}", [
        "ORANGE = EXAMPLE inputs (staffing, costs per FTE, minutes per FTE, practical shares, minutes per "
        "unit, direct costs, shares): not Helsinki's figures. YELLOW = cited input. White = computed.",
        "Staffing in the example is set a little above what the 2020 volumes need, so that the unused "
        "capacity is visible; negative unused minutes would mean demand above practical capacity.",
        "Direct costs are bought per unit (food per meal, learning materials per pupil-year) and added "
        "to the TDABC unit cost, which covers the staff time.",
        "Method: Kaplan & Anderson (2004), Harvard Business Review 82(11): cost per minute = resource "
        "cost / practical capacity; unit cost = Σ minutes × cost per minute."])

    # formats
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName("A3:J3"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"A{p_head}:{total_col}{p_head}"), bold=True, fill=HEADER_FILL,
               wrap=True)
    book.style(sh.getCellRangeByName(f"A{d - 1}:D{d - 1}"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A{ck}"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A{ck + 1}:A{ck + 6}"), wrap=True)  # Finnish: up to 175 mm
    book.style(sh.getCellRangeByName(f"A{ck + 6}:C{ck + 6}"), bold=True)
    for rng in (f"B{r0}:C{r1}", f"E{r0}:F{r1}", f"C{p0}:{res_cols[-1]}{p1}",
                f"{direct_col}{p0}:{direct_col}{p1}", f"B{d + 1}", f"B{d + 3}"):
        mark_inputs(book, sh.getCellRangeByName(rng), example=True)
    mark_inputs(book, sh.getCellRangeByName(f"B{d + 2}"), example=False)
    book.style(sh.getCellRangeByName(f"C{d}:C{d + 3}"), bold=True, color=0xC00000)
    book.style(sh.getCellRangeByName(f"B{r0}:B{r1 + 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C{r0}:E{r1 + 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"F{r0}:F{r1}"), fmt="0%")
    book.style(sh.getCellRangeByName(f"G{r0}:G{r1 + 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"H{r0}:H{r1}"), fmt="0.0000")
    book.style(sh.getCellRangeByName(f"I{r0}:J{r1 + 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C{p0}:{res_cols[-1]}{p1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"{vol_col}{p0}:{vol_col}{p1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"{tdabc_col}{p0}:{unit_col}{p1}"), fmt="#,##0.00")
    book.style(sh.getCellRangeByName(f"{total_col}{p0}:{total_col}{p1 + 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B{d}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B{d + 1}"), fmt="0%")
    book.style(sh.getCellRangeByName(f"B{d + 3}"), fmt="0%")
    book.style(sh.getCellRangeByName(f"A{r1 + 1}:{total_col}{r1 + 1}"), bold=True)
    book.style(sh.getCellRangeByName(f"A{p1 + 1}:{total_col}{p1 + 1}"), bold=True)
    # B: the units ("transported pupil-year", Finnish 41.5 mm); C..G: the resources' names in the
    # wrapped titles, Finnish "Koulunkäyntiavustajat" in bold 45.3 mm; H..L: the wrapped titles'
    # longest words, Finnish "Kokonaiskustannus" in bold, need 40 mm
    book.widths(sh, {0: 95, 1: 42, **{c: 47 for c in range(2, 7)}, **{c: 41 for c in range(7, 12)}})
    return projection_check


def product_volumes(pupils: float) -> list[float]:
    return [pupils, pupils * SUPPORT_SHARE, pupils * SCHOOL_DAYS, pupils * TRANSPORT_SHARE]


def build_service_projection(book: Book) -> None:
    sh = book.sheet("Projection", 7)
    last = col_name(STEPS)  # V: B..V = 2020..2040
    book.put(sh, "A1", [["Cost of the service products 2020–2040 (COST.PROJECT)"]])
    book.put(sh, "A3", [["Annual change of the cost index", INDEX_RATE, "EXAMPLE"]])
    book.put(sh, "A4", [["Volume"] + YEARS])
    book.put(sh, "A5", [[p[0] + " (" + p[1] + "s)"] for p in PRODUCTS])
    drv = 19  # the driver rows on Costing (B19 pupils, B20 support share, B21 meals, B22 transport)
    for k in range(STEPS):
        c = col_name(1 + k)
        pc = col_name(3 + k)  # Pupils sheet: D = 2020
        sh.getCellRangeByName(f"{c}5").setFormula(f"=$Pupils.{pc}9")
        sh.getCellRangeByName(f"{c}6").setFormula(f"={c}5*$Costing.$B${drv + 1}")
        sh.getCellRangeByName(f"{c}7").setFormula(f"={c}5*$Costing.$B${drv + 2}")
        sh.getCellRangeByName(f"{c}8").setFormula(f"={c}5*$Costing.$B${drv + 3}")
    book.put(sh, "A11", [["Cost (€, with the index)"] + YEARS])
    book.put(sh, "A12", [[p[0]] for p in PRODUCTS] + [["Total"], ["Cost per pupil"]])
    sh.getCellRangeByName(f"B12:{last}15").setArrayFormula(f"=COST.PROJECT(UnitCosts;B5:{last}8;$B$3)")
    for k in range(STEPS):
        c = col_name(1 + k)
        sh.getCellRangeByName(f"{c}16").setFormula(f"=SUM({c}12:{c}15)")
        sh.getCellRangeByName(f"{c}17").setFormula(f"={c}16/{c}5")
    note_rows(book, sh, "A19", [
        "Unit costs from the Costing sheet (2020 prices) × volumes × cumulative cost index: the index of "
        "2021 is 1 + B3, of 2022 (1 + B3)², … A row of rates (one under each year) may replace B3 in "
        "the formula.",
        "The cost index (B3) is an EXAMPLE; Statistics Finland's price index of basic public services "
        "(peruspalvelujen hintaindeksi) is the usual source for municipalities.",
        "Volumes: pupils from the Pupils sheet × the drivers on the Costing sheet."])
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    mark_inputs(book, sh.getCellRangeByName("B3"), example=True)
    book.style(sh.getCellRangeByName("B3"), fmt="0.0%")
    book.style(sh.getCellRangeByName("C3"), bold=True, color=0xC00000)
    for row in (4, 11):
        book.style(sh.getCellRangeByName(f"A{row}:{last}{row}"), bold=True, fill=HEADER_FILL)
        book.style(sh.getCellRangeByName(f"B{row}:{last}{row}"), fmt="0")
    book.style(sh.getCellRangeByName(f"B5:{last}8"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B12:{last}16"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B17:{last}17"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"A16:{last}16"), bold=True)
    book.widths(sh, {0: 78, **{c: 28 for c in range(1, 1 + STEPS)}})  # "School transport (…)": 75 mm
    s = sh.RangeAddress.Sheet
    line_chart(sh, "CostProjection", "Cost of the service products 2020–2040 (€)",
               [CellRangeAddress(s, 0, 10, STEPS, 14)],
               Rectangle(1000, sh.getCellByPosition(0, 23).Position.Y, 26000, 12000))


def build_service_costing(office: Office, data: dict, out: Path, lang: str = "en") -> list:
    doc = office.new_calc(hidden=False)
    doc.enableAutomaticCalculation(False)
    book = Book(office, doc)
    doc.lockControllers()
    readme(book, SERVICE_README)
    mp.build_base(book, data)
    mp.build_fertility(book, data)
    mp.build_mortality(book, data)
    mp.build_migration(book, data)
    build_pupils(book)
    doc.calculateAll()
    pupils_2020 = doc.Sheets.getByName("Pupils").getCellRangeByName("D9").Value
    cell, formula = build_costing(book, pupils_2020)
    build_service_projection(book)
    doc.Sheets.getByName("Costing").getCellRangeByName(cell).setFormula(formula)
    doc.unlockControllers()
    for i, name in enumerate(("Read me", "Pupils", "Costing", "Projection")):
        doc.Sheets.moveByName(name, i)
    return finish(office, doc, out, "Read me", "Kuntaplan: service costing of basic education (Helsinki)",
                  "Time-driven activity-based costing and cost projection with Kuntaplan COST functions",
                  ("Read me", "Pupils", "Costing", "Projection"), "service-costing", lang)


# ====================================================================== impact

IMPACT_README = [
    ("Kuntaplan — does supported teaching pay for itself? Costs now, savings over a lifetime", "title"),
    ("", None),
    ("What this workbook does", "head"),
    ("It compares the cost of supported teaching for a group of pupils at risk of being left with "
     "only basic education (and of social exclusion) with the public cost it can prevent over their "
     "lifetime. Both streams are discounted with a chosen schedule (by default HM Treasury's Green "
     "Book declining rates); the workbook shows the present values, the net present value, the "
     "benefit-cost ratio, the payback year and, from a Monte Carlo simulation, the range of the net "
     "present value and the probability that it is positive (IMPACT.DISCOUNT, IMPACT.NPV, "
     "IMPACT.PAYBACK, IMPACT.BCR, IMPACT.SIMULATE).", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("Which inputs are examples", "head"),
    ("ORANGE cells on the Inputs sheet are EXAMPLE values chosen to show the method (group size, cost "
     "and length of the support, its effect, the timing of the savings and the uncertainty): replace "
     "them with your own programme's figures. The cost of exclusion per person (YELLOW) comes from "
     "the published estimates cited below; pick the one that fits your question.", None),
    ("", None),
    ("Published estimates of the cost of exclusion (as cited in the Kuntaplan issue)", "head"),
    ("Sitra / THL cohort estimate: a young person with only basic education costs the public sector "
     "roughly €230,000–370,000 more over a lifetime than one with a further qualification. The "
     "example uses the middle, €300,000, and shows the NPV at both ends.", None),
    ("National Audit Office of Finland (Valtiontalouden tarkastusvirasto), 2007: about €1 million per "
     "excluded person over about 40 years — a cost of full exclusion, larger than the cost of "
     "having only basic education.", None),
    ("", None),
    ("Discounting", "head"),
    ("HM Treasury (2003, 2022): The Green Book, Annex 6 / A6 — 3.5 % for years 0–30, 3.0 % for 31–75, "
     "2.5 % for 76–125, 2.0 % for 126–200, 1.5 % for 201–300, 1.0 % after; stepped compound factors "
     "(year 31 is the first discounted at 3.0 % for its last year). Type a rate (e.g. 0.03) instead of "
     "greenbook for a flat rate.", None),
    ("Monte Carlo: each trial multiplies all costs by one lognormal factor and all savings by "
     "another (mean 1, relative standard deviation as given), i.e. the uncertainty is in the level of "
     "each estimate; the seed makes the result the same on every computer.", None),
]


def build_impact_inputs(book: Book) -> None:
    sh = book.sheet("Inputs", 1)
    book.put(sh, "A1", [["Inputs: supported teaching and the cost of exclusion"]])
    book.put(sh, "A3", [["Input", "Value", "", "Meaning / source"]])
    rows = [
        ("Pupils in the supported group", 100, "EXAMPLE", "Pupils receiving supported teaching (one cohort)."),
        ("Extra cost of support per pupil a year (€)", 5000, "EXAMPLE",
         "Extra teaching and assistant time per supported pupil, e.g. from COST.TDABC."),
        ("Years of support", 3, "EXAMPLE", "Years 0 .. (this − 1)."),
        ("Pupils kept from exclusion (share of the group)", 0.15, "EXAMPLE",
         "The effect: the share of the group that would otherwise have only basic education."),
        ("Public cost of exclusion per person, lifetime (€)", 300000, "CITED",
         "Sitra/THL estimate €230,000–370,000 (middle); NAO 2007: about €1,000,000 over about 40 years."),
        ("First year of savings", 4, "EXAMPLE", "Savings start when the group has left school (year 4 = age ~17)."),
        ("Years of savings", 40, "EXAMPLE", "Spread evenly over a working life (NAO 2007: about 40 years)."),
        ("Discount schedule", "greenbook", "CHOICE",
         "greenbook (HM Treasury Green Book declining rates) or a flat rate such as 0.03."),
        ("Uncertainty of the costs (relative sd)", 0.10, "EXAMPLE", "0.10 = the cost level ±10 % (1 sd)."),
        ("Uncertainty of the savings (relative sd)", 0.50, "EXAMPLE",
         "0.50: the effect and the cost of exclusion are both uncertain."),
        ("Monte Carlo trials", 20000, "", "More trials give steadier quantiles; 20,000 take a few ms."),
        ("Seed", 2024, "", "The same seed gives the same result on every computer."),
        ("Lower estimate of the cost of exclusion (€)", 230000, "CITED", "Sitra/THL, lower end."),
        ("Upper estimate of the cost of exclusion (€)", 370000, "CITED", "Sitra/THL, upper end."),
        ("NAO 2007 estimate of the cost of exclusion (€)", 1000000, "CITED",
         "National Audit Office of Finland 2007: about €1 million over about 40 years."),
    ]
    book.put(sh, "A4", [list(r) for r in rows])
    names = ["GroupSize", "SupportCost", "SupportYears", "Effect", "ExclusionCost", "SavingsStart",
             "SavingsYears", "Schedule", "CostSpread", "BenefitSpread", "Trials", "Seed",
             "ExclusionLow", "ExclusionHigh", "ExclusionNAO"]
    for i, name in enumerate(names):
        book.name(name, f"$Inputs.$B${4 + i}")
    for i, r in enumerate(rows):
        cell = sh.getCellRangeByName(f"B{4 + i}")
        mark_inputs(book, cell, example=r[2] == "EXAMPLE")
    fmts = {4: "#,##0", 5: "#,##0", 6: "0", 7: "0%", 8: "#,##0", 9: "0", 10: "0", 12: "0%", 13: "0%",
            14: "#,##0", 15: "0", 16: "#,##0", 17: "#,##0", 18: "#,##0"}
    for row, f in fmts.items():
        book.style(sh.getCellRangeByName(f"B{row}"), fmt=f)
    book.style(sh.getCellRangeByName("C4:C18"), bold=True, color=0xC00000)
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName("A3:D3"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A4:A18"), wrap=True)  # Swedish: up to 134 mm
    note_rows(book, sh, "A20", [
        "ORANGE = EXAMPLE input; YELLOW = from a cited estimate (see Read me); the schedule is a choice.",
        "Sources of the cost of exclusion, as cited in the Kuntaplan issue: Sitra/THL cohort estimate "
        "(€230,000–370,000 more over a lifetime for a young person with only basic education); "
        "National Audit Office of Finland 2007 (about €1 million per excluded person over about 40 "
        "years)."])
    book.widths(sh, {0: 110, 1: 30, 2: 24, 3: 200})  # C: Finnish "ESIMERKKI" in bold, 22.9 mm


YEARS_IMPACT = 50


def build_impact_flows(book: Book) -> None:
    sh = book.sheet("Flows", 2)
    n = YEARS_IMPACT
    last = n + 1  # rows 2..51
    book.put(sh, "A1", [["Year", "Costs (€)", "Savings (€)", "Net (€)", "Discount factor",
                         "Discounted costs", "Discounted savings", "Cumulative discounted costs",
                         "Cumulative discounted savings"]])
    book.put(sh, "A2", [[t] for t in range(n)])
    for t in range(n):
        r = t + 2
        sh.getCellRangeByName(f"B{r}").setFormula(f"=IF(A{r}<SupportYears;GroupSize*SupportCost;0)")
        sh.getCellRangeByName(f"C{r}").setFormula(
            f"=IF(AND(A{r}>=SavingsStart;A{r}<SavingsStart+SavingsYears);"
            f"GroupSize*Effect*ExclusionCost/SavingsYears;0)")
        sh.getCellRangeByName(f"D{r}").setFormula(f"=C{r}-B{r}")
        sh.getCellRangeByName(f"F{r}").setFormula(f"=B{r}*E{r}")
        sh.getCellRangeByName(f"G{r}").setFormula(f"=C{r}*E{r}")
        sh.getCellRangeByName(f"H{r}").setFormula(f"=SUM(F$2:F{r})")
        sh.getCellRangeByName(f"I{r}").setFormula(f"=SUM(G$2:G{r})")
    sh.getCellRangeByName(f"E2:E{last}").setArrayFormula(f"=TRANSPOSE(IMPACT.DISCOUNT({n};Schedule))")
    book.name("Costs", f"$Flows.$B$2:$B${last}")
    book.name("Savings", f"$Flows.$C$2:$C${last}")
    book.name("NetFlows", f"$Flows.$D$2:$D${last}")
    book.style(sh.getCellRangeByName("A1:I1"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"B2:D{last}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"E2:E{last}"), fmt="0.0000")
    book.style(sh.getCellRangeByName(f"F2:I{last}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"A2:A{last}"), halign="LEFT")
    # the wrapped titles' longest words: Swedish "Diskonteringsfaktor" (E) 40.6 mm, Finnish
    # "kumulatiivisesti" (H, I) 32.4 mm, in bold
    book.widths(sh, {0: 14, **{c: 32 for c in range(1, 9)}, 4: 42, 7: 34, 8: 34})
    book.freeze(sh, 1, 1)
    s = sh.RangeAddress.Sheet
    line_chart(sh, "Cumulative", "Cumulative discounted costs and savings (€)",
               [CellRangeAddress(s, 0, 0, 0, last - 1), CellRangeAddress(s, 7, 0, 8, last - 1)],
               Rectangle(sh.getCellByPosition(10, 0).Position.X, 500, 22000, 11000), rows=False)


QUANTILES = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]


def build_impact_results(book: Book) -> None:
    sh = book.sheet("Results", 3)
    book.put(sh, "A1", [["Results: supported teaching against the cost of exclusion"]])
    book.put(sh, "A3", [["Measure", "Value", "Formula"]])
    rows = [
        ("Present value of the costs (€)", "=IMPACT.NPV(Costs;Schedule)"),
        ("Present value of the savings (€)", "=IMPACT.NPV(Savings;Schedule)"),
        ("Net present value (€)", "=IMPACT.NPV(NetFlows;Schedule)"),
        ("Benefit-cost ratio", "=IMPACT.BCR(Costs;Savings;Schedule)"),
        ("Payback year (year 0 = first year of support)", '=IFNA(IMPACT.PAYBACK(Costs;Savings;Schedule);"never")'),
        ("NPV with the lower Sitra/THL estimate (€)",
         "=IMPACT.NPV(Savings*ExclusionLow/ExclusionCost-Costs;Schedule)"),
        ("NPV with the upper Sitra/THL estimate (€)",
         "=IMPACT.NPV(Savings*ExclusionHigh/ExclusionCost-Costs;Schedule)"),
        ("NPV with the NAO 2007 estimate (€)",
         "=IMPACT.NPV(Savings*ExclusionNAO/ExclusionCost-Costs;Schedule)"),
        ("Break-even effect (share kept from exclusion for NPV = 0)",
         "=Effect*IMPACT.NPV(Costs;Schedule)/IMPACT.NPV(Savings;Schedule)"),
    ]
    for i, (label, formula) in enumerate(rows):
        r = 4 + i
        sh.getCellRangeByName(f"A{r}").String = label
        cell = sh.getCellRangeByName(f"B{r}")
        if "Savings*" in formula:
            cell.setArrayFormula(formula)   # an expression over ranges: array evaluation
        else:
            cell.setFormula(formula)
        sh.getCellRangeByName(f"C{r}").String = formula
    book.name("NPV", "$Results.$B$6")

    q0 = 15
    book.put(sh, f"A{q0 - 1}", [["Monte Carlo (IMPACT.SIMULATE)", "Percentile", "NPV (€)"]])
    book.put(sh, f"A{q0}", [[f"{round(q * 100)} % of the trials give a lower NPV", q] for q in QUANTILES]
             + [["Probability that the NPV is positive"]])
    k = len(QUANTILES)
    sh.getCellRangeByName(f"C{q0}:C{q0 + k}").setArrayFormula(
        f"=IMPACT.SIMULATE(Costs;Savings;CHOOSE({{1;2}};CostSpread;BenefitSpread);Schedule;Trials;Seed;"
        f"B{q0}:B{q0 + k - 1})")
    # Check helpers: the same simulation with no uncertainty must give the NPV.
    ck = q0 + k + 3
    book.put(sh, f"A{ck}", [["Consistency checks"]])
    book.put(sh, f"A{ck + 1}", [
        ["NPV = PV(savings) − PV(costs)"],
        ["NPV = Σ net flow × discount factor (Flows sheet)"],
        ["BCR = PV(savings) / PV(costs)"],
        ["Monte Carlo without uncertainty = NPV"],
        ["Quantiles increase; probability in 0..1"],
        ["Payback: cumulative savings reach the costs that year and not the year before"],
        ["All checks (named range Check)"]])
    sh.getCellRangeByName(f"B{ck + 1}").setFormula("=ABS(B6-(B5-B4))<=1E-009*MAX(B4;B5)")
    sh.getCellRangeByName(f"B{ck + 2}").setFormula(
        "=ABS(B6-SUMPRODUCT($Flows.D2:D51;$Flows.E2:E51))<=1E-009*MAX(B4;B5)")
    sh.getCellRangeByName(f"B{ck + 3}").setFormula("=ABS(B7-B5/B4)<=1E-012*B7")
    sh.getCellRangeByName(f"B{ck + 4}").setFormula(
        "=ABS(INDEX(IMPACT.SIMULATE(Costs;Savings;0;Schedule;10;1);2;1)-B6)<=1E-009*MAX(B4;B5)")
    sh.getCellRangeByName(f"B{ck + 5}").setFormula(
        f"=AND(SUMPRODUCT((C{q0 + 1}:C{q0 + k - 1}<C{q0}:C{q0 + k - 2})*1)=0;C{q0 + k}>=0;C{q0 + k}<=1)")
    sh.getCellRangeByName(f"B{ck + 6}").setFormula(
        '=IF(ISNUMBER(B8);AND(INDEX($Flows.I2:I51;B8+1)>=INDEX($Flows.H2:H51;B8+1);'
        'OR(B8=0;INDEX($Flows.I2:I51;MAX(B8;1))<INDEX($Flows.H2:H51;MAX(B8;1))));'
        '$Flows.I51<$Flows.H51)')
    sh.getCellRangeByName(f"B{ck + 7}").setFormula(f"=AND(B{ck + 1}:B{ck + 6})")
    book.name("Check", f"$Results.$B${ck + 7}")

    note_rows(book, sh, f"A{ck + 9}", [
        "Inputs on the Inputs sheet (ORANGE = EXAMPLE). The cost of exclusion: Sitra/THL estimate "
        "€230,000–370,000 per young person with only basic education over a lifetime; National Audit "
        "Office of Finland 2007: about €1 million per excluded person over about 40 years (as cited in "
        "the Kuntaplan issue).",
        "Discounting: HM Treasury Green Book declining schedule (3.5 % years 0–30, 3.0 % 31–75, …) "
        "unless a flat rate is chosen. Monte Carlo: one lognormal factor per stream and trial "
        "(mean 1, the given relative sd); seeded."])
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName("A3:C3"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A{q0 - 1}:C{q0 - 1}"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A{ck}"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A{ck + 7}:B{ck + 7}"), bold=True)
    # the measures' and the checks' labels wrap: Finnish up to 183 mm
    book.style(sh.getCellRangeByName("A4:A12"), wrap=True)
    book.style(sh.getCellRangeByName(f"A{ck + 1}:A{ck + 7}"), wrap=True)
    book.style(sh.getCellRangeByName("B4:B6"), fmt="#,##0", bold=True)
    book.style(sh.getCellRangeByName("B7"), fmt="0.00", bold=True)
    book.style(sh.getCellRangeByName("B8"), fmt="0", bold=True)
    book.style(sh.getCellRangeByName("B9:B11"), fmt="#,##0")
    book.style(sh.getCellRangeByName("B12"), fmt="0.0%")
    book.style(sh.getCellRangeByName(f"C{q0}:C{q0 + k - 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B{q0}:B{q0 + k - 1}"), fmt="0%")
    book.style(sh.getCellRangeByName(f"C{q0 + k}"), fmt="0.0%", bold=True)
    book.style(sh.getCellRangeByName("C4:C12"), color=NOTE_GREY)
    book.widths(sh, {0: 120, 1: 35, 2: 140})
    s = sh.RangeAddress.Sheet
    rect = Rectangle(1000, sh.getCellByPosition(0, ck + 12).Position.Y, 22000, 11000)
    sh.Charts.addNewByName("MonteCarlo", rect, (CellRangeAddress(s, 1, q0 - 2, 2, q0 + k - 2),), True, True)
    chart = sh.Charts.getByName("MonteCarlo").EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.BarDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "COLUMNS")
    chart.HasMainTitle = True
    chart.Title.String = "Range of the net present value (€) by percentile of the Monte Carlo trials"
    chart.HasLegend = False


def build_impact(office: Office, out: Path, lang: str = "en") -> list:
    doc = office.new_calc(hidden=False)
    doc.enableAutomaticCalculation(False)
    book = Book(office, doc)
    doc.lockControllers()
    readme(book, IMPACT_README)
    build_impact_inputs(book)
    build_impact_flows(book)
    build_impact_results(book)
    doc.unlockControllers()
    doc.calculateAll()
    return finish(office, doc, out, "Read me", "Kuntaplan: impact of supported teaching over a lifetime",
                  "Discounting, NPV, payback, BCR and Monte Carlo with Kuntaplan IMPACT functions",
                  ("Read me", "Inputs", "Flows", "Results"), "impact", lang)


def main(argv: list[str] | None = None) -> int:
    def templates(args):
        data = mp.load_data(Path(args.data))
        return [("service-costing", lambda office, out, lang: build_service_costing(office, data, out, lang)),
                ("impact", build_impact)]
    return mp.run_generator(__doc__, argv, templates)


if __name__ == "__main__":
    sys.exit(main())
