// Tests of core/demography.hpp: the published Preston examples, the Helsinki
// projection against an independent naive implementation, the balance
// identity, the tables, and every error path.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "csv_rows.hpp"
#include "demography.hpp"
#include "helsinki_data.hpp"

using namespace kuntaplan;

namespace {

// ------------------------------------------------------------------ helpers

using Row = csv_rows::Row;

using helsinki_data::read_csv;
double num(const Row& r, const std::string& key) { return helsinki_data::number(r, key); }

// Runs f, which must throw kuntaplan::domain_error whose message contains `text`.
void require_domain_error(const std::function<void()>& f, const std::string& text) {
    try {
        f();
        FAIL("no domain_error; expected one containing: " << text);
    } catch (const kuntaplan::domain_error& e) {
        INFO("message: " << e.what());
        CHECK(std::string(e.what()).find(text) != std::string::npos);
    }
}

LifeTableInput lt_in(std::span<const double> mx, std::span<const double> ax = {},
                     std::span<const double> widths = {}, double radix = 100000.0) {
    LifeTableInput in;
    in.mx = mx;
    in.ax = ax;
    in.widths = widths;
    in.radix = radix;
    return in;
}

// P(t+1) − P(t) = births·share − deaths + net migration for every area, sex
// and step. Tolerance 1e-9 relative to the population of the cohort block
// (the identity holds to double rounding, ~1e-15, in the implementation).
void check_balance(const Projection& p, double srb) {
    const double share[2] = {srb / (1 + srb), 1 / (1 + srb)};
    for (std::size_t k = 0; k < p.areas; ++k)
        for (int sex = 0; sex < 2; ++sex)
            for (std::size_t t = 0; t < p.years; ++t) {
                double before = 0, after = 0;
                for (std::size_t x = 0; x < p.ages; ++x) {
                    before += p.pop(k, sex, x, t);
                    after += p.pop(k, sex, x, t + 1);
                }
                const std::size_t i = (k * 2 + sex) * p.years + t;
                const double flows =
                    p.births[k * p.years + t] * share[sex] - p.deaths[i] + p.net_migration[i];
                INFO("area " << k << " sex " << sex << " step " << t);
                CHECK(after - before == Approx(flows).margin(1e-9 * std::max({1.0, before, after})));
                CHECK(p.deaths[i] >= 0.0);
            }
}

// ------------------------------------------------------- a small valid model

// A = 6 single-year ages, fertile ages 2..3, qx, counts; small enough to
// mutate one input at a time in the error tests.
struct Small {
    Matrix base{6, 2}, fert{2, 1}, mort{6, 2}, mig{6, 2};
    ProjectionInput input() const {
        ProjectionInput in;
        in.base = base;
        in.fertility = fert;
        in.mortality = mort;
        in.migration = mig;
        in.years = 3;
        in.options.fertile_from_age = 2;
        return in;
    }
    Small() {
        for (std::size_t x = 0; x < 6; ++x) {
            base(x, 0) = 100 + 10.0 * x;
            base(x, 1) = 110 + 9.0 * x;
            mort(x, 0) = 0.01 + 0.05 * x;
            mort(x, 1) = 0.008 + 0.04 * x;
            mig(x, 0) = 3.0 - x;
            mig(x, 1) = 2.0 - 0.5 * x;
        }
        mort(5, 0) = mort(5, 1) = 0.6;
        fert(0, 0) = 0.2;
        fert(1, 0) = 0.3;
    }
};

}  // namespace

// ================================================================ life table

TEST_CASE("Preston Austria 1992 males: published life table", "[demography][lifetable]") {
    const auto rows = read_csv("preston_austria1992_male_lifetable.csv");
    REQUIRE(rows.size() == 19);
    std::vector<double> mx, ax, widths;
    for (const auto& r : rows) {
        mx.push_back(num(r, "deaths_nDx") / num(r, "population_nNx"));
        ax.push_back(num(r, "nax"));
        // The open group has no width in the source; the value is ignored.
        widths.push_back(r.at("n").empty() ? 0.0 : num(r, "n"));
    }
    const LifeTableInput in{mx, ax, widths, 100000.0};
    const LifeTable t = life_table(in);
    REQUIRE(t.lx.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("age " << rows[i].at("x"));
        CHECK(t.x[i] == num(rows[i], "x"));  // exact: sums of integer widths
        // The published values are rounded to integers: |computed − published| ≤ 0.5.
        CHECK(t.lx[i] == Approx(num(rows[i], "published_lx")).margin(0.5));
        CHECK(t.dx[i] == Approx(num(rows[i], "published_ndx")).margin(0.5));
        CHECK(t.Lx[i] == Approx(num(rows[i], "published_nLx")).margin(0.5));
        CHECK(t.qx[i] == Approx(t.dx[i] / t.lx[i]).epsilon(1e-12));
    }
    // e0 = 72.889 as published (three decimals: ±0.0005).
    CHECK(t.ex[0] == Approx(72.889).margin(0.0005));
    CHECK(life_expectancy(in, 0.0) == Approx(t.ex[0]).epsilon(1e-15));
    CHECK(life_expectancy(in, 65.0) == Approx(t.ex[14]).epsilon(1e-15));
    CHECK(t.Tx[0] == Approx(std::accumulate(t.Lx.begin(), t.Lx.end(), 0.0)).epsilon(1e-12));
}

TEST_CASE("life table defaults: Coale-Demeny ax at 0 and 1-4, n/2, open 1/mx", "[demography][lifetable]") {
    SECTION("single open group: e0 = 1/m") {
        const std::vector<double> mx{0.125};
        const LifeTable t = life_table(lt_in(mx, {}, {}, 1000.0));
        CHECK(t.ex[0] == Approx(8.0).epsilon(1e-14));
        CHECK(t.Lx[0] == Approx(8000.0).epsilon(1e-14));
        CHECK(t.qx[0] == 1.0);
    }
    SECTION("abridged table, low m0: 1a0 = 0.049 + 2.742 m0, 4a1 = 1.5865 − 2.167 m0") {
        const std::vector<double> mx{0.02, 0.004, 0.001, 0.2};
        const std::vector<double> w{1, 4, 5, 0};
        const LifeTable t = life_table(lt_in(mx, {}, w, 100000.0));
        const double a0 = 0.049 + 2.742 * 0.02, a1 = 1.5865 - 2.167 * 0.02;
        const double q0 = 0.02 / (1 + (1 - a0) * 0.02);
        CHECK(t.qx[0] == Approx(q0).epsilon(1e-13));
        CHECK(t.Lx[0] == Approx(t.lx[1] + a0 * t.dx[0]).epsilon(1e-13));
        CHECK(t.Lx[1] == Approx(4 * t.lx[2] + a1 * t.dx[1]).epsilon(1e-13));
        CHECK(t.Lx[2] == Approx(5 * t.lx[3] + 2.5 * t.dx[2]).epsilon(1e-13));
        CHECK(t.Lx[3] == Approx(t.lx[3] / 0.2).epsilon(1e-13));
        CHECK(t.x == std::vector<double>{0, 1, 5, 10});
    }
    SECTION("high m0: 1a0 = 0.340") {
        const std::vector<double> mx{0.2, 0.1};
        const LifeTable t = life_table(lt_in(mx, {}, {}, 1.0));
        CHECK(t.Lx[0] == Approx(t.lx[1] + 0.340 * t.dx[0]).epsilon(1e-13));
    }
    SECTION("huge m gives q = 1 and nobody after; ex 0 where lx = 0, no NaN") {
        const std::vector<double> mx{1e300, 0.5, 0.5};
        const std::vector<double> ax{0.0, 0.5, 0.0};
        const LifeTable t = life_table(lt_in(mx, ax, {}, 1.0));
        CHECK(t.qx[0] == 1.0);
        CHECK(t.lx[1] == 0.0);
        CHECK(t.ex[1] == 0.0);
        CHECK(t.ex[0] == 0.0);
    }
    SECTION("zero mortality in closed groups") {
        const std::vector<double> mx{0.0, 0.0, 0.5};
        const LifeTable t = life_table(lt_in(mx, {}, {}, 1.0));
        CHECK(t.ex[0] == Approx(4.0).epsilon(1e-14));
    }
}

TEST_CASE("life table and life expectancy error paths", "[demography][lifetable][errors]") {
    const std::vector<double> good{0.01, 0.02, 0.3};
    require_domain_error([] { life_table(lt_in({})); }, "empty");
    const std::vector<double> neg{0.01, -0.5, 0.3};
    require_domain_error([&] { life_table(lt_in(neg)); }, "-0.5");
    const std::vector<double> nan{0.01, std::nan(""), 0.3};
    require_domain_error([&] { life_table(lt_in(nan)); }, "nan");
    const std::vector<double> inf{0.01, INFINITY, 0.3};
    require_domain_error([&] { life_table(lt_in(inf)); }, "inf");
    const std::vector<double> open0{0.01, 0.02, 0.0};
    require_domain_error([&] { life_table(lt_in(open0)); }, "open age group");
    const std::vector<double> ax_bad{0.5, 1.5, 0.0};
    require_domain_error([&] { life_table(lt_in(good, ax_bad)); }, "1.5");
    const std::vector<double> ax_short{0.5};
    require_domain_error([&] { life_table(lt_in(good, ax_short)); }, "but had: 1");
    const std::vector<double> w_bad{1, -4, 5};
    require_domain_error([&] { life_table(lt_in(good, {}, w_bad)); }, "-4");
    const std::vector<double> w_short{1, 4};
    require_domain_error([&] { life_table(lt_in(good, {}, w_short)); }, "but had: 2");
    require_domain_error([&] { life_table(lt_in(good, {}, {}, 0.0)); }, "radix");
    require_domain_error([&] { life_table(lt_in(good, {}, {}, -1.0)); }, "-1");
    const std::vector<double> too_many(1001, 0.1);
    require_domain_error([&] { life_table(lt_in(too_many)); }, "1001");
    const std::vector<double> tiny_open{0.1, 1e-310};
    require_domain_error([&] { life_table(lt_in(tiny_open)); }, "overflows");
    require_domain_error([&] { life_expectancy(lt_in(good), 1.5); }, "1.5");
    require_domain_error([&] { life_expectancy(lt_in(good), -1.0); }, "-1");
    require_domain_error([&] { life_expectancy(lt_in(good), std::nan("")); }, "nan");
    CHECK(life_expectancy(lt_in(good), 2.0) == Approx(1 / 0.3).epsilon(1e-14));
}

// ================================================================= fertility

TEST_CASE("total fertility rate and scaling a schedule", "[demography][fertility]") {
    const std::vector<double> asfr{0.01, 0.05, 0.1, 0.08, 0.02};
    CHECK(total_fertility_rate(asfr) == Approx(0.26).epsilon(1e-14));
    CHECK(total_fertility_rate(asfr, 5.0) == Approx(1.3).epsilon(1e-14));
    const auto scaled = scale_schedule(asfr, 1.3);
    CHECK(total_fertility_rate(scaled) == Approx(1.3).epsilon(1e-14));
    CHECK(scaled[2] / scaled[1] == Approx(2.0).epsilon(1e-14));  // shape kept
    const auto scaled5 = scale_schedule(asfr, 1.3, 5.0);
    CHECK(scaled5[0] == Approx(0.01).epsilon(1e-14));
    CHECK(scale_schedule(asfr, 0.0)[3] == 0.0);

    require_domain_error([] { total_fertility_rate({}); }, "empty");
    const std::vector<double> neg{0.1, -0.2};
    require_domain_error([&] { total_fertility_rate(neg); }, "-0.2");
    const std::vector<double> nan{0.1, std::nan("")};
    require_domain_error([&] { total_fertility_rate(nan); }, "nan");
    require_domain_error([&] { total_fertility_rate(asfr, 0.0); }, "width");
    require_domain_error([&] { total_fertility_rate(asfr, -5.0); }, "-5");
    const std::vector<double> zeros{0.0, 0.0};
    require_domain_error([&] { scale_schedule(zeros, 1.3); }, "positive sum");
    require_domain_error([&] { scale_schedule(asfr, -1.0); }, "-1");
    require_domain_error([&] { scale_schedule(asfr, INFINITY); }, "inf");
    const std::vector<double> tiny{1e-300};
    require_domain_error([&] { scale_schedule(tiny, 1e300); }, "overflows");
}

// ================================================================ projection

TEST_CASE("Preston Sweden 1993 females: published 5-year projection", "[demography][projection]") {
    const auto rows = read_csv("preston_sweden1993_female_projection.csv");
    REQUIRE(rows.size() == 18);
    const std::size_t A = rows.size();
    Matrix base(A, 2), mort(A, 2), mig(A, 2), fert(7, 1);
    for (std::size_t x = 0; x < A; ++x) {
        base(x, 0) = base(x, 1) = num(rows[x], "P1993_female");
        mort(x, 0) = mort(x, 1) = num(rows[x], "nLx_female_radix100000");
        // The published migrants are for the whole period 1993-98; the function
        // takes them per year.
        mig(x, 0) = mig(x, 1) = num(rows[x], "net_migrants_1993_1998") / 5.0;
        if (x >= 3 && x < 10) fert(x - 3, 0) = num(rows[x], "asfr_annual");
    }
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = mig;
    in.years = 1;
    in.options.step_years = 5;
    in.options.fertile_from_age = 15;
    in.options.mortality = MortalityMeasure::Lx;
    in.options.migration = MigrationKind::counts;
    in.options.migration_timing = MigrationTiming::half;
    in.options.sex_ratio_at_birth = 1.05;
    in.options.lx_radix = 100000.0;
    const Projection p = project_population(in);
    double published_births = 0;
    for (std::size_t x = 0; x < A; ++x) {
        INFO("age group " << rows[x].at("age_label"));
        // Published as integers: within 0.5.
        CHECK(p.pop(0, 1, x, 1) == Approx(num(rows[x], "published_P1998_female")).margin(0.5));
        published_births += num(rows[x], "published_births_1993_1998_by_mother_age");
    }
    // Seven published integers by mother's age, each within 0.5 of its exact
    // value: the exact total is within 3.5 of their sum.
    CHECK(p.births[0] == Approx(published_births).margin(3.5));
    CHECK(p.births[0] == Approx(615989).margin(3.5));
    // Per year means per year: the step moved the period's migrants, 5 × the
    // annual counts (no cohort is emptied here, so nothing is clipped).
    double period_migrants = 0;
    for (const auto& r : rows) period_migrants += num(r, "net_migrants_1993_1998");
    CHECK(p.net_migration[1] == Approx(period_migrants).epsilon(1e-12));
    check_balance(p, 1.05);
}

namespace {

// The Helsinki inputs: base 100 ages × 2, qx (101 × 42, row 100 born in the
// year), ASFR 35 × 21 from age 15, net migration counts 100 × 42.
struct Helsinki {
    static constexpr std::size_t A = helsinki_data::kAges;
    Matrix base = helsinki_data::total_population();
    Matrix mort = helsinki_data::death_probabilities();
    Matrix fert = helsinki_data::fertility_rates();
    Matrix mig = helsinki_data::net_migration(helsinki_data::migration_flows(false));
};

// An independent, deliberately naive single-year cohort-component projection
// (half of the migrants at the start, half at the end; qx; births from the
// women averaged over the step; cohorts clamped at zero), written from the
// textbook description with maps keyed by (sex, age); shares no code with core.
struct NaiveResult {
    std::vector<std::map<std::pair<int, int>, double>> pop;  // [t][(sex, age)]
    std::vector<double> births;
    std::vector<std::map<int, double>> deaths, migration;  // [t][sex]
};

NaiveResult naive_projection(const Helsinki& h, int years) {
    const int A = static_cast<int>(Helsinki::A);
    NaiveResult r;
    std::map<std::pair<int, int>, double> now;
    for (int s = 0; s < 2; ++s)
        for (int a = 0; a < A; ++a) now[{s, a}] = h.base(a, s);
    r.pop.push_back(now);
    for (int t = 0; t < years; ++t) {
        std::map<std::pair<int, int>, double> after_start, next;
        std::map<int, double> deaths, moved;
        for (int s = 0; s < 2; ++s) {
            auto q = [&](int age) { return h.mort(age, 2 * t + s); };
            auto nm = [&](int age) { return h.mig(age, 2 * t + s); };
            for (int a = 0; a < A; ++a) {
                double v = now[{s, a}] + 0.5 * nm(a);
                if (v < 0) {
                    moved[s] -= now[{s, a}];
                    v = 0;
                } else {
                    moved[s] += 0.5 * nm(a);
                }
                after_start[{s, a}] = v;
            }
            for (int a = 0; a < A; ++a) {
                const double survivors = after_start[{s, a}] * (1 - q(a));
                deaths[s] += after_start[{s, a}] * q(a);
                const int to = a == A - 1 ? A - 1 : a + 1;
                next[{s, to}] += survivors;
            }
            for (int a = 1; a < A; ++a) {
                double v = next[{s, a}] + 0.5 * nm(a);
                if (v < 0) {
                    moved[s] -= next[{s, a}];
                    v = 0;
                } else {
                    moved[s] += 0.5 * nm(a);
                }
                next[{s, a}] = v;
            }
        }
        double births = 0;
        for (int a = 15; a <= 49; ++a)
            births += h.fert(a - 15, t) * (after_start[{1, a}] + next[{1, a}]) / 2.0;
        r.births.push_back(births);
        for (int s = 0; s < 2; ++s) {
            const double born = births * (s == 0 ? 1.05 / 2.05 : 1.0 / 2.05);
            const double q_born = h.mort(A, 2 * t + s);
            deaths[s] += born * q_born;
            double v = born * (1 - q_born) + 0.5 * h.mig(0, 2 * t + s);
            if (v < 0) {
                moved[s] -= born * (1 - q_born);
                v = 0;
            } else {
                moved[s] += 0.5 * h.mig(0, 2 * t + s);
            }
            next[{s, 0}] = v;
        }
        r.deaths.push_back(deaths);
        r.migration.push_back(moved);
        r.pop.push_back(next);
        now = next;
    }
    return r;
}

// Relative to the value, with a floor of 1 person for cells near zero.
bool close(double a, double b, double rel = 1e-9) {
    return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b));
}

}  // namespace

TEST_CASE("Helsinki 2020-2040: core equals an independent naive implementation", "[demography][projection]") {
    const Helsinki h;
    // The files hold what the README says (ages 0..99, 21 years, Helsinki total).
    double total = 0;
    for (double v : h.base.data()) total += v;
    REQUIRE(total == 653835.0);
    ProjectionInput in;
    in.base = h.base;
    in.fertility = h.fert;
    in.mortality = h.mort;
    in.migration = h.mig;
    in.years = 21;
    const Projection p = project_population(in);
    const NaiveResult n = naive_projection(h, 21);
    int mismatches = 0;
    for (std::size_t t = 0; t <= 21; ++t)
        for (int s = 0; s < 2; ++s)
            for (int a = 0; a < 100; ++a)
                if (!close(p.pop(0, s, a, t), n.pop[t].at({s, a}))) ++mismatches;
    CHECK(mismatches == 0);
    for (std::size_t t = 0; t < 21; ++t) {
        INFO("step " << t);
        CHECK(close(p.births[t], n.births[t]));
        for (int s = 0; s < 2; ++s) {
            CHECK(close(p.deaths[s * 21 + t], n.deaths[t].at(s)));
            CHECK(close(p.net_migration[s * 21 + t], n.migration[t].at(s)));
        }
    }
    check_balance(p, 1.05);
    // Columns past the last step are ignored: 10 steps equal the first 10 of 21.
    in.years = 10;
    const Projection p10 = project_population(in);
    for (std::size_t x = 0; x < 100; ++x) CHECK(p10.pop(0, 1, x, 10) == p.pop(0, 1, x, 10));
    // Plausibility of the real projection: Helsinki grows, ~6-7 thousand births a year.
    CHECK(p.births[0] > 5000.0);
    CHECK(p.births[0] < 8000.0);
}

namespace {

// A synthetic model for the balance tests: A ages (single years or 5-year
// groups), K areas, year-varying rates, strong emigration at some ages so that
// cohorts are clamped at zero.
ProjectionInput synthetic(MortalityMeasure measure, MigrationKind kind, MigrationTiming timing, int step,
                          std::size_t K, bool per_area, std::vector<Matrix>& keep) {
    const std::size_t A = step == 1 ? 40 : 12;
    const std::size_t Y = 4;
    keep.assign(4, Matrix());
    Matrix& base = keep[0];
    Matrix& fert = keep[1];
    Matrix& mort = keep[2];
    Matrix& mig = keep[3];
    base = Matrix(A, 2 * K);
    for (std::size_t x = 0; x < A; ++x)
        for (std::size_t c = 0; c < 2 * K; ++c)
            base(x, c) = 200.0 + 100.0 * std::sin(1.0 + x + 3.0 * c) - (x == 3 ? 90.0 : 0.0);
    const std::size_t first = step == 1 ? 15 : 3;
    const std::size_t F = step == 1 ? 20 : 5;
    fert = Matrix(F, Y - 1);  // fewer columns than steps: the last is carried on
    for (std::size_t i = 0; i < F; ++i)
        for (std::size_t j = 0; j + 1 < Y; ++j) fert(i, j) = 0.02 + 0.004 * i * (F - i) / F + 0.01 * j;
    const bool extra = measure == MortalityMeasure::qx;
    mort = Matrix(A + (extra ? 1 : 0), 2 * Y);
    for (std::size_t j = 0; j < Y; ++j)
        for (int s = 0; s < 2; ++s) {
            std::vector<double> mx(A);
            for (std::size_t x = 0; x < A; ++x)
                mx[x] = (0.001 + 0.0004 * std::exp(0.09 * x * step)) * (1 + 0.1 * s + 0.05 * j);
            if (measure == MortalityMeasure::qx) {
                for (std::size_t x = 0; x < A; ++x) mort(x, 2 * j + s) = std::min(1.0, mx[x] * step);
                mort(A, 2 * j + s) = 0.002;
            } else if (measure == MortalityMeasure::mx) {
                for (std::size_t x = 0; x < A; ++x) mort(x, 2 * j + s) = mx[x];
            } else {
                const std::vector<double> w(A, static_cast<double>(step));
                const LifeTable t = life_table(lt_in(mx, {}, w, 100000.0));
                for (std::size_t x = 0; x + 1 < A; ++x) mort(x, 2 * j + s) = t.Lx[x];
                mort(A - 1, 2 * j + s) = t.Tx[A - 1];
            }
        }
    const std::size_t cols = per_area ? 2 * K : 2 * Y;
    mig = Matrix(A, cols);
    for (std::size_t x = 0; x < A; ++x)
        for (std::size_t c = 0; c < cols; ++c) {
            const double v = std::cos(0.7 * x + c);
            mig(x, c) = kind == MigrationKind::counts ? 15.0 * v - (x == 3 || x == 7 ? 400.0 : 0.0)
                                                      : 0.02 * v - (x == 3 || x == 7 ? 1.2 : 0.0);
        }
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = mig;
    in.years = static_cast<int>(Y);
    in.options.step_years = step;
    in.options.fertile_from_age = static_cast<int>(first) * step;
    in.options.mortality = measure;
    in.options.migration = kind;
    in.options.migration_timing = timing;
    in.options.sex_ratio_at_birth = 1.06;
    return in;
}

}  // namespace

TEST_CASE("the balance holds exactly for every option combination", "[demography][projection][balance]") {
    const auto measure = GENERATE(MortalityMeasure::qx, MortalityMeasure::mx, MortalityMeasure::Lx);
    const auto kind = GENERATE(MigrationKind::counts, MigrationKind::rates);
    const auto timing = GENERATE(MigrationTiming::half, MigrationTiming::start, MigrationTiming::end);
    const int step = GENERATE(1, 5);
    const auto areas =
        GENERATE(std::make_tuple(std::size_t(1), false), std::make_tuple(std::size_t(3), false),
                 std::make_tuple(std::size_t(3), true));
    const std::size_t K = std::get<0>(areas);
    const bool per_area = std::get<1>(areas);
    INFO("measure " << int(measure) << " kind " << int(kind) << " timing " << int(timing) << " step " << step
                    << " K " << K << " per-area migration " << per_area);
    std::vector<Matrix> keep;
    const ProjectionInput in = synthetic(measure, kind, timing, step, K, per_area, keep);
    const Projection p = project_population(in);
    REQUIRE(p.areas == K);
    check_balance(p, 1.06);
    double clamped_min = 1e300;
    for (double v : p.population) {
        REQUIRE(std::isfinite(v));
        REQUIRE(v >= 0.0);
        clamped_min = std::min(clamped_min, v);
    }
    CHECK(clamped_min == 0.0);  // the strong emigration emptied a cohort
    if (K == 3 && !per_area) {
        // Same rates, different bases: area 2 projected alone must match.
        std::vector<double> one;
        for (std::size_t x = 0; x < in.base.rows(); ++x) {
            one.push_back(in.base(x, 4));
            one.push_back(in.base(x, 5));
        }
        ProjectionInput single = in;
        single.base = MatrixView(one, in.base.rows(), 2);
        const Projection q = project_population(single);
        for (std::size_t x = 0; x < p.ages; ++x)
            for (std::size_t t = 0; t <= p.years; ++t)
                CHECK(p.pop(2, 1, x, t) == Approx(q.pop(0, 1, x, t)).epsilon(1e-15).margin(1e-12));
    }
}

TEST_CASE("projection special cases", "[demography][projection]") {
    SECTION("no mortality, no fertility, no migration: the cohorts just age") {
        Matrix base(4, 2, 10.0), fert(1, 1, 0.0), mort(4, 2, 0.0), mig(4, 2, 0.0);
        base(0, 0) = 1;
        base(1, 0) = 2;
        base(2, 0) = 3;
        base(3, 0) = 4;
        ProjectionInput in{base, fert, mort, mig, 2, {}};
        in.options.fertile_from_age = 1;
        const Projection p = project_population(in);
        CHECK(p.pop(0, 0, 0, 1) == 0.0);
        CHECK(p.pop(0, 0, 1, 1) == 1.0);
        CHECK(p.pop(0, 0, 2, 1) == 2.0);
        CHECK(p.pop(0, 0, 3, 1) == 7.0);
        CHECK(p.pop(0, 0, 3, 2) == 9.0);
        CHECK(p.deaths[0] == 0.0);
    }
    SECTION("qx without the born row: newborns survive with 1 − q0/2; start timing") {
        Matrix base(3, 2, 100.0), fert(1, 1, 0.5), mort(3, 2, 0.1), mig(3, 2, 0.0);
        ProjectionInput in{base, fert, mort, mig, 1, {}};
        in.options.fertile_from_age = 1;
        in.options.sex_ratio_at_birth = 1.0;
        in.options.migration_timing = MigrationTiming::start;
        const Projection p = project_population(in);
        // W start 100, W end 90: births = 0.5·(100 + 90)/2 = 47.5.
        CHECK(p.births[0] == Approx(47.5).epsilon(1e-15));
        CHECK(p.pop(0, 1, 0, 1) == Approx(47.5 / 2 * 0.95).epsilon(1e-15));
    }
    SECTION("fertility from age 0 with a zero first rate is accepted") {
        Matrix base(3, 2, 100.0), fert(3, 1, 0.0), mort(3, 2, 0.1), mig(3, 2, 0.0);
        fert(1, 0) = 0.5;
        ProjectionInput in{base, fert, mort, mig, 1, {}};
        in.options.fertile_from_age = 0;
        CHECK(project_population(in).births[0] == Approx(47.5).epsilon(1e-15));
    }
    SECTION("years = 1000 is allowed") {
        Small s;
        ProjectionInput in = s.input();
        in.years = 1000;
        const Projection p = project_population(in);
        CHECK(p.years == 1000);
        check_balance(p, 1.05);
    }
}

// ============================================================ output tables

TEST_CASE("projection_table shapes and values for every output", "[demography][table]") {
    std::vector<Matrix> keep;
    const ProjectionInput in =
        synthetic(MortalityMeasure::qx, MigrationKind::counts, MigrationTiming::half, 1, 3, true, keep);
    const Projection p = project_population(in);
    const std::size_t A = p.ages, K = p.areas, Y = p.years;
    const std::vector<int> bands{0, 7, 13, 16};

    const Matrix total = projection_table(p, ProjectionOutput::total);
    const Matrix male = projection_table(p, ProjectionOutput::male);
    const Matrix female = projection_table(p, ProjectionOutput::female);
    const Matrix both = projection_table(p, ProjectionOutput::both);
    CHECK((total.rows() == K * A && total.cols() == Y + 1));
    CHECK((male.rows() == K * A && female.cols() == Y + 1));
    CHECK((both.rows() == 2 * K * A && both.cols() == Y + 1));
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t x = 0; x < A; ++x)
            for (std::size_t t = 0; t <= Y; ++t) {
                CHECK(male(k * A + x, t) == p.pop(k, 0, x, t));
                CHECK(female(k * A + x, t) == p.pop(k, 1, x, t));
                CHECK(both(2 * k * A + x, t) == p.pop(k, 0, x, t));
                CHECK(both(2 * k * A + A + x, t) == p.pop(k, 1, x, t));
                CHECK(total(k * A + x, t) == p.pop(k, 0, x, t) + p.pop(k, 1, x, t));
            }
    CHECK(total(0, 0) == in.base(0, 0) + in.base(0, 1));

    const Matrix births = projection_table(p, ProjectionOutput::births);
    const Matrix deaths = projection_table(p, ProjectionOutput::deaths);
    CHECK((births.rows() == K && births.cols() == Y));
    CHECK((deaths.rows() == 2 * K && deaths.cols() == Y));
    CHECK(births(2, 1) == p.births[2 * Y + 1]);
    CHECK(deaths(5, 3) == p.deaths[5 * Y + 3]);

    const Matrix areas = projection_table(p, ProjectionOutput::areas);
    const Matrix summary = projection_table(p, ProjectionOutput::summary);
    CHECK((areas.rows() == K && areas.cols() == Y + 1));
    CHECK((summary.rows() == 5 * K && summary.cols() == Y + 1));
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t t = 0; t <= Y; ++t) {
            double sum = 0;
            for (std::size_t x = 0; x < A; ++x) sum += total(k * A + x, t);
            CHECK(areas(k, t) == Approx(sum).epsilon(1e-14));
            CHECK(summary(5 * k, t) == areas(k, t));
        }
        for (std::size_t r = 1; r < 5; ++r) CHECK(std::isnan(summary(5 * k + r, 0)));
        for (std::size_t t = 0; t < Y; ++t) {
            const double b = p.births[k * Y + t];
            const double d = p.deaths[2 * k * Y + t] + p.deaths[(2 * k + 1) * Y + t];
            const double m = p.net_migration[2 * k * Y + t] + p.net_migration[(2 * k + 1) * Y + t];
            CHECK(summary(5 * k + 1, t + 1) == b);
            CHECK(summary(5 * k + 2, t + 1) == d);
            CHECK(summary(5 * k + 3, t + 1) == m);
            CHECK(summary(5 * k + 4, t + 1) == b - d);
            // population change = natural increase + net migration (1e-9 relative to the population)
            CHECK(summary(5 * k, t + 1) - summary(5 * k, t) ==
                  Approx(b - d + m).margin(1e-9 * summary(5 * k, t)));
        }
    }

    SECTION("bands") {
        const Matrix tb = projection_table(p, ProjectionOutput::total, bands);
        const Matrix bb = projection_table(p, ProjectionOutput::both, bands);
        const Matrix fb = projection_table(p, ProjectionOutput::female, bands);
        const Matrix mb = projection_table(p, ProjectionOutput::male, bands);
        CHECK((tb.rows() == K * 4 && tb.cols() == Y + 1));
        CHECK(bb.rows() == K * 8);
        CHECK((fb.rows() == K * 4 && mb.rows() == K * 4));
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t t = 0; t <= Y; ++t) {
                double b0 = 0, b16 = 0, m7 = 0;
                for (std::size_t x = 0; x < 7; ++x) b0 += total(k * A + x, t);
                for (std::size_t x = 16; x < A; ++x) b16 += total(k * A + x, t);
                for (std::size_t x = 7; x < 13; ++x) m7 += male(k * A + x, t);
                CHECK(tb(4 * k, t) == Approx(b0).epsilon(1e-14));
                CHECK(tb(4 * k + 3, t) == Approx(b16).epsilon(1e-14));
                CHECK(mb(4 * k + 1, t) == Approx(m7).epsilon(1e-14));
                CHECK(bb(8 * k + 1, t) == mb(4 * k + 1, t));
                CHECK(bb(8 * k + 4 + 2, t) == fb(4 * k + 2, t));
            }
        // Ages below the first break are left out.
        const std::vector<int> from16{16};
        const Matrix adults = projection_table(p, ProjectionOutput::total, from16);
        CHECK(adults.rows() == K);
        CHECK(adults(0, 0) == Approx(tb(3, 0)).epsilon(1e-14));
    }
    SECTION("bands with 5-year groups") {
        std::vector<Matrix> keep5;
        const ProjectionInput in5 =
            synthetic(MortalityMeasure::Lx, MigrationKind::rates, MigrationTiming::half, 5, 1, false, keep5);
        const Projection p5 = project_population(in5);
        const std::vector<int> b5{0, 15, 50};
        const Matrix t5 = projection_table(p5, ProjectionOutput::total, b5, 5);
        REQUIRE(t5.rows() == 3);
        double sum = 0;
        for (std::size_t x = 3; x < 10; ++x) sum += p5.pop(0, 0, x, 2) + p5.pop(0, 1, x, 2);
        CHECK(t5(1, 2) == Approx(sum).epsilon(1e-14));
        const std::vector<int> b7{0, 7};
        require_domain_error([&] { projection_table(p5, ProjectionOutput::total, b7, 5); }, "7");
    }
    SECTION("errors") {
        require_domain_error([&] { projection_table(p, ProjectionOutput::births, bands); }, "bands");
        require_domain_error([&] { projection_table(p, static_cast<ProjectionOutput>(42)); }, "42");
        require_domain_error([&] { projection_table(p, ProjectionOutput::total, {}, 3); }, "3");
        const std::vector<int> bad_order{0, 13, 7};
        require_domain_error([&] { projection_table(p, ProjectionOutput::total, bad_order); }, "7");
        const std::vector<int> neg{-1, 7};
        require_domain_error([&] { projection_table(p, ProjectionOutput::total, neg); }, "-1");
        const std::vector<int> high{0, static_cast<int>(A)};
        require_domain_error([&] { projection_table(p, ProjectionOutput::total, high); }, std::to_string(A));
        Projection broken = p;
        broken.births.pop_back();
        require_domain_error([&] { projection_table(broken, ProjectionOutput::total); }, "arrays");
        Projection empty;
        require_domain_error([&] { projection_table(empty, ProjectionOutput::total); }, "0 ages");
        Projection nan = p;
        nan.population[5] = std::nan("");
        require_domain_error([&] { projection_table(nan, ProjectionOutput::total); }, "nan");
    }
}

TEST_CASE("aggregate_bands", "[demography][bands]") {
    Matrix v(10, 2);
    for (std::size_t r = 0; r < 10; ++r) {
        v(r, 0) = static_cast<double>(r);
        v(r, 1) = 1.0;
    }
    const std::vector<int> breaks{2, 5, 9};
    const Matrix b = aggregate_bands(v, breaks);
    REQUIRE((b.rows() == 3 && b.cols() == 2));
    CHECK(b(0, 0) == 2 + 3 + 4);  // exact: small integers
    CHECK(b(1, 0) == 5 + 6 + 7 + 8);
    CHECK(b(2, 0) == 9);
    CHECK(b(0, 1) == 3);
    const std::vector<int> b5{0, 10};
    const Matrix g = aggregate_bands(v, b5, 5);  // rows are 5-year groups: ages 0, 5, 10, …
    CHECK(g(0, 0) == 0 + 1);
    CHECK(g(1, 0) == 45 - 1);

    require_domain_error([&] { aggregate_bands(v, {}); }, "empty");
    require_domain_error([&] { aggregate_bands(Matrix(), breaks); }, "empty");
    const std::vector<int> dup{2, 2};
    require_domain_error([&] { aggregate_bands(v, dup); }, "2 after 2");
    const std::vector<int> neg{-3};
    require_domain_error([&] { aggregate_bands(v, neg); }, "-3");
    const std::vector<int> high{10};
    require_domain_error([&] { aggregate_bands(v, high); }, "10");
    const std::vector<int> off{0, 3};
    require_domain_error([&] { aggregate_bands(v, off, 5); }, "3");
    require_domain_error([&] { aggregate_bands(v, breaks, 2); }, "2");
    Matrix nan = v;
    nan(4, 1) = std::nan("");
    require_domain_error([&] { aggregate_bands(nan, breaks); }, "nan");
    Matrix huge(2, 1, 1e308);
    const std::vector<int> zero{0};
    require_domain_error([&] { aggregate_bands(huge, zero); }, "overflows");
}

// ============================================================ constraining

TEST_CASE("constrain_to_total: columns to a 1 × C total", "[demography][constrain]") {
    Matrix parts(3, 2);
    parts(0, 0) = 1;
    parts(1, 0) = 3;
    parts(2, 0) = 4;
    parts(0, 1) = 0;
    parts(1, 1) = 0;
    parts(2, 1) = 0;
    Matrix total(1, 2);
    total(0, 0) = 16;
    total(0, 1) = 0;  // a zero group with a zero target stays zero
    const Matrix out = constrain_to_total(parts, total);
    CHECK(out(0, 0) == Approx(2).epsilon(1e-15));
    CHECK(out(1, 0) == Approx(6).epsilon(1e-15));
    CHECK(out(2, 0) == Approx(8).epsilon(1e-15));
    CHECK(out(1, 1) == 0.0);
    total(0, 1) = 5;
    require_domain_error([&] { constrain_to_total(parts, total); }, "5");
}

TEST_CASE("constrain_to_total: ages of K stacked parts to an A × C total", "[demography][constrain]") {
    // K = 2 parts of A = 3 ages, 2 columns.
    Matrix parts(6, 2), total(3, 2);
    for (std::size_t r = 0; r < 6; ++r)
        for (std::size_t c = 0; c < 2; ++c) parts(r, c) = 1.0 + r + 10.0 * c;
    for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t c = 0; c < 2; ++c) total(a, c) = 100.0 * (a + 1) + c;
    const Matrix out = constrain_to_total(parts, total);
    for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t c = 0; c < 2; ++c) {
            CHECK(out(a, c) + out(3 + a, c) == Approx(total(a, c)).epsilon(1e-14));
            CHECK(out(a, c) / out(3 + a, c) == Approx(parts(a, c) / parts(3 + a, c)).epsilon(1e-14));
        }
    require_domain_error([&] { constrain_to_total(Matrix(5, 2, 1.0), total); }, "5");
    require_domain_error([&] { constrain_to_total(parts, Matrix(3, 1, 1.0)); }, "1");
    Matrix neg = parts;
    neg(2, 1) = -1;
    require_domain_error([&] { constrain_to_total(neg, total); }, "-1");
    Matrix nan_total = total;
    nan_total(1, 0) = std::nan("");
    require_domain_error([&] { constrain_to_total(parts, nan_total); }, "nan");
    require_domain_error([&] { constrain_to_total(Matrix(), total); }, "empty");
    require_domain_error([&] { constrain_to_total(parts, Matrix()); }, "empty");
}

TEST_CASE("constrain_to_total: iterative proportional fitting to both margins", "[demography][constrain]") {
    // K = 3 areas × A = 4 ages, one column; margins consistent (sum 1000).
    Matrix parts(12, 1), total(4, 1), part_totals(3, 1);
    for (std::size_t r = 0; r < 12; ++r) parts(r, 0) = 5.0 + (r * 7) % 11;
    total(0, 0) = 100;
    total(1, 0) = 300;
    total(2, 0) = 400;
    total(3, 0) = 200;
    part_totals(0, 0) = 250;
    part_totals(1, 0) = 450;
    part_totals(2, 0) = 300;
    const Matrix out = constrain_to_total(parts, total, part_totals);
    // Converged to 1e-10 relative on the part margin; the age margin is exact
    // after the last sweep up to rounding (1e-13).
    for (std::size_t k = 0; k < 3; ++k) {
        double s = 0;
        for (std::size_t a = 0; a < 4; ++a) s += out(k * 4 + a, 0);
        CHECK(s == Approx(part_totals(k, 0)).epsilon(1e-10));
    }
    for (std::size_t a = 0; a < 4; ++a) {
        double s = 0;
        for (std::size_t k = 0; k < 3; ++k) s += out(k * 4 + a, 0);
        CHECK(s == Approx(total(a, 0)).epsilon(1e-13));
    }
    // IPF keeps the cross-product (odds) ratios of the seed.
    const double seed = parts(0, 0) * parts(5, 0) / (parts(1, 0) * parts(4, 0));
    CHECK(out(0, 0) * out(5, 0) / (out(1, 0) * out(4, 0)) == Approx(seed).epsilon(1e-9));

    SECTION("inconsistent margins") {
        Matrix bad = part_totals;
        bad(2, 0) = 301;
        require_domain_error([&] { constrain_to_total(parts, total, bad); }, "1001");
    }
    SECTION("wrong part totals shape") {
        require_domain_error([&] { constrain_to_total(parts, total, Matrix(2, 1, 500.0)); }, "2 × 1");
    }
    SECTION("zero part with a positive target") {
        Matrix zero = parts;
        for (std::size_t a = 0; a < 4; ++a) zero(4 + a, 0) = 0;
        require_domain_error([&] { constrain_to_total(zero, total, part_totals); }, "450");
    }
    SECTION("zero age group with a positive target") {
        Matrix zero = parts;
        for (std::size_t k = 0; k < 3; ++k) zero(k * 4 + 2, 0) = 0;
        require_domain_error([&] { constrain_to_total(zero, total, part_totals); }, "400");
    }
    SECTION("no convergence: the zeros make the margins unreachable") {
        // Diagonal seed: cell (0,0) would have to be 2 (part) and 1 (age).
        Matrix diag(4, 1), t2(2, 1), k2(2, 1);
        diag(0, 0) = 1;
        diag(3, 0) = 1;
        t2(0, 0) = 1;
        t2(1, 0) = 2;
        k2(0, 0) = 2;
        k2(1, 0) = 1;
        CHECK_THROWS_AS(constrain_to_total(diag, t2, k2), no_convergence);
    }
}

// ======================================================= projection errors

TEST_CASE("project_population error paths", "[demography][projection][errors]") {
    Small s;
    auto run = [](const ProjectionInput& in) { (void)project_population(in); };
    REQUIRE_NOTHROW(run(s.input()));

    SECTION("options") {
        ProjectionInput in = s.input();
        in.years = 0;
        require_domain_error([&] { run(in); }, "but was: 0");
        in.years = 1001;
        require_domain_error([&] { run(in); }, "1001");
        in = s.input();
        in.options.step_years = 3;
        require_domain_error([&] { run(in); }, "3");
        in = s.input();
        in.options.sex_ratio_at_birth = 0.0;
        require_domain_error([&] { run(in); }, "sex ratio");
        in.options.sex_ratio_at_birth = -1.05;
        require_domain_error([&] { run(in); }, "-1.05");
        in.options.sex_ratio_at_birth = std::nan("");
        require_domain_error([&] { run(in); }, "nan");
        in = s.input();
        in.options.lx_radix = 0.0;
        require_domain_error([&] { run(in); }, "radix");
        in = s.input();
        in.options.mortality = static_cast<MortalityMeasure>(7);
        require_domain_error([&] { run(in); }, "7");
        in = s.input();
        in.options.migration = static_cast<MigrationKind>(8);
        require_domain_error([&] { run(in); }, "8");
        in = s.input();
        in.options.migration_timing = static_cast<MigrationTiming>(9);
        require_domain_error([&] { run(in); }, "9");
        in = s.input();
        in.options.fertile_from_age = -1;
        require_domain_error([&] { run(in); }, "-1");
        in = s.input();
        in.options.fertile_from_age = 5;  // 2 rows from age 5 do not fit in 6 ages
        require_domain_error([&] { run(in); }, "7");
        in = s.input();
        in.options.step_years = 5;
        in.options.fertile_from_age = 2;  // not a multiple of 5
        require_domain_error([&] { run(in); }, "2");
    }
    SECTION("base") {
        ProjectionInput in = s.input();
        in.base = MatrixView();
        require_domain_error([&] { run(in); }, "0 × 0");
        Matrix odd(6, 3, 1.0);
        in.base = odd;
        require_domain_error([&] { run(in); }, "3");
        Matrix one(1, 2, 1.0);
        in.base = one;
        require_domain_error([&] { run(in); }, "1");
        Matrix big(1001, 2, 1.0);
        in.base = big;
        require_domain_error([&] { run(in); }, "1001");
        Matrix neg = s.base;
        neg(4, 1) = -2.5;
        in.base = neg;
        require_domain_error([&] { run(in); }, "-2.5 (row 5, column 2)");
        Matrix nan = s.base;
        nan(0, 0) = std::nan("");
        in.base = nan;
        require_domain_error([&] { run(in); }, "nan");
        Matrix huge = s.base;
        huge(0, 0) = 1e13;
        in.base = huge;
        require_domain_error([&] { run(in); }, "10000000000000");
        // 5e7 cells: 400 areas × 2 × 100 ages × 1001 steps would be 8e7.
        Matrix wide(100, 800, 1.0), m(100, 2, 0.01), mg(100, 2, 0.0);
        in.base = wide;
        in.mortality = m;
        in.migration = mg;
        in.years = 1000;
        require_domain_error([&] { run(in); }, "5e7");
    }
    SECTION("fertility") {
        ProjectionInput in = s.input();
        in.fertility = MatrixView();
        require_domain_error([&] { run(in); }, "fertility");
        Matrix neg = s.fert;
        neg(1, 0) = -0.1;
        in.fertility = neg;
        require_domain_error([&] { run(in); }, "-0.1 (row 2, column 1)");
        Matrix inf = s.fert;
        inf(0, 0) = INFINITY;
        in.fertility = inf;
        require_domain_error([&] { run(in); }, "inf");
        Matrix tall(5, 1, 0.1);
        in.fertility = tall;
        require_domain_error([&] { run(in); }, "7");
        in = s.input();
        in.options.fertile_from_age = 0;
        Matrix first(2, 1, 0.1);
        in.fertility = first;
        require_domain_error([&] { run(in); }, "newborns");
    }
    SECTION("mortality") {
        ProjectionInput in = s.input();
        in.mortality = MatrixView();
        require_domain_error([&] { run(in); }, "mortality");
        Matrix q = s.mort;
        q(4, 1) = 1.2;
        in.mortality = q;
        require_domain_error([&] { run(in); },
                             "mortality qx must be in [0, 1], but was: 1.2 (row 5, column 2)");
        q(4, 1) = std::nan("");
        require_domain_error([&] { run(in); }, "nan");
        Matrix rows(5, 2, 0.1);
        in.mortality = rows;
        require_domain_error([&] { run(in); }, "5");
        Matrix odd(6, 3, 0.1);
        in.mortality = odd;
        require_domain_error([&] { run(in); }, "3");
        Matrix extra(7, 2, 0.1);
        in.mortality = extra;
        in.options.mortality = MortalityMeasure::mx;
        require_domain_error([&] { run(in); }, "7");
        Matrix m(6, 2, 0.1);
        m(5, 0) = 0.0;
        in.mortality = m;
        require_domain_error([&] { run(in); }, "open age group");
        m(5, 0) = 0.1;
        m(2, 1) = -0.3;
        require_domain_error([&] { run(in); }, "-0.3");
        in.options.mortality = MortalityMeasure::Lx;
        Matrix L(6, 2, 1000.0);
        L(0, 0) = 0.0;
        in.mortality = L;
        require_domain_error([&] { run(in); }, "but was: 0");
        L(0, 0) = 200000.0;  // > step × radix
        require_domain_error([&] { run(in); }, "200000");
        L(0, 0) = 1000.0;
        L(3, 1) = 1500.0;  // Lx increasing
        require_domain_error([&] { run(in); }, "1500");
        L(3, 1) = 1000.0;
        L(5, 1) = 5000.0;  // the open group's T may exceed the previous L
        REQUIRE_NOTHROW(run(in));
    }
    SECTION("migration") {
        ProjectionInput in = s.input();
        in.migration = MatrixView();
        require_domain_error([&] { run(in); }, "migration");
        Matrix rows(7, 2, 0.0);
        in.migration = rows;
        require_domain_error([&] { run(in); }, "7");
        Matrix odd(6, 1, 0.0);
        in.migration = odd;
        require_domain_error([&] { run(in); }, "1");
        Matrix nan = s.mig;
        nan(3, 0) = std::nan("");
        in.migration = nan;
        require_domain_error([&] { run(in); }, "nan (row 4, column 1)");
        Matrix big = s.mig;
        big(3, 0) = -2e12;
        in.migration = big;
        require_domain_error([&] { run(in); }, "-2000000000000");
        in.options.migration = MigrationKind::rates;
        Matrix rate = s.mig;  // counts as rates: 3.0 is a rate of 300 % a year, allowed
        rate(0, 0) = 1500.0;
        in.migration = rate;
        require_domain_error([&] { run(in); }, "1500");
    }
    SECTION("runaway growth is stopped, never overflows") {
        ProjectionInput in = s.input();
        Matrix f(2, 1, 1000.0);
        in.fertility = f;
        in.years = 1000;
        require_domain_error([&] { run(in); }, "1e16");
    }
}
