// The one table of Kuntaplan's spreadsheet functions: a row per function,
// declared nowhere else. The XAddIn getters (component.cpp), the error
// messages' function names, the localisation bundles' check (test_l10n.cpp,
// scripts/check_l10n.py) and the IDL check (test_function_table.cpp) read it.
// The Finnish and Swedish names, the descriptions and the argument texts live
// in the ICU bundles under l10n/, keyed by the IDL method name; root.txt's
// English name must be the row's `name`.
#pragma once

#include <array>
#include <string_view>

namespace kuntaplan::addin {

// Calc sorts add-in functions into its own categories by these programmatic
// names; "Add-In" keeps Kuntaplan's functions together in the Function Wizard.
inline constexpr std::string_view kAddIn = "Add-In";

struct FunctionSpec {
    std::string_view method;    // IDL method name: stored in saved workbooks, never change it
    std::string_view name;      // English display name (POP.PROJECT), as in l10n/root.txt
    int argument_count;         // as declared in XFunctions.idl
    std::string_view category;  // Calc's programmatic category
};

inline constexpr std::array kFunctionTable{
    FunctionSpec{"popLifeTable", "POP.LIFETABLE", 5, kAddIn},
    FunctionSpec{"popLifeExp", "POP.LIFEEXP", 5, kAddIn},
    FunctionSpec{"popTfr", "POP.TFR", 3, kAddIn},
    FunctionSpec{"popScale", "POP.SCALE", 3, kAddIn},
    FunctionSpec{"popProject", "POP.PROJECT", 8, kAddIn},
    FunctionSpec{"popAggregate", "POP.AGGREGATE", 2, kAddIn},
    FunctionSpec{"popConstrain", "POP.CONSTRAIN", 3, kAddIn},
    FunctionSpec{"popResidual", "POP.RESIDUAL", 4, kAddIn},
    FunctionSpec{"popHousing", "POP.HOUSING", 10, kAddIn},
    FunctionSpec{"demandProject", "DEMAND.PROJECT", 3, kAddIn},
    FunctionSpec{"schoolPupils", "SCHOOL.PUPILS", 4, kAddIn},
    FunctionSpec{"schoolGpr", "SCHOOL.GPR", 2, kAddIn},
    FunctionSpec{"schoolProject", "SCHOOL.PROJECT", 3, kAddIn},
    FunctionSpec{"networkGap", "NETWORK.GAP", 2, kAddIn},
    FunctionSpec{"networkAssign", "NETWORK.ASSIGN", 4, kAddIn},
    FunctionSpec{"popRisk", "POP.RISK", 11, kAddIn},
    FunctionSpec{"costTdabc", "COST.TDABC", 5, kAddIn},
    FunctionSpec{"costAbc", "COST.ABC", 4, kAddIn},
    FunctionSpec{"costProject", "COST.PROJECT", 4, kAddIn},
    FunctionSpec{"impactDiscount", "IMPACT.DISCOUNT", 2, kAddIn},
    FunctionSpec{"impactNpv", "IMPACT.NPV", 2, kAddIn},
    FunctionSpec{"impactPayback", "IMPACT.PAYBACK", 3, kAddIn},
    FunctionSpec{"impactBcr", "IMPACT.BCR", 3, kAddIn},
    FunctionSpec{"impactSimulate", "IMPACT.SIMULATE", 7, kAddIn},
    FunctionSpec{"fcEts", "FC.ETS", 5, kAddIn},
    FunctionSpec{"fcEtsInfo", "FC.ETS.INFO", 4, kAddIn},
    FunctionSpec{"fcTheta", "FC.THETA", 4, kAddIn},
    FunctionSpec{"fcForecast", "FC.FORECAST", 5, kAddIn},
    FunctionSpec{"fcBacktest", "FC.BACKTEST", 5, kAddIn},
    FunctionSpec{"dataPx", "DATA.PX", 6, kAddIn},
};

// The row of an IDL method, at compile time: a method without a row does not compile.
consteval const FunctionSpec& spec_of(std::string_view method) {
    for (const auto& spec : kFunctionTable)
        if (spec.method == method) return spec;
    throw "no row in the function table for this method";
}

}  // namespace kuntaplan::addin
