// The menu commands: a ProtocolHandler for the URLs org.kuntaplan:<Command>.
// Each command is one entry in the dispatch table (commands.cpp); with its
// arguments given it runs without any dialog (tests and users' automation),
// without them it asks the user.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/uno/XInterface.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "uno_strings.hpp"

namespace kuntaplan::addin {

inline constexpr char kCommandProtocol[] = "org.kuntaplan:";
inline constexpr char kExtensionIdentifier[] = "org.kuntaplan.extension";

// What a command runs in: the office, the frame of the document, the UI language, and where an
// automated caller gets the command's answer (a dispatch result other than true; may be null).
struct CommandContext {
    css::uno::Reference<css::uno::XComponentContext> office;
    css::uno::Reference<css::frame::XFrame> frame;
    std::string language;        // "en", "fi" or "sv"
    OUString* result = nullptr;  // what a command reports to automation besides success (may be null)
};

// The dispatch arguments by name; a malformed one throws command_error in `language`.
class CommandArguments {
public:
    explicit CommandArguments(const css::uno::Sequence<css::beans::PropertyValue>& arguments,
                              std::string language = "en")
        : arguments_(arguments), language_(std::move(language)) {}
    bool empty() const;
    bool has(std::string_view name) const;
    std::optional<OUString> text(std::string_view name) const;
    std::optional<double> number(std::string_view name) const;  // a number or a numeric text
    std::optional<bool> flag(std::string_view name) const;      // a boolean, a number, true/false

private:
    const css::beans::PropertyValue* find(std::string_view name) const;
    css::uno::Sequence<css::beans::PropertyValue> arguments_;
    std::string language_;
};

// The commands (one file each).
void run_new_scenario(const CommandContext& context, const CommandArguments& arguments);
void run_compare_scenarios(const CommandContext& context, const CommandArguments& arguments);
void run_share_copy(const CommandContext& context, const CommandArguments& arguments);
void run_user_guide(const CommandContext& context, const CommandArguments& arguments);
void run_import_table(const CommandContext& context, const CommandArguments& arguments);
void run_explain_error(const CommandContext& context, const CommandArguments& arguments);

// The installed extension's folder as a URL (no trailing slash).
OUString extension_location(const css::uno::Reference<css::uno::XComponentContext>& office);

// A message box over the frame (information or error).
void show_message(const CommandContext& context, const OUString& title, const OUString& message, bool error);

// A short note over the document (an info bar; it never blocks): what a command wrote. Shown for
// menus and automation alike; the bar replaces the command's previous one.
void show_done(const CommandContext& context, const OUString& message);

// A command that cannot run: shown to the user, or thrown to an automated caller.
class command_error : public std::runtime_error {
public:
    explicit command_error(const OUString& message)
        : std::runtime_error(OUStringToOString(message, RTL_TEXTENCODING_UTF8).getStr()), text(message) {}
    OUString text;
};

// The ProtocolHandler component (for component.cpp's factory table).
css::uno::Reference<css::uno::XInterface> SAL_CALL
create_command_handler(const css::uno::Reference<css::uno::XComponentContext>& office);
OUString SAL_CALL command_handler_implementation_name();
css::uno::Sequence<OUString> SAL_CALL command_handler_service_names();

}  // namespace kuntaplan::addin
