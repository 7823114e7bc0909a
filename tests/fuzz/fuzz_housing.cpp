// libFuzzer target for core/housing.hpp (POP.HOUSING): arbitrary bytes become
// small shapes, options and values (NaN, ±inf, negatives, huge, subnormal) of
// every argument. project_housing and housing_table may only throw
// domain_error; a call that succeeds must give finite, non-negative residents,
// births, deaths and arrivals, balance every unit exactly (to rounding), and —
// when the input has retention 1, no deaths and no births — residents that are
// exactly the sum of the arrivals so far (the contract's property).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "fuzz_checks.hpp"
#include "fuzz_inputs.hpp"
#include "housing.hpp"

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
                                     1e-310,
                                     1e12,
                                     1e13,
                                     1000.0,
                                     7.0,
                                     2.0};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 18) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 24) return in.ConsumeFloatingPoint<double>();
    const double u = in.ConsumeProbability<double>();
    switch (kind) {
        case 0:
            return 5000.0 * u;  // floor m²
        case 1:
            return std::floor(1.0 + 4.0 * u);  // a building type
        case 2:
            return 20.0 + 60.0 * u;  // m² per resident
        case 3:
            return u * 0.3;  // vacant share
        case 4:
            return u;  // profile share, qx
        case 5:
            return 0.5 + u;  // retention
        case 6:
            return 0.2 * u;  // fertility
        case 7:
            return 3.0 * u;  // mx
        default:
            return 100000.0 * (1.0 - 0.5 * u);  // Lx
    }
}

Matrix matrix(FuzzedDataProvider& in, std::size_t rows, std::size_t cols, int kind) {
    return filled_matrix(rows, cols, [&] { return value(in, kind); });
}

void check_result(const Housing& h, const HousingInput& input, bool property) {
    const Projection& p = h.projection;
    require(p.population.size() == p.areas * 2 * p.ages * (p.years + 1), "population size");
    require(h.arrivals.size() == p.areas * p.years, "arrivals size");
    for (double v : p.population) require(std::isfinite(v) && v >= 0.0, "population not finite or negative");
    for (double v : p.births) require(std::isfinite(v) && v >= 0.0, "births not finite or negative");
    for (double v : p.deaths) require(std::isfinite(v) && v >= 0.0, "deaths not finite or negative");
    for (double v : h.arrivals) require(std::isfinite(v) && v >= 0.0, "arrivals not finite or negative");
    require_finite(p.net_migration, "net moves not finite");
    const double srb = input.options.projection.sex_ratio_at_birth;
    const double share[2] = {srb / (1 + srb), 1 / (1 + srb)};
    for (std::size_t u = 0; u < p.areas; ++u) {
        double arrived = 0.0;
        for (std::size_t t = 0; t < p.years; ++t) {
            double all = 0.0;
            for (int sex = 0; sex < 2; ++sex) {
                double before = 0, after = 0;
                for (std::size_t x = 0; x < p.ages; ++x) {
                    before += p.pop(u, sex, x, t);
                    after += p.pop(u, sex, x, t + 1);
                }
                const std::size_t i = (u * 2 + sex) * p.years + t;
                const double flow = p.births[u * p.years + t] * share[sex] - p.deaths[i] + p.net_migration[i];
                const double scale = std::max({1.0, before, after, std::fabs(flow), p.deaths[i]});
                require(std::fabs(after - before - flow) <= 1e-9 * scale, "a unit does not balance");
                all += after;
            }
            arrived += h.arrivals[u * p.years + t];
            if (property)
                require(std::fabs(all - arrived) <= 1e-9 * std::max(1.0, arrived),
                        "retention 1, no deaths, no births: residents differ from the arrivals");
        }
    }
}

void fuzz_housing(FuzzedDataProvider& in) {
    const std::size_t U = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    const std::size_t T = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    const std::size_t A = in.ConsumeIntegralInRange<std::size_t>(0, 9);
    const std::size_t Yc = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    HousingOptions o;
    const int steps[] = {1, 1, 1, 5, 0};
    o.projection.step_years = steps[in.ConsumeIntegralInRange<int>(0, 4)];
    o.projection.mortality = static_cast<MortalityMeasure>(in.ConsumeIntegralInRange<int>(0, 3));
    o.projection.births = static_cast<BirthsExposure>(in.ConsumeIntegralInRange<int>(0, 2));
    o.projection.sex_ratio_at_birth = in.ConsumeBool() ? 1.05 : value(in, 4) * 2.0;
    o.projection.fertile_from_age = in.ConsumeIntegralInRange<int>(-1, 6);
    o.male_share = in.ConsumeBool() ? 0.5 : value(in, 4);
    int years = in.ConsumeIntegralInRange<int>(1, 6);
    switch (in.ConsumeIntegralInRange<int>(0, 20)) {
        case 0:
            years = 0;
            break;
        case 1:
            years = 1001;
            break;
        case 2:
            years = -3;
            break;
        default:
            break;
    }
    const int mkind = o.projection.mortality == MortalityMeasure::mx   ? 7
                      : o.projection.mortality == MortalityMeasure::Lx ? 8
                                                                       : 4;
    const std::size_t F = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    Matrix completions = matrix(in, jitter(in, U), Yc, 0);
    Matrix types = matrix(in, jitter(in, U), jitter(in, 1), 1);
    Matrix building(jitter(in, T), jitter(in, 2));
    for (std::size_t r = 0; r < building.rows(); ++r)
        for (std::size_t c = 0; c < building.cols(); ++c) building(r, c) = value(in, c == 0 ? 2 : 3);
    Matrix profiles = matrix(in, A, jitter(in, T), 4);
    Matrix retention = matrix(in, jitter(in, A), jitter(in, T), 5);
    Matrix fertility = matrix(in, F, jitter(in, 2), 6);
    Matrix mortality = matrix(in, jitter(in, A + (in.ConsumeBool() ? 1 : 0)), jitter(in, 2), mkind);
    if (o.projection.mortality == MortalityMeasure::Lx && in.ConsumeBool())
        for (std::size_t c = 0; c < mortality.cols(); ++c)
            for (std::size_t r = 0; r < mortality.rows(); ++r)
                mortality(r, c) = 100000.0 * std::pow(0.9, static_cast<double>(r + 1));
    // The contract's property: retention 1, no deaths, no births.
    const bool property = in.ConsumeBool();
    if (property) {
        o.projection.mortality = MortalityMeasure::qx;
        for (double& v : retention.data()) v = 1.0;
        for (double& v : mortality.data()) v = 0.0;
        for (double& v : fertility.data()) v = 0.0;
    }

    HousingInput hi;
    hi.completions = completions;
    hi.types = types;
    hi.building = building;
    hi.profiles = profiles;
    hi.retention = retention;
    hi.fertility = fertility;
    hi.mortality = mortality;
    hi.years = years;
    hi.options = o;
    Housing h;
    try {
        h = project_housing(hi);
    } catch (const domain_error&) {
        return;
    }
    check_result(h, hi, property);

    std::vector<int> bands;
    const std::size_t nb = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    for (std::size_t i = 0; i < nb; ++i) bands.push_back(in.ConsumeIntegralInRange<int>(-1, 10));
    for (int out = 0; out <= 6; ++out)
        for (bool with_bands : {false, true}) {
            try {
                const Matrix t =
                    housing_table(h, static_cast<HousingOutput>(out),
                                  with_bands ? std::span<const int>(bands) : std::span<const int>());
                for (double v : t.data())
                    require(std::isfinite(v) && v >= 0.0, "table value not finite or negative");
            } catch (const domain_error&) {
            }
        }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    try {
        fuzz_housing(in);
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
