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
#include <org/kuntaplan/XFunctions.hpp>

#include <memory>
#include <mutex>

#include "function_table.hpp"
#include "l10n.hpp"
#include "pop_functions.hpp"
#include "translate_exceptions.hpp"

namespace kuntaplan::addin {
namespace {

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::XComponentContext;
using css::uno::XInterface;

constexpr char service_name[] = "org.kuntaplan.Functions";
constexpr char implementation_name[] = "org.kuntaplan.FunctionsImpl";

OUString ascii(std::string_view text) {
    return OUString(text.data(), static_cast<sal_Int32>(text.size()), RTL_TEXTENCODING_ASCII_US);
}

std::string to_ascii(const OUString& text) {
    return std::string(OUStringToOString(text, RTL_TEXTENCODING_ASCII_US).getStr());
}

// Loaded once per process, on first use: the bundles are a few kilobytes.
const Catalog* catalog() {
    static std::once_flag once;
    static std::unique_ptr<Catalog> instance;
    std::call_once(once, [] {
        try {
            instance = std::make_unique<Catalog>(bundle_dir_next_to_library());
        } catch (const std::exception&) {
            instance.reset();  // getters then fall back to programmatic names
        }
    });
    return instance.get();
}

class Functions : public cppu::WeakImplHelper4<org::kuntaplan::XFunctions, css::sheet::XAddIn,
                                               css::lang::XServiceName, css::lang::XServiceInfo> {
public:
    // XFunctions: one line each, all through translate_exceptions.
    Sequence<Sequence<Any>> SAL_CALL popLifeTable(const Sequence<Sequence<Any>>& mx, const Any& ax,
                                                  const Any& widths, const Any& radix) override {
        return translate_exceptions("POP.LIFETABLE", [&] { return pop_life_table(mx, ax, widths, radix); });
    }
    double SAL_CALL popLifeExp(const Sequence<Sequence<Any>>& mx, const Any& age, const Any& ax,
                               const Any& widths) override {
        return translate_exceptions("POP.LIFEEXP", [&] { return pop_life_exp(mx, age, ax, widths); });
    }
    double SAL_CALL popTfr(const Sequence<Sequence<Any>>& asfr, const Any& width) override {
        return translate_exceptions("POP.TFR", [&] { return pop_tfr(asfr, width); });
    }
    Sequence<Sequence<Any>> SAL_CALL popScale(const Sequence<Sequence<Any>>& schedule, double target,
                                              const Any& width) override {
        return translate_exceptions("POP.SCALE", [&] { return pop_scale(schedule, target, width); });
    }
    Sequence<Sequence<Any>> SAL_CALL popProject(const Sequence<Sequence<Any>>& base,
                                                const Sequence<Sequence<Any>>& fertility,
                                                const Sequence<Sequence<Any>>& mortality,
                                                const Sequence<Sequence<Any>>& migration, double years,
                                                const Any& output, const Any& options) override {
        return translate_exceptions("POP.PROJECT", [&] {
            return pop_project(base, fertility, mortality, migration, years, output, options);
        });
    }
    Sequence<Sequence<Any>> SAL_CALL popAggregate(const Sequence<Sequence<Any>>& values,
                                                  const Sequence<Sequence<Any>>& breaks) override {
        return translate_exceptions("POP.AGGREGATE", [&] { return pop_aggregate(values, breaks); });
    }
    Sequence<Sequence<Any>> SAL_CALL popConstrain(const Sequence<Sequence<Any>>& parts,
                                                  const Sequence<Sequence<Any>>& total,
                                                  const Any& part_totals) override {
        return translate_exceptions("POP.CONSTRAIN", [&] { return pop_constrain(parts, total, part_totals); });
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
    OUString SAL_CALL getProgrammaticCategoryName(const OUString&) override { return ascii(function_category); }
    OUString SAL_CALL getDisplayCategoryName(const OUString&) override {
        const auto* texts = current();
        return texts ? texts->category : ascii(function_category);
    }

    // XLocalizable: Calc asks in the UI language, then in en-US; a switch is a
    // pointer change.
    void SAL_CALL setLocale(const css::lang::Locale& locale) override { locale_ = locale; }
    css::lang::Locale SAL_CALL getLocale() override { return locale_; }

    // XServiceName, XServiceInfo
    OUString SAL_CALL getServiceName() override { return OUString::createFromAscii(service_name); }
    OUString SAL_CALL getImplementationName() override { return OUString::createFromAscii(implementation_name); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }
    Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return supported_services(); }

    static Sequence<OUString> supported_services() {
        Sequence<OUString> names(2);
        names.getArray()[0] = OUString::createFromAscii(service_name);
        names.getArray()[1] = "com.sun.star.sheet.AddIn";
        return names;
    }

private:
    const LanguageTexts* current() const {
        const Catalog* all = catalog();
        return all ? &all->language(to_ascii(locale_.Language)) : nullptr;
    }
    const FunctionText* function(const OUString& method) const {
        const auto* texts = current();
        if (!texts) return nullptr;
        const auto found = texts->functions.find(to_ascii(method));
        return found == texts->functions.end() ? nullptr : &found->second;
    }

    css::lang::Locale locale_{"en", "US", ""};
};

Reference<XInterface> SAL_CALL create_functions(const Reference<XComponentContext>&) {
    return static_cast<cppu::OWeakObject*>(new Functions);
}
OUString SAL_CALL functions_implementation_name() { return OUString::createFromAscii(implementation_name); }
Sequence<OUString> SAL_CALL functions_service_names() { return Functions::supported_services(); }

const cppu::ImplementationEntry implementations[] = {
    {create_functions, functions_implementation_name, functions_service_names,
     cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

}  // namespace
}  // namespace kuntaplan::addin

// The one exported symbol of the library.
extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implementation, void* service_manager,
                                                                    void* registry) {
    return cppu::component_getFactoryHelper(implementation, service_manager, registry,
                                            kuntaplan::addin::implementations);
}
