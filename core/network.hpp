// Least-distance assignment of areas' demand to service units within their
// capacities: the transportation problem solved as a minimum-cost maximum flow.
//
// Method: Ahuja, Magnanti & Orlin (1993), Network Flows, Prentice Hall (the
// transportation problem as a min-cost flow, ch. 1; the successive shortest
// path algorithm, ch. 9, §9.7), as implemented by Boost.Graph's
// successive_shortest_path_nonnegative_weights on the network
//   source → area i (capacity demand_i, cost 0)
//   area i → unit j (capacity demand_i, cost distance_ij) for every route
//   unit j → sink   (capacity capacity_j, cost 0).
// The algorithm returns a maximum flow of least cost: as much demand as the
// capacities and routes allow is served, and among all such assignments the
// total person-distance is least. Demand that cannot be served (total demand
// above the reachable capacity) is reported, not an error.
//
// Numbers: demand and capacity are people (real numbers). The flow is solved
// in whole units of 1e-6 people (each value rounded to the nearest 1e-6), so
// flows are exact multiples of 1e-6 and whole numbers when the inputs are.
// Distances are scaled to whole numbers with the largest distance mapped to
// 2^30 (a relative resolution of 1e-9), because Boost's Dijkstra refuses
// negative reduced costs, which floating-point rounding could produce; the
// reported cost is computed from the given distances.
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
