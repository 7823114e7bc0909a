// Service costing and long-horizon impact: COST.*, IMPACT.*.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table cost_tdabc(const Table& resource_cost, const Table& capacity, const Table& minutes,
                 const Table& volumes, const css::uno::Any& output);
Table cost_abc(const Table& resource_cost, const Table& resource_drivers, const Table& activity_drivers,
               const Table& volumes);
Table cost_project(const Table& unit_cost, const Table& volumes, const css::uno::Any& index,
                   const css::uno::Any& years);
Table impact_discount(double years, const css::uno::Any& schedule);
double impact_npv(const Table& flows, const css::uno::Any& schedule);
css::uno::Any impact_payback(const Table& costs, const Table& benefits, const css::uno::Any& schedule);
double impact_bcr(const Table& costs, const Table& benefits, const css::uno::Any& schedule);
Table impact_simulate(const Table& costs, const Table& benefits, const Table& spread,
                      const css::uno::Any& schedule, const css::uno::Any& trials, const css::uno::Any& seed,
                      const css::uno::Any& quantiles);

}  // namespace kuntaplan::addin
