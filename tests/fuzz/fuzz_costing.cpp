// libFuzzer target for core/costing.hpp and core/impact.hpp: arbitrary bytes
// become small shapes, schedules and values (NaN, ±inf, negatives, huge,
// subnormal) for every function. The models may only throw domain_error; any
// other exception, a crash, UB (under -fsanitize) or a non-finite result of a
// call that succeeded aborts the run.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "costing.hpp"
#include "fuzz_checks.hpp"
#include "impact.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

double value(FuzzedDataProvider& in, double scale) {
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
                                     1e15,
                                     1e16,
                                     -0.999,
                                     10.0};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 16) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 24) return in.ConsumeFloatingPoint<double>();
    return scale * in.ConsumeProbability<double>();
}

std::vector<double> vec(FuzzedDataProvider& in, std::size_t n, double scale) {
    std::vector<double> out(n);
    for (double& v : out) v = value(in, scale);
    return out;
}

std::size_t size(FuzzedDataProvider& in, std::size_t most) {
    return in.ConsumeIntegralInRange<std::size_t>(0, most);
}

DiscountSchedule schedule(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
        case 0:
            return flat_schedule(value(in, 0.2));
        case 1:
            return green_book_schedule();
        default: {
            std::vector<DiscountStep> steps(size(in, 5));
            for (auto& s : steps) s = {in.ConsumeIntegralInRange<int>(-2, 400), value(in, 0.2)};
            return stepped_schedule(steps);
        }
    }
}

void fuzz_one(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: {
            const std::size_t r = size(in, 4), p = size(in, 4);
            const auto cost = vec(in, r, 1e6), capacity = vec(in, in.ConsumeBool() ? r : size(in, 4), 1e6);
            const std::size_t mr = in.ConsumeBool() ? p : size(in, 4),
                              mc = in.ConsumeBool() ? r : size(in, 4);
            const auto minutes = vec(in, mr * mc, 100);
            const auto volumes = vec(in, p, 1e5);
            const Tdabc t = cost_time_driven({cost, capacity, MatrixView(minutes, mr, mc), volumes});
            require_finite(t.unit_cost, "tdabc unit cost");
            require_finite(t.unused_cost, "tdabc unused cost");
            require_finite(t.total_cost, "tdabc total");
            break;
        }
        case 1: {
            const std::size_t r = size(in, 4), a = size(in, 4), p = size(in, 4);
            const auto cost = vec(in, r, 1e6), rd = vec(in, r * a, 10), ad = vec(in, p * a, 100),
                       volumes = vec(in, p, 1e4);
            require_finite(cost_activity_based({cost, MatrixView(rd, r, a), MatrixView(ad, p, a), volumes}),
                           "abc unit cost");
            break;
        }
        case 2: {
            const std::size_t p = size(in, 4), y = size(in, 6);
            const auto unit = vec(in, p, 1e4), volumes = vec(in, p * y, 1e5),
                       rates = vec(in, size(in, 6), 0.1);
            const Matrix m = project_costs(
                {unit, MatrixView(volumes, p, y), rates, in.ConsumeIntegralInRange<int>(-1, 1001)});
            require_finite(m.data(), "projected cost");
            break;
        }
        case 3: {
            const auto s = schedule(in);
            require_finite(discount_factors(s, in.ConsumeIntegralInRange<int>(-1, 1001)), "discount factor");
            break;
        }
        case 4: {
            const auto s = schedule(in);
            const std::size_t n = size(in, 60);
            const auto costs = vec(in, n, 1e5), benefits = vec(in, in.ConsumeBool() ? n : size(in, 60), 1e5);
            require_finite(present_value(costs, s), "npv");
            require_finite(benefit_cost_ratio(costs, benefits, s), "bcr");
            (void)payback_year(costs, benefits, s);
            break;
        }
        default: {
            SimulationInput sim;
            const std::size_t n = size(in, 40);
            const auto costs = vec(in, n, 1e5), benefits = vec(in, n, 1e5);
            const auto cs = vec(in, in.ConsumeBool() ? 1 : n, 1.0),
                       bs = vec(in, in.ConsumeBool() ? 1 : size(in, 40), 1.0);
            sim.costs = costs;
            sim.benefits = benefits;
            sim.cost_spread = cs;
            sim.benefit_spread = bs;
            sim.schedule = schedule(in);
            sim.trials = in.ConsumeIntegralInRange<int>(-1, 300);
            sim.seed = in.ConsumeIntegral<std::uint64_t>() >> in.ConsumeIntegralInRange<int>(0, 63);
            sim.quantiles = vec(in, size(in, 4), 1.0);
            const Simulation result = simulate_npv(sim);
            require_finite(result.quantiles, "simulated quantile");
            if (!(result.probability_positive >= 0 && result.probability_positive <= 1)) bug("probability");
            break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size_bytes) {
    FuzzedDataProvider in(data, size_bytes);
    try {
        fuzz_one(in);
    } catch (const domain_error&) {
    }
    return 0;
}
