#include "data_functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "errors.hpp"
#include "options.hpp"
#include "table_data.hpp"
#include "table_files.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

// An error of one of DATA.PX's arguments: "<argument>: <message>".
template <std::size_t N, class... A>
[[noreturn]] void argument_error(const char* argument, const Message<N>& message, const A&... arguments) {
    throw domain_error(msg::argument, argument, phrase(message, arguments...));
}

// A number in a cell of a pasted PX text, written back as the file had it.
std::string number_text(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// The PX text of a range, one line per cell (blank cells skipped).
std::string range_text(const Table& range) {
    std::string text;
    for (const auto& row : range)
        for (const Any& cell : row) {
            OUString s;
            double number = 0;
            if (cell >>= s) {
                text += utf8(s);
            } else if (cell.getValueTypeClass() == css::uno::TypeClass_DOUBLE && (cell >>= number)) {
                text += number_text(number);
            } else {
                continue;
            }
            text += '\n';
        }
    return text;
}

std::shared_ptr<const StatTable> read_source(const Any& source) {
    Table range;
    if ((source >>= range) && !(range.getLength() == 1 && range[0].getLength() == 1)) {
        const std::string text = range_text(range);
        if (text.empty()) argument_error("source", msg::data_range_empty);
        return parse_table(text, true);
    }
    const Any single = range.getLength() == 1 ? range[0][0] : source;
    OUString text;
    if (!(single >>= text) || text.trim().isEmpty()) argument_error("source", msg::data_source_missing);
    const std::string value = utf8(text.trim());
    // A path has no line breaks; a whole PX text in one cell has.
    if (value.find('\n') != std::string::npos) return parse_table(value, true);
    return cached_table(allowed_table_path(value));
}

// ------------------------------------------------------------------ results

bool optional_flag(const Any& value, std::string_view argument) {
    bool flag = false;
    if (value >>= flag) return flag;
    Table table;
    if ((value >>= table) && table.getLength() == 1 && table[0].getLength() == 1)
        return optional_flag(table[0][0], argument);
    if (const auto number = optional_number(value, argument)) return *number != 0.0;
    return false;
}

// A header cell: ages of an age classification as numbers, whole-number labels
// (years) as numbers, anything else as text.
Any header_cell(const std::string& label) {
    if (!label.empty() && label.size() <= 9 && label.front() != '0' &&
        std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return Any(std::stod(label));
    return Any(OUString::fromUtf8(OString(label.c_str())));
}

// The sheet's limits: a larger array cannot be entered.
constexpr std::size_t kMaxSheetRows = 1'048'576, kMaxSheetColumns = 16'384;
// The most cells one formula returns: 10,000 rows × 100 columns, far more than
// any model's input (Helsinki's 148 sub-areas × 100 ages × 2 sexes are 29,600).
// A larger block would hold the office for many seconds and gigabytes
// (5e7 cells took 9.7 s and 2.8 GB).
constexpr std::size_t kMaxResultCells = 1'000'000;

}  // namespace

Table block_table(const Block& block, bool headers) {
    const std::size_t header_rows = headers ? block.column_labels.size() : 0;
    const std::size_t header_cols = headers ? block.row_labels.size() : 0;
    const std::size_t rows = header_rows + block.rows, cols = header_cols + block.cols;
    if (rows > kMaxSheetRows || cols > kMaxSheetColumns)
        throw domain_error(msg::data_result_larger_than_sheet, std::to_string(rows), std::to_string(cols));
    if (rows * cols > kMaxResultCells)
        throw domain_error(msg::data_result_too_many_cells, std::to_string(rows), std::to_string(cols),
                           std::to_string(kMaxResultCells));
    Table out(static_cast<sal_Int32>(rows));
    auto* out_rows = out.getArray();
    for (std::size_t r = 0; r < rows; ++r) {
        css::uno::Sequence<Any> row(static_cast<sal_Int32>(cols));
        Any* cells = row.getArray();
        for (std::size_t c = 0; c < cols; ++c) {
            if (r < header_rows && c < header_cols) {
                // The corner: the row variables' names above their labels.
                if (r + 1 == header_rows)
                    cells[c] <<= OUString::fromUtf8(OString(block.row_names[c].c_str()));
            } else if (r < header_rows) {
                cells[c] = header_cell(block.column_labels[r][c - header_cols]);
            } else if (c < header_cols) {
                const std::size_t data_row = r - header_rows;
                cells[c] = block.row_ages.empty() ? header_cell(block.row_labels[c][data_row])
                                                  : Any(static_cast<double>(block.row_ages[data_row]));
            } else {
                const double v = block.values[(r - header_rows) * block.cols + (c - header_cols)];
                if (!std::isnan(v)) cells[c] <<= v;  // a missing-value code stays an empty cell
            }
        }
        out_rows[r] = std::move(row);
    }
    return out;
}

std::shared_ptr<const StatTable> load_table_file(const std::string& path_or_url) {
    return cached_table(resolved_table_path(path_or_url));
}

Table data_px(const Any& source, const OUString& rows, const OUString& columns, const Any& filters,
              const Any& language, const Any& headers) {
    const std::string filter_text = optional_text(filters, "filters").value_or("");
    const std::string language_text = optional_text(language, "language").value_or("");
    const bool with_headers = optional_flag(headers, "headers");
    if (rows.trim().isEmpty()) argument_error("rows", msg::data_rows_missing);
    if (columns.trim().isEmpty()) argument_error("columns", msg::data_columns_missing);
    const std::shared_ptr<const StatTable> table = read_source(source);
    const ReshapeRequest request =
        reshape_request(*table, utf8(rows), utf8(columns), filter_text, language_text);
    return block_table(reshape(*table, request), with_headers);
}

}  // namespace kuntaplan::addin
