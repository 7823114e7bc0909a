// libFuzzer target for core/demand.hpp and core/network.hpp (POP.RISK has
// fuzz_risk.cpp, over its whole accepted ranges):
// arbitrary bytes become small shapes and values (NaN, ±inf, negatives, huge,
// subnormal). The models may only throw domain_error; any other exception, a
// crash, UB (under -fsanitize) or a result that breaks the model's invariants
// (non-finite numbers, an assignment that is infeasible or serves a different
// amount than the old Boost.Graph solver) aborts the run.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "../unit/network_reference.hpp"
#include "demand.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_inputs.hpp"
#include "network.hpp"

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
                                     1e-310,
                                     1e9,
                                     1e12,
                                     2e12,
                                     0.5};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 16) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 22) return in.ConsumeFloatingPoint<double>();
    return scale * in.ConsumeProbability<double>();
}

Matrix matrix(FuzzedDataProvider& in, std::size_t rows, std::size_t cols, double scale) {
    return filled_matrix(rows, cols, [&] { return value(in, scale); });
}

void check_finite(const Matrix& m) {
    for (double v : m.data()) require(std::isfinite(v), "non-finite result");
}

void fuzz_demand(FuzzedDataProvider& in) {
    const std::size_t a = in.ConsumeIntegralInRange<std::size_t>(0, 14);
    const std::size_t y = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    const std::size_t s = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    const Matrix pop = matrix(in, a, y, 100.0);
    const Matrix rates = matrix(in, in.ConsumeBool() ? a : a + 1, s, 1.0);
    std::vector<double> trend(in.ConsumeIntegralInRange<std::size_t>(0, 3));
    for (double& t : trend) t = value(in, 0.2) - 0.1;
    try {
        check_finite(project_demand(pop, rates, trend));
    } catch (const domain_error&) {
    }
    try {
        const Matrix share = matrix(in, in.ConsumeIntegralInRange<std::size_t>(0, 3),
                                    in.ConsumeIntegralInRange<std::size_t>(0, 3), 1.0);
        check_finite(school_pupils(pop, in.ConsumeIntegralInRange<int>(-1, 10),
                                   in.ConsumeIntegralInRange<int>(-1, 9), share));
    } catch (const domain_error&) {
    }
    const Matrix enrolment = matrix(in, in.ConsumeIntegralInRange<std::size_t>(0, 5),
                                    in.ConsumeIntegralInRange<std::size_t>(0, 4), 50.0);
    try {
        const auto method = static_cast<ProgressionMethod>(in.ConsumeIntegralInRange<int>(0, 4));
        const auto ratios = grade_progression_ratios(enrolment, method);
        for (double r : ratios) require(std::isfinite(r) && r >= 0.0, "bad ratio");
        std::vector<double> entrants(in.ConsumeIntegralInRange<std::size_t>(0, 4));
        for (double& e : entrants) e = value(in, 50.0);
        check_finite(project_enrolment(enrolment, entrants, ratios));
    } catch (const domain_error&) {
    }
    try {
        check_finite(capacity_gap(matrix(in, a, in.ConsumeIntegralInRange<std::size_t>(0, 3), 100.0), pop));
    } catch (const domain_error&) {
    }
}

// Differential check: the Boost.Graph solver that NETWORK.ASSIGN used before
// LEMON's network simplex serves the same amount, at the same cost
// up to its coarser distance resolution (2^-30 of the longest instead of
// 2^-40). The reference scales by 2^30 / longest, which overflows for a
// longest distance near the smallest doubles; such inputs are left out.
void check_against_reference(const AssignmentInput& input, const Assignment& a, double served) {
    double longest = 0.0;
    for (double d : input.distance.data())
        if (!std::isnan(d) && d >= 0.0) longest = std::max(longest, d);
    if (longest != 0.0 && longest < 1e-290) return;
    const Assignment b = reference::boost_assign(input);
    double served_b = 0.0;
    for (double l : b.load) served_b += l;
    require(std::fabs(served - served_b) <= 1e-6 + 1e-12 * served, "served differs from the reference");
    require(std::fabs(a.cost - b.cost) <= served * longest * 0x1p-29 + 1e-12 * b.cost + 1e-9,
            "cost differs from the reference");
}

void fuzz_assign(FuzzedDataProvider& in) {
    const std::size_t m = in.ConsumeIntegralInRange<std::size_t>(0, 6);
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 6);
    AssignmentInput input;
    for (std::size_t i = 0; i < m; ++i) input.demand.push_back(value(in, 100.0));
    for (std::size_t j = 0; j < n; ++j) input.capacity.push_back(value(in, 100.0));
    const Matrix distance = matrix(in, in.ConsumeBool() ? m : m + 1, n, 20.0);
    input.distance = distance.view();
    try {
        const Assignment a = assign_to_units(input);
        double total_demand = 0.0, served = 0.0;
        for (std::size_t i = 0; i < m; ++i) {
            double row = a.unserved[i];
            require(a.unserved[i] >= 0.0, "negative unserved");
            for (std::size_t j = 0; j < n; ++j) {
                require(a.flows(i, j) >= 0.0, "negative flow");
                row += a.flows(i, j);
            }
            require(std::fabs(row - input.demand[i]) <= 1e-6 + 1e-12 * input.demand[i],
                    "demand not conserved");
            total_demand += input.demand[i];
        }
        for (std::size_t j = 0; j < n; ++j) {
            require(a.load[j] <= input.capacity[j] + 1e-6 + 1e-12 * input.capacity[j], "capacity exceeded");
            served += a.load[j];
        }
        require(std::isfinite(a.cost) && a.cost >= 0.0, "bad cost");
        require(served <= total_demand + 1e-6 * (1.0 + total_demand), "served more than demand");
        check_against_reference(input, a, served);
    } catch (const domain_error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    try {
        if (in.ConsumeBool())
            fuzz_demand(in);
        else
            fuzz_assign(in);
    } catch (const domain_error&) {
    }
    return 0;
}
