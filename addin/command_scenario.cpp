// org.kuntaplan:NewScenario: writes a population scenario into the current
// workbook. With arguments (Name, BaseRange, TargetTFR, NetMigration, Horizon)
// it runs without a dialog; without them it opens the wizard (scenario_wizard.cpp).
//
// Everything is written as ordinary formulas calling the same functions a user
// types, in blocks (one array formula per result, setFormulaArray for the rest)
// with automatic calculation off, as one undo step.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <functional>
#include <optional>

#include "commands.hpp"
#include "scenario.hpp"
#include "scenario_data.hpp"
#include "scenario_wizard.hpp"
#include "sheets.hpp"
#include "summary_layout.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace {

constexpr int ages = helsinki::kAges;
constexpr sal_Int32 input_fill = 0xFFF2CC;  // yellow: cells a user is meant to change

// Assumptions sheet layout (0-based rows and columns).
constexpr int param_row = 3;      // B4 target TFR, B5 improvement, B6 migration, B7 horizon, B8 base year
constexpr int table_header = 14;  // column titles
constexpr int table_row = 15;     // age 0
constexpr int col_base = 1, col_asfr = 3, col_asfr_scaled = 4, col_qx = 5, col_profile = 7, col_migration = 9;
constexpr int col_qx_years = 12;  // death probabilities by year, a male/female pair per year

// Projection sheet layout.
constexpr int projection_header = 2, projection_row = 3;
constexpr int components_title = projection_row + ages + 1;
constexpr int components_header = components_title + 1, components_row = components_title + 2;

OUString t(const std::string& language, const char* key, std::initializer_list<MessageArgument> args = {}) {
    return ui_text(language, key, args);
}

std::optional<css::table::CellRangeAddress> parse_range(
    const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& text) {
    Reference<css::lang::XMultiServiceFactory> factory(document, UNO_QUERY_THROW);
    Reference<css::beans::XPropertySet> conversion(
        factory->createInstance("com.sun.star.table.CellRangeAddressConversion"), UNO_QUERY_THROW);
    for (const char* representation : {"PersistentRepresentation", "UserInterfaceRepresentation"}) {
        try {
            conversion->setPropertyValue(OUString::createFromAscii(representation), Any(text));
            css::table::CellRangeAddress address;
            if (conversion->getPropertyValue("Address") >>= address) return address;
        } catch (const uno::Exception&) {
        }
    }
    return std::nullopt;
}

OUString sheet_name_at(const Reference<css::sheet::XSpreadsheetDocument>& document, sal_Int16 index) {
    Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
    return Reference<css::container::XNamed>(sheets->getByIndex(index), UNO_QUERY_THROW)->getName();
}

OUString band_label(const std::vector<int>& breaks, std::size_t i) {
    if (i + 1 == breaks.size()) return OUString::number(breaks[i]) + "+";
    if (breaks[i + 1] - 1 == breaks[i]) return OUString::number(breaks[i]);
    return OUString::number(breaks[i]) + OUString::fromUtf8("\u2013") + OUString::number(breaks[i + 1] - 1);
}

Grid year_header(const OUString& first, int base_year, int horizon) {
    Grid header{{Any(first)}};
    for (int y = 0; y <= horizon; ++y) header[0].push_back(number(base_year + y));
    return header;
}

void check(bool ok, const OUString& message) {
    if (!ok) throw command_error(message);
}

}  // namespace

const std::vector<ServiceSpec>& offered_services() {
    static const std::vector<ServiceSpec> services{
        {"service.daycare", 1, 6, 0.75},
        {"service.basic", 7, 15, 0.99},
        {"service.upper", 16, 18, 0.90},
        {"service.elderly", 75, 99, 0.12},
    };
    return services;
}

ScenarioSpec default_scenario() {
    ScenarioSpec spec;
    spec.name = "Baseline";
    double tfr = 0;
    for (double rate : helsinki::kAsfr) tfr += rate;
    spec.target_tfr = std::round(tfr * 100) / 100;
    spec.net_migration = helsinki::kNetMigration;
    spec.horizon_years = 21;
    spec.base_year = helsinki::kBaseYear;
    spec.age_breaks = {0, 1, 3, 7, 13, 16, 19, 65, 75, 85};
    spec.services = offered_services();
    return spec;
}

OUString scenario_sheet(const OUString& name, const char* part, const std::string& language) {
    return name + " " + ui_text(language, part);
}

std::vector<int> parse_age_breaks(const OUString& text) {
    std::vector<int> breaks;
    const OUString list = text.replace(',', ';');
    sal_Int32 index = 0;
    do {
        const OUString token = list.getToken(0, ';', index).trim();
        if (token.isEmpty()) continue;
        const sal_Int32 age = token.toInt32();
        check(OUString::number(age) == token && age >= 0 && age < ages,
              "age segments: every lower age must be a whole number 0..99, but was: " + token);
        if (!breaks.empty() && age <= breaks.back())
            throw command_error("age segments: the lower ages must increase, but " + token + " follows " +
                                OUString::number(breaks.back()));
        breaks.push_back(age);
    } while (index >= 0);
    check(!breaks.empty() && breaks.front() == 0, "age segments: the first segment must start at age 0");
    return breaks;
}

OUString check_scenario(const Reference<css::sheet::XSpreadsheetDocument>& document, const ScenarioSpec& spec,
                        const std::string& language) {
    const OUString name = spec.name.trim();
    check(!name.isEmpty(), "the scenario needs a name");
    check(name.getLength() <= 60 && name.indexOf('\'') < 0 && name.indexOf('[') < 0 &&
              name.indexOf(']') < 0 && name.indexOf('*') < 0 && name.indexOf('?') < 0 &&
              name.indexOf(':') < 0 && name.indexOf('/') < 0 && name.indexOf('\\') < 0,
          "the scenario name cannot be a sheet name: " + name);
    check(
        spec.target_tfr > 0 && spec.target_tfr <= 10,
        "the target total fertility rate must be in (0, 10], but was: " + OUString::number(spec.target_tfr));
    check(spec.mortality_improvement > -0.2 && spec.mortality_improvement < 0.2,
          "the yearly mortality improvement must be between -0.2 and 0.2, but was: " +
              OUString::number(spec.mortality_improvement));
    check(std::isfinite(spec.net_migration), "net migration must be a number");
    check(spec.horizon_years >= 1 && spec.horizon_years <= 60,
          "the horizon must be 1..60 years, but was: " + OUString::number(spec.horizon_years));
    check(spec.base_year > 1800 && spec.base_year < 2300,
          "the base year must be a year, but was: " + OUString::number(spec.base_year));
    check(!spec.age_breaks.empty() && spec.age_breaks.front() == 0,
          "age segments: the first must start at 0");
    static const char* parts[] = {"sheet.assumptions", "sheet.projection", "sheet.demand", "sheet.summary"};
    for (const char* part : parts)
        check(!has_sheet(document, scenario_sheet(name, part, language)),
              t(language, "scenario.exists", {name}));

    OUString base_ref;
    if (spec.base_range) {
        const auto address = parse_range(document, *spec.base_range);
        check(address.has_value(), "BaseRange is not a cell range of this workbook: " + *spec.base_range);
        const int rows = address->EndRow - address->StartRow + 1;
        const int columns = address->EndColumn - address->StartColumn + 1;
        check(rows == ages && columns == 2,
              "BaseRange must be 100 rows (ages 0..99, 99 = 99 and over) by 2 columns (male, female), but "
              "was " +
                  OUString::number(rows) + OUString::fromUtf8(" \u00d7 ") + OUString::number(columns) + ": " +
                  *spec.base_range);
        base_ref = range_ref(sheet_name_at(document, address->Sheet), address->StartColumn, address->StartRow,
                             2, ages);
    }
    return base_ref;
}

void write_scenario(const Reference<css::sheet::XSpreadsheetDocument>& document, const ScenarioSpec& spec,
                    const std::string& language) {
    // Everything is checked before anything is written: a failure leaves the workbook as it was.
    const OUString base_ref = check_scenario(document, spec, language);
    const OUString name = spec.name.trim();

    const int horizon = spec.horizon_years;
    const OUString assumptions_name = scenario_sheet(name, "sheet.assumptions", language);
    const OUString projection_name = scenario_sheet(name, "sheet.projection", language);
    const OUString demand_name = scenario_sheet(name, "sheet.demand", language);
    const OUString summary_name = scenario_sheet(name, "sheet.summary", language);

    UndoStep undo(document, t(language, "scenario.undo", {name}));
    std::optional<CalculationPause> pause(std::in_place, document);

    // ---- Assumptions
    auto assumptions = append_sheet(document, assumptions_name);
    const OUString base_source = spec.base_range ? *spec.base_range : t(language, "source.bundled");
    write_values(assumptions, 0, 0,
                 {{text(t(language, "assumptions.title", {name}))}, {text(t(language, "assumptions.note"))}});
    write_values(assumptions, 0, param_row,
                 {{text(t(language, "label.tfr")), number(spec.target_tfr)},
                  {text(t(language, "label.improvement")), number(spec.mortality_improvement)},
                  {text(t(language, "label.migration")), number(spec.net_migration)},
                  {text(t(language, "label.horizon")), number(horizon)},
                  {text(t(language, "label.base_year")), number(spec.base_year)},
                  {text(t(language, "label.base_source")), text(base_source)},
                  {},
                  {text(t(language, "label.sources"))},
                  {text(t(language, "source.bundled"))},
                  {text(t(language, "source.rates"))},
                  {text(t(language, "source.services"))}});
    set_fill(block(assumptions, 1, param_row, 1, 4), input_fill);
    set_bold(block(assumptions, 0, 0, 1, 1));
    const OUString tfr_cell = cell_ref(assumptions_name, 1, param_row);
    const OUString improvement_cell = cell_ref(assumptions_name, 1, param_row + 1);
    const OUString migration_cell = cell_ref(assumptions_name, 1, param_row + 2);
    const OUString horizon_cell = cell_ref(assumptions_name, 1, param_row + 3);

    Grid header{{text(t(language, "col.age")), text(t(language, "col.base_male")),
                 text(t(language, "col.base_female")), text(t(language, "col.asfr_given")),
                 text(t(language, "col.asfr_scaled")), text(t(language, "col.qx_male")),
                 text(t(language, "col.qx_female")), text(t(language, "col.mig_share_male")),
                 text(t(language, "col.mig_share_female")), text(t(language, "col.mig_male")),
                 text(t(language, "col.mig_female")), Any(), text(t(language, "col.qx_year"))}};
    write_values(assumptions, 0, table_header, header);
    set_bold(block(assumptions, 0, table_header, 13, 1));
    set_fill(block(assumptions, 0, table_header, 13, 1), kHeaderFill);

    // Ages, the bundled rates (and base), as values in one block.
    Grid table;
    for (int age = 0; age <= ages; ++age) {
        std::vector<Any> row;
        if (age < ages) {
            row.push_back(number(age));
            row.push_back(spec.base_range ? Any()
                                          : number(helsinki::kBaseMale[static_cast<std::size_t>(age)]));
            row.push_back(spec.base_range ? Any()
                                          : number(helsinki::kBaseFemale[static_cast<std::size_t>(age)]));
            const bool fertile = age >= helsinki::kFertileFrom && age < helsinki::kFertileFrom + 35;
            row.push_back(
                fertile ? number(helsinki::kAsfr[static_cast<std::size_t>(age - helsinki::kFertileFrom)])
                        : Any());
            row.push_back(Any());
        } else {
            row.insert(row.end(), {text(t(language, "row.births")), Any(), Any(), Any(), Any()});
        }
        row.push_back(number(helsinki::kQxMale[static_cast<std::size_t>(age)]));
        row.push_back(number(helsinki::kQxFemale[static_cast<std::size_t>(age)]));
        if (age < ages) {
            row.push_back(number(helsinki::kMigrationProfileMale[static_cast<std::size_t>(age)]));
            row.push_back(number(helsinki::kMigrationProfileFemale[static_cast<std::size_t>(age)]));
        }
        table.push_back(std::move(row));
    }
    write_values(assumptions, 0, table_row, table);
    if (spec.base_range) write_array_formula(assumptions, col_base, table_row, 2, ages, "=" + base_ref);
    const int fertile_row = table_row + helsinki::kFertileFrom;
    const OUString asfr_given =
        local_ref(col_asfr, fertile_row, true) + ":" + local_ref(col_asfr, fertile_row + 34, true);
    write_array_formula(assumptions, col_asfr_scaled, fertile_row, 1, 35,
                        "=POP.SCALE(" + asfr_given + ";" + tfr_cell + ")");
    write_array_formula(assumptions, col_migration, table_row, 2, ages,
                        "=" + local_ref(col_profile, table_row, true) + ":" +
                            local_ref(col_profile + 1, table_row + ages - 1, true) + "*" + migration_cell);
    // Death probabilities by year: qx × (1 − improvement)^t, a male/female pair per year.
    Grid years_row{{}};
    for (int year = 1; year <= horizon; ++year) {
        years_row[0].push_back(number(spec.base_year + year));
        years_row[0].push_back(Any());
    }
    write_values(assumptions, col_qx_years, table_header - 1, years_row);
    const OUString qx_given =
        local_ref(col_qx, table_row, true) + ":" + local_ref(col_qx + 1, table_row + ages, true);
    for (int year = 1; year <= horizon; ++year) {
        const int column = col_qx_years + 2 * (year - 1);
        write_array_formula(assumptions, column, table_row, 2, ages + 1,
                            "=" + qx_given + "*(1-" + improvement_cell + ")^(" +
                                local_ref(column, table_header - 1, true) + "-" +
                                cell_ref(assumptions_name, 1, param_row + 4) + ")");
    }
    set_number_format(document, block(assumptions, col_asfr, table_row, 8, ages + 1), "0.00000");
    set_number_format(document, block(assumptions, col_qx_years, table_row, 2 * horizon, ages + 1),
                      "0.00000");
    set_number_format(document, block(assumptions, col_migration, table_row, 2, ages), "0.0");
    set_column_width(assumptions, 0, 7000);

    const OUString base = range_ref(assumptions_name, col_base, table_row, 2, ages);
    const OUString fertility = range_ref(assumptions_name, col_asfr_scaled, fertile_row, 1, 35);
    const OUString mortality = range_ref(assumptions_name, col_qx_years, table_row, 2 * horizon, ages + 1);
    const OUString migration = range_ref(assumptions_name, col_migration, table_row, 2, ages);
    const OUString projection_args =
        base + ";" + fertility + ";" + mortality + ";" + migration + ";" + horizon_cell;

    // ---- Projection
    auto projection = append_sheet(document, projection_name);
    write_values(projection, 0, 0, {{text(t(language, "projection.title", {name}))}});
    set_bold(block(projection, 0, 0, 1, 1));
    write_values(projection, 0, projection_header,
                 year_header(t(language, "col.age"), spec.base_year, horizon));
    Grid age_column;
    for (int age = 0; age < ages; ++age) age_column.push_back({number(age)});
    write_values(projection, 0, projection_row, age_column);
    write_array_formula(projection, 1, projection_row, horizon + 1, ages,
                        "=POP.PROJECT(" + projection_args + ";\"total\")");
    write_values(projection, 0, components_title, {{text(t(language, "projection.components"))}});
    write_values(projection, 0, components_header, year_header(OUString(), spec.base_year, horizon));
    write_values(projection, 0, components_row,
                 {{text(t(language, "row.population"))},
                  {text(t(language, "row.births"))},
                  {text(t(language, "row.deaths"))},
                  {text(t(language, "row.net_migration"))},
                  {text(t(language, "row.natural_increase"))}});
    write_array_formula(projection, 1, components_row, horizon + 1, 5,
                        "=POP.PROJECT(" + projection_args + ";\"summary\")");
    for (int row : {projection_header, components_header}) {
        set_bold(block(projection, 0, row, horizon + 2, 1));
        set_fill(block(projection, 0, row, horizon + 2, 1), kHeaderFill);
    }
    set_bold(block(projection, 0, components_title, 1, 1));
    set_number_format(document, block(projection, 1, projection_row, horizon + 1, ages), "#,##0");
    set_number_format(document, block(projection, 1, components_row, horizon + 1, 5), "#,##0");
    set_column_width(projection, 0, 4500);

    // Age column and year columns of the projection, for SUMIFS.
    const OUString age_range = range_ref(projection_name, 0, projection_row, 1, ages);
    auto projection_column = [&](int year_index) {
        return range_ref(projection_name, 1 + year_index, projection_row, 1, ages);
    };
    auto ages_sum = [&](int year_index, int from, int to) {
        return "SUMIFS(" + projection_column(year_index) + ";" + age_range +
               ";\">=" + OUString::number(from) + "\";" + age_range + ";\"<=" + OUString::number(to) + "\")";
    };

    // ---- Demand
    auto demand = append_sheet(document, demand_name);
    const auto& breaks = spec.age_breaks;
    const int segments = static_cast<int>(breaks.size());
    write_values(demand, 0, 0, {{text(t(language, "demand.title", {name}))}});
    set_bold(block(demand, 0, 0, 1, 1));
    write_values(demand, 0, 2, {{text(t(language, "demand.segments"))}});
    Grid segment_header{{text(t(language, "col.segment")), text(t(language, "col.from_age"))}};
    for (int y = 0; y <= horizon; ++y) segment_header[0].push_back(number(spec.base_year + y));
    write_values(demand, 0, 3, segment_header);
    Grid segment_rows;
    for (std::size_t i = 0; i < breaks.size(); ++i)
        segment_rows.push_back({text(band_label(breaks, i)), number(breaks[i])});
    write_values(demand, 0, 4, segment_rows);
    set_fill(block(demand, 1, 4, 1, segments), input_fill);
    write_array_formula(demand, 2, 4, horizon + 1, segments,
                        "=POP.AGGREGATE(" + range_ref(projection_name, 1, projection_row, horizon + 1, ages) +
                            ";" + local_ref(1, 4, true) + ":" + local_ref(1, 4 + segments - 1, true) + ")");
    const int services_title = 4 + segments + 1;
    const int services_header = services_title + 1, services_row = services_title + 2;
    write_values(demand, 0, services_title, {{text(t(language, "demand.services"))}});
    Grid service_header{{text(t(language, "col.service")), text(t(language, "col.from_age")),
                         text(t(language, "col.to_age")), text(t(language, "col.rate"))}};
    for (int y = 0; y <= horizon; ++y) service_header[0].push_back(number(spec.base_year + y));
    write_values(demand, 0, services_header, service_header);
    Grid service_rows;
    FormulaGrid service_formulas;
    for (std::size_t s = 0; s < spec.services.size(); ++s) {
        const auto& service = spec.services[s];
        const int row = services_row + static_cast<int>(s);
        service_rows.push_back({text(t(language, service.key.c_str())), number(service.age_from),
                                number(service.age_to), number(service.participation)});
        std::vector<OUString> line;
        for (int y = 0; y <= horizon; ++y) {
            const OUString ages_of_row = "SUMIFS(" + projection_column(y) + ";" + age_range + ";\">=\"&" +
                                         local_ref(1, row, true) + ";" + age_range + ";\"<=\"&" +
                                         local_ref(2, row, true) + ")";
            line.push_back("=" + local_ref(3, row, true) + "*" + ages_of_row);
        }
        service_formulas.push_back(std::move(line));
    }
    const int services = static_cast<int>(spec.services.size());
    if (services > 0) {
        write_values(demand, 0, services_row, service_rows);
        write_formulas(demand, 4, services_row, service_formulas);
        set_fill(block(demand, 1, services_row, 3, services), input_fill);
        set_number_format(document, block(demand, 4, services_row, horizon + 1, services), "#,##0");
    }
    set_number_format(document, block(demand, 2, 4, horizon + 1, segments), "#,##0");
    for (int row : {3, services_header}) {
        set_bold(block(demand, 0, row, horizon + 5, 1));
        set_fill(block(demand, 0, row, horizon + 5, 1), kHeaderFill);
    }
    set_bold(block(demand, 0, 2, 1, 1));
    set_bold(block(demand, 0, services_title, 1, 1));
    set_column_width(demand, 0, 7000);

    // ---- Summary: indicators by year, all formulas on the other sheets.
    auto summary = append_sheet(document, summary_name);
    using Summary = SummaryLayout;
    write_values(summary, Summary::kLabelColumn, Summary::kTitleRow,
                 {{text(t(language, "summary.title", {name}))}});
    set_bold(block(summary, Summary::kLabelColumn, Summary::kTitleRow, 1, 1));
    write_values(summary, Summary::kLabelColumn, Summary::kHeaderRow,
                 year_header(t(language, "col.indicator"), spec.base_year, horizon));
    struct Indicator {
        OUString label;
        std::function<OUString(int)> formula;  // by year index
        const char* format;
    };
    std::vector<Indicator> indicators;
    const char* component_keys[] = {"row.population", "row.births", "row.deaths", "row.net_migration"};
    // Births, deaths and migration are flows during a year: the base year (a stock on 31 Dec) has
    // none, so its cell stays empty rather than showing a 0 that reads like a count.
    for (int c = 0; c < Summary::kComponentIndicators; ++c)
        indicators.push_back({t(language, component_keys[c]),
                              [&, c](int y) {
                                  if (c > 0 && y == 0) return OUString();
                                  return "=" + cell_ref(projection_name, 1 + y, components_row + c);
                              },
                              "#,##0"});
    for (const auto& [from, to] : Summary::kAgeGroups) {
        const OUString label =
            to == 99 ? OUString::number(from) + "+"
                     : OUString::number(from) + OUString::fromUtf8("\u2013") + OUString::number(to);
        indicators.push_back({t(language, "indicator.age", {label}),
                              [&, from, to](int y) { return "=" + ages_sum(y, from, to); }, "#,##0"});
    }
    indicators.push_back({t(language, "indicator.share65"),
                          [&](int y) {
                              return "=" + ages_sum(y, 65, 99) + "/" +
                                     cell_ref(projection_name, 1 + y, components_row);
                          },
                          "0.0%"});
    indicators.push_back({t(language, "indicator.dependency"),
                          [&](int y) {
                              return "=(" + ages_sum(y, 0, 14) + "+" + ages_sum(y, 65, 99) + ")/" +
                                     ages_sum(y, 15, 64);
                          },
                          "0.000"});
    for (int s = 0; s < services; ++s)
        indicators.push_back({t(language, spec.services[static_cast<std::size_t>(s)].key.c_str()),
                              [&, s](int y) { return "=" + cell_ref(demand_name, 4 + y, services_row + s); },
                              "#,##0"});
    Grid labels;
    FormulaGrid formulas;
    for (const auto& indicator : indicators) {
        labels.push_back({text(indicator.label)});
        std::vector<OUString> line;
        for (int y = 0; y <= horizon; ++y) line.push_back(indicator.formula(y));
        formulas.push_back(std::move(line));
    }
    write_values(summary, Summary::kLabelColumn, Summary::kFirstIndicatorRow, labels);
    write_formulas(summary, Summary::kFirstYearColumn, Summary::kFirstIndicatorRow, formulas);
    for (std::size_t i = 0; i < indicators.size(); ++i)
        set_number_format(document,
                          block(summary, Summary::kFirstYearColumn,
                                Summary::indicator_row(static_cast<int>(i)), horizon + 1, 1),
                          OUString::createFromAscii(indicators[i].format));
    const int summary_width = Summary::year_column(horizon) + 1;  // the labels and every year
    set_bold(block(summary, Summary::kLabelColumn, Summary::kHeaderRow, summary_width, 1));
    set_fill(block(summary, Summary::kLabelColumn, Summary::kHeaderRow, summary_width, 1), kHeaderFill);
    set_column_width(summary, Summary::kLabelColumn, 8000);
    // Charts read computed cells: they are added once calculation is back on.
    pause.reset();
    const int chart_top_row = Summary::chart_row(static_cast<int>(indicators.size()));
    const sal_Int32 chart_top = 452 * chart_top_row;  // default rows are 0.452 cm high
    const auto summary_index = static_cast<sal_Int16>(
        Reference<css::container::XIndexAccess>(document->getSheets(), UNO_QUERY_THROW)->getCount() - 1);
    // The rows first_row..last_row, from the label column to the last year.
    auto rows = [&](int first_row, int last_row) {
        return css::table::CellRangeAddress(summary_index, Summary::kLabelColumn, first_row,
                                            Summary::year_column(horizon), last_row);
    };
    add_line_chart(summary, summary_name + " population", t(language, "summary.chart", {name}),
                   {rows(Summary::kHeaderRow, Summary::indicator_row(Summary::kPopulationIndicator))}, 500,
                   chart_top, 15000, 7000);
    // The age groups under the same year header.
    const int first_age_group = Summary::indicator_row(Summary::kFirstAgeGroupIndicator);
    const int age_groups = static_cast<int>(Summary::kAgeGroups.size());
    add_line_chart(summary, summary_name + " age groups", t(language, "summary.age_chart", {name}),
                   {rows(Summary::kHeaderRow, Summary::kHeaderRow),
                    rows(first_age_group, first_age_group + age_groups - 1)},
                   16000, chart_top, 15000, 7000);
}

void run_new_scenario(const CommandContext& context, const CommandArguments& arguments) {
    const auto document = spreadsheet_of(context.frame);
    std::optional<ScenarioSpec> spec;
    if (arguments.empty()) {
        spec = run_scenario_wizard(context, document);
        if (!spec) return;  // cancelled: nothing written
    } else {
        spec = default_scenario();
        spec->name = arguments.text("Name").value_or(OUString());
        if (spec->name.isEmpty()) throw command_error("NewScenario: the argument Name is missing");
        if (auto range = arguments.text("BaseRange"); range && !range->trim().isEmpty()) {
            spec->base_range = range->trim();
            const auto now = std::chrono::system_clock::now();
            const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
            spec->base_year = static_cast<int>(today.year()) - 1;
        }
        if (auto value = arguments.number("TargetTFR")) spec->target_tfr = *value;
        if (auto value = arguments.number("NetMigration")) spec->net_migration = *value;
        if (auto value = arguments.number("Horizon")) {
            check(*value == std::floor(*value), "NewScenario: Horizon must be a whole number of years");
            spec->horizon_years = static_cast<int>(*value);
        }
        if (auto value = arguments.number("MortalityImprovement")) spec->mortality_improvement = *value;
        if (auto value = arguments.number("BaseYear")) spec->base_year = static_cast<int>(*value);
        if (auto value = arguments.text("AgeSegments")) spec->age_breaks = parse_age_breaks(*value);
    }
    write_scenario(document, *spec, context.language);
}

}  // namespace kuntaplan::addin
