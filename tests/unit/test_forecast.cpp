// Tests of core/forecast.hpp against R's forecast package (ets(), fixtures made
// by tests/reference/make_ets_reference.R on real series shipped with R), plus
// the gap filling, period detection, model codes, backtest and error paths.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ets_fixtures.hpp"
#include "forecast.hpp"

using namespace kuntaplan;

namespace {

using namespace ets_fixtures;

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
    // Found: 232 of 237 at least R's − 0.5 (the search of several starts, forecast.cpp's
    // starting_points()); it was 230 with ets()'s start alone. The public table over 27,541 fits of the
    // M1 and Tourism series holds to 99 % (ctest ets_vs_r, bench_competition loglik).
    CHECK(agree + better >= static_cast<int>(rows.size() * 97 / 100));
}

TEST_CASE("the seasonal figure is R's decompose()'s", "[forecast][reference]") {
    // decompose(USAccDeaths, "multiplicative")$figure and decompose(USAccDeaths)$figure, R 4.2.2, printed
    // with 17 digits. The same filter, order of operations and means as R: equal to a few units in the
    // last place (1e-14 relative; FC.THETA relies on it to agree with thetaf to 1e-12).
    const std::vector<double> multiplicative{0.90777588373712925, 0.82469493107683012, 0.91459527658298334,
                                             0.9406987049337987,  1.0398951681094495,  1.0869044198749294,
                                             1.1924507513192519,  1.1126622149536356,  0.98679282561305248,
                                             1.0299166599381007,  0.96978349902599326, 0.99382966483484547};
    const std::vector<double> additive{-805.89236111111109, -1523.3090277777774, -740.84236111111102,
                                       -514.78402777777751, 339.64930555555537,  744.84097222222249,
                                       1679.4409722222222,  986.31597222222217,  -109.29236111111103,
                                       263.85763888888863,  -260.95069444444425, -59.034027777778562};
    const auto& y = reference_series().at("USAccDeaths").values;
    const auto m = seasonal_figure(y, 12, true), a = seasonal_figure(y, 12, false);
    REQUIRE(m.size() == 12);
    REQUIRE(a.size() == 12);
    for (std::size_t k = 0; k < 12; ++k) {
        CHECK(std::fabs(m[k] - multiplicative[k]) <= 1e-14 * std::fabs(multiplicative[k]));
        // The additive figure subtracts the trend and then the mean, so its small entries (−59.03) carry the
        // rounding of the large ones (1679): 1e-14 of the largest, as a bound for every entry.
        CHECK(std::fabs(a[k] - additive[k]) <= 1e-14 * 1679.44);
    }
    // Too short for a position to have a detrended value: NaN there.
    const std::vector<double> short_series(y.begin(), y.begin() + 13);
    const auto figure = seasonal_figure(short_series, 12, true);
    CHECK(std::count_if(figure.begin(), figure.end(), [](double v) { return std::isnan(v); }) > 0);
}

TEST_CASE("uspop: the Holt fit ets() finds, or a better one, and its held-out accuracy",
          "[forecast][reference]") {
    // R's uspop (US census 1790–1970): the public example. The first 13 values fitted by
    // ets(model = "AAN") and the last 6 held out (tests/reference/forecast/uspop.csv). An earlier
    // search stopped at a log-likelihood far below R's, and its forecasts had a held-out MASE of 4.27
    // against R's 0.89.
    std::vector<double> values, r_forecast;
    double r_loglik = 0;
    for (const auto& row : read_reference("forecast/uspop.csv")) {
        if (row.at("what") == "value") values.push_back(std::stod(row.at("value")));
        if (row.at("what") == "forecast") r_forecast.push_back(std::stod(row.at("value")));
        if (row.at("what") == "loglik") r_loglik = std::stod(row.at("value"));
    }
    REQUIRE(values.size() == 19);
    REQUIRE(r_forecast.size() == 6);
    const std::vector<double> train(values.begin(), values.begin() + 13);
    const EtsFit fit = fit_ets(train, EtsRequest{"AAN", 0});
    CHECK(fit.log_likelihood >= r_loglik - 0.5);  // the criterion for every fit
    const EtsForecast f = forecast_ets(fit, 6);
    double scale = 0, ours = 0, theirs = 0;
    for (std::size_t t = 1; t < train.size(); ++t) scale += std::fabs(train[t] - train[t - 1]) / 12;
    for (std::size_t i = 0; i < 6; ++i) {
        ours += std::fabs(values[13 + i] - f.point[i]) / 6 / scale;
        theirs += std::fabs(values[13 + i] - r_forecast[i]) / 6 / scale;
    }
    INFO("held-out MASE: ours " << ours << ", R " << theirs);
    CHECK(theirs == Approx(0.886).margin(0.001));  // the fixture is the one the issue measured
    // Both fits put the slope at the level's pace (β = α = 0.9999); the forecasts then differ by the
    // last state only. 0.05 of a MASE is a twentieth of a typical step's error.
    CHECK(ours <= theirs + 0.05);
}

TEST_CASE("a multiplicative error never rests on a forecast <= 0", "[forecast]") {
    // M1's YAF13 (OTHER FIAT COMPANY DATA, tests/reference/forecast/m1_values.csv, the 28 values
    // fitted): R's ets(model = "MAN") ends with a first fitted value of −28,175, a relative error
    // against a negative forecast (log-likelihood −361.65). Kuntaplan keeps every forecast
    // positive and so fits another optimum, with all fitted values > 0.
    const std::vector<double> y{2197,   2394,   7308,    22583,   53193,   88205,   109607,
                                157296, 171519, 201616,  244195,  276386,  310198,  340657,
                                351933, 373037, 437702,  545312,  641389,  789188,  931918,
                                907996, 968054, 1064530, 1194120, 1334710, 1425000, 1711840};
    for (const char* code : {"MAN", "MAdN", "MNN"}) {
        INFO(code);
        const EtsFit fit = fit_ets(y, EtsRequest{code, 0});
        REQUIRE(std::isfinite(fit.log_likelihood));
        for (double f : fit.fitted) CHECK(f > 0);
    }
}

TEST_CASE("auto with a horizon: forecasts stay in the data's range", "[forecast][reference]") {
    // M1's MND16 (immigrants from Spain to France, monthly, 53 values fitted, 18 held out; all
    // positive). By AICc alone the choice is MNA, whose forecasts fall below zero within the 18
    // months (its sMAPE on the held-out part is 168 %); ets() chose MNN. With the horizon the choice
    // passes MNA over and takes the smallest AICc whose 18 forecasts stay positive.
    std::vector<double> train, test;
    for (const auto& row : read_reference("forecast/m1_values.csv"))
        if (row.at("series") == "MND16")
            (row.at("role") == "train" ? train : test).push_back(std::stod(row.at("value")));
    REQUIRE(train.size() == 53);
    REQUIRE(test.size() == 18);
    REQUIRE(*std::min_element(train.begin(), train.end()) > 0);
    const EtsFit by_aicc = fit_ets(train, EtsRequest{"auto", 12});
    const auto f_aicc = forecast_ets(by_aicc, 18).point;
    CHECK(*std::min_element(f_aicc.begin(), f_aicc.end()) <= 0);  // what the rule is for
    const EtsFit kept = fit_ets(train, EtsRequest{"auto", 12, 18});
    const auto f_kept = forecast_ets(kept, 18).point;
    INFO("by AICc " << by_aicc.model.code() << " " << by_aicc.aicc << ", kept " << kept.model.code() << " "
                    << kept.aicc);
    CHECK(kept.model.code() != by_aicc.model.code());
    CHECK(*std::min_element(f_kept.begin(), f_kept.end()) > 0);
    CHECK(kept.aicc >= by_aicc.aicc);
    // No other model with positive forecasts has a smaller AICc: each given alone (refined as
    // fixed models are, so at least as good as auto's candidate).
    for (const auto& model : parse_ets_models("auto")) {
        EtsFit alone;
        try {
            alone = fit_ets(train, EtsRequest{model.code(), 12});
        } catch (const std::exception&) {
            continue;
        }
        const auto f = forecast_ets(alone, 18).point;
        if (*std::min_element(f.begin(), f.end()) > 0 && alone.model.code() != kept.model.code()) {
            INFO(alone.model.code() << " " << alone.aicc);
            CHECK(alone.aicc >= kept.aicc - 1e-6);
        }
    }
    // A horizon so short that MNA's forecasts are still positive: the rule does not act.
    const EtsFit one_step = fit_ets(train, EtsRequest{"auto", 12, 1});
    CHECK(forecast_ets(by_aicc, 1).point[0] > 0);
    CHECK(one_step.model.code() == by_aicc.model.code());
    // Data with a negative value: no range to keep, AICc alone.
    std::vector<double> shifted = train;
    for (double& v : shifted) v -= 1.01 * *std::min_element(train.begin(), train.end());
    REQUIRE(*std::min_element(shifted.begin(), shifted.end()) < 0);
    CHECK(fit_ets(shifted, EtsRequest{"auto", 12, 18}).model.code() ==
          fit_ets(shifted, EtsRequest{"auto", 12}).model.code());
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
    // "auto" must choose R's model in most series, with the count reported (printed above; 32 of 48 on gcc
    // and on clang with sanitizers). Where the models differ, our AICc is mostly the lower one (a better
    // maximum than R's), which the second check holds to.
    CHECK(same_model * 2 > static_cast<int>(rows.size()));
    CHECK(lower_aicc * 10 >= static_cast<int>(rows.size()) * 9);
}

// ------------------------------------------------------------------ the parts

TEST_CASE("the likelihood's gradient equals central differences", "[forecast]") {
    // The reverse-mode gradient that the quasi-Newton search uses, for all 15
    // models, on the first 60 months of AirPassengers, at two parameter points.
    // Central differences with step h = 1e-6·max(1, |x|) have a truncation error
    // of order h² times the third derivative and a rounding error of order
    // 1e-16·|f|/h ≈ 1e-7 here (|f| ≈ 500), so 1e-5 relative to 1 + |∂f|
    // separates a wrong derivative (off by O(1)) from numerical noise.
    const auto& air = reference_series().at("AirPassengers").values;
    const std::vector<double> y(air.begin(), air.begin() + 60);
    int checked = 0;
    for (const auto& model : parse_ets_models("auto")) {
        for (const double alpha : {0.3, 0.7}) {
            INFO(model.code() << " alpha " << alpha);
            const bool trend = model.trend != EtsTrend::none, season = model.season != EtsSeason::none;
            EtsParameters p{alpha, trend ? 0.1 : 0.0, season ? 0.2 * (1 - alpha) : 0.0,
                            model.trend == EtsTrend::damped ? 0.9 : 1.0};
            std::vector<double> states{110.0};
            if (trend) states.push_back(1.5);
            if (season)
                for (int j = 0; j < 12; ++j)
                    states.push_back(model.season == EtsSeason::additive ? 10 * std::sin(j)
                                                                         : 1 + 0.1 * std::sin(j));
            std::vector<double> g_parameters(4), g_states(states.size()), ignore_p(4),
                ignore_s(states.size());
            const double value =
                detail::ets_objective_gradient(y, model, 12, p, states, g_parameters, g_states);
            // The same objective as the recursion checked against ets() above.
            CHECK(-0.5 * value ==
                  Approx(evaluate_ets(y, model, 12, p, states).log_likelihood).epsilon(1e-12));
            auto central = [&](auto change, double x) {
                const double h = 1e-6 * std::max(1.0, std::fabs(x));
                EtsParameters pp = p;
                std::vector<double> ss = states;
                change(pp, ss, h);
                const double up = detail::ets_objective_gradient(y, model, 12, pp, ss, ignore_p, ignore_s);
                pp = p;
                ss = states;
                change(pp, ss, -h);
                const double down = detail::ets_objective_gradient(y, model, 12, pp, ss, ignore_p, ignore_s);
                return (up - down) / (2 * h);
            };
            auto agree = [&](double numeric, double analytic) {
                CHECK(std::fabs(numeric - analytic) <= 1e-5 * (1 + std::fabs(numeric)));
                ++checked;
            };
            agree(central([](EtsParameters& q, auto&, double h) { q.alpha += h; }, p.alpha), g_parameters[0]);
            if (trend)
                agree(central([](EtsParameters& q, auto&, double h) { q.beta += h; }, p.beta),
                      g_parameters[1]);
            if (season)
                agree(central([](EtsParameters& q, auto&, double h) { q.gamma += h; }, p.gamma),
                      g_parameters[2]);
            if (model.trend == EtsTrend::damped)
                agree(central([](EtsParameters& q, auto&, double h) { q.phi += h; }, p.phi), g_parameters[3]);
            for (std::size_t i = 0; i < states.size(); ++i)
                agree(
                    central([i](EtsParameters&, std::vector<double>& s, double h) { s[i] += h; }, states[i]),
                    g_states[i]);
        }
    }
    CHECK(checked > 300);
}

TEST_CASE("auto ends with the same fit as its chosen model given alone", "[forecast]") {
    // "auto" polishes only the competitive models; the chosen one must still be
    // estimated exactly as FC.ETS(…; "MAM") etc. would, so that a user who
    // fixes the chosen model gets the same forecasts.
    int checked = 0;
    for (const auto& [name, s] : reference_series()) {
        if (s.frequency != 1 && s.frequency != 4 && s.frequency != 12) continue;
        INFO(name);
        EtsRequest request;
        request.period = s.frequency > 1 ? s.frequency : 0;
        const EtsFit chosen = fit_ets(s.values, request);
        request.model = chosen.model.code();
        const EtsFit alone = fit_ets(s.values, request);
        CHECK(alone.log_likelihood == chosen.log_likelihood);
        CHECK(alone.final_states == chosen.final_states);
        ++checked;
    }
    CHECK(checked >= 40);
}

TEST_CASE("model codes", "[forecast]") {
    CHECK(parse_ets_models("auto").size() == 15);  // 6 A-error + 9 M-error models
    CHECK(parse_ets_models("ZZN").size() == 6);
    CHECK(parse_ets_models("AAdN").front().code() == "AAdN");
    CHECK(parse_ets_models("m a d m").front().code() == "MAdM");
    CHECK(parse_ets_models("MZM").size() == 3);
    for (const char* bad : {"", "XYZ", "AA", "AAAA", "MMN", "AAM", "ANdN", "AAdd"}) {
        INFO(bad);
        if (std::string(bad).empty())
            CHECK(parse_ets_models(bad).size() == 15);  // empty = auto
        else
            CHECK_THROWS_AS(parse_ets_models(bad), domain_error);
    }
}

TEST_CASE("gaps: ends trimmed, interior interpolated", "[forecast]") {
    const double gap = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> y = {gap, 1, gap, gap, 4, 5, gap};
    CHECK(fill_gaps(y) == std::vector<double>{1, 2, 3, 4, 5});
    CHECK(fill_gaps(std::vector<double>{gap, gap}).empty());
    CHECK_THROWS_AS(fill_gaps(std::vector<double>{1, std::numeric_limits<double>::infinity()}), domain_error);
}

TEST_CASE("period detection on real series", "[forecast]") {
    const auto& all = reference_series();
    // The clearly seasonal monthly and quarterly series are detected with their frequency.
    for (const char* name :
         {"AirPassengers", "nottem", "USAccDeaths", "ldeaths", "UKgas", "JohnsonJohnson"}) {
        INFO(name);
        CHECK(detect_period(all.at(name).values) == all.at(name).frequency);
    }
    // Non-seasonal yearly series: none detected (lynx has a ~10-year cycle, found as such).
    CHECK(detect_period(all.at("Nile").values) == 1);
    CHECK(detect_period(all.at("LakeHuron").values) == 1);
    CHECK(detect_period(std::vector<double>{1, 2, 3, 4, 5}) == 1);
}

TEST_CASE("ANA intervals follow HKOS Table 6.1", "[forecast]") {
    // v_h = σ²[1 + (h−1)α² + h_m γ(2α + γ)], h_m = ⌊(h−1)/m⌋ (class 1, ANA).
    const auto& s = reference_series().at("USAccDeaths");
    EtsRequest request;
    request.model = "ANA";
    request.period = 12;
    const EtsFit fit = fit_ets(s.values, request);
    const EtsForecast f = forecast_ets(fit, 30, 0.8);
    const double a = fit.parameters.alpha, g = fit.parameters.gamma, z = 1.2815515655446004;
    for (int h = 1; h <= 30; ++h) {
        const int hm = (h - 1) / 12;
        const double v = fit.sigma2 * (1 + (h - 1) * a * a + hm * g * (2 * a + g));
        const auto i = static_cast<std::size_t>(h - 1);
        CHECK(f.upper[i] - f.point[i] == Approx(z * std::sqrt(v)).epsilon(1e-12));
        CHECK(f.point[i] - f.lower[i] == Approx(z * std::sqrt(v)).epsilon(1e-12));
    }
}

TEST_CASE("class 3 intervals: seeded simulation, reproducible and sensible", "[forecast]") {
    const auto& s = reference_series().at("AirPassengers");
    EtsRequest request;
    request.model = "MAM";
    request.period = 12;
    const EtsFit fit = fit_ets(s.values, request);
    const EtsForecast a = forecast_ets(fit, 24, 0.95), b = forecast_ets(fit, 24, 0.95);
    CHECK(a.lower == b.lower);
    CHECK(a.upper == b.upper);
    for (std::size_t i = 0; i < 24; ++i) {
        CHECK(a.lower[i] < a.point[i]);
        CHECK(a.point[i] < a.upper[i]);
        if (i > 0) CHECK(a.upper[i] - a.lower[i] > 0.5 * (a.upper[i - 1] - a.lower[i - 1]));
    }
    // 5000 paths: the 95 % interval of step 1 is ŷ(1 ± 1.96σ) within Monte-Carlo error (~3 %).
    const double half = 1.959964 * std::sqrt(fit.sigma2) * a.point[0];
    CHECK((a.upper[0] - a.lower[0]) / 2 == Approx(half).epsilon(0.03));
}

TEST_CASE("class 3 intervals of positive data stay positive and finite", "[forecast]") {
    // M1's QRF1 (quarterly, 40 positive values from 0.34 to 8.31, 8 held out). Its MNM fit has
    // σ ≈ 0.47, so about 2 % of the normal relative errors are below −1. Unclamped, such an error
    // made a path negative, and the multiplicative recursion then ran off: the 95 % lower bounds of
    // steps 7 and 8 were −19,290 and −52,340. Every path value is now ≥ 0, so every quantile is too.
    std::vector<double> y;
    for (const auto& row : read_reference("forecast/m1_values.csv"))
        if (row.at("series") == "QRF1" && row.at("role") == "train") y.push_back(std::stod(row.at("value")));
    REQUIRE(y.size() == 40);
    const double top = *std::max_element(y.begin(), y.end());
    REQUIRE(*std::min_element(y.begin(), y.end()) > 0);
    // The MNM fit, and MAM on the first 32 values (the validation split's part; steep slope,
    // β ≈ 0.76: bounds of −4.7e7 and +1.0e6 at step 8 before the paths were absorbed at zero).
    for (const auto& [count, code] : {std::pair{std::size_t{40}, "MNM"}, std::pair{std::size_t{32}, "MAM"}}) {
        const std::vector<double> part(y.begin(), y.begin() + static_cast<long>(count));
        const EtsFit fit = fit_ets(part, EtsRequest{code, 4});
        INFO(code << " sigma2 " << fit.sigma2 << " beta " << fit.parameters.beta);
        const EtsForecast f = forecast_ets(fit, 8, 0.95);
        for (std::size_t i = 0; i < 8; ++i) {
            INFO("step " << i + 1 << ": " << f.lower[i] << " " << f.point[i] << " " << f.upper[i]);
            CHECK(f.lower[i] >= 0);
            CHECK(f.lower[i] <= f.point[i]);
            CHECK(f.point[i] <= f.upper[i]);
            // A loose sanity bound (the steep MAM reaches about 26 × the largest value at step 8;
            // before the fix its upper bound was 1.2e5 × it).
            CHECK(f.upper[i] < 100 * top);
        }
    }
}

TEST_CASE("class 3 paths: errors below -1 are clamped, a path whose forecast reaches zero stays there",
          "[forecast]") {
    // MAM with period 2, neutral seasons, level 10 and slope -4, β = 0: with zero errors the
    // one-step forecasts are 6, 2, then -2, where the model of positive data has ended: 0 from there.
    EtsFit fit;
    fit.model = EtsModel{EtsError::multiplicative, EtsTrend::additive, EtsSeason::multiplicative};
    fit.period = 2;
    fit.parameters.alpha = 0.5;
    fit.parameters.beta = 0;
    fit.parameters.gamma = 0.1;
    fit.final_states = {10, -4, 1, 1};
    const std::vector<double> zero(5, 0.0);
    CHECK(detail::ets_simulated_path(fit, zero) == std::vector<double>{6, 2, 0, 0, 0});
    // A relative error of -1.5 counts as -1 (forecast 8.20's simulate.ets: pmax(-1, e)): the value
    // is 0, not -0.5 × the forecast; the level is then (1 - α) × 6 = 3 and the slope stays -4.
    const std::vector<double> errors{-1.5, 0, 0};
    const std::vector<double> path = detail::ets_simulated_path(fit, errors);
    CHECK(path[0] == 0);
    CHECK(path[1] == 0);  // forecast 3 - 4 < 0: absorbed
    CHECK(path[2] == 0);
}

TEST_CASE("backtest: rolling origin accuracy", "[forecast]") {
    const auto& s = reference_series().at("UKgas");
    EtsRequest request;
    request.period = 4;
    const Accuracy seasonal = backtest_ets(s.values, 8, request, 3);
    request.model = "ANN";
    const Accuracy flat = backtest_ets(s.values, 8, request, 3);
    CHECK(seasonal.mae > 0);
    CHECK(seasonal.rmse >= seasonal.mae);
    CHECK(seasonal.mase < flat.mase);
    CHECK(seasonal.smape > 0);
    CHECK(seasonal.smape < 2);
    // The seasonal naive forecast of one step from a series of period 1 with one origin: by hand.
    request.model = "ANN";
    request.period = 0;
    const std::vector<double> y = {10, 12, 11, 13, 12, 14, 13, 15};
    const Accuracy one = backtest_ets(y, 1, request, 1);
    EtsRequest fit_request = request;
    const EtsFit fit = fit_ets(std::span<const double>(y).first(7), fit_request);
    const double error = std::fabs(15 - forecast_ets(fit, 1).point[0]);
    CHECK(one.mae == Approx(error).epsilon(1e-12));
    CHECK(one.mase == Approx(error / 1.5).epsilon(1e-12));  // in-sample naive MAE of y[0..6]: 9/6
    // Errors near the largest double: no overflow to infinity in the sums (found by fuzz_forecast).
    const std::vector<double> huge = {1e308, 1e308, 1e308, 1e308, 1e308, 1e-150};
    const Accuracy big = backtest_ets(huge, 1, EtsRequest{}, 1);
    CHECK(big.mae == Approx(1e308).epsilon(1e-12));
    CHECK(big.rmse == Approx(1e308).epsilon(1e-12));
    CHECK(big.smape == Approx(2).epsilon(1e-12));
}

TEST_CASE("errors", "[forecast]") {
    const auto& air = reference_series().at("AirPassengers").values;
    EtsRequest request;
    CHECK_THROWS_AS(fit_ets(std::vector<double>{1, 2, 3}, request), domain_error);  // too few points
    request.period = 200;
    CHECK_THROWS_AS(fit_ets(air, request), domain_error);  // period out of range
    request.period = 12;
    request.model = "AAA";
    CHECK_THROWS_AS(fit_ets(std::span<const double>(air).first(12), request), domain_error);  // period ≥ data
    std::vector<double> negative(air.begin(), air.end());
    negative[5] = -1;
    request.model = "MNN";
    request.period = 0;
    CHECK_THROWS_AS(fit_ets(negative, request), domain_error);  // multiplicative with a value ≤ 0
    request.model = "ANA";
    CHECK_THROWS_AS(fit_ets(negative, request), domain_error);  // seasonal model without a period
    request.model = "auto";
    const EtsFit fit = fit_ets(negative, request);  // auto skips the multiplicative models
    CHECK(fit.model.error == EtsError::additive);
    CHECK_THROWS_AS(forecast_ets(fit, 0), domain_error);
    CHECK_THROWS_AS(forecast_ets(fit, 5, 1.0), domain_error);
    CHECK_THROWS_AS(backtest_ets(air, 150, request, 1), domain_error);
    CHECK_THROWS_AS(backtest_ets(air, 5, request, 0), domain_error);
    // Every model's likelihood overflows: a failed fit.
    std::vector<double> huge;
    for (int i = 0; i < 12; ++i) huge.push_back(i % 2 ? 1e300 : -1e300);
    CHECK_THROWS_AS(fit_ets(huge, request), no_convergence);
    // A fit whose forecasts pass the largest double (found by fuzz_forecast): no forecast, not inf.
    const std::vector<double> rising = {1e307, 5e307, 9e307, 1.3e308};
    const EtsFit steep = evaluate_ets(rising, parse_ets_models("AAN").front(), 1,
                                      EtsParameters{0.5, 0.1, 0, 1}, std::vector<double>{1e307, 4e307});
    CHECK_NOTHROW(forecast_ets(steep, 1));
    CHECK_THROWS_AS(forecast_ets(steep, 10), no_convergence);
    // A constant series: the constant, with a zero-width interval.
    const EtsFit flat = fit_ets(std::vector<double>(10, 7.0), request);
    const EtsForecast f = forecast_ets(flat, 3, 0.95);
    CHECK(f.point == std::vector<double>(3, 7.0));
    CHECK(f.lower == f.point);
}

TEST_CASE("class 2 intervals follow HKOS eq. 6.5's convolution", "[forecast]") {
    // θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}, v_h = (1 + σ²)θ_h − μ_h², c_j = w'F^{j−1}g:
    // the O(h²) formula as written, against the O(h·m) state-covariance recursion.
    const auto& s = reference_series().at("USAccDeaths");
    for (const char* code : {"MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA"}) {
        INFO(code);
        EtsRequest request;
        request.model = code;
        request.period = 12;
        const EtsFit fit = fit_ets(s.values, request);
        const std::size_t h = 60, p = fit.final_states.size();
        const EtsForecast f = forecast_ets(fit, static_cast<int>(h), 0.9);
        const bool trend = fit.model.trend != EtsTrend::none, season = fit.model.season != EtsSeason::none;
        const double phi = fit.parameters.phi;
        std::vector<double> w(p, 0.0), g(p, 0.0), F(p * p, 0.0);
        w[0] = F[0] = 1;
        g[0] = fit.parameters.alpha;
        if (trend) {
            w[1] = F[1] = F[p + 1] = phi;
            g[1] = fit.parameters.beta;
        }
        if (season) {
            const std::size_t s0 = trend ? 2 : 1;
            w[p - 1] = 1;
            F[s0 * p + p - 1] = 1;
            for (std::size_t j = s0 + 1; j < p; ++j) F[j * p + j - 1] = 1;
            g[s0] = fit.parameters.gamma;
        }
        std::vector<double> c(h, 0.0), fg = g;
        for (std::size_t j = 1; j < h; ++j) {
            for (std::size_t k = 0; k < p; ++k) c[j] += w[k] * fg[k];
            std::vector<double> next(p, 0.0);
            for (std::size_t r = 0; r < p; ++r)
                for (std::size_t k = 0; k < p; ++k) next[r] += F[r * p + k] * fg[k];
            fg = next;
        }
        std::vector<double> theta(h);
        const double z = 1.6448536269514722;
        for (std::size_t i = 0; i < h; ++i) {
            theta[i] = f.point[i] * f.point[i];
            for (std::size_t j = 1; j <= i; ++j) theta[i] += fit.sigma2 * c[j] * c[j] * theta[i - j];
            const double v = (1 + fit.sigma2) * theta[i] - f.point[i] * f.point[i];
            CHECK(f.upper[i] - f.point[i] == Approx(z * std::sqrt(v)).epsilon(1e-9));
            CHECK(f.point[i] - f.lower[i] == Approx(z * std::sqrt(v)).epsilon(1e-9));
        }
    }
}

namespace {

// n values with a season of 12, a trend and deterministic wiggles (no fitting trouble).
std::vector<double> long_series(std::size_t n) {
    std::vector<double> y(n);
    for (std::size_t t = 0; t < n; ++t)
        y[t] = 100 + 0.01 * static_cast<double>(t) + 10 * std::sin(0.5236 * static_cast<double>(t)) +
               std::sin(1.7 * static_cast<double>(t * t % 97));
    return y;
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no domain_error";
}

}  // namespace

TEST_CASE("cost limits: the length of a fitted series", "[forecast]") {
    EtsRequest request;
    request.model = "ANN";  // the limit does not depend on the model; this one is quick
    request.period = 0;
    CHECK(fit_ets(long_series(kEtsMaxValues), request).observations.size() == 5000);
    const std::string message = message_of([&] { fit_ets(long_series(kEtsMaxValues + 1), request); });
    CHECK_THAT(message, Catch::Contains("at most 5,000 values") && Catch::Contains("5,001"));
    // Blank cells before the first and after the last number do not count.
    std::vector<double> padded(10, std::numeric_limits<double>::quiet_NaN());
    const auto y = long_series(kEtsMaxValues);
    padded.insert(padded.end(), y.begin(), y.end());
    padded.resize(padded.size() + 10, std::numeric_limits<double>::quiet_NaN());
    CHECK_NOTHROW(fit_ets(padded, request));
    request.model = "auto";
    request.period = 52;
    CHECK_THROWS_AS(fit_ets(long_series(kEtsMaxValues + 1), request), domain_error);
}

TEST_CASE("cost limits: simulated intervals, and the longest horizon of the others", "[forecast]") {
    EtsRequest request;
    request.model = "MAM";
    request.period = 12;
    const EtsFit simulated = fit_ets(reference_series().at("AirPassengers").values, request);
    CHECK(forecast_ets(simulated, kEtsMaxSimulatedHorizon, 0.95).upper.size() == 1000);
    const std::string message =
        message_of([&] { forecast_ets(simulated, kEtsMaxSimulatedHorizon + 1, 0.95); });
    CHECK_THAT(message,
               Catch::Contains("MAM") && Catch::Contains("at most 1,000") && Catch::Contains("1,001"));
    CHECK(forecast_ets(simulated, 100000).point.size() == 100000);  // without a level: no simulation
    // The analytic intervals (classes 1 and 2) take the longest horizon.
    for (const char* code : {"AAdA", "MAdA"}) {
        request.model = code;
        const EtsFit fit = fit_ets(reference_series().at("USAccDeaths").values, request);
        const EtsForecast f = forecast_ets(fit, 100000, 0.95);
        CHECK(f.lower.size() == 100000);
        CHECK(f.lower.back() < f.point.back());
        CHECK(f.point.back() < f.upper.back());
    }
}

TEST_CASE("cost limits: backtest origins × (values + 100)", "[forecast]") {
    CHECK(ets_max_origins(240) == 15);  // 15 × 340 = 5,100
    CHECK(ets_max_origins(5000) == 1);
    CHECK(ets_max_origins(5001) == 0);
    EtsRequest request;
    request.model = "ANN";
    request.period = 0;
    const auto y = long_series(240);
    CHECK_NOTHROW(backtest_ets(y, 1, request, 15));
    const std::string message = message_of([&] { backtest_ets(y, 1, request, 16); });
    CHECK_THAT(message, Catch::Contains("16 × (240 + 100) = 5,440") && Catch::Contains("at most 15 origins"));
    CHECK_NOTHROW(backtest_ets(long_series(kEtsMaxValues), 1, request, 1));
    CHECK_THROWS_WITH(backtest_ets(long_series(kEtsMaxValues + 1), 1, request, 1),
                      Catch::Contains("at most 5,000 values"));
}
