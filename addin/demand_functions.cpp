#include "demand_functions.hpp"

#include "demand.hpp"
#include "errors.hpp"
#include "keywords.hpp"
#include "options.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

// The oldest school entry age and the most grades the conversion accepts.
constexpr int kMaxEntryAge = 150;
constexpr int kMaxGrades = 50;

ProgressionMethod progression_method(const std::string& text, std::string_view argument) {
    const std::string word = canonical_keyword("ratios", text);
    if (word == "mean") return ProgressionMethod::mean;
    if (word == "median") return ProgressionMethod::median;
    if (word == "last") return ProgressionMethod::last;
    if (word == "weighted") return ProgressionMethod::weighted;
    throw domain_error(msg::demand_method_unknown, std::string(argument), text);
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
    return to_table(kuntaplan::school_pupils(
        population_n.view(), as_integer(entry_age, "entry_age", 0, kMaxEntryAge),
        as_integer(grades, "grades", 1, kMaxGrades), share ? share->view() : MatrixView{}));
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

}  // namespace kuntaplan::addin
