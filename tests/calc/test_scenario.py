"""NewScenario and CompareScenarios run by dispatch URL with their dialog-free arguments: the
sheets, the formulas they hold, the numbers, failures that write nothing, one undo step, Finnish."""

from __future__ import annotations

import math

import pytest

from commands import SUCCESS, dispatch, sheet_names
from realdata import helsinki_base

PARTS = ["Assumptions", "Projection", "Demand", "Summary"]
AGES = 100


@pytest.fixture
def visible(office):
    doc = office.new_calc(hidden=False)
    yield doc
    office.close(doc)


def column(values, index=0):
    return [row[index] for row in values]


def test_new_scenario_writes_four_sheets_of_live_formulas(office, calc):
    state, result = dispatch(office, calc, "NewScenario", Name="Base", TargetTFR=1.3, NetMigration=3000,
                             Horizon=10)
    assert (state, result) == (SUCCESS, True)
    assert sheet_names(calc)[1:] == [f"Base {p}" for p in PARTS]
    assert office.error_cells(calc) == []
    assumptions = calc.Sheets.getByName("Base Assumptions")
    projection = calc.Sheets.getByName("Base Projection")
    summary = calc.Sheets.getByName("Base Summary")

    # Array formulas that call the functions a user would type.
    assert projection.getCellRangeByName("B4").getFormula().startswith(
        "{=ORG.KUNTAPLAN.FUNCTIONS.POPPROJECT($'Base Assumptions'.$B$16:$C$115;")
    assert projection.getCellRangeByName("L103").getFormula() == projection.getCellRangeByName("B4").getFormula()
    assert "POPSCALE" in assumptions.getCellRangeByName("E31").getFormula()
    assert "POPAGGREGATE" in calc.Sheets.getByName("Base Demand").getCellRangeByName("C5").getFormula()

    # The base year column is the Helsinki base; the target TFR is met; the horizon is 10 years.
    base = helsinki_base()
    assert column(office.values(projection, "B4:B103")) == [m + f for m, f in base]
    assert sum(column(office.values(assumptions, "E31:E65"))) == pytest.approx(1.3, abs=1e-12)
    header = office.values(projection, "A3:L3")[0]
    assert header[1:] == [float(y) for y in range(2019, 2030)]
    assert office.values(summary, "A4:B4") == [["Population", 653835.0]]
    net_migration = office.values(summary, "C7:L7")[0]
    assert net_migration == pytest.approx([3000.0] * 10, abs=1e-6)
    # Births, deaths and migration are flows: the base year has none and shows an empty cell, not 0.
    assert office.values(summary, "B5:B7") == [[""], [""], [""]]
    assert [summary.getCellRangeByName(c).getFormula() for c in ("B5", "B6", "B7")] == ["", "", ""]
    assert all(v > 0 for v in office.values(summary, "C5:L6")[0] + office.values(summary, "C5:L6")[1])

    # The wiring: the same call through FunctionAccess with the inputs on the sheet.
    inputs = [office.values(assumptions, r) for r in ("B16:C115", "E31:E65", "M16:AF116", "J16:K115")]
    direct = office.call("POP.PROJECT", *inputs, 10, "total")
    assert [list(r) for r in direct] == office.values(projection, "B4:L103")

    # Live: a new target changes the projection.
    before = office.values(summary, "L4")[0][0]
    assumptions.getCellRangeByName("B4").setValue(1.6)
    calc.calculateAll()
    assert office.values(summary, "L4")[0][0] > before + 1000


def test_mortality_improvement_and_a_base_range_of_the_workbook(office, calc):
    data = calc.Sheets.getByIndex(0)
    data.Name = "Data"
    office.set_values(data, "B2:C101", helsinki_base())
    assert dispatch(office, calc, "NewScenario", Name="Bundled", Horizon=5) == (SUCCESS, True)
    assert dispatch(office, calc, "NewScenario", Name="Own", BaseRange="$Data.$B$2:$C$101", BaseYear=2019,
                    Horizon=5, MortalityImprovement=0.02) == (SUCCESS, True)
    own = calc.Sheets.getByName("Own Assumptions")
    assert own.getCellRangeByName("B16").getFormula() == "{=$Data.$B$2:$C$101}"
    qx = office.values(own, "F16:G116")
    year3 = office.values(own, "Q16:R116")  # the third projection year's pair
    for given, improved in zip(qx, year3):
        assert improved == pytest.approx([q * 0.98 ** 3 for q in given], rel=1e-12)
    # Fewer deaths than with the rates as given, the same start.
    bundled = office.values(calc.Sheets.getByName("Bundled Summary"), "B4:G6")
    improved = office.values(calc.Sheets.getByName("Own Summary"), "B4:G6")
    assert improved[0][0] == bundled[0][0] == 653835.0
    assert all(i < b for i, b in zip(improved[2][1:], bundled[2][1:]))


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


def test_scenarios_in_finnish(office_fi, calc_fi):
    assert dispatch(office_fi, calc_fi, "NewScenario", Name="Perus", Horizon=5) == (SUCCESS, True)
    assert dispatch(office_fi, calc_fi, "NewScenario", Name="Matala", TargetTFR=0.9,
                    Horizon=5) == (SUCCESS, True)
    names = sheet_names(calc_fi)
    assert names[1:5] == ["Perus Oletukset", "Perus Ennuste", "Perus Palvelutarve", "Perus Yhteenveto"]
    assert dispatch(office_fi, calc_fi, "CompareScenarios", Scenarios="Perus;Matala") == (SUCCESS, True)
    sheet = calc_fi.Sheets.getByName("Vertailu")
    assert office_fi.values(sheet, "A1")[0][0] == "2 skenaarion vertailu: Perus, Matala"
    assert office_fi.values(sheet, "A4:B4")[0] == ["Väestö", "Perus"]
    state, message = dispatch(office_fi, calc_fi, "CompareScenarios", Scenarios="Perus")
    assert message == "Löytyi 1 skenaario: tarvitaan vähintään kaksi."
    assert office_fi.error_cells(calc_fi) == []
