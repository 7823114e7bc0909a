// The function table (addin/function_table.hpp) against the interface Calc
// calls (idl/org/kuntaplan/XFunctions.idl), read from the IDL file itself: a
// method without a row, a row without a method, or a different argument count
// fails here, and so does a row whose English name is not root.txt's.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "function_table.hpp"
#include "l10n.hpp"

using namespace kuntaplan::addin;

namespace {

// Method name → number of [in] parameters, for every method of the IDL.
std::map<std::string, int> idl_methods(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    std::string idl = text.str();
    idl = std::regex_replace(idl, std::regex(R"(/\*[\s\S]*?\*/|//[^\n]*)"), " ");  // comments
    const std::size_t open = idl.find("interface XFunctions");
    REQUIRE(open != std::string::npos);
    std::map<std::string, int> out;
    // A method: its result type, its name and its parameter list up to ')'.
    const std::regex method(R"((\w+)\s*\(([^)]*)\)\s*(raises|;))");
    for (std::sregex_iterator it(idl.begin() + static_cast<std::ptrdiff_t>(open), idl.end(), method), end;
         it != end; ++it) {
        const std::string params = (*it)[2];
        int count = 0;
        for (std::size_t at = params.find("[in]"); at != std::string::npos; at = params.find("[in]", at + 1))
            ++count;
        out[(*it)[1]] = count;
    }
    return out;
}

}  // namespace

TEST_CASE("every IDL method has one table row with its argument count, and every row a method",
          "[function_table]") {
    const auto methods = idl_methods(KUNTAPLAN_IDL_FILE);
    REQUIRE(methods.size() >= 26);
    std::map<std::string, int> rows;
    for (const auto& spec : kFunctionTable) {
        INFO(spec.method);
        CHECK(rows.emplace(std::string(spec.method), spec.argument_count).second);  // no row twice
        CHECK(spec.category == kAddIn);
        CHECK_FALSE(spec.name.empty());
    }
    for (const auto& [method, count] : methods) {
        INFO("IDL method " << method);
        REQUIRE(rows.count(method) == 1);
        CHECK(rows.at(method) == count);
    }
    for (const auto& [method, count] : rows) {
        INFO("table row " << method);
        CHECK(methods.count(method) == 1);
    }
}

TEST_CASE("every row's English name is the name root.txt gives", "[function_table]") {
    const Catalog catalog(KUNTAPLAN_L10N_DIR);
    const LanguageTexts& english = catalog.language("en");
    for (const auto& spec : kFunctionTable) {
        INFO(spec.method);
        const auto found = english.functions.find(spec.method);
        REQUIRE(found != english.functions.end());
        CHECK(OUStringToOString(found->second.name, RTL_TEXTENCODING_UTF8).getStr() ==
              std::string(spec.name));
    }
}
