"""The COST and IMPACT functions in real headless Calc with the built .oxt installed, entered as
users enter them: plain and array formulas, INDEX/SUM around array results, a schedule as a
number, a text or a range; Calc's own NPV as the reference; the Finnish UI; and the bad-input
matrix, which must give Err:502 and never a number, #VALUE! or a crash."""

from __future__ import annotations

import pytest

from kpoffice import Office

ALL_COST = ["COST.TDABC", "COST.ABC", "COST.PROJECT", "IMPACT.DISCOUNT", "IMPACT.NPV",
            "IMPACT.PAYBACK", "IMPACT.BCR", "IMPACT.SIMULATE"]

# Products of small whole numbers by 0.81 and sums of discounted flows: a few units in the
# last place of a double.
TIGHT = 1e-12


def test_every_cost_function_has_a_description_and_named_arguments(office):
    found = office.function_descriptions()
    for name in ALL_COST:
        assert name in found, f"{name} is not in the Function Wizard"
        entry = found[name]
        assert len(entry["Description"]) > 20
        assert all(arg.Name and len(arg.Description) > 10 for arg in entry["Arguments"]), name


# ------------------------------------------------------------------------ Kaplan & Anderson

def kaplan_anderson(office: Office, sheet) -> None:
    """Kaplan & Anderson (2004), HBR: one customer-service resource of 567,000 per quarter with
    700,000 practical minutes; orders 8 min × 49,000, inquiries 44 min × 1,400, credit checks
    50 min × 2,500."""
    office.set_values(sheet, "A1:A3", [[8.0], [44.0], [50.0]])
    office.set_values(sheet, "B1:B3", [[49000.0], [1400.0], [2500.0]])
    office.set_values(sheet, "C1:C1", [[567000.0]])
    office.set_values(sheet, "C2:C2", [[700000.0]])


def test_tdabc_reproduces_kaplan_anderson(office, calc):
    sheet = office.sheet(calc)
    kaplan_anderson(office, sheet)
    office.set_array_formula(sheet, "E1:E3", "=COST.TDABC(C1;C2;A1:A3;B1:B3)")
    office.set_array_formula(sheet, "F1:F3", '=COST.TDABC(C1;C2;A1:A3;B1:B3;"total")')
    office.set_formula(sheet, "G1", '=COST.TDABC(C1;C2;A1:A3;B1:B3;"rates")')
    office.set_array_formula(sheet, "H1:I1", '=COST.TDABC(C1;C2;A1:A3;B1:B3;"unused")')
    office.set_formula(sheet, "J1", "=SUMPRODUCT(A1:A3;B1:B3)")  # minutes used
    unit = [row[0] for row in office.values(sheet, "E1:E3")]
    assert unit == [pytest.approx(v, rel=TIGHT) for v in (6.48, 35.64, 40.50)]
    total = [row[0] for row in office.values(sheet, "F1:F3")]
    assert total == [pytest.approx(v, rel=TIGHT) for v in (317520, 49896, 101250)]
    assert office.values(sheet, "G1")[0][0] == pytest.approx(0.81, rel=TIGHT)
    assert office.values(sheet, "H1:I1")[0] == [121400.0, pytest.approx(98334, rel=TIGHT)]
    assert office.values(sheet, "J1")[0][0] == 578600.0
    # Unit costs rounded to the cent as a user shows them.
    office.set_formula(sheet, "K1", "=TEXT(INDEX(COST.TDABC(C1;C2;A1:A3;B1:B3);2;1);\"0.00\")")
    assert office.values(sheet, "K1")[0][0] == "35.64"


def test_tdabc_two_resources_and_rows(office, calc):
    sheet = office.sheet(calc)
    # Resources as rows (R × 1 given as 1 × R works too), minutes products × resources.
    office.set_values(sheet, "A1:B1", [[1000.0, 600.0]])
    office.set_values(sheet, "A2:B2", [[2000.0, 300.0]])
    office.set_values(sheet, "A3:B4", [[1.0, 2.0], [3.0, 0.0]])
    office.set_values(sheet, "C3:C4", [[100.0], [500.0]])
    office.set_array_formula(sheet, "E1:E2", "=COST.TDABC(A1:B1;A2:B2;A3:B4;C3:C4)")
    assert office.values(sheet, "E1:E2") == [[pytest.approx(4.5)], [pytest.approx(1.5)]]
    office.set_array_formula(sheet, "F1:G2", '=COST.TDABC(A1:B1;A2:B2;A3:B4;C3:C4;"UNUSED")')
    assert office.values(sheet, "F1:G2") == [[400.0, pytest.approx(200.0)], [100.0, pytest.approx(200.0)]]


def test_abc_two_stages(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A2", [[900.0], [300.0]])
    office.set_values(sheet, "B1:C2", [[2.0, 1.0], [1.0, 2.0]])
    office.set_values(sheet, "D1:E2", [[30.0, 100.0], [10.0, 400.0]])
    office.set_values(sheet, "F1:F2", [[50.0], [100.0]])
    office.set_array_formula(sheet, "H1:H2", "=COST.ABC(A1:A2;B1:C2;D1:E2;F1:F2)")
    assert office.values(sheet, "H1:H2") == [[pytest.approx(12.5, rel=1e-14)], [pytest.approx(5.75, rel=1e-14)]]
    # All of the cost is assigned.
    office.set_formula(sheet, "I1", "=SUMPRODUCT(COST.ABC(A1:A2;B1:C2;D1:E2;F1:F2);F1:F2)")
    assert office.values(sheet, "I1")[0][0] == pytest.approx(1200, rel=1e-14)


def test_project_with_flat_and_yearly_index(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A2", [[10.0], [2.0]])
    office.set_values(sheet, "B1:D2", [[100.0, 110.0, 120.0], [50.0, 50.0, 40.0]])
    office.set_array_formula(sheet, "F1:H2", "=COST.PROJECT(A1:A2;B1:D2;0.02)")
    got = office.values(sheet, "F1:H2")
    assert got[0] == [1000.0, pytest.approx(1122, rel=TIGHT), pytest.approx(1200 * 1.0404, rel=TIGHT)]
    # One rate under each year; the first is not used; years beyond the volumes carry them on.
    office.set_values(sheet, "B4:D4", [[0.5, 0.03, 0.01]])
    office.set_array_formula(sheet, "F4:J5", "=COST.PROJECT(A1:A2;B1:D2;B4:D4;5)")
    got = office.values(sheet, "F4:J5")
    assert got[1][0] == 100.0
    assert got[1][1] == pytest.approx(103, rel=TIGHT)
    assert got[1][4] == pytest.approx(80 * 1.03 * 1.01 ** 3, rel=TIGHT)
    # Without an index: unit cost × volume.
    office.set_formula(sheet, "L1", "=SUM(COST.PROJECT(A1:A2;B1:D2))")
    assert office.values(sheet, "L1")[0][0] == pytest.approx(1000 + 1100 + 1200 + 100 + 100 + 80)


# ----------------------------------------------------------------------------------- impact

def test_discount_flat_stepped_and_green_book(office, calc):
    sheet = office.sheet(calc)
    office.set_array_formula(sheet, "A1:E1", "=IMPACT.DISCOUNT(5)")
    assert office.values(sheet, "A1:E1")[0] == [pytest.approx(1.035 ** -t, rel=TIGHT) for t in range(5)]
    office.set_formula(sheet, "A2", '=INDEX(IMPACT.DISCOUNT(40;"greenbook");1;32)')   # year 31
    office.set_formula(sheet, "B2", '=INDEX(IMPACT.DISCOUNT(40;"GreenBook");1;31)')   # year 30
    assert office.values(sheet, "A2:B2")[0] == [pytest.approx(0.3459013695167984, rel=TIGHT),
                                                pytest.approx(0.35627841060230236, rel=TIGHT)]
    office.set_values(sheet, "A4:B5", [[0.0, 0.05], [3.0, 0.02]])
    office.set_array_formula(sheet, "D4:H4", "=IMPACT.DISCOUNT(5;A4:B5)")
    assert office.values(sheet, "D4:H4")[0] == [
        1.0, pytest.approx(1 / 1.05), pytest.approx(1 / 1.05 ** 2), pytest.approx(1 / (1.05 ** 2 * 1.02)),
        pytest.approx(1 / (1.05 * 1.02) ** 2)]
    # The schedule in a cell: a rate or the text.
    office.set_values(sheet, "A7:B7", [[0.1, "greenbook"]])
    office.set_formula(sheet, "C7", "=INDEX(IMPACT.DISCOUNT(3;A7);1;3)")
    office.set_formula(sheet, "D7", "=INDEX(IMPACT.DISCOUNT(32;B7);1;32)")
    assert office.values(sheet, "C7:D7")[0] == [pytest.approx(1 / 1.21, rel=TIGHT),
                                                pytest.approx(0.3459013695167984, rel=TIGHT)]


def test_npv_equals_calcs_own_npv(office, calc):
    sheet = office.sheet(calc)
    flows = [[-1000.0], [200.0], [300.0], [-50.0], [400.0], [500.0], [123.45]]
    office.set_values(sheet, "A1:A7", flows)
    office.set_formula(sheet, "C1", "=IMPACT.NPV(A1:A7;0.035)")
    office.set_formula(sheet, "C2", "=A1+NPV(0.035;A2:A7)")
    office.set_formula(sheet, "C3", "=IMPACT.NPV(A1:A7)")   # default 3.5 %
    office.set_formula(sheet, "C4", "=IMPACT.NPV(A1:A7;0.08)")
    office.set_formula(sheet, "C5", "=A1+NPV(0.08;A2:A7)")
    got = [row[0] for row in office.values(sheet, "C1:C5")]
    assert got[0] == pytest.approx(got[1], rel=TIGHT)
    assert got[2] == got[0]
    assert got[3] == pytest.approx(got[4], rel=TIGHT)
    # A row of flows works the same; the Green Book schedule equals 3.5 % up to year 30.
    office.set_values(sheet, "E1:K1", [[v[0] for v in flows]])
    office.set_formula(sheet, "E2", '=IMPACT.NPV(E1:K1;"greenbook")')
    assert office.values(sheet, "E2")[0][0] == pytest.approx(got[0], rel=TIGHT)


def test_payback_and_bcr(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:B5", [[100.0, 0.0], [100.0, 0.0], [0.0, 80.0], [0.0, 80.0], [0.0, 80.0]])
    office.set_formula(sheet, "D1", "=IMPACT.PAYBACK(A1:A5;B1:B5;0)")
    office.set_formula(sheet, "D2", "=IMPACT.PAYBACK(A1:A5;B1:B5;0.1)")
    office.set_formula(sheet, "D3", "=IMPACT.BCR(A1:A5;B1:B5;0)")
    office.set_formula(sheet, "D4", "=IMPACT.BCR(A1:A5;B1:B5;0.1)")
    office.set_formula(sheet, "D5", "=ISNA(D2)")
    office.set_formula(sheet, "D6", "=IFNA(IMPACT.PAYBACK(A1:A5;B1:B5;0.1);\"never\")")
    got = [row[0] for row in office.values(sheet, "D1:D6")]
    assert got[0] == 4.0
    assert got[1] == "#N/A"   # never pays back at 10 %
    assert got[2] == pytest.approx(1.2)
    pv_c = 100 + 100 / 1.1
    pv_b = sum(80 / 1.1 ** t for t in (2, 3, 4))
    assert got[3] == pytest.approx(pv_b / pv_c, rel=TIGHT)
    assert got[4] is True or got[4] == 1.0
    assert got[5] == "never"


def fifty_years(office: Office, sheet) -> None:
    """A1:A50 costs (12,000 a year for 10 years), B1:B50 benefits (9,000 a year from year 10)."""
    office.set_values(sheet, "A1:B50", [[12000.0 if t < 10 else 0.0, 0.0 if t < 10 else 9000.0]
                                        for t in range(50)])


def test_simulate_zero_spread_equals_npv(office, calc):
    sheet = office.sheet(calc)
    fifty_years(office, sheet)
    # An expression as a range argument needs array evaluation: enter it as an array formula.
    office.set_array_formula(sheet, "D1", '=IMPACT.NPV(B1:B50-A1:A50;"greenbook")')
    office.set_array_formula(sheet, "F1:F4", '=IMPACT.SIMULATE(A1:A50;B1:B50;0;"greenbook";500;7)')
    npv = office.values(sheet, "D1")[0][0]
    got = [row[0] for row in office.values(sheet, "F1:F4")]
    assert got[:3] == [pytest.approx(npv, rel=TIGHT)] * 3
    assert got[3] == (1.0 if npv > 0 else 0.0)


def test_simulate_quantiles_seed_and_spread_shapes(office, calc):
    sheet = office.sheet(calc)
    fifty_years(office, sheet)
    office.set_values(sheet, "C1:D1", [[0.1, 0.4]])            # per stream: costs, benefits
    office.set_values(sheet, "C3:C5", [[0.05], [0.5], [0.95]])  # quantiles
    office.set_array_formula(sheet, "F1:F4", "=IMPACT.SIMULATE(A1:A50;B1:B50;C1:D1;0.035;20000;42)")
    office.set_array_formula(sheet, "G1:G4", "=IMPACT.SIMULATE(A1:A50;B1:B50;C1:D1;0.035;20000;42)")
    office.set_array_formula(sheet, "H1:H4", "=IMPACT.SIMULATE(A1:A50;B1:B50;C1:D1;0.035;20000;43)")
    office.set_array_formula(sheet, "I1:I4", "=IMPACT.SIMULATE(A1:A50;B1:B50;C1:D1;0.035;20000;42;C3:C5)")
    first = [r[0] for r in office.values(sheet, "F1:F4")]
    assert first == [r[0] for r in office.values(sheet, "G1:G4")]   # same seed, same numbers
    assert first != [r[0] for r in office.values(sheet, "H1:H4")]
    assert first[0] < first[1] < first[2]
    assert 0.5 < first[3] < 1.0
    wider = [r[0] for r in office.values(sheet, "I1:I4")]
    assert wider[0] < first[0] and wider[2] > first[2] and wider[3] == first[3]
    # Per year and stream: a 50 × 2 block of equal spreads gives the same draws as one per stream.
    office.set_values(sheet, "K1:L50", [[0.1, 0.4]] * 50)
    office.set_array_formula(sheet, "M1:M4", "=IMPACT.SIMULATE(A1:A50;B1:B50;K1:L50;0.035;20000;42)")
    assert [r[0] for r in office.values(sheet, "M1:M4")] == first
    # Defaults: 10,000 trials, seed 1, 3.5 %; INDEX picks P(NPV > 0).
    office.set_formula(sheet, "N1", "=INDEX(IMPACT.SIMULATE(A1:A50;B1:B50;0.2);4;1)")
    assert 0 < office.values(sheet, "N1")[0][0] < 1


def test_finnish_ui(office_fi, calc_fi):
    sheet = office_fi.sheet(calc_fi)
    office_fi.set_values(sheet, "A1:A3", [[-100.0], [60.0], [60.0]])
    expected = -100 + 60 / 1.1 + 60 / 1.21
    # The English name through FunctionAccess, and the name the file stores, in the Finnish UI.
    assert office_fi.call("IMPACT.NPV", [[-100.0], [60.0], [60.0]], 0.1) == pytest.approx(expected, rel=TIGHT)
    cell = office_fi.set_formula(sheet, "B1", "=IMPACT.NPV(A1:A3;0.1)")
    assert cell.Formula == "=ORG.KUNTAPLAN.FUNCTIONS.IMPACTNPV(A1:A3;0.1)"
    assert office_fi.values(sheet, "B1")[0][0] == pytest.approx(expected, rel=TIGHT)
    # Typed in Finnish, with a decimal comma and the text schedule.
    local = office_fi.set_formula(sheet, "B2", "=VAIKUTUS.NYKYARVO(A1:A3;0,1)", local=True)
    assert local.Formula == "=ORG.KUNTAPLAN.FUNCTIONS.IMPACTNPV(A1:A3;0.1)"
    office_fi.set_formula(sheet, "B3", '=VAIKUTUS.NYKYARVO(A1:A3;"greenbook")', local=True)
    assert office_fi.values(sheet, "B2:B3") == [[pytest.approx(expected, rel=TIGHT)],
                                                [pytest.approx(-100 + 60 / 1.035 + 60 / 1.035 ** 2, rel=TIGHT)]]


# -------------------------------------------------------------------------------- bad input

def bad_input_formulas():
    """(formula, why) pairs that must all give Err:502. The sheet holds: A1:B3 good numbers,
    C1:C3 numbers with a text cell, D1:D3 with a blank, E1:E3 with a negative number,
    F1:G2 a schedule with first years not increasing."""
    return [
        ("=COST.TDABC(C1:C3;A1:A3;A1:A3;A1:A3)", "text in resource_cost"),
        ("=COST.TDABC(1;D1:D3;A1:A3;A1:A3)", "blank in capacity"),
        ("=COST.TDABC(1;0;A1:A3;A1:A3)", "zero capacity"),
        ("=COST.TDABC(-1;10;A1:A3;A1:A3)", "negative resource cost"),
        ("=COST.TDABC(1;10;E1:E3;A1:A3)", "negative minutes"),
        ("=COST.TDABC(1;10;A1:A3;E1:E3)", "negative volumes"),
        ("=COST.TDABC(1;10;A1:B3;A1:A3)", "minutes with more columns than resources"),
        ("=COST.TDABC(1;10;A1:A3;A1:A2)", "volumes of the wrong length"),
        ('=COST.TDABC(1;10;A1:A3;A1:A3;"everything")', "unknown output"),
        ("=COST.TDABC(1;10;A1:A3;A1:B3)", "volumes as a block"),
        ("=COST.ABC(A1:A2;A1:B2;A1:B3;A1:A2)", "activity drivers with too many rows"),
        ("=COST.ABC(A1:A2;A1:B2;A1:B2;{1;0})", "zero volume"),
        ("=COST.ABC(A1:A2;{0;0|1;1};A1:B2;A1:A2)", "a resource with a cost and no driver"),
        ("=COST.ABC(A1:A2;A1:B2;D1:E2;A1:A2)", "blank in activity drivers"),
        ("=COST.PROJECT(A1:A3;A1:B2)", "volumes with too few rows"),
        ("=COST.PROJECT(A1:A3;A1:B3;-1)", "index of -100 %"),
        ("=COST.PROJECT(A1:A3;A1:B3;0.02;0)", "zero years"),
        ("=COST.PROJECT(A1:A3;A1:B3;C1:C3)", "text in the index"),
        ("=COST.PROJECT(E1:E3;A1:B3)", "negative unit cost"),
        ("=IMPACT.DISCOUNT(0)", "zero years"),
        ("=IMPACT.DISCOUNT(1001)", "too many years"),
        ("=IMPACT.DISCOUNT(2.5)", "fractional years"),
        ('=IMPACT.DISCOUNT(5;"stern")', "unknown schedule name"),
        ("=IMPACT.DISCOUNT(5;-1)", "rate of -100 %"),
        ("=IMPACT.DISCOUNT(5;F1:G2)", "first years not increasing"),
        ("=IMPACT.DISCOUNT(5;A1:A3)", "a schedule of one column"),
        ("=IMPACT.DISCOUNT(5;{2;0.03})", "a schedule starting in year 2"),
        ("=IMPACT.DISCOUNT(5;{0.5;0.03})", "a fractional first year"),
        ("=IMPACT.NPV(C1:C3)", "text in flows"),
        ("=IMPACT.NPV(D1:D3)", "blank in flows"),
        ("=IMPACT.NPV(A1:B3)", "flows as a block"),
        ("=IMPACT.NPV(A1:A3;C1:C3)", "text in a schedule range"),
        ("=IMPACT.PAYBACK(A1:A3;A1:A2)", "streams of different lengths"),
        ("=IMPACT.PAYBACK(E1:E3;A1:A3)", "negative costs"),
        ("=IMPACT.BCR({0;0};{1;1})", "no costs"),
        ("=IMPACT.BCR(A1:A3;E1:E3)", "negative benefits"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;-0.1)", "negative spread"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;A1:B2)", "spread of the wrong shape"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;0.1;0.03;0)", "zero trials"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;0.1;0.03;1E7)", "too many trials"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;0.1;0.03;100;-1)", "negative seed"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;0.1;0.03;100;1.5)", "fractional seed"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;0.1;0.03;100;1;{0.5;1.5})", "a quantile above 1"),
        ("=IMPACT.SIMULATE(A1:A3;A1:A3;C1:C3)", "text in spread"),
    ]


@pytest.mark.parametrize("formula,why", bad_input_formulas(), ids=[w for _, w in bad_input_formulas()])
def test_bad_input_gives_err502(office, calc, formula, why):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:G3", [
        [1.0, 2.0, 1.0, 1.0, 5.0, 0.0, 0.03],
        [3.0, 4.0, "x", "", -1.0, 0.0, 0.02],
        [5.0, 6.0, 2.0, 2.0, 5.0, 0.0, 0.0],
    ])
    office.require_err502(sheet, "K1:M4", formula, why)


def test_whole_columns_give_err502_and_keep_the_office(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A2", [[1.0], [1.0]])
    office.set_formula(sheet, "D1", "=IMPACT.NPV(A:A)")
    assert office.values(sheet, "D1")[0][0] == "Err:502"
    assert office.call("SUM", 2, 2) == 4


# -------------------------------------------------------------------------------- templates

def built_template(name: str):
    from conftest import oxt_path
    path = oxt_path().parent / "templates" / f"{name}.ots"
    if not path.is_file():
        pytest.fail(f"{path}: not built (cmake --build build)", pytrace=False)
    return path


@pytest.mark.parametrize("name", ["service-costing", "impact"])
def test_template_recalculates_without_errors_and_checks(office, name):
    doc = office.load(built_template(name), as_template=True)
    try:
        office.recalc_hard(doc)
        assert office.error_cells(doc) == []
        check = doc.NamedRanges.getByName("Check").getReferredCells()
        assert office.range_values(check) == [[True]] or office.range_values(check) == [[1.0]]
    finally:
        office.close(doc)


def test_impact_template_figures(office):
    """The impact template's results agree with IMPACT.NPV of its own flows, Green Book discounted."""
    doc = office.load(built_template("impact"), as_template=True)
    try:
        office.recalc_hard(doc)
        flows = office.sheet(doc, "Flows")
        results = office.sheet(doc, "Results")
        net = [row[0] for row in office.values(flows, "D2:D51")]
        npv = office.call("IMPACT.NPV", [[v] for v in net], "greenbook")
        assert office.values(results, "B6")[0][0] == pytest.approx(npv, rel=1e-12)
        payback = office.values(results, "B8")[0][0]
        assert isinstance(payback, float) and 0 < payback < 50
    finally:
        office.close(doc)
