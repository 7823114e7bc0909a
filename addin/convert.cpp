#include "convert.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "errors.hpp"
#include "impact.hpp"
#include "messages.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {
namespace {

using css::uno::Any;
using css::uno::TypeClass_DOUBLE;
using css::uno::TypeClass_STRING;
using css::uno::TypeClass_VOID;

// "mx: …": the argument's name (shown in the reader's language) and what is wrong with it.
[[noreturn]] void fail(std::string_view argument, const std::string& what) {
    throw domain_error(msg::argument, std::string(argument), what);
}

bool is_blank(const Any& value) {
    if (value.getValueTypeClass() == TypeClass_VOID) return true;
    if (value.getValueTypeClass() == TypeClass_STRING) {
        OUString text;
        value >>= text;
        return text.trim().isEmpty();
    }
    return false;
}

}  // namespace

std::string utf8(const OUString& text) {
    const OString bytes = OUStringToOString(text, RTL_TEXTENCODING_UTF8);
    return std::string(bytes.getStr(), static_cast<std::size_t>(bytes.getLength()));
}

namespace {

void read_table(const Table& table, Numbers& out, std::string_view argument, bool blanks_allowed) {
    const auto rows = static_cast<std::size_t>(table.getLength());
    if (rows == 0) fail(argument, phrase(msg::arg_range_empty));
    const auto cols = static_cast<std::size_t>(table[0].getLength());
    if (cols == 0) fail(argument, phrase(msg::arg_range_empty));
    if (rows * cols > kMaxCells)
        fail(argument,
             phrase(msg::arg_range_too_large, std::to_string(rows * cols), std::to_string(kMaxCells)));
    out.rows = rows;
    out.cols = cols;
    out.values.resize(rows * cols);
    for (std::size_t r = 0; r < rows; ++r) {
        const auto& row = table[static_cast<sal_Int32>(r)];
        if (static_cast<std::size_t>(row.getLength()) != cols)
            fail(argument, phrase(msg::arg_not_rectangular));
        const Any* cells = row.getConstArray();
        for (std::size_t c = 0; c < cols; ++c) {
            const Any& cell = cells[c];
            if (cell.getValueTypeClass() != TypeClass_DOUBLE) {
                if (blanks_allowed && is_blank(cell)) {
                    out.values[r * cols + c] = std::numeric_limits<double>::quiet_NaN();
                    continue;
                }
                fail(argument,
                     is_blank(cell)
                         ? phrase(msg::arg_cell_blank, messages::num(r + 1), messages::num(c + 1))
                         : phrase(msg::arg_cell_not_number, messages::num(r + 1), messages::num(c + 1)));
            }
            const double value = *static_cast<const double*>(cell.getValue());
            if (!std::isfinite(value))
                fail(argument, phrase(msg::arg_cell_not_finite, messages::num(r + 1), messages::num(c + 1)));
            out.values[r * cols + c] = value;
        }
    }
}

}  // namespace

void convert(const Table& table, Numbers& out, std::string_view argument) {
    read_table(table, out, argument, false);
}

void convert(const Table& table, NumbersOrBlanks& out, std::string_view argument) {
    read_table(table, out, argument, true);
}

void convert(const Any& value, Numbers& out, std::string_view argument) {
    Table table;
    if (value >>= table) {
        convert(table, out, argument);
        return;
    }
    double number = 0;
    if (value.getValueTypeClass() == TypeClass_DOUBLE && (value >>= number)) {
        if (!std::isfinite(number)) fail(argument, phrase(msg::arg_not_finite));
        out.rows = out.cols = 1;
        out.values.assign(1, number);
        return;
    }
    fail(argument, is_blank(value) ? phrase(msg::arg_missing) : phrase(msg::arg_numbers_expected));
}

std::optional<double> optional_number(const Any& value, std::string_view argument) {
    if (is_blank(value)) return std::nullopt;
    Table table;
    if (value >>= table) {  // a one-cell range
        if (table.getLength() == 1 && table[0].getLength() == 1)
            return optional_number(table[0][0], argument);
        fail(argument, phrase(msg::arg_single_number));
    }
    double number = 0;
    if (value.getValueTypeClass() != TypeClass_DOUBLE || !(value >>= number))
        fail(argument, phrase(msg::arg_number_expected));
    if (!std::isfinite(number)) fail(argument, phrase(msg::arg_not_finite));
    return number;
}

std::optional<std::string> optional_text(const Any& value, std::string_view argument) {
    if (is_blank(value)) return std::nullopt;
    Table table;
    if (value >>= table) {
        if (table.getLength() == 1 && table[0].getLength() == 1) return optional_text(table[0][0], argument);
        fail(argument, phrase(msg::arg_single_text));
    }
    OUString text;
    if (!(value >>= text)) fail(argument, phrase(msg::arg_text_expected));
    return utf8(text.trim());
}

std::optional<Numbers> optional_numbers(const Any& value, std::string_view argument) {
    if (is_blank(value)) return std::nullopt;
    Numbers out;
    convert(value, out, argument);
    return out;
}

std::vector<double> as_vector(const Numbers& numbers, std::string_view argument) {
    if (numbers.rows != 1 && numbers.cols != 1)
        fail(argument,
             phrase(msg::arg_one_row_or_column, std::to_string(numbers.rows), std::to_string(numbers.cols)));
    return numbers.values;  // a single row or column is already in order
}

std::vector<int> as_integers(std::span<const double> values, std::string_view argument) {
    std::vector<int> out;
    out.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (v != std::floor(v) || std::fabs(v) > 1e6)
            fail(argument, phrase(msg::arg_value_whole, std::to_string(i + 1), messages::num(v)));
        out.push_back(static_cast<int>(v));
    }
    return out;
}

int as_integer(double value, std::string_view argument, int low, int high) {
    if (!std::isfinite(value) || value != std::floor(value) || value < low || value > high)
        fail(argument,
             phrase(msg::arg_whole_between, std::to_string(low), std::to_string(high), messages::num(value)));
    return static_cast<int>(value);
}

std::uint64_t read_seed(const css::uno::Any& seed, std::uint64_t fallback) {
    const auto given = optional_number(seed, "seed");
    if (!given) return fallback;
    if (!(*given >= 0.0 && *given <= static_cast<double>(kMaxSeed)) || *given != std::floor(*given))
        fail("seed", phrase(msg::arg_seed, messages::num(*given)));
    return static_cast<std::uint64_t>(*given);
}

namespace {
Any cell_value(double value) {
    if (std::isnan(value)) return Any();
    if (!std::isfinite(value)) throw domain_error(msg::internal_not_finite);
    return Any(value);
}
}  // namespace

Table to_table(const Matrix& matrix) {
    Table out(static_cast<sal_Int32>(matrix.rows()));
    auto* rows = out.getArray();
    for (std::size_t r = 0; r < matrix.rows(); ++r) {
        css::uno::Sequence<Any> row(static_cast<sal_Int32>(matrix.cols()));
        Any* cells = row.getArray();
        for (std::size_t c = 0; c < matrix.cols(); ++c) cells[c] = cell_value(matrix(r, c));
        rows[r] = std::move(row);
    }
    return out;
}

Table to_table(const Numbers& shape, std::span<const double> values) {
    if (values.size() != shape.rows * shape.cols) throw domain_error(msg::internal_size_mismatch);
    Matrix matrix(shape.rows, shape.cols);
    std::copy(values.begin(), values.end(), matrix.data().begin());
    return to_table(matrix);
}

Table to_column(std::span<const double> values) {
    Matrix matrix(values.size(), 1);
    std::copy(values.begin(), values.end(), matrix.data().begin());
    return to_table(matrix);
}

Table to_row(std::span<const double> values) {
    Matrix matrix(1, values.size());
    std::copy(values.begin(), values.end(), matrix.data().begin());
    return to_table(matrix);
}

}  // namespace kuntaplan::addin
