#!/usr/bin/python3
"""Builds the strategy workbook template (strategy.ots, strategia.ots, strategi.ots): population →
service demand → costs → impact for Helsinki, in one chain of live formulas.

    /usr/bin/python3 templates/make_strategy.py [--oxt build/kuntaplan-functions.oxt]
        [--lang en fi sv] [--out-dir build/templates] [--format ots|fods]

It starts a private headless LibreOffice with the extension (tests/calc/kpoffice.py, bundled mode),
runs the extension's own scenario command (org.kuntaplan:NewScenario, the wizard's dialog-free path)
for the population and demand sheets, adds the Costs (COST.PROJECT) and Impact (IMPACT.DISCOUNT,
IMPACT.NPV, IMPACT.BCR, IMPACT.PAYBACK) sheets that read them, and stores the workbook.

Every generator takes the same command line (make_population.generator_arguments): DATA_DIR
(default <repo>/data), --oxt (default build/kuntaplan-functions.oxt, the extension without its
templates, which the build makes first), --lang (default en fi sv), --out-dir (default
build/templates) and --format ots|fods. The build (templates/CMakeLists.txt) runs it and ships the
.ots files; the generator is the template's only source in the repository.

Population data and rates: Statistics Finland via data/ (bundled in the add-in). Unit costs,
the cost index and the measure on the Impact sheet are EXAMPLE values, marked as such in the sheets.
Demand runs through the Demand sheet's participation rates × population (SUMIFS), not DEMAND.PROJECT,
which is not on main yet.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "calc"))

import uno  # noqa: E402,F401  (makes the com.sun.star modules importable)
from com.sun.star.awt import Rectangle  # noqa: E402
from com.sun.star.table import CellRangeAddress  # noqa: E402

import make_costing as mc  # noqa: E402
import make_population as mp  # noqa: E402
from commands import dispatch  # noqa: E402
from kpoffice import Office  # noqa: E402

Book, col_name = mp.Book, mp.col_name
SCENARIO = "Helsinki"
HORIZON = 21                      # 2019 → 2040
YEAR_COLUMNS = HORIZON + 1        # 2019..2040
DEMAND = f"$'{SCENARIO} Demand'"
PROJECTION = f"$'{SCENARIO} Projection'"
SUMMARY = f"$'{SCENARIO} Summary'"
SERVICE_ROWS = (18, 21)           # the four services on the Demand sheet (rows 18..21)
DEMAND_FIRST_YEAR_COL = 4         # column E = 2019
# EXAMPLE unit costs, € per user a year at 2019 prices (not from a source).
UNIT_COSTS = [12000, 10500, 9500, 25000]

README = [
    ("Kuntaplan — strategy workbook for Helsinki: population → service demand → costs → impact", "title"),
    ("", None),
    ("What this workbook does", "head"),
    ("It chains four steps that a municipal strategy process goes through, every one a live formula that "
     "reads the step before: the population of Helsinki by age from 31 Dec 2019 to 2040 (POP.PROJECT), "
     "the number of users of four services (participation rate × the population of their ages), their "
     "costs (COST.PROJECT: unit cost × users × a cost index), and the value of a measure that lowers "
     "the costs of elderly care (IMPACT.DISCOUNT, IMPACT.NPV, IMPACT.BCR, IMPACT.PAYBACK).", None),
    ("It needs the Kuntaplan extension: without it the formulas show #NAME?. To send it to someone "
     "without the extension use Kuntaplan ▸ Share a copy….", None),
    ("", None),
    ("How to use it", "head"),
    ("Change the yellow cells of Helsinki Assumptions (target fertility, mortality improvement, the six "
     "migration flows in % of their defaults) and the orange EXAMPLE cells of Helsinki Demand, Costs and Impact: everything follows. "
     "More scenarios: Kuntaplan ▸ New scenario…; then Kuntaplan ▸ Compare scenarios.", None),
    ("", None),
    ("Sheets", "head"),
    ("Helsinki Assumptions, Projection, Demand, Summary — written by Kuntaplan ▸ New scenario… (the "
     "bundled Helsinki example, 21 years).", None),
    ("Costs — unit costs (EXAMPLE) × the users on Helsinki Demand with a cost index (EXAMPLE), by year.", None),
    ("Impact — an EXAMPLE measure: preventive home visits for people aged 75+ costing 2 million € a year "
     "that cut the costs of home care and housing services 75+ by 3 % from its second year.", None),
    ("", None),
    ("Sources", "head"),
    ("Population on 31 Dec 2019, fertility, death probabilities and migration (within the Helsinki region, "
     "with the rest of Finland and abroad) of 2020: Statistics Finland (the 2019 population projection's assumptions), via the City of Porvoo's open "
     "population model (GitHub Porvoon-kehitysyksikko/Vaestoennuste, MIT licence).", None),
    ("Participation rates, unit costs, the cost index and the measure: EXAMPLE values, not from a source.", None),
    ("", None),
    ("Check", "head"),
    ("The named range Check is TRUE when the base population is Helsinki's 653,835, the Summary agrees with "
     "the Projection, the first year's costs equal unit costs × users, and the NPV equals the discounted "
     "net flows.", None),
]


def build_costs(book: Book) -> None:
    sh = book.sheet("Costs", 5)
    book.put(sh, "A1", [["Costs of the services, € a year (COST.PROJECT)"]])
    book.style(sh.getCellRangeByName("A1"), bold=True)
    last = col_name(2 + YEAR_COLUMNS - 1)
    header = sh.getCellRangeByName(f"A3:{last}3")
    header.setFormulaArray(((("Service", "Unit cost, € a year (EXAMPLE)")
                             + tuple(f"={DEMAND}.{col_name(DEMAND_FIRST_YEAR_COL + i)}$17"
                                     for i in range(YEAR_COLUMNS))),))
    # the titles wrap: "Unit cost, € a year (EXAMPLE)" needs 62 mm (Finnish 89 mm) in 45
    book.style(header, bold=True, fill=mp.HEADER_FILL, wrap=True)
    first, end = SERVICE_ROWS
    rows = []
    for k, row in enumerate(range(first, end + 1)):
        rows.append((f"={DEMAND}.$A${row}", str(UNIT_COSTS[k])))
    sh.getCellRangeByName(f"A4:B{4 + len(rows) - 1}").setFormulaArray(tuple(rows))
    mc.mark_inputs(book, sh.getCellRangeByName(f"B4:B{3 + len(rows)}"), example=True)
    volumes = (f"{DEMAND}.${col_name(DEMAND_FIRST_YEAR_COL)}${first}:"
               f"${col_name(DEMAND_FIRST_YEAR_COL + YEAR_COLUMNS - 1)}${end}")
    sh.getCellRangeByName(f"C4:{last}7").setArrayFormula(f"=COST.PROJECT($B$4:$B$7;{volumes};$B$10)")
    sh.getCellRangeByName(f"A8:{last}8").setFormulaArray(
        (("Total", "") + tuple(f"=SUM({col_name(2 + i)}4:{col_name(2 + i)}7)" for i in range(YEAR_COLUMNS)),))
    book.style(sh.getCellRangeByName(f"A8:{last}8"), bold=True)
    book.style(sh.getCellRangeByName(f"C4:{last}8"), fmt="#,##0")
    book.put(sh, "A10", [["Cost index, change a year (EXAMPLE)", 0.025]])
    mc.mark_inputs(book, sh.getCellRangeByName("B10"), example=True)
    book.style(sh.getCellRangeByName("B10"), fmt="0.0%")
    book.style(sh.getCellRangeByName("A10"), wrap=True)  # Finnish: 90 mm in 70
    mc.note_rows(book, sh, "A12", [
        "Cost in year j = unit cost × users in year j × (1 + index)^j (COST.PROJECT); users from Helsinki Demand.",
        "Unit costs and the index are EXAMPLE values, not from a source: replace them with your own."])
    # a year's total is up to about 2,300,000,000 €: 13 characters with the separators
    book.widths(sh, {0: 70, 1: 45, **{c: 30 for c in range(2, 2 + YEAR_COLUMNS)}})
    # series = the services (A4:A7), categories = the years (C3:…3): the unit costs in column B are
    # not a point of the lines
    mc.line_chart(sh, "Costs by service", "Costs by service, €",
                  [CellRangeAddress(5, 0, 2, 0, 6), CellRangeAddress(5, 2, 2, 1 + YEAR_COLUMNS, 6)],
                  Rectangle(500, 7000, 22000, 9000))


def build_impact(book: Book) -> None:
    sh = book.sheet("Impact", 6)
    years = HORIZON                # 2020..2040: year 0 = 2020
    last = col_name(1 + years - 1)
    book.put(sh, "A1", [["Impact of an EXAMPLE measure: preventive home visits for people aged 75+"]])
    book.style(sh.getCellRangeByName("A1"), bold=True)
    book.put(sh, "A3", [["Cost of the measure, € a year (EXAMPLE)", 2_000_000],
                        ["Share of 75+ care costs avoided (EXAMPLE)", 0.03],
                        ["Benefits start in year (0 = 2020)", 1],
                        ["Discount rate", 0.035]])
    mc.mark_inputs(book, sh.getCellRangeByName("B3:B5"), example=True)
    mc.mark_inputs(book, sh.getCellRangeByName("B6"), example=False)
    book.style(sh.getCellRangeByName("B4"), fmt="0.0%")
    book.style(sh.getCellRangeByName("B6"), fmt="0.0%")
    # Flows by year, 2020.. in columns B..V (Costs columns D..X are 2020..2040).
    rows = [["Year"] + [f"=Costs.{col_name(3 + t)}3" for t in range(years)],
            ["Year of the measure"] + [str(t) for t in range(years)],
            ["Costs, €"] + ["=$B$3" for _ in range(years)],
            ["Benefits: avoided care costs, €"] + [f"=IF({col_name(1 + t)}$10>=$B$5;$B$4*Costs.{col_name(3 + t)}$7;0)"
                                                   for t in range(years)]]
    sh.getCellRangeByName(f"A9:{last}12").setFormulaArray(tuple(tuple(r) for r in rows))
    book.put(sh, "A13", [["Discount factor (IMPACT.DISCOUNT)"]])
    sh.getCellRangeByName(f"B13:{last}13").setArrayFormula(f"=IMPACT.DISCOUNT({years};$B$6)")
    book.style(sh.getCellRangeByName(f"A9:{last}9"), bold=True, fill=mp.HEADER_FILL)
    book.style(sh.getCellRangeByName(f"B11:{last}12"), fmt="#,##0")
    book.style(sh.getCellRangeByName(f"B13:{last}13"), fmt="0.0000")
    flows = f"$B$11:${last}$11", f"$B$12:${last}$12"
    book.put(sh, "A15", [["Results"]])
    book.style(sh.getCellRangeByName("A15"), bold=True)
    sh.getCellRangeByName("A16:B18").setFormulaArray((
        ("Net present value, € (IMPACT.NPV)", ""),
        ("Benefit-cost ratio (IMPACT.BCR)", f"=IMPACT.BCR({flows[0]};{flows[1]};$B$6)"),
        ("Payback year of the measure (IMPACT.PAYBACK)", f"=IMPACT.PAYBACK({flows[0]};{flows[1]};$B$6)")))
    sh.getCellRangeByName("B16").setArrayFormula(f"=IMPACT.NPV({flows[1]}-{flows[0]};$B$6)")
    book.style(sh.getCellRangeByName("B16"), fmt="#,##0", bold=True)
    book.style(sh.getCellRangeByName("B17"), fmt="0.00", bold=True)
    book.style(sh.getCellRangeByName("B18"), bold=True)
    mc.note_rows(book, sh, "A20", [
        "The measure and its effect are EXAMPLE values: the avoided costs read the projected costs of home "
        "care and housing services 75+ on the Costs sheet, so they grow with the number of people aged 75+.",
        "Discounting as in the IMPACT functions: year 0 (2020) undiscounted, (1 + rate)^−t after."])
    # the labels: the longest, Finnish "Vältetty osuus 75 vuotta täyttäneiden hoivakustannuksista
    # (ESIMERKKI)", needs 129 mm; they wrap in 100 (the notes below them run on to the right)
    book.widths(sh, {0: 100, 1: 30})
    book.style(sh.getCellRangeByName("A3:A18"), wrap=True)


def build_checks(book: Book) -> None:
    sh = book.doc.Sheets.getByName("Impact")
    last_impact = col_name(HORIZON)
    checks = [
        ("Base population is Helsinki's 653,835", f"=ABS(SUM({PROJECTION}.$B$4:$B$103)-653835)<0.5"),
        ("Summary 2040 = Projection 2040", f"=ABS({SUMMARY}.$W$4-SUM({PROJECTION}.$W$4:$W$103))<0.001"),
        ("Costs 2019 = unit costs × users", f"=ABS(Costs.$C$8-SUMPRODUCT(Costs.$B$4:$B$7;{DEMAND}.$E$18:$E$21))<0.01"),
        ("NPV = discounted net flows",
         f"=ABS($B$16-SUMPRODUCT(($B$12:${last_impact}$12-$B$11:${last_impact}$11)*$B$13:${last_impact}$13))<0.01"),
    ]
    book.put(sh, "A24", [["Checks"]])
    book.style(sh.getCellRangeByName("A24"), bold=True)
    sh.getCellRangeByName(f"A25:B{24 + len(checks)}").setFormulaArray(tuple(checks))
    total = 25 + len(checks)
    sh.getCellRangeByName(f"A{total}:B{total}").setFormulaArray(
        (("All checks (named range Check)", f"=AND(B25:B{total - 1})"),))
    book.style(sh.getCellRangeByName(f"A{total}:B{total}"), bold=True)
    book.style(sh.getCellRangeByName(f"A25:A{total}"), wrap=True)
    book.name("Check", f"$Impact.$B${total}")


def build(office: Office, out: Path, lang: str = "en") -> list:
    doc = office.new_calc()
    book = Book(office, doc)
    mc.readme(book, README)
    state, result = dispatch(office, doc, "NewScenario", Name=SCENARIO, Horizon=HORIZON)
    if state != 1:
        raise RuntimeError(f"NewScenario failed: {result}")
    doc.enableAutomaticCalculation(False)
    build_costs(book)
    build_impact(book)
    build_checks(book)
    return mc.finish(office, doc, out, "Read me", "Kuntaplan: strategy workbook for Helsinki",
                     "Population, service demand, costs and impact with Kuntaplan",
                     ("Read me", "Costs", "Impact"), "strategy", lang)


def main(argv: list[str] | None = None) -> int:
    return mp.run_generator(__doc__, argv, lambda args: [("strategy", build)])


if __name__ == "__main__":
    sys.exit(main())
