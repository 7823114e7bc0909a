// Forecasting: FC.ETS, FC.ETS.INFO, FC.THETA, FC.FORECAST, FC.BACKTEST.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table fc_ets(const Table& values, double horizon, const css::uno::Any& model, const css::uno::Any& period,
             const css::uno::Any& level);
// The row labels are in `language` ("en", "fi", "sv": the add-in's locale, i.e. the UI language).
// With a horizon, "auto" chooses as FC.ETS with that horizon does (the data's range, see
// EtsRequest::horizon), so that the table shows the model FC.ETS forecasts with.
Table fc_ets_info(const Table& values, const css::uno::Any& model, const css::uno::Any& period,
                  const css::uno::Any& horizon = css::uno::Any(), std::string_view language = "en");
Table fc_theta(const Table& values, double horizon, const css::uno::Any& period, const css::uno::Any& level);
// `method`: "auto" (the combination), "combination", "ets", "theta", "naive", "snaive", in any language.
Table fc_forecast(const Table& values, double horizon, const css::uno::Any& method,
                  const css::uno::Any& period, const css::uno::Any& level);
// `model`: an ETS code, "auto" (ETS with the model chosen by AICc, as before FC.FORECAST existed) or
// a method of FC.FORECAST ("ets" = ETS "auto", "combination" = FC.FORECAST's "auto").
Table fc_backtest(const Table& values, double horizon, const css::uno::Any& model,
                  const css::uno::Any& period, const css::uno::Any& origins);

}  // namespace kuntaplan::addin
