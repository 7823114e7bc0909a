// POP.HOUSING's core on Helsinki's housing programme: all 149 development
// units (sub-area × building type rows of
// data/fi_helsinki_housing_completions_2020_2035.csv), 100 ages, 21 years to
// 2040, Helsinki's 2019-based fertility and death probabilities, retention of
// types 6 and 7 taken from the type with the same migration type (4 and 3;
// tests/unit/housing_data.hpp). Prints the median of 21 runs of
// project_housing and of housing_table, the figures the guide states, and the
// cost of the largest inputs the limits accept.
//   cmake --build build --target bench_housing && build/bench/bench_housing
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "housing.hpp"
#include "housing_data.hpp"

using namespace kuntaplan;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <class F>
double time_ms(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

HousingInput input(const housing_data::Programme& p, const Matrix& retention, int years) {
    HousingInput in;
    in.completions = p.completions;
    in.types = p.types;
    in.building = p.building;
    in.profiles = p.profiles;
    in.retention = retention;
    in.fertility = p.fertility;
    in.mortality = p.mortality;
    in.years = years;
    return in;
}

// The most costly inputs within the limits (5e7 result cells, 2e6 cells per range): time of
// project_housing + the "total" table.
void worst(const char* what, std::size_t U, std::size_t A, int years) {
    Matrix completions(U, 1, 1000.0), types(U, 1, 1.0), building(1, 2), profiles(A, 1, 1.0),
        retention(A, 1, 0.98), fertility(1, 1, 0.05), mortality(A, 2, 0.01);
    building(0, 0) = 40.0;
    building(0, 1) = 0.05;
    HousingInput in;
    in.completions = completions;
    in.types = types;
    in.building = building;
    in.profiles = profiles;
    in.retention = retention;
    in.fertility = fertility;
    in.mortality = mortality;
    in.years = years;
    in.options.projection.fertile_from_age = static_cast<int>(A / 2);
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i)
        ms.push_back(time_ms([&] { (void)housing_table(project_housing(in), HousingOutput::total); }));
    std::printf("worst case %-34s %zu units x %zu ages x %d years: %.0f ms (median of 3)\n", what, U, A,
                years, median(ms));
}

}  // namespace

int main() {
    const housing_data::Programme p = housing_data::programme();
    const Matrix retention = housing_data::retention_all_types(p);
    const int Y = static_cast<int>(housing_data::kYears);
    const HousingInput in = input(p, retention, Y);

    std::vector<double> project_ms, table_ms, bands_ms;
    Housing h;
    for (int i = 0; i < 21; ++i) {
        project_ms.push_back(time_ms([&] { h = project_housing(in); }));
        table_ms.push_back(time_ms([&] { (void)housing_table(h, HousingOutput::total); }));
        const std::vector<int> bands{7, 16};
        bands_ms.push_back(time_ms([&] { (void)housing_table(h, HousingOutput::total, bands); }));
    }
    std::printf("project_housing: %zu units x 2 sexes x %zu ages x %d years, median of 21 runs: %.3f ms\n",
                p.units(), housing_data::kAges, Y, median(project_ms));
    std::printf("housing_table total (%zu x %d): %.3f ms; with bands=7,16: %.3f ms\n",
                p.units() * housing_data::kAges, Y + 1, median(table_ms), median(bands_ms));

    // The figures of the guide: residents of new housing at the end of 2030 and 2040.
    const Matrix units = housing_table(h, HousingOutput::units);
    const Matrix arrivals = housing_table(h, HousingOutput::arrivals);
    double r2030 = 0, r2040 = 0, in2030 = 0, in2040 = 0, without465 = 0;
    for (std::size_t u = 0; u < p.units(); ++u) {
        r2030 += units(u, 11);
        r2040 += units(u, 21);
        if (p.area_code[u] != 465) without465 += units(u, 21);
        for (int t = 0; t < Y; ++t) (t < 11 ? in2030 : in2040) += arrivals(u, static_cast<std::size_t>(t));
    }
    in2040 += in2030;
    std::printf(
        "residents of new housing, end of 2030: %.0f (arrived 2020-30: %.0f); end of 2040: %.0f "
        "(arrived 2020-40: %.0f); 2040 without sub-area 465 (type 6): %.0f\n",
        r2030, in2030, r2040, in2040, without465);

    // Children aged 7-15 in the largest new areas (sub-areas by floor area completed 2020-35).
    const std::vector<int> bands{7, 16};
    const Matrix children = housing_table(h, HousingOutput::total, bands);  // 7-15, 16+ per unit
    std::map<int, double> floor, c2030, c2040, p2040;
    std::map<int, std::string> name;
    double all2030 = 0, all2040 = 0;
    for (std::size_t u = 0; u < p.units(); ++u) {
        const int code = p.area_code[u];
        name[code] = p.area_name[u];
        for (std::size_t y = 0; y < p.completions.cols(); ++y) floor[code] += p.completions(u, y);
        c2030[code] += children(2 * u, 11);
        c2040[code] += children(2 * u, 21);
        p2040[code] += units(u, 21);
        all2030 += children(2 * u, 11);
        all2040 += children(2 * u, 21);
    }
    std::vector<std::pair<double, int>> largest;
    for (const auto& [code, m2] : floor) largest.emplace_back(m2, code);
    std::sort(largest.rbegin(), largest.rend());
    std::printf("children aged 7-15 in all new housing: %.0f (2030), %.0f (2040)\n", all2030, all2040);
    std::printf("largest new areas (floor m2 2020-35): children aged 7-15 in 2030 / 2040, residents 2040\n");
    for (std::size_t i = 0; i < 6; ++i) {
        const int code = largest[i].second;
        std::printf("  %-36s %8.0f m2  %6.0f / %6.0f  %7.0f\n", name[code].c_str(), largest[i].first,
                    c2030[code], c2040[code], p2040[code]);
    }

    worst("(many units)", 250, 100, 999);
    worst("(many ages)", 25, 1000, 999);
    worst("(2e6 units, the range limit)", 2'000'000, 2, 1);
    return 0;
}
