// The Theta method of Assimakopoulos & Nikolopoulos (2000), "The theta model:
// a decomposition approach to forecasting", International Journal of
// Forecasting 16(4), 521–530, in the form Hyndman & Billah (2003) showed it
// to be ("Unmasking the Theta method", IJF 19(2), 287–290): simple
// exponential smoothing with a drift of half the slope of a least-squares
// line, on data seasonally adjusted by classical multiplicative
// decomposition when a 90 % test of the lag-m autocorrelation finds a season
// (the test of the M3/M4 benchmarks, as R's forecast::thetaf applies it).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "forecast.hpp"

namespace kuntaplan {

struct ThetaFit {
    int period = 1;                        // the season length tested (1 = none)
    bool seasonal = false;                 // whether the seasonal adjustment was applied
    std::vector<double> observations;      // the series after gap filling (fill_gaps)
    std::vector<double> seasonal_indices;  // with `seasonal`: the multiplicative indices of the
                                           // next `period` steps after the last value, in order
    double alpha = 0;                      // the smoothing parameter of the simple exponential smoothing
    double level0 = 0;                     // its initial level
    double final_level = 0;                // its level after the last (adjusted) value
    double drift = 0;   // half the slope of the least-squares line through the adjusted values
    double sigma2 = 0;  // Σe² / (n − 2) of the one-step errors on the adjusted data
                        // (Σe² / n for n ≤ 6, as thetaf's HoltWinters route)
};

// Fits the Theta method as R's forecast::thetaf does (theta.cpp: the steps,
// and how the estimate is made to agree with thetaf's). `period`: nullopt =
// detect (detect_period), 0 or 1 = no season, else the season length to test;
// as in thetaf, a season is tested only when n > 2·period, and a series
// shorter than that is forecast without one. NaN values are gaps (fill_gaps).
// Throws domain_error for fewer than 4 values, more than kEtsMaxValues, a
// period outside 0 … kEtsMaxPeriod, or errors too large to square.
ThetaFit fit_theta(std::span<const double> values, std::optional<int> period);

// Point forecasts for 1 … horizon steps (1 ≤ horizon ≤ kEtsMaxHorizon), with
// intervals of coverage `level` (0 < level < 1) when given: those of simple
// exponential smoothing on the adjusted data, around the reseasonalised
// forecast (not scaled by the seasonal index, as in thetaf).
EtsForecast forecast_theta(const ThetaFit& fit, int horizon, std::optional<double> level = std::nullopt);

namespace detail {
// How the simple exponential smoothing is estimated: `as_ets` is what
// fit_theta() does (the search of forecast's ets(), which thetaf uses, from
// its start to its stop); `least_squares` is the exact least-squares optimum,
// for the tests to compare R's stop with.
enum class SesEstimation { as_ets, least_squares };
ThetaFit fit_theta(std::span<const double> values, std::optional<int> period, SesEstimation estimation);
// The objective ets(x, "ANN", opt.crit = "mse") minimises: the mean squared
// one-step error of SES with smoothing `alpha` from level `level0`; +inf for
// α outside [1e-4, 0.9999].
double ses_mse(std::span<const double> x, double alpha, double level0);
}  // namespace detail

}  // namespace kuntaplan
