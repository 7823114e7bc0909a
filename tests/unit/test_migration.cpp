// Tests of gross migration, births at the start of the step and the residual
// method (core/demography.hpp) on Helsinki's real data: the Helsinki-region
// model's yearly step written out independently, the balance with gross flows
// for every option combination, out-migration that follows the population at
// risk, and the residual's round trip.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "demography.hpp"
#include "helsinki_data.hpp"

using namespace kuntaplan;

namespace {

using helsinki_data::number;
using helsinki_data::read_csv;

// Helsinki (area 2 of the region files), 2019 base, 21 years 2020..2040, with
// the six gross flows summed by direction (helsinki_data.hpp).
struct Helsinki {
    static constexpr std::size_t A = helsinki_data::kAges, Y = helsinki_data::kYears;
    Matrix base = helsinki_data::total_population();
    Matrix qx = helsinki_data::death_probabilities();  // row A: born during the year
    Matrix asfr = helsinki_data::fertility_rates();    // ages 15..49
    helsinki_data::Flows flows = helsinki_data::migration_flows(true);
    const std::vector<Matrix>& in = flows.in;
    const std::vector<Matrix>& out = flows.out;

    // A × 4Y gross block in POP.PROJECT's layout. shifted: a flow given by the
    // age at the start of the year moved one row down (to the age at its end;
    // the open group takes the last two rows, nobody enters age 0).
    Matrix gross(bool shifted) const {
        Matrix m(A, 4 * Y);
        for (std::size_t y = 0; y < Y; ++y)
            for (std::size_t s = 0; s < 2; ++s)
                for (std::size_t a = 0; a < A; ++a) {
                    const std::size_t row = shifted ? std::min(a + 1, A - 1) : a;
                    m(row, 4 * y + s) += in[y](a, s);
                    m(row, 4 * y + 2 + s) += out[y](a, s);
                }
        return m;
    }
};

// The Helsinki-region model's step (data/README.md, "Region and city model",
// SEUDUNENN_python.py lines 217-265), written from that description alone:
//   P'[a+1] = P[a] − P[a]·q[a] + Σ in[a] − Σ out[a]           a = 0..97
//   P'[99]  = the same for a = 98 plus the same for a = 99
//   B       = Σ_{a=15..49} P_female[a] · f[a]
//   P'[0]   = 0.51 · B · (1 − q_born) for boys, 0.49 for girls.
std::vector<Matrix> region_model(const Helsinki& h) {
    std::vector<Matrix> years{h.base};
    for (std::size_t y = 0; y < Helsinki::Y; ++y) {
        const Matrix& P = years.back();
        Matrix next(Helsinki::A, 2);
        auto term = [&](std::size_t a, std::size_t s) {
            return P(a, s) - P(a, s) * h.qx(a, 2 * y + s) + h.in[y](a, s) - h.out[y](a, s);
        };
        for (std::size_t s = 0; s < 2; ++s) {
            for (std::size_t a = 0; a + 2 < Helsinki::A; ++a) next(a + 1, s) = term(a, s);
            next(Helsinki::A - 1, s) = term(Helsinki::A - 2, s) + term(Helsinki::A - 1, s);
        }
        double births = 0;
        for (std::size_t a = 15; a <= 49; ++a) births += P(a, 1) * h.asfr(a - 15, y);
        next(0, 0) = 0.51 * births * (1 - h.qx(Helsinki::A, 2 * y));
        next(0, 1) = 0.49 * births * (1 - h.qx(Helsinki::A, 2 * y + 1));
        years.push_back(next);
    }
    return years;
}

// P(t+1) − P(t) = births·share − deaths + in − out, and net = in − out, for
// every area, sex and step. Tolerance 1e-9 relative to the cohort block's size:
// the identity holds to double rounding (~1e-15) in the implementation.
void check_gross_balance(const Projection& p, double srb) {
    REQUIRE(p.in_migration.size() == p.net_migration.size());
    REQUIRE(p.out_migration.size() == p.net_migration.size());
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
                const double scale = 1e-9 * std::max({1.0, before, after});
                INFO("area " << k << " sex " << sex << " step " << t);
                CHECK(after - before == Approx(p.births[k * p.years + t] * share[sex] - p.deaths[i] +
                                               p.in_migration[i] - p.out_migration[i])
                                            .margin(scale));
                CHECK(p.net_migration[i] == Approx(p.in_migration[i] - p.out_migration[i]).margin(scale));
                CHECK(p.in_migration[i] >= 0.0);
                CHECK(p.out_migration[i] >= -scale);
            }
}

bool close(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b)); }

}  // namespace

TEST_CASE("the Helsinki-region model's step is POP.PROJECT with its conventions", "[migration]") {
    const Helsinki h;
    // The flows are the README's: Helsinki loses 19,702.67 within the region
    // and gains 20,609.67 from the rest of Finland a year.
    double out_region = 0, in_rest = 0;
    for (const auto& r : read_csv("fi_helsinki_region_domestic_migration_2020_2040.csv"))
        if (r.at("area_code") == "2" && r.at("year") == "2020") {
            if (r.at("flow") == "out_within_region")
                out_region += number(r, "annual_total") * number(r, "share");
            if (r.at("flow") == "in_rest_of_finland")
                in_rest += number(r, "annual_total") * number(r, "share");
        }
    CHECK(out_region == Approx(19702.67).margin(0.01));
    CHECK(in_rest == Approx(20609.67).margin(0.01));

    const Matrix mig = h.gross(true);
    ProjectionInput in;
    in.base = h.base;
    in.fertility = h.asfr;
    in.mortality = h.qx;
    in.migration = mig;
    in.years = Helsinki::Y;
    in.options.migration = MigrationKind::gross;
    in.options.out_migration = OutMigration::counts;
    in.options.births = BirthsExposure::start;
    in.options.migration_timing = MigrationTiming::end;
    in.options.sex_ratio_at_birth = 0.51 / 0.49;
    const Projection p = project_population(in);
    const auto model = region_model(h);
    int mismatches = 0;
    for (std::size_t t = 0; t <= Helsinki::Y; ++t)
        for (std::size_t s = 0; s < 2; ++s)
            for (std::size_t a = 0; a < Helsinki::A; ++a)
                if (!close(p.pop(0, static_cast<int>(s), a, t), model[t](a, s), 1e-9)) {
                    if (++mismatches <= 5)
                        WARN("t " << t << " sex " << s << " age " << a << ": "
                                  << p.pop(0, static_cast<int>(s), a, t) << " vs " << model[t](a, s));
                }
    CHECK(mismatches == 0);
    check_gross_balance(p, in.options.sex_ratio_at_birth);
    // All six flows are in: 2020's in-migrants are the in-flows of the three origins.
    double in_2020 = 0;
    for (std::size_t s = 0; s < 2; ++s)
        for (std::size_t a = 0; a < Helsinki::A; ++a) in_2020 += h.in[0](a, s);
    CHECK(p.in_migration[0] + p.in_migration[Helsinki::Y] == Approx(in_2020).epsilon(1e-12));
}

TEST_CASE("gross migration balances exactly for every option combination", "[migration]") {
    const Helsinki h;
    // Out-migration as rates: the 2020 out-migrants over the 2019 population.
    Matrix rates_block(Helsinki::A, 4 * Helsinki::Y), counts_block = h.gross(false);
    for (std::size_t y = 0; y < Helsinki::Y; ++y)
        for (std::size_t s = 0; s < 2; ++s)
            for (std::size_t a = 0; a < Helsinki::A; ++a) {
                rates_block(a, 4 * y + s) = h.in[y](a, s);
                rates_block(a, 4 * y + 2 + s) =
                    h.base(a, s) > 0 ? std::min(1.0, h.out[y](a, s) / h.base(a, s)) : 0.0;
            }
    // Two areas side by side (Helsinki and Helsinki at half size) with a group per area.
    Matrix base2(Helsinki::A, 4), per_area(Helsinki::A, 8);
    for (std::size_t a = 0; a < Helsinki::A; ++a)
        for (std::size_t c = 0; c < 4; ++c) {
            base2(a, c) = h.base(a, c % 2) * (c < 2 ? 1.0 : 0.5);
            per_area(a, c) = rates_block(a, c);
            per_area(a, 4 + c) = rates_block(a, c) * (c < 2 ? 0.5 : 1.0);
        }
    for (const bool out_counts : {false, true})
        for (const auto timing : {MigrationTiming::half, MigrationTiming::start, MigrationTiming::end})
            for (const auto births : {BirthsExposure::mean, BirthsExposure::start})
                for (const int step : {1, 5})
                    for (const bool two_areas : {false, true}) {
                        ProjectionInput in;
                        in.base = two_areas ? MatrixView(base2) : MatrixView(h.base);
                        in.fertility = h.asfr;
                        in.mortality = h.qx;
                        in.migration = two_areas && !out_counts ? MatrixView(per_area)
                                       : out_counts             ? MatrixView(counts_block)
                                                                : MatrixView(rates_block);
                        in.years = step == 1 ? 21 : 4;
                        in.options.migration = MigrationKind::gross;
                        in.options.out_migration = out_counts ? OutMigration::counts : OutMigration::rates;
                        in.options.migration_timing = timing;
                        in.options.births = births;
                        in.options.step_years = step;
                        INFO("out_counts " << out_counts << " timing " << static_cast<int>(timing)
                                           << " births " << static_cast<int>(births) << " step " << step
                                           << " areas " << (two_areas ? 2 : 1));
                        if (step == 5) {
                            // 5-year groups need 20 rows: the base and the flows summed into
                            // groups, rates averaged, 5-year death probabilities from the
                            // first age's; only the identity is tested on these.
                            Matrix b5(20, in.base.cols()), q5(20, 2), f5(7, 1), m5(20, in.migration.cols());
                            for (std::size_t a = 0; a < Helsinki::A; ++a) {
                                for (std::size_t c = 0; c < b5.cols(); ++c) b5(a / 5, c) += in.base(a, c);
                                for (std::size_t c = 0; c < m5.cols(); ++c)
                                    m5(a / 5, c) +=
                                        in.migration(a, c) / ((c % 4 >= 2 && !out_counts) ? 5.0 : 1.0);
                            }
                            for (std::size_t g = 0; g < 20; ++g)
                                for (std::size_t s = 0; s < 2; ++s)
                                    q5(g, s) = 1 - std::pow(1 - h.qx(5 * g, s), 5);
                            for (std::size_t g = 0; g < 7; ++g) f5(g, 0) = h.asfr(5 * g, 0);
                            in.base = b5;
                            in.mortality = q5;
                            in.fertility = f5;
                            in.migration = m5;
                            const Projection p = project_population(in);
                            check_gross_balance(p, in.options.sex_ratio_at_birth);
                            continue;
                        }
                        const Projection p = project_population(in);
                        check_gross_balance(p, in.options.sex_ratio_at_birth);
                        // The components output holds the same flows, both sexes together.
                        const Matrix c = projection_table(p, ProjectionOutput::components);
                        REQUIRE(c.rows() == 7 * p.areas);
                        for (std::size_t k = 0; k < p.areas; ++k)
                            for (std::size_t t = 0; t < p.years; ++t) {
                                const double pop0 = c(7 * k, t), pop1 = c(7 * k, t + 1);
                                CHECK(pop1 - pop0 ==
                                      Approx(c(7 * k + 6, t + 1) + c(7 * k + 5, t + 1)).margin(1e-9 * pop1));
                                CHECK(c(7 * k + 5, t + 1) ==
                                      Approx(c(7 * k + 3, t + 1) - c(7 * k + 4, t + 1)).margin(1e-9 * pop1));
                                CHECK(c(7 * k + 6, t + 1) ==
                                      Approx(c(7 * k + 1, t + 1) - c(7 * k + 2, t + 1)).margin(1e-9 * pop1));
                            }
                    }
}

TEST_CASE("out-migration rates follow the population at risk", "[migration]") {
    // No births, no deaths, no in-migrants, 10 % out a year from every age:
    // with migration at the end of the year the out-migrants are 10 % of the
    // population at the start of the year, so they shrink with the cohort.
    const std::size_t A = 5;
    Matrix base(A, 2), fert(1, 1), mort(A, 2), mig(A, 4);
    for (std::size_t a = 0; a < A; ++a) {
        base(a, 0) = 1000.0 * (a + 1);
        base(a, 1) = 500.0;
        mig(a, 2) = mig(a, 3) = 0.1;
    }
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = mig;
    in.years = 6;
    in.options.fertile_from_age = 1;
    in.options.migration = MigrationKind::gross;
    in.options.migration_timing = MigrationTiming::end;
    const Projection p = project_population(in);
    for (int sex = 0; sex < 2; ++sex)
        for (std::size_t t = 0; t < p.years; ++t) {
            double start = 0;
            for (std::size_t x = 0; x < A; ++x) start += p.pop(0, sex, x, t);
            const double out = p.out_migration[static_cast<std::size_t>(sex) * p.years + t];
            CHECK(out == Approx(0.1 * start).epsilon(1e-12));
            if (t > 0) CHECK(out < p.out_migration[static_cast<std::size_t>(sex) * p.years + t - 1]);
        }
    // The same people as counts leave regardless of who is left: the cohort is
    // emptied and the out-migrants it could not lose are not counted.
    Matrix counts = mig;
    for (std::size_t a = 0; a < A; ++a) counts(a, 2) = counts(a, 3) = 2000.0;
    in.migration = counts;
    in.options.out_migration = OutMigration::counts;
    const Projection q = project_population(in);
    check_gross_balance(q, 1.05);
    for (std::size_t x = 0; x < A; ++x) CHECK(q.pop(0, 1, x, 1) == 0.0);
    CHECK(q.out_migration[q.years] == Approx(5 * 500.0));  // women: all 2,500, not 10,000
}

TEST_CASE("the residual method gives back the migration and the populations", "[migration][residual]") {
    const Helsinki h;
    Matrix net(Helsinki::A, 2 * Helsinki::Y);
    for (std::size_t y = 0; y < Helsinki::Y; ++y)
        for (std::size_t s = 0; s < 2; ++s)
            for (std::size_t a = 0; a < Helsinki::A; ++a) net(a, 2 * y + s) = h.in[y](a, s) - h.out[y](a, s);
    for (const auto timing : {MigrationTiming::half, MigrationTiming::end})
        for (const auto births : {BirthsExposure::mean, BirthsExposure::start})
            for (const auto measure : {MortalityMeasure::qx, MortalityMeasure::mx}) {
                INFO("timing " << static_cast<int>(timing) << " births " << static_cast<int>(births)
                               << " measure " << static_cast<int>(measure));
                ProjectionOptions o;
                o.migration_timing = timing;
                o.births = births;
                o.mortality = measure;
                Matrix mort = h.qx;
                if (measure == MortalityMeasure::mx) {  // qx read as mx: a valid, different schedule
                    mort = Matrix(Helsinki::A, 2 * Helsinki::Y);
                    for (std::size_t r = 0; r < Helsinki::A; ++r)
                        for (std::size_t c = 0; c < mort.cols(); ++c) mort(r, c) = h.qx(r, c);
                }
                ProjectionInput in;
                in.base = h.base;
                in.fertility = h.asfr;
                in.mortality = mort;
                in.migration = net;
                in.years = Helsinki::Y;
                in.options = o;
                const Matrix both = projection_table(project_population(in), ProjectionOutput::both);
                // "both" is male block over female block; POP.RESIDUAL takes a pair per year.
                Matrix observed(Helsinki::A, 2 * (Helsinki::Y + 1));
                for (std::size_t t = 0; t <= Helsinki::Y; ++t)
                    for (std::size_t a = 0; a < Helsinki::A; ++a) {
                        observed(a, 2 * t) = both(a, t);
                        observed(a, 2 * t + 1) = both(Helsinki::A + a, t);
                    }
                const Matrix residual = residual_migration({observed, h.asfr, mort, o});
                REQUIRE(residual.rows() == Helsinki::A);
                REQUIRE(residual.cols() == 2 * Helsinki::Y);
                // The migration the projection was made with comes back, to 1e-9
                // relative to the cohort's size (no cohort was emptied).
                int off = 0;
                for (std::size_t c = 0; c < residual.cols(); ++c)
                    for (std::size_t a = 0; a < Helsinki::A; ++a)
                        if (std::fabs(residual(a, c) - net(a, c)) > 1e-9 * std::max(1.0, observed(a, c)))
                            ++off;
                CHECK(off == 0);
                // Round trip: project again with the residual.
                ProjectionInput again = in;
                again.migration = residual;
                const Matrix back = projection_table(project_population(again), ProjectionOutput::both);
                int mismatches = 0;
                for (std::size_t t = 0; t <= Helsinki::Y; ++t)
                    for (std::size_t r = 0; r < 2 * Helsinki::A; ++r)
                        if (!close(back(r, t), both(r, t), 1e-9)) ++mismatches;
                CHECK(mismatches == 0);
            }
}

TEST_CASE("the residual of a population with no migration is zero; step 5 works", "[migration][residual]") {
    // Preston's 5-year Sweden example style: 5-year groups, Lx-free qx, a
    // projection without migration has a residual of zero (to rounding).
    const std::size_t A = 8;
    Matrix base(A, 2), fert(3, 1), mort(A, 2), zero(A, 2);
    for (std::size_t a = 0; a < A; ++a) {
        base(a, 0) = 900.0 - 50.0 * a;
        base(a, 1) = 950.0 - 40.0 * a;
        mort(a, 0) = 0.01 + 0.02 * a;
        mort(a, 1) = 0.008 + 0.015 * a;
    }
    fert(0, 0) = 0.05;
    fert(1, 0) = 0.1;
    fert(2, 0) = 0.06;
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = zero;
    in.years = 4;
    in.options.step_years = 5;
    in.options.fertile_from_age = 15;
    const Matrix both = projection_table(project_population(in), ProjectionOutput::both);
    Matrix observed(A, 10);
    for (std::size_t t = 0; t < 5; ++t)
        for (std::size_t a = 0; a < A; ++a) {
            observed(a, 2 * t) = both(a, t);
            observed(a, 2 * t + 1) = both(A + a, t);
        }
    const Matrix residual = residual_migration({observed, fert, mort, in.options});
    for (double v : residual.data()) CHECK(v == Approx(0.0).margin(1e-9));
}

TEST_CASE("gross migration and the residual refuse bad input", "[migration][errors]") {
    const std::size_t A = 4;
    Matrix base(A, 2, 100.0), fert(1, 1, 0.1), mort(A, 2, 0.01), mig(A, 4);
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.years = 2;
    in.options.fertile_from_age = 1;
    in.options.migration = MigrationKind::gross;
    auto fails_with = [&](const Matrix& m, const std::string& text) {
        in.migration = m;
        try {
            project_population(in);
            FAIL("no error; expected: " << text);
        } catch (const domain_error& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(text) != std::string::npos);
        }
    };
    fails_with(Matrix(A, 2), "four columns");
    fails_with(Matrix(A, 6), "four columns");
    Matrix negative_in = mig;
    negative_in(1, 0) = -1;
    fails_with(negative_in, "in-migrants must be in [0, 1e12], but was: -1 (row 2, column 1)");
    Matrix rate_above_one = mig;
    rate_above_one(2, 3) = 1.5;
    fails_with(rate_above_one, "out-migration rates must be in [0, 1], but was: 1.5 (row 3, column 4)");
    in.options.out_migration = OutMigration::counts;
    Matrix negative_out = mig;
    negative_out(0, 2) = -3;
    fails_with(negative_out, "out-migrants must be in [0, 1e12], but was: -3");
    rate_above_one(2, 3) = 15;  // as counts it is fine
    in.migration = rate_above_one;
    CHECK_NOTHROW(project_population(in));

    Matrix pop(A, 4, 100.0);
    ProjectionOptions o;
    o.fertile_from_age = 1;
    CHECK_NOTHROW(residual_migration({pop, fert, mort, o}));
    CHECK_THROWS_WITH(residual_migration({Matrix(A, 2, 1.0), fert, mort, o}),
                      Catch::Contains("at least two years"));
    CHECK_THROWS_WITH(residual_migration({Matrix(A, 5, 1.0), fert, mort, o}),
                      Catch::Contains("male/female column pair"));
    Matrix blank = pop;
    blank(1, 3) = std::nan("");
    CHECK_THROWS_AS(residual_migration({blank, fert, mort, o}), domain_error);
    Matrix negative = pop;
    negative(2, 2) = -1;
    CHECK_THROWS_WITH(residual_migration({negative, fert, mort, o}), Catch::Contains("must be in [0, 1e12]"));
    o.migration_timing = MigrationTiming::start;
    CHECK_THROWS_WITH(residual_migration({pop, fert, mort, o}), Catch::Contains("migration_timing=start"));
}
