// libFuzzer target for core/demography.hpp: arbitrary bytes become small
// shapes, options and values (NaN, ±inf, negatives, huge, subnormal) for every
// function. The models may only throw domain_error or no_convergence; any
// other exception, a crash, UB (under -fsanitize) or a non-finite / negative
// result of a call that succeeded aborts the run.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "demography.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_inputs.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

// A value that is usually in a plausible range for `kind`, sometimes special.
double value(FuzzedDataProvider& in, int kind) {
    static const double special[] = {std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     0.0,
                                     -0.0,
                                     -1.0,
                                     1.0,
                                     1e308,
                                     -1e308,
                                     1e-310,
                                     1e12,
                                     1e13,
                                     -1e13,
                                     1000.0,
                                     2.0};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 20) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 28) return in.ConsumeFloatingPoint<double>();
    const double u = in.ConsumeProbability<double>();
    switch (kind) {
        case 0:
            return 1e4 * u;  // population
        case 1:
            return 0.3 * u;  // fertility
        case 2:
            return u;  // qx
        case 3:
            return 3.0 * u;  // mx
        case 4:
            return 100000.0 * (1.0 - 0.5 * u);  // Lx
        case 5:
            return 400.0 * (u - 0.6);  // migration counts
        case 7:
            return 3.0 * u;  // area factors
        default:
            return 2.0 * (u - 0.7);  // migration rates
    }
}

Matrix matrix(FuzzedDataProvider& in, std::size_t rows, std::size_t cols, int kind) {
    return filled_matrix(rows, cols, [&] { return value(in, kind); });
}

// Every table value is finite, except the documented empty cells (NaN): the
// flows at the base (column 0) of summary (5 rows per area) and components
// (7 rows), and the in- and out-migration rows of components when the
// projection's migration was net.
void check_matrix(const Matrix& m, ProjectionOutput output, bool gross) {
    const std::size_t R = output == ProjectionOutput::summary      ? 5
                          : output == ProjectionOutput::components ? 7
                                                                   : 0;
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.cols(); ++c) {
            const double v = m(r, c);
            const bool flow = R > 0 && r % R != 0;
            const bool in_or_out = R == 7 && (r % R == 3 || r % R == 4);
            if (flow && (c == 0 || (in_or_out && !gross))) {
                require(std::isnan(v), "an empty flow cell is not NaN");
                continue;
            }
            require(std::isfinite(v), "non-finite table value");
        }
}

void fuzz_life_table(FuzzedDataProvider& in) {
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 12);
    std::vector<double> mx(n), ax, widths;
    for (double& v : mx) v = value(in, 3);
    if (in.ConsumeBool()) {
        ax.resize(jitter(in, n));
        for (double& v : ax) v = value(in, 2) * 5.0;
    }
    if (in.ConsumeBool()) {
        widths.resize(jitter(in, n));
        for (double& v : widths) v = in.ConsumeBool() ? 5.0 : value(in, 2) * 10.0;
    }
    LifeTableInput lt;
    lt.mx = mx;
    lt.ax = ax;
    lt.widths = widths;
    lt.radix = in.ConsumeBool() ? 100000.0 : value(in, 0);
    try {
        const LifeTable t = life_table(lt);
        for (const auto* v : {&t.x, &t.mx, &t.qx, &t.lx, &t.dx, &t.Lx, &t.Tx, &t.ex})
            for (double d : *v)
                require(std::isfinite(d) && d >= 0.0, "life table value not finite or negative");
        for (double q : t.qx) require(q <= 1.0, "qx > 1");
    } catch (const domain_error&) {
    }
    try {
        const double e = life_expectancy(lt, in.ConsumeBool() ? 0.0 : value(in, 2) * 20.0);
        require(std::isfinite(e) && e >= 0.0, "life expectancy not finite");
    } catch (const domain_error&) {
    }
    try {
        require(std::isfinite(total_fertility_rate(mx, value(in, 2) * 5.0)), "tfr not finite");
    } catch (const domain_error&) {
    }
    try {
        for (double v : scale_schedule(mx, value(in, 2) * 3.0, in.ConsumeBool() ? 1.0 : 5.0))
            require(std::isfinite(v), "scaled schedule not finite");
    } catch (const domain_error&) {
    }
}

void fuzz_projection(FuzzedDataProvider& in) {
    const std::size_t A = in.ConsumeIntegralInRange<std::size_t>(0, 9);
    const std::size_t K = in.ConsumeIntegralInRange<std::size_t>(1, 3);
    ProjectionOptions o;
    const int steps[] = {1, 5, 1, 5, 3, 0};
    o.step_years = steps[in.ConsumeIntegralInRange<int>(0, 5)];
    o.mortality = static_cast<MortalityMeasure>(in.ConsumeIntegralInRange<int>(0, 3));
    o.migration = static_cast<MigrationKind>(in.ConsumeIntegralInRange<int>(0, 2));
    o.migration_timing = static_cast<MigrationTiming>(in.ConsumeIntegralInRange<int>(0, 3));
    o.out_migration = static_cast<OutMigration>(in.ConsumeIntegralInRange<int>(0, 2));
    o.births = static_cast<BirthsExposure>(in.ConsumeIntegralInRange<int>(0, 2));
    o.sex_ratio_at_birth = in.ConsumeBool() ? 1.05 : value(in, 2) * 2.0;
    o.lx_radix = in.ConsumeBool() ? 100000.0 : value(in, 4);
    o.fertile_from_age = in.ConsumeIntegralInRange<int>(-1, 6) * (in.ConsumeBool() ? o.step_years : 1);
    int years = in.ConsumeIntegralInRange<int>(1, 6);
    switch (in.ConsumeIntegralInRange<int>(0, 20)) {
        case 0:
            years = 0;
            break;
        case 1:
            years = 1001;
            break;
        case 2:
            years = 1000;
            break;
        case 3:
            years = -5;
            break;
        default:
            break;
    }
    const std::size_t Yc = static_cast<std::size_t>(in.ConsumeIntegralInRange<int>(1, 4));
    const int mkind = o.mortality == MortalityMeasure::mx ? 3 : o.mortality == MortalityMeasure::Lx ? 4 : 2;
    const std::size_t F = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    const Matrix base = matrix(in, jitter(in, A), jitter(in, 2 * K), 0);
    const Matrix fert = matrix(in, F, jitter(in, Yc), 1);
    const std::size_t mort_rows = A + (in.ConsumeBool() ? 1 : 0);
    Matrix mort = matrix(in, jitter(in, mort_rows), jitter(in, 2 * Yc), mkind);
    if (o.mortality == MortalityMeasure::Lx && in.ConsumeBool()) {
        // A proper decreasing Lx column set, so that the projection itself runs.
        for (std::size_t c = 0; c < mort.cols(); ++c)
            for (std::size_t r = 0; r < mort.rows(); ++r)
                mort(r, c) = o.step_years * 100000.0 * std::pow(0.9, static_cast<double>(r + 1));
    }
    const std::size_t group = o.migration == MigrationKind::gross ? 4 : 2;
    const std::size_t mig_cols = in.ConsumeBool() ? group * K : group * Yc;
    const int gkind = o.migration == MigrationKind::rates ? 6 : 5;
    const Matrix mig = matrix(in, jitter(in, A), jitter(in, mig_cols), gkind);
    // Per-area fertility and mortality factors (K × 2), or none.
    const Matrix factors = in.ConsumeBool() ? matrix(in, jitter(in, K), jitter(in, 2), 7) : Matrix();

    ProjectionInput pi;
    pi.base = base;
    pi.fertility = fert;
    pi.mortality = mort;
    pi.migration = mig;
    pi.years = years;
    pi.options = o;
    pi.area_factors = factors;
    Projection p;
    try {
        p = project_population(pi);
    } catch (const domain_error&) {
        return;
    }
    require(p.population.size() == p.areas * 2 * p.ages * (p.years + 1), "population size");
    for (double v : p.population) require(std::isfinite(v) && v >= 0.0, "population not finite or negative");
    for (double v : p.births) require(std::isfinite(v) && v >= 0.0, "births not finite or negative");
    for (double v : p.deaths) require(std::isfinite(v) && v >= 0.0, "deaths not finite or negative");
    for (double v : p.net_migration) require(std::isfinite(v), "net migration not finite");
    for (double v : p.in_migration)
        require(std::isfinite(v) && v >= 0.0, "in-migration not finite or negative");
    for (double v : p.out_migration) require(std::isfinite(v), "out-migration not finite");

    // The residual method on the projected populations of the first area: a
    // result or a domain_error, and a finite result.
    if (p.areas >= 1 && p.years >= 1) {
        Matrix observed(p.ages, 2 * (p.years + 1));
        for (std::size_t t = 0; t <= p.years; ++t)
            for (int sex = 0; sex < 2; ++sex)
                for (std::size_t x = 0; x < p.ages; ++x) observed(x, 2 * t + sex) = p.pop(0, sex, x, t);
        try {
            const Matrix r = residual_migration({observed, fert, mort, o});
            for (double v : r.data()) require(std::isfinite(v), "residual not finite");
        } catch (const domain_error&) {
        }
    }

    std::vector<int> bands;
    const std::size_t nb = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    for (std::size_t i = 0; i < nb; ++i) bands.push_back(in.ConsumeIntegralInRange<int>(-1, 12));
    const int table_step = in.ConsumeBool() ? o.step_years : in.ConsumeIntegralInRange<int>(0, 6);
    for (int out = 0; out <= 8; ++out) {
        const auto output = static_cast<ProjectionOutput>(out);
        for (bool with_bands : {false, true}) {
            try {
                const Matrix t = projection_table(
                    p, output, with_bands ? std::span<const int>(bands) : std::span<const int>(), table_step);
                check_matrix(t, output, !p.in_migration.empty());
            } catch (const domain_error&) {
            }
        }
    }
    try {
        const Matrix t = projection_table(p, ProjectionOutput::total);
        check_matrix(aggregate_bands(t, bands, table_step), ProjectionOutput::total, false);
    } catch (const domain_error&) {
    }
}

void fuzz_bands_and_constrain(FuzzedDataProvider& in) {
    const std::size_t A = in.ConsumeIntegralInRange<std::size_t>(0, 6);
    const std::size_t K = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    const std::size_t C = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    const Matrix values = matrix(in, A, C, 0);
    std::vector<int> breaks;
    const std::size_t nb = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    for (std::size_t i = 0; i < nb; ++i) breaks.push_back(in.ConsumeIntegralInRange<int>(-1, 8));
    try {
        check_matrix(aggregate_bands(values, breaks, in.ConsumeIntegralInRange<int>(0, 5)),
                     ProjectionOutput::total, false);
    } catch (const domain_error&) {
    }
    const Matrix parts = matrix(in, jitter(in, K * A), jitter(in, C), 0);
    Matrix total = matrix(in, in.ConsumeBool() ? 1 : jitter(in, A), jitter(in, C), 0);
    Matrix part_totals;
    if (in.ConsumeBool()) {
        part_totals = matrix(in, jitter(in, K), jitter(in, C), 0);
        if (in.ConsumeBool() && part_totals.rows() > 0 && part_totals.cols() == total.cols()) {
            // Make the margins consistent so that IPF itself runs.
            for (std::size_t c = 0; c < total.cols(); ++c) {
                double st = 0, sp = 0;
                for (std::size_t r = 0; r < total.rows(); ++r) st += total(r, c);
                for (std::size_t r = 0; r < part_totals.rows(); ++r) sp += part_totals(r, c);
                if (std::isfinite(st) && std::isfinite(sp) && sp > 0)
                    for (std::size_t r = 0; r < part_totals.rows(); ++r) part_totals(r, c) *= st / sp;
            }
        }
    }
    try {
        const Matrix out = constrain_to_total(parts, total, part_totals);
        check_matrix(out, ProjectionOutput::total, false);
        for (double v : out.data()) require(v >= 0.0, "constrained part negative");
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    try {
        switch (in.ConsumeIntegralInRange<int>(0, 3)) {
            case 0:
                fuzz_life_table(in);
                break;
            case 1:
                fuzz_bands_and_constrain(in);
                break;
            default:
                fuzz_projection(in);
                break;
        }
    } catch (const domain_error&) {
        // Only from constructing a MatrixView of a mismatched size (not done here).
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception: %s\n", e.what());
        std::abort();
    } catch (...) {
        bug("unexpected non-standard exception");
    }
    return 0;
}
