#include "matrix.hpp"

#include <limits>
#include <string>

#include "errors.hpp"

namespace kuntaplan {

MatrixView::MatrixView(std::span<const double> data, std::size_t rows, std::size_t cols)
    : data_(data), rows_(rows), cols_(cols) {
    // A view whose size disagrees with its data would read out of bounds later;
    // refuse it here, once, rather than in every model.
    if (cols != 0 && rows > std::numeric_limits<std::size_t>::max() / cols) {
        throw domain_error(msg::matrix_size_overflow, std::to_string(rows), std::to_string(cols));
    }
    if (data.size() != rows * cols) {
        throw domain_error(msg::matrix_data_size, std::to_string(rows * cols), std::to_string(data.size()));
    }
}

std::vector<double> MatrixView::column(std::size_t c) const {
    if (c >= cols_) {
        throw domain_error(msg::matrix_column_range, std::to_string(cols_), std::to_string(c));
    }
    std::vector<double> out(rows_);
    for (std::size_t r = 0; r < rows_; ++r) out[r] = data_[r * cols_ + c];
    return out;
}

}  // namespace kuntaplan
