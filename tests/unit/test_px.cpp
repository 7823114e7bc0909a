// The PX reader on Statistics Finland's and Statistics Sweden's real files
// (data/px, see its README) and on malformed input. Values checked
// here were looked up by hand in the files' DATA parts.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "px.hpp"

using namespace kuntaplan;

namespace {

std::string slurp(const std::string& name) {
    std::ifstream in(std::string(KUNTAPLAN_DATA_DIR) + "/px/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The cell of a table at the given value indices (row-major).
double cell(const StatTable& t, std::initializer_list<std::size_t> at) {
    std::size_t offset = 0, d = 0;
    for (std::size_t i : at) offset = offset * t.dimensions[d++].size() + i;
    return t.values[offset];
}

std::string error_of(std::string_view text) {
    try {
        read_px(text);
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no error";
}

const char* small = R"(CHARSET="ANSI";
LANGUAGE="en";
STUB="Age";
HEADING="Sex";
VALUES("Age")="0 - 4","5 -";
VALUES("Sex")="Total","Men","Women";
CODES("Sex")="SSS","1","2";
ELIMINATION("Sex")="Total";
DATA=
30 14 16
".." "-" 0;
)";

}  // namespace

TEST_CASE("Statistics Finland 11rc: ISO-8859-15, three languages, values looked up by hand", "[px]") {
    const StatTable t = read_px(slurp("statfin_vaerak_pxt_11rc.px"));
    REQUIRE(t.languages == std::vector<std::string>{"fi", "sv", "en"});
    REQUIRE(t.dimensions.size() == 4);
    CHECK(t.stub_count == 1);
    const Dimension& year = t.dimensions[0];
    const Dimension& sex = t.dimensions[1];
    const Dimension& age = t.dimensions[2];
    CHECK(year.names == std::vector<std::string>{"Vuosi", "År", "Year"});
    CHECK(year.size() == 159);  // 1865..2023
    CHECK(year.is_time);
    CHECK(sex.names[0] == "Sukupuoli");
    CHECK(sex.names[1] == "Kön");
    CHECK(sex.labels[0] ==
          std::vector<std::string>{"Yhteensä", "Miehet", "Naiset"});  // decoded from ISO-8859-15
    CHECK(sex.labels[1] == std::vector<std::string>{"Totalt", "Män", "Kvinnor"});
    CHECK(sex.labels[2] == std::vector<std::string>{"Total", "Males", "Females"});
    CHECK(sex.value_codes == std::vector<std::string>{"SSS", "1", "2"});
    REQUIRE(sex.total);
    CHECK(*sex.total == 0);
    CHECK(age.names[2] == "Age");
    CHECK(age.size() == 19);
    CHECK(age.labels[0][18] == "85 -");
    CHECK(age.value_codes[1] == "0-4");
    CHECK(t.values.size() == 159 * 3 * 19 * 1);
    // DATA row 1 (1865) and row 159 (2023).
    CHECK(cell(t, {0, 0, 0, 0}) == 1843245);
    CHECK(cell(t, {0, 0, 1, 0}) == 264002);
    CHECK(cell(t, {158, 0, 0, 0}) == 5603851);
    CHECK(cell(t, {158, 1, 0, 0}) == 2773898);
    CHECK(cell(t, {158, 1, 1, 0}) == 120395);
    CHECK(cell(t, {158, 1, 18, 0}) == 54351);
    CHECK(cell(t, {158, 2, 1, 0}) == 115211);
    CHECK(cell(t, {158, 2, 18, 0}) == 108625);
    CHECK(t.info.table_id == "statfin_vaerak_pxt_11rc");
    CHECK(t.info.title[0] == "Väestö 31.12. muuttujina Vuosi, Sukupuoli, Ikä ja Tiedot");
    CHECK(t.info.title[2] == "Population 31.12. by Year, Sex, Age and Information");
    CHECK(t.info.source[1] == "Statistikcentralen, befolkningsstruktur");
    CHECK(t.info.last_updated == "20240426 08:00");
    CHECK(t.info.decimals == 0);
    for (CellStatus s : t.status) REQUIRE(s == CellStatus::value);
}

TEST_CASE("Statistics Sweden: single years of age, ISO-8859-1, English only", "[px]") {
    const StatTable t = read_px(slurp("SCB-BefolkningR1860N.px"));
    REQUIRE(t.languages == std::vector<std::string>{"en"});
    REQUIRE(t.dimensions.size() == 3);
    const Dimension& age = t.dimensions[0];
    CHECK(age.code == "Alder");  // VARIABLECODE
    CHECK(age.size() == 111);
    CHECK(age.labels[0].front() == "0 years");
    CHECK(age.labels[0].back() == "110+ years");
    CHECK(t.dimensions[2].size() == 164);   // 1860..2023
    CHECK(cell(t, {0, 0, 0}) == 119426);    // age 0 in 1860
    CHECK(cell(t, {0, 0, 163}) == 100656);  // age 0 in 2023
    CHECK(cell(t, {1, 0, 163}) == 106254);
    CHECK(cell(t, {110, 0, 163}) == 3);  // 110+ in 2023
    CHECK(t.info.source[0] == "Statistics Sweden");
}

TEST_CASE("Statistics Finland 12r5 (Eckerö): DECIMALS=1 and the missing code \"...\"", "[px]") {
    const StatTable t = read_px(slurp("statfin_tyonv_eckero.px"));
    CHECK(t.info.decimals == 1);
    REQUIRE(t.languages.size() == 3);
    CHECK(t.dimensions[2].labels[1][0] == "Eckerö");
    CHECK(t.dimensions[0].names[1] == "Månad");
    // First DATA row: 49.0 26.0 448.0 5.8 16.0 10.0 "..." ...
    const std::size_t cols = t.dimensions[1].size() * t.dimensions[2].size();
    CHECK(t.values[3] == Approx(5.8).epsilon(0));
    CHECK(t.status[6] == CellStatus::dots3);
    CHECK(std::isnan(t.values[6]));
    CHECK(t.values[9] == 0.0);  // a real zero stays a zero
    CHECK(t.status[9] == CellStatus::value);
    std::size_t missing = 0;
    for (CellStatus s : t.status) missing += s == CellStatus::dots3;
    CHECK(missing == 61);  // every "..." of the file
    CHECK(t.values.size() == 11 * cols);
}

TEST_CASE("Statistics Finland time use (AXIS-VERSION 2006): DECIMALS=2 and \".\"", "[px]") {
    const StatTable t = read_px(slurp("statfin_akay_pxt_001.px"));
    CHECK(t.languages == std::vector<std::string>{"fi", "en"});
    CHECK(t.info.decimals == 2);
    CHECK(t.values[24] == Approx(3.41).epsilon(0));
    CHECK(t.status[2 * 24 + 12] == CellStatus::dots1);
    CHECK(t.dimensions[2].value_codes == std::vector<std::string>{"S", "1", "2"});
}

TEST_CASE("small PX: symbols, elimination, continued strings and lists, UTF-8", "[px]") {
    const StatTable t = read_px(small);
    CHECK(t.values[0] == 30);
    CHECK(t.status[3] == CellStatus::dots2);
    CHECK(t.status[4] == CellStatus::nil);
    CHECK(std::isnan(t.values[4]));
    CHECK(t.values[5] == 0);
    CHECK(t.status[5] == CellStatus::value);
    CHECK(t.dimensions[1].total == std::size_t{0});

    const StatTable u = read_px(
        "CODEPAGE=\"utf-8\";\nTITLE=\"Väestö \"\n\"jatkuu\";\nSTUB=\"Alue\";\nHEADING=\"Vuosi\";\n"
        "VALUES(\"Alue\")=\"Eckerö\",\n\"Åbo\";\nVALUES(\"Vuosi\")=\"2023\";\nTIMEVAL(\"Vuosi\")=TLIST(A1, "
        "\"2023\"-\"2023\");\nDATA=\n1\t2\n");
    CHECK(u.info.title[0] == "Väestö jatkuu");
    CHECK(u.dimensions[0].labels[0] == std::vector<std::string>{"Eckerö", "Åbo"});
    CHECK(u.dimensions[1].is_time);
    CHECK(u.values == std::vector<double>{1, 2});

    // Windows-1252: 0x80 is the euro sign; a byte order mark means UTF-8.
    const StatTable w =
        read_px("CODEPAGE=\"windows-1252\";\nUNITS=\"\x80\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=5;");
    CHECK(w.info.units[0] == "€");
    const StatTable b = read_px("\xEF\xBB\xBFHEADING=\"a\";\nVALUES(\"a\")=\"\xC3\xA4\";\nDATA=5;");
    CHECK(b.dimensions[0].labels[0][0] == "ä");
    // Text from spreadsheet cells is already Unicode whatever CODEPAGE says.
    const StatTable c = read_px("CODEPAGE=\"iso-8859-15\";\nHEADING=\"a\";\nVALUES(\"a\")=\"ä\";\nDATA=5;",
                                PxReadOptions{true});
    CHECK(c.dimensions[0].labels[0][0] == "ä");
    // Commas, semicolons and tabs are delimiters in DATA (the specification's older files).
    CHECK(read_px("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\",\"z\";\nDATA=1,2;3").values ==
          std::vector<double>{1, 2, 3});
}

TEST_CASE("malformed PX files give errors naming the problem and the line", "[px]") {
    using Catch::Matchers::Contains;
    CHECK_THAT(error_of("TITLE=\"x;\nDATA=1;"), Contains("line 1") && Contains("not closed"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\n"), Contains("DATA"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=\n1 2 3;"),
               Contains("line 4") && Contains("more values"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=\n1;"),
               Contains("DATA has 1 values, but the variables imply 2"));
    CHECK_THAT(error_of("CODEPAGE=\"ebcdic\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"),
               Contains("line 1") && Contains("unknown code page"));
    CHECK_THAT(error_of("CODEPAGE=\"utf-8\";\nHEADING=\"a\";\nVALUES(\"a\")=\"\xC3\x28\";\nDATA=1;"),
               Contains("line 3") && Contains("not valid UTF-8"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nCODES(\"a\")=\"1\",\"1\";\nDATA=1 2;"),
               Contains("line 3") && Contains("'1' twice"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nCODES(\"a\")=\"1\";\nDATA=1 2;"),
               Contains("line 3") && Contains("1 codes"));
    CHECK_THAT(error_of("HEADING=\"a\";\nHEADING=\"b\";\nDATA=1;"), Contains("line 2") && Contains("twice"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=\n\nabc;"),
               Contains("line 5") && Contains("'abc' is not a number"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=\"?\";"), Contains("unknown symbol"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=nan;"), Contains("not a number"));
    CHECK_THAT(error_of("HEADING=\"a\";\nDATA=1;"), Contains("no VALUES(\"a\")"));
    CHECK_THAT(error_of("TITLE=\"x\";\nDATA=1;"), Contains("neither STUB nor HEADING"));
    CHECK_THAT(error_of("TITLE=\"x\"\nDATA=1;"), Contains("line 2") && Contains("expected ',' or ';'"));
    CHECK_THAT(error_of("=\"x\";"), Contains("expected a keyword"));
    CHECK_THAT(error_of("DECIMALS=x;\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"), Contains("DECIMALS"));
    CHECK_THAT(error_of("KEYS(\"a\")=VALUES;\nDATA=1;"), Contains("KEYS"));
    CHECK_THAT(error_of("HEADING=\"a\",\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"), Contains("appears twice"));
    CHECK_THAT(
        error_of("LANGUAGE=\"fi\";\nLANGUAGES=\"fi\",\"sv\";\nHEADING=\"a\";\nHEADING[sv]=\"b\",\"c\";\n"
                 "VALUES(\"a\")=\"x\";\nDATA=1;"),
        Contains("line 4"));
    CHECK_THAT(error_of("LANGUAGE=\"fi\";\nLANGUAGES=\"fi\",\"sv\";\nHEADING=\"a\";\nHEADING[sv]=\"b\";\n"
                        "VALUES(\"a\")=\"x\",\"y\";\nVALUES[sv](\"b\")=\"z\";\nDATA=1 2;"),
               Contains("line 6") && Contains("VALUES[sv]"));
    // Absurd sizes: 10 variables of 10 values claim 10^10 cells; a short DATA part claims a large cube.
    std::string huge = "HEADING=\"a0\"";
    for (int i = 1; i < 10; ++i) huge += ",\"a" + std::to_string(i) + "\"";
    huge += ";\n";
    for (int i = 0; i < 10; ++i)
        huge += "VALUES(\"a" + std::to_string(i) +
                "\")=\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\";\n";
    CHECK_THAT(error_of(huge + "DATA=1;"), Contains("more than 50000000 cells"));
    std::string wide = "HEADING=\"a\",\"b\";\n";
    for (const char* v : {"a", "b"}) {
        wide += "VALUES(\"" + std::string(v) + "\")=\"0\"";
        for (int i = 1; i < 3000; ++i) wide += ",\"" + std::to_string(i) + "\"";
        wide += ";\n";
    }
    CHECK_THAT(error_of(wide + "DATA=1;"),
               Contains("line 4") && Contains("imply 9000000 values, but the DATA part"));
}
