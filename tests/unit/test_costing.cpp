// Tests of core/costing.hpp: the Kaplan & Anderson (2004) example to the cent,
// two-stage ABC by hand, the cost projection and every error path.
#include <catch2/catch.hpp>
#include <vector>

#include "costing.hpp"

using namespace kuntaplan;
using Catch::Matchers::Contains;

namespace {

// Kaplan & Anderson (2004), HBR 82(11): the customer-service department.
// One resource (567,000 per quarter, 700,000 practical minutes); three activities
// treated as products: process customer orders (8 min, 49,000 of them), handle
// customer inquiries (44 min, 1,400) and perform credit checks (50 min, 2,500).
const std::vector<double> ka_cost{567000};
const std::vector<double> ka_capacity{700000};
const std::vector<double> ka_minutes{8, 44, 50};
const std::vector<double> ka_volumes{49000, 1400, 2500};

TdabcInput ka_input() { return TdabcInput{ka_cost, ka_capacity, MatrixView(ka_minutes, 3, 1), ka_volumes}; }

// Products of a few small whole numbers by 0.81: exact to a few units of the
// last place of a double.
constexpr double kTight = 1e-12;

}  // namespace

TEST_CASE("TDABC reproduces Kaplan & Anderson's example", "[costing]") {
    const Tdabc result = cost_time_driven(ka_input());
    REQUIRE(result.rate_per_minute.size() == 1);
    CHECK(result.rate_per_minute[0] == Approx(0.81).epsilon(kTight));
    REQUIRE(result.unit_cost.size() == 3);
    CHECK(result.unit_cost[0] == Approx(6.48).epsilon(kTight));
    CHECK(result.unit_cost[1] == Approx(35.64).epsilon(kTight));
    CHECK(result.unit_cost[2] == Approx(40.50).epsilon(kTight));
    CHECK(result.used_minutes[0] == 578600);  // 392,000 + 61,600 + 125,000: exact in doubles
    CHECK(result.unused_minutes[0] == 121400);
    CHECK(result.unused_cost[0] == Approx(98334).epsilon(kTight));  // 121,400 × 0.81
    CHECK(result.total_cost[0] == Approx(317520).epsilon(kTight));
    CHECK(result.total_cost[1] == Approx(49896).epsilon(kTight));
    CHECK(result.total_cost[2] == Approx(101250).epsilon(kTight));
    // Everything is accounted for: used + unused = the resource cost.
    CHECK(result.total_cost[0] + result.total_cost[1] + result.total_cost[2] + result.unused_cost[0] ==
          Approx(567000).epsilon(kTight));
}

TEST_CASE("TDABC with two resources and over-used capacity", "[costing]") {
    const std::vector<double> cost{1000, 600}, capacity{2000, 300};
    const std::vector<double> minutes{1, 2,   // product 1: 1 min of resource 1, 2 of resource 2
                                      3, 0};  // product 2
    const std::vector<double> volumes{100, 500};
    const Tdabc result = cost_time_driven({cost, capacity, MatrixView(minutes, 2, 2), volumes});
    CHECK(result.rate_per_minute[0] == Approx(0.5));
    CHECK(result.rate_per_minute[1] == Approx(2.0));
    CHECK(result.unit_cost[0] == Approx(0.5 + 4.0));
    CHECK(result.unit_cost[1] == Approx(1.5));
    CHECK(result.used_minutes[0] == 1600);
    CHECK(result.used_minutes[1] == 200);
    CHECK(result.unused_minutes[0] == 400);
    CHECK(result.unused_cost[1] == Approx(200));
    // Demand beyond practical capacity shows as negative unused time.
    const std::vector<double> more{100, 700};
    const Tdabc over = cost_time_driven({cost, capacity, MatrixView(minutes, 2, 2), more});
    CHECK(over.unused_minutes[0] == -200);
    CHECK(over.unused_cost[0] == Approx(-100));
}

TEST_CASE("TDABC rejects bad input", "[costing]") {
    const std::vector<double> empty;
    const std::vector<double> zero{0}, negative{-1}, two{1, 2};
    auto run = [&](std::span<const double> cost, std::span<const double> capacity,
                   std::span<const double> minutes, std::size_t rows, std::size_t cols,
                   std::span<const double> volumes) {
        return cost_time_driven({cost, capacity, MatrixView(minutes, rows, cols), volumes});
    };
    CHECK_THROWS_WITH(run(empty, ka_capacity, empty, 3, 0, ka_volumes), Contains("at least one resource"));
    CHECK_THROWS_WITH(run(ka_cost, ka_capacity, empty, 0, 1, empty), Contains("at least one product"));
    CHECK_THROWS_WITH(run(ka_cost, two, ka_minutes, 3, 1, ka_volumes),
                      Contains("capacity must have one value"));
    CHECK_THROWS_WITH(run(ka_cost, ka_capacity, ka_minutes, 1, 3, ka_volumes),
                      Contains("products × resources"));
    CHECK_THROWS_WITH(run(negative, ka_capacity, ka_minutes, 3, 1, ka_volumes),
                      Contains("resource_cost must be ≥ 0") && Contains("-1"));
    CHECK_THROWS_WITH(run(ka_cost, zero, ka_minutes, 3, 1, ka_volumes), Contains("capacity must be > 0"));
    const std::vector<double> bad_minutes{8, -44, 50};
    CHECK_THROWS_WITH(run(ka_cost, ka_capacity, bad_minutes, 3, 1, ka_volumes),
                      Contains("minutes must be ≥ 0") && Contains("row 2, column 1"));
    const std::vector<double> bad_volumes{49000, 1400, -2500};
    CHECK_THROWS_WITH(run(ka_cost, ka_capacity, ka_minutes, 3, 1, bad_volumes),
                      Contains("volumes must be ≥ 0") && Contains("row 3"));
    const std::vector<double> huge{1e16};
    CHECK_THROWS_WITH(run(huge, ka_capacity, ka_minutes, 3, 1, ka_volumes), Contains("at most 1e15"));
    const std::vector<double> tiny{1e-310}, big{1e15};
    CHECK_THROWS_WITH(run(big, tiny, ka_minutes, 3, 1, ka_volumes), Contains("overflow"));
}

TEST_CASE("Two-stage ABC by hand", "[costing]") {
    // Two resources (staff 900, premises 300) over two activities
    // (teaching, meals): staff 2:1, premises 1:2 → activities 700 and 500.
    // Drivers: teaching hours (product 1: 30, product 2: 10) → 17.5 per hour;
    // meals served (product 1: 100, product 2: 400) → 1 per meal.
    // Product 1: 30 × 17.5 + 100 × 1 = 625 over 50 units = 12.5;
    // product 2: 10 × 17.5 + 400 × 1 = 575 over 100 units = 5.75.
    const std::vector<double> cost{900, 300};
    const std::vector<double> resource_drivers{2, 1, 1, 2};
    const std::vector<double> activity_drivers{30, 100, 10, 400};
    const std::vector<double> volumes{50, 100};
    const auto unit = cost_activity_based(
        {cost, MatrixView(resource_drivers, 2, 2), MatrixView(activity_drivers, 2, 2), volumes});
    REQUIRE(unit.size() == 2);
    CHECK(unit[0] == Approx(12.5).epsilon(1e-14));
    CHECK(unit[1] == Approx(5.75).epsilon(1e-14));
    // All of the cost is assigned: Σ unit × volume = Σ resource cost.
    CHECK(unit[0] * 50 + unit[1] * 100 == Approx(1200).epsilon(1e-14));
}

TEST_CASE("ABC: a resource or activity that cannot be traced, and bad shapes", "[costing]") {
    const std::vector<double> cost{900, 300}, volumes{50, 100};
    const std::vector<double> drivers{2, 1, 1, 2}, activity{30, 100, 10, 400};
    const std::vector<double> no_driver{2, 1, 0, 0};
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(no_driver, 2, 2), MatrixView(activity, 2, 2), volumes}),
        Contains("resource 2 has a cost of 300"));
    // A resource without cost and without drivers is fine.
    const std::vector<double> free_cost{900, 0};
    CHECK_NOTHROW(
        cost_activity_based({free_cost, MatrixView(no_driver, 2, 2), MatrixView(activity, 2, 2), volumes}));
    const std::vector<double> unused_activity{30, 0, 10, 0};
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(drivers, 2, 2), MatrixView(unused_activity, 2, 2), volumes}),
        Contains("activity 2 has a cost of 500"));
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(drivers, 1, 4), MatrixView(activity, 2, 2), volumes}),
        Contains("resources × activities"));
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(drivers, 2, 2), MatrixView(activity, 1, 4), volumes}),
        Contains("products × activities"));
    const std::vector<double> zero_volume{50, 0};
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(drivers, 2, 2), MatrixView(activity, 2, 2), zero_volume}),
        Contains("volumes must be > 0"));
    const std::vector<double> tiny_volume{50, 1e-310};
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(drivers, 2, 2), MatrixView(activity, 2, 2), tiny_volume}),
        Contains("overflow"));
    const std::vector<double> negative{2, -1, 1, 2};
    CHECK_THROWS_WITH(
        cost_activity_based({cost, MatrixView(negative, 2, 2), MatrixView(activity, 2, 2), volumes}),
        Contains("resource_drivers must be ≥ 0"));
    const std::vector<double> empty;
    CHECK_THROWS_WITH(
        cost_activity_based({empty, MatrixView(drivers, 2, 2), MatrixView(activity, 2, 2), volumes}),
        Contains("at least one resource"));
    CHECK_THROWS_WITH(cost_activity_based({cost, MatrixView(drivers, 2, 2), MatrixView(), empty}),
                      Contains("at least one product"));
}

TEST_CASE("Cost projection with a flat and a yearly index", "[costing]") {
    const std::vector<double> unit{10, 2};
    const std::vector<double> volumes{100, 110, 120,  // product 1, three years
                                      50,  50,  40};  // product 2
    const std::vector<double> none;
    const Matrix plain = project_costs({unit, MatrixView(volumes, 2, 3), none, 3});
    CHECK(plain(0, 0) == 1000);
    CHECK(plain(0, 2) == 1200);
    CHECK(plain(1, 2) == 80);

    const std::vector<double> flat{0.02};
    const Matrix indexed = project_costs({unit, MatrixView(volumes, 2, 3), flat, 3});
    CHECK(indexed(0, 0) == 1000);
    CHECK(indexed(0, 1) == Approx(1100 * 1.02).epsilon(1e-14));
    CHECK(indexed(0, 2) == Approx(1200 * 1.02 * 1.02).epsilon(1e-14));

    // Rates under the year columns: the first is not used; fewer carry the last on.
    const std::vector<double> yearly{0.5, 0.03, 0.01};
    const Matrix stepped = project_costs({unit, MatrixView(volumes, 2, 3), yearly, 5});
    REQUIRE(stepped.cols() == 5);
    CHECK(stepped(1, 0) == 100);
    CHECK(stepped(1, 1) == Approx(100 * 1.03).epsilon(1e-14));
    CHECK(stepped(1, 2) == Approx(80 * 1.03 * 1.01).epsilon(1e-14));
    // Volumes carry their last column on too.
    CHECK(stepped(1, 4) == Approx(80 * 1.03 * 1.01 * 1.01 * 1.01).epsilon(1e-14));
    // More columns than years are not used.
    const Matrix shorter = project_costs({unit, MatrixView(volumes, 2, 3), flat, 2});
    CHECK(shorter.cols() == 2);
}

TEST_CASE("Cost projection rejects bad input", "[costing]") {
    const std::vector<double> unit{10}, volumes{100, 110}, none;
    CHECK_THROWS_WITH(project_costs({unit, MatrixView(volumes, 1, 2), none, 0}), Contains("years must be"));
    CHECK_THROWS_WITH(project_costs({unit, MatrixView(volumes, 2, 1), none, 2}),
                      Contains("one row per product"));
    const std::vector<double> bad_rate{-1};
    CHECK_THROWS_WITH(project_costs({unit, MatrixView(volumes, 1, 2), bad_rate, 2}),
                      Contains("index must be > −1"));
    const std::vector<double> negative{-10};
    CHECK_THROWS_WITH(project_costs({negative, MatrixView(volumes, 1, 2), none, 2}),
                      Contains("unit_cost must be"));
    const std::vector<double> empty;
    CHECK_THROWS_WITH(project_costs({empty, MatrixView(), none, 2}), Contains("at least one product"));
    const std::vector<double> big_rate{10};
    const std::vector<double> big{1e15};
    CHECK_THROWS_WITH(project_costs({big, MatrixView(big, 1, 1), big_rate, 1000}), Contains("overflow"));
}
