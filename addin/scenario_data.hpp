// The bundled Helsinki example of the scenario wizard (generated at build time
// by make_helsinki_example.py from data/; sources in its header).
#pragma once

#include <array>

namespace kuntaplan::addin::helsinki {

inline constexpr int ages = 100;  // 0..99, 99 = 99 and over
inline constexpr int base_year = 2019;
inline constexpr int fertile_from = 15;

extern const std::array<double, ages> base_male, base_female;
// Death probabilities 2020 per person; the last row is for those born in the year.
extern const std::array<double, ages + 1> qx_male, qx_female;
// Net international migration 2020 by age and sex as shares of its total (sum 1).
extern const std::array<double, ages> migration_profile_male, migration_profile_female;
extern const std::array<double, 35> asfr;  // ages 15..49, births per woman, 2020
extern const double net_migration;         // persons, 2020

}  // namespace kuntaplan::addin::helsinki
