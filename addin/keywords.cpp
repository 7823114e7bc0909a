#include "keywords.hpp"

#include <unicode/unistr.h>

#include "kuntaplan_keywords.hpp"

namespace kuntaplan::addin {
namespace {

icu::UnicodeString folded(std::string_view text) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    return u.trim().foldCase();
}

// Whether one of the '|'-separated `words` is `text` (already folded).
bool among(std::string_view words, const icu::UnicodeString& text) {
    while (!words.empty()) {
        const std::size_t bar = words.find('|');
        if (folded(words.substr(0, bar)) == text) return true;
        if (bar == std::string_view::npos) break;
        words.remove_prefix(bar + 1);
    }
    return false;
}

std::string trimmed_lower_ascii(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::string canonical_keyword(std::string_view context, std::string_view text) {
    const icu::UnicodeString word = folded(text);
    for (const auto& entry : kKeywords) {
        if (entry.context != context) continue;
        if (among(entry.english, word) || among(entry.finnish, word) || among(entry.swedish, word))
            return std::string(entry.keyword);
    }
    return trimmed_lower_ascii(text);
}

std::string keyword_list(std::string_view context, std::string_view language) {
    std::string out;
    for (const auto& entry : kKeywords) {
        if (entry.context != context) continue;
        std::string_view words = language == "fi"   ? entry.finnish
                                 : language == "sv" ? entry.swedish
                                                    : entry.english;
        words = words.substr(0, words.find('|'));
        if (!out.empty()) out += ", ";
        out += words;
    }
    return out;
}

}  // namespace kuntaplan::addin
