// The statistical table model shared by the PX and JSON-stat readers, and the
// reshaping of a table into the blocks the models take (ages down, sexes or
// years across).
//
// A table is a dense cube: dimensions d0..dn-1, each with an ordered list of
// values (a code and a label per language), and one cell per combination,
// stored row-major (the last dimension varies fastest). This is the order of
// the DATA part of a PX file with the STUB variables first and the HEADING
// variables after them (Statistics Sweden, "PX-file format specification",
// 2013, keywords STUB, HEADING and DATA), and the order of the "value" array
// of a JSON-stat 2.0 dataset (json-stat.org, "JSON-stat 2.0 format",
// sections "id", "size" and "value").
//
// Missing values keep their code: the PX dot codes "." … "......" (meanings
// from DATASYMBOL1..6) and "-" (DATASYMBOLNIL) are never turned into 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errors.hpp"

namespace kuntaplan {

// Why a cell has no number. `value` means it has one.
enum class CellStatus : std::uint8_t {
    value = 0,
    dots1,  // "."
    dots2,  // ".."
    dots3,  // "..."
    dots4,  // "...."
    dots5,  // "....."
    dots6,  // "......"
    nil,    // "-": magnitude nil (DATASYMBOLNIL), still no number in the cell
    other,  // a JSON-stat status or null without a PX code
};

struct Dimension {
    std::string code;                      // variable code (PX VARIABLECODE or the name; JSON-stat id)
    std::vector<std::string> names;        // the variable's name per language of the table
    std::vector<std::string> value_codes;  // one per value, unique
    std::vector<std::vector<std::string>> labels;  // [language][value]
    std::optional<std::size_t> total;              // the value that is the total (elimination value), if any
    bool is_time = false;                          // TIMEVAL (PX) or role "time" (JSON-stat)
    std::size_t size() const { return value_codes.size(); }
};

// Metadata texts shown with an import (provenance note).
struct TableInfo {
    std::string table_id;               // TABLEID / MATRIX; JSON-stat extension.px.tableid
    std::vector<std::string> title;     // per language
    std::vector<std::string> source;    // per language
    std::vector<std::string> contents;  // per language
    std::vector<std::string> units;     // per language
    std::string last_updated;           // as written in the file, e.g. "20240426 08:00"
    std::string copyright;              // "YES"/"NO" (PX COPYRIGHT), or a licence text
    int decimals = 0;                   // DECIMALS
};

struct StatTable {
    std::vector<std::string> languages;  // the first is the table's default language; never empty
    std::vector<Dimension> dimensions;   // in data order
    std::size_t stub_count = 0;          // PX: how many leading dimensions were STUB variables
    std::vector<double> values;          // one per cell, row-major; NaN where status != value
    std::vector<CellStatus> status;      // one per cell
    TableInfo info;

    // Index of `language` ("fi", "sv", "en"; "" = the default), or domain_error.
    std::size_t language_index(std::string_view language) const;
    // Index of a dimension by its name in `language` or its code (case-insensitive), or domain_error.
    std::size_t dimension_index(std::string_view name, std::size_t language) const;
    // Index of a value of dimension `d` by its code or its label in `language`, or domain_error.
    std::size_t value_index(std::size_t d, std::string_view code_or_label, std::size_t language) const;
};

// The largest table a reader accepts (cells): ten times Statistics Finland's
// largest common tables, far below what would exhaust memory.
inline constexpr std::size_t kMaxTableCells = 50'000'000;

// Checks the invariants every reader guarantees (sizes agree, codes unique, at
// least one dimension, languages consistent); throws domain_error otherwise.
void validate_table(const StatTable& table);

// The provenance note written beside an imported block, in the table's
// language `language` (words in Finnish, Swedish or else English): source,
// table id, title, last updated, licence. Statistics Finland's tables are
// CC BY 4.0 (stat.fi, "Terms of use"); for other sources the file's COPYRIGHT
// is reported as it is.
std::string provenance_note(const StatTable& table, std::size_t language);

// ------------------------------------------------------------------ reshaping

struct ReshapeRequest {
    std::vector<std::string> rows;     // dimensions down the rows (first = slowest), by name or code
    std::vector<std::string> columns;  // dimensions across the columns (first = slowest)
    // "dimension" → value(s) by code or label. For a dimension of the rows or
    // columns: the values to keep, in this order (this is also how totals are
    // kept). For any other dimension: exactly one value.
    std::vector<std::pair<std::string, std::vector<std::string>>> filters;
    std::string language;      // "" = the table's default
    bool keep_totals = false;  // keep the total value of row/column dimensions without a filter
};

struct Block {
    std::size_t rows = 0, cols = 0;
    std::vector<double> values;  // row-major, NaN where the cell has no number
    std::vector<CellStatus> status;
    // Labels in the request's language: row_labels[d][r] for the d-th row dimension.
    std::vector<std::vector<std::string>> row_labels, column_labels;
    std::vector<std::vector<std::string>> row_codes, column_codes;
    std::vector<std::string> row_names, column_names;  // the dimensions' names
    // When the only row dimension is an age classification: the lower bound of
    // every row ("85 -" → 85); empty otherwise.
    std::vector<int> row_ages;
};

// The request from the texts users type (DATA.PX, the import command):
// rows/columns "Ikä" or "Alue,Sukupuoli"; filters "Vuosi=2023;Tiedot=vaesto",
// several values of a row/column variable separated by ',' ("Sukupuoli=1,2").
// A name or value in double quotes is taken as it is, ',' ';' and '=' included,
// with "" for a quote: Alue="Helsinki, keskusta",Espoo. Without quotes, a
// filter's list that is itself one value of the variable (a label with commas)
// is taken whole, unless its parts are values too: that is ambiguous, and
// throws domain_error asking for quotes. Throws domain_error on a filter
// without '=' and on a quote left open.
ReshapeRequest reshape_request(const StatTable& table, std::string_view rows, std::string_view columns,
                               std::string_view filters, std::string_view language);

// Throws domain_error naming the unknown dimension or value, a dimension used
// twice, a dimension left without a value, or a filter of several values for
// a dimension that is neither in the rows nor in the columns.
Block reshape(const StatTable& table, const ReshapeRequest& request);

// The lower bound of an age label: "0 - 4" → 0, "85 -" → 85, "100 years" →
// 100, "1 year" → 1, "100+" → 100, "0 vuotta" → 0, "85-" → 85, "100 år" → 100,
// "7" → 7. Anything else (also "Total", "01-26 Total") → nullopt.
std::optional<int> age_lower_bound(std::string_view label);

// Whether a value is a total by its code or label: the dimension's
// elimination value, or the codes SSS / S / TOTAL / "00" with a total label.
bool is_total(const Dimension& dimension, std::size_t value);

}  // namespace kuntaplan
