// Tests of core/matrix.hpp.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "errors.hpp"
#include "matrix.hpp"

using kuntaplan::Matrix;
using kuntaplan::MatrixView;

TEST_CASE("MatrixView reads row-major data", "[matrix]") {
    const std::vector<double> data{1, 2, 3, 4, 5, 6};
    const MatrixView v(data, 2, 3);
    CHECK(v.rows() == 2);
    CHECK(v.cols() == 3);
    CHECK_FALSE(v.empty());
    CHECK(v(1, 0) == 4.0);  // exact: the stored value itself
    CHECK(v.column(2) == std::vector<double>{3, 6});
    CHECK(MatrixView().empty());
    CHECK(MatrixView(std::span<const double>(), 0, 3).empty());
}

TEST_CASE("MatrixView refuses a size that disagrees with its data", "[matrix][errors]") {
    const std::vector<double> data{1, 2, 3};
    try {
        (void)MatrixView(data, 2, 2);
        FAIL("no exception");
    } catch (const kuntaplan::domain_error& e) {
        CHECK(std::string(e.what()).find("but was: 3") != std::string::npos);
    }
    CHECK_THROWS_AS(MatrixView(data, std::size_t(1) << 40, std::size_t(1) << 40), kuntaplan::domain_error);
    try {
        (void)MatrixView(data, 1, 3).column(3);
        FAIL("no exception");
    } catch (const kuntaplan::domain_error& e) {
        CHECK(std::string(e.what()).find("but was: 3") != std::string::npos);
    }
}

TEST_CASE("Matrix owns its data and converts to a view", "[matrix]") {
    Matrix m(2, 2, 1.5);
    m(0, 1) = 7.0;
    const MatrixView v = m;
    CHECK(v(0, 1) == 7.0);
    CHECK(v(1, 1) == 1.5);
    CHECK(m.data().size() == 4);
}
