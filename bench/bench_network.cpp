// NETWORK.ASSIGN's solver against the one it replaced: LEMON's
// network simplex (core/network.cpp) and Boost.Graph's successive shortest path
// (tests/unit/network_reference.hpp), side by side on the same instances.
//
// Instances: m areas and n units at random points of a 40 km × 40 km square,
// distance = straight line × a detour factor in [1, 1.4), 5 % of the pairs
// without a route (blank); demand per area uniform in [0, 2000) people with
// decimals; the capacities scaled so that the total capacity is 5 % below
// ("short") or 5 % above ("spare") the total demand. Seeded: every run is the
// same.
//
// Each solver runs in a forked child, so that its time and memory are its own:
// wall time of assign_to_units alone; memory = the child's peak RSS
// (getrusage ru_maxrss) after the solve minus the peak before it (the instance
// itself is built before). Both the served total and the cost are compared.
//   cmake --build <build> --target bench_network && <build>/bench/bench_network [--no-old-above N]
// --no-old-above N skips the old solver for instances with more than N pairs.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "network.hpp"
#include "network_reference.hpp"

using namespace kuntaplan;

namespace {

struct Case {
    std::size_t m, n;
    double capacity_ratio;  // total capacity / total demand
};

struct Instance {
    std::vector<double> demand, capacity;
    Matrix distance;
};

Instance make_instance(const Case& c, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Instance x;
    std::vector<double> ax(c.m), ay(c.m), ux(c.n), uy(c.n);
    for (std::size_t i = 0; i < c.m; ++i) ax[i] = 40 * u(rng), ay[i] = 40 * u(rng);
    for (std::size_t j = 0; j < c.n; ++j) ux[j] = 40 * u(rng), uy[j] = 40 * u(rng);
    x.distance = Matrix(c.m, c.n);
    for (std::size_t i = 0; i < c.m; ++i)
        for (std::size_t j = 0; j < c.n; ++j)
            x.distance(i, j) = u(rng) < 0.05 ? std::numeric_limits<double>::quiet_NaN()
                                             : std::hypot(ax[i] - ux[j], ay[i] - uy[j]) * (1 + 0.4 * u(rng));
    double total = 0.0, weights = 0.0;
    for (std::size_t i = 0; i < c.m; ++i)
        total += x.demand.emplace_back(std::round(2000 * u(rng) * 100) / 100);
    for (std::size_t j = 0; j < c.n; ++j) weights += x.capacity.emplace_back(0.5 + u(rng));
    for (double& cap : x.capacity) cap = std::round(cap / weights * total * c.capacity_ratio * 100) / 100;
    return x;
}

struct Measured {
    double seconds = 0, served = 0, cost = 0;
    long rss_growth_kb = 0, rss_peak_kb = 0;
    bool ok = false;
};

long peak_rss_kb() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return r.ru_maxrss;
}

// Builds the instance and runs one solver in a child process.
Measured run_in_child(const Case& c, std::uint64_t seed, bool old_solver) {
    int fd[2];
    if (pipe(fd) != 0) std::abort();
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        const Instance x = make_instance(c, seed);
        const AssignmentInput in{x.demand, x.capacity, x.distance.view()};
        Measured r;
        const long before = peak_rss_kb();
        const auto t0 = std::chrono::steady_clock::now();
        const Assignment a = old_solver ? reference::boost_assign(in) : assign_to_units(in);
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        r.rss_peak_kb = peak_rss_kb();
        r.rss_growth_kb = r.rss_peak_kb - before;
        for (double l : a.load) r.served += l;
        r.cost = a.cost;
        r.ok = true;
        if (write(fd[1], &r, sizeof r) != sizeof r) _exit(1);
        _exit(0);
    }
    close(fd[1]);
    Measured r;
    if (read(fd[0], &r, sizeof r) != sizeof r) r.ok = false;
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t old_limit = std::numeric_limits<std::size_t>::max();
    if (argc == 3 && std::strcmp(argv[1], "--no-old-above") == 0) old_limit = std::stoul(argv[2]);
    const Case cases[] = {{100, 100, 0.95}, {100, 100, 1.05},   {300, 300, 0.95},
                          {300, 300, 1.05}, {1000, 1000, 0.95}, {1000, 1000, 1.05}};
    std::printf(
        "| size | capacity | new: time | new: memory | old: time | old: memory | time old/new "
        "| memory old/new | served, cost: new − old |\n|---|---|---|---|---|---|---|---|---|\n");
    std::uint64_t seed = 17;
    for (const Case& c : cases) {
        const Measured fresh = run_in_child(c, seed, false);
        const bool with_old = c.m * c.n <= old_limit;
        const Measured old = with_old ? run_in_child(c, seed, true) : Measured{};
        ++seed;
        std::printf("| %zu × %zu | %s | %.3f s | %.1f MB | ", c.m, c.n,
                    c.capacity_ratio < 1 ? "short 5 %" : "spare 5 %", fresh.seconds,
                    fresh.rss_growth_kb / 1024.0);
        if (!fresh.ok) std::printf("(new solver failed) ");
        if (with_old && old.ok)
            std::printf("%.3f s | %.1f MB | %.0f× | %.1f× | %.2g people, %.2g |\n", old.seconds,
                        old.rss_growth_kb / 1024.0, old.seconds / fresh.seconds,
                        static_cast<double>(old.rss_growth_kb) / static_cast<double>(fresh.rss_growth_kb),
                        fresh.served - old.served, fresh.cost - old.cost);
        else
            std::printf("%s | | | | |\n", with_old ? "(old solver failed)" : "(skipped)");
        std::fflush(stdout);
    }
    return 0;
}
