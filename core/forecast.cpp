#include "forecast.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/math/distributions/normal.hpp>
#include <cctype>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <nlopt.hpp>
#include <numeric>
#include <random>
#include <string>
#include <system_error>
#include <thread>

#include "messages.hpp"

namespace kuntaplan {
namespace {

// Constants of forecast's etscalc.c: a state below `kTiny` in a divisor makes
// the update use `kHuge` instead of dividing by (almost) zero.
constexpr double kTiny = 1e-10;
constexpr double kHuge = 1e10;

// The parameter region of ets(): lower/upper for α, β, γ and φ.
constexpr double kSmoothingLow = 1e-4, kSmoothingHigh = 0.9999;
constexpr double kPhiLow = 0.8, kPhiHigh = 0.98;

constexpr std::size_t kSimulationPaths = 5000;
constexpr std::uint64_t kSimulationSeed = 20080101;  // fixed: the same data give the same interval

// The fewest observations a fit needs (also for the first fit of a backtest).
constexpr std::size_t kMinObservations = 4;

// The candidate models of "auto" are fitted on up to this many threads.
constexpr std::size_t kMaxThreads = 4;

using messages::grouped;
using messages::num;

bool has_trend(const EtsModel& m) { return m.trend != EtsTrend::none; }
bool has_season(const EtsModel& m) { return m.season != EtsSeason::none; }

std::size_t state_count(const EtsModel& model, int m) {
    return 1 + (has_trend(model) ? 1 : 0) + (has_season(model) ? static_cast<std::size_t>(m) : 0);
}

// One step of the recursion: the forecasts of `horizon` steps ahead from a
// state (etscalc.c, forecast()).
void forecast_from(const EtsModel& model, int m, double phi, const double* state, int horizon, double* out) {
    const double level = state[0];
    const double slope = has_trend(model) ? state[1] : 0.0;
    const double* season = state + 1 + (has_trend(model) ? 1 : 0);
    double phistar = phi;
    for (int i = 0; i < horizon; ++i) {
        double f = has_trend(model) ? level + phistar * slope : level;
        if (has_season(model)) {
            int j = m - 1 - i;
            while (j < 0) j += m;
            f = model.season == EtsSeason::additive ? f + season[j] : f * season[j];
        }
        out[i] = f;
        if (i < horizon - 1) phistar += model.trend == EtsTrend::damped ? std::pow(phi, i + 2) : 1.0;
    }
}

// The state update after observing y (etscalc.c, update()): `from` and `to`
// must not overlap.
void update_state(const EtsModel& model, int m, const EtsParameters& p, const double* from, double y,
                  double* to) {
    const double old_level = from[0];
    const double old_slope = has_trend(model) ? from[1] : 0.0;
    const std::size_t s0 = has_trend(model) ? 2 : 1;
    const double phib = model.trend == EtsTrend::damped ? p.phi * old_slope : old_slope;
    const double q = old_level + phib;
    double seasonal = 0.0, adjusted = y;
    if (has_season(model)) {
        seasonal = from[s0 + static_cast<std::size_t>(m) - 1];
        if (model.season == EtsSeason::additive)
            adjusted = y - seasonal;
        else
            adjusted = seasonal < kTiny ? kHuge : y / seasonal;
    }
    const double level = q + p.alpha * (adjusted - q);
    to[0] = level;
    if (has_trend(model)) to[1] = phib + (p.beta / p.alpha) * ((level - old_level) - phib);
    if (has_season(model)) {
        double t = 0.0;
        if (model.season == EtsSeason::additive)
            t = y - q;
        else
            t = q < kTiny ? kHuge : y / q;
        to[s0] = seasonal + p.gamma * (t - seasonal);
        for (int j = 1; j < m; ++j)
            to[s0 + static_cast<std::size_t>(j)] = from[s0 + static_cast<std::size_t>(j) - 1];
    }
}

struct Recursion {
    std::vector<double> errors, fitted, final_state;
    double sum_squares = 0, sum_log_forecasts = 0;
    double objective = 0;  // n·log(Σe²) [+ 2Σlog|ŷ|]; NaN when undefined
};

Recursion run_recursion(const EtsModel& model, int m, const EtsParameters& p, std::span<const double> y,
                        std::span<const double> initial, bool keep_series) {
    Recursion r;
    const std::size_t k = initial.size();
    // Reused between the optimiser's calls (the objective runs thousands of times per fit).
    thread_local std::vector<double> a, b;
    a.assign(initial.begin(), initial.end());
    b.resize(k);
    if (keep_series) {
        r.errors.resize(y.size());
        r.fitted.resize(y.size());
    }
    for (std::size_t t = 0; t < y.size(); ++t) {
        double f = 0;
        forecast_from(model, m, p.phi, a.data(), 1, &f);
        const double e = model.error == EtsError::additive ? y[t] - f : (y[t] - f) / f;
        if (keep_series) {
            r.errors[t] = e;
            r.fitted[t] = f;
        }
        r.sum_squares += e * e;
        if (model.error == EtsError::multiplicative) r.sum_log_forecasts += std::log(std::fabs(f));
        update_state(model, m, p, a.data(), y[t], b.data());
        std::swap(a, b);
    }
    const double n = static_cast<double>(y.size());
    r.objective = n * std::log(r.sum_squares);
    if (model.error == EtsError::multiplicative) r.objective += 2.0 * r.sum_log_forecasts;
    r.final_state = a;
    return r;
}

// All roots of Σ c_k z^k strictly inside the unit circle (Schur–Cohn test,
// e.g. Marden 1966, Geometry of Polynomials, §43).
bool roots_inside_unit_circle(std::span<double> c) {
    std::array<double, kEtsMaxPeriod + 2> spare{};
    double* from = c.data();
    double* to = spare.data();
    std::size_t size = c.size();
    while (size > 1) {
        const std::size_t n = size - 1;
        const double lead = from[n], constant = from[0];
        if (!(std::fabs(lead) > std::fabs(constant))) return false;
        for (std::size_t i = 0; i < n; ++i) to[i] = lead * from[i + 1] - constant * from[n - 1 - i];
        // Rescale to keep the numbers in range over many reductions.
        const double scale = std::fabs(to[n - 1]);
        if (!(scale > 0) || !std::isfinite(scale)) return false;
        const double inverse = 1 / scale;
        for (std::size_t i = 0; i < n; ++i) to[i] *= inverse;
        std::swap(from, to);
        size = n;
    }
    return true;
}

// The admissible region, HKOS ch. 10 (forecast's admissible()).
bool admissible(const EtsModel& model, int m, const EtsParameters& p) {
    const double phi = p.phi;
    if (phi < 0 || phi > 1 + 1e-8) return false;
    const double alpha = p.alpha;
    if (!has_season(model)) {
        if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
        if (has_trend(model) && (p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha)))
            return false;
        return true;
    }
    if (m <= 1) return true;
    const double beta = has_trend(model) ? p.beta : 0.0, gamma = p.gamma;
    if (gamma < std::max(1 - 1 / phi - alpha, 0.0) || gamma > 1 + 1 / phi - alpha) return false;
    if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) return false;
    if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
    // Characteristic polynomial of ets(); roots allowed up to 1 + 1e-10 in modulus.
    std::array<double, kEtsMaxPeriod + 2> buffer{};
    const std::span<double> c(buffer.data(), static_cast<std::size_t>(m) + 2);
    c[0] = phi * (1 - alpha - gamma);
    c[1] = alpha + beta - alpha * phi + gamma - 1;
    for (int j = 2; j < m; ++j) c[static_cast<std::size_t>(j)] = alpha + beta - alpha * phi;
    c[static_cast<std::size_t>(m)] = alpha + beta - phi;
    c[static_cast<std::size_t>(m) + 1] = 1;
    const double r = 1 + 1e-10;
    double power = 1;
    for (double& v : c) {
        v *= power;
        power *= r;
    }
    return roots_inside_unit_circle(c);
}

// admissible() for the seasonal models, whose test costs O(m²), remembering
// the last answer of this thread: the simplex search moves a few of its
// variables at a time, mostly initial states, so that most of its evaluations
// ask again about the same α, β, γ, φ (a short series with period 52 spent
// 40 % of its time here).
bool admissible_remembered(const EtsModel& model, int m, const EtsParameters& p) {
    if (!has_season(model) || m <= 1) return admissible(model, m, p);
    struct Last {
        bool valid = false, trend = false, answer = false;
        int m = 0;
        double alpha = 0, beta = 0, gamma = 0, phi = 0;
    };
    thread_local Last last;
    const bool trend = has_trend(model);
    if (last.valid && last.trend == trend && last.m == m && last.alpha == p.alpha && last.beta == p.beta &&
        last.gamma == p.gamma && last.phi == p.phi)
        return last.answer;
    last = Last{true, trend, admissible(model, m, p), m, p.alpha, p.beta, p.gamma, p.phi};
    return last.answer;
}

// The usual region ("both" in ets() = usual and admissible).
bool in_region(const EtsModel& model, int m, const EtsParameters& p) {
    if (p.alpha < kSmoothingLow || p.alpha > kSmoothingHigh) return false;
    if (has_trend(model) && (p.beta < kSmoothingLow || p.beta > p.alpha || p.beta > kSmoothingHigh))
        return false;
    if (model.trend == EtsTrend::damped && (p.phi < kPhiLow || p.phi > kPhiHigh)) return false;
    if (has_season(model) && (p.gamma < kSmoothingLow || p.gamma > 1 - p.alpha || p.gamma > kSmoothingHigh))
        return false;
    return admissible_remembered(model, has_season(model) ? m : 1, p);
}

// Least squares of y on the columns of x (n × k, row-major) by the normal
// equations with partial pivoting; k ≤ 4 here, well conditioned.
std::vector<double> least_squares(const std::vector<double>& x, std::span<const double> y, std::size_t k) {
    const std::size_t n = y.size();
    std::vector<double> a(k * (k + 1), 0.0);
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) a[i * (k + 1) + j] += x[t * k + i] * x[t * k + j];
            a[i * (k + 1) + k] += x[t * k + i] * y[t];
        }
    for (std::size_t col = 0; col < k; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < k; ++r)
            if (std::fabs(a[r * (k + 1) + col]) > std::fabs(a[pivot * (k + 1) + col])) pivot = r;
        if (pivot != col)
            for (std::size_t j = 0; j <= k; ++j) std::swap(a[col * (k + 1) + j], a[pivot * (k + 1) + j]);
        const double d = a[col * (k + 1) + col];
        if (d == 0) throw no_convergence(msg::fc_singular_regression);
        for (std::size_t r = 0; r < k; ++r) {
            if (r == col) continue;
            const double f = a[r * (k + 1) + col] / d;
            for (std::size_t j = col; j <= k; ++j) a[r * (k + 1) + j] -= f * a[col * (k + 1) + j];
        }
    }
    std::vector<double> beta(k);
    for (std::size_t i = 0; i < k; ++i) beta[i] = a[i * (k + 1) + k] / a[i * (k + 1) + i];
    return beta;
}

// The seasonal figure for the initial states (see heuristic_states()).
std::vector<double> decompose_figure(std::span<const double> y, int m, bool multiplicative) {
    std::vector<double> figure = seasonal_figure(y, m, multiplicative);
    for (double v : figure)
        if (std::isnan(v)) throw no_convergence(msg::fc_seasonal_figure_too_few);
    return figure;
}

// The seasonal component of y's first `count` values for the initial
// states (see heuristic_states()): a regression on a trend and the first
// Fourier pair (sine dropped when m = 2) when there are fewer than 3 seasons,
// else classical decomposition's seasonal figure.
std::vector<double> initial_seasonal(std::span<const double> y, int m, bool mult, std::size_t count) {
    const std::size_t n = y.size();
    std::vector<double> seasonal(count);
    if (n < 3 * static_cast<std::size_t>(m)) {
        const std::size_t k = m == 2 ? 3 : 4;
        std::vector<double> x(n * k);
        const double pi = std::acos(-1.0);
        for (std::size_t t = 0; t < n; ++t) {
            const double tt = static_cast<double>(t + 1);
            x[t * k] = 1;
            x[t * k + 1] = tt;
            if (m == 2) {
                x[t * k + 2] = std::cos(pi * tt);
            } else {
                x[t * k + 2] = std::sin(2 * pi * tt / m);
                x[t * k + 3] = std::cos(2 * pi * tt / m);
            }
        }
        const auto coef = least_squares(x, y, k);
        for (std::size_t t = 0; t < count; ++t) {
            const double line = coef[0] + coef[1] * static_cast<double>(t + 1);
            seasonal[t] = mult ? y[t] / line : y[t] - line;
        }
    } else {
        const auto figure = decompose_figure(y, m, mult);
        for (std::size_t t = 0; t < count; ++t) seasonal[t] = figure[t % static_cast<std::size_t>(m)];
    }
    return seasonal;
}

// Initial states by forecast's initstate() (HKOS ch. 2.6.1), in the layout
// level, [slope], s_0 … s_{m−2} (the last seasonal state is implied). Only
// the first max(m, maxn) seasonally adjusted values are used, and only they
// are computed.
std::vector<double> heuristic_states(std::span<const double> y, const EtsModel& model, int m) {
    const std::size_t n = y.size();
    const std::size_t maxn = std::min<std::size_t>(
        std::max<std::size_t>(10, 2 * static_cast<std::size_t>(has_season(model) ? m : 1)), n);
    const std::size_t used = std::min(n, std::max(maxn, static_cast<std::size_t>(m)));
    std::vector<double> adjusted(y.begin(), y.begin() + static_cast<long>(used));
    std::vector<double> seasons;
    if (has_season(model)) {
        const bool mult = model.season == EtsSeason::multiplicative;
        const std::vector<double> seasonal = initial_seasonal(y, m, mult, used);
        for (int j = m - 1; j >= 1; --j) seasons.push_back(seasonal[static_cast<std::size_t>(j)]);
        if (mult) {
            for (double& s : seasons) s = std::max(s, 0.01);
            const double total = std::accumulate(seasons.begin(), seasons.end(), 0.0);
            if (total > m) {
                const double divisor = total + 0.01 * static_cast<double>(seasons.size());
                for (double& s : seasons) s /= divisor;
            }
            for (std::size_t t = 0; t < used; ++t) adjusted[t] = y[t] / std::max(seasonal[t], 0.01);
        } else {
            for (std::size_t t = 0; t < used; ++t) adjusted[t] = y[t] - seasonal[t];
        }
    }
    std::vector<double> states;
    if (!has_trend(model)) {
        states.push_back(std::accumulate(adjusted.begin(), adjusted.begin() + static_cast<long>(maxn), 0.0) /
                         static_cast<double>(maxn));
    } else {
        std::vector<double> x(maxn * 2);
        for (std::size_t t = 0; t < maxn; ++t) {
            x[2 * t] = 1;
            x[2 * t + 1] = static_cast<double>(t + 1);
        }
        auto coef = least_squares(x, std::span<const double>(adjusted).first(maxn), 2);
        if (std::fabs(coef[0] + coef[1]) < 1e-8) {
            coef[0] *= 1.001;
            coef[1] *= 0.999;
        }
        states.push_back(coef[0]);
        states.push_back(coef[1]);
    }
    states.insert(states.end(), seasons.begin(), seasons.end());
    return states;
}

// The full initial state from the free ones: the last seasonal state makes
// the seasonal states sum to 0 (additive) or m (multiplicative).
void complete_states_into(const EtsModel& model, int m, std::span<const double> free,
                          std::vector<double>& states) {
    states.assign(free.begin(), free.end());
    if (has_season(model)) {
        const std::size_t s0 = has_trend(model) ? 2 : 1;
        double sum = 0;
        for (std::size_t j = s0; j < states.size(); ++j) sum += states[j];
        states.push_back((model.season == EtsSeason::multiplicative ? m : 0) - sum);
    }
}

std::vector<double> complete_states(const EtsModel& model, int m, std::span<const double> free) {
    std::vector<double> states;
    complete_states_into(model, m, free, states);
    return states;
}

// Least squares by Householder QR (Golub & Van Loan 2013, Matrix
// Computations, 4th ed., ch. 5.3): the x minimising |a·x − b| for a of n × k
// (column-major, overwritten) and b (overwritten); nullopt when a column is,
// to rounding, a combination of the ones before it.
std::optional<std::vector<double>> householder_least_squares(std::vector<double>& a, std::vector<double>& b,
                                                             std::size_t n, std::size_t k) {
    if (n < k) return std::nullopt;
    double largest = 0;
    for (double v : a) largest = std::max(largest, std::fabs(v));
    if (!(largest > 0) || !std::isfinite(largest)) return std::nullopt;
    std::vector<double> diagonal(k);
    for (std::size_t j = 0; j < k; ++j) {
        double* col = a.data() + j * n;
        double norm = 0;
        for (std::size_t i = j; i < n; ++i) norm += col[i] * col[i];
        norm = std::sqrt(norm);
        if (!(norm > 1e-10 * largest)) return std::nullopt;
        // The reflection H = I − 2vv'/v'v with v = x − αe₁ maps x = col[j:] to αe₁;
        // α of the sign opposite to x₁ avoids cancellation. v is kept in col[j:].
        const double first = col[j];
        const double alpha = first > 0 ? -norm : norm;
        col[j] = first - alpha;
        const double v_norm2 = 2 * norm * norm - 2 * alpha * first;
        diagonal[j] = alpha;
        for (std::size_t c = j + 1; c < k; ++c) {
            double* other = a.data() + c * n;
            double dot = 0;
            for (std::size_t i = j; i < n; ++i) dot += col[i] * other[i];
            const double f = 2 * dot / v_norm2;
            for (std::size_t i = j; i < n; ++i) other[i] -= f * col[i];
        }
        double dot = 0;
        for (std::size_t i = j; i < n; ++i) dot += col[i] * b[i];
        const double f = 2 * dot / v_norm2;
        for (std::size_t i = j; i < n; ++i) b[i] -= f * col[i];
    }
    std::vector<double> x(k);
    for (std::size_t j = k; j-- > 0;) {
        double sum = b[j];
        for (std::size_t c = j + 1; c < k; ++c) sum -= a[c * n + j] * x[c];
        x[j] = sum / diagonal[j];
    }
    return x;
}

// The free initial states (the layout of heuristic_states()) that minimise
// Σ(y − ŷ)² for the smoothing parameters p. Without a multiplicative season
// the recursion (update_state()) is linear in the initial states and the
// data, and the same for both kinds of error: ŷ = a + C·x₀, where a are the
// one-step forecasts from a zero state and column j of C those from the unit
// free state j on zero data (the last seasonal state follows from the
// others). For an additive error this is the likelihood's own optimum for
// the states (a profile likelihood, e.g. Pawitan 2001, In All Likelihood,
// ch. 3.4); for a multiplicative one a start near it. With a multiplicative
// season: the same for the additive season, turned into indices (1 + s/ℓ₀).
// nullopt when C is rank-deficient. The linear part (linear_states()) is
// the same for both kinds of error and of season, so the candidates of one
// choice share it (LinearStates).
std::optional<std::vector<double>> linear_states(std::span<const double> y, const EtsModel& model, int m,
                                                 const EtsParameters& p) {
    EtsModel linear = model;
    linear.error = EtsError::additive;
    if (linear.season == EtsSeason::multiplicative) linear.season = EtsSeason::additive;
    const std::size_t k =
        1 + (has_trend(linear) ? 1 : 0) + (has_season(linear) ? static_cast<std::size_t>(m) - 1 : 0);
    const std::size_t n = y.size();
    // One pass over the series for all of them at once, in lanes: lane 0 the data from a zero state,
    // lane 1 + j the unit free state j on zero data (the arithmetic of Step for additive components).
    const bool trend = has_trend(linear), season = has_season(linear);
    const std::size_t lanes = k + 1, period = season ? static_cast<std::size_t>(m) : 1;
    const std::size_t s0 = trend ? 2 : 1;
    std::vector<double> level(lanes, 0.0), slope(lanes, 0.0), ring(period * lanes, 0.0), free(k, 0.0);
    for (std::size_t j = 0; j < k; ++j) {
        std::fill(free.begin(), free.end(), 0.0);
        free[j] = 1;
        const std::vector<double> full = complete_states(linear, m, free);
        level[1 + j] = full[0];
        if (trend) slope[1 + j] = full[1];
        if (season)  // ring[r] is the seasonal state used at time r (see forward_pass())
            for (std::size_t r = 0; r < period; ++r) ring[r * lanes + 1 + j] = full[s0 + period - 1 - r];
    }
    const double phi = linear.trend == EtsTrend::damped ? p.phi : 1.0, beta_over_alpha = p.beta / p.alpha;
    std::vector<double> columns(n * k), target(n);
    std::size_t slot = 0;
    for (std::size_t t = 0; t < n; ++t) {
        double* s = ring.data() + slot * lanes;
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            const double observed = lane == 0 ? y[t] : 0.0;
            const double phib = trend ? phi * slope[lane] : 0.0;
            const double q = level[lane] + phib;
            const double seasonal = season ? s[lane] : 0.0;
            const double f = q + seasonal;
            if (lane == 0)
                target[t] = y[t] - f;
            else
                columns[(lane - 1) * n + t] = f;
            const double new_level = q + p.alpha * (observed - seasonal - q);
            if (trend) slope[lane] = phib + beta_over_alpha * ((new_level - level[lane]) - phib);
            level[lane] = new_level;
            if (season) s[lane] = seasonal + p.gamma * ((observed - q) - seasonal);
        }
        if (season && ++slot == period) slot = 0;
    }
    auto states = householder_least_squares(columns, target, n, k);
    if (!states) return std::nullopt;
    for (double v : *states)
        if (!std::isfinite(v)) return std::nullopt;
    return states;
}

// linear_states() of one series, kept for the candidates of one choice,
// which are fitted in parallel: a model's starting points need them for the
// same smoothing parameters as the other kind of error's (and, for a
// seasonal model, the other kind of season's), so "auto" computes them for 6
// structures instead of 15 models. The same numbers as without it.
class LinearStates {
public:
    std::optional<std::vector<double>> get(std::span<const double> y, const EtsModel& model, int m,
                                           const EtsParameters& p) {
        const bool trend = has_trend(model), season = has_season(model);
        const std::array<double, 6> key{static_cast<double>(model.trend),
                                        season ? static_cast<double>(m) : 1.0,
                                        p.alpha,
                                        trend ? p.beta : 0.0,
                                        season ? p.gamma : 0.0,
                                        model.trend == EtsTrend::damped ? p.phi : 1.0};
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            if (const auto it = known_.find(key); it != known_.end()) return it->second;
        }
        auto states = linear_states(y, model, m, p);  // outside the lock: the threads go on meanwhile
        const std::lock_guard<std::mutex> lock(mutex_);
        known_.emplace(key, states);
        return states;
    }

private:
    std::mutex mutex_;
    std::map<std::array<double, 6>, std::optional<std::vector<double>>> known_;
};

std::optional<std::vector<double>> least_squares_states(std::span<const double> y, const EtsModel& model,
                                                        int m, const EtsParameters& p, LinearStates& shared) {
    auto states = shared.get(y, model, m, p);
    if (!states) return std::nullopt;
    if (model.season == EtsSeason::multiplicative) {
        const std::size_t s0 = has_trend(model) ? 2 : 1, k = states->size();
        const double level = (*states)[0];
        if (!(level > 0)) return std::nullopt;
        for (std::size_t j = s0; j < k; ++j) (*states)[j] = std::max(1 + (*states)[j] / level, 0.01);
        double total = 0;
        for (std::size_t j = s0; j < k; ++j) total += (*states)[j];
        if (total >= m) return std::nullopt;  // the implied last index would not be positive
    }
    return states;
}

std::size_t smoothing_count(const EtsModel& model) {
    return 1 + (has_trend(model) ? 1 : 0) + (has_season(model) ? 1 : 0) +
           (model.trend == EtsTrend::damped ? 1 : 0);
}

EtsParameters unpack(const EtsModel& model, const double* x) {
    EtsParameters p;
    std::size_t i = 0;
    p.alpha = x[i++];
    if (has_trend(model)) p.beta = x[i++];
    if (has_season(model)) p.gamma = x[i++];
    if (model.trend == EtsTrend::damped) p.phi = x[i++];
    return p;
}

double mean_absolute_scale(std::span<const double> y, int m) {
    const std::size_t lag = static_cast<std::size_t>(m > 1 && y.size() > static_cast<std::size_t>(m) ? m : 1);
    if (y.size() <= lag) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    for (std::size_t t = lag; t < y.size(); ++t) sum += std::fabs(y[t] - y[t - lag]);
    return sum / static_cast<double>(y.size() - lag);
}

// The fit's criteria from its recursion. Without the series (`r` run without
// keep_series, as for the candidates of "auto"), only the criteria and the
// final states: mase is left 0 and `observations` may be empty (n is y's size).
void finish(EtsFit& fit, Recursion&& r, std::size_t count) {
    const double n = static_cast<double>(count);
    fit.fitted = std::move(r.fitted);
    fit.residuals = std::move(r.errors);
    fit.final_states = std::move(r.final_state);
    fit.log_likelihood = -0.5 * r.objective;
    const double k = fit.parameter_count + 1.0;  // + σ
    fit.aic = r.objective + 2 * k;
    fit.bic = r.objective + std::log(n) * k;
    fit.aicc =
        n - k - 1 > 0 ? fit.aic + 2 * k * (k + 1) / (n - k - 1) : std::numeric_limits<double>::infinity();
    fit.sigma2 = n > fit.parameter_count ? r.sum_squares / (n - fit.parameter_count)
                                         : std::numeric_limits<double>::quiet_NaN();
    if (fit.fitted.size() != count || fit.observations.size() != count) return;
    double abs_error = 0;
    for (std::size_t t = 0; t < fit.observations.size(); ++t)
        abs_error += std::fabs(fit.observations[t] - fit.fitted[t]);
    fit.mase = (abs_error / n) / mean_absolute_scale(fit.observations, fit.period);
}

// Σ log|ŷ_t| is kept as the product mantissa · 2^exponent, renormalised
// (exactly, by std::frexp) only when the mantissa leaves [2^-400, 2^400]; the
// product of two numbers in that range is a normal double, so the result is
// the same as renormalising every step, with one std::log per evaluation.
inline void accumulate_product(double& mantissa, long& exponent, double factor) {
    int power = 0;
    if (!(factor > 0x1p-400 && factor < 0x1p400)) {
        factor = std::frexp(factor, &power);
        exponent += power;
    }
    mantissa *= factor;
    if (!(mantissa > 0x1p-400 && mantissa < 0x1p400)) {
        mantissa = std::frexp(mantissa, &power);
        exponent += power;
    }
}

// One step of the recursion as the specialised objectives below take it:
// from the level, slope and seasonal state used at time t and the
// observation, the one-step forecast f, the error e and the new states (the
// arithmetic of update_state(), in the same order).
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
struct Step {
    double phib, q, f, adjusted, e, target, new_level, new_slope = 0, new_season = 0;
    Step(double level, double slope, double s, double observed, const EtsParameters& p,
         double beta_over_alpha) {
        phib = trend == EtsTrend::damped ? p.phi * slope : slope;
        q = level + phib;
        f = q;
        adjusted = observed;
        target = 0;  // what the seasonal state moves towards
        if constexpr (season == EtsSeason::additive) {
            f = q + s;
            adjusted = observed - s;
            target = observed - q;
        } else if constexpr (season == EtsSeason::multiplicative) {
            f = q * s;
            adjusted = s < kTiny ? kHuge : observed / s;
            target = q < kTiny ? kHuge : observed / q;
        }
        e = multiplicative_error ? (observed - f) / f : observed - f;
        new_level = q + p.alpha * (adjusted - q);
        if constexpr (trend != EtsTrend::none)
            new_slope = phib + beta_over_alpha * ((new_level - level) - phib);
        if constexpr (season != EtsSeason::none) new_season = s + p.gamma * (target - s);
    }
};

// What the gradient's forward pass keeps for the backward pass: the level,
// slope and seasonal state used at each step (slopes and seasons only for
// models that have them), and the seasonal ring. Owned by one search and
// reused by its thousands of evaluations, then freed with it: nothing of the
// size of the series outlives a fit.
struct Tape {
    std::vector<double> levels, slopes, seasons, ring, ring_adjoint;
};

// The sums of the objective n·log(Σe²) [+ 2Σlog|ŷ|], with Σlog|ŷ| kept as
// the product mantissa · 2^exponent (see accumulate_product()).
struct Sums {
    double squares = 0, mantissa = 1;
    long exponent = 0;

    template <bool multiplicative_error>
    double objective(std::size_t n) const {
        double value = static_cast<double>(n) * std::log(squares);
        if constexpr (multiplicative_error)
            value += 2.0 * (std::log(mantissa) + static_cast<double>(exponent) * std::log(2.0));
        return value;
    }
};

// The recursion of run_recursion() specialised at compile time for the
// model's components, with the seasonal states in a ring (ring[t mod m] is the
// state used and renewed at time t) instead of shifting them every step, and
// one std::log per pass. Same arithmetic order as run_recursion(), which the
// final fit still uses. With `taped`, the states used at each step are kept in
// the tape for the backward pass (and `ring` should be the tape's).
template <bool multiplicative_error, EtsTrend trend, EtsSeason season, bool taped>
Sums forward_pass(std::span<const double> y, int m, const EtsParameters& p, const double* state,
                  std::vector<double>& ring, Tape* tape) {
    constexpr bool has_slope = trend != EtsTrend::none;
    constexpr bool seasonal = season != EtsSeason::none;
    const std::size_t n = y.size(), period = static_cast<std::size_t>(seasonal ? m : 1);
    if constexpr (taped) {
        tape->levels.resize(n);
        if constexpr (has_slope) tape->slopes.resize(n);
        if constexpr (seasonal) tape->seasons.resize(n);
    }
    double level = state[0];
    double slope = has_slope ? state[1] : 0.0;
    if constexpr (seasonal) {
        const double* s = state + (has_slope ? 2 : 1);
        ring.resize(period);
        for (std::size_t j = 0; j < period; ++j) ring[j] = s[period - 1 - j];
    }
    const double beta_over_alpha = p.beta / p.alpha;
    double squares = 0, mantissa = 1;  // locals rather than a Sums: kept in registers
    long exponent = 0;
    std::size_t slot = 0;
    // A multiplicative error is relative to a positive forecast: a fit whose
    // forecast is not positive somewhere (possible with a negative initial
    // level, a local optimum the search can fall into) is outside the region.
    [[maybe_unused]] bool positive = true;
    for (std::size_t t = 0; t < n; ++t) {
        const double s = seasonal ? ring[slot] : 0.0;
        if constexpr (taped) {
            tape->levels[t] = level;
            if constexpr (has_slope) tape->slopes[t] = slope;
            if constexpr (seasonal) tape->seasons[t] = s;
        }
        const Step<multiplicative_error, trend, season> k(level, slope, s, y[t], p, beta_over_alpha);
        squares += k.e * k.e;
        if constexpr (multiplicative_error) {
            positive = positive && k.f > 0;
            accumulate_product(mantissa, exponent, std::fabs(k.f));
        }
        level = k.new_level;
        slope = k.new_slope;
        if constexpr (seasonal) {
            ring[slot] = k.new_season;
            if (++slot == period) slot = 0;
        }
    }
    if constexpr (multiplicative_error)
        if (!positive) squares = std::numeric_limits<double>::quiet_NaN();
    return Sums{squares, mantissa, exponent};
}

// The likelihood of one model as the optimiser calls it, thousands of times
// per fit.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
double fast_objective(std::span<const double> y, int m, const EtsParameters& p, const double* state) {
    thread_local std::vector<double> ring;
    return forward_pass<multiplicative_error, trend, season, false>(y, m, p, state, ring, nullptr)
        .template objective<multiplicative_error>(y.size());
}

using ObjectiveFunction = double (*)(std::span<const double>, int, const EtsParameters&, const double*);

// The backward pass (see gradient_objective()) carries from step to step the
// adjoints of the level and slope after the step and those of α, β, γ, φ;
// each step also has the adjoints of its own inputs and of q = level + φ·slope.
struct Adjoints {
    double level = 0, slope = 0, alpha = 0, beta = 0, gamma = 0, phi = 0;
};
struct StepAdjoints {
    double q = 0, level = 0, phib = 0, season = 0;
};

// Backwards through the new level, l' = q + α(adjusted − q), and the new
// slope, b' = φb + (β/α)((l' − l) − φb): returns the adjoint of `adjusted`.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
double through_level_and_slope(const Step<multiplicative_error, trend, season>& k, double l,
                               const EtsParameters& p, double c, Adjoints& a, StepAdjoints& d) {
    double new_level_adjoint = a.level;
    if constexpr (trend != EtsTrend::none) {
        const double change = (k.new_level - l) - k.phib;
        new_level_adjoint += c * a.slope;
        d.phib += (1 - c) * a.slope;
        d.level -= c * a.slope;
        a.beta += a.slope * change / p.alpha;
        a.alpha -= a.slope * c * change / p.alpha;
    }
    d.q += (1 - p.alpha) * new_level_adjoint;
    a.alpha += new_level_adjoint * (k.adjusted - k.q);
    return p.alpha * new_level_adjoint;
}

// Backwards through the new seasonal state, s' = s + γ(target − s), whose
// adjoint is `new_season_adjoint`, and through `adjusted` (y − s or y/s); the
// guards of etscalc.c (a state below kTiny in a divisor) have derivative 0.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
void through_season(const Step<multiplicative_error, trend, season>& k, double s, double observed,
                    double gamma, double new_season_adjoint, double adjusted_adjoint, Adjoints& a,
                    StepAdjoints& d) {
    d.season += (1 - gamma) * new_season_adjoint;
    const double target_adjoint = gamma * new_season_adjoint;
    a.gamma += new_season_adjoint * (k.target - s);
    if constexpr (season == EtsSeason::additive) {
        d.q -= target_adjoint;
        d.season -= adjusted_adjoint;
    } else {
        if (!(k.q < kTiny)) d.q -= target_adjoint * observed / (k.q * k.q);
        if (!(s < kTiny)) d.season -= adjusted_adjoint * observed / (s * s);
    }
}

// Backwards through the step's term of the objective: e² weighted by
// 2n/Σe² (the derivative of n·log Σe²) [and 2·log|f|], then the forecast f.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
void through_forecast(const Step<multiplicative_error, trend, season>& k, double s, double observed,
                      double error_weight, StepAdjoints& d) {
    const double e_adjoint = error_weight * k.e;
    const double f_adjoint =
        multiplicative_error ? -e_adjoint * observed / (k.f * k.f) + 2.0 / k.f : -e_adjoint;
    if constexpr (season == EtsSeason::multiplicative) {
        d.q += f_adjoint * s;
        d.season += f_adjoint * k.q;
    } else {
        d.q += f_adjoint;
        if constexpr (season == EtsSeason::additive) d.season += f_adjoint;
    }
}

// One step of the backward pass, at time t with the level l, slope b and
// seasonal state s that the forward pass used: from the adjoints of the
// step's results (a.level, a.slope and `season_adjoint`, of the state it
// renewed) to those of its inputs, in the same places.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
void backward_step(double l, double b, double s, double observed, const EtsParameters& p, double c,
                   double error_weight, Adjoints& a, double& season_adjoint) {
    const Step<multiplicative_error, trend, season> k(l, b, s, observed, p, c);
    StepAdjoints d;
    const double adjusted_adjoint = through_level_and_slope(k, l, p, c, a, d);
    if constexpr (season != EtsSeason::none)
        through_season(k, s, observed, p.gamma, season_adjoint, adjusted_adjoint, a, d);
    through_forecast(k, s, observed, error_weight, d);
    // q = l + φb.
    d.level += d.q;
    d.phib += d.q;
    double b_adjoint = 0;
    if constexpr (trend == EtsTrend::damped) {
        b_adjoint = d.phib * p.phi;
        a.phi += d.phib * b;
    } else if constexpr (trend == EtsTrend::additive) {
        b_adjoint = d.phib;
    }
    a.level = d.level;
    a.slope = b_adjoint;
    season_adjoint = d.season;
}

// The backward pass over the tape of the forward pass: the gradient with
// respect to α, β, γ, φ (g_parameters[0…3]) and the full initial state
// (g_states, the layout of EtsFit::initial_states).
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
void backward_pass(std::span<const double> y, int m, const EtsParameters& p, double sum_squares, Tape& tape,
                   double* g_parameters, double* g_states) {
    constexpr bool has_slope = trend != EtsTrend::none;
    constexpr bool seasonal = season != EtsSeason::none;
    const std::size_t n = y.size(), period = static_cast<std::size_t>(seasonal ? m : 1);
    Adjoints a;
    double no_season_adjoint = 0;
    if constexpr (seasonal) tape.ring_adjoint.assign(period, 0.0);
    const double c = p.beta / p.alpha;
    const double error_weight = 2.0 * static_cast<double>(n) / sum_squares;
    for (std::size_t t = n; t-- > 0;) {
        const double b = has_slope ? tape.slopes[t] : 0.0, s = seasonal ? tape.seasons[t] : 0.0;
        double& season_adjoint = seasonal ? tape.ring_adjoint[t % period] : no_season_adjoint;
        backward_step<multiplicative_error, trend, season>(tape.levels[t], b, s, y[t], p, c, error_weight, a,
                                                           season_adjoint);
    }
    g_parameters[0] = a.alpha;
    g_parameters[1] = a.beta;
    g_parameters[2] = a.gamma;
    g_parameters[3] = a.phi;
    g_states[0] = a.level;
    if constexpr (has_slope) g_states[1] = a.slope;
    if constexpr (seasonal) {
        double* gs = g_states + (has_slope ? 2 : 1);
        for (std::size_t j = 0; j < period; ++j) gs[period - 1 - j] = tape.ring_adjoint[j];
    }
}

// The objective of fast_objective() and its gradient with respect to α, β,
// γ, φ (g_parameters[0…3]) and the full initial state (g_states, the layout
// of EtsFit::initial_states), by reverse-mode differentiation of the
// recursion (the adjoint method, e.g. Griewank & Walther 2008, Evaluating
// Derivatives, ch. 3): one forward pass that keeps the states, one backward
// pass. It costs about three objective evaluations, whatever the number of
// parameters.
template <bool multiplicative_error, EtsTrend trend, EtsSeason season>
double gradient_objective(std::span<const double> y, int m, const EtsParameters& p, const double* state,
                          double* g_parameters, double* g_states, Tape& tape) {
    // A copy of the parameters that no store into the tape can alias: the
    // compiler keeps it in registers for both passes instead of reloading α
    // after every taped state and spilling it for the backward pass. (For
    // fast_objective() the caller's parameters are better: a copy made it
    // twice as slow on values near 1e-300, where the recursion meets
    // subnormal numbers.)
    const EtsParameters local = p;
    const Sums sums =
        forward_pass<multiplicative_error, trend, season, true>(y, m, local, state, tape.ring, &tape);
    backward_pass<multiplicative_error, trend, season>(y, m, local, sums.squares, tape, g_parameters,
                                                       g_states);
    return sums.objective<multiplicative_error>(y.size());
}

using GradientFunction = double (*)(std::span<const double>, int, const EtsParameters&, const double*,
                                    double*, double*, Tape&);

// The objective and its gradient specialised for a model's components.
struct ModelFunctions {
    ObjectiveFunction objective;
    GradientFunction gradient;
};

template <bool multiplicative_error, EtsTrend trend>
ModelFunctions pick_season(EtsSeason season) {
    switch (season) {
        case EtsSeason::none:
            return {fast_objective<multiplicative_error, trend, EtsSeason::none>,
                    gradient_objective<multiplicative_error, trend, EtsSeason::none>};
        case EtsSeason::additive:
            return {fast_objective<multiplicative_error, trend, EtsSeason::additive>,
                    gradient_objective<multiplicative_error, trend, EtsSeason::additive>};
        default:
            return {fast_objective<multiplicative_error, trend, EtsSeason::multiplicative>,
                    gradient_objective<multiplicative_error, trend, EtsSeason::multiplicative>};
    }
}

template <bool multiplicative_error>
ModelFunctions pick_trend(const EtsModel& model) {
    switch (model.trend) {
        case EtsTrend::none:
            return pick_season<multiplicative_error, EtsTrend::none>(model.season);
        case EtsTrend::additive:
            return pick_season<multiplicative_error, EtsTrend::additive>(model.season);
        default:
            return pick_season<multiplicative_error, EtsTrend::damped>(model.season);
    }
}

ModelFunctions pick_functions(const EtsModel& model) {
    return model.error == EtsError::multiplicative ? pick_trend<true>(model) : pick_trend<false>(model);
}

struct Objective {
    EtsModel model;
    int m;
    std::span<const double> y;
    std::size_t smoothing;
    ObjectiveFunction function;
};

// Whether the parameters are in the region of the search and the initial
// seasonal states of a multiplicative season are not negative.
bool feasible(const EtsModel& model, int m, const EtsParameters& p, const std::vector<double>& states) {
    if (!in_region(model, m, p)) return false;
    if (model.season == EtsSeason::multiplicative)
        for (std::size_t j = has_trend(model) ? 2 : 1; j < states.size(); ++j)
            if (states[j] < 0) return false;
    return true;
}

double objective(unsigned count, const double* x, double*, void* data) {
    const auto& o = *static_cast<const Objective*>(data);
    const EtsParameters p = unpack(o.model, x);
    thread_local std::vector<double> states;
    complete_states_into(o.model, o.m, std::span<const double>(x + o.smoothing, count - o.smoothing), states);
    if (!feasible(o.model, o.m, p, states)) return HUGE_VAL;
    const double value = o.function(o.y, o.m, p, states.data());
    if (std::isnan(value)) return HUGE_VAL;
    if (value < -1e10) return -1e10;
    return value;
}

// The optimiser's variables for the gradient-based fit: the usual region
// mapped onto a box, so that a bounded quasi-Newton method keeps to it
// exactly: α ∈ [lo, hi]; β = lo + r·(α − lo), r ∈ [0, 1] (so lo ≤ β ≤ α);
// γ = lo + u·(1 − α − lo), u ∈ [0, 1] (so lo ≤ γ ≤ 1 − α); φ ∈ [0.8, 0.98];
// the free initial states divided by a scale (the data's largest absolute
// value for level, slope and additive seasonal states, 1 for multiplicative
// ones), so that all variables are of order one.
struct GradientObjective {
    EtsModel model;
    int m;
    std::span<const double> y;
    std::size_t smoothing;
    GradientFunction function;
    std::vector<double> scale;          // of every variable (1 for the smoothing ones)
    double best_admissible = HUGE_VAL;  // the best point in the admissible region seen so far
    std::vector<double> best_variables;
    Tape tape;  // the gradient's workspace
};

// The model's parameters and free states from the optimiser's variables.
void from_variables(const GradientObjective& o, const double* v, std::size_t count, EtsParameters& p,
                    std::vector<double>& free_states) {
    std::size_t i = 0;
    p.alpha = v[i++];
    if (has_trend(o.model)) p.beta = kSmoothingLow + v[i++] * (p.alpha - kSmoothingLow);
    if (has_season(o.model)) p.gamma = kSmoothingLow + v[i++] * (1 - p.alpha - kSmoothingLow);
    if (o.model.trend == EtsTrend::damped) p.phi = v[i++];
    free_states.resize(count - o.smoothing);
    for (std::size_t j = 0; j < free_states.size(); ++j)
        free_states[j] = v[o.smoothing + j] * o.scale[o.smoothing + j];
}

// The inverse of from_variables(), with r and u clamped to [0, 1].
std::vector<double> to_variables(const GradientObjective& o, const EtsParameters& p,
                                 std::span<const double> free_states) {
    std::vector<double> v;
    v.push_back(p.alpha);
    const double room_beta = p.alpha - kSmoothingLow, room_gamma = 1 - p.alpha - kSmoothingLow;
    if (has_trend(o.model))
        v.push_back(room_beta > 0 ? std::clamp((p.beta - kSmoothingLow) / room_beta, 0.0, 1.0) : 0.0);
    if (has_season(o.model))
        v.push_back(room_gamma > 0 ? std::clamp((p.gamma - kSmoothingLow) / room_gamma, 0.0, 1.0) : 0.0);
    if (o.model.trend == EtsTrend::damped) v.push_back(p.phi);
    for (std::size_t j = 0; j < free_states.size(); ++j)
        v.push_back(free_states[j] / o.scale[o.smoothing + j]);
    return v;
}

double gradient_objective_scaled(unsigned count, const double* v, double* gradient, void* data) {
    auto& o = *static_cast<GradientObjective*>(data);
    thread_local std::vector<double> free_states, states, g_states;
    EtsParameters p;
    from_variables(o, v, count, p, free_states);
    complete_states_into(o.model, o.m, free_states, states);
    g_states.assign(states.size(), 0.0);
    double g[4] = {0, 0, 0, 0};  // ∂/∂α, ∂/∂β, ∂/∂γ, ∂/∂φ
    const double value = o.function(o.y, o.m, p, states.data(), g, g_states.data(), o.tape);
    if (!std::isfinite(value)) {
        // A finite wall rather than infinity: the line search then steps back.
        if (gradient) std::fill(gradient, gradient + count, 0.0);
        return 1e12;
    }
    if (gradient) {
        std::size_t i = 1;
        double g_alpha = g[0];
        if (has_trend(o.model)) {
            const double r = v[i];
            g_alpha += g[1] * r;
            gradient[i++] = g[1] * (p.alpha - kSmoothingLow);
        }
        if (has_season(o.model)) {
            const double u = v[i];
            g_alpha -= g[2] * u;
            gradient[i++] = g[2] * (1 - p.alpha - kSmoothingLow);
        }
        if (o.model.trend == EtsTrend::damped) gradient[i++] = g[3];
        gradient[0] = g_alpha;
        const std::size_t free = count - o.smoothing;
        const double last = has_season(o.model) ? g_states.back() : 0.0;
        const std::size_t s0 = has_trend(o.model) ? 2 : 1;
        for (std::size_t j = 0; j < free; ++j)
            gradient[o.smoothing + j] =
                (j >= s0 ? g_states[j] - last : g_states[j]) * o.scale[o.smoothing + j];
    }
    if (value < o.best_admissible && feasible(o.model, o.m, p, states)) {
        o.best_admissible = value;
        o.best_variables.assign(v, v + count);
    }
    return value;
}

// Nominal number of parameters of ets() for the "too few points" rule.
std::size_t nominal_parameters(const EtsModel& model, int m) {
    return 2 + (has_trend(model) ? 2 : 0) + (has_season(model) ? static_cast<std::size_t>(m) : 0) +
           (model.trend == EtsTrend::damped ? 1 : 0);
}

// The settings of the search (fit_one() and refine()), chosen with
// bench/bench_competition.cpp on the M1 and Tourism series (27,541 fits of R's
// fixed models; `loglik`) and their time per series (`accuracy`, FC.ETS
// "auto"), single-threaded on the machine of the benchmarks:
//  - ets()'s start alone, L-BFGS with 4 restarts and a simplex polish of 100 +
//    30 evaluations per variable (version 0.4): 91.0 % of the fits within 0.5
//    of R's log-likelihood or above, 2.6 ms per series;
//  - the grid of starts, both searched for every model: 99.4 %, 5.2 ms;
//  - the second start and the polish only for the models that may be chosen
//    (refine()), a polish of 40 + 10 per variable and no L-BFGS restart (each
//    restart from its own end gained little): 99.4 %, 3.4 ms;
//  - the starts' least-squares states shared by the candidates of one choice
//    (LinearStates): the same fits, about 8 % less time (3.73 → 3.44 ms, mean
//    per series, median of 3 runs of bench_competition accuracy).
constexpr int kLbfgsRounds = 1;      // runs of the quasi-Newton search, each from the last one's end
constexpr double kLbfgsFtol = 1e-8;  // relative change of the objective that ends it
constexpr double kLbfgsXtol = 1e-6;  // relative change of the variables that ends it
constexpr int kPolishBase = 40;      // evaluations of a simplex round: base + per · variables
constexpr int kPolishPer = 10;
constexpr int kFallbackRounds = 2;  // simplex rounds when the quasi-Newton search fails
// "auto" refines the models within 10 of the smallest AICc: beyond that a
// model has "essentially no support" (Burnham & Anderson 2002, Model
// Selection and Multimodel Inference, ch. 2.6).
constexpr double kPolishMargin = 10;

// One model's estimation problem in the variables of the simplex: α, [β],
// [γ], [φ], then the free initial states.
struct Problem {
    EtsModel model;
    int m = 1;  // the season length of the model (1 without a season)
    std::span<const double> y;
    std::size_t smoothing = 0, count = 0;
    std::vector<double> lower, upper, step;
    double data_scale = 1;
    Objective objective_data;
    double value(const std::vector<double>& x) {
        return objective(static_cast<unsigned>(count), x.data(), nullptr, &objective_data);
    }
};

// A model with its estimate, as fit_one() leaves it for refine(): the fit
// without its series (see make_fit()).
struct Candidate {
    EtsFit fit;
    std::vector<double> x;  // the optimiser's variables of `fit`
    double objective = HUGE_VAL;
    bool searched_by_simplex = false;  // polished, or fitted by the simplex fallback
    std::optional<std::pair<double, std::vector<double>>> second_start = std::nullopt;  // refine()'s, with
                                                                                        // its objective
    bool refined = false;  // the second stage (refine()) done
};

// Nelder–Mead-type simplex search (NLopt's Subplex, Rowan 1990) from x,
// restarted from its optimum with a fresh simplex while it improves (a
// stalled simplex is the usual reason to restart, e.g. the NLopt manual).
double simplex_search(Problem& problem, std::vector<double>& x, double best, int rounds, int base, int per) {
    const std::vector<double> first_step = problem.step;
    std::vector<double> step = first_step;
    for (int round = 0; round < rounds; ++round) {
        nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(problem.count));
        opt.set_lower_bounds(problem.lower);
        opt.set_upper_bounds(problem.upper);
        opt.set_min_objective(objective, &problem.objective_data);
        opt.set_ftol_rel(1e-8);
        opt.set_xtol_rel(1e-6);
        opt.set_ftol_abs(1e-4);
        opt.set_maxeval(base + per * static_cast<int>(problem.count));
        opt.set_initial_step(step);
        std::vector<double> trial = x;
        double value = best;
        try {
            opt.optimize(trial, value);
        } catch (const nlopt::roundoff_limited&) {
            // the simplex cannot shrink further: trial holds the best point found
        } catch (const std::exception&) {
            break;
        }
        if (!std::isfinite(value) || !(value < best)) break;  // keep x unless it improved
        const double gain = best - value;
        x = trial;
        best = value;
        if (round > 0 && gain <= 1e-6 * (1 + std::fabs(best))) break;
        for (std::size_t i = 0; i < problem.count; ++i)
            step[i] = i < problem.smoothing ? first_step[i] : std::max(0.1 * std::fabs(x[i]), first_step[i]);
    }
    return best;
}

// The simplex variables from the quasi-Newton ones (see GradientObjective).
std::vector<double> simplex_variables(const GradientObjective& g, const double* v, std::size_t count) {
    EtsParameters p;
    std::vector<double> free_states;
    from_variables(g, v, count, p, free_states);
    std::vector<double> x{p.alpha};
    if (has_trend(g.model)) x.push_back(p.beta);
    if (has_season(g.model)) x.push_back(p.gamma);
    if (g.model.trend == EtsTrend::damped) x.push_back(p.phi);
    x.insert(x.end(), free_states.begin(), free_states.end());
    return x;
}

// Quasi-Newton search with the exact gradient (NLopt's L-BFGS, Liu & Nocedal
// 1989, in the Fortran implementation of Lukšan), over the usual region
// mapped onto a box (GradientObjective). The admissible region (HKOS ch. 10)
// is not a box: the best admissible point met on the way is kept, and if the
// search leaves the region at once, the edge of the region is found by
// bisection on the segment from the start to the search's end point.
double gradient_search(Problem& problem, std::vector<double>& x, double best) {
    const EtsModel& model = problem.model;
    const std::size_t count = problem.count, smoothing = problem.smoothing;
    GradientObjective g{model, problem.m, problem.y, smoothing, pick_functions(model).gradient,
                        {},    HUGE_VAL,  {},        {}};
    const bool mult_season = model.season == EtsSeason::multiplicative;
    const std::size_t s0 = smoothing + 1 + (has_trend(model) ? 1 : 0);  // the first seasonal state
    for (std::size_t i = 0; i < count; ++i)
        g.scale.push_back(i < smoothing || (mult_season && i >= s0) ? 1.0 : problem.data_scale);
    std::vector<double> low(count, -HUGE_VAL), high(count, HUGE_VAL);
    for (std::size_t i = 0; i < smoothing; ++i) {
        low[i] = 0;
        high[i] = 1;
    }
    low[0] = kSmoothingLow;
    high[0] = kSmoothingHigh;
    if (model.trend == EtsTrend::damped) {
        low[smoothing - 1] = kPhiLow;
        high[smoothing - 1] = kPhiHigh;
    }
    if (mult_season)
        for (std::size_t i = s0; i < count; ++i) low[i] = 0;
    const std::vector<double> start = [&] {
        auto v = to_variables(g, unpack(model, x.data()), std::span<const double>(x).subspan(smoothing));
        for (std::size_t i = 0; i < count; ++i) v[i] = std::clamp(v[i], low[i], high[i]);
        return v;
    }();
    nlopt::opt opt(nlopt::LD_LBFGS, static_cast<unsigned>(count));
    opt.set_lower_bounds(low);
    opt.set_upper_bounds(high);
    opt.set_min_objective(gradient_objective_scaled, &g);
    opt.set_ftol_rel(kLbfgsFtol);
    opt.set_xtol_rel(kLbfgsXtol);
    opt.set_maxeval(static_cast<int>(500 + 50 * count));
    std::vector<double> v = start;
    double value = HUGE_VAL;
    for (int round = 0; round < kLbfgsRounds; ++round) {
        const double before = value;
        try {
            opt.optimize(v, value);
        } catch (const nlopt::roundoff_limited&) {
            // v holds the best point found
        } catch (const std::exception&) {
            // a failed line search: start again from the best admissible point
            if (g.best_variables.empty()) break;
            v = g.best_variables;
            value = g.best_admissible;
            continue;
        }
        if (!(before - value > 1e-7 * (1 + std::fabs(value)))) break;
    }
    if (g.best_admissible >= best || g.best_variables.empty()) {
        double inside = 0, outside = 1;
        std::vector<double> trial(count);
        for (int k = 0; k < 30; ++k) {
            const double t = 0.5 * (inside + outside);
            for (std::size_t i = 0; i < count; ++i) trial[i] = start[i] + t * (v[i] - start[i]);
            const double f = problem.value(simplex_variables(g, trial.data(), count));
            if (std::isfinite(f)) {
                inside = t;
                if (f < g.best_admissible) {
                    g.best_admissible = f;
                    g.best_variables = trial;
                }
            } else {
                outside = t;
            }
        }
    }
    if (g.best_variables.empty()) return best;
    std::vector<double> candidate = simplex_variables(g, g.best_variables.data(), count);
    const double check = problem.value(candidate);
    if (!(std::isfinite(check) && check < best)) return best;
    x = std::move(candidate);
    return check;
}

// The fitted model (m: its season length, 1 without) from the optimiser's
// variables x. With keep_series, the observations, fitted values, residuals
// and mase too; without (the candidates of "auto"), the memory of the fit
// does not grow with the series.
std::optional<EtsFit> make_fit(const EtsModel& model, int m, std::span<const double> y,
                               const std::vector<double>& x, bool keep_series) {
    EtsFit fit;
    fit.model = model;
    fit.period = m;
    fit.parameters = unpack(model, x.data());
    fit.initial_states =
        complete_states(model, m, std::span<const double>(x).subspan(smoothing_count(model)));
    if (keep_series) fit.observations.assign(y.begin(), y.end());
    fit.parameter_count = static_cast<int>(x.size());
    Recursion r = run_recursion(model, m, fit.parameters, y, fit.initial_states, keep_series);
    if (!std::isfinite(r.objective)) return std::nullopt;
    finish(fit, std::move(r), y.size());
    return fit;
}

// Sets up one model's estimation: the starting values of ets()'s initparam()
// and initstate(), bounds and simplex steps. nullopt when the model has too
// many parameters for the data (ets(): np ≥ n − 1 is not fitted).
std::optional<std::pair<Problem, std::vector<double>>> set_up(std::span<const double> y,
                                                              const EtsModel& model, int m) {
    Problem problem;
    problem.model = model;
    problem.m = has_season(model) ? m : 1;
    problem.y = y;
    problem.smoothing = smoothing_count(model);
    const auto states = heuristic_states(y, model, problem.m);
    problem.count = problem.smoothing + states.size();
    if (problem.count + 1 >= y.size()) return std::nullopt;
    std::vector<double> x;
    const double alpha0 = kSmoothingLow + 0.2 * (kSmoothingHigh - kSmoothingLow) / problem.m;
    x.push_back(alpha0);
    if (has_trend(model))
        x.push_back(kSmoothingLow + 0.1 * (std::min(kSmoothingHigh, alpha0) - kSmoothingLow));
    if (has_season(model))
        x.push_back(kSmoothingLow + 0.05 * (std::min(kSmoothingHigh, 1 - alpha0) - kSmoothingLow));
    if (model.trend == EtsTrend::damped) x.push_back(kPhiLow + 0.99 * (kPhiHigh - kPhiLow));
    for (std::size_t i = 0; i < problem.smoothing; ++i) {
        const bool is_phi = model.trend == EtsTrend::damped && i + 1 == problem.smoothing;
        problem.lower.push_back(is_phi ? kPhiLow : kSmoothingLow);
        problem.upper.push_back(is_phi ? kPhiHigh : kSmoothingHigh);
        problem.step.push_back(is_phi ? 0.02 : 0.05);
    }
    double scale = 0;
    for (double v : y) scale = std::max(scale, std::fabs(v));
    problem.data_scale = std::max(scale, 1e-8);
    for (double s : states) {
        x.push_back(s);
        problem.lower.push_back(-HUGE_VAL);
        problem.upper.push_back(HUGE_VAL);
        problem.step.push_back(std::max(0.1 * std::fabs(s), 1e-3 * problem.data_scale));
    }
    problem.objective_data =
        Objective{model, problem.m, y, problem.smoothing, pick_functions(model).objective};
    return std::make_pair(std::move(problem), std::move(x));
}

// The starting points of a fit, each the optimiser's variables: ets()'s
// (initparam() and initstate()); the same smoothing parameters with the
// least-squares initial states (least_squares_states()); a small grid of
// smoothing parameters with their least-squares states, because the
// likelihood is often multimodal in them (slow level and fast season against
// fast level and slow season; a level that follows the data or one that
// averages them); and, for a multiplicative error or season, a start whose
// forecasts are positive: the first value as the level, no slope, a neutral
// season and a level that follows the data.
std::vector<std::vector<double>> starting_points(const Problem& problem, const std::vector<double>& ets_start,
                                                 LinearStates& shared) {
    std::vector<std::vector<double>> starts{ets_start};
    const EtsModel& model = problem.model;
    auto variables = [&](const EtsParameters& p, std::span<const double> states) {
        std::vector<double> x{p.alpha};
        if (has_trend(model)) x.push_back(p.beta);
        if (has_season(model)) x.push_back(p.gamma);
        if (model.trend == EtsTrend::damped) x.push_back(p.phi);
        x.insert(x.end(), states.begin(), states.end());
        return x;
    };
    auto with_states = [&](const EtsParameters& p) {
        if (!in_region(model, problem.m, p)) return;
        const auto states = least_squares_states(problem.y, model, problem.m, p, shared);
        if (states && states->size() + problem.smoothing == problem.count)
            starts.push_back(variables(p, *states));
    };
    const EtsParameters ets_parameters = unpack(model, ets_start.data());
    with_states(ets_parameters);
    for (double alpha : {0.1, 0.5, 0.95})
        for (double season_share : {0.05, 0.9}) {
            if (season_share != 0.05 && !has_season(model)) continue;
            EtsParameters p = ets_parameters;
            p.alpha = alpha;
            if (has_trend(model)) p.beta = 0.1 * alpha;
            if (has_season(model)) p.gamma = season_share * (1 - alpha);
            with_states(p);
        }
    if (model.error == EtsError::multiplicative || model.season == EtsSeason::multiplicative) {
        EtsParameters p = ets_parameters;
        p.alpha = 0.9;
        if (has_trend(model)) p.beta = kSmoothingLow;
        if (has_season(model)) p.gamma = kSmoothingLow;
        std::vector<double> states(problem.count - problem.smoothing,
                                   model.season == EtsSeason::multiplicative ? 1.0 : 0.0);
        states[0] = problem.y.front();
        if (has_trend(model)) states[1] = 0;
        if (in_region(model, problem.m, p)) starts.push_back(variables(p, states));
    }
    return starts;
}

// Fits one model by maximum likelihood, first stage: the starting points
// (starting_points()) ranked by their objective, and the quasi-Newton method
// with the exact gradient from the best one; if it cannot improve on that
// start, two rounds of the simplex search instead. refine() is given the best
// start in the other basin (α on the other side of ½: a level that follows
// the data or one that averages them, the two basins the likelihood most
// often has), or else the second best. nullopt when the model cannot be
// fitted.
std::optional<Candidate> fit_one(std::span<const double> y, const EtsModel& model, int m,
                                 LinearStates& shared) {
    auto setup = set_up(y, model, m);
    if (!setup) return std::nullopt;
    auto& problem = setup->first;
    std::vector<std::pair<double, std::vector<double>>> ranked;
    for (auto& start : starting_points(problem, setup->second, shared)) {
        const double value = problem.value(start);
        if (std::isfinite(value)) ranked.emplace_back(value, std::move(start));
    }
    if (ranked.empty()) return std::nullopt;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const bool fast = ranked.front().second[0] > 0.5;
    for (std::size_t i = 2; i < ranked.size(); ++i)
        if ((ranked[1].second[0] > 0.5) == fast && (ranked[i].second[0] > 0.5) != fast) {
            std::swap(ranked[1], ranked[i]);
            break;
        }
    auto& [initial, x] = ranked.front();
    double best = gradient_search(problem, x, initial);
    const bool fallback = !(best < initial);
    if (fallback) best = simplex_search(problem, x, best, kFallbackRounds, kPolishBase, kPolishPer);
    auto fit = make_fit(model, problem.m, y, x, false);
    if (!fit) return std::nullopt;
    Candidate candidate{std::move(*fit), std::move(x), best, fallback};
    if (ranked.size() > 1) candidate.second_start = std::move(ranked[1]);
    return candidate;
}

// The second stage, for a model given alone and for the candidates of "auto"
// that may be chosen: the quasi-Newton search from the second start, then one
// round of the simplex search from the better optimum (the gradient method
// can stop in a shallow local minimum that the simplex's larger steps leave),
// unless the simplex fallback already searched it.
void refine(std::span<const double> y, Candidate& candidate, int m) {
    if (candidate.refined) return;
    candidate.refined = true;
    auto setup = set_up(y, candidate.fit.model, m);
    if (!setup) return;
    auto& problem = setup->first;
    std::vector<double> x = candidate.x;
    double best = candidate.objective;
    bool searched_by_simplex = candidate.searched_by_simplex;
    if (candidate.second_start) {
        auto [value, second] = std::move(*candidate.second_start);
        candidate.second_start.reset();
        const double reached = gradient_search(problem, second, value);
        if (reached < best) {
            best = reached;
            x = std::move(second);
            searched_by_simplex = false;
        }
    }
    if (!searched_by_simplex) best = simplex_search(problem, x, best, 1, kPolishBase, kPolishPer);
    if (!(best < candidate.objective)) return;
    if (auto fit = make_fit(problem.model, problem.m, y, x, false)) {
        candidate.fit = std::move(*fit);
        candidate.x = std::move(x);
        candidate.objective = best;
        candidate.searched_by_simplex = true;
    }
}

bool all_equal(std::span<const double> y) {
    return std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); });
}

// The cost limit of one fit (see forecast.hpp).
void check_length(std::size_t n) {
    if (n > kEtsMaxValues) throw domain_error(msg::fc_values_too_many, grouped(kEtsMaxValues), grouped(n));
}

void check_period(int period) {
    if (period < 0 || period > kEtsMaxPeriod)
        throw domain_error(msg::fc_period_range, num(kEtsMaxPeriod), num(period));
}

// The season length of a fit (1 = none): the request's, or detected. A given
// season needs more than period + 1 observations.
int season_length(std::span<const double> y, const EtsRequest& request) {
    if (!request.period) return detect_period(y);
    check_period(*request.period);
    const int m = std::max(1, *request.period);
    if (m >= 2 && y.size() <= static_cast<std::size_t>(m) + 1)
        throw domain_error(msg::fc_period_too_long, num(m), num(y.size()));
    return m;
}

// The models of `code` (parsed into `models`) that the data allow: seasonal
// ones only with a season, multiplicative ones only for data > 0. When one
// model is given, a model the data do not allow, or too few observations for
// it, is an error; with a choice, such models are left out.
std::vector<EtsModel> candidate_models(const std::vector<EtsModel>& models, std::span<const double> y, int m,
                                       const std::string& code) {
    const std::size_t n = y.size();
    const bool choose = models.size() > 1;
    const bool positive = std::all_of(y.begin(), y.end(), [](double v) { return v > 0; });
    const bool seasonal_ok = m >= 2 && n > static_cast<std::size_t>(m) + 1;
    std::vector<EtsModel> candidates;
    for (const auto& model : models) {
        if (has_season(model) && !seasonal_ok) {
            if (!choose) throw domain_error(msg::fc_model_seasonal_no_season, model.code());
            continue;
        }
        const bool multiplicative =
            model.error == EtsError::multiplicative || model.season == EtsSeason::multiplicative;
        if (multiplicative && !positive) {
            if (!choose) throw domain_error(msg::fc_model_multiplicative_nonpositive, model.code());
            continue;
        }
        if (!choose && n <= nominal_parameters(model, m) + 4)
            throw domain_error(msg::fc_model_too_few_values, model.code(),
                               num(nominal_parameters(model, m) + 4), num(n));
        candidates.push_back(model);
    }
    if (candidates.empty()) throw domain_error(msg::fc_model_no_candidate, code);
    return candidates;
}

// A constant series: the likelihood is unbounded; the forecast is the
// constant (as ets() does), without criteria.
EtsFit constant_fit(std::span<const double> y) {
    const EtsParameters p{kSmoothingHigh, 0, 0, 1};
    const double state = y.front();
    EtsFit fit = evaluate_ets(y, EtsModel{}, 1, p, std::span<const double>(&state, 1));
    fit.log_likelihood = fit.aic = fit.aicc = fit.bic = std::numeric_limits<double>::quiet_NaN();
    return fit;
}

// Runs task(i) for each i of `which` (indices of `count` tasks) on up to
// kMaxThreads threads, each taking the next task when it is done (the fits
// differ in cost). A task that throws no_convergence is left out; any other
// exception is rethrown afterwards, the one of the lowest index.
template <typename Task>
void in_parallel(std::size_t count, const std::vector<std::size_t>& which, Task&& task) {
    std::vector<std::exception_ptr> failures(count);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k = next++; k < which.size(); k = next++) {
            const std::size_t i = which[k];
            try {
                task(i);
            } catch (const no_convergence&) {
                // this model cannot be fitted: the others may
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    const std::size_t threads =
        std::min<std::size_t>({which.size(), kMaxThreads, std::max(1u, std::thread::hardware_concurrency())});
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: this one does the rest
        }
    }
    work();
    for (auto& thread : pool) thread.join();
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

// The candidates' indices, the costly fits (seasonal, multiplicative, damped)
// first, so that no thread is left with one long fit at the end.
std::vector<std::size_t> costliest_first(const std::vector<EtsModel>& candidates) {
    std::vector<std::size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), 0);
    auto cost = [&](std::size_t i) {
        const EtsModel& c = candidates[i];
        return (has_season(c) ? 100 : 0) + (c.error == EtsError::multiplicative ? 10 : 0) +
               static_cast<int>(c.trend) + (c.season == EtsSeason::multiplicative ? 5 : 0);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cost(a) > cost(b); });
    return order;
}

// Fits the candidates, independently and in parallel. With a choice, every
// model is fitted by the quasi-Newton search first; those within
// kPolishMargin of the smallest AICc get the simplex polish too (a model far
// behind would not win by it). A model that cannot be fitted is nullopt.
bool is_damped(const Candidate& c) { return c.fit.model.trend == EtsTrend::damped; }
bool any_model(const Candidate&) { return true; }

// The candidate with the smallest AICc among those `which` accepts, the first
// in the candidates' order on a tie (so the choice does not depend on the
// threads); null if none.
template <typename Which = decltype(any_model)>
const Candidate* smallest_aicc(const std::vector<std::optional<Candidate>>& fits, Which&& which = any_model) {
    const Candidate* best = nullptr;
    for (const auto& fit : fits)
        if (fit && which(*fit) && std::isfinite(fit->fit.aicc) && (!best || fit->fit.aicc < best->fit.aicc))
            best = &*fit;
    return best;
}

// Fits the candidates, independently and in parallel. With a choice, every
// model is fitted by the quasi-Newton search first; those within
// kPolishMargin of the smallest AICc get the simplex polish too (a model far
// behind would not win by it). With `damped_too`, so do the damped-trend
// models within kPolishMargin of the best damped one, so that the best damped
// candidate is the fit a choice among the damped models alone ends with. A
// model that cannot be fitted is nullopt.
std::vector<std::optional<Candidate>> fit_candidates(std::span<const double> y,
                                                     const std::vector<EtsModel>& candidates, int m,
                                                     bool choose, bool damped_too = false) {
    std::vector<std::optional<Candidate>> fits(candidates.size());
    LinearStates shared;
    in_parallel(candidates.size(), costliest_first(candidates), [&](std::size_t i) {
        fits[i] = fit_one(y, candidates[i], m, shared);
        if (!choose && fits[i]) refine(y, *fits[i], m);
    });
    if (!choose) return fits;
    const Candidate* best = smallest_aicc(fits);
    const Candidate* best_damped = damped_too ? smallest_aicc(fits, is_damped) : nullptr;
    const double smallest = best ? best->fit.aicc : HUGE_VAL;
    const double smallest_damped = best_damped ? best_damped->fit.aicc : HUGE_VAL;
    std::vector<std::size_t> close;
    for (std::size_t i = 0; i < fits.size(); ++i)
        if (fits[i] && std::isfinite(fits[i]->fit.aicc) &&
            (fits[i]->fit.aicc <= smallest + kPolishMargin ||
             (is_damped(*fits[i]) && fits[i]->fit.aicc <= smallest_damped + kPolishMargin)))
            close.push_back(i);
    in_parallel(candidates.size(), close, [&](std::size_t i) { refine(y, *fits[i], m); });
    return fits;
}

// The forecast mean of class 3 (multiplicative error and season), HKOS
// ch. 6.3 (eqs. 6.7–6.8): with x = (level[, slope]) and s the seasonal states,
// M_h = E[x s'] evolves as M_{h+1} = F1 M_h F2' + σ² G1 M_h G2' and
// μ_h = H1 M_h H2'. Unlike the recursion, it includes the σ²-terms of the
// product of level and season.
std::vector<double> class3_mean(const EtsFit& fit, std::size_t h) {
    const EtsParameters& p = fit.parameters;
    const bool trend = has_trend(fit.model);
    const std::size_t k = trend ? 2 : 1, m = static_cast<std::size_t>(fit.period);
    const double phi = p.phi, sigma2 = std::isfinite(fit.sigma2) ? fit.sigma2 : 0.0;
    // F1, G1 (k × k) and H1 for level/slope; damped: l' = l + φb, b' = φb.
    const double f1[2][2] = {{1, phi}, {0, phi}};
    const double g1[2][2] = {{p.alpha, p.alpha * phi}, {p.beta, p.beta * phi}};
    const double h1[2] = {1, phi};
    std::vector<double> mh(k * m), next(k * m), shifted(k * m);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < m; ++j) mh[i * m + j] = fit.final_states[i] * fit.final_states[k + j];
    std::vector<double> mean(h);
    for (std::size_t step = 0; step < h; ++step) {
        double mu = 0;
        for (std::size_t i = 0; i < k; ++i) mu += h1[i] * mh[i * m + m - 1];
        mean[step] = mu;
        // Mh F2' shifts the columns cyclically; Mh G2' is γ·(last column) in column 0.
        for (std::size_t i = 0; i < k; ++i) {
            shifted[i * m] = mh[i * m + m - 1];
            for (std::size_t j = 1; j < m; ++j) shifted[i * m + j] = mh[i * m + j - 1];
        }
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < m; ++j) {
                double v = 0;
                for (std::size_t r = 0; r < k; ++r) {
                    v += f1[i][r] * shifted[r * m + j];
                    if (j == 0) v += sigma2 * g1[i][r] * p.gamma * mh[r * m + m - 1];
                }
                next[i * m + j] = v;
            }
        mh.swap(next);
    }
    return mean;
}

// c_j = w' F^{j−1} g for j = 1 … h − 1 (c[0] = 0), HKOS Table 6.1, for the
// models without a multiplicative season. F is sparse (the level takes the
// slope, the slope is damped, the seasons shift by one), so that a step costs
// O(states) instead of O(states²); the sums are the dense product's, in its
// order, without its terms that are exactly zero.
std::vector<double> error_weights(const EtsFit& fit, std::size_t h) {
    const bool trend = has_trend(fit.model), season = has_season(fit.model);
    const std::size_t p = fit.final_states.size(), s0 = trend ? 2 : 1;
    const double phi = fit.parameters.phi;
    std::vector<double> fg(p, 0.0), next(p, 0.0), c(h, 0.0);  // fg = F^{j−1} g
    fg[0] = fit.parameters.alpha;
    if (trend) fg[1] = fit.parameters.beta;
    if (season) fg[s0] = fit.parameters.gamma;
    for (std::size_t j = 1; j < h; ++j) {
        double wfg = fg[0];
        if (trend) wfg += phi * fg[1];
        if (season) wfg += fg[p - 1];
        c[j] = wfg;
        next[0] = trend ? fg[0] + phi * fg[1] : fg[0];
        if (trend) next[1] = phi * fg[1];
        if (season) {
            next[s0] = fg[p - 1];
            for (std::size_t k = s0 + 1; k < p; ++k) next[k] = fg[k - 1];
        }
        fg.swap(next);
    }
    return c;
}

// Class 1 (additive error, trend and season), HKOS Table 6.1:
// v_h = σ²(1 + Σ_{j<h} c_j²), the sum kept running.
std::vector<double> class1_variances(const EtsFit& fit, std::size_t h, double sigma2) {
    const std::vector<double> c = error_weights(fit, h);
    std::vector<double> v(h);
    double sum = 1;
    for (std::size_t i = 0; i < h; ++i) {
        if (i > 0) sum += c[i] * c[i];
        v[i] = sigma2 * sum;
    }
    return v;
}

// Class 2 (multiplicative error, additive or no trend and season), HKOS
// ch. 6.3: θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j} and v_h = (1 + σ²)θ_h − μ_h².
// The convolution costs O(h²) (5·10⁹ terms for 100,000 steps); the same sum
// is w'C_h w for the covariance C_h of the states, which evolves as
// C_{h+1} = F C_h F' + σ²θ_h g g'. With the seasonal states in a ring (the
// state used at step h is renewed in place), F moves only the level and
// slope, w and g touch one seasonal state, and only C's level and slope rows
// and its seasonal diagonal are ever read: O(h·m). v_h is written
// (1 + σ²)·w'C_h w + σ²μ_h², which is the same without the cancellation.
std::vector<double> class2_variances(const EtsFit& fit, const std::vector<double>& mean, double sigma2) {
    const bool trend = has_trend(fit.model), season = has_season(fit.model);
    const std::size_t m = season ? static_cast<std::size_t>(fit.period) : 1, h = mean.size();
    const EtsParameters& p = fit.parameters;
    const double a = p.alpha, b = trend ? p.beta : 0.0, g = season ? p.gamma : 0.0, phi = trend ? p.phi : 0.0;
    double ll = 0, lb = 0, bb = 0;                           // C of the level and the slope
    std::vector<double> ls(m, 0.0), bs(m, 0.0), ss(m, 0.0);  // C of them with each season; its variance
    std::vector<double> v(h);
    for (std::size_t i = 0; i < h; ++i) {
        const std::size_t k = i % m;
        const double level_part = ll + 2 * phi * lb + phi * phi * bb;  // the variance of l + φb
        double wcw = level_part;
        if (season) wcw += 2 * (ls[k] + phi * bs[k]) + ss[k];
        v[i] = (1 + sigma2) * wcw + sigma2 * mean[i] * mean[i];
        const double q = sigma2 * (mean[i] * mean[i] + wcw);  // σ²θ
        // C ← F C F' + σ²θ g g': l ← l + φb, b ← φb, the ring stays.
        ll = level_part + q * a * a;
        lb = phi * lb + phi * phi * bb + q * a * b;
        bb = phi * phi * bb + q * b * b;
        if (season) {
            if (trend)
                for (std::size_t j = 0; j < m; ++j) {
                    ls[j] += phi * bs[j];
                    bs[j] *= phi;
                }
            ls[k] += q * a * g;
            bs[k] += q * b * g;
            ss[k] += q * g * g;
        }
    }
    return v;
}

// One sample path of class 3 from the fit's final states: y_i = ŷ_i·(1 + ε_i)
// with ε_i = max(−1, next_error()), written to out[i·stride]. The same
// arithmetic as forecast_from() and update_state() step by step, with the
// seasonal states in `ring` (m values) instead of shifting m states at every
// step. A relative error below −1 would make the value and then the level
// negative, where the multiplicative recursion has no meaning and its paths
// run off by orders of magnitude (found: a 95 % lower bound of −52,340 for
// quarterly values between 0.34 and 8.31, M1's QRF1, MNM with σ = 0.47); the
// errors of a multiplicative-error model of positive data are > −1 (Akram,
// Hyndman & Ord 2009, Aust. N. Z. J. Stat. 51(4)), and forecast 8.20's
// simulate.ets() clamps them at −1 too.
template <EtsTrend trend, typename Errors>
void simulate_path(const EtsFit& fit, std::size_t h, Errors&& next_error, std::vector<double>& ring,
                   double* out, std::size_t stride) {
    const EtsParameters& p = fit.parameters;
    const auto m = static_cast<std::size_t>(fit.period);
    const double* season = fit.final_states.data() + (trend != EtsTrend::none ? 2 : 1);
    const double beta_over_alpha = p.beta / p.alpha;
    double level = fit.final_states[0];
    double slope = trend != EtsTrend::none ? fit.final_states[1] : 0.0;
    for (std::size_t j = 0; j < m; ++j) ring[j] = season[m - 1 - j];
    std::size_t slot = 0;
    bool absorbed = false;
    for (std::size_t i = 0; i < h; ++i) {
        const double f = (trend != EtsTrend::none ? level + p.phi * slope : level) * ring[slot];
        const double e = std::max(-1.0, next_error());  // drawn on every step: the stream stays aligned
        absorbed = absorbed || !(f > 0);
        if (absorbed) {
            out[i * stride] = 0;
            continue;
        }
        const double y = f * (1 + e);
        out[i * stride] = y;
        const Step<true, trend, EtsSeason::multiplicative> k(level, slope, ring[slot], y, p, beta_over_alpha);
        level = k.new_level;
        slope = k.new_slope;
        ring[slot] = k.new_season;
        if (++slot == m) slot = 0;
    }
}

// The sample paths of class 3 with normal errors from the fixed seed, path
// after path: paths[i·kSimulationPaths + path] is step i.
template <EtsTrend trend>
std::vector<double> simulate_paths(const EtsFit& fit, std::size_t h, double sigma2) {
    std::mt19937_64 engine(kSimulationSeed);
    std::normal_distribution<double> noise(0.0, std::sqrt(sigma2));
    std::vector<double> paths(h * kSimulationPaths), ring(static_cast<std::size_t>(fit.period));
    for (std::size_t path = 0; path < kSimulationPaths; ++path)
        simulate_path<trend>(
            fit, h, [&] { return noise(engine); }, ring, paths.data() + path, kSimulationPaths);
    return paths;
}

// Class 3 (multiplicative error and season): the intervals from the
// quantiles of the simulated paths (type 7 of Hyndman & Fan 1996).
void simulated_intervals(const EtsFit& fit, double sigma2, double level, EtsForecast& out) {
    const std::size_t h = out.point.size();
    std::vector<double> paths =
        fit.model.trend == EtsTrend::none       ? simulate_paths<EtsTrend::none>(fit, h, sigma2)
        : fit.model.trend == EtsTrend::additive ? simulate_paths<EtsTrend::additive>(fit, h, sigma2)
                                                : simulate_paths<EtsTrend::damped>(fit, h, sigma2);
    auto quantile = [](std::vector<double>& v, double q) {
        const double position = q * static_cast<double>(v.size() - 1);
        const auto low = static_cast<std::size_t>(std::floor(position));
        std::nth_element(v.begin(), v.begin() + static_cast<long>(low), v.end());
        const double a_low = v[low];
        if (low + 1 >= v.size()) return a_low;
        const double a_high = *std::min_element(v.begin() + static_cast<long>(low) + 1, v.end());
        return a_low + (position - static_cast<double>(low)) * (a_high - a_low);
    };
    out.lower.resize(h);
    out.upper.resize(h);
    std::vector<double> column(kSimulationPaths);
    for (std::size_t i = 0; i < h; ++i) {
        std::copy_n(paths.begin() + static_cast<long>(i * kSimulationPaths), kSimulationPaths,
                    column.begin());
        out.lower[i] = quantile(column, 0.5 - level / 2);
        out.upper[i] = quantile(column, 0.5 + level / 2);
        if (!std::isfinite(out.lower[i]) || !std::isfinite(out.upper[i]))
            throw no_convergence(msg::fc_simulated_interval_not_finite);
    }
}

}  // namespace

double r_mean(std::span<const double> x) {
    const auto n = static_cast<long double>(x.size());
    long double s = 0;
    for (double v : x) s += v;
    s /= n;
    if (std::isfinite(static_cast<double>(s))) {
        long double t = 0;
        for (double v : x) t += v - s;
        s += t / n;
    }
    return static_cast<double>(s);
}

std::vector<double> seasonal_figure(std::span<const double> y, int m, bool multiplicative) {
    const std::size_t n = y.size(), period = static_cast<std::size_t>(m);
    std::vector<double> weights;
    if (m % 2 == 0) {
        weights.assign(period + 1, 1.0 / m);
        weights.front() = weights.back() = 0.5 / m;
    } else {
        weights.assign(period, 1.0 / m);
    }
    // The centred filter of R's filter(sides = 2): trend[i] = Σ_j w[j]·y[i + shift − j].
    const std::size_t width = weights.size(), shift = width / 2;
    std::vector<std::vector<double>> detrended(period);
    for (std::size_t i = 0; i + shift < n; ++i) {
        if (i + shift + 1 < width) continue;
        double trend = 0;
        for (std::size_t j = 0; j < width; ++j) trend += weights[j] * y[i + shift - j];
        const double value = multiplicative ? y[i] / trend : y[i] - trend;
        if (!std::isnan(value)) detrended[i % period].push_back(value);  // mean(…, na.rm = TRUE)
    }
    std::vector<double> figure(period);
    for (std::size_t k = 0; k < period; ++k)
        figure[k] = detrended[k].empty() ? std::numeric_limits<double>::quiet_NaN() : r_mean(detrended[k]);
    const double mean = r_mean(figure);
    for (double& f : figure) f = multiplicative ? f / mean : f - mean;
    return figure;
}

std::string EtsModel::code() const {
    std::string s(1, error == EtsError::additive ? 'A' : 'M');
    s += trend == EtsTrend::none ? "N" : trend == EtsTrend::additive ? "A" : "Ad";
    s += season == EtsSeason::none ? 'N' : season == EtsSeason::additive ? 'A' : 'M';
    return s;
}

std::vector<EtsModel> parse_ets_models(std::string_view code) {
    std::string text;
    for (char c : code)
        if (c != ' ') text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (text.empty() || text == "AUTO") text = "ZZZ";
    const domain_error bad(msg::fc_model_code, std::string(code));
    std::size_t i = 0;
    auto take = [&](const char* allowed) {
        if (i >= text.size() || !std::strchr(allowed, text[i])) throw bad;
        return text[i++];
    };
    const char e = take("AMZ");
    char t = take("NAMZ");
    bool damped = false;
    if (i < text.size() && text[i] == 'D') {
        if (t != 'A' && t != 'M') throw bad;
        damped = true;
        ++i;
    }
    const char s = take("NAMZ");
    if (i != text.size()) throw bad;
    if (t == 'M') throw domain_error(msg::fc_model_multiplicative_trend, std::string(code));
    if (e == 'A' && s == 'M')
        throw domain_error(msg::fc_model_additive_error_multiplicative_season, std::string(code));
    std::vector<EtsModel> models;
    for (char ec : std::string(e == 'Z' ? "AM" : std::string(1, e)))
        for (int tc = 0; tc < 3; ++tc) {
            const EtsTrend trend = tc == 0 ? EtsTrend::none : tc == 1 ? EtsTrend::additive : EtsTrend::damped;
            if (t == 'N' && trend != EtsTrend::none) continue;
            if (t == 'A' && (trend == EtsTrend::none || (trend == EtsTrend::damped) != damped)) continue;
            for (char sc : std::string(s == 'Z' ? "NAM" : std::string(1, s))) {
                if (ec == 'A' && sc == 'M') continue;
                EtsModel model;
                model.error = ec == 'A' ? EtsError::additive : EtsError::multiplicative;
                model.trend = trend;
                model.season = sc == 'N'   ? EtsSeason::none
                               : sc == 'A' ? EtsSeason::additive
                                           : EtsSeason::multiplicative;
                models.push_back(model);
            }
        }
    return models;
}

std::vector<double> fill_gaps(std::span<const double> values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isinf(values[i])) throw domain_error(msg::fc_value_not_finite, num(i + 1));
    std::size_t first = 0, last = values.size();
    while (first < last && std::isnan(values[first])) ++first;
    while (last > first && std::isnan(values[last - 1])) --last;
    std::vector<double> out(values.begin() + static_cast<long>(first),
                            values.begin() + static_cast<long>(last));
    std::size_t previous = 0;
    for (std::size_t i = 1; i < out.size(); ++i) {
        if (std::isnan(out[i])) continue;
        if (i > previous + 1) {
            const double step = (out[i] - out[previous]) / static_cast<double>(i - previous);
            for (std::size_t j = previous + 1; j < i; ++j)
                out[j] = out[previous] + step * static_cast<double>(j - previous);
        }
        previous = i;
    }
    return out;
}

int detect_period(std::span<const double> values) {
    const std::size_t n = values.size();
    const int max_lag = static_cast<int>(std::min<std::size_t>(24, n / 3));
    if (max_lag < 2) return 1;
    // Residuals from a least-squares line.
    double mt = (static_cast<double>(n) - 1) / 2, my = 0;
    for (double v : values) my += v;
    my /= static_cast<double>(n);
    double sxy = 0, sxx = 0;
    for (std::size_t t = 0; t < n; ++t) {
        sxy += (static_cast<double>(t) - mt) * (values[t] - my);
        sxx += (static_cast<double>(t) - mt) * (static_cast<double>(t) - mt);
    }
    const double slope = sxy / sxx;
    std::vector<double> r(n);
    for (std::size_t t = 0; t < n; ++t) r[t] = values[t] - my - slope * (static_cast<double>(t) - mt);
    double c0 = 0;
    for (double v : r) c0 += v * v;
    if (!(c0 > 0)) return 1;
    std::vector<double> acf(static_cast<std::size_t>(max_lag) + 2, 0.0);
    for (std::size_t lag = 1; lag < acf.size() && lag < n; ++lag) {
        double c = 0;
        for (std::size_t t = lag; t < n; ++t) c += r[t] * r[t - lag];
        acf[lag] = c / c0;
    }
    int best = 1;
    double best_acf = 0, sum_sq = 0;
    for (int m = 1; m <= max_lag; ++m) {
        const auto lag = static_cast<std::size_t>(m);
        if (m >= 2) {
            const double bound = 1.645 * std::sqrt((1 + 2 * sum_sq) / static_cast<double>(n));
            const bool peak = acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1];
            if (peak && acf[lag] > bound && acf[lag] > best_acf) {
                best = m;
                best_acf = acf[lag];
            }
        }
        sum_sq += acf[lag] * acf[lag];
    }
    return best;
}

EtsFit evaluate_ets(std::span<const double> values, const EtsModel& model, int period,
                    const EtsParameters& parameters, std::span<const double> initial_states) {
    const int m = has_season(model) ? period : 1;
    if (has_season(model) && m < 2) throw domain_error(msg::fc_seasonal_period, num(period));
    if (initial_states.size() != state_count(model, m))
        throw domain_error(msg::fc_initial_states_count, num(state_count(model, m)),
                           num(initial_states.size()));
    if (values.empty()) throw domain_error(msg::fc_series_empty);
    EtsFit fit;
    fit.model = model;
    fit.period = m;
    fit.parameters = parameters;
    fit.initial_states.assign(initial_states.begin(), initial_states.end());
    fit.observations.assign(values.begin(), values.end());
    fit.parameter_count =
        static_cast<int>(smoothing_count(model) + initial_states.size() - (has_season(model) ? 1 : 0));
    finish(fit, run_recursion(model, m, parameters, values, initial_states, true), values.size());
    return fit;
}

bool in_data_range(std::span<const double> point, double lowest) {
    if (lowest < 0) return true;
    return std::all_of(point.begin(), point.end(), [&](double v) { return lowest > 0 ? v > 0 : v >= 0; });
}

namespace {

// The chosen fit among the candidates `which` accepts, with its series: the
// smallest AICc (smallest_aicc()); with a horizon and no negative value, the
// smallest AICc whose forecasts stay in the data's range, each refined before
// it is judged (a model far behind the best was not), and the smallest AICc
// (after those refinements) if none stays in range. nullopt if none was fitted.
template <typename Which>
std::optional<EtsFit> choose_fit(std::span<const double> y, std::vector<std::optional<Candidate>>& fits,
                                 int m, int horizon, Which&& which) {
    auto full = [&](const Candidate& c) { return make_fit(c.fit.model, c.fit.period, y, c.x, true); };
    const double lowest = *std::min_element(y.begin(), y.end());
    if (horizon > 0 && lowest >= 0) {
        std::vector<Candidate*> order;
        for (auto& fit : fits)
            if (fit && which(*fit) && std::isfinite(fit->fit.aicc)) order.push_back(&*fit);
        std::stable_sort(order.begin(), order.end(),
                         [](const Candidate* a, const Candidate* b) { return a->fit.aicc < b->fit.aicc; });
        if (order.size() > 1)
            for (Candidate* c : order) {
                refine(y, *c, m);  // nothing to do if it was
                auto fit = full(*c);
                if (fit && in_data_range(forecast_ets(*fit, horizon).point, lowest)) return fit;
            }
    }
    const Candidate* best = smallest_aicc(fits, which);
    if (!best) return std::nullopt;
    return full(*best);
}

// fit_ets() and fit_ets_choice(): with `damped_too`, the best damped candidate
// refined and returned as well.
EtsChoice choose_model(std::span<const double> values, const EtsRequest& request, bool damped_too) {
    const std::vector<double> y = fill_gaps(values);
    const std::size_t n = y.size();
    const auto models = parse_ets_models(request.model);
    if (n < kMinObservations) throw domain_error(msg::fc_too_few_values, num(kMinObservations), num(n));
    check_length(n);
    const int m = season_length(y, request);
    const std::vector<EtsModel> candidates = candidate_models(models, y, m, request.model);
    if (all_equal(y)) return EtsChoice{constant_fit(y), std::nullopt};
    const bool choose = models.size() > 1;
    auto fits = fit_candidates(y, candidates, m, choose, choose && damped_too);
    // The chosen ones again with their series: the same recursion, so the same numbers.
    auto chosen = choose_fit(y, fits, m, request.horizon, any_model);
    if (!chosen) throw no_convergence(msg::fc_no_model_fitted);
    EtsChoice choice{std::move(*chosen), std::nullopt};
    if (damped_too && choose) choice.damped = choose_fit(y, fits, m, request.horizon, is_damped);
    return choice;
}
}  // namespace

EtsFit fit_ets(std::span<const double> values, const EtsRequest& request) {
    return choose_model(values, request, false).chosen;
}

EtsChoice fit_ets_choice(std::span<const double> values, const EtsRequest& request) {
    return choose_model(values, request, true);
}

EtsForecast forecast_ets(const EtsFit& fit, int horizon, std::optional<double> level) {
    if (horizon < 1 || horizon > kEtsMaxHorizon)
        throw domain_error(msg::fc_horizon_range, num(kEtsMaxHorizon), num(horizon));
    if (level && !(*level > 0 && *level < 1)) throw domain_error(msg::fc_level_range, num(*level));
    const EtsModel& model = fit.model;
    const bool class3 = model.season == EtsSeason::multiplicative && model.error == EtsError::multiplicative;
    if (level && class3 && horizon > kEtsMaxSimulatedHorizon)
        throw domain_error(msg::fc_horizon_simulated_limit, model.code(),
                           grouped(static_cast<std::size_t>(kEtsMaxSimulatedHorizon)),
                           grouped(static_cast<std::size_t>(horizon)));
    const auto h = static_cast<std::size_t>(horizon);
    EtsForecast out;
    out.point.resize(h);
    if (class3)
        out.point = class3_mean(fit, h);
    else
        forecast_from(model, fit.period, fit.parameters.phi, fit.final_states.data(), horizon,
                      out.point.data());
    // A model fitted to extreme values can extrapolate beyond the largest double.
    for (const double v : out.point)
        if (!std::isfinite(v)) throw no_convergence(msg::fc_forecast_not_finite);
    if (!level) return out;
    const double sigma2 = std::isfinite(fit.sigma2) ? fit.sigma2 : 0.0;
    if (class3) {
        simulated_intervals(fit, sigma2, *level, out);
        return out;
    }
    const std::vector<double> variance = model.error == EtsError::additive
                                             ? class1_variances(fit, h, sigma2)
                                             : class2_variances(fit, out.point, sigma2);
    const double z = boost::math::quantile(boost::math::normal(), 0.5 + *level / 2);
    out.lower.resize(h);
    out.upper.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        const double half = z * std::sqrt(std::max(variance[i], 0.0));
        out.lower[i] = out.point[i] - half;
        out.upper[i] = out.point[i] + half;
        if (!std::isfinite(out.lower[i]) || !std::isfinite(out.upper[i]))
            throw no_convergence(msg::fc_interval_not_finite);
    }
    return out;
}

Accuracy backtest(std::span<const double> values, int horizon, std::optional<int> period, int origins,
                  const Forecaster& forecaster) {
    const std::vector<double> y = fill_gaps(values);
    const std::size_t n = y.size();
    if (horizon < 1 || horizon > kEtsMaxHorizon)
        throw domain_error(msg::fc_horizon_range, num(kEtsMaxHorizon), num(horizon));
    if (origins < 1 || origins > kEtsMaxOrigins)
        throw domain_error(msg::fc_origins_range, num(kEtsMaxOrigins), num(origins));
    const std::size_t h = static_cast<std::size_t>(horizon), k = static_cast<std::size_t>(origins);
    if (n < h + k - 1 + kMinObservations)
        throw domain_error(msg::fc_backtest_too_few_values, num(n), num(horizon), num(origins),
                           num(kMinObservations));
    check_length(n);
    if (period) check_period(*period);
    if (k * (n + kEtsFitSetupValues) > kEtsMaxBacktestCost)
        throw domain_error(msg::fc_backtest_cost, grouped(kEtsFitSetupValues), grouped(kEtsMaxBacktestCost),
                           grouped(k), grouped(n), grouped(k * (n + kEtsFitSetupValues)),
                           grouped(ets_max_origins(n)));
    const std::size_t first_train = n - h - (k - 1);
    const int season =
        period ? std::max(1, *period) : detect_period(std::span<const double>(y).first(first_train));
    // The errors are kept halved (actual/2 − forecast/2), so that neither they
    // nor their sums overflow for values near the largest double.
    std::vector<double> halves;
    double scaled_sum = 0, smape_sum = 0;
    for (std::size_t o = 0; o < k; ++o) {
        const std::size_t train = first_train + o;
        const auto history = std::span<const double>(y).first(train);
        const std::vector<double> f = forecaster(history, season);
        const double scale = mean_absolute_scale(history, season);
        for (std::size_t i = 0; i < h; ++i) {
            const double actual = y[train + i], half = actual / 2 - f[i] / 2;
            halves.push_back(half);
            const double half_denominator = std::fabs(actual) / 2 + std::fabs(f[i]) / 2;
            smape_sum += half_denominator > 0 ? 2 * (std::fabs(half) / half_denominator) : 0.0;
            scaled_sum += 2 * (std::fabs(half) / scale);
        }
    }
    const double c = static_cast<double>(halves.size());
    double largest = 0, mean_half = 0;
    for (double v : halves) {
        largest = std::max(largest, std::fabs(v));
        mean_half += std::fabs(v) / c;
    }
    double squares = 0;  // Σ (half / largest)², in range
    if (largest > 0)
        for (double v : halves) squares += (v / largest) * (v / largest);
    Accuracy a;
    a.mae = 2 * mean_half;
    a.rmse = largest > 0 ? 2 * largest * std::sqrt(squares / c) : 0.0;
    if (!std::isfinite(a.mae) || !std::isfinite(a.rmse)) throw domain_error(msg::fc_errors_too_large);
    a.smape = smape_sum / c;
    a.mase = scaled_sum / c;  // NaN (no value) when the training series is constant
    if (!std::isfinite(a.mase)) a.mase = std::numeric_limits<double>::quiet_NaN();
    return a;
}

Accuracy backtest_ets(std::span<const double> values, int horizon, const EtsRequest& request, int origins) {
    return backtest(
        values, horizon, request.period, origins, [&](std::span<const double> history, int period) {
            return forecast_ets(fit_ets(history, EtsRequest{request.model, period, horizon}), horizon).point;
        });
}

std::size_t ets_max_origins(std::size_t n) {
    return n > kEtsMaxValues ? 0 : kEtsMaxBacktestCost / (n + kEtsFitSetupValues);
}

namespace detail {
double ets_objective_gradient(std::span<const double> values, const EtsModel& model, int period,
                              const EtsParameters& parameters, std::span<const double> initial_states,
                              std::span<double> g_parameters, std::span<double> g_states) {
    const int m = has_season(model) ? period : 1;
    if (initial_states.size() != state_count(model, m) || g_states.size() != initial_states.size() ||
        g_parameters.size() != 4)
        throw domain_error(msg::fc_internal_wrong_sizes, "ets_objective_gradient");
    Tape tape;
    return pick_functions(model).gradient(values, m, parameters, initial_states.data(), g_parameters.data(),
                                          g_states.data(), tape);
}

double ets_objective(std::span<const double> values, const EtsModel& model, int period,
                     const EtsParameters& parameters, std::span<const double> initial_states) {
    const int m = has_season(model) ? period : 1;
    if (initial_states.size() != state_count(model, m))
        throw domain_error(msg::fc_internal_wrong_sizes, "ets_objective");
    return pick_functions(model).objective(values, m, parameters, initial_states.data());
}

std::vector<double> ets_simulated_path(const EtsFit& fit, std::span<const double> errors) {
    if (fit.model.error != EtsError::multiplicative || fit.model.season != EtsSeason::multiplicative ||
        fit.period < 2 || fit.final_states.size() != state_count(fit.model, fit.period))
        throw domain_error(msg::fc_internal_class3_expected);
    std::vector<double> path(errors.size()), ring(static_cast<std::size_t>(fit.period));
    std::size_t next = 0;
    auto given = [&] { return errors[next++]; };
    if (fit.model.trend == EtsTrend::none)
        simulate_path<EtsTrend::none>(fit, errors.size(), given, ring, path.data(), 1);
    else if (fit.model.trend == EtsTrend::additive)
        simulate_path<EtsTrend::additive>(fit, errors.size(), given, ring, path.data(), 1);
    else
        simulate_path<EtsTrend::damped>(fit, errors.size(), given, ring, path.data(), 1);
    return path;
}
}  // namespace detail

}  // namespace kuntaplan
