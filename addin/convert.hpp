// Conversions between Calc's argument types and the core's. Ranges arrive as
// any[][] so that a blank or a text cell is told apart from a number: inside a
// numeric range both are errors, never a silent zero. Every failure throws
// kuntaplan::domain_error naming the argument and the cell.
#pragma once

#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matrix.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {

using Table = css::uno::Sequence<css::uno::Sequence<css::uno::Any>>;

// A rectangular block of numbers read from a range.
struct Numbers {
    std::size_t rows = 0, cols = 0;
    std::vector<double> values;  // row-major
    MatrixView view() const { return MatrixView(values, rows, cols); }
};

// A range of numbers in which blank cells (and "" texts) are allowed and
// become NaN, for arguments whose contract gives blanks a meaning (the "no
// route" of NETWORK.ASSIGN's distance). Text is still an error.
struct NumbersOrBlanks : Numbers {};

// The largest range a function reads (cells): far above any model's real input
// (Helsinki's 148 sub-areas by age and sex are 29,600 cells). Calc builds and
// hands over a range before the add-in sees it — 20 million cells cost it about
// 4 s and 2 GB (bench/bench_worst_calc.py) whatever the add-in does — so a
// larger one is refused at once rather than converted as well.
inline constexpr std::size_t kMaxCells = 2'000'000;

// --- texts

// The UTF-8 bytes of a UNO string: texts reach the core as UTF-8.
std::string utf8(const OUString& text);

// --- arguments: overloads chosen by the target type

// A range of numbers (or a single number).
void convert(const Table& table, Numbers& out, std::string_view argument);
void convert(const css::uno::Any& value, Numbers& out, std::string_view argument);
void convert(const Table& table, NumbersOrBlanks& out, std::string_view argument);

template <class T>
T read(const Table& table, std::string_view argument) {
    T out{};
    convert(table, out, argument);
    return out;
}

// Optional arguments: empty when omitted or given as an empty cell or "".
std::optional<double> optional_number(const css::uno::Any& value, std::string_view argument);
std::optional<std::string> optional_text(const css::uno::Any& value, std::string_view argument);
std::optional<Numbers> optional_numbers(const css::uno::Any& value, std::string_view argument);

// A one-row or one-column range as a vector.
std::vector<double> as_vector(const Numbers& numbers, std::string_view argument);
// Whole numbers (ages, counts) from a vector of doubles.
std::vector<int> as_integers(std::span<const double> values, std::string_view argument);
// A whole number from a double argument, within [low, high].
int as_integer(double value, std::string_view argument, int low, int high);

// A random seed: a whole number from 0 to 2^53 (what a cell holds exactly); `fallback` if omitted.
std::uint64_t read_seed(const css::uno::Any& seed, std::uint64_t fallback);

// --- results

// NaN in a core result means "no value here" (e.g. the flows of the base
// year) and becomes an empty cell; ±inf is a defect and throws.
Table to_table(const Matrix& matrix);
Table to_table(const Numbers& shape, std::span<const double> values);  // values in the shape of `shape`
Table to_column(std::span<const double> values);
Table to_row(std::span<const double> values);

}  // namespace kuntaplan::addin
