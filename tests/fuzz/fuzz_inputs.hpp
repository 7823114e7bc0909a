// What the fuzz targets draw their inputs with: sizes that are usually right
// and sometimes off by one or zero, and matrices filled by a target's own
// value() (plausible for the argument, sometimes special: NaN, ±inf, 1e308…).
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>

#include "matrix.hpp"

namespace kuntaplan::fuzz {

// Usually n, sometimes 0, n + 1 or n − 1.
inline std::size_t jitter(FuzzedDataProvider& in, std::size_t n) {
    switch (in.ConsumeIntegralInRange<int>(0, 15)) {
        case 0:
            return 0;
        case 1:
            return n + 1;
        case 2:
            return n > 0 ? n - 1 : 0;
        default:
            return n;
    }
}

// A rows × cols matrix, each value from value() in row-major order.
template <class Value>
Matrix filled_matrix(std::size_t rows, std::size_t cols, Value value) {
    Matrix m(rows, cols);
    for (double& v : m.data()) v = value();
    return m;
}

}  // namespace kuntaplan::fuzz
