#include "network_functions.hpp"

#include <algorithm>
#include <cmath>

#include "demand.hpp"
#include "errors.hpp"
#include "network.hpp"
#include "options.hpp"
#include "risk.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

ProgressionMethod progression_method(const std::string& text, std::string_view argument) {
    const std::string word = lower_ascii(text);
    if (word == "mean") return ProgressionMethod::mean;
    if (word == "median") return ProgressionMethod::median;
    if (word == "last") return ProgressionMethod::last;
    if (word == "weighted") return ProgressionMethod::weighted;
    throw domain_error(std::string(argument) + ": '" + text + "' is not one of mean, median, last, weighted");
}

Matrix as_matrix(std::span<const double> values, std::size_t rows, std::size_t cols) {
    Matrix out(rows, cols);
    std::copy(values.begin(), values.end(), out.data().begin());
    return out;
}

}  // namespace

Table demand_project(const Table& population, const Table& rates, const Any& trend) {
    const Numbers population_n = read<Numbers>(population, "population");
    const Numbers rates_n = read<Numbers>(rates, "rates");
    std::vector<double> trend_v;
    if (auto given = optional_numbers(trend, "trend")) trend_v = as_vector(*given, "trend");
    return to_table(project_demand(population_n.view(), rates_n.view(), trend_v));
}

Table school_pupils(const Table& population, double entry_age, double grades, const Any& participation) {
    const Numbers population_n = read<Numbers>(population, "population");
    const auto share = optional_numbers(participation, "participation");
    return to_table(kuntaplan::school_pupils(population_n.view(), as_integer(entry_age, "entry_age", 0, 150),
                                             as_integer(grades, "grades", 1, 50),
                                             share ? share->view() : MatrixView{}));
}

Table school_gpr(const Table& enrolment, const Any& method) {
    const Numbers enrolment_n = read<Numbers>(enrolment, "enrolment");
    const auto chosen = progression_method(optional_text(method, "method").value_or("mean"), "method");
    return to_column(grade_progression_ratios(enrolment_n.view(), chosen));
}

// `ratios` may be numbers (grades − 1 of them), a method name ("median") or
// omitted (the mean ratios of the history).
Table school_project(const Table& enrolment, const Table& entrants, const Any& ratios) {
    const Numbers enrolment_n = read<Numbers>(enrolment, "enrolment");
    const auto entrants_v = as_vector(read<Numbers>(entrants, "entrants"), "entrants");
    std::vector<double> ratios_v;
    Table range;
    double number = 0.0;
    if ((ratios >>= range) ||
        (ratios.getValueTypeClass() == css::uno::TypeClass_DOUBLE && (ratios >>= number))) {
        if (auto given = optional_numbers(ratios, "ratios")) ratios_v = as_vector(*given, "ratios");
    }
    if (ratios_v.empty()) {
        const auto method = optional_text(ratios, "ratios");
        ratios_v = grade_progression_ratios(enrolment_n.view(),
                                            progression_method(method.value_or("mean"), "ratios"));
    }
    return to_table(project_enrolment(enrolment_n.view(), entrants_v, ratios_v));
}

Table network_gap(const Table& capacity, const Table& demand) {
    const Numbers capacity_n = read<Numbers>(capacity, "capacity");
    const Numbers demand_n = read<Numbers>(demand, "demand");
    return to_table(capacity_gap(capacity_n.view(), demand_n.view()));
}

// Blank cells (or negative numbers) in `distance` mean "no route".
Table network_assign(const Table& demand, const Table& capacity, const Table& distance, const Any& output) {
    AssignmentInput input;
    input.demand = as_vector(read<Numbers>(demand, "demand"), "demand");
    input.capacity = as_vector(read<Numbers>(capacity, "capacity"), "capacity");
    const NumbersOrBlanks distance_n = read<NumbersOrBlanks>(distance, "distance");
    input.distance = distance_n.view();
    const std::string kind = lower_ascii(optional_text(output, "output").value_or("flows"));
    if (kind != "flows" && kind != "load" && kind != "unserved" && kind != "cost")
        throw domain_error("output: '" + kind + "' is not one of flows, load, unserved, cost");
    const Assignment result = assign_to_units(input);
    if (kind == "flows") return to_table(result.flows);
    if (kind == "load") return to_column(result.load);
    if (kind == "unserved") return to_column(result.unserved);
    return to_table(as_matrix(std::span<const double>(&result.cost, 1), 1, 1));
}

Table pop_risk(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
               double years, double age_from, double age_to, double threshold, const Any& trials,
               const Any& seed, const Any& options) {
    const Numbers base_n = read<Numbers>(base, "base");
    const Numbers fertility_n = read<Numbers>(fertility, "fertility");
    const Numbers mortality_n = read<Numbers>(mortality, "mortality");
    const Numbers migration_n = read<Numbers>(migration, "migration");
    const ProjectionRequest request =
        parse_projection_request("total", optional_text(options, "options").value_or(""));
    if (!request.bands.empty()) throw domain_error("options: 'bands' is not an option of POP.RISK");
    RiskInput input;
    input.projection.base = base_n.view();
    input.projection.fertility = fertility_n.view();
    input.projection.mortality = mortality_n.view();
    input.projection.migration = migration_n.view();
    input.projection.years = as_integer(years, "years", 1, 1000);
    input.projection.options = request.options;
    input.age_from = as_integer(age_from, "age_from", 0, 1000);
    input.age_to = as_integer(age_to, "age_to", 0, 1000);
    input.threshold = threshold;
    input.trials = as_integer(optional_number(trials, "trials").value_or(1000), "trials", 1, 100000);
    const double seed_value = optional_number(seed, "seed").value_or(1.0);
    if (!(seed_value >= 0.0 && seed_value <= 9007199254740992.0) || seed_value != std::floor(seed_value))
        throw domain_error("seed: must be a whole number from 0 to 2^53, but was: " +
                           std::to_string(seed_value));
    input.seed = static_cast<std::uint64_t>(seed_value);
    const auto risk = band_risk(input);
    return to_table(as_matrix(risk, 1, risk.size()));
}

}  // namespace kuntaplan::addin
