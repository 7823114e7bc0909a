// Tests of core/impact.hpp: discount factors by hand (flat, stepped, the Green
// Book's boundaries), NPV as Calc's NPV computes it, payback, BCR, and the
// Monte Carlo (zero spread, convergence to the lognormal's quantiles,
// reproducibility) with every error path.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "impact.hpp"

using namespace kuntaplan;
using Catch::Matchers::Contains;

namespace {
// Factors are products of at most a few hundred roundings: 1e-13 relative is
// ample and still catches any wrong exponent.
constexpr double kTight = 1e-13;
}  // namespace

TEST_CASE("Flat discount factors are (1 + r)^-t", "[impact]") {
    const auto factors = discount_factors(flat_schedule(0.035), 51);
    REQUIRE(factors.size() == 51);
    CHECK(factors[0] == 1.0);
    CHECK(factors[1] == Approx(1 / 1.035).epsilon(kTight));
    CHECK(factors[50] == Approx(std::pow(1.035, -50)).epsilon(kTight));
    CHECK(discount_factors(flat_schedule(0.0), 3) == std::vector<double>{1, 1, 1});
}

TEST_CASE("Green Book factors at the boundaries of the periods", "[impact]") {
    // Hand-derived: 3.5 % up to and including year 30, 3.0 % for years 31–75,
    // 2.5 % for 76–125, 2.0 % for 126–200, 1.5 % for 201–300, 1.0 % from 301.
    // D(30) = 1.035^-30 = 0.356278…, D(31) = D(30)/1.03 = 0.345901… (the Green
    // Book's tables print 0.3563 and 0.3459).
    const auto d = discount_factors(green_book_schedule(), 400);
    CHECK(d[30] == Approx(0.35627841060230236).epsilon(kTight));
    CHECK(d[31] == Approx(0.3459013695167984).epsilon(kTight));
    CHECK(d[75] == Approx(0.09421377257669152).epsilon(kTight));  // 1.035^-30 · 1.03^-45
    CHECK(d[76] == Approx(0.0919158756845771).epsilon(kTight));   // … / 1.025
    CHECK(d[125] == Approx(d[75] * std::pow(1.025, -50)).epsilon(kTight));
    CHECK(d[126] == Approx(d[125] / 1.02).epsilon(kTight));
    CHECK(d[200] == Approx(d[125] * std::pow(1.02, -75)).epsilon(kTight));
    CHECK(d[201] == Approx(d[200] / 1.015).epsilon(kTight));
    CHECK(d[300] == Approx(0.001400567414364408).epsilon(kTight));
    CHECK(d[301] == Approx(0.00138670041026179).epsilon(kTight));  // … / 1.01
    CHECK(d[399] == Approx(d[300] * std::pow(1.01, -99)).epsilon(kTight));
}

TEST_CASE("A stepped schedule", "[impact]") {
    const auto schedule = stepped_schedule({{0, 0.05}, {3, 0.02}});
    const auto d = discount_factors(schedule, 5);
    CHECK(d[2] == Approx(1 / (1.05 * 1.05)).epsilon(kTight));
    CHECK(d[3] == Approx(1 / (1.05 * 1.05 * 1.02)).epsilon(kTight));
    CHECK(d[4] == Approx(1 / (1.05 * 1.05 * 1.02 * 1.02)).epsilon(kTight));
    // Starting at year 1 is the same: the rate of year 0 is never used.
    CHECK(discount_factors(stepped_schedule({{1, 0.05}, {3, 0.02}}), 5) == d);
}

TEST_CASE("Schedules and years that are rejected", "[impact]") {
    CHECK_THROWS_WITH(stepped_schedule({}), Contains("at least one"));
    CHECK_THROWS_WITH(stepped_schedule({{2, 0.03}}), Contains("must start in year 0"));
    CHECK_THROWS_WITH(stepped_schedule({{0, 0.03}, {5, 0.02}, {5, 0.01}}),
                      Contains("must increase") && Contains("step 3"));
    CHECK_THROWS_WITH(flat_schedule(-1), Contains("> −1"));
    CHECK_THROWS_WITH(flat_schedule(1.5), Contains("at most 1"));
    CHECK_THROWS_WITH(flat_schedule(NAN), Contains("rate"));
    CHECK_THROWS_WITH(discount_factors(flat_schedule(0.03), 0), Contains("years must be from 1"));
    CHECK_THROWS_WITH(discount_factors(flat_schedule(0.03), 1001), Contains("years must be from 1"));
    CHECK_THROWS_WITH(discount_factors(DiscountSchedule{}, 3), Contains("at least one step"));
    // A rate near −1 over a long horizon overflows: an error, not inf.
    CHECK_THROWS_WITH(discount_factors(flat_schedule(-0.99), 1000), Contains("overflow"));
}

TEST_CASE("NPV equals flows[0] + Calc's NPV(r; rest)", "[impact]") {
    const std::vector<double> flows{-1000, 200, 300, 400, 500};
    const double r = 0.035;
    // Calc's NPV(r; v1..vn) = Σ v_i / (1 + r)^i, i from 1.
    double calc = flows[0];
    for (std::size_t i = 1; i < flows.size(); ++i) calc += flows[i] / std::pow(1 + r, static_cast<double>(i));
    CHECK(present_value(flows, flat_schedule(r)) == Approx(calc).epsilon(kTight));
    CHECK(present_value(std::vector<double>{42}, green_book_schedule()) == 42);
    CHECK_THROWS_WITH(present_value(std::vector<double>{}, flat_schedule(r)), Contains("at least one year"));
    CHECK_THROWS_WITH(present_value(std::vector<double>{1, 2e15}, flat_schedule(r)),
                      Contains("at most 1e15") && Contains("year 1"));
    CHECK_THROWS_WITH(present_value(std::vector<double>(1001, 1.0), flat_schedule(r)),
                      Contains("at most 1000"));
}

TEST_CASE("Payback year and benefit-cost ratio", "[impact]") {
    const std::vector<double> costs{100, 100, 0, 0, 0};
    const std::vector<double> benefits{0, 0, 80, 80, 80};
    // Undiscounted: cumulative benefits 0, 0, 80, 160, 240 vs costs 200: year 4.
    CHECK(payback_year(costs, benefits, flat_schedule(0)) == 4);
    CHECK(benefit_cost_ratio(costs, benefits, flat_schedule(0)) == Approx(1.2));
    // At 10 %: costs 100 + 90.909 = 190.909; benefits 66.116 + 60.105 + 54.641 = 180.862 < costs.
    CHECK_FALSE(payback_year(costs, benefits, flat_schedule(0.10)).has_value());
    const double pv_c = 100 + 100 / 1.1;
    const double pv_b = 80 / std::pow(1.1, 2) + 80 / std::pow(1.1, 3) + 80 / std::pow(1.1, 4);
    CHECK(benefit_cost_ratio(costs, benefits, flat_schedule(0.10)) == Approx(pv_b / pv_c).epsilon(kTight));
    // Benefits from the start: payback in year 0; no benefit at all: never.
    CHECK(payback_year(std::vector<double>{0, 0}, std::vector<double>{5, 5}, flat_schedule(0.03)) == 0);
    CHECK_FALSE(payback_year(std::vector<double>{0, 0}, std::vector<double>{0, 0}, flat_schedule(0.03)));
    CHECK_THROWS_WITH(
        benefit_cost_ratio(std::vector<double>{0, 0}, std::vector<double>{1, 1}, flat_schedule(0.03)),
        Contains("discounted costs must be > 0"));
    CHECK_THROWS_WITH(payback_year(std::vector<double>{1, 2}, std::vector<double>{1}, flat_schedule(0.03)),
                      Contains("same years"));
    CHECK_THROWS_WITH(
        payback_year(std::vector<double>{1, -2}, std::vector<double>{1, 1}, flat_schedule(0.03)),
        Contains("costs must be ≥ 0") && Contains("year 1"));
    CHECK_THROWS_WITH(
        benefit_cost_ratio(std::vector<double>{1}, std::vector<double>{-1}, flat_schedule(0.03)),
        Contains("benefits must be ≥ 0"));
}

namespace {

struct Stream {
    std::vector<double> costs, benefits;
};

// A 50-year programme: support costs in years 0–9, savings from year 10.
Stream fifty_years() {
    Stream s;
    for (int t = 0; t < 50; ++t) {
        s.costs.push_back(t < 10 ? 12000 : 0);
        s.benefits.push_back(t < 10 ? 0 : 9000);
    }
    return s;
}

}  // namespace

TEST_CASE("Monte Carlo with zero spread equals the NPV", "[impact]") {
    const Stream s = fifty_years();
    const std::vector<double> zero{0};
    SimulationInput in{s.costs, s.benefits, zero, zero, green_book_schedule(), 1000, 7, {0.1, 0.5, 0.9}};
    const Simulation result = simulate_npv(in);
    std::vector<double> net(50);
    for (int t = 0; t < 50; ++t) net[t] = s.benefits[t] - s.costs[t];
    const double npv = present_value(net, green_book_schedule());
    for (double q : result.quantiles) CHECK(q == Approx(npv).epsilon(1e-12));
    CHECK(result.probability_positive == (npv > 0 ? 1.0 : 0.0));
}

TEST_CASE("Monte Carlo quantiles converge to the lognormal's", "[impact]") {
    // With no costs the NPV is PV(benefits) × one lognormal multiplier, whose
    // quantile q is PV · exp(σ·z_q − σ²/2), σ² = ln(1 + s²).
    const Stream s = fifty_years();
    const std::vector<double> no_costs(50, 0.0), spread{0.3};
    const double pv = present_value(s.benefits, flat_schedule(0.035));
    const double sigma = std::sqrt(std::log1p(0.09));
    const double z90 = 1.2815515655446004;
    const std::vector<double> expected{pv * std::exp(-sigma * z90 - sigma * sigma / 2),
                                       pv * std::exp(-sigma * sigma / 2),
                                       pv * std::exp(sigma * z90 - sigma * sigma / 2)};
    double previous_error = 1e300;
    for (int trials : {1000, 100000}) {
        SimulationInput in{no_costs, s.benefits, spread,         spread, flat_schedule(0.035),
                           trials,   2024,       {0.1, 0.5, 0.9}};
        const Simulation result = simulate_npv(in);
        double error = 0;
        for (int i = 0; i < 3; ++i) error = std::max(error, std::fabs(result.quantiles[i] / expected[i] - 1));
        CHECK(error < previous_error);
        previous_error = error;
        CHECK(result.probability_positive == 1.0);
    }
    // The sampling error of a quantile at n = 100,000 is about
    // sqrt(p(1−p)/n)/φ(z_p) · σ ≈ 0.0017 · 0.29 < 0.1 % here; 0.5 % leaves room.
    CHECK(previous_error < 0.005);
}

TEST_CASE("Monte Carlo: the mean is kept and P(NPV > 0) is sensible", "[impact]") {
    const Stream s = fifty_years();
    const std::vector<double> cost_spread{0.1}, benefit_spread{0.5};
    SimulationInput in{s.costs, s.benefits, cost_spread,    benefit_spread, flat_schedule(0.035),
                       100000,  1,          {0.0, 0.5, 1.0}};
    const Simulation result = simulate_npv(in);
    CHECK(result.quantiles[0] < result.quantiles[1]);
    CHECK(result.quantiles[1] < result.quantiles[2]);
    CHECK(result.probability_positive > 0.5);
    CHECK(result.probability_positive < 1.0);
}

TEST_CASE("Monte Carlo per-year spreads", "[impact]") {
    // A spread per year equal everywhere gives the same draws as one spread.
    const Stream s = fifty_years();
    const std::vector<double> one{0.2}, per_year(50, 0.2);
    SimulationInput a{s.costs, s.benefits, one, one, flat_schedule(0.03), 5000, 3, {0.1, 0.5, 0.9}};
    SimulationInput b{s.costs, s.benefits, per_year, per_year, flat_schedule(0.03), 5000, 3, {0.1, 0.5, 0.9}};
    const auto ra = simulate_npv(a), rb = simulate_npv(b);
    for (int i = 0; i < 3; ++i) CHECK(ra.quantiles[i] == rb.quantiles[i]);
    // Uncertain years only late in the stream widen the range less than uncertain years throughout.
    std::vector<double> late(50, 0.0);
    for (int t = 40; t < 50; ++t) late[t] = 0.2;
    SimulationInput c{s.costs, s.benefits, late, late, flat_schedule(0.03), 5000, 3, {0.1, 0.5, 0.9}};
    const auto rc = simulate_npv(c);
    CHECK(rc.quantiles[2] - rc.quantiles[0] < ra.quantiles[2] - ra.quantiles[0]);
}

TEST_CASE("Monte Carlo is reproducible", "[impact]") {
    // The engine's output is fixed by the standard ([rand.predef]): the
    // 10,000th number of a default-constructed mt19937_64.
    std::mt19937_64 engine;
    engine.discard(9999);
    CHECK(engine() == 9981545732273789042ULL);

    const Stream s = fifty_years();
    const std::vector<double> spread{0.25};
    SimulationInput in{s.costs, s.benefits, spread, spread, green_book_schedule(), 2000, 12345, {0.5}};
    const auto first = simulate_npv(in), second = simulate_npv(in);
    CHECK(first.quantiles == second.quantiles);
    CHECK(first.probability_positive == second.probability_positive);
    in.seed = 12346;
    CHECK(simulate_npv(in).quantiles != first.quantiles);

    // Pinned on x86_64 glibc: another machine must give the same trials. Only
    // the last bits of exp and erfc_inv may differ between C libraries, hence
    // 1e-12 rather than equality.
    in.seed = 12345;
    in.quantiles = {0.1, 0.5, 0.9};
    const auto pinned = simulate_npv(in);
    CHECK(pinned.quantiles[0] == Approx(-16281.441626960392).epsilon(1e-12));
    CHECK(pinned.quantiles[1] == Approx(36851.968889541939).epsilon(1e-12));
    CHECK(pinned.quantiles[2] == Approx(94920.893784503773).epsilon(1e-12));
    CHECK(pinned.probability_positive == 0.814);  // 1628 of 2000 trials
}

TEST_CASE("Monte Carlo rejects bad input", "[impact]") {
    const Stream s = fifty_years();
    const std::vector<double> spread{0.2}, two(2, 0.2), negative{-0.1}, big{11};
    auto run = [&](SimulationInput in) { return simulate_npv(in); };
    const auto schedule = flat_schedule(0.03);
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, spread, schedule, 0, 1, {0.5}}), Contains("trials"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, spread, schedule, 1000001, 1, {0.5}}),
                      Contains("trials"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, spread, schedule, 10, (1ULL << 53) + 1, {0.5}}),
                      Contains("seed"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, spread, schedule, 10, 1, {}}), Contains("quantiles"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, spread, schedule, 10, 1, {1.5}}),
                      Contains("quantiles must be in [0, 1]"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, two, spread, schedule, 10, 1, {0.5}}),
                      Contains("spread of costs") && Contains("one per year (50)"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, spread, negative, schedule, 10, 1, {0.5}}),
                      Contains("spread of benefits must be in [0, 10]"));
    CHECK_THROWS_WITH(run({s.costs, s.benefits, big, spread, schedule, 10, 1, {0.5}}), Contains("[0, 10]"));
    const std::vector<double> shorter(49, 1.0);
    CHECK_THROWS_WITH(run({shorter, s.benefits, spread, spread, schedule, 10, 1, {0.5}}),
                      Contains("same years"));
}
