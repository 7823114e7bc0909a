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
    CHECK_THAT(error_of("{\n\"id\": [\n"), Contains("line 3") && Contains("not valid JSON"));
    CHECK_THAT(error_of("[1e999]"), Contains("too large"));
    CHECK_THAT(error_of("[]"), Contains("must be a JSON object"));
    CHECK_THAT(error_of(R"({"dataset":{}})"), Contains("JSON-stat 1.x"));
    CHECK_THAT(error_of(R"({"class":"collection","id":["a"]})"), Contains("class"));
    CHECK_THAT(error_of(R"({"id":["a"],"size":[2],"dimension":{}})"), Contains("no \"a\""));
    CHECK_THAT(
        error_of(R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1,2]})"),
        Contains("1 categories, but size says 2"));
    CHECK_THAT(
        error_of(
            R"({"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":["x","x"]}}},"value":[1,2]})"),
        Contains("'x' twice"));
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
