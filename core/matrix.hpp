// A dense row-major matrix of doubles and a read-only view of one.
// Models take MatrixView (no copies of the caller's data) and return Matrix.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace kuntaplan {

class MatrixView {
public:
    MatrixView() = default;
    MatrixView(std::span<const double> data, std::size_t rows, std::size_t cols);

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    bool empty() const { return rows_ == 0 || cols_ == 0; }
    double operator()(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }
    std::span<const double> data() const { return data_; }
    // Column c as a copy (columns are strided in row-major storage).
    std::vector<double> column(std::size_t c) const;

private:
    std::span<const double> data_;
    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
};

class Matrix {
public:
    Matrix() = default;
    Matrix(std::size_t rows, std::size_t cols, double fill = 0.0)
        : rows_(rows), cols_(cols), data_(rows * cols, fill) {}

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    double& operator()(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }
    double operator()(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }
    const std::vector<double>& data() const { return data_; }
    std::vector<double>& data() { return data_; }
    MatrixView view() const { return MatrixView(data_, rows_, cols_); }
    operator MatrixView() const { return view(); }

private:
    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
    std::vector<double> data_;
};

}  // namespace kuntaplan
