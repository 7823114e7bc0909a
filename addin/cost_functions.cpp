#include "cost_functions.hpp"

#include "errors.hpp"

#pragma GCC diagnostic ignored "-Wunused-parameter"

namespace kuntaplan::addin {

// PLACEHOLDER while the models are written on their branch; replaced before release.
Table cost_tdabc(const Table& resource_cost, const Table& capacity, const Table& minutes, const Table& volumes, const css::uno::Any& output) {
    throw domain_error("COST.TDABC is not available yet");
}

Table cost_abc(const Table& resource_cost, const Table& resource_drivers, const Table& activity_drivers, const Table& volumes) {
    throw domain_error("COST.ABC is not available yet");
}

Table cost_project(const Table& unit_cost, const Table& volumes, const css::uno::Any& index, const css::uno::Any& years) {
    throw domain_error("COST.PROJECT is not available yet");
}

Table impact_discount(double years, const css::uno::Any& schedule) {
    throw domain_error("IMPACT.DISCOUNT is not available yet");
}

double impact_npv(const Table& flows, const css::uno::Any& schedule) {
    throw domain_error("IMPACT.NPV is not available yet");
}

css::uno::Any impact_payback(const Table& costs, const Table& benefits, const css::uno::Any& schedule) {
    throw domain_error("IMPACT.PAYBACK is not available yet");
}

double impact_bcr(const Table& costs, const Table& benefits, const css::uno::Any& schedule) {
    throw domain_error("IMPACT.BCR is not available yet");
}

Table impact_simulate(const Table& costs, const Table& benefits, const Table& spread, const css::uno::Any& schedule, const css::uno::Any& trials, const css::uno::Any& seed, const css::uno::Any& quantiles) {
    throw domain_error("IMPACT.SIMULATE is not available yet");
}

}  // namespace kuntaplan::addin
