// The bundled Helsinki example of the scenario wizard (generated at build time
// by make_helsinki_example.py from data/; sources in its header).
#pragma once

#include <array>

namespace kuntaplan::addin::helsinki {

inline constexpr int kAges = 100;  // 0..99, 99 = 99 and over
inline constexpr int kBaseYear = 2019;
inline constexpr int kFertileFrom = 15;
inline constexpr int kFertileAges = 35;  // 15..49

extern const std::array<double, kAges> kBaseMale, kBaseFemale;
extern const double kBaseTotal;  // persons, the sum of both (653,835)
// Death probabilities 2020 per person; the last row is for those born in the year.
extern const std::array<double, kAges + 1> kQxMale, kQxFemale;
// Net international migration 2020 by age and sex as shares of its total (sum 1).
extern const std::array<double, kAges> kMigrationProfileMale, kMigrationProfileFemale;
extern const std::array<double, kFertileAges> kAsfr;  // ages 15..49, births per woman, 2020
extern const double kNetMigration;                    // persons, 2020

// Helsinki's gross migration flows of 2020 (the same in every year 2020..2040), persons a year by
// sex and by the age on 31 Dec of the year before: the three origins, in and out.
enum Flow { kInRegion, kOutRegion, kInFinland, kOutFinland, kInAbroad, kOutAbroad, kFlows };
extern const std::array<std::array<double, kAges>, kFlows> kFlowMale, kFlowFemale;

}  // namespace kuntaplan::addin::helsinki
