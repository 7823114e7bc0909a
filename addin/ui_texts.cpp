#include "ui_texts.hpp"

#include <unicode/datefmt.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <exception>
#include <map>
#include <memory>
#include <vector>

#include "l10n.hpp"

namespace kuntaplan::addin {
namespace {

// The texts live in the ui package of the text store, addin/l10n/ui/<lang>.txt, compiled by the
// build into l10n/ui/<lang>.res next to this library (in the .oxt). Its top-level strings are the
// ICU MessageFormat patterns of ui_text(): {0,number} follows the locale, {0,plural,…} the
// language's plural rules. (Its tables dialog and menu are for the build, not for ui_text.)
using TextMap = std::map<std::string, icu::UnicodeString, std::less<>>;

struct UiTexts {
    TextMap english, finnish, swedish;
};

// Read on first use, once per process (a function-local static: thread-safe).
const UiTexts& ui_texts() {
    static const UiTexts texts = [] {
        UiTexts loaded;
        try {
            const std::string directory = bundle_dir_next_to_library() + "ui/";
            // Each language's own texts (no fallback): ui_text looks a missing one up in English.
            loaded.english = bundle_strings(directory, "root");
            loaded.finnish = bundle_strings(directory, "fi");
            loaded.swedish = bundle_strings(directory, "sv");
        } catch (const std::exception&) {
            // the library cannot be located: no texts, ui_text shows the keys
        }
        return loaded;
    }();
    return texts;
}

// The pattern of `key` in `language`, else in English, else null.
const icu::UnicodeString* find(std::string_view language, std::string_view key) {
    const UiTexts& texts = ui_texts();
    const TextMap& own = language == "fi" ? texts.finnish : language == "sv" ? texts.swedish : texts.english;
    for (const TextMap* table : {&own, &texts.english}) {
        const auto found = table->find(key);
        if (found != table->end()) return &found->second;
    }
    return nullptr;
}

OUString to_oustring(const icu::UnicodeString& text) {
    return OUString(reinterpret_cast<const sal_Unicode*>(text.getBuffer()), text.length());
}

icu::Locale icu_locale(std::string_view language) {
    if (language == "fi") return icu::Locale("fi", "FI");
    if (language == "sv") return icu::Locale("sv", "FI");
    return icu::Locale("en", "US");
}

}  // namespace

std::string ui_language(const css::uno::Reference<css::uno::XComponentContext>& context) {
    namespace uno = css::uno;
    try {
        auto provider = css::configuration::theDefaultProvider::get(context);
        css::beans::PropertyValue path;
        path.Name = "nodepath";
        path.Value <<= OUString("/org.openoffice.Setup/L10N");
        uno::Sequence<uno::Any> arguments(1);
        arguments.getArray()[0] <<= path;
        uno::Reference<css::container::XNameAccess> access(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                  arguments),
            uno::UNO_QUERY_THROW);
        OUString locale;
        access->getByName("ooLocale") >>= locale;
        if (locale.startsWith("fi")) return "fi";
        if (locale.startsWith("sv")) return "sv";
    } catch (const uno::Exception&) {
        // no configuration (unit tests): English
    }
    return "en";
}

OUString ui_text(std::string_view language, std::string_view key,
                 std::initializer_list<MessageArgument> arguments) {
    const icu::UnicodeString* pattern = find(language, key);
    if (!pattern) return OUString::createFromAscii(std::string(key).c_str());
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(*pattern, icu_locale(language), status);
    std::vector<icu::Formattable> values;
    for (const auto& argument : arguments) {
        if (const double* number = std::get_if<double>(&argument)) {
            values.emplace_back(*number);
        } else {
            const OUString& string = std::get<OUString>(argument);
            values.emplace_back(
                icu::UnicodeString(reinterpret_cast<const UChar*>(string.getStr()), string.getLength()));
        }
    }
    icu::UnicodeString result;
    icu::FieldPosition position;
    format.format(values.data(), static_cast<int32_t>(values.size()), result, position, status);
    if (U_FAILURE(status)) return to_oustring(*pattern);
    return to_oustring(result);
}

OUString ui_today(std::string_view language) {
    std::unique_ptr<icu::DateFormat> format(
        icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, icu_locale(language)));
    icu::UnicodeString result;
    if (format) format->format(icu::Calendar::getNow(), result);
    return to_oustring(result);
}

}  // namespace kuntaplan::addin
