// org.kuntaplan:CompareScenarios: a sheet with the scenarios' indicators side
// by side, their differences from the first scenario by year, and a chart.
// Everything is a formula into the scenarios' Summary sheets, so it follows
// any change to their assumptions. With the arguments Scenarios (and
// optionally Indicators) it runs without a dialog; from the menu a dialog
// (dialog/CompareDialog.xdl) asks which scenarios and indicators.
#include <algorithm>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <optional>

#include "commands.hpp"
#include "extension_dialog.hpp"
#include "scenario.hpp"
#include "sheets.hpp"
#include "summary_layout.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY_THROW;

namespace {

constexpr const char* kLanguages[] = {"en", "fi", "sv"};
// How far a Summary sheet is read: its year header to the right, its indicator labels down.
constexpr int kMostYearsRead = 200;
constexpr int kMostIndicatorsRead = 100;

using Sheet = Reference<css::sheet::XSpreadsheet>;

// The Comparison sheet (0-based rows and columns): the title, the year header, and a block per
// indicator: its value in each scenario, each other scenario's difference from the first, an empty row.
struct ComparisonLayout {
    static constexpr int kTitleRow = 0;
    static constexpr int kHeaderRow = 2;
    static constexpr int kFirstRow = 3;              // the first indicator's block
    static constexpr int kLabelColumn = 0;           // the indicator, in its block's first row
    static constexpr int kScenarioColumn = 1;        // the scenario, or which difference
    static constexpr int kFirstYearColumn = 2;       // the base year
    static constexpr sal_Int32 kColumnWidth = 8000;  // of the two label columns, 1/100 mm
    // The chart below the blocks, 1/100 mm: rows are counted 0.5 cm high (more than a default row).
    static constexpr sal_Int32 kRowHeight = 500;
    static constexpr sal_Int32 kChartMargin = 500;
    static constexpr sal_Int32 kChartLeft = 500;
    static constexpr sal_Int32 kChartWidth = 16000;
    static constexpr sal_Int32 kChartHeight = 8000;
};

struct Scenario {
    OUString name, summary;        // scenario name, its Summary sheet
    std::vector<OUString> labels;  // indicator labels, in the order of the Summary's rows
    std::vector<double> years;     // the Summary's year header

    // The Summary row of the indicator labelled `label` (one of `labels`).
    int row_of(const OUString& label) const {
        const auto index = std::find(labels.begin(), labels.end(), label) - labels.begin();
        return SummaryLayout::indicator_row(static_cast<int>(index));
    }
};

Scenario read_scenario(const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name,
                       const std::string& language) {
    Scenario scenario{name, OUString(), {}, {}};
    std::vector<std::string> order{language};
    for (const char* other : kLanguages)
        if (other != language) order.emplace_back(other);
    for (const auto& lang : order)
        if (has_sheet(document, scenario_sheet(name, "sheet.summary", lang))) {
            scenario.summary = scenario_sheet(name, "sheet.summary", lang);
            break;
        }
    if (scenario.summary.isEmpty())
        throw command_error(
            ui_text(language, "compare.missing", {name, scenario_sheet(name, "sheet.summary", language)}));
    auto sheet = sheet_named(document, scenario.summary);
    const auto header =
        Reference<css::sheet::XCellRangeData>(
            block(sheet, SummaryLayout::kFirstYearColumn, SummaryLayout::kHeaderRow, kMostYearsRead, 1),
            UNO_QUERY_THROW)
            ->getDataArray();
    for (const Any& cell : header[0]) {
        double year = 0;
        if (!(cell >>= year)) break;
        scenario.years.push_back(year);
    }
    const auto labels = Reference<css::sheet::XCellRangeData>(
                            block(sheet, SummaryLayout::kLabelColumn, SummaryLayout::kFirstIndicatorRow, 1,
                                  kMostIndicatorsRead),
                            UNO_QUERY_THROW)
                            ->getDataArray();
    for (const auto& row : labels) {
        OUString label;
        if (!(row[0] >>= label) || label.isEmpty()) break;
        scenario.labels.push_back(label);
    }
    if (scenario.years.empty() || scenario.labels.empty())
        throw command_error(ui_text(language, "compare.not_summary", {scenario.summary}));
    return scenario;
}

// Every scenario of the workbook: a "<name> Summary" sheet in any language.
std::vector<OUString> all_scenarios(const Reference<css::sheet::XSpreadsheetDocument>& document) {
    std::vector<OUString> names;
    Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
    for (sal_Int32 i = 0; i < sheets->getCount(); ++i) {
        const OUString sheet =
            Reference<css::container::XNamed>(sheets->getByIndex(i), UNO_QUERY_THROW)->getName();
        for (const char* lang : kLanguages) {
            const OUString suffix = " " + ui_text(lang, "sheet.summary");
            if (sheet.endsWith(suffix) && sheet.getLength() > suffix.getLength()) {
                names.push_back(sheet.copy(0, sheet.getLength() - suffix.getLength()));
                break;
            }
        }
    }
    return names;
}

std::vector<OUString> split(const OUString& text) {
    std::vector<OUString> out;
    sal_Int32 index = 0;
    do {
        const OUString token = text.getToken(0, ';', index).trim();
        if (!token.isEmpty()) out.push_back(token);
    } while (index >= 0);
    return out;
}

// The labels every one of the scenarios has, in the order of the first.
std::vector<OUString> common_indicators(const std::vector<Scenario>& scenarios) {
    std::vector<OUString> common;
    for (const auto& label : scenarios.front().labels)
        if (std::all_of(scenarios.begin(), scenarios.end(), [&](const Scenario& s) {
                return std::find(s.labels.begin(), s.labels.end(), label) != s.labels.end();
            }))
            common.push_back(label);
    return common;
}

uno::Sequence<OUString> as_sequence(const std::vector<OUString>& items) {
    uno::Sequence<OUString> out(static_cast<sal_Int32>(items.size()));
    std::copy(items.begin(), items.end(), out.getArray());
    return out;
}

uno::Sequence<sal_Int16> every_position(std::size_t count) {
    uno::Sequence<sal_Int16> out(static_cast<sal_Int32>(count));
    for (std::size_t i = 0; i < count; ++i) out.getArray()[i] = static_cast<sal_Int16>(i);
    return out;
}

struct Choice {
    std::vector<OUString> scenarios, indicators;
};

// The dialog: every scenario and every common indicator offered, all selected to begin with.
// Returns nothing when the user cancels; asks again while fewer than two scenarios or no
// indicator are chosen.
std::optional<Choice> choose_in_dialog(const CommandContext& context, const std::vector<OUString>& names,
                                       const std::vector<OUString>& indicators) {
    const ExtensionDialog owned(context, "CompareDialog.xdl");
    const auto& dialog = owned.dialog();
    const auto& controls = owned.controls();
    auto model = [&](const char* name) {
        return Reference<css::beans::XPropertySet>(
            controls->getControl(OUString::createFromAscii(name))->getModel(), UNO_QUERY_THROW);
    };
    model("Scenarios")->setPropertyValue("StringItemList", Any(as_sequence(names)));
    model("Scenarios")->setPropertyValue("SelectedItems", Any(every_position(names.size())));
    model("Indicators")->setPropertyValue("StringItemList", Any(as_sequence(indicators)));
    model("Indicators")->setPropertyValue("SelectedItems", Any(every_position(indicators.size())));
    auto selected = [&](const char* name) {
        // The widget's (peer's) selection: what the user sees, also before the model hears of it.
        Reference<css::awt::XListBox> list(controls->getControl(OUString::createFromAscii(name))->getPeer(),
                                           UNO_QUERY_THROW);
        std::vector<OUString> items;
        for (const OUString& item : list->getSelectedItems()) items.push_back(item);
        return items;
    };
    while (dialog->execute() == 1) {
        Choice choice{selected("Scenarios"), selected("Indicators")};
        if (choice.scenarios.size() < 2)
            show_message(context, ui_text(context.language, "error.title"),
                         ui_text(context.language, "compare.choose_two",
                                 {static_cast<double>(choice.scenarios.size())}),
                         true);
        else if (choice.indicators.empty())
            show_message(context, ui_text(context.language, "error.title"),
                         ui_text(context.language, "compare.choose_indicator"), true);
        else
            return choice;
    }
    return std::nullopt;
}

// What is compared: the scenarios in their order, the indicators all of them have and the number of
// years all of them have, from the common base year.
struct Comparison {
    std::vector<Scenario> scenarios;
    std::vector<OUString> indicators;
    int years;
};

// The indicators every scenario has (only those in `wanted`, unless it is empty), and the common years.
Comparison compared(std::vector<Scenario> scenarios, const std::vector<OUString>& wanted,
                    const std::string& language) {
    std::vector<OUString> indicators;
    for (const auto& label : common_indicators(scenarios))
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), label) != wanted.end())
            indicators.push_back(label);
    if (indicators.empty()) throw command_error(ui_text(language, "compare.no_common"));
    std::size_t year_count = scenarios.front().years.size();
    for (const auto& s : scenarios) {
        if (s.years.front() != scenarios.front().years.front())
            throw command_error(ui_text(language, "compare.base_years"));
        year_count = std::min(year_count, s.years.size());
    }
    return {std::move(scenarios), std::move(indicators), static_cast<int>(year_count)};
}

// The scenarios and indicators named in the arguments (every scenario of the workbook when none are
// named), or without arguments those chosen in the dialog; nothing when the user cancels.
std::optional<Comparison> choose_comparison(const CommandContext& context,
                                            const Reference<css::sheet::XSpreadsheetDocument>& document,
                                            const CommandArguments& arguments) {
    const std::string& language = context.language;
    const std::vector<OUString> names = arguments.has("Scenarios")
                                            ? split(arguments.text("Scenarios").value_or(OUString()))
                                            : all_scenarios(document);
    if (names.size() < 2)
        throw command_error(ui_text(language, "compare.none", {static_cast<double>(names.size())}));
    std::vector<Scenario> scenarios;
    for (const auto& name : names) scenarios.push_back(read_scenario(document, name, language));
    std::vector<OUString> wanted = split(arguments.text("Indicators").value_or(OUString()));
    if (arguments.empty()) {
        const auto choice = choose_in_dialog(context, names, common_indicators(scenarios));
        if (!choice) return std::nullopt;
        std::vector<Scenario> chosen;
        for (const auto& name : choice->scenarios)
            chosen.push_back(*std::find_if(scenarios.begin(), scenarios.end(),
                                           [&](const Scenario& s) { return s.name == name; }));
        scenarios = std::move(chosen);
        wanted = choice->indicators;
    }
    return compared(std::move(scenarios), wanted, language);
}

// ---- The Comparison sheet

// The years in which some scenario leaves the indicator's Summary cell empty.
std::vector<bool> blank_years(const Reference<css::sheet::XSpreadsheetDocument>& document,
                              const Comparison& comparison, const OUString& indicator) {
    std::vector<bool> blank(static_cast<std::size_t>(comparison.years), false);
    for (const auto& scenario : comparison.scenarios) {
        const int source_row = scenario.row_of(indicator);
        auto sheet_of = sheet_named(document, scenario.summary);
        for (int y = 0; y < comparison.years; ++y)
            if (sheet_of->getCellByPosition(SummaryLayout::year_column(y), source_row)->getType() ==
                css::table::CellContentType_EMPTY)
                blank[static_cast<std::size_t>(y)] = true;
    }
    return blank;
}

// A scenario's indicator by year: references to its Summary row. An empty Summary cell (no births,
// deaths or migration in the base year) stays empty here: a plain reference would show it as 0.
std::vector<OUString> scenario_line(const Scenario& scenario, const OUString& indicator,
                                    const std::vector<bool>& blank) {
    const int source_row = scenario.row_of(indicator);
    std::vector<OUString> line;
    for (std::size_t y = 0; y < blank.size(); ++y) {
        const OUString source =
            cell_ref(scenario.summary, SummaryLayout::year_column(static_cast<int>(y)), source_row);
        line.push_back(blank[y] ? "=IF(ISBLANK(" + source + ");\"\";" + source + ")" : "=" + source);
    }
    return line;
}

// The row `row` minus the row `first_row` of the same block by year, empty where either is empty.
std::vector<OUString> difference_line(int row, int first_row, const std::vector<bool>& blank) {
    std::vector<OUString> line;
    for (std::size_t y = 0; y < blank.size(); ++y) {
        const int column = ComparisonLayout::kFirstYearColumn + static_cast<int>(y);
        const OUString other = local_ref(column, row);
        const OUString first = local_ref(column, first_row);
        line.push_back(blank[y]
                           ? "=IF(OR(" + other + "=\"\";" + first + "=\"\");\"\";" + other + "-" + first + ")"
                           : "=" + other + "-" + first);
    }
    return line;
}

// The labels and formulas of every indicator's block, from the first block's row down.
std::pair<Grid, FormulaGrid> indicator_blocks(const Reference<css::sheet::XSpreadsheetDocument>& document,
                                              const Comparison& comparison, const std::string& language) {
    const auto& scenarios = comparison.scenarios;
    Grid labels;
    FormulaGrid formulas;
    for (const auto& indicator : comparison.indicators) {
        const int block_row = ComparisonLayout::kFirstRow + static_cast<int>(labels.size());
        const std::vector<bool> blank = blank_years(document, comparison, indicator);
        for (std::size_t s = 0; s < scenarios.size(); ++s) {
            labels.push_back({s == 0 ? text(indicator) : Any(), text(scenarios[s].name)});
            formulas.push_back(scenario_line(scenarios[s], indicator, blank));
        }
        for (std::size_t s = 1; s < scenarios.size(); ++s) {
            labels.push_back({Any(), text(ui_text(language, "compare.difference",
                                                  {scenarios[s].name, scenarios.front().name}))});
            formulas.push_back(difference_line(block_row + static_cast<int>(s), block_row, blank));
        }
        labels.push_back({});
        formulas.push_back(std::vector<OUString>(static_cast<std::size_t>(comparison.years)));
    }
    return {std::move(labels), std::move(formulas)};
}

// Each indicator's block keeps the number format of its Summary row (counts, shares, ratios).
void copy_number_formats(const Reference<css::sheet::XSpreadsheetDocument>& document, const Sheet& sheet,
                         const Comparison& comparison) {
    const auto& first = comparison.scenarios.front();
    auto first_summary = sheet_named(document, first.summary);
    const int rows = static_cast<int>(2 * comparison.scenarios.size() - 1);  // values and differences
    int row = ComparisonLayout::kFirstRow;
    for (const auto& indicator : comparison.indicators) {
        const Any format =
            Reference<css::beans::XPropertySet>(
                block(first_summary, SummaryLayout::year_column(0), first.row_of(indicator), 1, 1),
                UNO_QUERY_THROW)
                ->getPropertyValue("NumberFormat");
        Reference<css::beans::XPropertySet>(
            block(sheet, ComparisonLayout::kFirstYearColumn, row, comparison.years, rows), UNO_QUERY_THROW)
            ->setPropertyValue("NumberFormat", format);
        row += rows + 1;
    }
}

// The chart: the first indicator (the population, when it is compared) of every scenario under the
// year header, below the `rows` rows of the blocks. The sheet is the workbook's last.
void add_comparison_chart(const Reference<css::sheet::XSpreadsheetDocument>& document, const Sheet& sheet,
                          const OUString& sheet_name, const Comparison& comparison, int rows,
                          const std::string& language) {
    using Layout = ComparisonLayout;
    const auto index = static_cast<sal_Int16>(
        Reference<css::container::XIndexAccess>(document->getSheets(), UNO_QUERY_THROW)->getCount() - 1);
    const int chart_row = Layout::kFirstRow + rows + 1;
    const int last_scenario_row = Layout::kFirstRow + static_cast<int>(comparison.scenarios.size()) - 1;
    add_line_chart(
        sheet, sheet_name + " chart", ui_text(language, "compare.chart"),
        {css::table::CellRangeAddress(index, Layout::kScenarioColumn, Layout::kHeaderRow,
                                      Layout::kFirstYearColumn + comparison.years - 1, last_scenario_row)},
        Layout::kChartLeft, Layout::kRowHeight * chart_row + Layout::kChartMargin, Layout::kChartWidth,
        Layout::kChartHeight);
}

// Returns the name of the sheet written.
OUString write_comparison(const Reference<css::sheet::XSpreadsheetDocument>& document,
                          const Comparison& comparison, const std::string& language) {
    using Layout = ComparisonLayout;
    OUString list;
    for (const auto& s : comparison.scenarios)
        list += (list.isEmpty() ? OUString() : OUString(", ")) + s.name;
    const OUString sheet_name = free_sheet_name(document, ui_text(language, "sheet.compare"));

    UndoStep undo(document, ui_text(language, "sheet.compare"));
    std::optional<CalculationPause> pause(std::in_place, document);
    auto sheet = append_sheet(document, sheet_name, language);
    const double count = static_cast<double>(comparison.scenarios.size());
    write_values(sheet, Layout::kLabelColumn, Layout::kTitleRow,
                 {{text(ui_text(language, "compare.title", {count, list}))}});
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kTitleRow, 1, 1));
    Grid header{{text(ui_text(language, "col.indicator")), text(ui_text(language, "col.scenario"))}};
    for (int y = 0; y < comparison.years; ++y)
        header[0].push_back(number(comparison.scenarios.front().years[static_cast<std::size_t>(y)]));
    write_values(sheet, Layout::kLabelColumn, Layout::kHeaderRow, header);
    const int width = Layout::kFirstYearColumn + comparison.years;  // the labels and every year
    set_bold(block(sheet, Layout::kLabelColumn, Layout::kHeaderRow, width, 1));
    set_fill(block(sheet, Layout::kLabelColumn, Layout::kHeaderRow, width, 1), kHeaderFill);

    const auto [labels, formulas] = indicator_blocks(document, comparison, language);
    write_values(sheet, Layout::kLabelColumn, Layout::kFirstRow, labels);
    write_formulas(sheet, Layout::kFirstYearColumn, Layout::kFirstRow, formulas);
    copy_number_formats(document, sheet, comparison);
    set_column_width(sheet, Layout::kLabelColumn, Layout::kColumnWidth);
    set_column_width(sheet, Layout::kScenarioColumn, Layout::kColumnWidth);

    // Charts read computed cells: they are added once calculation is back on.
    pause.reset();
    add_comparison_chart(document, sheet, sheet_name, comparison, static_cast<int>(formulas.size()),
                         language);
    return sheet_name;
}

}  // namespace

void run_compare_scenarios(const CommandContext& context, const CommandArguments& arguments) {
    const auto document = spreadsheet_of(context.frame, context.language);
    const auto comparison = choose_comparison(context, document, arguments);
    if (!comparison) return;  // cancelled: nothing written
    const OUString sheet = write_comparison(document, *comparison, context.language);
    show_sheet(context.frame, document, sheet);
    show_done(context, ui_text(context.language, "compare.done",
                               {static_cast<double>(comparison->scenarios.size()), sheet}));
}

}  // namespace kuntaplan::addin
