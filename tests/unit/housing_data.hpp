// Helsinki's housing-led inputs as POP.HOUSING takes them, read from data/
// (data/README.md, "Helsinki's housing-led sub-area inputs"), with Helsinki's
// (area 2) fertility and death probabilities of Statistics Finland's 2019
// assumptions. Read by tests/unit/test_housing.cpp and bench/bench_housing.cpp.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "csv_rows.hpp"
#include "helsinki_data.hpp"
#include "matrix.hpp"

namespace kuntaplan::housing_data {

using Row = csv_rows::Row;
using helsinki_data::kAges;
using helsinki_data::kFertileAges;
using helsinki_data::kYears;
using helsinki_data::number;
using helsinki_data::read_csv;
using helsinki_data::sex_column;

inline constexpr std::size_t kCompletionYears = 16;  // 2020..2035
inline constexpr std::size_t kTypes = 7;

struct Programme {
    // One development unit per (sub-area, building type) of the completions
    // file, in the file's order: 149 units (147 sub-areas; 203 Jätkäsaari and
    // 204 Hernesaari have two types).
    std::vector<int> area_code;
    std::vector<std::string> area_name;
    Matrix completions;  // units × 16 (2020..2035), m² of floor area
    Matrix types;        // units × 1, 1..7
    Matrix building;     // 7 × 2: m² per resident, vacant share (the file's % / 100)
    Matrix profiles;     // 100 × 7
    Matrix retention;    // 100 × 5: types 1..5 (the data have none for 6 and 7)
    Matrix fertility;    // 35 × 21, per woman, Helsinki (area 2)
    Matrix mortality;    // 101 × 42, qx per person, the last row born in the year

    std::size_t units() const { return area_code.size(); }
};

inline Programme programme() {
    Programme p;
    std::map<std::pair<int, int>, std::size_t> unit;
    std::vector<std::vector<double>> floor;
    std::vector<int> type;
    for (const auto& r : read_csv("fi_helsinki_housing_completions_2020_2035.csv")) {
        const int code = std::stoi(r.at("area_code")), t = std::stoi(r.at("building_type"));
        auto [it, added] = unit.emplace(std::make_pair(code, t), p.area_code.size());
        if (added) {
            p.area_code.push_back(code);
            p.area_name.push_back(r.at("area_name"));
            type.push_back(t);
            floor.emplace_back(kCompletionYears, 0.0);
        }
        floor[it->second][std::stoul(r.at("year")) - 2020] += number(r, "floor_area_m2");
    }
    const std::size_t U = p.area_code.size();
    p.completions = Matrix(U, kCompletionYears);
    p.types = Matrix(U, 1);
    for (std::size_t u = 0; u < U; ++u) {
        for (std::size_t y = 0; y < kCompletionYears; ++y) p.completions(u, y) = floor[u][y];
        p.types(u, 0) = type[u];
    }
    p.building = Matrix(kTypes, 2);
    for (const auto& r : read_csv("fi_helsinki_housing_building_types.csv")) {
        const std::size_t t = std::stoul(r.at("building_type")) - 1;
        p.building(t, 0) = number(r, "floor_m2_per_resident");
        p.building(t, 1) = number(r, "vacant_floor_area_pct") / 100;
    }
    p.profiles = Matrix(kAges, kTypes);
    for (const auto& r : read_csv("fi_helsinki_housing_new_resident_profiles.csv"))
        p.profiles(std::stoul(r.at("age")), std::stoul(r.at("building_type")) - 1) = number(r, "share");
    p.retention = Matrix(kAges, 5);
    for (const auto& r : read_csv("fi_helsinki_housing_retention.csv"))
        p.retention(std::stoul(r.at("age")), std::stoul(r.at("building_type")) - 1) =
            number(r, "retention_coefficient");
    p.fertility = helsinki_data::fertility_rates();
    p.mortality = helsinki_data::death_probabilities();
    return p;
}

// Retention for all seven types: types 6 (student housing) and 7 (senior
// housing) take the coefficients of the type with the same migration type in
// fi_helsinki_housing_building_types.csv (6 and 4: type 11; 7 and 3: type 22).
// This is the guide's and the benchmark's assumption, not the data's.
inline Matrix retention_all_types(const Programme& p) {
    Matrix out(kAges, kTypes);
    const std::size_t source[kTypes] = {0, 1, 2, 3, 4, 3, 2};
    for (std::size_t a = 0; a < kAges; ++a)
        for (std::size_t t = 0; t < kTypes; ++t) out(a, t) = p.retention(a, source[t]);
    return out;
}

}  // namespace kuntaplan::housing_data
