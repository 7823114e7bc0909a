#include "options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "errors.hpp"

namespace kuntaplan::addin {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(const std::string& what) { throw domain_error("options: " + what); }

constexpr int kMaxFertileFrom = 200;  // the oldest age a fertility schedule may start at

std::string join(std::initializer_list<std::string_view> words) {
    std::string out;
    for (auto w : words) {
        if (!out.empty()) out.append(", ");
        out.append(w);
    }
    return out;
}

}  // namespace

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::map<std::string, std::string> parse_options(std::string_view text,
                                                 std::initializer_list<std::string_view> allowed) {
    std::map<std::string, std::string> out;
    while (!text.empty()) {
        const auto end = text.find(';');
        const std::string_view item = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos) fail("'" + std::string(item) + "' is not of the form key=value");
        const std::string key = lower_ascii(trim(item.substr(0, eq)));
        const std::string value(trim(item.substr(eq + 1)));
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            fail("unknown key '" + key + "'; known keys: " + join(allowed));
        if (value.empty()) fail("'" + key + "' has no value");
        if (!out.emplace(key, value).second) fail("'" + key + "' is given twice");
    }
    return out;
}

double option_number(std::string_view key, const std::string& value) {
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    double number = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(number))
        fail("'" + std::string(key) + "' must be a number, but was: " + value);
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
            fail("'" + std::string(key) + "' must be whole numbers separated by commas, but was: " + value);
        out.push_back(number);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return out;
}

namespace {

template <class E>
using Keywords = std::initializer_list<std::pair<std::string_view, E>>;

// The value of a keyword option (case-insensitive), or an error listing the keywords.
template <class E>
E keyword(std::string_view key, const std::string& value, Keywords<E> words) {
    const std::string word = lower_ascii(trim(value));
    std::string listed;
    std::size_t i = 0;
    for (const auto& [text, meaning] : words) {
        if (word == lower_ascii(text)) return meaning;
        if (i > 0) listed += i + 1 == words.size() ? " or " : ", ";
        listed += text;
        ++i;
    }
    fail("'" + std::string(key) + "' must be " + listed + ", but was: " + value);
}

ProjectionOutput projection_output(std::string_view output) {
    static constexpr std::pair<std::string_view, ProjectionOutput> outputs[] = {
        {"total", ProjectionOutput::total},           {"male", ProjectionOutput::male},
        {"female", ProjectionOutput::female},         {"both", ProjectionOutput::both},
        {"births", ProjectionOutput::births},         {"deaths", ProjectionOutput::deaths},
        {"summary", ProjectionOutput::summary},       {"areas", ProjectionOutput::areas},
        {"components", ProjectionOutput::components},
    };
    const std::string kind = output.empty() ? "total" : lower_ascii(trim(output));
    for (const auto& [text, meaning] : outputs)
        if (text == kind) return meaning;
    throw domain_error(
        "output: '" + std::string(output) +
        "' is not one of total, male, female, both, births, deaths, summary, areas, components");
}

// One key=value of POP.PROJECT's options into the request.
void apply_projection_option(const std::string& key, const std::string& value, ProjectionRequest& request) {
    auto& o = request.options;
    if (key == "srb") {
        o.sex_ratio_at_birth = option_number(key, value);
    } else if (key == "step") {
        const double step = option_number(key, value);
        if (step != 1 && step != 5) fail("'step' must be 1 or 5, but was: " + value);
        o.step_years = static_cast<int>(step);
    } else if (key == "fertile_from") {
        const double age = option_number(key, value);
        if (age != std::floor(age) || age < 0 || age > kMaxFertileFrom)
            fail("'fertile_from' must be a whole age from 0 to " + std::to_string(kMaxFertileFrom) +
                 ", but was: " + value);
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
    }
}

}  // namespace

ProjectionRequest parse_projection_request(std::string_view output, std::string_view options) {
    ProjectionRequest request;
    request.output = projection_output(output);
    const auto map = parse_options(options, {"srb", "step", "fertile_from", "mortality", "migration",
                                             "migration_timing", "bands", "radix", "out", "births"});
    for (const auto& [key, value] : map) apply_projection_option(key, value, request);
    if (map.count("out") && request.options.migration != MigrationKind::gross)
        fail("'out' applies only with migration=gross (out-migration as rates or counts)");
    return request;
}

ProjectionOptions parse_residual_options(std::string_view options) {
    static constexpr std::pair<std::string_view, std::string_view> refused[] = {
        {"bands",
         "it returns net migrants by single age and sex, as POP.PROJECT takes them; sum them "
         "into bands with POP.AGGREGATE"},
        {"migration",
         "it always returns net migrants as counts per year (give them to POP.PROJECT "
         "without a migration option)"},
        {"out",
         "it returns net migration; in- and out-migration cannot be told apart from two "
         "populations"},
    };
    try {
        parse_options(options,
                      {"srb", "step", "fertile_from", "mortality", "migration_timing", "radix", "births"});
    } catch (const domain_error&) {
        // Say why a key of POP.PROJECT is refused here; any other problem keeps its own message,
        // which lists only the keys POP.RESIDUAL knows.
        std::map<std::string, std::string> map;
        try {
            map = parse_options(options, {"srb", "step", "fertile_from", "mortality", "migration",
                                          "migration_timing", "bands", "radix", "out", "births"});
        } catch (const domain_error&) {
        }
        for (const auto& [key, why] : refused)
            if (map.count(std::string(key)))
                fail("'" + std::string(key) + "' is not an option of POP.RESIDUAL: " + std::string(why));
        throw;
    }
    return parse_projection_request("total", options).options;
}

HousingRequest parse_housing_request(std::string_view output, std::string_view options) {
    HousingRequest request;
    const std::string kind = output.empty() ? "total" : lower_ascii(trim(output));
    static constexpr std::pair<std::string_view, HousingOutput> outputs[] = {
        {"total", HousingOutput::total},   {"male", HousingOutput::male},
        {"female", HousingOutput::female}, {"both", HousingOutput::both},
        {"units", HousingOutput::units},   {"arrivals", HousingOutput::arrivals},
    };
    const auto found = std::find_if(std::begin(outputs), std::end(outputs),
                                    [&](const auto& entry) { return entry.first == kind; });
    if (found == std::end(outputs))
        throw domain_error("output: '" + std::string(output) +
                           "' is not one of total, male, female, both, units, arrivals");
    request.output = found->second;

    static constexpr std::pair<std::string_view, std::string_view> refused[] = {
        {"step", "completions, arrivals and retention are per year, so the step is always 1"},
        {"migration", "the retention coefficients replace migration in the new stock"},
        {"migration_timing", "the retention coefficients replace migration in the new stock"},
        {"out", "the retention coefficients replace migration in the new stock"},
    };
    std::map<std::string, std::string> map;
    try {
        map = parse_options(options,
                            {"srb", "fertile_from", "mortality", "births", "radix", "bands", "male_share"});
    } catch (const domain_error&) {
        // Say why a key of POP.PROJECT is refused here; any other problem keeps its own message,
        // which lists only the keys POP.HOUSING knows.
        std::map<std::string, std::string> all;
        try {
            all = parse_options(options, {"srb", "fertile_from", "mortality", "births", "radix", "bands",
                                          "male_share", "step", "migration", "migration_timing", "out"});
        } catch (const domain_error&) {
        }
        for (const auto& [key, why] : refused)
            if (all.count(std::string(key)))
                fail("'" + std::string(key) + "' is not an option of POP.HOUSING: " + std::string(why));
        throw;
    }
    // POP.PROJECT's keys mean what they mean there.
    std::string shared;
    for (const auto& [key, value] : map) {
        if (key == "male_share") {
            const double share = option_number(key, value);
            if (!(share >= 0.0 && share <= 1.0))
                fail("'male_share' must be a share of the arrivals from 0 to 1, but was: " + value);
            request.options.male_share = share;
        } else {
            shared += key + "=" + value + ";";
        }
    }
    const ProjectionRequest projection = parse_projection_request("total", shared);
    request.options.projection = projection.options;
    request.bands = projection.bands;
    return request;
}

}  // namespace kuntaplan::addin
