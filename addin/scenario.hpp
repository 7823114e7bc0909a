// A population scenario as the wizard (or a dispatch with arguments) describes
// it, and the writer that turns it into four ordinary sheets of live formulas:
// <Name> Assumptions, <Name> Projection (POP.PROJECT, POP.SCALE),
// <Name> Demand (POP.AGGREGATE and service rates) and <Name> Summary (charts).
#pragma once

#include <array>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scenario_data.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {

struct ServiceSpec {
    std::string key;  // ui text key: service.daycare, …
    int age_from, age_to;
    double participation;  // example value, marked as such in the sheet
};

// The services the wizard offers, with example participation rates.
const std::vector<ServiceSpec>& offered_services();

// The six migration flows as the wizard, the dispatch arguments and the Assumptions sheet name them,
// in the order of helsinki::Flow.
struct FlowSpec {
    const char* argument;  // the dispatch argument: InRegion, OutRegion, …
    const char* label;     // ui text key of its parameter row
    const char* title;     // ui text key of its columns' title
    bool inward;
};
const std::array<FlowSpec, helsinki::kFlows>& migration_flows();

struct ScenarioSpec {
    OUString name;                       // sheet-name prefix
    std::optional<OUString> base_range;  // "$Data.$B$2:$C$101", else the bundled Helsinki example
    double target_tfr = 0;
    double mortality_improvement = 0;  // per year, 0 = death probabilities as given
    // Each gross flow as a share of its default (1 = 100 %): Helsinki's flows of 2020, with a base
    // range of the workbook scaled to the size of that base.
    std::array<double, helsinki::kFlows> flow_multipliers{1, 1, 1, 1, 1, 1};
    // Net migrants a year added to the flows, spread over the net international profile (the
    // dispatch argument NetMigration, which also sets the flows to 0 unless they are given).
    double net_migration = 0;
    int horizon_years = 0;
    int base_year = 0;
    std::vector<int> age_breaks;  // lower ages of the segments
    std::vector<ServiceSpec> services;
};

// The defaults the wizard starts from (the Helsinki example as it is).
ScenarioSpec default_scenario();

// Checks the spec as write_scenario does, without writing anything; returns
// the base range as a formula reference (empty for the bundled example).
OUString check_scenario(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document,
                        const ScenarioSpec& spec, const std::string& language);

// Checks the spec (name usable as a sheet prefix, numbers in range, the base
// range 100 × 2) and writes the four sheets in one undo step with automatic
// calculation off. Throws command_error with a text for the user.
void write_scenario(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document,
                    const ScenarioSpec& spec, const std::string& language);

// The sheet names of a scenario in a language.
OUString scenario_sheet(const OUString& name, const char* part, const std::string& language);

// Parses "0;1;3;7" (or commas) into ages; throws command_error (in `language`).
std::vector<int> parse_age_breaks(const OUString& text, const std::string& language);

}  // namespace kuntaplan::addin
