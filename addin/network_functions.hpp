// Service demand and the service network: DEMAND.PROJECT, SCHOOL.*, NETWORK.*, POP.RISK.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table demand_project(const Table& population, const Table& rates, const css::uno::Any& trend);
Table school_pupils(const Table& population, double entry_age, double grades,
                    const css::uno::Any& participation);
Table school_gpr(const Table& enrolment, const css::uno::Any& method);
Table school_project(const Table& enrolment, const Table& entrants, const css::uno::Any& ratios);
Table network_gap(const Table& capacity, const Table& demand);
Table network_assign(const Table& demand, const Table& capacity, const Table& distance,
                     const css::uno::Any& output);
Table pop_risk(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
               double years, double age_from, double age_to, double threshold, const css::uno::Any& trials,
               const css::uno::Any& seed, const css::uno::Any& options);

}  // namespace kuntaplan::addin
