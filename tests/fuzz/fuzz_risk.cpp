// libFuzzer target for core/risk.hpp (POP.RISK) over the ranges the function
// accepts, not only small ones: fertility up to 1000 per woman, horizons up to
// 1000 years, bases up to 1e12 people, migration counts up to 1e12 and rates up
// to ±1000, steps of 1 and 5, every mortality measure and migration timing;
// gross migration (in-migrants up to 1e12, out-migration as rates up to 1 or
// as counts up to 1e12, per year, per area or of a wrong width), and births
// from the start or the mean of the step.
// Arbitrary bytes pick the values (with NaN, ±inf, negatives and subnormals
// among them). The model may only throw domain_error; any other exception, a
// crash, UB (under -fsanitize: an overflowing draw above all) or a probability
// outside 0..1 aborts the run. The shapes are kept small enough that every
// input stays far below the draws limit, so that long horizons run in time.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "fuzz_checks.hpp"
#include "fuzz_inputs.hpp"
#include "risk.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

// A value near `scale`, or one of the edge cases.
double value(FuzzedDataProvider& in, double scale) {
    static const double special[] = {std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     0.0,
                                     -0.0,
                                     1.0,
                                     1e308,
                                     1e-310,
                                     1e12,
                                     1000.0,
                                     -1000.0,
                                     0.5};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 12) return special[pick];
    if (pick < 16) return in.ConsumeFloatingPoint<double>();
    return scale * in.ConsumeProbability<double>();
}

Matrix matrix(FuzzedDataProvider& in, std::size_t rows, std::size_t cols, double scale) {
    return filled_matrix(rows, cols, [&] { return value(in, scale); });
}

// One of the magnitudes a real input has, chosen per input: small towns to
// absurd but accepted sizes.
double magnitude(FuzzedDataProvider& in, double low, double high) {
    const double t = in.ConsumeProbability<double>();
    return low * std::pow(high / low, t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    ProjectionOptions o;
    o.step_years = in.ConsumeBool() ? 1 : 5;
    o.mortality = static_cast<MortalityMeasure>(in.ConsumeIntegralInRange<int>(0, 2));
    o.migration = static_cast<MigrationKind>(in.ConsumeIntegralInRange<int>(0, 2));
    o.out_migration = in.ConsumeBool() ? OutMigration::rates : OutMigration::counts;
    o.births = in.ConsumeBool() ? BirthsExposure::mean : BirthsExposure::start;
    o.migration_timing = static_cast<MigrationTiming>(in.ConsumeIntegralInRange<int>(0, 2));
    o.sex_ratio_at_birth = in.ConsumeBool() ? 1.05 : value(in, 3.0);
    o.fertile_from_age = o.step_years * in.ConsumeIntegralInRange<int>(0, 3);
    const std::size_t ages = in.ConsumeIntegralInRange<std::size_t>(1, 12);
    const std::size_t areas = in.ConsumeIntegralInRange<std::size_t>(1, 3);
    const std::size_t fertile = in.ConsumeIntegralInRange<std::size_t>(1, 4);
    const int years =
        in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(1, 1000) : in.ConsumeIntegralInRange<int>(-1, 1001);
    const Matrix base = matrix(in, ages, 2 * areas, magnitude(in, 10.0, 1e12));
    const Matrix fertility = matrix(in, fertile, in.ConsumeBool() ? 1 : 3, magnitude(in, 0.01, 1000.0));
    const double mortality_scale = o.mortality == MortalityMeasure::Lx ? o.step_years * 100000.0 : 1.0;
    const Matrix mortality =
        matrix(in, ages + (in.ConsumeBool() ? 1 : 0), in.ConsumeBool() ? 2 : 4, mortality_scale);
    const bool gross = o.migration == MigrationKind::gross;
    const double migration_scale = o.migration == MigrationKind::rates ? 1000.0 : magnitude(in, 1.0, 1e12);
    // Net: a pair per step or per area. Gross: a group of four per step (one
    // or three steps), per area, or six columns (refused).
    const std::size_t width = gross ? 4 : 2;
    const std::size_t groups[] = {1, areas, 3, 0};
    const std::size_t pick = in.ConsumeIntegralInRange<std::size_t>(0, gross ? 3 : 1);
    const std::size_t migration_cols = groups[pick] == 0 ? 6 : width * groups[pick];
    Matrix migration = matrix(in, ages, migration_cols, migration_scale);
    if (gross && o.out_migration == OutMigration::rates) {
        const double out_scale = in.ConsumeBool() ? 1.0 : 0.05;  // everybody may leave, or a few
        for (std::size_t r = 0; r < ages; ++r)
            for (std::size_t c = 0; c < migration_cols; ++c)
                if (c % 4 >= 2) migration(r, c) = value(in, out_scale);
    }
    if (gross && in.ConsumeBool()) {
        // Mostly in range, so that the draws are reached: gross flows are
        // refused for any negative, non-finite or too large value, and with
        // four columns of up to 12 ages a few such cells among arbitrary
        // values would refuse nearly every input.
        for (std::size_t r = 0; r < ages; ++r)
            for (std::size_t c = 0; c < migration_cols; ++c) {
                const double high = c % 4 >= 2 && o.out_migration == OutMigration::rates ? 1.0 : 1e12;
                const double v = migration(r, c);
                migration(r, c) = std::isfinite(v) ? std::min(std::fabs(v), high) : 0.0;
            }
    }
    if (in.ConsumeBool() && !gross)
        for (double& v : migration.data()) v = -v;  // emigration

    RiskInput input;
    input.projection.base = base.view();
    input.projection.fertility = fertility.view();
    input.projection.mortality = mortality.view();
    input.projection.migration = migration.view();
    input.projection.years = years;
    input.projection.options = o;
    input.age_from = o.step_years * in.ConsumeIntegralInRange<int>(-1, 12);
    input.age_to = input.age_from + o.step_years * in.ConsumeIntegralInRange<int>(0, 12) - 1 +
                   (in.ConsumeBool() ? 0 : 1);
    input.threshold = value(in, 1000.0);
    input.trials = in.ConsumeIntegralInRange<int>(0, 12);
    input.seed = in.ConsumeIntegral<std::uint64_t>();
    try {
        for (double p : band_risk(input)) require(p >= 0.0 && p <= 1.0, "probability outside 0..1");
    } catch (const domain_error&) {
    }
    return 0;
}
