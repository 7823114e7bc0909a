// DATA.PX in the add-in layer (addin/data_functions.hpp), without an office:
// a range of cells as the source (numbers typed into cells too), headers,
// missing values as empty cells, and the rules for files (home folder only,
// .px/.json only, full paths, no web addresses, a changed file read again).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "data_functions.hpp"
#include "errors.hpp"
#include "uno_tables.hpp"

using namespace kuntaplan;
using namespace kuntaplan::addin;
using Catch::Matchers::Contains;
using css::uno::Any;
using css::uno::Sequence;
using namespace kuntaplan::uno_tables;

namespace {

OUString ou(const char* s) { return OUString::fromUtf8(OString(s)); }

// One cell per line, as a user pastes a file into a column.
Table column(const std::vector<Any>& cells) {
    Table out(static_cast<sal_Int32>(cells.size()));
    for (std::size_t i = 0; i < cells.size(); ++i) out.getArray()[i] = Sequence<Any>(&cells[i], 1);
    return out;
}

double number(const Any& a) {
    double v = 0;
    REQUIRE((a >>= v));
    return v;
}

std::string string_of(const Any& a) {
    OUString s;
    REQUIRE((a >>= s));
    return OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr();
}

std::string error_of(const Any& source, const char* rows = "Age", const char* columns = "Sex",
                     const Any& filters = Any()) {
    try {
        data_px(source, ou(rows), ou(columns), filters, Any(), Any());
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no error";
}

const std::vector<Any> lines = {text("LANGUAGE=\"en\";"),
                                text("STUB=\"Age\";"),
                                text("HEADING=\"Sex\";"),
                                text("VALUES(\"Age\")=\"Total\",\"0 - 4\",\"85 -\";"),
                                text("VALUES(\"Sex\")=\"Men\",\"Women\";"),
                                text("CODES(\"Age\")=\"SSS\",\"0-4\",\"85-\";"),
                                text("DATA="),
                                text("30 31"),
                                Any(),
                                text("10 \"..\""),
                                Any(20.0)};  // a line of one number: Calc stores it as a number

}  // namespace

TEST_CASE("DATA.PX from a range of cells, numbers and headers", "[data]") {
    std::vector<Any> cells = lines;
    cells.push_back(text("21;"));
    const Table out = data_px(Any(column(cells)), ou("Age"), ou("Sex"), Any(), Any(), Any());
    REQUIRE(out.getLength() == 2);
    CHECK(number(out[0][0]) == 10);
    CHECK(!out[0][1].hasValue());  // ".." is an empty cell, never 0
    CHECK(number(out[1][0]) == 20);
    CHECK(number(out[1][1]) == 21);

    const Table with = data_px(Any(column(cells)), ou("Age"), ou("Sex"), Any(), text("en"), Any(true));
    REQUIRE(with.getLength() == 3);
    CHECK(string_of(with[0][0]) == "Age");
    CHECK(string_of(with[0][2]) == "Women");
    CHECK(number(with[1][0]) == 0);
    CHECK(number(with[2][0]) == 85);
    const Table totals = data_px(Any(column(cells)), ou("Age"), ou("Sex"), text("Age=SSS"), Any(), Any(1.0));
    CHECK(string_of(totals[1][0]) == "Total");
    CHECK(number(totals[1][1]) == 30);
    CHECK(number(totals[1][2]) == 31);
}

TEST_CASE("DATA.PX errors: arguments and broken text", "[data]") {
    std::vector<Any> cells = lines;  // no last number: one value too few
    CHECK_THAT(error_of(Any(column(cells))), Contains("DATA has 5 values, but the variables imply 6"));
    cells.push_back(text("21 22;"));
    CHECK_THAT(error_of(Any(column(cells))), Contains("more values"));
    CHECK_THAT(error_of(Any(column({Any(), Any()}))), Contains("the range is empty"));
    CHECK_THAT(error_of(Any(1.0)), Contains("give a file path"));
    CHECK_THAT(error_of(Any()), Contains("give a file path"));
    CHECK_THAT(error_of(Any(column(lines)), ""), Contains("rows: name"));
    CHECK_THAT(error_of(Any(column(lines)), "Age", " "), Contains("columns: name"));
}

TEST_CASE("DATA.PX reads files only by full path under the home folder", "[data]") {
    namespace fs = std::filesystem;
    const fs::path home = fs::temp_directory_path() / "kuntaplan_test_home";
    const fs::path outside = fs::temp_directory_path() / "kuntaplan_test_outside";
    fs::remove_all(home);
    fs::remove_all(outside);
    fs::create_directories(home / "tilastot");
    fs::create_directories(outside);
    const char* old_home = std::getenv("HOME");
    const std::string saved = old_home ? old_home : "";
    setenv("HOME", home.c_str(), 1);
    unsetenv("USERPROFILE");

    const std::string px =
        "STUB=\"Age\";\nHEADING=\"Sex\";\nVALUES(\"Age\")=\"0\";\nVALUES(\"Sex\")=\"M\",\"F\";\nDATA=1 2;\n";
    const fs::path file = home / "tilastot" / "t.px";
    std::ofstream(file) << px;
    std::ofstream(outside / "t.px") << px;
    std::ofstream(home / "tilastot" / "t.txt") << px;
    fs::create_symlink(outside / "t.px", home / "tilastot" / "link.px");

    const Table out = data_px(text(file.string()), ou("Age"), ou("Sex"), Any(), Any(), Any());
    CHECK(number(out[0][1]) == 2);
    const Table by_url = data_px(text("file://" + file.string()), ou("Age"), ou("Sex"), Any(), Any(), Any());
    CHECK(number(by_url[0][0]) == 1);

    // A changed file is read again (its time or size differs).
    std::ofstream(file) << "STUB=\"Age\";\nHEADING=\"Sex\";\nVALUES(\"Age\")=\"0\";\nVALUES(\"Sex\")=\"M\","
                           "\"F\";\nDATA=1 20;\n";
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
    CHECK(number(data_px(text(file.string()), ou("Age"), ou("Sex"), Any(), Any(), Any())[0][1]) == 20);

    CHECK_THAT(error_of(text((outside / "t.px").string())), Contains("outside your home folder"));
    CHECK_THAT(error_of(text((home / "tilastot" / "link.px").string())),
               Contains("outside your home folder"));
    CHECK_THAT(error_of(text((home / "tilastot" / ".." / ".." / "kuntaplan_test_outside" / "t.px").string())),
               Contains("outside your home folder"));
    CHECK_THAT(error_of(text((home / "tilastot" / "t.txt").string())), Contains("only .px and .json"));
    CHECK_THAT(error_of(text("tilastot/t.px")), Contains("full path"));
    CHECK_THAT(error_of(text("https://pxdata.stat.fi/t.px")), Contains("local files only"));
    CHECK_THAT(error_of(text((home / "missing.px").string())), Contains("cannot be found"));
    // An administrator's extra folder.
    setenv("KUNTAPLAN_DATA_FOLDERS", ("/nonexistent:" + outside.string()).c_str(), 1);
    CHECK(number(data_px(text((outside / "t.px").string()), ou("Age"), ou("Sex"), Any(), Any(),
                         Any())[0][0]) == 1);
    unsetenv("KUNTAPLAN_DATA_FOLDERS");
    // A home of "/" allows nothing.
    setenv("HOME", "/", 1);
    CHECK_THAT(error_of(text(file.string())), Contains("outside your home folder"));

    if (old_home) setenv("HOME", saved.c_str(), 1);
    fs::remove_all(home);
    fs::remove_all(outside);
}

// The tricks a workbook that arrives by email could play on its reader's files
// (table_files.hpp's rules): each must give an error, never the file's content.
TEST_CASE("DATA.PX cannot be turned against the reader's files", "[data]") {
    namespace fs = std::filesystem;
    const fs::path home = fs::temp_directory_path() / "kuntaplan_test_home_tricks";
    fs::remove_all(home);
    fs::create_directories(home);
    const char* old_home = std::getenv("HOME");
    const std::string saved = old_home ? old_home : "";
    setenv("HOME", home.c_str(), 1);
    unsetenv("USERPROFILE");
    unsetenv("KUNTAPLAN_DATA_FOLDERS");

    const std::string secret = "API_KEY=abcdef0123456789\n";
    std::ofstream(home / "notes.txt") << secret;
    std::ofstream(home / "secret.px") << secret;
    const std::string px =
        "STUB=\"Age\";\nHEADING=\"Sex\";\nVALUES(\"Age\")=\"0\";\nVALUES(\"Sex\")=\"M\",\"F\";\nDATA=1 2;\n";
    std::ofstream(home / "t.px") << px;
    const auto no_secret = [&](const std::string& message) {
        INFO(message);
        CHECK(message.find("abcdef") == std::string::npos);
        CHECK(message.find("API_KEY") == std::string::npos);
    };

    SECTION("a NUL character cuts the name for the system, so it is refused") {
        const std::string with_nul = (home / "notes.txt").string() + std::string(1, '\0') + ".px";
        const std::string message = error_of(text(with_nul));
        CHECK_THAT(message, Contains("control character"));
        no_secret(message);
        // Percent-encoded: refused by the URL decoder or by the check after it.
        CHECK_THAT(error_of(text("file://" + (home / "notes.txt").string() + "%00.px")),
                   Contains("control character") || Contains("not a valid file URL"));
        CHECK_THAT(error_of(text((home / "t").string() + "\t.px")), Contains("control character"));
    }
    SECTION("the extension rule holds for the file a link leads to") {
        fs::create_symlink(home / "notes.txt", home / "link.px");
        const std::string message = error_of(text((home / "link.px").string()));
        CHECK_THAT(message, Contains("not .px or .json"));
        no_secret(message);
        fs::create_symlink("/dev/zero", home / "zero.px");
        CHECK_THAT(error_of(text((home / "zero.px").string())), Contains("not .px or .json"));
    }
    SECTION("a file that is not PX-shaped is refused without quoting it") {
        const std::string message = error_of(text((home / "secret.px").string()));
        CHECK(message != "no error");
        no_secret(message);
    }
    SECTION("a FIFO, a folder or a device named .px is not a file, and nothing blocks") {
        REQUIRE(::mkfifo((home / "pipe.px").c_str(), 0600) == 0);
        CHECK_THAT(error_of(text((home / "pipe.px").string())), Contains("is not a file"));
        fs::create_directories(home / "folder.px");
        CHECK_THAT(error_of(text((home / "folder.px").string())), Contains("is not a file"));
    }
    SECTION("a file larger than the limit is refused before it is read") {
        fs::resize_file(home / "t.px", (std::uintmax_t{128} << 20) + 1);  // sparse: no disk used
        CHECK_THAT(error_of(text((home / "t.px").string())), Contains("more than the 128 MB"));
    }
    SECTION("a file replaced by one of the same size and time is read again") {
        const auto read_f = [&] {
            return number(
                data_px(text((home / "t.px").string()), ou("Age"), ou("Sex"), Any(), Any(), Any())[0][1]);
        };
        CHECK(read_f() == 2);
        const auto time = fs::last_write_time(home / "t.px");
        std::string changed = px;
        changed.replace(changed.find("DATA=1 2;"), 9, "DATA=1 7;");
        REQUIRE(changed.size() == px.size());
        std::ofstream(home / "t.px", std::ios::trunc) << changed;  // same inode, as cp -p writes
        fs::last_write_time(home / "t.px", time);
        CHECK(read_f() == 7);
    }

    if (old_home) setenv("HOME", saved.c_str(), 1);
    fs::remove_all(home);
}
