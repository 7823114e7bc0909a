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

using messages::num;

// A positive but tiny capacity or volume (1e-300) would pass the domain checks
// and overflow a division: the results are checked once more.
void check_results(std::span<const double> values, const Message<0>& overflow) {
    for (double v : values)
        if (!std::isfinite(v)) throw domain_error(overflow);
}

void check_values(std::span<const double> values, const char* name, bool positive) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        const bool ok = std::isfinite(v) && (positive ? v > 0 : v >= 0) && v <= kMaxMagnitude;
        if (!ok)
            throw domain_error(positive ? msg::cost_value_positive : msg::cost_value_nonnegative, name,
                               messages::power(kMaxMagnitude), num(v), num(i + 1));
    }
}

void check_matrix(MatrixView m, const char* name) {
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.cols(); ++c) {
            const double v = m(r, c);
            if (!std::isfinite(v) || v < 0 || v > kMaxMagnitude)
                throw domain_error(msg::cost_matrix_value, name, messages::power(kMaxMagnitude), num(v),
                                   num(r + 1), num(c + 1));
        }
}

}  // namespace

Tdabc cost_time_driven(const TdabcInput& in) {
    const std::size_t resources = in.resource_cost.size();
    const std::size_t products = in.volumes.size();
    if (resources == 0) throw domain_error(msg::cost_resources_empty);
    if (products == 0) throw domain_error(msg::cost_products_empty);
    if (in.capacity_minutes.size() != resources)
        throw domain_error(msg::cost_capacity_length, num(resources), num(in.capacity_minutes.size()));
    if (in.minutes_per_unit.rows() != products || in.minutes_per_unit.cols() != resources)
        throw domain_error(msg::cost_minutes_shape, num(products), num(resources),
                           num(in.minutes_per_unit.rows()), num(in.minutes_per_unit.cols()));
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
    check_results(out.rate_per_minute, msg::cost_rates_overflow);
    check_results(out.unit_cost, msg::cost_unit_overflow);
    check_results(out.total_cost, msg::cost_total_overflow);
    check_results(out.unused_cost, msg::cost_unused_overflow);
    return out;
}

std::vector<double> cost_activity_based(const AbcInput& in) {
    const std::size_t resources = in.resource_cost.size();
    const std::size_t products = in.volumes.size();
    if (resources == 0) throw domain_error(msg::cost_resources_empty);
    if (products == 0) throw domain_error(msg::cost_products_empty);
    const std::size_t activities = in.resource_drivers.cols();
    if (in.resource_drivers.rows() != resources || activities == 0)
        throw domain_error(msg::cost_resource_drivers_shape, num(resources), num(in.resource_drivers.rows()),
                           num(activities));
    if (in.activity_drivers.rows() != products || in.activity_drivers.cols() != activities)
        throw domain_error(msg::cost_activity_drivers_shape, num(products), num(activities),
                           num(in.activity_drivers.rows()), num(in.activity_drivers.cols()));
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
            throw domain_error(msg::cost_resource_unassigned, num(r + 1), num(in.resource_cost[r]));
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
            throw domain_error(msg::cost_activity_unassigned, num(a + 1), num(activity_cost[a]));
        }
        rate[a] = activity_cost[a] / driver_total;
    }
    std::vector<double> unit_cost(products, 0.0);
    for (std::size_t p = 0; p < products; ++p) {
        for (std::size_t a = 0; a < activities; ++a) unit_cost[p] += rate[a] * in.activity_drivers(p, a);
        unit_cost[p] /= in.volumes[p];
    }
    check_results(unit_cost, msg::cost_unit_overflow);
    return unit_cost;
}

Matrix project_costs(const CostProjectionInput& in) {
    const std::size_t products = in.unit_cost.size();
    if (products == 0) throw domain_error(msg::cost_unit_cost_empty);
    if (in.volumes.rows() != products || in.volumes.cols() == 0)
        throw domain_error(msg::cost_volumes_rows, num(products), num(in.volumes.rows()));
    if (in.years < 1 || in.years > kMaxCostYears)
        throw domain_error(msg::cost_years_range, num(kMaxCostYears), num(in.years));
    check_values(in.unit_cost, "unit_cost", false);
    check_matrix(in.volumes, "volumes");
    for (std::size_t i = 0; i < in.index_rate_per_year.size(); ++i) {
        const double r = in.index_rate_per_year[i];
        if (!std::isfinite(r) || r <= -1 || r > kMaxIndexRate)
            throw domain_error(msg::cost_index_range, num(kMaxIndexRate), num(r), num(i + 1));
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
        if (!std::isfinite(v)) throw domain_error(msg::cost_projection_overflow);
    return out;
}

}  // namespace kuntaplan
