// Tests of POP.PROJECT's per-area fertility and mortality factors
// (ProjectionInput::area_factors, core/demography.hpp) on Helsinki's 148
// sub-areas as the Helsinki-region cities project their existing stock
// (data/README.md, "Sub-areas, existing stock"): factors of 1 change nothing,
// bit for bit; an area's factors are its rates scaled; q × m above 1 is 1; and
// every malformed factor is refused.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "demography.hpp"

using namespace kuntaplan;

namespace {

using Row = csv_rows::Row;

std::vector<Row> read_csv(const std::string& name) {
    return csv_rows::read(std::string(KUNTAPLAN_DATA_DIR) + "/" + name);
}
double num(const Row& r, const std::string& key) { return std::stod(r.at(key)); }
std::size_t sex_col(const std::string& s) { return s == "male" ? 0 : 1; }

// Helsinki's sub-areas (in the order of their codes), Helsinki's (area 2)
// fertility and death probabilities 2020..2040, and each sub-area's movers as
// a gross block A × 4K: in- and out-movers per year × its migration type's
// profile (`share`, summing to 1), half of them male, by the age at the start
// of the year moved one row down (row 0 gets nothing, the open group the last
// two rows), out-movers as counts.
struct SubAreas {
    static constexpr std::size_t A = 100, Y = 21, F = 35;
    std::size_t K = 0;
    std::map<std::string, std::size_t> index;  // area_code → k
    Matrix base, qx{A + 1, 2 * Y}, asfr{F, Y}, gross, factors;

    SubAreas() {
        const auto pop = read_csv("fi_helsinki_subareas_pop_2019-12-31.csv");
        std::map<int, std::string> codes;
        for (const auto& r : pop) codes.emplace(std::stoi(r.at("area_code")), r.at("area_code"));
        for (const auto& [number, code] : codes) index.emplace(code, index.size());
        K = index.size();
        base = Matrix(A, 2 * K);
        for (const auto& r : pop)
            base(std::stoul(r.at("age")), 2 * index.at(r.at("area_code")) + sex_col(r.at("sex"))) =
                num(r, "pop");
        for (const auto& r : read_csv("fi_tk2019_death_probabilities_by_area_2020_2040.csv")) {
            if (r.at("area_code") != "2") continue;
            const std::size_t age = r.at("age") == "born_in_year" ? A : std::stoul(r.at("age"));
            qx(age, 2 * (std::stoul(r.at("year")) - 2020) + sex_col(r.at("sex"))) =
                num(r, "qx_per_1000") / 1000;
        }
        for (const auto& r : read_csv("fi_tk2019_fertility_rates_by_area_2020_2040.csv"))
            if (r.at("area_code") == "2")
                asfr(std::stoul(r.at("age")) - 15, std::stoul(r.at("year")) - 2020) =
                    num(r, "asfr_per_1000") / 1000;
        std::map<std::pair<std::string, std::string>, std::vector<double>> profile;
        for (const auto& r : read_csv("fi_helsinki_mover_profiles.csv")) {
            auto& p = profile[{r.at("migration_type"), r.at("direction")}];
            p.resize(A);
            p[std::stoul(r.at("age"))] = num(r, "share");
        }
        gross = Matrix(A, 4 * K);
        factors = Matrix(K, 2);
        for (const auto& r : read_csv("fi_helsinki_subarea_movers_2017_19.csv")) {
            const std::size_t k = index.at(r.at("area_code"));
            const auto& in = profile.at({r.at("migration_type"), "in"});
            const auto& out = profile.at({r.at("migration_type"), "out"});
            for (std::size_t a = 0; a < A; ++a) {
                const std::size_t row = std::min(a + 1, A - 1);
                for (std::size_t s = 0; s < 2; ++s) {
                    gross(row, 4 * k + s) += num(r, "in_movers_per_year") * in[a] / 2;
                    gross(row, 4 * k + 2 + s) += num(r, "out_movers_per_year") * out[a] / 2;
                }
            }
            factors(k, 0) = 1 + num(r, "fertility_deviation_pct") / 100;
            factors(k, 1) = 1 + num(r, "mortality_deviation_pct") / 100;
        }
    }

    // The Helsinki-region model's conventions (test_migration.cpp).
    ProjectionInput input() const {
        ProjectionInput in;
        in.base = base;
        in.fertility = asfr;
        in.mortality = qx;
        in.migration = gross;
        in.years = static_cast<int>(Y);
        in.options.migration = MigrationKind::gross;
        in.options.out_migration = OutMigration::counts;
        in.options.births = BirthsExposure::start;
        in.options.migration_timing = MigrationTiming::end;
        in.options.sex_ratio_at_birth = 0.51 / 0.49;
        return in;
    }

    // Columns [first, first + n) of `m`, `width` columns per area, for areas `ks`.
    static Matrix areas_of(const Matrix& m, const std::vector<std::size_t>& ks, std::size_t width) {
        Matrix out(m.rows(), width * ks.size());
        for (std::size_t i = 0; i < ks.size(); ++i)
            for (std::size_t r = 0; r < m.rows(); ++r)
                for (std::size_t c = 0; c < width; ++c) out(r, width * i + c) = m(r, width * ks[i] + c);
        return out;
    }
};

const SubAreas& helsinki() {
    static const SubAreas data;
    return data;
}

void require_identical(const Projection& a, const Projection& b) {
    REQUIRE(a.population.size() == b.population.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.population.size(); ++i) differ += a.population[i] != b.population[i];
    CHECK(differ == 0);
    CHECK(a.births == b.births);
    CHECK(a.deaths == b.deaths);
    CHECK(a.net_migration == b.net_migration);
    CHECK(a.in_migration == b.in_migration);
    CHECK(a.out_migration == b.out_migration);
}

// A small model for the other mortality measures: A ages, K areas, rates by
// formula; `measure` qx (with the born row), mx or Lx (a life table's).
struct Small {
    static constexpr std::size_t A = 30, Y = 5;
    std::size_t K;
    Matrix base, fert{15, 1}, mort, mig;
    Small(MortalityMeasure measure, std::size_t areas) : K(areas), base(A, 2 * areas), mig(A, 2) {
        for (std::size_t x = 0; x < A; ++x) {
            for (std::size_t c = 0; c < 2 * K; ++c) base(x, c) = 300.0 + 80.0 * std::sin(1.0 + x + 2.0 * c);
            mig(x, 0) = 3.0 * std::cos(0.5 * x);
            mig(x, 1) = 2.0 * std::cos(0.4 * x);
        }
        for (std::size_t i = 0; i < 15; ++i) fert(i, 0) = 0.02 + 0.01 * i * (15 - i) / 15.0;
        mort = Matrix(A + (measure == MortalityMeasure::qx ? 1 : 0), 2);
        for (std::size_t s = 0; s < 2; ++s) {
            std::vector<double> mx(A);
            for (std::size_t x = 0; x < A; ++x) mx[x] = (0.002 + 0.001 * std::exp(0.2 * x)) * (1 + 0.1 * s);
            if (measure == MortalityMeasure::qx) {
                for (std::size_t x = 0; x < A; ++x) mort(x, s) = std::min(1.0, mx[x]);
                mort(A, s) = 0.003;
            } else if (measure == MortalityMeasure::mx) {
                for (std::size_t x = 0; x < A; ++x) mort(x, s) = mx[x];
            } else {
                const LifeTable t = life_table(LifeTableInput{mx, {}, {}, 100000.0});
                for (std::size_t x = 0; x + 1 < A; ++x) mort(x, s) = t.Lx[x];
                mort(A - 1, s) = t.Tx[A - 1];
            }
        }
    }
    ProjectionInput input(MortalityMeasure measure) const {
        ProjectionInput in{base, fert, mort, mig, static_cast<int>(Y), {}};
        in.options.fertile_from_age = 10;
        in.options.mortality = measure;
        return in;
    }
};

}  // namespace

TEST_CASE("area factors of 1 give the projection without factors, bit for bit", "[subareas]") {
    SECTION("Helsinki's 148 sub-areas, gross movers, the region model's conventions") {
        const SubAreas& h = helsinki();
        REQUIRE(h.K == 148);
        ProjectionInput in = h.input();
        const Projection without = project_population(in);
        const Matrix ones(h.K, 2, 1.0);
        in.area_factors = ones;
        require_identical(project_population(in), without);
    }
    SECTION("qx, mx and Lx, net migration, step 1") {
        const auto measure = GENERATE(MortalityMeasure::qx, MortalityMeasure::mx, MortalityMeasure::Lx);
        const Small s(measure, 3);
        ProjectionInput in = s.input(measure);
        const Projection without = project_population(in);
        const Matrix ones(3, 2, 1.0);
        in.area_factors = ones;
        require_identical(project_population(in), without);
    }
}

TEST_CASE("an area's factors are its rates scaled: the area projected alone with them", "[subareas]") {
    const SubAreas& h = helsinki();
    // Three real sub-areas (Kruununhaka, Kamppi, the 999 "unknown") with
    // factors chosen to exercise each path: fertility only, mortality only
    // (1.25: the largest q, 0.37 at 99+ in 2020, stays below 1), both.
    const std::vector<std::size_t> ks{h.index.at("10"), h.index.at("40"), h.index.at("999")};
    const double f[3] = {1.3, 1.0, 0.5}, m[3] = {1.0, 1.25, 0.8};
    const Matrix base = SubAreas::areas_of(h.base, ks, 2), gross = SubAreas::areas_of(h.gross, ks, 4);
    Matrix factors(3, 2);
    for (std::size_t i = 0; i < 3; ++i) {
        factors(i, 0) = f[i];
        factors(i, 1) = m[i];
    }
    ProjectionInput in = h.input();
    in.base = base;
    in.migration = gross;
    in.area_factors = factors;
    const Projection together = project_population(in);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("area " << i << " fertility × " << f[i] << ", mortality × " << m[i]);
        Matrix asfr = h.asfr, qx = h.qx;
        for (double& v : asfr.data()) v *= f[i];
        for (double& v : qx.data()) v *= m[i];  // the born-in-year row too
        const Matrix one_base = SubAreas::areas_of(h.base, {ks[i]}, 2);
        const Matrix one_gross = SubAreas::areas_of(h.gross, {ks[i]}, 4);
        ProjectionInput alone = h.input();
        alone.base = one_base;
        alone.migration = one_gross;
        alone.fertility = asfr;
        alone.mortality = qx;
        const Projection p = project_population(alone);
        // With f = 1 the arithmetic is the same, so the result is identical.
        // Otherwise the births are f · Σ rate·women instead of Σ (f·rate)·women:
        // equal to rounding (~1e-16 per operation), well inside 1e-12 after 21 years.
        const double tolerance = f[i] == 1.0 ? 0.0 : 1e-12;
        std::size_t differ = 0;
        for (int sex = 0; sex < 2; ++sex)
            for (std::size_t a = 0; a < SubAreas::A; ++a)
                for (std::size_t t = 0; t <= SubAreas::Y; ++t) {
                    const double got = together.pop(i, sex, a, t), want = p.pop(0, sex, a, t);
                    differ += std::fabs(got - want) > tolerance * std::max(1.0, std::fabs(want));
                }
        CHECK(differ == 0);
        for (std::size_t t = 0; t < SubAreas::Y; ++t) {
            CHECK(together.births[i * SubAreas::Y + t] == Approx(p.births[t]).epsilon(1e-12));
            for (int sex = 0; sex < 2; ++sex)
                CHECK(together.deaths[(i * 2 + sex) * SubAreas::Y + t] ==
                      Approx(p.deaths[sex * SubAreas::Y + t]).epsilon(1e-12));
        }
    }
    // The factors do something: area 0 has more births, area 1 more deaths than unscaled.
    in.area_factors = {};
    const Projection plain = project_population(in);
    CHECK(together.births[0] > 1.25 * plain.births[0]);
    CHECK(together.deaths[2 * SubAreas::Y] > 1.2 * plain.deaths[2 * SubAreas::Y]);
}

TEST_CASE("mx × factor: the area alone with its death rates scaled, identical", "[subareas]") {
    const Small s(MortalityMeasure::mx, 2);
    ProjectionInput in = s.input(MortalityMeasure::mx);
    Matrix fac(2, 2, 1.0);
    fac(1, 1) = 1.7;
    in.area_factors = fac;
    const Projection together = project_population(in);
    Matrix mx = s.mort, one(Small::A, 2);
    for (double& v : mx.data()) v *= 1.7;
    for (std::size_t x = 0; x < Small::A; ++x)
        for (std::size_t c = 0; c < 2; ++c) one(x, c) = s.base(x, 2 + c);
    ProjectionInput alone = s.input(MortalityMeasure::mx);
    alone.base = one;
    alone.mortality = mx;
    const Projection p = project_population(alone);
    for (int sex = 0; sex < 2; ++sex)
        for (std::size_t a = 0; a < Small::A; ++a)
            for (std::size_t t = 0; t <= Small::Y; ++t)
                CHECK(together.pop(1, sex, a, t) == p.pop(0, sex, a, t));
}

TEST_CASE("q × m above 1 is taken as 1: everyone in the group dies in the year", "[subareas]") {
    // Four ages, no migration, qx 0.5 at age 2 and 0.4 for those born in the
    // year; m = 3 makes both 1 (1.5 and 1.2 capped), the rest 0.03 and 0.3.
    Matrix base(4, 2, 100.0), fert(1, 1, 0.5), qx(5, 2, 0.01), mig(4, 2, 0.0);
    for (std::size_t s = 0; s < 2; ++s) {
        qx(2, s) = 0.5;
        qx(3, s) = 0.1;
        qx(4, s) = 0.4;
    }
    ProjectionInput in{base, fert, qx, mig, 2, {}};
    in.options.fertile_from_age = 1;
    Matrix fac(1, 2, 1.0);
    fac(0, 1) = 3.0;
    in.area_factors = fac;
    const Projection capped = project_population(in);
    Matrix scaled = qx;
    for (double& v : scaled.data()) v = std::min(1.0, v * 3.0);
    ProjectionInput alone{base, fert, scaled, mig, 2, {}};
    alone.options.fertile_from_age = 1;
    require_identical(capped, project_population(alone));
    for (int sex = 0; sex < 2; ++sex) {
        CHECK(capped.pop(0, sex, 0, 1) == 0.0);  // no newborn survives the year of birth
        CHECK(capped.pop(0, sex, 3, 1) ==
              Approx(100.0 * 0.7).epsilon(1e-15));  // age 2 all died; 3+ keep 70 %
        CHECK(capped.pop(0, sex, 2, 1) == Approx(100.0 * 0.97).epsilon(1e-15));
    }
}

TEST_CASE("area factors: every malformed input is refused", "[subareas][errors]") {
    const Small s(MortalityMeasure::qx, 3);
    const ProjectionInput good = s.input(MortalityMeasure::qx);
    auto refused = [&](const Matrix& factors, const std::string& part) {
        ProjectionInput in = good;
        in.area_factors = factors;
        CHECK_THROWS_WITH(project_population(in), Catch::Contains(part));
        CHECK_THROWS_AS(projection_shape(in), domain_error);
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    refused(Matrix(3, 1, 1.0), "one row per area (3) and two columns");
    refused(Matrix(4, 2, 1.0), "but had: 4 × 2");
    refused(Matrix(2, 2, 1.0), "but had: 2 × 2");
    refused(Matrix(3, 3, 1.0), "but had: 3 × 3");
    refused(Matrix(1, 2, 1.0), "but had: 1 × 2");  // one pair for three areas: not "every area"
    for (const double bad : {-0.01, nan, inf, -inf, 1000.5}) {
        Matrix f(3, 2, 1.0);
        f(2, 0) = bad;
        refused(f, "fertility factor of an area must be in [0, 1000]");
        f(2, 0) = 1.0;
        f(1, 1) = bad;
        refused(f, "mortality factor of an area must be in [0, 1000], but was: ");
    }
    {
        Matrix f(3, 2, 1.0);
        f(1, 1) = -0.9;  // the cell named as a planner counts: the second area's mortality factor
        refused(f, "but was: -0.9 (row 2, column 2)");
    }
    // Lx cannot be scaled: a mortality factor other than 1 is refused, fertility factors are taken.
    const Small lx(MortalityMeasure::Lx, 3);
    ProjectionInput in = lx.input(MortalityMeasure::Lx);
    Matrix f(3, 2, 1.0);
    f(0, 0) = 1.2;
    in.area_factors = f;
    CHECK_NOTHROW(project_population(in));
    f(2, 1) = 1.1;
    CHECK_THROWS_WITH(project_population(in),
                      Catch::Contains("mortality factor must be 1 with mortality=Lx"));
    // Bounds are inclusive: 0 (no births, no deaths) and 1000 are taken.
    ProjectionInput edge = good;
    Matrix e(3, 2, 1.0);
    e(0, 0) = 0.0;
    e(0, 1) = 0.0;
    e(1, 0) = 1000.0;
    edge.area_factors = e;
    edge.years = 1;
    const Projection p = project_population(edge);
    CHECK(p.births[0] == 0.0);
    CHECK(p.deaths[0] == 0.0);
    CHECK(p.deaths[1] == 0.0);
    // The stochastic projection's survivorship is one for every area: it refuses factors.
    ProjectionInput risk = good;
    const Matrix ones(3, 2, 1.0);
    risk.area_factors = ones;
    CHECK_THROWS_WITH(projection_survivorship(risk), Catch::Contains("area factors are not taken"));
}
