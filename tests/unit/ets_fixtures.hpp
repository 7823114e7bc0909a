// The fixtures of tests/reference as the forecasting tests read them: R's
// series (series.csv) and the ets() results made by make_ets_reference.R.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "forecast.hpp"

namespace kuntaplan::ets_fixtures {

using Row = csv_rows::Row;

// A CSV as written by R's write.csv.
inline std::vector<Row> read_reference(const std::string& name) {
    return csv_rows::read(std::string(KUNTAPLAN_REFERENCE_DIR) + "/" + name);
}

// "1.5;2;3" → {1.5, 2, 3}: the lists in the cells of the fixtures.
inline std::vector<double> numbers(const std::string& list) {
    std::vector<double> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ';')) out.push_back(std::stod(item));
    return out;
}

struct Series {
    int frequency = 1;
    std::vector<double> values;
};

inline const std::map<std::string, Series>& reference_series() {
    static const std::map<std::string, Series> all = [] {
        std::map<std::string, Series> out;
        for (const auto& row : read_reference("series.csv")) {
            auto& s = out[row.at("series")];
            s.frequency = std::stoi(row.at("frequency"));
            s.values.push_back(std::stod(row.at("value")));
        }
        return out;
    }();
    return all;
}

inline EtsModel model_of(const std::string& code) {
    const auto models = parse_ets_models(code);
    REQUIRE(models.size() == 1);
    return models.front();
}

}  // namespace kuntaplan::ets_fixtures
