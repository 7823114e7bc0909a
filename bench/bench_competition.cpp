// The forecasting core on the M1 and Tourism competition series against R's
// forecast 8.20 (fixtures of tests/reference/forecast/make_competition_reference.R).
//
//   cmake --build <build> --target bench_competition
//   <build>/bench/bench_competition loglik [--set m1|tourism] [--series ID] [--worst N] [--require SHARE]
//       every fixed model R fitted (r_ets_fixed.csv, status ok) fitted again by
//       fit_ets() on the same training data: our log-likelihood against R's, per
//       set × period × model, and the N worst fits.
//   <build>/bench/bench_competition accuracy [--set m1|tourism] [--series ID] [--dump FILE]
//       mean sMAPE (M3 form, per cent) and MASE (Hyndman & Koehler 2006) of the
//       test part for Kuntaplan's methods and R's ets()/thetaf() forecasts
//       (r_forecasts.csv), and the time per series; --dump writes every
//       forecast as series,method,step,value (method "actual" = the test values).
//   <build>/bench/bench_competition coverage [--set m1|tourism] [--series ID]
//       the share of held-out values inside the 80 % and 95 % prediction
//       intervals of FC.ETS, FC.THETA, FC.FORECAST "auto", the naive method and R,
//       and the intervals' mean scaled interval score (MSIS, as in M4).
//   --r-dir DIR reads R's fixtures from DIR instead.
//   --data-dir DIR reads the series from DIR (and R's fixtures, unless --r-dir):
//       the validation split of bench/holdout_split.py, on which changes to the
//       search or the choice are judged before the test parts are looked at.
// Both modes fit the series on all cores (std::thread), one series per task.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "csv_rows.hpp"
#include "errors.hpp"
#include "forecast.hpp"
#include "forecast_methods.hpp"
#include "theta.hpp"

namespace {

const std::string kDir = KUNTAPLAN_SOURCE_DIR "/tests/reference/forecast/";
std::string data_dir = kDir;  // where the series are read (--data-dir)
std::string r_dir;            // where R's fixtures are read (--r-dir; default: data_dir)
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Series {
    std::string id, set;
    int period = 1, h = 0;
    std::vector<double> train, test;
};

double number(const std::string& text) { return text.empty() ? kNaN : std::stod(text); }

bool exists(const std::string& path) { return std::ifstream(path).good(); }

std::vector<Series> load(const std::string& only_set, const std::string& only_series) {
    std::vector<Series> all;
    for (const std::string set : {"m1", "tourism"}) {
        if (!only_set.empty() && only_set != set) continue;
        std::map<std::string, std::size_t> index;
        std::vector<Series> series;
        for (const auto& row : kuntaplan::csv_rows::read(data_dir + set + "_series.csv")) {
            if (!only_series.empty() && row.at("series") != only_series) continue;
            index[row.at("series")] = series.size();
            series.push_back(
                {row.at("series"), set, std::stoi(row.at("period")), std::stoi(row.at("h")), {}, {}});
        }
        // The values are in t order within each series (README of the data).
        for (const auto& row : kuntaplan::csv_rows::read(data_dir + set + "_values.csv")) {
            const auto it = index.find(row.at("series"));
            if (it == index.end()) continue;
            auto& s = series[it->second];
            (row.at("role") == "train" ? s.train : s.test).push_back(std::stod(row.at("value")));
        }
        all.insert(all.end(), series.begin(), series.end());
    }
    return all;
}

// Runs task(i) for i < count on every core, each thread taking the next index.
void in_parallel(std::size_t count, const std::function<void(std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k)
        pool.emplace_back([&] {
            for (std::size_t i; (i = next++) < count;) task(i);
        });
    for (auto& t : pool) t.join();
}

// The message key of one of Kuntaplan's errors (its text holds numbers that differ per series).
std::string error_key(const std::exception& e) {
    if (const auto* m = dynamic_cast<const kuntaplan::message_error*>(&e)) return m->key();
    return e.what();
}

double median(std::vector<double> v) {
    if (v.empty()) return kNaN;
    std::sort(v.begin(), v.end());
    const std::size_t k = v.size() / 2;
    return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* period_name(int period) { return period == 1 ? "yearly" : period == 4 ? "quarterly" : "monthly"; }

// ---------------------------------------------------------------- mode loglik

struct FixedCase {
    std::size_t series = 0;
    std::string model;
    double r_loglik = kNaN, r_alpha = kNaN, r_beta = kNaN, r_gamma = kNaN, r_phi = kNaN;
    // R's optimum has a fitted value <= 0 under a multiplicative error: outside the region Kuntaplan
    // searches (a multiplicative error is relative to a positive forecast, see forecast.cpp).
    bool r_outside = false;
    // ours
    bool fitted = false;
    double loglik = kNaN, seconds = 0;
    kuntaplan::EtsParameters parameters;
    std::string error_key, error_text;
};

std::string parameter_text(double alpha, double beta, double gamma, double phi) {
    char buf[128];
    auto one = [](double v) {
        char b[16];
        if (std::isnan(v))
            std::snprintf(b, sizeof b, "     -");
        else
            std::snprintf(b, sizeof b, "%6.4f", v);
        return std::string(b);
    };
    std::snprintf(buf, sizeof buf, "%s %s %s %s", one(alpha).c_str(), one(beta).c_str(), one(gamma).c_str(),
                  one(phi).c_str());
    return buf;
}

// Returns false when `require` (a share, 0 = none) is not met.
bool loglik_mode(const std::vector<Series>& series, int worst, double require) {
    const std::string path = r_dir + "r_ets_fixed.csv";
    if (!exists(path)) {
        std::printf("%s does not exist yet\n", path.c_str());
        return require <= 0;
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < series.size(); ++i) index[series[i].id] = i;
    std::vector<FixedCase> cases;
    std::map<std::string, int> r_status;
    for (const auto& row : kuntaplan::csv_rows::read(path)) {
        const auto it = index.find(row.at("series"));
        if (it == index.end()) continue;
        ++r_status[row.at("status")];
        if (row.at("status") != "ok") continue;
        FixedCase c;
        c.series = it->second;
        c.model = row.at("model");
        c.r_loglik = number(row.at("loglik"));
        c.r_alpha = number(row.at("alpha"));
        c.r_beta = number(row.at("beta"));
        c.r_gamma = number(row.at("gamma"));
        c.r_phi = number(row.at("phi"));
        c.r_outside = c.model[0] == 'M' && !(number(row.at("min_fitted")) > 0);
        cases.push_back(c);
    }
    const auto start = std::chrono::steady_clock::now();
    in_parallel(cases.size(), [&](std::size_t i) {
        FixedCase& c = cases[i];
        const Series& s = series[c.series];
        // The series' period also for the non-seasonal models: ets() uses the
        // frequency in its initial states (the first max(10, 2m) values) for them too.
        const kuntaplan::EtsRequest request{c.model, s.period};
        const auto t0 = std::chrono::steady_clock::now();
        try {
            const auto fit = kuntaplan::fit_ets(s.train, request);
            c.fitted = true;
            c.loglik = fit.log_likelihood;
            c.parameters = fit.parameters;
        } catch (const std::exception& e) {
            c.error_key = error_key(e);
            c.error_text = e.what();
        }
        c.seconds = seconds_since(t0);
    });
    const double wall = seconds_since(start);

    constexpr double kTolerance = 0.5;  // "as good as R": within half a log-likelihood unit
    struct Group {
        int fits = 0, good = 0, worse = 0, failed = 0, outside = 0;
        std::vector<double> differences, seconds;
    };
    std::map<std::tuple<std::string, int, std::string>, Group> groups;
    std::map<std::string, std::pair<int, std::string>> failures;
    Group total;
    for (const auto& c : cases) {
        const Series& s = series[c.series];
        for (Group* g : {&groups[{s.set, s.period, c.model}], &total}) {
            if (c.r_outside) {
                ++g->outside;
                continue;
            }
            ++g->fits;
            g->seconds.push_back(c.seconds);
            if (!c.fitted) {
                ++g->failed;
                continue;
            }
            const double d = c.loglik - c.r_loglik;
            g->differences.push_back(d);
            if (d >= -kTolerance)
                ++g->good;
            else
                ++g->worse;
        }
        if (!c.fitted && !c.r_outside) {
            auto& f = failures[c.error_key];
            if (f.first++ == 0) f.second = s.id + " " + c.model + ": " + c.error_text;
        }
    }
    std::printf("R's fixed fits: ");
    for (const auto& [status, count] : r_status) std::printf("%s %d  ", status.c_str(), count);
    std::printf(
        "\n\nR fits outside the region (a fitted value <= 0 under a multiplicative error) are counted apart "
        "and not compared.\n\n| set | period | model | R fits | ours >= R-0.5 | ours < R-0.5 | we fail | "
        "median ours-R | min ours-R | median ms | R outside "
        "|\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        "\n");
    auto row = [](const std::string& set, const std::string& period, const std::string& model,
                  const Group& g) {
        const double min =
            g.differences.empty() ? kNaN : *std::min_element(g.differences.begin(), g.differences.end());
        std::printf("| %s | %s | %s | %d | %.1f %% | %d | %d | %.4f | %.3f | %.2f | %d |\n", set.c_str(),
                    period.c_str(), model.c_str(), g.fits, 100.0 * g.good / std::max(1, g.fits), g.worse,
                    g.failed, median(g.differences), min, 1000 * median(g.seconds), g.outside);
    };
    for (const auto& [key, g] : groups) {
        const auto& [set, period, model] = key;
        row(set, period_name(period), model, g);
    }
    row("all", "", "", total);
    double cpu = 0;
    for (const auto& c : cases) cpu += c.seconds;
    std::printf(
        "\n%zu fits in %.1f s wall on %u threads; %.2f ms per fit (mean of the fit times), median %.2f ms\n",
        cases.size(), wall, std::max(1u, std::thread::hardware_concurrency()),
        1000 * cpu / std::max<std::size_t>(1, cases.size()), 1000 * median(total.seconds));
    if (!failures.empty()) {
        std::printf("\nour exceptions where R fitted, by message key (one example each):\n");
        for (const auto& [key, f] : failures)
            std::printf("  %5d  %s  (e.g. %s)\n", f.first, key.c_str(), f.second.c_str());
    }
    std::vector<const FixedCase*> fitted;
    for (const auto& c : cases)
        if (c.fitted && !c.r_outside) fitted.push_back(&c);
    std::sort(fitted.begin(), fitted.end(), [](const FixedCase* a, const FixedCase* b) {
        return a->loglik - a->r_loglik < b->loglik - b->r_loglik;
    });
    if (fitted.size() > static_cast<std::size_t>(worst)) fitted.resize(worst);
    std::printf("\nthe %zu worst (ours - R); parameters alpha beta gamma phi\n", fitted.size());
    std::printf("%-8s %-5s %4s %3s %12s %12s %9s  %-27s  %-27s\n", "series", "model", "n", "m", "ours", "R",
                "ours-R", "ours", "R");
    for (const FixedCase* c : fitted) {
        const Series& s = series[c->series];
        const auto& p = c->parameters;
        const bool trend = c->model.size() > 1 && c->model[1] == 'A';
        const bool season = c->model.back() != 'N';
        const bool damped = c->model.find('d') != std::string::npos;
        std::printf(
            "%-8s %-5s %4zu %3d %12.4f %12.4f %9.4f  %s  %s\n", s.id.c_str(), c->model.c_str(),
            s.train.size(), s.period, c->loglik, c->r_loglik, c->loglik - c->r_loglik,
            parameter_text(p.alpha, trend ? p.beta : kNaN, season ? p.gamma : kNaN, damped ? p.phi : kNaN)
                .c_str(),
            parameter_text(c->r_alpha, c->r_beta, c->r_gamma, c->r_phi).c_str());
    }
    const double share = static_cast<double>(total.good) / std::max(1, total.fits);
    if (require > 0)
        std::printf("\nrequired: at least %.1f %% within 0.5 of R or better; found %.2f %%: %s\n",
                    100 * require, 100 * share, share >= require ? "met" : "NOT MET");
    return share >= require;
}

// -------------------------------------------------------------- mode accuracy

struct Method {
    std::string name;
    // Kuntaplan's methods compute; R's are read from r_forecasts.csv.
    std::function<std::vector<double>(const Series&)> forecast;
};

std::vector<double> naive(const Series& s, int lag) {
    std::vector<double> f(static_cast<std::size_t>(s.h));
    const std::size_t n = s.train.size();
    for (int i = 0; i < s.h; ++i)
        f[i] = s.train[n - static_cast<std::size_t>(lag) + static_cast<std::size_t>(i % lag)];
    return f;
}

std::vector<Method> kuntaplan_methods() {
    std::vector<Method> methods;
    methods.push_back(
        {"ets", [](const Series& s) {
             const auto fit = kuntaplan::fit_ets(s.train, kuntaplan::EtsRequest{"auto", s.period, s.h});
             return kuntaplan::forecast_ets(fit, s.h).point;
         }});
    methods.push_back(
        {"ets_damped", [](const Series& s) {
             const auto fit = kuntaplan::fit_ets(s.train, kuntaplan::EtsRequest{"ZAdZ", s.period, s.h});
             return kuntaplan::forecast_ets(fit, s.h).point;
         }});
    methods.push_back(
        {"theta", [](const Series& s) {
             return kuntaplan::forecast_theta(kuntaplan::fit_theta(s.train, s.period), s.h).point;
         }});
    methods.push_back({"combination", [](const Series& s) {
                           kuntaplan::ForecastRequest request;
                           request.method = kuntaplan::ForecastMethod::combination;
                           request.period = s.period;
                           return kuntaplan::forecast_series(s.train, s.h, request).point;
                       }});
    methods.push_back({"naive", [](const Series& s) { return naive(s, 1); }});
    methods.push_back({"snaive", [](const Series& s) { return naive(s, s.period); }});
    return methods;
}

struct Score {
    double smape = kNaN, mase = kNaN;
};

// MASE's scale: the mean absolute error of the seasonal naive forecast within the training part.
double naive_scale(const Series& s) {
    const std::size_t n = s.train.size(), m = static_cast<std::size_t>(s.period);
    double scale = 0;
    for (std::size_t t = m; t < n; ++t) scale += std::fabs(s.train[t] - s.train[t - m]);
    return scale / static_cast<double>(n - m);
}

Score score(const Series& s, const std::vector<double>& f) {
    if (f.size() != s.test.size()) return {};
    const double scale = naive_scale(s);
    double smape = 0, mae = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double e = std::fabs(s.test[i] - f[i]);
        smape += 200 * e / (std::fabs(s.test[i]) + std::fabs(f[i]));
        mae += e;
    }
    const double h = static_cast<double>(f.size());
    return {smape / h, mae / h / scale};
}

void accuracy_mode(const std::vector<Series>& series, const std::string& dump) {
    const auto methods = kuntaplan_methods();
    std::vector<std::string> names;
    for (const auto& m : methods) names.push_back(m.name);
    // R's forecasts: series → method → the means by step.
    std::map<std::string, std::map<std::string, std::vector<double>>> r;
    const std::string path = r_dir + "r_forecasts.csv";
    if (exists(path)) {
        for (const auto& row : kuntaplan::csv_rows::read(path)) {
            auto& v = r[row.at("series")]["R_" + row.at("method")];
            const auto step = static_cast<std::size_t>(std::stoi(row.at("step")));
            if (v.size() < step) v.resize(step, kNaN);
            v[step - 1] = number(row.at("mean"));
        }
        names.push_back("R_ets");
        names.push_back("R_theta");
    } else {
        std::printf("%s does not exist yet: no R columns\n", path.c_str());
    }
    // Other ways to combine the members, from the members' forecasts (to compare with FC.FORECAST's
    // mean of the three): their median, and the mean of ETS "auto" and Theta alone.
    const std::size_t first_derived = names.size();
    names.push_back("median3");
    names.push_back("ets+theta");
    const std::size_t k = names.size();
    // per series × method: the forecast, its time, the failure
    std::vector<std::vector<std::vector<double>>> forecasts(series.size(),
                                                            std::vector<std::vector<double>>(k));
    std::vector<std::vector<double>> seconds(series.size(), std::vector<double>(methods.size(), kNaN));
    std::vector<std::vector<std::string>> errors(series.size(), std::vector<std::string>(k));
    const auto start = std::chrono::steady_clock::now();
    in_parallel(series.size(), [&](std::size_t i) {
        const Series& s = series[i];
        for (std::size_t j = 0; j < methods.size(); ++j) {
            const auto t0 = std::chrono::steady_clock::now();
            try {
                forecasts[i][j] = methods[j].forecast(s);
            } catch (const std::exception& e) {
                errors[i][j] = error_key(e);
            }
            seconds[i][j] = seconds_since(t0);
        }
        auto member = [&](const char* name) -> const std::vector<double>& {
            return forecasts[i][static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                                         names.begin())];
        };
        const std::vector<const std::vector<double>*> three{&member("ets"), &member("ets_damped"),
                                                            &member("theta")};
        for (std::size_t step = 0; step < static_cast<std::size_t>(s.h); ++step) {
            std::vector<double> values;
            for (const auto* f : three)
                if (f->size() == static_cast<std::size_t>(s.h)) values.push_back((*f)[step]);
            if (values.empty()) break;
            std::sort(values.begin(), values.end());
            const std::size_t mid = values.size() / 2;
            forecasts[i][first_derived].push_back(values.size() % 2 ? values[mid]
                                                                    : (values[mid - 1] + values[mid]) / 2);
            if (three[0]->size() == static_cast<std::size_t>(s.h) &&
                three[2]->size() == static_cast<std::size_t>(s.h))
                forecasts[i][first_derived + 1].push_back(((*three[0])[step] + (*three[2])[step]) / 2);
        }
        for (std::size_t j = methods.size(); j < first_derived; ++j) {
            const auto it = r.find(s.id);
            if (it != r.end() && it->second.count(names[j]))
                forecasts[i][j] = it->second.at(names[j]);
            else
                errors[i][j] = "no R forecast";
        }
    });
    const double wall = seconds_since(start);

    // The rows: each set × period, then each set overall.
    struct Cell {
        double smape = 0, mase = 0;
        int count = 0, failed = 0;
    };
    std::map<std::pair<std::string, int>, std::vector<Cell>> table;  // period 0 = the whole set
    std::map<std::pair<std::string, int>, int> sizes;
    std::map<std::string, std::map<std::string, int>> failure_keys;  // method → key → count
    for (std::size_t i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        for (const int period : {s.period, 0}) {
            auto& cells = table[{s.set, period}];
            cells.resize(k);
            ++sizes[{s.set, period}];
            for (std::size_t j = 0; j < k; ++j) {
                const Score sc = score(s, forecasts[i][j]);
                if (std::isnan(sc.smape) || std::isnan(sc.mase)) {
                    ++cells[j].failed;
                    if (period)
                        ++failure_keys[names[j]][errors[i][j].empty() ? "no finite forecast" : errors[i][j]];
                    continue;
                }
                cells[j].smape += sc.smape;
                cells[j].mase += sc.mase;
                ++cells[j].count;
            }
        }
    }
    std::printf(
        "\nmean sMAPE (%%) / mean MASE over the test part; (k failed) where a method failed on k series\n\n");
    std::printf("| set | series |");
    for (const auto& name : names) std::printf(" %s |", name.c_str());
    std::printf("\n|---|---:|");
    for (std::size_t j = 0; j < k; ++j) std::printf("---|");
    std::printf("\n");
    for (const std::string set : {"m1", "tourism"})
        for (const int period : {1, 4, 12, 0}) {
            const auto it = table.find({set, period});
            if (it == table.end()) continue;
            std::printf("| %s %s | %d |", set.c_str(), period ? period_name(period) : "all",
                        sizes[{set, period}]);
            for (const Cell& c : it->second) {
                if (c.count)
                    std::printf(" %.2f / %.3f", c.smape / c.count, c.mase / c.count);
                else
                    std::printf(" -");
                if (c.failed) std::printf(" (%d failed)", c.failed);
                std::printf(" |");
            }
            std::printf("\n");
        }
    // How far a difference between two methods is from noise: the paired difference per series
    // (ours − R's), its mean and standard error over the series both forecast, and how many
    // series each method is better on.
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"ets", "R_ets"}, {"combination", "R_ets"}, {"combination", "R_theta"}};
    std::printf(
        "\npaired differences per series (ours - R; negative = ours better): mean ± standard error "
        "of sMAPE and MASE; series where ours / R's is better (by MASE)\n\n"
        "| set | pair | sMAPE diff | MASE diff | ours better | R better |\n|---|---|---|---|---:|---:|\n");
    auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    };
    for (const std::string set : {"m1", "tourism"})
        for (const int period : {1, 4, 12, 0})
            for (const auto& [ours, theirs] : pairs) {
                const std::size_t a = column(ours), b = column(theirs);
                if (b >= k) continue;
                std::vector<double> ds, dm;
                int better = 0, worse = 0;
                for (std::size_t i = 0; i < series.size(); ++i) {
                    const Series& s = series[i];
                    if (s.set != set || (period && s.period != period)) continue;
                    const Score x = score(s, forecasts[i][a]), y = score(s, forecasts[i][b]);
                    if (!std::isfinite(x.mase) || !std::isfinite(y.mase)) continue;
                    ds.push_back(x.smape - y.smape);
                    dm.push_back(x.mase - y.mase);
                    better += x.mase < y.mase;
                    worse += x.mase > y.mase;
                }
                if (ds.size() < 2) continue;
                auto mean_se = [](const std::vector<double>& d) {
                    double mean = 0, ss = 0;
                    for (double v : d) mean += v;
                    mean /= static_cast<double>(d.size());
                    for (double v : d) ss += (v - mean) * (v - mean);
                    const double n = static_cast<double>(d.size());
                    return std::make_pair(mean, std::sqrt(ss / (n - 1) / n));
                };
                const auto [ms, ss] = mean_se(ds);
                const auto [mm, sm] = mean_se(dm);
                std::printf("| %s %s | %s - %s | %+.2f ± %.2f | %+.3f ± %.3f | %d | %d |\n", set.c_str(),
                            period ? period_name(period) : "all", ours.c_str(), theirs.c_str(), ms, ss, mm,
                            sm, better, worse);
            }
    std::printf("\ntime per series (ms; each fit on one thread, %u threads busy; %.1f s wall in all)\n\n",
                std::max(1u, std::thread::hardware_concurrency()), wall);
    std::printf("| method | median ms | mean ms | max ms | total s |\n|---|---:|---:|---:|---:|\n");
    for (std::size_t j = 0; j < methods.size(); ++j) {
        std::vector<double> t;
        for (const auto& per : seconds) t.push_back(per[j]);
        double sum = 0;
        for (double v : t) sum += v;
        std::printf("| %s | %.3f | %.3f | %.1f | %.2f |\n", names[j].c_str(), 1000 * median(t),
                    1000 * sum / std::max<std::size_t>(1, t.size()),
                    1000 * *std::max_element(t.begin(), t.end()), sum);
    }
    // R's times (r_fits.csv: ets() + forecast(), and thetaf(), each series on one core).
    if (exists(r_dir + "r_fits.csv")) {
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < series.size(); ++i) index[series[i].id] = i;
        std::vector<double> ets, theta;
        for (const auto& row : kuntaplan::csv_rows::read(r_dir + "r_fits.csv")) {
            if (!index.count(row.at("series"))) continue;
            ets.push_back(number(row.at("ets_seconds")));
            theta.push_back(number(row.at("theta_seconds")));
        }
        for (const auto& [name, t] : {std::pair{"R_ets", ets}, std::pair{"R_theta", theta}}) {
            if (t.empty()) continue;
            double sum = 0;
            for (double v : t) sum += v;
            std::printf("| %s | %.3f | %.3f | %.1f | %.2f |\n", name, 1000 * median(t),
                        1000 * sum / static_cast<double>(t.size()),
                        1000 * *std::max_element(t.begin(), t.end()), sum);
        }
    }
    if (!failure_keys.empty()) {
        std::printf("\nfailures by method and message key:\n");
        for (const auto& [method, keys] : failure_keys)
            for (const auto& [key, count] : keys)
                std::printf("  %-12s %5d  %s\n", method.c_str(), count, key.c_str());
    }
    if (!dump.empty()) {
        std::ofstream out(dump);
        out << "series,method,step,value\n";
        out.precision(17);
        for (std::size_t i = 0; i < series.size(); ++i) {
            for (std::size_t t = 0; t < series[i].test.size(); ++t)
                out << series[i].id << ",actual," << t + 1 << ',' << series[i].test[t] << '\n';
            for (std::size_t j = 0; j < k; ++j)
                for (std::size_t t = 0; t < forecasts[i][j].size(); ++t)
                    out << series[i].id << ',' << names[j] << ',' << t + 1 << ',' << forecasts[i][j][t]
                        << '\n';
        }
        std::printf("\nforecasts written to %s\n", dump.c_str());
    }
}

// ------------------------------------------------------------- mode coverage

// The interval score of one step's interval (l, u) of coverage 1 − a (Gneiting & Raftery 2007):
// (u − l) + (2/a)(l − y) if y < l, + (2/a)(y − u) if y > u. Averaged over a series' steps and
// divided by MASE's scale it is the M4 competition's MSIS (Makridakis, Spiliotis & Assimakopoulos
// 2020, Int. J. Forecasting 36(1)). Lower is better; unlike coverage it also sees an interval that
// is far too wide.
double interval_score(double y, double a, double lower, double upper) {
    double score = upper - lower;
    if (y < lower) score += 2 / a * (lower - y);
    if (y > upper) score += 2 / a * (y - upper);
    return score;
}

// The share of held-out values inside the 80 % and 95 % prediction intervals, per set × period: how
// honest each method's intervals are on data no one here chose; and their mean scaled interval
// score (interval_score()).
void coverage_mode(const std::vector<Series>& series) {
    using kuntaplan::ForecastMethod;
    struct Way {
        std::string name;
        ForecastMethod method;
    };
    const std::vector<Way> ways{{"ets", ForecastMethod::ets},
                                {"theta", ForecastMethod::theta},
                                {"combination", ForecastMethod::combination},
                                {"naive", ForecastMethod::naive}};
    const std::vector<double> levels{0.8, 0.95};
    // inside[series][way][level] = held-out values inside; failures leave -1
    std::vector<std::vector<std::vector<int>>> inside(
        series.size(), std::vector<std::vector<int>>(ways.size() + 2, std::vector<int>(levels.size(), -1)));
    // scores[series][way][level] = the sum of the series' interval scores (NaN when it failed)
    std::vector<std::vector<std::vector<double>>> scores(
        series.size(),
        std::vector<std::vector<double>>(ways.size() + 2, std::vector<double>(levels.size(), kNaN)));
    in_parallel(series.size(), [&](std::size_t i) {
        const Series& s = series[i];
        for (std::size_t w = 0; w < ways.size(); ++w)
            for (std::size_t l = 0; l < levels.size(); ++l) {
                kuntaplan::ForecastRequest request;
                request.method = ways[w].method;
                request.period = s.period;
                try {
                    const auto f = kuntaplan::forecast_series(s.train, s.h, request, levels[l]);
                    int count = 0;
                    double total = 0;
                    for (int k = 0; k < s.h; ++k) {
                        count += f.lower[k] <= s.test[k] && s.test[k] <= f.upper[k];
                        total += interval_score(s.test[k], 1 - levels[l], f.lower[k], f.upper[k]);
                    }
                    scores[i][w][l] = total;
                    inside[i][w][l] = count;
                } catch (const std::exception&) {
                }
            }
    });
    // R's intervals from r_forecasts.csv (80 % and 95 %).
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < series.size(); ++i) index[series[i].id] = i;
    const std::string path = r_dir + "r_forecasts.csv";
    if (exists(path))
        for (const auto& row : kuntaplan::csv_rows::read(path)) {
            const auto it = index.find(row.at("series"));
            if (it == index.end()) continue;
            const Series& s = series[it->second];
            const std::size_t w = ways.size() + (row.at("method") == "ets" ? 0 : 1);
            const int k = std::stoi(row.at("step")) - 1;
            const double y = s.test[static_cast<std::size_t>(k)];
            for (std::size_t l = 0; l < levels.size(); ++l) {
                const std::string tag = l == 0 ? "80" : "95";
                int& c = inside[it->second][w][l];
                double& score = scores[it->second][w][l];
                if (c < 0) c = 0, score = 0;
                const double lower = number(row.at("lo" + tag)), upper = number(row.at("hi" + tag));
                c += lower <= y && y <= upper;
                score += interval_score(y, 1 - levels[l], lower, upper);
            }
        }
    // One table per measure: known(i, w, l) tells whether series i has a value for way w and level
    // l, add() adds it to the group's sum and count, result() turns those into the cell.
    auto table = [&](const char* title, auto&& known, auto&& add, auto&& result, const char* format) {
        std::printf("\n%s\n\n| set | series |", title);
        for (const auto& w : ways) std::printf(" %s |", w.name.c_str());
        std::printf(" R_ets | R_theta |\n|---|---:|");
        for (std::size_t w = 0; w < ways.size() + 2; ++w) std::printf("---|");
        std::printf("\n");
        for (const std::string set : {"m1", "tourism"})
            for (int period : {1, 4, 12, 0}) {
                std::size_t count = 0;
                for (const auto& s : series) count += s.set == set && (period == 0 || s.period == period);
                if (count == 0) continue;
                std::printf("| %s %s | %zu |", set.c_str(), period == 0 ? "all" : period_name(period), count);
                for (std::size_t w = 0; w < ways.size() + 2; ++w) {
                    std::printf(" ");
                    for (std::size_t l = 0; l < levels.size(); ++l) {
                        double sum = 0, all = 0;
                        for (std::size_t i = 0; i < series.size(); ++i) {
                            const Series& s = series[i];
                            if (s.set != set || (period != 0 && s.period != period) || !known(i, w, l))
                                continue;
                            add(i, w, l, sum, all);
                        }
                        std::printf(format, all > 0 ? result(sum, all) : kNaN);
                        if (l == 0) std::printf(" / ");
                    }
                    std::printf(" |");
                }
                std::printf("\n");
            }
    };
    table(
        "share of held-out values inside the 80 % / 95 % intervals",
        [&](std::size_t i, std::size_t w, std::size_t l) { return inside[i][w][l] >= 0; },
        [&](std::size_t i, std::size_t w, std::size_t l, double& sum, double& all) {
            sum += inside[i][w][l];
            all += series[i].h;
        },
        [](double sum, double all) { return 100 * sum / all; }, "%.1f");
    table(
        "mean scaled interval score (MSIS, M4) of the 80 % / 95 % intervals; lower is better",
        [&](std::size_t i, std::size_t w, std::size_t l) { return !std::isnan(scores[i][w][l]); },
        [&](std::size_t i, std::size_t w, std::size_t l, double& sum, double& all) {
            sum += scores[i][w][l] / static_cast<double>(series[i].h) / naive_scale(series[i]);
            all += 1;
        },
        [](double sum, double all) { return sum / all; }, "%.2f");
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    std::string set, only, dump;
    int worst = 20;
    double require = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i], value = argv[i + 1];
        if (option == "--set")
            set = value;
        else if (option == "--series")
            only = value;
        else if (option == "--worst")
            worst = std::stoi(value);
        else if (option == "--require")
            require = std::stod(value);
        else if (option == "--dump")
            dump = value;
        else if (option == "--r-dir")
            r_dir = value + "/";
        else if (option == "--data-dir")
            data_dir = value + "/";
        else {
            std::fprintf(stderr, "unknown option %s\n", option.c_str());
            return 2;
        }
    }
    if (mode != "loglik" && mode != "accuracy" && mode != "coverage") {
        std::fprintf(
            stderr,
            "usage: bench_competition loglik [--set m1|tourism] [--series ID] [--worst N] [--require SHARE] "
            "[--r-dir DIR]\n"
            "       bench_competition accuracy [--set m1|tourism] [--series ID] [--dump FILE] [--r-dir "
            "DIR]\n"
            "       bench_competition coverage [--set m1|tourism] [--series ID] [--r-dir DIR]\n"
            "       --data-dir DIR reads the series (and R's fixtures) from DIR, e.g. the validation\n"
            "       split of bench/holdout_split.py\n");
        return 2;
    }
    if (r_dir.empty()) r_dir = data_dir;
    const auto series = load(set, only);
    std::printf("%zu series\n", series.size());
    if (mode == "loglik") return loglik_mode(series, worst, require) ? 0 : 1;
    if (mode == "coverage") {
        coverage_mode(series);
        return 0;
    }
    accuracy_mode(series, dump);
}
