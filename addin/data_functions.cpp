#include "data_functions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <list>
#include <memory>
#include <mutex>
#include <osl/file.hxx>
#include <system_error>

#include "errors.hpp"
#include "options.hpp"
#include "jsonstat.hpp"
#include "px.hpp"
#include "table_data.hpp"

namespace kuntaplan::addin {

using css::uno::Any;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) { throw domain_error(what); }

// ------------------------------------------------------------------ files

// Where a formula may read from: the user's home folder (HOME, or USERPROFILE
// on Windows), and the folders an administrator lists in
// KUNTAPLAN_DATA_FOLDERS (separated like PATH), e.g. a shared statistics drive.
std::vector<fs::path> allowed_folders() {
    std::vector<fs::path> out;
    const auto add = [&](const std::string& folder) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(fs::path(folder), ec);
        // A home of "/" (a service account) would allow every file: not a folder to trust.
        if (!ec && canonical != canonical.root_path() && fs::is_directory(canonical, ec))
            out.push_back(canonical);
    };
    for (const char* name : {"HOME", "USERPROFILE"})
        if (const char* value = std::getenv(name); value && *value) add(value);
    if (const char* list = std::getenv("KUNTAPLAN_DATA_FOLDERS")) {
#ifdef _WIN32
        const char separator = ';';
#else
        const char separator = ':';
#endif
        std::string_view rest(list);
        while (!rest.empty()) {
            const std::size_t end = rest.find(separator);
            const std::string_view folder = rest.substr(0, end);
            if (!folder.empty()) add(std::string(folder));
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
    }
    return out;
}

bool inside(const fs::path& file, const fs::path& folder) {
    const auto f = file.begin();
    auto it = f;
    for (const auto& part : folder) {
        if (it == file.end() || *it != part) return false;
        ++it;
    }
    return it != file.end();
}

// The file a `source` text names (full path or file URL, .px/.json, existing).
fs::path resolved_path(const std::string& source) {
    std::string path = source;
    if (lower_ascii(source.substr(0, 5)) == "file:") {
        OUString system;
        if (osl::FileBase::getSystemPathFromFileURL(OUString::fromUtf8(OString(source.c_str())), system) !=
            osl::FileBase::E_None)
            fail("source: '" + source + "' is not a valid file URL");
        path = utf8(system);
    } else if (const std::size_t colon = source.find("://"); colon != std::string::npos && colon < 12) {
        fail("source: DATA.PX reads local files only, not '" + source.substr(0, colon) +
             ":' addresses; download the table first");
    }
    fs::path given(path);
    if (!given.is_absolute())
        fail("source: give the file's full path (e.g. /home/me/tilastot/11rc.px) or a file URL, not '" +
             source + "'");
    const std::string extension = lower_ascii(given.extension().string());
    if (extension != ".px" && extension != ".json")
        fail("source: only .px and .json files are read, not '" + given.filename().string() + "'");
    std::error_code ec;
    const fs::path canonical = fs::canonical(given, ec);
    if (ec) fail("source: the file '" + path + "' cannot be found");
    if (!fs::is_regular_file(canonical, ec)) fail("source: '" + path + "' is not a file");
    return canonical;
}

// The same, checked against the rules of the user guide for formulas.
fs::path checked_path(const std::string& source) {
    const fs::path canonical = resolved_path(source);
    bool allowed = false;
    for (const fs::path& folder : allowed_folders()) allowed = allowed || inside(canonical, folder);
    if (!allowed)
        fail("source: the file '" + canonical.string() +
             "' is outside your home folder; formulas read files only there (or in KUNTAPLAN_DATA_FOLDERS)");
    return canonical;
}

// Larger than any PX file of Statistics Finland (the largest are some tens of MB).
constexpr std::uintmax_t max_file_bytes = 256u << 20;

std::shared_ptr<const StatTable> parse(std::string_view bytes, bool from_cells) {
    const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && bytes[first] == '{')
        return std::make_shared<const StatTable>(read_jsonstat(bytes));
    return std::make_shared<const StatTable>(read_px(bytes, PxReadOptions{from_cells}));
}

// Parsed files by path, re-read when the file's time or size changes; a few
// entries, since a workbook usually refers to one or two tables many times.
class FileCache {
public:
    std::shared_ptr<const StatTable> get(const fs::path& path) {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (ec) fail("source: cannot read '" + path.string() + "'");
        if (size > max_file_bytes)
            fail("source: the file is " + std::to_string(size >> 20) + " MB, more than the " +
                 std::to_string(max_file_bytes >> 20) + " MB a formula reads");
        const auto time = fs::last_write_time(path, ec);
        {
            std::lock_guard lock(mutex_);
            for (auto it = entries_.begin(); it != entries_.end(); ++it)
                if (it->path == path && it->size == size && it->time == time) {
                    entries_.splice(entries_.begin(), entries_, it);
                    return it->table;
                }
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) fail("source: cannot read '" + path.string() + "'");
        std::string bytes(size, '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(size));
        if (static_cast<std::uintmax_t>(in.gcount()) != size)
            fail("source: cannot read '" + path.string() + "'");
        std::shared_ptr<const StatTable> table;
        try {
            table = parse(bytes, false);
        } catch (const domain_error& e) {
            fail(path.filename().string() + ": " + e.what());
        }
        std::lock_guard lock(mutex_);
        entries_.remove_if([&](const Entry& e) { return e.path == path; });
        entries_.push_front(Entry{path, size, time, table});
        if (entries_.size() > 4) entries_.pop_back();
        return table;
    }

private:
    struct Entry {
        fs::path path;
        std::uintmax_t size;
        fs::file_time_type time;
        std::shared_ptr<const StatTable> table;
    };
    std::mutex mutex_;
    std::list<Entry> entries_;
};

FileCache& file_cache() {
    static FileCache cache;
    return cache;
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
        if (text.empty()) fail("source: the range is empty");
        return parse(text, true);
    }
    const Any single = range.getLength() == 1 ? range[0][0] : source;
    OUString text;
    if (!(single >>= text) || text.trim().isEmpty())
        fail("source: give a file path, a file URL, or a range holding the PX text");
    const std::string value = utf8(text.trim());
    // A path has no line breaks; a whole PX text in one cell has.
    if (value.find('\n') != std::string::npos) return parse(value, true);
    return file_cache().get(checked_path(value));
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
constexpr std::size_t max_sheet_rows = 1'048'576, max_sheet_columns = 16'384;

}  // namespace

Table block_table(const Block& block, bool headers) {
    const std::size_t header_rows = headers ? block.column_labels.size() : 0;
    const std::size_t header_cols = headers ? block.row_labels.size() : 0;
    const std::size_t rows = header_rows + block.rows, cols = header_cols + block.cols;
    if (rows > max_sheet_rows || cols > max_sheet_columns)
        fail("the result would be " + std::to_string(rows) + " × " + std::to_string(cols) +
             ", larger than a sheet; filter more variables");
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
    return file_cache().get(resolved_path(path_or_url));
}

Table data_px(const Any& source, const OUString& rows, const OUString& columns, const Any& filters,
              const Any& language, const Any& headers) {
    const std::string filter_text = optional_text(filters, "filters").value_or("");
    const std::string language_text = optional_text(language, "language").value_or("");
    const bool with_headers = optional_flag(headers, "headers");
    if (rows.trim().isEmpty()) fail("rows: name the variable down the rows (e.g. \"Ikä\")");
    if (columns.trim().isEmpty()) fail("columns: name the variable across the columns (e.g. \"Sukupuoli\")");
    const std::shared_ptr<const StatTable> table = read_source(source);
    const ReshapeRequest request =
        reshape_request(*table, utf8(rows), utf8(columns), filter_text, language_text);
    return block_table(reshape(*table, request), with_headers);
}

}  // namespace kuntaplan::addin
