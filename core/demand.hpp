// Service demand from projected ages, pupils by grade, grade progression and
// the capacity gap of service units.
//
// Methods:
//  - Demand: the per-capita use method (rate of use by age × projected
//    population), as in Smith, Tayman & Swanson (2013), A Practitioner's Guide
//    to State and Local Population Projections, Springer, ch. 11 ("projections
//    of population-related characteristics": participation/ratio methods).
//    An annual relative trend per service multiplies year t (0 = the first
//    column) by (1 + trend)^t.
//  - Pupils by grade from single-year ages: grade g (1-based) is age
//    entry_age + g − 1 (Finnish basic education: entry at 7, grades 1–9).
//  - Grade progression ratios and the school projection: the cohort-survival
//    (grade progression rate) method of school enrolment projection:
//    r_g(t) = E[g+1, t+1] / E[g, t]; future E[g+1, t+1] = r_g · E[g, t], the
//    first grade from projected entrants. NCES, Projections of Education
//    Statistics to 2028 (Hussar & Bailey 2020, NCES 2020-024), Appendix A.1
//    ("grade progression rate method"); Grip (2004), Projecting enrollment in
//    rural schools, Journal of Research in Rural Education 19(3).
//    Summaries of the history: mean of the yearly ratios, their median, the
//    last one, or weighted (Σ E[g+1, t+1] / Σ E[g, t], each year weighted by
//    its enrolment).
#pragma once

#include <span>
#include <vector>

#include "errors.hpp"
#include "matrix.hpp"

namespace kuntaplan {

// services × years: Σ_age rates[age, s] · population[age, t] · (1 + trend[s])^t.
// population ages × years (≥ 0); rates ages × services (≥ 0); trend empty, one
// value for every service, or one per service, each > −1.
Matrix project_demand(MatrixView population, MatrixView rates, std::span<const double> trend_per_year = {});

// grades × years: pupils of grade g = population[entry_age + g − 1, t] ·
// participation. population: single-year ages (row i = age i) × years, ≥ 0.
// participation: empty (1), 1 × 1, grades × 1 (per grade) or grades × years;
// values in [0, 1.5] (a share, allowing pupils from outside the area).
Matrix school_pupils(MatrixView population, int entry_age, int grades, MatrixView participation = {});

enum class ProgressionMethod { mean, median, last, weighted };

// (grades − 1) ratios from an enrolment history grades × past years (at least
// 2 grades and 2 years, values ≥ 0). Years in which grade g had no pupils give
// no ratio for g; a grade with no ratio at all is a domain_error.
std::vector<double> grade_progression_ratios(MatrixView enrolment,
                                             ProgressionMethod method = ProgressionMethod::mean);

// grades × future years: from the last column of `enrolment` (grades × past
// years), the entrants of each future year (the first grade) and the ratios
// (grades − 1 values, ≥ 0).
Matrix project_enrolment(MatrixView enrolment, std::span<const double> entrants,
                         std::span<const double> ratios);

// units × years: capacity − demand. capacity units × 1 (constant) or units ×
// up to years columns (the last column carries on); demand units × years.
Matrix capacity_gap(MatrixView capacity, MatrixView demand);

}  // namespace kuntaplan
