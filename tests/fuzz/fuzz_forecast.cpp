// libFuzzer target for core/forecast.hpp: arbitrary bytes become a short
// series (with gaps, NaN, ±inf, zeros, negatives, huge and tiny values), a
// model code, a period, a horizon and a level, for fit_ets, forecast_ets and
// backtest_ets. The models may only throw domain_error or no_convergence; any
// other exception, a crash, UB (under -fsanitize) or a non-finite forecast or
// interval of a call that succeeded aborts the run.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "forecast.hpp"
#include "fuzz_checks.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

double value(FuzzedDataProvider& in, double level) {
    static const double special[] = {std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     0.0,
                                     -0.0,
                                     -1.0,
                                     1e308,
                                     -1e308,
                                     1e-310,
                                     1e150,
                                     1e-150};
    const std::uint8_t pick = in.ConsumeIntegral<std::uint8_t>();
    if (pick < 12) return special[pick % (sizeof special / sizeof special[0])];
    if (pick < 24) return in.ConsumeFloatingPoint<double>();
    return level * (0.5 + in.ConsumeProbability<double>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    static const char* codes[] = {"auto", "ANN",  "AAN", "AAdN", "MNN", "MAdN", "ANA", "AAA", "MNM",
                                  "MAM",  "MAdM", "ZZN", "MZZ",  "AAM", "MMN",  "bad", ""};
    EtsRequest request;
    request.model = codes[in.ConsumeIntegralInRange<int>(0, sizeof codes / sizeof codes[0] - 1)];
    const int period = in.ConsumeIntegralInRange<int>(-2, 14);
    if (period != -2) request.period = period;
    const int horizon = in.ConsumeIntegralInRange<int>(-1, 30);
    const bool with_level = in.ConsumeBool();
    const double level = with_level ? in.ConsumeFloatingPoint<double>() : 0.95;
    const double scale = std::pow(10.0, in.ConsumeIntegralInRange<int>(-6, 12));
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 60);
    std::vector<double> y;
    for (std::size_t i = 0; i < n && in.remaining_bytes() > 0; ++i) y.push_back(value(in, scale));
    try {
        const EtsFit fit = fit_ets(y, request);
        require_finite(fit.fitted, "non-finite fitted value");
        const EtsForecast f =
            forecast_ets(fit, horizon, with_level ? std::optional<double>(level) : std::nullopt);
        require_finite(f.point, "non-finite forecast");
        require_finite(f.lower, "non-finite lower bound");
        require_finite(f.upper, "non-finite upper bound");
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
    try {
        const Accuracy a = backtest_ets(y, horizon, request, in.ConsumeIntegralInRange<int>(0, 4));
        if (std::isinf(a.mae) || std::isinf(a.rmse) || std::isinf(a.smape)) bug("infinite accuracy");
    } catch (const domain_error&) {
    } catch (const no_convergence&) {
    }
    return 0;
}
