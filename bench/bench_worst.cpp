// The most costly inputs each core model accepts within its documented limits,
// timed one at a time: "no formula holds the office hostage" means every line
// stays within about 2 s on one core, or the input is refused by a documented
// limit (then the line says so and what the limit is).
//
//   cmake --build build --target bench_worst && build/bench/bench_worst [case-substring]
//
// Each case runs in a child process of its own (fork), so that its peak memory
// (ru_maxrss of the child: the inputs built in the child plus the model's
// work) is its own. The time is the model call alone, measured in the child.
// The add-in's conversions between Calc's cells and these inputs come on top
// (bench/bench_worst_calc.py measures whole formulas in a real office).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "costing.hpp"
#include "demand.hpp"
#include "demography.hpp"
#include "impact.hpp"
#include "network.hpp"
#include "px.hpp"
#include "risk.hpp"

using namespace kuntaplan;

namespace {

struct Case {
    std::string name;  // the function and the input, e.g. "POP.PROJECT 249 areas × 1000 years"
    std::function<void(std::function<void(std::function<void()>)>)> run;  // builds inputs, then times
};

using Timer = std::function<void(std::function<void()>)>;

// ------------------------------------------------------------------ cases

ProjectionInput projection(std::size_t ages, std::size_t areas, int years, Matrix& base, Matrix& fert,
                           Matrix& mort, Matrix& mig) {
    base = Matrix(ages, 2 * areas, 100.0);
    fert = Matrix(35, 1, 0.05);
    mort = Matrix(ages + 1, 2, 0.01);
    mig = Matrix(ages, 2, 0.0);
    ProjectionInput in;
    in.base = base;
    in.fertility = fert;
    in.mortality = mort;
    in.migration = mig;
    in.years = years;
    return in;
}

// A PX text of rows × cols cells, every value written as `value` (e.g. "1 ").
std::string px_text(std::size_t rows, std::size_t cols, std::string_view value) {
    std::string px = "CHARSET=\"ANSI\";\nSTUB=\"r\";\nHEADING=\"c\";\nVALUES(\"r\")=";
    for (std::size_t i = 0; i < rows; ++i) px += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
    px += ";\nVALUES(\"c\")=";
    for (std::size_t i = 0; i < cols; ++i) px += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
    px += ";\nDATA=\n";
    px.reserve(px.size() + rows * cols * value.size() + 2);
    for (std::size_t i = 0; i < rows * cols; ++i) px += value;
    px += ";\n";
    return px;
}

std::vector<Case> cases() {
    std::vector<Case> out;
    // POP.PROJECT: at most 5e7 projected cells (areas × 2 × ages × (years + 1)).
    out.push_back({"POP.PROJECT 249 areas x 100 ages x 1000 years (5e7 cells), output total", [](Timer time) {
                       Matrix b, f, m, g;
                       const ProjectionInput in = projection(100, 249, 1000, b, f, m, g);
                       time([&] {
                           const Projection p = project_population(in);
                           const Matrix t = projection_table(p, ProjectionOutput::total);
                       });
                   }});
    // POP.RISK: trials × years × areas × 2 × ages at its limit.
    out.push_back({"POP.RISK 1 area x 100 ages x 20 years x 5000 trials (2e7 draws)", [](Timer time) {
                       Matrix b, f, m, g;
                       RiskInput in;
                       in.projection = projection(100, 1, 20, b, f, m, g);
                       in.age_from = 7;
                       in.age_to = 12;
                       in.threshold = 500;
                       in.trials = 5000;
                       time([&] { band_risk(in); });
                   }});
    // POP.RISK with migration in every cell, the costliest sizes found (a sweep
    // of 30 to 100,000 people a cell, flows a tenth of that): net counts of 1000
    // a year on 10,000 people (half of each count split bit by bit up to 1024,
    // then BTRD) at the same limit as above, and gross migration of 100 a year
    // in and 10 % a year out on 1,000 people, whose cells count twice.
    out.push_back({"POP.RISK net counts 1000/year, 100 ages x 20 years x 5000 trials (2e7)", [](Timer time) {
                       Matrix b, f, m, g;
                       RiskInput in;
                       in.projection = projection(100, 1, 20, b, f, m, g);
                       b = Matrix(100, 2, 10000.0);
                       g = Matrix(100, 2, 1000.0);
                       in.projection.base = b;
                       in.projection.migration = g;
                       in.age_from = 7;
                       in.age_to = 12;
                       in.threshold = 500;
                       in.trials = 5000;
                       time([&] { band_risk(in); });
                   }});
    out.push_back({"POP.RISK gross in 100/year out 10 %, 100 ages x 20 years x 2500 trials", [](Timer time) {
                       Matrix b, f, m, g;
                       RiskInput in;
                       in.projection = projection(100, 1, 20, b, f, m, g);
                       b = Matrix(100, 2, 1000.0);
                       g = Matrix(100, 4, 100.0);
                       for (std::size_t x = 0; x < 100; ++x) g(x, 2) = g(x, 3) = 0.1;
                       in.projection.base = b;
                       in.projection.migration = g;
                       in.projection.options.migration = MigrationKind::gross;
                       in.age_from = 7;
                       in.age_to = 12;
                       in.threshold = 500;
                       in.trials = 2500;
                       time([&] { band_risk(in); });
                   }});
    // POP.CONSTRAIN with part totals: IPF over the largest block an argument holds.
    out.push_back({"POP.CONSTRAIN IPF 200 parts x 100 ages x 1000 columns (2e7 cells)", [](Timer time) {
                       const std::size_t K = 200, A = 100, C = 1000;
                       std::mt19937_64 rng(1);
                       std::uniform_real_distribution<double> u(1.0, 2.0);
                       Matrix parts(K * A, C), total(A, C), part_totals(K, C);
                       for (std::size_t r = 0; r < K * A; ++r)
                           for (std::size_t c = 0; c < C; ++c) parts(r, c) = u(rng);
                       // Margins that agree in total but need many sweeps.
                       for (std::size_t c = 0; c < C; ++c) {
                           double sum = 0;
                           for (std::size_t a = 0; a < A; ++a) sum += total(a, c) = u(rng);
                           double ksum = 0;
                           for (std::size_t k = 0; k < K; ++k)
                               ksum += part_totals(k, c) = u(rng) * (k % 7 + 1);
                           for (std::size_t k = 0; k < K; ++k) part_totals(k, c) *= sum / ksum;
                       }
                       time([&] { constrain_to_total(parts, total, part_totals); });
                   }});
    // DEMAND.PROJECT: ages × services × years multiply-adds; each argument at most 2e7 cells.
    out.push_back(
        {"DEMAND.PROJECT 1000 ages x 1000 services x 1000 years (1e9 multiply-adds)", [](Timer time) {
             const std::size_t n = 1000;
             Matrix pop(n, n, 1.0), rates(n, n, 0.1);
             time([&] { project_demand(pop, rates); });
         }});
    // NETWORK.ASSIGN: m·n at most 1e6.
    out.push_back({"NETWORK.ASSIGN 1000 areas x 1000 units", [](Timer time) {
                       const std::size_t m = 1000, n = 1000;
                       std::mt19937_64 rng(7);
                       std::uniform_real_distribution<double> u(0.0, 1.0);
                       std::vector<double> demand(m), capacity(n);
                       Matrix dist(m, n);
                       for (auto& d : demand) d = std::round(100 + 900 * u(rng));
                       for (auto& c : capacity) c = std::round(100 + 900 * u(rng));
                       for (std::size_t i = 0; i < m; ++i)
                           for (std::size_t j = 0; j < n; ++j) dist(i, j) = 1 + 50 * u(rng);
                       AssignmentInput in{demand, capacity, dist};
                       time([&] { assign_to_units(in); });
                   }});
    // COST.TDABC: products × resources minutes at most 2e7 cells.
    out.push_back({"COST.TDABC 20000 products x 1000 resources", [](Timer time) {
                       const std::size_t P = 20000, R = 1000;
                       std::vector<double> cost(R, 1e6), cap(R, 1e5), vol(P, 10.0);
                       Matrix minutes(P, R, 0.5);
                       TdabcInput in{cost, cap, minutes, vol};
                       time([&] { cost_time_driven(in); });
                   }});
    // COST.PROJECT: products × years.
    out.push_back({"COST.PROJECT 20000 products x 1000 years", [](Timer time) {
                       const std::size_t P = 20000;
                       std::vector<double> unit(P, 100.0), index{0.02};
                       Matrix vol(P, 1, 10.0);
                       CostProjectionInput in{unit, vol, index, 1000};
                       time([&] { project_costs(in); });
                   }});
    // IMPACT.SIMULATE: trials × years.
    out.push_back({"IMPACT.SIMULATE 1000 years x 1e6 trials", [](Timer time) {
                       std::vector<double> costs(1000, 100.0), benefits(1000, 120.0), spread{0.2};
                       SimulationInput in;
                       in.costs = costs;
                       in.benefits = benefits;
                       in.cost_spread = spread;
                       in.benefit_spread = spread;
                       in.schedule = flat_schedule(0.035);
                       in.trials = 1'000'000;
                       time([&] { simulate_npv(in); });
                   }});
    // DATA.PX: near the largest file a formula reads (128 MB), one long DATA part.
    out.push_back({"DATA.PX parse of a 125 MB PX text (15.6 million 7-digit values)", [](Timer time) {
                       const std::string px = px_text(15'625, 1000, "1234567 ");
                       time([&] { read_px(px); });
                   }});
    // The functions whose work is one pass over their inputs, each at the limits:
    // 1000 ages or years, or 2,000,000 cells per range argument.
    out.push_back({"POP.LIFETABLE and POP.LIFEEXP of 1000 ages", [](Timer time) {
                       std::vector<double> mx(1000, 0.01);
                       LifeTableInput in;
                       in.mx = mx;
                       time([&] {
                           life_table(in);
                           life_expectancy(in, 500);
                       });
                   }});
    out.push_back({"POP.TFR and POP.SCALE of 2,000,000 rates", [](Timer time) {
                       std::vector<double> asfr(2'000'000, 1e-6);
                       time([&] {
                           total_fertility_rate(asfr);
                           scale_schedule(asfr, 1.5);
                       });
                   }});
    out.push_back({"POP.AGGREGATE 1000 ages x 2000 columns into 1000 bands", [](Timer time) {
                       Matrix values(1000, 2000, 1.0);
                       std::vector<int> breaks(1000);
                       for (int i = 0; i < 1000; ++i) breaks[static_cast<std::size_t>(i)] = i;
                       time([&] { aggregate_bands(values, breaks); });
                   }});
    out.push_back({"SCHOOL.PUPILS, SCHOOL.GPR, SCHOOL.PROJECT, NETWORK.GAP 1000 x 2000", [](Timer time) {
                       Matrix population(1000, 2000, 10.0), enrolment(1000, 2000, 10.0);
                       Matrix capacity(1000, 2000, 5.0);
                       std::vector<double> entrants(1000, 10.0);
                       time([&] {
                           school_pupils(population, 7, 900);
                           const auto ratios = grade_progression_ratios(enrolment, ProgressionMethod::median);
                           project_enrolment(enrolment, entrants, ratios);
                           capacity_gap(capacity, population);
                       });
                   }});
    out.push_back({"COST.ABC 2000 resources x 1000 activities x 2000 products", [](Timer time) {
                       std::vector<double> cost(2000, 1e6), volumes(2000, 10.0);
                       Matrix resource_drivers(2000, 1000, 1.0), activity_drivers(2000, 1000, 1.0);
                       AbcInput in{cost, resource_drivers, activity_drivers, volumes};
                       time([&] { cost_activity_based(in); });
                   }});
    out.push_back({"IMPACT.DISCOUNT, NPV, PAYBACK, BCR of 1000 years (Green Book)", [](Timer time) {
                       std::vector<double> costs(1000, 100.0), benefits(1000, 120.0);
                       const DiscountSchedule schedule = green_book_schedule();
                       time([&] {
                           discount_factors(schedule, 1000);
                           present_value(benefits, schedule);
                           payback_year(costs, benefits, schedule);
                           benefit_cost_ratio(costs, benefits, schedule);
                       });
                   }});
    // DATA.PX: the most cells a table may have (5e7), each a one-digit value.
    out.push_back({"DATA.PX parse of 5e7 one-digit values (100 MB, the cell limit)", [](Timer time) {
                       const std::string px = px_text(50'000, 1000, "1 ");
                       time([&] { read_px(px); });
                   }});
    return out;
}

// ------------------------------------------------------------------ runner

struct Measured {
    double seconds = -1;  // of the model call; −1 if the child failed
    long peak_mb = 0;
    std::string error;
};

Measured measure(const Case& c) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char message[256] = {0};
        double seconds = -1;
        try {
            c.run([&](const std::function<void()>& call) {
                const auto t0 = std::chrono::steady_clock::now();
                const auto stop = [&] {
                    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                };
                try {
                    call();
                } catch (...) {
                    stop();
                    throw;
                }
                stop();
            });
        } catch (const std::exception& e) {
            std::snprintf(message, sizeof message, "%s", e.what());
        }
        if (write(fds[1], &seconds, sizeof seconds) < 0 || write(fds[1], message, sizeof message) < 0)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    Measured m;
    char message[256] = {0};
    if (read(fds[0], &m.seconds, sizeof m.seconds) != sizeof m.seconds) m.seconds = -1;
    if (read(fds[0], message, sizeof message) > 0) m.error = message;
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    m.peak_mb = usage.ru_maxrss / 1024;
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string only = argc > 1 ? argv[1] : "";
    std::printf("%-72s %10s %10s  %s\n", "case (the most costly input within the limits)", "time s",
                "peak MB", "refused with");
    for (const Case& c : cases()) {
        if (!only.empty() && c.name.find(only) == std::string::npos) continue;
        const Measured m = measure(c);
        std::printf("%-72s %10.3f %10ld  %s\n", c.name.c_str(), m.seconds, m.peak_mb, m.error.c_str());
        std::fflush(stdout);
    }
}
