// The options text and output keyword of POP.PROJECT (addin/options.hpp).
#include <catch2/catch.hpp>

#include "keywords.hpp"
#include "options.hpp"

using namespace kuntaplan;
using namespace kuntaplan::addin;

TEST_CASE("defaults when output and options are empty", "[options]") {
    const auto r = parse_projection_request("", "");
    CHECK(r.output == ProjectionOutput::total);
    CHECK(r.options.sex_ratio_at_birth == 1.05);
    CHECK(r.options.step_years == 1);
    CHECK(r.options.fertile_from_age == 15);
    CHECK(r.options.mortality == MortalityMeasure::qx);
    CHECK(r.options.migration == MigrationKind::counts);
    CHECK(r.options.migration_timing == MigrationTiming::half);
    CHECK(r.options.out_migration == OutMigration::rates);
    CHECK(r.options.births == BirthsExposure::mean);
    CHECK(r.bands.empty());
}

TEST_CASE("every key and output keyword, case-insensitive, with spaces", "[options]") {
    const auto r = parse_projection_request(
        " Summary ",
        "SRB=1.06; step=5 ;fertile_from=20;mortality=Lx;migration=RATES;migration_timing=end;"
        "bands=0, 5,10;radix=1");
    CHECK(r.output == ProjectionOutput::summary);
    CHECK(r.options.sex_ratio_at_birth == 1.06);
    CHECK(r.options.step_years == 5);
    CHECK(r.options.fertile_from_age == 20);
    CHECK(r.options.mortality == MortalityMeasure::Lx);
    CHECK(r.options.migration == MigrationKind::rates);
    CHECK(r.options.migration_timing == MigrationTiming::end);
    CHECK(r.options.lx_radix == 1.0);
    CHECK(r.bands == std::vector<int>{0, 5, 10});
    for (auto [word, kind] : {std::pair{"male", ProjectionOutput::male},
                              {"female", ProjectionOutput::female},
                              {"both", ProjectionOutput::both},
                              {"births", ProjectionOutput::births},
                              {"deaths", ProjectionOutput::deaths},
                              {"areas", ProjectionOutput::areas},
                              {"Components", ProjectionOutput::components}})
        CHECK(parse_projection_request(word, "").output == kind);
}

TEST_CASE("gross migration, out-migration and births options", "[options]") {
    const auto r = parse_projection_request("components", "migration=Gross;out=COUNTS;births=start");
    CHECK(r.output == ProjectionOutput::components);
    CHECK(r.options.migration == MigrationKind::gross);
    CHECK(r.options.out_migration == OutMigration::counts);
    CHECK(r.options.births == BirthsExposure::start);
    CHECK(parse_projection_request("", "migration=gross;out=rates").options.out_migration ==
          OutMigration::rates);
    CHECK(parse_projection_request("", "births=mean").options.births == BirthsExposure::mean);
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(parse_projection_request("", "out=counts"), Contains("only with migration=gross"));
    CHECK_THROWS_WITH(parse_projection_request("", "migration=gross;out=net"), Contains("rates or counts"));
    CHECK_THROWS_WITH(parse_projection_request("", "births=end"), Contains("mean or start"));
}

TEST_CASE("keywords are lowered as ASCII, other bytes kept", "[options]") {
    CHECK(lower_ascii("GreenBook") == "greenbook");
    CHECK(lower_ascii("Flows; MAdM 7") == "flows; madm 7");
    CHECK(lower_ascii("\xC3\x84ITI") == "\xC3\x84iti");  // "ÄITI": the UTF-8 bytes of Ä untouched
}

TEST_CASE("a decimal comma is a decimal point in single numbers", "[options]") {
    CHECK(parse_projection_request("", "srb=1,05").options.sex_ratio_at_birth == 1.05);
    CHECK(option_number("srb", "2,5") == 2.5);
}

TEST_CASE("every bad options text is an error naming the problem", "[options]") {
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(parse_projection_request("", "colour=red"), Contains("unknown key 'colour'"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb"), Contains("key=value"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb="), Contains("has no value"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb=1;srb=2"), Contains("given twice"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb=abc"), Contains("abc"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb=1.05x"), Contains("1.05x"));
    CHECK_THROWS_WITH(parse_projection_request("", "step=3"), Contains("1 or 5"));
    CHECK_THROWS_WITH(parse_projection_request("", "fertile_from=15.5"), Contains("whole age"));
    CHECK_THROWS_WITH(parse_projection_request("", "fertile_from=-1"), Contains("whole age"));
    CHECK_THROWS_WITH(parse_projection_request("", "mortality=px"), Contains("qx, mx or Lx"));
    CHECK_THROWS_WITH(parse_projection_request("", "migration=net"), Contains("counts, rates or gross"));
    CHECK_THROWS_WITH(parse_projection_request("", "migration_timing=mid"), Contains("half, start or end"));
    CHECK_THROWS_WITH(parse_projection_request("", "bands=0,,5"), Contains("whole numbers"));
    CHECK_THROWS_WITH(parse_projection_request("", "bands=0,1.5"), Contains("whole numbers"));
    CHECK_THROWS_WITH(parse_projection_request("", "srb=inf"), Contains("must be a number"));
    CHECK_THROWS_WITH(parse_projection_request("everything", ""), Contains("'everything' is not one of"));
    CHECK_THROWS_AS(parse_projection_request("", "colour=red"), domain_error);
}

TEST_CASE("POP.RESIDUAL takes POP.PROJECT's options but refuses those that cannot apply", "[options]") {
    const ProjectionOptions o = parse_residual_options("srb=1,04;births=start;migration_timing=end;step=5");
    CHECK(o.sex_ratio_at_birth == 1.04);
    CHECK(o.births == BirthsExposure::start);
    CHECK(o.migration_timing == MigrationTiming::end);
    CHECK(o.step_years == 5);
    CHECK(parse_residual_options("").migration == MigrationKind::counts);
    CHECK(parse_residual_options("mortality=Lx;radix=1;fertile_from=10").mortality == MortalityMeasure::Lx);
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(parse_residual_options("bands=0,7"),
                      Contains("'bands' is not an option of POP.RESIDUAL"));
    CHECK_THROWS_WITH(parse_residual_options("srb=1;migration=counts"),
                      Contains("'migration' is not an option of POP.RESIDUAL"));
    CHECK_THROWS_WITH(parse_residual_options("out=rates"),
                      Contains("'out' is not an option of POP.RESIDUAL"));
    // Other problems keep their own message, which lists only the keys POP.RESIDUAL knows.
    CHECK_THROWS_WITH(parse_residual_options("colour=red"), Contains("unknown key 'colour'"));
    CHECK_THROWS_WITH(parse_residual_options("colour=red"), !Contains("bands"));
    CHECK_THROWS_WITH(parse_residual_options("srb=1;srb=2"), Contains("given twice"));
    CHECK_THROWS_WITH(parse_residual_options("births=end"), Contains("mean or start"));
    CHECK_THROWS_AS(parse_residual_options("bands=1"), domain_error);
}

TEST_CASE("POP.HOUSING's output keywords and options: POP.PROJECT's that apply, and male_share",
          "[options]") {
    using Catch::Matchers::Contains;
    const HousingRequest r =
        parse_housing_request("Units", "male_share=0,48;srb=1,04;births=start;bands=7,16;mortality=mx");
    CHECK(r.output == HousingOutput::units);
    CHECK(r.options.male_share == 0.48);
    CHECK(r.options.projection.sex_ratio_at_birth == 1.04);
    CHECK(r.options.projection.births == BirthsExposure::start);
    CHECK(r.options.projection.mortality == MortalityMeasure::mx);
    CHECK(r.bands == std::vector<int>{7, 16});
    const HousingRequest d = parse_housing_request("", "");
    CHECK(d.output == HousingOutput::total);
    CHECK(d.options.male_share == 0.5);
    CHECK(d.options.projection.sex_ratio_at_birth == 1.05);
    CHECK(d.options.projection.births == BirthsExposure::mean);
    CHECK(d.bands.empty());
    CHECK(parse_housing_request("arrivals", "").output == HousingOutput::arrivals);
    CHECK(parse_housing_request("both", "radix=1;fertile_from=14").options.projection.fertile_from_age == 14);
    CHECK_THROWS_WITH(parse_housing_request("components", ""),
                      Contains("'components' is not one of total, male, female, both, units, arrivals"));
    CHECK_THROWS_WITH(parse_housing_request("", "male_share=1.5"),
                      Contains("'male_share' must be a share of the arrivals from 0 to 1, but was: 1.5"));
    CHECK_THROWS_WITH(parse_housing_request("", "male_share=half"), Contains("must be a number"));
    CHECK_THROWS_WITH(parse_housing_request("", "step=5"),
                      Contains("'step' is not an option of POP.HOUSING"));
    CHECK_THROWS_WITH(parse_housing_request("", "migration=gross"),
                      Contains("'migration' is not an option of POP.HOUSING: the retention coefficients"));
    CHECK_THROWS_WITH(parse_housing_request("", "migration_timing=end"),
                      Contains("'migration_timing' is not an option of POP.HOUSING"));
    CHECK_THROWS_WITH(parse_housing_request("", "out=counts"),
                      Contains("'out' is not an option of POP.HOUSING"));
    // Other problems keep their own message, which lists only the keys POP.HOUSING knows.
    CHECK_THROWS_WITH(parse_housing_request("", "colour=red"), Contains("unknown key 'colour'"));
    CHECK_THROWS_WITH(parse_housing_request("", "colour=red"), Contains("male_share"));
    CHECK_THROWS_WITH(parse_housing_request("", "colour=red"), !Contains("migration"));
    CHECK_THROWS_WITH(parse_housing_request("", "male_share=0.5;male_share=0.4"), Contains("given twice"));
    CHECK_THROWS_WITH(parse_housing_request("", "births=end"), Contains("mean or start"));
}

// Keywords in Finnish and Swedish (the store's keywords:table, addin/keywords.hpp): every office
// accepts every language's words, in any case, Ä and Ö included.
TEST_CASE("Finnish and Swedish keywords mean the English ones", "[options][keywords]") {
    CHECK(parse_projection_request("yhteenveto", "").output == ProjectionOutput::summary);
    CHECK(parse_projection_request("SAMMANFATTNING", "").output == ProjectionOutput::summary);
    CHECK(parse_projection_request(" Osatekijät ", "").output == ProjectionOutput::components);
    CHECK(parse_projection_request("OSATEKIJÄT", "").output == ProjectionOutput::components);
    CHECK(parse_projection_request("molemmat", "").output == ProjectionOutput::both);
    CHECK(parse_projection_request("", "migration=brutto;out=määrät").options.out_migration ==
          OutMigration::counts);
    CHECK(parse_projection_request("", "births=början").options.births == BirthsExposure::start);
    CHECK(parse_housing_request("kohteet", "").output == HousingOutput::units);
    CHECK(canonical_keyword("cost_output", "Minuuttihinnat") == "rates");
    CHECK(canonical_keyword("cost_output", "minutpriser") == "rates");
    CHECK(canonical_keyword("model", "automaattinen") == "auto");
    CHECK(canonical_keyword("ratios", "mediaani") == "median");
    CHECK(canonical_keyword("network_output", "kuormitus") == "load");
    // A word of another context is not a keyword here; nor is a near miss.
    CHECK(canonical_keyword("projection_output", "minuuttihinnat") == "minuuttihinnat");
    CHECK_THROWS_WITH(parse_projection_request("yhteenvedot", ""),
                      Catch::Contains("'yhteenvedot' is not one of"));
}

TEST_CASE("rates per 1,000: fertility_unit and mortality_unit", "[options]") {
    CHECK(parse_projection_request("", "").fertility_scale == 1.0);
    const auto r = parse_projection_request("", "fertility_unit=per1000;mortality_unit=promille");
    CHECK(r.fertility_scale == 1e-3);
    CHECK(r.mortality_scale == 1e-3);
    CHECK(parse_projection_request("", "mortality_unit=per1").mortality_scale == 1.0);
    CHECK(parse_housing_request("", "fertility_unit=‰").fertility_scale == 1e-3);
    CHECK(parse_residual_request("mortality_unit=per1000").mortality_scale == 1e-3);
    CHECK_THROWS_WITH(parse_projection_request("", "fertility_unit=percent"),
                      Catch::Contains("'fertility_unit' must be per1 or per1000, but was: percent"));
}
