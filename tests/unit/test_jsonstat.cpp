// The JSON-stat 2.0 reader on a PxWeb answer in the shape Statistics
// Finland's API gives (11rc, Riihimäki-style subset with the real 2023 figures
// of the whole country) and on malformed answers.
#include <catch2/catch.hpp>
#include <cmath>

#include "jsonstat.hpp"

using namespace kuntaplan;

namespace {

// The whole country's 2023 population, ages 0-4 and 85-, from 11rc (values as in the PX file).
const char* answer = R"({
  "class": "dataset", "version": "2.0",
  "label": "Väestö 31.12. muuttujina Vuosi, Sukupuoli, Ikä ja Tiedot",
  "source": "Tilastokeskus", "updated": "2024-04-26T05:00:00Z",
  "id": ["Vuosi", "Sukupuoli", "Ikä", "Tiedot"],
  "size": [1, 3, 2, 1],
  "dimension": {
    "Vuosi": {"label": "Vuosi", "category": {"index": {"2023": 0}, "label": {"2023": "2023"}}},
    "Sukupuoli": {"label": "Sukupuoli", "category": {"index": {"SSS": 0, "1": 1, "2": 2},
                  "label": {"SSS": "Yhteensä", "1": "Miehet", "2": "Naiset"}},
                  "extension": {"elimination": true, "eliminationValueCode": "SSS"}},
    "Ikä": {"label": "Ikä", "category": {"index": ["0-4", "85-"], "label": {"0-4": "0 - 4", "85-": "85 -"}}},
    "Tiedot": {"label": "Tiedot", "category": {"label": {"vaesto": "Väestö 31.12."}}}
  },
  "role": {"time": ["Vuosi"], "metric": ["Tiedot"]},
  "extension": {"px": {"tableid": "statfin_vaerak_pxt_11rc", "language": "fi", "decimals": 0}},
  "value": [235606, 162976, 120395, 54351, 115211, null],
  "status": {"5": ".."}
})";

std::string error_of(std::string_view text) {
    try {
        read_jsonstat(text);
    } catch (const domain_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("JSON-stat 2.0 answer of PxWeb", "[jsonstat]") {
    const StatTable t = read_jsonstat(answer);
    CHECK(t.languages == std::vector<std::string>{"fi"});
    REQUIRE(t.dimensions.size() == 4);
    CHECK(t.dimensions[0].is_time);
    CHECK(t.dimensions[1].labels[0] == std::vector<std::string>{"Yhteensä", "Miehet", "Naiset"});
    CHECK(t.dimensions[1].total == std::size_t{0});
    CHECK(t.dimensions[2].value_codes == std::vector<std::string>{"0-4", "85-"});
    CHECK(t.dimensions[3].value_codes == std::vector<std::string>{"vaesto"});
    CHECK(t.values[2] == 120395);
    CHECK(t.status[5] == CellStatus::dots2);
    CHECK(std::isnan(t.values[5]));
    CHECK(t.info.table_id == "statfin_vaerak_pxt_11rc");
    CHECK(t.info.title[0].rfind("Väestö", 0) == 0);
    CHECK(t.info.last_updated == "2024-04-26T05:00:00Z");

    const Block b = reshape(t, {{"Ikä"}, {"Sukupuoli"}, {}, "fi", false});
    REQUIRE(b.rows == 2);
    REQUIRE(b.cols == 2);
    CHECK(b.values[0] == 120395);
    CHECK(b.values[1] == 115211);
    CHECK(b.values[2] == 54351);
    CHECK(std::isnan(b.values[3]));
    CHECK(b.status[3] == CellStatus::dots2);
    CHECK(b.row_ages == std::vector<int>{0, 85});
}

TEST_CASE("JSON-stat: sparse values, status forms", "[jsonstat]") {
    const StatTable t =
        read_jsonstat(R"({"id":["a"],"size":[3],"dimension":{"a":{"category":{"index":["x","y","z"]}}},
        "value":{"0":1,"2":3},"status":["","-",""]})");
    CHECK(t.values[0] == 1);
    CHECK(t.status[1] == CellStatus::nil);
    CHECK(t.values[2] == 3);
    const StatTable u = read_jsonstat(
        R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}},"value":[null,null],"status":"..."})");
    CHECK(u.status[0] == CellStatus::dots3);
    CHECK(u.languages == std::vector<std::string>{""});
}

TEST_CASE("malformed JSON-stat answers", "[jsonstat]") {
    using Catch::Matchers::Contains;
    using Catch::Matchers::Equals;
    CHECK_THAT(error_of("{\n\"id\": [\n"), Contains("line 3") && Contains("not valid JSON"));
    CHECK_THAT(error_of("[1e999]"), Contains("too large"));
    CHECK_THAT(error_of("[]"), Contains("must be a JSON object"));
    CHECK_THAT(error_of(R"({"dataset":{}})"), Contains("JSON-stat 1.x"));
    CHECK_THAT(error_of(R"({"class":"collection","id":["a"]})"), Contains("class"));
    CHECK_THAT(error_of(R"({"id":["a"],"size":[2],"dimension":{}})"),
               Equals("JSON-stat: \"dimension\" has no entry for id 1"));
    CHECK_THAT(
        error_of(R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1,2]})"),
        Contains("1 categories, but size says 2"));
    CHECK_THAT(
        error_of(
            R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","x"]}}},"value":[1,2]})"),
        Equals("variable 1 has the same code twice (values 1 and 2)"));
    CHECK_THAT(
        error_of(R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}},"value":[1]})"),
        Contains("\"value\" has 1 numbers, but the dimensions imply 2"));
    CHECK_THAT(
        error_of(
            R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}},"value":[1,"2"]})"),
        Contains("value 1 must be a number"));
    CHECK_THAT(
        error_of(
            R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","y"]}}},"value":{"7":1}})"),
        Contains("not a position"));
    CHECK_THAT(error_of(R"({"id":["a","b"],"size":[100000,100000],"dimension":{}})"), Contains("more than"));
    CHECK_THAT(error_of(R"({"id":["a"],"size":[-1],"dimension":{}})"), Contains("size"));
    CHECK_THAT(
        error_of(R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":{"x":3}}}},"value":[1]})"),
        Contains("must be in 0..0"));
    CHECK_THAT(error_of("{\"id\":[\"a\"],\"size\":[1],\"dimension\":{\"a\":{\"category\":{\"index\":["
                        "\"\xff\"]}}},\"value\":[1]}"),
               Contains("not valid JSON"));
}

TEST_CASE("JSON-stat: a cut answer or a value array of the wrong length is refused", "[jsonstat]") {
    using Catch::Matchers::Contains;
    const std::string whole = answer;
    for (std::size_t cut = 0; cut < whole.size(); ++cut)
        REQUIRE_THROWS_AS(read_jsonstat(whole.substr(0, cut)), domain_error);
    CHECK(read_jsonstat(whole + "\n").values.size() == 6);
    const std::string head =
        R"({"id":["a"],"size":[3],"dimension":{"a":{"category":{"index":["x","y","z"]}}},"value":)";
    CHECK_THAT(error_of(head + "[1,2]}"), Contains("\"value\" has 2 numbers, but the dimensions imply 3"));
    CHECK_THAT(error_of(head + "[1,2,3,4]}"),
               Contains("\"value\" has 4 numbers, but the dimensions imply 3"));
    CHECK_THAT(error_of(head + "[]}"), Contains("\"value\" has 0 numbers, but the dimensions imply 3"));
    // The object form lists only the cells it has (the others are missing), each at one position
    // written one way: "01" would be a second key for cell 1.
    const StatTable sparse = read_jsonstat(head + R"({"2":5}})");
    CHECK(sparse.values[2] == 5);
    CHECK(sparse.status[0] == CellStatus::other);
    CHECK_THAT(error_of(head + R"({"1":5,"01":6}})"), Contains("\"value\": a key is not a position 0..2"));
    CHECK_THAT(error_of(head + R"({"3":5}})"), Contains("\"value\": a key is not a position 0..2"));
    CHECK_THAT(error_of(head + R"({"-1":5}})"), Contains("\"value\": a key is not a position 0..2"));
    CHECK_THAT(error_of(head + R"([1,2,3],"status":{"00":"."}})"),
               Contains("\"status\": a key is not a position"));
    CHECK_THAT(error_of(head + R"([1,2,3],"status":[".",".."]})"),
               Contains("\"status\" has 2 entries, but the dimensions imply 3"));
}

TEST_CASE("JSON-stat error messages never quote the answer", "[jsonstat]") {
    const std::string secret = "sk9Qx7ZpW2vLmN4tRb8Y";
    const std::vector<std::string> answers = {
        "API_KEY=" + secret,
        "{\"id\": " + secret + "}",
        "{\"" + secret + "\": [1, 2,, 3]}",
        "{\"id\": [\"" + secret + "\xff\"]}",
        "[\"" + secret + "\"]",
        R"({"id":[")" + secret + R"("],"size":[1],"dimension":{}})",
        R"({"id":[")" + secret + R"("],"size":[0],"dimension":{}})",
        R"({"id":["a"],"size":[1],"dimension":{"a":")" + secret + R"("}})",
        R"({"id":["a"],"size":[1],"dimension":{"a":{"label":[")" + secret + R"("],"category":{}}}})",
        R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":{")" + secret +
            R"(":5}}}},"value":[1]})",
        R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":[")" + secret + R"(",")" + secret +
            R"("]}}},"value":[1,2]})",
        R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":{")" + secret +
            R"(":1}})",
        R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[")" + secret +
            R"("]})",
        R"({"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1],"status":{")" +
            secret + R"(":"."}})",
        R"({"id":[")" + secret + R"("],"size":[")" + secret + R"("],"dimension":{}})",
        R"({"id":[")" + secret + R"("],"size":[-7],"dimension":{}})",
    };
    for (const std::string& text : answers) {
        const std::string message = error_of(text);
        INFO(text);
        CHECK(message != "no error");
        for (std::size_t i = 0; i + 4 <= secret.size(); ++i)
            CHECK(message.find(secret.substr(i, 4)) == std::string::npos);
        CHECK(message.find("API_KEY") == std::string::npos);
    }
    CHECK(error_of("{\"id\": " + secret + "}") == "JSON-stat: line 1: the text is not valid JSON");
}
