"""The FC functions in real headless Calc with the built .oxt installed, entered as users enter
them (array formulas, INDEX/SUM around arrays, gaps as blank cells, the Finnish UI), and the
bad-input matrix: Err:502, never a number, #VALUE! or a crash. The series are real: R's
datasets as committed in tests/reference/series.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SERIES_CSV = Path(__file__).resolve().parents[1] / "reference" / "series.csv"


def series(name: str) -> list[float]:
    with SERIES_CSV.open(newline="") as f:
        return [float(r["value"]) for r in csv.DictReader(f) if r["series"] == name]


def column(values) -> list[list]:
    return [[v] for v in values]


@pytest.fixture(scope="module")
def air():
    return series("AirPassengers")  # Box & Jenkins monthly airline passengers 1949–1960, 144 values


def test_ets_point_and_interval_forecasts(office, calc, air):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A144", column(air))
    office.set_array_formula(sheet, "C1:E12", '=FC.ETS(A1:A144;12;"MAM";12;0.95)')
    rows = office.values(sheet, "C1:E12")
    for point, lower, upper in rows:
        assert lower < point < upper
    # the seasonal peak of the data (July/August) is kept: months 7–8 are the highest
    points = [r[0] for r in rows]
    assert max(points) in points[6:8]
    # 1961 totals near 1960's 5714 (+ about 10 % growth a year in the late 1950s)
    assert 5714 < sum(points) < 5714 * 1.25
    # one column without a level; the same points
    office.set_array_formula(sheet, "G1:G12", '=FC.ETS(A1:A144;12;"MAM";12)')
    assert [r[0] for r in office.values(sheet, "G1:G12")] == pytest.approx(points, rel=1e-12)
    # seeded simulation (class 3): the same interval on every recalculation
    office.recalc_hard(calc)
    assert office.values(sheet, "C1:E12") == rows


def test_ets_auto_info_and_index(office, calc, air):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A144", column(air))
    office.set_array_formula(sheet, "C1:D30", "=FC.ETS.INFO(A1:A144)")
    info = office.values(sheet, "C1:D30")
    table = {row[0]: row[1] for row in info if row[0] != ""}
    assert table["model"] in {"MAM", "MAdM", "MNM"}  # R's ets() chooses MAdM
    assert table["period"] == 12  # detected: the ACF peak at lag 12
    assert 0 < table["alpha"] < 1 and table["sigma"] > 0 and table["mase"] > 0
    assert "season0_12" in table and "loglik" in table and "aicc" in table
    office.set_formula(sheet, "F1", "=INDEX(FC.ETS(A1:A144;24);13;1)")
    office.set_formula(sheet, "F2", "=SUM(FC.ETS(A1:A144;12))")
    jan_1962 = office.values(sheet, "F1")[0][0]
    total_1961 = office.values(sheet, "F2")[0][0]
    assert 400 < jan_1962 < 600 and 5714 < total_1961 < 7200


def test_gaps_are_interpolated_and_ends_trimmed(office, calc):
    sheet = office.sheet(calc)
    nile = series("Nile")  # annual Nile flow at Aswan 1871–1970
    with_gaps = [[v] for v in nile]
    with_gaps[10] = [""]
    with_gaps[11] = [""]
    filled = [[v] for v in nile]
    step = (nile[12] - nile[9]) / 3
    filled[10] = [nile[9] + step]
    filled[11] = [nile[9] + 2 * step]
    office.set_values(sheet, "A1:A100", with_gaps)
    office.set_values(sheet, "B1:B100", filled)
    # trailing blank rows in the range are ignored
    office.set_array_formula(sheet, "D1:D5", '=FC.ETS(A1:A110;5;"ANN";0)')
    office.set_array_formula(sheet, "E1:E5", '=FC.ETS(B1:B100;5;"ANN";0)')
    assert office.values(sheet, "D1:D5") == office.values(sheet, "E1:E5")


def test_backtest(office, calc):
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A108", column(series("UKgas")))  # UK quarterly gas use 1960–1986
    office.set_array_formula(sheet, "C1:C4", '=FC.BACKTEST(A1:A108;8;"auto";4;3)')
    mae, rmse, smape, mase = (r[0] for r in office.values(sheet, "C1:C4"))
    assert 0 < mae <= rmse
    assert 0 < smape < 0.5 and 0 < mase < 3
    # a plain model is worse than the chosen one on this strongly seasonal series
    office.set_array_formula(sheet, "D1:D4", '=FC.BACKTEST(A1:A108;8;"ANN";4;3)')
    assert office.values(sheet, "D4")[0][0] > mase


def test_finnish_ui_decimal_comma(office_fi, calc_fi):
    sheet = office_fi.sheet(calc_fi)
    office_fi.set_values(sheet, "A1:A72", column(series("USAccDeaths")))
    cell = office_fi.set_formula(sheet, "C1", "=INDEKSI(AIKASARJA.ETS(A1:A72;6;\"ANA\";12;0,9);1;2)", local=True)
    lower = office_fi.values(sheet, "C1")[0][0]
    office_fi.set_formula(sheet, "C2", "=INDEKSI(AIKASARJA.ETS(A1:A72;6;\"ANA\";12;0,9);1;1)", local=True)
    point = office_fi.values(sheet, "C2")[0][0]
    assert 5000 < lower < point < 12000
    assert "0.9" in cell.Formula



@pytest.mark.parametrize("language", ["fi", "sv"])
def test_ets_info_labels_in_the_ui_language_rows_in_the_same_order(request, language):
    """AIKASARJA.ETS.TIEDOT / TIDSSERIE.ETS.INFO: the words of the row labels follow the UI language,
    the parameter symbols stay, and the rows (and values) are those of the English office."""
    office = request.getfixturevalue(f"office_{language}")
    doc = office.new_calc()
    try:
        sheet = office.sheet(doc)
        office.set_values(sheet, "A1:A72", column(series("USAccDeaths")))
        office.set_array_formula(sheet, "C1:D27", '=FC.ETS.INFO(A1:A72;"ANA";12)')
        labels = [row[0] for row in office.values(sheet, "C1:C27") if row[0] != ""]
        words = {"fi": ["malli", "jakso", "taso0", "trendi0", "kausi0_1", "logUskottavuus", "havaintoja"],
                 "sv": ["modell", "period", "nivå0", "trend0", "säsong0_1", "logLikelihood", "observationer"]}
        expected = ([words[language][0], words[language][1], "alpha", "beta", "gamma", "phi", words[language][2],
                     words[language][3]] + [f"{words[language][4][:-2]}_{k}" for k in range(1, 13)]
                    + [words[language][5], "aic", "aicc", "bic", "sigma", "mase", words[language][6]])
        assert labels == expected
        assert office.values(sheet, "D1")[0][0] == "ANA" and office.values(sheet, "D2")[0][0] == 12
    finally:
        office.close(doc)


def bad_input_formulas():
    """(formula, why): all must give Err:502. A1:A30 a good positive series, B1:B30 the same
    with a text cell, C1:C3 three numbers, D1:D30 a series with zero and negative values."""
    return [
        ("=FC.ETS(C1:C3;2)", "too few points"),
        ("=FC.ETS(B1:B30;2)", "text in the series"),
        ("=FC.ETS(A1:A30;2;\"AAA\";24)", "period longer than the data"),
        ("=FC.ETS(A1:A30;2;\"auto\";40)", "period longer than the data (auto)"),
        ("=FC.ETS(D1:D30;2;\"MNN\")", "non-positive data for a multiplicative model"),
        ("=FC.ETS(D1:D30;2;\"AAM\")", "additive error with a multiplicative season"),
        ("=FC.ETS(A1:A30;2;\"MMN\")", "multiplicative trend"),
        ("=FC.ETS(A1:A30;2;\"XYZ\")", "unknown model code"),
        ("=FC.ETS(A1:A30;0)", "horizon 0"),
        ("=FC.ETS(A1:A30;2;;;1.5)", "level above 1"),
        ("=FC.ETS(A1:A30;2;;1.5)", "fractional period"),
        ("=FC.ETS(A1:B30;2)", "two columns"),
        ("=FC.ETS.INFO(B1:B30)", "INFO: text in the series"),
        ("=FC.ETS.INFO(D1:D30;\"MAM\";4)", "INFO: non-positive data"),
        ("=FC.BACKTEST(A1:A30;28)", "BACKTEST: horizon leaves too few points"),
        ("=FC.BACKTEST(A1:A30;2;;;0)", "BACKTEST: zero origins"),
        ("=FC.BACKTEST(C1:C3;1)", "BACKTEST: too few points"),
    ]


@pytest.mark.parametrize("formula,why", bad_input_formulas(), ids=[w for _, w in bad_input_formulas()])
def test_bad_input_gives_err502(office, calc, formula, why):
    sheet = office.sheet(calc)
    good = [100 + 10 * (i % 4) + i for i in range(30)]
    office.set_values(sheet, "A1:A30", column(good))
    office.set_values(sheet, "B1:B30", column(good[:5] + ["x"] + good[6:]))
    office.set_values(sheet, "C1:C3", [[1.0], [2.0], [3.0]])
    office.set_values(sheet, "D1:D30", column([v - 110 for v in good]))
    office.require_err502(sheet, "F1:H3", formula, why)


def test_failed_fit_gives_err523(office, calc):
    """Values so large that every model's likelihood overflows: no model can be fitted."""
    sheet = office.sheet(calc)
    office.set_values(sheet, "A1:A12", column([1e300 if i % 2 else -1e300 for i in range(12)]))
    office.set_array_formula(sheet, "C1:C2", "=FC.ETS(A1:A12;2)")
    assert office.values(sheet, "C1")[0][0] == "Err:523"
