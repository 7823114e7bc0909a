#include "forecast_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "errors.hpp"
#include "explain.hpp"
#include "forecast.hpp"
#include "forecast_methods.hpp"
#include "keywords.hpp"
#include "theta.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

// The series: one row or one column. Blank cells are gaps (NaN; the core
// trims them at the ends and interpolates inside); text is an error.
std::vector<double> read_series(const Table& table) {
    const auto rows = static_cast<std::size_t>(table.getLength());
    const auto cols = rows ? static_cast<std::size_t>(table[0].getLength()) : 0;
    if (rows == 0 || cols == 0) throw domain_error(msg::fc_range_empty);
    if (rows != 1 && cols != 1)
        throw domain_error(msg::fc_range_not_line, std::to_string(rows), std::to_string(cols));
    if (rows * cols > kMaxCells) throw domain_error(msg::fc_range_too_large);
    std::vector<double> out;
    out.reserve(rows * cols);
    for (std::size_t r = 0; r < rows; ++r) {
        const auto& row = table[static_cast<sal_Int32>(r)];
        if (static_cast<std::size_t>(row.getLength()) != cols)
            throw domain_error(msg::fc_range_not_rectangular);
        for (std::size_t c = 0; c < cols; ++c) {
            const Any& cell = row[static_cast<sal_Int32>(c)];
            const std::size_t index = r * cols + c + 1;
            double value = 0;
            if (cell.getValueTypeClass() == css::uno::TypeClass_DOUBLE && (cell >>= value)) {
                if (!std::isfinite(value))
                    throw domain_error(msg::fc_value_not_finite, std::to_string(index));
                out.push_back(value);
                continue;
            }
            OUString text;
            if (cell.getValueTypeClass() == css::uno::TypeClass_VOID ||
                ((cell >>= text) && text.trim().isEmpty())) {
                out.push_back(std::numeric_limits<double>::quiet_NaN());  // a gap
                continue;
            }
            throw domain_error(msg::fc_value_text, std::to_string(index));
        }
    }
    std::size_t present = 0;
    for (double v : out) present += !std::isnan(v);
    if (present == 0) throw domain_error(msg::fc_range_no_numbers);
    return out;
}

// The season length: empty = detect (nullopt), 0 or 1 = none, else the length.
std::optional<int> period_of(const Any& period) {
    if (const auto given = optional_number(period, "period"))
        return as_integer(*given, "period", 0, kEtsMaxPeriod);
    return std::nullopt;
}

EtsRequest request_of(const Any& model, const Any& period) {
    EtsRequest request;
    // "auto" in any language; model codes (ANN, AAdN, …) are the same everywhere.
    request.model = optional_text(model, "model").value_or("auto");
    if (canonical_keyword("model", request.model) == "auto") request.model = "auto";
    request.period = period_of(period);
    return request;
}

// The methods of FC.FORECAST and FC.BACKTEST (context forecast_method of the keywords), in English
// for the messages; where an error is explained, the reader's language lists its own words.
std::string method_choices() {
    return phrase(msg::special_keyword_choices, "forecast_method",
                  "auto, combination, ets, theta, naive, snaive");
}

// The method a keyword names, in any language; nullopt for any other text. "auto" is the
// combination in FC.FORECAST but ETS "auto" in FC.BACKTEST, which had only ETS before and whose
// saved workbooks say "auto".
std::optional<ForecastRequest> method_of(const std::string& text, bool auto_is_ets) {
    const std::string word = canonical_keyword("forecast_method", text);
    ForecastRequest request;
    if (word == "auto")
        request.method = auto_is_ets ? ForecastMethod::ets : ForecastMethod::combination;
    else if (word == "combination")
        request.method = ForecastMethod::combination;
    else if (word == "ets")
        request.method = ForecastMethod::ets;  // with ets_model "auto"
    else if (word == "theta")
        request.method = ForecastMethod::theta;
    else if (word == "naive")
        request.method = ForecastMethod::naive;
    else if (word == "snaive")
        request.method = ForecastMethod::seasonal_naive;
    else
        return std::nullopt;
    return request;
}

// Forecasts as the cells show them: horizon × 1, or horizon × 3 (point, lower, upper) with a level.
Table forecast_cells(const EtsForecast& forecast, bool with_level) {
    Matrix out(forecast.point.size(), with_level ? 3 : 1);
    for (std::size_t i = 0; i < forecast.point.size(); ++i) {
        out(i, 0) = forecast.point[i];
        if (with_level) {
            out(i, 1) = forecast.lower[i];
            out(i, 2) = forecast.upper[i];
        }
    }
    return to_table(out);
}

// FC.BACKTEST's model: a method keyword or an ETS code (checked here, so that a wrong word is told
// that the methods are possible too).
ForecastRequest backtest_request(const Any& model, const Any& period) {
    const std::string text = optional_text(model, "model").value_or("auto");
    auto request = method_of(text, true);
    if (!request) {
        try {
            parse_ets_models(text);
        } catch (const domain_error& e) {
            if (e.key() == msg::fc_model_code.key)
                throw domain_error(msg::fc_backtest_model_unknown, method_choices(), text);
            throw;  // a code of a model not offered: its own message
        }
        request = ForecastRequest{ForecastMethod::ets, text, std::nullopt};
    }
    request->period = period_of(period);
    return *request;
}

Any number_cell(double value) { return std::isfinite(value) ? Any(value) : Any(); }

// The number of steps to forecast, as every FC function takes it.
int steps_of(double horizon) { return as_integer(horizon, "horizon", 1, kEtsMaxHorizon); }

}  // namespace

Table fc_ets(const Table& values, double horizon, const Any& model, const Any& period, const Any& level) {
    const auto series = read_series(values);
    const int steps = steps_of(horizon);
    const auto coverage = optional_number(level, "level");
    EtsRequest request = request_of(model, period);
    request.horizon = steps;  // the choice keeps these forecasts in the data's range
    const EtsFit fit = fit_ets(series, request);
    return forecast_cells(forecast_ets(fit, steps, coverage), coverage.has_value());
}

Table fc_theta(const Table& values, double horizon, const Any& period, const Any& level) {
    const auto series = read_series(values);
    const int steps = steps_of(horizon);
    const auto coverage = optional_number(level, "level");
    const ThetaFit fit = fit_theta(series, period_of(period));
    return forecast_cells(forecast_theta(fit, steps, coverage), coverage.has_value());
}

Table fc_forecast(const Table& values, double horizon, const Any& method, const Any& period,
                  const Any& level) {
    const auto series = read_series(values);
    const int steps = steps_of(horizon);
    const auto coverage = optional_number(level, "level");
    const std::string text = optional_text(method, "method").value_or("auto");
    auto request = method_of(text, false);
    if (!request) throw domain_error(msg::fc_method_unknown, method_choices(), text);
    request->period = period_of(period);
    return forecast_cells(forecast_series(series, steps, *request, coverage), coverage.has_value());
}

Table fc_ets_info(const Table& values, const Any& model, const Any& period, const Any& horizon,
                  std::string_view language) {
    const auto series = read_series(values);
    EtsRequest request = request_of(model, period);
    if (const auto given = optional_number(horizon, "horizon")) request.horizon = steps_of(*given);
    const EtsFit fit = fit_ets(series, request);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const bool trend = fit.model.trend != EtsTrend::none, season = fit.model.season != EtsSeason::none;
    std::vector<std::pair<std::string, Any>> rows;
    // A label in the reader's language ("malli", "modell"); the rows keep their order in every language.
    const auto label = [&](const Message<0>& text) { return message_text(language, text.key, text.english); };
    rows.emplace_back(label(msg::info_model), Any(OUString::createFromAscii(fit.model.code().c_str())));
    rows.emplace_back(label(msg::info_period), Any(static_cast<double>(fit.period)));
    rows.emplace_back("alpha", number_cell(fit.parameters.alpha));
    rows.emplace_back("beta", number_cell(trend ? fit.parameters.beta : nan));
    rows.emplace_back("gamma", number_cell(season ? fit.parameters.gamma : nan));
    rows.emplace_back("phi", number_cell(fit.model.trend == EtsTrend::damped ? fit.parameters.phi : nan));
    rows.emplace_back(label(msg::info_level0), number_cell(fit.initial_states[0]));
    rows.emplace_back(label(msg::info_slope0), number_cell(trend ? fit.initial_states[1] : nan));
    if (season) {
        // s_{m−1} is the season of the first observation: list them in time order.
        const std::size_t first = trend ? 2 : 1, m = static_cast<std::size_t>(fit.period);
        for (std::size_t j = 0; j < m; ++j)
            rows.emplace_back(label(msg::info_season0) + "_" + std::to_string(j + 1),
                              number_cell(fit.initial_states[first + m - 1 - j]));
    }
    rows.emplace_back(label(msg::info_loglik), number_cell(fit.log_likelihood));
    rows.emplace_back("aic", number_cell(fit.aic));
    rows.emplace_back("aicc", number_cell(fit.aicc));
    rows.emplace_back("bic", number_cell(fit.bic));
    rows.emplace_back(label(msg::info_sigma), number_cell(std::sqrt(fit.sigma2)));
    rows.emplace_back("mase", number_cell(fit.mase));
    rows.emplace_back(label(msg::info_n), Any(static_cast<double>(fit.observations.size())));
    Table out(static_cast<sal_Int32>(rows.size()));
    auto* cells = out.getArray();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        css::uno::Sequence<Any> row(2);
        row.getArray()[0] = Any(OUString::fromUtf8(OString(rows[i].first.c_str())));
        row.getArray()[1] = rows[i].second;
        cells[i] = std::move(row);
    }
    return out;
}

Table fc_backtest(const Table& values, double horizon, const Any& model, const Any& period,
                  const Any& origins) {
    const auto series = read_series(values);
    const int steps = steps_of(horizon);
    int count = 0;
    if (const auto given = optional_number(origins, "origins")) {
        count = as_integer(*given, "origins", 1, kEtsMaxOrigins);
    } else {
        // Default: 5 origins, fewer when the series is short (at least 4 + period points must stay)
        // or when the cost limit allows fewer (origins × (values + 100), see forecast.hpp).
        std::size_t present = 0, first = series.size(), last = 0;
        for (std::size_t i = 0; i < series.size(); ++i)
            if (!std::isnan(series[i])) {
                ++present;
                first = std::min(first, i);
                last = i;
            }
        const long spare = static_cast<long>(present) - steps - 2 * 4;
        const auto affordable = static_cast<long>(ets_max_origins(last - first + 1));
        count = static_cast<int>(std::clamp<long>(std::min(spare, affordable), 1, 5));
    }
    const Accuracy a = backtest_series(series, steps, backtest_request(model, period), count);
    Matrix out(4, 1);
    out(0, 0) = a.mae;
    out(1, 0) = a.rmse;
    out(2, 0) = a.smape;
    out(3, 0) = a.mase;
    return to_table(out);
}

}  // namespace kuntaplan::addin
