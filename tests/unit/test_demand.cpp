// Tests of core/demand.hpp: demand by per-capita rates, pupils by grade, grade
// progression ratios, the school projection and the capacity gap, with every
// error path. The expected values are worked by hand in the comments.
#include <catch2/catch.hpp>
#include <vector>

#include "demand.hpp"

using namespace kuntaplan;
using Catch::Matchers::Contains;

namespace {
Matrix matrix(std::initializer_list<std::initializer_list<double>> rows) {
    Matrix out(rows.size(), rows.begin()->size());
    std::size_t r = 0;
    for (const auto& row : rows) {
        std::size_t c = 0;
        for (double v : row) out(r, c++) = v;
        ++r;
    }
    return out;
}
constexpr double kTight = 1e-12;  // sums of a few products of exact binary fractions
}  // namespace

TEST_CASE("demand is the rate-weighted sum over ages, with a compound trend", "[demand]") {
    // 3 ages × 2 years; 2 services.
    const Matrix pop = matrix({{100, 110}, {200, 190}, {50, 60}});
    const Matrix rates = matrix({{0.5, 0}, {0.25, 1}, {0, 1}});
    const Matrix d = project_demand(pop, rates);
    REQUIRE(d.rows() == 2);
    REQUIRE(d.cols() == 2);
    CHECK(d(0, 0) == Approx(100 * 0.5 + 200 * 0.25).epsilon(kTight));  // 100
    CHECK(d(0, 1) == Approx(110 * 0.5 + 190 * 0.25).epsilon(kTight));  // 102.5
    CHECK(d(1, 0) == Approx(250).epsilon(kTight));
    CHECK(d(1, 1) == Approx(250).epsilon(kTight));
    const std::vector<double> trend{0.1, -0.5};
    const Matrix t = project_demand(pop, rates, trend);
    CHECK(t(0, 0) == Approx(100).epsilon(kTight));  // year 0 is not scaled
    CHECK(t(0, 1) == Approx(102.5 * 1.1).epsilon(kTight));
    CHECK(t(1, 1) == Approx(250 * 0.5).epsilon(kTight));
    const std::vector<double> one{0.1};  // one value for every service
    CHECK(project_demand(pop, rates, one)(1, 1) == Approx(275).epsilon(kTight));
}

TEST_CASE("demand errors name the bad value", "[demand]") {
    const Matrix pop = matrix({{1, 1}, {1, 1}});
    const Matrix rates = matrix({{1}, {1}});
    CHECK_THROWS_WITH(project_demand(matrix({{-1, 1}, {1, 1}}), rates), Contains("population must be in [0"));
    CHECK_THROWS_WITH(project_demand(pop, matrix({{1}, {-0.5}})), Contains("rates must be in [0"));
    CHECK_THROWS_WITH(project_demand(pop, matrix({{1}})), Contains("one row per age"));
    CHECK_THROWS_WITH(project_demand(Matrix(), rates), Contains("must not be empty"));
    const std::vector<double> bad{-1.0};
    CHECK_THROWS_WITH(project_demand(pop, rates, bad), Contains("trend must be a relative change"));
    const std::vector<double> two{0.1, 0.2};
    CHECK_THROWS_WITH(project_demand(pop, rates, two), Contains("one per service"));
}

TEST_CASE("pupils: grade g is age entry_age + g - 1, times participation", "[school]") {
    Matrix pop(12, 2);
    for (std::size_t a = 0; a < 12; ++a) {
        pop(a, 0) = 10.0 * a;
        pop(a, 1) = 10.0 * a + 1;
    }
    const Matrix p = school_pupils(pop, 7, 3);
    REQUIRE(p.rows() == 3);
    CHECK(p(0, 0) == 70);
    CHECK(p(2, 1) == 91);
    CHECK(school_pupils(pop, 7, 3, matrix({{0.5}}))(1, 0) == 40);
    const Matrix per_grade = school_pupils(pop, 7, 3, matrix({{1}, {0.5}, {0.25}}));
    CHECK(per_grade(2, 1) == Approx(91 * 0.25));
    const Matrix per_year = school_pupils(pop, 7, 3, matrix({{1, 0}, {1, 0}, {1, 0}}));
    CHECK(per_year(0, 1) == 0);
    CHECK(per_year(0, 0) == 70);
}

TEST_CASE("pupils errors", "[school]") {
    Matrix pop(12, 1, 1.0);
    CHECK_THROWS_WITH(school_pupils(pop, 7, 5),
                      Contains("below its open age group"));  // ages 7..11, 11 is open
    CHECK_THROWS_WITH(school_pupils(pop, -1, 3), Contains("entry age must be >= 0"));
    CHECK_THROWS_WITH(school_pupils(pop, 7, 0), Contains("grades must be >= 1"));
    CHECK_THROWS_WITH(school_pupils(pop, 7, 3, matrix({{1}, {1}})),
                      Contains("participation must be one value"));
    CHECK_THROWS_WITH(school_pupils(pop, 7, 3, matrix({{2}})), Contains("participation must be in [0, 1.5]"));
    pop(3, 0) = -2;
    CHECK_THROWS_WITH(school_pupils(pop, 7, 3), Contains("(row 4, column 1)"));
}

TEST_CASE("grade progression ratios: mean, median, last, weighted", "[school]") {
    // Grades × years. Ratios grade 1→2: 90/100, 99/110, 60/80 = 0.9, 0.9, 0.75.
    const Matrix e = matrix({{100, 110, 80, 10}, {95, 90, 99, 60}, {90, 94, 88, 100}});
    // Grade 2→3: 94/95, 88/90, 100/99.
    const auto mean = grade_progression_ratios(e, ProgressionMethod::mean);
    REQUIRE(mean.size() == 2);
    CHECK(mean[0] == Approx((0.9 + 0.9 + 0.75) / 3).epsilon(kTight));
    CHECK(mean[1] == Approx((94.0 / 95 + 88.0 / 90 + 100.0 / 99) / 3).epsilon(kTight));
    CHECK(grade_progression_ratios(e, ProgressionMethod::median)[0] == Approx(0.9).epsilon(kTight));
    CHECK(grade_progression_ratios(e, ProgressionMethod::median)[1] == Approx(94.0 / 95).epsilon(kTight));
    CHECK(grade_progression_ratios(e, ProgressionMethod::last)[0] == Approx(0.75).epsilon(kTight));
    CHECK(grade_progression_ratios(e, ProgressionMethod::weighted)[0] ==
          Approx((90.0 + 99 + 60) / (100.0 + 110 + 80)).epsilon(kTight));
    // An even number of ratios: the median is the mean of the middle two.
    const Matrix even = matrix({{10, 10, 10}, {8, 9, 7}});
    CHECK(grade_progression_ratios(even, ProgressionMethod::median)[0] == Approx(0.8).epsilon(kTight));
    // A year without pupils in grade 1 gives no ratio that year.
    const Matrix gap = matrix({{0, 10, 10}, {5, 5, 9}});
    CHECK(grade_progression_ratios(gap, ProgressionMethod::mean)[0] == Approx(0.9).epsilon(kTight));
}

TEST_CASE("grade progression errors", "[school]") {
    CHECK_THROWS_WITH(grade_progression_ratios(matrix({{1, 2}})), Contains("at least 2 grades"));
    CHECK_THROWS_WITH(grade_progression_ratios(matrix({{1}, {2}})), Contains("at least 2 years"));
    CHECK_THROWS_WITH(grade_progression_ratios(matrix({{0, 0}, {2, 2}})),
                      Contains("grade 1 must have pupils"));
    CHECK_THROWS_WITH(grade_progression_ratios(matrix({{1, -1}, {2, 2}})),
                      Contains("enrolment must be in [0"));
    CHECK_THROWS_WITH(grade_progression_ratios(matrix({{1, 1}, {2, 2}}), static_cast<ProgressionMethod>(9)),
                      Contains("mean, median, last or weighted"));
}

TEST_CASE("school projection: entrants into grade 1, ratios move cohorts up", "[school]") {
    const Matrix e = matrix({{100, 110}, {95, 90}, {90, 94}});
    const std::vector<double> entrants{120, 130, 125};
    const std::vector<double> ratios{0.9, 1.0};
    const Matrix p = project_enrolment(e, entrants, ratios);
    REQUIRE(p.rows() == 3);
    REQUIRE(p.cols() == 3);
    CHECK(p(0, 0) == 120);
    CHECK(p(1, 0) == Approx(110 * 0.9).epsilon(kTight));
    CHECK(p(2, 0) == Approx(90).epsilon(kTight));
    CHECK(p(1, 1) == Approx(120 * 0.9).epsilon(kTight));
    CHECK(p(2, 2) == Approx(120 * 0.9).epsilon(kTight));
    // With the history's own mean ratios the projection continues the history.
    const auto r = grade_progression_ratios(e);
    CHECK(project_enrolment(e, entrants, r)(1, 0) == Approx(110 * 90.0 / 100).epsilon(kTight));
}

TEST_CASE("school projection errors", "[school]") {
    const Matrix e = matrix({{100, 110}, {95, 90}, {90, 94}});
    const std::vector<double> entrants{120};
    const std::vector<double> ratios{0.9, 1.0};
    CHECK_THROWS_WITH(project_enrolment(e, {}, ratios), Contains("entrants must have one value"));
    const std::vector<double> negative{-1};
    CHECK_THROWS_WITH(project_enrolment(e, negative, ratios), Contains("entrants must be in [0"));
    const std::vector<double> one{0.9};
    CHECK_THROWS_WITH(project_enrolment(e, entrants, one), Contains("one value per grade but the last (2)"));
    const std::vector<double> bad{0.9, -1};
    CHECK_THROWS_WITH(project_enrolment(e, entrants, bad), Contains("ratio must be in [0, 100]"));
    CHECK_THROWS_WITH(project_enrolment(matrix({{1, 2}}), entrants, ratios), Contains("at least 2 grades"));
}

TEST_CASE("capacity gap: capacity minus demand, a constant capacity carried on", "[network]") {
    const Matrix gap = capacity_gap(matrix({{100}, {50}}), matrix({{90, 110}, {50, 20}}));
    CHECK(gap(0, 0) == 10);
    CHECK(gap(0, 1) == -10);
    CHECK(gap(1, 1) == 30);
    const Matrix by_year = capacity_gap(matrix({{100, 120}}), matrix({{90, 110}}));
    CHECK(by_year(0, 1) == 10);
    CHECK_THROWS_WITH(capacity_gap(matrix({{100}}), matrix({{1}, {2}})), Contains("one row per unit"));
    const Matrix carried = capacity_gap(matrix({{100, 120}}), matrix({{90, 110, 100}}));
    CHECK(carried(0, 2) == 20);  // the last capacity column carries on
    CHECK_THROWS_WITH(capacity_gap(matrix({{1, 2, 3}}), matrix({{1, 2}})),
                      Contains("at most one column per year"));
    CHECK_THROWS_WITH(capacity_gap(matrix({{-1}}), matrix({{1}})), Contains("capacity must be >= 0"));
    CHECK_THROWS_WITH(capacity_gap(matrix({{1}}), matrix({{-1}})), Contains("demand must be >= 0"));
    CHECK_THROWS_WITH(capacity_gap(Matrix(), matrix({{1}})), Contains("must not be empty"));
}
