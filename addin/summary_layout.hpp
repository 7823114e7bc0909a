// Where a scenario's Summary sheet keeps what. The scenario writer (command_scenario.cpp) puts the
// cells there and CompareScenarios (command_compare.cpp) reads them back from there, also from
// workbooks saved earlier: moving the title, header, label or year cells breaks the comparison of
// those workbooks' scenarios. The indicators themselves are found by their labels (the first empty
// label ends them), so their number and order may change: Summaries written before the gross flows
// (population, births, deaths, net migration, then the age groups) compare with today's on the
// indicators both have.
//
//        A (labels)    B (base year)  C              …
//   1    title
//   2
//   3    Indicator     2019           2020           …   the year header
//   4    Population    =…             =…             …   one indicator per row, in the order below
//   5    Births        (empty)        =…             …   flows leave the base year empty
//   …
//        one empty row below the last indicator, then the charts
#pragma once

#include <array>

namespace kuntaplan::addin {

// 0-based rows and columns of the Summary sheet.
struct SummaryLayout {
    // An age group of the indicators, whole years from..to (99 = 99 and over).
    struct AgeGroup {
        int from, to;
    };

    static constexpr int kTitleRow = 0;
    static constexpr int kHeaderRow = 2;          // the label column's title, then the years
    static constexpr int kLabelColumn = 0;        // the indicators' labels, and the header's title
    static constexpr int kFirstYearColumn = 1;    // the base year, then one column per projection year
    static constexpr int kFirstIndicatorRow = 3;  // the first indicator; the others follow without gaps

    // The indicators, in their order: the projection's components (POP.PROJECT's "components":
    // population, births, deaths, in-migration, out-migration, net migration, natural increase);
    // the population of each age group; the share aged 65+; the dependency ratio; then one row per
    // service of the scenario.
    static constexpr int kComponentIndicators = 7;
    static constexpr int kPopulationIndicator = 0;
    static constexpr int kBirthsIndicator = 1;
    static constexpr int kDeathsIndicator = 2;
    static constexpr int kInMigrationIndicator = 3;
    static constexpr int kOutMigrationIndicator = 4;
    static constexpr int kNetMigrationIndicator = 5;
    static constexpr int kNaturalIncreaseIndicator = 6;
    static constexpr std::array<AgeGroup, 5> kAgeGroups{{{0, 6}, {7, 15}, {16, 18}, {65, 99}, {75, 99}}};
    static constexpr int kFirstAgeGroupIndicator = kComponentIndicators;

    // The column of a year: 0 = the base year.
    static constexpr int year_column(int year_index) { return kFirstYearColumn + year_index; }
    // The row of the indicator at `index` in the order above.
    static constexpr int indicator_row(int index) { return kFirstIndicatorRow + index; }
    // The row of the charts below `indicators` indicators.
    static constexpr int chart_row(int indicators) { return indicator_row(indicators) + 1; }
};

}  // namespace kuntaplan::addin
