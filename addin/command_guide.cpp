// org.kuntaplan:UserGuide: opens the HTML user guide shipped in the .oxt, in the office's language
// (help/en/index.html, help/fi/index.html or help/sv/index.html), in the system browser. Calc 7.4
// gives add-in functions no help ID, so F1 cannot reach it.
//
// On Linux SystemShellExecute runs /usr/bin/xdg-open in the background and reports success whatever
// happens, so on a machine without that desktop handler or without a display the menu entry used to
// do nothing visible. The command checks what a browser needs first; when it cannot be started, a
// message box says where the guide is, so that the user can open the file in any browser.
//
// Automation (any argument given): Language (en, fi or sv; default the office's) and Open (true: also
// open it as the menu entry does; default false). The dispatch result is the guide's file path; when
// Open is true and no browser can be started, the failure says where the guide is.
#include <com/sun/star/system/SystemShellExecute.hpp>
#include <com/sun/star/system/SystemShellExecuteFlags.hpp>
#include <cstdlib>
#include <osl/file.hxx>

#include "commands.hpp"
#include "ui_texts.hpp"

#if defined(__linux__)
#include <unistd.h>
#endif

namespace kuntaplan::addin {

namespace {

bool exists(const OUString& url) {
    osl::DirectoryItem item;
    return osl::DirectoryItem::get(url, item) == osl::FileBase::E_None;
}

// The file path a person can type into a browser (the URL itself if it is no file URL).
OUString shown_path(const OUString& url) {
    OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(url, path) == osl::FileBase::E_None) return path;
    return url;
}

bool set(const char* variable) {
    const char* value = std::getenv(variable);
    return value != nullptr && *value != '\0';
}

// Whether SystemShellExecute can show a page: on Linux it needs DESKTOP_LAUNCH or /usr/bin/xdg-open
// (the only handler it runs, by that path) and a display to show the browser on. Elsewhere its
// exception says so.
bool browser_can_start() {
#if defined(__linux__)
    if (set("DESKTOP_LAUNCH")) return true;
    if (access("/usr/bin/xdg-open", X_OK) != 0) return false;
    return set("DISPLAY") || set("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

bool open_in_browser(const CommandContext& context, const OUString& url) {
    if (!browser_can_start()) return false;
    try {
        auto shell = css::system::SystemShellExecute::create(context.office);
        shell->execute(url, OUString(), css::system::SystemShellExecuteFlags::URIS_ONLY);
        return true;
    } catch (const css::uno::Exception&) {
        return false;
    }
}

}  // namespace

void run_user_guide(const CommandContext& context, const CommandArguments& arguments) {
    std::string language = context.language;
    if (auto given = arguments.text("Language")) {
        language = OUStringToOString(given->trim().toAsciiLowerCase(), RTL_TEXTENCODING_UTF8).getStr();
        if (language != "en" && language != "fi" && language != "sv")
            throw command_error(ui_text(context.language, "guide.bad_language", {*given}));
    }
    const OUString help = extension_location(context.office) + "/help/";
    OUString page = help + OUString::createFromAscii(language.c_str()) + "/index.html";
    if (!exists(page)) page = help + "en/index.html";
    if (!exists(page)) throw command_error(ui_text(language, "guide.missing", {shown_path(page)}));
    const OUString path = shown_path(page);

    if (arguments.empty()) {
        if (!open_in_browser(context, page))
            show_message(context, ui_text(language, "guide.title"),
                         ui_text(language, "guide.no_browser", {path}), false);
        return;
    }
    if (context.result) *context.result = path;
    if (arguments.flag("Open").value_or(false) && !open_in_browser(context, page))
        throw command_error(ui_text(language, "guide.no_browser", {path}));
}

}  // namespace kuntaplan::addin
