// Least-distance assignment as a min-cost max-flow; see network.hpp for the
// method and the number conventions.
//
// Why the weights are doubles holding whole numbers: Boost's successive
// shortest path adds each round's Dijkstra distances to the potentials, and a
// vertex the residual network no longer reaches gets the "infinite" distance
// numeric_limits<D>::max(). With an integer D that sum overflows (undefined
// behaviour); with double it saturates harmlessly, and such vertices are never
// reached again. Whole numbers below 2^53 add exactly in double, so reduced
// costs are never negative by rounding.
#include "network.hpp"
#include "messages.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace kuntaplan {
namespace {

using messages::cell;
using messages::num;

constexpr double kMaxAmount = 1e9;  // people per area or unit
constexpr double kMaxTotal = 1e12;  // people in all areas / all units: 1e18 flow units fit in int64
constexpr double kMaxDistance = 1e12;
constexpr std::size_t kMaxPairs = 1'000'000;
constexpr double kDistanceScale = 1073741824.0;  // 2^30: the largest distance


[[noreturn]] void fail(const std::string& message) { throw domain_error(message); }

bool has_route(double d) { return !std::isnan(d) && d >= 0.0; }

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, std::int64_t,
                    boost::property<boost::edge_residual_capacity_t, std::int64_t,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, double>>>>>;
using Edge = Traits::edge_descriptor;

// Adds u → v and its reverse (capacity 0, cost −cost), as the algorithm needs.
Edge add_arc(Graph& g, std::size_t u, std::size_t v, std::int64_t capacity, double cost) {
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

std::vector<std::int64_t> to_units(const std::vector<double>& values, const char* what) {
    std::vector<std::int64_t> out(values.size());
    double total = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (!(v >= 0.0 && v <= kMaxAmount))
            fail(std::string(what) + " must be in [0, 1e9] people, but was: " + num(v) + " (row " +
                 num(i + 1) + ")");
        total += v;
        out[i] = static_cast<std::int64_t>(std::llround(v * kFlowUnitsPerPerson));
    }
    if (total > kMaxTotal)
        fail(std::string(what) + " must total at most 1e12 people, but totalled: " + num(total));
    return out;
}

}  // namespace

Assignment assign_to_units(const AssignmentInput& in) {
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    if (m == 0) fail("demand must have at least one area, but was: empty");
    if (n == 0) fail("capacity must have at least one unit, but was: empty");
    if (m * n > kMaxPairs) fail("areas × units must be at most 1e6, but was: " + num(m * n));
    if (in.distance.rows() != m || in.distance.cols() != n)
        fail("distance must be areas × units (" + num(m) + " × " + num(n) +
             "), but was: " + num(in.distance.rows()) + " × " + num(in.distance.cols()));
    const std::vector<std::int64_t> demand = to_units(in.demand, "demand");
    const std::vector<std::int64_t> capacity = to_units(in.capacity, "capacity");
    double longest = 0.0;
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double d = in.distance(i, j);
            if (std::isinf(d) || d > kMaxDistance)
                fail("distance must be finite and at most 1e12 (blank or negative for no route), but was: " +
                     num(d) + " (row " + num(i + 1) + ", column " + num(j + 1) + ")");
            if (has_route(d)) longest = std::max(longest, d);
        }
    const double scale = longest > 0.0 ? kDistanceScale / longest : 0.0;

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
            const Edge e = route[i * n + j];
            const std::int64_t flow = cap[e] - residual[e];
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

}  // namespace kuntaplan
