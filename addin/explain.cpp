#include "explain.hpp"

#include <unicode/unistr.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <regex>

#include "errors.hpp"
#include "function_table.hpp"
#include "keywords.hpp"
#include "l10n.hpp"

namespace kuntaplan::addin {
namespace {

std::atomic<bool> recording{false};
std::mutex log_mutex;
std::vector<RecordedError> recorded;

std::string utf8_of(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// The messages of one language, key → pattern (UTF-8): the language's own table (a key it lacks is
// looked up in English by the caller); empty when the bundle is missing.
using Messages = std::map<std::string, std::string, std::less<>>;

Messages load_messages(const std::string& dir, const char* locale) {
    Messages out;
    for (const auto& [key, text] : bundle_strings(dir, locale, "messages")) out.emplace(key, utf8_of(text));
    return out;
}

// The store's messages in the three languages, from l10n/messages/ next to the library; empty when
// they cannot be read (English from the compiled table then).
struct Store {
    Messages english, finnish, swedish;
};

const Store& store() {
    static std::once_flag once;
    static Store instance;
    std::call_once(once, [] {
        try {
            const std::string dir = bundle_dir_next_to_library() + "messages/";
            instance.english = load_messages(dir, "root");
            instance.finnish = load_messages(dir, "fi");
            instance.swedish = load_messages(dir, "sv");
        } catch (const std::exception&) {
            // no library path: every language falls back to the compiled English
        }
    });
    return instance;
}

std::string to_utf8(const OUString& text) {
    const OString bytes = OUStringToOString(text, RTL_TEXTENCODING_UTF8);
    return std::string(bytes.getStr(), static_cast<std::size_t>(bytes.getLength()));
}

}  // namespace

void error_log_start() {
    std::lock_guard lock(log_mutex);
    recorded.clear();
    recording = true;
}

std::vector<RecordedError> error_log_stop() {
    std::lock_guard lock(log_mutex);
    recording = false;
    return std::exchange(recorded, {});
}

void error_log_record(RecordedError error) {
    if (!recording) return;
    std::lock_guard lock(log_mutex);
    if (recorded.size() < 100) recorded.push_back(std::move(error));
}

OUString localised_message(std::string_view language, const message_error& error) {
    const RecordedError record{"", error.key(), error.arguments(),
                               message_detail::english(error.key(), error.arguments())};
    const OUString text = explain_error(language, record);
    return text.startsWith(": ") ? text.copy(2) : text;  // no function name before it
}

std::string message_text(std::string_view language, std::string_view key, std::string_view english) {
    if (language != "fi" && language != "sv") return std::string(english);
    const Messages& own = language == "fi" ? store().finnish : store().swedish;
    const auto it = own.find(key);
    return it != own.end() ? it->second : std::string(english);
}

OUString explain_error(std::string_view language, const RecordedError& error) {
    const Store& all = store();
    const Catalog* functions = installed_catalog();
    const Messages& own = language == "fi" ? all.finnish : language == "sv" ? all.swedish : all.english;
    const bool comma = language == "fi" || language == "sv";

    // The function's row, and its texts in the language and in English.
    const FunctionSpec* spec = nullptr;
    for (const auto& row : kFunctionTable)
        if (row.name == error.function) spec = &row;
    const FunctionText* local = nullptr;
    const FunctionText* english = nullptr;
    if (spec && functions) {
        local = functions->function(language, spec->method);
        english = functions->function("en", spec->method);
    }

    const PatternLookup lookup = [&](std::string_view key,
                                     const std::vector<std::string>& arguments) -> std::string {
        // A list of keywords (context, English list): the language's words, "yhteensä, miehet, …".
        if (key == msg::special_keyword_choices.key && arguments.size() == 2 && language != "en") {
            const std::string words = keyword_list(arguments[0], language);
            return words.empty() ? arguments[1] : words;
        }
        if (auto it = own.find(key); it != own.end()) return it->second;
        if (auto it = all.english.find(key); it != all.english.end()) return it->second;
        const std::string_view compiled = english_pattern(key);
        return compiled.empty() ? std::string(key) : std::string(compiled);
    };
    // Numbers as the language writes them: 1.05 → 1,05 in Finnish and Swedish.
    // and 1,234,567 → 1 234 567 (a no-break space groups the thousands there).
    static const std::regex decimal(R"(-?\d+\.\d+(e-?\d+)?)");
    static const std::regex grouped(R"(\d{1,3}(,\d{3})+)");
    const std::function<std::string(const std::string&)> plain = [&](const std::string& text) {
        if (!comma) return text;
        if (std::regex_match(text, grouped)) return std::regex_replace(text, std::regex(","), "\u00a0");
        if (!std::regex_match(text, decimal)) return text;
        std::string out = text;
        out[out.find('.')] = ',';
        return out;
    };

    std::string body;
    if (error.key.empty()) {
        body = error.english;  // a message not yet in the store: English
    } else {
        body = render_message(lookup(error.key, error.arguments), error.arguments, lookup, plain);
        // A message that is about one argument starts with its English name ("volumes: …", "{0}: …"
        // with the name as {0}), the one word a message cannot translate: one English name can have
        // another in each function (schedule is diskonttokorko in the IMPACT functions, profiili in
        // POP.SCALE). Show the name this function's Function Wizard shows.
        if (local && english && local != english) {
            for (std::size_t i = 0; i < english->arguments.size() && i < local->arguments.size(); ++i) {
                const std::string prefix = to_utf8(english->arguments[i].first) + ": ";
                if (body.compare(0, prefix.size(), prefix) == 0) {
                    body = to_utf8(local->arguments[i].first) + ": " + body.substr(prefix.size());
                    break;
                }
            }
        }
    }
    const std::string name = local ? to_utf8(local->name) : error.function;
    return OUString::fromUtf8(OString((name + ": " + body).c_str()));
}

}  // namespace kuntaplan::addin
