// Localised names and descriptions of the functions, read from the ICU
// resource bundles (root = English, fi, sv) that ship in the .oxt under l10n/.
#pragma once

#include <unicode/unistr.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "uno_strings.hpp"

namespace kuntaplan::addin {

struct FunctionText {
    OUString name;
    OUString description;
    std::vector<std::pair<OUString, OUString>> arguments;  // name, description
};

struct LanguageTexts {
    OUString category;
    std::map<std::string, FunctionText, std::less<>> functions;  // by IDL method name
};

class Catalog {
public:
    // Loads root, fi and sv from `bundle_dir` (ending in '/'). Throws
    // std::runtime_error when a bundle cannot be read; a function whose texts
    // are incomplete in a language is left out of that language.
    explicit Catalog(const std::string& bundle_dir);

    // The texts for a BCP 47 / ISO language code ("fi", "sv", anything else
    // gives English). Switching language is a map look-up.
    const LanguageTexts& language(std::string_view iso_language) const;

    // The texts of one function in a language, else in English, else null.
    const FunctionText* function(std::string_view iso_language, std::string_view method) const;

private:
    LanguageTexts english_, finnish_, swedish_;
};

// The folder holding l10n/ next to this shared library (found with dladdr).
std::string bundle_dir_next_to_library();

// The string entries of exactly one bundle (`directory`/`bundle_name`.res, no fallback to another
// language): its top level, or its table `table`. An unreadable bundle or table gives none. The
// ui texts and the error messages are read with it.
std::map<std::string, icu::UnicodeString, std::less<>> bundle_strings(const std::string& directory,
                                                                      const char* bundle_name,
                                                                      const char* table = nullptr);

// The function texts of the bundles next to the library, loaded once per process on first use (a
// few kilobytes); null when they cannot be read (getters then fall back to programmatic names).
const Catalog* installed_catalog();

}  // namespace kuntaplan::addin
