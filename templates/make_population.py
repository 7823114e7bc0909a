#!/usr/bin/python3
"""Builds the population template workbook (population.ots, väestöennuste.ots, befolkningsprognos.ots).

    /usr/bin/python3 templates/make_population.py [DATA_DIR] [--oxt build/kuntaplan-functions.oxt]
        [--lang en fi sv] [--out-dir build/templates] [--format ots|fods]

The script starts a private headless LibreOffice with the Kuntaplan extension
(tests/calc/kpoffice.py), writes the sheets, formulas, names and charts through the UNO API,
recalculates, and stores the workbook. For fi and sv the sheet texts are Finnish or Swedish
(templates/localise.py) and the file is named in that language.

Every generator takes the same command line (make_population.generator_arguments): DATA_DIR
(default <repo>/data), --oxt (default build/kuntaplan-functions.oxt, the extension without its
templates, which the build makes first), --lang (default en fi sv), --out-dir (default
build/templates) and --format ots|fods. The build (templates/CMakeLists.txt) runs it and ships the
.ots files; the generator is the template's only source in the repository.
With --format fods the output is reproducible flat XML: the same data and office give the same
file (the document metadata that carries dates and times is fixed; see normalise()), so two
generations can be diffed.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "calc"))

import uno  # noqa: E402
from com.sun.star.awt import Rectangle  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from com.sun.star.table import CellAddress, CellRangeAddress  # noqa: E402

from kpoffice import Office, column_name as col_name  # noqa: E402
from localise import LANGUAGES, localise, output_name  # noqa: E402

BASE_YEAR = 2019
YEARS = list(range(2020, 2041))          # projection years (rates given for each)
STEPS = len(YEARS)                       # 21
AGES = 100                               # 0..99, 99 = 99 and over
HELSINKI = "2"                           # area_code of Helsinki in the regional files
BANDS = [(0, "0"), (1, "1–2"), (3, "3–6"), (7, "7–12"), (13, "13–15"), (16, "16–18"),
         (19, "19–64"), (65, "65–74"), (75, "75–84"), (85, "85+")]
FLAT_XML = "OpenDocument Spreadsheet Flat XML"

# Colours (RGB ints)
INPUT_FILL = 0xFFF2CC
HEADER_FILL = 0xDDE6F0
NOTE_GREY = 0x595959

# Printing (lengths in mm). A4; the report sheets are Read me, Summary and Pyramid.
A4 = (210, 297)
MARGIN_MM = 12
README_WIDTH_MM = 180                    # A4 portrait minus the margins
SUMMARY_YEAR_COL_MM = 18                 # Summary columns B..X (bold 653,835 must fit)
AGE_COLUMN_MM = 26                       # the migration sheets: ages, "Flow", "Total" in fi/sv too
SUMMARY_CHART_ROW = 43                   # 0-based row where the Summary charts start (page 2)
COMPONENTS_CHART_ROW = 33                # 0-based row where the Components charts start (page 2)
PYRAMID_CHART_COL = 6                    # Pyramid chart starts at column G (helpers in A:E)
# Charts, 1/100 mm: each seen whole on a 1366 × 768 screen at 100 % (at most 27 × 13.5 cm, see
# tests/calc/display.py, less the rows frozen above them); they were 24.5 × 30 cm and 18 × 24.5
# cm, a page each when printed.
CHART_SIZE = (24500, 12000)              # Components and Summary: two side by side
PYRAMID_CHART_MM = (200, 120)            # width, height: inside an A4 landscape page


# The six gross migration flows of the Helsinki-region model (data/README.md), by origin: the
# origin's title on the Migration sheet, the data's in- and out-flow keys, and the named Scenario
# inputs (percent of the assumption) that scale them.
ORIGINS = [
    ("Within the Helsinki region", "in_within_region", "out_within_region",
     "RegionInMultiplier", "RegionOutMultiplier"),
    ("With the rest of Finland", "in_rest_of_finland", "out_rest_of_finland",
     "FinlandInMultiplier", "FinlandOutMultiplier"),
    ("With other countries", "immigration", "emigration",
     "ImmigrationMultiplier", "EmigrationMultiplier"),
]
GROUP = 4 * STEPS                        # columns of an origin's block: in m, in f, out m, out f a year
MIGRATION_FIRST_ROW = 3                  # Migration: row of age 0 (rows 1-2: origin, column titles)
MIGRATION_TOTAL_ROW = MIGRATION_FIRST_ROW + AGES   # 103
SRB = 0.51 / 0.49                        # the region model: 51 % of the births are boys
# POP.PROJECT's options for the Helsinki-region model's conventions (data/README.md; the unit test
# tests/unit/test_migration.cpp shows that they reproduce its step); srb is added from the Scenario.
REGION_OPTIONS = "migration=gross;out=counts;births=start;migration_timing=end;srb="


def age_label(age: int) -> object:
    return f"{age}+" if age == AGES - 1 else age




# ------------------------------------------------------------------------------- the data

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_data(data: Path) -> dict:
    base = {(r["sex"], int(r["age"])): float(r["pop"])
            for r in read_csv(data / "fi_helsinki_total_pop_2019-12-31.csv")}
    assert len(base) == 2 * AGES, "base population: expected ages 0..99 for both sexes"

    fert = {(int(r["year"]), int(r["age"])): float(r["asfr_per_1000"])
            for r in read_csv(data / "fi_tk2019_fertility_rates_by_area_2020_2040.csv")
            if r["area_code"] == HELSINKI}
    fert_ages = sorted({a for _, a in fert})
    assert fert_ages == list(range(15, 50)), fert_ages

    mort = {}
    for r in read_csv(data / "fi_tk2019_death_probabilities_by_area_2020_2040.csv"):
        if r["area_code"] != HELSINKI:
            continue
        age = AGES if r["age"] == "born_in_year" else int(r["age"])
        mort[(int(r["year"]), r["sex"], age)] = float(r["qx_per_1000"])
    assert len(mort) == len(YEARS) * 2 * (AGES + 1), len(mort)

    def flows(name: str) -> dict:
        out = defaultdict(float)
        for r in read_csv(data / name):
            if r["area_code"] == HELSINKI:
                out[(int(r["year"]), r["sex"], int(r["age"]))] = (
                    float(r["annual_total"]) * float(r["share"]))
        assert len(out) == len(YEARS) * 2 * AGES, (name, len(out))
        return out

    imm = flows("fi_helsinki_region_immigration_2020_2040.csv")
    emi = flows("fi_helsinki_region_emigration_2020_2040.csv")
    net = {k: imm[k] - emi[k] for k in imm}  # the net layout the costing template still uses

    # The six gross flows (persons per year by the age on 31 Dec of the previous year).
    gross = {"immigration": imm, "emigration": emi}
    for r in read_csv(data / "fi_helsinki_region_domestic_migration_2020_2040.csv"):
        if r["area_code"] == HELSINKI:
            flow = gross.setdefault(r["flow"], defaultdict(float))
            flow[(int(r["year"]), r["sex"], int(r["age"]))] = (
                float(r["annual_total"]) * float(r["share"]))
    for _, inflow, outflow, _, _ in ORIGINS:
        for key in (inflow, outflow):
            assert len(gross[key]) == len(YEARS) * 2 * AGES, (key, len(gross[key]))
    return {"base": base, "fert": fert, "mort": mort, "net": net, "gross": gross}


# ------------------------------------------------------------------------------- helpers

class Book:
    def __init__(self, office: Office, doc) -> None:
        self.office, self.doc = office, doc
        self.formats = doc.NumberFormats
        self.locale = Locale()  # the system locale: formats follow the user's locale

    def fmt(self, code: str) -> int:
        key = self.formats.queryKey(code, self.locale, False)
        if key == -1:
            key = self.formats.addNew(code, self.locale)
        return key

    def sheet(self, name: str, index: int):
        sheets = self.doc.Sheets
        if index < sheets.Count:
            sh = sheets.getByIndex(index)
            sh.Name = name
        else:
            sheets.insertNewByName(name, index)
            sh = sheets.getByName(name)
        return sh

    @staticmethod
    def put(sh, top_left: str, rows) -> object:
        """Writes a block of values/texts starting at top_left; returns the range."""
        rows = [list(r) for r in rows]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        start = sh.getCellRangeByName(top_left).CellAddress
        rng = sh.getCellRangeByPosition(start.Column, start.Row,
                                        start.Column + width - 1, start.Row + len(rows) - 1)
        rng.setDataArray(tuple(tuple(float(v) if isinstance(v, int) and not isinstance(v, bool)
                                     else v for v in r) for r in rows))
        return rng

    def style(self, rng, *, bold=False, fill=None, fmt=None, italic=False, color=None,
              wrap=False, halign=None):
        if bold:
            rng.CharWeight = 150.0
        if italic:
            rng.CharPosture = uno.Enum("com.sun.star.awt.FontSlant", "ITALIC")
        if fill is not None:
            rng.CellBackColor = fill
        if fmt is not None:
            rng.NumberFormat = self.fmt(fmt)
        if color is not None:
            rng.CharColor = color
        if wrap:
            rng.IsTextWrapped = True
        if halign is not None:
            rng.HoriJustify = uno.Enum("com.sun.star.table.CellHoriJustify", halign)

    @staticmethod
    def widths(sh, widths_mm: dict[int, float]) -> None:
        for col, mm in widths_mm.items():
            sh.Columns.getByIndex(col).Width = int(mm * 100)

    def freeze(self, sh, cols: int, rows: int) -> None:
        controller = self.doc.getCurrentController()
        controller.setActiveSheet(sh)
        controller.freezeAtPosition(cols, rows)

    def name(self, name: str, content: str) -> None:
        names = self.doc.NamedRanges
        names.addNewByName(name, content, CellAddress(0, 0, 0), 0)

    def note(self, sh, cell: str, text: str) -> None:
        sh.Annotations.insertNew(sh.getCellRangeByName(cell).CellAddress, text)


# ------------------------------------------------------------------------------- sheets

README = [
    ("Kuntaplan — population projection for Helsinki, 2019–2040", "title"),
    ("", None),
    ("What this workbook does", "head"),
    ("It projects the population of Helsinki by sex and single year of age (0–99, 99 = 99 and over) "
     "from 31 Dec 2019 to 31 Dec 2040 with the Kuntaplan function POP.PROJECT: births, deaths and six "
     "migration flows (in and out within the Helsinki region, with the rest of Finland and with other "
     "countries). It shows the age bands that municipal services plan for (day care 1–2 and 3–6, "
     "primary school 7–12, lower secondary 13–15, upper secondary 16–18, working age 19–64, older "
     "people 65–74, 75–84, 85+), the components of change in every year, the total fertility rate and "
     "a population pyramid.", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("How to change the scenario", "head"),
    ("Go to the sheet Scenario and change the yellow input cells: the fertility multiplier (1 = "
     "Statistics Finland's assumption; 0.9 = 10 % fewer births per woman), the sex ratio at birth "
     "(boys per girl) and one percentage for each of the six migration flows (100 % = the "
     "assumption; 80 % in-migration from the rest of Finland = a fifth fewer people moving in from "
     "the municipalities outside the Helsinki region). Every other sheet follows.", None),
    ("To use other assumptions, paste them over the values on Fertility, Mortality or Migration "
     "keeping the layout (ages down, years across; fertility and mortality per 1000 as published; "
     "migrants in persons per year by their age on 31 Dec of the previous year). To project another "
     "municipality, paste its population on Base (B2:C101).", None),
    ("", None),
    ("Sheets", "head"),
    ("Base — population 31 Dec 2019 by age (rows 2–101) and sex (B male, C female).", None),
    ("Fertility — age-specific fertility rates, births per 1000 women, ages 15–49 (rows 2–36), "
     "years 2020–2040 (columns B–V).", None),
    ("Mortality — probabilities of death per 1000, ages 0–99 (rows 2–101) and, in row 102, those born "
     "during the year; a male/female column pair per year 2020–2040 (columns B–AQ).", None),
    ("Migration — the six flows in persons per year by the age on 31 Dec of the previous year (rows "
     "3–102): within the Helsinki region (columns B–CG), with the rest of Finland (CH–FM) and with "
     "other countries (FN–IS), in and out, male and female, per year.", None),
    ("Scenario — the inputs, the migration of 2020 after the percentages and the options of the "
     "projection.", None),
    ("Flows — the migration the projection uses: Migration × the Scenario's percentages, the three "
     "origins added, placed by the age at the end of the year (B2:CG101).", None),
    ("Projection — population 31 Dec 2019–2040 by sex and age (one array formula, C2:X201).", None),
    ("Components — the components of change in every year (population, births, deaths, in-, out- "
     "and net migration, natural increase), the migration by origin, the yearly balance check and "
     "two charts.", None),
    ("Summary — age bands, components of change, total fertility rate, key figures and the "
     "consistency check (the named cell Check is TRUE when the figures add up).", None),
    ("Pyramid — the population pyramid 2019 and 2040.", None),
    ("", None),
    ("Method", "head"),
    ("Cohort-component projection in single years of age and single calendar years (Kuntaplan "
     "POP.PROJECT) with the conventions of the Helsinki-region population model that the region's "
     "planners use: survivors are aged one year with the probabilities of death qx; the open group "
     "99+ keeps its survivors; births = Σ fertility rate × women of the age at the start of the year, "
     "51 % boys and 49 % girls; newborns survive with the probability for those born during the "
     "year; the migrants of every flow are a number of people added at the end of the year, without "
     "deaths, at the age they have at the end of the year (POP.PROJECT options migration=gross, "
     "out=counts, births=start, migration_timing=end).", None),
    ("", None),
    ("Limitations", "head"),
    ("The migration assumptions are averages of 2017–19, the same in every year 2020–2040. "
     "Out-migration is a number of people, not a rate: it does not follow the size of the "
     "population. The result applies the Helsinki-region model's method to Statistics Finland's 2019 "
     "assumptions; it is NOT Statistics Finland's official population projection for Helsinki.", None),
    ("The base population is the sum of Helsinki's 148 sub-areas (653,835); the official total for "
     "31 Dec 2019 was 656,920 (about 3,000 people have no sub-area).", None),
    ("", None),
    ("Sources / Lähteet", "head"),
    ("Statistics Finland (Tilastokeskus): population projection 2019 (Väestöennuste 2019), "
     "assumptions on fertility, mortality, migration within the Helsinki region and with the rest "
     "of Finland, and international migration for 2020–2040; population of Helsinki on 31 Dec 2019. "
     "Licence CC BY 4.0.", None),
    ("Lähde: Tilastokeskus, väestöennuste 2019 (hedelmällisyys-, kuolevuus-, seudun sisäisen muuton, "
     "muun kotimaan muuton sekä maahan- ja maastamuuton oletukset 2020–2040) ja Helsingin väestö "
     "31.12.2019 osa-alueittain. Lisenssi CC BY 4.0.", None),
    ("Data obtained via the City of Porvoo's open population projection model (Porvoon kaupungin "
     "avoin väestöennustemalli): github.com/Porvoon-kehitysyksikko/Vaestoennuste, folder "
     "Esimerkkiparametrit/, commit d4523fb5f243f561d827d671f40e20251a1263d9, MIT licence. The "
     "conventions of the projection are those of the Helsinki-region model in the same repository "
     "(SEUDUNENN_python.py, lines 217–265).", None),
]


def write_readme(book: Book, lines: list[tuple[str, str | None]]) -> None:
    """The "Read me" sheet of every template: one wrapped text per row, titles and headings bold."""
    sh = book.sheet("Read me", 0)
    book.put(sh, "A1", [[text] for text, _ in lines])
    book.widths(sh, {0: README_WIDTH_MM})
    for i, (_, kind) in enumerate(lines):
        cell = sh.getCellByPosition(0, i)
        cell.IsTextWrapped = True
        if kind == "title":
            cell.CharHeight = 16.0
            cell.CharWeight = 150.0
        elif kind == "head":
            cell.CharWeight = 150.0
            cell.CharHeight = 12.0


def build_readme(book: Book) -> None:
    write_readme(book, README)


def build_base(book: Book, data: dict) -> None:
    sh = book.sheet("Base", 1)
    rows = [["Age", "Male", "Female"]]
    rows += [[age_label(a), data["base"][("male", a)], data["base"][("female", a)]]
             for a in range(AGES)]
    book.put(sh, "A1", rows)
    book.put(sh, "E1", [["Population of Helsinki on 31 Dec 2019 by age and sex (99 = 99 and over)."],
                        ["Source: Statistics Finland (Tilastokeskus), sum of the 148 sub-areas; "
                         "via Porvoon-kehitysyksikko/Vaestoennuste (MIT). CC BY 4.0."],
                        [""], ["Total"]])
    sh.getCellRangeByName("F4").setFormula("=SUM(B2:C101)")
    book.style(sh.getCellRangeByName("A1:C1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("E4"), bold=True)
    book.style(sh.getCellRangeByName("B2:C101"), fmt="#,##0")
    book.style(sh.getCellRangeByName("F4"), fmt="#,##0", bold=True)
    book.style(sh.getCellRangeByName("E1:E2"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A101"), halign="LEFT")
    book.widths(sh, {0: 14, 1: 22, 2: 22, 3: 8, 4: 20, 5: 22})
    book.freeze(sh, 1, 1)


def build_fertility(book: Book, data: dict) -> None:
    sh = book.sheet("Fertility", 2)
    rows = [["Age"] + YEARS]
    rows += [[a] + [data["fert"][(y, a)] for y in YEARS] for a in range(15, 50)]
    book.put(sh, "A1", rows)
    book.put(sh, "A38", [["TFR"]])
    for k in range(STEPS):
        col = col_name(1 + k)
        sh.getCellRangeByName(f"{col}38").setFormula(f"=POP.TFR({col}2:{col}36)/1000")
    book.put(sh, "A40", [["Age-specific fertility rates of Helsinki, births per 1000 women in the age "
                          "during the year, as published (the projection divides by 1000)."],
                         ["Source: Statistics Finland (Tilastokeskus), population projection 2019, "
                          "assumptions for 2020–2040, area Helsinki; via Porvoon-kehitysyksikko/"
                          "Vaestoennuste (MIT). CC BY 4.0."],
                         ["Row 38: total fertility rate (children per woman) = POP.TFR of the column "
                          "/ 1000, before the scenario's fertility multiplier."]])
    book.style(sh.getCellRangeByName("A1:V1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("B1:V1"), fmt="0")
    book.style(sh.getCellRangeByName("B2:V36"), fmt="0.000")
    book.style(sh.getCellRangeByName("A38:V38"), bold=True)
    book.style(sh.getCellRangeByName("B38:V38"), fmt="0.000")
    book.style(sh.getCellRangeByName("A40:A42"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A36"), halign="LEFT")
    book.widths(sh, {0: 14, **{c: 17 for c in range(1, 22)}})
    book.freeze(sh, 1, 1)


def pair_headers() -> list[str]:
    return [f"{y} {sex}" for y in YEARS for sex in ("male", "female")]


def build_mortality(book: Book, data: dict) -> None:
    sh = book.sheet("Mortality", 3)
    rows = [["Age"] + pair_headers()]
    for a in range(AGES + 1):
        label = "born in year" if a == AGES else age_label(a)
        rows.append([label] + [data["mort"][(y, s, a)] for y in YEARS for s in ("male", "female")])
    book.put(sh, "A1", rows)
    book.put(sh, "A104", [["Probabilities of death per 1000, as published (the projection divides by "
                           "1000). Row 102 (born in year): the probability of death during the year "
                           "of birth for those born during the year."],
                          ["Source: Statistics Finland (Tilastokeskus), population projection 2019, "
                           "mortality assumptions 2020–2040, Helsinki's own figures (area 2); via "
                           "Porvoon-kehitysyksikko/Vaestoennuste (MIT). CC BY 4.0."]])
    last = col_name(2 * STEPS)  # AQ
    # the titles ("2020 female", Finnish "vuoden aikana syntyneet") wrap rather than being cut off
    # by the next column's
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"B2:{last}102"), fmt="0.000")
    book.style(sh.getCellRangeByName("A104:A105"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A102"), halign="LEFT")
    book.style(sh.getCellRangeByName("A102"), wrap=True)
    book.widths(sh, {0: 24, **{c: 22 for c in range(1, 2 * STEPS + 1)}})
    book.freeze(sh, 1, 1)


MIGRATION_NOTE = ("Net international migrants of Helsinki by age and sex per year = immigration "
                  "annual_total × share − emigration annual_total × share (area 2, Helsinki), "
                  "computed by templates/make_population.py from the source files. Persons per "
                  "year; a negative value is net emigration. Domestic migration is not included.")


def build_migration(book: Book, data: dict) -> None:
    sh = book.sheet("Migration", 4)
    rows = [["Age"] + pair_headers()]
    rows += [[age_label(a)] + [round(data["net"][(y, s, a)], 6) for y in YEARS
                               for s in ("male", "female")] for a in range(AGES)]
    book.put(sh, "A1", rows)
    last = col_name(2 * STEPS)
    book.put(sh, "A102", [["Total"]])
    sh.getCellRangeByName(f"B102:{last}102").setArrayFormula(
        f"=MMULT(TRANSPOSE(B2:B101^0);B2:{last}101)")
    book.put(sh, "A104", [[MIGRATION_NOTE],
                          ["Source: Statistics Finland (Tilastokeskus), population projection 2019, "
                           "international immigration and emigration assumptions (annual totals and "
                           "age-sex distributions based on 2017–19); via Porvoon-kehitysyksikko/"
                           "Vaestoennuste (MIT). CC BY 4.0."]])
    book.note(sh, "A1", MIGRATION_NOTE)
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"B2:{last}102"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName(f"A102:{last}102"), bold=True)
    book.style(sh.getCellRangeByName("A104:A105"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A101"), halign="LEFT")
    book.widths(sh, {0: AGE_COLUMN_MM, **{c: 22 for c in range(1, 2 * STEPS + 1)}})
    book.freeze(sh, 1, 1)


def gross_headers() -> list[str]:
    """Column titles of an origin's block and of Flows: in male, in female, out male, out female
    for every year."""
    return [f"{y} {kind} {sex}" for y in YEARS for kind in ("in", "out") for sex in ("male", "female")]


def migration_col(origin: int, step: int, j: int) -> str:
    """Migration's column of origin 0..2, projection year 0..20 and j = 0 in male, 1 in female,
    2 out male, 3 out female."""
    return col_name(1 + origin * GROUP + 4 * step + j)


GROSS_MIGRATION_NOTES = [
    "The six migration flows of Helsinki (area 2) in persons per year, by sex and by the age on 31 "
    "Dec of the previous year, i.e. at the start of the year (rows 3–102; 99 = 99 and over): for "
    "each of the three origins, in-migrants male and female and out-migrants male and female for "
    "every year. Each count is annual_total × share of the source file, computed by "
    "templates/make_population.py. Row 103: the totals.",
    "The sheet Flows moves every count one row down, to the age at the end of the year, and "
    "multiplies it by the Scenario's percentage; the projection uses Flows.",
    "Source: Statistics Finland (Tilastokeskus), population projection 2019, migration assumptions "
    "(annual totals and age-sex distributions based on 2017–19): moves within the Helsinki region "
    "(between Espoo, Helsinki, Vantaa, Kauniainen and the KUUMA municipalities) and with the rest of "
    "Finland, and international immigration and emigration; via Porvoon-kehitysyksikko/"
    "Vaestoennuste (MIT). CC BY 4.0.",
]


def build_gross_migration(book: Book, data: dict) -> None:
    """The Migration sheet: the six flows as published, one block per origin in POP.PROJECT's
    gross layout (in male, in female, out male, out female per year)."""
    sh = book.sheet("Migration", 4)
    first, total = MIGRATION_FIRST_ROW, MIGRATION_TOTAL_ROW
    last = col_name(3 * GROUP)  # IS
    book.put(sh, "A1", [["Flow"]])
    book.put(sh, "A2", [["Age"] + gross_headers() * len(ORIGINS)])
    rows = []
    for a in range(AGES):
        row = [age_label(a)]
        for title, inflow, outflow, _, _ in ORIGINS:
            for y in YEARS:
                for key in (inflow, outflow):
                    row += [data["gross"][key][(y, s, a)] for s in ("male", "female")]
        rows.append(row)
    book.put(sh, f"A{first}", rows)
    book.put(sh, f"A{total}", [["Total"]])
    sh.getCellRangeByName(f"B{total}:{last}{total}").setFormulaArray(
        (tuple(f"=SUM({col_name(c)}{first}:{col_name(c)}{total - 1})" for c in range(1, 3 * GROUP + 1)),))
    for o, (title, *_rest) in enumerate(ORIGINS):
        sh.getCellRangeByName(f"{migration_col(o, 0, 0)}1").String = title
        block = sh.getCellRangeByName(f"{migration_col(o, 0, 0)}1:{migration_col(o, STEPS - 1, 3)}1")
        book.style(block, bold=True, fill=(0xC6D9F1, 0xE2EFDA, 0xFCE4D6)[o])
    notes = total + 2
    book.put(sh, f"A{notes}", [[text] for text in GROSS_MIGRATION_NOTES])
    book.note(sh, "A2", FLOWS_NOTES[1])  # the placement by age, stated where the data are
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"A2:{last}2"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"B{first}:{last}{total}"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName(f"A{total}:{last}{total}"), bold=True)
    book.style(sh.getCellRangeByName(f"A{notes}:A{notes + len(GROSS_MIGRATION_NOTES) - 1}"),
               italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName(f"A{first}:A{total - 1}"), halign="LEFT")
    # column A: the ages, and "Flow" and "Total" (Finnish "Muuttovirta" in bold needs 24.3 mm)
    book.widths(sh, {0: AGE_COLUMN_MM, **{c: 26 for c in range(1, 3 * GROUP + 1)}})
    book.freeze(sh, 1, 2)


# The Scenario sheet's inputs for the flows: label, named input, the Migration columns (j) of the
# flow, meaning. Rows 9..14.
FLOW_INPUTS = [
    ("In-migration from the Helsinki region", 0, "in",
     "Moves to Helsinki from Espoo, Vantaa, Kauniainen and the KUUMA municipalities."),
    ("Out-migration to the Helsinki region", 0, "out",
     "Moves from Helsinki to Espoo, Vantaa, Kauniainen and the KUUMA municipalities."),
    ("In-migration from the rest of Finland", 1, "in",
     "Moves to Helsinki from the municipalities outside the Helsinki region."),
    ("Out-migration to the rest of Finland", 1, "out",
     "Moves from Helsinki to the municipalities outside the Helsinki region."),
    ("Immigration", 2, "in", "Moves to Helsinki from other countries."),
    ("Emigration", 2, "out", "Moves from Helsinki to other countries."),
]
FLOW_INPUT_ROW = 9          # first row of the six flow inputs on Scenario


def flow_multiplier(origin: int, kind: str) -> str:
    return ORIGINS[origin][3 if kind == "in" else 4]


def flow_total(origin: int, kind: str, step: int) -> str:
    """The formula text of one flow's scaled total (both sexes) in projection year `step`."""
    j = 0 if kind == "in" else 2
    row = MIGRATION_TOTAL_ROW
    return (f"($Migration.{migration_col(origin, step, j)}{row}+"
            f"$Migration.{migration_col(origin, step, j + 1)}{row})*{flow_multiplier(origin, kind)}")


SCENARIO_NOTES = [
    "The percentages scale every age, sex and year of a flow on the sheet Migration (100 % = "
    "Statistics Finland's 2019 assumption, 0 % = nobody moves). Type 80 % for a fifth fewer.",
    "The projection follows the Helsinki-region model: births from the women at the start of the "
    "year, 51 % boys; the migrants of every flow are added at the end of the year, without deaths, "
    "at their age at the end of the year (sheet Flows). B25 is the options text that gives these "
    "conventions to POP.PROJECT on the sheets Projection and Components.",
]


def build_scenario(book: Book) -> None:
    sh = book.sheet("Scenario", 5)
    r0 = FLOW_INPUT_ROW
    texts = {
        "A1": "Scenario inputs",
        "A2": "Change only the yellow cells marked INPUT; everything else is computed.",
        "A4": "Input", "B4": "Value", "E4": "Meaning",
        "A5": "Fertility multiplier", "C5": "INPUT",
        "E5": "Multiplies every age-specific fertility rate of every year "
              "(1 = Statistics Finland 2019 assumption).",
        "A6": "Sex ratio at birth", "C6": "INPUT",
        "E6": "Boys born per girl; 1.0408 = 51 boys to 49 girls, as in the Helsinki-region model.",
        "A8": "Migration flow", "B8": "Percent", "D8": "Persons 2020", "E8": "Meaning",
        "A16": "Fixed by the layout and resulting figures",
        "A17": "Base year (31 Dec)", "E17": "Population on the sheet Base.",
        "A18": "Last projection year",
        "E18": "21 one-year steps; the rates on Fertility, Mortality and Migration give each year.",
        "A19": "Total fertility rate 2020", "E19": "Children per woman after the multiplier.",
        "A20": "Total fertility rate 2040", "E20": "Children per woman after the multiplier.",
        "A21": "In-migration 2020", "E21": "Persons, the three origins, after the percentages.",
        "A22": "Out-migration 2020", "E22": "Persons, the three origins, after the percentages.",
        "A23": "Net migration 2020", "E23": "In-migration − out-migration.",
        "A24": "Boys among the births", "E24": "From the sex ratio at birth.",
        "A25": "Options of the projection",
    }
    for i, (label, origin, kind, meaning) in enumerate(FLOW_INPUTS):
        texts[f"A{r0 + i}"] = label
        texts[f"C{r0 + i}"] = "INPUT"
        texts[f"E{r0 + i}"] = meaning
    for cell, text in texts.items():
        sh.getCellRangeByName(cell).String = text
    for cell, value in {"B5": 1, "B6": SRB, "B17": BASE_YEAR, "B18": YEARS[-1]}.items():
        sh.getCellRangeByName(cell).Value = value
    for i, (_, origin, kind, _) in enumerate(FLOW_INPUTS):
        sh.getCellByPosition(1, r0 - 1 + i).Value = 1.0
        sh.getCellByPosition(3, r0 - 1 + i).setFormula("=" + flow_total(origin, kind, 0))
    sh.getCellRangeByName("B19").setFormula("=POP.TFR(Fertility.B2:B36)/1000*FertilityMultiplier")
    sh.getCellRangeByName("B20").setFormula("=POP.TFR(Fertility.V2:V36)/1000*FertilityMultiplier")
    sh.getCellRangeByName("B21").setFormula(f"=D{r0}+D{r0 + 2}+D{r0 + 4}")
    sh.getCellRangeByName("B22").setFormula(f"=D{r0 + 1}+D{r0 + 3}+D{r0 + 5}")
    sh.getCellRangeByName("B23").setFormula("=B21-B22")
    sh.getCellRangeByName("B24").setFormula("=SexRatioAtBirth/(1+SexRatioAtBirth)")
    sh.getCellRangeByName("B25").setFormula(f'="{REGION_OPTIONS}"&SexRatioAtBirth')
    notes = 27
    book.put(sh, f"A{notes}", [[text] for text in SCENARIO_NOTES])

    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName("A4:E4"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A8:E8"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A16:E16"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("B4:D4"), halign="RIGHT")
    book.style(sh.getCellRangeByName("B8:D8"), halign="RIGHT")
    flows = sh.getCellRangeByName(f"B{r0}:B{r0 + 5}")
    book.style(sh.getCellRangeByName("B5"), fill=INPUT_FILL, bold=True, fmt="0.000")
    book.style(sh.getCellRangeByName("B6"), fill=INPUT_FILL, bold=True, fmt="0.0000")
    book.style(flows, fill=INPUT_FILL, bold=True, fmt="0%")
    for inputs in (sh.getCellRangeByName("B5:B6"), flows):
        prot = inputs.CellProtection
        prot.IsLocked = False
        inputs.CellProtection = prot
    book.style(sh.getCellRangeByName("C5:C6"), bold=True, color=0xC00000)
    book.style(sh.getCellRangeByName(f"C{r0}:C{r0 + 5}"), bold=True, color=0xC00000)
    book.style(sh.getCellRangeByName(f"D{r0}:D{r0 + 5}"), fmt="#,##0")
    book.style(sh.getCellRangeByName("B17:B18"), fmt="0")
    book.style(sh.getCellRangeByName("B19:B20"), fmt="0.000")
    book.style(sh.getCellRangeByName("B21:B23"), fmt="#,##0")
    book.style(sh.getCellRangeByName("B24"), fmt="0.0%")
    book.style(sh.getCellRangeByName("B17:B24"), halign="RIGHT")
    book.style(sh.getCellRangeByName("B25"), halign="LEFT")
    for column in ("C4:C25", "E4:E25"):  # a little air after the numbers
        sh.getCellRangeByName(column).ParaIndent = 250
    book.style(sh.getCellRangeByName("A2"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName(f"A{notes}:A{notes + len(SCENARIO_NOTES) - 1}"), italic=True,
               color=NOTE_GREY)
    # column C: "INPUT" (Swedish "INDATA" in bold, indented 2.5 mm, needs 18.3 mm)
    book.widths(sh, {0: 80, 1: 24, 2: 20, 3: 28, 4: 150})
    for r in range(notes, notes + len(SCENARIO_NOTES)):  # the notes wrap within A:E
        merged = sh.getCellRangeByName(f"A{r}:E{r}")
        merged.merge(True)
        merged.IsTextWrapped = True
        sh.getRows().getByIndex(r - 1).OptimalHeight = True
    names = [("FertilityMultiplier", "$Scenario.$B$5"), ("SexRatioAtBirth", "$Scenario.$B$6"),
             ("ProjectionOptions", "$Scenario.$B$25")]
    names += [(flow_multiplier(origin, kind), f"$Scenario.$B${r0 + i}")
              for i, (_, origin, kind, _) in enumerate(FLOW_INPUTS)]
    for name, cell in names:
        book.name(name, cell)


FLOWS_NOTES = [
    "The migration the projection uses, in persons per year: the counts on the sheet Migration × "
    "the percentages on Scenario, the three origins added (in-migrants male and female, "
    "out-migrants male and female for every year).",
    "The flows are placed by the age at the END of the year. Migration gives each mover's age on "
    "31 Dec of the previous year, so every count is moved one row down here: nobody is added at age "
    "0 (children born during the year do not move in this model), and the last row, 99+, takes "
    "the movers aged 98 and 99. The projection adds them at the end of the year, without deaths, "
    "as the Helsinki-region model does (POP.PROJECT options migration=gross, out=counts, "
    "migration_timing=end).",
]


def build_flows(book: Book) -> None:
    """The projection's migration argument: Migration × the Scenario's percentages, the origins
    added, one row down (by the age at the end of the year)."""
    sh = book.sheet("Flows", 6)
    last = col_name(GROUP)  # CG
    book.put(sh, "A1", [["Age"] + gross_headers()])
    book.put(sh, "A2", [[age_label(a)] for a in range(AGES)])
    formulas = []
    for a in range(AGES):
        row = []
        for k in range(STEPS):
            for j in range(4):
                kind = "in" if j < 2 else "out"
                if a == 0:
                    row.append("0")
                    continue
                # Migration's rows are 3..102 for ages 0..99: age a − 1 is on row a + 2; the
                # open group also takes age 99 (row 102).
                src = a + 2
                terms = []
                for o in range(len(ORIGINS)):
                    c = migration_col(o, k, j)
                    cells = (f"Migration.{c}{src}" if a < AGES - 1
                             else f"(Migration.{c}{src}+Migration.{c}{src + 1})")
                    terms.append(f"{cells}*{flow_multiplier(o, kind)}")
                row.append("=" + "+".join(terms))
        formulas.append(tuple(row))
    sh.getCellRangeByName(f"B2:{last}{AGES + 1}").setFormulaArray(tuple(formulas))
    total = AGES + 2
    book.put(sh, f"A{total}", [["Total"]])
    sh.getCellRangeByName(f"B{total}:{last}{total}").setFormulaArray(
        (tuple(f"=SUM({col_name(c)}2:{col_name(c)}{total - 1})" for c in range(1, GROUP + 1)),))
    notes = total + 2
    book.put(sh, f"A{notes}", [[text] for text in FLOWS_NOTES])
    book.note(sh, "A1", FLOWS_NOTES[1])
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName(f"B2:{last}{total}"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName(f"A{total}:{last}{total}"), bold=True)
    book.style(sh.getCellRangeByName(f"A{notes}:A{notes + len(FLOWS_NOTES) - 1}"), italic=True,
               color=NOTE_GREY)
    book.style(sh.getCellRangeByName(f"A2:A{total - 1}"), halign="LEFT")
    book.widths(sh, {0: AGE_COLUMN_MM, **{c: 26 for c in range(1, GROUP + 1)}})
    book.freeze(sh, 1, 1)


def projection_args() -> str:
    last = col_name(2 * STEPS)
    return ("$Base.$B$2:$C$101;"
            "$Fertility.$B$2:$V$36/1000*FertilityMultiplier;"
            f"$Mortality.$B$2:${last}$102/1000;"
            f"$Flows.$B$2:${col_name(GROUP)}${AGES + 1};"
            f"{STEPS}")


def build_projection(book: Book) -> None:
    sh = book.sheet("Projection", 7)
    years = [BASE_YEAR] + YEARS
    last = col_name(2 + STEPS)  # X
    book.put(sh, "A1", [["Sex", "Age"] + years])
    labels = [[sex, age_label(a)] for sex in ("Male", "Female") for a in range(AGES)]
    book.put(sh, "A2", labels)
    sh.getCellRangeByName(f"C2:{last}201").setArrayFormula(
        f'=POP.PROJECT({projection_args()};"both";ProjectionOptions)')
    book.put(sh, "A203", [["Population on 31 Dec of each year by sex and age (99 = 99 and over), "
                           "from one array formula over C2:X201 (males rows 2–101, females rows "
                           "102–201)."],
                          ["Cohort-component projection, Kuntaplan POP.PROJECT: base = Base, "
                           "fertility = Fertility/1000 × multiplier, mortality = Mortality/1000 "
                           "(with the born-in-year row), migration = Flows, options = Scenario B25 "
                           "(the Helsinki-region model's conventions)."]])
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"C1:{last}1"), fmt="0")
    book.style(sh.getCellRangeByName(f"C2:{last}201"), fmt="#,##0")
    book.style(sh.getCellRangeByName("B2:B201"), halign="LEFT")
    book.style(sh.getCellRangeByName("A203:A204"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 40, 1: 12, **{c: 20 for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 1)


# The Components sheet: A = labels, B = 2019, C..W = 2020..2040.
COMPONENT_ROWS = ["Population 31 Dec", "Births", "Deaths", "In-migration", "Out-migration",
                  "Net migration", "Natural increase"]                      # rows 4..10
ORIGIN_ROWS = [label for label, *_ in FLOW_INPUTS]                           # rows 13..18
NET_ORIGIN_ROWS = ["Net migration within the Helsinki region",
                   "Net migration with the rest of Finland", "Net international migration"]  # 19..21
COMPONENTS_CHECK_ROW = 27


def build_components(book: Book) -> None:
    sh = book.sheet("Components", 8)
    years = [BASE_YEAR] + YEARS
    last = col_name(1 + STEPS)  # W
    book.put(sh, "A1", [["Components of change: Helsinki 2020–2040, persons"]])
    book.put(sh, "A3", [["Component"] + years])
    book.put(sh, "A4", [[label] for label in COMPONENT_ROWS])
    sh.getCellRangeByName(f"B4:{last}10").setArrayFormula(
        f'=POP.PROJECT({projection_args()};"components";ProjectionOptions)')
    book.put(sh, "A12", [["Migration by origin", ""] + YEARS])
    book.put(sh, "A13", [[label] for label in ORIGIN_ROWS + NET_ORIGIN_ROWS])
    for k in range(STEPS):
        col = col_name(2 + k)
        for i, (_, origin, kind, _) in enumerate(FLOW_INPUTS):
            sh.getCellRangeByName(f"{col}{13 + i}").setFormula("=" + flow_total(origin, kind, k))
        for i in range(3):
            sh.getCellRangeByName(f"{col}{19 + i}").setFormula(
                f"={col}{13 + 2 * i}-{col}{14 + 2 * i}")

    book.put(sh, "A23", [["Checks", ""] + YEARS])
    book.put(sh, "A24", [["Population change = births − deaths + in-migration − out-migration"],
                         ["In-migration by origin adds up to the in-migration"],
                         ["Out-migration by origin adds up to the out-migration"],
                         ["Every year (named range ComponentsCheck)"]])
    for k in range(STEPS):
        col, prev = col_name(2 + k), col_name(1 + k)
        sh.getCellRangeByName(f"{col}24").setFormula(
            f"=ABS({col}4-{prev}4-({col}5-{col}6+{col}7-{col}8))<=1E-009*MAX(1;{prev}4)")
        sh.getCellRangeByName(f"{col}25").setFormula(
            f"=ABS({col}13+{col}15+{col}17-{col}7)<=1E-009*MAX(1;{col}7)")
        sh.getCellRangeByName(f"{col}26").setFormula(
            f"=ABS({col}14+{col}16+{col}18-{col}8)<=1E-009*MAX(1;{col}8)")
    row = COMPONENTS_CHECK_ROW
    sh.getCellRangeByName(f"B{row}").setFormula(f"=AND(C24:{last}26)")
    book.name("ComponentsCheck", f"$Components.$B${row}")

    notes = row + 2
    book.put(sh, f"A{notes}", [
        ["Rows 4–10: one array formula, POP.PROJECT(…; \"components\"; options): the population on "
         "31 Dec and the flows during each year. Rows 13–18: each flow of the sheet Migration × its "
         "percentage on Scenario; rows 19–21: in − out per origin."],
        ["The checks are TRUE when the population changes by exactly births − deaths + "
         "in-migration − out-migration in every year (to 1e-9 of the population) and the flows by "
         "origin add up to the projection's. Out-migration FALSE: an age group would have fallen "
         "below zero, so fewer people could move out than the percentages ask for."],
    ])
    # formats
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName(f"B4:{last}21"), fmt="#,##0")
    for header in (3, 12, 23):
        book.style(sh.getCellRangeByName(f"A{header}:{last}{header}"), bold=True, fill=HEADER_FILL)
        book.style(sh.getCellRangeByName(f"B{header}:{last}{header}"), fmt="0")
    book.style(sh.getCellRangeByName(f"A4:{last}4"), bold=True)
    book.style(sh.getCellRangeByName(f"A9:{last}10"), bold=True)
    book.style(sh.getCellRangeByName(f"B24:{last}{row}"), halign="RIGHT")
    book.style(sh.getCellRangeByName(f"A{row}:B{row}"), bold=True)
    book.style(sh.getCellRangeByName(f"A{notes}:A{notes + 1}"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 110, **{c: SUMMARY_YEAR_COL_MM for c in range(1, 2 + STEPS)}})
    for r in (notes, notes + 1):  # the notes wrap within the printed width
        merged = sh.getCellRangeByName(f"A{r}:{last}{r}")
        merged.merge(True)
        merged.IsTextWrapped = True
        merged.VertJustify = uno.Enum("com.sun.star.table.CellVertJustify", "TOP")
        sh.getRows().getByIndex(r - 1).OptimalHeight = True
    book.freeze(sh, 1, 3)

    # Charts: the yearly flows (2020..2040: column B, 2019, is left out) and the change by component.
    add_line_chart(book, sh, "ComponentsFlows", "Births, deaths and migration per year",
                   f"A3:{last}3,A5:{last}8", Rectangle(1000, 0, *CHART_SIZE), skip_col_b=True,
                   top_row=COMPONENTS_CHART_ROW)
    add_line_chart(book, sh, "ComponentsChange", "Population change by component per year",
                   f"A3:{last}3,A10:{last}10,A19:{last}21", Rectangle(26500, 0, *CHART_SIZE),
                   skip_col_b=True, top_row=COMPONENTS_CHART_ROW, stacked_columns=True)


def build_summary(book: Book) -> None:
    sh = book.sheet("Summary", 9)
    years = [BASE_YEAR] + YEARS
    last = col_name(2 + STEPS)  # X (columns C..X = 2019..2040, as on Projection)
    book.put(sh, "A1", [["Summary: Helsinki population 31 Dec 2019–2040 by age band"]])
    book.put(sh, "A3", [["Age band", "From age"] + years])
    book.put(sh, "A4", [[label, lower] for lower, label in BANDS])
    sh.getCellRangeByName(f"C4:{last}13").setArrayFormula(
        f"=POP.AGGREGATE($Projection.C2:{last}101+$Projection.C102:{last}201;B4:B13)")
    book.put(sh, "A14", [["Total of the bands"], ["Population (projection)"], ["Births"],
                         ["Deaths"], ["In-migration"], ["Out-migration"], ["Net migration"],
                         ["Natural increase"], ["Total fertility rate"]])
    for i in range(STEPS + 1):
        col, src = col_name(2 + i), col_name(1 + i)  # Components: B = 2019
        sh.getCellRangeByName(f"{col}14").setFormula(f"=SUM({col}4:{col}13)")
        sh.getCellRangeByName(f"{col}15").setFormula(f"=$Components.{src}4")
        if i > 0:
            for row, component in ((16, 5), (17, 6), (18, 7), (19, 8), (20, 9), (21, 10)):
                sh.getCellRangeByName(f"{col}{row}").setFormula(f"=$Components.{src}{component}")
            fcol = col_name(i)  # Fertility column of the year (B = 2020)
            sh.getCellRangeByName(f"{col}22").setFormula(
                f"=POP.TFR($Fertility.{fcol}$2:{fcol}$36)/1000*FertilityMultiplier")

    # Checks and key figures
    book.put(sh, "A24", [["Consistency checks"]])
    book.put(sh, "A25", [["Bands add up to the population in every year"],
                         ["Population 2040 − 2019 = births − deaths + in − out"],
                         ["Sexes and ages add up to the population in every year"],
                         ["Components: every year balances, origins add up"],
                         ["All checks (named range Check)"]])
    sh.getCellRangeByName("C25").setFormula(
        f"=SUMPRODUCT(ABS(C14:{last}14-C15:{last}15))<=1E-006*MAX(C15:{last}15)")
    sh.getCellRangeByName("C26").setFormula(
        f"=ABS(({last}15-C15)-(SUM(D16:{last}16)-SUM(D17:{last}17)+SUM(D18:{last}18)"
        f"-SUM(D19:{last}19)))<=1E-006*{last}15")
    sh.getCellRangeByName("C27").setFormula(
        f"=SUMPRODUCT(ABS(MMULT(TRANSPOSE($Projection.C2:C201^0);$Projection.C2:{last}201)"
        f"-C15:{last}15))<=1E-006*MAX(C15:{last}15)")
    sh.getCellRangeByName("C28").setFormula("=ComponentsCheck")
    sh.getCellRangeByName("C29").setFormula("=AND(C25:C28)")
    book.name("Check", "$Summary.$C$29")

    book.put(sh, "A31", [["Key figures"]])
    book.put(sh, "A32", [["Population 31 Dec 2019"], ["Population 31 Dec 2040"],
                         ["Births 2020"], ["Net migration 2020"], ["Children 7–12 in 2040"],
                         ["Children 13–15 in 2040"], ["Total fertility rate 2020"]])
    for row, formula in ((32, "=C15"), (33, f"={last}15"), (34, "=D16"), (35, "=D20"),
                         (36, f"={last}7"), (37, f"={last}8"), (38, "=D22")):
        sh.getCellRangeByName(f"C{row}").setFormula(formula)
    book.name("KeyFigures", "$Summary.$A$32:$C$38")

    book.put(sh, "A40", [["Ages on 31 Dec. Bands: POP.AGGREGATE of the projection (both sexes) with "
                          "the lower ages in column B. Flows are during the year. Total fertility "
                          "rate: POP.TFR of the year's rates / 1000 × fertility multiplier."],
                         ["Migration: all six flows (within the Helsinki region, with the rest of "
                          "Finland, with other countries) after the Scenario's percentages; by "
                          "origin on the sheet Components. Not Statistics Finland's official "
                          "projection for Helsinki (see Read me)."]])
    # formats
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName(f"A3:{last}3"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"C3:{last}3"), fmt="0")
    book.style(sh.getCellRangeByName(f"C4:{last}21"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C22:{last}22"), fmt="0.000")
    book.style(sh.getCellRangeByName(f"A14:{last}15"), bold=True)
    book.style(sh.getCellRangeByName("A24"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A31"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A29:C29"), bold=True)
    book.style(sh.getCellRangeByName("C32:C37"), fmt="#,##0", bold=True)
    book.style(sh.getCellRangeByName("C38"), fmt="0.000", bold=True)
    book.style(sh.getCellRangeByName("A40:A41"), italic=True, color=NOTE_GREY)
    # column B: the header "From age" (Finnish "Alaikäraja") in bold must fit
    book.widths(sh, {0: 100, 1: 24, **{c: SUMMARY_YEAR_COL_MM for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 3)

    # Line chart: children and young people by band over the years (bands 0 .. 16–18).
    add_line_chart(book, sh, "AgeBandsChildren", "Children and young people by age band",
                   f"A3:{last}9", Rectangle(1000, 0, *CHART_SIZE), skip_col_b=True)
    add_line_chart(book, sh, "AgeBandsOlder", "Older people by age band",
                   f"A3:{last}3,A11:{last}13", Rectangle(26500, 0, *CHART_SIZE),
                   skip_col_b=True)


def add_line_chart(book: Book, sh, name: str, title: str, ranges: str, rect, skip_col_b,
                   top_row: int = SUMMARY_CHART_ROW, stacked_columns: bool = False):
    """A line chart (or stacked columns) of rows (series) over the year columns. `ranges`:
    comma-separated ranges of which the first holds the header row; with skip_col_b column B
    (the Summary's lower ages, the Components' base year) is left out. The chart's top is on
    `top_row` (0-based), where the sheet's second printed page starts."""
    addresses = []
    for part in ranges.split(","):
        a = sh.getCellRangeByName(part).RangeAddress
        if skip_col_b:
            # label column A and the year columns C.., without column B
            addresses.append(CellRangeAddress(a.Sheet, 0, a.StartRow, 0, a.EndRow))
            addresses.append(CellRangeAddress(a.Sheet, 2, a.StartRow, a.EndColumn, a.EndRow))
        else:
            addresses.append(a)
    rect.Y = sh.getCellByPosition(0, top_row).Position.Y
    sh.Charts.addNewByName(name, rect, tuple(addresses), True, True)
    chart = sh.Charts.getByName(name).EmbeddedObject
    if stacked_columns:
        chart.setDiagram(chart.createInstance("com.sun.star.chart.BarDiagram"))
        chart.Diagram.Vertical = False  # columns
        chart.Diagram.Stacked = True
        # years below the plot, not on the zero line among the negative bars
        chart.Diagram.XAxis.LabelPosition = uno.Enum(
            "com.sun.star.chart.ChartAxisLabelPosition", "OUTSIDE_START")
    else:
        chart.setDiagram(chart.createInstance("com.sun.star.chart.LineDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
    chart.HasMainTitle = True
    chart.Title.String = title
    chart.HasLegend = True
    chart.Legend.Alignment = uno.Enum("com.sun.star.chart.ChartLegendPosition", "BOTTOM")
    # The Summary prints at about half size (1 page wide): large text stays readable (about 9 and
    # 7 pt on paper), and leaves room for the lines in a chart of a screen's height.
    chart.Title.CharHeight = 18.0
    for part in (chart.Diagram.XAxis, chart.Diagram.YAxis, chart.Legend):
        part.CharHeight = 14.0


def build_pyramid(book: Book) -> None:
    sh = book.sheet("Pyramid", 10)
    book.put(sh, "A1", [["Age", "Males 2040", "Females 2040", "Males 2019", "Females 2019"]])
    book.put(sh, "A2", [[age_label(a)] for a in range(AGES)])
    sh.getCellRangeByName("B2:B101").setArrayFormula("=-$Projection.X2:X101")
    sh.getCellRangeByName("C2:C101").setArrayFormula("=$Projection.X102:X201")
    sh.getCellRangeByName("D2:D101").setArrayFormula("=-$Projection.C2:C101")
    sh.getCellRangeByName("E2:E101").setArrayFormula("=$Projection.C102:C201")
    book.put(sh, "A103", [["Helper columns for the pyramid: males as negative numbers (shown without "
                           "the sign). Bars: 2040; outlines: 2019."]])
    book.style(sh.getCellRangeByName("A1:E1"), bold=True, fill=HEADER_FILL, wrap=True)
    book.style(sh.getCellRangeByName("B2:E101"), fmt="#,##0;#,##0")
    book.style(sh.getCellRangeByName("A2:A101"), halign="LEFT")
    book.style(sh.getCellRangeByName("A103"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 14, 1: 22, 2: 22, 3: 22, 4: 22, 5: 6})
    book.freeze(sh, 1, 1)

    # The chart starts at column G, row 2, below the frozen titles: the print range
    # (set_up_printing) begins there, so the helper columns A:E are not printed.
    origin = sh.getCellByPosition(PYRAMID_CHART_COL, 1).Position
    width, height = PYRAMID_CHART_MM
    rect = Rectangle(origin.X, origin.Y, width * 100, height * 100)
    sh.Charts.addNewByName("Pyramid", rect, (sh.getCellRangeByName("A1:E101").RangeAddress,),
                           True, True)
    chart = sh.Charts.getByName("Pyramid").EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.BarDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "COLUMNS")
    chart.Diagram.Vertical = True  # horizontal bars
    chart.HasMainTitle = True
    chart.Title.String = "Helsinki population by age, 31 Dec 2019 and 2040"
    chart.HasLegend = True
    chart.Legend.Alignment = uno.Enum("com.sun.star.chart.ChartLegendPosition", "BOTTOM")
    # ages at the left edge, not over the bars along the zero line
    chart.Diagram.XAxis.LabelPosition = uno.Enum("com.sun.star.chart.ChartAxisLabelPosition",
                                                 "OUTSIDE_START")
    key = chart.NumberFormats.queryKey("#,##0;#,##0", book.locale, False)
    if key == -1:
        key = chart.NumberFormats.addNew("#,##0;#,##0", book.locale)
    yaxis = chart.Diagram.YAxis
    yaxis.LinkNumberFormatToSource = False
    yaxis.NumberFormat = key
    # chart2: bars of a sex on one line (overlap 100 %, no gap), 2019 as outlines.
    diagram2 = chart.getFirstDiagram()
    chart_type = diagram2.getCoordinateSystems()[0].getChartTypes()[0]
    uno.invoke(chart_type, "setPropertyValue", ("OverlapSequence", uno.Any("[]long", (100, 100))))
    uno.invoke(chart_type, "setPropertyValue", ("GapwidthSequence", uno.Any("[]long", (0, 0))))
    colours = (0x4472C4, 0xED7D31, 0x1F3864, 0x843C0C)
    for i, series in enumerate(chart_type.getDataSeries()):
        series.Color = colours[i]
        series.BorderColor = colours[i]
        series.BorderStyle = uno.Enum("com.sun.star.drawing.LineStyle", "SOLID")
        if i >= 2:
            series.Transparency = 100
            series.BorderWidth = 35


# ------------------------------------------------------------------------------- printing

def page_style(book: Book, name: str, *, landscape: bool, pages_x: int, pages_y: int):
    """An A4 page style that scales the print range to pages_x × pages_y pages (0 = any)."""
    styles = book.doc.StyleFamilies.getByName("PageStyles")
    if not styles.hasByName(name):
        styles.insertByName(name, book.doc.createInstance("com.sun.star.style.PageStyle"))
    style = styles.getByName(name)
    width, height = A4
    style.IsLandscape = landscape
    if landscape:
        width, height = height, width
    style.Width, style.Height = width * 100, height * 100
    for side in ("LeftMargin", "RightMargin", "TopMargin", "BottomMargin"):
        setattr(style, side, MARGIN_MM * 100)
    style.CenterHorizontally = True
    style.PrintGrid = False
    style.PrintAnnotations = False
    style.ScaleToPagesX = pages_x
    style.ScaleToPagesY = pages_y
    return style


def cell_at(sh, x: int, y: int) -> tuple[int, int]:
    """(column, row) of the cell that holds the point (x, y), in 1/100 mm of the sheet."""
    col = 0
    while sh.getCellByPosition(col + 1, 0).Position.X <= x:
        col += 1
    row = 0
    while sh.getCellByPosition(0, row + 1).Position.Y <= y:
        row += 1
    return col, row


def set_up_printing(book: Book) -> None:
    """Page styles and print ranges for a short report: Read me (A4 portrait, 1 page wide),
    Components and Summary (A4 landscape, 1 page wide: two print ranges each, the table and
    notes on page 1, the charts on page 2) and Pyramid (the chart
    alone on one A4 landscape page; the helper columns A:E are outside the print range). The
    other sheets keep the default page style and print whole when printed by hand."""
    doc = book.doc
    last = col_name(2 + STEPS)  # X

    sh = doc.Sheets.getByName("Read me")
    sh.Rows.OptimalHeight = True
    page_style(book, "Report portrait", landscape=False, pages_x=1, pages_y=0)
    sh.PageStyle = "Report portrait"
    sh.setPrintAreas((sh.getCellRangeByName(f"A1:A{len(README)}").RangeAddress,))

    page_style(book, "Report landscape", landscape=True, pages_x=1, pages_y=2)
    for name, chart_row, last_col in (("Components", COMPONENTS_CHART_ROW, col_name(1 + STEPS)),
                                      ("Summary", SUMMARY_CHART_ROW, last)):
        sh = doc.Sheets.getByName(name)
        sh.PageStyle = "Report landscape"
        bottom = max(chart_bottom(sh, chart) for chart in sh.Charts.getElementNames())
        _, end_row = cell_at(sh, 0, bottom)
        sh.setPrintAreas((sh.getCellRangeByName(f"A1:{last_col}{chart_row - 1}").RangeAddress,
                          sh.getCellRangeByName(f"A{chart_row + 1}:{last_col}{end_row + 1}")
                          .RangeAddress))

    sh = doc.Sheets.getByName("Scenario")
    page_style(book, "Report landscape page", landscape=True, pages_x=1, pages_y=1)
    sh.PageStyle = "Report landscape page"

    sh = doc.Sheets.getByName("Pyramid")
    page_style(book, "Report chart landscape", landscape=True, pages_x=1, pages_y=1)
    sh.PageStyle = "Report chart landscape"
    shape = chart_shape(sh, "Pyramid")
    pos, size = shape.Position, shape.Size
    start_col, start_row = cell_at(sh, pos.X, pos.Y)
    end_col, end_row = cell_at(sh, pos.X + size.Width, pos.Y + size.Height)
    sh.setPrintAreas((CellRangeAddress(sh.RangeAddress.Sheet, start_col, start_row,
                                       end_col, end_row),))


README_FIT = 0.85  # the Read me rows are as tall as their text needs in 85 % of the column's width


def fit_readme_rows(book: Book) -> None:
    """Row heights of the Read me sheet (its first sheet, in the workbook's language) with room to
    spare. Calc computes the optimal height with its screen metrics, but the PDF export wraps the
    same text a little wider, so a paragraph that just fits on screen took one line more in the PDF
    and overlapped the next (measured: the Sheets paragraph on Migration, English). The heights
    are computed in a narrower column and kept, fixed, for the full width."""
    sh = book.doc.Sheets.getByIndex(0)
    book.widths(sh, {0: README_WIDTH_MM * README_FIT})
    sh.Rows.OptimalHeight = True
    heights = [sh.Rows.getByIndex(i).Height for i in range(len(README))]
    book.widths(sh, {0: README_WIDTH_MM})
    for i, height in enumerate(heights):
        sh.Rows.getByIndex(i).Height = height
    # the Method heading starts the second printed page, with its text
    sh.Rows.getByIndex([text for text, _ in README].index("Method")).IsStartOfNewPage = True
    # the room to spare below the text, not above it
    sh.getCellRangeByPosition(0, 0, 0, len(README) - 1).VertJustify = uno.Enum(
        "com.sun.star.table.CellVertJustify", "TOP")


def chart_shape(sh, name: str):
    """The drawing shape of the sheet's chart `name`."""
    page = sh.DrawPage
    for i in range(page.Count):
        shape = page.getByIndex(i)
        if getattr(shape, "PersistName", None) == name or shape.Name == name:
            return shape
    raise LookupError(f"no chart {name!r} on {sh.Name}")


def chart_bottom(sh, name: str) -> int:
    shape = chart_shape(sh, name)
    return shape.Position.Y + shape.Size.Height


# ------------------------------------------------------------------------------- output

TEMPLATE_FILTER = "calc8_template"       # .ots, what the build ships


def save(office: Office, doc, out: Path, generator: str) -> None:
    """Stores the finished workbook and closes it: .ots (what the build ships) or, for a
    developer who wants to diff two generations, reproducible flat XML (.fods)."""
    if out.suffix == ".fods":
        office.store_to(doc, out, FLAT_XML)
        office.close(doc)
        normalise(out, generator)
    else:
        office.store_to(doc, out, TEMPLATE_FILTER)
        office.close(doc)


def normalise(path: Path, generator: str) -> None:
    """Makes the flat XML reproducible: fixed dates, no editing time, no generator build."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<meta:creation-date>[^<]*</meta:creation-date>",
                  "<meta:creation-date>2020-01-01T00:00:00</meta:creation-date>", text)
    text = re.sub(r"<dc:date>[^<]*</dc:date>", "<dc:date>2020-01-01T00:00:00</dc:date>", text)
    text = re.sub(r"<meta:editing-duration>[^<]*</meta:editing-duration>",
                  "<meta:editing-duration>PT0S</meta:editing-duration>", text)
    text = re.sub(r"<meta:editing-cycles>[^<]*</meta:editing-cycles>",
                  "<meta:editing-cycles>1</meta:editing-cycles>", text)
    text = re.sub(r"<meta:generator>[^<]*</meta:generator>",
                  f"<meta:generator>Kuntaplan templates/{generator}</meta:generator>", text)
    text = re.sub(r'<config:config-item config:name="PrinterSetup" config:type="base64Binary">'
                  r"[^<]*</config:config-item>", "", text)
    text = re.sub(r'<config:config-item config:name="PrinterName" config:type="string">'
                  r"[^<]*</config:config-item>", "", text)
    path.write_text(text, encoding="utf-8")


def set_properties(doc) -> None:
    props = doc.DocumentProperties
    props.Title = "Kuntaplan: population projection (Helsinki 2019–2040)"
    props.Subject = "Cohort-component population projection with Kuntaplan POP.PROJECT"
    props.Description = ("Sources: Statistics Finland (Tilastokeskus) population projection 2019 "
                         "assumptions and Helsinki population 31 Dec 2019, CC BY 4.0, via "
                         "Porvoon-kehitysyksikko/Vaestoennuste (MIT).")
    props.Author = "Kuntaplan"
    props.ModifiedBy = "Kuntaplan"
    props.Keywords = ("population projection", "väestöennuste", "Kuntaplan")


def build(office: Office, data: dict, out: Path, lang: str = "en") -> list:
    doc = office.new_calc(hidden=False)  # headless; a visible frame stores the view (frozen panes)
    doc.enableAutomaticCalculation(False)
    book = Book(office, doc)
    doc.lockControllers()
    build_readme(book)
    build_base(book, data)
    build_fertility(book, data)
    build_mortality(book, data)
    build_gross_migration(book, data)
    build_scenario(book)
    build_flows(book)
    build_projection(book)
    build_components(book)
    build_summary(book)
    doc.unlockControllers()
    doc.calculateAll()
    build_pyramid(book)
    doc.enableAutomaticCalculation(True)
    doc.calculateAll()
    set_up_printing(book)
    set_properties(doc)
    controller = doc.getCurrentController()
    controller.setActiveSheet(doc.Sheets.getByName("Read me"))
    missing = localise(doc, "population", lang)
    if missing:
        office.close(doc)
        raise SystemExit("no translation in addin/l10n/templates/population.tsv for:\n" + "\n".join(missing))
    fit_readme_rows(book)
    errors = office.error_cells(doc)
    check = doc.NamedRanges.getByName("Check").getReferredCells()
    if not errors and office.range_values(check) not in ([[True]], [[1.0]]):
        errors.append((check.Spreadsheet.Name, "Check", "FALSE", check.getCellByPosition(0, 0).Formula))
    save(office, doc, out, "make_population.py")
    return errors


def report(out: Path, errors: list) -> bool:
    """Prints the error cells a generator found (sheet, cell, text, formula) and what it wrote;
    True when there were errors (the generator then exits with 1)."""
    for sheet, cell, text, formula in errors:
        print(f"{out.name}: error cell {sheet}.{cell}: {text} {formula}", file=sys.stderr)
    print(f"wrote {out}" + (f" with {len(errors)} error cells" if errors else ""))
    return bool(errors)


def generator_arguments(doc: str) -> argparse.ArgumentParser:
    """The command line every generator shares."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=str(REPO / "data"),
                        help="folder of the CSV files (default <repo>/data)")
    parser.add_argument("--oxt", default=str(REPO / "build" / "kuntaplan-functions.oxt"),
                        help="the Kuntaplan extension to load in the private office (the build's "
                             "kuntaplan-functions.oxt: the functions without the templates)")
    parser.add_argument("--lang", choices=LANGUAGES, nargs="+", default=list(LANGUAGES),
                        help="languages of the sheet texts (addin/l10n/templates/<template>.tsv)")
    parser.add_argument("--out-dir", default=str(REPO / "build" / "templates"),
                        help="where the workbooks go, named in their language")
    parser.add_argument("--format", choices=("ots", "fods"), default="ots",
                        help="ots (what the build ships) or reproducible flat XML for diffs")
    return parser


def run_generator(doc: str, argv: list[str] | None, templates) -> int:
    """Parses the shared command line and builds every template in every language asked for in
    one private office: `templates(args)` gives (template name, build(office, out, lang)) pairs."""
    args = generator_arguments(doc).parse_args(argv)
    failed = False
    with Office(args.oxt, mode="bundled") as office:
        for template, build_one in templates(args):
            for lang in args.lang:
                out = Path(args.out_dir) / f"{output_name(template, lang)}.{args.format}"
                failed |= report(out, build_one(office, out, lang))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    def templates(args):
        data = load_data(Path(args.data))
        return [("population", lambda office, out, lang: build(office, data, out, lang))]
    return run_generator(__doc__, argv, templates)


if __name__ == "__main__":
    sys.exit(main())
