// Long-horizon impact: discounting, net present value, payback, benefit-cost
// ratio and a Monte Carlo of the net present value.
//
// Methods:
//  - Discounting with a schedule of rates, HM Treasury (2003, updated 2022),
//    The Green Book: Central Government Guidance on Appraisal and Evaluation,
//    Annex 6 ("Discounting"; Table 6.1 of the 2003 edition, Table 8 of
//    Annex A6 in 2022): the declining long-term discount rate, 3.5 % for years
//    0–30, 3.0 % for 31–75, 2.5 % for 76–125, 2.0 % for 126–200, 1.5 % for
//    201–300 and 1.0 % from 301 on. The Green Book applies 3.5 % "to all costs and
//    benefits up to and including the 30th year" and the lower rates to the
//    years after, as stepped compound factors:
//        D(0) = 1,   D(t) = D(t − 1) / (1 + r(t)),
//    where r(t) is the rate of the period that year t falls in. So
//    D(30) = 1.035^−30 and D(31) = 1.035^−30 · 1.03^−1 (the year-31 flow is the
//    first one discounted at the lower rate for its last year). A flat rate r gives
//    D(t) = (1 + r)^−t, the convention of Calc's NPV for the flows after the first:
//    present value = flows[0] + NPV(r; flows[1..]).
//  - Payback year: the first year t with Σ_{s≤t} D(s)·benefit(s) ≥ Σ_{s≤t} D(s)·cost(s)
//    once some benefit has arrived (the discounted payback period, e.g. Boardman
//    et al., Cost-Benefit Analysis: Concepts and Practice, 5th ed., ch. 6).
//  - Benefit-cost ratio: Σ D·benefit / Σ D·cost (Boardman et al., ch. 2).
//  - Monte Carlo (Boardman et al., ch. 7, "Monte Carlo sensitivity analysis"):
//    each trial multiplies the cost stream by one draw and the benefit stream by
//    another, independent draw. The multiplier of year t is lognormal with mean 1
//    and relative standard deviation s(t) (the `spread` of that stream and year):
//        m(t) = exp(σ(t)·Z − σ(t)²/2),   σ(t)² = ln(1 + s(t)²),
//    with one standard normal Z per stream and trial, so that the years of a
//    stream move together. Why: the uncertainty of a long-horizon estimate (what
//    exclusion costs, what a service will cost) is mostly in its level, which
//    independent yearly draws would average away into a falsely narrow range; the
//    lognormal keeps flows ≥ 0, keeps their mean (the mean NPV is the NPV) and is
//    right-skewed like cost overruns. A normal truncated at zero would shift the
//    mean for large spreads.
//    Random numbers: std::mt19937_64 (its output is fixed by the C++ standard),
//    one 64-bit word per draw, cost draw first, then benefit draw; the top 53 bits
//    give u = (k + 0.5)·2^−53 in (0, 1), and Z = −√2·erfc⁻¹(2u) (Boost.Math). The
//    standard library's distributions are not used because their algorithms
//    differ between library implementations. So the same seed gives the same
//    trials everywhere; only the last-bit rounding of exp and erfc⁻¹ may differ
//    between C libraries, far below what a spreadsheet shows.
//    Quantiles are interpolated between order statistics as Calc's PERCENTILE
//    (Hyndman & Fan 1996, definition 7).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "errors.hpp"

namespace kuntaplan {

struct DiscountStep {
    int first_year = 0;  // the rate holds from this year on (to the next step's first year)
    double rate = 0.0;   // per year, > −1
};

// Steps in increasing order of first_year; the first starts at year 0 or 1 (the
// rate of year 0 is never used: D(0) = 1).
struct DiscountSchedule {
    std::vector<DiscountStep> steps;
};

DiscountSchedule flat_schedule(double rate_per_year);
DiscountSchedule green_book_schedule();
// Validates: at least one step, first years whole, increasing, the first 0 or 1,
// rates finite, > −1 and at most 1.
DiscountSchedule stepped_schedule(std::vector<DiscountStep> steps);

// Most years a stream may have.
inline constexpr int kMaxImpactYears = 1000;
// The most trials of a simulation, and the largest seed (2^53, a whole number a spreadsheet holds exactly).
inline constexpr int kMaxSimulationTrials = 1'000'000;
inline constexpr std::uint64_t kMaxSeed = std::uint64_t{1} << 53;

// D(0) .. D(years − 1); years 1..1000.
std::vector<double> discount_factors(const DiscountSchedule& schedule, int years);

// Σ D(t)·flows[t]; flows finite, at most 1e15 in magnitude, 1..1000 of them.
double present_value(std::span<const double> flows, const DiscountSchedule& schedule);

// Costs and benefits: the same length (1..1000), each ≥ 0 and at most 1e15.
// Empty when the discounted benefits never catch up with the discounted costs.
std::optional<int> payback_year(std::span<const double> costs, std::span<const double> benefits,
                                const DiscountSchedule& schedule);
// The discounted costs must be > 0.
double benefit_cost_ratio(std::span<const double> costs, std::span<const double> benefits,
                          const DiscountSchedule& schedule);

struct SimulationInput {
    std::span<const double> costs;           // T, ≥ 0
    std::span<const double> benefits;        // T, ≥ 0
    std::span<const double> cost_spread;     // 1 (every year) or T, relative sd in [0, 10]
    std::span<const double> benefit_spread;  // 1 or T
    DiscountSchedule schedule;
    int trials = 10000;                            // 1 .. 1,000,000
    std::uint64_t seed = 1;                        // ≤ 2^53 (a whole number a spreadsheet holds exactly)
    std::vector<double> quantiles{0.1, 0.5, 0.9};  // 1..100 probabilities in [0, 1]
};

struct Simulation {
    std::vector<double> quantiles;    // the NPV at each requested probability
    double probability_positive = 0;  // share of trials with NPV > 0
};

Simulation simulate_npv(const SimulationInput& input);

}  // namespace kuntaplan
