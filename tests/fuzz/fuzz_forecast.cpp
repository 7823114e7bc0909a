// libFuzzer target for core/forecast.hpp. Two kinds of input, chosen by the
// last byte:
//  - raw: arbitrary bytes become a short series (with gaps, NaN, ±inf,
//    zeros, negatives, huge and tiny values), a model code, a period, a
//    horizon and a level;
//  - generated: a few dozen bytes describe a series of up to
//    kEtsMaxValues + 20 values (its length, then a seeded generator's
//    season of any length and shape, additive or multiplicative, trend,
//    random walk, noise, outliers, gaps, rounding and an offset that can make
//    values ≤ 0), so that small inputs reach the real ranges: every model,
//    periods up to 52 (and beyond, for the errors), horizons up to 100,001,
//    backtests with origins up to and beyond the cost limit.
// Both run fit_ets, forecast_ets and backtest_ets, and, chosen by one more
// byte (none: not), FC.FORECAST's other methods on the same series and call
// (forecast_series and backtest_series: Theta, the combination, the naive
// and the seasonal naive forecast). The models may only throw
// domain_error or no_convergence; any other exception, a crash, UB (under
// -fsanitize), a non-finite forecast or interval of a call that succeeded,
// an interval upside down, or a call that succeeded beyond the cost limits of
// forecast.hpp aborts the run.
//
// tests/fuzz/corpus_forecast holds generated seeds named after what they
// decode to: the longest series with period 52 and the costliest shapes
// known (a faint season; values near 1e-300), the simulated horizon limit
// and one step beyond it, horizon 100,000 with intervals, backtests at and
// beyond the origins limit, period detection, negative values with gaps,
// values near 1e300, a series beyond the length limit. With the sanitizers a
// fit is about ten times slower than in a release build (the longest seeds
// take 10-20 s), so the ctest smoke run does not load them; long runs do,
// from a copy (libFuzzer adds to the corpus it is given):
//   cp -r tests/fuzz/corpus_forecast /tmp/cf && build-fuzz/tests/fuzz/fuzz_forecast \
//       -max_total_time=3600 -max_len=1024 -timeout=60 /tmp/cf
// A timeout would be an input within the limits several times costlier than
// the worst that bench_ets measures; slow units (over 10 s) are worth timing
// in a release build too (replaying the corpus there is how the values near
// 1e-300 were found).
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "forecast.hpp"
#include "forecast_methods.hpp"
#include "fuzz_checks.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

double raw_value(FuzzedDataProvider& in, double level) {
    static const double special[] = {std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     0.0,
                                     -0.0,
                                     -1.0,
                                     1e308,
                                     -1e308,
                                     1e-310,
                                     1e150,
                                     1e-150};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 12) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 24) return in.ConsumeFloatingPoint<double>();
    return level * (0.5 + in.ConsumeProbability<double>());
}

// A number from `low` to small (3 in 5), medium (1 in 5) or large (1 in 5):
// long runs stay the exception, so that the fuzzer keeps its pace.
int sized(FuzzedDataProvider& in, int low, int small, int medium, int large) {
    const int size_class = in.ConsumeIntegralInRange<int>(0, 4);
    return in.ConsumeIntegralInRange<int>(low, size_class < 3 ? small : size_class == 3 ? medium : large);
}

struct Call {
    EtsRequest request;
    int horizon = 1;
    std::optional<double> level;
    int origins = 1;
};

Call call_of(FuzzedDataProvider& in, bool generated) {
    static const char* codes[] = {"auto", "ANN",  "AAN", "AAdN", "MNN",  "MAN", "MAdN", "ANA",
                                  "AAA",  "AAdA", "MNA", "MAA",  "MAdA", "MNM", "MAM",  "MAdM",
                                  "ZZN",  "MZZ",  "ZZA", "AAM",  "MMN",  "bad", ""};
    Call c;
    c.request.model = codes[in.ConsumeIntegralInRange<int>(0, sizeof codes / sizeof codes[0] - 1)];
    const int period = generated ? sized(in, -2, 14, kEtsMaxPeriod + 2, kEtsMaxPeriod + 2)
                                 : in.ConsumeIntegralInRange<int>(-2, 14);
    if (period != -2) c.request.period = period;
    c.horizon = generated ? sized(in, -1, 30, kEtsMaxSimulatedHorizon + 1, kEtsMaxHorizon + 1)
                          : in.ConsumeIntegralInRange<int>(-1, 30);
    if (in.ConsumeBool()) c.level = in.ConsumeBool() ? 0.95 : in.ConsumeFloatingPoint<double>();
    c.origins = generated ? sized(in, 0, 6, 64, kEtsMaxOrigins + 1) : in.ConsumeIntegralInRange<int>(0, 4);
    return c;
}

std::vector<double> raw_series(FuzzedDataProvider& in) {
    const double scale = std::pow(10.0, in.ConsumeIntegralInRange<int>(-6, 12));
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 60);
    std::vector<double> y;
    for (std::size_t i = 0; i < n && in.remaining_bytes() > 0; ++i) y.push_back(raw_value(in, scale));
    return y;
}

// The shape of a generated series, from a few bytes.
struct Shape {
    std::size_t n = 0;
    std::vector<double> pattern;  // one season, mean about 0, amplitude about 1
    double scale = 1, amplitude = 0, noise = 0, trend = 0, walk = 0, outliers = 0, gaps = 0, offset = 0;
    bool multiplicative = false, integers = false;
};

Shape shape_of(FuzzedDataProvider& in, std::mt19937_64& engine, std::optional<int> period) {
    Shape s;
    s.n = static_cast<std::size_t>(sized(in, 0, 64, 1000, static_cast<int>(kEtsMaxValues) + 20));
    const int m =
        period && *period >= 2 && in.ConsumeBool() ? *period : in.ConsumeIntegralInRange<int>(1, 60);
    const int form = in.ConsumeIntegralInRange<int>(0, 2);  // sine, random, square
    std::normal_distribution<double> normal(0.0, 1.0);
    for (int j = 0; j < m; ++j)
        s.pattern.push_back(form == 0   ? std::sin(6.283185307179586 * j / m)
                            : form == 1 ? normal(engine)
                                        : (2 * j < m ? 1.0 : -1.0));
    s.scale = std::pow(10.0, in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(-300, 300)
                                              : in.ConsumeIntegralInRange<int>(-8, 15));
    // One value per statement: the order in which the bytes are read must not
    // be left to the compiler (the seeds of corpus_forecast depend on it).
    s.amplitude = in.ConsumeProbability<double>();
    s.amplitude *= std::pow(10.0, -in.ConsumeIntegralInRange<int>(0, 6));
    s.noise = in.ConsumeProbability<double>();
    s.noise *= std::pow(10.0, -in.ConsumeIntegralInRange<int>(0, 12));
    s.trend = in.ConsumeProbability<double>() - 0.5;
    s.trend *= std::pow(10.0, -in.ConsumeIntegralInRange<int>(1, 8));
    s.walk = in.ConsumeBool() ? 0.05 * in.ConsumeProbability<double>() : 0.0;
    s.outliers = in.ConsumeBool() ? 0.05 * in.ConsumeProbability<double>() : 0.0;
    s.gaps = in.ConsumeBool() ? 0.3 * in.ConsumeProbability<double>() : 0.0;
    s.offset = in.ConsumeBool() ? -2 * s.scale * in.ConsumeProbability<double>() : 0.0;
    s.multiplicative = in.ConsumeBool();
    s.integers = in.ConsumeBool();
    return s;
}

std::vector<double> generated_series(const Shape& s, std::mt19937_64& engine) {
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> y(s.n);
    double walk = 0;
    for (std::size_t t = 0; t < s.n; ++t) {
        walk += s.walk * normal(engine);
        const double level = s.scale * (1 + s.trend * static_cast<double>(t)) * std::exp(walk);
        const double season = s.pattern[t % s.pattern.size()] * s.amplitude;
        double v = s.multiplicative ? level * (1 + season) * (1 + s.noise * normal(engine))
                                    : level + s.scale * (season + s.noise * normal(engine));
        if (uniform(engine) < s.outliers) v += 5 * s.scale * normal(engine);
        v += s.offset;
        if (s.integers) v = std::round(v);
        y[t] = uniform(engine) < s.gaps ? std::numeric_limits<double>::quiet_NaN() : v;
    }
    return y;
}

// The series' length from its first number to its last, as the models count it.
std::size_t trimmed_length(const std::vector<double>& y) {
    std::size_t first = 0, last = y.size();
    while (first < last && std::isnan(y[first])) ++first;
    while (last > first && std::isnan(y[last - 1])) --last;
    return last - first;
}

// Checks of a forecast of `horizon` steps from a call that succeeded.
void check_forecast(const EtsForecast& f, int horizon) {
    if (f.point.size() != static_cast<std::size_t>(horizon)) bug("a forecast of the wrong length");
    require_finite(f.point, "non-finite forecast");
    require_finite(f.lower, "non-finite lower bound");
    require_finite(f.upper, "non-finite upper bound");
    for (std::size_t i = 0; i < f.lower.size(); ++i)
        if (!(f.lower[i] <= f.upper[i])) bug("an interval upside down");
}

// Checks of a backtest that succeeded on a series of n values (after trimming).
void check_backtest(const Accuracy& a, std::size_t n, const Call& c) {
    if (n > kEtsMaxValues ||
        static_cast<std::size_t>(c.origins) * (n + kEtsFitSetupValues) > kEtsMaxBacktestCost)
        bug("a backtest beyond the cost limit");
    if (std::isinf(a.mae) || std::isinf(a.rmse) || std::isinf(a.smape)) bug("infinite accuracy");
}

void fit_and_forecast(const std::vector<double>& y, const Call& c) {
    try {
        const EtsFit fit = fit_ets(y, c.request);
        if (trimmed_length(y) > kEtsMaxValues) bug("a fit beyond the length limit");
        require_finite(fit.fitted, "non-finite fitted value");
        check_forecast(forecast_ets(fit, c.horizon, c.level), c.horizon);
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
}

void backtest(const std::vector<double>& y, const Call& c) {
    try {
        check_backtest(backtest_ets(y, c.horizon, c.request, c.origins), trimmed_length(y), c);
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
}

// FC.FORECAST's methods other than ETS (1 Theta, 2 the combination, 3 naive,
// 4 seasonal naive; 0 none), forecast and backtest, under the same limits.
void other_method(const std::vector<double>& y, const Call& c, int which) {
    static const ForecastMethod methods[] = {ForecastMethod::theta, ForecastMethod::combination,
                                             ForecastMethod::naive, ForecastMethod::seasonal_naive};
    if (which < 1 || which > 4) return;
    ForecastRequest request;
    request.method = methods[which - 1];
    request.period = c.request.period;
    const std::size_t n = trimmed_length(y);
    try {
        check_forecast(forecast_series(y, c.horizon, request, c.level), c.horizon);
        if (n > kEtsMaxValues && request.method == ForecastMethod::combination)
            bug("a combination beyond the length limit");
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
    try {
        check_backtest(backtest_series(y, c.horizon, request, c.origins), n, c);
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const bool generated = in.ConsumeBool();
    const Call c = call_of(in, generated);
    if (!generated) {
        const std::vector<double> y = raw_series(in);
        fit_and_forecast(y, c);
        backtest(y, c);
        other_method(y, c, in.ConsumeIntegralInRange<int>(0, 4));
        return 0;
    }
    std::mt19937_64 engine(in.ConsumeIntegral<std::uint32_t>());
    const Shape shape = shape_of(in, engine, c.request.period);
    const std::vector<double> y = generated_series(shape, engine);
    const int calls = in.ConsumeIntegralInRange<int>(0, 2);  // fit and forecast, backtest, or both
    if (calls != 1) fit_and_forecast(y, c);
    if (calls != 0) backtest(y, c);
    other_method(y, c, in.ConsumeIntegralInRange<int>(0, 4));
    return 0;
}
