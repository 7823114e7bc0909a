#include "errors.hpp"

#include <algorithm>

namespace kuntaplan {
namespace {

// A phrase inside an argument: kBegin key (kSeparator argument)* kEnd. These
// control characters never occur in a spreadsheet's text (Calc strips them).
constexpr char kBegin = '\x1e';
constexpr char kSeparator = '\x1f';
constexpr char kEnd = '\x1d';

struct Renderer {
    const PatternLookup& lookup;
    const std::function<std::string(const std::string&)>& plain;

    // One argument: plain text, or phrases among plain text.
    std::string argument(std::string_view text) const {
        if (text.find(kBegin) == std::string_view::npos) return plain(std::string(text));
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            const std::size_t begin = text.find(kBegin, i);
            if (begin == std::string_view::npos) {
                out += plain(std::string(text.substr(i)));
                break;
            }
            if (begin > i) out += plain(std::string(text.substr(i, begin - i)));
            std::size_t end = 0;
            out += phrase(text, begin, end);
            i = end;
        }
        return out;
    }

    // The phrase that starts at text[begin]; `end` is set past its kEnd.
    std::string phrase(std::string_view text, std::size_t begin, std::size_t& end) const {
        std::size_t i = begin + 1;
        std::string key;
        while (i < text.size() && text[i] != kSeparator && text[i] != kEnd) key += text[i++];
        std::vector<std::string> arguments;
        while (i < text.size() && text[i] == kSeparator) {
            ++i;
            // An argument runs to the next separator or end at its own depth.
            const std::size_t start = i;
            int depth = 0;
            while (i < text.size() && !(depth == 0 && (text[i] == kSeparator || text[i] == kEnd))) {
                if (text[i] == kBegin) ++depth;
                if (text[i] == kEnd) --depth;
                ++i;
            }
            arguments.emplace_back(text.substr(start, i - start));
        }
        end = i < text.size() ? i + 1 : i;
        return render(lookup(key, arguments), arguments);
    }

    std::string render(std::string_view pattern, const std::vector<std::string>& arguments) const {
        std::string out;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i] == '{') {
                const std::size_t close = pattern.find('}', i);
                if (close != std::string_view::npos && close > i + 1 &&
                    std::all_of(pattern.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                pattern.begin() + static_cast<std::ptrdiff_t>(close),
                                [](char c) { return c >= '0' && c <= '9'; })) {
                    const std::size_t k = std::stoul(std::string(pattern.substr(i + 1, close - i - 1)));
                    if (k < arguments.size()) out += argument(arguments[k]);
                    i = close;
                    continue;
                }
            }
            out += pattern[i];
        }
        return out;
    }
};

}  // namespace

std::string_view english_pattern(std::string_view key) {
    const auto* begin = std::begin(msg::kEnglish);
    const auto* end = std::end(msg::kEnglish);
    const auto* it = std::lower_bound(begin, end, key,
                                      [](const MessageEntry& e, std::string_view k) { return e.key < k; });
    if (it == end || it->key != key) return {};
    return it->english;
}

std::string render_message(std::string_view pattern, const std::vector<std::string>& arguments,
                           const PatternLookup& lookup,
                           const std::function<std::string(const std::string&)>& plain) {
    return Renderer{lookup, plain}.render(pattern, arguments);
}

namespace message_detail {

std::string encode(std::string_view key, const std::vector<std::string>& arguments) {
    std::string out(1, kBegin);
    out += key;
    for (const auto& argument : arguments) {
        out += kSeparator;
        out += argument;
    }
    out += kEnd;
    return out;
}

std::string english(std::string_view key, const std::vector<std::string>& arguments) {
    const PatternLookup lookup = [](std::string_view k, const std::vector<std::string>&) {
        const std::string_view pattern = english_pattern(k);
        return pattern.empty() ? std::string(k) : std::string(pattern);
    };
    const std::function<std::string(const std::string&)> plain = [](const std::string& s) { return s; };
    return render_message(lookup(key, arguments), arguments, lookup, plain);
}

}  // namespace message_detail
}  // namespace kuntaplan
