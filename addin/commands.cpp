#include "commands.hpp"

#include <algorithm>
#include <array>
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/InfobarType.hpp>
#include <com/sun/star/frame/XDispatch.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XInfobarProvider.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <exception>
#include <rtl/math.hxx>
#include <sal/log.hxx>

#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using css::beans::PropertyValue;
using uno::Reference;
using uno::Sequence;

namespace {

constexpr char kImplementationName[] = "org.kuntaplan.CommandsImpl";
constexpr char kServiceName[] = "com.sun.star.frame.ProtocolHandler";

// The dispatch table: URL path → command.
struct Command {
    std::string_view path;
    void (*run)(const CommandContext&, const CommandArguments&);
};
constexpr std::array kCommands{
    Command{"NewScenario", run_new_scenario}, Command{"CompareScenarios", run_compare_scenarios},
    Command{"ShareCopy", run_share_copy},     Command{"UserGuide", run_user_guide},
    Command{"ImportTable", run_import_table}, Command{"ExplainError", run_explain_error},
};

const Command* find_command(const OUString& path) {
    for (const auto& command : kCommands)
        if (path.equalsAsciiL(command.path.data(), static_cast<sal_Int32>(command.path.size())))
            return &command;
    return nullptr;
}

class CommandHandler
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XNotifyingDispatch,
                                   css::lang::XInitialization, css::lang::XServiceInfo> {
public:
    explicit CommandHandler(const Reference<uno::XComponentContext>& office) : office_(office) {}

    // XInitialization: the first argument is the frame the menu belongs to.
    void SAL_CALL initialize(const Sequence<uno::Any>& arguments) override {
        if (arguments.getLength() > 0) arguments[0] >>= frame_;
    }

    // XDispatchProvider
    Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString&,
                                                            sal_Int32) override {
        if (url.Protocol.equalsAscii(kCommandProtocol) && find_command(url.Path)) return this;
        return nullptr;
    }
    Sequence<Reference<css::frame::XDispatch>> SAL_CALL
    queryDispatches(const Sequence<css::frame::DispatchDescriptor>& requests) override {
        Sequence<Reference<css::frame::XDispatch>> result(requests.getLength());
        for (sal_Int32 i = 0; i < requests.getLength(); ++i)
            result.getArray()[i] =
                queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
        return result;
    }

    // XDispatch
    void SAL_CALL dispatch(const css::util::URL& url, const Sequence<PropertyValue>& arguments) override {
        run(url, arguments);
    }
    void SAL_CALL addStatusListener(const Reference<css::frame::XStatusListener>&,
                                    const css::util::URL&) override {}
    void SAL_CALL removeStatusListener(const Reference<css::frame::XStatusListener>&,
                                       const css::util::URL&) override {}

    // XNotifyingDispatch: DispatchHelper.executeDispatch reports SUCCESS or FAILURE to the caller.
    void SAL_CALL
    dispatchWithNotification(const css::util::URL& url, const Sequence<PropertyValue>& arguments,
                             const Reference<css::frame::XDispatchResultListener>& listener) override {
        OUString failure, answer;
        const bool ok = run(url, arguments, &failure, &answer);
        if (listener.is()) {
            css::frame::DispatchResultEvent event;
            event.Source = static_cast<cppu::OWeakObject*>(this);
            event.State =
                ok ? css::frame::DispatchResultState::SUCCESS : css::frame::DispatchResultState::FAILURE;
            // Automation gets the reason of a failure as the result, or the command's answer.
            if (!ok)
                event.Result <<= failure;
            else if (!answer.isEmpty())
                event.Result <<= answer;
            else
                event.Result <<= true;
            listener->dispatchFinished(event);
        }
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return command_handler_implementation_name(); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override {
        return cppu::supportsService(this, name);
    }
    Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        return command_handler_service_names();
    }

private:
    // Runs a command; its failures are shown to the user (with arguments: also
    // reported as FAILURE to the caller) and never escape into the office.
    bool run(const css::util::URL& url, const Sequence<PropertyValue>& arguments, OUString* failure = nullptr,
             OUString* answer = nullptr) {
        const Command* command = find_command(url.Path);
        if (!command) return false;
        CommandContext context{office_, frame_, ui_language(office_), answer};
        const CommandArguments given(arguments, context.language);
        OUString message;
        try {
            command->run(context, given);
            return true;
        } catch (const command_error& e) {
            message = e.text;
        } catch (const uno::Exception& e) {
            message = e.Message;
        } catch (const std::exception& e) {
            message = OUString::fromUtf8(e.what());
        }
        // A person sees the reason in a message box; automation gets it as the dispatch result.
        if (given.empty()) show_message(context, ui_text(context.language, "error.title"), message, true);
        SAL_WARN("kuntaplan", "org.kuntaplan:" << url.Path << ": " << message);
        if (failure) *failure = message;
        return false;
    }

    Reference<uno::XComponentContext> office_;
    Reference<css::frame::XFrame> frame_;
};

}  // namespace

const PropertyValue* CommandArguments::find(std::string_view name) const {
    for (const auto& argument : arguments_)
        if (argument.Name.equalsAsciiL(name.data(), static_cast<sal_Int32>(name.size()))) return &argument;
    return nullptr;
}

// The framework adds its own arguments to a dispatch (DispatchHelper: SynchronMode; menus:
// Referer, KeyModifier): they do not make a command dialog-free.
bool CommandArguments::empty() const {
    static constexpr std::string_view framework[] = {"SynchronMode", "Referer", "KeyModifier", "FrameName",
                                                     "OriginalURL"};
    for (const auto& argument : arguments_) {
        const bool ours =
            std::none_of(std::begin(framework), std::end(framework), [&](std::string_view name) {
                return argument.Name.equalsAsciiL(name.data(), static_cast<sal_Int32>(name.size()));
            });
        if (ours) return false;
    }
    return true;
}

bool CommandArguments::has(std::string_view name) const { return find(name) != nullptr; }

std::optional<OUString> CommandArguments::text(std::string_view name) const {
    const PropertyValue* argument = find(name);
    if (!argument) return std::nullopt;
    OUString value;
    if (argument->Value >>= value) return value;
    double number = 0;
    if (argument->Value >>= number) return OUString::number(number);
    return std::nullopt;
}

std::optional<double> CommandArguments::number(std::string_view name) const {
    const PropertyValue* argument = find(name);
    if (!argument) return std::nullopt;
    double number = 0;
    if (argument->Value >>= number) return number;
    OUString value;
    if (argument->Value >>= value) {
        const OUString trimmed = value.trim().replace(',', '.');
        if (trimmed.isEmpty()) return std::nullopt;
        sal_Int32 end = 0;
        rtl_math_ConversionStatus status;
        const double parsed = rtl::math::stringToDouble(trimmed, '.', 0, &status, &end);
        if (status == rtl_math_ConversionStatus_Ok && end == trimmed.getLength()) return parsed;
        throw command_error(ui_text(language_, "command.not_number",
                                    {OUString::createFromAscii(std::string(name).c_str()), value}));
    }
    return std::nullopt;
}

std::optional<bool> CommandArguments::flag(std::string_view name) const {
    const PropertyValue* argument = find(name);
    if (!argument) return std::nullopt;
    bool value = false;
    if (argument->Value >>= value) return value;
    double number = 0;
    if (argument->Value >>= number) return number != 0;
    OUString text;
    if (argument->Value >>= text) {
        const OUString word = text.trim().toAsciiLowerCase();
        if (word == "true" || word == "1") return true;
        if (word == "false" || word == "0" || word.isEmpty()) return false;
    }
    throw command_error(
        ui_text(language_, "command.not_flag", {OUString::createFromAscii(std::string(name).c_str())}));
}

OUString extension_location(const Reference<uno::XComponentContext>& office) {
    auto provider = css::deployment::PackageInformationProvider::get(office);
    OUString location = provider->getPackageLocation(OUString::createFromAscii(kExtensionIdentifier));
    if (location.isEmpty()) throw command_error(ui_text(ui_language(office), "command.not_installed"));
    if (location.endsWith("/")) location = location.copy(0, location.getLength() - 1);
    return location;
}

void show_message(const CommandContext& context, const OUString& title, const OUString& message, bool error) {
    if (!context.frame.is()) return;
    auto toolkit = css::awt::Toolkit::create(context.office);
    Reference<css::awt::XMessageBoxFactory> factory(toolkit, uno::UNO_QUERY);
    Reference<css::awt::XWindowPeer> parent(context.frame->getContainerWindow(), uno::UNO_QUERY);
    if (!factory.is() || !parent.is()) return;
    auto box = factory->createMessageBox(
        parent, error ? css::awt::MessageBoxType_ERRORBOX : css::awt::MessageBoxType_INFOBOX,
        css::awt::MessageBoxButtons::BUTTONS_OK, title, message);
    box->execute();
    Reference<css::lang::XComponent>(box, uno::UNO_QUERY_THROW)->dispose();
}

void show_done(const CommandContext& context, const OUString& message) {
    if (!context.frame.is()) return;
    try {
        Reference<css::frame::XInfobarProvider> bars(context.frame->getController(), uno::UNO_QUERY);
        if (!bars.is()) return;
        static constexpr char kBar[] = "org.kuntaplan.done";
        if (bars->hasInfobar(kBar)) bars->removeInfobar(kBar);
        bars->appendInfobar(kBar, OUString(), message, css::frame::InfobarType::INFO, {}, true);
    } catch (const uno::Exception& e) {
        SAL_WARN("kuntaplan", "no info bar: " << e.Message);  // the sheet is shown all the same
    }
}

Reference<uno::XInterface> SAL_CALL create_command_handler(const Reference<uno::XComponentContext>& office) {
    return static_cast<cppu::OWeakObject*>(new CommandHandler(office));
}

OUString SAL_CALL command_handler_implementation_name() {
    return OUString::createFromAscii(kImplementationName);
}

Sequence<OUString> SAL_CALL command_handler_service_names() {
    Sequence<OUString> names(1);
    names.getArray()[0] = OUString::createFromAscii(kServiceName);
    return names;
}

}  // namespace kuntaplan::addin
