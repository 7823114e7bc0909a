// The planner's forecast: one entry point for the methods of FC.FORECAST and
// FC.BACKTEST (exponential smoothing, Theta, the naive benchmarks) and their
// combination.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "forecast.hpp"

namespace kuntaplan {

enum class ForecastMethod {
    combination,     // FC.FORECAST's "auto": see forecast_methods.cpp for its members and rule
    ets,             // FC.ETS with `ets_model` ("auto" = chosen by AICc)
    theta,           // FC.THETA
    naive,           // the last value
    seasonal_naive,  // the value one season back
};

struct ForecastRequest {
    ForecastMethod method = ForecastMethod::combination;
    std::string ets_model = "auto";  // for ForecastMethod::ets only
    std::optional<int> period;       // nullopt = detect; 0 or 1 = none; else the season length
};

// Point forecasts for 1 … horizon steps, with intervals of coverage `level`
// when given. NaN values are gaps. Throws domain_error for input the method
// cannot use (e.g. the seasonal naive method without a season, or with fewer
// than period + 1 values; the naive method with fewer than 2). A member of
// the combination that the data cannot support (e.g. damped ETS on a very
// short series) is left out; with none left, the first member's error.
EtsForecast forecast_series(std::span<const double> values, int horizon, const ForecastRequest& request,
                            std::optional<double> level = std::nullopt);

// Rolling-origin accuracy of the method, as backtest_ets() (forecast.hpp).
Accuracy backtest_series(std::span<const double> values, int horizon, const ForecastRequest& request,
                         int origins);

}  // namespace kuntaplan
