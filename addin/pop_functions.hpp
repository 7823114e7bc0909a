// The POP functions as Calc calls them: UNO arguments in, UNO results out.
// Each converts its arguments, calls one core model and converts the result;
// the component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

// `unit`: "per1" (default) or "per1000" (promille; Finnish and Swedish words too): rates given per
// 1,000, as Statistics Finland publishes them, without arithmetic in the formula.
Table pop_life_table(const Table& mx, const css::uno::Any& ax, const css::uno::Any& widths,
                     const css::uno::Any& radix, const css::uno::Any& unit = {});
double pop_life_exp(const Table& mx, const css::uno::Any& age, const css::uno::Any& ax,
                    const css::uno::Any& widths, const css::uno::Any& unit = {});
double pop_tfr(const Table& asfr, const css::uno::Any& width, const css::uno::Any& unit = {});
Table pop_scale(const Table& schedule, double target, const css::uno::Any& width);
// area_factors: omitted, or K × 2 (per area a fertility and a mortality factor; a blank cell is 1).
Table pop_project(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
                  double years, const css::uno::Any& output, const css::uno::Any& options,
                  const css::uno::Any& area_factors);
Table pop_aggregate(const Table& values, const Table& breaks);
Table pop_constrain(const Table& parts, const Table& total, const css::uno::Any& part_totals);
// The residual method: net migrants per year that take each observed population pair to the next.
Table pop_residual(const Table& population, const Table& fertility, const Table& mortality,
                   const css::uno::Any& options);
// The residents of new housing: development units' completions aged in their stock.
Table pop_housing(const Table& completions, const Table& types, const Table& building, const Table& profiles,
                  const Table& retention, const Table& fertility, const Table& mortality, double years,
                  const css::uno::Any& output, const css::uno::Any& options);
Table pop_risk(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
               double years, double age_from, double age_to, double threshold, const css::uno::Any& trials,
               const css::uno::Any& seed, const css::uno::Any& options);

}  // namespace kuntaplan::addin
