// The localisation bundles as the add-in reads them (addin/l10n.hpp): every
// function of the table has a name, a description and one text per argument
// in English, Finnish and Swedish; other languages get English. And the ui
// package (addin/l10n/ui) as ui_text() reads it from the compiled bundles.
#include <unicode/ures.h>

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "function_table.hpp"
#include "l10n.hpp"
#include "ui_texts.hpp"

using namespace kuntaplan::addin;

namespace {
std::string utf8(const OUString& s) { return OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr(); }
}  // namespace

TEST_CASE("every function has texts in en, fi and sv", "[l10n]") {
    const Catalog catalog(KUNTAPLAN_L10N_DIR);
    for (const char* language : {"en", "fi", "sv"}) {
        const LanguageTexts& texts = catalog.language(language);
        CHECK_FALSE(texts.category.isEmpty());
        for (const auto& spec : kFunctionTable) {
            INFO(language << " " << spec.method);
            const auto found = texts.functions.find(spec.method);
            REQUIRE(found != texts.functions.end());
            CHECK(found->second.name.getLength() > 3);
            CHECK(found->second.description.getLength() > 20);
            REQUIRE(static_cast<int>(found->second.arguments.size()) == spec.argument_count);
            for (const auto& [name, description] : found->second.arguments) {
                CHECK_FALSE(name.isEmpty());
                CHECK_FALSE(description.isEmpty());
            }
        }
    }
}

TEST_CASE("display names per language; unknown languages get English", "[l10n]") {
    const Catalog catalog(KUNTAPLAN_L10N_DIR);
    CHECK(utf8(catalog.language("en").functions.at("popProject").name) == "POP.PROJECT");
    CHECK(utf8(catalog.language("fi").functions.at("popProject").name) == "VÄESTÖ.ENNUSTE");
    CHECK(utf8(catalog.language("sv").functions.at("popProject").name) == "BEF.PROGNOS");
    CHECK(utf8(catalog.language("de").functions.at("popProject").name) == "POP.PROJECT");
    CHECK(utf8(catalog.language("").functions.at("popTfr").name) == "POP.TFR");
}

TEST_CASE("a missing bundle folder is an error, not a crash", "[l10n]") {
    CHECK_THROWS_AS(Catalog("/nonexistent/kuntaplan/l10n/"), std::runtime_error);
}

namespace {
// The top-level texts of one compiled ui bundle, read with ICU directly: (key, text).
std::vector<std::pair<std::string, std::string>> ui_bundle(const char* name) {
    std::vector<std::pair<std::string, std::string>> texts;
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUResourceBundlePointer bundle(ures_openDirect(KUNTAPLAN_L10N_DIR "ui/", name, &status));
    REQUIRE(U_SUCCESS(status));
    while (ures_hasNext(bundle.getAlias())) {
        icu::LocalUResourceBundlePointer item(ures_getNextResource(bundle.getAlias(), nullptr, &status));
        REQUIRE(U_SUCCESS(status));
        if (ures_getType(item.getAlias()) != URES_STRING) continue;
        int32_t length = 0;
        const UChar* text = ures_getString(item.getAlias(), &length, &status);
        std::string text_utf8;
        icu::UnicodeString(text, length).toUTF8String(text_utf8);
        texts.emplace_back(ures_getKey(item.getAlias()), text_utf8);
    }
    return texts;
}
}  // namespace

TEST_CASE("ui_text reads the Finnish and Swedish texts from the compiled bundles", "[l10n]") {
    CHECK(utf8(ui_text("fi", "sheet.assumptions")) == "Oletukset");
    CHECK(utf8(ui_text("sv", "sheet.assumptions")) == "Antaganden");
    CHECK(utf8(ui_text("en", "sheet.assumptions")) == "Assumptions");
    // Plural rules and number formats of the language, as before the texts moved.
    CHECK(utf8(ui_text("fi", "compare.none", {1.0})) == "Löytyi 1 skenaario: tarvitaan vähintään kaksi.");
    CHECK(utf8(ui_text("fi", "compare.none", {0.0})) == "Löytyi 0 skenaariota: tarvitaan vähintään kaksi.");
    CHECK(utf8(ui_text("sv", "compare.choose_two", {1.0})) == "1 scenario är valt: välj minst två.");
    CHECK(utf8(ui_text("sv", "compare.choose_two", {3.0})) == "3 scenarier är valda: välj minst två.");
    CHECK(utf8(ui_text("fi", "label.flow_scale", {1000000.0})) ==
          "Oletusvirrat × lähtöväestö ÷ Helsingin 1\u00a0000\u00a0000");
    CHECK(utf8(ui_text("sv", "share.done", {2.0, OUString("/tmp")})) == "Skrev 2 kopior till /tmp.");

    // Every text of root is in both translations, and ui_text gives each bundle's own text.
    const auto english = ui_bundle("root");
    REQUIRE(english.size() > 100);
    for (const char* language : {"fi", "sv"}) {
        const auto translated = ui_bundle(language);
        CHECK(translated.size() == english.size());
        for (const auto& [key, text] : translated) {
            INFO(language << " " << key);
            const std::string shown = utf8(ui_text(language, key));
            CHECK(shown != key);
            if (text.find('{') == std::string::npos) CHECK(shown == text);
        }
    }
}
