// org.kuntaplan:NewScenario: writes a population scenario into the current
// workbook. With arguments (Name, BaseRange, TargetTFR, the six migration flows
// InRegion … OutAbroad in % of their defaults, NetMigration, Horizon, …) it runs
// without a dialog; without them it opens the wizard (scenario_wizard.cpp).
//
// Everything is written as ordinary formulas calling the same functions a user
// types, in blocks (one array formula per result, setFormulaArray for the rest)
// with automatic calculation off, as one undo step.
#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
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

using Sheet = Reference<css::sheet::XSpreadsheet>;

constexpr int kAges = helsinki::kAges;
constexpr int kFertileAges = helsinki::kFertileAges;
constexpr sal_Int32 kInputFill = 0xFFF2CC;  // yellow: cells a user is meant to change

// The ui text keys of a scenario's sheets, in the order they are written.
constexpr const char* kSheetParts[] = {"sheet.assumptions", "sheet.projection", "sheet.demand",
                                       "sheet.summary"};

// The Assumptions sheet (0-based rows and columns): the title, the parameters, the sources and
// method below them, and then one table by age (ages 0..99, then a row for those born in the year,
// for the death probabilities) under a row of group titles, with the death probabilities of each
// projection year at its right.
struct AssumptionsLayout {
    static constexpr int kTitleRow = 0;  // the title, and a note below it
    static constexpr int kLabelColumn = 0;
    static constexpr int kValueColumn = 1;
    // The parameters, one per row from B4 without gaps; the first kEditableParameters are the user's
    // to change (yellow), the others are shown for what they are.
    static constexpr int kTfrRow = 3;
    static constexpr int kImprovementRow = 4;
    static constexpr int kFirstFlowRow = 5;  // the six flows' multipliers in helsinki::Flow's order
    static constexpr int kNetMigrationRow = kFirstFlowRow + helsinki::kFlows;
    static constexpr int kHorizonRow = kNetMigrationRow + 1;
    static constexpr int kBaseYearRow = kHorizonRow + 1;
    static constexpr int kBaseSourceRow = kBaseYearRow + 1;
    static constexpr int kFlowScaleRow = kBaseSourceRow + 1;  // = SUM(base) / Helsinki's base
    static constexpr int kBoysRow = kFlowScaleRow + 1;        // share of boys among births
    static constexpr int kOptionsRow = kBoysRow + 1;          // POP.PROJECT's options, a formula
    static constexpr int kEditableParameters = kHorizonRow + 1 - kTfrRow;
    static constexpr int kSourcesRow = kOptionsRow + 2;  // "Sources and method", then a line each
    static constexpr int kMostSourceLines = 7;
    // The table by age; a "pair" of columns is male, female.
    static constexpr int kGroupRow = kSourcesRow + kMostSourceLines + 2;  // group titles; each qx pair's year
    static constexpr int kTableHeaderRow = kGroupRow + 1;                 // column titles
    static constexpr int kFirstAgeRow = kTableHeaderRow + 1;              // age 0
    static constexpr int kBornRow = kFirstAgeRow + kAges;                 // those born in the year
    static constexpr int kFirstFertileRow = kFirstAgeRow + helsinki::kFertileFrom;
    static constexpr int kAgeColumn = 0;
    static constexpr int kBaseColumn = 1;        // pair: the base population
    static constexpr int kAsfrColumn = 3;        // fertility rates as given
    static constexpr int kAsfrScaledColumn = 4;  // fertility rates scaled to the target TFR
    static constexpr int kQxColumn = 5;          // pair: death probabilities as given
    // A pair per flow in helsinki::Flow's order: the default flows, persons a year by the age on
    // 31 Dec of the year before.
    static constexpr int kFirstFlowColumn = 7;
    static constexpr int kProfileColumn = kFirstFlowColumn + 2 * helsinki::kFlows;  // pair: net profile
    // POP.PROJECT's gross migration block (in male, in female, out male, out female) by the age at
    // the end of the year: formulas.
    static constexpr int kMigrationColumn = kProfileColumn + 2;
    static constexpr int kMigrationColumns = 4;
    static constexpr int kQxYearsColumn = kMigrationColumn + kMigrationColumns + 1;  // a pair per year
    static constexpr int kTableColumns = kQxYearsColumn + 1;                      // titled in the header row
    static constexpr int kWrappedColumns = kMigrationColumn + kMigrationColumns;  // A..Y: titles wrap
    // 1/100 mm. The labels: the longest, Finnish "Kuolleisuuden aleneminen vuodessa (0 = annettu
    // sellaisenaan)", needs 114 mm. The rates' columns (fertility, death probabilities, the net
    // profile): their titles wrap, and the longest word of one, "Kuolemanvaara," in bold, needs 34 mm.
    static constexpr sal_Int32 kLabelWidth = 11700;
    static constexpr sal_Int32 kRateWidth = 4000;
    static constexpr int kRateColumns[] = {kAsfrColumn,   kAsfrScaledColumn, kQxColumn,
                                           kQxColumn + 1, kProfileColumn,    kProfileColumn + 1};
};

// The conventions of the Helsinki-region model (data/README.md; FUNCTIONS.md, POP.PROJECT) that
// every scenario uses, so that it agrees with the population template: births from the women at
// the start of the year, the flows as counts a year added at its end without mortality, and the
// share of boys (the srb is appended from the sheet).
constexpr const char* kProjectionOptions =
    "migration=gross;out=counts;births=start;migration_timing=end;srb=";
constexpr double kBoysShare = 0.51;

// The Projection sheet: the population by age (a row per age, from row 4) and year (a column per
// year, from B) under a year header, then the components of the change by year.
struct ProjectionLayout {
    static constexpr int kTitleRow = 0;
    static constexpr int kLabelColumn = 0;  // the ages, and the components' labels
    static constexpr int kFirstYearColumn = 1;
    static constexpr int kHeaderRow = 2;
    static constexpr int kFirstAgeRow = 3;  // age 0
    static constexpr int kComponentsTitleRow = kFirstAgeRow + kAges + 1;
    static constexpr int kComponentsHeaderRow = kComponentsTitleRow + 1;
    static constexpr int kFirstComponentRow = kComponentsTitleRow + 2;
    // The components in the order POP.PROJECT's "components" gives them.
    static constexpr const char* kComponentKeys[] = {
        "row.population",    "row.births",        "row.deaths",          "row.in_migration",
        "row.out_migration", "row.net_migration", "row.natural_increase"};
    static constexpr int kComponents = 7;
    static constexpr int kPopulationComponent = 0;
    // 1/100 mm: the longest label, Finnish "Luonnollinen väestönlisäys", needs 49.4 mm.
    static constexpr sal_Int32 kLabelWidth = 5200;
};
static_assert(std::size(ProjectionLayout::kComponentKeys) == ProjectionLayout::kComponents);
// The Summary's first indicators are the components, in their order.
static_assert(SummaryLayout::kComponentIndicators == ProjectionLayout::kComponents);
static_assert(SummaryLayout::kPopulationIndicator == ProjectionLayout::kPopulationComponent);

// The Demand sheet: the population by age segment (a row per segment: its label and lower age,
// then the years), and below it the services (a row per service: its name, ages, participation
// rate, then the years). Where the services start depends on the number of segments.
struct DemandLayout {
    static constexpr int kTitleRow = 0;
    static constexpr int kLabelColumn = 0;
    static constexpr int kSegmentsTitleRow = 2;
    static constexpr int kSegmentsHeaderRow = 3;
    static constexpr int kFirstSegmentRow = 4;
    static constexpr int kFromAgeColumn = 1;       // segments and services
    static constexpr int kSegmentYearsColumn = 2;  // the segments' first year
    static constexpr int kToAgeColumn = 2;         // services
    static constexpr int kRateColumn = 3;          // services
    static constexpr int kServiceYearsColumn = 4;  // the services' first year
    // 1/100 mm. The titles of the ages' and the rate's columns: the longest, Finnish "Alkaen iästä"
    // and "Osallistumisaste" in bold, need 25.9 and 34.1 mm.
    static constexpr sal_Int32 kLabelWidth = 7000;
    static constexpr sal_Int32 kFromAgeWidth = 2800;
    static constexpr sal_Int32 kRateWidth = 3600;

    int segments;

    int services_title_row() const { return kFirstSegmentRow + segments + 1; }
    int services_header_row() const { return services_title_row() + 1; }
    int first_service_row() const { return services_title_row() + 2; }
};

// The Summary's column of labels and its two charts side by side below the indicators (1/100 mm).
constexpr sal_Int32 kSummaryLabelWidth = 8000;
constexpr sal_Int32 kRowHeight = 452;  // default rows are 0.452 cm high
constexpr sal_Int32 kPopulationChartLeft = 500;
constexpr sal_Int32 kAgeGroupChartLeft = 16000;
constexpr sal_Int32 kChartWidth = 15000;
constexpr sal_Int32 kChartHeight = 7000;

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

// A header row: the titles, then the years from the base year to the horizon.
Grid year_header(std::initializer_list<OUString> titles, int base_year, int horizon) {
    Grid header{{}};
    for (const OUString& title : titles) header[0].push_back(Any(title));
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

const std::array<FlowSpec, helsinki::kFlows>& migration_flows() {
    static const std::array<FlowSpec, helsinki::kFlows> flows{{
        {"InRegion", "label.in_region", "group.in_region", true},
        {"OutRegion", "label.out_region", "group.out_region", false},
        {"InFinland", "label.in_finland", "group.in_finland", true},
        {"OutFinland", "label.out_finland", "group.out_finland", false},
        {"InAbroad", "label.in_abroad", "group.in_abroad", true},
        {"OutAbroad", "label.out_abroad", "group.out_abroad", false},
    }};
    return flows;
}

ScenarioSpec default_scenario() {
    ScenarioSpec spec;
    spec.name = "Baseline";
    double tfr = 0;
    for (double rate : helsinki::kAsfr) tfr += rate;
    spec.target_tfr = std::round(tfr * 100) / 100;
    spec.flow_multipliers.fill(1.0);
    spec.net_migration = 0;
    spec.horizon_years = 21;
    spec.base_year = helsinki::kBaseYear;
    spec.age_breaks = {0, 1, 3, 7, 13, 16, 19, 65, 75, 85};
    spec.services = offered_services();
    return spec;
}

OUString scenario_sheet(const OUString& name, const char* part, const std::string& language) {
    return name + " " + ui_text(language, part);
}

std::vector<int> parse_age_breaks(const OUString& text, const std::string& language) {
    std::vector<int> breaks;
    const OUString list = text.replace(',', ';');
    sal_Int32 index = 0;
    do {
        const OUString token = list.getToken(0, ';', index).trim();
        if (token.isEmpty()) continue;
        const sal_Int32 age = token.toInt32();
        check(OUString::number(age) == token && age >= 0 && age < kAges,
              t(language, "scenario.segment_age", {token}));
        if (!breaks.empty() && age <= breaks.back())
            throw command_error(
                t(language, "scenario.segment_order", {token, OUString::number(breaks.back())}));
        breaks.push_back(age);
    } while (index >= 0);
    check(!breaks.empty() && breaks.front() == 0, t(language, "scenario.first_segment"));
    return breaks;
}

OUString check_scenario(const Reference<css::sheet::XSpreadsheetDocument>& document, const ScenarioSpec& spec,
                        const std::string& language) {
    const OUString name = spec.name.trim();
    check(!name.isEmpty(), t(language, "scenario.no_name"));
    check(name.getLength() <= 60 && name.indexOf('\'') < 0 && name.indexOf('[') < 0 &&
              name.indexOf(']') < 0 && name.indexOf('*') < 0 && name.indexOf('?') < 0 &&
              name.indexOf(':') < 0 && name.indexOf('/') < 0 && name.indexOf('\\') < 0,
          t(language, "scenario.bad_name", {name, OUString("' [ ] * ? : / \\")}));
    check(spec.target_tfr > 0 && spec.target_tfr <= 10, t(language, "scenario.bad_tfr", {spec.target_tfr}));
    check(spec.mortality_improvement > -0.2 && spec.mortality_improvement < 0.2,
          t(language, "scenario.bad_improvement", {spec.mortality_improvement}));
    for (std::size_t k = 0; k < spec.flow_multipliers.size(); ++k) {
        const double multiplier = spec.flow_multipliers[k];
        check(std::isfinite(multiplier) && multiplier >= 0 && multiplier <= 10,
              t(language, "scenario.bad_flow",
                {OUString::createFromAscii(migration_flows()[k].argument), multiplier * 100}));
    }
    check(std::isfinite(spec.net_migration) && std::fabs(spec.net_migration) <= 1e7,
          t(language, "scenario.bad_net_migration", {spec.net_migration}));
    check(spec.horizon_years >= 1 && spec.horizon_years <= 60,
          t(language, "scenario.bad_horizon", {static_cast<double>(spec.horizon_years)}));
    check(spec.base_year > 1800 && spec.base_year < 2300,
          t(language, "scenario.bad_base_year", {OUString::number(spec.base_year)}));
    check(!spec.age_breaks.empty() && spec.age_breaks.front() == 0, t(language, "scenario.first_segment"));
    for (const char* part : kSheetParts)
        check(!has_sheet(document, scenario_sheet(name, part, language)),
              t(language, "scenario.exists", {name}));

    OUString base_ref;
    if (spec.base_range) {
        const auto address = parse_range(document, *spec.base_range);
        check(address.has_value(), t(language, "scenario.bad_range", {*spec.base_range}));
        const int rows = address->EndRow - address->StartRow + 1;
        const int columns = address->EndColumn - address->StartColumn + 1;
        check(rows == kAges && columns == 2,
              t(language, "scenario.range_size",
                {static_cast<double>(rows), static_cast<double>(columns), *spec.base_range}));
        base_ref = range_ref(sheet_name_at(document, address->Sheet), address->StartColumn, address->StartRow,
                             2, kAges);
    }
    return base_ref;
}

namespace {

// What every step of writing a scenario needs: the workbook, the scenario, the language of its
// texts and the names of its sheets.
struct ScenarioSheets {
    const Reference<css::sheet::XSpreadsheetDocument>& document;
    const ScenarioSpec& spec;
    const std::string& language;
    OUString name;  // the scenario's name, trimmed
    OUString assumptions, projection, demand, summary;

    int horizon() const { return spec.horizon_years; }
    OUString t(const char* key, std::initializer_list<MessageArgument> args = {}) const {
        return ui_text(language, key, args);
    }
};

ScenarioSheets scenario_sheets(const Reference<css::sheet::XSpreadsheetDocument>& document,
                               const ScenarioSpec& spec, const std::string& language) {
    const OUString name = spec.name.trim();
    return {document,
            spec,
            language,
            name,
            scenario_sheet(name, "sheet.assumptions", language),
            scenario_sheet(name, "sheet.projection", language),
            scenario_sheet(name, "sheet.demand", language),
            scenario_sheet(name, "sheet.summary", language)};
}

// ---- Assumptions

// The title, the parameters (the editable ones yellow, the flows' multipliers as percentages), the
// scale of the default flows, the share of boys and POP.PROJECT's options (formulas), and the
// sources and method.
void write_parameters(const Sheet& sheet, const ScenarioSheets& s) {
    using Layout = AssumptionsLayout;
    const ScenarioSpec& spec = s.spec;
    const OUString base_source = spec.base_range ? *spec.base_range : s.t("source.bundled");
    write_values(sheet, Layout::kLabelColumn, Layout::kTitleRow,
                 {{text(s.t("assumptions.title", {s.name}))}, {text(s.t("assumptions.note"))}});
    Grid parameters{{text(s.t("label.tfr")), number(spec.target_tfr)},
                    {text(s.t("label.improvement")), number(spec.mortality_improvement)}};
    for (std::size_t k = 0; k < spec.flow_multipliers.size(); ++k)
        parameters.push_back({text(s.t(migration_flows()[k].label)), number(spec.flow_multipliers[k])});
    parameters.push_back({text(s.t("label.net_added")), number(spec.net_migration)});
    parameters.push_back({text(s.t("label.horizon")), number(s.horizon())});
    parameters.push_back({text(s.t("label.base_year")), number(spec.base_year)});
    parameters.push_back({text(s.t("label.base_source")), text(base_source)});
    parameters.push_back({text(s.t("label.flow_scale", {helsinki::kBaseTotal}))});
    parameters.push_back({text(s.t("label.boys")), number(kBoysShare)});
    parameters.push_back({text(s.t("label.options"))});
    write_values(sheet, Layout::kLabelColumn, Layout::kTfrRow, parameters);

    // The default flows follow the size of the base: 1 for the bundled Helsinki base.
    const OUString base = local_ref(Layout::kBaseColumn, Layout::kFirstAgeRow, true) + ":" +
                          local_ref(Layout::kBaseColumn + 1, Layout::kFirstAgeRow + kAges - 1, true);
    const OUString boys = local_ref(Layout::kValueColumn, Layout::kBoysRow, true);
    write_formulas(sheet, Layout::kValueColumn, Layout::kFlowScaleRow,
                   {{"=SUM(" + base + ")/" + OUString::number(helsinki::kBaseTotal)}});
    write_formulas(
        sheet, Layout::kValueColumn, Layout::kOptionsRow,
        {{"=\"" + OUString::createFromAscii(kProjectionOptions) + "\"&(" + boys + "/(1-" + boys + "))"}});

    const int flows_from = Layout::kFirstFlowColumn, flows_to = Layout::kProfileColumn - 1;
    const int migration_from = Layout::kMigrationColumn,
              migration_to = Layout::kMigrationColumn + Layout::kMigrationColumns - 1;
    Grid sources{
        {text(s.t("label.sources"))},
        {text(s.t("source.bundled"))},
        {text(s.t("source.rates"))},
        {text(s.t("source.flows", {column_letters(flows_from), column_letters(flows_to),
                                   local_ref(Layout::kValueColumn, Layout::kFlowScaleRow)}))},
        {text(s.t("source.migration_block",
                  {column_letters(migration_from), column_letters(migration_to),
                   column_letters(Layout::kProfileColumn), column_letters(Layout::kProfileColumn + 1)}))},
        {text(s.t("source.method"))},
        {text(spec.base_range ? s.t("source.own_base") : s.t("source.services"))}};
    if (spec.base_range) sources.push_back({text(s.t("source.services"))});
    assert(static_cast<int>(sources.size()) <= 1 + Layout::kMostSourceLines);
    write_values(sheet, Layout::kLabelColumn, Layout::kSourcesRow, sources);

    set_fill(block(sheet, Layout::kValueColumn, Layout::kTfrRow, 1, Layout::kEditableParameters), kInputFill);
    set_number_format(s.document,
                      block(sheet, Layout::kValueColumn, Layout::kFirstFlowRow, 1, helsinki::kFlows), "0%");
    set_number_format(s.document, block(sheet, Layout::kValueColumn, Layout::kNetMigrationRow, 1, 1),
                      "#,##0");
    set_number_format(s.document, block(sheet, Layout::kValueColumn, Layout::kFlowScaleRow, 1, 1), "0.0000");
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kTitleRow, 1, 1));
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kSourcesRow, 1, 1));
}

// The values of the table by age: ages, the bundled base (unless the base is a range of the
// workbook), fertility rates, death probabilities, the six default flows and the net profile.
Grid table_by_age(const ScenarioSheets& s) {
    const bool bundled_base = !s.spec.base_range;
    auto at = [](const auto& values, int age) { return number(values[static_cast<std::size_t>(age)]); };
    Grid table;
    for (int age = 0; age <= kAges; ++age) {
        std::vector<Any> row;
        if (age < kAges) {
            row.push_back(number(age));
            row.push_back(bundled_base ? at(helsinki::kBaseMale, age) : Any());
            row.push_back(bundled_base ? at(helsinki::kBaseFemale, age) : Any());
            const int fertile_age = age - helsinki::kFertileFrom;
            const bool fertile = fertile_age >= 0 && fertile_age < kFertileAges;
            row.push_back(fertile ? at(helsinki::kAsfr, fertile_age) : Any());
            row.push_back(Any());
        } else {
            row.insert(row.end(), {text(s.t("row.births")), Any(), Any(), Any(), Any()});
        }
        row.push_back(at(helsinki::kQxMale, age));
        row.push_back(at(helsinki::kQxFemale, age));
        if (age < kAges) {
            for (int k = 0; k < helsinki::kFlows; ++k) {
                row.push_back(at(helsinki::kFlowMale[static_cast<std::size_t>(k)], age));
                row.push_back(at(helsinki::kFlowFemale[static_cast<std::size_t>(k)], age));
            }
            row.push_back(at(helsinki::kMigrationProfileMale, age));
            row.push_back(at(helsinki::kMigrationProfileFemale, age));
        }
        table.push_back(std::move(row));
    }
    return table;
}

// The group titles above the header and the column titles.
void write_table_headers(const Sheet& sheet, const ScenarioSheets& s) {
    using Layout = AssumptionsLayout;
    Grid groups{std::vector<Any>(static_cast<std::size_t>(Layout::kQxYearsColumn))};
    for (int k = 0; k < helsinki::kFlows; ++k)
        groups[0][static_cast<std::size_t>(Layout::kFirstFlowColumn + 2 * k)] =
            text(s.t(migration_flows()[static_cast<std::size_t>(k)].title));
    groups[0][static_cast<std::size_t>(Layout::kProfileColumn)] = text(s.t("group.net_profile"));
    groups[0][static_cast<std::size_t>(Layout::kMigrationColumn)] = text(s.t("group.in_total"));
    groups[0][static_cast<std::size_t>(Layout::kMigrationColumn + 2)] = text(s.t("group.out_total"));
    write_values(sheet, Layout::kAgeColumn, Layout::kGroupRow, groups);

    std::vector<Any> header{text(s.t("col.age")),         text(s.t("col.base_male")),
                            text(s.t("col.base_female")), text(s.t("col.asfr_given")),
                            text(s.t("col.asfr_scaled")), text(s.t("col.qx_male")),
                            text(s.t("col.qx_female"))};
    for (int k = 0; k < helsinki::kFlows; ++k)
        header.insert(header.end(), {text(s.t("col.male")), text(s.t("col.female"))});
    header.insert(header.end(), {text(s.t("col.mig_share_male")), text(s.t("col.mig_share_female")),
                                 text(s.t("col.male")), text(s.t("col.female")), text(s.t("col.male")),
                                 text(s.t("col.female")), Any(), text(s.t("col.qx_year"))});
    write_values(sheet, Layout::kAgeColumn, Layout::kTableHeaderRow, {header});
    set_bold(block(sheet, Layout::kAgeColumn, Layout::kGroupRow, Layout::kTableColumns, 2));
    set_fill(block(sheet, Layout::kAgeColumn, Layout::kTableHeaderRow, Layout::kTableColumns, 1),
             kHeaderFill);
    // Each group title over its pair of columns, and the titles on as many lines as they need: on one
    // line in 22.6 mm, the next title cut them off ("Fertility rate (given)" needs 41 mm).
    for (int column = Layout::kFirstFlowColumn; column < Layout::kWrappedColumns; column += 2)
        merge(block(sheet, column, Layout::kGroupRow, 2, 1));
    set_wrap(block(sheet, Layout::kAgeColumn, Layout::kGroupRow, Layout::kWrappedColumns, 2));
    for (int column : Layout::kRateColumns) set_column_width(sheet, column, Layout::kRateWidth);
}

// POP.PROJECT's gross migration block (in male, in female, out male, out female): each default flow
// × its multiplier × the scale, plus the added net migration over the profile (its positive part
// in, its negative part out), moved from the age at the start of the year to the age at its end:
// nobody migrates into age 0, rows 1..98 take ages 0..97, the open group ages 98 and 99.
void write_migration_block(const Sheet& sheet) {
    using Layout = AssumptionsLayout;
    const OUString scale = local_ref(Layout::kValueColumn, Layout::kFlowScaleRow, true);
    const OUString net = local_ref(Layout::kValueColumn, Layout::kNetMigrationRow, true);
    // Rows first..last (ages at the start of the year) of a column.
    auto rows = [](int column, int first_age, int last_age) {
        return local_ref(column, Layout::kFirstAgeRow + first_age, true) + ":" +
               local_ref(column, Layout::kFirstAgeRow + last_age, true);
    };
    Grid zeros{std::vector<Any>(Layout::kMigrationColumns, number(0))};
    write_values(sheet, Layout::kMigrationColumn, Layout::kFirstAgeRow, zeros);
    std::vector<OUString> open_group;
    for (int c = 0; c < Layout::kMigrationColumns; ++c) {
        const bool inward = c < 2;
        const int sex = c % 2;
        OUString flows, open_flows;
        for (int k = 0; k < helsinki::kFlows; ++k) {
            if (migration_flows()[static_cast<std::size_t>(k)].inward != inward) continue;
            const OUString multiplier = local_ref(Layout::kValueColumn, Layout::kFirstFlowRow + k, true);
            const int column = Layout::kFirstFlowColumn + 2 * k + sex;
            flows += (flows.isEmpty() ? OUString() : OUString("+")) + multiplier + "*" +
                     rows(column, 0, kAges - 3);
            open_flows += (open_flows.isEmpty() ? OUString() : OUString("+")) + multiplier + "*SUM(" +
                          rows(column, kAges - 2, kAges - 1) + ")";
        }
        const int profile_column = Layout::kProfileColumn + sex;
        auto net_part = [&](const OUString& profile) {
            const OUString product = net + "*" + profile;
            return inward ? "((" + product + ")>0)*" + product : "((" + product + ")<0)*-" + product;
        };
        write_array_formula(sheet, Layout::kMigrationColumn + c, Layout::kFirstAgeRow + 1, 1, kAges - 2,
                            "=" + scale + "*(" + flows + ")+" + net_part(rows(profile_column, 0, kAges - 3)));
        open_group.push_back("=" + scale + "*(" + open_flows + ")+SUMPRODUCT(" +
                             net_part(rows(profile_column, kAges - 2, kAges - 1)) + ")");
    }
    write_formulas(sheet, Layout::kMigrationColumn, Layout::kFirstAgeRow + kAges - 1, {open_group});
}

// The table by age under its headers, with the base from the workbook's range, the fertility rates
// scaled to the target TFR and POP.PROJECT's migration block as formulas.
void write_table_by_age(const Sheet& sheet, const ScenarioSheets& s, const OUString& base_ref) {
    using Layout = AssumptionsLayout;
    write_table_headers(sheet, s);
    write_values(sheet, Layout::kAgeColumn, Layout::kFirstAgeRow, table_by_age(s));
    if (s.spec.base_range)
        write_array_formula(sheet, Layout::kBaseColumn, Layout::kFirstAgeRow, 2, kAges, "=" + base_ref);
    const OUString asfr_given =
        local_ref(Layout::kAsfrColumn, Layout::kFirstFertileRow, true) + ":" +
        local_ref(Layout::kAsfrColumn, Layout::kFirstFertileRow + kFertileAges - 1, true);
    const OUString tfr_cell = cell_ref(s.assumptions, Layout::kValueColumn, Layout::kTfrRow);
    write_array_formula(sheet, Layout::kAsfrScaledColumn, Layout::kFirstFertileRow, 1, kFertileAges,
                        "=POP.SCALE(" + asfr_given + ";" + tfr_cell + ")");
    write_migration_block(sheet);
}

// Death probabilities by year: qx × (1 − improvement)^t, a male/female pair per year under its year.
void write_mortality_by_year(const Sheet& sheet, const ScenarioSheets& s) {
    using Layout = AssumptionsLayout;
    const int horizon = s.horizon();
    Grid years_row{{}};
    for (int year = 1; year <= horizon; ++year) {
        years_row[0].push_back(number(s.spec.base_year + year));
        years_row[0].push_back(Any());
    }
    write_values(sheet, Layout::kQxYearsColumn, Layout::kGroupRow, years_row);
    const OUString qx_given = local_ref(Layout::kQxColumn, Layout::kFirstAgeRow, true) + ":" +
                              local_ref(Layout::kQxColumn + 1, Layout::kFirstAgeRow + kAges, true);
    const OUString improvement_cell = cell_ref(s.assumptions, Layout::kValueColumn, Layout::kImprovementRow);
    const OUString base_year_cell = cell_ref(s.assumptions, Layout::kValueColumn, Layout::kBaseYearRow);
    for (int year = 1; year <= horizon; ++year) {
        const int column = Layout::kQxYearsColumn + 2 * (year - 1);
        write_array_formula(sheet, column, Layout::kFirstAgeRow, 2, kAges + 1,
                            "=" + qx_given + "*(1-" + improvement_cell + ")^(" +
                                local_ref(column, Layout::kGroupRow, true) + "-" + base_year_cell + ")");
    }
}

void write_assumptions_sheet(const ScenarioSheets& s, const OUString& base_ref) {
    using Layout = AssumptionsLayout;
    auto sheet = append_sheet(s.document, s.assumptions, s.language);
    write_parameters(sheet, s);
    write_table_by_age(sheet, s, base_ref);
    write_mortality_by_year(sheet, s);
    // Five decimals for the rates (fertility, death probabilities, the net profile, by year too);
    // the flows and the migration block are persons a year.
    set_number_format(s.document, block(sheet, Layout::kAsfrColumn, Layout::kFirstAgeRow, 4, kAges + 1),
                      "0.00000");
    set_number_format(
        s.document, block(sheet, Layout::kFirstFlowColumn, Layout::kFirstAgeRow, 2 * helsinki::kFlows, kAges),
        "0.0");
    set_number_format(s.document, block(sheet, Layout::kProfileColumn, Layout::kFirstAgeRow, 2, kAges),
                      "0.00000");
    set_number_format(
        s.document,
        block(sheet, Layout::kMigrationColumn, Layout::kFirstAgeRow, Layout::kMigrationColumns, kAges),
        "0.0");
    set_number_format(s.document,
                      block(sheet, Layout::kQxYearsColumn, Layout::kFirstAgeRow, 2 * s.horizon(), kAges + 1),
                      "0.00000");
    set_column_width(sheet, Layout::kLabelColumn, Layout::kLabelWidth);
}

// ---- Projection

// POP.PROJECT's arguments on the Assumptions sheet: base, fertility, mortality by year, the gross
// migration block and the horizon; `options` the cell with the options.
OUString projection_arguments(const ScenarioSheets& s) {
    using Layout = AssumptionsLayout;
    const OUString base = range_ref(s.assumptions, Layout::kBaseColumn, Layout::kFirstAgeRow, 2, kAges);
    const OUString fertility =
        range_ref(s.assumptions, Layout::kAsfrScaledColumn, Layout::kFirstFertileRow, 1, kFertileAges);
    const OUString mortality =
        range_ref(s.assumptions, Layout::kQxYearsColumn, Layout::kFirstAgeRow, 2 * s.horizon(), kAges + 1);
    const OUString migration = range_ref(s.assumptions, Layout::kMigrationColumn, Layout::kFirstAgeRow,
                                         Layout::kMigrationColumns, kAges);
    const OUString horizon_cell = cell_ref(s.assumptions, Layout::kValueColumn, Layout::kHorizonRow);
    return base + ";" + fertility + ";" + mortality + ";" + migration + ";" + horizon_cell;
}

OUString projection_call(const ScenarioSheets& s, const char* output) {
    const OUString options =
        cell_ref(s.assumptions, AssumptionsLayout::kValueColumn, AssumptionsLayout::kOptionsRow);
    return "=POP.PROJECT(" + projection_arguments(s) + ";\"" + OUString::createFromAscii(output) + "\";" +
           options + ")";
}

void write_projection_sheet(const ScenarioSheets& s) {
    using Layout = ProjectionLayout;
    const int horizon = s.horizon();
    auto sheet = append_sheet(s.document, s.projection, s.language);
    write_values(sheet, Layout::kLabelColumn, Layout::kTitleRow, {{text(s.t("projection.title", {s.name}))}});
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kTitleRow, 1, 1));
    write_values(sheet, Layout::kLabelColumn, Layout::kHeaderRow,
                 year_header({s.t("col.age")}, s.spec.base_year, horizon));
    Grid age_column;
    for (int age = 0; age < kAges; ++age) age_column.push_back({number(age)});
    write_values(sheet, Layout::kLabelColumn, Layout::kFirstAgeRow, age_column);
    write_array_formula(sheet, Layout::kFirstYearColumn, Layout::kFirstAgeRow, horizon + 1, kAges,
                        projection_call(s, "total"));

    write_values(sheet, Layout::kLabelColumn, Layout::kComponentsTitleRow,
                 {{text(s.t("projection.components"))}});
    write_values(sheet, Layout::kLabelColumn, Layout::kComponentsHeaderRow,
                 year_header({OUString()}, s.spec.base_year, horizon));
    Grid component_labels;
    for (const char* key : Layout::kComponentKeys) component_labels.push_back({text(s.t(key))});
    write_values(sheet, Layout::kLabelColumn, Layout::kFirstComponentRow, component_labels);
    write_array_formula(sheet, Layout::kFirstYearColumn, Layout::kFirstComponentRow, horizon + 1,
                        Layout::kComponents, projection_call(s, "components"));

    const int width = Layout::kFirstYearColumn + horizon + 1;  // the labels and every year
    for (int row : {Layout::kHeaderRow, Layout::kComponentsHeaderRow}) {
        set_bold(block(sheet, Layout::kLabelColumn, row, width, 1));
        set_fill(block(sheet, Layout::kLabelColumn, row, width, 1), kHeaderFill);
    }
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kComponentsTitleRow, 1, 1));
    set_number_format(s.document,
                      block(sheet, Layout::kFirstYearColumn, Layout::kFirstAgeRow, horizon + 1, kAges),
                      "#,##0");
    set_number_format(
        s.document,
        block(sheet, Layout::kFirstYearColumn, Layout::kFirstComponentRow, horizon + 1, Layout::kComponents),
        "#,##0");
    set_column_width(sheet, Layout::kLabelColumn, Layout::kLabelWidth);
}

// Formulas into the Projection sheet, for the Demand and Summary sheets.
class ProjectionRefs {
public:
    explicit ProjectionRefs(const OUString& sheet)
        : sheet_(sheet),
          ages_(range_ref(sheet, ProjectionLayout::kLabelColumn, ProjectionLayout::kFirstAgeRow, 1, kAges)) {}

    // The population of a year (0 = the base year) at the ages the two SUMIFS criteria select.
    OUString sumifs(int year_index, const OUString& at_least, const OUString& at_most) const {
        const OUString year = range_ref(sheet_, ProjectionLayout::kFirstYearColumn + year_index,
                                        ProjectionLayout::kFirstAgeRow, 1, kAges);
        return "SUMIFS(" + year + ";" + ages_ + ";" + at_least + ";" + ages_ + ";" + at_most + ")";
    }
    // The population of a year aged from..to.
    OUString ages_sum(int year_index, int from, int to) const {
        return sumifs(year_index, "\">=" + OUString::number(from) + "\"",
                      "\"<=" + OUString::number(to) + "\"");
    }
    // A component of a year (ProjectionLayout::kComponentKeys).
    OUString component(int year_index, int component) const {
        return cell_ref(sheet_, ProjectionLayout::kFirstYearColumn + year_index,
                        ProjectionLayout::kFirstComponentRow + component);
    }

private:
    OUString sheet_, ages_;
};

// ---- Demand

// The population by age segment (the lower ages yellow) with POP.AGGREGATE.
void write_segments(const Sheet& sheet, const ScenarioSheets& s, const DemandLayout& layout) {
    using Layout = DemandLayout;
    const auto& breaks = s.spec.age_breaks;
    const int horizon = s.horizon();
    write_values(sheet, Layout::kLabelColumn, Layout::kSegmentsTitleRow, {{text(s.t("demand.segments"))}});
    write_values(sheet, Layout::kLabelColumn, Layout::kSegmentsHeaderRow,
                 year_header({s.t("col.segment"), s.t("col.from_age")}, s.spec.base_year, horizon));
    Grid rows;
    for (std::size_t i = 0; i < breaks.size(); ++i)
        rows.push_back({text(band_label(breaks, i)), number(breaks[i])});
    write_values(sheet, Layout::kLabelColumn, Layout::kFirstSegmentRow, rows);
    set_fill(block(sheet, Layout::kFromAgeColumn, Layout::kFirstSegmentRow, 1, layout.segments), kInputFill);
    const OUString population = range_ref(s.projection, ProjectionLayout::kFirstYearColumn,
                                          ProjectionLayout::kFirstAgeRow, horizon + 1, kAges);
    const OUString lower_ages =
        local_ref(Layout::kFromAgeColumn, Layout::kFirstSegmentRow, true) + ":" +
        local_ref(Layout::kFromAgeColumn, Layout::kFirstSegmentRow + layout.segments - 1, true);
    write_array_formula(sheet, Layout::kSegmentYearsColumn, Layout::kFirstSegmentRow, horizon + 1,
                        layout.segments, "=POP.AGGREGATE(" + population + ";" + lower_ages + ")");
}

// The services: participation rate × the population of their ages, ages and rates yellow.
void write_services(const Sheet& sheet, const ScenarioSheets& s, const DemandLayout& layout) {
    using Layout = DemandLayout;
    const int horizon = s.horizon();
    write_values(sheet, Layout::kLabelColumn, layout.services_title_row(), {{text(s.t("demand.services"))}});
    write_values(sheet, Layout::kLabelColumn, layout.services_header_row(),
                 year_header({s.t("col.service"), s.t("col.from_age"), s.t("col.to_age"), s.t("col.rate")},
                             s.spec.base_year, horizon));
    const int services = static_cast<int>(s.spec.services.size());
    if (services == 0) return;
    const ProjectionRefs projection(s.projection);
    Grid rows;
    FormulaGrid formulas;
    for (int i = 0; i < services; ++i) {
        const auto& service = s.spec.services[static_cast<std::size_t>(i)];
        const int row = layout.first_service_row() + i;
        rows.push_back({text(s.t(service.key.c_str())), number(service.age_from), number(service.age_to),
                        number(service.participation)});
        const OUString rate = local_ref(Layout::kRateColumn, row, true);
        const OUString at_least = "\">=\"&" + local_ref(Layout::kFromAgeColumn, row, true);
        const OUString at_most = "\"<=\"&" + local_ref(Layout::kToAgeColumn, row, true);
        std::vector<OUString> line;
        for (int y = 0; y <= horizon; ++y)
            line.push_back("=" + rate + "*" + projection.sumifs(y, at_least, at_most));
        formulas.push_back(std::move(line));
    }
    write_values(sheet, Layout::kLabelColumn, layout.first_service_row(), rows);
    write_formulas(sheet, Layout::kServiceYearsColumn, layout.first_service_row(), formulas);
    set_fill(block(sheet, Layout::kFromAgeColumn, layout.first_service_row(), 3, services), kInputFill);
    set_number_format(
        s.document,
        block(sheet, Layout::kServiceYearsColumn, layout.first_service_row(), horizon + 1, services),
        "#,##0");
}

DemandLayout write_demand_sheet(const ScenarioSheets& s) {
    using Layout = DemandLayout;
    const Layout layout{static_cast<int>(s.spec.age_breaks.size())};
    const int horizon = s.horizon();
    auto sheet = append_sheet(s.document, s.demand, s.language);
    write_values(sheet, Layout::kLabelColumn, Layout::kTitleRow, {{text(s.t("demand.title", {s.name}))}});
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kTitleRow, 1, 1));
    write_segments(sheet, s, layout);
    write_services(sheet, s, layout);
    set_number_format(
        s.document,
        block(sheet, Layout::kSegmentYearsColumn, Layout::kFirstSegmentRow, horizon + 1, layout.segments),
        "#,##0");
    const int width = Layout::kServiceYearsColumn + horizon + 1;  // the services' columns and every year
    for (int row : {Layout::kSegmentsHeaderRow, layout.services_header_row()}) {
        set_bold(block(sheet, Layout::kLabelColumn, row, width, 1));
        set_fill(block(sheet, Layout::kLabelColumn, row, width, 1), kHeaderFill);
    }
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kSegmentsTitleRow, 1, 1));
    set_bold(block(sheet, Layout::kLabelColumn, layout.services_title_row(), 1, 1));
    set_column_width(sheet, Layout::kLabelColumn, Layout::kLabelWidth);
    set_column_width(sheet, Layout::kFromAgeColumn, Layout::kFromAgeWidth);
    set_column_width(sheet, Layout::kRateColumn, Layout::kRateWidth);
    return layout;
}

// ---- Summary

struct Indicator {
    OUString label;
    std::vector<OUString> formulas;  // by year index from the base year; empty for an empty cell
    const char* format;
};

template <typename Formula>
std::vector<OUString> by_year(int horizon, Formula formula) {
    std::vector<OUString> line;
    for (int y = 0; y <= horizon; ++y) line.push_back(formula(y));
    return line;
}

// The Summary's indicators in SummaryLayout's order, formulas into the other sheets.
std::vector<Indicator> summary_indicators(const ScenarioSheets& s, const DemandLayout& demand) {
    const ProjectionRefs projection(s.projection);
    std::vector<Indicator> indicators;
    auto add = [&](const OUString& label, const char* format, auto formula) {
        indicators.push_back({label, by_year(s.horizon(), formula), format});
    };
    // The components: the population, then births, deaths, in-, out- and net migration and the
    // natural increase. These are flows during a year: the base year (a stock on 31 Dec) has none,
    // so its cell stays empty rather than showing a 0 that reads like a count.
    for (int c = 0; c < SummaryLayout::kComponentIndicators; ++c)
        add(s.t(ProjectionLayout::kComponentKeys[c]), "#,##0", [&](int y) -> OUString {
            if (c > 0 && y == 0) return OUString();
            return "=" + projection.component(y, c);
        });
    for (const SummaryLayout::AgeGroup& group : SummaryLayout::kAgeGroups) {
        const OUString label = group.to == 99 ? OUString::number(group.from) + "+"
                                              : OUString::number(group.from) + OUString::fromUtf8("\u2013") +
                                                    OUString::number(group.to);
        add(s.t("indicator.age", {label}), "#,##0",
            [&](int y) -> OUString { return "=" + projection.ages_sum(y, group.from, group.to); });
    }
    add(s.t("indicator.share65"), "0.0%", [&](int y) -> OUString {
        return "=" + projection.ages_sum(y, 65, 99) + "/" +
               projection.component(y, ProjectionLayout::kPopulationComponent);
    });
    add(s.t("indicator.dependency"), "0.000", [&](int y) -> OUString {
        return "=(" + projection.ages_sum(y, 0, 14) + "+" + projection.ages_sum(y, 65, 99) + ")/" +
               projection.ages_sum(y, 15, 64);
    });
    for (std::size_t i = 0; i < s.spec.services.size(); ++i) {
        const int row = demand.first_service_row() + static_cast<int>(i);
        add(s.t(s.spec.services[i].key.c_str()), "#,##0", [&](int y) -> OUString {
            return "=" + cell_ref(s.demand, DemandLayout::kServiceYearsColumn + y, row);
        });
    }
    return indicators;
}

struct SummarySheet {
    Sheet sheet;
    int indicators;
};

// The indicators by year under the year header, each row in its number format.
SummarySheet write_summary_sheet(const ScenarioSheets& s, const DemandLayout& demand) {
    using Layout = SummaryLayout;
    const int horizon = s.horizon();
    auto sheet = append_sheet(s.document, s.summary, s.language);
    write_values(sheet, Layout::kLabelColumn, Layout::kTitleRow, {{text(s.t("summary.title", {s.name}))}});
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kTitleRow, 1, 1));
    write_values(sheet, Layout::kLabelColumn, Layout::kHeaderRow,
                 year_header({s.t("col.indicator")}, s.spec.base_year, horizon));
    const std::vector<Indicator> indicators = summary_indicators(s, demand);
    Grid labels;
    FormulaGrid formulas;
    for (const auto& indicator : indicators) {
        labels.push_back({text(indicator.label)});
        formulas.push_back(indicator.formulas);
    }
    write_values(sheet, Layout::kLabelColumn, Layout::kFirstIndicatorRow, labels);
    write_formulas(sheet, Layout::kFirstYearColumn, Layout::kFirstIndicatorRow, formulas);
    const int count = static_cast<int>(indicators.size());
    for (int i = 0; i < count; ++i)
        set_number_format(s.document,
                          block(sheet, Layout::kFirstYearColumn, Layout::indicator_row(i), horizon + 1, 1),
                          OUString::createFromAscii(indicators[static_cast<std::size_t>(i)].format));
    const int width = Layout::year_column(horizon) + 1;  // the labels and every year
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kHeaderRow, width, 1));
    set_fill(block(sheet, Layout::kLabelColumn, Layout::kHeaderRow, width, 1), kHeaderFill);
    set_column_width(sheet, Layout::kLabelColumn, kSummaryLabelWidth);
    return {sheet, count};
}

// The population and the age groups, each under the year header, as line charts side by side below
// the indicators. The Summary is the workbook's last sheet.
void add_summary_charts(const ScenarioSheets& s, const SummarySheet& summary) {
    using Layout = SummaryLayout;
    const sal_Int32 top = kRowHeight * Layout::chart_row(summary.indicators);
    const auto index = static_cast<sal_Int16>(
        Reference<css::container::XIndexAccess>(s.document->getSheets(), UNO_QUERY_THROW)->getCount() - 1);
    // The rows first_row..last_row, from the label column to the last year.
    auto rows = [&](int first_row, int last_row) {
        return css::table::CellRangeAddress(index, Layout::kLabelColumn, first_row,
                                            Layout::year_column(s.horizon()), last_row);
    };
    add_line_chart(summary.sheet, s.summary + " population", s.t("summary.chart", {s.name}),
                   {rows(Layout::kHeaderRow, Layout::indicator_row(Layout::kPopulationIndicator))},
                   kPopulationChartLeft, top, kChartWidth, kChartHeight);
    const int first_age_group = Layout::indicator_row(Layout::kFirstAgeGroupIndicator);
    const int age_groups = static_cast<int>(Layout::kAgeGroups.size());
    add_line_chart(summary.sheet, s.summary + " age groups", s.t("summary.age_chart", {s.name}),
                   {rows(Layout::kHeaderRow, Layout::kHeaderRow),
                    rows(first_age_group, first_age_group + age_groups - 1)},
                   kAgeGroupChartLeft, top, kChartWidth, kChartHeight);
}

}  // namespace

void write_scenario(const Reference<css::sheet::XSpreadsheetDocument>& document, const ScenarioSpec& spec,
                    const std::string& language) {
    // Everything is checked before anything is written: a failure leaves the workbook as it was.
    const OUString base_ref = check_scenario(document, spec, language);
    const ScenarioSheets sheets = scenario_sheets(document, spec, language);
    UndoStep undo(document, t(language, "scenario.undo", {sheets.name}));
    std::optional<CalculationPause> pause(std::in_place, document);
    write_assumptions_sheet(sheets, base_ref);
    write_projection_sheet(sheets);
    const DemandLayout demand = write_demand_sheet(sheets);
    const SummarySheet summary = write_summary_sheet(sheets, demand);
    // Charts read computed cells: they are added once calculation is back on.
    pause.reset();
    add_summary_charts(sheets, summary);
}

void run_new_scenario(const CommandContext& context, const CommandArguments& arguments) {
    const auto document = spreadsheet_of(context.frame, context.language);
    std::optional<ScenarioSpec> spec;
    if (arguments.empty()) {
        spec = run_scenario_wizard(context, document);
        if (!spec) return;  // cancelled: nothing written
    } else {
        spec = default_scenario();
        spec->name = arguments.text("Name").value_or(OUString());
        if (spec->name.isEmpty()) throw command_error(ui_text(context.language, "scenario.no_name_argument"));
        if (auto range = arguments.text("BaseRange"); range && !range->trim().isEmpty()) {
            spec->base_range = range->trim();
            const auto now = std::chrono::system_clock::now();
            const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
            spec->base_year = static_cast<int>(today.year()) - 1;
        }
        if (auto value = arguments.number("TargetTFR")) spec->target_tfr = *value;
        // NetMigration alone is a net count a year over the net profile, as before the gross flows:
        // the flows are then 0 % unless given too.
        if (auto value = arguments.number("NetMigration")) {
            spec->net_migration = *value;
            spec->flow_multipliers.fill(0.0);
        }
        for (std::size_t k = 0; k < migration_flows().size(); ++k)
            if (auto value = arguments.number(migration_flows()[k].argument))
                spec->flow_multipliers[k] = *value / 100;
        if (auto value = arguments.number("Horizon")) {
            check(*value == std::floor(*value),
                  ui_text(context.language, "scenario.horizon_whole", {*value}));
            spec->horizon_years = static_cast<int>(*value);
        }
        if (auto value = arguments.number("MortalityImprovement")) spec->mortality_improvement = *value;
        if (auto value = arguments.number("BaseYear")) spec->base_year = static_cast<int>(*value);
        if (auto value = arguments.text("AgeSegments"))
            spec->age_breaks = parse_age_breaks(*value, context.language);
    }
    write_scenario(document, *spec, context.language);
    const OUString summary = scenario_sheet(spec->name, "sheet.summary", context.language);
    show_sheet(context.frame, document, summary);
    show_done(context, ui_text(context.language, "scenario.done",
                               {spec->name, static_cast<double>(spec->horizon_years), summary}));
}

}  // namespace kuntaplan::addin
