// Service demand and pupils as Calc calls them: DEMAND.PROJECT, SCHOOL.PUPILS,
// SCHOOL.GPR, SCHOOL.PROJECT. Each converts its arguments, calls the core
// (core/demand.hpp) and converts the result; the component wraps every call in
// translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table demand_project(const Table& population, const Table& rates, const css::uno::Any& trend);
Table school_pupils(const Table& population, double entry_age, double grades,
                    const css::uno::Any& participation);
Table school_gpr(const Table& enrolment, const css::uno::Any& method);
Table school_project(const Table& enrolment, const Table& entrants, const css::uno::Any& ratios);

}  // namespace kuntaplan::addin
