// The UNO component: org.kuntaplan.Functions, a Calc add-in service.
// It only dispatches: names and texts come from the function table and the
// l10n bundles, the work from pop_functions.cpp and the core.
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <memory>
#include <mutex>
#include <org/kuntaplan/XFunctions.hpp>

#include "commands.hpp"
#include "cost_functions.hpp"
#include "data_functions.hpp"
#include "demand_functions.hpp"
#include "forecast_functions.hpp"
#include "function_table.hpp"
#include "l10n.hpp"
#include "network_functions.hpp"
#include "pop_functions.hpp"
#include "translate_exceptions.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {
namespace {

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::XComponentContext;
using css::uno::XInterface;

constexpr char kServiceName[] = "org.kuntaplan.Functions";
constexpr char kImplementationName[] = "org.kuntaplan.FunctionsImpl";

OUString ascii(std::string_view text) {
    return OUString(text.data(), static_cast<sal_Int32>(text.size()), RTL_TEXTENCODING_ASCII_US);
}

std::string to_ascii(const OUString& text) {
    return std::string(OUStringToOString(text, RTL_TEXTENCODING_ASCII_US).getStr());
}

// The category of a method's row (Calc asks for the methods of the type library).
std::string_view category_of(const OUString& method) {
    const std::string name = to_ascii(method);
    for (const auto& spec : kFunctionTable)
        if (spec.method == name) return spec.category;
    return kAddIn;
}

class Functions : public cppu::WeakImplHelper4<org::kuntaplan::XFunctions, css::sheet::XAddIn,
                                               css::lang::XServiceName, css::lang::XServiceInfo> {
public:
    explicit Functions(const Reference<XComponentContext>& office) : office_(office) {}

    // XFunctions: one line each, all through translate_exceptions.
    Sequence<Sequence<Any>> SAL_CALL popLifeTable(const Sequence<Sequence<Any>>& mx, const Any& ax,
                                                  const Any& widths, const Any& radix,
                                                  const Any& unit) override {
        return translate_exceptions(spec_of("popLifeTable").name,
                                    [&] { return pop_life_table(mx, ax, widths, radix, unit); });
    }
    double SAL_CALL popLifeExp(const Sequence<Sequence<Any>>& mx, const Any& age, const Any& ax,
                               const Any& widths, const Any& unit) override {
        return translate_exceptions(spec_of("popLifeExp").name,
                                    [&] { return pop_life_exp(mx, age, ax, widths, unit); });
    }
    double SAL_CALL popTfr(const Sequence<Sequence<Any>>& asfr, const Any& width, const Any& unit) override {
        return translate_exceptions(spec_of("popTfr").name, [&] { return pop_tfr(asfr, width, unit); });
    }
    Sequence<Sequence<Any>> SAL_CALL popScale(const Sequence<Sequence<Any>>& schedule, double target,
                                              const Any& width) override {
        return translate_exceptions(spec_of("popScale").name,
                                    [&] { return pop_scale(schedule, target, width); });
    }
    Sequence<Sequence<Any>> SAL_CALL popProject(const Sequence<Sequence<Any>>& base,
                                                const Sequence<Sequence<Any>>& fertility,
                                                const Sequence<Sequence<Any>>& mortality,
                                                const Sequence<Sequence<Any>>& migration, double years,
                                                const Any& output, const Any& options,
                                                const Any& area_factors) override {
        return translate_exceptions(spec_of("popProject").name, [&] {
            return pop_project(base, fertility, mortality, migration, years, output, options, area_factors);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL popAggregate(const Sequence<Sequence<Any>>& values,
                                                  const Sequence<Sequence<Any>>& breaks) override {
        return translate_exceptions(spec_of("popAggregate").name,
                                    [&] { return pop_aggregate(values, breaks); });
    }
    Sequence<Sequence<Any>> SAL_CALL popConstrain(const Sequence<Sequence<Any>>& parts,
                                                  const Sequence<Sequence<Any>>& total,
                                                  const Any& part_totals) override {
        return translate_exceptions(spec_of("popConstrain").name,
                                    [&] { return pop_constrain(parts, total, part_totals); });
    }
    Sequence<Sequence<Any>> SAL_CALL popResidual(const Sequence<Sequence<Any>>& population,
                                                 const Sequence<Sequence<Any>>& fertility,
                                                 const Sequence<Sequence<Any>>& mortality,
                                                 const Any& options) override {
        return translate_exceptions(spec_of("popResidual").name,
                                    [&] { return pop_residual(population, fertility, mortality, options); });
    }
    Sequence<Sequence<Any>> SAL_CALL popHousing(const Sequence<Sequence<Any>>& completions,
                                                const Sequence<Sequence<Any>>& types,
                                                const Sequence<Sequence<Any>>& building,
                                                const Sequence<Sequence<Any>>& profiles,
                                                const Sequence<Sequence<Any>>& retention,
                                                const Sequence<Sequence<Any>>& fertility,
                                                const Sequence<Sequence<Any>>& mortality, double years,
                                                const Any& output, const Any& options) override {
        return translate_exceptions(spec_of("popHousing").name, [&] {
            return pop_housing(completions, types, building, profiles, retention, fertility, mortality, years,
                               output, options);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL demandProject(const Sequence<Sequence<Any>>& population,
                                                   const Sequence<Sequence<Any>>& rates,
                                                   const Any& trend) override {
        return translate_exceptions(spec_of("demandProject").name,
                                    [&] { return demand_project(population, rates, trend); });
    }
    Sequence<Sequence<Any>> SAL_CALL schoolPupils(const Sequence<Sequence<Any>>& population, double entry_age,
                                                  double grades, const Any& participation) override {
        return translate_exceptions(spec_of("schoolPupils").name, [&] {
            return school_pupils(population, entry_age, grades, participation);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL schoolGpr(const Sequence<Sequence<Any>>& enrolment,
                                               const Any& method) override {
        return translate_exceptions(spec_of("schoolGpr").name, [&] { return school_gpr(enrolment, method); });
    }
    Sequence<Sequence<Any>> SAL_CALL schoolProject(const Sequence<Sequence<Any>>& enrolment,
                                                   const Sequence<Sequence<Any>>& entrants,
                                                   const Any& ratios) override {
        return translate_exceptions(spec_of("schoolProject").name,
                                    [&] { return school_project(enrolment, entrants, ratios); });
    }
    Sequence<Sequence<Any>> SAL_CALL networkGap(const Sequence<Sequence<Any>>& capacity,
                                                const Sequence<Sequence<Any>>& demand) override {
        return translate_exceptions(spec_of("networkGap").name,
                                    [&] { return network_gap(capacity, demand); });
    }
    Sequence<Sequence<Any>> SAL_CALL networkAssign(const Sequence<Sequence<Any>>& demand,
                                                   const Sequence<Sequence<Any>>& capacity,
                                                   const Sequence<Sequence<Any>>& distance,
                                                   const Any& output) override {
        return translate_exceptions(spec_of("networkAssign").name,
                                    [&] { return network_assign(demand, capacity, distance, output); });
    }
    Sequence<Sequence<Any>> SAL_CALL popRisk(const Sequence<Sequence<Any>>& base,
                                             const Sequence<Sequence<Any>>& fertility,
                                             const Sequence<Sequence<Any>>& mortality,
                                             const Sequence<Sequence<Any>>& migration, double years,
                                             double age_from, double age_to, double threshold,
                                             const Any& trials, const Any& seed,
                                             const Any& options) override {
        return translate_exceptions(spec_of("popRisk").name, [&] {
            return pop_risk(base, fertility, mortality, migration, years, age_from, age_to, threshold, trials,
                            seed, options);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL costTdabc(const Sequence<Sequence<Any>>& resource_cost,
                                               const Sequence<Sequence<Any>>& capacity,
                                               const Sequence<Sequence<Any>>& minutes,
                                               const Sequence<Sequence<Any>>& volumes,
                                               const Any& output) override {
        return translate_exceptions(spec_of("costTdabc").name, [&] {
            return cost_tdabc(resource_cost, capacity, minutes, volumes, output);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL costAbc(const Sequence<Sequence<Any>>& resource_cost,
                                             const Sequence<Sequence<Any>>& resource_drivers,
                                             const Sequence<Sequence<Any>>& activity_drivers,
                                             const Sequence<Sequence<Any>>& volumes) override {
        return translate_exceptions(spec_of("costAbc").name, [&] {
            return cost_abc(resource_cost, resource_drivers, activity_drivers, volumes);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL costProject(const Sequence<Sequence<Any>>& unit_cost,
                                                 const Sequence<Sequence<Any>>& volumes, const Any& index,
                                                 const Any& years) override {
        return translate_exceptions(spec_of("costProject").name,
                                    [&] { return cost_project(unit_cost, volumes, index, years); });
    }
    Sequence<Sequence<Any>> SAL_CALL impactDiscount(double years, const Any& schedule) override {
        return translate_exceptions(spec_of("impactDiscount").name,
                                    [&] { return impact_discount(years, schedule); });
    }
    double SAL_CALL impactNpv(const Sequence<Sequence<Any>>& flows, const Any& schedule) override {
        return translate_exceptions(spec_of("impactNpv").name, [&] { return impact_npv(flows, schedule); });
    }
    Any SAL_CALL impactPayback(const Sequence<Sequence<Any>>& costs, const Sequence<Sequence<Any>>& benefits,
                               const Any& schedule) override {
        return translate_exceptions(spec_of("impactPayback").name,
                                    [&] { return impact_payback(costs, benefits, schedule); });
    }
    double SAL_CALL impactBcr(const Sequence<Sequence<Any>>& costs, const Sequence<Sequence<Any>>& benefits,
                              const Any& schedule) override {
        return translate_exceptions(spec_of("impactBcr").name,
                                    [&] { return impact_bcr(costs, benefits, schedule); });
    }
    Sequence<Sequence<Any>> SAL_CALL impactSimulate(const Sequence<Sequence<Any>>& costs,
                                                    const Sequence<Sequence<Any>>& benefits,
                                                    const Sequence<Sequence<Any>>& spread,
                                                    const Any& schedule, const Any& trials, const Any& seed,
                                                    const Any& quantiles) override {
        return translate_exceptions(spec_of("impactSimulate").name, [&] {
            return impact_simulate(costs, benefits, spread, schedule, trials, seed, quantiles);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL fcEts(const Sequence<Sequence<Any>>& values, double horizon,
                                           const Any& model, const Any& period, const Any& level) override {
        return translate_exceptions(spec_of("fcEts").name,
                                    [&] { return fc_ets(values, horizon, model, period, level); });
    }
    Sequence<Sequence<Any>> SAL_CALL fcEtsInfo(const Sequence<Sequence<Any>>& values, const Any& model,
                                               const Any& period, const Any& horizon) override {
        return translate_exceptions(spec_of("fcEtsInfo").name,
                                    [&] { return fc_ets_info(values, model, period, horizon, language()); });
    }
    Sequence<Sequence<Any>> SAL_CALL fcTheta(const Sequence<Sequence<Any>>& values, double horizon,
                                             const Any& period, const Any& level) override {
        return translate_exceptions(spec_of("fcTheta").name,
                                    [&] { return fc_theta(values, horizon, period, level); });
    }
    Sequence<Sequence<Any>> SAL_CALL fcForecast(const Sequence<Sequence<Any>>& values, double horizon,
                                                const Any& method, const Any& period,
                                                const Any& level) override {
        return translate_exceptions(spec_of("fcForecast").name,
                                    [&] { return fc_forecast(values, horizon, method, period, level); });
    }
    Sequence<Sequence<Any>> SAL_CALL fcBacktest(const Sequence<Sequence<Any>>& values, double horizon,
                                                const Any& model, const Any& period,
                                                const Any& origins) override {
        return translate_exceptions(spec_of("fcBacktest").name,
                                    [&] { return fc_backtest(values, horizon, model, period, origins); });
    }
    Sequence<Sequence<Any>> SAL_CALL dataPx(const Any& source, const OUString& rows, const OUString& columns,
                                            const Any& filters, const Any& language,
                                            const Any& headers) override {
        return translate_exceptions(spec_of("dataPx").name, [&] {
            return data_px(source, rows, columns, filters, language, headers);
        });
    }

    // XAddIn
    OUString SAL_CALL getProgrammaticFuntionName(const OUString& display_name) override {
        if (const auto* texts = current())
            for (const auto& [method, text] : texts->functions)
                if (text.name.equalsIgnoreAsciiCase(display_name)) return ascii(method);
        return OUString();
    }
    OUString SAL_CALL getDisplayFunctionName(const OUString& method) override {
        const FunctionText* text = function(method);
        return text ? text->name : method;
    }
    OUString SAL_CALL getFunctionDescription(const OUString& method) override {
        const FunctionText* text = function(method);
        return text ? text->description : OUString();
    }
    OUString SAL_CALL getDisplayArgumentName(const OUString& method, sal_Int32 argument) override {
        const FunctionText* text = function(method);
        if (!text || argument < 0 || static_cast<std::size_t>(argument) >= text->arguments.size())
            return OUString();
        return text->arguments[static_cast<std::size_t>(argument)].first;
    }
    OUString SAL_CALL getArgumentDescription(const OUString& method, sal_Int32 argument) override {
        const FunctionText* text = function(method);
        if (!text || argument < 0 || static_cast<std::size_t>(argument) >= text->arguments.size())
            return OUString();
        return text->arguments[static_cast<std::size_t>(argument)].second;
    }
    OUString SAL_CALL getProgrammaticCategoryName(const OUString& method) override {
        return ascii(category_of(method));
    }
    OUString SAL_CALL getDisplayCategoryName(const OUString& method) override {
        const auto* texts = current();
        return texts ? texts->category : ascii(category_of(method));
    }

    // XLocalizable: Calc asks in the UI language, then in en-US; a switch is a
    // pointer change.
    void SAL_CALL setLocale(const css::lang::Locale& locale) override { locale_ = locale; }
    css::lang::Locale SAL_CALL getLocale() override { return locale_; }

    // XServiceName, XServiceInfo
    OUString SAL_CALL getServiceName() override { return OUString::createFromAscii(kServiceName); }
    OUString SAL_CALL getImplementationName() override {
        return OUString::createFromAscii(kImplementationName);
    }
    sal_Bool SAL_CALL supportsService(const OUString& name) override {
        return cppu::supportsService(this, name);
    }
    Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return supported_services(); }

    static Sequence<OUString> supported_services() {
        Sequence<OUString> names(2);
        names.getArray()[0] = OUString::createFromAscii(kServiceName);
        names.getArray()[1] = "com.sun.star.sheet.AddIn";
        return names;
    }

private:
    // The office's UI language for texts a function returns (FC.ETS.INFO's labels): read from the
    // configuration, not from locale_, because Calc last sets the locale to en-US to ask for the
    // English function names, and calls the same object.
    std::string language() const {
        std::call_once(language_once_, [this] { language_ = office_.is() ? ui_language(office_) : "en"; });
        return language_;
    }
    const LanguageTexts* current() const {
        const Catalog* all = installed_catalog();
        return all ? &all->language(to_ascii(locale_.Language)) : nullptr;
    }
    const FunctionText* function(const OUString& method) const {
        const Catalog* all = installed_catalog();
        return all ? all->function(to_ascii(locale_.Language), to_ascii(method)) : nullptr;
    }

    css::lang::Locale locale_{"en", "US", ""};
    Reference<XComponentContext> office_;
    mutable std::once_flag language_once_;
    mutable std::string language_;
};

Reference<XInterface> SAL_CALL create_functions(const Reference<XComponentContext>& office) {
    return static_cast<cppu::OWeakObject*>(new Functions(office));
}
OUString SAL_CALL functions_implementation_name() { return OUString::createFromAscii(kImplementationName); }
Sequence<OUString> SAL_CALL functions_service_names() { return Functions::supported_services(); }

// The add-in and the menu commands' ProtocolHandler (commands.cpp) share this library.
const cppu::ImplementationEntry kImplementations[] = {
    {create_functions, functions_implementation_name, functions_service_names,
     cppu::createSingleComponentFactory, nullptr, 0},
    {create_command_handler, command_handler_implementation_name, command_handler_service_names,
     cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

}  // namespace
}  // namespace kuntaplan::addin

// The one exported symbol of the library, declared here because no header of
// ours is included by its caller (LibreOffice finds it by name).
extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implementation,
                                                                    void* service_manager, void* registry);
extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implementation,
                                                                    void* service_manager, void* registry) {
    return cppu::component_getFactoryHelper(implementation, service_manager, registry,
                                            kuntaplan::addin::kImplementations);
}
