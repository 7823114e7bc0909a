// Tests of core/forecast_methods.hpp: the naive methods against R's
// forecast::naive/snaive (numbers below), each method as its own function,
// the combination as the aggregate of its members, the backtest, and the
// error paths.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ets_fixtures.hpp"
#include "forecast.hpp"
#include "forecast_methods.hpp"
#include "theta.hpp"

using namespace kuntaplan;

namespace {

double relative(double a, double b) { return std::fabs(a - b) / std::max(1.0, std::fabs(b)); }

// The combination's lower bound when no value is negative: the mean of the
// members' lower bounds, but not below zero (unless the point is).
double floored(double lower, double point) { return std::max(lower, std::min(0.0, point)); }

const std::vector<double>& reference_values(const std::string& name) {
    return ets_fixtures::reference_series().at(name).values;
}

void check_close(const std::vector<double>& ours, const std::vector<double>& r, double tolerance) {
    REQUIRE(ours.size() == r.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        INFO("step " << i + 1 << ": " << ours[i] << " vs " << r[i]);
        CHECK(relative(ours[i], r[i]) < tolerance);
    }
}

ForecastRequest request_of(ForecastMethod method, std::optional<int> period = std::nullopt,
                           std::string ets_model = "auto") {
    ForecastRequest r;
    r.method = method;
    r.period = period;
    r.ets_model = std::move(ets_model);
    return r;
}

template <typename F>
std::string error_key(F&& f) {
    try {
        f();
    } catch (const domain_error& e) {
        return e.key();
    }
    return "";
}

}  // namespace

// R 4.2.2, forecast 8.20, printed with %.17g:
//   naive(airmiles, h = 5, level = c(80, 95))
//   snaive(USAccDeaths, h = 15, level = c(80, 95))
// 1e-12: the same arithmetic (the last value or the value a season back;
// σ² the mean squared lag-difference; variance σ²·ceil(h/lag)), differing
// only in the rounding of the sum and of the normal quantile.
TEST_CASE("naive and seasonal naive reproduce R's naive() and snaive()", "[forecast_methods][reference]") {
    SECTION("naive") {
        const auto& y = reference_values("airmiles");
        const EtsForecast f80 = forecast_series(y, 5, request_of(ForecastMethod::naive), 0.80);
        const EtsForecast f95 = forecast_series(y, 5, request_of(ForecastMethod::naive), 0.95);
        check_close(f80.point, {30514, 30514, 30514, 30514, 30514}, 1e-12);
        check_close(f80.lower,
                    {28247.109107903267, 27308.132155976753, 26587.629799673319, 25980.218215806533,
                     25445.077867696564},
                    1e-12);
        check_close(f80.upper,
                    {32780.890892096737, 33719.867844023247, 34440.370200326681, 35047.781784193467,
                     35582.922132303436},
                    1e-12);
        check_close(f95.lower,
                    {27047.089557341853, 25611.04823245994, 24509.134968024984, 23580.179114683709,
                     22761.752578312502},
                    1e-12);
        check_close(f95.upper,
                    {33980.910442658147, 35416.951767540057, 36518.865031975016, 37447.820885316294,
                     38266.247421687498},
                    1e-12);
    }
    SECTION("seasonal naive, the period given or detected") {
        const auto& y = reference_values("USAccDeaths");
        REQUIRE(detect_period(y) == 12);
        for (std::optional<int> period : {std::optional<int>(12), std::optional<int>()}) {
            const auto request = request_of(ForecastMethod::seasonal_naive, period);
            const EtsForecast f80 = forecast_series(y, 15, request, 0.80);
            const EtsForecast f95 = forecast_series(y, 15, request, 0.95);
            check_close(
                f80.point,
                {7836, 6892, 7791, 8192, 9115, 9434, 10484, 9827, 9110, 9070, 8633, 9240, 7836, 6892, 7791},
                1e-12);
            check_close(f80.lower,
                        {7119.0931929033322, 6175.0931929033322, 7074.0931929033322, 7475.0931929033322,
                         8398.0931929033322, 8717.0931929033322, 9767.0931929033322, 9110.0931929033322,
                         8393.0931929033322, 8353.0931929033322, 7916.0931929033322, 8523.0931929033322,
                         6822.1406704463006, 5878.1406704463006, 6777.1406704463006},
                        1e-12);
            check_close(f80.upper,
                        {8552.9068070966678, 7608.9068070966678, 8507.9068070966678, 8908.9068070966678,
                         9831.9068070966678, 10150.906807096668, 11200.906807096668, 10543.906807096668,
                         9826.9068070966678, 9786.9068070966678, 9349.9068070966678, 9956.9068070966678,
                         8849.8593295536994, 7905.8593295536994, 8804.8593295536994},
                        1e-12);
            check_close(f95.lower,
                        {6739.585653548038, 5795.585653548038, 6694.585653548038, 7095.585653548038,
                         8018.585653548038, 8337.585653548038, 9387.585653548038, 8730.585653548038,
                         8013.585653548038, 7973.585653548038, 7536.585653548038, 8143.585653548038,
                         6285.4359612672024, 5341.4359612672024, 6240.4359612672024},
                        1e-12);
            check_close(f95.upper,
                        {8932.414346451962, 7988.414346451962, 8887.414346451962, 9288.414346451962,
                         10211.414346451962, 10530.414346451962, 11580.414346451962, 10923.414346451962,
                         10206.414346451962, 10166.414346451962, 9729.414346451962, 10336.414346451962,
                         9386.5640387327967, 8442.5640387327967, 9341.5640387327967},
                        1e-12);
        }
    }
    SECTION("without a level, points only") {
        const EtsForecast f =
            forecast_series(reference_values("airmiles"), 3, request_of(ForecastMethod::naive));
        CHECK(f.point.size() == 3);
        CHECK(f.lower.empty());
        CHECK(f.upper.empty());
    }
}

// "ets" and "theta" are FC.ETS and FC.THETA: the same numbers.
TEST_CASE("the ets and theta methods are FC.ETS and FC.THETA", "[forecast_methods]") {
    const auto& y = reference_values("USAccDeaths");
    for (std::optional<int> period : {std::optional<int>(), std::optional<int>(12), std::optional<int>(0)}) {
        for (std::string model : {"auto", "ANN", "MAdM"}) {
            const auto request = request_of(ForecastMethod::ets, period, model);
            if (period == 0 && model == "MAdM") {  // a seasonal model without a season
                CHECK(error_key([&] { forecast_series(y, 6, request); }) == "fc_model_seasonal_no_season");
                continue;
            }
            const EtsForecast ours = forecast_series(y, 6, request, 0.9);
            const EtsForecast direct = forecast_ets(fit_ets(y, EtsRequest{model, period}), 6, 0.9);
            CHECK(ours.point == direct.point);
            CHECK(ours.lower == direct.lower);
            CHECK(ours.upper == direct.upper);
        }
        const EtsForecast ours = forecast_series(y, 6, request_of(ForecastMethod::theta, period), 0.9);
        const EtsForecast direct = forecast_theta(fit_theta(y, period), 6, 0.9);
        CHECK(ours.point == direct.point);
        CHECK(ours.lower == direct.lower);
        CHECK(ours.upper == direct.upper);
    }
}

// The combination ("auto"): the mean of the members' points and of their
// interval bounds (forecast_methods.cpp: ETS "auto", damped ETS "ZAdZ",
// Theta), the lower bound floored at zero (the series here are positive).
// When the members change, this test changes with them. 1e-12: the same
// numbers, summed perhaps in another order.
TEST_CASE("the combination is the mean of its members", "[forecast_methods]") {
    for (const std::string name : {"USAccDeaths", "airmiles", "WWWusage"}) {
        const auto& y = reference_values(name);
        const int m = detect_period(y);
        const std::vector<EtsForecast> members{
            forecast_ets(fit_ets(y, EtsRequest{"auto", m}), 8, 0.8),
            forecast_ets(fit_ets(y, EtsRequest{"ZAdZ", m}), 8, 0.8),
            forecast_theta(fit_theta(y, m), 8, 0.8),
        };
        const EtsForecast combined = forecast_series(y, 8, ForecastRequest{}, 0.8);
        INFO(name);
        for (std::size_t i = 0; i < 8; ++i) {
            double point = 0, lower = 0, upper = 0;
            for (const auto& f : members) {
                point += f.point[i] / 3;
                lower += f.lower[i] / 3;
                upper += f.upper[i] / 3;
            }
            CHECK(relative(combined.point[i], point) < 1e-12);
            CHECK(relative(combined.lower[i], floored(lower, point)) < 1e-12);
            CHECK(relative(combined.upper[i], upper) < 1e-12);
        }
        // The default request is the combination, with the season detected.
        CHECK(forecast_series(y, 8, request_of(ForecastMethod::combination)).point == combined.point);
    }
}

// A member that the data cannot support is left out: on 7 values the damped
// models cannot be fitted, so the combination is that of ETS "auto" and Theta.
TEST_CASE("the combination leaves out a member the data cannot support", "[forecast_methods]") {
    const std::vector<double> y{412, 480, 683, 1052, 1385, 1418, 1634};
    CHECK_THROWS(fit_ets(y, EtsRequest{"ZAdZ", std::nullopt}));
    const EtsForecast ets = forecast_ets(fit_ets(y, EtsRequest{"auto", 1}), 4, 0.95);
    const EtsForecast theta = forecast_theta(fit_theta(y, 1), 4, 0.95);
    const EtsForecast combined = forecast_series(y, 4, ForecastRequest{}, 0.95);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(relative(combined.point[i], ets.point[i] / 2 + theta.point[i] / 2) < 1e-12);
        CHECK(relative(combined.lower[i], floored(ets.lower[i] / 2 + theta.lower[i] / 2, combined.point[i])) <
              1e-12);
        CHECK(relative(combined.upper[i], ets.upper[i] / 2 + theta.upper[i] / 2) < 1e-12);
    }
}

// A member whose point forecasts leave the data's range is left out, as
// FC.ETS's choice passes over such a model (in_data_range()). M1's MND16
// (monthly, 53 positive values, 18 to forecast): Theta's forecasts fall below
// zero within the 18 months and both ETS members stay positive, so the
// combination is the mean of the two ETS members. A falling series that ends
// at zero: only ETS "auto" stays at or above zero, so it is the combination.
TEST_CASE("the combination leaves out a member whose forecasts leave the data's range",
          "[forecast_methods]") {
    std::vector<double> y;
    for (const auto& row : ets_fixtures::read_reference("forecast/m1_values.csv"))
        if (row.at("series") == "MND16" && row.at("role") == "train") y.push_back(std::stod(row.at("value")));
    REQUIRE(y.size() == 53);
    const EtsForecast ets = forecast_ets(fit_ets(y, EtsRequest{"auto", 12, 18}), 18, 0.8);
    const EtsForecast damped = forecast_ets(fit_ets(y, EtsRequest{"ZAdZ", 12, 18}), 18, 0.8);
    const EtsForecast theta = forecast_theta(fit_theta(y, 12), 18, 0.8);
    const double lowest = *std::min_element(y.begin(), y.end());
    REQUIRE(lowest > 0);
    CHECK(*std::min_element(theta.point.begin(), theta.point.end()) <= 0);  // what the rule is for
    CHECK_FALSE(in_data_range(theta.point, lowest));
    CHECK(in_data_range(ets.point, lowest));
    CHECK(in_data_range(damped.point, lowest));
    const EtsForecast combined = forecast_series(y, 18, request_of(ForecastMethod::combination, 12), 0.8);
    for (std::size_t i = 0; i < 18; ++i) {
        CHECK(relative(combined.point[i], ets.point[i] / 2 + damped.point[i] / 2) < 1e-12);
        CHECK(relative(combined.lower[i],
                       floored(ets.lower[i] / 2 + damped.lower[i] / 2, combined.point[i])) < 1e-12);
        CHECK(relative(combined.upper[i], ets.upper[i] / 2 + damped.upper[i] / 2) < 1e-12);
    }
    const std::vector<double> falling{10, 8, 6, 4, 2, 0, 0, 0};
    const auto alone = forecast_ets(fit_ets(falling, EtsRequest{"auto", 1, 6}), 6).point;
    CHECK(in_data_range(alone, 0));
    CHECK_FALSE(in_data_range(forecast_ets(fit_ets(falling, EtsRequest{"ZAdZ", 1, 6}), 6).point, 0));
    CHECK_FALSE(in_data_range(forecast_theta(fit_theta(falling, 1), 6).point, 0));
    CHECK(forecast_series(falling, 6, request_of(ForecastMethod::combination, 1)).point == alone);
}

// The floor of the combination's lower bound: lynx (114 positive yearly
// values) has members whose mean 95 % lower bound falls below zero at some
// steps; there the combination's is zero, elsewhere the mean. With its
// smallest value made -1 the data's range is gone, and so is the floor.
TEST_CASE("the combination's lower bound is floored at zero when no value is negative",
          "[forecast_methods]") {
    // The mean of the three members' lower bounds, step by step.
    auto mean_lower = [](const std::vector<double>& y) {
        const EtsForecast ets = forecast_ets(fit_ets(y, EtsRequest{"auto", 1, 10}), 10, 0.95);
        const EtsForecast damped = forecast_ets(fit_ets(y, EtsRequest{"ZAdZ", 1, 10}), 10, 0.95);
        const EtsForecast theta = forecast_theta(fit_theta(y, 1), 10, 0.95);
        std::vector<double> mean(10);
        for (std::size_t i = 0; i < 10; ++i)
            mean[i] = ets.lower[i] / 3 + damped.lower[i] / 3 + theta.lower[i] / 3;
        return mean;
    };
    std::vector<double> y = reference_values("lynx");
    REQUIRE(*std::min_element(y.begin(), y.end()) > 0);
    const EtsForecast combined = forecast_series(y, 10, request_of(ForecastMethod::combination, 1), 0.95);
    int floored_steps = 0;
    const std::vector<double> means = mean_lower(y);
    for (std::size_t i = 0; i < 10; ++i) {
        const double mean = means[i];
        INFO("step " << i + 1 << ": mean of the lower bounds " << mean);
        CHECK(combined.point[i] > 0);
        if (mean < 0) {
            CHECK(combined.lower[i] == 0);
            ++floored_steps;
        } else {
            CHECK(relative(combined.lower[i], mean) < 1e-12);
        }
    }
    CHECK(floored_steps > 0);  // what the floor is for
    *std::min_element(y.begin(), y.end()) = -1;
    const EtsForecast unfloored = forecast_series(y, 10, request_of(ForecastMethod::combination, 1), 0.95);
    int below_zero = 0;
    const std::vector<double> unfloored_means = mean_lower(y);
    for (std::size_t i = 0; i < 10; ++i) {
        const double mean = unfloored_means[i];
        below_zero += mean < 0;
        CHECK(relative(unfloored.lower[i], mean) < 1e-12);
    }
    CHECK(below_zero > 0);  // not floored
}

// in_data_range(): no negative value, forecasts ≥ 0; all positive, > 0; a
// negative value, no range.
TEST_CASE("in_data_range", "[forecast_methods]") {
    const std::vector<double> zero_on{1, 0, 2}, positive{1, 2}, negative{-1, 5};
    CHECK(in_data_range(zero_on, 0));
    CHECK_FALSE(in_data_range(zero_on, 0.5));
    CHECK(in_data_range(positive, 0.5));
    CHECK_FALSE(in_data_range(negative, 0));
    CHECK(in_data_range(negative, -3));
}

// Otherwise the combination fails where a member fails: a series beyond the
// length limit that FC.ETS and FC.THETA share.
TEST_CASE("the combination fails where FC.ETS fails", "[forecast_methods][errors]") {
    std::vector<double> y(kEtsMaxValues + 1);
    for (std::size_t t = 0; t < y.size(); ++t) y[t] = 100 + 10 * std::sin(0.3 * static_cast<double>(t));
    CHECK_THROWS_AS(fit_ets(y, EtsRequest{"auto", 1}), domain_error);
    CHECK_THROWS_AS(fit_theta(y, 1), domain_error);
    CHECK_THROWS_AS(forecast_series(y, 4, request_of(ForecastMethod::combination, 1)), domain_error);
}

// The backtest: "ets" is backtest_ets; the others use the same origins and
// measures, checked by hand for the naive method (horizon 1: the errors are
// the last `origins` one-step differences).
TEST_CASE("backtest_series rolls the origins as backtest_ets", "[forecast_methods]") {
    const auto& y = reference_values("airmiles");
    const std::size_t n = y.size();
    SECTION("ets") {
        const Accuracy a = backtest_series(y, 3, request_of(ForecastMethod::ets, std::nullopt, "AAN"), 4);
        const Accuracy b = backtest_ets(y, 3, EtsRequest{"AAN", std::nullopt}, 4);
        CHECK(a.mae == b.mae);
        CHECK(a.rmse == b.rmse);
        CHECK(a.smape == b.smape);
        CHECK(a.mase == b.mase);
    }
    SECTION("naive, by hand") {
        const int origins = 3;
        const Accuracy a = backtest_series(y, 1, request_of(ForecastMethod::naive), origins);
        double mae = 0, mse = 0, smape = 0, mase = 0;
        for (std::size_t t = n - origins; t < n; ++t) {
            const double e = y[t] - y[t - 1];
            double scale = 0;  // the in-sample MAE of the naive forecast on y[0 … t−1]
            for (std::size_t s = 1; s < t; ++s)
                scale += std::fabs(y[s] - y[s - 1]) / static_cast<double>(t - 1);
            mae += std::fabs(e) / origins;
            mse += e * e / origins;
            smape += 2 * std::fabs(e) / (std::fabs(y[t]) + std::fabs(y[t - 1])) / origins;
            mase += std::fabs(e) / scale / origins;
        }
        CHECK(a.mae == Approx(mae).epsilon(1e-12));
        CHECK(a.rmse == Approx(std::sqrt(mse)).epsilon(1e-12));
        CHECK(a.smape == Approx(smape).epsilon(1e-12));
        CHECK(a.mase == Approx(mase).epsilon(1e-12));
    }
    SECTION("theta: each origin fitted on the values before it") {
        const int origins = 2, horizon = 3;
        const Accuracy a = backtest_series(y, horizon, request_of(ForecastMethod::theta), origins);
        double mae = 0;
        for (int o = 0; o < origins; ++o) {
            const std::size_t train = n - horizon - (origins - 1) + static_cast<std::size_t>(o);
            const auto f = forecast_theta(fit_theta(std::span<const double>(y).first(train), 1), horizon);
            for (int i = 0; i < horizon; ++i)
                mae += std::fabs(y[train + i] - f.point[i]) / (origins * horizon);
        }
        CHECK(a.mae == Approx(mae).epsilon(1e-12));
    }
    SECTION("the combination and the seasonal naive run") {
        const auto& m = reference_values("USAccDeaths");
        CHECK(std::isfinite(backtest_series(m, 12, ForecastRequest{}, 3).mase));
        CHECK(std::isfinite(backtest_series(m, 12, request_of(ForecastMethod::seasonal_naive), 3).mase));
    }
}

TEST_CASE("forecast_series and backtest_series reject input they cannot use", "[forecast_methods][errors]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto& trend = reference_values("airmiles");
    const auto& monthly = reference_values("USAccDeaths");
    REQUIRE(detect_period(trend) == 1);
    const auto snaive = ForecastMethod::seasonal_naive;
    // The seasonal naive method needs a season: none given or found.
    CHECK(error_key([&] { forecast_series(trend, 3, request_of(snaive)); }) == "fc_snaive_no_season");
    CHECK(error_key([&] { forecast_series(monthly, 3, request_of(snaive, 1)); }) == "fc_snaive_no_season");
    CHECK(error_key([&] { forecast_series(monthly, 3, request_of(snaive, 0)); }) == "fc_snaive_no_season");
    // … and a season and one more value.
    const std::vector<double> year(monthly.begin(), monthly.begin() + 12);
    CHECK(error_key([&] { forecast_series(year, 3, request_of(snaive, 12)); }) == "fc_snaive_too_few_values");
    CHECK_NOTHROW(forecast_series(std::vector<double>(monthly.begin(), monthly.begin() + 13), 3,
                                  request_of(snaive, 12), 0.9));
    // The naive method: two values (one difference for the interval).
    CHECK(error_key([&] { forecast_series(std::vector<double>{5}, 3, request_of(ForecastMethod::naive)); }) ==
          "fc_too_few_values");
    CHECK(error_key([&] {
              forecast_series(std::vector<double>{nan, 5, nan}, 3, request_of(ForecastMethod::naive));
          }) == "fc_too_few_values");
    CHECK_NOTHROW(forecast_series(std::vector<double>{5, 6}, 3, request_of(ForecastMethod::naive), 0.9));
    // The combination when no member can be fitted: the first member's error.
    CHECK(error_key([&] {
              forecast_series(std::vector<double>{1, 2, 3}, 3, ForecastRequest{});
          }) == "fc_too_few_values");
    // Horizon, level and period, for every method.
    for (auto method : {ForecastMethod::combination, ForecastMethod::ets, ForecastMethod::theta,
                        ForecastMethod::naive, ForecastMethod::seasonal_naive}) {
        const auto request = request_of(method, 12);
        CHECK(error_key([&] { forecast_series(monthly, 0, request); }) == "fc_horizon_range");
        CHECK(error_key([&] { forecast_series(monthly, kEtsMaxHorizon + 1, request); }) ==
              "fc_horizon_range");
        for (double level : {0.0, 1.0, nan})
            CHECK(error_key([&] { forecast_series(monthly, 3, request, level); }) == "fc_level_range");
        for (int period : {-1, kEtsMaxPeriod + 1})
            CHECK(error_key([&] { forecast_series(monthly, 3, request_of(method, period)); }) ==
                  "fc_period_range");
        // A value that is not finite.
        std::vector<double> bad = monthly;
        bad[5] = std::numeric_limits<double>::infinity();
        CHECK(error_key([&] { forecast_series(bad, 3, request); }) == "fc_value_not_finite");
    }
    // The backtest's own limits (as backtest_ets).
    const auto naive = request_of(ForecastMethod::naive);
    CHECK(error_key([&] { backtest_series(trend, 3, naive, 0); }) == "fc_origins_range");
    CHECK(error_key([&] { backtest_series(trend, 3, naive, kEtsMaxOrigins + 1); }) == "fc_origins_range");
    CHECK(error_key([&] { backtest_series(trend, 0, naive, 1); }) == "fc_horizon_range");
    CHECK(error_key([&] { backtest_series(trend, 20, naive, 3); }) == "fc_backtest_too_few_values");
    CHECK(error_key([&] { backtest_series(trend, 3, request_of(ForecastMethod::naive, -1), 3); }) ==
          "fc_period_range");
    const std::vector<double> long_series(1000, 1.0);  // at most 5100 / 1100 = 4 origins
    CHECK(ets_max_origins(long_series.size()) == 4);
    CHECK_NOTHROW(backtest_series(long_series, 1, naive, 4));
    CHECK(error_key([&] { backtest_series(long_series, 1, naive, 5); }) == "fc_backtest_cost");
    CHECK(error_key([&] { backtest_series(std::vector<double>(kEtsMaxValues + 1, 1.0), 1, naive, 1); }) ==
          "fc_values_too_many");
    CHECK(error_key([&] { backtest_series(trend, 1, request_of(snaive), 2); }) == "fc_snaive_no_season");
}
