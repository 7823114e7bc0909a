// FC.ETS's core without an office.
//
//   cmake --build <build> --target bench_ets
//   <build>/bench/bench_ets [model] [repeats]
//       fit "auto" (or a given model) to the 48 series of tests/reference/series.csv
//       with the benchmark's hold-outs (18/8/6 for monthly/quarterly/yearly), print
//       the chosen model, the MASE of the held-out forecasts and the fitting time.
//   <build>/bench/bench_ets long <values> [model] [period|detect] [horizon] [level] [shape]
//       one FC.ETS on a generated series (see synthetic()): time and peak
//       memory of the fit and the forecast.
//   <build>/bench/bench_ets worst
//       the costliest inputs within the documented limits for FC.ETS,
//       FC.ETS.INFO and FC.BACKTEST, each in its own process pinned to one core:
//       wall and CPU time, peak RSS.
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "forecast.hpp"
#include "forecast_methods.hpp"
#include "theta.hpp"

namespace {

struct Series {
    std::string name;
    int frequency = 1;
    std::vector<double> values;
};

void reference_benchmark(const std::string& model, int repeats) {
    std::vector<Series> series;
    for (const auto& row : kuntaplan::csv_rows::read(KUNTAPLAN_SOURCE_DIR "/tests/reference/series.csv")) {
        if (series.empty() || series.back().name != row.at("series"))
            series.push_back({row.at("series"), std::stoi(row.at("frequency")), {}});
        series.back().values.push_back(std::stod(row.at("value")));
    }
    const std::map<int, int> holdout{{12, 18}, {4, 8}, {1, 6}};
    double total_ms = 0, mase_sum = 0;
    std::map<int, std::pair<double, int>> by_frequency;
    int count = 0;
    for (const auto& s : series) {
        if (!holdout.count(s.frequency)) continue;
        const int h = holdout.at(s.frequency);
        const std::vector<double> train(s.values.begin(), s.values.end() - h);
        kuntaplan::EtsRequest request;
        request.model = model;
        request.period = s.frequency > 1 ? s.frequency : 0;
        request.horizon = h;  // as FC.ETS asks for the held-out part
        std::vector<double> times;
        kuntaplan::EtsFit fit;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            try {
                fit = kuntaplan::fit_ets(train, request);
            } catch (const std::exception& e) {
                std::printf("%-26s %3d %4zu error: %s\n", s.name.c_str(), s.frequency, train.size(),
                            e.what());
                break;
            }
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        if (times.size() < static_cast<std::size_t>(repeats)) continue;
        std::sort(times.begin(), times.end());
        const double ms = times[times.size() / 2];
        const auto fc = kuntaplan::forecast_ets(fit, h);
        const int lag = s.frequency;
        double scale = 0;
        for (std::size_t t = lag; t < train.size(); ++t) scale += std::fabs(train[t] - train[t - lag]);
        scale /= static_cast<double>(train.size() - lag);
        double err = 0;
        for (int i = 0; i < h; ++i) err += std::fabs(s.values[train.size() + i] - fc.point[i]);
        const double mase = err / h / scale;
        std::printf("%-26s %3d %4zu %-5s %8.3f ms  MASE %8.3f  AICc %10.3f\n", s.name.c_str(), s.frequency,
                    train.size(), fit.model.code().c_str(), ms, mase, fit.aicc);
        total_ms += ms;
        if (s.name != "ArgentinaCPI") {
            mase_sum += mase;
            by_frequency[s.frequency].first += mase;
            by_frequency[s.frequency].second += 1;
            ++count;
        }
    }
    std::printf("mean MASE without ArgentinaCPI %.3f (", mase_sum / count);
    for (const auto& [f, v] : by_frequency) std::printf(" f%d %.3f", f, v.first / v.second);
    std::printf(" )  fit time %.2f ms per series (median of %d)\n", total_ms / 48, repeats);
}

// A positive series of n values from a fixed seed, of one of these shapes:
// "season": level 1000, a slow trend, a sine season of `period` (none below 2)
// of amplitude 100 and normal noise of sd 20; "noise": white noise around
// 1000; "walk": a random walk (exp of one, so that it stays > 0); "mult": a
// season in per cent of a growing level, with relative noise; "shifts": the
// season with level shifts and outliers; "exact": the season almost without
// noise; "falling": a season in per cent of a level falling from 1000 to
// about 1, with relative noise (the trend models' forecasts fall below 0, so
// FC.ETS passes them over and refines the next ones); "faint": a weak season and weaker noise on a constant
// (every seasonal model needs the simplex fallback); "tiny": a strong season with weak noise around 1e-300,
// where the recursion meets subnormal numbers, which the processor computes
// slowly (found by fuzz_forecast): the two costliest shapes found.
std::vector<double> synthetic(std::size_t n, int period, const std::string& shape = "season",
                              std::uint64_t seed = 17) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    const double pi = std::acos(-1.0);
    std::vector<double> y(n);
    double walk = 0, shift = 0;
    for (std::size_t t = 0; t < n; ++t) {
        const double phase = period >= 2 ? std::sin(2 * pi * static_cast<double>(t) / period) : 0;
        const double e = normal(engine), tt = static_cast<double>(t);
        if (shape == "noise") {
            y[t] = 1000 + 20 * e;
        } else if (shape == "walk") {
            walk += 0.01 * e;
            y[t] = 1000 * std::exp(walk);
        } else if (shape == "mult") {
            y[t] = (100 + 0.01 * tt) * (1 + 0.3 * phase) * (1 + 0.05 * e);
        } else if (shape == "shifts") {
            if (t % 997 == 0) shift = 300 * normal(engine);
            y[t] = 2000 + shift + 100 * phase + 20 * e + (t % 101 == 0 ? 500 : 0);
        } else if (shape == "faint") {
            y[t] = 100 + 0.002 * phase + 2e-5 * e;
        } else if (shape == "faintmult") {
            y[t] = (100 + 0.001 * tt) * (1 + 0.002 * phase) * (1 + 2e-6 * e);
        } else if (shape == "tiny") {
            y[t] = 1e-300 * (1 + 0.5 * phase + 0.005 * e);
        } else if (shape == "falling") {  // positive, but a trend's forecasts fall below 0
            y[t] = (1 + 999 * (1 - tt / static_cast<double>(n))) * (1 + 0.1 * phase) * (1 + 0.01 * e);
        } else if (shape == "exact") {
            y[t] = 1000 + 0.01 * tt + 100 * phase + 1e-6 * e;
        } else {
            y[t] = 1000 + 0.01 * tt + 100 * phase + 20 * e;
        }
    }
    return y;
}

double seconds(timeval t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); }

// Runs `task` in a child process pinned to one CPU and prints its wall and
// CPU time and peak RSS (the child's own: each case starts from a small process).
void measure(const std::string& name, const std::function<std::string()>& task) {
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(0, &one);
        sched_setaffinity(0, sizeof one, &one);
        const auto start = std::chrono::steady_clock::now();
        std::string outcome;
        try {
            outcome = task();
        } catch (const std::exception& e) {
            outcome = std::string("error: ") + e.what();
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("%-52s wall %7.3f s  cpu %7.3f s  peak %8.1f MB  %s\n", name.c_str(), wall,
                    seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss / 1024.0,
                    outcome.c_str());
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
}

kuntaplan::EtsRequest request_of(const std::string& model, const std::string& period) {
    kuntaplan::EtsRequest request;
    request.model = model;
    if (period != "detect") request.period = std::stoi(period);
    return request;
}

// One FC.ETS: the fit and the forecast (with an interval when level > 0).
std::string fc_ets(const std::vector<double>& y, const kuntaplan::EtsRequest& request, int horizon,
                   double level) {
    kuntaplan::EtsRequest asked = request;
    asked.horizon = horizon;  // as FC.ETS asks
    const kuntaplan::EtsFit fit = kuntaplan::fit_ets(y, asked);
    const auto f =
        kuntaplan::forecast_ets(fit, horizon, level > 0 ? std::optional<double>(level) : std::nullopt);
    return fit.model.code() + " m=" + std::to_string(fit.period) + " last " + std::to_string(f.point.back());
}

void long_series(int argc, char** argv) {
    const auto n = static_cast<std::size_t>(std::stod(argv[2]));
    const std::string model = argc > 3 ? argv[3] : "auto", period = argc > 4 ? argv[4] : "12";
    const int horizon = argc > 5 ? std::stoi(argv[5]) : 12;
    const double level = argc > 6 ? std::stod(argv[6]) : 0;
    const std::string shape = argc > 7 ? argv[7] : "season";
    const int true_period = period == "detect" ? 12 : std::max(1, std::stoi(period));
    measure(
        "FC.ETS n=" + std::to_string(n) + " " + model + " period " + period +
            " h=" + std::to_string(horizon) + (level > 0 ? " level " : " ") + shape,
        [&] { return fc_ets(synthetic(n, true_period, shape), request_of(model, period), horizon, level); });
}

// One FC.BACKTEST.
std::string fc_backtest(const std::vector<double>& y, const kuntaplan::EtsRequest& request, int horizon,
                        int origins) {
    const auto a = kuntaplan::backtest_ets(y, horizon, request, origins);
    return "MASE " + std::to_string(a.mase);
}

// The costliest inputs found within the limits of forecast.hpp: the longest
// series with the largest period and "auto" on the costliest shapes (see
// synthetic()), the longest horizon with each kind of interval, and
// backtests at the corners of the origins × values limit.
void worst_cases() {
    using kuntaplan::kEtsMaxValues;
    const std::size_t n = kEtsMaxValues;
    const int h3 = kuntaplan::kEtsMaxSimulatedHorizon, longest = kuntaplan::kEtsMaxHorizon;
    std::printf(
        "the costliest inputs within the limits (%zu values; %d steps of simulated intervals; "
        "origins x (values + %zu) <= %zu), each in a process of its own on one CPU\n",
        n, h3, kuntaplan::kEtsFitSetupValues, kuntaplan::kEtsMaxBacktestCost);
    struct Case {
        std::string name;
        int period;  // of the data
        std::string shape, model, period_given;
        int horizon;
        double level;
    };
    const std::vector<Case> ets = {
        {"FC.ETS auto, period 52, tiny values", 52, "tiny", "auto", "52", longest, 0.95},
        {"FC.ETS auto, period 52, faint season", 52, "faint", "auto", "52", longest, 0.95},
        {"FC.ETS auto, period 52, faint mult. season, simulated", 52, "faintmult", "auto", "52", h3, 0.95},
        {"FC.ETS auto, period 52, season", 52, "season", "auto", "52", longest, 0.95},
        {"FC.ETS auto, period 52, almost no noise", 52, "exact", "auto", "52", longest, 0.95},
        {"FC.ETS auto, period 52, falling (models passed over)", 52, "falling", "auto", "52", h3, 0.95},
        {"FC.ETS auto, period 24, tiny values", 24, "tiny", "auto", "24", longest, 0.95},
        {"FC.ETS auto, period 12, faint season", 12, "faint", "auto", "12", longest, 0.95},
        {"FC.ETS auto, period detected (24), faint season", 24, "faint", "auto", "detect", longest, 0.95},
        {"FC.ETS MAdA, period 52, class 2 intervals", 52, "mult", "MAdA", "52", longest, 0.95},
        {"FC.ETS.INFO auto, period 52, tiny values", 52, "tiny", "auto", "52", 1, 0},
    };
    for (const auto& c : ets)
        measure(c.name, [&] {
            return fc_ets(synthetic(n, c.period, c.shape), request_of(c.model, c.period_given), c.horizon,
                          c.level);
        });
    // Backtests: one origin on the longest series; the most origins with
    // period 52 (each training set > 53 values); in between; a long horizon.
    struct Backtest {
        std::size_t values;
        int horizon, origins;
    };
    const std::vector<Backtest> backtests = {{n, 1, 1},    {82, 1, 28},  {240, 1, 15},
                                             {410, 1, 10}, {920, 12, 5}, {n, static_cast<int>(n) - 100, 1}};
    // FC.FORECAST "auto" (the combination: one ETS search, its damped candidate polished too, and
    // Theta) and FC.THETA on the longest series; FC.BACKTEST of the combination at the corners above.
    auto combination = [](std::optional<int> period) {
        kuntaplan::ForecastRequest request;
        request.method = kuntaplan::ForecastMethod::combination;
        request.period = period;
        return request;
    };
    for (const std::string shape : {"tiny", "faint", "faintmult", "falling"})
        measure("FC.FORECAST auto, period 52, " + shape, [&] {
            // a falling series' choice is of a multiplicative season: simulated intervals, so h3 steps
            const int steps = shape == "falling" ? h3 : longest;
            const auto f = kuntaplan::forecast_series(synthetic(n, 52, shape), steps, combination(52), 0.95);
            return "last " + std::to_string(f.point.back());
        });
    measure("FC.THETA, period 52, season", [&] {
        const auto f =
            kuntaplan::forecast_theta(kuntaplan::fit_theta(synthetic(n, 52, "season"), 52), longest, 0.95);
        return "last " + std::to_string(f.point.back());
    });
    for (const Backtest& b : backtests)
        measure("FC.BACKTEST combination, period 52, tiny, " + std::to_string(b.values) + " values, h " +
                    std::to_string(b.horizon) + ", " + std::to_string(b.origins) + " origins",
                [&] {
                    const auto a = kuntaplan::backtest_series(synthetic(b.values, 52, "tiny"), b.horizon,
                                                              combination(52), b.origins);
                    return "MASE " + std::to_string(a.mase);
                });
    for (const std::string shape : {"tiny", "faint"})
        for (const Backtest& b : backtests) {
            const std::string name = "FC.BACKTEST auto, period 52, " + shape + ", " +
                                     std::to_string(b.values) + " values, h " + std::to_string(b.horizon) +
                                     ", " + std::to_string(b.origins) + " origins";
            measure(name, [&] {
                return fc_backtest(synthetic(b.values, 52, shape), request_of("auto", "52"), b.horizon,
                                   b.origins);
            });
        }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "auto";
    if (mode == "long" && argc > 2) {
        long_series(argc, argv);
    } else if (mode == "worst") {
        worst_cases();
    } else {
        reference_benchmark(mode, argc > 2 ? std::stoi(argv[2]) : 3);
    }
}
