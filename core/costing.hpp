// Service costing: what one unit of a service product costs.
//
// Methods:
//  - Time-driven activity-based costing (TDABC): Kaplan, R. S. & Anderson, S. R.
//    (2004), "Time-Driven Activity-Based Costing", Harvard Business Review 82(11),
//    131–138. Two parameters per resource: the capacity cost rate
//        rate[r] = resource cost[r] / practical capacity[r]      (money per minute)
//    and the unit times of the "time equation" of each product; then
//        unit cost[p] = Σ_r minutes[p, r] · rate[r]
//        used[r]      = Σ_p minutes[p, r] · volume[p]
//        unused[r]    = capacity[r] − used[r], costing unused[r] · rate[r].
//    Their customer-service example: 567,000 / 700,000 min = 0.81 per minute;
//    8, 44 and 50 minutes per order, inquiry and credit check give 6.48, 35.64
//    and 40.50 per unit; 49,000 orders, 1,400 inquiries and 2,500 checks use
//    578,600 minutes and leave 121,400 minutes (98,334) unused.
//  - Classic two-stage activity-based costing: Cooper, R. & Kaplan, R. S. (1988),
//    "Measure Costs Right: Make the Right Decisions", HBR 66(5); textbook form in
//    Horngren, Datar & Rajan, Cost Accounting: A Managerial Emphasis, ch. 5.
//    Stage 1 spreads each resource over the activities in proportion to its
//    resource driver; stage 2 divides each activity's cost by its total driver
//    quantity (the activity rate) and charges each product rate × the driver
//    quantity it consumed; the unit cost is that charge / the product's volume.
//  - Cost projection: unit cost at the first year's prices × projected volume ×
//    a cumulated cost index (the rate of year j is the change from year j−1).
#pragma once

#include <span>
#include <vector>

#include "errors.hpp"
#include "matrix.hpp"

namespace kuntaplan {

// R resources, P products.
struct TdabcInput {
    std::span<const double> resource_cost;     // R, money per period, ≥ 0
    std::span<const double> capacity_minutes;  // R, practical capacity per period, > 0
    MatrixView minutes_per_unit;               // P × R, ≥ 0 (the time equations' unit times)
    std::span<const double> volumes;           // P, units per period, ≥ 0
};

struct Tdabc {
    std::vector<double> rate_per_minute;  // R
    std::vector<double> unit_cost;        // P
    std::vector<double> total_cost;       // P: unit cost × volume
    std::vector<double> used_minutes;     // R
    std::vector<double> unused_minutes;   // R: negative when demand exceeds practical capacity
    std::vector<double> unused_cost;      // R: unused minutes × rate (negative likewise)
};

// Throws domain_error for empty or mismatched inputs and values out of the
// domains above (or beyond 1e15 in magnitude, so that nothing can overflow).
Tdabc cost_time_driven(const TdabcInput& input);

// R resources, A activities, P products.
struct AbcInput {
    std::span<const double> resource_cost;  // R, ≥ 0
    MatrixView resource_drivers;            // R × A, ≥ 0: how much of each resource each activity uses
    MatrixView activity_drivers;            // P × A, ≥ 0: the driver quantity each product consumes
                                            // in the period (e.g. lessons, meals, trips)
    std::span<const double> volumes;        // P, units per period, > 0
};

// Unit cost of each product (P). A resource with a cost but no driver, or an
// activity with a cost but no driver quantity, cannot be traced and is an error.
std::vector<double> cost_activity_based(const AbcInput& input);

// The most years (result columns) of a cost projection.
inline constexpr int kMaxCostYears = 1000;

struct CostProjectionInput {
    std::span<const double> unit_cost;            // P, at the prices of the first year, ≥ 0
    MatrixView volumes;                           // P × V (V ≥ 1): projected volumes; fewer than `years`
                                                  // columns carry the last one on, more are not used
    std::span<const double> index_rate_per_year;  // empty = 0; 1 = the same every year; else the
                                                  // rate under each year column (the first is not used,
                                                  // fewer carry the last on, more are not used); each > −1
    int years = 0;                                // 1..1000 result columns
};

// P × years: unit_cost[p] · volume[p, j] · Π_{k=1..j} (1 + rate[k]).
Matrix project_costs(const CostProjectionInput& input);

}  // namespace kuntaplan
