#include "cost_functions.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "costing.hpp"
#include "errors.hpp"
#include "impact.hpp"
#include "keywords.hpp"
#include "options.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

// `schedule`: empty = 3.5 %; a number = a flat rate; "greenbook"; or a range of
// (first year, rate) rows. A one-cell range is read as its cell.
DiscountSchedule read_schedule(const Any& schedule) {
    Table table;
    if ((schedule >>= table) && !(table.getLength() == 1 && table[0].getLength() == 1)) {
        const Numbers steps = read<Numbers>(table, "schedule");
        if (steps.cols != 2) throw domain_error(msg::impact_schedule_columns, std::to_string(steps.cols));
        std::vector<double> first_years(steps.rows);
        for (std::size_t r = 0; r < steps.rows; ++r) first_years[r] = steps.values[r * 2];
        const auto years = as_integers(first_years, "schedule (first years)");
        std::vector<DiscountStep> out;
        for (std::size_t r = 0; r < steps.rows; ++r) out.push_back({years[r], steps.values[r * 2 + 1]});
        return stepped_schedule(std::move(out));
    }
    const Any& cell = table.getLength() == 1 ? table[0][0] : schedule;
    if (cell.getValueTypeClass() == css::uno::TypeClass_STRING) {
        const std::string text = optional_text(cell, "schedule").value_or("");
        if (text.empty()) return flat_schedule(0.035);
        const std::string key = canonical_keyword("schedule", text);
        if (key == "greenbook" || key == "green book") return green_book_schedule();
        throw domain_error(msg::impact_schedule_text, text);
    }
    return flat_schedule(optional_number(cell, "schedule").value_or(0.035));
}

std::vector<double> read_flows(const Table& flows, const char* name) {
    return as_vector(read<Numbers>(flows, name), name);
}

}  // namespace

Table cost_tdabc(const Table& resource_cost, const Table& capacity, const Table& minutes,
                 const Table& volumes, const Any& output) {
    const auto cost_v = read_flows(resource_cost, "resource_cost");
    const auto capacity_v = read_flows(capacity, "capacity");
    const Numbers minutes_n = read<Numbers>(minutes, "minutes");
    const auto volumes_v = read_flows(volumes, "volumes");
    const std::string kind =
        canonical_keyword("cost_output", optional_text(output, "output").value_or("unit"));
    if (kind != "unit" && kind != "total" && kind != "rates" && kind != "unused")
        throw domain_error(msg::cost_output, kind);
    const Tdabc result = cost_time_driven({cost_v, capacity_v, minutes_n.view(), volumes_v});
    if (kind == "unit") return to_column(result.unit_cost);
    if (kind == "total") return to_column(result.total_cost);
    if (kind == "rates") return to_column(result.rate_per_minute);
    Matrix unused(result.unused_minutes.size(), 2);
    for (std::size_t r = 0; r < unused.rows(); ++r) {
        unused(r, 0) = result.unused_minutes[r];
        unused(r, 1) = result.unused_cost[r];
    }
    return to_table(unused);
}

Table cost_abc(const Table& resource_cost, const Table& resource_drivers, const Table& activity_drivers,
               const Table& volumes) {
    const auto cost_v = read_flows(resource_cost, "resource_cost");
    const Numbers resource_n = read<Numbers>(resource_drivers, "resource_drivers");
    const Numbers activity_n = read<Numbers>(activity_drivers, "activity_drivers");
    const auto volumes_v = read_flows(volumes, "volumes");
    return to_column(cost_activity_based({cost_v, resource_n.view(), activity_n.view(), volumes_v}));
}

Table cost_project(const Table& unit_cost, const Table& volumes, const Any& index, const Any& years) {
    const auto unit_v = read_flows(unit_cost, "unit_cost");
    const Numbers volumes_n = read<Numbers>(volumes, "volumes");
    std::vector<double> rates;
    if (auto given = optional_numbers(index, "index")) rates = as_vector(*given, "index");
    int columns = static_cast<int>(std::min<std::size_t>(volumes_n.cols, kMaxCostYears));
    if (auto given = optional_number(years, "years")) columns = as_integer(*given, "years", 1, kMaxCostYears);
    return to_table(project_costs({unit_v, volumes_n.view(), rates, columns}));
}

Table impact_discount(double years, const Any& schedule) {
    const auto factors =
        discount_factors(read_schedule(schedule), as_integer(years, "years", 1, kMaxImpactYears));
    Matrix row(1, factors.size());
    std::copy(factors.begin(), factors.end(), row.data().begin());
    return to_table(row);
}

double impact_npv(const Table& flows, const Any& schedule) {
    return present_value(read_flows(flows, "flows"), read_schedule(schedule));
}

Any impact_payback(const Table& costs, const Table& benefits, const Any& schedule) {
    const auto year =
        payback_year(read_flows(costs, "costs"), read_flows(benefits, "benefits"), read_schedule(schedule));
    // An empty result shows as #N/A: the benefits never catch up.
    return year ? Any(static_cast<double>(*year)) : Any();
}

double impact_bcr(const Table& costs, const Table& benefits, const Any& schedule) {
    return benefit_cost_ratio(read_flows(costs, "costs"), read_flows(benefits, "benefits"),
                              read_schedule(schedule));
}

Table impact_simulate(const Table& costs, const Table& benefits, const Table& spread, const Any& schedule,
                      const Any& trials, const Any& seed, const Any& quantiles) {
    const Numbers costs_n = read<Numbers>(costs, "costs");
    const auto costs_v = as_vector(costs_n, "costs");
    const auto benefits_v = read_flows(benefits, "benefits");
    const Numbers spread_n = read<Numbers>(spread, "spread");

    // One spread for both streams (1 × 1), one per stream (1 × 2 or 2 × 1:
    // costs, benefits), or one per year and stream laid out like the flows: a
    // column per stream next to column flows, a row per stream under row flows.
    std::vector<double> cost_spread, benefit_spread;
    const std::size_t years = costs_v.size();
    const bool flows_in_rows = costs_n.rows == 1 && costs_n.cols > 1;
    if (spread_n.values.size() == 1) {
        cost_spread = benefit_spread = spread_n.values;
    } else if (spread_n.values.size() == 2 && (spread_n.rows == 1 || spread_n.cols == 1)) {
        cost_spread = {spread_n.values[0]};
        benefit_spread = {spread_n.values[1]};
    } else if (!flows_in_rows && spread_n.rows == years && spread_n.cols == 2) {
        for (std::size_t t = 0; t < years; ++t) {
            cost_spread.push_back(spread_n.values[t * 2]);
            benefit_spread.push_back(spread_n.values[t * 2 + 1]);
        }
    } else if (flows_in_rows && spread_n.rows == 2 && spread_n.cols == years) {
        cost_spread.assign(spread_n.values.begin(),
                           spread_n.values.begin() + static_cast<std::ptrdiff_t>(years));
        benefit_spread.assign(spread_n.values.begin() + static_cast<std::ptrdiff_t>(years),
                              spread_n.values.end());
    } else {
        // The expected shape is numbers only ("2 × 30" or "30 × 2"): the same in every language.
        const std::string expected =
            flows_in_rows ? "2 × " + std::to_string(years) : std::to_string(years) + " × 2";
        throw domain_error(msg::impact_spread_shape, expected, std::to_string(spread_n.rows),
                           std::to_string(spread_n.cols));
    }

    SimulationInput input{costs_v, benefits_v, cost_spread, benefit_spread, read_schedule(schedule)};
    if (auto given = optional_number(trials, "trials"))
        input.trials = as_integer(*given, "trials", 1, kMaxSimulationTrials);
    input.seed = read_seed(seed, input.seed);
    if (auto given = optional_numbers(quantiles, "quantiles"))
        input.quantiles = as_vector(*given, "quantiles");
    const Simulation result = simulate_npv(input);
    std::vector<double> out = result.quantiles;
    out.push_back(result.probability_positive);
    return to_column(out);
}

}  // namespace kuntaplan::addin
