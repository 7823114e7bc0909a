// Tests of core/theta.hpp against R's forecast::thetaf (forecast 8.20): every
// M1 and Tourism series (fixtures in tests/reference/forecast/, made by
// make_competition_reference.R), short and constant series (numbers made
// with Rscript, quoted below), the fit's properties, and the error paths.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ets_fixtures.hpp"
#include "forecast.hpp"
#include "theta.hpp"

using namespace kuntaplan;

namespace {

double relative(double a, double b) { return std::fabs(a - b) / std::max(1.0, std::fabs(b)); }

// The lines of a CSV without quoting (the competition files have none), split
// at commas; the header skipped. Plain splitting: the values file has 235,000
// rows, and the test also runs under the sanitizers.
std::vector<std::vector<std::string>> lines_of(const std::string& name) {
    std::ifstream in(std::string(KUNTAPLAN_REFERENCE_DIR) + "/forecast/" + name);
    if (!in) throw std::runtime_error("cannot open tests/reference/forecast/" + name);
    std::vector<std::vector<std::string>> out;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ',')) fields.push_back(field);
        out.push_back(std::move(fields));
    }
    return out;
}

struct CompetitionSeries {
    std::string name;
    int period = 1, h = 0;
    std::vector<double> train;
};

// The training parts of M1 and Tourism (tests/reference/forecast/README.md:
// series,set,category,period,n_train,h,start,source_note and series,t,value,role).
std::vector<CompetitionSeries> competition_series() {
    std::vector<CompetitionSeries> out;
    for (const std::string set : {"m1", "tourism"}) {
        std::map<std::string, std::size_t> index;
        for (const auto& f : lines_of(set + "_series.csv")) {
            index[f.at(0)] = out.size();
            CompetitionSeries s;
            s.name = f.at(0);
            s.period = std::stoi(f.at(3));
            s.h = std::stoi(f.at(5));
            s.train.resize(std::stoul(f.at(4)));
            out.push_back(std::move(s));
        }
        for (const auto& f : lines_of(set + "_values.csv")) {
            if (f.at(3) != "train") continue;
            out[index.at(f.at(0))].train.at(std::stoul(f.at(1)) - 1) = std::stod(f.at(2));
        }
    }
    return out;
}

struct RTheta {
    std::vector<double> mean, lo80, hi80, lo95, hi95;
    bool seasonal = false;
    double alpha = 0, drift = 0, sigma2 = 0;
};

std::map<std::string, RTheta> r_theta() {
    std::map<std::string, RTheta> out;
    // series,method,step,mean,lo80,hi80,lo95,hi95 (rows in step order)
    for (const auto& f : lines_of("r_forecasts.csv")) {
        if (f.at(1) != "theta") continue;
        RTheta& r = out[f.at(0)];
        r.mean.push_back(std::stod(f.at(3)));
        r.lo80.push_back(std::stod(f.at(4)));
        r.hi80.push_back(std::stod(f.at(5)));
        r.lo95.push_back(std::stod(f.at(6)));
        r.hi95.push_back(std::stod(f.at(7)));
    }
    // series,ets_model,ets_loglik,ets_aicc,theta_seasonal,theta_alpha,theta_drift,theta_sigma2,…
    for (const auto& f : lines_of("r_fits.csv")) {
        RTheta& r = out.at(f.at(0));
        r.seasonal = f.at(4) == "1";
        r.alpha = std::stod(f.at(5));
        r.drift = std::stod(f.at(6));
        r.sigma2 = std::stod(f.at(7));
    }
    return out;
}

const std::vector<double>& reference_values(const std::string& name) {
    return ets_fixtures::reference_series().at(name).values;
}

}  // namespace

// The criterion: points and both intervals within 1e-6 of thetaf,
// relative to max(1, |R's value|), on every series; α, drift and σ² too, and
// the same seasonality decision. Measured: points within 8e-14, intervals
// within 1e-12, α identical to the last bit: fit_theta runs R's search from
// R's start (theta.cpp), so only the rounding of a few sums differs.
TEST_CASE("Theta reproduces thetaf on every M1 and Tourism series", "[theta][reference]") {
    const auto all = competition_series();
    const auto reference = r_theta();
    REQUIRE(all.size() == 2312);
    std::size_t failures = 0, seasonal = 0;
    double worst = 0;
    std::string worst_series, first_failures;
    for (const auto& s : all) {
        const RTheta& r = reference.at(s.name);
        REQUIRE(r.mean.size() == static_cast<std::size_t>(s.h));
        const ThetaFit fit = fit_theta(s.train, s.period);
        const EtsForecast f80 = forecast_theta(fit, s.h, 0.80), f95 = forecast_theta(fit, s.h, 0.95);
        double d = std::max({std::fabs(fit.alpha - r.alpha), relative(fit.drift, r.drift),
                             std::fabs(fit.sigma2 - r.sigma2) / std::max(1.0, r.sigma2)});
        for (int i = 0; i < s.h; ++i)
            d = std::max({d, relative(f80.point[i], r.mean[i]), relative(f95.point[i], r.mean[i]),
                          relative(f80.lower[i], r.lo80[i]), relative(f80.upper[i], r.hi80[i]),
                          relative(f95.lower[i], r.lo95[i]), relative(f95.upper[i], r.hi95[i])});
        seasonal += fit.seasonal ? 1 : 0;
        if (d > worst) {
            worst = d;
            worst_series = s.name;
        }
        if (d > 1e-6 || fit.seasonal != r.seasonal) {
            if (++failures <= 10) first_failures += " " + s.name;
        }
    }
    INFO("largest relative difference " << worst << " (" << worst_series << "); failing:" << first_failures);
    CHECK(failures == 0);
    // Both kinds are exercised: thetaf finds a season in about half of them.
    CHECK(seasonal > 1000);
}

// The exact least-squares optimum (α and ℓ0) is the true minimum: never
// above R's stop (1e-12 relative: rounding of the sums). It is lower by more
// than 1e-6 relative on about a fifth of the series, which moves forecasts
// by more than 1e-6: why fit_theta follows R's search instead.
TEST_CASE("Theta's exact least-squares fit is never worse than R's search", "[theta]") {
    std::size_t lower = 0;
    for (const auto& s : competition_series()) {
        const ThetaFit r = fit_theta(s.train, s.period);
        const ThetaFit exact = detail::fit_theta(s.train, s.period, detail::SesEstimation::least_squares);
        REQUIRE(exact.seasonal == r.seasonal);
        CHECK(exact.sigma2 <= r.sigma2 * (1 + 1e-12));
        lower += exact.sigma2 < r.sigma2 * (1 - 1e-6) ? 1 : 0;
    }
    CHECK(lower > 100);
}

// thetaf on series of n ≤ 6, where ses() gives the series to HoltWinters:
// ℓ0 = the first value, α in [0, 1] minimising the squared errors by R's
// L-BFGS-B, σ² = their mean. Numbers from R 4.2.2, forecast 8.20:
//   thetaf(ts(airmiles[1:5]), h = 3, level = c(80, 95)) and
//   thetaf(ts(LakeHuron[1:6]), h = 3, level = c(80, 95)), printed with %.17g.
// airmiles[1:5]: α = 1 on the bound, the same arithmetic: 1e-12. LakeHuron:
// α inside (0.024609 in R), where L-BFGS-B stops within its tolerance of the
// exact minimum found here: 1e-6 relative (measured 9e-9).
TEST_CASE("Theta on very short series agrees with thetaf's HoltWinters route", "[theta][reference]") {
    struct Case {
        std::vector<double> values;
        double alpha, drift, sigma2, tolerance;
        std::vector<std::vector<double>> r;  // mean, lo80, hi80, lo95, hi95
    };
    const std::vector<Case> cases{
        {{412, 480, 683, 1052, 1385},
         1,
         125.90000000000001,
         58576.599999999999,
         1e-12,
         {{1510.9000000000001, 1636.8, 1762.7},
          {1200.7311602264588, 1198.1550201667303, 1225.4718105875361},
          {1821.0688397735414, 2075.4449798332698, 2299.9281894124642},
          {1036.5376946296519, 965.95039426668598, 941.08038590305432},
          {1985.2623053703483, 2307.6496057333138, 2584.3196140969458}}},
        {{580.38, 581.86, 580.97, 580.8, 579.79, 580.39},
         0.024609271495179132,
         -0.090428571428598989,
         0.50936848575650095,
         1e-6,
         {{579.91209173393963, 579.82166316251096, 579.7312345910824},
          {578.99744766716276, 578.90674217600258, 578.81603676863267},
          {580.82673580071651, 580.73658414901934, 580.64643241353212},
          {578.51326434552004, 578.4224122619089, 578.33156030644386},
          {581.31091912235922, 581.22091406311301, 581.13090887572093}}},
    };
    for (const auto& c : cases) {
        const ThetaFit fit = fit_theta(c.values, std::nullopt);
        CHECK_FALSE(fit.seasonal);
        CHECK(std::fabs(fit.alpha - c.alpha) < 1e-4);  // R's stop: α to about 1e-5
        CHECK(relative(fit.drift, c.drift) < 1e-12);
        CHECK(relative(fit.sigma2, c.sigma2) < c.tolerance);
        const EtsForecast f80 = forecast_theta(fit, 3, 0.80), f95 = forecast_theta(fit, 3, 0.95);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(relative(f80.point[i], c.r[0][i]) < c.tolerance);
            CHECK(relative(f80.lower[i], c.r[1][i]) < c.tolerance);
            CHECK(relative(f80.upper[i], c.r[2][i]) < c.tolerance);
            CHECK(relative(f95.lower[i], c.r[3][i]) < c.tolerance);
            CHECK(relative(f95.upper[i], c.r[4][i]) < c.tolerance);
        }
    }
}

// A seasonal series outside the competition sets, with the period detected:
// thetaf(USAccDeaths, h = 4, level = c(80, 95)) in R 4.2.2, forecast 8.20
// (frequency 12; FC.THETA without a period detects 12). 1e-9: the same
// arithmetic (measured 1e-14).
TEST_CASE("Theta with a detected season agrees with thetaf", "[theta][reference]") {
    const auto& y = reference_values("USAccDeaths");
    REQUIRE(detect_period(y) == 12);
    const ThetaFit fit = fit_theta(y, std::nullopt);
    CHECK(fit.period == 12);
    CHECK(fit.seasonal);
    REQUIRE(fit.seasonal_indices.size() == 12);
    CHECK(relative(fit.alpha, 0.55170261162723444) < 1e-9);
    CHECK(relative(fit.drift, -5.8496339295881867) < 1e-9);
    CHECK(relative(fit.sigma2, 68158.564731606151) < 1e-9);
    const std::vector<std::vector<double>> r{
        {8270.6938063391572, 7508.9238670619334, 8322.1248067686956, 8554.143505356531},
        {7936.11663603532, 7126.8057179566913, 7897.7586006887232, 8091.3702629906802},
        {8605.2709766429944, 7891.0420161671755, 8746.4910128486681, 9016.9167477223818},
        {7759.0021807539033, 6924.5245887019428, 7673.112701025455, 7846.3929064483618},
        {8782.385431924411, 8093.323145421924, 8971.1369125119363, 9261.8941042647002}};
    const EtsForecast f80 = forecast_theta(fit, 4, 0.80), f95 = forecast_theta(fit, 4, 0.95);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(relative(f80.point[i], r[0][i]) < 1e-9);
        CHECK(relative(f80.lower[i], r[1][i]) < 1e-9);
        CHECK(relative(f80.upper[i], r[2][i]) < 1e-9);
        CHECK(relative(f95.lower[i], r[3][i]) < 1e-9);
        CHECK(relative(f95.upper[i], r[4][i]) < 1e-9);
    }
    // Given explicitly, the same fit.
    const ThetaFit given = fit_theta(y, 12);
    CHECK(given.alpha == fit.alpha);
    CHECK(given.seasonal_indices == fit.seasonal_indices);
    // Without a season: no adjustment.
    for (int none : {0, 1}) {
        const ThetaFit plain = fit_theta(y, none);
        CHECK(plain.period == 1);
        CHECK_FALSE(plain.seasonal);
        CHECK(plain.seasonal_indices.empty());
    }
}

// The indices of the steps after the last value: thetaf multiplies step k by
// the index of the cycle position of time n + k; the indices have mean 1.
TEST_CASE("Theta's seasonal indices follow the cycle after the last value", "[theta]") {
    const auto& y = reference_values("USAccDeaths");
    const ThetaFit full = fit_theta(y, 12);
    const ThetaFit shorter = fit_theta(std::span<const double>(y).first(y.size() - 1), 12);
    REQUIRE(full.seasonal);
    REQUIRE(shorter.seasonal);
    double mean = 0;
    for (double s : full.seasonal_indices) mean += s / 12;
    CHECK(mean == Approx(1).epsilon(1e-12));
    // One value fewer: the same cycle, one position earlier. The indices
    // differ a little, one ratio fewer entering one position's mean
    // (measured 0.24 %); a shift by one position would differ by up to 11 %.
    for (std::size_t k = 0; k < 12; ++k)
        CHECK(shorter.seasonal_indices[(k + 1) % 12] == Approx(full.seasonal_indices[k]).epsilon(0.01));
    // The forecast of step k is the non-seasonal one times the index.
    const EtsForecast f = forecast_theta(full, 24);
    const double start = (1 - std::pow(1 - full.alpha, static_cast<double>(y.size()))) / full.alpha;
    for (std::size_t k = 0; k < 24; ++k) {
        const double plain = full.final_level + full.drift * (static_cast<double>(k) + start);
        CHECK(f.point[k] == Approx(plain * full.seasonal_indices[k % 12]).epsilon(1e-14));
    }
}

// thetaf on a constant series: rep(5, 12) (also with frequency 4) gives the
// constant, zero-width intervals and α = 0.20006, ets()'s start, where its
// search stays (R 4.2.2, forecast 8.20).
TEST_CASE("Theta on a constant series gives the constant", "[theta][reference]") {
    const std::vector<double> y(12, 5.0);
    for (std::optional<int> period : {std::optional<int>(1), std::optional<int>(4), std::optional<int>()}) {
        const ThetaFit fit = fit_theta(y, period);
        CHECK_FALSE(fit.seasonal);
        CHECK(fit.alpha == Approx(0.20006).epsilon(1e-12));
        CHECK(fit.sigma2 == 0);
        const EtsForecast f = forecast_theta(fit, 3, 0.95);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(f.point[i] == 5);
            CHECK(f.lower[i] == 5);
            CHECK(f.upper[i] == 5);
        }
    }
}

// A given season the series is too short to test (n ≤ 2m): no adjustment,
// as in thetaf, and no error. The series: 1 with a 10 every 12th value; with
// 24 values the statistic would pass (|r_12|/bound = 2.33 in R's acf), with
// 25 it is tested and passes (thetaf's forecasts: 0.7188, 0.6758 for 24,
// the season's 1, 1 for 25; R 4.2.2, forecast 8.20).
TEST_CASE("Theta tests a season only with more than two cycles", "[theta][reference]") {
    auto spikes = [](std::size_t n) {
        std::vector<double> y(n, 1.0);
        for (std::size_t i = 0; i < n; i += 12) y[i] = 10;
        return y;
    };
    const ThetaFit two = fit_theta(spikes(24), 12);
    CHECK(two.period == 12);
    CHECK_FALSE(two.seasonal);
    CHECK(forecast_theta(two, 1).point[0] == Approx(0.7187937).epsilon(1e-6));
    const ThetaFit more = fit_theta(spikes(25), 12);
    CHECK(more.seasonal);
    for (double v : forecast_theta(more, 2).point) CHECK(v == Approx(1).epsilon(1e-9));
}

// Gaps: the series after fill_gaps (leading and trailing gaps dropped,
// interior ones filled linearly).
TEST_CASE("Theta fills gaps as FC.ETS does", "[theta]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> filled{412, 480, 683, 1052, 1385, 1418, 1634, 2178, 3362, 5948, 6109, 5981};
    std::vector<double> gappy = filled;
    gappy[3] = nan;
    gappy.insert(gappy.begin(), nan);
    gappy.push_back(nan);
    std::vector<double> expected = filled;
    expected[3] = (683.0 + 1385.0) / 2;
    const ThetaFit a = fit_theta(gappy, 1), b = fit_theta(expected, 1);
    CHECK(a.observations == expected);
    CHECK(a.alpha == b.alpha);
    CHECK(forecast_theta(a, 5).point == forecast_theta(b, 5).point);
}

// Values so large that ets()'s search cannot score its bounds (mean squared
// error ≥ 1e35; thetaf fails there) are fitted by exact least squares: the
// forecast is then the scaled forecast of the scaled-down series' exact fit
// (Theta is scale-equivariant). Beyond about 1e154 the squares overflow.
TEST_CASE("Theta on extreme values", "[theta]") {
    const std::vector<double> base{412, 480, 683, 1052, 1385, 1418, 1634, 2178, 3362, 5948, 6109, 5981};
    std::vector<double> big;
    for (double v : base) big.push_back(v * 1e20);
    const ThetaFit exact = detail::fit_theta(base, 1, detail::SesEstimation::least_squares);
    const ThetaFit fit = fit_theta(big, 1);
    CHECK(fit.alpha == Approx(exact.alpha).epsilon(1e-6));
    const EtsForecast f = forecast_theta(fit, 3, 0.9), g = forecast_theta(exact, 3, 0.9);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(f.point[i] == Approx(g.point[i] * 1e20).epsilon(1e-6));
        CHECK(f.upper[i] == Approx(g.upper[i] * 1e20).epsilon(1e-6));
    }
    std::vector<double> huge;
    for (double v : base) huge.push_back(v * 1e300);
    CHECK_THROWS_AS(fit_theta(huge, 1), domain_error);
}

TEST_CASE("Theta rejects input it cannot use", "[theta][errors]") {
    const double nan = std::numeric_limits<double>::quiet_NaN(),
                 inf = std::numeric_limits<double>::infinity();
    const std::vector<double> y{412, 480, 683, 1052, 1385, 1418, 1634, 2178};
    // Too few values (after dropping the gaps at the ends), none, a non-finite value.
    CHECK_THROWS_AS(fit_theta(std::vector<double>{1, 2, 3}, std::nullopt), domain_error);
    CHECK_THROWS_AS(fit_theta(std::vector<double>{nan, 1, 2, 3, nan}, std::nullopt), domain_error);
    CHECK_THROWS_AS(fit_theta(std::vector<double>{}, std::nullopt), domain_error);
    CHECK_THROWS_AS(fit_theta(std::vector<double>(6, nan), std::nullopt), domain_error);
    CHECK_THROWS_AS(fit_theta(std::vector<double>{1, 2, inf, 4, 5}, std::nullopt), domain_error);
    // More values than the cost limit of the forecasting functions.
    CHECK_THROWS_AS(fit_theta(std::vector<double>(kEtsMaxValues + 1, 1.0), std::nullopt), domain_error);
    CHECK_NOTHROW(fit_theta(std::vector<double>(kEtsMaxValues, 1.0), std::nullopt));
    // Periods outside 0 … kEtsMaxPeriod.
    CHECK_THROWS_AS(fit_theta(y, -1), domain_error);
    CHECK_THROWS_AS(fit_theta(y, kEtsMaxPeriod + 1), domain_error);
    CHECK_NOTHROW(fit_theta(y, kEtsMaxPeriod));
    // Horizon outside 1 … kEtsMaxHorizon; level outside (0, 1).
    const ThetaFit fit = fit_theta(y, std::nullopt);
    CHECK_THROWS_AS(forecast_theta(fit, 0), domain_error);
    CHECK_THROWS_AS(forecast_theta(fit, kEtsMaxHorizon + 1), domain_error);
    CHECK_NOTHROW(forecast_theta(fit, kEtsMaxHorizon));
    for (double level : {0.0, 1.0, -0.5, 1.5, nan})
        CHECK_THROWS_AS(forecast_theta(fit, 3, level), domain_error);
    // The messages name the input.
    try {
        fit_theta(std::vector<double>{1, 2, 3}, std::nullopt);
        FAIL("no error");
    } catch (const domain_error& e) {
        CHECK(e.key() == "fc_too_few_values");
    }
}
