// Tests of core/network.hpp: the min-cost max-flow assignment against an
// exhaustive search over every integer assignment of small seeded random
// instances (whole and half people, ties and missing routes included), against
// the Boost.Graph solver it replaced (network_reference.hpp) on larger random
// instances, with an optimality certificate (no augmenting path, no negative
// cycle in the residual network) up to 1000 × 1000, the degenerate cases, and
// every error path.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "network.hpp"
#include "network_reference.hpp"

using namespace kuntaplan;
using Catch::Matchers::Contains;

namespace {

constexpr double kNoRoute = std::numeric_limits<double>::quiet_NaN();

struct Best {
    long served = -1;
    double cost = 0.0;
};

// Every integer flow matrix (flows on routes only, row sums ≤ demand, column
// sums ≤ capacity): the largest total served, and the least cost among those.
// By total unimodularity the optimum of the transportation problem with whole
// numbers is attained by whole flows, so this is the true optimum.
Best exhaustive(const std::vector<long>& demand, const std::vector<long>& capacity, const Matrix& distance) {
    const std::size_t m = demand.size(), n = capacity.size();
    std::vector<long> left = capacity;
    Best best;
    std::function<void(std::size_t, std::size_t, long, long, double)> go =
        [&](std::size_t i, std::size_t j, long remaining, long served, double cost) {
            if (i == m) {
                if (served > best.served || (served == best.served && cost < best.cost - 1e-9))
                    best = {served, cost};
                return;
            }
            if (j == n) {  // the rest of area i is unserved
                go(i + 1, 0, i + 1 < m ? demand[i + 1] : 0, served, cost);
                return;
            }
            const double d = distance(i, j);
            const bool route = !std::isnan(d) && d >= 0.0;
            const long most = route ? std::min(remaining, left[j]) : 0;
            for (long f = 0; f <= most; ++f) {
                left[j] -= f;
                go(i, j + 1, remaining - f, served + f, cost + f * (route ? d : 0.0));
                left[j] += f;
            }
        };
    go(0, 0, demand[0], 0, 0.0);
    return best;
}

// The solver's result is a feasible assignment: flows only on routes, every
// area's flows plus its unserved make its demand, no unit above capacity.
void check_feasible(const AssignmentInput& in, const Assignment& a) {
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    double cost = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        double row = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            const double f = a.flows(i, j);
            REQUIRE(f >= 0.0);
            const double d = in.distance(i, j);
            if (std::isnan(d) || d < 0.0)
                REQUIRE(f == 0.0);
            else
                cost += f * d;
            row += f;
        }
        REQUIRE(a.unserved[i] >= 0.0);
        REQUIRE(row + a.unserved[i] == Approx(in.demand[i]).margin(1e-6));
    }
    for (std::size_t j = 0; j < n; ++j) {
        double column = 0.0;
        for (std::size_t i = 0; i < m; ++i) column += a.flows(i, j);
        REQUIRE(a.load[j] == Approx(column).margin(1e-9));
        REQUIRE(column <= in.capacity[j] + 1e-6);
    }
    REQUIRE(a.cost == Approx(cost).margin(1e-9));
}

struct Instance {
    std::vector<long> demand, capacity;
    Matrix distance;
};

Instance random_instance(std::mt19937_64& rng) {
    auto pick = [&](long lo, long hi) {
        return lo + static_cast<long>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    Instance x;
    const std::size_t m = static_cast<std::size_t>(pick(1, 3)), n = static_cast<std::size_t>(pick(1, 3));
    for (std::size_t i = 0; i < m; ++i) x.demand.push_back(pick(0, 4));
    for (std::size_t j = 0; j < n; ++j) x.capacity.push_back(pick(0, 4));
    x.distance = Matrix(m, n);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const long r = pick(0, 9);
            // Small whole distances make ties common; about 1 in 8 pairs has no route
            // (blank or negative, both documented).
            x.distance(i, j) = r == 0                      ? kNoRoute
                               : r == 1 && pick(0, 3) == 0 ? -1.0
                                                           : static_cast<double>(pick(0, 6));
        }
    return x;
}

// The residual network of an assignment in whole flow units (1e-6 people), with
// the integer costs network.hpp documents (distance × 2^k, the largest distance
// scaled into [2^39, 2^40)). Nodes: 0 source, 1 sink, 2.. areas, 2+m.. units.
// The sink → source arc is left out: cycles without it keep the amount served.
struct Residual {
    struct Arc {
        std::uint32_t from, to;
        std::int64_t cost;
    };
    std::size_t nodes = 0;
    std::vector<Arc> arcs;
};

std::int64_t units(double people) { return std::llround(people * kFlowUnitsPerPerson); }

Residual residual_network(const AssignmentInput& in, const Assignment& a) {
    const std::size_t m = in.demand.size(), n = in.capacity.size();
    double longest = 0.0;
    for (double d : in.distance.data())
        if (!std::isnan(d) && d >= 0.0) longest = std::max(longest, d);
    int exponent = 0;
    std::frexp(longest, &exponent);
    Residual r;
    r.nodes = 2 + m + n;
    const auto area = [](std::size_t i) { return static_cast<std::uint32_t>(2 + i); };
    const auto unit = [m](std::size_t j) { return static_cast<std::uint32_t>(2 + m + j); };
    for (std::size_t i = 0; i < m; ++i) {
        const std::int64_t demand = units(in.demand[i]), unserved = units(a.unserved[i]);
        if (unserved > 0) r.arcs.push_back({0, area(i), 0});
        if (unserved < demand) r.arcs.push_back({area(i), 0, 0});
        for (std::size_t j = 0; j < n; ++j) {
            const double d = in.distance(i, j);
            if (std::isnan(d) || d < 0.0 || demand == 0 || units(in.capacity[j]) == 0) continue;
            const std::int64_t cost = std::llround(std::ldexp(d, 40 - exponent));
            const std::int64_t flow = units(a.flows(i, j));
            if (flow < demand) r.arcs.push_back({area(i), unit(j), cost});
            if (flow > 0) r.arcs.push_back({unit(j), area(i), -cost});
        }
    }
    for (std::size_t j = 0; j < n; ++j) {
        const std::int64_t capacity = units(in.capacity[j]), load = units(a.load[j]);
        if (load < capacity) r.arcs.push_back({unit(j), 1, 0});
        if (load > 0) r.arcs.push_back({1, unit(j), 0});
    }
    return r;
}

// An optimality certificate independent of any solver. Maximum flow: the sink
// cannot be reached from the source in the residual network (max-flow min-cut
// theorem). Least cost among maximum flows: the residual network has no
// negative cycle (Ahuja, Magnanti & Orlin 1993, Theorem 9.1), checked by
// Bellman–Ford from every node at distance 0, exactly in integers.
bool is_maximum(const Residual& r) {
    std::vector<char> reached(r.nodes, 0);
    reached[0] = 1;
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& e : r.arcs)
            if (reached[e.from] && !reached[e.to]) reached[e.to] = 1, changed = true;
    }
    return !reached[1];
}

bool has_negative_cycle(const Residual& r) {
    std::vector<std::int64_t> distance(r.nodes, 0);
    for (std::size_t round = 0; round <= r.nodes; ++round) {
        bool changed = false;
        for (const auto& e : r.arcs)
            if (distance[e.from] + e.cost < distance[e.to])
                distance[e.to] = distance[e.from] + e.cost, changed = true;
        if (!changed) return false;
    }
    return true;  // still shortening after |V| rounds
}

void certify_optimal(const AssignmentInput& in, const Assignment& a) {
    const Residual r = residual_network(in, a);
    REQUIRE(is_maximum(r));
    REQUIRE(!has_negative_cycle(r));
}

double total(const std::vector<double>& values) {
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum;
}

double longest_route(const MatrixView& distance) {
    double longest = 0.0;
    for (double d : distance.data())
        if (!std::isnan(d) && d >= 0.0) longest = std::max(longest, d);
    return longest;
}

// Areas and units at random points of a 40 km square, straight-line distance
// × a detour factor, about 5 % of the pairs without a route; demand to 1e-6
// people; capacities totalling `ratio` × the demand.
struct Placed {
    std::vector<double> demand, capacity;
    Matrix distance;
    AssignmentInput input() const { return {demand, capacity, distance.view()}; }
};

Placed placed_instance(std::mt19937_64& rng, std::size_t m, std::size_t n, double ratio) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Placed x;
    std::vector<double> ax(m), ay(m), ux(n), uy(n);
    for (std::size_t i = 0; i < m; ++i) ax[i] = 40 * u(rng), ay[i] = 40 * u(rng);
    for (std::size_t j = 0; j < n; ++j) ux[j] = 40 * u(rng), uy[j] = 40 * u(rng);
    x.distance = Matrix(m, n);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j)
            x.distance(i, j) =
                u(rng) < 0.05 ? kNoRoute : std::hypot(ax[i] - ux[j], ay[i] - uy[j]) * (1 + 0.4 * u(rng));
    double weights = 0.0;
    for (std::size_t i = 0; i < m; ++i) x.demand.push_back(std::round(u(rng) * 2e9) / 1e6);
    for (std::size_t j = 0; j < n; ++j) weights += x.capacity.emplace_back(u(rng));
    for (double& c : x.capacity) c = std::round(c / weights * total(x.demand) * ratio * 1e6) / 1e6;
    return x;
}

}  // namespace

TEST_CASE("assignment equals exhaustive search on 600 seeded random instances", "[network]") {
    std::mt19937_64 rng(20261126);
    int checked = 0, with_unserved = 0, with_ties = 0;
    for (int k = 0; k < 600; ++k) {
        const Instance x = random_instance(rng);
        // Instances 300..599 in half people: the solver sees demand/2, capacity/2
        // and must find the optimum of the doubled integer problem, halved.
        const double unit = k < 300 ? 1.0 : 0.5;
        AssignmentInput in;
        for (long d : x.demand) in.demand.push_back(d * unit);
        for (long c : x.capacity) in.capacity.push_back(c * unit);
        in.distance = x.distance.view();
        const Assignment a = assign_to_units(in);
        check_feasible(in, a);
        const Best best = exhaustive(x.demand, x.capacity, x.distance);
        double served = 0.0, unserved = 0.0;
        for (double f : a.load) served += f;
        for (double u : a.unserved) unserved += u;
        INFO("instance " << k);
        REQUIRE(served == Approx(best.served * unit).margin(1e-9));
        REQUIRE(a.cost == Approx(best.cost * unit).margin(1e-9));
        ++checked;
        if (unserved > 0) ++with_unserved;
        for (std::size_t i = 0; i < x.distance.rows(); ++i)
            for (std::size_t j = 1; j < x.distance.cols(); ++j)
                if (x.distance(i, j) == x.distance(i, 0)) ++with_ties;
    }
    CHECK(checked == 600);
    // The generator exercises the cases that matter.
    CHECK(with_unserved > 100);
    CHECK(with_ties > 100);
}

TEST_CASE("fractional people are resolved to 1e-6", "[network]") {
    const std::vector<double> demand{0.3, 1.25};
    const std::vector<double> capacity{0.7, 10};
    const Matrix distance(2, 2, 1.0);
    Matrix d = distance;
    d(0, 1) = 2.0;
    d(1, 0) = 0.5;
    d(1, 1) = 3.0;
    const Assignment a = assign_to_units({demand, capacity, d.view()});
    // Area 2 is nearer unit 1 but unit 1 is worth more to area 2 (saves 2.5) than to area 1 (saves 1):
    // area 2 takes 0.7 of unit 1, area 1 goes to unit 2.
    CHECK(a.flows(1, 0) == 0.7);
    CHECK(a.flows(1, 1) == 0.55);
    CHECK(a.flows(0, 1) == 0.3);
    CHECK(a.cost == Approx(0.7 * 0.5 + 0.55 * 3 + 0.3 * 2).epsilon(1e-12));
}

TEST_CASE("degenerate cases: zero capacity, no routes, zero demand, ties, above capacity", "[network]") {
    const Matrix d(2, 2, 1.0);
    SECTION("zero capacity everywhere: all unserved, cost 0") {
        const Assignment a = assign_to_units({{5, 3}, {0, 0}, d.view()});
        CHECK(a.unserved == std::vector<double>{5, 3});
        CHECK(a.cost == 0);
        CHECK(a.load == std::vector<double>{0, 0});
    }
    SECTION("an area with no route at all is unserved; negative distance is no route") {
        Matrix nd = d;
        nd(0, 0) = kNoRoute;
        nd(0, 1) = -1;
        const Assignment a = assign_to_units({{5, 3}, {10, 10}, nd.view()});
        CHECK(a.unserved[0] == 5);
        CHECK(a.unserved[1] == 0);
        CHECK(a.flows(0, 0) == 0);
        CHECK(a.flows(0, 1) == 0);
    }
    SECTION("every route missing") {
        const Matrix none(2, 2, kNoRoute);
        const Assignment a = assign_to_units({{5, 3}, {10, 10}, none.view()});
        CHECK(a.unserved == std::vector<double>{5, 3});
    }
    SECTION("zero demand") {
        const Assignment a = assign_to_units({{0, 0}, {10, 10}, d.view()});
        CHECK(a.cost == 0);
        CHECK(a.unserved == std::vector<double>{0, 0});
    }
    SECTION("all distances tied: any split is optimal, the total is fixed") {
        const Assignment a = assign_to_units({{5, 3}, {4, 4}, d.view()});
        CHECK(a.cost == 8);
        CHECK(a.load[0] + a.load[1] == 8);
    }
    SECTION("demand above capacity: the capacity is filled, the rest reported unserved") {
        Matrix dd = d;
        dd(0, 0) = 1;
        dd(0, 1) = 5;
        dd(1, 0) = 2;
        dd(1, 1) = 2;
        const Assignment a = assign_to_units({{10, 10}, {6, 6}, dd.view()});
        CHECK(a.unserved[0] + a.unserved[1] == 8);
        CHECK(a.load == std::vector<double>{6, 6});
        // Least cost with 12 served: area 1 takes unit 1 (6 × 1), area 2 unit 2 (6 × 2).
        CHECK(a.cost == 18);
    }
    SECTION("zero distance is a route") {
        const Matrix zero(1, 1, 0.0);
        const Assignment a = assign_to_units({{2}, {3}, zero.view()});
        CHECK(a.flows(0, 0) == 2);
        CHECK(a.cost == 0);
    }
}

TEST_CASE("assignment errors name the bad value", "[network]") {
    const Matrix d(2, 2, 1.0);
    CHECK_THROWS_WITH(assign_to_units({{}, {1, 1}, d.view()}), Contains("at least one area"));
    CHECK_THROWS_WITH(assign_to_units({{1, 1}, {}, d.view()}), Contains("at least one unit"));
    CHECK_THROWS_WITH(assign_to_units({{1}, {1, 1}, d.view()}), Contains("areas × units (1 × 2)"));
    CHECK_THROWS_WITH(assign_to_units({{-1, 1}, {1, 1}, d.view()}),
                      Contains("demand must be in [0, 1e9] people, but was: -1"));
    CHECK_THROWS_WITH(assign_to_units({{1, 1}, {1, 2e9}, d.view()}),
                      Contains("capacity must be in [0, 1e9]"));
    std::vector<double> many(2000, 9e8);
    const Matrix wide(1, 2000, 1.0);
    CHECK_THROWS_WITH(assign_to_units({{1}, many, wide.view()}),
                      Contains("capacity must total at most 1e12"));
    Matrix inf = d;
    inf(1, 0) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH(assign_to_units({{1, 1}, {1, 1}, inf.view()}), Contains("(row 2, column 1)"));
    const Matrix huge(1001, 1000, 1.0);
    CHECK_THROWS_WITH(
        assign_to_units({std::vector<double>(1001, 1.0), std::vector<double>(1000, 1.0), huge.view()}),
        Contains("at most 1e6"));
}

TEST_CASE("the optimality certificate rejects a smaller flow and a costlier one", "[network]") {
    Matrix d(2, 2);
    d(0, 0) = 1;
    d(0, 1) = 2;
    d(1, 0) = 2;
    d(1, 1) = 1;
    const AssignmentInput in{{1, 1}, {1, 1}, d.view()};
    Assignment a;
    a.flows = Matrix(2, 2);
    a.flows(0, 1) = a.flows(1, 0) = 1;  // all served, at cost 4 instead of 2
    a.load = {1, 1};
    a.unserved = {0, 0};
    CHECK(is_maximum(residual_network(in, a)));
    CHECK(has_negative_cycle(residual_network(in, a)));
    a.flows(1, 0) = 0;  // area 2 unserved though unit 1 is free
    a.load = {0, 1};
    a.unserved = {0, 1};
    CHECK(!is_maximum(residual_network(in, a)));
    const Assignment best = assign_to_units(in);
    CHECK(is_maximum(residual_network(in, best)));
    CHECK(!has_negative_cycle(residual_network(in, best)));
}

TEST_CASE("assignment is optimal and matches the Boost.Graph solver it replaced on 300 random instances",
          "[network]") {
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    int short_of_capacity = 0, spare_capacity = 0;
    for (int k = 0; k < 300; ++k) {
        const std::size_t m = 1 + rng() % 25, n = 1 + rng() % 25;
        // Some areas without demand, units without capacity, pairs without a route (blank or negative).
        Placed x = placed_instance(rng, m, n, 0.5 + u(rng));
        for (double& d : x.demand)
            if (u(rng) < 0.1) d = 0.0;
        for (double& c : x.capacity)
            if (u(rng) < 0.1) c = 0.0;
        for (double& d : x.distance.data())
            if (u(rng) < 0.05) d = u(rng) < 0.5 ? kNoRoute : -1.0;
        const AssignmentInput in = x.input();
        const Assignment a = assign_to_units(in), b = reference::boost_assign(in);
        INFO("instance " << k << ": " << m << " × " << n);
        check_feasible(in, a);
        certify_optimal(in, a);
        const double served = total(a.load);
        REQUIRE(served == Approx(total(b.load)).margin(1e-6));
        // The old solver resolved distances to 2^-30 of the longest, the new one to 2^-40.
        const double rounding = served * longest_route(in.distance) * 0x1p-29;
        REQUIRE(std::fabs(a.cost - b.cost) <= rounding + 1e-12 * b.cost + 1e-9);
        if (total(a.unserved) > 1e-6) ++short_of_capacity;
        if (served < total(in.capacity) - 1e-6) ++spare_capacity;
    }
    CHECK(short_of_capacity > 50);
    CHECK(spare_capacity > 50);
}

TEST_CASE("the maximum flow comes first even when it takes only the longest routes", "[network]") {
    // Areas 0..k, units 0..k. Area i > 0 is at distance 0 from unit i − 1; area i is at the longest
    // allowed distance L from unit i. The cheap assignment serves k areas at cost 0; the only one
    // serving all k + 1 moves every area to its far unit, at cost (k + 1)·L: one augmenting path
    // with k + 1 forward arcs of the largest cost, the case the bound on M in network.hpp is for.
    const double L = 1e12;
    for (std::size_t k : {std::size_t{1}, std::size_t{30}, std::size_t{999}}) {
        Matrix d(k + 1, k + 1, kNoRoute);
        for (std::size_t i = 0; i <= k; ++i) {
            d(i, i) = L;
            if (i > 0) d(i, i - 1) = 0.0;
        }
        const std::vector<double> ones(k + 1, 1.0);
        const Assignment a = assign_to_units({ones, ones, d.view()});
        INFO("k = " << k);
        CHECK(total(a.unserved) == 0);
        CHECK(a.cost == static_cast<double>(k + 1) * L);
    }
}

TEST_CASE("a longest distance just below a power of two still leaves every route worth serving",
          "[network]") {
    // Found by fuzz_network: 4 − 1.3e-15 scales to 2^40 − 0.0004 and rounds to 2^40, which equalled
    // the old M = min(m, n)·2^40, so the route to the far unit was worth nothing and 20 people went
    // unserved although a unit had room for them.
    Matrix d(1, 2);
    d(0, 0) = 3.9999999999999987;
    d(0, 1) = 9.3130919642803178e-10;
    const Assignment a = assign_to_units({{54.31}, {20.0, 20.0}, d.view()});
    CHECK(a.load[0] == 20.0);
    CHECK(a.load[1] == 20.0);
    CHECK(a.unserved[0] == Approx(14.31).margin(1e-9));
}

TEST_CASE("more degenerate cases: limits, scale, ties, empty parts", "[network]") {
    SECTION("demand and capacity at their limits: 1e9 per area and unit, 1e12 in all (1e18 flow units)") {
        const std::size_t k = 1000;
        Matrix d(k, k, kNoRoute);
        for (std::size_t i = 0; i < k; ++i) d(i, i) = d(i, (i + 1) % k) = 1.0 + static_cast<double>(i % 3);
        const std::vector<double> full(k, 1e9);
        const Assignment a = assign_to_units({full, full, d.view()});
        CHECK(total(a.unserved) == 0);
        CHECK(total(a.load) == 1e12);
        check_feasible({full, full, d.view()}, a);
    }
    SECTION("multiplying every distance by a power of two changes no flow") {
        std::mt19937_64 rng(3);
        Placed x = placed_instance(rng, 20, 15, 0.9);
        const Assignment a = assign_to_units(x.input());
        for (int power : {-1000, -3, 5, 30}) {
            Placed y = x;
            for (double& d : y.distance.data())
                if (!std::isnan(d)) d = std::ldexp(d, power);
            const Assignment b = assign_to_units(y.input());
            INFO("2^" << power);
            CHECK(b.flows.data() == a.flows.data());
            CHECK(b.cost == Approx(std::ldexp(a.cost, power)).epsilon(1e-12));
        }
    }
    SECTION("subnormal distances are still ordered") {
        Matrix d(2, 2);
        d(0, 0) = 0x1p-1073;  // the two smallest doubles above 0
        d(0, 1) = 0x1p-1074;
        d(1, 0) = 0x1p-1074;
        d(1, 1) = 0x1p-1073;
        const Assignment a = assign_to_units({{1, 1}, {1, 1}, d.view()});
        CHECK(a.flows(0, 1) == 1);
        CHECK(a.flows(1, 0) == 1);
    }
    SECTION("one area, one unit, demand above capacity") {
        const Matrix d(1, 1, 7.0);
        const Assignment a = assign_to_units({{5}, {2}, d.view()});
        CHECK(a.flows(0, 0) == 2);
        CHECK(a.unserved[0] == 3);
        CHECK(a.cost == 14);
    }
    SECTION("a tie between two units that are each too small: both are used") {
        const Matrix d(1, 2, 4.0);
        const Assignment a = assign_to_units({{10}, {6, 6}, d.view()});
        CHECK(a.load[0] + a.load[1] == 10);
        CHECK(a.cost == 40);
        CHECK(a.load[0] <= 6);
        CHECK(a.load[1] <= 6);
    }
    SECTION("every distance zero") {
        const Matrix d(3, 2, 0.0);
        const Assignment a = assign_to_units({{1, 2, 3}, {2.5, 1}, d.view()});
        CHECK(a.cost == 0);
        CHECK(total(a.unserved) == Approx(2.5).margin(1e-9));
    }
    SECTION("only zero demand and zero capacity") {
        const Matrix d(2, 3, 1.0);
        const Assignment a = assign_to_units({{0, 0}, {0, 0, 0}, d.view()});
        CHECK(a.flows.data() == std::vector<double>(6, 0.0));
        CHECK(a.cost == 0);
    }
}

TEST_CASE("a 1000 × 1000 instance is solved, feasible and certified optimal", "[network]") {
    std::mt19937_64 rng(1000);
    for (double ratio : {0.97, 1.03}) {
        const Placed x = placed_instance(rng, 1000, 1000, ratio);
        const Assignment a = assign_to_units(x.input());
        INFO("capacity / demand = " << ratio);
        check_feasible(x.input(), a);
        certify_optimal(x.input(), a);
        const double served = total(a.load);
        CHECK(served == Approx(std::min(total(x.demand), total(x.capacity))).epsilon(1e-9));
    }
}
