// Forecasting: FC.ETS, FC.ETS.INFO, FC.BACKTEST.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table fc_ets(const Table& values, double horizon, const css::uno::Any& model, const css::uno::Any& period,
             const css::uno::Any& level);
// The row labels are in `language` ("en", "fi", "sv": the add-in's locale, i.e. the UI language).
Table fc_ets_info(const Table& values, const css::uno::Any& model, const css::uno::Any& period,
                  std::string_view language = "en");
Table fc_backtest(const Table& values, double horizon, const css::uno::Any& model,
                  const css::uno::Any& period, const css::uno::Any& origins);

}  // namespace kuntaplan::addin
