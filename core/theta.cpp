#include "theta.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/minima.hpp>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "messages.hpp"

// What FC.THETA computes, step by step as R's forecast::thetaf (forecast
// 8.20, Hyndman et al.) does it, so that the two agree to the rounding:
//  1. Seasonality test (m ≥ 2, the series not constant, n > 2m): the sample
//     autocorrelations r_k of the series; seasonal when
//     |r_m| > 1.645·sqrt((1 + 2·Σ_{k<m} r_k²)/n) (qnorm(0.95); Bartlett's
//     bound, the test of the M3/M4 Theta benchmark).
//  2. Seasonal: classical multiplicative decomposition (decompose() in R):
//     a centred moving average of order 2×m (m even) or m (m odd) as the
//     trend, the indices the means by cycle position of y/trend, scaled to
//     mean 1; the data are divided by them. An index below 1e-4 in absolute
//     value (or not finite) means no adjustment.
//  3. Simple exponential smoothing on the (adjusted) data, α and the initial
//     level estimated by least squares of the one-step errors, as thetaf's
//     ses() does it: ets(x, "ANN", opt.crit = "mse"), which starts R's
//     Nelder–Mead (the simplex of Nash 1990, Algorithm 19, optim()'s nmmin)
//     at α = 0.20006 and ℓ0 = the mean of the first min(10, n) values, with
//     α outside [1e-4, 0.9999] scored as +∞, and stops when the simplex's
//     values differ by at most 1.49e-8 relative. That stop is not the
//     exact optimum: the sum of squares is flat near its minimum, and the
//     first simplex steps α and ℓ0 by the same amount (a tenth of the larger
//     of |α| and |ℓ0|). On the 2312 M1 and Tourism series the exact
//     least-squares fit has a smaller sum of squares on all of them, smaller
//     by more than 1 % on 167, and forecasts that differ from thetaf's by more
//     than 1e-6 of their scale on 1229 (intervals on 1748). So the same search
//     from the same start is run here (nash_simplex): α then agrees with
//     thetaf's to the last bit, forecasts and intervals within 1e-12 on all
//     2312 series (tests/unit/test_theta.cpp). For n ≤ 6, ets() does not
//     estimate but hands the series to HoltWinters (ℓ0 = the first value, α
//     in [0, 1] minimising the squared errors, σ² = their mean); that case is
//     solved exactly here (R's L-BFGS-B with numerical derivatives stops
//     within its own tolerance of it).
//  4. Drift: half the slope b of the least-squares line through the
//     (adjusted) data; forecast h = ℓ_n + (b/2)·(h − 1 + (1 − (1 − α)^n)/α)
//     (Hyndman & Billah 2003), times the seasonal index of the step.
//  5. Intervals: ± z·σ·sqrt(1 + (h − 1)·α²) with σ² = Σe²/(n − 2) of the SES
//     errors: the intervals of SES on the adjusted data around the
//     reseasonalised forecast (thetaf does not scale them by the index).

namespace kuntaplan {
namespace {

using messages::grouped;
using messages::num;

// ets()'s bounds of α ("usual" region of forecast's ets(): 1e-4 … 0.9999).
constexpr double kAlphaLow = 1e-4, kAlphaHigh = 0.9999;
// The fewest values Theta accepts (as FC.ETS).
constexpr std::size_t kMinValues = 4;
// forecast's ets() estimates a model with 2 parameters (α, ℓ0) only when
// n > 2 + 4; shorter series go to HoltWinters.
constexpr std::size_t kEtsRouteMinValues = 7;
// R's usual tolerance, sqrt(.Machine$double.eps): all.equal()'s, and the
// relative tolerance of the Nelder–Mead as ets() calls it (with at most 2000
// evaluations).
const double kSqrtEpsilon = std::sqrt(DBL_EPSILON);
constexpr int kSimplexMaxEvaluations = 2000;
// The value R's Nelder–Mead gives a point where the objective is not finite
// (here: α out of bounds).
constexpr double kBig = 1.0e35;

// R's sum(): accumulated in extended precision.
double r_sum_squares(std::span<const double> x) {
    long double s = 0;
    for (double v : x) s += v * v;
    return static_cast<double>(s);
}

// forecast's is.constant(): all.equal(y, y[1]) at tolerance 1.49e-8, i.e.
// the mean absolute difference from the first value, among the values that
// differ from it, relative to their mean absolute value.
bool nearly_constant(std::span<const double> y) {
    double count = 0;
    for (double v : y) count += v != y.front() ? 1 : 0;
    if (count == 0) return true;
    double scale = 0;
    for (double v : y)
        if (v != y.front()) scale += std::fabs(v) / count;
    if (!(std::isfinite(scale) && scale > kSqrtEpsilon)) scale = 1;
    double difference = 0;
    for (double v : y)
        if (v != y.front()) difference += std::fabs(v - y.front()) / (count * scale);
    return !(difference > kSqrtEpsilon);  // NaN counts as different, as in R
}

// thetaf's test at lag m (step 1 above), with the sample autocorrelations
// of R's acf(): deviations from the mean, lagged products summed and divided
// by n, over the lag-0 value.
bool season_found(std::span<const double> y, int m) {
    const std::size_t n = y.size(), lag_m = static_cast<std::size_t>(m);
    if (m < 2 || n <= 2 * lag_m || nearly_constant(y)) return false;
    long double s = 0;
    for (double v : y) s += v;
    const double mean = static_cast<double>(s / static_cast<long double>(n));
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = y[i] - mean;
    auto autocovariance = [&](std::size_t lag) {
        double sum = 0;
        for (std::size_t i = 0; i + lag < n; ++i) sum += d[i + lag] * d[i];
        return sum / static_cast<double>(n);
    };
    const double sd = std::sqrt(autocovariance(0));
    auto correlation = [&](std::size_t lag) {
        return std::clamp(autocovariance(lag) / (sd * sd), -1.0, 1.0);
    };
    long double sum_sq = 0;
    for (std::size_t k = 1; k < lag_m; ++k) {
        const double r = correlation(k);
        sum_sq += r * r;
    }
    const double stat = std::sqrt((1 + 2 * static_cast<double>(sum_sq)) / static_cast<double>(n));
    const double z = boost::math::quantile(boost::math::normal(), 0.95);
    return std::fabs(correlation(lag_m)) / stat > z;
}

// Classical multiplicative decomposition (R's decompose(type =
// "multiplicative")): the m indices by cycle position (position 0 = that of
// the first value), mean 1. Empty if they cannot be used (step 2 above).
std::vector<double> multiplicative_indices(std::span<const double> y, int m) {
    std::vector<double> figure = seasonal_figure(y, m, true);
    for (double f : figure)  // thetaf: an index close to zero means no seasonal adjustment
        if (!std::isfinite(f) || std::fabs(f) < 1e-4) return {};
    return figure;
}

// Nelder & Mead's simplex search in the form of Nash (1990), Compact
// Numerical Methods for Computers, 2nd ed., Algorithm 19, which R's
// optim(method = "Nelder-Mead") and forecast's ets() run: reflection 1,
// contraction 0.5, expansion 2; the first simplex steps each coordinate in
// turn by a tenth of the largest |start| (0.1 if all are 0); a value that is
// not finite counts as 1e35; a shrink that does not reduce the simplex's
// size ends the search; the search stops when the worst and best values
// differ by at most reltol·(|f(start)| + reltol), or after max_evaluations.
// The steps and their order are those of the published algorithm, so that
// the search ends where R's does.
template <typename Objective>
std::vector<double> nash_simplex(Objective&& objective, std::vector<double> start, double reltol,
                                 int max_evaluations) {
    constexpr double kReflect = 1.0, kContract = 0.5, kExpand = 2.0;
    const std::size_t n = start.size();
    auto value_at = [&](const std::vector<double>& p) {
        const double f = objective(p);
        return std::isfinite(f) ? f : kBig;
    };
    const double f0 = objective(start);
    if (!std::isfinite(f0)) return start;  // the caller checks the start
    int evaluations = 1;
    const double tolerance = reltol * (std::fabs(f0) + reltol);
    std::vector<std::vector<double>> vertex(n + 1, start);
    std::vector<double> value(n + 1, f0);
    double step = 0;
    for (double v : start) step = std::max(step, 0.1 * std::fabs(v));
    if (step == 0) step = 0.1;
    double size = 0;
    for (std::size_t j = 1; j <= n; ++j) {
        double trial = step;
        while (vertex[j][j - 1] == start[j - 1]) {
            vertex[j][j - 1] = start[j - 1] + trial;
            trial *= 10;
        }
        size += trial;
    }
    double old_size = size;
    bool evaluate_all = true;
    std::size_t low = 0;
    std::vector<double> centroid(n), trial(n);
    do {
        if (evaluate_all) {
            for (std::size_t j = 0; j <= n; ++j)
                if (j != low) {
                    value[j] = value_at(vertex[j]);
                    ++evaluations;
                }
            evaluate_all = false;
        }
        // The best and the worst vertex; the best found so far keeps its place on ties.
        double v_low = value[low], v_high = v_low;
        std::size_t high = low;
        for (std::size_t j = 0; j <= n; ++j) {
            if (j == low) continue;
            if (value[j] < v_low) {
                low = j;
                v_low = value[j];
            }
            if (value[j] > v_high) {
                high = j;
                v_high = value[j];
            }
        }
        if (v_high <= v_low + tolerance) break;
        // The centroid of all vertices but the worst (summed as all minus the worst).
        for (std::size_t i = 0; i < n; ++i) {
            double sum = -vertex[high][i];
            for (std::size_t j = 0; j <= n; ++j) sum += vertex[j][i];
            centroid[i] = sum / static_cast<double>(n);
        }
        for (std::size_t i = 0; i < n; ++i)
            trial[i] = (1.0 + kReflect) * centroid[i] - kReflect * vertex[high][i];
        const double v_reflected = value_at(trial);
        ++evaluations;
        if (v_reflected < v_low) {
            // Better than the best: try going twice as far.
            const std::vector<double> reflected = trial;
            for (std::size_t i = 0; i < n; ++i)
                trial[i] = kExpand * reflected[i] + (1 - kExpand) * centroid[i];
            const double v_expanded = value_at(trial);
            ++evaluations;
            if (v_expanded < v_reflected) {
                vertex[high] = trial;
                value[high] = v_expanded;
            } else {
                vertex[high] = reflected;
                value[high] = v_reflected;
            }
            continue;
        }
        if (v_reflected < v_high) {
            vertex[high] = trial;
            value[high] = v_reflected;
        }
        // Contract the worst vertex towards the centroid.
        for (std::size_t i = 0; i < n; ++i)
            trial[i] = (1 - kContract) * vertex[high][i] + kContract * centroid[i];
        const double v_contracted = value_at(trial);
        ++evaluations;
        if (v_contracted < value[high]) {
            vertex[high] = trial;
            value[high] = v_contracted;
        } else if (v_reflected >= v_high) {
            // Shrink every vertex towards the best.
            evaluate_all = true;
            size = 0;
            for (std::size_t j = 0; j <= n; ++j) {
                if (j == low) continue;
                for (std::size_t i = 0; i < n; ++i) {
                    vertex[j][i] = kContract * (vertex[j][i] - vertex[low][i]) + vertex[low][i];
                    size += std::fabs(vertex[j][i] - vertex[low][i]);
                }
            }
            if (!(size < old_size)) break;
            old_size = size;
        }
    } while (evaluations <= max_evaluations);
    return vertex[low];
}

// Least squares over α ∈ [low, high] of a function of α, robustly: a grid
// (the profile can have several local minima), then Brent's (1973) search
// around the best grid point.
template <typename Function>
double minimise_on_interval(Function&& f, double low, double high) {
    constexpr int kGrid = 200;
    double best_x = low, best_f = f(low);
    int best_k = 0;
    for (int k = 1; k <= kGrid; ++k) {
        const double x = k == kGrid ? high : low + (high - low) * k / kGrid;
        const double v = f(x);
        if (v < best_f) {
            best_x = x;
            best_f = v;
            best_k = k;
        }
    }
    const double a = low + (high - low) * std::max(0, best_k - 1) / kGrid;
    const double b = best_k + 1 >= kGrid ? high : low + (high - low) * (best_k + 1) / kGrid;
    const auto [x, v] =
        boost::math::tools::brent_find_minima(f, a, b, std::numeric_limits<double>::digits / 2);
    return v < best_f ? x : best_x;
}

struct Ses {
    double alpha = 0, level0 = 0, final_level = 0, sse = 0;
};

// The SES recursion: the sum of squared one-step errors and the last level.
Ses run_ses(std::span<const double> x, double alpha, double level0) {
    Ses s{alpha, level0, level0, 0};
    std::vector<double> errors(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        errors[i] = x[i] - s.final_level;
        s.final_level = s.final_level + alpha * (x[i] - s.final_level);
    }
    s.sse = r_sum_squares(errors);
    return s;
}

// The initial level minimising the squared errors for a given α: the errors
// are a_t − (1 − α)^(t−1)·ℓ0, with a_t the errors from ℓ0 = 0.
double best_level0(std::span<const double> x, double alpha) {
    double level = 0, weight = 1, sab = 0, sbb = 0;
    for (double v : x) {
        const double a = v - level;
        sab += a * weight;
        sbb += weight * weight;
        level += alpha * a;
        weight *= 1 - alpha;
    }
    return sab / sbb;
}

// The exact least-squares optimum over α ∈ [1e-4, 0.9999] and ℓ0.
Ses ses_least_squares(std::span<const double> x) {
    auto sse = [&](double alpha) { return run_ses(x, alpha, best_level0(x, alpha)).sse; };
    const double alpha = minimise_on_interval(sse, kAlphaLow, kAlphaHigh);
    const Ses s = run_ses(x, alpha, best_level0(x, alpha));
    if (!std::isfinite(s.sse)) throw domain_error(msg::fc_errors_too_large);
    return s;
}

// As forecast's ets(x, "ANN", opt.crit = "mse") estimates (step 3 above).
// The search scores a point out of bounds as 1e35, which is only worse than
// every point in bounds while the mean squared error stays below 1e35; with
// errors larger than about 3e17 (where thetaf fails: "No model able to be
// fitted"), the exact least-squares fit is used instead.
Ses ses_as_ets(std::span<const double> x) {
    const double alpha0 = kAlphaLow + 0.2 * (kAlphaHigh - kAlphaLow) / 1;        // initparam(), m = 1
    const double level0 = r_mean(x.first(std::min<std::size_t>(10, x.size())));  // initstate()
    if (!(detail::ses_mse(x, alpha0, level0) < kBig)) return ses_least_squares(x);
    const auto p = nash_simplex([&](const std::vector<double>& q) { return detail::ses_mse(x, q[0], q[1]); },
                                {alpha0, level0}, kSqrtEpsilon, kSimplexMaxEvaluations);
    return run_ses(x, p[0], p[1]);
}

// HoltWinters' SES for n ≤ 6 (step 3 above): ℓ0 = the first value, α ∈ [0, 1].
Ses ses_holt_winters(std::span<const double> x) {
    auto sse = [&](double alpha) { return run_ses(x, alpha, x.front()).sse; };
    const Ses s = run_ses(x, minimise_on_interval(sse, 0.0, 1.0), x.front());
    if (!std::isfinite(s.sse)) throw domain_error(msg::fc_errors_too_large);
    return s;
}

// The slope of the least-squares line through (0, x_0) … (n − 1, x_{n−1}).
double slope(std::span<const double> x) {
    const double n = static_cast<double>(x.size()), mean_t = (n - 1) / 2;
    const double mean_x = r_mean(x);
    double sxy = 0, sxx = 0;
    for (std::size_t t = 0; t < x.size(); ++t) {
        const double dt = static_cast<double>(t) - mean_t;
        sxy += dt * (x[t] - mean_x);
        sxx += dt * dt;
    }
    return sxy / sxx;
}

}  // namespace

namespace detail {

double ses_mse(std::span<const double> x, double alpha, double level0) {
    // ets()'s bounds: outside them the objective is +∞ (forecast's lik()).
    if (alpha < kAlphaLow || alpha > kAlphaHigh) return std::numeric_limits<double>::infinity();
    // The running mean of the squared errors, updated as forecast's etscalc.c does.
    double level = level0, mse = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double e = x[i] - level;
        const double count = static_cast<double>(i) + 1.0;
        mse = (mse * (count - 1.0) + e * e) / count;
        level = level + alpha * (x[i] - level);
    }
    return mse;
}

ThetaFit fit_theta(std::span<const double> values, std::optional<int> period, SesEstimation estimation) {
    std::vector<double> y = fill_gaps(values);
    const std::size_t n = y.size();
    if (n < kMinValues) throw domain_error(msg::fc_too_few_values, num(kMinValues), num(n));
    if (n > kEtsMaxValues) throw domain_error(msg::fc_values_too_many, grouped(kEtsMaxValues), grouped(n));
    if (period && (*period < 0 || *period > kEtsMaxPeriod))
        throw domain_error(msg::fc_period_range, num(kEtsMaxPeriod), num(*period));
    ThetaFit fit;
    fit.period = period ? std::max(1, *period) : detect_period(y);
    std::vector<double> x = y;
    if (season_found(y, fit.period)) {
        const std::vector<double> figure = multiplicative_indices(y, fit.period);
        if (!figure.empty()) {
            const std::size_t m = figure.size();
            fit.seasonal = true;
            for (std::size_t i = 0; i < n; ++i) x[i] = y[i] / figure[i % m];
            for (std::size_t k = 0; k < m; ++k) fit.seasonal_indices.push_back(figure[(n + k) % m]);
        }
    }
    Ses ses;
    double dof = static_cast<double>(n) - 2;  // ets(): n − (α, ℓ0)
    if (n < kEtsRouteMinValues) {
        ses = ses_holt_winters(x);
        dof = static_cast<double>(n);  // HoltWinters: the mean squared error
    } else {
        ses = estimation == SesEstimation::as_ets ? ses_as_ets(x) : ses_least_squares(x);
    }
    fit.alpha = ses.alpha;
    fit.level0 = ses.level0;
    fit.final_level = ses.final_level;
    fit.sigma2 = ses.sse / dof;
    fit.drift = slope(x) / 2;
    fit.observations = std::move(y);
    return fit;
}

}  // namespace detail

ThetaFit fit_theta(std::span<const double> values, std::optional<int> period) {
    return detail::fit_theta(values, period, detail::SesEstimation::as_ets);
}

EtsForecast forecast_theta(const ThetaFit& fit, int horizon, std::optional<double> level) {
    if (horizon < 1 || horizon > kEtsMaxHorizon)
        throw domain_error(msg::fc_horizon_range, num(kEtsMaxHorizon), num(horizon));
    if (level && !(*level > 0 && *level < 1)) throw domain_error(msg::fc_level_range, num(*level));
    const auto h = static_cast<std::size_t>(horizon);
    const double n = static_cast<double>(fit.observations.size());
    const double alpha = std::max(1e-10, fit.alpha);  // as thetaf
    const double start = (1 - std::pow(1 - alpha, n)) / alpha;
    EtsForecast out;
    out.point.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        out.point[i] = fit.final_level + fit.drift * (static_cast<double>(i) + start);
        if (fit.seasonal) out.point[i] *= fit.seasonal_indices[i % fit.seasonal_indices.size()];
        if (!std::isfinite(out.point[i])) throw no_convergence(msg::fc_forecast_not_finite);
    }
    if (!level) return out;
    const double z = boost::math::quantile(boost::math::normal(), 0.5 + *level / 2);
    const double sigma = std::sqrt(std::max(fit.sigma2, 0.0));
    out.lower.resize(h);
    out.upper.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        const double half = z * (sigma * std::sqrt(static_cast<double>(i) * alpha * alpha + 1));
        out.lower[i] = out.point[i] - half;
        out.upper[i] = out.point[i] + half;
        if (!std::isfinite(out.lower[i]) || !std::isfinite(out.upper[i]))
            throw no_convergence(msg::fc_interval_not_finite);
    }
    return out;
}

}  // namespace kuntaplan
