#!/usr/bin/python3
"""Builds the school-network template workbook (school-network.ots, kouluverkko.ots, skolnätverk.ots).

    /usr/bin/python3 templates/make_school_network.py [DATA_DIR] [--oxt build/kuntaplan-functions.oxt]
        [--lang en fi sv] [--out-dir build/templates] [--format ots|fods]

All of Helsinki's 148 sub-areas projected to 2040 the way the Helsinki-region cities project them
(data/README.md, "Sub-areas, existing stock" and "Sub-areas, new housing"): the existing stock with
POP.PROJECT (K areas, each sub-area's movers in and out × its migration type's profile, its
fertility and mortality deviations as area_factors), the new housing of Helsinki's housing
programme with POP.HOUSING (149 development units), both reconciled to the city's projection
(all six gross flows) with POP.CONSTRAIN per sex and age; pupils by grade per sub-area; one
EXAMPLE school per district (peruspiiri) with an EXAMPLE capacity; the capacity gap per school and
year (NETWORK.GAP); which new areas drive each school's gap; an assignment example (NETWORK.ASSIGN)
and a small-school risk example (POP.RISK) in eastern Helsinki; charts; and a named cell Check that
is TRUE when the figures are consistent. Like make_population.py it runs a private headless
office with the extension.

Every generator takes the same command line (make_population.generator_arguments): DATA_DIR
(default <repo>/data), --oxt (default build/kuntaplan-functions.oxt, the extension without its
templates, which the build makes first), --lang (default en fi sv), --out-dir (default
build/templates) and --format ots|fods. The build (templates/CMakeLists.txt) runs it and ships the
.ots files; the generator is the template's only source in the repository.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "calc"))
sys.path.insert(0, str(HERE))

import uno  # noqa: E402
from com.sun.star.awt import Rectangle  # noqa: E402
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.table import CellRangeAddress  # noqa: E402

from kpoffice import Office, column_name as col_name  # noqa: E402
from make_population import (write_readme, AGES, BASE_YEAR, HEADER_FILL, INPUT_FILL,  # noqa: E402
                             NOTE_GREY, ORIGINS, REGION_OPTIONS, SRB, STEPS, YEARS, Book, load_data,
                             run_generator, save)
from localise import localise  # noqa: E402

# ------------------------------------------------------------------------------- the model's shape

# Every projection is written in these bands: 0–6, the school ages 7..15 one by one, 16+. The
# school ages are single years, so the pupils are reconciled age by age as the region model does;
# the two outer bands are reconciled as bands (the school figures do not use them).
BAND_LOWER = [0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
BANDS = len(BAND_LOWER)                               # 11 rows per area or unit
BAND_LABELS = ["0–6", *range(7, 16), "16+"]
BAND_OPTION = "bands=" + ",".join(str(a) for a in BAND_LOWER)
ENTRY_AGE, GRADES = 7, 9                              # grade g = age 6 + g (bands 1..9)
STOCK_OPTIONS = f"{REGION_OPTIONS}{SRB!r};{BAND_OPTION}"
HOUSING_OPTIONS = f"births=start;srb={SRB!r};{BAND_OPTION}"
COMPLETION_YEARS = 16                                 # the programme's 2020..2035
UNKNOWN_AREA = 999                                    # the movers file's "091999999 Tuntematon"
# Types 6 (student) and 7 (senior housing) have no retention coefficients in the data; they take
# those of the type with the same migration type (data/README.md): 6 ← 4, 7 ← 3.
RETENTION_SOURCE = [1, 2, 3, 4, 5, 4, 3]
YEAR_COLS = [col_name(2 + k) for k in range(STEPS + 1)]   # C..X = 2019..2040
LAST = YEAR_COLS[-1]
FEMALE_COLS = [col_name(4 + STEPS + k) for k in range(STEPS + 1)]  # Z..AU
FLAST = FEMALE_COLS[-1]
BAND_COL = col_name(6 + 2 * STEPS)                    # AW: Projection's band number 0..10 of each row

# Helsinki's districts (peruspiirit): the 4th-5th digits of a sub-area's 8-digit code in the data
# (09113203 → 13). Names: City of Helsinki, the district division (Helsingin aluejako, peruspiirit),
# in Finnish; the Swedish names are in addin/l10n/templates/school-network.tsv.
DISTRICTS = {
    11: "Vironniemi", 12: "Ullanlinna", 13: "Kampinmalmi", 14: "Taka-Töölö", 15: "Lauttasaari",
    21: "Reijola", 22: "Munkkiniemi", 23: "Haaga", 24: "Pitäjänmäki", 25: "Kaarela",
    31: "Kallio", 32: "Alppiharju", 33: "Vallila", 34: "Pasila", 35: "Vanhakaupunki",
    41: "Maunula", 42: "Länsi-Pakila", 43: "Tuomarinkylä", 44: "Oulunkylä", 45: "Itä-Pakila",
    51: "Latokartano", 52: "Pukinmäki", 53: "Malmi", 54: "Suutarila", 55: "Puistola", 56: "Jakomäki",
    61: "Kulosaari", 62: "Herttoniemi", 63: "Laajasalo",
    71: "Vartiokylä", 72: "Myllypuro", 73: "Mellunkylä", 74: "Vuosaari", 81: "Östersundom",
}
# EXAMPLE capacity of each district's school: its pupils (ages 7–15) on 31 Dec 2019 plus this
# share, rounded up to whole 50 places: full at the start, with a little room.
CAPACITY_ROOM = 0.05
M2_PER_PUPIL = 11.0                          # EXAMPLE floor-area standard
PUPILS_PER_GROUP = 20                        # EXAMPLE teaching-group size
FOCUS_YEAR = 2030

# The assignment and risk examples: eleven sub-areas of eastern Helsinki and four EXAMPLE school
# buildings with EXAMPLE distances (km; None = no route).
EAST = [550, 560, 570, 580, 591, 592, 541, 547, 544, 545, 546]
EAST_SCHOOLS = ["Östersundom school", "Landbo school", "Vuosaari North school", "Vuosaari South school"]
EAST_CAPACITY = [150, 100, 1600, 1800]
EAST_CATCHMENTS = [[550, 560, 570, 580], [591, 592], [541, 547], [544, 545, 546]]
ASSIGN_YEAR = 2030
DISTANCES = [
    [1.0, 4.0, 8.0, 9.0],
    [2.5, 5.5, None, 10.5],
    [3.0, 6.5, 10.0, 11.0],
    [2.0, 4.5, 8.5, 9.5],
    [4.0, 1.0, 6.0, 7.0],
    [5.0, 1.5, 6.5, 7.5],
    [8.0, 6.0, 1.0, 2.0],
    [7.5, 5.5, 1.5, 2.5],
    [9.0, 7.0, 2.5, 1.0],
    [8.5, 6.5, 2.0, 1.5],
    [10.0, 8.0, 3.0, 1.0],
]
# 500 trials: a probability to ±4.4 percentage points (95 %, at p = 0.5), and the whole workbook
# recalculates in under a second (bench/bench_templates.py); raise it for a final answer.
RISK_FROM, RISK_TO, RISK_THRESHOLD, RISK_TRIALS, RISK_SEED = 7, 8, 20, 500, 1
EXAMPLE_FILL = 0xFCE4D6
SHEETS = ["Read me", "Inputs", "Areas", "Base", "Rates", "Movers", "Housing", "City", "Projection", "Reconciled",
          "Pupils", "Schools", "Grades", "Drivers", "Assignment", "Risk", "Check"]


# ------------------------------------------------------------------------------- the data

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass
class Area:
    code: int
    name: str            # "203 Jätkäsaari"
    district: int | None  # None for the unknown sub-area
    in_movers: float
    out_movers: float
    migration_type: int
    fertility_pct: float
    mortality_pct: float


@dataclass
class Unit:
    code: int
    type: int
    completions: list[float] = field(default_factory=lambda: [0.0] * COMPLETION_YEARS)


@dataclass
class SubareaData:
    areas: list[Area]
    base: list[list[float]]                  # 100 × 2K
    profile_keys: list[tuple[int, str]]      # (migration type, "in"/"out") of each profile column
    profiles: list[list[float]]              # 100 × 2T, by the age at the start of the year
    units: list[Unit]
    building: list[tuple[str, float, float]]  # per type: name, m² per resident, vacant share
    new_profiles: list[list[float]]          # 100 × 7
    retention: list[list[float]]             # 100 × 5 (types 1..5)

    def area_index(self, code: int) -> int:
        return [a.code for a in self.areas].index(code)


def load_subareas(data_dir: Path) -> SubareaData:
    areas = []
    for r in sorted(read_csv(data_dir / "fi_helsinki_subarea_movers_2017_19.csv"), key=lambda r: int(r["area_code"])):
        code = int(r["area_code"])
        full = r["area_name"]
        if code == UNKNOWN_AREA:
            name, district = "999 unknown sub-area", None
        else:
            name, district = full.split(" ", 1)[1], int(full[3:5])
            assert district in DISTRICTS, full
        areas.append(Area(code, name, district, float(r["in_movers_per_year"]), float(r["out_movers_per_year"]),
                          int(r["migration_type"]), float(r["fertility_deviation_pct"]),
                          float(r["mortality_deviation_pct"])))
    index = {a.code: k for k, a in enumerate(areas)}
    base = [[0.0] * (2 * len(areas)) for _ in range(AGES)]
    for r in read_csv(data_dir / "fi_helsinki_subareas_pop_2019-12-31.csv"):
        k = index[int(r["area_code"])]
        base[int(r["age"])][2 * k + (0 if r["sex"] == "male" else 1)] = float(r["pop"])
    by_key: dict[tuple[int, str], list[float]] = {}
    for r in read_csv(data_dir / "fi_helsinki_mover_profiles.csv"):
        by_key.setdefault((int(r["migration_type"]), r["direction"]), [0.0] * AGES)[int(r["age"])] = float(r["share"])
    keys = sorted(by_key)
    profiles = [[by_key[k][a] for k in keys] for a in range(AGES)]
    units: dict[tuple[int, int], Unit] = {}
    for r in read_csv(data_dir / "fi_helsinki_housing_completions_2020_2035.csv"):
        key = (int(r["area_code"]), int(r["building_type"]))
        unit = units.setdefault(key, Unit(*key))
        unit.completions[int(r["year"]) - 2020] += float(r["floor_area_m2"])
    building = [("", 0.0, 0.0)] * 7
    for r in read_csv(data_dir / "fi_helsinki_housing_building_types.csv"):
        building[int(r["building_type"]) - 1] = (r["building_type_name"], float(r["floor_m2_per_resident"]),
                                                 float(r["vacant_floor_area_pct"]) / 100)
    new_profiles = [[0.0] * 7 for _ in range(AGES)]
    for r in read_csv(data_dir / "fi_helsinki_housing_new_resident_profiles.csv"):
        new_profiles[int(r["age"])][int(r["building_type"]) - 1] = float(r["share"])
    retention = [[0.0] * 5 for _ in range(AGES)]
    for r in read_csv(data_dir / "fi_helsinki_housing_retention.csv"):
        retention[int(r["age"])][int(r["building_type"]) - 1] = float(r["retention_coefficient"])
    return SubareaData(areas, base, keys, profiles, list(units.values()), building, new_profiles, retention)


def city_gross(data: dict) -> list[list[float]]:
    """Helsinki's six flows summed by direction, A × 4Y (in male, in female, out male, out female a
    year), each moved one row down to the age at the end of the year (the region convention)."""
    table = [[0.0] * (4 * STEPS) for _ in range(AGES)]
    for y, year in enumerate(YEARS):
        for _, inflow, outflow, _, _ in ORIGINS:
            for a in range(AGES):
                for s, sex in enumerate(("male", "female")):
                    row = min(a + 1, AGES - 1)
                    table[row][4 * y + s] += data["gross"][inflow][(year, sex, a)]
                    table[row][4 * y + 2 + s] += data["gross"][outflow][(year, sex, a)]
    return table


# ------------------------------------------------------------------------------- helpers

def set_cells(sh, values: dict[str, object]) -> None:
    for cell, value in values.items():
        target = sh.getCellRangeByName(cell)
        if isinstance(value, str):
            target.String = value
        else:
            target.Value = value


def header(book: Book, rng) -> None:
    """A row of column titles: bold on the header colour, wrapped rather than cut off by the next
    title (the columns are wide enough for each title's longest word, in fi and sv too)."""
    book.style(rng, bold=True, fill=HEADER_FILL, wrap=True)


# Columns with a sub-area's name in their title ("010 Kruununhaka in M"): the longest word of a name,
# "Kruunuvuorenranta" in bold, needs 39.5 mm. Columns with a sub-area's name in their cells: the
# longest name, "190 Mustikkamaa-Korkeasaari", needs 54.5 mm, with a unit's "(tyyppi 3)" 72.8 mm.
AREA_TITLE_MM = 40
AREA_NAME_MM = 56
UNIT_NAME_MM = 75


def mark_example(book: Book, rng) -> None:
    book.style(rng, fill=EXAMPLE_FILL, bold=True)
    prot = rng.CellProtection
    prot.IsLocked = False
    rng.CellProtection = prot


def put_formulas(sh, top_left: str, rows: list[list[str]]) -> None:
    start = sh.getCellRangeByName(top_left).CellAddress
    rng = sh.getCellRangeByPosition(start.Column, start.Row, start.Column + len(rows[0]) - 1,
                                    start.Row + len(rows) - 1)
    rng.setFormulaArray(tuple(tuple(r) for r in rows))


def add_conditional_red(sh, rng_name: str) -> None:
    rng = sh.getCellRangeByName(rng_name)
    cf = rng.ConditionalFormat
    cf.clear()

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p
    cf.addNew((prop("Operator", uno.Enum("com.sun.star.sheet.ConditionOperator", "LESS")),
               prop("Formula1", "0"), prop("StyleName", "Bad")))
    rng.ConditionalFormat = cf


# A chart is at most 27 × 13.5 cm, what a 1366 × 768 screen shows whole at 100 % (tests/calc/display.py).
CHART_HEIGHT = 13000


def chart(sh, name: str, rect, ranges, title: str, kind: str, *, by_rows: bool, stacked=False,
          horizontal=False):
    sh.Charts.addNewByName(name, rect, ranges, True, True)
    doc = sh.Charts.getByName(name).EmbeddedObject
    doc.setDiagram(doc.createInstance(f"com.sun.star.chart.{kind}"))
    doc.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS" if by_rows else "COLUMNS")
    if stacked:
        doc.Diagram.Stacked = True
    if horizontal:
        # the schools' bars down a chart of a screen's height: every school's name (8 pt, which
        # fits a bar's height; Calc would skip every other one) at the left edge, not over the bars
        # along the zero line; the legend below, so that the bars keep the width
        doc.Diagram.Vertical = True
        axis = doc.Diagram.XAxis
        axis.CharHeight = 8.0
        axis.TextCanOverlap = True
        axis.LabelPosition = uno.Enum("com.sun.star.chart.ChartAxisLabelPosition", "OUTSIDE_START")
    doc.HasMainTitle = True
    doc.Title.String = title
    doc.HasLegend = True
    if horizontal:
        doc.Legend.Alignment = uno.Enum("com.sun.star.chart.ChartLegendPosition", "BOTTOM")
    return doc


# ------------------------------------------------------------------------------- layout

K_ROW0 = 2                      # Areas: first data row
PROJ_ROW0 = 2                   # Projection / Reconciled: first data row


@dataclass
class Layout:
    """Row numbers (1-based) that several sheets share."""
    k: int                      # sub-areas
    u: int                      # development units

    @property
    def stock_last(self) -> int:
        return PROJ_ROW0 + self.k * BANDS - 1

    @property
    def proj_last(self) -> int:
        return PROJ_ROW0 + (self.k + self.u) * BANDS - 1

    def area_row(self, k: int, band: int) -> int:
        return PROJ_ROW0 + k * BANDS + band

    def unit_row(self, u: int, band: int) -> int:
        return PROJ_ROW0 + (self.k + u) * BANDS + band

    @property
    def pupils_last(self) -> int:
        return 2 + GRADES * self.k


def district_pupils_2019(d: SubareaData) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    for k, area in enumerate(d.areas):
        if area.district is not None:
            out[area.district] += sum(d.base[a][2 * k + s] for a in range(ENTRY_AGE, ENTRY_AGE + GRADES) for s in (0, 1))
    return out


def capacities(d: SubareaData) -> list[float]:
    pupils = district_pupils_2019(d)
    return [50.0 * math.ceil(pupils[code] * (1 + CAPACITY_ROOM) / 50) for code in sorted(DISTRICTS)]


# ------------------------------------------------------------------------------- sheets

README = [
    ("Kuntaplan — school network: pupils per school from existing housing and new housing "
     "(Helsinki's 148 sub-areas, 2019–2040)", "title"),
    ("", None),
    ("What this workbook answers", "head"),
    ("Which schools will be short of places, when, and because of which new residential area. It "
     "projects each of Helsinki's 148 sub-areas in two parts, as the Helsinki-region cities do: the "
     "existing housing stock (POP.PROJECT, all sub-areas in one call: each sub-area's movers in and "
     "out spread by its migration type's age profile, its own fertility level) and the new housing of "
     "the city's housing programme (POP.HOUSING: 149 development units, 8.1 million m² of floor area "
     "in 2020–2035, whose residents arrive by building type and then age). The sum is scaled to the "
     "city's own projection (all six migration flows) for each sex, age and year (POP.CONSTRAIN). The "
     "ages 7–15 become pupils of grades 1–9 (grade g = age 6 + g) per sub-area and per school, with "
     "the capacity gap (NETWORK.GAP; shortages in red), floor area and teaching groups, and the sheet "
     "Drivers shows how many of each school's pupils live in new housing and which new area adds "
     "the most.", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("EXAMPLE inputs — read this", "head"),
    ("The schools are an EXAMPLE: one school per district (peruspiiri) taking the pupils of the "
     "district's sub-areas, not the City of Helsinki's real schools or catchments. Each capacity is "
     "an EXAMPLE: the district's pupils on 31 Dec 2019 plus 5 %, rounded up to 50 places. The "
     "floor-area standard, the teaching-group size and the eastern-Helsinki assignment example "
     "(school buildings, capacities, distances) are EXAMPLE values too. They are in orange cells on "
     "the sheet Inputs (a sub-area's school is on the sheet Areas). Replace them with your own.", None),
    ("", None),
    ("Sheets", "head"),
    ("Inputs — EXAMPLE schools and capacities, standards, the focus year of the sheet Drivers, the "
     "assignment example and the risk question.", None),
    ("Areas — the 148 sub-areas: their school, movers in and out a year, migration type, fertility "
     "and mortality deviations (%) and the factors POP.PROJECT takes from them.", None),
    ("Base — population 31 Dec 2019 by age and sex per sub-area.", None),
    ("Rates — Helsinki's fertility (per woman) and death probabilities (per person) 2020–2040.", None),
    ("Movers — the mover profiles by migration type and the movers of every sub-area by age and "
     "sex (MMULT of the profiles and the Areas sheet).", None),
    ("Housing — the housing programme: floor area completed per development unit and year, "
     "building types (m² per resident, vacant share), new residents' age profiles, retention "
     "coefficients.", None),
    ("City — Helsinki's projection with all six migration flows, and the reconciliation factors "
     "(city ÷ sum of the sub-areas) per sex, age and year.", None),
    ("Projection — each sub-area's existing stock and each unit's new housing, before "
     "reconciliation; Reconciled — the same scaled to the city.", None),
    ("Pupils — pupils by grade per sub-area (existing and new housing together).", None),
    ("Schools — pupils, capacity gap, floor area and teaching groups per school and year; Grades — "
     "pupils by grade per school; charts.", None),
    ("Drivers — per school, the pupils from the existing stock and from new housing, and the new "
     "area that adds the most in the focus year; per development unit its pupils and residents.", None),
    ("Assignment — an example of a least-distance assignment of eleven eastern sub-areas to four "
     "school buildings within capacity (NETWORK.ASSIGN). Risk — the probability that two small "
     "eastern catchments' grades 1–2 fall below 20 pupils (POP.RISK).", None),
    ("Check — consistency checks; the named cell Check is TRUE when they all hold.", None),
    ("", None),
    ("Methods", "head"),
    ("Existing stock: the region model's year step (data/README.md): people of each age survive, "
     "in-movers are added and out-movers (counts) taken away at the end of the year, births come "
     "from the women at the start of the year, 51 % of them boys. New housing: the people moving "
     "into the floor area completed in a year (floor area × occupied share ÷ m² per resident, the "
     "vacant share a year later), by the building type's age profile, then each year the residents "
     "aged a become a+1 in the ratio of the retention coefficient minus the death probability. "
     "Reconciliation: every sub-area's and unit's men (women) of an age are multiplied by the "
     "city's men (women) of that age ÷ their sum, so that they add up to the city's projection (ages "
     "0–6 and 16+ as two bands). See the user guide (docs/guide/population.md and network.md).", None),
    ("", None),
    ("Sources / Lähteet", "head"),
    ("Statistics Finland (Tilastokeskus): population of Helsinki's sub-areas 31 Dec 2019, the 2019 "
     "population projection assumptions (fertility, mortality, migration 2020–2040), CC BY 4.0. "
     "City of Helsinki: housing programme (completions 2020–2035). The Helsinki-region population "
     "model's parameters (movers per sub-area 2017–19, mover and new-resident profiles, building "
     "types, retention coefficients). All via the City of Porvoo's open population projection "
     "model, github.com/Porvoon-kehitysyksikko/Vaestoennuste, folder Esimerkkiparametrit/, commit "
     "d4523fb5f243f561d827d671f40e20251a1263d9 (MIT). Districts: City of Helsinki's district "
     "division (peruspiirit).", None),
    ("Lähde: Tilastokeskus ja Helsingin kaupunki (CC BY 4.0), Porvoon väestöennustemallin kautta. "
     "Koulut, kapasiteetit, mitoitukset ja etäisyydet ovat ESIMERKKEJÄ.", None),
]


def build_inputs(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Inputs", 1)
    codes = sorted(DISTRICTS)
    set_cells(sh, {"A1": "Inputs (orange = EXAMPLE values, not from a real source: replace them)",
                   "A3": "District", "B3": "School (EXAMPLE: one per district)", "C3": "Capacity (places)",
                   "D3": "Sub-areas (sheet Areas, column C)"})
    caps = capacities(d)
    for i, code in enumerate(codes):
        members = ", ".join(a.name for a in d.areas if a.district == code)
        book.put(sh, f"A{4 + i}", [[code, DISTRICTS[code], caps[i], members]])
    last = 3 + len(codes)
    row = last + 2
    set_cells(sh, {f"A{row}": "Floor area per pupil (m²)", f"A{row + 1}": "Pupils per teaching group",
                   f"A{row + 2}": "Focus year (sheet Drivers)"})
    set_cells(sh, {f"C{row}": M2_PER_PUPIL, f"C{row + 1}": PUPILS_PER_GROUP, f"C{row + 2}": FOCUS_YEAR})
    mark_example(book, sh.getCellRangeByName(f"C4:C{last}"))
    mark_example(book, sh.getCellRangeByName(f"C{row}:C{row + 1}"))
    book.style(sh.getCellRangeByName(f"C{row + 2}"), fill=INPUT_FILL, bold=True)
    book.name("SchoolCodes", f"$Inputs.$A$4:$A${last}")
    book.name("SchoolNames", f"$Inputs.$B$4:$B${last}")
    book.name("Capacity", f"$Inputs.$C$4:$C${last}")
    book.name("M2PerPupil", f"$Inputs.$C${row}")
    book.name("GroupSize", f"$Inputs.$C${row + 1}")
    book.name("FocusYear", f"$Inputs.$C${row + 2}")
    # the eastern-Helsinki examples
    top = row + 5
    set_cells(sh, {f"A{top}": "Assignment and risk examples (eastern Helsinki)",
                   f"A{top + 1}": "Assignment year", f"A{top + 2}": "Risk: ages from",
                   f"A{top + 3}": "Risk: ages to", f"A{top + 4}": "Risk: fewer than (pupils)",
                   f"A{top + 5}": "Risk: trials", f"A{top + 6}": "Risk: seed"})
    book.put(sh, f"C{top + 1}", [[v] for v in (ASSIGN_YEAR, RISK_FROM, RISK_TO, RISK_THRESHOLD, RISK_TRIALS, RISK_SEED)])
    book.style(sh.getCellRangeByName(f"C{top + 1}:C{top + 6}"), fill=INPUT_FILL, bold=True)
    for i, name in enumerate(("AssignYear", "RiskFrom", "RiskTo", "RiskThreshold", "RiskTrials", "RiskSeed")):
        book.name(name, f"$Inputs.$C${top + 1 + i}")
    srow = top + 8
    set_cells(sh, {f"A{srow}": "School building (EXAMPLE)", f"C{srow}": "Capacity (places)"})
    for i, school in enumerate(EAST_SCHOOLS):
        set_cells(sh, {f"A{srow + 1 + i}": school, f"C{srow + 1 + i}": EAST_CAPACITY[i]})
    mark_example(book, sh.getCellRangeByName(f"C{srow + 1}:C{srow + 4}"))
    book.name("AssignCapacity", f"$Inputs.$C${srow + 1}:$C${srow + 4}")
    drow = srow + 6
    sh.getCellRangeByName(f"A{drow}").String = "Distance (km) from sub-area to school building; a blank cell = no route"
    sh.getCellRangeByName(f"A{drow + 1}").String = "Sub-area"
    for j, school in enumerate(EAST_SCHOOLS):
        sh.getCellByPosition(2 + j, drow).String = school
    for i, code in enumerate(EAST):
        sh.getCellByPosition(0, drow + 1 + i).String = d.areas[d.area_index(code)].name
        for j, dist in enumerate(DISTANCES[i]):
            if dist is not None:
                sh.getCellByPosition(2 + j, drow + 1 + i).Value = dist
    dlast = drow + len(EAST)
    mark_example(book, sh.getCellRangeByName(f"C{drow + 2}:F{dlast + 1}"))
    book.name("Distance", f"$Inputs.$C${drow + 2}:$F${dlast + 1}")
    for rng in ("A3:D3", f"A{srow}:C{srow}", f"A{drow + 1}:F{drow + 1}"):
        header(book, sh.getCellRangeByName(rng))
    for cell in ("A1", f"A{top}", f"A{drow}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    book.style(sh.getCellRangeByName(f"C4:C{last}"), fmt="#,##0")
    # C..F: the schools' titles (Finnish "Östersundomin" in bold needs 31.4 mm)
    book.widths(sh, {0: 60, 1: 55, 2: 32, 3: 200, 4: 32, 5: 32})


def build_areas(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Areas", 2)
    k = len(d.areas)
    book.put(sh, "A1", [["Code", "Sub-area", "School (district, EXAMPLE)", "In-movers a year",
                         "Out-movers a year", "Migration type", "Fertility deviation %",
                         "Mortality deviation %", "Fertility factor", "Mortality factor",
                         "Profile column (in)", "Profile column (out)"]])
    book.put(sh, "A2", [[a.code, a.name, a.district if a.district is not None else "", a.in_movers, a.out_movers,
                         a.migration_type, a.fertility_pct, a.mortality_pct] for a in d.areas])
    # the profiles are sorted by type, "in" before "out": a type's in-profile is its first column
    types = "$Movers.$B$2:$" + col_name(len(d.profile_keys)) + "$2"
    put_formulas(sh, "I2", [[f"=1+G{r}/100", f"=1+H{r}/100", f"=MATCH(F{r};{types};0)", f"=K{r}+1"]
                            for r in range(2, k + 2)])
    header(book, sh.getCellRangeByName("A1:L1"))
    mark_example(book, sh.getCellRangeByName(f"C2:C{k + 1}"))
    book.style(sh.getCellRangeByName(f"D2:E{k + 1}"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName(f"G2:H{k + 1}"), fmt="0.0")
    book.style(sh.getCellRangeByName(f"I2:J{k + 1}"), fmt="0.000")
    note = k + 3
    sh.getCellRangeByName(f"A{note}").String = (
        "Movers: the region model's sub-area parameters (mean of 2017–19). Factor = 1 + deviation ÷ 100: "
        "POP.PROJECT multiplies the sub-area's fertility and death probabilities by it (area_factors). "
        "Sub-area 999 holds the people whose sub-area is not known: it belongs to no school.")
    book.style(sh.getCellRangeByName(f"A{note}"), italic=True, color=NOTE_GREY)
    # G..J: the titles' single words, Finnish "Hedelmällisyyspoikkeama" in bold, need up to 52.6 mm
    book.widths(sh, {0: 16, 1: AREA_NAME_MM, **{c: 32 for c in range(2, 12)}, **{c: 54 for c in range(6, 10)}})
    book.name("AreaCodes", f"$Areas.$A$2:$A${k + 1}")
    book.name("AreaNames", f"$Areas.$B$2:$B${k + 1}")
    book.name("AreaSchool", f"$Areas.$C$2:$C${k + 1}")
    book.name("AreaFactors", f"$Areas.$I$2:$J${k + 1}")
    book.freeze(sh, 2, 1)


def build_base(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Base", 3)
    k = len(d.areas)
    sh.getCellRangeByName("A1").String = "Population 31 Dec 2019 by age (99 = 99+), male/female per sub-area"
    book.put(sh, "B2", [[f"{a.name} {s}" for a in d.areas for s in ("M", "F")]])
    book.put(sh, "A3", [[a] for a in range(AGES)])
    book.put(sh, "B3", d.base)
    first = 2 * k + 2  # the risk example's catchments, after one empty column
    for c, codes in enumerate(EAST_CATCHMENTS[:2]):
        for s, label in enumerate(("M", "F")):
            column = first + 2 * c + s
            sh.getCellByPosition(column, 1).String = f"{EAST_SCHOOLS[c]} {label}"
            cols = [col_name(1 + 2 * d.area_index(code) + s) for code in codes]
            put_formulas(sh, f"{col_name(column)}3", [["=" + "+".join(f"{cl}{3 + a}" for cl in cols)] for a in range(AGES)])
    header(book, sh.getCellRangeByName(f"A2:{col_name(first + 3)}2"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.widths(sh, {c: AREA_TITLE_MM for c in range(1, first + 4)})
    book.name("SubareaBase", f"$Base.$B$3:${col_name(2 * k)}${2 + AGES}")
    for c in range(2):
        book.name(f"CatchmentBase{c + 1}", f"$Base.${col_name(first + 2 * c)}$3:${col_name(first + 2 * c + 1)}${2 + AGES}")
    book.freeze(sh, 1, 2)


def build_rates(book: Book, data: dict) -> None:
    sh = book.sheet("Rates", 4)
    last = col_name(2 * STEPS)
    set_cells(sh, {"A1": "Fertility: births per woman, ages 15–49 (rows 3–37), 2020–2040 (B–V)",
                   "A40": "Death probabilities qx per person, ages 0–99 (rows 42–141) and born in the "
                          "year (row 142); male/female pair per year 2020–2040"})
    book.put(sh, "A2", [["Age"] + YEARS])
    book.put(sh, "A3", [[a] + [data["fert"][(y, a)] / 1000 for y in YEARS] for a in range(15, 50)])
    book.put(sh, "A41", [["Age"] + [f"{y} {s}" for y in YEARS for s in ("M", "F")]])
    book.put(sh, "A42", [[a if a < AGES else "born"] +
                         [data["mort"][(y, s, a)] / 1000 for y in YEARS for s in ("male", "female")]
                         for a in range(AGES + 1)])
    book.name("Fertility", "$Rates.$B$3:$V$37")
    book.name("Mortality", f"$Rates.$B$42:${last}$142")
    for cell in ("A1", "A40"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    for rng in ("A2:V2", f"A41:{last}41"):
        header(book, sh.getCellRangeByName(rng))


MOVERS_PROFILE_ROW = 4          # Movers: age 0 of the profiles by the age at the start of the year
MOVERS_SHIFTED_ROW = 108        # ... by the age at the end of the year
MOVERS_INDEX_ROW = 210          # the profile column of each gross column
MOVERS_COUNT_ROW = 211          # movers per sex a year of each gross column
MOVERS_GROSS_ROW = 213          # age 0 of the gross block
MOVERS_CATCHMENT_ROW = 316      # age 0 of the risk example's catchments


def build_movers(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Movers", 5)
    k, p = len(d.areas), len(d.profile_keys)
    plast = col_name(p)
    glast = col_name(4 * k)
    set_cells(sh, {"A1": "Mover profiles: share of a migration type's movers by age at the start of the year "
                         "(each column sums to 1)",
                   "A2": "Migration type", "A3": "Direction"})
    book.put(sh, "B2", [[t for t, _ in d.profile_keys], [direction for _, direction in d.profile_keys]])
    book.put(sh, f"A{MOVERS_PROFILE_ROW}", [[a] + d.profiles[a] for a in range(AGES)])
    s0 = MOVERS_SHIFTED_ROW
    set_cells(sh, {f"A{s0 - 2}": "The same by the age at the end of the year (one row down; 99+ gets the ages 98 and 99)",
                   f"A{s0 - 1}": "Age"})
    book.put(sh, f"B{s0 - 1}", [[f"={col_name(1 + j)}2" for j in range(p)]])
    rows = [["0"] * p]
    for a in range(1, AGES - 1):
        rows.append([f"={col_name(1 + j)}{MOVERS_PROFILE_ROW + a - 1}" for j in range(p)])
    rows.append([f"={col_name(1 + j)}{MOVERS_PROFILE_ROW + AGES - 2}+{col_name(1 + j)}{MOVERS_PROFILE_ROW + AGES - 1}"
                 for j in range(p)])
    put_formulas(sh, f"B{s0}", rows)
    book.put(sh, f"A{s0}", [[a] for a in range(AGES)])
    g0 = MOVERS_GROSS_ROW
    set_cells(sh, {f"A{MOVERS_INDEX_ROW - 2}": "Movers of each sub-area a year by age at the end of the year and sex "
                                               "(in male, in female, out male, out female): movers ÷ 2 × the profile",
                   f"A{MOVERS_INDEX_ROW - 1}": "Sub-area",
                   f"A{MOVERS_INDEX_ROW}": "Profile column", f"A{MOVERS_COUNT_ROW}": "Movers a year per sex"})
    labels, index, count = [], [], []
    for i, area in enumerate(d.areas):
        r = K_ROW0 + i
        for j, (direction, sex) in enumerate((("in", "M"), ("in", "F"), ("out", "M"), ("out", "F"))):
            labels.append(f"{area.name} {direction} {sex}")
            index.append(f"=$Areas.${'K' if j < 2 else 'L'}${r}")
            count.append(f"=$Areas.${'D' if j < 2 else 'E'}${r}/2")
    book.put(sh, f"B{MOVERS_INDEX_ROW - 1}", [labels])
    put_formulas(sh, f"B{MOVERS_INDEX_ROW}", [index, count])
    book.put(sh, f"A{g0}", [[a] for a in range(AGES)])
    sh.getCellRangeByName(f"B{g0}:{glast}{g0 + AGES - 1}").setArrayFormula(
        f"=MMULT($B${s0}:${plast}${s0 + AGES - 1};(ROW($A$1:$A${p})=B{MOVERS_INDEX_ROW}:{glast}{MOVERS_INDEX_ROW})"
        f"*B{MOVERS_COUNT_ROW}:{glast}{MOVERS_COUNT_ROW})")
    book.name("Gross", f"$Movers.$B${g0}:${glast}${g0 + AGES - 1}")
    # The risk example's two catchments: the sums of their sub-areas' four columns.
    c0 = MOVERS_CATCHMENT_ROW
    sh.getCellRangeByName(f"A{c0 - 2}").String = "Risk example: movers of the catchments (sums of their sub-areas)"
    for c, codes in enumerate(EAST_CATCHMENTS[:2]):
        for j, (direction, sex) in enumerate((("in", "M"), ("in", "F"), ("out", "M"), ("out", "F"))):
            column = 1 + 4 * c + j
            sh.getCellByPosition(column, c0 - 2).String = f"{EAST_SCHOOLS[c]} {direction} {sex}"
            cols = [col_name(1 + 4 * d.area_index(code) + j) for code in codes]
            put_formulas(sh, f"{col_name(column)}{c0}",
                         [["=" + "+".join(f"{cl}{g0 + a}" for cl in cols)] for a in range(AGES)])
        book.name(f"CatchmentGross{c + 1}",
                  f"$Movers.${col_name(1 + 4 * c)}${c0}:${col_name(4 + 4 * c)}${c0 + AGES - 1}")
    book.put(sh, f"A{c0}", [[a] for a in range(AGES)])
    for cell in ("A1", f"A{s0 - 2}", f"A{MOVERS_INDEX_ROW - 2}", f"A{c0 - 2}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    for rng in (f"A2:{plast}3", f"A{s0 - 1}:{plast}{s0 - 1}", f"A{MOVERS_INDEX_ROW - 1}:{glast}{MOVERS_INDEX_ROW - 1}"):
        header(book, sh.getCellRangeByName(rng))
    book.style(sh.getCellRangeByName(f"B{g0}:{glast}{g0 + AGES - 1}"), fmt="0.00")
    # the catchments' titles and the labels of the index and count rows wrap; column A: the ages and
    # those labels (Finnish "Muuttotyyppi" in bold needs 27.3 mm)
    book.style(sh.getCellRangeByName(f"B{c0 - 1}:I{c0 - 1}"), wrap=True)
    book.style(sh.getCellRangeByName(f"A{MOVERS_INDEX_ROW}:A{MOVERS_COUNT_ROW}"), wrap=True)
    book.widths(sh, {0: AREA_TITLE_MM, **{c: AREA_TITLE_MM for c in range(1, max(p, 4 * k, 8) + 1)}})
    book.freeze(sh, 1, 0)


HOUSING_UNIT_ROW = 3            # Housing: first unit row


def build_housing(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Housing", 6)
    u = len(d.units)
    r0, rl = HOUSING_UNIT_ROW, HOUSING_UNIT_ROW + u - 1
    clast = col_name(3 + COMPLETION_YEARS)
    sh.getCellRangeByName("A1").String = ("Housing programme: floor area (m²) completed per development unit "
                                          "(a sub-area's housing of one building type) and year")
    book.put(sh, "A2", [["Development unit", "Sub-area code", "Building type", "School"] +
                        list(range(2020, 2020 + COMPLETION_YEARS))])
    rows = []
    for unit in d.units:
        name = d.areas[d.area_index(unit.code)].name
        rows.append([f"{name} (type {unit.type})", unit.code, unit.type, ""] + unit.completions)
    book.put(sh, f"A{r0}", rows)
    put_formulas(sh, f"D{r0}", [[f"=IF(INDEX(AreaSchool;MATCH(B{r};AreaCodes;0))=\"\";\"\";"
                                 f"INDEX(AreaSchool;MATCH(B{r};AreaCodes;0)))"] for r in range(r0, rl + 1)])
    b0 = rl + 4
    set_cells(sh, {f"A{b0 - 1}": "Building types (data/README.md)",
                   f"A{b0}": "Type", f"B{b0}": "Name", f"C{b0}": "Floor m² per resident", f"D{b0}": "Vacant share"})
    book.put(sh, f"A{b0 + 1}", [[t + 1, name, m2, vacant] for t, (name, m2, vacant) in enumerate(d.building)])
    p0 = b0 + 11
    set_cells(sh, {f"A{p0 - 1}": "New residents' age profile by building type (ages at the end of the arrival "
                                 "year; the shares of a type are rescaled to sum 1)",
                   f"A{p0}": "Age"})
    book.put(sh, f"B{p0}", [[f"Type {t}" for t in range(1, 8)]])
    book.put(sh, f"A{p0 + 1}", [[a] + d.new_profiles[a] for a in range(AGES)])
    q0 = p0 + AGES + 4
    set_cells(sh, {f"A{q0 - 1}": "Retention coefficients (residents aged a+1 at the end of a year ÷ aged a at "
                                 "its start, before deaths); types 6 and 7 have none in the data and take "
                                 "those of types 4 and 3",
                   f"A{q0}": "Age"})
    book.put(sh, f"B{q0}", [[f"Type {t}" for t in range(1, 8)]])
    book.put(sh, f"A{q0 + 1}", [[a] + d.retention[a] for a in range(AGES)])
    put_formulas(sh, f"G{q0 + 1}", [[f"={col_name(RETENTION_SOURCE[5])}{r}", f"={col_name(RETENTION_SOURCE[6])}{r}"]
                                    for r in range(q0 + 1, q0 + 1 + AGES)])
    header(book, sh.getCellRangeByName(f"A2:{clast}2"))
    for rng in (f"A{b0}:D{b0}", f"A{p0}:H{p0}", f"A{q0}:H{q0}"):
        header(book, sh.getCellRangeByName(rng))
    for cell in ("A1", f"A{b0 - 1}", f"A{p0 - 1}", f"A{q0 - 1}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    book.style(sh.getCellRangeByName(f"E{r0}:{clast}{rl}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C{b0 + 1}:C{b0 + 7}"), fmt="0.0")
    book.style(sh.getCellRangeByName(f"D{b0 + 1}:D{b0 + 7}"), fmt="0%")
    # the building types' names wrap in column B (the longest word, Finnish "Pienasuntovaltainen",
    # needs 34 mm), which also holds the units' sub-area codes
    book.style(sh.getCellRangeByName(f"B{b0 + 1}:B{b0 + 7}"), wrap=True)
    book.widths(sh, {0: UNIT_NAME_MM, 1: 40, 2: 25, 3: 22, **{c: 20 for c in range(4, 4 + COMPLETION_YEARS)}})
    names = {"Completions": f"$Housing.$E${r0}:${clast}${rl}", "UnitTypes": f"$Housing.$C${r0}:$C${rl}",
             "UnitCodes": f"$Housing.$B${r0}:$B${rl}", "UnitSchool": f"$Housing.$D${r0}:$D${rl}",
             "Building": f"$Housing.$C${b0 + 1}:$D${b0 + 7}",
             "NewProfiles": f"$Housing.$B${p0 + 1}:$H${p0 + AGES}",
             "Retention": f"$Housing.$B${q0 + 1}:$H${q0 + AGES}"}
    for name, ref in names.items():
        book.name(name, ref)
    book.freeze(sh, 1, 2)


CITY_BAND_ROW = 106             # City: first band row of the projection (male 0–6)
CITY_FACTOR_ROW = CITY_BAND_ROW + 2 * BANDS + 3


def build_city(book: Book, data: dict, lay: Layout) -> None:
    sh = book.sheet("City", 7)
    glast = col_name(3 + 4 * STEPS)
    set_cells(sh, {"A1": "Helsinki: population 31 Dec 2019 and the six migration flows summed by direction "
                         "(persons a year by age at the end of the year, moved one row down), 2020–2040"})
    book.put(sh, "A2", [["Age", "Male", "Female"]])
    book.put(sh, "A3", [[a, data["base"][("male", a)], data["base"][("female", a)]] for a in range(AGES)])
    # per year: in M, in F, out M, out F
    labels = [f"{y} {direction} {s}" for y in YEARS for direction, s in
              (("in", "M"), ("in", "F"), ("out", "M"), ("out", "F"))]
    book.put(sh, "E2", [labels])
    book.put(sh, "E3", city_gross(data))
    b0 = CITY_BAND_ROW
    book.put(sh, f"A{b0 - 1}", [["Sex", "Age"] + [BASE_YEAR] + YEARS])
    book.put(sh, f"A{b0}", [[sex, band] for sex in ("Male", "Female") for band in BAND_LABELS])
    args = f"$City.$B$3:$C${2 + AGES};Fertility;Mortality;$City.$E$3:${glast}${2 + AGES};{STEPS}"
    sh.getCellRangeByName(f"C{b0}:{LAST}{b0 + BANDS - 1}").setArrayFormula(
        f'=POP.PROJECT({args};"male";"{STOCK_OPTIONS}")')
    sh.getCellRangeByName(f"C{b0 + BANDS}:{LAST}{b0 + 2 * BANDS - 1}").setArrayFormula(
        f'=POP.PROJECT({args};"female";"{STOCK_OPTIONS}")')
    book.name("CityMale", f"$City.$C${b0}:${LAST}${b0 + BANDS - 1}")
    book.name("CityFemale", f"$City.$C${b0 + BANDS}:${LAST}${b0 + 2 * BANDS - 1}")
    p = b0 + 2 * BANDS
    sh.getCellRangeByName(f"A{p}").String = "Pupils: ages 7–15"
    for c in YEAR_COLS:
        sh.getCellRangeByName(f"{c}{p}").setFormula(
            f"=SUM({c}{b0 + 1}:{c}{b0 + GRADES})+SUM({c}{b0 + BANDS + 1}:{c}{b0 + BANDS + GRADES})")
    book.name("CityPupils", f"$City.$C${p}:${LAST}${p}")
    f0 = CITY_FACTOR_ROW
    sh.getCellRangeByName(f"A{f0 - 2}").String = (
        "Reconciliation factors: the city's people of a sex and age ÷ the sum of the sub-areas' existing "
        "stock and the new housing (sheet Projection); every cell of the sheet Reconciled is its Projection "
        "cell × this factor")
    book.put(sh, f"A{f0 - 1}", [["Sex", "Age"] + [BASE_YEAR] + YEARS])
    book.put(sh, f"A{f0}", [[sex, band] for sex in ("Male", "Female") for band in BAND_LABELS])
    rows = []
    for s, cols in enumerate((YEAR_COLS, FEMALE_COLS)):
        for b in range(BANDS):
            rows.append([f"={c}{b0 + s * BANDS + b}/SUMIF($Projection.${BAND_COL}${PROJ_ROW0}:${BAND_COL}${lay.proj_last};"
                         f"{b};$Projection.{pc}${PROJ_ROW0}:{pc}${lay.proj_last})" for c, pc in zip(YEAR_COLS, cols)])
    put_formulas(sh, f"C{f0}", rows)
    book.name("Factors", f"$City.$C${f0}:${LAST}${f0 + 2 * BANDS - 1}")
    m = f0 + 2 * BANDS + 1
    set_cells(sh, {f"A{m}": "Smallest factor", f"A{m + 1}": "Largest factor"})
    sh.getCellRangeByName(f"C{m}").setFormula("=MIN(Factors)")
    sh.getCellRangeByName(f"C{m + 1}").setFormula("=MAX(Factors)")
    book.style(sh.getCellRangeByName(f"C{f0}:{LAST}{m + 1}"), fmt="0.000")
    book.style(sh.getCellRangeByName(f"C{b0}:{LAST}{p}"), fmt="#,##0")
    for cell in ("A1", f"A{f0 - 2}", f"A{p}", f"A{m}", f"A{m + 1}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    for rng in ("A2:C2", f"E2:{glast}2", f"A{b0 - 1}:{LAST}{b0 - 1}", f"A{f0 - 1}:{LAST}{f0 - 1}"):
        header(book, sh.getCellRangeByName(rng))
    # C..: the bands' years and the flows' titles ("2020 in M", Swedish "inflyttade" in bold 23 mm)
    book.widths(sh, {0: 30, 1: 18, **{c: 26 for c in range(2, 4 + 4 * STEPS)}})


def projection_labels(d: SubareaData) -> list[list[object]]:
    rows = []
    for area in d.areas:
        rows += [[area.name, band] for band in BAND_LABELS]
    for unit in d.units:
        name = d.areas[d.area_index(unit.code)].name
        rows += [[f"{name} (type {unit.type})", band] for band in BAND_LABELS]
    return rows


def projection_sheet(book: Book, d: SubareaData, lay: Layout, name: str, index: int, title: str):
    sh = book.sheet(name, index)
    book.put(sh, "A1", [[title, "Age"] + [BASE_YEAR] + YEARS + [""] + [BASE_YEAR] + YEARS])
    book.put(sh, "A2", projection_labels(d))
    sh.getCellRangeByName(f"{BAND_COL}1").String = "Band number"
    book.put(sh, f"{BAND_COL}2", [[b] for _ in range(lay.k + lay.u) for b in range(BANDS)])
    sh.getCellRangeByName("A1").String = title
    header(book, sh.getCellRangeByName(f"A1:{FLAST}1"))
    book.style(sh.getCellRangeByName(f"C2:{FLAST}{lay.proj_last}"), fmt="#,##0.0")
    book.widths(sh, {0: UNIT_NAME_MM, 1: 14, **{c: 18 for c in range(2, 4 + 2 * STEPS + 1)}})
    book.freeze(sh, 2, 1)
    return sh


def build_projection(book: Book, d: SubareaData, lay: Layout) -> None:
    sh = projection_sheet(book, d, lay, "Projection", 8,
                          "Existing stock (rows 2–1629) and new housing (from row 1630), before reconciliation: "
                          "men C–X, women Z–AU")
    stock = f"SubareaBase;Fertility;Mortality;Gross;{STEPS}"
    housing = f"Completions;UnitTypes;Building;NewProfiles;Retention;Fertility;Mortality;{STEPS}"
    for cols, sex in ((YEAR_COLS, "male"), (FEMALE_COLS, "female")):
        sh.getCellRangeByName(f"{cols[0]}{PROJ_ROW0}:{cols[-1]}{lay.stock_last}").setArrayFormula(
            f'=POP.PROJECT({stock};"{sex}";"{STOCK_OPTIONS}";AreaFactors)')
        sh.getCellRangeByName(f"{cols[0]}{lay.stock_last + 1}:{cols[-1]}{lay.proj_last}").setArrayFormula(
            f'=POP.HOUSING({housing};"{sex}";"{HOUSING_OPTIONS}")')
    book.name("StockMale", f"$Projection.$C${PROJ_ROW0}:${LAST}${lay.proj_last}")
    book.name("StockFemale", f"$Projection.${FEMALE_COLS[0]}${PROJ_ROW0}:${FLAST}${lay.proj_last}")


def build_reconciled(book: Book, d: SubareaData, lay: Layout) -> None:
    sh = projection_sheet(book, d, lay, "Reconciled", 9,
                          "Reconciled to the city (POP.CONSTRAIN per sex and age): existing stock (rows 2–1629) "
                          "and new housing (from row 1630), men C–X, women Z–AU")
    sh.getCellRangeByName(f"C{PROJ_ROW0}:{LAST}{lay.proj_last}").setArrayFormula("=POP.CONSTRAIN(StockMale;CityMale)")
    sh.getCellRangeByName(f"{FEMALE_COLS[0]}{PROJ_ROW0}:{FLAST}{lay.proj_last}").setArrayFormula(
        "=POP.CONSTRAIN(StockFemale;CityFemale)")


def pupils_sum(rows: list[int], c: str, fc: str) -> str:
    return "+".join(f"$Reconciled.{c}{r}+$Reconciled.{fc}{r}" for r in rows)


def build_pupils(book: Book, d: SubareaData, lay: Layout) -> None:
    sh = book.sheet("Pupils", 10)
    k = len(d.areas)
    sh.getCellRangeByName("A1").String = ("Pupils by grade per sub-area (grade g = age 6 + g on 31 Dec): existing "
                                          "stock and new housing, reconciled")
    book.put(sh, "A2", [["Sub-area", "Grade"] + [BASE_YEAR] + YEARS + ["", "School", "Code"]])
    units_of: dict[int, list[int]] = defaultdict(list)
    for u, unit in enumerate(d.units):
        units_of[unit.code].append(u)
    labels, formulas, keys = [], [], []
    for g in range(1, GRADES + 1):
        for i, area in enumerate(d.areas):
            rows = [lay.area_row(i, g)] + [lay.unit_row(u, g) for u in units_of[area.code]]
            labels.append([area.name, g])
            formulas.append([f"={pupils_sum(rows, c, fc)}" for c, fc in zip(YEAR_COLS, FEMALE_COLS)])
            keys.append([f"=$Areas.$C${K_ROW0 + i}", f"=$Areas.$A${K_ROW0 + i}"])
    book.put(sh, "A3", labels)
    put_formulas(sh, "C3", formulas)
    put_formulas(sh, f"{col_name(4 + STEPS)}3", keys)
    last = lay.pupils_last
    book.name("SubareaGrades", f"$Pupils.$C$3:${LAST}${last}")
    book.name("PupilSchool", f"$Pupils.${col_name(4 + STEPS)}$3:${col_name(4 + STEPS)}${last}")
    book.name("PupilArea", f"$Pupils.${col_name(5 + STEPS)}$3:${col_name(5 + STEPS)}${last}")
    # Existing-stock pupils per sub-area (the new housing's are per unit on the sheet Drivers).
    e0 = last + 4
    sh.getCellRangeByName(f"A{e0 - 1}").String = "Existing-stock pupils (ages 7–15) per sub-area, reconciled"
    book.put(sh, f"A{e0}", [[area.name, "7–15"] for area in d.areas])
    put_formulas(sh, f"C{e0}", [[f"=SUM($Reconciled.{c}{lay.area_row(i, 1)}:{c}{lay.area_row(i, GRADES)})+"
                                 f"SUM($Reconciled.{fc}{lay.area_row(i, 1)}:{fc}{lay.area_row(i, GRADES)})"
                                 for c, fc in zip(YEAR_COLS, FEMALE_COLS)] for i in range(k)])
    book.name("AreaExistingPupils", f"$Pupils.$C${e0}:${LAST}${e0 + k - 1}")
    header(book, sh.getCellRangeByName(f"A2:{col_name(5 + STEPS)}2"))
    for cell in ("A1", f"A{e0 - 1}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    book.style(sh.getCellRangeByName(f"C3:{LAST}{e0 + k - 1}"), fmt="#,##0.0")
    # B: the grade (Finnish title "Vuosiluokka" in bold needs 25.4 mm)
    book.widths(sh, {0: AREA_NAME_MM, 1: 26, **{c: 18 for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 2)


def build_grades(book: Book, d: SubareaData, lay: Layout) -> int:
    """Pupils by grade per school; returns the first row of the first school's block."""
    sh = book.sheet("Grades", 12)
    k = len(d.areas)
    sh.getCellRangeByName("A1").String = "Pupils by grade per school (the sum of its sub-areas, sheet Pupils)"
    book.put(sh, "A2", [["School", "Grade"] + [BASE_YEAR] + YEARS])
    labels, rows = [], []
    for i, code in enumerate(sorted(DISTRICTS)):
        for g in range(1, GRADES + 1):
            top, bottom = 3 + (g - 1) * k, 2 + g * k
            labels.append([f"=$Inputs.$B${4 + i}" if g == 1 else "", g])
            rows.append([f"=SUMIF($Pupils.${col_name(4 + STEPS)}${top}:${col_name(4 + STEPS)}${bottom};$Inputs.$A${4 + i};"
                         f"$Pupils.{c}${top}:{c}${bottom})" for c in YEAR_COLS])
    put_formulas(sh, "A3", [[str(v) if not isinstance(v, str) else v for v in r] for r in labels])
    put_formulas(sh, "C3", rows)
    header(book, sh.getCellRangeByName(f"A2:{LAST}2"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"C3:{LAST}{2 + len(rows)}"), fmt="#,##0.0")
    book.widths(sh, {0: 45, 1: 26, **{c: 18 for c in range(2, 3 + STEPS)}})
    book.freeze(sh, 2, 2)
    return 3


SCHOOL_ROW = 4                   # Schools: first school row of the pupils section


def build_schools(book: Book, d: SubareaData, lay: Layout, grades_row: int) -> None:
    sh = book.sheet("Schools", 11)
    n = len(DISTRICTS)
    last_p = col_name(4 + STEPS)
    sh.getCellRangeByName("A1").String = ("Schools (EXAMPLE: one per district): pupils, capacity gap, floor area and "
                                          "teaching groups")
    sections = [("Pupils (grades 1–9)", SCHOOL_ROW - 1), ("Capacity gap = capacity − pupils (red = shortage)", SCHOOL_ROW + n + 3),
                ("Floor area needed (m²) = pupils × m² per pupil", SCHOOL_ROW + 2 * n + 5),
                ("Teaching groups = Σ over grades of ROUNDUP(pupils ÷ group size)", SCHOOL_ROW + 3 * n + 7)]
    for title, top in sections:
        book.put(sh, f"A{top}", [[title, "Capacity"] + [BASE_YEAR] + YEARS])
        header(book, sh.getCellRangeByName(f"A{top}:{LAST}{top}"))
        put_formulas(sh, f"A{top + 1}", [[f"=$Inputs.$B${4 + i}", f"=$Inputs.$C${4 + i}"] for i in range(n)])
    p0 = SCHOOL_ROW
    put_formulas(sh, f"C{p0}", [[f"=SUMIF($Pupils.${last_p}$3:${last_p}${lay.pupils_last};$Inputs.$A${4 + i};"
                                 f"$Pupils.{c}$3:{c}${lay.pupils_last})" for c in YEAR_COLS] for i in range(n)])
    code_col = col_name(5 + STEPS)
    set_cells(sh, {f"A{p0 + n}": "No known sub-area (999): in no school", f"A{p0 + n + 1}": "All pupils: the city's ages 7–15"})
    put_formulas(sh, f"C{p0 + n}", [[f"=SUMIF($Pupils.${code_col}$3:${code_col}${lay.pupils_last};{UNKNOWN_AREA};"
                                     f"$Pupils.{c}$3:{c}${lay.pupils_last})" for c in YEAR_COLS],
                                    [f"=INDEX(CityPupils;1;{j + 1})" for j in range(STEPS + 1)]])
    g0 = sections[1][1] + 1
    gap = f"C{g0}:{LAST}{g0 + n - 1}"
    sh.getCellRangeByName(gap).setArrayFormula(f"=NETWORK.GAP(Capacity;C{p0}:{LAST}{p0 + n - 1})")
    add_conditional_red(sh, gap)
    f0, t0 = sections[2][1] + 1, sections[3][1] + 1
    put_formulas(sh, f"C{f0}", [[f"={c}{p0 + i}*M2PerPupil" for c in YEAR_COLS] for i in range(n)])
    put_formulas(sh, f"C{t0}", [[f"=SUMPRODUCT(ROUNDUP($Grades.{c}{grades_row + GRADES * i}:{c}{grades_row + GRADES * i + GRADES - 1}"
                                 f"/GroupSize;0))" for c in YEAR_COLS] for i in range(n)])
    # All schools together: the chart's data.
    a0 = t0 + n + 2
    book.put(sh, f"A{a0}", [["All schools", ""] + [BASE_YEAR] + YEARS])
    set_cells(sh, {f"A{a0 + 1}": "Pupils from the existing stock", f"A{a0 + 2}": "Pupils from new housing",
                   f"A{a0 + 3}": "Capacity"})
    put_formulas(sh, f"C{a0 + 1}", [[f"=SUM($Drivers.{c}{DRIVERS_EXISTING_ROW}:{c}{DRIVERS_EXISTING_ROW + n - 1})"
                                     for c in YEAR_COLS],
                                    [f"=SUM($Drivers.{c}{DRIVERS_NEW_ROW}:{c}{DRIVERS_NEW_ROW + n - 1})" for c in YEAR_COLS],
                                    ["=SUM(Capacity)"] * (STEPS + 1)])
    header(book, sh.getCellRangeByName(f"A{a0}:{LAST}{a0}"))
    book.style(sh.getCellRangeByName(f"B{p0}:{LAST}{a0 + 3}"), fmt="#,##0")
    for _, top in sections:  # the years of the section titles: 2019, not 2,019
        book.style(sh.getCellRangeByName(f"C{top}:{LAST}{top}"), fmt="0")
    book.style(sh.getCellRangeByName(f"C{a0}:{LAST}{a0}"), fmt="0")
    book.style(sh.getCellRangeByName(f"A{p0 + n}:{LAST}{p0 + n + 1}"), bold=True)
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.widths(sh, {0: 75, 1: 28, **{c: 18 for c in range(2, 3 + STEPS)}})
    book.name("SchoolPupils", f"$Schools.$C${p0}:${LAST}${p0 + n - 1}")
    book.name("UnlocatedPupils", f"$Schools.$C${p0 + n}:${LAST}${p0 + n}")
    book.name("Gap", f"$Schools.$C${g0}:${LAST}${g0 + n - 1}")
    book.name("Years", f"$Schools.$C${p0 - 1}:${LAST}${p0 - 1}")
    # Charts: all schools by year; the gap per school in the focus year and in 2040.
    sheet = sh.RangeAddress.Sheet
    y = sh.getCellByPosition(0, a0 + 5).Position.Y
    chart(sh, "AllSchools", Rectangle(1000, y, 24000, 11000),
          (CellRangeAddress(sheet, 0, a0 - 1, 0, a0 + 2), CellRangeAddress(sheet, 2, a0 - 1, 2 + STEPS, a0 + 2)),
          "All schools: pupils from the existing stock and from new housing, and capacity, 2019–2040",
          "LineDiagram", by_rows=True)
    focus = FOCUS_YEAR - BASE_YEAR  # the column of the focus year among C..X
    chart(sh, "GapBySchool", Rectangle(26000, y, 24000, CHART_HEIGHT),
          (CellRangeAddress(sheet, 0, g0 - 2, 0, g0 + n - 2),
           CellRangeAddress(sheet, 2 + focus, g0 - 2, 2 + focus, g0 + n - 2),
           CellRangeAddress(sheet, 2 + STEPS, g0 - 2, 2 + STEPS, g0 + n - 2)),
          f"Capacity gap per school in {FOCUS_YEAR} and 2040 (negative = shortage)", "BarDiagram",
          by_rows=False, horizontal=True)
    book.freeze(sh, 2, 0)


DRIVERS_FOCUS_ROW = 5            # Drivers: first school row of the focus-year table
DRIVERS_EXISTING_ROW = DRIVERS_FOCUS_ROW + len(DISTRICTS) + 4
DRIVERS_NEW_ROW = DRIVERS_EXISTING_ROW + len(DISTRICTS) + 2
DRIVERS_UNIT_ROW = DRIVERS_NEW_ROW + len(DISTRICTS) + 3


def build_drivers(book: Book, d: SubareaData, lay: Layout) -> None:
    sh = book.sheet("Drivers", 13)
    n, u = len(DISTRICTS), len(d.units)
    r0, e0, w0, u0 = DRIVERS_FOCUS_ROW, DRIVERS_EXISTING_ROW, DRIVERS_NEW_ROW, DRIVERS_UNIT_ROW
    ulast = u0 + u - 1
    set_cells(sh, {"A1": "Which new areas drive each school's gap: pupils from the existing stock and from new housing",
                   "A2": "Focus year (sheet Inputs):"})
    sh.getCellRangeByName("C2").setFormula("=FocusYear")
    book.put(sh, f"A{r0 - 1}", [["School", "Capacity", "Existing-stock pupils", "New-housing pupils", "Pupils",
                                 "Gap", "Share from new housing", "New area adding the most pupils", "Its pupils"]])
    col = "MATCH(FocusYear;Years;0)"
    rows = []
    for i in range(n):
        r = r0 + i
        largest = (f"INDEX(UnitNames;MATCH(1;(UnitSchool=$Inputs.$A${4 + i})*(INDEX(UnitPupils;0;{col})=I{r});0))")
        rows.append([f"=$Inputs.$B${4 + i}", f"=$Inputs.$C${4 + i}",
                     f"=INDEX($C${e0 + i}:${LAST}${e0 + i};1;{col})", f"=INDEX($C${w0 + i}:${LAST}${w0 + i};1;{col})",
                     f"=C{r}+D{r}", f"=B{r}-E{r}", f"=IF(E{r}>0;D{r}/E{r};0)",
                     f'=IF(I{r}>0;{largest};"–")',
                     f"=MAXIFS(INDEX(UnitPupils;0;{col});UnitSchool;$Inputs.$A${4 + i})"])
    put_formulas(sh, f"A{r0}", rows)
    for i in range(n):  # the name lookup compares arrays: an array formula of one cell
        cell = sh.getCellRangeByName(f"H{r0 + i}")
        formula = cell.getFormula()
        cell.setArrayFormula(formula)
    add_conditional_red(sh, f"F{r0}:F{r0 + n - 1}")
    book.put(sh, f"A{e0 - 1}", [["Existing-stock pupils per school", ""] + [BASE_YEAR] + YEARS])
    book.put(sh, f"A{w0 - 1}", [["New-housing pupils per school", ""] + [BASE_YEAR] + YEARS])
    put_formulas(sh, f"A{e0}", [[f"=$Inputs.$B${4 + i}", ""] +
                                [f"=SUMIF(AreaSchool;$Inputs.$A${4 + i};INDEX(AreaExistingPupils;0;{j + 1}))"
                                 for j in range(STEPS + 1)] for i in range(n)])
    put_formulas(sh, f"A{w0}", [[f"=$Inputs.$B${4 + i}", ""] +
                                [f"=SUMIF(UnitSchool;$Inputs.$A${4 + i};INDEX(UnitPupils;0;{j + 1}))"
                                 for j in range(STEPS + 1)] for i in range(n)])
    # per development unit: pupils 7–15 (C..X) and residents of all ages (Z..AU), reconciled
    book.put(sh, f"A{u0 - 2}", [["Development units: pupils (ages 7–15, C–X) and residents (all ages, Z–AU), reconciled"]])
    book.put(sh, f"A{u0 - 1}", [["Development unit", "School"] + [BASE_YEAR] + YEARS + [""] + [BASE_YEAR] + YEARS])
    rows = []
    for j in range(u):
        top, low = lay.unit_row(j, 0), lay.unit_row(j, BANDS - 1)
        rows.append([f"=INDEX($Housing.$A${HOUSING_UNIT_ROW}:$A${HOUSING_UNIT_ROW + u - 1};{j + 1})",
                     f"=INDEX(UnitSchool;{j + 1})"] +
                    [f"=SUM($Reconciled.{c}{top + 1}:{c}{top + GRADES})+SUM($Reconciled.{fc}{top + 1}:{fc}{top + GRADES})"
                     for c, fc in zip(YEAR_COLS, FEMALE_COLS)] + [""] +
                    [f"=SUM($Reconciled.{c}{top}:{c}{low})+SUM($Reconciled.{fc}{top}:{fc}{low})"
                     for c, fc in zip(YEAR_COLS, FEMALE_COLS)])
    put_formulas(sh, f"A{u0}", rows)
    t0 = ulast + 2
    set_cells(sh, {f"A{t0}": "All new housing: residents, reconciled", f"A{t0 + 1}": "All new housing: residents before reconciliation"})
    put_formulas(sh, f"C{t0}", [[f"=SUM({fc}{u0}:{fc}{ulast})" for fc in FEMALE_COLS],
                                [f"=SUM($Projection.{c}{lay.stock_last + 1}:{c}{lay.proj_last})+"
                                 f"SUM($Projection.{fc}{lay.stock_last + 1}:{fc}{lay.proj_last})"
                                 for c, fc in zip(YEAR_COLS, FEMALE_COLS)]])
    book.name("LargestNewArea", f"$Drivers.$H${r0}:$H${r0 + n - 1}")
    book.name("LargestNewPupils", f"$Drivers.$I${r0}:$I${r0 + n - 1}")
    book.name("UnitNames", f"$Drivers.$A${u0}:$A${ulast}")
    book.name("UnitPupils", f"$Drivers.$C${u0}:${LAST}${ulast}")
    book.name("UnitResidents", f"$Drivers.${FEMALE_COLS[0]}${u0}:${FLAST}${ulast}")
    book.name("SchoolExisting", f"$Drivers.$C${e0}:${LAST}${e0 + n - 1}")
    book.name("SchoolNew", f"$Drivers.$C${w0}:${LAST}${w0 + n - 1}")
    book.name("NewResidentsReconciled", f"$Drivers.$C${t0}:${LAST}${t0}")
    book.name("NewResidents", f"$Drivers.$C${t0 + 1}:${LAST}${t0 + 1}")
    for rng in (f"A{r0 - 1}:I{r0 - 1}", f"A{e0 - 1}:{LAST}{e0 - 1}", f"A{w0 - 1}:{LAST}{w0 - 1}",
                f"A{u0 - 1}:{FLAST}{u0 - 1}"):
        header(book, sh.getCellRangeByName(rng))
    book.style(sh.getCellRangeByName(f"A{r0 - 1}:I{r0 - 1}"), wrap=True)
    sh.Rows.getByIndex(r0 - 2).Height = 1500
    for cell in ("A1", "A2", "C2", f"A{u0 - 2}"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    book.style(sh.getCellRangeByName(f"B{r0}:F{r0 + n - 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"G{r0}:G{r0 + n - 1}"), fmt="0%")
    book.style(sh.getCellRangeByName(f"I{r0}:I{r0 + n - 1}"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"C{e0}:{FLAST}{t0 + 1}"), fmt="#,##0")
    # B: Finnish "Kapasiteetti" in bold 25.4 mm; A and H: the units' names
    # D, G: Finnish "Uudistuotannon" in bold 32.7 mm
    book.widths(sh, {0: UNIT_NAME_MM, 1: 27, 2: 30, 3: 34, 4: 22, 5: 26, 6: 34, 7: UNIT_NAME_MM, 8: 20,
                     **{c: 18 for c in range(9, 4 + 2 * STEPS + 1)}})
    book.freeze(sh, 1, 0)


def add_drivers_chart(book: Book) -> None:
    """Existing and new-housing pupils per school in the focus year (stacked bars). Added once the
    whole workbook is calculated (the names its cells use, Years among them, come last): made while
    those cells were still empty, the chart had no data series, an empty frame in every template."""
    sh = book.doc.Sheets.getByName("Drivers")
    n, r0 = len(DISTRICTS), DRIVERS_FOCUS_ROW
    sheet = sh.RangeAddress.Sheet
    x = sh.getCellByPosition(10, 0).Position.X
    chart(sh, "DriversBySchool", Rectangle(x, 500, 22000, CHART_HEIGHT),
          (CellRangeAddress(sheet, 0, r0 - 2, 0, r0 + n - 2), CellRangeAddress(sheet, 2, r0 - 2, 3, r0 + n - 2)),
          "Pupils per school in the focus year: existing stock and new housing", "BarDiagram",
          by_rows=False, stacked=True, horizontal=True)


def build_assignment(book: Book, d: SubareaData) -> None:
    sh = book.sheet("Assignment", 14)
    k, n = len(EAST), len(EAST_SCHOOLS)
    set_cells(sh, {"A1": "Example: least-distance assignment of eleven eastern sub-areas' pupils (ages 7–15, "
                         "existing stock and new housing) to four EXAMPLE school buildings within capacity "
                         "(NETWORK.ASSIGN), in the assignment year on Inputs",
                   "A3": "Sub-area", "B3": "Pupils 7–15", "H3": "Unserved"})
    for j, school in enumerate(EAST_SCHOOLS):
        sh.getCellByPosition(2 + j, 2).String = school
    for i, code in enumerate(EAST):
        sh.getCellByPosition(0, 3 + i).String = d.areas[d.area_index(code)].name
        sh.getCellByPosition(1, 3 + i).setFormula(
            f"=SUMPRODUCT((PupilArea={code})*INDEX(SubareaGrades;0;MATCH(AssignYear;Years;0)))")
    last = 3 + k
    sh.getCellRangeByName(f"C4:{col_name(1 + n)}{last}").setArrayFormula(
        f"=NETWORK.ASSIGN(B4:B{last};AssignCapacity;Distance)")
    sh.getCellRangeByName(f"H4:H{last}").setArrayFormula(
        f'=NETWORK.ASSIGN(B4:B{last};AssignCapacity;Distance;"unserved")')
    set_cells(sh, {f"A{last + 1}": "Total", f"A{last + 2}": "Load (assigned pupils)",
                   f"A{last + 3}": "Capacity", f"A{last + 4}": "Total person-km (cost)"})
    for c in ["B", *[col_name(2 + j) for j in range(n)], "H"]:
        sh.getCellRangeByName(f"{c}{last + 1}").setFormula(f"=SUM({c}4:{c}{last})")
    sh.getCellRangeByName(f"C{last + 2}:{col_name(1 + n)}{last + 2}").setArrayFormula(
        f'=TRANSPOSE(NETWORK.ASSIGN(B4:B{last};AssignCapacity;Distance;"load"))')
    sh.getCellRangeByName(f"C{last + 3}:{col_name(1 + n)}{last + 3}").setArrayFormula("=TRANSPOSE(AssignCapacity)")
    sh.getCellRangeByName(f"B{last + 4}").setFormula(f'=NETWORK.ASSIGN(B4:B{last};AssignCapacity;Distance;"cost")')
    sh.getCellRangeByName(f"A{last + 6}").String = (
        "School buildings, capacities and distances are EXAMPLE inputs (sheet Inputs). A blank distance means "
        "no route: that sub-area cannot be assigned to that school.")
    header(book, sh.getCellRangeByName("A3:H3"))
    book.style(sh.getCellRangeByName(f"A{last + 1}:H{last + 4}"), bold=True)
    book.style(sh.getCellRangeByName(f"B4:H{last + 4}"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"A{last + 6}"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 82, **{c: 34 for c in range(1, 8)}})  # A: Finnish "Henkilökilometrit yhteensä (…)"
    book.name("AssignDemand", f"$Assignment.$B$4:$B${last}")
    book.name("AssignFlows", f"$Assignment.$C$4:${col_name(1 + n)}${last}")
    book.name("AssignUnserved", f"$Assignment.$H$4:$H${last}")
    book.name("AssignLoad", f"$Assignment.$C${last + 2}:${col_name(1 + n)}${last + 2}")
    book.name("AssignCost", f"$Assignment.$B${last + 4}")


def build_risk(book: Book) -> None:
    sh = book.sheet("Risk", 15)
    set_cells(sh, {"A1": "Example: probability that two small eastern catchments have fewer pupils of the risk ages "
                         "(sheet Inputs; grades 1–2 as given) than the threshold, POP.RISK",
                   "A3": "Catchment", "B3": "Measure"})
    book.put(sh, "C3", [[BASE_YEAR] + YEARS])
    row = 4
    bands = '"&";bands=0,"&RiskFrom&","&(RiskTo+1)'
    for c in range(2):
        set_cells(sh, {f"A{row}": EAST_SCHOOLS[c], f"B{row}": "P(fewer than threshold)",
                       f"B{row + 1}": "Expected pupils (POP.PROJECT)"})
        args = f"CatchmentBase{c + 1};Fertility;Mortality;CatchmentGross{c + 1};{STEPS}"
        sh.getCellRangeByName(f"D{row}:{LAST}{row}").setArrayFormula(
            f'=POP.RISK({args};RiskFrom;RiskTo;RiskThreshold;RiskTrials;RiskSeed;"{REGION_OPTIONS}{SRB!r}")')
        sh.getCellRangeByName(f"C{row + 1}:{LAST}{row + 1}").setArrayFormula(
            f'=INDEX(POP.PROJECT({args};"total";"{REGION_OPTIONS}{SRB!r}{bands});2;0)')
        book.style(sh.getCellRangeByName(f"D{row}:{LAST}{row}"), fmt="0%")
        book.style(sh.getCellRangeByName(f"C{row + 1}:{LAST}{row + 1}"), fmt="0.0")
        row += 3
    sh.getCellRangeByName(f"A{row}").String = (
        "Each probability is the share of the trials' stochastic projections (binomial deaths, Poisson births "
        "and movers around the same rates and counts) in which the age group is below the threshold on 31 Dec "
        "of the year; the same seed gives the same numbers on every machine.")
    sh.getCellRangeByName(f"A{row + 1}").String = (
        "The catchments are projected with their existing stock and movers only, with Helsinki's fertility "
        "(not the sub-areas' deviations), without new housing and without reconciliation: the expected "
        "pupils are the same model's deterministic projection. Only the chance in individual births, deaths "
        "and moves is simulated, not uncertainty in the rates: read the probabilities as a lower bound.")
    for r in (row, row + 1):
        book.style(sh.getCellRangeByName(f"A{r}"), italic=True, color=NOTE_GREY)
    header(book, sh.getCellRangeByName(f"A3:{LAST}3"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.widths(sh, {0: 50, 1: 80, **{c: 16 for c in range(2, 3 + STEPS)}})  # B: Finnish 77.7 mm
    book.name("Risk1", f"$Risk.$D$4:${LAST}$4")
    book.name("Risk2", f"$Risk.$D$7:${LAST}$7")


def build_check(book: Book, lay: Layout) -> None:
    sh = book.sheet("Check", 16)
    sums = [f"ABS(SUM($Reconciled.{cols[0]}{PROJ_ROW0}:{cols[-1]}{lay.proj_last})-SUM({city}))"
            for cols, city in ((YEAR_COLS, "CityMale"), (FEMALE_COLS, "CityFemale"))]
    checks = [
        ("The reconciled sub-areas and new housing add up to the city's projection (men, women, all years)",
         f"=({sums[0]}+{sums[1]})<1E-6*(SUM(CityMale)+SUM(CityFemale))"),
        ("Reconciliation factors are 1 at the base (31 Dec 2019)",
         "=SUMPRODUCT(ABS(INDEX(Factors;0;1)-1))<1E-9"),
        ("Pupils of all schools + no known sub-area = the city's ages 7–15, every year",
         "=SUMPRODUCT(ABS(MMULT(TRANSPOSE(ROW(SchoolPupils)^0);SchoolPupils)+UnlocatedPupils-CityPupils))"
         "<1E-6*SUM(CityPupils)"),
        ("Pupils per school = existing-stock pupils + new-housing pupils",
         "=SUMPRODUCT(ABS(SchoolPupils-SchoolExisting-SchoolNew))<1E-6*SUM(SchoolPupils)"),
        ("Capacity gap = capacity − pupils",
         "=ABS(SUM(Gap)-(SUM(Capacity)*COLUMNS(Gap)-SUM(SchoolPupils)))<1E-6*SUM(SchoolPupils)"),
        ("Movers by age (sheet Movers) = the movers of the sheet Areas",
         "=ABS(SUM(Gross)-SUM($Areas.$D$2:$E$" + str(K_ROW0 + lay.k - 1) + "))<1E-6*SUM(Gross)"),
        ("Assigned + unserved = pupils of the sub-areas",
         "=ABS(SUM(AssignFlows)+SUM(AssignUnserved)-SUM(AssignDemand))<1E-5"),
        ("No school building assigned above its capacity",
         "=SUMPRODUCT((AssignLoad>TRANSPOSE(AssignCapacity)+1E-6)*1)=0"),
        ("Cost = Σ flows × distance (blank = no route carries no flow)",
         "=ABS(AssignCost-SUMPRODUCT(AssignFlows;Distance))<1E-6*MAX(1;AssignCost)"),
        ("Probabilities are within 0..1",
         "=AND(MIN(Risk1)>=0;MAX(Risk1)<=1;MIN(Risk2)>=0;MAX(Risk2)<=1)"),
    ]
    set_cells(sh, {"A1": "Consistency checks", "A3": "Check", "B3": "Holds"})
    for i, (text, formula) in enumerate(checks):
        sh.getCellRangeByName(f"A{4 + i}").String = text
        sh.getCellRangeByName(f"B{4 + i}").setFormula(formula)
    last = 3 + len(checks)
    sh.getCellRangeByName(f"A{last + 2}").String = "All checks (named cell Check)"
    sh.getCellRangeByName(f"B{last + 2}").setFormula(f"=AND(B4:B{last})")
    book.name("Check", f"$Check.$B${last + 2}")
    header(book, sh.getCellRangeByName("A3:B3"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"A{last + 2}:B{last + 2}"), bold=True)
    book.style(sh.getCellRangeByName(f"A4:A{last + 2}"), wrap=True)  # Finnish: up to 200 mm
    book.widths(sh, {0: 170, 1: 25})


def set_properties(doc) -> None:
    props = doc.DocumentProperties
    props.Title = "Kuntaplan: school network (Helsinki's sub-areas 2019–2040, existing stock and new housing, example schools)"
    props.Subject = "Pupils per sub-area and school from the existing stock and new housing, capacity gap, drivers"
    props.Description = ("Sources: Statistics Finland (Tilastokeskus) population 31 Dec 2019 and 2019 projection "
                         "assumptions, City of Helsinki housing programme and the Helsinki-region model's "
                         "parameters, CC BY 4.0, via Porvoon-kehitysyksikko/Vaestoennuste (MIT). Schools, "
                         "capacities, standards and distances are example inputs.")
    props.Author = "Kuntaplan"
    props.ModifiedBy = "Kuntaplan"
    props.Keywords = ("school network", "kouluverkko", "Kuntaplan")


def build(office: Office, data: dict, d: SubareaData, out: Path, lang: str = "en") -> list:
    doc = office.new_calc(hidden=False)
    doc.enableAutomaticCalculation(False)
    book = Book(office, doc)
    lay = Layout(len(d.areas), len(d.units))
    doc.lockControllers()
    write_readme(book, README)
    for index, name in enumerate(SHEETS[1:], 1):  # all sheets first: formulas refer forward
        book.sheet(name, index)
    build_inputs(book, d)
    build_areas(book, d)
    build_base(book, d)
    build_rates(book, data)
    build_movers(book, d)
    build_housing(book, d)
    build_city(book, data, lay)
    build_projection(book, d, lay)
    build_reconciled(book, d, lay)
    build_pupils(book, d, lay)
    grades_row = build_grades(book, d, lay)
    build_drivers(book, d, lay)
    build_assignment(book, d)
    build_risk(book)
    doc.unlockControllers()
    doc.calculateAll()
    build_schools(book, d, lay, grades_row)
    build_check(book, lay)
    doc.enableAutomaticCalculation(True)
    doc.calculateAll()
    add_drivers_chart(book)
    risk = doc.Sheets.getByName("Risk")
    for row in (4, 7):
        book.style(risk.getCellRangeByName(f"D{row}:{LAST}{row}"), fmt="0%")
    set_properties(doc)
    doc.getCurrentController().setActiveSheet(doc.Sheets.getByName("Read me"))
    missing = localise(doc, "school-network", lang)
    if missing:
        office.close(doc)
        raise SystemExit("no translation in addin/l10n/templates/school-network.tsv for:\n" + "\n".join(missing))
    errors = office.error_cells(doc)
    check = doc.NamedRanges.getByName("Check").getReferredCells().getValue()
    save(office, doc, out, "make_school_network.py")
    if check != 1.0:
        errors.append(("Check", "Check", "FALSE", "the consistency checks do not hold"))
    return errors


def main(argv: list[str] | None = None) -> int:
    def templates(args):
        data_dir = Path(args.data)
        data = load_data(data_dir)
        d = load_subareas(data_dir)
        return [("school-network", lambda office, out, lang: build(office, data, d, out, lang))]
    return run_generator(__doc__, argv, templates)


if __name__ == "__main__":
    sys.exit(main())
