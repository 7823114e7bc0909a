// Exponential smoothing: the ETS state-space family, its estimation, model
// choice, forecasts, prediction intervals and rolling-origin accuracy.
//
// Methods (HKOS = Hyndman, Koehler, Ord & Snyder (2008), Forecasting with
// Exponential Smoothing: The State Space Approach, Springer):
//  - Models: error A/M, trend N/A/Ad, season N/A/M, in the error-correction
//    form of HKOS ch. 2.5 (Tables 2.2 and 2.3); the recursion is written as in
//    the R package forecast 8.20 (Hyndman et al., `ets()`, file etscalc.c), so
//    that the states, fitted values and likelihood are directly comparable.
//    Multiplicative-trend models are not offered (they are numerically
//    unstable, HKOS ch. 15; excluded by default in forecast's ets() too), and
//    the restricted combinations of ets() (A error with M season, HKOS
//    ch. 2.5.1 / 15) are not offered either.
//  - Estimation: maximum likelihood, HKOS ch. 5.2 eq. (5.3): minimise
//    n·log(Σ e_t²) [+ 2·Σ log|ŷ_t| for multiplicative errors]; the
//    log-likelihood reported is −½ of that, the convention of forecast's ets()
//    (the constant terms are omitted). Parameter region ("both" in ets()):
//    0.0001 ≤ α, β, γ ≤ 0.9999, β ≤ α, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98, and the
//    admissible (forecastable) region of HKOS ch. 10 (Table 10.1 and the
//    characteristic-polynomial condition for seasonal models, ch. 10.2.3).
//    A multiplicative error is relative to a positive one-step forecast: a
//    point where a forecast is ≤ 0 is outside the region (ets() allows it
//    and takes |ŷ|: 879 of its 27,541 fixed-model fits of the M1 and Tourism
//    series end there).
//    The search (NLopt, Johnson, "The NLopt nonlinear-optimization
//    package"), in two stages. First, for every model: starting points
//    (below) ranked by their likelihood, and from the best one L-BFGS (Liu &
//    Nocedal 1989) with the exact gradient of the objective by reverse-mode
//    differentiation of the recursion, over the usual region mapped onto a
//    box (β = lo + r(α − lo), γ = lo + u(1 − α − lo)), keeping the best
//    admissible point; if it cannot improve on its start, two rounds of the
//    Subplex simplex search (Rowan 1990) instead. Second, for a fixed model
//    and, with "auto", for the models within 10 of the smallest AICc
//    (Burnham & Anderson 2002: beyond that "essentially no support"): L-BFGS
//    from the best start in the other basin (α on the other side of ½), and
//    one Subplex round from the better optimum.
//  - Starting points: ets()'s (initparam(), and the heuristic initial states
//    of HKOS ch. 2.6.1 as forecast's initstate() computes them: classical
//    decomposition for the seasonal indices when there are ≥ 3 full
//    seasons, otherwise a regression on a trend and one Fourier pair; level
//    and slope from a least-squares line through the first max(10, 2m)
//    seasonally adjusted values); the same smoothing parameters and a small
//    grid of others (α 0.1, 0.5, 0.95; γ 5 % or 90 % of 1 − α; β = α/10)
//    with the initial states that minimise the squared one-step errors,
//    which are linear in them when there is no multiplicative season (the
//    additive season's solution turned into indices otherwise); and for
//    multiplicative models a start whose forecasts are positive. The
//    likelihood is often multimodal in the smoothing parameters: from
//    ets()'s start alone, 9 % of those fits ended more than 0.5 below R's
//    log-likelihood, against 0.6 % now (bench_competition loglik).
//  - Model choice: the smallest AICc (HKOS ch. 7.1, eq. 7.2) among the
//    models above that can be fitted; multiplicative error or season only
//    for strictly positive data. When the forecasts' horizon is given
//    (EtsRequest::horizon) and no value is negative, a model whose point
//    forecasts over it leave the data's range (below 0, or ≤ 0 when every
//    value is positive) is passed over, unless every model's do: counts,
//    euros and visitors are not negative, and a multiplicative error is not
//    even defined around a forecast ≤ 0. ets() has no such rule; on the M1
//    and Tourism series it changes the choice in 12 of 2312 and lowers the
//    mean sMAPE from 16.26 to 15.54 (M1) and from 19.44 to 19.24 (Tourism)
//    (bench_competition accuracy).
//  - Prediction intervals: analytic for the linear models (class 1: additive
//    error, trend and season) and for class 2 (multiplicative error, additive
//    trend and season), HKOS ch. 6.3, Table 6.1 and eqs. (6.4)–(6.6), assuming
//    normal errors; for the others (multiplicative season with
//    multiplicative error, class 3) quantiles of 5000 simulated sample paths
//    with normal errors from a fixed seed (HKOS ch. 6.1), so that the same
//    data always give the same interval.
//  - Seasonality detection (period not given): candidate periods
//    2 … min(24, n/3); the sample autocorrelation of the series after removing
//    a least-squares line must be a local peak at the candidate lag and exceed
//    1.645·sqrt((1 + 2·Σ_{k<m} r_k²)/n) (the 90 % Bartlett bound, the
//    seasonality test of the M4 competition benchmarks, Makridakis, Spiliotis
//    & Assimakopoulos 2020); the candidate with the largest autocorrelation
//    wins; none passing means no season.
//  - Gaps: leading and trailing gaps are dropped; interior gaps are filled by
//    linear interpolation between the neighbouring observations.
//  - Accuracy: MASE of Hyndman & Koehler (2006), scaled by the in-sample
//    mean absolute error of the seasonal naive forecast (naive for no
//    season); sMAPE as in the M3/M4 competitions (a fraction, not per cent);
//    rolling forecasting origin of Tashman (2000).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "errors.hpp"

namespace kuntaplan {

enum class EtsError { additive, multiplicative };
enum class EtsTrend { none, additive, damped };
enum class EtsSeason { none, additive, multiplicative };

struct EtsModel {
    EtsError error = EtsError::additive;
    EtsTrend trend = EtsTrend::none;
    EtsSeason season = EtsSeason::none;
    std::string code() const;  // "AAdN", "MNM", …
};

// A model code: three letters error/trend/season, trend "Ad" for damped, "Z"
// in any position for "choose"; "auto" (any case) = "ZZZ". Returns the
// candidate models in a fixed order. Throws domain_error for other text and
// for the combinations not offered (multiplicative trend, A error with M season).
std::vector<EtsModel> parse_ets_models(std::string_view code);

struct EtsParameters {
    double alpha = 0, beta = 0, gamma = 0, phi = 1;  // unused ones: beta = gamma = 0, phi = 1
};

struct EtsFit {
    EtsModel model;
    int period = 1;  // the season length used (1 = no season)
    EtsParameters parameters;
    std::vector<double> initial_states;  // level, [slope], [s_0 … s_{m−1}] (s_{m−1} is the
                                         // season of the first observation, as in ets())
    std::vector<double> final_states;    // the same layout after the last observation
    std::vector<double> observations;    // the series after gap filling
    std::vector<double> fitted;          // one-step fitted values
    std::vector<double> residuals;       // y − ŷ (additive error) or (y − ŷ)/ŷ (multiplicative)
    double log_likelihood = 0;           // −½·n·log(Σe²) [− Σ log|ŷ|], as ets() reports it
    double aic = 0, aicc = 0, bic = 0;
    double sigma2 = 0;        // Σe² / (n − number of estimated parameters)
    int parameter_count = 0;  // estimated parameters incl. free initial states (without σ)
    double mase = 0;          // in-sample MASE of the one-step fitted values
};

struct EtsRequest {
    std::string model = "auto";
    std::optional<int> period;  // nullopt = detect; 0 or 1 = no season; else the season length
    int horizon = 0;            // the steps to be forecast: a choice keeps these forecasts in the
                                // data's range (see "Model choice"); 0 = choose by AICc alone
};

// Drops leading/trailing NaN and fills interior NaN linearly. Throws
// domain_error if a value is ±inf.
std::vector<double> fill_gaps(std::span<const double> values);

// The detected season length (1 = none), see above.
int detect_period(std::span<const double> values);

// The mean as R's mean() computes it (an extended-precision sum, then one
// correcting pass): where Kuntaplan must start exactly where R's forecast
// package starts (FC.THETA).
double r_mean(std::span<const double> x);

// Classical decomposition's seasonal figure, as R's decompose() computes it:
// a centred moving average of order 2×m (even m) or m (odd m) as the trend
// (R's filter(), in its order of operations), the detrended values (y/trend
// or y − trend) averaged by position in the cycle (position 0 = that of the
// first value; R's mean()), normalised to mean 1 (or 0). A position without
// a detrended value is NaN. Used for ETS's initial states and by FC.THETA.
std::vector<double> seasonal_figure(std::span<const double> y, int m, bool multiplicative);

// Fits (and, for "auto" or Z codes, chooses) a model. NaN values are gaps.
// Throws domain_error for too few points, a period the data cannot support,
// non-positive data for a multiplicative model; no_convergence if no model
// could be fitted.
EtsFit fit_ets(std::span<const double> values, const EtsRequest& request);

// fit_ets() that also returns the damped-trend model with the smallest AICc
// among the candidates (nullopt when there is none, or one model was asked
// for): FC.FORECAST's members from one search. `damped` is the fit that a
// choice among the damped models alone ("ZAdZ") ends with.
struct EtsChoice {
    EtsFit chosen;
    std::optional<EtsFit> damped;
};
EtsChoice fit_ets_choice(std::span<const double> values, const EtsRequest& request);

// The model with given parameters and initial states, without estimation
// (the states' layout is that of EtsFit::initial_states). Used to check the
// recursion against a reference implementation.
EtsFit evaluate_ets(std::span<const double> values, const EtsModel& model, int period,
                    const EtsParameters& parameters, std::span<const double> initial_states);

struct EtsForecast {
    std::vector<double> point, lower, upper;  // lower/upper empty without a level
};

// Point forecasts for 1 … horizon steps, with prediction intervals of
// coverage `level` (0 < level < 1) when given.
EtsForecast forecast_ets(const EtsFit& fit, int horizon, std::optional<double> level = std::nullopt);

// Whether point forecasts stay in the range of data whose smallest value is
// `lowest`: when no value is negative, every forecast ≥ 0, and > 0 when every
// value is positive; data with a negative value set no range (true). The rule
// of FC.ETS's choice (see "Model choice") and of FC.FORECAST's members.
bool in_data_range(std::span<const double> point, double lowest);

struct Accuracy {
    double mae = 0, rmse = 0, smape = 0, mase = 0;
};

// Rolling-origin evaluation: `origins` forecasts of `horizon` steps each, the
// last one ending at the last observation, each origin one step before the
// next; the model (or the choice among models) is refitted at each origin.
// The period is fixed once from the first training set when not given.
// Throws domain_error beyond the cost limit below.
Accuracy backtest_ets(std::span<const double> values, int horizon, const EtsRequest& request, int origins);

// The same rolling origins, checks and measures for any method: forecaster(history, period) returns
// the `horizon` point forecasts from the values before an origin, with the season length fixed once
// (the given period, 0 read as 1, or detected from the first training set).
using Forecaster = std::function<std::vector<double>(std::span<const double> history, int period)>;
Accuracy backtest(std::span<const double> values, int horizon, std::optional<int> period, int origins,
                  const Forecaster& forecaster);

// The cost limits (no formula may hold the office, which recalculates on
// every open, for more than about 2 s on one core; measured with bench_ets
// worst). A fit costs about its number of values times the evaluations of the
// likelihood its search needs, which the data decide. The costliest series
// found, with "auto" and period 52 (a faint season under fainter noise; values
// near 1e-300, where the recursion meets subnormal numbers, which the
// processor computes slowly, found by fuzz_forecast), take up to 0.9 s at
// this limit (1.65 s with the search of version 0.4). FC.FORECAST (one such
// search, its damped candidate refined too, and Theta, 6 ms on 5000 values)
// and FC.BACKTEST of the combination stay within the same time.
// fit_ets throws domain_error for a series (after trimming the gaps at its
// ends) longer than kEtsMaxValues; backtest_ets also when
// origins × (values + kEtsFitSetupValues) exceeds kEtsMaxBacktestCost,
// so that one origin takes what fit_ets takes; forecast_ets when intervals
// are simulated (multiplicative error and season) for more than
// kEtsMaxSimulatedHorizon steps (every path's every step is kept: 40 kB
// a step).
inline constexpr std::size_t kEtsMaxValues = 5000;
inline constexpr std::size_t kEtsFitSetupValues = 100;
inline constexpr std::size_t kEtsMaxBacktestCost = kEtsMaxValues + kEtsFitSetupValues;
inline constexpr int kEtsMaxSimulatedHorizon = 1000;

// The ranges of the arguments (the add-in checks its cells against the same
// numbers): the longest season, the longest horizon of forecast_ets and
// backtest_ets, and the most origins of backtest_ets.
inline constexpr int kEtsMaxPeriod = 52;
inline constexpr int kEtsMaxHorizon = 100000;
inline constexpr int kEtsMaxOrigins = 10000;

// The most origins the cost limit allows for a series of n values (0 when n
// is beyond kEtsMaxValues).
std::size_t ets_max_origins(std::size_t n);

namespace detail {
// For the tests: the copies of the recursion that forecast.cpp writes out for
// speed, each on its own, so that each can be compared with evaluate_ets()
// (the recursion as etscalc.c writes it, checked against ets()).
//
// The estimation objective n·log(Σe²) [+ 2·Σlog|ŷ|] of the model and its
// gradient with respect to α, β, γ, φ (g_parameters, 4 values) and the full
// initial state (g_states, the layout of EtsFit::initial_states), by
// reverse-mode differentiation of the recursion (a forward and a backward pass).
double ets_objective_gradient(std::span<const double> values, const EtsModel& model, int period,
                              const EtsParameters& parameters, std::span<const double> initial_states,
                              std::span<double> g_parameters, std::span<double> g_states);
// The same objective as the optimiser evaluates it, without the gradient.
double ets_objective(std::span<const double> values, const EtsModel& model, int period,
                     const EtsParameters& parameters, std::span<const double> initial_states);
// One sample path of the simulated intervals (class 3: multiplicative error
// and season) from the fit's final states, with the relative errors given:
// y_i = ŷ_i·(1 + max(−1, errors[i])), where ŷ_i is the one-step forecast from
// the states after y_1 … y_{i−1}; from the first ŷ_i ≤ 0 on, y_i = 0 (the
// model of positive data has ended there).
std::vector<double> ets_simulated_path(const EtsFit& fit, std::span<const double> errors);
}  // namespace detail

}  // namespace kuntaplan
