// Service costing; see costing.hpp for the methods and their sources.
// Row and column numbers in messages are 1-based, as a spreadsheet user counts.
#include "costing.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

// Money, minutes and volumes beyond this are typing errors; the bound keeps
// every product and sum finite.
constexpr double kMaxMagnitude = 1e15;
constexpr double kMaxIndexRate = 10.0;  // a relative change per year

[[noreturn]] void fail(const std::string& message) { throw domain_error(message); }

using messages::num;

// A positive but tiny capacity or volume (1e-300) would pass the domain checks
// and overflow a division: the results are checked once more.
void check_results(std::span<const double> values, const char* what) {
    for (double v : values)
        if (!std::isfinite(v))
            fail(std::string(what) +
                 " overflow: a capacity, driver total or volume is far too small for its cost");
}

void check_values(std::span<const double> values, const char* name, bool positive) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        const bool ok = std::isfinite(v) && (positive ? v > 0 : v >= 0) && v <= kMaxMagnitude;
        if (!ok)
            fail(std::string(name) + " must be " + (positive ? "> 0" : "≥ 0") + " and at most " +
                 messages::power(kMaxMagnitude) + ", but was: " + num(v) + " (row " + std::to_string(i + 1) +
                 ")");
    }
}

void check_matrix(MatrixView m, const char* name) {
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.cols(); ++c) {
            const double v = m(r, c);
            if (!std::isfinite(v) || v < 0 || v > kMaxMagnitude)
                fail(std::string(name) + " must be ≥ 0 and at most " + messages::power(kMaxMagnitude) +
                     ", but was: " + num(v) + " (row " + std::to_string(r + 1) + ", column " +
                     std::to_string(c + 1) + ")");
        }
}

}  // namespace

Tdabc cost_time_driven(const TdabcInput& in) {
    const std::size_t resources = in.resource_cost.size();
    const std::size_t products = in.volumes.size();
    if (resources == 0) fail("resource_cost must have at least one resource");
    if (products == 0) fail("volumes must have at least one product");
    if (in.capacity_minutes.size() != resources)
        fail("capacity must have one value per resource (" + std::to_string(resources) + "), but has " +
             std::to_string(in.capacity_minutes.size()));
    if (in.minutes_per_unit.rows() != products || in.minutes_per_unit.cols() != resources)
        fail("minutes must be products × resources (" + std::to_string(products) + " × " +
             std::to_string(resources) + "), but is " + std::to_string(in.minutes_per_unit.rows()) + " × " +
             std::to_string(in.minutes_per_unit.cols()));
    check_values(in.resource_cost, "resource_cost", false);
    check_values(in.capacity_minutes, "capacity", true);
    check_matrix(in.minutes_per_unit, "minutes");
    check_values(in.volumes, "volumes", false);

    Tdabc out;
    out.rate_per_minute.resize(resources);
    for (std::size_t r = 0; r < resources; ++r)
        out.rate_per_minute[r] = in.resource_cost[r] / in.capacity_minutes[r];

    out.unit_cost.assign(products, 0.0);
    out.total_cost.resize(products);
    out.used_minutes.assign(resources, 0.0);
    for (std::size_t p = 0; p < products; ++p) {
        for (std::size_t r = 0; r < resources; ++r) {
            out.unit_cost[p] += in.minutes_per_unit(p, r) * out.rate_per_minute[r];
            out.used_minutes[r] += in.minutes_per_unit(p, r) * in.volumes[p];
        }
        out.total_cost[p] = out.unit_cost[p] * in.volumes[p];
    }
    out.unused_minutes.resize(resources);
    out.unused_cost.resize(resources);
    for (std::size_t r = 0; r < resources; ++r) {
        out.unused_minutes[r] = in.capacity_minutes[r] - out.used_minutes[r];
        out.unused_cost[r] = out.unused_minutes[r] * out.rate_per_minute[r];
    }
    check_results(out.rate_per_minute, "the costs per minute");
    check_results(out.unit_cost, "the unit costs");
    check_results(out.total_cost, "the total costs");
    check_results(out.unused_cost, "the unused costs");
    return out;
}

std::vector<double> cost_activity_based(const AbcInput& in) {
    const std::size_t resources = in.resource_cost.size();
    const std::size_t products = in.volumes.size();
    if (resources == 0) fail("resource_cost must have at least one resource");
    if (products == 0) fail("volumes must have at least one product");
    const std::size_t activities = in.resource_drivers.cols();
    if (in.resource_drivers.rows() != resources || activities == 0)
        fail("resource_drivers must be resources × activities with " + std::to_string(resources) +
             " rows, but is " + std::to_string(in.resource_drivers.rows()) + " × " +
             std::to_string(activities));
    if (in.activity_drivers.rows() != products || in.activity_drivers.cols() != activities)
        fail("activity_drivers must be products × activities (" + std::to_string(products) + " × " +
             std::to_string(activities) + "), but is " + std::to_string(in.activity_drivers.rows()) + " × " +
             std::to_string(in.activity_drivers.cols()));
    check_values(in.resource_cost, "resource_cost", false);
    check_matrix(in.resource_drivers, "resource_drivers");
    check_matrix(in.activity_drivers, "activity_drivers");
    check_values(in.volumes, "volumes", true);

    // Stage 1: resources → activities.
    std::vector<double> activity_cost(activities, 0.0);
    for (std::size_t r = 0; r < resources; ++r) {
        double driver_total = 0;
        for (std::size_t a = 0; a < activities; ++a) driver_total += in.resource_drivers(r, a);
        if (driver_total == 0) {
            if (in.resource_cost[r] == 0) continue;
            fail("resource_drivers: resource " + std::to_string(r + 1) + " has a cost of " +
                 num(in.resource_cost[r]) + " but no driver in any activity, so it cannot be assigned");
        }
        for (std::size_t a = 0; a < activities; ++a)
            activity_cost[a] += in.resource_cost[r] * in.resource_drivers(r, a) / driver_total;
    }
    // Stage 2: activities → products.
    std::vector<double> rate(activities, 0.0);
    for (std::size_t a = 0; a < activities; ++a) {
        double driver_total = 0;
        for (std::size_t p = 0; p < products; ++p) driver_total += in.activity_drivers(p, a);
        if (driver_total == 0) {
            if (activity_cost[a] == 0) continue;
            fail("activity_drivers: activity " + std::to_string(a + 1) + " has a cost of " +
                 num(activity_cost[a]) + " but no product uses it, so it cannot be assigned");
        }
        rate[a] = activity_cost[a] / driver_total;
    }
    std::vector<double> unit_cost(products, 0.0);
    for (std::size_t p = 0; p < products; ++p) {
        for (std::size_t a = 0; a < activities; ++a) unit_cost[p] += rate[a] * in.activity_drivers(p, a);
        unit_cost[p] /= in.volumes[p];
    }
    check_results(unit_cost, "the unit costs");
    return unit_cost;
}

Matrix project_costs(const CostProjectionInput& in) {
    const std::size_t products = in.unit_cost.size();
    if (products == 0) fail("unit_cost must have at least one product");
    if (in.volumes.rows() != products || in.volumes.cols() == 0)
        fail("volumes must have one row per product (" + std::to_string(products) + "), but has " +
             std::to_string(in.volumes.rows()));
    if (in.years < 1 || in.years > kMaxCostYears)
        fail("years must be from 1 to " + num(kMaxCostYears) + ", but was: " + std::to_string(in.years));
    check_values(in.unit_cost, "unit_cost", false);
    check_matrix(in.volumes, "volumes");
    for (std::size_t i = 0; i < in.index_rate_per_year.size(); ++i) {
        const double r = in.index_rate_per_year[i];
        if (!std::isfinite(r) || r <= -1 || r > kMaxIndexRate)
            fail("index must be > −1 and at most " + num(kMaxIndexRate) + ", but was: " + num(r) +
                 " (value " + std::to_string(i + 1) + ")");
    }
    const auto& rates = in.index_rate_per_year;
    auto rate_of_year = [&](std::size_t j) {
        if (rates.empty()) return 0.0;
        return rates[std::min(j, rates.size() - 1)];
    };
    const auto years = static_cast<std::size_t>(in.years);
    Matrix out(products, years);
    double factor = 1.0;
    for (std::size_t j = 0; j < years; ++j) {
        if (j > 0) factor *= 1.0 + rate_of_year(j);
        const std::size_t column = std::min(j, in.volumes.cols() - 1);
        for (std::size_t p = 0; p < products; ++p)
            out(p, j) = in.unit_cost[p] * in.volumes(p, column) * factor;
    }
    for (double v : out.data())
        if (!std::isfinite(v)) fail("index: the projected costs overflow; check the rates and the horizon");
    return out;
}

}  // namespace kuntaplan
