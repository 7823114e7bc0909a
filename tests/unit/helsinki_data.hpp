// Helsinki's real inputs as the unit tests and benchmarks read them from data/
// (data/README.md: sources). Rates are converted from per 1000; flows are
// persons = annual_total × share by sex and the age on 31 Dec of the previous
// year. Area 2 of the region files is Helsinki.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "matrix.hpp"

namespace kuntaplan::helsinki_data {

using Row = csv_rows::Row;

inline constexpr std::size_t kAges = 100;        // 0..99, 99 = 99 and over
inline constexpr std::size_t kYears = 21;        // 2020..2040
inline constexpr std::size_t kFertileAges = 35;  // 15..49

inline std::vector<Row> read_csv(const std::string& name) {
    return csv_rows::read(std::string(KUNTAPLAN_DATA_DIR) + "/" + name);
}
inline double number(const Row& r, const std::string& key) { return std::stod(r.at(key)); }
inline std::size_t sex_column(const std::string& sex) { return sex == "male" ? 0 : 1; }
inline std::size_t year_column(const Row& r) { return std::stoul(r.at("year")) - 2020; }

// The population of 31 Dec 2019: ages × (male, female).
inline Matrix total_population() {
    Matrix base(kAges, 2);
    for (const auto& r : read_csv("fi_helsinki_total_pop_2019-12-31.csv"))
        base(std::stoul(r.at("age")), sex_column(r.at("sex"))) = number(r, "pop");
    return base;
}

// Death probabilities, (ages + 1) × 2·years (row kAges: born during the year).
inline Matrix death_probabilities() {
    Matrix qx(kAges + 1, 2 * kYears);
    for (const auto& r : read_csv("fi_tk2019_death_probabilities_by_area_2020_2040.csv")) {
        if (r.at("area_code") != "2") continue;
        const std::size_t age = r.at("age") == "born_in_year" ? kAges : std::stoul(r.at("age"));
        qx(age, 2 * year_column(r) + sex_column(r.at("sex"))) = number(r, "qx_per_1000") / 1000;
    }
    return qx;
}

// Fertility rates, ages 15..49 × years.
inline Matrix fertility_rates() {
    Matrix asfr(kFertileAges, kYears);
    for (const auto& r : read_csv("fi_tk2019_fertility_rates_by_area_2020_2040.csv"))
        if (r.at("area_code") == "2")
            asfr(std::stoul(r.at("age")) - 15, year_column(r)) = number(r, "asfr_per_1000") / 1000;
    return asfr;
}

// The six gross flows summed by direction, a kAges × 2 block per year; with
// `domestic` false only the international ones (immigration, emigration).
struct Flows {
    std::vector<Matrix> in = std::vector<Matrix>(kYears, Matrix(kAges, 2));
    std::vector<Matrix> out = std::vector<Matrix>(kYears, Matrix(kAges, 2));
};
inline Flows migration_flows(bool domestic) {
    Flows f;
    auto add = [&](const Row& r, bool inward) {
        if (r.at("area_code") != "2") return;
        (inward ? f.in : f.out)[year_column(r)](std::stoul(r.at("age")), sex_column(r.at("sex"))) +=
            number(r, "annual_total") * number(r, "share");
    };
    if (domestic)
        for (const auto& r : read_csv("fi_helsinki_region_domestic_migration_2020_2040.csv"))
            add(r, r.at("flow").rfind("in_", 0) == 0);
    for (const auto& r : read_csv("fi_helsinki_region_immigration_2020_2040.csv")) add(r, true);
    for (const auto& r : read_csv("fi_helsinki_region_emigration_2020_2040.csv")) add(r, false);
    return f;
}

// Net migrants (in − out), kAges × 2·years.
inline Matrix net_migration(const Flows& f) {
    Matrix net(kAges, 2 * kYears);
    for (std::size_t y = 0; y < kYears; ++y)
        for (std::size_t a = 0; a < kAges; ++a)
            for (std::size_t s = 0; s < 2; ++s) net(a, 2 * y + s) = f.in[y](a, s) - f.out[y](a, s);
    return net;
}

}  // namespace kuntaplan::helsinki_data
