// The solver NETWORK.ASSIGN used before LEMON's network simplex, kept only as an
// independent reference for tests/unit/test_network.cpp and bench/bench_network.cpp:
// Boost.Graph's successive_shortest_path_nonnegative_weights (Ahuja, Magnanti &
// Orlin 1993, §9.7) on source → areas → units → sink, distances scaled so that
// the largest is 2^30. The input is assumed valid (see core/network.hpp).
//
// Why the weights are doubles holding whole numbers: Boost's successive shortest
// path adds each round's Dijkstra distances to the potentials, and a vertex the
// residual network no longer reaches gets the "infinite" distance
// numeric_limits<D>::max(). With an integer D that sum overflows; with double it
// saturates harmlessly. Whole numbers below 2^53 add exactly in double.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "network.hpp"

namespace kuntaplan::reference {

namespace detail {
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, std::int64_t,
                    boost::property<boost::edge_residual_capacity_t, std::int64_t,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, double>>>>>;
using Edge = Traits::edge_descriptor;

// Adds u → v and its reverse (capacity 0, cost −cost), as the algorithm needs.
inline Edge add_arc(Graph& g, std::size_t u, std::size_t v, std::int64_t capacity, double cost) {
    const Edge e = boost::add_edge(u, v, g).first;
    const Edge r = boost::add_edge(v, u, g).first;
    boost::put(boost::edge_capacity, g, e, capacity);
    boost::put(boost::edge_capacity, g, r, 0);
    boost::put(boost::edge_weight, g, e, cost);
    boost::put(boost::edge_weight, g, r, -cost);
    boost::put(boost::edge_reverse, g, e, r);
    boost::put(boost::edge_reverse, g, r, e);
    return e;
}

inline bool has_route(double d) { return !std::isnan(d) && d >= 0.0; }
}  // namespace detail

// The same result fields as assign_to_units: flows, load, unserved, cost.
inline Assignment boost_assign(const AssignmentInput& in) {
    using namespace detail;
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    std::vector<std::int64_t> demand(m), capacity(n);
    for (std::size_t i = 0; i < m; ++i) demand[i] = std::llround(in.demand[i] * kFlowUnitsPerPerson);
    for (std::size_t j = 0; j < n; ++j) capacity[j] = std::llround(in.capacity[j] * kFlowUnitsPerPerson);
    double longest = 0.0;
    for (double d : in.distance.data())
        if (has_route(d)) longest = std::max(longest, d);
    const double scale = longest > 0.0 ? 1073741824.0 / longest : 0.0;
    // Vertices: 0 source, 1 sink, 2 .. 2+m−1 areas, 2+m .. 2+m+n−1 units.
    const std::size_t source = 0, sink = 1, area0 = 2, unit0 = 2 + m;
    Graph g(2 + m + n);
    std::vector<Edge> route(m * n);
    std::vector<bool> routed(m * n, false);
    for (std::size_t i = 0; i < m; ++i) {
        if (demand[i] == 0) continue;
        add_arc(g, source, area0 + i, demand[i], 0.0);
        for (std::size_t j = 0; j < n; ++j) {
            const double d = in.distance(i, j);
            if (!has_route(d) || capacity[j] == 0) continue;
            route[i * n + j] = add_arc(g, area0 + i, unit0 + j, demand[i], std::round(d * scale));
            routed[i * n + j] = true;
        }
    }
    for (std::size_t j = 0; j < n; ++j)
        if (capacity[j] > 0) add_arc(g, unit0 + j, sink, capacity[j], 0.0);
    boost::successive_shortest_path_nonnegative_weights(g, source, sink);

    Assignment out;
    out.flows = Matrix(m, n);
    out.load.assign(n, 0.0);
    out.unserved.assign(m, 0.0);
    const auto cap = boost::get(boost::edge_capacity, g);
    const auto residual = boost::get(boost::edge_residual_capacity, g);
    for (std::size_t i = 0; i < m; ++i) {
        std::int64_t served = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (!routed[i * n + j]) continue;
            const std::int64_t flow = cap[route[i * n + j]] - residual[route[i * n + j]];
            served += flow;
            out.flows(i, j) = static_cast<double>(flow) / kFlowUnitsPerPerson;
        }
        out.unserved[i] = static_cast<double>(demand[i] - served) / kFlowUnitsPerPerson;
    }
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < m; ++i) {
            out.load[j] += out.flows(i, j);
            if (out.flows(i, j) > 0.0) out.cost += out.flows(i, j) * in.distance(i, j);
        }
    return out;
}

}  // namespace kuntaplan::reference
