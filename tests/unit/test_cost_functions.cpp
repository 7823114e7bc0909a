// The COST and IMPACT add-in functions (addin/cost_functions.hpp) without an
// office: the schedule as a number, a text, a one-cell range or a step range;
// the spread shapes; #N/A (an empty Any) when there is no payback.
#include <catch2/catch.hpp>
#include <cmath>

#include "cost_functions.hpp"
#include "errors.hpp"
#include "uno_tables.hpp"

using namespace kuntaplan;
using namespace kuntaplan::addin;
using Catch::Matchers::Contains;
using css::uno::Any;
using css::uno::Sequence;
using namespace kuntaplan::uno_tables;

namespace {
Table column(std::initializer_list<double> values) {
    Table out(static_cast<sal_Int32>(values.size()));
    sal_Int32 r = 0;
    for (double v : values) {
        const Any cell(v);
        out.getArray()[r++] = Sequence<Any>(&cell, 1);
    }
    return out;
}
double number(const Any& a) { return *static_cast<const double*>(a.getValue()); }
}  // namespace

TEST_CASE("schedules as a number, text, one cell or steps", "[cost_functions]") {
    const Table flows = column({-100, 60, 60});
    const double at_10 = -100 + 60 / 1.1 + 60 / 1.21;
    CHECK(impact_npv(flows, Any(0.1)) == Approx(at_10).epsilon(1e-14));
    CHECK(impact_npv(flows, Any(table({{Any(0.1)}}))) == Approx(at_10).epsilon(1e-14));
    const double at_35 = -100 + 60 / 1.035 + 60 / (1.035 * 1.035);
    CHECK(impact_npv(flows, Any()) == Approx(at_35).epsilon(1e-14));
    CHECK(impact_npv(flows, text("")) == Approx(at_35).epsilon(1e-14));
    CHECK(impact_npv(flows, text("GreenBook")) == Approx(at_35).epsilon(1e-14));
    CHECK(impact_npv(flows, Any(table({{text("green book")}}))) == Approx(at_35).epsilon(1e-14));
    const Any steps(table({{Any(0.0), Any(0.1)}, {Any(2.0), Any(0.0)}}));
    CHECK(impact_npv(flows, steps) == Approx(-100 + 60 / 1.1 + 60 / 1.1).epsilon(1e-14));
    CHECK_THROWS_WITH(impact_npv(flows, text("stern")), Contains("\"greenbook\""));
    CHECK_THROWS_WITH(impact_npv(flows, Any(table({{Any(0.0), Any(0.1), Any(1.0)}}))),
                      Contains("two columns"));
    CHECK_THROWS_WITH(impact_npv(flows, Any(table({{Any(0.5), Any(0.1)}}))), Contains("whole number"));
}

TEST_CASE("discount factors come back as one row", "[cost_functions]") {
    const Table row = impact_discount(3, Any(0.1));
    REQUIRE(row.getLength() == 1);
    REQUIRE(row[0].getLength() == 3);
    CHECK(number(row[0][2]) == Approx(1 / 1.21));
    CHECK_THROWS_AS(impact_discount(0, Any()), domain_error);
    CHECK_THROWS_AS(impact_discount(2.5, Any()), domain_error);
}

TEST_CASE("no payback is an empty result, shown as #N/A", "[cost_functions]") {
    const Table costs = column({100, 100, 0}), benefits = column({0, 0, 10});
    CHECK_FALSE(impact_payback(costs, benefits, Any(0.0)).hasValue());
    const Any year = impact_payback(costs, column({0, 0, 500}), Any(0.0));
    REQUIRE(year.hasValue());
    CHECK(number(year) == 2);
}

TEST_CASE("spread shapes: one, per stream, per year and stream", "[cost_functions]") {
    const Table costs = column({10, 10, 0}), benefits = column({0, 10, 20});
    auto run = [&](const Table& spread) {
        return impact_simulate(costs, benefits, spread, Any(0.03), Any(500.0), Any(3.0), Any());
    };
    const Table one = run(table({{Any(0.2)}}));
    REQUIRE(one.getLength() == 4);
    const Table per_stream = run(table({{Any(0.2), Any(0.2)}}));
    const Table per_stream_column = run(column({0.2, 0.2}));
    const Table per_year = run(table({{Any(0.2), Any(0.2)}, {Any(0.2), Any(0.2)}, {Any(0.2), Any(0.2)}}));
    for (sal_Int32 i = 0; i < 4; ++i) {
        CHECK(number(per_stream[i][0]) == number(one[i][0]));
        CHECK(number(per_stream_column[i][0]) == number(one[i][0]));
        CHECK(number(per_year[i][0]) == number(one[i][0]));
    }
    // Flows in rows take a spread row per stream (2 × T).
    const Table row_costs = table({{Any(10.0), Any(10.0), Any(0.0)}});
    const Table row_benefits = table({{Any(0.0), Any(10.0), Any(20.0)}});
    const Table by_rows = impact_simulate(
        row_costs, row_benefits, table({{Any(0.2), Any(0.2), Any(0.2)}, {Any(0.2), Any(0.2), Any(0.2)}}),
        Any(0.03), Any(500.0), Any(3.0), Any());
    CHECK(number(by_rows[1][0]) == number(one[1][0]));
    CHECK_THROWS_WITH(run(table({{Any(0.2), Any(0.2), Any(0.2)}})), Contains("3 × 2"));
    CHECK_THROWS_WITH(
        impact_simulate(costs, benefits, column({0.2}), Any(0.03), Any(500.0), Any(-1.0), Any()),
        Contains("seed"));
    CHECK_THROWS_WITH(impact_simulate(costs, benefits, column({0.2}), Any(0.03), Any(0.0), Any(), Any()),
                      Contains("trials"));
}

TEST_CASE("TDABC outputs and keywords", "[cost_functions]") {
    const Table unit = cost_tdabc(column({567000}), column({700000}), column({8, 44, 50}),
                                  column({49000, 1400, 2500}), Any());
    CHECK(number(unit[1][0]) == Approx(35.64).epsilon(1e-12));
    const Table unused = cost_tdabc(column({567000}), column({700000}), column({8, 44, 50}),
                                    column({49000, 1400, 2500}), text("Unused"));
    REQUIRE(unused[0].getLength() == 2);
    CHECK(number(unused[0][0]) == 121400);
    CHECK_THROWS_WITH(cost_tdabc(column({1}), column({1}), column({1}), column({1}), text("all")),
                      Contains("output must be"));
}
