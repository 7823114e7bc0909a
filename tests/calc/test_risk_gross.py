"""POP.RISK with gross migration (option migration=gross) in real headless Calc with the built
.oxt: one Helsinki sub-area from the repository's data (data/README.md), in- and out-movers
spread by the sub-area's mover profiles; the probabilities follow POP.PROJECT's gross
projection of the same inputs, and bad gross blocks give Err:502."""

from __future__ import annotations

import math

import pytest

import realdata
from kpoffice import a1_block as block

AREA = "09143351 351 Paloheinä"  # 5,915 people on 31 Dec 2019, 337 movers in and out a year
YEARS = 10
AGE_FROM, AGE_TO = 7, 12  # the pupils of grades 1-6


def subarea_gross() -> dict[str, list[list[float]]]:
    """The sub-area's base (100 × 2) and gross flows per year by age: in-migrants and
    out-migrants (counts, 100 × 4: in male, in female, out male, out female), and the same with
    out-migration as rates (the out-movers of an age over the people of that age and sex, at most
    1; 0 where nobody lives). Movers per year × the mover profile of the area's migration type
    (both sexes), half to each sex."""
    names, table = realdata.subarea_bases()
    i = names.index(AREA)
    base = [[row[2 * i], row[2 * i + 1]] for row in table]
    movers = next(r for r in realdata.rows("fi_helsinki_subarea_movers_2017_19.csv")
                  if r["area_name"] == AREA)
    profile = {(r["direction"], int(r["age"])): float(r["share"])
               for r in realdata.rows("fi_helsinki_mover_profiles.csv")
               if r["migration_type"] == movers["migration_type"]}
    moving_in = float(movers["in_movers_per_year"])
    moving_out = float(movers["out_movers_per_year"])
    counts, rates = [], []
    for age in range(realdata.AGES):
        arrive = moving_in * profile[("in", age)] / 2
        leave = moving_out * profile[("out", age)] / 2
        counts.append([arrive, arrive, leave, leave])
        rates.append([arrive, arrive] + [min(leave / people, 1.0) if people > 0 else 0.0
                                         for people in base[age]])
    return {"base": base, "counts": counts, "rates": rates}


@pytest.fixture(scope="module")
def inputs():
    return subarea_gross()


def put_inputs(office, sheet, inputs) -> dict[str, str]:
    """Base in A, fertility in D, mortality in Y, gross counts in CA, gross rates in CF."""
    return {
        "base": office.put_block(sheet, 0, 1, inputs["base"]),
        "fert": office.put_block(sheet, 3, 1, [row[:YEARS] for row in realdata.helsinki_fertility()]),
        "mort": office.put_block(sheet, 24, 1,
                                 [row[:2 * YEARS] for row in realdata.helsinki_mortality()]),
        "counts": office.put_block(sheet, 78, 1, inputs["counts"]),
        "rates": office.put_block(sheet, 83, 1, inputs["rates"]),
    }


@pytest.mark.parametrize("out", ["rates", "counts"])
def test_pop_risk_with_gross_migration_follows_the_gross_projection(office, calc, inputs, out):
    """The threshold is the band in 2019. In each year where POP.PROJECT's gross projection is
    clearly below it (by more than 3 × √threshold, about three standard deviations of a
    Poisson-like count: the trials' spread), most trials are below it too, and where the
    projection is clearly above, few are; every value is a probability."""
    sheet = office.sheet(calc)
    at = put_inputs(office, sheet, inputs)
    options = f"migration=gross;out={out}"
    args = f"{at['base']};{at['fert']};{at['mort']};{at[out]};{YEARS}"
    office.set_array_formula(sheet, block(0, 110, 2, YEARS + 1),
                             f'=POP.PROJECT({args};"total";"{options};bands={AGE_FROM},{AGE_TO + 1}")')
    expected = office.values(sheet, block(0, 110, 1, YEARS + 1))[0]
    threshold = sum(inputs["base"][a][0] + inputs["base"][a][1] for a in range(AGE_FROM, AGE_TO + 1))
    assert expected[0] == pytest.approx(threshold)
    office.set_array_formula(sheet, block(0, 113, 1, YEARS),
                             f'=POP.RISK({args};{AGE_FROM};{AGE_TO};{threshold};1000;7;"{options}")')
    risk = office.values(sheet, block(0, 113, 1, YEARS))[0]
    assert all(isinstance(p, float) and 0.0 <= p <= 1.0 for p in risk), risk
    margin = 3 * math.sqrt(threshold)
    decided = 0
    for year, (p, mean) in enumerate(zip(risk, expected[1:]), start=2020):
        if mean < threshold - margin:
            assert p > 0.5, f"{year}: POP.PROJECT expects {mean:.1f} < {threshold}, but P(below) = {p}"
            decided += 1
        elif mean > threshold + margin:
            assert p < 0.5, f"{year}: POP.PROJECT expects {mean:.1f} > {threshold}, but P(below) = {p}"
            decided += 1
    # The check above must have had something to check.
    assert decided >= 3, f"too few years far from the threshold: {expected}"


def test_pop_risk_refuses_bad_gross_blocks(office, calc, inputs):
    sheet = office.sheet(calc)
    at = put_inputs(office, sheet, inputs)
    head = f"{at['base']};{at['fert']};{at['mort']}"
    tail = f'{YEARS};{AGE_FROM};{AGE_TO};300;100;1;"migration=gross"'
    six = office.put_block(sheet, 90, 1, [row + [0.0, 0.0] for row in inputs["rates"]])
    office.require_err502(sheet, block(0, 120, 1, YEARS), f"=POP.RISK({head};{six};{tail})",
                          "a gross block of 6 columns")
    above_one = [list(row) for row in inputs["rates"]]
    above_one[30][2] = 1.5
    bad_rate = office.put_block(sheet, 97, 1, above_one)
    office.require_err502(sheet, block(0, 121, 1, YEARS), f"=POP.RISK({head};{bad_rate};{tail})",
                          "an out-migration rate above 1")
    # The same block with the rate back to 1 is accepted (everybody of that group leaves).
    office.set_values(sheet, block(99, 31, 1, 1), [[1.0]])
    office.set_array_formula(sheet, block(0, 122, 1, YEARS), f"=POP.RISK({head};{bad_rate};{tail})")
    assert all(0.0 <= p <= 1.0 for p in office.values(sheet, block(0, 122, 1, YEARS))[0])
