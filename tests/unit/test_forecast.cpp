// Tests of core/forecast.hpp against R's forecast package (ets(), fixtures made
// by tests/reference/make_ets_reference.R on real series shipped with R), plus
// the gap filling, period detection, model codes, backtest and error paths.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "forecast.hpp"

using namespace kuntaplan;

namespace {

using Row = std::map<std::string, std::string>;

// A CSV as written by R's write.csv (fields quoted, no embedded quotes).
std::vector<Row> read_reference(const std::string& name) {
    const std::string path = std::string(KUNTAPLAN_REFERENCE_DIR) + "/" + name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    auto split = [](const std::string& line) {
        std::vector<std::string> out;
        std::string field;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.push_back(field);
                field.clear();
            } else if (c != '\r') {
                field += c;
            }
        }
        out.push_back(field);
        return out;
    };
    std::string line;
    std::getline(in, line);
    const auto header = split(line);
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto fields = split(line);
        Row row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
        rows.push_back(row);
    }
    return rows;
}

std::vector<double> numbers(const std::string& list) {
    std::vector<double> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ';')) out.push_back(std::stod(item));
    return out;
}

struct Series {
    int frequency = 1;
    std::vector<double> values;
};

const std::map<std::string, Series>& reference_series() {
    static const std::map<std::string, Series> all = [] {
        std::map<std::string, Series> out;
        for (const auto& row : read_reference("series.csv")) {
            auto& s = out[row.at("series")];
            s.frequency = std::stoi(row.at("frequency"));
            s.values.push_back(std::stod(row.at("value")));
        }
        return out;
    }();
    return all;
}

EtsModel model_of(const std::string& code) {
    const auto models = parse_ets_models(code);
    REQUIRE(models.size() == 1);
    return models.front();
}

double relative(double a, double b) { return std::fabs(a - b) / std::max(1.0, std::fabs(b)); }

}  // namespace

// 1e-6 relative: the recursion is the same arithmetic as forecast's C code;
// the fixtures carry 17 significant digits, so any difference above rounding
// would be a different formula.
TEST_CASE("fixed models reproduce ets() fitted values, forecasts and intervals", "[forecast][reference]") {
    const auto rows = read_reference("ets_fixed.csv");
    REQUIRE(rows.size() > 200);
    int interval_rows = 0;
    for (const auto& row : rows) {
        INFO(row.at("series") << " " << row.at("model"));
        const Series& s = reference_series().at(row.at("series"));
        const EtsModel model = model_of(row.at("model"));
        const EtsParameters p{std::stod(row.at("alpha")), std::stod(row.at("beta")),
                              std::stod(row.at("gamma")), std::stod(row.at("phi"))};
        const auto states = numbers(row.at("states"));
        const EtsFit fit = evaluate_ets(s.values, model, std::stoi(row.at("period")), p, states);
        const auto fitted = numbers(row.at("fitted"));
        REQUIRE(fitted.size() == fit.fitted.size());
        double worst = 0;
        for (std::size_t t = 0; t < fitted.size(); ++t)
            worst = std::max(worst, relative(fit.fitted[t], fitted[t]));
        CHECK(worst < 1e-6);
        CHECK(relative(fit.log_likelihood, std::stod(row.at("loglik"))) < 1e-6);
        CHECK(relative(fit.sigma2, std::stod(row.at("sigma2"))) < 1e-6);
        const auto mean = numbers(row.at("mean"));
        const EtsForecast f = forecast_ets(fit, static_cast<int>(mean.size()), 0.95);
        worst = 0;
        for (std::size_t i = 0; i < mean.size(); ++i) worst = std::max(worst, relative(f.point[i], mean[i]));
        if (model.season == EtsSeason::multiplicative && model.trend == EtsTrend::damped) {
            // forecast 8.20's class3() uses the undamped F1/G1/H1 for damped models, so its
            // mean differs from its own recursion already at h = 1 ((l+b)s instead of
            // (l+φb)s). We use the damped matrices; the difference is of order (1−φ)·b/l.
            const double one_step =
                (fit.final_states[0] + fit.parameters.phi * fit.final_states[1]) * fit.final_states.back();
            CHECK(relative(f.point[0], one_step) < 1e-12);
            CHECK(worst < 3e-2);
        } else {
            CHECK(worst < 1e-6);
        }
        if (model.season != EtsSeason::multiplicative) {  // classes 1 and 2: the same analytic formulas
            // forecast 8.20's class1() puts γ in the third state also when there is no
            // trend, i.e. on s_1 instead of s_0; HKOS Table 6.1 (tested below) puts it
            // on s_0. The two agree for h < m − 1, the only steps compared then.
            std::size_t compared = mean.size();
            if (model.trend == EtsTrend::none && model.season == EtsSeason::additive)
                compared = static_cast<std::size_t>(std::max(0, fit.period - 2));
            const auto lower = numbers(row.at("lower")), upper = numbers(row.at("upper"));
            worst = 0;
            for (std::size_t i = 0; i < compared; ++i)
                worst = std::max({worst, relative(f.lower[i], lower[i]), relative(f.upper[i], upper[i])});
            CHECK(worst < 1e-6);
            ++interval_rows;
        }
    }
    CHECK(interval_rows > 100);
}

// The estimation itself: our optimum of the same model should be as good as
// R's (a log-likelihood at least R's minus 0.5, i.e. within a unit of AIC).
TEST_CASE("fixed models: the likelihood maximum matches ets()", "[forecast][reference]") {
    const auto rows = read_reference("ets_fixed.csv");
    int agree = 0, better = 0, worse = 0;
    for (const auto& row : rows) {
        const Series& s = reference_series().at(row.at("series"));
        EtsRequest request;
        request.model = row.at("model");
        request.period = std::stoi(row.at("period"));
        const double r_loglik = std::stod(row.at("loglik"));
        try {
            const EtsFit fit = fit_ets(s.values, request);
            if (std::fabs(fit.log_likelihood - r_loglik) <= 0.5)
                ++agree;
            else if (fit.log_likelihood > r_loglik)
                ++better;
            else {
                ++worse;
                WARN(row.at("series") << " " << row.at("model") << ": log-likelihood " << fit.log_likelihood
                                      << ", R " << r_loglik);
            }
        } catch (const std::exception& e) {
            ++worse;
            WARN(row.at("series") << " " << row.at("model") << ": " << e.what());
        }
    }
    std::printf("ETS fixed-model fits: %d of %zu within 0.5 of R's log-likelihood, %d higher, %d lower\n",
                agree, rows.size(), better, worse);
    CHECK(agree + better >= static_cast<int>(rows.size() * 9 / 10));
}

TEST_CASE("auto: the chosen model and log-likelihood agree with ets() in most series",
          "[forecast][reference]") {
    const auto rows = read_reference("ets_auto.csv");
    REQUIRE(rows.size() >= 40);
    int same_model = 0, same_loglik = 0, lower_aicc = 0;
    for (const auto& row : rows) {
        const Series& s = reference_series().at(row.at("series"));
        EtsRequest request;
        request.period = std::stoi(row.at("period"));
        const EtsFit fit = fit_ets(s.values, request);
        const bool model_ok = fit.model.code() == row.at("model");
        const bool loglik_ok = relative(fit.log_likelihood, std::stod(row.at("loglik"))) < 1e-3;
        same_model += model_ok;
        same_loglik += model_ok && loglik_ok;
        lower_aicc += fit.aicc <= std::stod(row.at("aicc")) + 1e-6;
        if (!model_ok || !loglik_ok)
            WARN(row.at("series") << ": " << fit.model.code() << " loglik " << fit.log_likelihood << " AICc "
                                  << fit.aicc << "; R " << row.at("model") << " " << row.at("loglik") << " "
                                  << row.at("aicc"));
    }
    std::printf(
        "ETS auto: same model in %d of %zu series, same model and log-likelihood (1e-3 rel.) in %d, "
        "AICc at most R's in %d\n",
        same_model, rows.size(), same_loglik, lower_aicc);
    CHECK(same_model * 3 >= static_cast<int>(rows.size()) * 2);
}
