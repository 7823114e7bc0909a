// FC.ETS's core without an office: fit "auto" (or a given model) to the 48
// series of tests/reference/series.csv with the benchmark's hold-outs
// (18/8/6 for monthly/quarterly/yearly), print the chosen model, the MASE of
// the held-out forecasts and the fitting time per series.
//   cmake --build <build> --target bench_ets && <build>/bench/bench_ets [model] [repeats]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "forecast.hpp"

namespace {

struct Series {
    std::string name;
    int frequency = 1;
    std::vector<double> values;
};

}  // namespace

int main(int argc, char** argv) {
    const std::string model = argc > 1 ? argv[1] : "auto";
    const int repeats = argc > 2 ? std::stoi(argv[2]) : 3;
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
