// The residents of new housing (POP.HOUSING): floor area completed per
// development unit (a sub-area × building type) and year becomes arrival
// cohorts with the building type's age profile, and every cohort then ages
// in its stock with the type's retention coefficients, deaths and births.
//
// Method: the new-housing part of the Helsinki-region population model
// ("Vaestoennuste", City of Porvoo's open model, GitHub
// Porvoon-kehitysyksikko/Vaestoennuste, commit d4523fb5, UTENN_python.py and
// Dokumentaatio/Palveluvaestoennusteen_toteutus.pdf; Python translations of
// SAS programs by Seppo Laakso, Kaupunkitutkimus TA), as data/README.md
// ("Helsinki's housing-led sub-area inputs") describes it:
//  - occupied floor area = completed m² × (1 − vacant share); the vacant part
//    is occupied one year later as an arrival cohort of its own;
//  - new residents = occupied m² / m² per resident, spread by the type's age
//    profile (ages at the end of the arrival year, both sexes), split by sex;
//  - each year P[a+1] = P[a]·retention[a] − P[a]·q[a]: the retention
//    coefficient (residents aged a+1 at the end of a year over those aged a at
//    its start, in the same stock, net migration included) replaces migration;
//  - births of the stock's women stay in the stock, at age 0.
// What the source's Python translation does differently and we do not (data
// README: slips that are not in the data): it reads the completion columns
// Vv2..Vv15 as 2020..2033 (the sheet says Vv1 = 2020; here column 1 is the
// first projection year), it has a sign error in the open age group, and its
// births use the women at the year's end; here births and survival follow
// POP.PROJECT's conventions (demography.hpp: births=mean|start, srb,
// fertile_from, qx with the born-in-year row, mx, Lx) through the functions
// demography.hpp exports (projection_shape, projection_survivorship). The
// source also multiplies fertility and mortality by per-type deviations; the
// contract's building table has no room for them (give such units their own
// call with scaled rates).
//
// The recursion, per unit u and sex s (A ages, the last the open group;
// years t = 1..Y, column t of completions C is year t; P_0 = 0, the base):
//   arrivals   N_u(t) = (C_u(t)·(1 − v) + C_u(t−1)·v) / m2      (C_u(0) = 0)
//   survival   k(x)   = max(retention(x) − q_t(x), 0)    with q_t = 1 − S_t,
//                       S_t POP.PROJECT's survivorship of year t's mortality
//   P'(x+1)  = P(x)·k(x)                                  x = 0 .. A−3
//   P'(A−1)  = P(A−2)·k(A−2) + P(A−1)·k(A−1)   (the open group adds its own
//                                               survivors, with its own row)
//   B        = Σ_i f_t(i)·(W(i) + W'(i))/2  (births=mean; W women at the
//              start, W' at the end before the year's arrivals), or
//              Σ_i f_t(i)·W(i) (births=start)
//   P'(0)    = B·share_s·S_birth,t          (share_male = srb/(1+srb))
//   P'(x)   += N_u(t)·m_s·profile_type(x)/Σ profile_type   every x
// with m_male = male_share, m_female = 1 − male_share. A factor k below zero
// (retention below the death probability) empties the cohort, it never makes
// it negative. The profile is normalised, so that a unit's arrivals are
// exactly its occupied m² / m² per resident (the Helsinki profiles sum to
// 0.995..1.002, not 1; a profile given as counts or percentages also works).
// With retention 1 for every age, no deaths and no births, a unit's residents
// are exactly the sum of its arrivals, each cohort aged one year per year.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "demography.hpp"
#include "matrix.hpp"

namespace kuntaplan {

struct HousingOptions {
    // srb, fertile_from_age, mortality, births and lx_radix as POP.PROJECT;
    // step_years must be 1 (completions are per year); migration,
    // migration_timing and out_migration do not apply and are ignored.
    ProjectionOptions projection;
    double male_share = 0.5;  // of the arrivals, in [0, 1]
};

// Shapes (U units, Y' ≥ 1 completion years, T building types, A ages):
//  completions  U × Y', floor m² completed in each year (column 1 = year 1),
//               finite, ≥ 0; columns past `years` are ignored, missing later
//               years are 0.
//  types        U × 1, each unit's building type, a whole number 1..T.
//  building     T × 2: per type the floor m² per resident at the end of the
//               completion year (> 0) and the vacant share then (0..1).
//  profiles     A × T' (T' ≤ T; column j = type j), ≥ 0: the age distribution
//               of a type's new residents at the end of the arrival year.
//  retention    A × T'' (T'' ≤ T), finite, in [0, 1000].
//  fertility, mortality  as ProjectionInput (A ages).
// Every unit's type needs a profile column with a positive sum and a
// retention column. A type without a retention column is an error, not a
// retention of 1: staying forever would be an assumption the data do not make
// (Helsinki's coefficients cover types 1..5 only; the error names the unit).
struct HousingInput {
    MatrixView completions;
    MatrixView types;
    MatrixView building;
    MatrixView profiles;
    MatrixView retention;
    MatrixView fertility;
    MatrixView mortality;
    int years = 0;  // 1..1000
    HousingOptions options;
};

struct Housing {
    // areas = units: population, births and deaths as a projection's;
    // net_migration holds the retention's net moves plus the arrivals, so that
    // P(t+1) − P(t) = births − deaths + net_migration for every unit and sex.
    Projection projection;
    // arrivals[u·years + t]: people arriving in unit u at the end of year t+1
    // (both sexes, arrival cohorts only).
    std::vector<double> arrivals;
};

// Throws domain_error for every shape mismatch and every value out of its
// domain (negative floor area, a type out of range or without a column, zero
// m² per resident, a vacant share outside 0..1, ...), naming the argument and
// the cell; and when a unit's residents would pass 1e16.
Housing project_housing(const HousingInput& input);

enum class HousingOutput { total, male, female, both, units, arrivals };

// total/male/female  U·A × (Y+1) (U·nb with bands), both U·2A × (Y+1);
// units U × (Y+1); arrivals U × Y. Column 1 of the by-age and units outputs is
// the base, 0. `bands` as projection_table's, by-age outputs only.
Matrix housing_table(const Housing& housing, HousingOutput output, std::span<const int> bands = {});

}  // namespace kuntaplan
