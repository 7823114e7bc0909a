// Timing of project_population for the 148 sub-areas of Helsinki (100 ages,
// 21 single-year steps) with Statistics Finland's year-varying 2020-2040 rates,
// and of the school-age bands (7, 13, 16) drawn from it with projection_table.
// Prints the median of 21 runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "csv_rows.hpp"
#include "demography.hpp"
#include "helsinki_data.hpp"

using namespace kuntaplan;

namespace {

using helsinki_data::read_csv;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main() {
    constexpr std::size_t A = 100, Y = 21;
    auto sex_col = [](const std::string& s) { return s == "male" ? 0u : 1u; };

    // Base: 148 sub-areas side by side, a male/female pair each.
    std::map<std::string, std::size_t> area_index;
    const auto pop_rows = read_csv("fi_helsinki_subareas_pop_2019-12-31.csv");
    for (const auto& r : pop_rows) area_index.emplace(r.at("area_code"), area_index.size());
    const std::size_t K = area_index.size();
    Matrix base(A, 2 * K);
    for (const auto& r : pop_rows)
        base(std::stoul(r.at("age")), 2 * area_index.at(r.at("area_code")) + sex_col(r.at("sex"))) +=
            std::stod(r.at("pop"));

    const Matrix mort = helsinki_data::death_probabilities(), fert = helsinki_data::fertility_rates();
    Matrix mig(A, 2 * Y);
    // Helsinki's net international migrants by year, sex and age, turned into
    // rates per person of the 2019 Helsinki population so that every sub-area
    // gets its share.
    Matrix total(A, 2);
    for (std::size_t x = 0; x < A; ++x)
        for (std::size_t c = 0; c < 2 * K; ++c) total(x, c % 2) += base(x, c);
    for (const char* file :
         {"fi_helsinki_region_immigration_2020_2040.csv", "fi_helsinki_region_emigration_2020_2040.csv"}) {
        const double sign = std::string(file).find("immigration") != std::string::npos ? 1.0 : -1.0;
        for (const auto& r : read_csv(file)) {
            if (r.at("area_code") != "2") continue;
            const std::size_t x = std::stoul(r.at("age")), s = sex_col(r.at("sex"));
            const double count = sign * std::stod(r.at("annual_total")) * std::stod(r.at("share"));
            if (total(x, s) > 0) mig(x, 2 * (std::stoul(r.at("year")) - 2020) + s) += count / total(x, s);
        }
    }

    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = mig;
    in.years = static_cast<int>(Y);
    in.options.migration = MigrationKind::rates;
    const std::vector<int> bands{7, 13, 16};

    std::vector<double> project_ms, table_ms;
    double check = 0;
    for (int run = 0; run < 21; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        const Projection p = project_population(in);
        const auto t1 = std::chrono::steady_clock::now();
        const Matrix school = projection_table(p, ProjectionOutput::total, bands);
        const auto t2 = std::chrono::steady_clock::now();
        project_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        table_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        check += school(0, Y);
    }
    std::printf(
        "project_population: %zu areas x 2 sexes x %zu ages x %zu steps, median of 21 runs: %.3f ms\n", K, A,
        Y, median(project_ms));
    std::printf("projection_table(total, bands 7,13,16): median %.3f ms; total (project + bands): %.3f ms\n",
                median(table_ms), median(project_ms) + median(table_ms));
    std::printf("(check: area 1, ages 7-12, 2040: %.1f)\n", check / 21);

    // Gross against net migration (bench_calc.py's (d)): each sub-area's own
    // movers, in- and out-movers per year times its migration type's age
    // profile, half of them male; gross with out-migration as rates (over the
    // area's 2019 population of the age and sex, at most 1), gross with
    // out=counts, and net = in − out counts.
    std::map<std::pair<std::string, std::string>, std::vector<double>> profile;
    for (const auto& r : read_csv("fi_helsinki_mover_profiles.csv")) {
        auto& p = profile[{r.at("migration_type"), r.at("direction")}];
        p.resize(A);
        p[std::stoul(r.at("age"))] = std::stod(r.at("share"));
    }
    Matrix gross_rates(A, 4 * K), gross_counts(A, 4 * K), net(A, 2 * K);
    for (const auto& r : read_csv("fi_helsinki_subarea_movers_2017_19.csv")) {
        const std::size_t k = area_index.at(r.at("area_code"));
        const auto& in_profile = profile.at({r.at("migration_type"), "in"});
        const auto& out_profile = profile.at({r.at("migration_type"), "out"});
        for (std::size_t x = 0; x < A; ++x)
            for (std::size_t s = 0; s < 2; ++s) {
                const double in = std::stod(r.at("in_movers_per_year")) * in_profile[x] * 0.5;
                const double out = std::stod(r.at("out_movers_per_year")) * out_profile[x] * 0.5;
                const double pop = base(x, 2 * k + s);
                gross_counts(x, 4 * k + s) = gross_rates(x, 4 * k + s) = in;
                gross_counts(x, 4 * k + 2 + s) = out;
                gross_rates(x, 4 * k + 2 + s) = pop > 0 ? std::min(1.0, out / pop) : 0.0;
                net(x, 2 * k + s) = in - out;
            }
    }
    // Round robin, so that a change in the machine's load hits all three alike.
    struct Case {
        const Matrix* migration;
        MigrationKind kind;
        OutMigration out;
        std::vector<double> ms;
    };
    Case cases[] = {{&net, MigrationKind::counts, OutMigration::rates, {}},
                    {&gross_rates, MigrationKind::gross, OutMigration::rates, {}},
                    {&gross_counts, MigrationKind::gross, OutMigration::counts, {}}};
    for (int round = 0; round < 41; ++round)
        for (Case& c : cases) {
            ProjectionInput run = in;
            run.migration = *c.migration;
            run.options.migration = c.kind;
            run.options.out_migration = c.out;
            const auto t0 = std::chrono::steady_clock::now();
            const Projection p = project_population(run);
            const Matrix school = projection_table(p, ProjectionOutput::total, bands);
            c.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
    const double net_ms = median(cases[0].ms), rates_ms = median(cases[1].ms),
                 counts_ms = median(cases[2].ms);
    std::printf(
        "gross against net (per-area movers, project + bands, median of 41, round robin): net %.3f ms, gross "
        "rates %.3f "
        "ms "
        "(%.2fx), gross counts %.3f ms (%.2fx)\n",
        net_ms, rates_ms, rates_ms / net_ms, counts_ms, counts_ms / net_ms);

    // Per-area factors (POP.PROJECT's area_factors): the gross-counts case
    // without factors, with the movers file's fertility factors (1 +
    // fertility_deviation_pct/100; its mortality deviations are all 0, so the
    // survivorship stays shared), and with mortality factors ≠ 1 in every area
    // as well (each area then computes its own survivorship), round robin.
    Matrix fertility_only(K, 2, 1.0), both_factors(K, 2, 1.0);
    for (const auto& r : read_csv("fi_helsinki_subarea_movers_2017_19.csv")) {
        const std::size_t k = area_index.at(r.at("area_code"));
        fertility_only(k, 0) = both_factors(k, 0) = 1 + std::stod(r.at("fertility_deviation_pct")) / 100;
        fertility_only(k, 1) = 1 + std::stod(r.at("mortality_deviation_pct")) / 100;
        both_factors(k, 1) = 0.9 + 0.002 * static_cast<double>(k);  // 0.9 .. 1.194, none exactly 1
    }
    const Matrix* factor_cases[] = {nullptr, &fertility_only, &both_factors};
    std::vector<double> factor_ms[3];
    for (int round = 0; round < 41; ++round)
        for (int c = 0; c < 3; ++c) {
            ProjectionInput run = in;
            run.migration = gross_counts;
            run.options.migration = MigrationKind::gross;
            run.options.out_migration = OutMigration::counts;
            if (factor_cases[c]) run.area_factors = *factor_cases[c];
            const auto t0 = std::chrono::steady_clock::now();
            const Projection p = project_population(run);
            const Matrix school = projection_table(p, ProjectionOutput::total, bands);
            factor_ms[c].push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
    const double none_ms = median(factor_ms[0]), fert_ms = median(factor_ms[1]),
                 both_ms = median(factor_ms[2]);
    std::printf(
        "area factors (gross counts, project + bands, median of 41, round robin): none %.3f ms, fertility "
        "factors %.3f ms (%.2fx), fertility and mortality factors %.3f ms (%.2fx)\n",
        none_ms, fert_ms, fert_ms / none_ms, both_ms, both_ms / none_ms);
    return 0;
}
