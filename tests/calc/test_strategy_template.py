"""The strategy workbook template (templates/strategy.fods → strategy.ots): population → demand →
costs → impact for Helsinki, opened as a user opens it from File ▸ New ▸ Templates."""

from __future__ import annotations

import pytest

import region_model
from conftest import oxt_path


@pytest.fixture
def strategy(office):
    path = oxt_path().parent / "templates" / "strategy.ots"
    if not path.is_file():
        pytest.fail(f"{path}: not built (cmake --build build)", pytrace=False)
    doc = office.load(path, as_template=True)
    office.recalc_hard(doc)
    yield doc
    office.close(doc)


def test_strategy_template_recalculates_without_errors_and_checks(office, strategy):
    assert office.error_cells(strategy) == []
    check = strategy.NamedRanges.getByName("Check").getReferredCells()
    assert office.range_values(check) in ([[True]], [[1.0]])
    assert list(strategy.Sheets.ElementNames) == [
        "Read me", "Helsinki Assumptions", "Helsinki Projection", "Helsinki Demand", "Helsinki Summary",
        "Costs", "Impact"]


def test_the_chain_is_live_from_population_to_impact(office, strategy):
    costs = office.sheet(strategy, "Costs")
    impact = office.sheet(strategy, "Impact")
    summary = office.sheet(strategy, "Helsinki Summary")
    assert office.values(summary, "B4")[0][0] == 653835.0
    # 2040 (the guide's 756,091): the wizard's defaults, Helsinki's 2020 rates and six gross flows, as
    # the independent region model computes them from data/ (1e-9: summation order only).
    assert office.values(summary, "W4")[0][0] == pytest.approx(region_model.project(21, 1.04).total(21),
                                                               rel=1e-9)
    assert round(office.values(summary, "W4")[0][0]) == 756091
    # Costs in 2019 are unit costs × users, by hand.
    users = office.values(office.sheet(strategy, "Helsinki Demand"), "E18:E21")
    unit = office.values(costs, "B4:B7")
    assert office.values(costs, "C8")[0][0] == pytest.approx(sum(u[0] * n[0] for u, n in zip(unit, users)))
    npv_before = office.values(impact, "B16")[0][0]
    # More net migration → more people aged 75+ over time → larger avoided costs → higher NPV.
    assumptions = office.sheet(strategy, "Helsinki Assumptions")
    assumptions.getCellRangeByName("B4").setValue(1.5)       # and more births: costs of children up
    assumptions.getCellRangeByName("B5").setValue(-0.02)     # mortality worsening: fewer 75+ survive
    office.recalc_hard(strategy)
    assert office.values(impact, "B16")[0][0] < npv_before
    assert office.error_cells(strategy) == []
