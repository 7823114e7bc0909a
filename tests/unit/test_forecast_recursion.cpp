// The ETS recursion is written out several times in core/forecast.cpp, for
// speed: the state-vector form of forecast's etscalc.c (run_recursion(), behind
// evaluate_ets() and every final fit: the fitted values, residuals, final
// states and likelihood), the objective the optimiser evaluates thousands of
// times per fit (specialised per model, seasonal states in a ring), the forward
// and the backward pass of its reverse-mode gradient, and the sample paths of
// the simulated intervals. The first is the reference: "fixed models reproduce
// ets() fitted values, forecasts and intervals" checks it against R on all 15
// models. This file checks every other copy against it, on all 15 models, so
// that a change to one copy that is not made to the others fails here.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "ets_fixtures.hpp"
#include "forecast.hpp"

using namespace kuntaplan;
using namespace kuntaplan::ets_fixtures;

namespace {

struct Point {
    EtsParameters p;
    std::vector<double> states;
};

// The reference objective n·log(Σe²) [+ 2·Σlog|ŷ|]; evaluate_ets() reports −½ of it (scaling by −2 is exact).
double reference_objective(std::span<const double> y, const EtsModel& model, int period, const Point& x) {
    return -2 * evaluate_ets(y, model, period, x.p, x.states).log_likelihood;
}

// A point away from R's estimate, inside the parameter region: there the gradient is far from 0 (at the
// estimate most of it is about 0, which would show little of a wrong derivative).
Point moved(const EtsModel& model, const Point& r) {
    Point x = r;
    x.p.alpha = 0.2 + 0.5 * r.p.alpha;
    if (model.trend != EtsTrend::none) x.p.beta = 0.3 * x.p.alpha;
    if (model.season != EtsSeason::none) x.p.gamma = 0.3 * (1 - x.p.alpha);
    if (model.trend == EtsTrend::damped) x.p.phi = 0.9;
    return x;
}

// One partial derivative of the reference objective by the five-point central difference
// (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h)))/12h, truncation error O(h⁴), at steps h and h/4.
struct Derivative {
    double value;  // at step h/4
    double error;  // a bound on the error of `value`, see below
};

template <typename Change>
Derivative central_difference(const std::vector<double>& y, const EtsModel& model, int period, const Point& x,
                              Change change, double h, double f) {
    auto at = [&](double d) {
        Point z = x;
        change(z, d);
        return reference_objective(y, model, period, z);
    };
    auto five_point = [&](double step) {
        return (8 * (at(step) - at(-step)) - (at(2 * step) - at(-2 * step))) / (12 * step);
    };
    const double coarse = five_point(h), fine = five_point(h / 4);
    // The truncation error of `fine` is about 1/256 of that of `coarse`, so |coarse − fine| bounds it with a
    // factor of about 255 to spare (Richardson). Its rounding error is at most 18/12 · δf/(h/4), δf being the
    // rounding error of one objective: bounded here by 1e-13·|f| (each of the at most about 500 steps adds a
    // relative error of about 1e-16: at worst 5e-14·|f|, typically much less).
    return {fine, std::fabs(coarse - fine) + 1.5 * 1e-13 * std::fabs(f) / (h / 4)};
}

}  // namespace

TEST_CASE("forecast: every copy of the ETS recursion agrees with the reference one", "[forecast]") {
    // R's estimates of the 15 models on the real series of R's datasets (13–20 series each): the
    // parameters and initial states of ets_fixed.csv, and a point moved away from each.
    const auto rows = read_reference("ets_fixed.csv");
    REQUIRE(rows.size() > 200);
    std::vector<std::string> models_seen;
    int values = 0, derivatives = 0, sharp = 0, paths = 0, guarded = 0;
    for (const auto& row : rows) {
        INFO(row.at("series") << " " << row.at("model"));
        const EtsModel model = model_of(row.at("model"));
        if (std::find(models_seen.begin(), models_seen.end(), model.code()) == models_seen.end())
            models_seen.push_back(model.code());
        const std::vector<double>& y = reference_series().at(row.at("series")).values;
        const int period = std::stoi(row.at("period"));
        const Point estimate{{std::stod(row.at("alpha")), std::stod(row.at("beta")),
                              std::stod(row.at("gamma")), std::stod(row.at("phi"))},
                             numbers(row.at("states"))};
        for (const Point& x : {estimate, moved(model, estimate)}) {
            INFO("alpha " << x.p.alpha << " beta " << x.p.beta << " gamma " << x.p.gamma << " phi "
                          << x.p.phi);
            const EtsFit reference_fit = evaluate_ets(y, model, period, x.p, x.states);
            const double reference = -2 * reference_fit.log_likelihood;
            REQUIRE(std::isfinite(reference));

            // The objective pass and the gradient's forward pass do the reference's floating-point
            // operations in the same order, except that Σlog|ŷ| is one log of a product (kept as
            // mantissa · 2^exponent) instead of a sum of logs: a difference of a few units in the last place
            // per step at most (found: 1.1e-15 relative). 1e-12 relative also leaves room for a compiler
            // that contracts a multiply and an add into one FMA in one copy and not in another; a changed
            // formula changes the objective by orders of magnitude more.
            const double objective = detail::ets_objective(y, model, period, x.p, x.states);
            std::vector<double> g_parameters(4), g_states(x.states.size());
            const double forward =
                detail::ets_objective_gradient(y, model, period, x.p, x.states, g_parameters, g_states);
            // A multiplicative error needs positive forecasts: where the reference has one that is not,
            // the optimiser's objective is undefined (NaN), so that the search never settles there.
            if (model.error == EtsError::multiplicative &&
                std::any_of(reference_fit.fitted.begin(), reference_fit.fitted.end(),
                            [](double f) { return !(f > 0); })) {
                CHECK(std::isnan(objective));
                CHECK(std::isnan(forward));
                ++guarded;
                continue;
            }
            CHECK(std::fabs(objective - reference) <= 1e-12 * std::fabs(reference));
            CHECK(std::fabs(forward - reference) <= 1e-12 * std::fabs(reference));
            values += 2;

            // The backward pass: each partial derivative against the central difference of the reference, to
            // 1e-6 relative to 1 + |∂f| beyond the bound on the difference's own error (a wrong derivative is
            // off by O(1)). Steps: 1e-3 of a parameter (at least 1e-5); for a state, 1e-3 of the residuals'
            // scale (σ in the data's units, or relative for a multiplicative seasonal state), so that the
            // step changes the errors little against their size even for a near-perfect fit.
            auto check = [&](auto change, double h, double analytic, const char* what) {
                const Derivative numeric = central_difference(y, model, period, x, change, h, reference);
                INFO(what << ": analytic " << analytic << ", numeric " << numeric.value << " ± "
                          << numeric.error);
                const double scale = 1 + std::fabs(analytic);
                CHECK(std::fabs(numeric.value - analytic) <= 1e-6 * scale + numeric.error);
                ++derivatives;
                sharp += numeric.error <= 1e-5 * scale;
            };
            auto parameter_step = [](double v) { return 1e-3 * std::max(std::fabs(v), 1e-2); };
            check([](Point& z, double d) { z.p.alpha += d; }, parameter_step(x.p.alpha), g_parameters[0],
                  "alpha");
            if (model.trend != EtsTrend::none)
                check([](Point& z, double d) { z.p.beta += d; }, parameter_step(x.p.beta), g_parameters[1],
                      "beta");
            if (model.season != EtsSeason::none)
                check([](Point& z, double d) { z.p.gamma += d; }, parameter_step(x.p.gamma), g_parameters[2],
                      "gamma");
            if (model.trend == EtsTrend::damped)
                check([](Point& z, double d) { z.p.phi += d; }, parameter_step(x.p.phi), g_parameters[3],
                      "phi");
            const bool multiplicative_error = model.error == EtsError::multiplicative;
            const double sigma = std::sqrt(reference_fit.sigma2), level = std::fabs(x.states[0]);
            const double sigma_absolute = multiplicative_error ? sigma * level : sigma;
            const double sigma_relative = multiplicative_error ? sigma : sigma / level;
            const std::size_t first_season = model.trend != EtsTrend::none ? 2 : 1;
            for (std::size_t i = 0; i < x.states.size(); ++i) {
                const bool relative_state = model.season == EtsSeason::multiplicative && i >= first_season;
                const double h =
                    1e-3 * (relative_state ? sigma_relative * std::fabs(x.states[i]) : sigma_absolute);
                check([i](Point& z, double d) { z.states[i] += d; }, h, g_states[i], "initial state");
            }
        }

        // The simulated paths (class 3): with given relative errors ε_i, each value of the path must be
        // the reference's one-step forecast from the same states times (1 + ε_i). Same operations in the
        // same order (found: equal to the last bit); 1e-12 relative as above.
        if (model.error == EtsError::multiplicative && model.season == EtsSeason::multiplicative) {
            const EtsFit fit = evaluate_ets(y, model, period, estimate.p, estimate.states);
            std::vector<double> errors(3 * static_cast<std::size_t>(period));
            for (std::size_t i = 0; i < errors.size(); ++i)
                errors[i] = 0.05 * std::sin(1.3 * static_cast<double>(i) + 0.7);
            const std::vector<double> path = detail::ets_simulated_path(fit, errors);
            const EtsFit along = evaluate_ets(path, model, period, fit.parameters, fit.final_states);
            for (std::size_t i = 0; i < path.size(); ++i)
                CHECK(std::fabs(path[i] - along.fitted[i] * (1 + errors[i])) <= 1e-12 * std::fabs(path[i]));
            ++paths;
        }
    }
    std::printf(
        "ETS recursion copies: %zu models, %d objectives, %d partial derivatives (%d within 1e-5), %d "
        "simulated "
        "paths, %d points with a forecast <= 0 (undefined)\n",
        models_seen.size(), values, derivatives, sharp, paths, guarded);
    CHECK(models_seen.size() == 15);
    // The tolerance of a derivative widens where the central difference is inexact (a parameter near 0, a
    // near-perfect fit); most must still be tested to 1e-5 (found: 98 %; the tolerance is 30× the largest
    // difference found).
    CHECK(sharp * 100 >= derivatives * 95);
    CHECK(paths >= 30);
}
