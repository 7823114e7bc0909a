"""NewScenario and CompareScenarios run by dispatch URL with their dialog-free arguments: the
sheets, the formulas they hold, the numbers (against region_model.py, an independent implementation
of the Helsinki-region model's step that reads data/ directly), the six migration flows and the net
count of before, the Summary's components and their balance, failures that write nothing, one undo
step, Finnish.

Tolerances: the reference and POP.PROJECT add the same terms in a different order, so populations
agree to about 1e-15 relative; 1e-9 relative leaves room for that and nothing else (a wrong flow,
row or convention moves the totals by whole persons). Balances are checked to 1e-6 persons on
totals below 1e6 (the Summary's cells are sums of doubles)."""

from __future__ import annotations

import pytest
import uno

import region_model
from display import display_problems
from commands import SUCCESS, dispatch, sheet_names
from realdata import helsinki_base

PARTS = ["Assumptions", "Projection", "Demand", "Summary"]
AGES = 100
FLOW_ARGUMENTS = ["InRegion", "OutRegion", "InFinland", "OutFinland", "InAbroad", "OutAbroad"]
COMPONENTS = ["Population", "Births", "Deaths", "In-migration", "Out-migration", "Net migration",
              "Natural increase"]
# Where things are (1-based rows as a user sees them).
MULTIPLIERS = "B6:B11"
NET_ADDED, HORIZON, FLOW_SCALE, OPTIONS = "B12", "B13", "B16", "B18"
BASE = "B31:C130"
COMPONENT_ROWS = range(4, 11)   # Summary rows 4..10: the components in COMPONENTS' order


@pytest.fixture
def visible(office):
    doc = office.new_calc(hidden=False)
    yield doc
    office.close(doc)


def column(values, index=0):
    return [row[index] for row in values]


def col(n: int) -> str:
    """Column letters of a 1-based column number."""
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def components(office, summary, years: int) -> dict[str, list]:
    """The Summary's component rows by label, base year first."""
    rows = office.values(summary, f"A4:{col(2 + years)}10")
    return {row[0]: row[1:] for row in rows}


def assert_balance(parts: dict[str, list], years: int) -> None:
    """population(t+1) − population(t) = births − deaths + in − out, net = in − out and natural
    increase = births − deaths, every year; the base year has no flows (empty cells)."""
    for label in COMPONENTS[1:]:
        assert parts[label][0] == "", label
    population = parts["Population"]
    for t in range(1, years + 1):
        births, deaths = parts["Births"][t], parts["Deaths"][t]
        inflow, outflow = parts["In-migration"][t], parts["Out-migration"][t]
        assert population[t] - population[t - 1] == pytest.approx(births - deaths + inflow - outflow, abs=1e-6)
        assert parts["Net migration"][t] == pytest.approx(inflow - outflow, abs=1e-6)
        assert parts["Natural increase"][t] == pytest.approx(births - deaths, abs=1e-6)


def assert_like_model(office, doc, name: str, model: region_model.Result, years: int) -> None:
    """Every age and year of the Projection, and the Summary's flows, as the reference gives them."""
    projection = doc.Sheets.getByName(f"{name} Projection")
    by_age = office.values(projection, f"B4:{col(2 + years)}103")
    for t in range(years + 1):
        expected = [m + f for m, f in model.population[t]]
        assert [row[t] for row in by_age] == pytest.approx(expected, rel=1e-9, abs=1e-9), f"year {t}"
    parts = components(office, doc.Sheets.getByName(f"{name} Summary"), years)
    assert parts["Births"][1:] == pytest.approx(model.births, rel=1e-9)
    assert parts["Deaths"][1:] == pytest.approx(model.deaths, rel=1e-9)
    assert parts["In-migration"][1:] == pytest.approx(model.in_migration, rel=1e-9, abs=1e-9)
    assert parts["Out-migration"][1:] == pytest.approx(model.out_migration, rel=1e-9, abs=1e-9)


def test_new_scenario_writes_four_sheets_of_live_formulas(office, calc):
    state, result = dispatch(office, calc, "NewScenario", Name="Base", TargetTFR=1.3, Horizon=10)
    assert (state, result) == (SUCCESS, True)
    assert sheet_names(calc)[1:] == [f"Base {p}" for p in PARTS]
    assert office.error_cells(calc) == []
    assumptions = calc.Sheets.getByName("Base Assumptions")
    projection = calc.Sheets.getByName("Base Projection")
    summary = calc.Sheets.getByName("Base Summary")

    # Array formulas that call the functions a user would type, with gross migration and the
    # Helsinki-region model's conventions in a visible cell.
    formula = projection.getCellRangeByName("B4").getFormula()
    assert formula.startswith("{=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT($'Base Assumptions'.$B$31:$C$130;")
    assert "$'Base Assumptions'.$V$31:$Y$130;" in formula and formula.endswith(
        "\"total\";$'Base Assumptions'.$B$18)}")
    assert projection.getCellRangeByName("L103").getFormula() == formula
    assert office.values(assumptions, OPTIONS)[0][0] == (
        "migration=gross;out=counts;births=start;migration_timing=end;srb=1.04081632653061")
    assert "POPSCALE" in assumptions.getCellRangeByName("E46").getFormula()
    assert "POPAGGREGATE" in calc.Sheets.getByName("Base Demand").getCellRangeByName("C5").getFormula()

    # The six flows at 100 % of the bundled ones, as yellow inputs; no added net count.
    assert column(office.values(assumptions, MULTIPLIERS)) == [1.0] * 6
    assert office.values(assumptions, f"{NET_ADDED}:{HORIZON}") == [[0.0], [10.0]]
    assert office.values(assumptions, FLOW_SCALE)[0][0] == 1.0
    assert assumptions.getCellRangeByName("B6").getString() == "100%"
    yellow = assumptions.getCellRangeByName("B4:B13").CellBackColor
    assert yellow == 0xFFF2CC

    # The base year column is the Helsinki base; the target TFR is met; the horizon is 10 years.
    base = helsinki_base()
    assert column(office.values(projection, "B4:B103")) == [m + f for m, f in base]
    assert sum(column(office.values(assumptions, "E46:E80"))) == pytest.approx(1.3, abs=1e-12)
    header = office.values(projection, "A3:L3")[0]
    assert header[1:] == [float(y) for y in range(2019, 2030)]

    # The Summary's components, their balance, and the reference's numbers.
    assert column(office.values(summary, "A4:A10")) == COMPONENTS
    assert office.values(summary, "B4")[0][0] == 653835.0
    parts = components(office, summary, 10)
    assert_balance(parts, 10)
    assert_like_model(office, calc, "Base", region_model.project(10, 1.3), 10)
    # The data README's flows: 16,961.67 + 20,609.67 + 5,297 in, 19,702.67 + 15,719 + 2,273 out.
    assert parts["In-migration"][1] == pytest.approx(42868.33, abs=0.01)
    assert parts["Out-migration"][1] == pytest.approx(37694.67, abs=0.01)
    assert [summary.getCellRangeByName(f"B{r}").getFormula() for r in range(5, 11)] == [""] * 6

    # The wiring: the same call through FunctionAccess with the inputs on the sheet.
    inputs = [office.values(assumptions, r) for r in ("B31:C130", "E46:E80", "AA31:AT131", "V31:Y130")]
    direct = office.call("POP.PROJECT", *inputs, 10, "total", office.values(assumptions, OPTIONS)[0][0])
    assert [list(r) for r in direct] == office.values(projection, "B4:L103")

    # Live: a new target changes the projection; so does a flow's percentage.
    before = office.values(summary, "L4")[0][0]
    assumptions.getCellRangeByName("B4").setValue(1.6)
    calc.calculateAll()
    assert office.values(summary, "L4")[0][0] > before + 1000
    assumptions.getCellRangeByName("B7").setValue(1.5)  # out-migration within the region × 1.5
    calc.calculateAll()
    assert office.values(summary, "L8")[0][0] == pytest.approx(37694.67 + 0.5 * 19702.67, abs=0.01)


def test_the_six_flows_by_dispatch_arguments(office, calc):
    percentages = [50, 120, 100, 80, 0, 150]
    arguments = dict(zip(FLOW_ARGUMENTS, percentages))
    assert dispatch(office, calc, "NewScenario", Name="Flows", Horizon=8, **arguments) == (SUCCESS, True)
    assert office.error_cells(calc) == []
    assumptions = calc.Sheets.getByName("Flows Assumptions")
    assert column(office.values(assumptions, MULTIPLIERS)) == pytest.approx([p / 100 for p in percentages])
    model = region_model.project(8, 1.04, multipliers=[p / 100 for p in percentages])
    assert_like_model(office, calc, "Flows", model, 8)
    assert_balance(components(office, calc.Sheets.getByName("Flows Summary"), 8), 8)

    # "The defaults scaled by X %": the same percentage for all six.
    same = {name: 80 for name in FLOW_ARGUMENTS}
    assert dispatch(office, calc, "NewScenario", Name="Eighty", Horizon=3, **same) == (SUCCESS, True)
    assert_like_model(office, calc, "Eighty", region_model.project(3, 1.04, multipliers=[0.8] * 6), 3)


def test_net_migration_works_as_before(office, calc):
    # NetMigration alone: a net count a year over the net international profile, the flows at 0 %.
    assert dispatch(office, calc, "NewScenario", Name="Net", NetMigration=3000, Horizon=10) == (SUCCESS, True)
    assumptions = calc.Sheets.getByName("Net Assumptions")
    assert column(office.values(assumptions, MULTIPLIERS)) == [0.0] * 6
    assert office.values(assumptions, NET_ADDED)[0][0] == 3000.0
    parts = components(office, calc.Sheets.getByName("Net Summary"), 10)
    assert parts["Net migration"][1:] == pytest.approx([3000.0] * 10, abs=1e-6)
    assert_balance(parts, 10)
    assert_like_model(office, calc, "Net", region_model.project(10, 1.04, multipliers=[0] * 6, net=3000), 10)
    # Negative: the profile's signs swap sides.
    assert dispatch(office, calc, "NewScenario", Name="Loss", NetMigration=-2000, Horizon=4) == (SUCCESS, True)
    parts = components(office, calc.Sheets.getByName("Loss Summary"), 4)
    assert parts["Net migration"][1:] == pytest.approx([-2000.0] * 4, abs=1e-6)
    assert_like_model(office, calc, "Loss", region_model.project(4, 1.04, multipliers=[0] * 6, net=-2000), 4)

    # Given with flows, the net count is added to them.
    assert dispatch(office, calc, "NewScenario", Name="Both", NetMigration=500, InAbroad=100, OutAbroad=100,
                    Horizon=4) == (SUCCESS, True)
    assert column(office.values(calc.Sheets.getByName("Both Assumptions"), MULTIPLIERS)) == [0, 0, 0, 0, 1, 1]
    assert_like_model(office, calc, "Both",
                      region_model.project(4, 1.04, multipliers=[0, 0, 0, 0, 1, 1], net=500), 4)
    assert office.error_cells(calc) == []


def test_mortality_improvement_and_a_base_range_of_the_workbook(office, calc):
    data = calc.Sheets.getByIndex(0)
    data.Name = "Data"
    half = [[m / 2, f / 2] for m, f in helsinki_base()]
    office.set_values(data, "B2:C101", half)
    assert dispatch(office, calc, "NewScenario", Name="Bundled", Horizon=5) == (SUCCESS, True)
    assert dispatch(office, calc, "NewScenario", Name="Own", BaseRange="$Data.$B$2:$C$101", BaseYear=2019,
                    Horizon=5, MortalityImprovement=0.02) == (SUCCESS, True)
    own = calc.Sheets.getByName("Own Assumptions")
    assert own.getCellRangeByName("B31").getFormula() == "{=$Data.$B$2:$C$101}"
    qx = office.values(own, "F31:G131")
    year3 = office.values(own, "AE31:AF131")  # the third projection year's pair
    for given, improved in zip(qx, year3):
        assert improved == pytest.approx([q * 0.98 ** 3 for q in given], rel=1e-12)
    # An own base takes Helsinki's flows scaled to its size (here half), and says so.
    assert office.values(own, FLOW_SCALE)[0][0] == pytest.approx(0.5, rel=1e-15)
    notes = column(office.values(own, "A21:A27"))
    assert any(n.startswith("Your own base population: the default flows are Helsinki's") for n in notes)
    assert_like_model(office, calc, "Own",
                      region_model.project(5, 1.04, improvement=0.02, base=half), 5)
    # Fewer deaths than with the rates as given, relative to the size.
    bundled = components(office, calc.Sheets.getByName("Bundled Summary"), 5)
    improved = components(office, calc.Sheets.getByName("Own Summary"), 5)
    assert improved["Population"][0] == 653835.0 / 2
    assert all(2 * i < b for i, b in zip(improved["Deaths"][1:], bundled["Deaths"][1:]))
    assert improved["In-migration"][1] == pytest.approx(bundled["In-migration"][1] / 2, rel=1e-12)


@pytest.mark.parametrize("arguments, reason", [
    ({"Name": "Base"}, "exists already"),
    ({"Name": "Other", "BaseRange": "$Sheet1.$A$1:$B$50"}, "100 rows"),
    ({"Name": "Other", "BaseRange": "no such range"}, "not a cell range"),
    ({"Name": "Other", "TargetTFR": "abc"}, "must be a number"),
    ({"Name": "Other", "TargetTFR": -1}, "fertility rate"),
    ({"Name": "Other", "Horizon": 0}, "horizon"),
    ({"Name": "Other", "Horizon": 2.5}, "whole number"),
    ({"Name": "Bad:name"}, "sheet name"),
    ({"Name": "Other", "AgeSegments": "5;10"}, "start at age 0"),
    ({"Name": "Other", "AgeSegments": "0;7;3"}, "must increase"),
    ({"Name": "Other", "AgeSegments": "0;x"}, "whole number"),
    ({"Name": "Other", "InRegion": -10}, "InRegion: the flow must be 0..1000 % of its default"),
    ({"Name": "Other", "OutAbroad": 1500}, "OutAbroad: the flow must be 0..1000 %"),
    ({"Name": "Other", "InFinland": "many"}, "must be a number"),
    ({"Name": "Other", "NetMigration": 1e9}, "net migration must be a number of persons"),
    ({"Horizon": 5}, "Name"),
])
def test_a_failing_scenario_writes_nothing(office, calc, arguments, reason):
    assert dispatch(office, calc, "NewScenario", Name="Base", Horizon=3) == (SUCCESS, True)
    before = sheet_names(calc)
    state, message = dispatch(office, calc, "NewScenario", **arguments)
    assert state == 0 and reason in message, message
    assert sheet_names(calc) == before


def test_the_whole_scenario_is_one_undo_step(office, visible):
    undo = visible.getUndoManager()
    assert dispatch(office, visible, "NewScenario", Name="U", Horizon=3) == (SUCCESS, True)
    assert undo.getCurrentUndoActionTitle() == "New scenario U"
    assert len(sheet_names(visible)) == 5
    undo.undo()
    assert sheet_names(visible) == ["Sheet1"]
    undo.redo()
    assert len(sheet_names(visible)) == 5


def test_compare_scenarios_side_by_side_with_differences(office, calc):
    assert dispatch(office, calc, "NewScenario", Name="Base", Horizon=10) == (SUCCESS, True)
    assert dispatch(office, calc, "NewScenario", Name="Low", TargetTFR=0.8, NetMigration=0,
                    Horizon=10) == (SUCCESS, True)
    assert dispatch(office, calc, "CompareScenarios", Scenarios="Base;Low") == (SUCCESS, True)
    sheet = calc.Sheets.getByName("Comparison")
    assert office.values(sheet, "A1")[0][0] == "Comparison of 2 scenarios: Base, Low"
    rows = office.values(sheet, "A4:M6")
    assert rows[0][:2] == ["Population", "Base"] and rows[1][:2] == ["", "Low"]
    assert rows[2][1] == "Difference Low − Base"
    assert rows[2][2:] == pytest.approx([l - b for b, l in zip(rows[0][2:], rows[1][2:])], abs=1e-9)
    assert rows[2][2] == 0 and rows[2][-1] < -10000  # fewer births and no migration
    assert sheet.getCellRangeByName("C4").getFormula() == "=$'Base Summary'.$B$4"
    assert sheet.getCharts().getCount() == 1
    # Every component has its block: in- and out-migration too, empty in the base year.
    labels = [r[0] for r in office.values(sheet, "A4:A40") if r[0]]
    assert labels[:7] == COMPONENTS
    in_migration = office.values(sheet, "C16:M18")   # the fourth block: rows 16..18
    assert office.values(sheet, "A16")[0][0] == "In-migration"
    assert [row[0] for row in in_migration] == ["", "", ""]
    assert in_migration[1][1:] == [0.0] * 10 and in_migration[0][1] == pytest.approx(42868.33, abs=0.01)
    assert office.error_cells(calc) == []

    # Chosen indicators only; every scenario of the workbook when none are named.
    assert dispatch(office, calc, "CompareScenarios", Scenarios="Low;Base",
                    Indicators="Births;Share aged 65+") == (SUCCESS, True)
    second = calc.Sheets.getByName("Comparison 2")
    labels = [r[0] for r in office.values(second, "A4:A9") if r[0]]
    assert labels == ["Births", "Share aged 65+"]
    # No births in the base year: empty in both scenarios and in their difference, not 0.
    births = office.values(second, "C4:M6")
    assert [row[0] for row in births] == ["", "", ""]
    assert births[2][1:] == pytest.approx([b - l for l, b in zip(births[0][1:], births[1][1:])], abs=1e-9)
    assert births[2][1] > 0  # Low has fewer births than Base
    assert second.getCellRangeByName("C4").getFormula() == (
        "=IF(ISBLANK($'Low Summary'.$B$5);\"\";$'Low Summary'.$B$5)")
    assert second.getCellRangeByName("D4").getFormula() == "=$'Low Summary'.$C$5"
    assert office.error_cells(calc) == []

    state, message = dispatch(office, calc, "CompareScenarios", Scenarios="Base;Nope")
    assert state == 0 and "Nope" in message
    state, message = dispatch(office, calc, "CompareScenarios", Scenarios="Base")
    assert state == 0 and "Found 1 scenario: at least two are needed." == message


def test_compare_reads_a_summary_written_before_the_gross_flows(office, calc):
    """A Summary in the layout of before (population, births, deaths, net migration, then the age
    groups: no in- and out-migration, no natural increase) compares with a new one on the indicators
    both have: CompareScenarios finds them by label."""
    assert dispatch(office, calc, "NewScenario", Name="Old", NetMigration=3000, Horizon=6) == (SUCCESS, True)
    assert dispatch(office, calc, "NewScenario", Name="New", Horizon=6) == (SUCCESS, True)
    old = calc.Sheets.getByName("Old Summary")
    rows = old.getRows()
    rows.removeByIndex(9, 1)   # natural increase (row 10)
    rows.removeByIndex(6, 2)   # in- and out-migration (rows 7, 8)
    assert column(office.values(old, "A4:A8")) == ["Population", "Births", "Deaths", "Net migration", "Aged 0–6"]
    calc.calculateAll()
    assert dispatch(office, calc, "CompareScenarios", Scenarios="Old;New") == (SUCCESS, True)
    sheet = calc.Sheets.getByName("Comparison")
    labels = [r[0] for r in office.values(sheet, "A4:A80") if r[0]]
    assert "In-migration" not in labels and "Natural increase" not in labels
    assert labels[:5] == ["Population", "Births", "Deaths", "Net migration", "Aged 0–6"]
    net = office.values(sheet, "C16:I17")   # the fourth block (net migration): Old, New
    assert net[0][1:] == pytest.approx([3000.0] * 6, abs=1e-6)
    assert net[1][1:] == pytest.approx([5173.67] * 6, abs=0.01)
    assert sheet.getCellRangeByName("D16").getFormula() == "=$'Old Summary'.$C$7"
    assert sheet.getCellRangeByName("D17").getFormula() == "=$'New Summary'.$C$9"
    assert office.error_cells(calc) == []


def test_scenarios_in_finnish(office_fi, calc_fi):
    assert dispatch(office_fi, calc_fi, "NewScenario", Name="Perus", Horizon=5) == (SUCCESS, True)
    assert dispatch(office_fi, calc_fi, "NewScenario", Name="Matala", TargetTFR=0.9, InAbroad=50,
                    Horizon=5) == (SUCCESS, True)
    names = sheet_names(calc_fi)
    assert names[1:5] == ["Perus Oletukset", "Perus Ennuste", "Perus Palvelutarve", "Perus Yhteenveto"]
    assert office_fi.error_cells(calc_fi) == []
    summary = calc_fi.Sheets.getByName("Perus Yhteenveto")
    assert column(office_fi.values(summary, "A4:A10")) == [
        "Väestö", "Syntyneet", "Kuolleet", "Tulomuutto", "Lähtömuutto", "Nettomuutto",
        "Luonnollinen väestönlisäys"]
    # Number formats in the user's locale: grouped with a space, percentages and decimals with a comma.
    assert summary.getCellRangeByName("B4").getString().replace("\u00a0", " ") == "653 835"
    assumptions = calc_fi.Sheets.getByName("Matala Oletukset")
    assert assumptions.getCellRangeByName("B10").getString().replace("\u00a0", " ") in ("50%", "50 %")
    qx = assumptions.getCellRangeByName("F32")                              # boys aged 1
    assert qx.getString() == f"{qx.getValue():.5f}".replace(".", ",")
    # The options carry the sex ratio with a decimal comma, which POP.PROJECT reads.
    assert office_fi.values(assumptions, OPTIONS)[0][0].endswith(";srb=1,04081632653061")
    # The same numbers as in English.
    model = region_model.project(5, 0.9, multipliers=[1, 1, 1, 1, 0.5, 1])
    assert office_fi.values(calc_fi.Sheets.getByName("Matala Yhteenveto"), "G4")[0][0] == pytest.approx(
        model.total(5), rel=1e-9)

    assert dispatch(office_fi, calc_fi, "CompareScenarios", Scenarios="Perus;Matala") == (SUCCESS, True)
    sheet = calc_fi.Sheets.getByName("Vertailu")
    assert office_fi.values(sheet, "A1")[0][0] == "2 skenaarion vertailu: Perus, Matala"
    assert office_fi.values(sheet, "A4:B4")[0] == ["Väestö", "Perus"]
    state, message = dispatch(office_fi, calc_fi, "CompareScenarios", Scenarios="Perus")
    assert message == "Löytyi 1 skenaario: tarvitaan vähintään kaksi."
    assert office_fi.error_cells(calc_fi) == []


@pytest.mark.parametrize("language,decimal", [("en", "."), ("fi", ","), ("sv", ",")])
def test_every_number_the_commands_write_reads_right_on_screen(request, tmp_path, language, decimal):
    """New scenario twice and Compare scenarios in an English, a Finnish and a Swedish office: the
    sheet each wrote last (a Summary, the comparison) is the active one, and every number cell of
    the sheets they write *displays* its value (tests/calc/display.py: not ###, the
    value rounded to the decimals shown, a thousands separator where the format has one). The
    Finnish office once showed 0.461 as 0,000 and 653,835 as 653835,000. No text is cut off (the
    Finnish column titles of Assumptions were), and the five charts (two on each Summary, one on the
    comparison) fit the screen, have the years as their categories and a legend where they have
    more than one line (the age groups and the scenarios had none)."""
    office = request.getfixturevalue({"en": "office", "fi": "office_fi", "sv": "office_sv"}[language])
    doc = office.new_calc()
    try:
        assert dispatch(office, doc, "NewScenario", Name="A", Horizon=5) == (SUCCESS, True)
        assert dispatch(office, doc, "NewScenario", Name="B", TargetTFR=0.9, InAbroad=50,
                        Horizon=5) == (SUCCESS, True)
        # what was written is what the user sees next: B's Summary, then the comparison
        b_summary = sheet_names(doc)[-1]
        assert doc.getCurrentController().getActiveSheet().Name == b_summary
        assert dispatch(office, doc, "CompareScenarios", Scenarios="A;B") == (SUCCESS, True)
        assert doc.getCurrentController().getActiveSheet().Name == sheet_names(doc)[-1]
        written = sheet_names(doc)[1:]
        assert len(written) == 9, written  # 4 sheets a scenario and the comparison
        assert [doc.Sheets.getByName(name).Charts.Count for name in written] == [0, 0, 0, 2] * 2 + [1]
        assert office.error_cells(doc) == []
        assert display_problems(office, doc, decimal, tmp_path, written) == []
    finally:
        office.close(doc)


def test_the_display_check_catches_what_the_finnish_office_showed(office_fi, tmp_path):
    """The control of the test above: the defects of the Finnish office before the formats were
    written in en-US codes. "#,##0" added as a Finnish code reads "," as the decimal comma and
    shows 653,835 as 653835,000; 0.461 shown as 0,000 (here by a whole-number format with ",000"
    as literal text, which displays exactly that); a long number in a narrow column shows ###;
    a chart's value axis in a format bound to en-US shows 1,234,567 (the costing templates' charts
    did), one in the system's format 1 234 567. display_problems names each of them."""
    from com.sun.star.awt import Rectangle
    from com.sun.star.lang import Locale
    doc = office_fi.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        formats = doc.NumberFormats
        finnish = Locale("fi", "FI", "")

        def key(code, locale=finnish):
            found = formats.queryKey(code, locale, False)
            return found if found != -1 else formats.addNew(code, locale)

        grouped = formats.getFormatForLocale(key("#,##0", Locale("en", "US", "")), finnish)  # 1 234 567
        for ref, value, number_format in (("A1", 653835.0, key("#,##0")), ("A2", 0.461, key('0",000"')),
                                          ("A3", 1234567.0, grouped)):
            cell = sheet.getCellRangeByName(ref)
            cell.setValue(value)
            cell.NumberFormat = number_format
        sheet.Columns.getByIndex(0).Width = 1000  # 10 mm: too narrow for A3
        office_fi.set_values(sheet, "C1:E2", [["", 2019.0, 2020.0], ["Kustannus", 2.5e6, 2.6e6]])
        for name, locale in (("en-US", Locale("en", "US", "")), ("järjestelmä", Locale())):
            sheet.Charts.addNewByName(name, Rectangle(0, 3000, 12000, 7000),
                                      (sheet.getCellRangeByName("C1:E2").RangeAddress,), True, True)
            chart = sheet.Charts.getByName(name).EmbeddedObject
            chart.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
            chart.HasMainTitle = True
            chart.Title.String = name
            chart_formats = chart.getNumberFormats()
            found = chart_formats.queryKey("#,##0", locale, False)
            axis = chart.Diagram.YAxis
            axis.LinkNumberFormatToSource = False
            axis.NumberFormat = found if found != -1 else chart_formats.addNew("#,##0", locale)
        problems = display_problems(office_fi, doc, ",", tmp_path, [sheet.Name])
        assert [p.split(":")[0] for p in problems] == [f"{sheet.Name}.A1", f"{sheet.Name}.A2",
                                                       f"{sheet.Name} column A", sheet.Name], problems
        assert "without a thousands separator" in problems[0] and "'0,000' for 0.461" in problems[1]
        assert problems[2].endswith("(shown as ###)") and "10.0 mm wide" in problems[2]
        assert problems[3] == f"{sheet.Name}: chart 'en-US' shows 1234567 on its value axis as '1,234,567'"
    finally:
        office_fi.close(doc)


def test_the_display_check_catches_charts_and_texts_that_do_not_read(office, tmp_path):
    """The control of the chart and text checks (display.py points 4–7): costs by year drawn three
    ways that do not read — two series without a legend; the rows without the years, so that the
    first row of costs becomes the category labels (1,250.00 where 2019 should be); 30 cm high —
    and a label cut off by the number beside it. display_problems names each of them, and nothing
    in the one chart and the label that read well."""
    from com.sun.star.awt import Rectangle
    doc = office.new_calc()
    try:
        sheet = doc.Sheets.getByIndex(0)
        office.set_values(sheet, "A1:E3", [["Service", 2019, 2020, 2021, 2022],
                                           ["Day care", 1250.0, 1300.0, 1350.0, 1400.0],
                                           ["Schools", 2250.0, 2300.0, 2350.0, 2400.0]])
        sheet.getCellRangeByName("B2:E3").NumberFormat = 4  # #,##0.00
        office.set_values(sheet, "A5:B6", [["Total cost of the services in the year", 3500.0],
                                           ["Total", 3500.0]])  # A5 runs into B5, which holds a number
        sheet.Columns.getByIndex(0).Width = 3000

        def chart(name, cells, height=8000, legend=True):
            ranges = tuple(sheet.getCellRangeByName(c).RangeAddress for c in cells)
            sheet.Charts.addNewByName(name, Rectangle(0, 4000, 15000, height), ranges, True, True)
            model = sheet.Charts.getByName(name).EmbeddedObject
            model.Diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
            model.HasMainTitle = True
            model.Title.String = name
            model.HasLegend = legend
            return model

        chart("Reads well", ["A1:E3"])
        chart("No legend", ["A1:E3"], legend=False)
        chart("Costs as categories", ["A2:E3"])  # without the years: the first row is the categories
        chart("Too tall", ["A1:E3"], height=30000)
        problems = display_problems(office, doc, ".", tmp_path, [sheet.Name])
        name = sheet.Name
        assert len(problems) == 4, problems
        assert problems[0].startswith(f"{name}.A5: 'Total cost of the services in the year' needs ")
        assert problems[0].endswith("its column and the empty cells beside it have 30.0 mm (cut off)")
        assert problems[1:] == [
            f"{name}: chart 'No legend' has 2 data series and no legend",
            f"{name}: chart 'Costs as categories' runs over years but its first category label is "
            "'1,250.00', not a year",
            f"{name}: chart 'Too tall' is 15.0 × 30.0 cm, larger than the 27.0 × 13.5 cm a 1366 × 768 "
            "screen shows at 100 %"]
    finally:
        office.close(doc)
