// Tests of POP.HOUSING's core (core/housing.hpp): the contract's property
// (retention 1, no deaths, no births: the residents are the arrivals, each
// cohort one year older every year), the vacant part arriving a year later,
// the open age group, births staying in the stock, every error, and the
// Helsinki housing programme against an independent implementation of the
// recursion written below from the contract (FUNCTIONS.md, POP.HOUSING) and
// data/README.md alone: it follows each arrival cohort (and its descendants)
// separately and adds them up, where the model steps every unit's whole stock.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "housing.hpp"
#include "housing_data.hpp"

using namespace kuntaplan;
using Catch::Matchers::Contains;

namespace {

// A small world: A ages, T types, inputs as matrices the test owns.
struct Small {
    std::size_t A = 10;
    Matrix completions, types, building, profiles, retention, fertility, mortality;
    int years = 6;
    HousingOptions options;

    Small(std::size_t ages, std::size_t units, std::size_t T) : A(ages) {
        completions = Matrix(units, 3);
        types = Matrix(units, 1, 1.0);
        building = Matrix(T, 2);
        for (std::size_t t = 0; t < T; ++t) building(t, 0) = 40.0 + 5.0 * t;
        profiles = Matrix(A, T);
        for (std::size_t a = 0; a < A; ++a)
            for (std::size_t t = 0; t < T; ++t) profiles(a, t) = 1.0 + a + 3.0 * t;
        retention = Matrix(A, T, 1.0);
        fertility = Matrix(1, 1);  // one fertile age, 0 births
        mortality = Matrix(A, 2);  // no deaths
        options.projection.fertile_from_age = 2;
    }
    HousingInput input() const {
        HousingInput in;
        in.completions = completions;
        in.types = types;
        in.building = building;
        in.profiles = profiles;
        in.retention = retention;
        in.fertility = fertility;
        in.mortality = mortality;
        in.years = years;
        in.options = options;
        return in;
    }
    Housing run() const { return project_housing(input()); }
};

double pop(const Housing& h, std::size_t u, int sex, std::size_t x, std::size_t t) {
    return h.projection.pop(u, sex, x, t);
}

double profile_share(const Small& s, std::size_t type, std::size_t x) {
    double sum = 0;
    for (std::size_t a = 0; a < s.A; ++a) sum += s.profiles(a, type);
    return s.profiles(x, type) / sum;
}

// P(t+1) − P(t) = births·share − deaths + net moves (arrivals included), for
// every unit, sex and year; 1e-12 relative to the stock (double rounding).
void check_balance(const Housing& h, double srb) {
    const Projection& p = h.projection;
    const double share[2] = {srb / (1 + srb), 1 / (1 + srb)};
    for (std::size_t u = 0; u < p.areas; ++u)
        for (int sex = 0; sex < 2; ++sex)
            for (std::size_t t = 0; t < p.years; ++t) {
                double before = 0, after = 0;
                for (std::size_t x = 0; x < p.ages; ++x) {
                    before += p.pop(u, sex, x, t);
                    after += p.pop(u, sex, x, t + 1);
                }
                const std::size_t i = (u * 2 + sex) * p.years + t;
                INFO("unit " << u << " sex " << sex << " year " << t + 1);
                CHECK(after - before ==
                      Approx(p.births[u * p.years + t] * share[sex] - p.deaths[i] + p.net_migration[i])
                          .margin(1e-12 * std::max(1.0, after)));
                CHECK(p.deaths[i] >= 0.0);
            }
}

}  // namespace

TEST_CASE("retention 1, no deaths, no births: the residents are the arrivals, aged a year a year",
          "[housing]") {
    Small s(10, 3, 2);
    s.years = 8;
    s.types(1, 0) = 2;
    s.types(2, 0) = 2;
    s.building(0, 1) = 0.0;
    s.building(1, 1) = 0.2;
    const double floor[3][3] = {{4000, 0, 1200}, {0, 3000, 500}, {800, 800, 800}};
    for (std::size_t u = 0; u < 3; ++u)
        for (std::size_t y = 0; y < 3; ++y) s.completions(u, y) = floor[u][y];
    s.options.male_share = 0.4;
    const Housing h = s.run();
    const Matrix arrivals = housing_table(h, HousingOutput::arrivals);
    const Matrix units = housing_table(h, HousingOutput::units);
    REQUIRE(arrivals.rows() == 3);
    REQUIRE(arrivals.cols() == 8);
    REQUIRE(units.cols() == 9);
    for (std::size_t u = 0; u < 3; ++u) {
        const std::size_t j = static_cast<std::size_t>(s.types(u, 0)) - 1;
        const double m2 = s.building(j, 0), v = s.building(j, 1);
        double cumulative = 0;
        CHECK(units(u, 0) == 0.0);
        for (std::size_t t = 0; t < 8; ++t) {
            const double now = t < 3 ? floor[u][t] : 0.0,
                         before = t >= 1 && t - 1 < 3 ? floor[u][t - 1] : 0.0;
            const double expected = (now * (1 - v) + before * v) / m2;
            CHECK(arrivals(u, t) == Approx(expected).epsilon(1e-14));
            cumulative += arrivals(u, t);
            // the residents are exactly the arrivals so far
            CHECK(units(u, t + 1) == Approx(cumulative).epsilon(1e-13));
        }
        // each cohort aged one year per year: age x at the end of year t holds the cohorts of
        // years τ ≤ t at profile age x − (t − τ), the open group collecting those past it
        for (std::size_t t = 1; t <= 8; ++t)
            for (int sex = 0; sex < 2; ++sex)
                for (std::size_t x = 0; x < s.A; ++x) {
                    double expected = 0;
                    for (std::size_t tau = 1; tau <= t; ++tau) {
                        const std::size_t aged = t - tau;
                        const double cohort = arrivals(u, tau - 1) * (sex == 0 ? 0.4 : 0.6);
                        for (std::size_t a = 0; a < s.A; ++a) {
                            const std::size_t at = std::min(a + aged, s.A - 1);
                            if (at == x) expected += cohort * profile_share(s, j, a);
                        }
                    }
                    INFO("unit " << u << " year " << t << " sex " << sex << " age " << x);
                    CHECK(pop(h, u, sex, x, t) == Approx(expected).epsilon(1e-13).margin(1e-12));
                }
    }
    check_balance(h, 1.05);
}

TEST_CASE("the vacant share arrives one year later as a cohort of its own", "[housing]") {
    Small s(40, 1, 1);
    s.years = 4;
    s.profiles = Matrix(40, 1);
    s.profiles(30, 0) = 1.0;  // everyone arrives aged 30
    s.building(0, 0) = 50.0;
    s.building(0, 1) = 0.1;
    s.completions(0, 0) = 5000.0;  // year 1 only
    const Housing h = s.run();
    const Matrix arrivals = housing_table(h, HousingOutput::arrivals);
    CHECK(arrivals(0, 0) == Approx(90.0).epsilon(1e-15));  // 5000 × 0.9 / 50
    CHECK(arrivals(0, 1) == Approx(10.0).epsilon(1e-15));  // 5000 × 0.1 / 50, a year later
    CHECK(arrivals(0, 2) == 0.0);
    // end of year 2: the first cohort is 31, the vacant part's cohort arrives aged 30
    CHECK(pop(h, 0, 0, 31, 2) + pop(h, 0, 1, 31, 2) == Approx(90.0).epsilon(1e-15));
    CHECK(pop(h, 0, 0, 30, 2) + pop(h, 0, 1, 30, 2) == Approx(10.0).epsilon(1e-15));
    CHECK(pop(h, 0, 0, 32, 3) + pop(h, 0, 1, 32, 3) == Approx(90.0).epsilon(1e-15));
    CHECK(pop(h, 0, 0, 31, 3) + pop(h, 0, 1, 31, 3) == Approx(10.0).epsilon(1e-15));
    // the last completion column's vacant part arrives after it, and a completions range shorter
    // than the years means no completions later
    s.completions = Matrix(1, 1, 1000.0);
    s.years = 3;
    const Matrix short_range = housing_table(s.run(), HousingOutput::arrivals);
    CHECK(short_range(0, 0) == Approx(18.0).epsilon(1e-15));
    CHECK(short_range(0, 1) == Approx(2.0).epsilon(1e-15));
    CHECK(short_range(0, 2) == 0.0);
    // columns past the years are ignored
    s.completions = Matrix(1, 5, 1000.0);
    s.years = 2;
    CHECK(housing_table(s.run(), HousingOutput::arrivals).cols() == 2);
}

TEST_CASE("the open age group keeps its own survivors with its own retention", "[housing]") {
    Small s(5, 1, 1);
    s.years = 3;
    s.profiles = Matrix(5, 1);
    s.profiles(3, 0) = 1.0;  // A − 2
    s.profiles(4, 0) = 3.0;  // A − 1, the open group
    s.retention(3, 0) = 0.5;
    s.retention(4, 0) = 0.8;
    s.mortality(3, 0) = s.mortality(3, 1) = 0.1;
    s.mortality(4, 0) = s.mortality(4, 1) = 0.2;
    s.completions(0, 0) = 400.0;  // 400 / 40 = 10 people: 2.5 aged 3, 7.5 aged 4+
    s.options.male_share = 1.0;
    const Housing h = s.run();
    CHECK(pop(h, 0, 0, 3, 1) == Approx(2.5).epsilon(1e-15));
    CHECK(pop(h, 0, 0, 4, 1) == Approx(7.5).epsilon(1e-15));
    CHECK(pop(h, 0, 1, 4, 1) == 0.0);
    // P(4, t+1) = P(3)·(0.5 − 0.1) + P(4)·(0.8 − 0.2)
    const double year2 = 2.5 * 0.4 + 7.5 * 0.6;
    CHECK(pop(h, 0, 0, 4, 2) == Approx(year2).epsilon(1e-15));
    CHECK(pop(h, 0, 0, 3, 2) == 0.0);
    CHECK(pop(h, 0, 0, 4, 3) == Approx(year2 * 0.6).epsilon(1e-15));
    check_balance(h, 1.05);

    // a retention below the death probability empties the cohort, never below zero
    s.retention(4, 0) = 0.1;
    const Housing gone = s.run();
    CHECK(pop(gone, 0, 0, 4, 2) == Approx(2.5 * 0.4).epsilon(1e-15));
    CHECK(pop(gone, 0, 0, 4, 3) == 0.0);
    check_balance(gone, 1.05);
}

TEST_CASE("births of the new stock's women stay in it at age 0", "[housing]") {
    Small s(40, 1, 1);
    s.years = 3;
    s.profiles = Matrix(40, 1);
    s.profiles(29, 0) = 1.0;  // women (and men) arrive aged 29
    s.completions(0, 0) = 4000.0;
    s.building(0, 0) = 40.0;  // 100 residents, 50 women
    s.options.projection.fertile_from_age = 28;
    s.fertility = Matrix(4, 1);  // ages 28..31
    s.fertility(1, 0) = 0.2;     // aged 29 at the start of the year
    s.fertility(2, 0) = 0.1;     // aged 30 at its end
    s.mortality(29, 0) = 0.01;
    s.mortality(29, 1) = 0.02;
    s.mortality(0, 0) = 0.004;
    s.mortality(0, 1) = 0.002;
    s.retention(29, 0) = 0.9;
    s.retention(0, 0) = 0.7;

    SECTION("births=start: the rates times the women at the start of the year") {
        s.options.projection.births = BirthsExposure::start;
        const Housing h = s.run();
        CHECK(h.projection.births[0] == 0.0);  // nobody lived there during year 1
        const double births = 0.2 * 50.0;
        CHECK(h.projection.births[1] == Approx(births).epsilon(1e-15));
        // without a born-in-year row, newborns survive with 1 − q0/2 (POP.PROJECT's convention)
        CHECK(pop(h, 0, 0, 0, 2) == Approx(births * 1.05 / 2.05 * (1 - 0.002)).epsilon(1e-14));
        CHECK(pop(h, 0, 1, 0, 2) == Approx(births / 2.05 * (1 - 0.001)).epsilon(1e-14));
        // the newborns are in the stock: a year later they are 1, with age 0's retention
        CHECK(pop(h, 0, 1, 1, 3) == Approx(pop(h, 0, 1, 0, 2) * (0.7 - 0.002)).epsilon(1e-14));
        check_balance(h, 1.05);
    }
    SECTION("births=mean (default): the mean of the women at the start and at the end") {
        s.options.projection.sex_ratio_at_birth = 0.51 / 0.49;
        const Housing h = s.run();
        const double end_women = 50.0 * (0.9 - 0.02);  // aged 30 at the end of year 2
        const double births = (0.2 * 50.0 + 0.1 * end_women) / 2;
        CHECK(h.projection.births[1] == Approx(births).epsilon(1e-15));
        CHECK(pop(h, 0, 0, 0, 2) == Approx(births * 0.51 * (1 - 0.002)).epsilon(1e-14));
        check_balance(h, 0.51 / 0.49);
    }
    SECTION("a born-in-year row gives the newborns' survival") {
        s.mortality = Matrix(41, 2);
        s.mortality(40, 0) = 0.003;
        s.options.projection.births = BirthsExposure::start;
        const Housing h = s.run();
        CHECK(pop(h, 0, 0, 0, 2) == Approx(10.0 * 1.05 / 2.05 * (1 - 0.003)).epsilon(1e-14));
    }
}

TEST_CASE("POP.HOUSING's outputs: shapes, the base column, bands, units", "[housing]") {
    Small s(12, 2, 2);
    s.types(1, 0) = 2;
    s.completions(0, 0) = 1000;
    s.completions(1, 1) = 2000;
    s.mortality = Matrix(12, 2, 0.01);
    const Housing h = s.run();
    const Matrix total = housing_table(h, HousingOutput::total);
    const Matrix male = housing_table(h, HousingOutput::male);
    const Matrix female = housing_table(h, HousingOutput::female);
    const Matrix both = housing_table(h, HousingOutput::both);
    const Matrix units = housing_table(h, HousingOutput::units);
    REQUIRE(total.rows() == 24);
    REQUIRE(total.cols() == 7);
    REQUIRE(both.rows() == 48);
    REQUIRE(units.rows() == 2);
    for (std::size_t u = 0; u < 2; ++u)
        for (std::size_t t = 0; t < 7; ++t) {
            double sum = 0;
            for (std::size_t x = 0; x < 12; ++x) {
                const std::size_t r = u * 12 + x;
                CHECK(total(r, t) == Approx(male(r, t) + female(r, t)).epsilon(1e-15));
                CHECK(both(u * 24 + x, t) == male(r, t));
                CHECK(both(u * 24 + 12 + x, t) == female(r, t));
                if (t == 0) CHECK(total(r, t) == 0.0);
                sum += total(r, t);
            }
            CHECK(units(u, t) == Approx(sum).epsilon(1e-14));
        }
    const std::vector<int> bands{0, 3, 7};
    const Matrix banded = housing_table(h, HousingOutput::total, bands);
    REQUIRE(banded.rows() == 6);
    for (std::size_t t = 0; t < 7; ++t) {
        double young = 0;
        for (std::size_t x = 3; x < 7; ++x) young += total(12 + x, t);
        CHECK(banded(4, t) == Approx(young).epsilon(1e-14));
    }
    CHECK_THROWS_WITH(housing_table(h, HousingOutput::units, bands), Contains("not to units"));
    CHECK_THROWS_WITH(housing_table(h, HousingOutput::arrivals, bands), Contains("not to arrivals"));
    CHECK_THROWS_WITH(housing_table(h, static_cast<HousingOutput>(9)), Contains("must be total, male"));
    check_balance(h, 1.05);
}

TEST_CASE("every bad input of POP.HOUSING is a domain_error naming it", "[housing]") {
    Small s(10, 2, 3);
    s.completions(0, 0) = 100;
    REQUIRE_NOTHROW(s.run());
    auto fails = [](const Small& bad, const std::string& message) {
        CHECK_THROWS_MATCHES(project_housing(bad.input()), domain_error, Catch::Matchers::Message(message));
    };
    auto fails_with = [](const Small& bad, const std::string& part) {
        CHECK_THROWS_AS(project_housing(bad.input()), domain_error);
        CHECK_THROWS_WITH(project_housing(bad.input()), Contains(part));
    };
    {  // negative floor area
        Small bad = s;
        bad.completions(1, 2) = -5;
        fails(bad,
              "completions must be floor areas in [0, 1e12] m² (a negative floor area is not a completion), "
              "but was: -5 (row 2, column 3)");
        bad.completions(1, 2) = std::nan("");
        fails_with(bad, "but was: nan (row 2, column 3)");
        bad.completions(1, 2) = 2e12;
        fails_with(bad, "but was: 2000000000000 (row 2, column 3)");
        bad.completions = Matrix();
        fails_with(bad, "completions must not be empty");
    }
    {  // a type out of range, not whole, or with no column
        Small bad = s;
        bad.types(1, 0) = 4;
        fails(
            bad,
            "types must be whole building types from 1 to 3 (the building table's rows), but was: 4 (row 2, "
            "column 1)");
        bad.types(1, 0) = 0;
        fails_with(bad, "but was: 0 (row 2, column 1)");
        bad.types(1, 0) = 1.5;
        fails_with(bad, "but was: 1.5 (row 2, column 1)");
        bad.types(1, 0) = 3;
        bad.retention = Matrix(10, 2, 1.0);
        fails(bad,
              "retention must have a column for building type 3 (unit 2), but had only 2 columns; give the "
              "type its own coefficients (e.g. a copy of a type with similar residents, or 1 for every age "
              "if nobody moves)");
        bad.retention = s.retention;
        bad.profiles = Matrix(10, 2, 1.0);
        fails(bad,
              "profiles must have a column with a positive sum for building type 3 (unit 2), but had only 2 "
              "columns");
        bad.profiles = s.profiles;
        for (std::size_t a = 0; a < 10; ++a) bad.profiles(a, 2) = 0;
        fails_with(bad, "but its column summed to 0");
    }
    {  // zero m² per resident, a vacancy outside 0..1
        Small bad = s;
        bad.building(1, 0) = 0;
        fails(bad, "building's m² per resident must be finite and > 0, but was: 0 (row 2, column 1)");
        bad.building(1, 0) = 40;
        bad.building(2, 1) = 5;
        fails(bad, "building's vacant share must be in [0, 1] (5 % is 0.05), but was: 5 (row 3, column 2)");
        bad.building(2, 1) = -0.1;
        fails_with(bad, "but was: -0.1 (row 3, column 2)");
    }
    {  // shapes that do not match
        Small bad = s;
        bad.types = Matrix(3, 1, 1.0);
        fails(bad, "types must be one column with a row per unit, as completions (2 rows), but was: 3 × 1");
        bad.types = Matrix(2, 2, 1.0);
        fails_with(bad, "but was: 2 × 2");
        bad = s;
        bad.building = Matrix(3, 3, 0.5);
        fails(bad,
              "building must have a row per building type and 2 columns (m² per resident, vacant share), but "
              "was: 3 × 3");
        bad = s;
        bad.profiles = Matrix(10, 4, 1.0);
        fails(bad,
              "profiles must have at most one column per building type (the building table's 3 rows), but "
              "had: 4");
        bad.profiles = Matrix(1, 3, 1.0);
        fails_with(bad, "profiles must have 2 to 1000 age rows");
        bad = s;
        bad.retention = Matrix(9, 3, 1.0);
        fails(bad,
              "retention must have one row per age, as profiles (10), and a column per building type, but "
              "was: 9 × 3");
        bad.retention = Matrix(10, 4, 1.0);
        fails_with(bad, "retention must have at most one column per building type");
        bad = s;
        bad.mortality = Matrix(9, 2);
        fails_with(bad, "mortality must have one row per age (10");
        bad = s;
        bad.fertility = Matrix(9, 1);
        fails_with(bad, "fertility rows must fit in the age rows");
    }
    {  // values out of their domains
        Small bad = s;
        bad.retention(3, 1) = -0.5;
        fails(bad, "retention must be in [0, 1000], but was: -0.5 (row 4, column 2)");
        bad.retention(3, 1) = 1001;
        fails_with(bad, "but was: 1001 (row 4, column 2)");
        bad = s;
        bad.profiles(2, 0) = -1;
        fails_with(bad, "profiles must be shares (or counts) in [0, 1e12], but was: -1 (row 3, column 1)");
        bad = s;
        bad.mortality(4, 1) = 1.5;
        fails_with(bad, "mortality qx must be in [0, 1], but was: 1.5 (row 5, column 2)");
        bad = s;
        bad.fertility(0, 0) = -0.1;
        fails_with(bad, "fertility rate must be in [0, 1000]");
    }
    {  // options and years
        Small bad = s;
        bad.options.male_share = 1.2;
        fails(bad, "male_share of the arrivals must be in [0, 1], but was: 1.2");
        bad.options.male_share = std::nan("");
        fails_with(bad, "male_share of the arrivals must be in [0, 1], but was: nan");
        bad = s;
        bad.options.projection.step_years = 5;
        fails(bad, "housing step_years must be 1 (completions and arrivals are per year), but was: 5");
        bad = s;
        bad.years = 0;
        fails(bad, "housing years must be in [1, 1000], but was: 0");
        bad.years = 1001;
        fails_with(bad, "but was: 1001");
        bad = s;
        bad.options.projection.sex_ratio_at_birth = 0;
        fails_with(bad, "sex ratio at birth must be finite and > 0");
    }
    {  // sizes and magnitudes that cannot be computed
        Small bad = s;
        bad.completions = Matrix(300, 1, 1.0);
        bad.types = Matrix(300, 1, 1.0);
        bad.profiles = Matrix(1000, 3, 1.0);
        bad.retention = Matrix(1000, 3, 1.0);
        bad.mortality = Matrix(1000, 2);
        bad.years = 1000;
        fails_with(bad,
                   "housing must have at most 5e7 result cells (units × 2 × ages × (years + 1)), but had: ");
        bad = s;
        bad.building(0, 0) = 1e-300;
        fails_with(bad,
                   "arrivals must stay below 1e16 people (check the building's m² per "
                   "resident)");
        bad = s;
        bad.retention = Matrix(10, 3, 1000.0);
        bad.years = 20;
        fails_with(bad, "residents of new housing must stay below 1e16");
    }
}

TEST_CASE("a long building table costs no memory for the types nobody uses", "[housing]") {
    // 1,000,000 building types (the 2,000,000 cells a range may have) and 1000 ages: the profiles of
    // the 2 types with columns are all that is kept (not 1e9 values).
    Small s(1000, 2, 2);
    s.building = Matrix(1000000, 2);
    for (std::size_t t = 0; t < s.building.rows(); ++t) s.building(t, 0) = 40.0;
    s.profiles = Matrix(1000, 2, 1.0);
    s.retention = Matrix(1000, 2, 1.0);
    s.types(1, 0) = 2;
    s.completions(0, 0) = 1000;
    s.years = 2;
    const Matrix units = housing_table(s.run(), HousingOutput::units);
    CHECK(units(0, 1) == Approx(1000.0 / 40.0).epsilon(1e-12));  // a sum of 1000 ages and 2 sexes
    // The process's peak memory stays far below the 8 GB that a profile per building type would take.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    CHECK(usage.ru_maxrss < 1'000'000);  // kB
}

// ------------------------------------------------------------------ Helsinki

namespace {

using housing_data::Programme;

struct Options {
    bool births_at_start = false;
    double srb = 1.05;
    double male_share = 0.5;
};

// The contract's recursion for one arrival cohort at a time (and the children
// born to it), added up over the cohorts: result[u][sex][x][t], t = 0 the base.
std::vector<std::vector<std::vector<std::vector<double>>>> independent(const Programme& p,
                                                                       const Matrix& retention,
                                                                       std::size_t years, Options o) {
    const std::size_t A = housing_data::kAges, U = p.units();
    std::vector<std::vector<std::vector<std::vector<double>>>> result(
        U, std::vector<std::vector<std::vector<double>>>(
               2, std::vector<std::vector<double>>(A, std::vector<double>(years + 1, 0.0))));
    const double boys = o.srb / (1 + o.srb);
    for (std::size_t u = 0; u < U; ++u) {
        const std::size_t type = static_cast<std::size_t>(p.types(u, 0)) - 1;
        const double m2 = p.building(type, 0), vacant = p.building(type, 1);
        double profile_sum = 0;
        for (std::size_t a = 0; a < A; ++a) profile_sum += p.profiles(a, type);
        auto floor = [&](std::size_t year) {  // year 1..; 0 and past the columns: nothing
            return year >= 1 && year <= p.completions.cols() ? p.completions(u, year - 1) : 0.0;
        };
        for (std::size_t arrival = 1; arrival <= years; ++arrival) {
            const double people = (floor(arrival) * (1 - vacant) + floor(arrival - 1) * vacant) / m2;
            if (people == 0) continue;
            // the cohort at the end of its arrival year
            std::vector<std::vector<double>> cohort(2, std::vector<double>(A));
            for (int sex = 0; sex < 2; ++sex)
                for (std::size_t a = 0; a < A; ++a)
                    cohort[sex][a] = people * (sex == 0 ? o.male_share : 1 - o.male_share) *
                                     p.profiles(a, type) / profile_sum;
            for (std::size_t year = arrival;; ++year) {
                for (int sex = 0; sex < 2; ++sex)
                    for (std::size_t a = 0; a < A; ++a) result[u][sex][a][year] += cohort[sex][a];
                if (year == years) break;
                // year + 1 uses column `year` (0-based) of the rates
                const std::size_t y = year;
                std::vector<std::vector<double>> next(2, std::vector<double>(A, 0.0));
                for (int sex = 0; sex < 2; ++sex)
                    for (std::size_t a = 0; a < A; ++a) {
                        const double q = p.mortality(a, 2 * y + sex);
                        const double factor = std::max(retention(a, type) - q, 0.0);
                        next[sex][a + 1 < A ? a + 1 : A - 1] += cohort[sex][a] * factor;
                    }
                double births = 0;
                for (std::size_t a = 15; a <= 49; ++a) {
                    const double f = p.fertility(a - 15, y);
                    births += o.births_at_start ? f * cohort[1][a] : f * (cohort[1][a] + next[1][a]) / 2;
                }
                next[0][0] = births * boys * (1 - p.mortality(A, 2 * y));
                next[1][0] = births * (1 - boys) * (1 - p.mortality(A, 2 * y + 1));
                cohort = next;
            }
        }
    }
    return result;
}

HousingInput helsinki_input(const Programme& p, const Matrix& retention, int years, Options o) {
    HousingInput in;
    in.completions = p.completions;
    in.types = p.types;
    in.building = p.building;
    in.profiles = p.profiles;
    in.retention = retention;
    in.fertility = p.fertility;
    in.mortality = p.mortality;
    in.years = years;
    in.options.projection.births = o.births_at_start ? BirthsExposure::start : BirthsExposure::mean;
    in.options.projection.sex_ratio_at_birth = o.srb;
    in.options.male_share = o.male_share;
    return in;
}

}  // namespace

TEST_CASE("Helsinki's housing programme: the data as the README describes it", "[housing]") {
    const Programme p = housing_data::programme();
    REQUIRE(p.units() == 149);
    double total = 0;
    for (double v : p.completions.data()) total += v;
    CHECK(total == Approx(8.12e6).margin(0.005e6));  // "8.12 million m²"
    std::size_t type6 = 0;
    for (std::size_t u = 0; u < p.units(); ++u)
        if (p.types(u, 0) == 6) {
            ++type6;
            CHECK(p.area_code[u] == 465);
        }
    CHECK(type6 == 1);
    for (std::size_t t = 0; t < 7; ++t) {
        double sum = 0;
        for (std::size_t a = 0; a < 100; ++a) sum += p.profiles(a, t);
        CHECK(sum >= 0.995);  // "the shares sum to 0.995..1.002 per type"
        CHECK(sum <= 1.002);
    }
    // With the data's five retention columns, the one type-6 unit is refused by name.
    CHECK_THROWS_WITH(project_housing(helsinki_input(p, p.retention, 21, {})),
                      Contains("retention must have a column for building type 6 (unit "));
}

TEST_CASE("Helsinki's housing programme agrees with an independent implementation to 1e-9", "[housing]") {
    const Programme p = housing_data::programme();
    const Matrix retention = housing_data::retention_all_types(p);
    const std::size_t Y = housing_data::kYears;
    // the defaults, and the Helsinki-region model's conventions (births from the women at the
    // start, 51 % boys) with another split of the arrivals
    const Options cases[] = {{}, {true, 0.51 / 0.49, 0.48}};
    for (const Options& o : cases) {
        const Housing h = project_housing(helsinki_input(p, retention, static_cast<int>(Y), o));
        const auto expected = independent(p, retention, Y, o);
        // 1e-9 relative (below one person, 1e-9 people): the two orders of summation differ by
        // rounding only, ~1e-15 relative per operation over 21 years.
        int mismatches = 0;
        for (std::size_t u = 0; u < p.units(); ++u)
            for (int sex = 0; sex < 2; ++sex)
                for (std::size_t x = 0; x < housing_data::kAges; ++x)
                    for (std::size_t t = 0; t <= Y; ++t) {
                        const double got = h.projection.pop(u, sex, x, t), want = expected[u][sex][x][t];
                        if (std::fabs(got - want) > 1e-9 * std::max(1.0, std::fabs(want)) &&
                            ++mismatches <= 5)
                            WARN("unit " << u << " sex " << sex << " age " << x << " t " << t << ": " << got
                                         << " vs " << want);
                    }
        CHECK(mismatches == 0);
        check_balance(h, o.srb);
    }
}
