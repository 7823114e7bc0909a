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
        "\"2023\"-\"2023\");\nDATA=\n1\t2;\n");
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
    // Commas, semicolons and tabs are delimiters in DATA (the specification's older files); the last
    // value is still followed by ';'.
    CHECK(read_px("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\",\"z\";\nDATA=1,2;3;").values ==
          std::vector<double>{1, 2, 3});
    CHECK_THROWS_AS(read_px("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\",\"z\";\nDATA=1,2;3"), domain_error);
}

TEST_CASE("malformed PX files give errors naming the problem and the line", "[px]") {
    using Catch::Matchers::Contains;
    using Catch::Matchers::Equals;
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
               Contains("line 3: CODES of the HEADING variable 1 has the same code twice (values 1 and 2)") &&
                   !Contains("'1'"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nCODES(\"a\")=\"1\";\nDATA=1 2;"),
               Contains("line 3") && Contains("1 codes"));
    CHECK_THAT(error_of("HEADING=\"a\";\nHEADING=\"b\";\nDATA=1;"), Contains("line 2") && Contains("twice"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=\n\nabc;"),
               Contains("line 5: DATA: value 1 is not a number") && !Contains("abc"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=\"?\";"), Contains("unknown symbol"));
    CHECK_THAT(error_of("HEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=nan;"), Contains("not a number"));
    CHECK_THAT(error_of("HEADING=\"a\";\nDATA=1;"), Equals("line 1: the HEADING variable 1 has no VALUES"));
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
               Contains("line 6: VALUES of the HEADING variable 1 in language 2 of LANGUAGES has 1 values") &&
                   !Contains("sv"));
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

TEST_CASE("a PX file cut short is refused, never read with a number cut in two", "[px]") {
    using Catch::Matchers::Contains;
    const std::string whole = slurp("statfin_vaerak_pxt_11rc.px");
    const std::size_t end = whole.rfind(';') + 1;  // DATA's closing ';', then only " \r\n"
    REQUIRE(whole.size() - end == 3);
    // A download cut inside the last number used to read 108625 as 10.
    CHECK_THAT(
        error_of(whole.substr(0, 77488)),
        Contains("line 379: DATA does not end with ';': the file is incomplete (cut short?) or damaged"));
    std::size_t refused = 0;
    for (std::size_t cut = whole.size() - 200; cut < whole.size(); ++cut) {
        const std::string part = whole.substr(0, cut);
        if (cut >= end) {
            // Only blanks after the ';' are gone: the whole table.
            const StatTable t = read_px(part);
            REQUIRE(cell(t, {158, 2, 18, 0}) == 108625);
            continue;
        }
        REQUIRE_THROWS_AS(read_px(part), domain_error);
        ++refused;
    }
    CHECK(refused == 197);
    // Cuts in the middle: inside the metadata, just after DATA=, inside the numbers.
    const std::size_t data = whole.find("\nDATA=") + 1;
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{500}, whole.size() / 4, data - 1,
                            data + 3, data + 5, data + 6, data + 100, whole.size() / 2, whole.size() - 1000})
        CHECK_THROWS_AS(read_px(whole.substr(0, cut)), domain_error);
    // The other real files likewise.
    for (const char* name :
         {"SCB-BefolkningR1860N.px", "statfin_tyonv_eckero.px", "statfin_akay_pxt_001.px"}) {
        const std::string file = slurp(name);
        const std::size_t last = file.rfind(';') + 1;
        for (std::size_t cut = file.size() - 60; cut < last; ++cut)
            REQUIRE_THROWS_AS(read_px(file.substr(0, cut)), domain_error);
    }
    // Too few or too many values are errors even with the ';'.
    const std::string head = "HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\",\"z\";\nDATA=\n";
    CHECK_THAT(error_of(head + "1 2;"), Contains("line 4: DATA has 2 values, but the variables imply 3"));
    CHECK_THAT(error_of(head + "1 2 3\n4;"),
               Contains("line 5: DATA has more values than the variables imply (3)"));
    CHECK_THAT(error_of(head + "1 2 3"), Contains("DATA does not end with ';'"));
    CHECK(error_of(head + "1 2") ==
          "line 4: DATA has 2 values, but the variables imply 3; DATA does not end with "
          "';': the file is incomplete (cut short?) or damaged");
    CHECK_THAT(error_of(head + "1 2 3;\nTITLE=\"x\";"),
               Contains("DATA has more values than the variables imply"));
    CHECK(read_px(head + "1 2 3;\r\n\x1a").values == std::vector<double>{1, 2, 3});
}

namespace {

// Whether a message shows any piece (4 characters or more) of `secret`.
bool shows_part_of(const std::string& message, const std::string& secret) {
    for (std::size_t i = 0; i + 4 <= secret.size(); ++i)
        if (message.find(secret.substr(i, 4)) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("PX error messages never quote the file beyond its keywords", "[px]") {
    using Catch::Matchers::Contains;
    const std::string secret = "sk9Qx7ZpW2vLmN4tRb8Y";
    const std::string px = "HEADING=\"a\";\nVALUES(\"a\")=\"x\";\n";
    const std::vector<std::string> files = {
        "API_KEY=" + secret + "\nOTHER_KEY=" + secret + "\n",
        "API_KEY=" + secret + ";\n",
        "API_KEY=\"" + secret + "\n",
        secret + "\n",
        "password: " + secret + "\n",
        "[" + secret + "]\nkey=value\n",
        "KEY[" + secret + "\n",
        "KEY(\"" + secret + "\")=1;\n",
        "KEY(\"" + secret + "\"]=1;\n",
        "X_" + secret + "=1,(" + secret + "\n",
        "TITLE=\"a\" " + secret + ";\n",
        "TITLE=" + secret + "\n" + secret + ";\n",
        "HEADING=\"" + secret + "\";\nDATA=1;",
        "HEADING=\"" + secret + "\",\"" + secret + "\";\nDATA=1;",
        "HEADING=\"a\";\nVALUES(\"a\")=\"" + secret + "\",\"" + secret + "\";\nDATA=1 2;",
        "HEADING=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nCODES(\"a\")=\"" + secret + "\",\"" + secret +
            "\";\nDATA=1 2;",
        "LANGUAGES=\"b\",\"" + secret + "\",\"" + secret + "\";\n" + px + "DATA=1;",
        px + "DECIMALS=" + secret + ";\nDATA=1;",
        px + "DATA=" + secret + ";",
        px + "DATA=\"" + secret + "\";",
        px + "DATA=1 " + secret,
        "CODEPAGE=\"utf-8\";\nHEADING=\"a\";\nVALUES(\"a\")=\"" + secret + "\xff\";\nDATA=1;",
        "CODEPAGE=\"US-ASCII\";\nHEADING=\"a\";\nVALUES(\"a\")=\"" + secret + "\x81\";\nDATA=1;",
        px + "TITLE=\"a\";\nTITLE=\"" + secret + "\";\nDATA=1;",
        "SECRET_" + secret + "=\"a\";\nSECRET_" + secret + "=\"b\";\n" + px + "DATA=1;",
        "LANGUAGE=\"fi\";\nLANGUAGES=\"fi\",\"" + secret.substr(0, 12) + "\";\nHEADING=\"a\";\nHEADING[" +
            secret.substr(0, 12) + "]=\"b\",\"c\";\nVALUES(\"a\")=\"x\";\nDATA=1;",
    };
    for (const std::string& file : files) {
        const std::string message = error_of(file);
        INFO(file);
        CHECK(message != "no error");
        CHECK_FALSE(shows_part_of(message, secret));
        for (const char* word : {"API_KEY", "OTHER", "SECRET", "password", "KEY", "key=", "X_"})
            CHECK_THAT(message, !Contains(word));
    }
    CHECK(error_of("API_KEY=" + secret + "\nOTHER_KEY=x\n") ==
          "line 2: the keyword on line 1 (not a PX keyword): expected ',' or ';' after a value");
    CHECK(error_of(secret) ==
          "line 1: the keyword on line 1 (not a PX keyword): expected '=' after the keyword");
    CHECK(error_of("{\"" + secret + "\": 1}") ==
          "line 1: expected a keyword such as TITLE= or DATA=; is this a PX file?");
    // PX keywords are named.
    CHECK_THAT(error_of("TITLE=\"a\" x;"), Contains("line 1: TITLE: expected ',' or ';' after a value"));
    // The one exception: a CODEPAGE name the user must see, at most 40 printable ASCII characters.
    CHECK(error_of("CODEPAGE=\"ebcdic\";\n" + px + "DATA=1;") ==
          "line 1: unknown code page 'ebcdic'; use a name such as iso-8859-1, iso-8859-15, windows-1252, "
          "windows-1251 or utf-8");
    CHECK_THAT(error_of("CODEPAGE=\"0123456789012345678901234567890123456789-tail\x01\";\n" + px + "DATA=1;"),
               Contains("unknown code page '0123456789012345678901234567890123456789…'"));
    CHECK_THAT(error_of("CODEPAGE=\"win\x01"
                        "dows\";\n" +
                        px + "DATA=1;"),
               Contains("unknown code page 'win?dows'"));
}

TEST_CASE("PX files of other offices: hierarchies, notes over lines, names with spaces, windows-1251",
          "[px]") {
    using Catch::Matchers::Contains;
    // Statistics Sweden: HIERARCHIES with "parent":"child" items over several lines, parsed and ignored.
    const StatTable scb = read_px(
        "CHARSET=\"ANSI\";\r\nAXIS-VERSION=\"2010\";\r\nLANGUAGE=\"sv\";\r\nSTUB=\"region\";\r\nHEADING="
        "\"år\";\r\n"
        "VALUES(\"region\")=\"Riket\",\"Stockholms län\",\"Upplands Väsby\";\r\nVALUES(\"år\")=\"2023\";\r\n"
        "CODES(\"region\")=\"00\",\"01\",\"0114\";\r\n"
        "HIERARCHIES(\"region\")=\"00\",\"00\":\"01\",\r\n\"01\":\"0114\";\r\nHIERARCHYLEVELS(\"region\")=3;"
        "\r\n"
        "HIERARCHYLEVELSOPEN(\"region\")=1;\r\nHIERARCHYNAMES(\"region\")=\"Riket\",\"Län\",\"Kommun\";\r\n"
        "DATA=\r\n10551707 \r\n2454821 \r\n50331 \r\n;\r\n",
        PxReadOptions{true});
    CHECK(scb.dimensions[0].value_codes == std::vector<std::string>{"00", "01", "0114"});
    CHECK(scb.values == std::vector<double>{10551707, 2454821, 50331});
    CHECK_THAT(error_of("HIERARCHIES(\"r\")=\"00\":x;\nDATA=1;"),
               Contains("line 1: expected a quoted name after ':'"));

    // Statistics Norway: line breaks inside quoted texts (kept as "\n"), repeated notes (appended).
    const StatTable ssb = read_px(
        "CHARSET=\"ANSI\";\nLANGUAGE=\"no\";\nTITLE=\"Folkemengde,\r\netter kommune\";\n"
        "NOTE=\"Tallene for 2024 er foreløpige.\nSe også \"\n\"tabell 07459.\";\nNOTE=\"Andre avsnitt.\";\n"
        "STUB=\"region\";\nHEADING=\"år\";\nVALUES(\"region\")=\"0301 Oslo\",\"1103 Stavanger\";\n"
        "VALUES(\"år\")=\"2024\";\nVALUENOTEX(\"region\",\"0301 Oslo\")=\"Fra 2020\";\n"
        "VALUENOTEX(\"region\",\"0301 Oslo\")=\"inklusiv Marka.\";\nNOTEX=\"a\";\nNOTEX=\"b\";\n"
        "CELLNOTE(\"*\",\"2024\")=\"x\";\nCELLNOTE(\"*\",\"2024\")=\"y\";\nCELLNOTEX(\"*\",\"2024\")=\"x\";\n"
        "CELLNOTEX(\"*\",\"2024\")=\"y\";\nVALUENOTE(\"år\",\"2024\")=\"p\";\nVALUENOTE(\"år\",\"2024\")="
        "\"q\";\n"
        "DATA=\n717710\n149048;\n",
        PxReadOptions{true});
    CHECK(ssb.info.title[0] == "Folkemengde,\netter kommune");
    CHECK(ssb.values == std::vector<double>{717710, 149048});
    // Other keywords still may not repeat.
    CHECK_THAT(error_of("TITLE=\"a\";\nTITLE=\"b\";\nDATA=1;"),
               Contains("line 2: TITLE appears twice (first on line 1)"));
    // A quote left open runs to the end of the file, or the error after it says where it opened.
    CHECK(error_of("TITLE=\"x;\nDATA=1;") ==
          "line 1: a quoted text is not closed before the end of the file");
    CHECK(error_of("TITLE=\"x;\nHEADING=\"a\";\nDATA=1;") ==
          "line 2: TITLE: expected ',' or ';' after a value (the quoted text opened on line 1 continues over "
          "several lines: is its closing quote missing?)");
    CHECK_THAT(error_of("VALUES(\"a\nb\")=\"x\";\nDATA=1;"),
               Contains("line 1: a quoted name in ( ) is not closed"));

    // Names with blanks inside the quotes match without them, as in PX-Edit: STUB="Region " and
    // VALUES("Region"), HEADING="Year" and VALUES(" Year "), languages [ en ].
    const StatTable spaced = read_px(
        "LANGUAGE=\"fi\";\nLANGUAGES=\"fi\",\"en\";\nSTUB=\"Alue \";\nSTUB[ en ]=\" "
        "Region\";\nHEADING=\"Vuosi\";\n"
        "HEADING[en]=\"Year \";\nVALUES(\"Alue\")=\"Helsinki\",\"Espoo\";\nVALUES[en](\"Region "
        "\")=\"Helsinki\","
        "\"Espoo\";\nCODES(\" Alue\")=\"091\",\"049\";\nVALUES(\" Vuosi \")=\"2023\";\n"
        "VALUES[en](\"Year\")=\"2023\";\nTIMEVAL(\"Vuosi \")=TLIST(A1),\"2023\";\nDATA=\n1\n2;");
    CHECK(spaced.dimensions[0].names == std::vector<std::string>{"Alue", "Region"});
    CHECK(spaced.dimensions[0].value_codes == std::vector<std::string>{"091", "049"});
    CHECK(spaced.dimensions[1].names == std::vector<std::string>{"Vuosi", "Year"});
    CHECK(spaced.dimensions[1].is_time);
    CHECK_THAT(
        error_of("HEADING=\"a\",\"a \";\nVALUES(\"a\")=\"x\";\nDATA=1;"),
        Contains(
            "a variable name appears twice in STUB/HEADING (HEADING variable 1 and HEADING variable 2)"));

    // Windows-1251 (and any other code page ICU knows): Cyrillic labels in 1251 bytes.
    const StatTable cyrillic = read_px(
        "CODEPAGE=\"windows-1251\";\nLANGUAGE=\"ru\";\nSTUB=\"\xD0\xE5\xE3\xE8\xEE\xED\";\nHEADING="
        "\"\xC3\xEE\xE4\";\n"
        "VALUES(\"\xD0\xE5\xE3\xE8\xEE\xED\")=\"\xCC\xEE\xF1\xEA\xE2\xE0\",\"\xD1\xE0\xED\xEA\xF2-"
        "\xCF\xE5\xF2\xE5\xF0\xE1\xF3\xF0\xE3\";\nVALUES(\"\xC3\xEE\xE4\")=\"2023\";\nDATA="
        "\n13104177\n5600044;\n");
    CHECK(cyrillic.dimensions[0].names[0] == "Регион");
    CHECK(cyrillic.dimensions[0].labels[0] == std::vector<std::string>{"Москва", "Санкт-Петербург"});
    CHECK(cyrillic.dimensions[1].names[0] == "Год");
    CHECK(cyrillic.values == std::vector<double>{13104177, 5600044});
    for (const char* name : {"cp1251", "koi8-r", "ISO-8859-5", "latin1", "ISO8859-15", "ANSI", "UTF8"})
        CHECK_NOTHROW(read_px("CODEPAGE=\"" + std::string(name) +
                              "\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"));
    // Code pages that do not write the file's ASCII syntax as ASCII cannot be a PX file's.
    for (const char* name : {"UTF-16", "UTF-32", "ibm-037", "UTF-7"})
        CHECK_THAT(
            error_of("CODEPAGE=\"" + std::string(name) +
                     "\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"),
            Contains("line 1: the code page '" + std::string(name) + "' does not write ASCII as ASCII"));
    // Bytes a code page does not have; a name with ICU's option syntax is no name.
    CHECK_THAT(error_of("CODEPAGE=\"windows-1253\";\nHEADING=\"a\";\nVALUES(\"a\")=\"\xD2\";\nDATA=1;"),
               Contains("line 3: a text is not valid in the code page 'windows-1253'"));
    CHECK_THAT(error_of("CODEPAGE=\"windows-1252,swaplfnl\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"),
               Contains("unknown code page"));
    CHECK_THAT(error_of("CODEPAGE=\"\";\nHEADING=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=1;"),
               Contains("unknown code page"));
}
