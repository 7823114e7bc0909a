#include "network_functions.hpp"

#include "errors.hpp"

#pragma GCC diagnostic ignored "-Wunused-parameter"

namespace kuntaplan::addin {

// PLACEHOLDER while the models are written on their branch; replaced before release.
Table demand_project(const Table& population, const Table& rates, const css::uno::Any& trend) {
    throw domain_error("DEMAND.PROJECT is not available yet");
}

Table school_pupils(const Table& population, double entry_age, double grades, const css::uno::Any& participation) {
    throw domain_error("SCHOOL.PUPILS is not available yet");
}

Table school_gpr(const Table& enrolment, const css::uno::Any& method) {
    throw domain_error("SCHOOL.GPR is not available yet");
}

Table school_project(const Table& enrolment, const Table& entrants, const css::uno::Any& ratios) {
    throw domain_error("SCHOOL.PROJECT is not available yet");
}

Table network_gap(const Table& capacity, const Table& demand) {
    throw domain_error("NETWORK.GAP is not available yet");
}

Table network_assign(const Table& demand, const Table& capacity, const Table& distance, const css::uno::Any& output) {
    throw domain_error("NETWORK.ASSIGN is not available yet");
}

Table pop_risk(const Table& base, const Table& fertility, const Table& mortality, const Table& migration, double years, double age_from, double age_to, double threshold, const css::uno::Any& trials, const css::uno::Any& seed, const css::uno::Any& options) {
    throw domain_error("POP.RISK is not available yet");
}

}  // namespace kuntaplan::addin
