#include "explain.hpp"

#include <unicode/resbund.h>
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

// The messages of one language, key → pattern (UTF-8); empty when the bundle is missing.
using Messages = std::map<std::string, std::string, std::less<>>;

Messages load_messages(const std::string& dir, const char* locale) {
    Messages out;
    UErrorCode status = U_ZERO_ERROR;
    icu::ResourceBundle bundle(dir.c_str(), icu::Locale(locale), status);
    if (U_FAILURE(status)) return out;
    icu::ResourceBundle table = bundle.getWithFallback("messages", status);
    if (U_FAILURE(status)) return out;
    // The language's own table: a key it lacks is looked up in English by the caller.
    while (table.hasNext()) {
        status = U_ZERO_ERROR;
        icu::ResourceBundle entry = table.getNext(status);
        if (U_SUCCESS(status)) out.emplace(entry.getKey(), utf8_of(entry.getString(status)));
    }
    return out;
}

struct Store {
    Messages english, finnish, swedish;
    std::unique_ptr<Catalog> functions;
};

const Store& store(const std::string& bundle_dir) {
    static std::once_flag once;
    static Store instance;
    std::call_once(once, [&] {
        const std::string dir = bundle_dir + "messages/";
        instance.english = load_messages(dir, "root");
        instance.finnish = load_messages(dir, "fi");
        instance.swedish = load_messages(dir, "sv");
        try {
            instance.functions = std::make_unique<Catalog>(bundle_dir);
        } catch (const std::exception&) {
            instance.functions.reset();
        }
    });
    return instance;
}

std::string to_utf8(const OUString& text) {
    const OString bytes = OUStringToOString(text, RTL_TEXTENCODING_UTF8);
    return std::string(bytes.getStr(), static_cast<std::size_t>(bytes.getLength()));
}

// The keyword lists in an argument (phrases special_keyword_choices: context, English list) as the
// language's words: "yhteensä, miehet, naiset, …".
std::string localise_choices(std::string text, std::string_view language) {
    static const std::string begin =
        std::string("\x1e") + std::string(msg::special_keyword_choices.key) + "\x1f";
    std::size_t at = 0;
    while ((at = text.find(begin, at)) != std::string::npos) {
        const std::size_t separator = text.find('\x1f', at + begin.size());
        const std::size_t end = text.find('\x1d', at + begin.size());
        if (separator == std::string::npos || end == std::string::npos || separator > end) break;
        const std::string context = text.substr(at + begin.size(), separator - at - begin.size());
        const std::string words = keyword_list(context, language);
        const std::string replacement =
            words.empty() ? text.substr(separator + 1, end - separator - 1) : words;
        text.replace(at, end + 1 - at, replacement);
        at += replacement.size();
    }
    return text;
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
    std::string dir;
    try {
        dir = bundle_dir_next_to_library();
    } catch (const std::exception&) {
        dir.clear();
    }
    const RecordedError record{"", error.key(), error.arguments(),
                               message_detail::english(error.key(), error.arguments())};
    if (dir.empty()) return OUString::fromUtf8(OString(record.english.c_str()));
    const OUString text = explain_error(language, record, dir);
    return text.startsWith(": ") ? text.copy(2) : text;  // no function name before it
}

std::string message_text(std::string_view language, std::string_view key, std::string_view english) {
    if (language != "fi" && language != "sv") return std::string(english);
    static const std::string dir = [] {
        try {
            return bundle_dir_next_to_library();
        } catch (const std::exception&) {
            return std::string();
        }
    }();
    if (dir.empty()) return std::string(english);
    const Store& all = store(dir);
    const Messages& own = language == "fi" ? all.finnish : all.swedish;
    const auto it = own.find(key);
    return it != own.end() ? it->second : std::string(english);
}

OUString explain_error(std::string_view language, const RecordedError& error, const std::string& bundle_dir) {
    const Store& all = store(bundle_dir);
    const Messages& own = language == "fi" ? all.finnish : language == "sv" ? all.swedish : all.english;
    const bool comma = language == "fi" || language == "sv";

    // The function's row, and its texts in the language and in English.
    const FunctionSpec* spec = nullptr;
    for (const auto& row : kFunctionTable)
        if (row.name == error.function) spec = &row;
    const FunctionText* local = nullptr;
    const FunctionText* english = nullptr;
    if (spec && all.functions) {
        local = all.functions->function(language, spec->method);
        english = all.functions->function("en", spec->method);
    }

    const std::function<std::string(std::string_view)> lookup = [&](std::string_view key) -> std::string {
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
        std::vector<std::string> arguments = error.arguments;
        if (language != "en")
            for (auto& argument : arguments) argument = localise_choices(argument, language);
        // The first argument of "argument" is an argument's English name: show the language's.
        if (error.key == "argument" && !arguments.empty() && local && english) {
            for (std::size_t i = 0; i < english->arguments.size() && i < local->arguments.size(); ++i)
                if (to_utf8(english->arguments[i].first) == arguments[0])
                    arguments[0] = to_utf8(local->arguments[i].first);
        }
        body = render_message(lookup(error.key), arguments, lookup, plain);
    }
    const std::string name = local ? to_utf8(local->name) : error.function;
    return OUString::fromUtf8(OString((name + ": " + body).c_str()));
}

}  // namespace kuntaplan::addin
