#include "forecast_methods.hpp"

#include <algorithm>
#include <array>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "messages.hpp"
#include "theta.hpp"

namespace kuntaplan {
namespace {

using messages::num;

// FC.FORECAST's "auto": the combination's members and how their forecasts
// are aggregated, fixed before they were scored: two exponential-smoothing
// forecasts (the model by AICc and the best damped trend, the trend the M
// competitions found safest) and Theta, averaged. Combining forecasts of
// simple methods is what won the M3/M4 competitions (Makridakis, Spiliotis &
// Assimakopoulos 2020: the "Comb" benchmark of SES, Holt and damped; ETS and
// Theta in the best combinations). Measured afterwards with
// bench_competition accuracy on the M1 / Tourism series (mean sMAPE % / MASE):
// this mean 15.42 / 1.640 and 18.48 / 2.049 (15.25 / 1.639 and 18.48 / 2.049
// with the members that leave the data's range left out, combination()
// below); the median of the same three 15.26 / 1.639 and 18.87 / 2.098; ETS
// and Theta alone 15.94 / 1.676 and 18.31 / 2.033; the best single methods
// 15.54 / 1.673 (FC.ETS) and 18.69 / 2.080 (Theta). Only this mean beats
// every single method on both sets and both measures (with the ETS members'
// forecasts kept in the data's range, forecast.hpp; before that rule
// 15.87 / 1.644 and 18.57 / 2.051).
// The damped member is left out when the series is too short for a damped
// model (fewer than 8 values); the combination is then that of the others.
enum class Member {
    ets,     // ETS, the model chosen by AICc among all (FC.ETS "auto")
    damped,  // damped-trend ETS, chosen by AICc among the damped models (FC.ETS "ZAdZ"), from the same search
    theta,   // Theta (FC.THETA)
};
constexpr std::array kCombinationMembers{Member::ets, Member::damped, Member::theta};
// Points and each interval bound aggregated alike: the mean of the members'
// quantiles ("quantile averaging", Lichtendahl, Grushka-Cockayne & Winkler
// 2013, Management Science 59(7): the averaged quantiles are no wider than
// the members' on average and keep the members' shape; they are not a
// calibrated interval of the combined point forecast). When no value is
// negative, the lower bound is floored at zero (combination()).

// The seasonal naive method needs a whole season and one more value, so that
// the spread of its errors can be estimated.
void check_period(const std::optional<int>& period) {
    if (period && (*period < 0 || *period > kEtsMaxPeriod))
        throw domain_error(msg::fc_period_range, num(kEtsMaxPeriod), num(*period));
}

void check_horizon(int horizon) {
    if (horizon < 1 || horizon > kEtsMaxHorizon)
        throw domain_error(msg::fc_horizon_range, num(kEtsMaxHorizon), num(horizon));
}

// The random walk with lag `lag` (R's forecast::naive, lag 1, and snaive,
// lag m; forecast 8.20's lagwalk): the value `lag` steps back of the
// forecast step's season; σ² the mean squared lag-difference; the variance
// of step h is σ²·ceil(h/lag) (Hyndman & Athanasopoulos, Forecasting:
// Principles and Practice, 3rd ed., ch. 5.5, Table 5.2).
EtsForecast lag_walk(const std::vector<double>& y, std::size_t lag, int horizon,
                     std::optional<double> level) {
    const std::size_t n = y.size(), h = static_cast<std::size_t>(horizon);
    EtsForecast out;
    out.point.resize(h);
    for (std::size_t i = 0; i < h; ++i) out.point[i] = y[n - lag + i % lag];
    if (!level) return out;
    double sum = 0;
    for (std::size_t t = lag; t < n; ++t) sum += (y[t] - y[t - lag]) * (y[t] - y[t - lag]);
    const double sigma2 = sum / static_cast<double>(n - lag);
    const double z = boost::math::quantile(boost::math::normal(), 0.5 + *level / 2);
    out.lower.resize(h);
    out.upper.resize(h);
    for (std::size_t i = 0; i < h; ++i) {
        const double steps = static_cast<double>(i / lag + 1);  // ceil((i + 1) / lag)
        const double half = z * std::sqrt(sigma2 * steps);
        out.lower[i] = out.point[i] - half;
        out.upper[i] = out.point[i] + half;
        if (!std::isfinite(out.lower[i]) || !std::isfinite(out.upper[i]))
            throw no_convergence(msg::fc_interval_not_finite);
    }
    return out;
}

EtsForecast naive(std::span<const double> values, int horizon, std::optional<double> level) {
    const std::vector<double> y = fill_gaps(values);
    if (y.size() < 2) throw domain_error(msg::fc_too_few_values, num(2), num(y.size()));
    return lag_walk(y, 1, horizon, level);
}

EtsForecast seasonal_naive(std::span<const double> values, int horizon, std::optional<int> period,
                           std::optional<double> level) {
    const std::vector<double> y = fill_gaps(values);
    const int m = period ? *period : detect_period(y);
    if (m < 2) throw domain_error(msg::fc_snaive_no_season);
    const auto lag = static_cast<std::size_t>(m);
    if (y.size() < lag + 1)
        throw domain_error(msg::fc_snaive_too_few_values, num(m), num(lag + 1), num(y.size()));
    return lag_walk(y, lag, horizon, level);
}

// One method on its own (not the combination). `period` as in ForecastRequest.
EtsForecast single(std::span<const double> values, int horizon, ForecastMethod method,
                   std::string_view ets_model, std::optional<int> period, std::optional<double> level) {
    switch (method) {
        case ForecastMethod::ets:
            return forecast_ets(fit_ets(values, EtsRequest{std::string(ets_model), period, horizon}), horizon,
                                level);
        case ForecastMethod::theta:
            return forecast_theta(fit_theta(values, period), horizon, level);
        case ForecastMethod::naive:
            return naive(values, horizon, level);
        case ForecastMethod::seasonal_naive:
            return seasonal_naive(values, horizon, period, level);
        case ForecastMethod::combination:
            break;
    }
    throw domain_error(msg::fc_internal_wrong_sizes, "forecast_series");  // not reached
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x / static_cast<double>(v.size());  // no overflow near the largest double
    return sum;
}

EtsForecast combination(std::span<const double> values, int horizon, std::optional<int> period,
                        std::optional<double> level) {
    const std::vector<double> y = fill_gaps(values);
    // The season once for all members (each would detect the same one).
    if (!period) period = detect_period(y);
    // Both ETS members come from one search over the candidate models. Only
    // the damped one may be missing (too few values for a damped model); any
    // other failure is FC.FORECAST's, as it would be FC.ETS's or FC.THETA's
    // (no silent forecast from fewer members than the user was told).
    const EtsChoice choice = fit_ets_choice(values, EtsRequest{"auto", period, horizon});
    std::vector<EtsForecast> members;
    for (const Member member : kCombinationMembers) {
        switch (member) {
            case Member::ets:
                members.push_back(forecast_ets(choice.chosen, horizon, level));
                break;
            case Member::damped:
                if (choice.damped) members.push_back(forecast_ets(*choice.damped, horizon, level));
                break;
            case Member::theta:
                members.push_back(forecast_theta(fit_theta(values, period), horizon, level));
                break;
        }
    }
    // A member whose point forecasts leave the data's range is left out of
    // the mean (the points and the intervals), unless every member's do: the
    // rule of FC.ETS's choice (in_data_range()), which Theta does not have
    // and the damped member's choice can fall back from.
    const double lowest = *std::min_element(y.begin(), y.end());
    const auto out_of_range = [&](const EtsForecast& f) { return !in_data_range(f.point, lowest); };
    if (!std::all_of(members.begin(), members.end(), out_of_range))
        members.erase(std::remove_if(members.begin(), members.end(), out_of_range), members.end());
    const auto h = static_cast<std::size_t>(horizon);
    EtsForecast out;
    std::vector<double> column(members.size());
    auto combine = [&](std::vector<double> EtsForecast::*part, std::vector<double>& result) {
        result.resize(h);
        for (std::size_t i = 0; i < h; ++i) {
            for (std::size_t k = 0; k < members.size(); ++k) column[k] = (members[k].*part)[i];
            result[i] = mean(column);
        }
    };
    combine(&EtsForecast::point, out.point);
    if (level) {
        combine(&EtsForecast::lower, out.lower);
        combine(&EtsForecast::upper, out.upper);
        // When no value is negative, the lower bound is that of the value censored at zero,
        // max(0, Y), whose quantiles are max(0, quantile): a bound below zero for pupils or euros
        // says nothing more than zero does. The members' own intervals (FC.ETS, FC.THETA) keep their
        // models' bounds, which agree with R's. A point below zero (every member out of range) keeps
        // its bound. Measured (bench_competition coverage, 95 %): the mean scaled interval score
        // fell from 19.12 to 19.01 (M1) and from 17.81 to 17.58 (Tourism), and it cannot rise for a
        // value ≥ 0; the coverage did not change.
        if (lowest >= 0)
            for (std::size_t i = 0; i < h; ++i)
                out.lower[i] = std::max(out.lower[i], std::min(0.0, out.point[i]));
    }
    return out;
}

}  // namespace

EtsForecast forecast_series(std::span<const double> values, int horizon, const ForecastRequest& request,
                            std::optional<double> level) {
    check_horizon(horizon);
    if (level && !(*level > 0 && *level < 1)) throw domain_error(msg::fc_level_range, num(*level));
    check_period(request.period);
    if (request.method == ForecastMethod::combination)
        return combination(values, horizon, request.period, level);
    return single(values, horizon, request.method, request.ets_model, request.period, level);
}

// The rolling origins, checks and measures of backtest() (forecast.hpp), with
// the method's forecast at each origin.
Accuracy backtest_series(std::span<const double> values, int horizon, const ForecastRequest& request,
                         int origins) {
    check_period(request.period);
    return backtest(values, horizon, request.period, origins,
                    [&](std::span<const double> history, int period) {
                        ForecastRequest fixed = request;
                        fixed.period = period;
                        return forecast_series(history, horizon, fixed).point;
                    });
}

}  // namespace kuntaplan
