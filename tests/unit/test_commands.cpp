// The office-free parts of the menu commands: UI texts with ICU plurals and
// locale number formats, the age-segment parser, sheet references, the
// wizard's defaults and the dispatch arguments.
#include <catch2/catch.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>

#include "commands.hpp"
#include "scenario.hpp"
#include "scenario_data.hpp"
#include "sheets.hpp"
#include "ui_texts.hpp"

using namespace kuntaplan::addin;

namespace {
std::string utf8(const OUString& text) { return OUStringToOString(text, RTL_TEXTENCODING_UTF8).getStr(); }
}  // namespace

TEST_CASE("UI texts follow the language's plural rules") {
    CHECK(utf8(ui_text("fi", "scenarios.count", {1.0})) == "1 skenaario");
    CHECK(utf8(ui_text("fi", "scenarios.count", {3.0})) == "3 skenaariota");
    CHECK(utf8(ui_text("en", "scenarios.count", {1.0})) == "1 scenario");
    CHECK(utf8(ui_text("en", "scenarios.count", {3.0})) == "3 scenarios");
    CHECK(utf8(ui_text("sv", "scenarios.count", {3.0})) == "3 scenarier");
    CHECK(utf8(ui_text("sv", "compare.title", {2.0, OUString("A, B")})) ==
          "J\u00e4mf\u00f6relse av 2 scenarier: A, B");
}

TEST_CASE("UI numbers are formatted for the locale") {
    // Finnish groups thousands with a (narrow) no-break space; English with a comma.
    const std::string finnish = utf8(ui_text("fi", "sources.intro", {12345.0}));
    CHECK(finnish.find("12\u00a0345") != std::string::npos);
    CHECK(utf8(ui_text("en", "sources.intro", {12345.0})).find("12,345 cells") != std::string::npos);
    CHECK(utf8(ui_text("en", "scenario.numbered", {2.0})) == "Scenario 2");
}

TEST_CASE("an unknown UI text shows its key; every language falls back to English") {
    CHECK(utf8(ui_text("en", "no.such.key")) == "no.such.key");
    CHECK(utf8(ui_text("de", "sheet.summary")) == "Summary");
    CHECK(utf8(ui_text("fi", "sheet.summary")) == "Yhteenveto");
    CHECK_FALSE(ui_today("fi").isEmpty());
}

TEST_CASE("age segments parse as increasing lower ages from 0") {
    CHECK(parse_age_breaks("0;1;3;7", "en") == std::vector<int>{0, 1, 3, 7});
    CHECK(parse_age_breaks(" 0, 65 ;75 ", "en") == std::vector<int>{0, 65, 75});
    CHECK_THROWS_AS(parse_age_breaks("5;10", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("0;7;3", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("0;7;7", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("0;x", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("0;1.5", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("0;100", "en"), command_error);
    CHECK_THROWS_AS(parse_age_breaks("", "en"), command_error);
    // The reason is in the UI language.
    const auto reason = [](const char* text, const char* language) {
        try {
            parse_age_breaks(OUString::createFromAscii(text), language);
        } catch (const command_error& e) {
            return utf8(e.text);
        }
        return std::string();
    };
    CHECK(reason("0;7;3", "en") == "Age segments: the lower ages must increase, but 3 follows 7.");
    CHECK(reason("0;7;3", "fi") ==
          "Ik\u00e4ryhm\u00e4t: alaik\u00e4rajojen on kasvettava, mutta 3 tulee luvun 7 j\u00e4lkeen.");
    CHECK(reason("5;10", "sv") ==
          "\u00c5ldersgrupper: den f\u00f6rsta gruppen m\u00e5ste b\u00f6rja vid \u00e5lder 0.");
}

TEST_CASE("sheet references for formulas") {
    CHECK(utf8(column_letters(0)) == "A");
    CHECK(utf8(column_letters(25)) == "Z");
    CHECK(utf8(column_letters(26)) == "AA");
    CHECK(utf8(column_letters(701)) == "ZZ");
    CHECK(utf8(column_letters(702)) == "AAA");
    CHECK(utf8(local_ref(1, 2)) == "B3");
    CHECK(utf8(local_ref(1, 2, true)) == "$B$3");
    CHECK(utf8(cell_ref("Base Summary", 1, 3)) == "$'Base Summary'.$B$4");
    CHECK(utf8(range_ref("O'Hara", 0, 0, 2, 100)) == "$'O''Hara'.$A$1:$B$100");
}

TEST_CASE("the wizard starts from the Helsinki example as published") {
    const ScenarioSpec spec = default_scenario();
    double base = 0;
    for (std::size_t a = 0; a < helsinki::kBaseMale.size(); ++a)
        base += helsinki::kBaseMale[a] + helsinki::kBaseFemale[a];
    CHECK(base == 653835.0);  // Statistics Finland, Helsinki 31 Dec 2019 (sum of the sub-areas)
    CHECK(spec.target_tfr == Approx(1.04).margin(0.005));  // the 2020 rates as given
    CHECK(helsinki::kBaseTotal == 653835.0);
    // Migration: the six gross flows at 100 % and no added net count.
    for (double multiplier : spec.flow_multipliers) CHECK(multiplier == 1.0);
    CHECK(spec.net_migration == 0.0);
    CHECK(helsinki::kNetMigration == 3024.0);  // 2020: 5,297 immigrants − 2,273 emigrants
    double shares = 0;
    for (std::size_t a = 0; a < helsinki::kMigrationProfileMale.size(); ++a)
        shares += helsinki::kMigrationProfileMale[a] + helsinki::kMigrationProfileFemale[a];
    CHECK(shares == Approx(1.0).epsilon(1e-12));
    CHECK(spec.age_breaks.front() == 0);
    CHECK(spec.services.size() == offered_services().size());
}

TEST_CASE("the bundled flows are Helsinki's six of 2020 as data/README.md gives their totals") {
    // data/README.md: within the region 16,961.67 in and 19,702.67 out, the rest of Finland 20,609.67
    // in and 15,719 out; the immigration and emigration files' annual totals 5,297 and 2,273.
    const double totals[helsinki::kFlows] = {16961.67, 19702.67, 20609.67, 15719, 5297, 2273};
    for (int k = 0; k < helsinki::kFlows; ++k) {
        double sum = 0;
        for (int a = 0; a < helsinki::kAges; ++a)
            sum += helsinki::kFlowMale[static_cast<std::size_t>(k)][static_cast<std::size_t>(a)] +
                   helsinki::kFlowFemale[static_cast<std::size_t>(k)][static_cast<std::size_t>(a)];
        INFO("flow " << k);
        CHECK(sum == Approx(totals[k]).margin(0.01));  // the README rounds to 2 decimals
        CHECK(migration_flows()[static_cast<std::size_t>(k)].inward == (k % 2 == 0));
    }
    CHECK(std::string(migration_flows()[0].argument) == "InRegion");
    CHECK(std::string(migration_flows()[5].argument) == "OutAbroad");
}

TEST_CASE("dispatch arguments: numbers as numbers or text, framework arguments ignored") {
    css::uno::Sequence<css::beans::PropertyValue> values(4);
    values.getArray()[0].Name = "SynchronMode";
    values.getArray()[0].Value <<= true;
    values.getArray()[1].Name = "TargetTFR";
    values.getArray()[1].Value <<= OUString("1,35");
    values.getArray()[2].Name = "Horizon";
    values.getArray()[2].Value <<= 15.0;
    values.getArray()[3].Name = "Bad";
    values.getArray()[3].Value <<= OUString("1.3x");
    const CommandArguments arguments(values);
    CHECK_FALSE(arguments.empty());
    CHECK(arguments.number("TargetTFR") == Approx(1.35));
    CHECK(arguments.number("Horizon") == 15.0);
    CHECK_FALSE(arguments.number("Missing").has_value());
    CHECK_THROWS_AS(arguments.number("Bad"), command_error);
    CHECK(utf8(*arguments.text("Horizon")) == "15");

    css::uno::Sequence<css::beans::PropertyValue> framework_only(1);
    framework_only.getArray()[0].Name = "SynchronMode";
    CHECK(CommandArguments(framework_only).empty());
}

TEST_CASE("dispatch arguments: flags as booleans, numbers or true/false") {
    css::uno::Sequence<css::beans::PropertyValue> values(5);
    values.getArray()[0].Name = "Open";
    values.getArray()[0].Value <<= true;
    values.getArray()[1].Name = "Zero";
    values.getArray()[1].Value <<= 0.0;
    values.getArray()[2].Name = "Word";
    values.getArray()[2].Value <<= OUString(" TRUE ");
    values.getArray()[3].Name = "No";
    values.getArray()[3].Value <<= OUString("false");
    values.getArray()[4].Name = "Bad";
    values.getArray()[4].Value <<= OUString("perhaps");
    const CommandArguments arguments(values);
    CHECK(arguments.flag("Open") == true);
    CHECK(arguments.flag("Zero") == false);
    CHECK(arguments.flag("Word") == true);
    CHECK(arguments.flag("No") == false);
    CHECK_FALSE(arguments.flag("Missing").has_value());
    CHECK_THROWS_AS(arguments.flag("Bad"), command_error);
}

TEST_CASE("the user guide's message says where the guide is, in each language") {
    const OUString path("/home/anna/.config/libreoffice/help/fi/index.html");
    for (const char* language : {"en", "fi", "sv"}) {
        const std::string message = utf8(ui_text(language, "guide.no_browser", {path}));
        CHECK(message.find(utf8(path)) != std::string::npos);
        CHECK(message != "guide.no_browser");
        CHECK(utf8(ui_text(language, "guide.missing", {path})).find(utf8(path)) != std::string::npos);
    }
    CHECK(utf8(ui_text("fi", "guide.title")) == "Kuntaplan \u2013 k\u00e4ytt\u00f6opas");
    CHECK(utf8(ui_text("sv", "guide.no_browser", {path})).rfind("Ingen webbl\u00e4sare", 0) == 0);
}
