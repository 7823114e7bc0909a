#include "scenario_wizard.hpp"

#include <cmath>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XCheckBox.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XNumericField.hpp>
#include <com/sun/star/awt/XRadioButton.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <cppuhelper/implbase1.hxx>
#include <rtl/character.hxx>

#include "extension_dialog.hpp"
#include "scenario_data.hpp"
#include "sheets.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace {

constexpr sal_Int32 pages = 4;

// The migration page's fields of the six flows, in helsinki::Flow's order.
constexpr const char* kFlowFields[helsinki::kFlows] = {"InRegion",   "OutRegion", "InFinland",
                                                       "OutFinland", "InAbroad",  "OutAbroad"};

// Back and Next: change the dialog model's Step and which buttons are enabled.
class PageButtons : public cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    PageButtons(const Reference<css::awt::XControlContainer>& controls, sal_Int32 delta)
        : controls_(controls), delta_(delta) {}

    void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override {
        Reference<css::beans::XPropertySet> dialog(
            Reference<css::awt::XControl>(controls_, UNO_QUERY_THROW)->getModel(), UNO_QUERY_THROW);
        sal_Int32 step = 1;
        dialog->getPropertyValue("Step") >>= step;
        step = std::clamp<sal_Int32>(step + delta_, 1, pages);
        dialog->setPropertyValue("Step", Any(step));
        enable(controls_, "Back", step > 1);
        enable(controls_, "Next", step < pages);
    }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

    static void enable(const Reference<css::awt::XControlContainer>& controls, const char* name, bool on) {
        Reference<css::beans::XPropertySet> model(
            controls->getControl(OUString::createFromAscii(name))->getModel(), UNO_QUERY_THROW);
        model->setPropertyValue("Enabled", Any(on));
    }

private:
    Reference<css::awt::XControlContainer> controls_;
    sal_Int32 delta_;
};

// The migration page's two choices: one percentage for all six flows, or one each. Choosing one
// enables its fields and disables the other's.
class MigrationChoice : public cppu::WeakImplHelper1<css::awt::XItemListener> {
public:
    explicit MigrationChoice(const Reference<css::awt::XControlContainer>& controls) : controls_(controls) {}

    void SAL_CALL itemStateChanged(const css::awt::ItemEvent&) override {
        const bool each = Reference<css::awt::XRadioButton>(controls_->getControl("MigrationEach")->getPeer(),
                                                            UNO_QUERY_THROW)
                              ->getState();
        PageButtons::enable(controls_, "AllFlows", !each);
        for (const char* field : kFlowFields) PageButtons::enable(controls_, field, each);
    }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    Reference<css::awt::XControlContainer> controls_;
};

Reference<css::beans::XPropertySet> model_of(const Reference<css::awt::XControlContainer>& controls,
                                             const char* name) {
    return Reference<css::beans::XPropertySet>(
        controls->getControl(OUString::createFromAscii(name))->getModel(), UNO_QUERY_THROW);
}

template <class T>
T property(const Reference<css::awt::XControlContainer>& controls, const char* control, const char* name) {
    T value{};
    model_of(controls, control)->getPropertyValue(OUString::createFromAscii(name)) >>= value;
    return value;
}

template <class T>
void set_property(const Reference<css::awt::XControlContainer>& controls, const char* control,
                  const char* name, const T& value) {
    model_of(controls, control)->setPropertyValue(OUString::createFromAscii(name), Any(value));
}

// The current selection as "$Sheet.$B$2:$C$101" when it has the shape of a base population.
OUString selected_base_range(const CommandContext& context,
                             const Reference<css::sheet::XSpreadsheetDocument>& document) {
    try {
        Reference<css::sheet::XCellRangeAddressable> selection(
            context.frame->getController()->getModel()->getCurrentSelection(), UNO_QUERY);
        if (!selection.is()) return OUString();
        const auto address = selection->getRangeAddress();
        if (address.EndRow - address.StartRow + 1 != helsinki::kAges ||
            address.EndColumn - address.StartColumn != 1)
            return OUString();
        Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
        const OUString sheet =
            Reference<css::container::XNamed>(sheets->getByIndex(address.Sheet), UNO_QUERY_THROW)->getName();
        bool plain = !sheet.isEmpty();
        for (sal_Int32 i = 0; i < sheet.getLength(); ++i)
            plain = plain && (rtl::isAsciiAlphanumeric(sheet[i]) || sheet[i] == '_');
        const OUString text = (plain ? "$" + sheet : "$'" + sheet.replaceAll("'", "''") + "'") + "." +
                              local_ref(address.StartColumn, address.StartRow, true) + ":" +
                              local_ref(address.EndColumn, address.EndRow, true);
        return text;
    } catch (const uno::Exception&) {
        return OUString();
    }
}

// The values as the widgets (the peers) show them: what the user typed, also
// when a field has not handed it to its model yet.
Reference<uno::XInterface> peer_of(const Reference<css::awt::XControlContainer>& controls, const char* name) {
    return controls->getControl(OUString::createFromAscii(name))->getPeer();
}
OUString text_of(const Reference<css::awt::XControlContainer>& controls, const char* name) {
    return Reference<css::awt::XTextComponent>(peer_of(controls, name), UNO_QUERY_THROW)->getText();
}
double number_of(const Reference<css::awt::XControlContainer>& controls, const char* name) {
    return Reference<css::awt::XNumericField>(peer_of(controls, name), UNO_QUERY_THROW)->getValue();
}
bool checked(const Reference<css::awt::XControlContainer>& controls, const char* name) {
    const auto control = peer_of(controls, name);
    if (Reference<css::awt::XRadioButton> radio{control, UNO_QUERY}; radio.is()) return radio->getState();
    return Reference<css::awt::XCheckBox>(control, UNO_QUERY_THROW)->getState() == 1;
}

ScenarioSpec read_spec(const Reference<css::awt::XControlContainer>& controls, const std::string& language) {
    ScenarioSpec spec = default_scenario();
    spec.name = text_of(controls, "Name").trim();
    if (checked(controls, "UseRange")) spec.base_range = text_of(controls, "BaseRange").trim();
    spec.base_year = static_cast<int>(std::lround(number_of(controls, "BaseYear")));
    spec.target_tfr = number_of(controls, "TargetTFR");
    spec.mortality_improvement =
        checked(controls, "MortalityImproving") ? number_of(controls, "Improvement") / 100 : 0.0;
    // Migration: percentages of the default flows, one for all or one each; no net count.
    const bool each = checked(controls, "MigrationEach");
    for (std::size_t k = 0; k < spec.flow_multipliers.size(); ++k)
        spec.flow_multipliers[k] = number_of(controls, each ? kFlowFields[k] : "AllFlows") / 100;
    spec.net_migration = 0;
    spec.horizon_years = static_cast<int>(std::lround(number_of(controls, "Horizon")));
    spec.age_breaks = parse_age_breaks(text_of(controls, "AgeSegments"), language);
    spec.services.clear();
    const auto& offered = offered_services();
    for (std::size_t i = 0; i < offered.size(); ++i) {
        const std::string control = "Service" + std::to_string(i);
        if (checked(controls, control.c_str())) spec.services.push_back(offered[i]);
    }
    return spec;
}

OUString free_scenario_name(const Reference<css::sheet::XSpreadsheetDocument>& document,
                            const std::string& language) {
    for (int i = 1;; ++i) {
        const OUString name = i == 1 ? ui_text(language, "scenario.default_name")
                                     : ui_text(language, "scenario.numbered", {static_cast<double>(i)});
        if (!document->getSheets()->hasByName(scenario_sheet(name, "sheet.summary", language)) &&
            !document->getSheets()->hasByName(scenario_sheet(name, "sheet.assumptions", language)))
            return name;
    }
}

}  // namespace

std::optional<ScenarioSpec> run_scenario_wizard(const CommandContext& context,
                                                const Reference<css::sheet::XSpreadsheetDocument>& document) {
    const ExtensionDialog owned(context, "ScenarioWizard.xdl");
    const auto& dialog = owned.dialog();
    const auto& controls = owned.controls();

    const ScenarioSpec defaults = default_scenario();
    set_property(controls, "Name", "Text", free_scenario_name(document, context.language));
    set_property(controls, "TargetTFR", "Value", defaults.target_tfr);
    set_property(controls, "Horizon", "Value", static_cast<double>(defaults.horizon_years));
    set_property(controls, "BaseYear", "Value", static_cast<double>(defaults.base_year));
    if (const OUString range = selected_base_range(context, document); !range.isEmpty()) {
        set_property(controls, "BaseRange", "Text", range);
        set_property(controls, "UseRange", "State", sal_Int16(1));
        set_property(controls, "UseExample", "State", sal_Int16(0));
    }
    Reference<css::awt::XButton>(controls->getControl("Back"), UNO_QUERY_THROW)
        ->addActionListener(new PageButtons(controls, -1));
    Reference<css::awt::XButton>(controls->getControl("Next"), UNO_QUERY_THROW)
        ->addActionListener(new PageButtons(controls, +1));
    const Reference<css::awt::XItemListener> migration_choice(new MigrationChoice(controls));
    for (const char* radio : {"MigrationAll", "MigrationEach"})
        Reference<css::awt::XRadioButton>(controls->getControl(OUString::createFromAscii(radio)),
                                          UNO_QUERY_THROW)
            ->addItemListener(migration_choice);

    while (dialog->execute() == 1) {
        try {
            ScenarioSpec spec = read_spec(controls, context.language);
            check_scenario(document, spec, context.language);
            return spec;
        } catch (const command_error& e) {
            show_message(context, ui_text(context.language, "error.title"), e.text, true);
        }
    }
    return std::nullopt;
}

}  // namespace kuntaplan::addin
