#include "options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>

#include "errors.hpp"
#include "keywords.hpp"

namespace kuntaplan::addin {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string join(std::span<const std::string_view> words) {
    std::string out;
    for (auto w : words) {
        if (!out.empty()) out.append(", ");
        out.append(w);
    }
    return out;
}

// "options: …", the rest a message of its own.
[[noreturn]] void fail(const std::string& what) { throw domain_error(msg::argument, "options", what); }

// The keywords of `context` as an argument of a message: "counts, rates or gross" in English, the
// reader's language's words where the error is explained.
std::string choices(std::string_view context, std::initializer_list<std::string_view> words) {
    return phrase(msg::special_keyword_choices, std::string(context), join(words));
}

constexpr int kMaxFertileFrom = 200;  // the oldest age a fertility schedule may start at

// The keys of POP.PROJECT's options. POP.RESIDUAL, POP.HOUSING and POP.RISK take them, less those
// that cannot apply to them (parse_options_of).
constexpr std::string_view kProjectionKeys[] = {
    "srb",   "step",  "fertile_from", "mortality", "migration",      "migration_timing",
    "bands", "radix", "out",          "births",    "fertility_unit", "mortality_unit"};

// A key of POP.PROJECT that `function` refuses, and why.
struct RefusedKey {
    std::string_view key;
    Message<0> why;
};

// The options of `function`: POP.PROJECT's keys and its own, less the refused ones. A refused key
// is an error that says why; any other problem keeps its own message, which lists only the keys
// `function` knows.
std::map<std::string, std::string> parse_options_of(std::string_view options, std::string_view function,
                                                    std::span<const std::string_view> own_keys,
                                                    std::span<const RefusedKey> refused) {
    std::vector<std::string_view> all(std::begin(kProjectionKeys), std::end(kProjectionKeys));
    all.insert(all.end(), own_keys.begin(), own_keys.end());
    std::vector<std::string_view> allowed;
    std::copy_if(all.begin(), all.end(), std::back_inserter(allowed), [&](std::string_view key) {
        return std::none_of(refused.begin(), refused.end(),
                            [&](const RefusedKey& r) { return r.key == key; });
    });
    try {
        return parse_options(options, allowed);
    } catch (const domain_error&) {
        std::map<std::string, std::string> map;
        try {
            map = parse_options(options, all);
        } catch (const domain_error&) {
        }
        for (const auto& [key, why] : refused)
            if (map.count(std::string(key)))
                fail(phrase(msg::opt_not_of_function, std::string(key), std::string(function), phrase(why)));
        throw;
    }
}

}  // namespace

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::map<std::string, std::string> parse_options(std::string_view text,
                                                 std::span<const std::string_view> allowed) {
    std::map<std::string, std::string> out;
    while (!text.empty()) {
        const auto end = text.find(';');
        const std::string_view item = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos) fail(phrase(msg::opt_not_key_value, std::string(item)));
        const std::string key = lower_ascii(trim(item.substr(0, eq)));
        const std::string value(trim(item.substr(eq + 1)));
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            fail(phrase(msg::opt_unknown_key, key, join(allowed)));
        if (value.empty()) fail(phrase(msg::opt_no_value, key));
        if (!out.emplace(key, value).second) fail(phrase(msg::opt_twice, key));
    }
    return out;
}

double option_number(std::string_view key, const std::string& value) {
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    double number = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(number))
        fail(phrase(msg::opt_number, std::string(key), value));
    return number;
}

std::vector<int> option_integer_list(std::string_view key, const std::string& value) {
    std::vector<int> out;
    std::string_view rest = value;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        int number = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), number);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size())
            fail(phrase(msg::opt_integer_list, std::string(key), value));
        out.push_back(number);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return out;
}

namespace {

template <class E>
using Keywords = std::initializer_list<std::pair<std::string_view, E>>;

// The value of a keyword option (any case; English, Finnish or Swedish words), or an error listing
// the keywords.
template <class E>
E keyword(std::string_view key, const std::string& value, Keywords<E> words, std::string_view context = {}) {
    if (context.empty()) context = key;  // the keywords of an option are those of its name
    const std::string word = lower_ascii(canonical_keyword(context, value));
    std::vector<std::string_view> texts;
    for (const auto& [text, meaning] : words) {
        if (word == lower_ascii(text)) return meaning;
        texts.push_back(text);
    }
    std::string listed;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i > 0) listed += i + 1 == texts.size() ? " or " : ", ";
        listed += texts[i];
    }
    fail(phrase(msg::opt_keyword, std::string(key),
                phrase(msg::special_keyword_choices, std::string(context), listed), value));
}

ProjectionOutput projection_output(std::string_view output) {
    static constexpr std::pair<std::string_view, ProjectionOutput> outputs[] = {
        {"total", ProjectionOutput::total},           {"male", ProjectionOutput::male},
        {"female", ProjectionOutput::female},         {"both", ProjectionOutput::both},
        {"births", ProjectionOutput::births},         {"deaths", ProjectionOutput::deaths},
        {"summary", ProjectionOutput::summary},       {"areas", ProjectionOutput::areas},
        {"components", ProjectionOutput::components},
    };
    const std::string kind = output.empty() ? "total" : canonical_keyword("projection_output", output);
    for (const auto& [text, meaning] : outputs)
        if (text == kind) return meaning;
    throw domain_error(msg::argument, "output",
                       phrase(msg::opt_not_one_of, std::string(output),
                              choices("projection_output", {"total", "male", "female", "both", "births",
                                                            "deaths", "summary", "areas", "components"})));
}

// One key=value of POP.PROJECT's options into the request.
void apply_projection_option(const std::string& key, const std::string& value, ProjectionRequest& request) {
    auto& o = request.options;
    if (key == "srb") {
        o.sex_ratio_at_birth = option_number(key, value);
    } else if (key == "step") {
        const double step = option_number(key, value);
        if (step != 1 && step != 5) fail(phrase(msg::opt_step, value));
        o.step_years = static_cast<int>(step);
    } else if (key == "fertile_from") {
        const double age = option_number(key, value);
        if (age != std::floor(age) || age < 0 || age > kMaxFertileFrom)
            fail(phrase(msg::opt_fertile_from, std::to_string(kMaxFertileFrom), value));
        o.fertile_from_age = static_cast<int>(age);
    } else if (key == "mortality") {
        o.mortality = keyword<MortalityMeasure>(
            key, value,
            {{"qx", MortalityMeasure::qx}, {"mx", MortalityMeasure::mx}, {"Lx", MortalityMeasure::Lx}});
    } else if (key == "migration") {
        o.migration = keyword<MigrationKind>(key, value,
                                             {{"counts", MigrationKind::counts},
                                              {"rates", MigrationKind::rates},
                                              {"gross", MigrationKind::gross}});
    } else if (key == "out") {
        o.out_migration = keyword<OutMigration>(
            key, value, {{"rates", OutMigration::rates}, {"counts", OutMigration::counts}});
    } else if (key == "births") {
        o.births = keyword<BirthsExposure>(
            key, value, {{"mean", BirthsExposure::mean}, {"start", BirthsExposure::start}});
    } else if (key == "migration_timing") {
        o.migration_timing = keyword<MigrationTiming>(key, value,
                                                      {{"half", MigrationTiming::half},
                                                       {"start", MigrationTiming::start},
                                                       {"end", MigrationTiming::end}});
    } else if (key == "bands") {
        request.bands = option_integer_list(key, value);
    } else if (key == "radix") {
        o.lx_radix = option_number(key, value);
    } else if (key == "fertility_unit" || key == "mortality_unit") {
        const double factor = keyword<double>(key, value, {{"per1", 1.0}, {"per1000", 1e-3}}, "unit");
        (key == "fertility_unit" ? request.fertility_scale : request.mortality_scale) = factor;
    }
}

}  // namespace

ProjectionRequest parse_projection_request(std::string_view output, std::string_view options) {
    ProjectionRequest request;
    request.output = projection_output(output);
    const auto map = parse_options(options, kProjectionKeys);
    for (const auto& [key, value] : map) apply_projection_option(key, value, request);
    if (map.count("out") && request.options.migration != MigrationKind::gross)
        fail(phrase(msg::opt_out_needs_gross));
    return request;
}

ProjectionOptions parse_residual_options(std::string_view options) {
    static constexpr RefusedKey refused[] = {
        {"bands", msg::opt_residual_bands},
        {"migration", msg::opt_residual_migration},
        {"out", msg::opt_residual_out},
    };
    parse_options_of(options, "POP.RESIDUAL", {}, refused);
    return parse_projection_request("total", options).options;
}

ProjectionRequest parse_residual_request(std::string_view options) {
    parse_residual_options(options);  // its errors
    return parse_projection_request("total", options);
}

HousingRequest parse_housing_request(std::string_view output, std::string_view options) {
    HousingRequest request;
    const std::string kind = output.empty() ? "total" : canonical_keyword("housing_output", output);
    static constexpr std::pair<std::string_view, HousingOutput> outputs[] = {
        {"total", HousingOutput::total},   {"male", HousingOutput::male},
        {"female", HousingOutput::female}, {"both", HousingOutput::both},
        {"units", HousingOutput::units},   {"arrivals", HousingOutput::arrivals},
    };
    const auto found = std::find_if(std::begin(outputs), std::end(outputs),
                                    [&](const auto& entry) { return entry.first == kind; });
    if (found == std::end(outputs))
        throw domain_error(
            msg::argument, "output",
            phrase(msg::opt_not_one_of, std::string(output),
                   choices("housing_output", {"total", "male", "female", "both", "units", "arrivals"})));
    request.output = found->second;

    static constexpr RefusedKey refused[] = {
        {"step", msg::opt_housing_step},
        {"migration", msg::opt_housing_retention},
        {"migration_timing", msg::opt_housing_retention},
        {"out", msg::opt_housing_retention},
    };
    static constexpr std::string_view own_keys[] = {"male_share"};
    const auto map = parse_options_of(options, "POP.HOUSING", own_keys, refused);
    // POP.PROJECT's keys mean what they mean there.
    std::string shared;
    for (const auto& [key, value] : map) {
        if (key == "male_share") {
            const double share = option_number(key, value);
            if (!(share >= 0.0 && share <= 1.0)) fail(phrase(msg::opt_male_share, value));
            request.options.male_share = share;
        } else {
            shared += key + "=" + value + ";";
        }
    }
    const ProjectionRequest projection = parse_projection_request("total", shared);
    request.options.projection = projection.options;
    request.bands = projection.bands;
    request.fertility_scale = projection.fertility_scale;
    request.mortality_scale = projection.mortality_scale;
    return request;
}

}  // namespace kuntaplan::addin
