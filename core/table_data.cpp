#include "table_data.hpp"

#include <unicode/stringoptions.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "messages.hpp"

namespace kuntaplan {

using messages::num;

namespace {

bool same_text(std::string_view a, std::string_view b) {
    const auto ua = icu::UnicodeString::fromUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())));
    const auto ub = icu::UnicodeString::fromUTF8(icu::StringPiece(b.data(), static_cast<int32_t>(b.size())));
    return ua.caseCompare(ub, U_FOLD_CASE_DEFAULT) == 0;
}

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

// A short list of a dimension's values for messages: "SSS, 1, 2" or "0-4, 5-9, … (19 values)".
std::string some_values(const Dimension& d, std::size_t language) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(d.size(), 6);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i) out += ", ";
        out += d.value_codes[i];
        if (d.labels[language][i] != d.value_codes[i]) out += " (" + d.labels[language][i] + ")";
    }
    if (shown < d.size()) return phrase(msg::table_values_more, out, num(d.size()));
    return out;
}

}  // namespace

std::size_t StatTable::language_index(std::string_view language) const {
    language = trim(language);
    if (language.empty()) return 0;
    for (std::size_t i = 0; i < languages.size(); ++i)
        if (same_text(languages[i], language)) return i;
    std::string have;
    for (const auto& l : languages)
        have += (have.empty() ? "" : ", ") + (l.empty() ? phrase(msg::table_language_default) : l);
    throw domain_error(msg::table_language_unknown, have, language);
}

std::size_t StatTable::dimension_index(std::string_view name, std::size_t language) const {
    name = trim(name);
    for (std::size_t d = 0; d < dimensions.size(); ++d)
        if (same_text(dimensions[d].names[language], name)) return d;
    for (std::size_t d = 0; d < dimensions.size(); ++d)
        if (same_text(dimensions[d].code, name)) return d;
    // A name in another language of the table is accepted too.
    for (std::size_t d = 0; d < dimensions.size(); ++d)
        for (const auto& other : dimensions[d].names)
            if (same_text(other, name)) return d;
    std::string have;
    for (const auto& d : dimensions) have += (have.empty() ? "" : ", ") + d.names[language];
    throw domain_error(msg::table_variable_unknown, name, have);
}

std::size_t StatTable::value_index(std::size_t d, std::string_view code_or_label,
                                   std::size_t language) const {
    const Dimension& dim = dimensions[d];
    code_or_label = trim(code_or_label);
    for (std::size_t v = 0; v < dim.size(); ++v)
        if (dim.value_codes[v] == code_or_label) return v;
    std::optional<std::size_t> found;
    for (std::size_t v = 0; v < dim.size(); ++v) {
        if (!same_text(dim.labels[language][v], code_or_label)) continue;
        if (found) throw domain_error(msg::table_label_ambiguous, code_or_label, dim.names[language]);
        found = v;
    }
    if (found) return *found;
    for (std::size_t v = 0; v < dim.size(); ++v)
        if (same_text(dim.value_codes[v], code_or_label)) return v;
    throw domain_error(msg::table_value_unknown, dim.names[language], code_or_label,
                       some_values(dim, language));
}

// The readers call this on what a file gave, so its messages name variables and values by their
// positions only, never by the file's texts (see px.cpp).
void validate_table(const StatTable& table) {
    if (table.languages.empty()) throw domain_error(msg::table_no_language);
    if (table.dimensions.empty()) throw domain_error(msg::table_no_variables);
    std::size_t cells = 1;
    std::unordered_set<std::string_view> dimension_codes;
    for (std::size_t i = 0; i < table.dimensions.size(); ++i) {
        const Dimension& d = table.dimensions[i];
        const std::string variable = num(i + 1);
        if (d.names.size() != table.languages.size())
            throw domain_error(msg::table_variable_name_missing, variable);
        if (d.size() == 0) throw domain_error(msg::table_variable_no_values, variable);
        if (!dimension_codes.insert(d.code).second)
            throw domain_error(msg::table_variable_code_repeated, variable);
        if (d.labels.size() != table.languages.size())
            throw domain_error(msg::table_variable_labels_missing, variable);
        for (const auto& l : d.labels)
            if (l.size() != d.size())
                throw domain_error(msg::table_variable_labels_count, variable, num(d.size()), num(l.size()));
        std::unordered_map<std::string_view, std::size_t> codes;
        for (std::size_t v = 0; v < d.size(); ++v)
            if (const auto [it, fresh] = codes.emplace(d.value_codes[v], v); !fresh)
                throw domain_error(msg::table_value_code_repeated, variable, num(it->second + 1), num(v + 1));
        if (d.total && *d.total >= d.size()) throw domain_error(msg::table_total_out_of_range, variable);
        if (cells > kMaxTableCells / d.size())
            throw domain_error(msg::table_too_many_cells, num(kMaxTableCells));
        cells *= d.size();
    }
    if (table.values.size() != cells || table.status.size() != cells)
        throw domain_error(msg::table_cell_count, num(table.values.size()), num(cells));
}

// ------------------------------------------------------------------ provenance

std::string provenance_note(const StatTable& table, std::size_t language) {
    const std::string code = language < table.languages.size() ? table.languages[language] : "";
    struct Words {
        const char *source, *table, *updated, *licence, *see_terms;
    };
    static constexpr Words fi{"Lähde", "taulukko", "päivitetty", "lisenssi", "ks. lähteen käyttöehdot"};
    static constexpr Words sv{"Källa", "tabell", "uppdaterad", "licens", "se källans villkor"};
    static constexpr Words en{"Source", "table", "last updated", "licence", "see the source's terms"};
    const Words& w = code == "fi" ? fi : code == "sv" ? sv : en;
    const auto pick = [&](const std::vector<std::string>& texts) {
        return language < texts.size() ? texts[language] : texts.empty() ? std::string() : texts.front();
    };
    const TableInfo& info = table.info;
    const std::string source = pick(info.source);
    std::string note = std::string(w.source) + ": " + (source.empty() ? "?" : source);
    if (!info.table_id.empty()) note += ", " + std::string(w.table) + " " + info.table_id;
    if (const std::string title = pick(info.title); !title.empty()) note += ": " + title;
    if (!info.last_updated.empty()) note += "; " + std::string(w.updated) + " " + info.last_updated;
    const bool statistics_finland = info.table_id.rfind("statfin", 0) == 0 ||
                                    source.find("Tilastokeskus") != std::string::npos ||
                                    source.find("Statistics Finland") != std::string::npos ||
                                    source.find("Statistikcentralen") != std::string::npos;
    std::string licence;
    if (statistics_finland) {
        licence = "CC BY 4.0";
    } else if (info.copyright == "YES") {
        licence = w.see_terms;
    } else if (!info.copyright.empty() && info.copyright != "NO") {
        licence = info.copyright;
    }
    if (!licence.empty()) note += "; " + std::string(w.licence) + ": " + licence;
    return note;
}

// ------------------------------------------------------------------ age labels

std::optional<int> age_lower_bound(std::string_view label) {
    std::string_view s = trim(label);
    int age = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), age);
    if (ec != std::errc() || end == s.data() || age < 0 || age > 150) return std::nullopt;
    std::string_view rest = trim(s.substr(static_cast<std::size_t>(end - s.data())));
    if (rest.empty()) return age;
    if (rest == "+" || rest == "-") return age;
    if (rest.front() == '-') {  // "0 - 4", "0-4 years"
        rest = trim(rest.substr(1));
        int upper = 0;
        const auto [e2, ec2] = std::from_chars(rest.data(), rest.data() + rest.size(), upper);
        if (ec2 != std::errc() || upper < age) return std::nullopt;
        rest = trim(rest.substr(static_cast<std::size_t>(e2 - rest.data())));
    } else if (rest.front() == '+') {
        rest = trim(rest.substr(1));
    }
    if (rest.empty()) return age;
    static constexpr std::string_view units[] = {"years",
                                                 "year",
                                                 "yrs",
                                                 "vuotta",
                                                 "vuosi",
                                                 "v",
                                                 "v.",
                                                 "år",
                                                 "years and over",
                                                 "years or older",
                                                 "vuotta ja yli",
                                                 "år och äldre",
                                                 "and over",
                                                 "+ years",
                                                 "-vuotiaat",
                                                 "år+",
                                                 "years+",
                                                 "vuotta+"};
    for (std::string_view unit : units)
        if (same_text(rest, unit)) return age;
    return std::nullopt;
}

bool is_total(const Dimension& dimension, std::size_t value) {
    if (dimension.total) return *dimension.total == value;
    static constexpr std::string_view codes[] = {"SSS", "S", "TOTAL", "YHT", "ALL"};
    for (std::string_view code : codes)
        if (same_text(dimension.value_codes[value], code)) return true;
    static constexpr std::string_view labels[] = {"Yhteensä", "Totalt",   "Total",       "Kaikki",
                                                  "Alla",     "Koko maa", "Hela landet", "Whole country"};
    for (const auto& per_language : dimension.labels)
        for (std::string_view label : labels)
            if (same_text(per_language[value], label)) return true;
    return false;
}

// ------------------------------------------------------------------ reshaping

namespace {

// One item of a typed selection: its text, and whether it was written in double quotes.
struct Typed {
    std::string text;
    bool quoted = false;
};

// The text a user types for rows, columns or filters. Items are separated by ',' (and filters by
// ';'); an item in double quotes is taken as it is, separators included, "" standing for one quote
// ("Helsinki, keskusta"); an item without quotes runs to the next separator, blanks around it dropped.
class Selection {
public:
    Selection(std::string_view text, const char* what) : s_(text), what_(what) {}

    bool at_end() {
        skip_blanks();
        return p_ >= s_.size();
    }
    bool take(char c) {
        skip_blanks();
        if (p_ >= s_.size() || s_[p_] != c) return false;
        ++p_;
        return true;
    }
    std::size_t position() const { return p_; }
    std::string_view between(std::size_t from, std::size_t to) const {
        return trim(s_.substr(from, to - from));
    }

    // The next item, up to one of `stops` (left for the caller).
    Typed item(std::string_view stops) {
        skip_blanks();
        Typed out;
        if (p_ < s_.size() && s_[p_] == '"') {
            out.quoted = true;
            out.text = quoted();
            skip_blanks();
            if (p_ < s_.size() && stops.find(s_[p_]) == std::string_view::npos)
                throw domain_error(msg::argument, what_,
                                   phrase(msg::table_after_quote, num(p_), expected(stops)));
            return out;
        }
        const std::size_t start = p_;
        while (p_ < s_.size() && stops.find(s_[p_]) == std::string_view::npos) ++p_;
        out.text = std::string(trim(s_.substr(start, p_ - start)));
        return out;
    }

    // Items separated by ',' up to the end or one of `stops`; items left empty are skipped.
    std::vector<Typed> list(std::string_view stops) {
        const std::string all = "," + std::string(stops);
        std::vector<Typed> out;
        do {
            Typed t = item(all);
            if (t.quoted || !t.text.empty()) out.push_back(std::move(t));
        } while (take(','));
        return out;
    }

private:
    void skip_blanks() {
        while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\r' || s_[p_] == '\n')) ++p_;
    }

    std::string quoted() {
        const std::size_t open = p_++;
        std::string out;
        for (;;) {
            const std::size_t close = s_.find('"', p_);
            if (close == std::string_view::npos)
                throw domain_error(msg::argument, what_, phrase(msg::table_quote_open, num(open + 1)));
            out.append(s_.substr(p_, close - p_));
            p_ = close + 1;
            if (p_ >= s_.size() || s_[p_] != '"') return out;
            out += '"';
            ++p_;
        }
    }

    // "'=' or ';'": the characters in quotes, joined by the language's "or".
    static std::string expected(std::string_view stops) {
        if (stops.empty()) return {};
        const auto quoted = [](char c) { return "'" + std::string(1, c) + "'"; };
        std::string out = quoted(stops.back());
        for (std::size_t i = stops.size() - 1; i-- > 0;)
            out = phrase(msg::table_either, quoted(stops[i]), out);
        return out;
    }

    std::string_view s_;
    const char* what_;
    std::size_t p_ = 0;
};

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Rows or columns: variable names separated by ','.
std::vector<std::string> names(std::string_view text, const char* what) {
    Selection in(text, what);
    std::vector<std::string> out;
    for (Typed& t : in.list("")) out.push_back(std::move(t.text));
    return out;
}

bool is_value(const StatTable& table, std::size_t d, std::string_view text, std::size_t language) {
    try {
        table.value_index(d, text, language);
        return true;
    } catch (const domain_error&) {
        return false;
    }
}

// The values of a filter. A list without quotes that is also one label with commas is taken whole
// ("Tiedot=Työttömät työnhakijat, miehet (lkm.)"), unless its parts are values too: then it is
// ambiguous, and the user must quote.
std::vector<std::string> filter_values(const StatTable& table, std::size_t d, std::size_t language,
                                       const std::string& name, std::vector<Typed> values,
                                       std::string_view raw) {
    std::vector<std::string> out;
    bool quoted = false;
    for (Typed& v : values) {
        quoted = quoted || v.quoted;
        out.push_back(std::move(v.text));
    }
    if (quoted || out.size() < 2 || !is_value(table, d, raw, language)) return out;
    if (std::all_of(out.begin(), out.end(), [&](const auto& v) { return is_value(table, d, v, language); })) {
        std::string each;
        for (const auto& v : out) each += (each.empty() ? "" : ",") + quote(v);
        throw domain_error(msg::argument, "filters",
                           phrase(msg::table_filter_ambiguous, name, raw, quote(raw), each));
    }
    return {std::string(raw)};
}

}  // namespace

ReshapeRequest reshape_request(const StatTable& table, std::string_view rows, std::string_view columns,
                               std::string_view filters, std::string_view language) {
    ReshapeRequest request;
    request.language = std::string(trim(language));
    const std::size_t l = table.language_index(request.language);
    request.rows = names(rows, "rows");
    request.columns = names(columns, "columns");
    Selection in(filters, "filters");
    while (!in.at_end()) {
        if (in.take(';')) continue;
        const std::size_t start = in.position();
        const std::string name = in.item("=;").text;
        if (!in.take('=')) {
            throw domain_error(msg::argument, "filters",
                               phrase(msg::table_filter_no_equals, in.between(start, in.position())));
        }
        const std::size_t from = in.position();
        std::vector<Typed> values = in.list(";");
        const std::string_view raw = in.between(from, in.position());
        const std::size_t d = table.dimension_index(name, l);
        request.filters.emplace_back(name, filter_values(table, d, l, name, std::move(values), raw));
    }
    return request;
}

namespace {

enum class Role { unset, row, column, fixed };

// How a request lays the table out: each dimension's role, the dimensions down
// the rows and across the columns (first = slowest), and the values taken
// from each dimension, in order.
struct Layout {
    std::vector<Role> role;
    std::vector<std::size_t> row_dims, column_dims;
    std::vector<std::vector<std::size_t>> picked;
};

void assign_roles(const StatTable& table, const ReshapeRequest& request, std::size_t language,
                  Layout& layout) {
    const auto assign = [&](const std::vector<std::string>& names, Role r, std::vector<std::size_t>& into,
                            const char* what) {
        for (const auto& name : names) {
            const std::size_t d = table.dimension_index(name, language);
            if (layout.role[d] != Role::unset)
                throw domain_error(msg::argument, what,
                                   phrase(msg::table_variable_twice, table.dimensions[d].names[language]));
            layout.role[d] = r;
            into.push_back(d);
        }
    };
    assign(request.rows, Role::row, layout.row_dims, "rows");
    assign(request.columns, Role::column, layout.column_dims, "columns");
}

// The values the filters name; a filtered dimension that is neither a row nor
// a column becomes fixed at its one value. Returns which dimensions were filtered.
std::vector<bool> pick_filtered(const StatTable& table, const ReshapeRequest& request, std::size_t language,
                                Layout& layout) {
    std::vector<bool> filtered(table.dimensions.size(), false);
    for (const auto& [name, values] : request.filters) {
        const std::size_t d = table.dimension_index(name, language);
        const Dimension& dim = table.dimensions[d];
        if (filtered[d])
            throw domain_error(msg::argument, "filters",
                               phrase(msg::table_filtered_twice, dim.names[language]));
        filtered[d] = true;
        if (values.empty())
            throw domain_error(msg::argument, "filters",
                               phrase(msg::table_filter_no_value, dim.names[language]));
        if (layout.role[d] == Role::unset) {
            if (values.size() != 1)
                throw domain_error(
                    msg::argument, "filters",
                    phrase(msg::table_filter_one_value, dim.names[language], num(values.size())));
            layout.role[d] = Role::fixed;
        }
        for (const auto& v : values) {
            const std::size_t index = table.value_index(d, v, language);
            auto& picked = layout.picked[d];
            if (std::find(picked.begin(), picked.end(), index) != picked.end())
                throw domain_error(msg::argument, "filters",
                                   phrase(msg::table_filter_value_twice, v, dim.names[language]));
            picked.push_back(index);
        }
    }
    return filtered;
}

// The values of the dimensions without a filter: all but the totals of a row or
// column dimension; for any other, its only value or its total (the
// elimination value, as PxWeb does when a variable is left out).
void pick_unfiltered(const StatTable& table, const ReshapeRequest& request, std::size_t language,
                     const std::vector<bool>& filtered, Layout& layout) {
    for (std::size_t d = 0; d < table.dimensions.size(); ++d) {
        const Dimension& dim = table.dimensions[d];
        auto& picked = layout.picked[d];
        if (filtered[d]) continue;
        if (layout.role[d] == Role::unset) {
            if (dim.size() == 1) {
                picked = {0};
            } else if (dim.total) {
                picked = {*dim.total};
            } else {
                throw domain_error(msg::argument, "filters",
                                   phrase(msg::table_filter_missing, dim.names[language],
                                          dim.value_codes.back(), some_values(dim, language)));
            }
            layout.role[d] = Role::fixed;
            continue;
        }
        for (std::size_t v = 0; v < dim.size(); ++v)
            if (request.keep_totals || dim.size() == 1 || !is_total(dim, v)) picked.push_back(v);
        if (picked.empty()) picked = {0};
    }
}

// The cells of the block: the fixed dimensions' offset in the row-major cube
// plus the rows' and columns' offsets, mixed-radix products of the picks.
void copy_cells(const StatTable& table, const Layout& layout, Block& block) {
    const std::size_t n = table.dimensions.size();
    std::vector<std::size_t> stride(n, 1);
    for (std::size_t d = n - 1; d > 0; --d) stride[d - 1] = stride[d] * table.dimensions[d].size();
    std::size_t base = 0;
    for (std::size_t d = 0; d < n; ++d)
        if (layout.role[d] == Role::fixed) base += layout.picked[d][0] * stride[d];
    const auto offsets = [&](const std::vector<std::size_t>& dims) {
        std::vector<std::size_t> out{0};
        for (std::size_t d : dims) {
            const auto& picked = layout.picked[d];
            if (out.size() > kMaxTableCells / picked.size()) throw domain_error(msg::table_result_too_large);
            std::vector<std::size_t> next;
            next.reserve(out.size() * picked.size());
            for (std::size_t o : out)
                for (std::size_t v : picked) next.push_back(o + v * stride[d]);
            out = std::move(next);
        }
        return out;
    };
    const std::vector<std::size_t> row_offsets = offsets(layout.row_dims);
    const std::vector<std::size_t> column_offsets = offsets(layout.column_dims);
    if (row_offsets.size() > kMaxTableCells / column_offsets.size())
        throw domain_error(msg::table_result_too_large);
    block.rows = row_offsets.size();
    block.cols = column_offsets.size();
    block.values.resize(block.rows * block.cols);
    block.status.resize(block.rows * block.cols);
    for (std::size_t r = 0; r < block.rows; ++r)
        for (std::size_t c = 0; c < block.cols; ++c) {
            const std::size_t cell = base + row_offsets[r] + column_offsets[c];
            block.values[r * block.cols + c] = table.values[cell];
            block.status[r * block.cols + c] = table.status[cell];
        }
}

// Each dimension's label and code repeated in the mixed-radix order of `count`
// rows (or columns), and the dimensions' names.
void label_dimensions(const StatTable& table, const Layout& layout, const std::vector<std::size_t>& dims,
                      std::size_t count, std::size_t language, std::vector<std::vector<std::string>>& labels,
                      std::vector<std::vector<std::string>>& codes, std::vector<std::string>& names) {
    std::size_t inner = count;
    for (std::size_t d : dims) {
        const Dimension& dim = table.dimensions[d];
        const auto& picked = layout.picked[d];
        inner /= picked.size();
        std::vector<std::string> l, c;
        l.reserve(count);
        c.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t v = picked[(i / inner) % picked.size()];
            l.push_back(dim.labels[language][v]);
            c.push_back(dim.value_codes[v]);
        }
        labels.push_back(std::move(l));
        codes.push_back(std::move(c));
        names.push_back(dim.names[language]);
    }
}

// The rows' lower ages when the only row dimension is an age classification
// (every label an age), empty otherwise.
std::vector<int> row_ages(const StatTable& table, const Layout& layout, const Block& block) {
    std::vector<int> ages;
    if (layout.row_dims.size() != 1 || table.dimensions[layout.row_dims[0]].is_time) return ages;
    for (const auto& label : block.row_labels[0]) {
        const auto age = age_lower_bound(label);
        if (!age) return {};
        ages.push_back(*age);
    }
    return ages;
}

}  // namespace

Block reshape(const StatTable& table, const ReshapeRequest& request) {
    const std::size_t language = table.language_index(request.language);
    const std::size_t n = table.dimensions.size();
    if (request.rows.empty()) throw domain_error(msg::table_rows_empty);
    if (request.columns.empty()) throw domain_error(msg::table_columns_empty);
    Layout layout{std::vector<Role>(n, Role::unset), {}, {}, std::vector<std::vector<std::size_t>>(n)};
    assign_roles(table, request, language, layout);
    const std::vector<bool> filtered = pick_filtered(table, request, language, layout);
    pick_unfiltered(table, request, language, filtered, layout);
    Block block;
    copy_cells(table, layout, block);
    label_dimensions(table, layout, layout.row_dims, block.rows, language, block.row_labels, block.row_codes,
                     block.row_names);
    label_dimensions(table, layout, layout.column_dims, block.cols, language, block.column_labels,
                     block.column_codes, block.column_names);
    block.row_ages = row_ages(table, layout, block);
    return block;
}

}  // namespace kuntaplan
