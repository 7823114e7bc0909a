// Least-distance assignment of areas' demand to service units within their
// capacities: the transportation problem solved as a minimum-cost maximum flow.
//
// Network (Ahuja, Magnanti & Orlin 1993, Network Flows, Prentice Hall, ch. 1:
// the transportation problem as a min-cost flow):
//   source → area i (capacity demand_i, cost 0)
//   area i → unit j (capacity demand_i, cost distance_ij) for every route
//   unit j → sink   (capacity capacity_j, cost 0)
//   sink → source   (unbounded, cost −M)
// and a minimum-cost circulation on it (all supplies zero), found by the
// network simplex method (AMO 1993, ch. 11) as implemented by LEMON 1.3's
// lemon::NetworkSimplex (block-search pivots; Kovács 2015, Optimization
// Methods and Software 30(1), 94–127, compares it with the other min-cost
// flow algorithms). The circulation's cost is Σ cost·flow − M·F, where F is
// the flow served.
//
// Why this is "maximum flow first, then least cost": with M = min(m, n)·2^40
// and every route's integer cost below 2^40, a circulation that serves less
// than the maximum flow F* is never optimal. Its residual network has an
// augmenting source–sink path (max-flow theory, AMO ch. 6), and a simple one
// uses at most min(m, n) forward area → unit arcs (each leaves a different area
// and enters a different unit), cost ≤ 2^40 each (a distance just below a
// power of two can round up to 2^40), and backward arcs of cost ≤ 0: with
// M = min(m, n)·2^40 + 1 the path costs less than M, so the path plus sink → source is a negative
// cycle (AMO Theorem 9.1). Among circulations with F = F* the objective is
// Σ cost·flow − M·F*, so the least-cost maximum flow is the optimum, exactly.
// Demand that cannot be served (total demand above the reachable capacity, or
// no route) is reported, not an error.
//
// Numbers: demand and capacity are people (real numbers). The flow is solved
// in whole units of 1e-6 people (each value rounded to the nearest 1e-6), so
// flows are exact multiples of 1e-6 and whole numbers when the inputs are.
// Costs are the distances times a power of two, 2^k with the largest distance
// scaled into [2^39, 2^40), rounded to whole numbers (so at most 2^40): a relative resolution of
// 2^-40 (about 1e-12), and whole-number distances (and all multiples of 2^-k)
// are exact, so their ties and sums are compared exactly. The reported cost
// is computed from the given distances.
//
// Integer types: flows and costs are int64 (LEMON needs exact signed types:
// double would lose whole units above 2^53, and __int128 has no
// numeric_limits in strict C++20). Flows are at most the total demand, 1e18
// units < 2^63. Node potentials are sums of arc costs along a tree path, at
// most M + 2·min(m, n)·2^40 < 2^52, and reduced costs below 2^53: no overflow.
// LEMON's own objective Σ cost·flow (totalCost) could overflow int64 (up to
// 1e18 · 2^40) and is not used.
#pragma once

#include <vector>

#include "errors.hpp"
#include "matrix.hpp"

namespace kuntaplan {

// Shapes: demand m areas, capacity n units, distance m × n. A distance that
// is NaN or negative means "no route" (the add-in maps a blank cell to NaN).
// Demand and capacity in [0, 1e9] and their totals at most 1e12; distances
// finite (or no route) and at most 1e12; m·n at most 1e6.
struct AssignmentInput {
    std::vector<double> demand;
    std::vector<double> capacity;
    MatrixView distance;
};

struct Assignment {
    Matrix flows;                  // m × n people of area i served by unit j
    std::vector<double> load;      // n: Σ_i flows(i, j)
    std::vector<double> unserved;  // m: demand_i − Σ_j flows(i, j) (≥ 0)
    double cost = 0.0;             // Σ flows(i, j) · distance(i, j)
};

inline constexpr double kFlowUnitsPerPerson = 1e6;  // the flow is solved in 1e-6 people

Assignment assign_to_units(const AssignmentInput& input);

}  // namespace kuntaplan
