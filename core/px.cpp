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

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;

// What the messages say. A formula in an emailed workbook can point the reader at any file of whoever
// opens it (a key, a password list), and the message is shown on screen. So a message names lines,
// positions, counts, what was expected and the PX keywords of the specification, but never quotes
// the file's bytes: no values, no labels, no unknown keywords. The one exception is the name in
// CODEPAGE (see open_codepage). Every message starts with the line ("line 3: ..."); a PX keyword is
// an argument as it is, a word that is no PX keyword is named by its line only (keyword_label).

// A keyword's value quoted in a message: printable ASCII only, at most 40 bytes.
std::string shown(std::string_view raw) {
    std::string out;
    for (char c : raw.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (raw.size() > 40) out += "…";
    return out;
}

// The keywords of the specification (2013, "Alphabetical list of keywords"), the only words of a
// file a message names.
bool is_px_keyword(std::string_view keyword) {
    static constexpr std::string_view keywords =
        " AGGREGALLOWED ATTRIBUTE-ID ATTRIBUTE-TEXT ATTRIBUTES AUTOPEN AXIS-VERSION BASEPERIOD CELLNOTE "
        "CELLNOTEX CFPRICES CHARSET CODEPAGE CODES CONFIDENTIAL CONTACT CONTENTS CONTVARIABLE COPYRIGHT "
        "CREATION-DATE DATA DATABASE DATANOTE DATANOTECELL DATANOTESUM DATASYMBOL1 DATASYMBOL2 "
        "DATASYMBOL3 DATASYMBOL4 DATASYMBOL5 DATASYMBOL6 DATASYMBOLNIL DATASYMBOLSUM DAYADJ DECIMALS "
        "DEFAULT-GRAPH DESCRIPTION DESCRIPTIONDEFAULT DIRECTORY-PATH DOMAIN DOUBLECOLUMN ELIMINATION "
        "FIRST-PUBLISHED HEADING HIERARCHIES HIERARCHYLEVELS HIERARCHYLEVELSOPEN HIERARCHYNAMES INFO "
        "INFOFILE KEYS LANGUAGE LANGUAGES LAST-UPDATED LINK MAP MATRIX META-ID NEXT-UPDATE NOTE NOTEX "
        "OFFICIAL-STATISTICS PARTITIONED PRECISION PRESTEXT PX-SERVER REFPERIOD ROUNDING SEASADJ "
        "SHOWDECIMALS SOURCE STOCKFA STUB SUBJECT-AREA SUBJECT-CODE SURVEY SYNONYMS TABLEID TIMEVAL "
        "TITLE UNITS UPDATE-FREQUENCY VALUENOTE VALUENOTEX VALUES VARIABLE-TYPE VARIABLECODE ";
    return !keyword.empty() && keyword.find(' ') == std::string_view::npos &&
           keywords.find(" " + std::string(keyword) + " ") != std::string_view::npos;
}

// How a message names the keyword of an entry: a PX keyword by name, any other word by its line only.
std::string keyword_label(const std::string& keyword, std::size_t line) {
    if (is_px_keyword(keyword)) return keyword;
    return phrase(msg::px_keyword_not_px, num(line));
}

// The note keywords a file may repeat (Statistics Norway writes VALUENOTEX once per paragraph): the
// texts of the repeats are appended to the first entry's.
bool is_note(std::string_view keyword) {
    return keyword == "NOTE" || keyword == "NOTEX" || keyword == "VALUENOTE" || keyword == "VALUENOTEX" ||
           keyword == "CELLNOTE" || keyword == "CELLNOTEX";
}

std::string upper_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Without the blanks around it: a name in ( ) or [ ] is matched as PX-Edit and PxWeb match it, so
// VALUES("Region ") belongs to STUB="Region".
std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    return text;
}

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

std::string label(const Entry& e) { return keyword_label(e.keyword, e.line); }

// Scans the metadata part of the raw bytes (all its syntax is ASCII, so the
// bytes need no decoding yet) up to and including "DATA=".
class Scanner {
public:
    explicit Scanner(std::string_view bytes) : s_(bytes) {}

    // The next entry, or nullopt at DATA= (then offset() is where the numbers start).
    std::optional<Entry> next() {
        skip_blanks();
        if (p_ >= s_.size()) fail_hinted(msg::px_no_data_part, num(line_));
        ++entries_;
        Entry e;
        e.line = line_;
        e.keyword = keyword();
        skip_blanks();
        if (peek() == '[') e.language = language(e);
        if (peek() == '(') e.subkeys = subkeys(e);
        if (peek() != '=') fail_hinted(msg::px_expected_equals, num(line_), label(e));
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

    // After a quoted text that ran over several lines, a syntax error just after it most likely
    // means that the text lacks its closing quote: the message then says where it opened.
    template <std::size_t N, class... A>
    [[noreturn]] void fail_hinted(const Message<N>& message, const A&... arguments) const {
        if (multiline_open_ == 0 || entries_ > multiline_entry_ + 1)
            throw domain_error(message, arguments...);
        throw domain_error(msg::px_quote_hint, phrase(message, arguments...), num(multiline_open_));
    }

    std::string keyword() {
        const std::size_t start = p_;
        while (p_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '-' || s_[p_] == '_'))
            ++p_;
        if (p_ == start || p_ - start > 80) fail_hinted(msg::px_expected_keyword, num(line_));
        return upper_ascii(s_.substr(start, p_ - start));
    }

    std::string language(const Entry& e) {
        const std::size_t start = ++p_;
        while (p_ < s_.size() && s_[p_] != ']' && s_[p_] != '\n' && p_ - start <= 16) ++p_;
        if (peek() != ']') throw domain_error(msg::px_language_not_closed, num(e.line), label(e));
        const std::string out(trimmed(s_.substr(start, p_ - start)));
        ++p_;
        skip_blanks();
        return out;
    }

    std::vector<std::string> subkeys(const Entry& e) {
        std::vector<std::string> out;
        ++p_;
        for (;;) {
            skip_blanks();
            if (peek() != '"') throw domain_error(msg::px_expected_subkey_name, num(line_), label(e));
            out.push_back(name());
            skip_blanks();
            if (peek() == ',') {
                ++p_;
                continue;
            }
            if (peek() == ')') {
                ++p_;
                skip_blanks();
                return out;
            }
            throw domain_error(msg::px_subkeys_not_closed, num(line_), label(e));
        }
    }

    // A quoted name in ( ) at p_ (on '"'): on one line, as the specification demands.
    std::string name() {
        const std::size_t start = ++p_;
        while (p_ < s_.size() && s_[p_] != '"' && s_[p_] != '\n') ++p_;
        if (peek() != '"') throw domain_error(msg::px_name_not_closed, num(line_));
        const std::string out(trimmed(s_.substr(start, p_ - start)));
        ++p_;
        return out;
    }

    // A quoted text at p_ (on '"'). It may run over several lines (Statistics Norway's NOTEs do);
    // each line break inside it is kept as one '\n'.
    std::string quoted() {
        const std::size_t open_line = line_;
        std::string out;
        for (++p_;;) {
            const std::size_t end = s_.find_first_of("\"\n", p_);
            if (end == std::string_view::npos) throw domain_error(msg::px_text_not_closed, num(open_line));
            std::string_view part = s_.substr(p_, end - p_);
            p_ = end + 1;
            if (s_[end] == '"') {
                out.append(part);
                return out;
            }
            if (!part.empty() && part.back() == '\r') part.remove_suffix(1);
            out.append(part).push_back('\n');
            ++line_;
            multiline_open_ = open_line;
            multiline_entry_ = entries_;
        }
    }

    // A quoted item: adjacent quoted parts continue the same text (long texts are split over lines),
    // and HIERARCHIES' "parent":"child" becomes one text "parent:child", as PX-Edit reads it.
    Item quoted_item() {
        Item item;
        item.line = line_;
        item.quoted = true;
        item.text = quoted();
        for (;;) {
            const std::size_t save = p_, save_line = line_;
            skip_blanks();
            if (peek() == ':') {
                ++p_;
                skip_blanks();
                if (peek() != '"') throw domain_error(msg::px_expected_child_name, num(line_));
                item.text += ':';
            } else if (peek() != '"') {
                p_ = save;
                line_ = save_line;
                return item;
            }
            item.text += quoted();
        }
    }

    // A bare token: a number, YES/NO, or TLIST(...) with anything inside the parentheses.
    Item bare_item(const Entry& e) {
        Item item;
        item.line = line_;
        const std::size_t start = p_;
        int depth = 0;
        while (p_ < s_.size()) {
            const char c = s_[p_];
            if (c == '\n') {
                if (depth > 0) throw domain_error(msg::px_value_parentheses, num(item.line), label(e));
                break;
            }
            if (c == '(') ++depth;
            if (c == ')') --depth;
            if (depth == 0 && (c == ',' || c == ';' || c == '"' || is_blank(c))) break;
            ++p_;
        }
        if (p_ == start) {
            if (p_ >= s_.size()) fail_hinted(msg::px_value_no_end, num(e.line), label(e));
            fail_hinted(msg::px_expected_value, num(line_), label(e));
        }
        item.text = std::string(s_.substr(start, p_ - start));
        return item;
    }

    void read_value(Entry& e) {
        for (;;) {
            skip_blanks();
            e.items.push_back(peek() == '"' ? quoted_item() : bare_item(e));
            skip_blanks();
            if (peek() == ',') {
                ++p_;
                continue;
            }
            if (peek() == ';') {
                ++p_;
                return;
            }
            if (p_ >= s_.size()) fail_hinted(msg::px_value_no_end, num(e.line), label(e));
            fail_hinted(msg::px_expected_separator, num(line_), label(e));
        }
    }

    std::string_view s_;
    std::size_t p_ = 0;
    std::size_t line_ = 1;
    std::size_t entries_ = 0;
    std::size_t multiline_open_ = 0;   // line of the last quoted text over several lines (0: none)
    std::size_t multiline_entry_ = 0;  // and the entry it belongs to
};

// ---------------------------------------------------------------- character set

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// The PX spellings ICU does not know as such.
std::string icu_alias(std::string_view codepage) {
    const std::string name = upper_ascii(codepage);
    if (name == "ANSI") return "windows-1252";  // older Statistics Finland files
    if (name == "ISO8859-1" || name == "LATIN1") return "ISO-8859-1";
    if (name == "ISO8859-15" || name == "LATIN9") return "ISO-8859-15";
    if (name == "WINDOWS1252") return "windows-1252";
    return std::string(codepage);
}

// Whether the converter reads the ASCII bytes as ASCII: the file's syntax is scanned as ASCII before
// anything is decoded, so UTF-16, EBCDIC or UTF-7 cannot be a PX file's code page.
bool ascii_compatible(UConverter* converter) {
    std::string ascii = "\t\n\r";
    for (char c = 0x20; c < 0x7f; ++c) ascii += c;
    UChar out[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n =
        ucnv_toUChars(converter, out, 128, ascii.data(), static_cast<int32_t>(ascii.size()), &status);
    if (U_FAILURE(status) || n != static_cast<int32_t>(ascii.size())) return false;
    for (int32_t i = 0; i < n; ++i)
        if (out[i] != static_cast<UChar>(ascii[static_cast<std::size_t>(i)])) return false;
    return true;
}

// A converter for any code page ICU knows (iso-8859-1, windows-1251, koi8-r, utf-8, …), stopping at
// bytes the code page does not have. Exception to the rule above: a message quotes the CODEPAGE
// name (at most 40 printable ASCII characters), since the user must see which name was wrong, and it
// is a keyword's value rather than the file's data.
Converter open_codepage(std::string_view name, std::size_t line) {
    const std::string icu = icu_alias(name);
    const bool plain = !icu.empty() && icu.size() <= 40 && std::all_of(icu.begin(), icu.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
    });
    UErrorCode status = U_ZERO_ERROR;
    Converter converter(plain ? ucnv_open(icu.c_str(), &status) : nullptr);
    if (!converter || U_FAILURE(status)) throw domain_error(msg::px_unknown_codepage, num(line), shown(name));
    status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (!ascii_compatible(converter.get()))
        throw domain_error(msg::px_codepage_not_ascii, num(line), shown(name));
    return converter;
}

class Decoder {
public:
    Decoder(std::string_view name, std::size_t line) : converter_(open_codepage(name, line)) {
        UErrorCode status = U_ZERO_ERROR;
        utf8_ = std::string_view(ucnv_getName(converter_.get(), &status)) == "UTF-8";
        name_ = shown(name);
    }

    // The text in UTF-8; domain_error naming `line` for bytes that are not valid in the code page.
    std::string decode(const std::string& raw, std::size_t line) {
        if (std::all_of(raw.begin(), raw.end(), [](char c) {
                return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
            }))
            return raw;
        // A byte gives at most two UTF-16 units (a supplementary character in SCSU or GB18030).
        units_.resize(2 * raw.size() + 2);
        UErrorCode status = U_ZERO_ERROR;
        const int32_t n = ucnv_toUChars(converter_.get(), units_.data(), static_cast<int32_t>(units_.size()),
                                        raw.data(), static_cast<int32_t>(raw.size()), &status);
        if (U_FAILURE(status)) {
            if (utf8_) throw domain_error(msg::px_text_not_utf8, num(line));
            throw domain_error(msg::px_text_not_in_codepage, num(line), name_);
        }
        int32_t length = 0;
        status = U_ZERO_ERROR;
        u_strToUTF8(nullptr, 0, &length, units_.data(), n, &status);
        std::string out(static_cast<std::size_t>(length), '\0');
        status = U_ZERO_ERROR;
        u_strToUTF8(out.data(), length, nullptr, units_.data(), n, &status);
        if (U_FAILURE(status)) throw domain_error(msg::px_text_not_convertible, num(line));
        return out;
    }

private:
    Converter converter_;
    bool utf8_ = false;
    std::string name_;  // for messages: the CODEPAGE name as shown()
    std::vector<UChar> units_;
};

// ---------------------------------------------------------------- the DATA part

std::optional<CellStatus> symbol(std::string_view token) {
    if (token == "-") return CellStatus::nil;
    if (token.size() >= 1 && token.size() <= 6 && token.find_first_not_of('.') == std::string_view::npos)
        return static_cast<CellStatus>(token.size());
    return std::nullopt;
}

// Cell `at` from a token of DATA: a number or a missing-value code (quoted or not).
void put_cell(std::string_view token, bool quoted, std::size_t at, std::size_t line, StatTable& table) {
    // Most cells are whole numbers: read those digit by digit (exact below 2^53), the rest with from_chars.
    if (!quoted && !token.empty() && token.size() <= 15 &&
        std::all_of(token.begin(), token.end(), [](char d) { return d >= '0' && d <= '9'; })) {
        std::int64_t whole = 0;
        for (char d : token) whole = whole * 10 + (d - '0');
        table.values[at] = static_cast<double>(whole);
        return;
    }
    if (const auto missing = symbol(token)) {
        table.status[at] = *missing;
        table.values[at] = std::numeric_limits<double>::quiet_NaN();
        return;
    }
    if (quoted) throw domain_error(msg::px_data_unknown_symbol, num(line), num(at + 1));
    double v = 0;
    const char* first = token.data();
    if (!token.empty() && token.front() == '+') ++first;
    const auto [end, ec] = std::from_chars(first, token.data() + token.size(), v);
    if (ec != std::errc() || end != token.data() + token.size() || !std::isfinite(v))
        throw domain_error(msg::px_data_not_number, num(line), num(at + 1));
    table.values[at] = v;
}

void read_data(std::string_view s, std::size_t line, std::size_t expected, StatTable& table) {
    // Every value takes at least two bytes (a digit and a delimiter), so a
    // cube far larger than the file is rejected before anything is allocated.
    if (expected / 2 > s.size() + 1)
        throw domain_error(msg::px_data_too_short, num(line), num(expected), num(s.size()));
    // The specification ends DATA with ';' (PX-Edit stops there); blanks may follow, and the DOS
    // end-of-file byte. A file cut short has none, and reading it anyway would give a number cut in
    // two ("10" for 108625), so it is an error even when the count of values happens to agree.
    const std::size_t last = s.find_last_not_of(" \t\r\n\x1a");
    const bool closed = last != std::string_view::npos && s[last] == ';';
    s = s.substr(0, last == std::string_view::npos ? 0 : closed ? last : last + 1);
    table.values.resize(expected);
    table.status.assign(expected, CellStatus::value);
    std::size_t count = 0, p = 0;
    // Blanks, tabs, commas and semicolons all separate values (the specification's older files).
    const auto delimiter = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ';'; };
    while (p < s.size()) {
        const char c = s[p];
        if (c == '\n') ++line;
        if (c == '\n' || delimiter(c)) {
            ++p;
            continue;
        }
        const std::size_t start = c == '"' ? p + 1 : p;
        const std::size_t end = c == '"' ? s.find_first_of("\"\n", start) : s.find_first_of(" \t\r,;\n\"", p);
        if (c == '"' && (end == std::string_view::npos || s[end] != '"'))
            throw domain_error(msg::px_data_symbol_not_closed, num(line));
        const std::string_view token =
            s.substr(start, (end == std::string_view::npos ? s.size() : end) - start);
        p = c == '"' ? end + 1 : start + token.size();
        if (count == expected) throw domain_error(msg::px_data_too_many, num(line), num(expected));
        put_cell(token, c == '"', count++, line, table);
    }
    if (count != expected) {
        if (closed) throw domain_error(msg::px_data_count, num(line), num(count), num(expected));
        throw domain_error(msg::px_data_count_not_closed, num(line), num(count), num(expected));
    }
    if (!closed) throw domain_error(msg::px_data_not_closed, num(line));
}

// ---------------------------------------------------------------- metadata

using Key = std::tuple<std::string, std::string, std::vector<std::string>>;

class Metadata {
public:
    void add(Entry e) {
        Key key{e.keyword, e.language, e.subkeys};
        const auto it = entries_.find(key);
        if (it == entries_.end()) {
            entries_.emplace(std::move(key), std::move(e));
            return;
        }
        Entry& first = it->second;
        if (!is_note(e.keyword))
            throw domain_error(msg::px_keyword_twice, num(e.line), label(e), num(first.line));
        for (Item& i : e.items) first.items.push_back(std::move(i));
    }

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
    const std::map<Key, Entry>& all() const { return entries_; }

private:
    std::map<Key, Entry> entries_;
};

std::vector<std::string> texts(const Entry& e) {
    std::vector<std::string> out;
    out.reserve(e.items.size());
    for (const Item& i : e.items) out.push_back(i.text);
    return out;
}

std::string text(const Entry* e) { return e && !e->items.empty() ? e->items.front().text : std::string(); }

// The metadata entries, still in the file's code page, and where DATA starts.
struct Scanned {
    Metadata meta;
    std::size_t data_line = 0, data_offset = 0;
};

Scanned scan(std::string_view bytes) {
    Scanned out;
    Scanner scanner(bytes);
    std::size_t count = 0;
    while (auto entry = scanner.next()) {
        if (++count > 1'000'000) throw domain_error(msg::px_too_many_keywords, num(entry->line));
        if (entry->keyword == "KEYS") throw domain_error(msg::px_keys_unsupported, num(entry->line));
        out.meta.add(std::move(*entry));
    }
    out.data_line = scanner.line();
    out.data_offset = scanner.offset();
    return out;
}

// Every text in UTF-8: the file's CODEPAGE (by the specification iso-8859-1 without one), or UTF-8
// after a byte order mark or for text from cells.
Metadata decoded(const Metadata& raw, bool utf8) {
    const Entry* codepage = raw.find("CODEPAGE");
    Decoder decoder(utf8 || !codepage ? (utf8 ? "UTF-8" : "ISO-8859-1") : text(codepage),
                    codepage ? codepage->line : 1);
    Metadata out;
    for (const auto& [key, e] : raw.all()) {
        Entry d = e;
        d.language = decoder.decode(e.language, e.line);
        for (auto& s : d.subkeys) s = decoder.decode(s, e.line);
        for (auto& i : d.items) i.text = decoder.decode(i.text, i.line);
        out.add(std::move(d));
    }
    return out;
}

// The table's languages, the default first, and the entries of a keyword in each.
class Languages {
public:
    explicit Languages(const Metadata& meta) : meta_(meta) {
        std::string first = text(meta.find("LANGUAGE"));
        const Entry* languages = meta.find("LANGUAGES");
        if (first.empty() && languages && !languages->items.empty()) first = languages->items.front().text;
        codes_.push_back(first);
        if (!languages) return;
        for (const Item& l : languages->items)
            if (l.text != first) {
                if (std::find(codes_.begin(), codes_.end(), l.text) != codes_.end())
                    throw domain_error(msg::px_language_twice, num(languages->line));
                codes_.push_back(l.text);
            }
    }

    const std::vector<std::string>& codes() const { return codes_; }
    std::size_t size() const { return codes_.size(); }

    // A keyword in the default language may carry its [lang] explicitly.
    const Entry* find(const std::string& keyword, std::size_t language,
                      const std::vector<std::string>& subkeys = {}) const {
        if (language > 0) return meta_.find(keyword, codes_[language], subkeys);
        if (const Entry* e = meta_.find(keyword, "", subkeys)) return e;
        return codes_[0].empty() ? nullptr : meta_.find(keyword, codes_[0], subkeys);
    }

    const Metadata& meta() const { return meta_; }

private:
    const Metadata& meta_;
    std::vector<std::string> codes_;
};

// The variables, in data order (STUB then HEADING), by their names in every language.
struct Variables {
    std::vector<std::vector<std::string>> names;  // [language][variable]
    std::size_t stub_count = 0;
    std::size_t line = 0;  // of STUB or HEADING in the default language

    // "STUB variable 2" or "HEADING variable 1": how messages name a variable.
    std::string label(std::size_t d) const {
        return d < stub_count ? phrase(msg::px_stub_variable, num(d + 1))
                              : phrase(msg::px_heading_variable, num(d - stub_count + 1));
    }
};

Variables read_variables(const Languages& languages, std::size_t data_line) {
    Variables out;
    const auto names = [&](std::size_t language, std::size_t& stub, const Entry*& first) {
        std::vector<std::string> list;
        first = languages.find("STUB", language);
        if (first) list = texts(*first);
        stub = list.size();
        if (const Entry* e = languages.find("HEADING", language)) {
            for (auto& n : texts(*e)) list.push_back(std::move(n));
            if (!first) first = e;
        }
        for (auto& n : list) n = std::string(trimmed(n));
        return list;
    };
    const Entry* first = nullptr;
    out.names.push_back(names(0, out.stub_count, first));
    if (out.names[0].empty()) throw domain_error(msg::px_no_variables, num(data_line));
    out.line = first->line;
    for (std::size_t l = 1; l < languages.size(); ++l) {
        std::size_t stub = 0;
        const Entry* local = nullptr;
        std::vector<std::string> other = names(l, stub, local);
        if (other.empty()) {
            other = out.names[0];  // the language has no translation: fall back to the default names
        } else if (other.size() != out.names[0].size() || stub != out.stub_count) {
            throw domain_error(msg::px_variable_count_language, num(local->line), num(l + 1),
                               num(other.size()), num(out.names[0].size()));
        }
        out.names.push_back(std::move(other));
    }
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t d = 0; d < out.names[0].size(); ++d)
        if (const auto [it, fresh] = seen.emplace(out.names[0][d], d); !fresh)
            throw domain_error(msg::px_variable_name_twice, num(out.line), out.label(it->second),
                               out.label(d));
    return out;
}

// The codes of variable `d` (CODES, or the labels of VALUES), unique.
std::vector<std::string> value_codes(const Languages& languages, const Variables& variables, std::size_t d,
                                     const Entry& values) {
    const std::string& name = variables.names[0][d];
    const Entry* codes = languages.find("CODES", 0, {name});
    std::vector<std::string> out = codes ? texts(*codes) : texts(values);
    // Without CODES the codes are the labels of VALUES, one per value.
    if (codes && out.size() != values.items.size())
        throw domain_error(msg::px_code_count, num(codes->line), variables.label(d), num(out.size()),
                           num(values.items.size()));
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t v = 0; v < out.size(); ++v)
        if (const auto [it, fresh] = seen.emplace(out[v], v); !fresh)
            throw domain_error(msg::px_code_twice, num(codes ? codes->line : values.line),
                               codes ? "CODES" : "VALUES", variables.label(d), num(it->second + 1),
                               num(v + 1));
    return out;
}

Dimension read_dimension(const Languages& languages, const Variables& variables, std::size_t d) {
    const std::string& name = variables.names[0][d];
    const Entry* values = languages.find("VALUES", 0, {name});
    if (!values) throw domain_error(msg::px_no_values, num(variables.line), variables.label(d));
    if (values->items.empty())
        throw domain_error(msg::px_values_empty, num(values->line), variables.label(d));
    Dimension dim;
    dim.value_codes = value_codes(languages, variables, d, *values);
    const Entry* variable_code = languages.find("VARIABLECODE", 0, {name});
    dim.code = variable_code ? text(variable_code) : name;
    for (std::size_t l = 0; l < languages.size(); ++l) {
        const std::string& local = variables.names[l][d];
        dim.names.push_back(local);
        const Entry* local_values = l == 0 ? values : languages.find("VALUES", l, {local});
        if (!local_values) local_values = values;
        if (local_values->items.size() != values->items.size())
            throw domain_error(msg::px_values_count_language, num(local_values->line), variables.label(d),
                               num(l + 1), num(local_values->items.size()), num(values->items.size()));
        dim.labels.push_back(texts(*local_values));
    }
    if (const Entry* e = languages.find("ELIMINATION", 0, {name});
        e && !e->items.empty() && e->items[0].quoted) {
        const auto& labels = dim.labels[0];
        const auto it = std::find(labels.begin(), labels.end(), e->items[0].text);
        if (it != labels.end()) dim.total = static_cast<std::size_t>(it - labels.begin());
    }
    dim.is_time = languages.find("TIMEVAL", 0, {name}) != nullptr;
    return dim;
}

TableInfo read_info(const Languages& languages) {
    TableInfo info;
    info.table_id = text(languages.find("TABLEID", 0));
    if (info.table_id.empty()) info.table_id = text(languages.find("MATRIX", 0));
    for (std::size_t l = 0; l < languages.size(); ++l) {
        const auto per_language = [&](const char* keyword, const char* fallback) {
            const Entry* e = languages.find(keyword, l);
            if (!e && fallback) e = languages.find(fallback, l);
            if (!e) e = languages.find(keyword, 0);
            return text(e);
        };
        info.title.push_back(per_language("TITLE", "DESCRIPTION"));
        info.source.push_back(per_language("SOURCE", nullptr));
        info.contents.push_back(per_language("CONTENTS", nullptr));
        info.units.push_back(per_language("UNITS", nullptr));
    }
    const Entry* updated = languages.find("LAST-UPDATED", 0);
    if (!updated) updated = languages.meta().find_any("LAST-UPDATED", "");
    info.last_updated = text(updated);
    info.copyright = text(languages.find("COPYRIGHT", 0));
    if (const Entry* e = languages.find("DECIMALS", 0)) {
        const std::string d = text(e);
        int decimals = -1;
        const auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), decimals);
        if (ec != std::errc() || end != d.data() + d.size() || decimals < 0 || decimals > 15)
            throw domain_error(msg::px_decimals, num(e->line));
        info.decimals = decimals;
    }
    return info;
}

}  // namespace

StatTable read_px(std::string_view bytes, const PxReadOptions& options) {
    const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom) bytes.remove_prefix(3);
    const Scanned scanned = scan(bytes);
    const Metadata meta = decoded(scanned.meta, options.text_is_utf8 || bom);
    const Languages languages(meta);
    const Variables variables = read_variables(languages, scanned.data_line);

    StatTable table;
    table.languages = languages.codes();
    table.stub_count = variables.stub_count;
    std::size_t cells = 1;
    for (std::size_t d = 0; d < variables.names[0].size(); ++d) {
        Dimension dim = read_dimension(languages, variables, d);
        if (cells > kMaxTableCells / dim.size())
            throw domain_error(msg::px_too_many_cells, num(scanned.data_line), num(kMaxTableCells));
        cells *= dim.size();
        table.dimensions.push_back(std::move(dim));
    }
    table.info = read_info(languages);
    read_data(bytes.substr(scanned.data_offset), scanned.data_line, cells, table);
    validate_table(table);
    return table;
}

}  // namespace kuntaplan
