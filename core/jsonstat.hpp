// Reader of JSON-stat 2.0 datasets, the answer of the PxWeb API
// (format=json-stat2) of Statistics Finland and Statistics Sweden, following
// the "JSON-stat 2.0 format" (json-stat.org/format, 2016): a "dataset" with
// "id" and "size" (the dimensions in data order), "dimension"
// (label, category.index as an array or an object, category.label, role
// "time"), "value" (an array, or an object keyed by the cell's position, with
// null for a missing cell) and "status" (one string for all cells, an array,
// or an object keyed by position). PxWeb's "extension" gives the table id,
// the language and each variable's elimination value. JSON is parsed with
// nlohmann/json. The reader takes the answer's bytes; it does no I/O.
// Malformed input throws domain_error naming the problem (and the line for a
// JSON syntax error), by positions and counts, never quoting the answer's
// texts. A dense "value" array must have exactly one value per cell; in the
// object form each cell is written at most once, as its position without
// leading zeros, and the cells not listed are missing.
#pragma once

#include <string_view>

#include "table_data.hpp"

namespace kuntaplan {

StatTable read_jsonstat(std::string_view bytes);

}  // namespace kuntaplan
