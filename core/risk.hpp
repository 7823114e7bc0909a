// The probability that an age band falls below a threshold: a stochastic
// cohort-component projection.
//
// Method: the deterministic recursion of demography.hpp (Preston, Heuveline &
// Guillot 2001, ch. 6) with each flow drawn as a count of whole people around
// its expected value — the "stochastic (random) cohort-component" model of
// Pflaumer (1988), Confidence intervals for population projections based on
// Monte Carlo methods, International Journal of Forecasting 4(1), 135–142, and
// of Cohen (1986), Population forecasts and confidence intervals for Sweden: a
// comparison of model-based and empirical approaches, Demography 23(1), 105–126
// (demographic, i.e. binomial/Poisson, variance at given rates). Per step,
// area, sex and age group (h = share of migrants at the start of the step):
//  - net migrants: T ~ Poisson(|M|) with the sign of the expected net count M
//    (counts, or rate × population × step); the start share ~ Binomial(T, h),
//    the rest arrive at the end. Only net migration is given, so its variance
//    is taken as that of a Poisson count of |M| independent moves (the least
//    a sum of independent moves can have; gross flows would add more);
//  - gross migration (migration=gross), the same split as POP.PROJECT's:
//    in-migrants at the start ~ Poisson(h·step·in) and at the end
//    ~ Poisson((1−h)·step·in), independent (by Poisson thinning the same as
//    one Poisson(step·in) split by Binomial(·, h), as net migrants are, but
//    drawn without one random bit per person). Out-migrants by rate r leave
//    the people there when they move: at the start ~ Binomial(P[x], h·r·step)
//    of the age group at the step's start, at the end ~ Binomial(N,
//    (1−h)·r·step) of the cohort N then (the survivors, or the surviving
//    newborns at age 0, before the end-of-step moves), so a cohort never loses
//    more people than it has. A probability above 1 (only with step 5 and r
//    above 0.2 or 0.4) is taken as 1: everybody leaves, where POP.PROJECT's
//    linear recursion takes more than the group holds and offsets it against
//    the in-migrants. Out-migrants as counts (out=counts) are drawn as the
//    in-migrants, O_h ~ Poisson(h·step·out) at the start and the rest at the
//    end, each capped by the people there, the in-migrants of the same moment
//    included: the group keeps max(0, P + I_h − O_h), POP.PROJECT's rule for a
//    cohort that emigration would drive below zero;
//  - survivors ~ Binomial(n, S[x]) of the n people at the start of the step
//    (after the start migrants), with S the deterministic model's survivorship;
//  - births ~ Poisson(step · Σ f[x] · (W_start[x] + W_end[x]) / 2), or with
//    births=start Poisson(step · Σ f[x] · W_start[x]) (W_start after the start
//    migrants), boys ~ Binomial(births, srb/(1+srb)), surviving newborns
//    ~ Binomial(·, S_birth).
// Every draw has the deterministic model's expectation given the state, and the
// recursion is linear, so the mean over trials equals POP.PROJECT (apart from
// cohorts that emigration would drive below zero, which are kept at zero in
// both, out-migration probabilities above 1, and the base, which is rounded to
// whole people here). By rate, out-migration needs no such cap: the mean equals
// POP.PROJECT's whenever the probabilities are at most 1.
//
// Reproducibility: the engine is std::mt19937_64, whose output sequence the C++
// standard fixes; all sampling is this project's own code (inversion with
// exact arithmetic for small means) or Boost.Random's header-only BTRD/PTRS
// samplers for large means (Hörmann 1993), never std:: distributions, whose
// algorithms differ between standard libraries. The numbers depend only on the
// seed, the inputs, IEEE-754 double arithmetic (compiled without contraction
// into fused multiply-adds) and libm's exp/log; see risk.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "demography.hpp"
#include "errors.hpp"
#include "matrix.hpp"

namespace kuntaplan {

// The most trials of one simulation.
inline constexpr int kMaxRiskTrials = 100000;

struct RiskInput {
    ProjectionInput projection;  // as for project_population; several areas are summed
    int age_from = 0;            // the band's ages, inclusive, in years; with step 5
    int age_to = 0;              // age_from and age_to + 1 are multiples of 5
    double threshold = 0.0;      // people; "below" is strictly less than
    int trials = 1000;           // 1 .. 100000
    std::uint64_t seed = 1;
};

// trials × years: the band's population (all areas, both sexes) at the end of
// each step in each trial.
Matrix simulate_band(const RiskInput& input);

// years: the share of trials in which the band is below the threshold.
std::vector<double> band_risk(const RiskInput& input);

}  // namespace kuntaplan
