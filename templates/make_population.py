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
SUMMARY_CHART_ROW = 39                   # 0-based row where the Summary charts start (page 2)
PYRAMID_CHART_COL = 6                    # Pyramid chart starts at column G (helpers in A:E)
PYRAMID_CHART_MM = (180, 245)            # width, height: inside an A4 portrait page


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
    net = {k: imm[k] - emi[k] for k in imm}
    return {"base": base, "fert": fert, "mort": mort, "net": net}


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
     "from 31 Dec 2019 to 31 Dec 2040 with the Kuntaplan function POP.PROJECT, and shows the age "
     "bands that municipal services plan for (day care 1–2 and 3–6, primary school 7–12, lower "
     "secondary 13–15, upper secondary 16–18, working age 19–64, older people 65–74, 75–84, 85+), "
     "births, deaths, net migration, the total fertility rate and a population pyramid.", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("How to change the scenario", "head"),
    ("Go to the sheet Scenario and change the yellow input cells: the fertility multiplier (1 = "
     "Statistics Finland's assumption; 0.9 = 10 % fewer births per woman), the migration multiplier "
     "(scales the net international migration of every age, sex and year) and the sex ratio at birth "
     "(males per female). Every other sheet follows.", None),
    ("To use other rates, paste them over the values on Fertility, Mortality or Migration keeping "
     "the layout (ages down, years across, per 1000 as published for fertility and mortality). "
     "To project another municipality, paste its population on Base (B2:C101).", None),
    ("", None),
    ("Sheets", "head"),
    ("Base — population 31 Dec 2019 by age (rows 2–101) and sex (B male, C female).", None),
    ("Fertility — age-specific fertility rates, births per 1000 women, ages 15–49 (rows 2–36), "
     "years 2020–2040 (columns B–V).", None),
    ("Mortality — probabilities of death per 1000, ages 0–99 (rows 2–101) and, in row 102, those born "
     "during the year; a male/female column pair per year 2020–2040 (columns B–AQ).", None),
    ("Migration — net international migrants (immigrants − emigrants), ages 0–99, male/female pair "
     "per year 2020–2040 (columns B–AQ).", None),
    ("Scenario — the inputs.", None),
    ("Projection — population 31 Dec 2019–2040 by sex and age (one array formula, C2:X201) and the "
     "components of change (C204:X208).", None),
    ("Summary — age bands, components of change, total fertility rate, key figures and the "
     "consistency check (the named cell Check is TRUE when the figures add up).", None),
    ("Pyramid — the population pyramid 2019 and 2040.", None),
    ("", None),
    ("Method", "head"),
    ("Cohort-component projection in single years of age and single calendar years (Kuntaplan "
     "POP.PROJECT): survivors are aged one year with the probabilities of death qx; the open group "
     "99+ keeps its survivors; births = Σ fertility rate × mean number of women in the age during the "
     "year, split by the sex ratio at birth; newborns survive with the probability for those born "
     "during the year; half of the year's net migrants arrive at the start of the year and half at "
     "its end.", None),
    ("", None),
    ("Limitations", "head"),
    ("Only international migration is in the source data: domestic migration (moves between Helsinki "
     "and other Finnish municipalities, a large part of Helsinki's growth) is not included. The "
     "result is therefore NOT Statistics Finland's official population projection for Helsinki; it "
     "is a worked example of the method on real assumptions.", None),
    ("The base population is the sum of Helsinki's 148 sub-areas (653,835); the official total for "
     "31 Dec 2019 was 656,920 (about 3,000 people have no sub-area).", None),
    ("", None),
    ("Sources / Lähteet", "head"),
    ("Statistics Finland (Tilastokeskus): population projection 2019 (Väestöennuste 2019), "
     "assumptions on fertility, mortality and international migration for 2020–2040; population of "
     "Helsinki on 31 Dec 2019. Licence CC BY 4.0.", None),
    ("Lähde: Tilastokeskus, väestöennuste 2019 (hedelmällisyys-, kuolevuus- ja "
     "maahanmuutto-oletukset 2020–2040) ja Helsingin väestö 31.12.2019 osa-alueittain. "
     "Lisenssi CC BY 4.0.", None),
    ("Data obtained via the City of Porvoo's open population projection model (Porvoon kaupungin "
     "avoin väestöennustemalli): github.com/Porvoon-kehitysyksikko/Vaestoennuste, folder "
     "Esimerkkiparametrit/, commit d4523fb5f243f561d827d671f40e20251a1263d9, MIT licence.", None),
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
                           "mortality assumptions 2020–2040 (the same for every area); via "
                           "Porvoon-kehitysyksikko/Vaestoennuste (MIT). CC BY 4.0."]])
    last = col_name(2 * STEPS)  # AQ
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"B2:{last}102"), fmt="0.000")
    book.style(sh.getCellRangeByName("A104:A105"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A102"), halign="LEFT")
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
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"B2:{last}102"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName(f"A102:{last}102"), bold=True)
    book.style(sh.getCellRangeByName("A104:A105"), italic=True, color=NOTE_GREY)
    book.style(sh.getCellRangeByName("A2:A101"), halign="LEFT")
    book.widths(sh, {0: 14, **{c: 22 for c in range(1, 2 * STEPS + 1)}})
    book.freeze(sh, 1, 1)


def build_scenario(book: Book) -> None:
    sh = book.sheet("Scenario", 5)
    texts = {
        "A1": "Scenario inputs",
        "A2": "Change only the yellow cells marked INPUT; everything else is computed.",
        "A4": "Input", "B4": "Value", "D4": "Meaning",
        "A5": "Fertility multiplier", "C5": "INPUT",
        "D5": "Multiplies every age-specific fertility rate of every year "
              "(1 = Statistics Finland 2019 assumption).",
        "A6": "Migration multiplier", "C6": "INPUT",
        "D6": "Multiplies the net international migrants of every age, sex and year "
              "(1 = as published, 0 = no migration).",
        "A7": "Sex ratio at birth", "C7": "INPUT", "D7": "Boys born per girl.",
        "A9": "Fixed by the layout and resulting figures",
        "A10": "Base year (31 Dec)", "D10": "Population on the sheet Base.",
        "A11": "Last projection year",
        "D11": "21 one-year steps; the rates on Fertility, Mortality and Migration give each year.",
        "A12": "Total fertility rate 2020", "D12": "Children per woman after the multiplier.",
        "A13": "Total fertility rate 2040", "D13": "Children per woman after the multiplier.",
        "A14": "Net migration 2020", "D14": "Persons, after the multiplier.",
    }
    for cell, text in texts.items():
        sh.getCellRangeByName(cell).String = text
    for cell, value in {"B5": 1, "B6": 1, "B7": 1.05, "B10": BASE_YEAR, "B11": YEARS[-1]}.items():
        sh.getCellRangeByName(cell).Value = value
    sh.getCellRangeByName("B12").setFormula("=POP.TFR(Fertility.B2:B36)/1000*FertilityMultiplier")
    sh.getCellRangeByName("B13").setFormula("=POP.TFR(Fertility.V2:V36)/1000*FertilityMultiplier")
    sh.getCellRangeByName("B14").setFormula("=Migration.B102*MigrationMultiplier"
                                            "+Migration.C102*MigrationMultiplier")
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName("A4:D4"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A9"), bold=True)
    inputs = sh.getCellRangeByName("B5:B7")
    book.style(inputs, fill=INPUT_FILL, bold=True, fmt="0.000")
    prot = inputs.CellProtection
    prot.IsLocked = False
    inputs.CellProtection = prot
    book.style(sh.getCellRangeByName("C5:C7"), bold=True, color=0xC00000)
    book.style(sh.getCellRangeByName("B10:B11"), fmt="0")
    book.style(sh.getCellRangeByName("B12:B13"), fmt="0.000")
    book.style(sh.getCellRangeByName("B14"), fmt="#,##0")
    book.style(sh.getCellRangeByName("A2"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 55, 1: 22, 2: 16, 3: 160})
    for name, cell in (("FertilityMultiplier", "$Scenario.$B$5"),
                       ("MigrationMultiplier", "$Scenario.$B$6"),
                       ("SexRatioAtBirth", "$Scenario.$B$7")):
        book.name(name, cell)


def projection_args() -> str:
    last = col_name(2 * STEPS)
    return ("$Base.$B$2:$C$101;"
            "$Fertility.$B$2:$V$36/1000*FertilityMultiplier;"
            f"$Mortality.$B$2:${last}$102/1000;"
            f"$Migration.$B$2:${last}$101*MigrationMultiplier;"
            f"{STEPS}")


def build_projection(book: Book) -> None:
    sh = book.sheet("Projection", 6)
    years = [BASE_YEAR] + YEARS
    last = col_name(2 + STEPS)  # X
    book.put(sh, "A1", [["Sex", "Age"] + years])
    labels = [[sex, age_label(a)] for sex in ("Male", "Female") for a in range(AGES)]
    book.put(sh, "A2", labels)
    options = '"srb="&SexRatioAtBirth'
    sh.getCellRangeByName(f"C2:{last}201").setArrayFormula(
        f'=POP.PROJECT({projection_args()};"both";{options})')
    book.put(sh, "A203", [["Components", ""] + years])
    book.put(sh, "A204", [["Population 31 Dec"], ["Births"], ["Deaths"], ["Net migration"],
                          ["Natural increase"]])
    sh.getCellRangeByName(f"C204:{last}208").setArrayFormula(
        f'=POP.PROJECT({projection_args()};"summary";{options})')
    book.put(sh, "A210", [["Population on 31 Dec of each year by sex and age (99 = 99 and over), "
                           "from one array formula over C2:X201 (males rows 2–101, females rows "
                           "102–201); components of change during each year in rows 204–208."],
                          ["Cohort-component projection, Kuntaplan POP.PROJECT: base = Base, "
                           "fertility = Fertility/1000 × multiplier, mortality = Mortality/1000 "
                           "(with the born-in-year row), migration = Migration × multiplier."]])
    book.style(sh.getCellRangeByName(f"A1:{last}1"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"A203:{last}203"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"C1:{last}1"), fmt="0")
    book.style(sh.getCellRangeByName(f"C203:{last}203"), fmt="0")
    book.style(sh.getCellRangeByName(f"C2:{last}201"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C204:{last}208"), fmt="#,##0")
    book.style(sh.getCellRangeByName("B2:B201"), halign="LEFT")
    book.style(sh.getCellRangeByName("A210:A211"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 40, 1: 12, **{c: 20 for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 1)


def build_summary(book: Book) -> None:
    sh = book.sheet("Summary", 7)
    years = [BASE_YEAR] + YEARS
    last = col_name(2 + STEPS)  # X (columns C..X = 2019..2040, as on Projection)
    book.put(sh, "A1", [["Summary: Helsinki population 31 Dec 2019–2040 by age band"]])
    book.put(sh, "A3", [["Age band", "From age"] + years])
    book.put(sh, "A4", [[label, lower] for lower, label in BANDS])
    sh.getCellRangeByName(f"C4:{last}13").setArrayFormula(
        f"=POP.AGGREGATE($Projection.C2:{last}101+$Projection.C102:{last}201;B4:B13)")
    book.put(sh, "A14", [["Total of the bands"], ["Population (projection)"], ["Births"],
                         ["Deaths"], ["Net migration"], ["Natural increase"],
                         ["Total fertility rate"]])
    for i, col in enumerate(col_name(2 + k) for k in range(STEPS + 1)):
        sh.getCellRangeByName(f"{col}14").setFormula(f"=SUM({col}4:{col}13)")
        sh.getCellRangeByName(f"{col}15").setFormula(f"=$Projection.{col}204")
        if i > 0:
            for row, src in ((16, 205), (17, 206), (18, 207), (19, 208)):
                sh.getCellRangeByName(f"{col}{row}").setFormula(f"=$Projection.{col}{src}")
            fcol = col_name(i)  # Fertility column of the year (B = 2020)
            sh.getCellRangeByName(f"{col}20").setFormula(
                f"=POP.TFR($Fertility.{fcol}$2:{fcol}$36)/1000*FertilityMultiplier")

    # Checks and key figures
    book.put(sh, "A22", [["Consistency checks"]])
    book.put(sh, "A23", [["Bands add up to the population in every year"],
                         ["Population 2040 − 2019 = births − deaths + net migration"],
                         ["Sexes and ages add up to the population in every year"],
                         ["All checks (named range Check)"]])
    sh.getCellRangeByName("C23").setFormula(
        f"=SUMPRODUCT(ABS(C14:{last}14-C15:{last}15))<=1E-006*MAX(C15:{last}15)")
    sh.getCellRangeByName("C24").setFormula(
        f"=ABS(({last}15-C15)-(SUM(D16:{last}16)-SUM(D17:{last}17)+SUM(D18:{last}18)))"
        f"<=1E-006*{last}15")
    sh.getCellRangeByName("C25").setFormula(
        f"=SUMPRODUCT(ABS(MMULT(TRANSPOSE($Projection.C2:C201^0);$Projection.C2:{last}201)"
        f"-C15:{last}15))<=1E-006*MAX(C15:{last}15)")
    sh.getCellRangeByName("C26").setFormula("=AND(C23:C25)")
    book.name("Check", "$Summary.$C$26")

    book.put(sh, "A28", [["Key figures"]])
    book.put(sh, "A29", [["Population 31 Dec 2019"], ["Population 31 Dec 2040"],
                         ["Births 2020"], ["Children 7–12 in 2040"], ["Children 13–15 in 2040"],
                         ["Total fertility rate 2020"]])
    for row, formula in ((29, "=C15"), (30, f"={last}15"), (31, "=D16"), (32, f"={last}7"),
                         (33, f"={last}8"), (34, "=D20")):
        sh.getCellRangeByName(f"C{row}").setFormula(formula)
    book.name("KeyFigures", "$Summary.$A$29:$C$34")

    book.put(sh, "A36", [["Ages on 31 Dec. Bands: POP.AGGREGATE of the projection (both sexes) with "
                          "the lower ages in column B. Flows are during the year. Total fertility "
                          "rate: POP.TFR of the year's rates / 1000 × fertility multiplier."],
                         ["Not Statistics Finland's official projection for Helsinki: domestic "
                          "migration is not included (see Read me)."]])
    # formats
    book.style(sh.getCellRangeByName("A1"), bold=True)
    sh.getCellRangeByName("A1").CharHeight = 14.0
    book.style(sh.getCellRangeByName(f"A3:{last}3"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName(f"C3:{last}3"), fmt="0")
    book.style(sh.getCellRangeByName(f"C4:{last}19"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C20:{last}20"), fmt="0.000")
    book.style(sh.getCellRangeByName(f"A14:{last}15"), bold=True)
    book.style(sh.getCellRangeByName("A22"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A28"), bold=True, fill=HEADER_FILL)
    book.style(sh.getCellRangeByName("A26:C26"), bold=True)
    book.style(sh.getCellRangeByName("C29:C33"), fmt="#,##0", bold=True)
    book.style(sh.getCellRangeByName("C34"), fmt="0.000", bold=True)
    book.style(sh.getCellRangeByName("A36:A37"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 100, 1: SUMMARY_YEAR_COL_MM, **{c: SUMMARY_YEAR_COL_MM for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 3)

    # Line chart: children and young people by band over the years (bands 0 .. 16–18).
    add_line_chart(book, sh, "AgeBandsChildren", "Children and young people by age band",
                   f"A3:{last}9", Rectangle(1000, 0, 24500, 30000), skip_col_b=True)
    add_line_chart(book, sh, "AgeBandsOlder", "Older people by age band",
                   f"A3:{last}3,A11:{last}13", Rectangle(26500, 0, 24500, 30000),
                   skip_col_b=True)


def add_line_chart(book: Book, sh, name: str, title: str, ranges: str, rect, skip_col_b):
    """A line chart of rows (series) over the year columns. `ranges`: comma-separated ranges
    of which the first holds the header row; column B (the lower ages) is left out."""
    addresses = []
    for part in ranges.split(","):
        a = sh.getCellRangeByName(part).RangeAddress
        if skip_col_b:
            # label column A and the year columns C.., without column B
            addresses.append(CellRangeAddress(a.Sheet, 0, a.StartRow, 0, a.EndRow))
            addresses.append(CellRangeAddress(a.Sheet, 2, a.StartRow, a.EndColumn, a.EndRow))
        else:
            addresses.append(a)
    # below the notes, on the row where the Summary's second printed page starts
    rect.Y = sh.getCellByPosition(0, SUMMARY_CHART_ROW).Position.Y
    sh.Charts.addNewByName(name, rect, tuple(addresses), True, True)
    chart = sh.Charts.getByName(name).EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.LineDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
    chart.HasMainTitle = True
    chart.Title.String = title
    chart.HasLegend = True
    chart.Legend.Alignment = uno.Enum("com.sun.star.chart.ChartLegendPosition", "BOTTOM")
    # The Summary prints at about half size (1 page wide): large text stays readable.
    chart.Title.CharHeight = 22.0
    for part in (chart.Diagram.XAxis, chart.Diagram.YAxis, chart.Legend):
        part.CharHeight = 16.0


def build_pyramid(book: Book) -> None:
    sh = book.sheet("Pyramid", 8)
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

    # The chart starts at column G, row 1: the print range (set_up_printing) begins there, so
    # the helper columns A:E are not printed.
    origin = sh.getCellByPosition(PYRAMID_CHART_COL, 0).Position
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
    Summary (A4 landscape, 1 page wide: two print ranges, the table and notes on page 1, the
    charts on page 2) and Pyramid (the chart
    alone on one A4 portrait page; the helper columns A:E are outside the print range). The
    other sheets keep the default page style and print whole when printed by hand."""
    doc = book.doc
    last = col_name(2 + STEPS)  # X

    sh = doc.Sheets.getByName("Read me")
    sh.Rows.OptimalHeight = True
    page_style(book, "Report portrait", landscape=False, pages_x=1, pages_y=0)
    sh.PageStyle = "Report portrait"
    sh.setPrintAreas((sh.getCellRangeByName(f"A1:A{len(README)}").RangeAddress,))

    sh = doc.Sheets.getByName("Summary")
    page_style(book, "Report landscape", landscape=True, pages_x=1, pages_y=2)
    sh.PageStyle = "Report landscape"
    bottom = max(chart_bottom(sh, name) for name in sh.Charts.getElementNames())
    _, end_row = cell_at(sh, 0, bottom)
    sh.setPrintAreas((sh.getCellRangeByName(f"A1:{last}{SUMMARY_CHART_ROW - 1}").RangeAddress,
                      sh.getCellRangeByName(f"A{SUMMARY_CHART_ROW + 1}:{last}{end_row + 1}")
                      .RangeAddress))

    sh = doc.Sheets.getByName("Pyramid")
    page_style(book, "Report chart portrait", landscape=False, pages_x=1, pages_y=1)
    sh.PageStyle = "Report chart portrait"
    shape = chart_shape(sh, "Pyramid")
    pos, size = shape.Position, shape.Size
    start_col, start_row = cell_at(sh, pos.X, pos.Y)
    end_col, end_row = cell_at(sh, pos.X + size.Width, pos.Y + size.Height)
    sh.setPrintAreas((CellRangeAddress(sh.RangeAddress.Sheet, start_col, start_row,
                                       end_col, end_row),))


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
    build_migration(book, data)
    build_scenario(book)
    build_projection(book)
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
        raise SystemExit("no translation in templates/l10n/population.tsv for:\n" + "\n".join(missing))
    errors = office.error_cells(doc)
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
                        help="languages of the sheet texts (templates/l10n/<template>.tsv)")
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
