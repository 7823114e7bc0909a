#include "forecast_functions.hpp"

#include "errors.hpp"

#pragma GCC diagnostic ignored "-Wunused-parameter"

namespace kuntaplan::addin {

// PLACEHOLDER while the models are written on their branch; replaced before release.
Table fc_ets(const Table& values, double horizon, const css::uno::Any& model, const css::uno::Any& period, const css::uno::Any& level) {
    throw domain_error("FC.ETS is not available yet");
}

Table fc_ets_info(const Table& values, const css::uno::Any& model, const css::uno::Any& period) {
    throw domain_error("FC.ETS.INFO is not available yet");
}

Table fc_backtest(const Table& values, double horizon, const css::uno::Any& model, const css::uno::Any& period, const css::uno::Any& origins) {
    throw domain_error("FC.BACKTEST is not available yet");
}

}  // namespace kuntaplan::addin
