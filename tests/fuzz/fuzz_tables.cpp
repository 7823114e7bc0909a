// libFuzzer target for core/px.hpp, core/jsonstat.hpp and the reshaping of
// core/table_data.hpp. The first byte picks the reader (and whether PX text
// counts as Unicode from cells) and the reshaping; the rest is the file. The
// readers may only throw domain_error; a table they return must satisfy
// validate_table, keep NaN exactly where a cell has a missing-value status, and
// reshape into a block of the announced size.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_checks.hpp"
#include "jsonstat.hpp"
#include "px.hpp"
#include "table_data.hpp"

using namespace kuntaplan;
using namespace kuntaplan::fuzz;

namespace {

void check_table(const StatTable& t, std::uint8_t mode) {
    validate_table(t);
    for (std::size_t i = 0; i < t.values.size(); ++i)
        require(std::isnan(t.values[i]) == (t.status[i] != CellStatus::value), "NaN and status disagree");
    if (t.dimensions.size() < 2) return;
    ReshapeRequest r;
    const std::size_t n = t.dimensions.size();
    const std::size_t row = mode % n, col = (row + 1 + (mode >> 4) % (n - 1)) % n;
    r.rows = {t.dimensions[row].names[0]};
    r.columns = {t.dimensions[col].code};
    r.keep_totals = (mode & 8) != 0;
    r.language = t.languages.back();
    for (std::size_t d = 0; d < n; ++d)
        if (d != row && d != col && (mode & 2))
            r.filters.push_back({t.dimensions[d].code, {t.dimensions[d].value_codes.back()}});
    try {
        const Block b = reshape(t, r);
        require(b.values.size() == b.rows * b.cols && b.status.size() == b.values.size(), "block size");
        require(b.row_labels.size() == 1 && b.row_labels[0].size() == b.rows, "row labels");
        require(b.column_labels.size() == 1 && b.column_labels[0].size() == b.cols, "column labels");
        require(b.row_ages.empty() || b.row_ages.size() == b.rows, "row ages");
    } catch (const domain_error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t mode = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const StatTable t = (mode & 1) ? read_jsonstat(text) : read_px(text, PxReadOptions{(mode & 4) != 0});
        check_table(t, mode);
    } catch (const domain_error&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception: %s\n", e.what());
        std::abort();
    } catch (...) {
        require(false, "unexpected non-standard exception");
    }
    return 0;
}
