// Demographic models: life tables, fertility summaries, the cohort-component
// projection, age bands and constraining parts to a total.
//
// Methods:
//  - Life table: Preston, Heuveline & Guillot (2001), Demography, ch. 3
//    (eq. 3.5: nqx = n·nmx / (1 + (n − nax)·nmx); open group nLx = lx / mx).
//    Default nax: n/2; open group 1/mx; age 0 (and 1–4 in an abridged table)
//    by the Coale–Demeny West formulas of Preston et al. (2001) Table 3.3,
//    using the mean of the male and female coefficients (the add-in takes no
//    sex argument): 1a0 = 0.340 if m0 ≥ 0.107, else 0.049 + 2.742·m0;
//    4a1 = 1.3565 if m0 ≥ 0.107, else 1.5865 − 2.167·m0.
//  - Projection: the cohort-component method, Preston et al. (2001) ch. 6
//    (Box 6.1/6.2 for the 5-year step with nLx survivorship ratios and the
//    half-at-start, half-at-end migration convention); the single-year step is
//    the same recursion with width 1, as in Statistics Finland's projection.
//    Sub-areas with their own deviations (area_factors): the fertility rates and
//    death probabilities of the Helsinki-region cities' sub-area model times
//    (1 + deviation/100) (data/README.md, "Sub-areas, existing stock";
//    VKENN_python.py lines 193-204).
//  - Constraining: proportional scaling; with both margins, iterative
//    proportional fitting (Deming & Stephan 1940).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "errors.hpp"
#include "matrix.hpp"

namespace kuntaplan {

// ---------------------------------------------------------------- life table

struct LifeTableInput {
    std::span<const double> mx;      // central death rates, one per age interval, ≥ 0
    std::span<const double> ax;      // empty = defaults above; else one per interval, 0 ≤ ax ≤ width
    std::span<const double> widths;  // empty = 1 for every interval; else one per interval (the last,
                                     // the open group, is ignored), each > 0
    double radix = 100000.0;         // > 0
};

struct LifeTable {
    // One entry per age interval. x is the age at the start of the interval.
    std::vector<double> x, mx, qx, lx, dx, Lx, Tx, ex;
};

// Throws domain_error for an empty mx, negative or non-finite values, an ax
// outside [0, width], a width ≤ 0, mismatched lengths, a radix ≤ 0, or an open
// group with mx = 0 (its life expectancy would be infinite).
LifeTable life_table(const LifeTableInput& input);

// Life expectancy at `age`, which must be the start of one of the intervals.
double life_expectancy(const LifeTableInput& input, double age);

// ------------------------------------------------------------------ fertility

// Σ asfr × width. Rates must be finite and ≥ 0; width > 0.
double total_fertility_rate(std::span<const double> asfr, double width_years = 1.0);

// The schedule multiplied so that Σ × width = target_tfr. The schedule must
// have a positive sum; target ≥ 0.
std::vector<double> scale_schedule(std::span<const double> schedule, double target_tfr,
                                   double width_years = 1.0);

// ----------------------------------------------------------------- projection

enum class MortalityMeasure { qx, mx, Lx };
enum class MigrationKind { counts, rates, gross };
enum class MigrationTiming { half, start, end };
// Gross out-migration: a rate per person and year (default) or a count per year.
enum class OutMigration { rates, counts };
// Whose women bear the step's births: the mean of the start and the end of the
// step (Preston et al. 2001), or the start only (the Helsinki-region model).
enum class BirthsExposure { mean, start };

// The most people a projected area may hold: far above any real population,
// far below what int64 draws (POP.RISK) and doubles can count exactly.
inline constexpr double kMaxProjectedPopulation = 1e16;
// The most age rows of a life table or base population, and the most years of a projection.
inline constexpr std::size_t kMaxAgeRows = 1000;
inline constexpr int kMaxProjectionYears = 1000;

struct ProjectionOptions {
    double sex_ratio_at_birth = 1.05;  // males per female, > 0
    int step_years = 1;                // 1 or 5; with 5 each age row is a 5-year group
    int fertile_from_age = 15;         // age of the first fertility row (multiple of step)
    MortalityMeasure mortality = MortalityMeasure::qx;
    MigrationKind migration = MigrationKind::counts;
    MigrationTiming migration_timing = MigrationTiming::half;
    OutMigration out_migration = OutMigration::rates;  // with MigrationKind::gross
    BirthsExposure births = BirthsExposure::mean;
    double lx_radix = 100000.0;  // l0 of the Lx given with MortalityMeasure::Lx
};

// Shapes (A ages, K areas, Y = years steps). Columns of a sex pair are male, female.
//  base       A × 2K, ≥ 0.
//  fertility  F × 1 or F × Y' (Y' ≥ 1; a column per step, the last carried on), F ≥ 1,
//             rows = ages fertile_from .. fertile_from + F − 1 (must fit in A).
//  mortality  A × 2 or A × 2Y' (pair per step, last carried on). May have one
//             extra row A (qx only): the probability of death of those born
//             during the step; without it newborns survive with 1 − q0/2.
//             qx in [0,1]; mx ≥ 0; Lx > 0.
//  migration  A × 2 (same for every step and area), A × 2Y' (per step, same
//             for every area) or, when K > 1, A × 2K (per area, constant).
//             Counts: net migrants per year in the age group (at the end of
//             the step), so a step moves step_years × the count. Rates: per
//             person per year, applied to the population at the start of the
//             step (× step_years).
//             Gross: a group of four columns (in male, in female, out male,
//             out female) instead of each pair: A × 4, A × 4Y' or A × 4K.
//             In-migrants are counts per year ≥ 0; out-migration is a count
//             per year ≥ 0 (OutMigration::counts) or a rate in [0, 1] per
//             person and year (OutMigration::rates) applied to the people
//             there when they move: the start-of-step share (h) to the age
//             group at the step's start, the end-of-step share (1 − h) to the
//             cohort at its end (the survivors aged x at the end, before the
//             end-of-step moves; for age 0 the surviving newborns). The net
//             migrants step_years × (in − out) follow the recursion below.
//  area_factors  empty (every area takes the rates as given), or K × 2: per
//             area a fertility factor f_k and a mortality factor m_k, each in
//             [0, kMaxAreaFactor]. Area k's births are f_k × the births of the
//             rates given; its mortality is the given one × m_k: qx·m_k capped
//             at 1 (everyone in the group dies in the step), the born-in-step
//             row too; mx·m_k (then through the life table as below). With Lx
//             every m_k must be 1 (Lx cannot be scaled by a factor). An area
//             whose m_k is 1 shares the survivorship of the rates given, so a
//             projection without factors costs what it did.
struct ProjectionInput {
    MatrixView base;
    MatrixView fertility;
    MatrixView mortality;
    MatrixView migration;
    int years = 0;  // number of steps, 1..1000
    ProjectionOptions options;
    MatrixView area_factors = {};
};

// The largest fertility or mortality factor of an area (the same bound as a rate).
inline constexpr double kMaxAreaFactor = 1000.0;

// The recursion for one sex, one area, one step (h = share of migrants at the
// start: 0.5 half, 1 start, 0 end; S = survivorship; NM = net migrants):
//   P'[x+1] = (P[x] + h·NM[x])·S[x] + (1−h)·NM[x+1]          x = 0 .. A−3
//   P'[A−1] = Σ_{x=A−2,A−1} (P[x] + h·NM[x])·S[x] + (1−h)·NM[A−1]
//   B       = step · Σ_x f[x] · ((W[x] + h·NM_w[x]) + W'[x]) / 2   (W women)
//   P'[0]   = B·share_sex·S_birth + (1−h)·NM[0]
// S[x] = 1 − qx (qx); Lx[x+1]/Lx[x] with the open group Lx[A−1]/(Lx[A−2]+Lx[A−1])
// for both of the last two groups (Lx, and mx through a life table); S_birth =
// 1 − q_born (qx), L0/(step·radix) (Lx, mx). share_male = srb/(1+srb).
// With a step of 5 the same holds with x counting 5-year groups.
// A cohort that net emigration would drive below zero keeps zero people: the
// migrants actually removed are reported in `net_migration`, so that for every
// area, sex and step: P(t+1) − P(t) = births − deaths + net_migration exactly
// (to rounding). With gross migration `in_migration` holds the in-migrants as
// given and `out_migration` = in − net, so that the out-migrants a cohort could
// not lose are not counted as having left.
// With BirthsExposure::start, B = step · Σ_x f[x] · (W[x] + h·NM_w[x]).
struct Projection {
    std::size_t ages = 0, areas = 0, years = 0;
    // population[((area·2 + sex)·ages + age)·(years+1) + t], t = 0 is the base.
    std::vector<double> population;
    // births[area·years + t]: births during step t (both sexes).
    std::vector<double> births;
    // deaths, net_migration: [(area·2 + sex)·years + t] for step t.
    std::vector<double> deaths;
    std::vector<double> net_migration;
    // in_migration, out_migration: as net_migration, with gross migration only (else empty).
    std::vector<double> in_migration;
    std::vector<double> out_migration;

    double pop(std::size_t area, int sex, std::size_t age, std::size_t t) const {
        return population[((area * 2 + static_cast<std::size_t>(sex)) * ages + age) * (years + 1) + t];
    }
};

// Throws domain_error for every shape mismatch and every value out of its
// domain (negative population, qx outside [0,1], NaN, years out of range, ...).
Projection project_population(const ProjectionInput& input);

// The survivorship ratios the recursion above uses, for models that share its
// conventions (the stochastic projection of risk.hpp): s[(p·2 + sex)·A + x]
// and s_birth[p·2 + sex] for the mortality column pair p (pairs past `years`
// are dropped; step t uses pair min(t, pairs − 1)). Validates the whole input
// as project_population does, and refuses area_factors (one survivorship for
// every area is what these models share).
struct Survivorship {
    std::size_t ages = 0, pairs = 0;
    std::vector<double> s, s_birth;
};
Survivorship projection_survivorship(const ProjectionInput& input);

// What the projection and its stochastic twin (risk.hpp) derive from a
// validated input: its sizes, where fertility starts, how many migration
// column pairs there are and whether they are per area, the share of migrants
// at the step's start (h: 0.5 half, 1 start, 0 end) and of births by sex.
struct ProjectionShape {
    std::size_t A = 0, K = 0, Y = 0, F = 0, first = 0, fert_cols = 0, mig_pairs = 0;
    std::size_t mig_width = 2;  // columns per migration group: 2 net, 4 gross
    double step = 1.0, h = 0.5;
    double share[2] = {0.0, 0.0};  // of births: male, female
    bool per_area = false, rates = false, gross = false, out_rates = true, births_at_start = false;
};
ProjectionShape projection_shape(const ProjectionInput& input);

enum class ProjectionOutput { total, male, female, both, births, deaths, summary, areas, components };

// A table drawn from a projection; `bands` (lower ages in years, strictly
// increasing, first ≥ 0) aggregate the age rows of total/male/female/both.
// Shapes (K areas stacked down the rows, area after area):
//   total/male/female  K·A × (Y+1)  (K·nb with bands)
//   both               K·2A × (Y+1) (male block then female block per area)
//   births             K × Y
//   deaths             2K × Y (male, female per area)
//   summary            5K × (Y+1): population, births, deaths, net migration,
//                      natural increase; column 0 holds NaN for the flows
//                      (there is no step before the base)
//   areas              K × (Y+1)
//   components         7K × (Y+1): population, births, deaths, in-migration,
//                      out-migration, net migration, natural increase; NaN
//                      where summary has it, and in the in- and out-migration
//                      rows when the migration was not gross
Matrix projection_table(const Projection& projection, ProjectionOutput output,
                        std::span<const int> bands = {}, int step_years = 1);

// The residual method: the net migrants by age and sex of each step that take
// a population from one year's counts to the next's, under the projection's
// conventions (births, survival, migration timing, step). `population` is
// A × 2Y' (a male/female pair per observed year, Y' ≥ 2); the result is
// A × 2(Y'−1), net migrants per year (counts), such that project_population
// with migration = the result, MigrationKind::counts and the same options gives
// back every observed pair (to rounding), unless a cohort would have to go
// below zero at the start of a step. Age 0's residual absorbs the births.
// MigrationTiming::start is refused: the newborns at the step's end then have
// no migrants to absorb the difference. Options migration and out_migration
// are ignored (the result is net counts).
struct ResidualInput {
    MatrixView population;
    MatrixView fertility;
    MatrixView mortality;
    ProjectionOptions options;
};
Matrix residual_migration(const ResidualInput& input);

// ------------------------------------------------------------ bands, totals

// Sums the rows of `values` (row i = age i·step_years) into bands with the
// given lower ages; ages below the first break are left out, the last band is
// open. Breaks strictly increasing, ≥ 0 and below the number of ages.
Matrix aggregate_bands(MatrixView values, std::span<const int> breaks, int step_years = 1);

// Scales `parts` so that they add up to `total`:
//  - total 1 × C: each column of parts sums to total[0][c];
//  - total A × C with parts (K·A) × C (K blocks of A rows stacked): for every
//    row a and column c, Σ_k parts[k·A + a][c] = total[a][c];
//  - with `part_totals` (K × C, only with an A × C total): iterative
//    proportional fitting so that also Σ_a parts[k·A + a][c] = part_totals[k][c].
// Shares are kept; a zero group with a positive target is a domain_error
// (there is no share to scale), as are margins whose sums differ by more than
// 1e-9 relative. IPF that does not reach 1e-10 relative in 1000 sweeps throws
// no_convergence.
Matrix constrain_to_total(MatrixView parts, MatrixView total, MatrixView part_totals = {});

}  // namespace kuntaplan
