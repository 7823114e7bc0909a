#include "jsonstat.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;
using nlohmann::json;

// Messages name members of the format, positions and counts, never the answer's own texts (ids,
// codes, labels): a formula can point the reader at any file, and the message is shown on screen.
// Every message starts with "JSON-stat: ". `where` names the part of the answer in a message: a
// member of the format ("id"), or a phrase (msg::jsonstat_the_dataset, msg::jsonstat_dimension,
// msg::jsonstat_dimension_member).

// The 1-based position of a dimension in "id", as messages name it ("the dimension of id 2").
std::string ordinal(std::size_t i) { return num(i + 1); }

// "the dimension of id 2: category.index": where a member of a dimension is, in a message.
std::string dimension_member(std::size_t order, const char* name) {
    return phrase(msg::jsonstat_dimension_member, ordinal(order), name);
}

const json& member(const json& object, const char* name, const std::string& where) {
    const auto it = object.find(name);
    if (it == object.end()) throw domain_error(msg::jsonstat_no_member, where, name);
    return *it;
}

std::string as_text(const json& value, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
    throw domain_error(msg::jsonstat_not_text, where);
}

std::size_t as_index(const json& value, std::size_t limit, const std::string& where) {
    if (!value.is_number_unsigned() && !value.is_number_integer())
        throw domain_error(msg::jsonstat_not_whole_number, where);
    const auto n = value.get<long long>();
    if (n < 0 || static_cast<unsigned long long>(n) >= limit)
        throw domain_error(msg::jsonstat_index_range, where, num(limit - 1));
    return static_cast<std::size_t>(n);
}

// A position written as an object key ("12"), in its one spelling (no "012"), so that no two keys
// name the same cell. `name` is the member ("value" or "status").
std::size_t key_index(const std::string& key, std::size_t limit, const char* name) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), n);
    if (ec != std::errc() || end != key.data() + key.size() || n >= limit ||
        (key.size() > 1 && key[0] == '0'))
        throw domain_error(msg::jsonstat_key_not_position, name, num(limit - 1));
    return n;
}

CellStatus status_of(const std::string& code) {
    if (code == "-") return CellStatus::nil;
    if (!code.empty() && code.size() <= 6 && code.find_first_not_of('.') == std::string::npos)
        return static_cast<CellStatus>(code.size());
    return CellStatus::other;
}

// The category codes of a dimension in their order: category.index as an array or an object of
// positions, or, without an index, the one category of category.label. `order`: the dimension's
// position in "id".
std::vector<std::string> category_codes(const json& category, std::size_t size, std::size_t order) {
    std::vector<std::string> codes(size);
    const auto index = category.find("index");
    if (index == category.end()) {
        const auto label = category.find("label");
        if (size != 1 || label == category.end() || !label->is_object() || label->size() != 1)
            throw domain_error(msg::jsonstat_no_category_index, ordinal(order));
        codes[0] = label->begin().key();
        return codes;
    }
    if (!index->is_array() && !index->is_object())
        throw domain_error(msg::jsonstat_category_index_type, ordinal(order));
    if (index->size() != size)
        throw domain_error(msg::jsonstat_category_count, ordinal(order), num(index->size()), num(size));
    const std::string where = dimension_member(order, "category.index");
    if (index->is_array()) {
        for (std::size_t i = 0; i < size; ++i) codes[i] = as_text((*index)[i], where);
        return codes;
    }
    std::vector<bool> set(size, false);
    for (const auto& [code, position] : index->items()) {
        const std::size_t p = as_index(position, size, where);
        if (set[p]) throw domain_error(msg::jsonstat_category_position_twice, ordinal(order), num(p));
        codes[p] = code;
        set[p] = true;
    }
    return codes;
}

Dimension read_dimension(const std::string& id, std::size_t order, const json& d, std::size_t size) {
    if (!d.is_object()) throw domain_error(msg::jsonstat_dimension_not_object, ordinal(order));
    Dimension dim;
    dim.code = id;
    dim.names.push_back(d.contains("label") ? as_text(d["label"], dimension_member(order, "label")) : id);
    const json& category = member(d, "category", phrase(msg::jsonstat_dimension, ordinal(order)));
    if (!category.is_object()) throw domain_error(msg::jsonstat_category_not_object, ordinal(order));
    std::vector<std::string> codes = category_codes(category, size, order);
    std::vector<std::string> labels = codes;
    if (const auto label = category.find("label"); label != category.end()) {
        if (!label->is_object()) throw domain_error(msg::jsonstat_category_label_not_object, ordinal(order));
        for (std::size_t i = 0; i < size; ++i)
            if (const auto it = label->find(codes[i]); it != label->end())
                labels[i] = as_text(*it, dimension_member(order, "category.label"));
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
        throw domain_error(msg::jsonstat_number_too_large);
    } catch (const json::parse_error& e) {
        // The line of the byte where parsing stopped; the library's own message quotes the text there.
        const std::size_t at = std::min<std::size_t>(e.byte, bytes.size());
        const auto line = 1 + static_cast<std::size_t>(std::count(
                                  bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        throw domain_error(msg::jsonstat_not_json, num(line));
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
    const std::string dataset = phrase(msg::jsonstat_the_dataset);
    const json& ids = member(root, "id", dataset);
    const json& sizes = member(root, "size", dataset);
    const json& dimensions = member(root, "dimension", dataset);
    if (!ids.is_array() || !sizes.is_array() || ids.size() != sizes.size() || ids.empty())
        throw domain_error(msg::jsonstat_id_size);
    if (!dimensions.is_object()) throw domain_error(msg::jsonstat_dimension_member_not_object);
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
        if (size == 0) throw domain_error(msg::jsonstat_dimension_size_zero, ordinal(i));
        if (cells > cell_limit / size) throw domain_error(msg::jsonstat_too_many_cells, num(cell_limit));
        cells *= size;
        const auto d = dimensions.find(id);
        if (d == dimensions.end()) throw domain_error(msg::jsonstat_no_dimension_entry, ordinal(i));
        Dimension dim = read_dimension(id, i, *d, size);
        dim.is_time = std::find(time_ids.begin(), time_ids.end(), id) != time_ids.end();
        table.dimensions.push_back(std::move(dim));
    }
    return cells;
}

// The values: an array of exactly one value per cell, or an object of positions (a sparse cube; the
// cells not listed are missing, so it has no length to check, and each position is written once).
void read_values(const json& root, std::size_t cells, StatTable& table) {
    const json& values = member(root, "value", phrase(msg::jsonstat_the_dataset));
    table.values.assign(cells, std::numeric_limits<double>::quiet_NaN());
    table.status.assign(cells, CellStatus::other);
    const auto put = [&](std::size_t at, const json& v) {
        if (v.is_null()) return;
        if (!v.is_number()) throw domain_error(msg::jsonstat_value_type, num(at));
        const double x = v.get<double>();
        if (!std::isfinite(x)) throw domain_error(msg::jsonstat_value_not_finite, num(at));
        table.values[at] = x;
        table.status[at] = CellStatus::value;
    };
    if (values.is_array()) {
        if (values.size() != cells)
            throw domain_error(msg::jsonstat_value_count, num(values.size()), num(cells));
        for (std::size_t i = 0; i < cells; ++i) put(i, values[i]);
    } else if (values.is_object()) {
        for (const auto& [key, v] : values.items()) put(key_index(key, cells, "value"), v);
    } else {
        throw domain_error(msg::jsonstat_value_member_type);
    }
}

// Status codes of the cells without a number ("..", "-"); on a number a status is only a note.
void read_status(const json& root, std::size_t cells, StatTable& table) {
    const auto status = root.find("status");
    if (status == root.end() || status->is_null()) return;
    const auto mark = [&](std::size_t at, const json& s) {
        if (s.is_null()) return;
        if (!s.is_string()) throw domain_error(msg::jsonstat_status_type, num(at));
        if (table.status[at] != CellStatus::value) table.status[at] = status_of(s.get<std::string>());
    };
    if (status->is_string() || (status->is_array() && status->size() == 1)) {
        const json& all = status->is_string() ? *status : (*status)[0];
        for (std::size_t i = 0; i < cells; ++i) mark(i, all);
    } else if (status->is_array()) {
        if (status->size() != cells)
            throw domain_error(msg::jsonstat_status_count, num(status->size()), num(cells));
        for (std::size_t i = 0; i < cells; ++i) mark(i, (*status)[i]);
    } else if (status->is_object()) {
        for (const auto& [key, s] : status->items()) mark(key_index(key, cells, "status"), s);
    } else {
        throw domain_error(msg::jsonstat_status_member_type);
    }
}

StatTable read_unchecked(std::string_view bytes) {
    const json root = parse(bytes);
    if (!root.is_object()) throw domain_error(msg::jsonstat_not_object);
    if (root.contains("dataset") && !root.contains("id")) throw domain_error(msg::jsonstat_version_1);
    if (const auto c = root.find("class"); c != root.end() && (!c->is_string() || *c != "dataset"))
        throw domain_error(msg::jsonstat_class);
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
        throw domain_error(msg::jsonstat_unexpected_structure, num(e.id));
    }
}

}  // namespace kuntaplan
