// How the models write numbers into their error messages: the limits are built
// from the constants, so these texts are what a user reads in the Function
// Wizard and the status bar.
#include <catch2/catch.hpp>
#include <cstddef>

#include "messages.hpp"

using kuntaplan::messages::cell;
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
    CHECK(cell(4, 1) == " (row 5, column 2)");
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
