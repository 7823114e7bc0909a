// The `options` text of the functions: "key=value" pairs separated by ';'
// (e.g. "srb=1.05;step=5;bands=0,7,13"). Keys are case-insensitive; an
// unknown key, a repeated key or a bad value is an error, never ignored.
// A decimal comma is accepted in single numbers ("srb=1,05"), since Finnish
// and Swedish users type one.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "demography.hpp"
#include "housing.hpp"

namespace kuntaplan::addin {

// ASCII letters in lower case, other bytes unchanged: how option names and
// output keywords are compared (unlike std::tolower, whatever the locale).
std::string lower_ascii(std::string_view text);

// key → value, keys lower-cased; throws domain_error on syntax errors or keys
// not in `allowed`.
std::map<std::string, std::string> parse_options(std::string_view text,
                                                 std::span<const std::string_view> allowed);

double option_number(std::string_view key, const std::string& value);
std::vector<int> option_integer_list(std::string_view key, const std::string& value);

struct ProjectionRequest {
    ProjectionOptions options;
    ProjectionOutput output = ProjectionOutput::total;
    std::vector<int> bands;
    // fertility_unit / mortality_unit: the factor that turns the given rates into rates per person
    // (1, or 1/1000 for rates per 1,000 as Statistics Finland publishes them).
    double fertility_scale = 1.0, mortality_scale = 1.0;
};

// The output keyword and options of POP.PROJECT.
ProjectionRequest parse_projection_request(std::string_view output, std::string_view options);

// The options of POP.RESIDUAL: POP.PROJECT's, less those that cannot apply to net migrants by
// single age (bands, migration, out), which are errors that say why.
ProjectionOptions parse_residual_options(std::string_view options);
ProjectionRequest parse_residual_request(std::string_view options);  // the same, with the rate units

struct HousingRequest {
    HousingOptions options;
    HousingOutput output = HousingOutput::total;
    std::vector<int> bands;
    double fertility_scale = 1.0, mortality_scale = 1.0;  // as in ProjectionRequest
};

// The output keyword and options of POP.HOUSING: POP.PROJECT's srb, fertile_from, mortality,
// births, radix and bands, and male_share (of the arrivals, 0..1). step, migration,
// migration_timing and out cannot apply (completions are per year; retention replaces
// migration) and are errors that say why.
HousingRequest parse_housing_request(std::string_view output, std::string_view options);

}  // namespace kuntaplan::addin
