// How the models write values and cells into their error messages, the same
// way everywhere: "qx must be in [0, 1], but was: 1.2 (row 5, column 2)".
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>

namespace kuntaplan::messages {

// Shortest text that reads back as the same double ("1.2", "200000", "nan",
// "-inf", "1e-320", "1e16"); plain decimals in the range people type, and
// exponents written as a spreadsheet user types them (no '+').
inline std::string num(double value) {
    char buf[400];
    const double a = std::fabs(value);
    const bool plain = a == 0.0 || (a >= 1e-5 && a < 1e16);
    const auto result = plain ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                              : std::to_chars(buf, buf + sizeof buf, value);
    std::string text(buf, result.ptr);
    if (const std::size_t plus = text.find("e+"); plus != std::string::npos) text.erase(plus + 1, 1);
    return text;
}
inline std::string num(std::size_t value) { return std::to_string(value); }

// A limit written the way its constant is (1e12, 2e7, 5e7): mantissa and power
// of ten, as a spreadsheet user types them. For limits like 1000 use num().
inline std::string power(double value) {
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string text(buf, result.ptr);
    const std::size_t e = text.find('e');
    std::size_t digits = e + 1;
    if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) {
        if (text[digits] == '+')
            text.erase(digits, 1);
        else
            ++digits;
    }
    while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
    return text;
}
inline std::string num(int value) { return std::to_string(value); }

// 1234567 → "1,234,567": sizes in the messages of the cost limits.
inline std::string grouped(std::size_t value) {
    std::string digits = std::to_string(value), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace kuntaplan::messages
