// Tests of core/network.hpp: the min-cost max-flow assignment against an
// exhaustive search over every integer assignment of small seeded random
// instances (whole and half people, ties and missing routes included), the
// degenerate cases, and every error path.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "network.hpp"

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
