// The scenario wizard dialog (dialog/ScenarioWizard.xdl in the .oxt): four
// pages (name and base, assumptions, migration, services), Back/Next and the
// migration page's choice handled here, the values read from the widgets.
#pragma once

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <optional>

#include "commands.hpp"
#include "scenario.hpp"

namespace kuntaplan::addin {

// The scenario the user asked for, or nothing when cancelled. A spec that
// fails check_scenario is shown as an error and the wizard opens again with
// the user's values.
std::optional<ScenarioSpec> run_scenario_wizard(
    const CommandContext& context, const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document);

}  // namespace kuntaplan::addin
