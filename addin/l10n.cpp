#include "l10n.hpp"

#include <dlfcn.h>
#include <unicode/resbund.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "function_table.hpp"

namespace kuntaplan::addin {
namespace {

OUString to_oustring(const icu::UnicodeString& text) {
    // ICU and UNO both hold UTF-16.
    return OUString(reinterpret_cast<const sal_Unicode*>(text.getBuffer()), text.length());
}

icu::ResourceBundle child(icu::ResourceBundle& parent, const char* key, UErrorCode& status) {
    return parent.getWithFallback(key, status);
}

LanguageTexts load(const std::string& dir, const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu::ResourceBundle bundle(dir.c_str(), icu::Locale(locale), status);
    if (U_FAILURE(status))
        throw std::runtime_error("cannot open the localisation bundle '" + std::string(locale) + "' in " +
                                 dir + ": " + u_errorName(status));
    LanguageTexts texts;
    texts.category = to_oustring(child(bundle, "category", status).getString(status));
    icu::ResourceBundle functions = child(bundle, "functions", status);
    if (U_FAILURE(status))
        throw std::runtime_error("localisation bundle '" + std::string(locale) + "' has no functions");
    for (const auto& spec : kFunctionTable) {
        // A function without complete texts is left out here (the add-in then shows its English
        // texts, or its programmatic name); the unit tests insist on complete bundles.
        status = U_ZERO_ERROR;
        const std::string method(spec.method);
        icu::ResourceBundle entry = child(functions, method.c_str(), status);
        FunctionText text;
        text.name = to_oustring(child(entry, "name", status).getString(status));
        text.description = to_oustring(child(entry, "description", status).getString(status));
        icu::ResourceBundle args = child(entry, "args", status);
        for (int32_t i = 0; U_SUCCESS(status) && i < args.getSize(); ++i) {
            icu::ResourceBundle pair = args.get(i, status);
            text.arguments.emplace_back(to_oustring(pair.getStringEx(0, status)),
                                        to_oustring(pair.getStringEx(1, status)));
        }
        if (U_SUCCESS(status) && static_cast<int>(text.arguments.size()) == spec.argument_count)
            texts.functions.emplace(method, std::move(text));
    }
    return texts;
}

}  // namespace

Catalog::Catalog(const std::string& bundle_dir)
    : english_(load(bundle_dir, "root")),
      finnish_(load(bundle_dir, "fi")),
      swedish_(load(bundle_dir, "sv")) {}

const LanguageTexts& Catalog::language(std::string_view iso_language) const {
    if (iso_language == "fi") return finnish_;
    if (iso_language == "sv") return swedish_;
    return english_;
}

const FunctionText* Catalog::function(std::string_view iso_language, std::string_view method) const {
    for (const LanguageTexts* texts : {&language(iso_language), &english_}) {
        const auto found = texts->functions.find(method);
        if (found != texts->functions.end()) return &found->second;
    }
    return nullptr;
}

std::string bundle_dir_next_to_library() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&bundle_dir_next_to_library), &info) == 0 || !info.dli_fname)
        throw std::runtime_error("cannot locate the Kuntaplan library");
    std::string path(info.dli_fname);
    const auto slash = path.rfind('/');
    return (slash == std::string::npos ? std::string("./") : path.substr(0, slash + 1)) + "l10n/";
}

std::map<std::string, icu::UnicodeString, std::less<>> bundle_strings(const std::string& directory,
                                                                      const char* bundle_name,
                                                                      const char* table) {
    std::map<std::string, icu::UnicodeString, std::less<>> texts;
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUResourceBundlePointer bundle(ures_openDirect(directory.c_str(), bundle_name, &status));
    if (U_FAILURE(status)) return texts;
    icu::LocalUResourceBundlePointer inner;
    UResourceBundle* entries = bundle.getAlias();
    if (table) {
        inner.adoptInstead(ures_getByKey(bundle.getAlias(), table, nullptr, &status));
        if (U_FAILURE(status)) return texts;
        entries = inner.getAlias();
    }
    while (ures_hasNext(entries)) {
        status = U_ZERO_ERROR;
        icu::LocalUResourceBundlePointer item(ures_getNextResource(entries, nullptr, &status));
        if (U_FAILURE(status)) break;
        if (ures_getType(item.getAlias()) != URES_STRING) continue;
        int32_t length = 0;
        const UChar* text = ures_getString(item.getAlias(), &length, &status);
        if (U_SUCCESS(status)) texts.emplace(ures_getKey(item.getAlias()), icu::UnicodeString(text, length));
    }
    return texts;
}

const Catalog* installed_catalog() {
    static std::once_flag once;
    static std::unique_ptr<Catalog> instance;
    std::call_once(once, [] {
        try {
            instance = std::make_unique<Catalog>(bundle_dir_next_to_library());
        } catch (const std::exception&) {
            instance.reset();
        }
    });
    return instance.get();
}

}  // namespace kuntaplan::addin
