// Least-distance assignment as a min-cost max-flow by LEMON's network simplex;
// see network.hpp for the network, the method, why it is exact, and the
// number conventions.
#include "network.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;

constexpr double kMaxAmount = 1e9;  // people per area or unit
constexpr double kMaxTotal = 1e12;  // people in all areas / all units: 1e18 flow units fit in int64
constexpr double kMaxDistance = 1e12;
constexpr std::size_t kMaxPairs = 1'000'000;
constexpr int kCostBits = 40;  // every route's cost is at most 2^40 (see network.hpp)

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>;

bool has_route(double d) { return !std::isnan(d) && d >= 0.0; }

std::vector<std::int64_t> to_units(const std::vector<double>& values, const char* what) {
    std::vector<std::int64_t> out(values.size());
    double total = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (!(v >= 0.0 && v <= kMaxAmount))
            throw domain_error(msg::network_amount_range, what, messages::power(kMaxAmount), num(v),
                               num(i + 1));
        total += v;
        out[i] = static_cast<std::int64_t>(std::llround(v * kFlowUnitsPerPerson));
    }
    if (total > kMaxTotal)
        throw domain_error(msg::network_total_too_large, what, messages::power(kMaxTotal), num(total));
    return out;
}

// Checks the shapes and the distances; returns the longest route (0 if none).
double check_input(const AssignmentInput& in) {
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    if (m == 0) throw domain_error(msg::network_demand_empty);
    if (n == 0) throw domain_error(msg::network_capacity_empty);
    if (m * n > kMaxPairs)
        throw domain_error(msg::network_pairs_limit, messages::power(static_cast<double>(kMaxPairs)),
                           num(m * n));
    if (in.distance.rows() != m || in.distance.cols() != n)
        throw domain_error(msg::network_distance_shape, num(m), num(n), num(in.distance.rows()),
                           num(in.distance.cols()));
    double longest = 0.0;
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double d = in.distance(i, j);
            if (std::isinf(d) || d > kMaxDistance)
                throw domain_error(msg::network_distance_value, messages::power(kMaxDistance), num(d),
                                   num(i + 1), num(j + 1));
            if (has_route(d)) longest = std::max(longest, d);
        }
    return longest;
}

// An arc map for LEMON computed on demand from the arc, so that the solver's
// own arrays are the only per-arc storage besides the graph.
template <typename F>
struct ArcFunction {
    using Key = Graph::Arc;
    using Value = std::int64_t;
    F f;
    Value operator[](const Key& a) const { return f(a); }
};
template <typename F>
ArcFunction<F> arc_function(F f) {
    return {f};
}

// The network of network.hpp. Nodes: 0 source, 1 sink, 2 .. 2+m−1 areas,
// 2+m .. 2+m+n−1 units. Areas without demand and units without capacity get
// no arcs.
struct Network {
    static constexpr int kSource = 0, kSink = 1, kArea0 = 2;
    int unit0 = 0;
    Graph g;

    Network(const AssignmentInput& in, const std::vector<std::int64_t>& demand,
            const std::vector<std::int64_t>& capacity) {
        const std::size_t m = demand.size(), n = capacity.size();
        unit0 = kArea0 + static_cast<int>(m);
        g.reserveNode(static_cast<int>(2 + m + n));
        for (std::size_t v = 0; v < 2 + m + n; ++v) g.addNode();
        std::size_t arcs = 1 + m + n;
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) arcs += has_route(in.distance(i, j));
        g.reserveArc(static_cast<int>(arcs));
        for (std::size_t i = 0; i < m; ++i) {
            if (demand[i] == 0) continue;
            g.addArc(node(kSource), node(kArea0 + static_cast<int>(i)));
            for (std::size_t j = 0; j < n; ++j)
                if (has_route(in.distance(i, j)) && capacity[j] > 0)
                    g.addArc(node(kArea0 + static_cast<int>(i)), node(unit0 + static_cast<int>(j)));
        }
        for (std::size_t j = 0; j < n; ++j)
            if (capacity[j] > 0) g.addArc(node(unit0 + static_cast<int>(j)), node(kSink));
        g.addArc(node(kSink), node(kSource));
    }
    static Graph::Node node(int id) { return Graph::nodeFromId(id); }
    int id(Graph::Node v) const { return g.id(v); }
};

// Solves the circulation of network.hpp; the solver then holds the flows.
void solve(Solver& solver, const Network& net, const AssignmentInput& in,
           const std::vector<std::int64_t>& demand, const std::vector<std::int64_t>& capacity,
           double longest) {
    const std::size_t m = demand.size(), n = capacity.size();
    // The largest distance times 2^shift lies in [2^39, 2^40) and rounds to at most 2^40; shift ≥ 0
    // since distances ≤ 1e12 < 2^40. M exceeds min(m, n) such costs: see network.hpp.
    int exponent = 0;
    std::frexp(longest, &exponent);
    const int shift = kCostBits - exponent;
    const std::int64_t big_m = (static_cast<std::int64_t>(std::min(m, n)) << kCostBits) + 1;
    const Graph& g = net.g;
    const auto upper = arc_function([&](Graph::Arc a) -> std::int64_t {
        const int u = net.id(g.source(a)), v = net.id(g.target(a));
        if (u == Network::kSink) return solver.INF;
        if (v == Network::kSink) return capacity[static_cast<std::size_t>(u - net.unit0)];
        return demand[static_cast<std::size_t>((u == Network::kSource ? v : u) - Network::kArea0)];
    });
    const auto cost = arc_function([&](Graph::Arc a) -> std::int64_t {
        const int u = net.id(g.source(a)), v = net.id(g.target(a));
        if (u == Network::kSink) return -big_m;
        if (u == Network::kSource || v == Network::kSink) return 0;
        const double d = in.distance(static_cast<std::size_t>(u - Network::kArea0),
                                     static_cast<std::size_t>(v - net.unit0));
        return std::llround(std::ldexp(d, shift));
    });
    solver.upperMap(upper).costMap(cost);
    // All supplies are zero (a circulation), so OPTIMAL is the only possible outcome: the zero flow is
    // feasible, and every cycle through the one unbounded arc passes a bounded source → area arc.
    if (solver.run() != Solver::OPTIMAL)
        throw std::logic_error("NETWORK.ASSIGN: the network simplex found no optimum (a bug)");
}

}  // namespace

Assignment assign_to_units(const AssignmentInput& in) {
    const double longest = check_input(in);
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    const std::vector<std::int64_t> demand = to_units(in.demand, "demand");
    const std::vector<std::int64_t> capacity = to_units(in.capacity, "capacity");
    const Network net(in, demand, capacity);
    Solver solver(net.g);
    solve(solver, net, in, demand, capacity, longest);

    Assignment out;
    out.flows = Matrix(m, n);
    out.load.assign(n, 0.0);
    out.unserved.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        std::int64_t served = 0;
        const Graph::Node area = Network::node(Network::kArea0 + static_cast<int>(i));
        for (Graph::OutArcIt a(net.g, area); a != lemon::INVALID; ++a) {
            const std::int64_t flow = solver.flow(a);
            served += flow;
            const auto j = static_cast<std::size_t>(net.id(net.g.target(a)) - net.unit0);
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

}  // namespace kuntaplan
