#include "pop_functions.hpp"

#include <cmath>
#include <optional>

#include "demography.hpp"
#include "errors.hpp"
#include "housing.hpp"
#include "keywords.hpp"
#include "options.hpp"
#include "risk.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

// A column or table of which one value cannot be what was meant: most often a formula such as
// A2:A101/1000 entered without Ctrl+Shift+Enter, which Calc reduces to the value of its own row.
Numbers read_table_argument(const Table& table, std::string_view argument) {
    Numbers numbers = read<Numbers>(table, argument);
    if (numbers.values.size() == 1)
        throw domain_error(msg::argument, std::string(argument), phrase(msg::arg_one_value_table));
    return numbers;
}

// The factor of `unit`: 1 for "per1" (default), 1/1000 for "per1000".
double unit_scale(const Any& unit) {
    const auto text = optional_text(unit, "unit");
    if (!text) return 1.0;
    const std::string word = canonical_keyword("unit", *text);
    if (word == "per1") return 1.0;
    if (word == "per1000") return 1e-3;
    throw domain_error(
        msg::argument, "unit",
        phrase(msg::opt_not_one_of, *text, phrase(msg::special_keyword_choices, "unit", "per1, per1000")));
}

void scale(Numbers& numbers, double factor) {
    if (factor != 1.0)
        for (double& v : numbers.values) v *= factor;
}

struct LifeTableArgs {
    std::vector<double> mx, ax, widths;
    LifeTableInput input() const { return LifeTableInput{mx, ax, widths, 100000.0}; }
};

LifeTableArgs life_table_args(const Table& mx, const Any& ax, const Any& widths, const Any& unit) {
    LifeTableArgs args;
    Numbers rates = read_table_argument(mx, "mx");
    scale(rates, unit_scale(unit));
    args.mx = as_vector(rates, "mx");
    if (auto given = optional_numbers(ax, "ax")) args.ax = as_vector(*given, "ax");
    if (auto given = optional_numbers(widths, "widths")) args.widths = as_vector(*given, "widths");
    return args;
}

// POP.PROJECT's area_factors: none when omitted or empty; else a range whose
// blank cells mean "no deviation" (factor 1). Text is an error, as everywhere.
std::optional<Numbers> area_factors_of(const Any& value) {
    Table table;
    if (!(value >>= table)) return optional_numbers(value, "area_factors");  // omitted, or one number
    NumbersOrBlanks factors = read<NumbersOrBlanks>(table, "area_factors");
    for (double& v : factors.values)
        if (std::isnan(v)) v = 1.0;
    return static_cast<Numbers>(std::move(factors));
}

}  // namespace

Table pop_life_table(const Table& mx, const Any& ax, const Any& widths, const Any& radix, const Any& unit) {
    const LifeTableArgs args = life_table_args(mx, ax, widths, unit);
    LifeTableInput input = args.input();
    input.radix = optional_number(radix, "radix").value_or(100000.0);
    const LifeTable table = life_table(input);
    const std::vector<double>* columns[] = {&table.x,  &table.mx, &table.qx, &table.lx,
                                            &table.dx, &table.Lx, &table.Tx, &table.ex};
    Matrix out(table.x.size(), std::size(columns));
    for (std::size_t c = 0; c < std::size(columns); ++c)
        for (std::size_t r = 0; r < table.x.size(); ++r) out(r, c) = (*columns[c])[r];
    return to_table(out);
}

double pop_life_exp(const Table& mx, const Any& age, const Any& ax, const Any& widths, const Any& unit) {
    const LifeTableArgs args = life_table_args(mx, ax, widths, unit);
    return life_expectancy(args.input(), optional_number(age, "age").value_or(0.0));
}

double pop_tfr(const Table& asfr, const Any& width, const Any& unit) {
    Numbers given = read_table_argument(asfr, "asfr");
    scale(given, unit_scale(unit));
    const auto rates = as_vector(given, "asfr");
    return total_fertility_rate(rates, optional_number(width, "width").value_or(1.0));
}

Table pop_scale(const Table& schedule, double target, const Any& width) {
    const Numbers given = read_table_argument(schedule, "schedule");
    const auto scaled = scale_schedule(given.values, target, optional_number(width, "width").value_or(1.0));
    return to_table(given, scaled);
}

Table pop_project(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
                  double years, const Any& output, const Any& options, const Any& area_factors) {
    const Numbers base_n = read_table_argument(base, "base");
    Numbers fertility_n = read_table_argument(fertility, "fertility");
    Numbers mortality_n = read_table_argument(mortality, "mortality");
    const Numbers migration_n = read<Numbers>(migration, "migration");
    const ProjectionRequest request = parse_projection_request(
        optional_text(output, "output").value_or("total"), optional_text(options, "options").value_or(""));
    scale(fertility_n, request.fertility_scale);
    scale(mortality_n, request.mortality_scale);
    ProjectionInput input;
    input.base = base_n.view();
    input.fertility = fertility_n.view();
    input.mortality = mortality_n.view();
    input.migration = migration_n.view();
    input.years = as_integer(years, "years", 1, kMaxProjectionYears);
    input.options = request.options;
    const std::optional<Numbers> factors = area_factors_of(area_factors);
    if (factors) input.area_factors = factors->view();
    const Projection projection = project_population(input);
    return to_table(projection_table(projection, request.output, request.bands, request.options.step_years));
}

Table pop_aggregate(const Table& values, const Table& breaks) {
    const Numbers values_n = read<Numbers>(values, "values");
    const auto lower_ages = as_integers(as_vector(read<Numbers>(breaks, "breaks"), "breaks"), "breaks");
    return to_table(aggregate_bands(values_n.view(), lower_ages));
}

Table pop_constrain(const Table& parts, const Table& total, const Any& part_totals) {
    const Numbers parts_n = read<Numbers>(parts, "parts");
    const Numbers total_n = read<Numbers>(total, "total");
    const auto margins = optional_numbers(part_totals, "part_totals");
    return to_table(
        constrain_to_total(parts_n.view(), total_n.view(), margins ? margins->view() : MatrixView{}));
}

Table pop_residual(const Table& population, const Table& fertility, const Table& mortality,
                   const Any& options) {
    const Numbers population_n = read_table_argument(population, "population");
    Numbers fertility_n = read_table_argument(fertility, "fertility");
    Numbers mortality_n = read_table_argument(mortality, "mortality");
    const ProjectionRequest request = parse_residual_request(optional_text(options, "options").value_or(""));
    scale(fertility_n, request.fertility_scale);
    scale(mortality_n, request.mortality_scale);
    ResidualInput input;
    input.population = population_n.view();
    input.fertility = fertility_n.view();
    input.mortality = mortality_n.view();
    input.options = request.options;
    return to_table(residual_migration(input));
}

Table pop_housing(const Table& completions, const Table& types, const Table& building, const Table& profiles,
                  const Table& retention, const Table& fertility, const Table& mortality, double years,
                  const Any& output, const Any& options) {
    const Numbers completions_n = read<Numbers>(completions, "completions");
    const Numbers types_n = read<Numbers>(types, "types");
    const Numbers building_n = read<Numbers>(building, "building");
    const Numbers profiles_n = read<Numbers>(profiles, "profiles");
    const Numbers retention_n = read<Numbers>(retention, "retention");
    Numbers fertility_n = read_table_argument(fertility, "fertility");
    Numbers mortality_n = read_table_argument(mortality, "mortality");
    const HousingRequest request = parse_housing_request(optional_text(output, "output").value_or("total"),
                                                         optional_text(options, "options").value_or(""));
    scale(fertility_n, request.fertility_scale);
    scale(mortality_n, request.mortality_scale);
    HousingInput input;
    input.completions = completions_n.view();
    input.types = types_n.view();
    input.building = building_n.view();
    input.profiles = profiles_n.view();
    input.retention = retention_n.view();
    input.fertility = fertility_n.view();
    input.mortality = mortality_n.view();
    input.years = as_integer(years, "years", 1, kMaxProjectionYears);
    input.options = request.options;
    return to_table(housing_table(project_housing(input), request.output, request.bands));
}

Table pop_risk(const Table& base, const Table& fertility, const Table& mortality, const Table& migration,
               double years, double age_from, double age_to, double threshold, const Any& trials,
               const Any& seed, const Any& options) {
    const Numbers base_n = read_table_argument(base, "base");
    Numbers fertility_n = read_table_argument(fertility, "fertility");
    Numbers mortality_n = read_table_argument(mortality, "mortality");
    const Numbers migration_n = read<Numbers>(migration, "migration");
    const ProjectionRequest request =
        parse_projection_request("total", optional_text(options, "options").value_or(""));
    scale(fertility_n, request.fertility_scale);
    scale(mortality_n, request.mortality_scale);
    if (!request.bands.empty()) throw domain_error(msg::popfn_risk_bands);
    RiskInput input;
    input.projection.base = base_n.view();
    input.projection.fertility = fertility_n.view();
    input.projection.mortality = mortality_n.view();
    input.projection.migration = migration_n.view();
    input.projection.years = as_integer(years, "years", 1, kMaxProjectionYears);
    input.projection.options = request.options;
    input.age_from = as_integer(age_from, "age_from", 0, static_cast<int>(kMaxAgeRows));
    input.age_to = as_integer(age_to, "age_to", 0, static_cast<int>(kMaxAgeRows));
    input.threshold = threshold;
    input.trials = as_integer(optional_number(trials, "trials").value_or(1000), "trials", 1, kMaxRiskTrials);
    input.seed = read_seed(seed, 1);
    const auto risk = band_risk(input);
    return to_row(risk);
}

}  // namespace kuntaplan::addin
