// Reshaping statistical tables into model blocks, age labels and totals, on
// Statistics Finland's 11rc and Statistics Sweden's single-year table.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "demography.hpp"
#include "jsonstat.hpp"
#include "px.hpp"
#include "table_data.hpp"

using namespace kuntaplan;

namespace {

StatTable load(const std::string& name) {
    std::ifstream in(std::string(KUNTAPLAN_DATA_DIR) + "/px/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return read_px(out.str());
}

std::string error_of(const StatTable& t, const ReshapeRequest& r) {
    try {
        reshape(t, r);
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("age labels become lower bounds", "[table]") {
    CHECK(age_lower_bound("0 - 4") == 0);
    CHECK(age_lower_bound("85 -") == 85);
    CHECK(age_lower_bound("85-") == 85);
    CHECK(age_lower_bound("100 years") == 100);
    CHECK(age_lower_bound("1 year") == 1);
    CHECK(age_lower_bound("100+") == 100);
    CHECK(age_lower_bound("110+ years") == 110);
    CHECK(age_lower_bound("0 vuotta") == 0);
    CHECK(age_lower_bound("100 år") == 100);
    CHECK(age_lower_bound("7") == 7);
    CHECK(age_lower_bound(" 20 - 24 ") == 20);
    CHECK_FALSE(age_lower_bound("Total"));
    CHECK_FALSE(age_lower_bound("Yhteensä"));
    CHECK_FALSE(age_lower_bound("01-26  Yhteensä"));
    CHECK_FALSE(age_lower_bound("2023"));
    CHECK_FALSE(age_lower_bound("5 - 3"));
    CHECK_FALSE(age_lower_bound("-4"));
    CHECK_FALSE(age_lower_bound(""));
}

TEST_CASE("11rc → POP.PROJECT base: ages down, males/females across, totals dropped", "[table]") {
    const StatTable t = load("statfin_vaerak_pxt_11rc.px");
    for (const char* language : {"fi", "sv", "en"}) {
        ReshapeRequest r;
        r.language = language;
        const std::string lang = language;
        r.rows = {lang == "fi" ? "Ikä" : lang == "sv" ? "Ålder" : "Age"};
        r.columns = {lang == "fi" ? "Sukupuoli" : lang == "sv" ? "kön" : "Sex"};
        r.filters = {{lang == "fi" ? "Vuosi" : lang == "sv" ? "År" : "Year", {"2023"}}};
        const Block b = reshape(t, r);
        REQUIRE(b.rows == 18);
        REQUIRE(b.cols == 2);
        CHECK(b.values[0] == 120395);  // males 0-4, 2023
        CHECK(b.values[1] == 115211);  // females 0-4
        CHECK(b.values[17 * 2 + 0] == 54351);
        CHECK(b.values[17 * 2 + 1] == 108625);
        CHECK(b.row_ages.size() == 18);
        CHECK(b.row_ages[17] == 85);
        CHECK(b.row_ages[1] == 5);
        CHECK(b.row_codes[0][0] == "0-4");
        if (lang == "sv") CHECK(b.column_labels[0] == std::vector<std::string>{"Män", "Kvinnor"});
        if (lang == "en") CHECK(b.row_names[0] == "Age");
    }
    // The males' column sums to the total the file gives for males.
    ReshapeRequest r{{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"2023"}}}, "", false};
    const Block b = reshape(t, r);
    double males = 0;
    for (std::size_t a = 0; a < b.rows; ++a) males += b.values[a * 2];
    CHECK(males == 2773898);

    // Round trip into the projection: a 5-year step from the 2023 base.
    std::vector<double> qx(18 * 2, 0.01), asfr(7, 0.05), migration(18 * 2, 0.0);
    ProjectionInput in;
    in.base = MatrixView(b.values, b.rows, b.cols);
    in.fertility = MatrixView(asfr, 7, 1);
    in.mortality = MatrixView(qx, 18, 2);
    in.migration = MatrixView(migration, 18, 2);
    in.years = 1;
    in.options.step_years = 5;
    const Projection p = project_population(in);
    CHECK(p.ages == 18);
    CHECK(p.years == 1);
}

TEST_CASE("reshaping: filters, kept totals, several column variables, defaults", "[table]") {
    const StatTable t = load("statfin_vaerak_pxt_11rc.px");
    // Years down, sex across, the total age kept by the filter; codes or labels.
    ReshapeRequest r{{"Year"}, {"Sex"}, {{"Age", {"Total"}}, {"Year", {"2022", "2023"}}}, "en", false};
    Block b = reshape(t, r);
    REQUIRE(b.rows == 2);
    REQUIRE(b.cols == 2);
    CHECK(b.values[2] == 2773898);
    CHECK(b.row_ages.empty());  // years are not ages
    r.filters = {{"Ikä", {"SSS"}}, {"Vuosi", {"2023"}}, {"Sukupuoli", {"SSS", "1", "2"}}};
    b = reshape(t, r);
    REQUIRE(b.cols == 3);
    CHECK(b.values[0] == 5603851);
    // keep_totals keeps every value of an unfiltered row/column variable.
    r = ReshapeRequest{{"Age"}, {"Sex"}, {{"Year", {"2023"}}}, "en", true};
    b = reshape(t, r);
    CHECK(b.rows == 19);
    CHECK(b.cols == 3);
    CHECK(b.row_ages.empty());  // "Total" is not an age
    // Two variables across: sex outer, information inner; an unfiltered other
    // variable with an elimination value takes its total.
    r = ReshapeRequest{{"Vuosi"}, {"Sukupuoli", "Tiedot"}, {}, "", false};
    b = reshape(t, r);
    CHECK(b.rows == 159);
    CHECK(b.cols == 2);
    CHECK(b.values[158 * 2] == 2773898);
    CHECK(b.column_labels.size() == 2);
}

TEST_CASE("reshaping errors name the variable or value", "[table]") {
    using Catch::Matchers::Contains;
    const StatTable t = load("statfin_vaerak_pxt_11rc.px");
    CHECK_THAT(error_of(t, {{"Alue"}, {"Sukupuoli"}, {}, "", false}), Contains("no variable 'Alue'"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"1800"}}}, "", false}),
               Contains("Vuosi has no value '1800'"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Sukupuoli"}, {}, "", false}), Contains("give one value of Vuosi"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Ikä"}, {}, "", false}), Contains("used twice"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"2022", "2023"}}}, "", false}),
               Contains("takes one value"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"2023"}}}, "de", false}),
               Contains("one of the table's languages (fi, sv, en)"));
    CHECK_THAT(error_of(t, {{}, {"Sukupuoli"}, {}, "", false}), Contains("rows must name"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {}, {}, "", false}), Contains("columns must name"));
    CHECK_THAT(error_of(t, {{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"2023"}}, {"vuosi", {"2022"}}}, "", false}),
               Contains("filtered twice"));
    CHECK_THAT(
        error_of(t, {{"Ikä"}, {"Sukupuoli"}, {{"Vuosi", {"2023"}}, {"Ikä", {"0-4", "0 - 4"}}}, "", false}),
        Contains("given twice"));
}

TEST_CASE("Statistics Sweden single years: ages 0..110+, year across", "[table]") {
    const StatTable t = load("SCB-BefolkningR1860N.px");
    const Block b = reshape(t, {{"age"}, {"year"}, {{"year", {"2022", "2023"}}}, "", false});
    REQUIRE(b.rows == 111);
    REQUIRE(b.cols == 2);
    CHECK(b.values[1] == 100656);
    CHECK(b.row_ages.back() == 110);
    CHECK(b.row_ages[1] == 1);
}

TEST_CASE("the request from typed texts", "[table]") {
    using Catch::Matchers::Contains;
    const StatTable t = load("statfin_tyonv_eckero.px");
    // A label with a comma is taken whole.
    ReshapeRequest r =
        reshape_request(t, "Kuukausi", " Alue ", "Tiedot=Työttömät työnhakijat, miehet (lkm.)", "");
    REQUIRE(r.filters.size() == 1);
    CHECK(r.filters[0].second.size() == 1);
    const Block b = reshape(t, r);
    CHECK(b.rows == 11);
    CHECK(b.cols == 1);
    CHECK(b.values[0] == 16.0);  // January 2024, unemployed men (5th value of the first DATA row)
    r = reshape_request(t, "Kuukausi", "Tiedot,Alue", "Kuukausi=2024M01,2024M02;", "sv");
    CHECK(r.filters[0].second == std::vector<std::string>{"2024M01", "2024M02"});
    CHECK(r.columns == std::vector<std::string>{"Tiedot", "Alue"});
    CHECK_THAT(
        [&] {
            try {
                reshape_request(t, "Kuukausi", "Alue", "Tiedot", "");
            } catch (const domain_error& e) {
                return std::string(e.what());
            }
            return std::string();
        }(),
        Contains("variable=value"));
}

TEST_CASE("the provenance note of an import", "[table]") {
    const StatTable t = load("statfin_vaerak_pxt_11rc.px");
    CHECK(provenance_note(t, 0) ==
          "Lähde: Tilastokeskus, väestörakenne, taulukko statfin_vaerak_pxt_11rc: Väestö 31.12. muuttujina "
          "Vuosi, "
          "Sukupuoli, Ikä ja Tiedot; päivitetty 20240426 08:00; lisenssi: CC BY 4.0");
    CHECK(provenance_note(t, 2).rfind("Source: Statistics Finland, population structure, table", 0) == 0);
    CHECK_THAT(provenance_note(t, 1), Catch::Matchers::Contains("Källa: Statistikcentralen"));
    const StatTable s = load("SCB-BefolkningR1860N.px");
    CHECK(provenance_note(s, 0) ==
          "Source: Statistics Sweden, table TAB5890: Population by age, observations and year; last updated "
          "20240209 17:53");
}

namespace {

// Areas whose labels have commas, a semicolon and a quote, and a variable whose name has a comma.
const char* areas = R"({"id":["Alue","Koko, mitta","Vuosi"],"size":[6,2,1],"dimension":{
 "Alue":{"category":{"index":["h","k","hk","e","vk","q"],"label":{"h":"Helsinki","k":"keskusta",
   "hk":"Helsinki, keskusta","e":"Espoo","vk":"Vantaa; Kerava","q":"5\" näyttö"}}},
 "Koko, mitta":{"category":{"index":["p","u"],"label":{"p":"pieni","u":"suuri"}}},
 "Vuosi":{"category":{"index":["2023"]}}},
 "value":[1,2,3,4,5,6,7,8,9,10,11,12]})";

std::string request_error(const StatTable& t, std::string_view rows, std::string_view columns,
                          std::string_view filters) {
    try {
        reshape(t, reshape_request(t, rows, columns, filters, ""));
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("typed selections: values with commas, semicolons and quotes in double quotes", "[table]") {
    using Catch::Matchers::Contains;
    const StatTable t = read_jsonstat(areas);
    const auto values = [&](std::string_view filters) {
        return reshape_request(t, "Alue", "\"Koko, mitta\"", filters, "").filters.at(0).second;
    };
    // Quoted values are taken as they are, "" being one quote; unquoted ones as before.
    CHECK(values("Alue=\"Helsinki, keskusta\",Espoo") ==
          std::vector<std::string>{"Helsinki, keskusta", "Espoo"});
    CHECK(values("Alue=\"Vantaa; Kerava\" ; Vuosi=2023") == std::vector<std::string>{"Vantaa; Kerava"});
    CHECK(values("Alue=\"5\"\" näyttö\"") == std::vector<std::string>{"5\" näyttö"});
    CHECK(values("Alue=5\" näyttö") == std::vector<std::string>{"5\" näyttö"});  // a quote inside is plain
    CHECK(values("Alue=Helsinki, Espoo,,") == std::vector<std::string>{"Helsinki", "Espoo"});
    CHECK(values(" \"Alue\" = \"Helsinki\" , \"keskusta\" ") ==
          std::vector<std::string>{"Helsinki", "keskusta"});
    CHECK(values("Alue=\"\"") == std::vector<std::string>{""});
    const Block b =
        reshape(t, reshape_request(t, "Alue", "\"Koko, mitta\"", "Alue=\"Helsinki, keskusta\",h", ""));
    REQUIRE(b.rows == 2);
    CHECK(b.values == std::vector<double>{5, 6, 1, 2});
    CHECK(b.column_names == std::vector<std::string>{"Koko, mitta"});
    CHECK(reshape_request(t, "Alue", "\"Koko, mitta\",Vuosi", "", "").columns ==
          std::vector<std::string>{"Koko, mitta", "Vuosi"});

    // The case that used to be silent: an unquoted list that is also one label, while its parts are labels
    // too.
    CHECK(
        request_error(t, "Alue", "\"Koko, mitta\"", "Alue=Helsinki, keskusta") ==
        "filters: Alue=Helsinki, keskusta is ambiguous: \"Helsinki, keskusta\" is one value of Alue, and its "
        "parts are values too. Write Alue=\"Helsinki, keskusta\" for the one value, or "
        "Alue=\"Helsinki\",\"keskusta\" for several");
    // Without quotes a ';' ends the filter: the message says to quote.
    CHECK_THAT(request_error(t, "Alue", "\"Koko, mitta\"", "Alue=Vantaa; Kerava"),
               Contains("filters: 'Kerava' must be variable=value") && Contains("double quotes"));
    CHECK_THAT(request_error(t, "Alue", "\"Koko, mitta\"", "Alue=\"Helsinki"),
               Contains("filters: the double quote at character 6 is not closed"));
    CHECK_THAT(request_error(t, "Alue", "\"Koko, mitta\"", "Alue=\"Espoo\"x"),
               Contains("filters: after the quoted text that ends at character 12, expected ',' or ';'"));
    CHECK_THAT(request_error(t, "\"Alue", "Vuosi", ""),
               Contains("rows: the double quote at character 1 is not closed"));
    CHECK_THAT(request_error(t, "Alue", "Koko, mitta", ""), Contains("no variable 'Koko'"));
}
