// Texts the commands write into sheets and message boxes, in English, Finnish
// and Swedish, as ICU MessageFormat patterns: counts use the language's plural
// rules ("1 skenaario", "3 skenaariota") and numbers and dates follow the locale.
// The texts are in the store's ui package (addin/l10n/ui/<lang>.txt), read from
// the bundles compiled into l10n/ui/ next to this library, once per process.
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

#include "uno_strings.hpp"

namespace kuntaplan::addin {

// "en", "fi" or "sv": the office's UI language (Setup/L10N/ooLocale), English
// for anything else.
std::string ui_language(const css::uno::Reference<css::uno::XComponentContext>& context);

using MessageArgument = std::variant<double, OUString>;

// The text of `key` in `language`, its {0}, {1}… replaced by `arguments`
// (numbers formatted for the language's locale). A text missing from the
// language is taken in English; unknown keys (or unreadable bundles) give the
// key itself so that a missing text shows rather than crashes. Thread-safe.
OUString ui_text(std::string_view language, std::string_view key,
                 std::initializer_list<MessageArgument> arguments = {});

// Today's date in the language's medium date format ("26.11.2026").
OUString ui_today(std::string_view language);

}  // namespace kuntaplan::addin
