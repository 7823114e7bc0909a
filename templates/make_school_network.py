#!/usr/bin/python3
"""Builds the school-network template workbook (school-network.ots, kouluverkko.ots, skolnätverk.ots).

    /usr/bin/python3 templates/make_school_network.py [DATA_DIR] [--oxt build/kuntaplan-functions.oxt]
        [--lang en fi sv] [--out-dir build/templates] [--format ots|fods]

Eleven sub-areas of eastern Helsinki (Östersundom and Vuosaari) grouped into four school
catchments (the grouping is an EXAMPLE, not the city's real school districts): their population
projected to 2040 with POP.PROJECT, pupils by grade (Finnish basic education: entry age 7, grades
1-9) with SCHOOL.PUPILS, floor area and teaching groups as plain formulas, the capacity gap per
school with NETWORK.GAP (conditional formatting), the assignment of sub-areas to schools with
NETWORK.ASSIGN, the probability that the smallest schools' grades 1-2 fall below 20 pupils with
POP.RISK, a chart, and a named cell Check that is TRUE when the figures are consistent.
School capacities, floor-area and group-size standards and distances are EXAMPLE inputs, marked
so in the sheet. Like make_population.py it runs a private headless office with the extension.

Every generator takes the same command line (make_population.generator_arguments): DATA_DIR
(default <repo>/data), --oxt (default build/kuntaplan-functions.oxt, the extension without its
templates, which the build makes first), --lang (default en fi sv), --out-dir (default
build/templates) and --format ots|fods. The build (templates/CMakeLists.txt) runs it and ships the
.ots files; the generator is the template's only source in the repository.
"""

from __future__ import annotations

import sys
from collections import defaultdict
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
                             NOTE_GREY, STEPS, YEARS, Book, load_data, run_generator, save)
from localise import localise  # noqa: E402

# Sub-areas (code prefix of the data's area_code), grouped into EXAMPLE catchments.
CATCHMENTS = [
    ("Östersundom school", ["550", "560", "570", "580"]),
    ("Landbo school", ["591", "592"]),
    ("Vuosaari North school", ["541", "547"]),
    ("Vuosaari South school", ["544", "545", "546"]),
]
CAPACITY = [150, 150, 1850, 2100]            # EXAMPLE places per school
M2_PER_PUPIL = 11.0                          # EXAMPLE floor-area standard
PUPILS_PER_GROUP = 20                        # EXAMPLE teaching-group size
ENTRY_AGE, GRADES = 7, 9
RISK_FROM, RISK_TO, RISK_THRESHOLD, RISK_TRIALS, RISK_SEED = 7, 8, 20, 1000, 1
ASSIGN_YEAR = 2022             # a year in which Vuosaari South is short of places
# EXAMPLE distances (km) from each sub-area (in the order above) to each school; None = no route.
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
EXAMPLE_FILL = 0xFCE4D6
LAST = col_name(2 + STEPS)          # X: columns C..X = 2019..2040
YEAR_COLS = [col_name(2 + k) for k in range(STEPS + 1)]


def subarea_data(data_dir: Path) -> tuple[list[str], list[list[float]]]:
    import csv
    wanted = [code for _, codes in CATCHMENTS for code in codes]
    names: dict[str, str] = {}
    pop: dict[str, list[list[float]]] = defaultdict(lambda: [[0.0, 0.0] for _ in range(AGES)])
    with open(data_dir / "fi_helsinki_subareas_pop_2019-12-31.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            short = r["area_name"].split(" ")[1] if " " in r["area_name"] else ""
            if short in wanted:
                names[short] = r["area_name"].split(" ", 1)[1]
                pop[short][int(r["age"])][0 if r["sex"] == "male" else 1] = float(r["pop"])
    assert sorted(names) == sorted(wanted), names
    table = [[v for code in wanted for v in pop[code][age]] for age in range(AGES)]
    return [names[c] for c in wanted], table


def set_cells(sh, values: dict[str, object]) -> None:
    for cell, value in values.items():
        target = sh.getCellRangeByName(cell)
        if isinstance(value, str):
            target.String = value
        else:
            target.Value = value


def header(book: Book, rng) -> None:
    book.style(rng, bold=True, fill=HEADER_FILL)


def mark_example(book: Book, rng) -> None:
    book.style(rng, fill=EXAMPLE_FILL, bold=True)
    prot = rng.CellProtection
    prot.IsLocked = False
    rng.CellProtection = prot


README = [
    ("Kuntaplan — school network: pupils, capacity and catchments (eastern Helsinki, 2019–2040)", "title"),
    ("", None),
    ("What this workbook does", "head"),
    ("It projects the population of eleven sub-areas of eastern Helsinki (Östersundom and Vuosaari) by "
     "single year of age to 2040 (POP.PROJECT, all sub-areas in one call), turns the ages 7–15 into "
     "pupils of grades 1–9 of Finnish basic education (SCHOOL.PUPILS: grade g = age 6 + g), and per "
     "school shows pupils, the capacity gap (NETWORK.GAP; shortages in red), the floor area and "
     "teaching groups the pupils need, the least-distance assignment of the sub-areas' pupils to the "
     "schools within their capacities (NETWORK.ASSIGN), and the probability that the two smallest "
     "schools' grades 1–2 fall below 20 pupils (POP.RISK, a stochastic projection).", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?.", None),
    ("", None),
    ("EXAMPLE inputs — read this", "head"),
    ("The four catchments and their schools are an EXAMPLE grouping of real sub-areas, not the City "
     "of Helsinki's school districts. School capacities, the floor-area standard (m² per pupil), the "
     "teaching-group size and the distances between sub-areas and schools are EXAMPLE values, not "
     "from a real source; they are on the sheet Inputs in orange cells. Replace them with your own.", None),
    ("", None),
    ("Sheets", "head"),
    ("Inputs — EXAMPLE schools (capacity), standards, distances, the assignment year and the risk "
     "question (ages, threshold, trials, seed).", None),
    ("Base — population 31 Dec 2019 of the eleven sub-areas by age (rows 3–102), a male/female column "
     "pair per sub-area; and each catchment's sum (the input of POP.RISK).", None),
    ("Rates — fertility (per woman), death probabilities qx (per person, with the born-in-year row) "
     "and net international migration rates for Helsinki 2020–2040.", None),
    ("Projection — POP.PROJECT of the eleven sub-areas, single ages (1,100 rows) and the bands "
     "0–6, 7–15, 16+ per sub-area.", None),
    ("Pupils — pupils by grade 1–9 and year per school (SCHOOL.PUPILS on the sum of the catchment's "
     "sub-areas).", None),
    ("Schools — pupils, capacity gap, floor area and teaching groups per school and year, and a chart.",
     None),
    ("Assignment — each sub-area's pupils (ages 7–15) in the chosen year assigned to the schools at "
     "least total person-kilometres within capacity: flows, load, unserved, cost.", None),
    ("Risk — probability per year that grades 1–2 of the two smallest schools have fewer than 20 "
     "pupils, next to the deterministic expectation.", None),
    ("Check — consistency checks; the named cell Check is TRUE when they all hold.", None),
    ("", None),
    ("Methods", "head"),
    ("Cohort-component projection (Preston, Heuveline & Guillot 2001, ch. 6) in single years; grade g "
     "= age 6 + g at the end of the year; capacity gap = capacity − pupils; assignment = minimum-cost "
     "flow (Ahuja, Magnanti & Orlin 1993); risk = share of 1,000 stochastic projections (binomial "
     "deaths, Poisson births and migrants) below the threshold. See the user guide (docs/guide/network.md).",
     None),
    ("Migration is Helsinki's net international migration as a rate per person of each age and sex, "
     "applied to every sub-area; domestic moves are not in the source data, so the figures are a "
     "worked example of the method, not a forecast of these schools.", None),
    ("", None),
    ("Sources / Lähteet", "head"),
    ("Statistics Finland (Tilastokeskus): population projection 2019 assumptions (fertility, "
     "mortality, international migration 2020–2040) and the population of Helsinki's sub-areas on "
     "31 Dec 2019. Licence CC BY 4.0. Via the City of Porvoo's open population projection model, "
     "github.com/Porvoon-kehitysyksikko/Vaestoennuste, folder Esimerkkiparametrit/, commit "
     "d4523fb5f243f561d827d671f40e20251a1263d9 (MIT).", None),
    ("Lähde: Tilastokeskus, väestöennuste 2019 -oletukset ja Helsingin väestö 31.12.2019 osa-alueittain "
     "(CC BY 4.0). Koulut, kapasiteetit, mitoitukset ja etäisyydet ovat ESIMERKKEJÄ.", None),
]


def build_readme(book: Book) -> None:
    write_readme(book, README)


def build_inputs(book: Book, names: list[str]) -> None:
    sh = book.sheet("Inputs", 1)
    set_cells(sh, {
        "A1": "Inputs (orange = EXAMPLE values, not from a real source: replace them)",
        "A3": "School", "B3": "Capacity (places)", "C3": "Catchment sub-areas",
        "A9": "Floor area per pupil (m²)", "A10": "Pupils per teaching group",
        "A11": "Assignment year", "A12": "Risk: ages from", "A13": "Risk: ages to",
        "A14": "Risk: fewer than (pupils)", "A15": "Risk: trials", "A16": "Risk: seed",
        "A18": "Distance (km) from sub-area to school; a blank cell = no route", "A19": "Sub-area",
    })
    for i, (school, codes) in enumerate(CATCHMENTS):
        set_cells(sh, {f"A{4 + i}": school, f"B{4 + i}": CAPACITY[i],
                       f"C{4 + i}": ", ".join(n for n in names if n.split(" ")[0] in codes) or
                       ", ".join(codes)})
    set_cells(sh, {"B9": M2_PER_PUPIL, "B10": PUPILS_PER_GROUP, "B11": ASSIGN_YEAR,
                   "B12": RISK_FROM, "B13": RISK_TO, "B14": RISK_THRESHOLD, "B15": RISK_TRIALS,
                   "B16": RISK_SEED})
    for j, (school, _) in enumerate(CATCHMENTS):
        sh.getCellByPosition(1 + j, 18).String = school
    for i, name in enumerate(names):
        sh.getCellByPosition(0, 19 + i).String = name
        for j, d in enumerate(DISTANCES[i]):
            if d is not None:
                sh.getCellByPosition(1 + j, 19 + i).Value = d
    last_row = 19 + len(names)
    sh.getCellRangeByName(f"A{last_row + 2}").String = (
        "Sub-area names: Statistics Finland / City of Helsinki sub-area division (osa-alueet).")
    book.style(sh.getCellRangeByName("A1"), bold=True)
    header(book, sh.getCellRangeByName("A3:C3"))
    header(book, sh.getCellRangeByName("A19:E19"))
    mark_example(book, sh.getCellRangeByName("B4:B7"))
    mark_example(book, sh.getCellRangeByName("B9:B10"))
    mark_example(book, sh.getCellRangeByName(f"B20:E{last_row}"))
    book.style(sh.getCellRangeByName("B11:B16"), fill=INPUT_FILL, bold=True)
    book.style(sh.getCellRangeByName(f"A{last_row + 2}"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 70, 1: 34, 2: 34, 3: 34, 4: 34})
    for name, ref in (("Capacity", "$Inputs.$B$4:$B$7"), ("M2PerPupil", "$Inputs.$B$9"),
                      ("GroupSize", "$Inputs.$B$10"), ("AssignYear", "$Inputs.$B$11"),
                      ("RiskFrom", "$Inputs.$B$12"), ("RiskTo", "$Inputs.$B$13"),
                      ("RiskThreshold", "$Inputs.$B$14"), ("RiskTrials", "$Inputs.$B$15"),
                      ("RiskSeed", "$Inputs.$B$16"),
                      ("Distance", f"$Inputs.$B$20:$E${last_row}")):
        book.name(name, ref)


def build_base(book: Book, names: list[str], table: list[list[float]]) -> None:
    sh = book.sheet("Base", 2)
    k = len(names)
    sh.getCellRangeByName("A1").String = "Population 31 Dec 2019 by age (99 = 99+), male/female per sub-area"
    book.put(sh, "B2", [[f"{n} {s}" for n in names for s in ("M", "F")]])
    book.put(sh, "A3", [[a] for a in range(AGES)])
    book.put(sh, "B3", table)
    # Catchment bases: the sums of their sub-areas' columns (plain formulas).
    first = 2 * k + 2  # one empty column between
    order = [code for _, codes in CATCHMENTS for code in codes]
    for c, (school, codes) in enumerate(CATCHMENTS):
        for s, label in enumerate(("M", "F")):
            column = first + 2 * c + s
            sh.getCellByPosition(column, 1).String = f"{school} {label}"
            cols = [col_name(1 + 2 * order.index(code) + s) for code in codes]
            for a in range(AGES):
                sh.getCellByPosition(column, 2 + a).setFormula("=" + "+".join(f"{cl}{3 + a}" for cl in cols))
    header(book, sh.getCellRangeByName(f"A2:{col_name(first + 7)}2"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.name("SubareaBase", f"$Base.$B$3:${col_name(2 * k)}${2 + AGES}")
    for c in range(len(CATCHMENTS)):
        book.name(f"CatchmentBase{c + 1}",
                  f"$Base.${col_name(first + 2 * c)}$3:${col_name(first + 2 * c + 1)}${2 + AGES}")
    book.freeze(sh, 1, 2)


def build_rates(book: Book, data: dict) -> None:
    sh = book.sheet("Rates", 3)
    pairs = len(YEARS) * 2
    set_cells(sh, {"A1": "Fertility: births per woman, ages 15–49 (rows 3–37), 2020–2040 (B–V)",
                   "A40": "Death probabilities qx per person, ages 0–99 (rows 42–141) and born in the "
                          "year (row 142); male/female pair per year 2020–2040 (B–AQ)",
                   "A145": "Net international migration rate per person of the age and sex (Helsinki "
                           "net migrants ÷ Helsinki population 31 Dec 2019), ages 0–99 (rows 147–246)"})
    book.put(sh, "A2", [["Age"] + YEARS])
    book.put(sh, "A3", [[a] + [data["fert"][(y, a)] / 1000 for y in YEARS] for a in range(15, 50)])
    book.put(sh, "A41", [["Age"] + [f"{y} {s}" for y in YEARS for s in ("M", "F")]])
    book.put(sh, "A42", [[a if a < AGES else "born"] +
                         [data["mort"][(y, s, a)] / 1000 for y in YEARS for s in ("male", "female")]
                         for a in range(AGES + 1)])
    book.put(sh, "A146", [["Age"] + [f"{y} {s}" for y in YEARS for s in ("M", "F")]])
    city = data["base"]
    book.put(sh, "A147", [[a] + [data["net"][(y, s, a)] / city[(s, a)] if city[(s, a)] > 0 else 0.0
                                 for y in YEARS for s in ("male", "female")] for a in range(AGES)])
    last = col_name(pairs)
    book.name("Fertility", "$Rates.$B$3:$V$37")
    book.name("Mortality", f"$Rates.$B$42:${last}$142")
    book.name("Migration", f"$Rates.$B$147:${last}$246")
    for cell in ("A1", "A40", "A145"):
        book.style(sh.getCellRangeByName(cell), bold=True)
    for rng in ("A2:V2", f"A41:{last}41", f"A146:{last}146"):
        header(book, sh.getCellRangeByName(rng))


PROJECT_ARGS = 'SubareaBase;Fertility;Mortality;Migration;{steps}'.format(steps=STEPS)


def build_projection(book: Book, names: list[str]) -> None:
    sh = book.sheet("Projection", 4)
    k = len(names)
    book.put(sh, "A1", [["Sub-area", "Age"] + [BASE_YEAR] + YEARS])
    rows = [[names[i], a] for i in range(k) for a in range(AGES)]
    book.put(sh, "A2", rows)
    sh.getCellRangeByName(f"C2:{LAST}{1 + k * AGES}").setArrayFormula(
        f'=POP.PROJECT({PROJECT_ARGS};"total";"migration=rates")')
    top = k * AGES + 4
    book.put(sh, f"A{top}", [["Sub-area", "Ages"] + [BASE_YEAR] + YEARS])
    book.put(sh, f"A{top + 1}", [[names[i], band] for i in range(k) for band in ("0–6", "7–15", "16+")])
    sh.getCellRangeByName(f"C{top + 1}:{LAST}{top + 3 * k}").setArrayFormula(
        f'=POP.PROJECT({PROJECT_ARGS};"total";"migration=rates;bands=0,7,16")')
    header(book, sh.getCellRangeByName(f"A1:{LAST}1"))
    header(book, sh.getCellRangeByName(f"A{top}:{LAST}{top}"))
    book.style(sh.getCellRangeByName(f"C2:{LAST}{top + 3 * k}"), fmt="#,##0.0")
    book.name("Bands", f"$Projection.$C${top + 1}:${LAST}${top + 3 * k}")
    book.name("Years", f"$Projection.$C$1:${LAST}$1")
    book.freeze(sh, 2, 1)


def catchment_rows(names: list[str], codes: list[str]) -> list[int]:
    order = [code for _, cs in CATCHMENTS for code in cs]
    return [order.index(code) for code in codes]


def build_pupils(book: Book, names: list[str]) -> list[int]:
    """Returns the first row (1-based) of each school's 9-grade block."""
    sh = book.sheet("Pupils", 5)
    sh.getCellRangeByName("A1").String = ("Pupils by grade (grade g = age 6 + g on 31 Dec), "
                                          "SCHOOL.PUPILS of the catchment's sub-areas")
    starts = []
    row = 3
    for school, codes in CATCHMENTS:
        book.put(sh, f"A{row}", [[school, "Grade"] + [BASE_YEAR] + YEARS])
        header(book, sh.getCellRangeByName(f"A{row}:{LAST}{row}"))
        book.put(sh, f"B{row + 1}", [[g] for g in range(1, GRADES + 1)])
        blocks = "+".join(f"$Projection.$C${2 + i * AGES}:${LAST}${1 + (i + 1) * AGES}"
                          for i in catchment_rows(names, codes))
        sh.getCellRangeByName(f"C{row + 1}:{LAST}{row + GRADES}").setArrayFormula(
            f"=SCHOOL.PUPILS({blocks};{ENTRY_AGE};{GRADES})")
        sh.getCellRangeByName(f"A{row + GRADES + 1}").String = "Total"
        for c in YEAR_COLS:
            sh.getCellRangeByName(f"{c}{row + GRADES + 1}").setFormula(f"=SUM({c}{row + 1}:{c}{row + GRADES})")
        book.style(sh.getCellRangeByName(f"A{row + GRADES + 1}:{LAST}{row + GRADES + 1}"), bold=True)
        book.style(sh.getCellRangeByName(f"C{row + 1}:{LAST}{row + GRADES + 1}"), fmt="#,##0.0")
        starts.append(row + 1)
        row += GRADES + 3
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.widths(sh, {0: 50, 1: 14, **{c: 18 for c in range(2, 3 + STEPS)}})
    return starts


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


def build_schools(book: Book, starts: list[int]) -> None:
    sh = book.sheet("Schools", 6)
    n = len(CATCHMENTS)
    sh.getCellRangeByName("A1").String = "Schools: pupils, capacity gap, floor area and teaching groups"
    sections = [("Pupils (grades 1–9)", 3), ("Capacity gap = capacity − pupils (red = shortage)", 3 + n + 2),
                ("Floor area needed (m²) = pupils × m² per pupil", 3 + 2 * (n + 2)),
                ("Teaching groups = Σ over grades of ROUNDUP(pupils ÷ group size)", 3 + 3 * (n + 2))]
    for title, top in sections:
        book.put(sh, f"A{top}", [[title, "Capacity"] + [BASE_YEAR] + YEARS])
        header(book, sh.getCellRangeByName(f"A{top}:{LAST}{top}"))
        for i, (school, _) in enumerate(CATCHMENTS):
            sh.getCellRangeByName(f"A{top + 1 + i}").String = school
            sh.getCellRangeByName(f"B{top + 1 + i}").setFormula(f"=$Inputs.$B${4 + i}")
    p0 = sections[0][1] + 1
    for i, start in enumerate(starts):
        for c in YEAR_COLS:
            sh.getCellRangeByName(f"{c}{p0 + i}").setFormula(f"=$Pupils.{c}{start + GRADES}")
            sh.getCellRangeByName(f"{c}{sections[2][1] + 1 + i}").setFormula(f"={c}{p0 + i}*M2PerPupil")
            sh.getCellRangeByName(f"{c}{sections[3][1] + 1 + i}").setFormula(
                f"=SUMPRODUCT(ROUNDUP($Pupils.{c}{start}:{c}{start + GRADES - 1}/GroupSize;0))")
    g0 = sections[1][1] + 1
    gap = f"C{g0}:{LAST}{g0 + n - 1}"
    sh.getCellRangeByName(gap).setArrayFormula(f"=NETWORK.GAP(Capacity;C{p0}:{LAST}{p0 + n - 1})")
    add_conditional_red(sh, gap)
    book.style(sh.getCellRangeByName(f"C{p0}:{LAST}{sections[3][1] + n}"), fmt="#,##0")
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.widths(sh, {0: 75, 1: 20, **{c: 18 for c in range(2, 3 + STEPS)}})
    book.name("SchoolPupils", f"$Schools.$C${p0}:${LAST}${p0 + n - 1}")
    book.name("Gap", f"$Schools.${gap.split(':')[0][0]}${g0}:${LAST}${g0 + n - 1}")
    # Chart: pupils per school by year.
    header_row = sections[0][1] - 1
    rect = Rectangle(1000, sh.getCellByPosition(0, sections[3][1] + n + 2).Position.Y, 26000, 11000)
    addresses = (CellRangeAddress(sh.RangeAddress.Sheet, 0, header_row, 0, header_row + n),
                 CellRangeAddress(sh.RangeAddress.Sheet, 2, header_row, 2 + STEPS, header_row + n))
    sh.Charts.addNewByName("PupilsBySchool", rect, addresses, True, True)
    chart = sh.Charts.getByName("PupilsBySchool").EmbeddedObject
    chart.setDiagram(chart.createInstance("com.sun.star.chart.LineDiagram"))
    chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
    chart.HasMainTitle = True
    chart.Title.String = "Pupils (grades 1–9) per school, 2019–2040"
    chart.HasLegend = True
    book.freeze(sh, 2, 0)


def build_assignment(book: Book, names: list[str]) -> None:
    sh = book.sheet("Assignment", 7)
    k, n = len(names), len(CATCHMENTS)
    set_cells(sh, {"A1": "Least-distance assignment of each sub-area's pupils (ages 7–15) to the schools "
                         "within capacity (NETWORK.ASSIGN), in the year on Inputs",
                   "A3": "Sub-area", "B3": "Pupils 7–15", "H3": "Unserved"})
    for j, (school, _) in enumerate(CATCHMENTS):
        sh.getCellByPosition(2 + j, 2).String = school
    for i, name in enumerate(names):
        sh.getCellByPosition(0, 3 + i).String = name
        # The 7–15 band of sub-area i in the chosen year (plain INDEX/MATCH on the bands).
        sh.getCellByPosition(1, 3 + i).setFormula(f"=INDEX(Bands;{3 * i + 2};MATCH(AssignYear;Years;0))")
    last = 3 + k
    flows = f"C4:{col_name(1 + n)}{last}"
    sh.getCellRangeByName(flows).setArrayFormula(f"=NETWORK.ASSIGN(B4:B{last};Capacity;Distance)")
    sh.getCellRangeByName(f"H4:H{last}").setArrayFormula(
        f'=NETWORK.ASSIGN(B4:B{last};Capacity;Distance;"unserved")')
    set_cells(sh, {f"A{last + 1}": "Total", f"A{last + 2}": "Load (assigned pupils)",
                   f"A{last + 3}": "Capacity", f"A{last + 4}": "Total person-km (cost)"})
    for c in ["B", *[col_name(2 + j) for j in range(n)], "H"]:
        sh.getCellRangeByName(f"{c}{last + 1}").setFormula(f"=SUM({c}4:{c}{last})")
    sh.getCellRangeByName(f"C{last + 2}:{col_name(1 + n)}{last + 2}").setArrayFormula(
        f'=TRANSPOSE(NETWORK.ASSIGN(B4:B{last};Capacity;Distance;"load"))')
    sh.getCellRangeByName(f"C{last + 3}:{col_name(1 + n)}{last + 3}").setArrayFormula("=TRANSPOSE(Capacity)")
    sh.getCellRangeByName(f"B{last + 4}").setFormula(f'=NETWORK.ASSIGN(B4:B{last};Capacity;Distance;"cost")')
    sh.getCellRangeByName(f"A{last + 6}").String = (
        "Distances and capacities are EXAMPLE inputs (sheet Inputs). A blank distance means no route: "
        "that sub-area cannot be assigned to that school.")
    header(book, sh.getCellRangeByName("A3:H3"))
    book.style(sh.getCellRangeByName(f"A{last + 1}:H{last + 4}"), bold=True)
    book.style(sh.getCellRangeByName(f"B4:H{last + 4}"), fmt="#,##0.0")
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"A{last + 6}"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 55, **{c: 34 for c in range(1, 8)}})
    book.name("AssignDemand", f"$Assignment.$B$4:$B${last}")
    book.name("AssignFlows", f"$Assignment.$C$4:${col_name(1 + n)}${last}")
    book.name("AssignUnserved", f"$Assignment.$H$4:$H${last}")
    book.name("AssignLoad", f"$Assignment.$C${last + 2}:${col_name(1 + n)}${last + 2}")
    book.name("AssignCost", f"$Assignment.$B${last + 4}")


def build_risk(book: Book, starts: list[int]) -> None:
    sh = book.sheet("Risk", 8)
    set_cells(sh, {"A1": "Probability that the smallest schools' pupils aged RiskFrom–RiskTo (grades 1–2 "
                         "with the inputs as given) are fewer than RiskThreshold, POP.RISK",
                   "A3": "School", "B3": "Measure"})
    book.put(sh, "C3", [YEARS])
    row = 4
    for c in range(2):  # the two smallest catchments
        school = CATCHMENTS[c][0]
        set_cells(sh, {f"A{row}": school, f"B{row}": "P(fewer than threshold)",
                       f"B{row + 1}": "Expected pupils (POP.PROJECT)"})
        sh.getCellRangeByName(f"C{row}:{col_name(1 + STEPS)}{row}").setArrayFormula(
            f"=POP.RISK(CatchmentBase{c + 1};Fertility;Mortality;Migration;{STEPS};RiskFrom;RiskTo;"
            'RiskThreshold;RiskTrials;RiskSeed;"migration=rates")')
        # Deterministic band of the same ages: the sum of the catchment's grade rows.
        for k, colx in enumerate(col_name(2 + t) for t in range(STEPS)):
            src = YEAR_COLS[k + 1]
            sh.getCellRangeByName(f"{colx}{row + 1}").setFormula(
                f"=SUM(OFFSET($Pupils.{src}{starts[c]};RiskFrom-{ENTRY_AGE};0;RiskTo-RiskFrom+1;1))")
        book.style(sh.getCellRangeByName(f"C{row}:{col_name(1 + STEPS)}{row}"), fmt="0%")
        book.style(sh.getCellRangeByName(f"C{row + 1}:{col_name(1 + STEPS)}{row + 1}"), fmt="0.0")
        row += 3
    sh.getCellRangeByName(f"A{row}").String = (
        "Each probability is the share of RiskTrials stochastic projections (binomial deaths, Poisson "
        "births and migrants around the same rates) in which the age group is below the threshold on "
        "31 Dec of the year; the same seed gives the same numbers on every machine.")
    sh.getCellRangeByName(f"A{row + 1}").String = (
        "Only the chance in individual births, deaths and moves at the given rates is simulated, not "
        "uncertainty in the rates themselves nor domestic migration (not in the source data): where the "
        "children are already born and few move, the probabilities are close to 0 or 1. Read them as a "
        "lower bound of the real uncertainty.")
    book.style(sh.getCellRangeByName(f"A{row + 1}"), italic=True, color=NOTE_GREY)
    header(book, sh.getCellRangeByName(f"A3:{col_name(1 + STEPS)}3"))
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.style(sh.getCellRangeByName(f"A{row}"), italic=True, color=NOTE_GREY)
    book.widths(sh, {0: 50, 1: 60, **{c: 16 for c in range(2, 2 + STEPS)}})
    book.name("Risk1", f"$Risk.$C$4:${col_name(1 + STEPS)}$4")
    book.name("Risk2", f"$Risk.$C$7:${col_name(1 + STEPS)}$7")


def build_check(book: Book, names: list[str]) -> None:
    sh = book.sheet("Check", 9)
    k = len(names)
    n = len(CATCHMENTS)
    checks = []
    checks.append(("Pupils of all schools = ages 7–15 of all sub-areas (POP.PROJECT bands), every year",
                   "=SUMPRODUCT(ABS(" + "+".join(f"INDEX(Bands;{3 * i + 2};0)" for i in range(k)) +
                   "-(" + "+".join(f"INDEX(SchoolPupils;{j + 1};0)" for j in range(n)) + ")))<1E-6*SUM(SchoolPupils)"))
    checks.append(("Capacity gap = capacity − pupils",
                   "=ABS(SUM(Gap)-(SUM(Capacity)*COLUMNS(Gap)-SUM(SchoolPupils)))<1E-6*SUM(SchoolPupils)"))
    checks.append(("Assigned + unserved = pupils of the sub-areas",
                   "=ABS(SUM(AssignFlows)+SUM(AssignUnserved)-SUM(AssignDemand))<1E-5"))
    checks.append(("No school assigned above its capacity",
                   "=SUMPRODUCT((AssignLoad>TRANSPOSE(Capacity)+1E-6)*1)=0"))
    checks.append(("Probabilities are within 0..1",
                   "=AND(MIN(Risk1)>=0;MAX(Risk1)<=1;MIN(Risk2)>=0;MAX(Risk2)<=1)"))
    checks.append(("Cost = Σ flows × distance (blank = no route carries no flow)",
                   "=ABS(AssignCost-SUMPRODUCT(AssignFlows;Distance))<1E-6*MAX(1;AssignCost)"))
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
    book.widths(sh, {0: 150, 1: 25})


def set_properties(doc) -> None:
    props = doc.DocumentProperties
    props.Title = "Kuntaplan: school network (eastern Helsinki 2019–2040, example catchments)"
    props.Subject = "Pupils by grade, capacity gap, catchment assignment and small-school risk"
    props.Description = ("Sources: Statistics Finland (Tilastokeskus) population projection 2019 "
                         "assumptions and Helsinki sub-area population 31 Dec 2019, CC BY 4.0, via "
                         "Porvoon-kehitysyksikko/Vaestoennuste (MIT). Schools, capacities, standards "
                         "and distances are example inputs.")
    props.Author = "Kuntaplan"
    props.ModifiedBy = "Kuntaplan"
    props.Keywords = ("school network", "kouluverkko", "Kuntaplan")


def build(office: Office, data: dict, names: list[str], table, out: Path, lang: str = "en") -> list:
    doc = office.new_calc(hidden=False)
    doc.enableAutomaticCalculation(False)
    book = Book(office, doc)
    doc.lockControllers()
    build_readme(book)
    build_inputs(book, names)
    build_base(book, names, table)
    build_rates(book, data)
    build_projection(book, names)
    starts = build_pupils(book, names)
    doc.unlockControllers()
    doc.calculateAll()
    build_schools(book, starts)
    build_assignment(book, names)
    build_risk(book, starts)
    build_check(book, names)
    doc.enableAutomaticCalculation(True)
    doc.calculateAll()
    set_properties(doc)
    doc.getCurrentController().setActiveSheet(doc.Sheets.getByName("Read me"))
    missing = localise(doc, "school-network", lang)
    if missing:
        office.close(doc)
        raise SystemExit("no translation in templates/l10n/school-network.tsv for:\n" + "\n".join(missing))
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
        names, table = subarea_data(data_dir)
        return [("school-network", lambda office, out, lang: build(office, data, names, table, out, lang))]
    return run_generator(__doc__, argv, templates)


if __name__ == "__main__":
    sys.exit(main())
