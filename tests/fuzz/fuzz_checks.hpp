// The checks of every fuzz target: a failed one prints the target's name and
// what broke, then aborts, which libFuzzer reports together with the input.
// KUNTAPLAN_FUZZ_TARGET is the target's name (set by kuntaplan_add_fuzzer()).
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace kuntaplan::fuzz {

[[noreturn]] inline void bug(const char* what) {
    std::fprintf(stderr, "%s: %s\n", KUNTAPLAN_FUZZ_TARGET, what);
    std::abort();
}

inline void require(bool ok, const char* what) {
    if (!ok) bug(what);
}

inline void require_finite(double v, const char* what) { require(std::isfinite(v), what); }

inline void require_finite(const std::vector<double>& values, const char* what) {
    for (double v : values) require_finite(v, what);
}

}  // namespace kuntaplan::fuzz
