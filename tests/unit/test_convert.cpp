// Conversions between Calc's any[][] arguments and the core (addin/convert.hpp):
// blanks and text are never numbers, results keep their shape, NaN is an empty cell.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "convert.hpp"
#include "errors.hpp"
#include "uno_tables.hpp"

using namespace kuntaplan;
using namespace kuntaplan::addin;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using css::uno::Any;
using css::uno::Sequence;
using namespace kuntaplan::uno_tables;

TEST_CASE("a numeric range becomes a row-major block", "[convert]") {
    const auto n = read<Numbers>(table({{Any(1.0), Any(2.0)}, {Any(3.0), Any(4.5)}}), "base");
    CHECK(n.rows == 2);
    CHECK(n.cols == 2);
    CHECK(n.values == std::vector<double>{1, 2, 3, 4.5});
    CHECK(n.view()(1, 1) == 4.5);
}

TEST_CASE("blanks, empty strings and text in a range are errors naming the cell", "[convert]") {
    CHECK_THROWS_WITH(read<Numbers>(table({{Any(1.0)}, {Any()}}), "base"),
                      Contains("base: row 2, column 1 is blank"));
    CHECK_THROWS_WITH(read<Numbers>(table({{Any(1.0), text("")}}), "base"),
                      Contains("row 1, column 2 is blank"));
    CHECK_THROWS_WITH(read<Numbers>(table({{text("x")}}), "mx"),
                      Contains("mx: row 1, column 1 is not a number"));
    CHECK_THROWS_WITH(read<Numbers>(table({{Any(std::numeric_limits<double>::infinity())}}), "mx"),
                      Contains("not a finite number"));
    CHECK_THROWS_WITH(read<Numbers>(table({{Any(1.0), Any(2.0)}, {Any(3.0)}}), "base"),
                      Contains("not rectangular"));
    CHECK_THROWS_WITH(read<Numbers>(Table(), "base"), Contains("empty"));
    CHECK_THROWS_AS(read<Numbers>(table({{text("x")}}), "mx"), domain_error);
}

TEST_CASE("optional arguments: omitted, empty, a number, a one-cell range", "[convert]") {
    CHECK_FALSE(optional_number(Any(), "age").has_value());
    CHECK_FALSE(optional_number(text(" "), "age").has_value());
    CHECK(optional_number(Any(65.0), "age") == 65.0);
    CHECK(optional_number(Any(table({{Any(7.0)}})), "age") == 7.0);
    CHECK_THROWS_WITH(optional_number(text("x"), "age"), Contains("a number is expected"));
    CHECK_THROWS_WITH(optional_number(Any(table({{Any(1.0), Any(2.0)}})), "age"), Contains("not a range"));
    CHECK(optional_text(text(" both "), "output") == "both");
    CHECK_FALSE(optional_text(Any(), "output").has_value());
    CHECK_THROWS_WITH(optional_text(Any(1.0), "output"), Contains("a text is expected"));
    CHECK_FALSE(optional_numbers(Any(), "ax").has_value());
    CHECK(optional_numbers(Any(2.0), "ax")->values == std::vector<double>{2.0});
    CHECK(optional_numbers(Any(table({{Any(1.0)}, {Any(2.0)}})), "ax")->rows == 2);
}

TEST_CASE("vectors and whole numbers", "[convert]") {
    CHECK(as_vector(read<Numbers>(table({{Any(1.0), Any(2.0)}}), "x"), "x") == std::vector<double>{1, 2});
    CHECK_THROWS_WITH(as_vector(read<Numbers>(table({{Any(1.0), Any(2.0)}, {Any(3.0), Any(4.0)}}), "x"), "x"),
                      Contains("one row or one column"));
    CHECK(as_integers(std::vector<double>{0, 7, 13}, "breaks") == std::vector<int>{0, 7, 13});
    // the number as typed, not as %f prints it ("0.500000")
    CHECK_THROWS_WITH(as_integers(std::vector<double>{0, 0.5}, "breaks"),
                      Contains("value 2 must be a whole number") && EndsWith("but was: 0.5"));
    CHECK(as_integer(21.0, "years", 1, 1000) == 21);
    CHECK_THROWS_WITH(as_integer(0.0, "years", 1, 1000), EndsWith("from 1 to 1000, but was: 0"));
    CHECK_THROWS_WITH(as_integer(1e9, "years", 1, 1000), EndsWith("from 1 to 1000, but was: 1000000000"));
    CHECK_THROWS_WITH(as_integer(2.5, "years", 1, 1000), EndsWith("but was: 2.5"));
}

TEST_CASE("results: shape kept, NaN an empty cell, infinity refused", "[convert]") {
    Matrix m(2, 3, 1.5);
    m(0, 0) = std::nan("");
    const Table t = to_table(m);
    REQUIRE(t.getLength() == 2);
    REQUIRE(t[0].getLength() == 3);
    CHECK_FALSE(t[0][0].hasValue());
    double v = 0;
    CHECK((t[1][2] >>= v));
    CHECK(v == 1.5);
    m(1, 1) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(to_table(m), domain_error);
    const Table column = to_column(std::vector<double>{1, 2, 3});
    CHECK(column.getLength() == 3);
    CHECK(column[2].getLength() == 1);
}

TEST_CASE("NumbersOrBlanks: blanks and empty texts become NaN, text is still an error", "[convert]") {
    const auto n = read<NumbersOrBlanks>(table({{Any(1.0), Any()}, {text(""), Any(-2.0)}}), "distance");
    CHECK(n.rows == 2);
    CHECK(n.values[0] == 1.0);
    CHECK(std::isnan(n.values[1]));
    CHECK(std::isnan(n.values[2]));
    CHECK(n.values[3] == -2.0);
    CHECK_THROWS_WITH(read<NumbersOrBlanks>(table({{Any(1.0), text("x")}}), "distance"),
                      Contains("distance: row 1, column 2 is not a number"));
    CHECK_THROWS_WITH(
        read<NumbersOrBlanks>(table({{Any(std::numeric_limits<double>::infinity())}}), "distance"),
        Contains("not a finite number"));
    // The plain converter is unchanged: the same blank is an error there.
    CHECK_THROWS_WITH(read<Numbers>(table({{Any(1.0), Any()}}), "demand"), Contains("is blank"));
}

TEST_CASE("a range of more than 2,000,000 cells is refused before it is read", "[convert]") {
    const auto block = [](sal_Int32 rows, sal_Int32 cols) {
        Sequence<Any> row(cols);
        Any* cells = row.getArray();
        for (sal_Int32 c = 0; c < cols; ++c) cells[c] <<= 1.0;
        Table table(rows);
        auto* out = table.getArray();
        for (sal_Int32 r = 0; r < rows; ++r) out[r] = row;
        return table;
    };
    CHECK(read<Numbers>(block(2000, 1000), "values").values.size() == 2'000'000);
    CHECK_THROWS_WITH(read<Numbers>(block(2001, 1000), "values"),
                      Contains("2001000 cells, more than 2000000"));
}
