#include "px.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

namespace kuntaplan {
namespace {

std::string at_line(std::size_t line) { return "line " + std::to_string(line) + ": "; }

[[noreturn]] void fail(std::size_t line, const std::string& what) {
    throw domain_error(at_line(line) + what);
}

// What a file quotes in a message: printable ASCII only, at most 40 bytes.
std::string shown(std::string_view raw) {
    std::string out;
    for (char c : raw.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (raw.size() > 40) out += "…";
    return out;
}

std::string upper_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// One item of a keyword's value: a text (adjacent quoted parts joined) or a bare token.
struct Item {
    std::string text;
    bool quoted = false;
    std::size_t line = 0;
};

struct Entry {
    std::string keyword;   // upper case
    std::string language;  // "" = default
    std::vector<std::string> subkeys;
    std::vector<Item> items;
    std::size_t line = 0;
};

// Scans the metadata part of the raw bytes (all its syntax is ASCII, so the
// bytes need no decoding yet) up to and including "DATA=".
class Scanner {
public:
    explicit Scanner(std::string_view bytes) : s_(bytes) {}

    // The next entry, or nullopt at DATA= (then data_offset() is where the numbers start).
    std::optional<Entry> next() {
        skip_blanks();
        if (p_ >= s_.size()) fail(line_, "the file ends without a DATA part (the keyword DATA= is missing)");
        Entry e;
        e.line = line_;
        const std::size_t start = p_;
        while (p_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '-' || s_[p_] == '_'))
            ++p_;
        if (p_ == start || p_ - start > 80)
            fail(line_, "expected a keyword, found '" + shown(s_.substr(start, 20)) + "'");
        e.keyword = upper_ascii(s_.substr(start, p_ - start));
        skip_blanks();
        if (peek() == '[') {
            ++p_;
            const std::size_t ls = p_;
            while (p_ < s_.size() && s_[p_] != ']' && s_[p_] != '\n' && p_ - ls <= 16) ++p_;
            if (peek() != ']') fail(e.line, e.keyword + ": the language in [ ] is not closed");
            e.language = std::string(s_.substr(ls, p_ - ls));
            ++p_;
            skip_blanks();
        }
        if (peek() == '(') {
            ++p_;
            for (;;) {
                skip_blanks();
                if (peek() != '"') fail(line_, e.keyword + ": expected a quoted name inside ( )");
                e.subkeys.push_back(quoted());
                skip_blanks();
                if (peek() == ',') {
                    ++p_;
                    continue;
                }
                if (peek() == ')') {
                    ++p_;
                    break;
                }
                fail(line_, e.keyword + ": the list in ( ) is not closed");
            }
            skip_blanks();
        }
        if (peek() != '=') fail(line_, e.keyword + ": expected '=' after the keyword");
        ++p_;
        if (e.keyword == "DATA") return std::nullopt;
        read_value(e);
        return e;
    }

    std::size_t offset() const { return p_; }
    std::size_t line() const { return line_; }

private:
    char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }

    void skip_blanks() {
        while (p_ < s_.size() && is_blank(s_[p_])) {
            if (s_[p_] == '\n') ++line_;
            ++p_;
        }
    }

    // A quoted string at p_ (on '"'); strings do not span lines.
    std::string quoted() {
        const std::size_t open_line = line_;
        ++p_;
        const std::size_t start = p_;
        while (p_ < s_.size() && s_[p_] != '"' && s_[p_] != '\n' && s_[p_] != '\r') ++p_;
        if (peek() != '"') fail(open_line, "a quoted text is not closed before the end of the line");
        std::string out(s_.substr(start, p_ - start));
        ++p_;
        return out;
    }

    void read_value(Entry& e) {
        for (;;) {
            skip_blanks();
            Item item;
            item.line = line_;
            if (peek() == '"') {
                item.quoted = true;
                item.text = quoted();
                // Adjacent quoted parts continue the same text (long strings are split over lines).
                for (;;) {
                    const std::size_t save = p_, save_line = line_;
                    skip_blanks();
                    if (peek() != '"') {
                        p_ = save;
                        line_ = save_line;
                        break;
                    }
                    item.text += quoted();
                }
            } else {
                // A bare token: a number, YES/NO, or TLIST(...) with anything inside the parentheses.
                const std::size_t start = p_;
                int depth = 0;
                while (p_ < s_.size()) {
                    const char c = s_[p_];
                    if (c == '\n') {
                        if (depth > 0) fail(item.line, e.keyword + ": the ( ) of the value is not closed");
                        break;
                    }
                    if (c == '(') ++depth;
                    if (c == ')') --depth;
                    if (depth == 0 && (c == ',' || c == ';' || c == '"' || is_blank(c))) break;
                    ++p_;
                }
                if (p_ == start) {
                    if (p_ >= s_.size())
                        fail(e.line, e.keyword + ": the value has no ending ';' before the end of the file");
                    fail(line_, e.keyword + ": expected a value, found '" + shown(s_.substr(p_, 10)) + "'");
                }
                item.text = std::string(s_.substr(start, p_ - start));
            }
            e.items.push_back(std::move(item));
            skip_blanks();
            if (peek() == ',') {
                ++p_;
                continue;
            }
            if (peek() == ';') {
                ++p_;
                return;
            }
            if (p_ >= s_.size())
                fail(e.line, e.keyword + ": the value has no ending ';' before the end of the file");
            fail(line_,
                 e.keyword + ": expected ',' or ';' after a value, found '" + shown(s_.substr(p_, 10)) + "'");
        }
    }

    std::string_view s_;
    std::size_t p_ = 0;
    std::size_t line_ = 1;
};

// ---------------------------------------------------------------- character set

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// The code pages the reader accepts, by their names in PX files.
const char* icu_name(std::string_view codepage) {
    const std::string name = upper_ascii(codepage);
    if (name == "ISO-8859-1" || name == "ISO8859-1" || name == "LATIN1" || name == "ISO_8859-1")
        return "ISO-8859-1";
    if (name == "ISO-8859-15" || name == "ISO8859-15" || name == "LATIN9" || name == "ISO_8859-15")
        return "ISO-8859-15";
    if (name == "WINDOWS-1252" || name == "CP1252" || name == "WINDOWS1252" || name == "ANSI")
        return "windows-1252";
    if (name == "UTF-8" || name == "UTF8") return "UTF-8";
    if (name == "US-ASCII" || name == "ASCII") return "US-ASCII";
    return nullptr;
}

class Decoder {
public:
    explicit Decoder(const char* name) : utf8_(std::string_view(name) == "UTF-8") {
        UErrorCode status = U_ZERO_ERROR;
        converter_.reset(ucnv_open(name, &status));
        if (U_FAILURE(status)) throw domain_error(std::string("ICU cannot open the code page ") + name);
        ucnv_setToUCallBack(converter_.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }

    // The text in UTF-8; domain_error naming `line` for bytes that are not valid in the code page.
    std::string decode(const std::string& raw, std::size_t line) {
        if (std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            return raw;
        units_.resize(raw.size() + 1);
        UErrorCode status = U_ZERO_ERROR;
        ucnv_reset(converter_.get());
        const int32_t n = ucnv_toUChars(converter_.get(), units_.data(), static_cast<int32_t>(units_.size()),
                                        raw.data(), static_cast<int32_t>(raw.size()), &status);
        if (U_FAILURE(status))
            fail(line, std::string("the text is not valid ") + (utf8_ ? "UTF-8" : "in the file's code page") +
                           " ('" + shown(raw) + "')");
        int32_t length = 0;
        status = U_ZERO_ERROR;
        u_strToUTF8(nullptr, 0, &length, units_.data(), n, &status);
        std::string out(static_cast<std::size_t>(length), '\0');
        status = U_ZERO_ERROR;
        u_strToUTF8(out.data(), length, nullptr, units_.data(), n, &status);
        if (U_FAILURE(status)) fail(line, "the text cannot be converted to UTF-8");
        return out;
    }

private:
    std::unique_ptr<UConverter, ConverterCloser> converter_;
    std::vector<UChar> units_;
    bool utf8_;
};

// ---------------------------------------------------------------- the DATA part

std::optional<CellStatus> symbol(std::string_view token) {
    if (token == "-") return CellStatus::nil;
    if (token.size() >= 1 && token.size() <= 6 && token.find_first_not_of('.') == std::string_view::npos)
        return static_cast<CellStatus>(token.size());
    return std::nullopt;
}

void read_data(std::string_view s, std::size_t line, std::size_t expected, StatTable& table) {
    // Every value takes at least two bytes (a digit and a delimiter), so a
    // cube far larger than the file is rejected before anything is allocated.
    if (expected / 2 > s.size() + 1)
        fail(line, "the variables imply " + std::to_string(expected) +
                       " values, but the DATA part has only " + std::to_string(s.size()) + " bytes");
    table.values.resize(expected);
    table.status.assign(expected, CellStatus::value);
    std::size_t count = 0, p = 0;
    const auto delimiter = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ';'; };
    while (p < s.size()) {
        const char c = s[p];
        if (c == '\n') {
            ++line;
            ++p;
            continue;
        }
        if (delimiter(c)) {
            ++p;
            continue;
        }
        std::string_view token;
        if (c == '"') {
            const std::size_t end = s.find_first_of("\"\n", p + 1);
            if (end == std::string_view::npos || s[end] != '"')
                fail(line, "DATA: a quoted symbol is not closed before the end of the line");
            token = s.substr(p + 1, end - p - 1);
            p = end + 1;
            if (!symbol(token))
                fail(line, "DATA: unknown symbol \"" + shown(token) +
                               "\"; expected a number or one of \".\" \"..\" \"...\" \"....\" \".....\" "
                               "\"......\" \"-\"");
        } else {
            const std::size_t start = p;
            while (p < s.size() && !delimiter(s[p]) && s[p] != '\n' && s[p] != '"') ++p;
            token = s.substr(start, p - start);
        }
        if (count == expected)
            fail(line, "DATA has more values than the variables imply (" + std::to_string(expected) + ")");
        // Most cells are whole numbers: read those digit by digit (exact below 2^53), the rest with
        // from_chars.
        if (!token.empty() && token.size() <= 15 &&
            std::all_of(token.begin(), token.end(), [](char d) { return d >= '0' && d <= '9'; })) {
            std::int64_t whole = 0;
            for (char d : token) whole = whole * 10 + (d - '0');
            table.values[count++] = static_cast<double>(whole);
            continue;
        }
        if (const auto missing = symbol(token)) {
            table.status[count] = *missing;
            table.values[count] = std::numeric_limits<double>::quiet_NaN();
        } else {
            double v = 0;
            const char* first = token.data();
            if (!token.empty() && token.front() == '+') ++first;
            const auto [end, ec] = std::from_chars(first, token.data() + token.size(), v);
            if (ec != std::errc() || end != token.data() + token.size() || !std::isfinite(v))
                fail(line, "DATA: '" + shown(token) + "' is not a number (value " +
                               std::to_string(count + 1) + ")");
            table.values[count] = v;
        }
        ++count;
    }
    if (count != expected)
        fail(line, "DATA has " + std::to_string(count) + " values, but the variables imply " +
                       std::to_string(expected));
}

// ---------------------------------------------------------------- metadata

using Key = std::tuple<std::string, std::string, std::vector<std::string>>;

class Metadata {
public:
    void add(Entry e) {
        Key key{e.keyword, e.language, e.subkeys};
        const auto [it, inserted] = entries_.emplace(std::move(key), std::move(e));
        if (!inserted) {
            const Entry& first = it->second;
            // Reported on the later line.
            throw_duplicate(first);
        }
    }
    void set_last_line(std::size_t line) { last_line_ = line; }

    const Entry* find(const std::string& keyword, const std::string& language = "",
                      const std::vector<std::string>& subkeys = {}) const {
        const auto it = entries_.find(Key{keyword, language, subkeys});
        return it == entries_.end() ? nullptr : &it->second;
    }
    // The first entry of a keyword with any subkeys, in the given language.
    const Entry* find_any(const std::string& keyword, const std::string& language = "") const {
        for (const auto& [key, e] : entries_)
            if (std::get<0>(key) == keyword && std::get<1>(key) == language) return &e;
        return nullptr;
    }
    std::map<Key, Entry>& all() { return entries_; }

private:
    [[noreturn]] void throw_duplicate(const Entry& first) const {
        std::string name = first.keyword;
        if (!first.language.empty()) name += "[" + first.language + "]";
        if (!first.subkeys.empty()) name += "(\"" + first.subkeys.front() + "\")";
        fail(last_line_, shown(name) + " appears twice (first on line " + std::to_string(first.line) + ")");
    }

    std::map<Key, Entry> entries_;
    std::size_t last_line_ = 0;
};

std::vector<std::string> texts(const Entry& e) {
    std::vector<std::string> out;
    out.reserve(e.items.size());
    for (const Item& i : e.items) out.push_back(i.text);
    return out;
}

std::string text(const Entry* e) { return e && !e->items.empty() ? e->items.front().text : std::string(); }

}  // namespace

StatTable read_px(std::string_view bytes, const PxReadOptions& options) {
    bool bom = false;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        bom = true;
    }

    // 1. The metadata entries, still in the file's code page.
    Scanner scanner(bytes);
    Metadata meta;
    std::size_t entry_count = 0;
    while (auto entry = scanner.next()) {
        if (++entry_count > 1'000'000) fail(entry->line, "the file has more than a million keywords");
        meta.set_last_line(entry->line);
        if (entry->keyword == "KEYS")
            fail(entry->line, "files with KEYS (sparse data) are not supported; save the table without KEYS");
        meta.add(std::move(*entry));
    }
    const std::size_t data_line = scanner.line();

    // 2. Decode every text to UTF-8.
    const Entry* codepage_entry = meta.find("CODEPAGE");
    const char* codepage = "ISO-8859-1";  // the specification's default
    if (options.text_is_utf8 || bom) {
        codepage = "UTF-8";
    } else if (codepage_entry) {
        codepage = icu_name(text(codepage_entry));
        if (!codepage)
            fail(codepage_entry->line, "unknown code page '" + shown(text(codepage_entry)) +
                                           "'; supported: iso-8859-1, iso-8859-15, windows-1252, utf-8");
    }
    Decoder decoder(codepage);
    Metadata decoded;
    for (auto& [key, e] : meta.all()) {
        Entry d = e;
        d.language = decoder.decode(e.language, e.line);
        for (auto& s : d.subkeys) s = decoder.decode(s, e.line);
        for (auto& i : d.items) i.text = decoder.decode(i.text, i.line);
        decoded.set_last_line(e.line);
        decoded.add(std::move(d));
    }

    // 3. Languages: the default first.
    StatTable table;
    std::string default_language = text(decoded.find("LANGUAGE"));
    const Entry* languages = decoded.find("LANGUAGES");
    if (default_language.empty() && languages && !languages->items.empty())
        default_language = languages->items.front().text;
    table.languages.push_back(default_language);
    if (languages)
        for (const Item& l : languages->items)
            if (l.text != default_language) {
                if (std::find(table.languages.begin(), table.languages.end(), l.text) !=
                    table.languages.end())
                    fail(languages->line, "LANGUAGES lists '" + l.text + "' twice");
                table.languages.push_back(l.text);
            }
    // A keyword in the default language may carry its [lang] explicitly.
    const auto lookup = [&](const std::string& keyword, std::size_t language,
                            const std::vector<std::string>& subkeys = {}) -> const Entry* {
        if (language == 0) {
            if (const Entry* e = decoded.find(keyword, "", subkeys)) return e;
            return default_language.empty() ? nullptr : decoded.find(keyword, default_language, subkeys);
        }
        return decoded.find(keyword, table.languages[language], subkeys);
    };

    // 4. The variables, in data order: STUB then HEADING.
    const auto variables = [&](std::size_t language) {
        std::vector<std::string> names;
        if (const Entry* e = lookup("STUB", language)) names = texts(*e);
        const std::size_t stub = names.size();
        if (const Entry* e = lookup("HEADING", language))
            for (auto& n : texts(*e)) names.push_back(std::move(n));
        return std::make_pair(names, stub);
    };
    const auto [names, stub_count] = variables(0);
    if (names.empty()) fail(data_line, "the file has neither STUB nor HEADING, so it has no variables");
    table.stub_count = stub_count;
    const std::size_t L = table.languages.size();
    std::vector<std::vector<std::string>> names_by_language(L);
    names_by_language[0] = names;
    for (std::size_t l = 1; l < L; ++l) {
        auto [other, other_stub] = variables(l);
        if (other.empty()) {
            other = names;  // the language has no translation: fall back to the default names
        } else if (other.size() != names.size() || other_stub != stub_count) {
            const Entry* e = lookup("STUB", l) ? lookup("STUB", l) : lookup("HEADING", l);
            fail(e->line, "STUB/HEADING[" + table.languages[l] + "] name " + std::to_string(other.size()) +
                              " variables, but the default language names " + std::to_string(names.size()));
        }
        names_by_language[l] = std::move(other);
    }

    std::size_t cells = 1;
    for (std::size_t d = 0; d < names.size(); ++d) {
        Dimension dim;
        const std::string& name = names[d];
        if (std::count(names.begin(), names.end(), name) > 1)
            fail(data_line, "the variable '" + name + "' appears twice in STUB/HEADING");
        const Entry* values = lookup("VALUES", 0, {name});
        if (!values) fail(data_line, "the variable '" + name + "' has no VALUES(\"" + name + "\")");
        const Entry* code_entry = lookup("CODES", 0, {name});
        dim.value_codes = code_entry ? texts(*code_entry) : texts(*values);
        if (dim.value_codes.size() != values->items.size())
            fail(code_entry->line, "CODES(\"" + name + "\") has " + std::to_string(dim.value_codes.size()) +
                                       " codes, but VALUES has " + std::to_string(values->items.size()));
        {
            std::map<std::string_view, std::size_t> seen;
            for (std::size_t v = 0; v < dim.value_codes.size(); ++v)
                if (!seen.emplace(dim.value_codes[v], v).second)
                    fail(code_entry ? code_entry->line : values->line,
                         (code_entry ? "CODES" : "VALUES") + std::string("(\"") + name + "\") has '" +
                             shown(dim.value_codes[v]) + "' twice");
        }
        const Entry* variable_code = lookup("VARIABLECODE", 0, {name});
        dim.code = variable_code ? text(variable_code) : name;
        for (std::size_t l = 0; l < L; ++l) {
            const std::string& local = names_by_language[l][d];
            dim.names.push_back(local);
            const Entry* local_values = l == 0 ? values : lookup("VALUES", l, {local});
            if (!local_values) {
                dim.labels.push_back(texts(*values));
                continue;
            }
            if (local_values->items.size() != values->items.size())
                fail(local_values->line, "VALUES[" + table.languages[l] + "](\"" + local + "\") has " +
                                             std::to_string(local_values->items.size()) +
                                             " values, but the default language has " +
                                             std::to_string(values->items.size()));
            dim.labels.push_back(texts(*local_values));
        }
        if (const Entry* e = lookup("ELIMINATION", 0, {name}); e && !e->items.empty() && e->items[0].quoted) {
            const auto& labels = dim.labels[0];
            const auto it = std::find(labels.begin(), labels.end(), e->items[0].text);
            if (it != labels.end()) dim.total = static_cast<std::size_t>(it - labels.begin());
        }
        dim.is_time = lookup("TIMEVAL", 0, {name}) != nullptr;
        if (dim.value_codes.empty()) fail(values->line, "VALUES(\"" + name + "\") is empty");
        if (cells > max_table_cells / dim.size())
            fail(data_line, "the table would have more than " + std::to_string(max_table_cells) + " cells");
        cells *= dim.size();
        table.dimensions.push_back(std::move(dim));
    }

    // 5. Provenance texts.
    TableInfo& info = table.info;
    info.table_id = text(lookup("TABLEID", 0));
    if (info.table_id.empty()) info.table_id = text(lookup("MATRIX", 0));
    for (std::size_t l = 0; l < L; ++l) {
        const auto per_language = [&](const char* keyword, const char* fallback) {
            const Entry* e = lookup(keyword, l);
            if (!e && fallback) e = lookup(fallback, l);
            if (!e) e = lookup(keyword, 0);
            return text(e);
        };
        info.title.push_back(per_language("TITLE", "DESCRIPTION"));
        info.source.push_back(per_language("SOURCE", nullptr));
        info.contents.push_back(per_language("CONTENTS", nullptr));
        info.units.push_back(per_language("UNITS", nullptr));
    }
    const Entry* updated = lookup("LAST-UPDATED", 0);
    if (!updated) updated = decoded.find_any("LAST-UPDATED", "");
    info.last_updated = text(updated);
    info.copyright = text(lookup("COPYRIGHT", 0));
    if (const Entry* e = lookup("DECIMALS", 0)) {
        const std::string d = text(e);
        int decimals = -1;
        const auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), decimals);
        if (ec != std::errc() || end != d.data() + d.size() || decimals < 0 || decimals > 15)
            fail(e->line, "DECIMALS must be a whole number 0..15, but was: " + shown(d));
        info.decimals = decimals;
    }

    // 6. The numbers.
    read_data(bytes.substr(scanner.offset()), data_line, cells, table);
    validate_table(table);
    return table;
}

}  // namespace kuntaplan
