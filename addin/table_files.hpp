// Reading statistical table files (.px, .json) for DATA.PX and the import
// command, safely: a workbook that arrives by email runs its formulas when it is
// opened, so a formula must not be able to read anything but a table file the
// user could have chosen.
//
// The rules, in the order they are checked:
//  1. The name is a full path or a file URL, with no control character
//     (CHAR(0) above all: the operating system would open the name only up to
//     it) before or after the URL is decoded; other URL schemes are refused.
//  2. Links are resolved first; the file actually opened must end in .px or
//     .json, and (for formulas) lie in the user's home folder or a folder of
//     KUNTAPLAN_DATA_FOLDERS.
//  3. The file is opened without following a final link and without blocking
//     (a FIFO put in its place cannot hold the office), and the opened
//     descriptor must be a regular file of at most kMaxTableFileBytes whose
//     path is the checked one: the checks are made on what was opened, so
//     swapping the file between check and open gains nothing.
//  4. Parsed tables are cached by path and by the file's identity (device,
//     inode, size, modification and change times in nanoseconds, and a hash of
//     its first and last 4 KiB), so a file replaced with one of the same size
//     and time (cp -p) is read again. The cache holds at most
//     kMaxCachedTableBytes of tables.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "table_data.hpp"

namespace kuntaplan::addin {

// Larger than any PX file of Statistics Finland (the largest are some tens of
// MB), and small enough to parse in about 1.5 s (bench/bench_worst).
inline constexpr std::size_t kMaxTableFileBytes = std::size_t{128} << 20;
// The memory the parsed-table cache may keep (estimated from the tables' cells and labels).
inline constexpr std::size_t kMaxCachedTableBytes = std::size_t{512} << 20;

// Rule 1 and 2 without the folder rule: the canonical path of the file a
// `source` text names, or domain_error saying which rule it breaks.
std::filesystem::path resolved_table_path(const std::string& source);

// Rules 1 and 2 with the folder rule, for formulas.
std::filesystem::path allowed_table_path(const std::string& source);

// Rules 3 and 4: the parsed table of a canonical path from the functions above.
std::shared_ptr<const StatTable> cached_table(const std::filesystem::path& canonical);

// The table (PX or JSON-stat, told apart by the first character) in `bytes`;
// `from_cells` as in PxReadOptions.
std::shared_ptr<const StatTable> parse_table(std::string_view bytes, bool from_cells);

}  // namespace kuntaplan::addin
