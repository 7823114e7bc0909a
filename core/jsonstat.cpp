#include "jsonstat.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace kuntaplan {
namespace {

using nlohmann::json;

// Messages name members of the format, positions and counts, never the answer's own texts (ids,
// codes, labels): a formula can point the reader at any file, and the message is shown on screen.
[[noreturn]] void fail(const std::string& what) { throw domain_error("JSON-stat: " + what); }

std::string ordinal(std::size_t i) { return std::to_string(i + 1); }

const json& member(const json& object, const char* name, const std::string& where) {
    const auto it = object.find(name);
    if (it == object.end()) fail(where + " has no \"" + name + "\"");
    return *it;
}

std::string as_text(const json& value, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
    fail(where + " must be a text");
}

std::size_t as_index(const json& value, std::size_t limit, const std::string& where) {
    if (!value.is_number_unsigned() && !value.is_number_integer()) fail(where + " must be a whole number");
    const auto n = value.get<long long>();
    if (n < 0 || static_cast<unsigned long long>(n) >= limit)
        fail(where + " must be in 0.." + std::to_string(limit - 1));
    return static_cast<std::size_t>(n);
}

// A position written as an object key ("12"), in its one spelling (no "012"), so that no two keys
// name the same cell.
std::size_t key_index(const std::string& key, std::size_t limit, const std::string& where) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), n);
    if (ec != std::errc() || end != key.data() + key.size() || n >= limit ||
        (key.size() > 1 && key[0] == '0'))
        fail(where + ": a key is not a position 0.." + std::to_string(limit - 1));
    return n;
}

CellStatus status_of(const std::string& code) {
    if (code == "-") return CellStatus::nil;
    if (!code.empty() && code.size() <= 6 && code.find_first_not_of('.') == std::string::npos)
        return static_cast<CellStatus>(code.size());
    return CellStatus::other;
}

// The category codes of a dimension in their order: category.index as an array or an object of
// positions, or, without an index, the one category of category.label.
std::vector<std::string> category_codes(const json& category, std::size_t size, const std::string& where) {
    std::vector<std::string> codes(size);
    const auto index = category.find("index");
    if (index == category.end()) {
        const auto label = category.find("label");
        if (size != 1 || label == category.end() || !label->is_object() || label->size() != 1)
            fail(where + ": category has no index");
        codes[0] = label->begin().key();
        return codes;
    }
    if (!index->is_array() && !index->is_object())
        fail(where + ": category.index must be an array or an object");
    if (index->size() != size)
        fail(where + " has " + std::to_string(index->size()) + " categories, but size says " +
             std::to_string(size));
    if (index->is_array()) {
        for (std::size_t i = 0; i < size; ++i) codes[i] = as_text((*index)[i], where + ": category.index");
        return codes;
    }
    std::vector<bool> set(size, false);
    for (const auto& [code, position] : index->items()) {
        const std::size_t p = as_index(position, size, where + ": category.index");
        if (set[p]) fail(where + ": two categories at position " + std::to_string(p));
        codes[p] = code;
        set[p] = true;
    }
    return codes;
}

Dimension read_dimension(const std::string& id, std::size_t order, const json& d, std::size_t size) {
    const std::string where = "the dimension of id " + ordinal(order);
    if (!d.is_object()) fail(where + " must be an object");
    Dimension dim;
    dim.code = id;
    dim.names.push_back(d.contains("label") ? as_text(d["label"], where + ": label") : id);
    const json& category = member(d, "category", where);
    if (!category.is_object()) fail(where + ": category must be an object");
    std::vector<std::string> codes = category_codes(category, size, where);
    std::vector<std::string> labels = codes;
    if (const auto label = category.find("label"); label != category.end()) {
        if (!label->is_object()) fail(where + ": category.label must be an object");
        for (std::size_t i = 0; i < size; ++i)
            if (const auto it = label->find(codes[i]); it != label->end())
                labels[i] = as_text(*it, where + ": category.label");
    }
    dim.value_codes = std::move(codes);
    dim.labels.push_back(std::move(labels));
    if (const auto ext = d.find("extension"); ext != d.end() && ext->is_object()) {
        if (const auto e = ext->find("eliminationValueCode"); e != ext->end() && e->is_string()) {
            const auto it = std::find(dim.value_codes.begin(), dim.value_codes.end(), e->get<std::string>());
            if (it != dim.value_codes.end())
                dim.total = static_cast<std::size_t>(it - dim.value_codes.begin());
        }
    }
    return dim;
}

json parse(std::string_view bytes) {
    try {
        return json::parse(bytes.begin(), bytes.end());
    } catch (const json::out_of_range&) {
        // A number beyond a double ("1e999"): valid JSON syntax, but no value a table can hold.
        fail("a number in the answer is too large");
    } catch (const json::parse_error& e) {
        // The line of the byte where parsing stopped; the library's own message quotes the text there.
        const std::size_t at = std::min<std::size_t>(e.byte, bytes.size());
        const auto line =
            1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        throw domain_error("JSON-stat: line " + std::to_string(line) + ": the text is not valid JSON");
    }
}

// The language, table id, title and the other provenance texts.
void read_info(const json& root, StatTable& table) {
    std::string language;
    const auto ext = root.find("extension");
    const bool has_ext = ext != root.end() && ext->is_object();
    if (const auto px = has_ext ? ext->find("px") : root.end();
        has_ext && px != ext->end() && px->is_object()) {
        if (const auto t = px->find("tableid"); t != px->end() && t->is_string()) table.info.table_id = *t;
        if (const auto l = px->find("language"); l != px->end() && l->is_string()) language = *l;
        if (const auto d = px->find("decimals"); d != px->end() && d->is_number_integer())
            table.info.decimals = std::clamp(d->get<int>(), 0, 15);
    }
    if (const auto l = root.find("lang"); language.empty() && l != root.end() && l->is_string())
        language = *l;
    table.languages.push_back(language);
    const auto text_member = [&](const char* name) {
        const auto it = root.find(name);
        return it != root.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    table.info.title.push_back(text_member("label"));
    table.info.source.push_back(text_member("source"));
    table.info.contents.push_back(text_member("label"));
    table.info.units.push_back("");
    table.info.last_updated = text_member("updated");
    if (has_ext)
        if (const auto c = ext->find("copyright"); c != ext->end() && c->is_string())
            table.info.copyright = *c;
    if (const auto n = root.find("note"); table.info.copyright.empty() && n != root.end() && n->is_array())
        for (const auto& note : *n)
            if (note.is_string() && note.get<std::string>().find("CC BY") != std::string::npos)
                table.info.copyright = note;
}

// The dimensions in data order; returns the number of cells.
std::size_t read_dimensions(const json& root, std::size_t answer_bytes, StatTable& table) {
    const json& ids = member(root, "id", "the dataset");
    const json& sizes = member(root, "size", "the dataset");
    const json& dimensions = member(root, "dimension", "the dataset");
    if (!ids.is_array() || !sizes.is_array() || ids.size() != sizes.size() || ids.empty())
        fail("\"id\" and \"size\" must be arrays of the same, non-zero length");
    if (!dimensions.is_object()) fail("\"dimension\" must be an object");
    // A cube far larger than the answer (a sparse "value" object) would only
    // allocate memory: a dense answer takes at least two bytes per value.
    const std::size_t cell_limit = std::min(kMaxTableCells, 16 * answer_bytes + 1024);
    std::vector<std::string> time_ids;
    if (const auto role = root.find("role"); role != root.end() && role->is_object())
        if (const auto t = role->find("time"); t != role->end() && t->is_array())
            for (const auto& id : *t)
                if (id.is_string()) time_ids.push_back(id);
    table.stub_count = ids.size();
    std::size_t cells = 1;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string id = as_text(ids[i], "id");
        const std::size_t size = as_index(sizes[i], kMaxTableCells + 1, "size");
        if (size == 0) fail("the dimension of id " + ordinal(i) + " has size 0");
        if (cells > cell_limit / size)
            fail("the table would have more than " + std::to_string(cell_limit) + " cells");
        cells *= size;
        const auto d = dimensions.find(id);
        if (d == dimensions.end()) fail("\"dimension\" has no entry for id " + ordinal(i));
        Dimension dim = read_dimension(id, i, *d, size);
        dim.is_time = std::find(time_ids.begin(), time_ids.end(), id) != time_ids.end();
        table.dimensions.push_back(std::move(dim));
    }
    return cells;
}

// The values: an array of exactly one value per cell, or an object of positions (a sparse cube; the
// cells not listed are missing, so it has no length to check, and each position is written once).
void read_values(const json& root, std::size_t cells, StatTable& table) {
    const json& values = member(root, "value", "the dataset");
    table.values.assign(cells, std::numeric_limits<double>::quiet_NaN());
    table.status.assign(cells, CellStatus::other);
    const auto put = [&](std::size_t at, const json& v) {
        if (v.is_null()) return;
        if (!v.is_number()) fail("value " + std::to_string(at) + " must be a number or null");
        const double x = v.get<double>();
        if (!std::isfinite(x)) fail("value " + std::to_string(at) + " is not finite");
        table.values[at] = x;
        table.status[at] = CellStatus::value;
    };
    if (values.is_array()) {
        if (values.size() != cells)
            fail("\"value\" has " + std::to_string(values.size()) + " numbers, but the dimensions imply " +
                 std::to_string(cells));
        for (std::size_t i = 0; i < cells; ++i) put(i, values[i]);
    } else if (values.is_object()) {
        for (const auto& [key, v] : values.items()) put(key_index(key, cells, "\"value\""), v);
    } else {
        fail("\"value\" must be an array or an object");
    }
}

// Status codes of the cells without a number ("..", "-"); on a number a status is only a note.
void read_status(const json& root, std::size_t cells, StatTable& table) {
    const auto status = root.find("status");
    if (status == root.end() || status->is_null()) return;
    const auto mark = [&](std::size_t at, const json& s) {
        if (s.is_null()) return;
        if (!s.is_string()) fail("status " + std::to_string(at) + " must be a text");
        if (table.status[at] != CellStatus::value) table.status[at] = status_of(s.get<std::string>());
    };
    if (status->is_string() || (status->is_array() && status->size() == 1)) {
        const json& all = status->is_string() ? *status : (*status)[0];
        for (std::size_t i = 0; i < cells; ++i) mark(i, all);
    } else if (status->is_array()) {
        if (status->size() != cells)
            fail("\"status\" has " + std::to_string(status->size()) + " entries, but the dimensions imply " +
                 std::to_string(cells));
        for (std::size_t i = 0; i < cells; ++i) mark(i, (*status)[i]);
    } else if (status->is_object()) {
        for (const auto& [key, s] : status->items()) mark(key_index(key, cells, "\"status\""), s);
    } else {
        fail("\"status\" must be a text, an array or an object");
    }
}

StatTable read_unchecked(std::string_view bytes) {
    const json root = parse(bytes);
    if (!root.is_object()) fail("the answer must be a JSON object");
    if (root.contains("dataset") && !root.contains("id"))
        fail("this is JSON-stat 1.x; ask PxWeb for format json-stat2");
    if (const auto c = root.find("class"); c != root.end() && (!c->is_string() || *c != "dataset"))
        fail("class must be \"dataset\"");
    StatTable table;
    read_info(root, table);
    const std::size_t cells = read_dimensions(root, bytes.size(), table);
    read_values(root, cells, table);
    read_status(root, cells, table);
    validate_table(table);
    return table;
}

}  // namespace

StatTable read_jsonstat(std::string_view bytes) {
    try {
        return read_unchecked(bytes);
    } catch (const json::exception& e) {
        // Only a structure the checks above did not foresee; never a crash. The library's message
        // may quote the answer, so only its number is given.
        fail("unexpected structure (JSON error " + std::to_string(e.id) + ")");
    }
}

}  // namespace kuntaplan
