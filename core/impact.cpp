// Long-horizon impact; see impact.hpp for the methods and their sources.
#include "impact.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <map>
#include <random>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

constexpr double kMaxMagnitude = 1e15;
constexpr double kMaxSpread = 10.0;
constexpr std::size_t kMaxQuantiles = 100;

using messages::num;

void check_length(std::size_t size, const char* name) {
    if (size == 0) throw domain_error(msg::impact_years_empty, name);
    if (size > static_cast<std::size_t>(kMaxImpactYears))
        throw domain_error(msg::impact_years_too_many, name, num(kMaxImpactYears), num(size));
}

void check_flows(std::span<const double> flows, const char* name, bool non_negative) {
    check_length(flows.size(), name);
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const double v = flows[i];
        if (!std::isfinite(v) || std::fabs(v) > kMaxMagnitude || (non_negative && v < 0))
            throw domain_error(non_negative ? msg::impact_flow_nonnegative : msg::impact_flow_magnitude, name,
                               messages::power(kMaxMagnitude), num(v), num(i));
    }
}

void check_pair(std::span<const double> costs, std::span<const double> benefits) {
    check_flows(costs, "costs", true);
    check_flows(benefits, "benefits", true);
    if (costs.size() != benefits.size())
        throw domain_error(msg::impact_pair_length, num(costs.size()), num(benefits.size()));
}

double finite_or_fail(double value) {
    if (!std::isfinite(value)) throw domain_error(msg::impact_discount_overflow);
    return value;
}

// Boost.Math computes in double only: by default it promotes double to long
// double, which is 80-bit on x86, 128-bit on ARM64 and 64-bit with MSVC, so the
// draws would differ between machines (and x87 arithmetic is 5× slower).
using DoubleOnly = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// A standard normal from one raw 64-bit word: the inverse of its distribution
// function at the midpoint of one of 2^53 equal cells of (0, 1).
double standard_normal(std::uint64_t word) {
    const double u = (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53;
    return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u, DoubleOnly());
}

// Years grouped by their spread: Σ D·flow per distinct σ, so that a trial costs
// one exp per distinct spread rather than one per year.
struct SpreadGroups {
    std::vector<double> sigma, half_variance, present_value;
};

SpreadGroups group_by_spread(std::span<const double> flows, std::span<const double> spread,
                             std::span<const double> factors, const std::string& name) {
    if (spread.size() != 1 && spread.size() != flows.size())
        throw domain_error(msg::impact_spread_count, name, num(flows.size()), num(spread.size()));
    for (std::size_t i = 0; i < spread.size(); ++i)
        if (!std::isfinite(spread[i]) || spread[i] < 0 || spread[i] > kMaxSpread)
            throw domain_error(msg::impact_spread_range, name, num(kMaxSpread), num(spread[i]), num(i + 1));
    std::map<double, double> by_spread;  // ordered: the same summation order everywhere
    for (std::size_t t = 0; t < flows.size(); ++t)
        by_spread[spread.size() == 1 ? spread[0] : spread[t]] += factors[t] * flows[t];
    SpreadGroups groups;
    for (const auto& [s, pv] : by_spread) {
        const double variance = std::log1p(s * s);
        groups.sigma.push_back(std::sqrt(variance));
        groups.half_variance.push_back(variance / 2);
        groups.present_value.push_back(pv);
    }
    return groups;
}

double draw_stream(const SpreadGroups& groups, double z) {
    double total = 0;
    for (std::size_t g = 0; g < groups.sigma.size(); ++g) {
        const double multiplier =
            groups.sigma[g] == 0 ? 1.0 : std::exp(groups.sigma[g] * z - groups.half_variance[g]);
        total += groups.present_value[g] * multiplier;
    }
    return total;
}

// Definition 7 of Hyndman & Fan (1996), as Calc's PERCENTILE: h = (n − 1)·p,
// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values. Only the order
// statistics needed are put in place (nth_element), not the whole sample sorted.
std::vector<double> quantiles_of(std::vector<double>& values, std::span<const double> probabilities) {
    const std::size_t n = values.size();
    std::vector<std::size_t> needed;
    for (double p : probabilities) {
        const auto low = static_cast<std::size_t>(std::floor(static_cast<double>(n - 1) * p));
        needed.push_back(low);
        if (low + 1 < n) needed.push_back(low + 1);
    }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    std::size_t from = 0;
    for (std::size_t k : needed) {
        std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from),
                         values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
        from = k + 1;
    }
    std::vector<double> out;
    for (double p : probabilities) {
        const double h = static_cast<double>(n - 1) * p;
        const auto low = static_cast<std::size_t>(std::floor(h));
        if (low + 1 >= n) {
            out.push_back(values[n - 1]);
            continue;
        }
        out.push_back(values[low] + (h - static_cast<double>(low)) * (values[low + 1] - values[low]));
    }
    return out;
}

}  // namespace

DiscountSchedule flat_schedule(double rate_per_year) { return stepped_schedule({{0, rate_per_year}}); }

DiscountSchedule green_book_schedule() {
    return stepped_schedule({{0, 0.035}, {31, 0.030}, {76, 0.025}, {126, 0.020}, {201, 0.015}, {301, 0.010}});
}

DiscountSchedule stepped_schedule(std::vector<DiscountStep> steps) {
    if (steps.empty()) throw domain_error(msg::impact_schedule_no_steps);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        const std::string number = num(i + 1);
        if (!std::isfinite(step.rate) || step.rate <= -1 || step.rate > 1)
            throw domain_error(msg::impact_schedule_rate, num(step.rate), number);
        if (i == 0 && step.first_year != 0 && step.first_year != 1)
            throw domain_error(msg::impact_schedule_first_year, num(step.first_year), number);
        if (i > 0 && step.first_year <= steps[i - 1].first_year)
            throw domain_error(msg::impact_schedule_order, num(step.first_year), num(steps[i - 1].first_year),
                               number);
    }
    return DiscountSchedule{std::move(steps)};
}

std::vector<double> discount_factors(const DiscountSchedule& schedule, int years) {
    if (years < 1 || years > kMaxImpactYears)
        throw domain_error(msg::cost_years_range, num(kMaxImpactYears), num(years));
    if (schedule.steps.empty()) throw domain_error(msg::impact_schedule_empty);
    std::vector<double> factors(static_cast<std::size_t>(years));
    factors[0] = 1.0;
    // Within a step, pow from the step's start keeps a flat rate exactly (1+r)^−t
    // rather than accumulating a rounding error per year.
    std::size_t step = 0;
    int step_start = 0;         // the last year before the step's rate applies
    double start_factor = 1.0;  // D(step_start)
    for (int t = 1; t < years; ++t) {
        while (step + 1 < schedule.steps.size() && schedule.steps[step + 1].first_year <= t) {
            start_factor = factors[static_cast<std::size_t>(t - 1)];
            step_start = t - 1;
            ++step;
        }
        factors[static_cast<std::size_t>(t)] =
            finite_or_fail(start_factor * std::pow(1.0 + schedule.steps[step].rate, -(t - step_start)));
    }
    return factors;
}

double present_value(std::span<const double> flows, const DiscountSchedule& schedule) {
    check_flows(flows, "flows", false);
    const auto factors = discount_factors(schedule, static_cast<int>(flows.size()));
    double total = 0;
    for (std::size_t t = 0; t < flows.size(); ++t) total += factors[t] * flows[t];
    return finite_or_fail(total);
}

std::optional<int> payback_year(std::span<const double> costs, std::span<const double> benefits,
                                const DiscountSchedule& schedule) {
    check_pair(costs, benefits);
    const auto factors = discount_factors(schedule, static_cast<int>(costs.size()));
    double cumulative_costs = 0, cumulative_benefits = 0;
    for (std::size_t t = 0; t < costs.size(); ++t) {
        cumulative_costs += factors[t] * costs[t];
        cumulative_benefits += factors[t] * benefits[t];
        if (cumulative_benefits > 0 && cumulative_benefits >= cumulative_costs) return static_cast<int>(t);
    }
    return std::nullopt;
}

double benefit_cost_ratio(std::span<const double> costs, std::span<const double> benefits,
                          const DiscountSchedule& schedule) {
    check_pair(costs, benefits);
    const auto factors = discount_factors(schedule, static_cast<int>(costs.size()));
    double pv_costs = 0, pv_benefits = 0;
    for (std::size_t t = 0; t < costs.size(); ++t) {
        pv_costs += factors[t] * costs[t];
        pv_benefits += factors[t] * benefits[t];
    }
    if (!(pv_costs > 0)) throw domain_error(msg::impact_bcr_zero_costs);
    return finite_or_fail(finite_or_fail(pv_benefits) / finite_or_fail(pv_costs));
}

Simulation simulate_npv(const SimulationInput& in) {
    check_pair(in.costs, in.benefits);
    if (in.trials < 1 || in.trials > kMaxSimulationTrials)
        throw domain_error(msg::impact_trials_range, num(kMaxSimulationTrials), num(in.trials));
    if (in.seed > kMaxSeed) throw domain_error(msg::impact_seed_range, std::to_string(in.seed));
    if (in.quantiles.empty() || in.quantiles.size() > kMaxQuantiles)
        throw domain_error(msg::impact_quantiles_count, num(kMaxQuantiles), num(in.quantiles.size()));
    for (std::size_t i = 0; i < in.quantiles.size(); ++i)
        if (!(in.quantiles[i] >= 0 && in.quantiles[i] <= 1))
            throw domain_error(msg::impact_quantile_range, num(in.quantiles[i]), num(i + 1));
    const auto factors = discount_factors(in.schedule, static_cast<int>(in.costs.size()));
    const SpreadGroups cost_groups =
        group_by_spread(in.costs, in.cost_spread, factors, phrase(msg::impact_spread_of_costs));
    const SpreadGroups benefit_groups =
        group_by_spread(in.benefits, in.benefit_spread, factors, phrase(msg::impact_spread_of_benefits));

    std::mt19937_64 engine(in.seed);
    std::vector<double> npv(static_cast<std::size_t>(in.trials));
    std::size_t positive = 0;
    for (double& value : npv) {
        const double z_costs = standard_normal(engine());
        const double z_benefits = standard_normal(engine());
        value = draw_stream(benefit_groups, z_benefits) - draw_stream(cost_groups, z_costs);
        if (!std::isfinite(value)) throw domain_error(msg::impact_simulation_overflow);
        if (value > 0) ++positive;
    }
    Simulation out;
    out.quantiles = quantiles_of(npv, in.quantiles);
    out.probability_positive = static_cast<double>(positive) / static_cast<double>(in.trials);
    return out;
}

}  // namespace kuntaplan
