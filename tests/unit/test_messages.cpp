// How the models write numbers into their error messages: the limits are built
// from the constants, so these texts are what a user reads in the Function
// Wizard and the status bar.
#include <catch2/catch.hpp>
#include <cstddef>

#include "errors.hpp"
#include "messages.hpp"

using kuntaplan::messages::num;
using kuntaplan::messages::power;

TEST_CASE("numbers in messages read back as the same value", "[messages]") {
    CHECK(num(1.2) == "1.2");
    CHECK(num(200000.0) == "200000");
    CHECK(num(1000.0) == "1000");
    CHECK(num(-0.5) == "-0.5");
    CHECK(num(1e16) == "1e16");
    CHECK(num(1e-320) == "1e-320");
    CHECK(num(std::size_t{1000}) == "1000");
    CHECK(num(1000000) == "1000000");
}

TEST_CASE("limits are written as their constants are: mantissa and power of ten", "[messages]") {
    CHECK(power(1e12) == "1e12");
    CHECK(power(1e15) == "1e15");
    CHECK(power(2e7) == "2e7");
    CHECK(power(5e7) == "5e7");
    CHECK(power(1e6) == "1e6");
    CHECK(power(1e9) == "1e9");
    CHECK(power(1e-10) == "1e-10");
    CHECK(power(1e-9) == "1e-9");
    CHECK(power(2.5e10) == "2.5e10");
    CHECK(power(1.0) == "1e0");
}

// The store of messages (addin/l10n/messages/): what() is the English text, and key() and
// arguments() let Explain error write the same message in Finnish or Swedish.
TEST_CASE("an error carries its message's key and arguments, what() is the English text", "[messages]") {
    const kuntaplan::domain_error e(kuntaplan::msg::lifetable_mx_value, num(-0.5), num(std::size_t{2}));
    CHECK(std::string(e.what()) == "life table mx must be finite and >= 0, but was: -0.5 (row 2)");
    CHECK(e.key() == "lifetable_mx_value");
    CHECK(e.arguments() == std::vector<std::string>{"-0.5", "2"});
}

TEST_CASE("a message inside a message is rendered with its own pattern", "[messages]") {
    using namespace kuntaplan;
    const domain_error e(msg::argument, "asfr", phrase(msg::arg_cell_blank, "2", "1"));
    CHECK(std::string(e.what()) == "asfr: row 2, column 1 is blank; numbers are expected");
    // Another language's patterns and a plain-argument transform (as Explain error uses them).
    const PatternLookup finnish = [](std::string_view key, const std::vector<std::string>&) -> std::string {
        if (key == "argument") return "{0}: {1}";
        if (key == "arg_cell_blank") return "rivi {0}, sarake {1} on tyhjä";
        return std::string(key);
    };
    const std::function<std::string(const std::string&)> plain = [](const std::string& s) {
        return "<" + s + ">";
    };
    CHECK(render_message(finnish(e.key(), e.arguments()), e.arguments(), finnish, plain) ==
          "<asfr>: rivi <2>, sarake <1> on tyhjä");
    // An error inside another keeps its key as a phrase.
    const domain_error outer(msg::argument, "options", e.as_phrase());
    CHECK(std::string(outer.what()) == "options: asfr: row 2, column 1 is blank; numbers are expected");
}

TEST_CASE("every key of the store has its English text in the compiled table", "[messages]") {
    CHECK(kuntaplan::english_pattern("lifetable_mx_empty") ==
          "life table mx must have at least one value, but was: empty");
    CHECK(kuntaplan::english_pattern("no such key").empty());
}
