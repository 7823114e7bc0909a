// The localisation bundles as the add-in reads them (addin/l10n.hpp): every
// function of the table has a name, a description and one text per argument
// in English, Finnish and Swedish; other languages get English.
#include <catch2/catch.hpp>

#include "function_table.hpp"
#include "l10n.hpp"

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
