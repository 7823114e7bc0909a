// The one table of Kuntaplan's spreadsheet functions. Every XAddIn getter,
// the localisation check and the generated reference read it; names, texts
// and argument descriptions live in the ICU bundles under l10n/, keyed by the
// IDL method name.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kuntaplan::addin {

struct FunctionSpec {
    std::string_view method;  // IDL method name: stored in saved workbooks, never change it
    int argument_count;       // as declared in XFunctions.idl
};

inline constexpr std::array function_table{
    FunctionSpec{"popLifeTable", 4},
    FunctionSpec{"popLifeExp", 4},
    FunctionSpec{"popTfr", 2},
    FunctionSpec{"popScale", 3},
    FunctionSpec{"popProject", 7},
    FunctionSpec{"popAggregate", 2},
    FunctionSpec{"popConstrain", 3},
    FunctionSpec{"demandProject", 3},
    FunctionSpec{"schoolPupils", 4},
    FunctionSpec{"schoolGpr", 2},
    FunctionSpec{"schoolProject", 3},
    FunctionSpec{"networkGap", 2},
    FunctionSpec{"networkAssign", 4},
    FunctionSpec{"popRisk", 11},
    FunctionSpec{"costTdabc", 5},
    FunctionSpec{"costAbc", 4},
    FunctionSpec{"costProject", 4},
    FunctionSpec{"impactDiscount", 2},
    FunctionSpec{"impactNpv", 2},
    FunctionSpec{"impactPayback", 3},
    FunctionSpec{"impactBcr", 3},
    FunctionSpec{"impactSimulate", 7},
    FunctionSpec{"fcEts", 5},
    FunctionSpec{"fcEtsInfo", 3},
    FunctionSpec{"fcBacktest", 5},
    FunctionSpec{"dataPx", 6},
};

// Calc sorts add-in functions into its own categories by these programmatic
// names; "Add-In" keeps Kuntaplan's functions together in the Function Wizard.
inline constexpr std::string_view function_category = "Add-In";

inline std::optional<FunctionSpec> find_function(std::string_view method) {
    for (const auto& spec : function_table)
        if (spec.method == method) return spec;
    return std::nullopt;
}

}  // namespace kuntaplan::addin
