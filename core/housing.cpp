// The residents of new housing; see housing.hpp for the method, its source and
// the recursion.
//
// Conventions of this file that the header leaves open:
//  - Row and column numbers in error messages are 1-based, as a spreadsheet
//    user counts them; a unit is its row of completions and types.
//  - Absurd sizes are refused before anything is allocated, with POP.PROJECT's
//    limits: at most 1000 ages and 1000 years, and units × 2 × ages ×
//    (years + 1) ≤ 5e7 result cells.
//  - Floor areas and profile values at most 1e12, retention at most 1000 (a
//    cohort that grows a thousandfold in a year is no housing stock); a unit
//    whose residents would pass 1e16 stops the call with a domain_error.
//  - Deaths and moves are booked so that every unit balances exactly: the
//    deaths of age x are P(x)·min(q(x), retention(x)) (nobody dies who has
//    already left), its net moves P(x)·(retention(x) − 1); the arrivals count
//    as moves in.
#include "housing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;

constexpr double kMaxCells = 5e7;
constexpr double kMaxCount = 1e12;
constexpr double kMaxRetention = 1e3;

std::string shape(const MatrixView& m) { return num(m.rows()) + " × " + num(m.cols()); }

// What the checks derive: sizes, each unit's type (0-based) and each used
// type's normalised profile.
struct Checked {
    std::size_t U = 0, T = 0, A = 0, Y = 0;
    std::vector<std::size_t> type;  // per unit, 0-based
    std::vector<double> profile;    // T' × A (T' profile columns), normalised; zeros for unused types
};

void check_options(const HousingInput& in) {
    if (in.years < 1 || in.years > kMaxProjectionYears)
        throw domain_error(msg::housing_years_range, num(kMaxProjectionYears), num(in.years));
    if (in.options.projection.step_years != 1)
        throw domain_error(msg::housing_step_years, num(in.options.projection.step_years));
    const double m = in.options.male_share;
    if (!(m >= 0.0 && m <= 1.0)) throw domain_error(msg::housing_male_share, num(m));
}

// completions and types; returns U.
std::size_t check_units(const HousingInput& in) {
    const MatrixView& c = in.completions;
    if (c.empty()) throw domain_error(msg::housing_completions_empty, shape(c));
    for (std::size_t r = 0; r < c.rows(); ++r)
        for (std::size_t j = 0; j < c.cols(); ++j) {
            const double v = c(r, j);
            if (!(v >= 0.0 && v <= kMaxCount))
                throw domain_error(msg::housing_completions_value, messages::power(kMaxCount), num(v),
                                   num(r + 1), num(j + 1));
        }
    const MatrixView& t = in.types;
    if (t.rows() != c.rows() || t.cols() != 1)
        throw domain_error(msg::housing_types_shape, num(c.rows()), shape(t));
    return c.rows();
}

// building; returns T.
std::size_t check_building(const HousingInput& in) {
    const MatrixView& b = in.building;
    if (b.empty() || b.cols() != 2) throw domain_error(msg::housing_building_shape, shape(b));
    for (std::size_t r = 0; r < b.rows(); ++r) {
        const double m2 = b(r, 0), vacant = b(r, 1);
        if (!(std::isfinite(m2) && m2 > 0.0))
            throw domain_error(msg::housing_building_m2, num(m2), num(r + 1), "1");
        if (!(vacant >= 0.0 && vacant <= 1.0))
            throw domain_error(msg::housing_building_vacant, num(vacant), num(r + 1), "2");
    }
    return b.rows();
}

// profiles and retention: A × (at most T) each; returns A.
std::size_t check_age_tables(const HousingInput& in, std::size_t T) {
    const MatrixView& p = in.profiles;
    const std::size_t A = p.rows();
    if (p.empty() || A < 2 || A > kMaxAgeRows)
        throw domain_error(msg::housing_profiles_shape, num(kMaxAgeRows), shape(p));
    if (p.cols() > T) throw domain_error(msg::housing_profiles_columns, num(T), num(p.cols()));
    for (std::size_t r = 0; r < A; ++r)
        for (std::size_t j = 0; j < p.cols(); ++j) {
            const double v = p(r, j);
            if (!(v >= 0.0 && v <= kMaxCount))
                throw domain_error(msg::housing_profiles_value, messages::power(kMaxCount), num(v),
                                   num(r + 1), num(j + 1));
        }
    const MatrixView& k = in.retention;
    if (k.rows() != A || k.cols() < 1) throw domain_error(msg::housing_retention_shape, num(A), shape(k));
    if (k.cols() > T) throw domain_error(msg::housing_retention_columns, num(T), num(k.cols()));
    for (std::size_t r = 0; r < A; ++r)
        for (std::size_t j = 0; j < k.cols(); ++j) {
            const double v = k(r, j);
            if (!(v >= 0.0 && v <= kMaxRetention))
                throw domain_error(msg::housing_retention_value, num(kMaxRetention), num(v), num(r + 1),
                                   num(j + 1));
        }
    return A;
}

Checked check_housing(const HousingInput& in) {
    check_options(in);
    Checked ck;
    ck.U = check_units(in);
    ck.T = check_building(in);
    ck.A = check_age_tables(in, ck.T);
    ck.Y = static_cast<std::size_t>(in.years);
    const double cells = static_cast<double>(ck.U) * 2.0 * static_cast<double>(ck.A) * (in.years + 1.0);
    if (cells > kMaxCells)
        throw domain_error(msg::housing_cells_limit, messages::power(kMaxCells), num(cells));
    // Each unit's type, and the columns it needs.
    const MatrixView& p = in.profiles;
    const MatrixView& k = in.retention;
    std::vector<double> sums(p.cols(), 0.0);
    for (std::size_t j = 0; j < p.cols(); ++j)
        for (std::size_t r = 0; r < ck.A; ++r) sums[j] += p(r, j);
    ck.type.resize(ck.U);
    // Only types with a profile column can be used: T' × A values (at most the profiles' cells,
    // however many rows the building table has).
    ck.profile.assign(p.cols() * ck.A, 0.0);
    std::vector<bool> normalised(p.cols(), false);
    for (std::size_t u = 0; u < ck.U; ++u) {
        const double v = in.types(u, 0);
        if (!(v >= 1.0 && v <= static_cast<double>(ck.T) && v == std::floor(v)))
            throw domain_error(msg::housing_types_value, num(ck.T), num(v), num(u + 1), "1");
        const std::size_t j = static_cast<std::size_t>(v) - 1;
        if (j >= p.cols())
            throw domain_error(msg::housing_profile_column_missing, num(j + 1), num(u + 1), num(p.cols()));
        if (!(sums[j] > 0.0))
            throw domain_error(msg::housing_profile_column_zero, num(j + 1), num(u + 1), num(sums[j]));
        if (j >= k.cols())
            throw domain_error(msg::housing_retention_column_missing, num(j + 1), num(u + 1), num(k.cols()));
        ck.type[u] = j;
        if (!normalised[j])
            for (std::size_t r = 0; r < ck.A; ++r) ck.profile[j * ck.A + r] = p(r, j) / sums[j];
        normalised[j] = true;
    }
    return ck;
}

}  // namespace

Housing project_housing(const HousingInput& in) {
    const Checked ck = check_housing(in);
    const std::size_t U = ck.U, A = ck.A, Y = ck.Y, T1 = Y + 1, W = 2 * A;
    // Fertility and mortality with POP.PROJECT's checks and conventions: a
    // projection input of A ages with an empty stock and no migration.
    const Matrix zeros(A, 2);
    ProjectionInput pin;
    pin.base = zeros;
    pin.migration = zeros;
    pin.fertility = in.fertility;
    pin.mortality = in.mortality;
    pin.years = in.years;
    pin.options = in.options.projection;
    pin.options.migration = MigrationKind::counts;
    pin.options.migration_timing = MigrationTiming::half;
    pin.options.out_migration = OutMigration::rates;
    const ProjectionShape sh = projection_shape(pin);
    const Survivorship sv = projection_survivorship(pin);
    const bool at_start = sh.births_at_start;
    auto fertility = [&](std::size_t t, std::size_t i) {
        return in.fertility(i, std::min(t, sh.fert_cols - 1));
    };
    auto survival = [&](std::size_t t, std::size_t sex) {
        return &sv.s[(std::min(t, sv.pairs - 1) * 2 + sex) * A];
    };
    auto birth_survival = [&](std::size_t t, std::size_t sex) {
        return sv.s_birth[std::min(t, sv.pairs - 1) * 2 + sex];
    };
    const double arrival_share[2] = {in.options.male_share, 1.0 - in.options.male_share};

    Housing out;
    Projection& pr = out.projection;
    pr.ages = A;
    pr.areas = U;
    pr.years = Y;
    pr.population.assign(U * W * T1, 0.0);
    pr.births.assign(U * Y, 0.0);
    pr.deaths.assign(U * 2 * Y, 0.0);
    pr.net_migration.assign(U * 2 * Y, 0.0);
    out.arrivals.assign(U * Y, 0.0);

    const std::size_t Yc = in.completions.cols();
    std::vector<double> hist(T1 * W);
    for (std::size_t u = 0; u < U; ++u) {
        const std::size_t j = ck.type[u];
        const double m2 = in.building(j, 0), vacant = in.building(j, 1);
        const double* profile = &ck.profile[j * A];
        std::fill(hist.begin(), hist.end(), 0.0);
        for (std::size_t t = 0; t < Y; ++t) {
            const double* now = &hist[t * W];
            double* next = &hist[(t + 1) * W];
            double deaths[2] = {0.0, 0.0}, moved[2] = {0.0, 0.0};
            for (std::size_t sex = 0; sex < 2; ++sex) {
                const double* P = now + sex * A;
                double* N = next + sex * A;
                const double* S = survival(t, sex);
                std::fill(N, N + A, 0.0);
                for (std::size_t x = 0; x < A; ++x) {
                    const double ret = in.retention(x, j), q = 1.0 - S[x];
                    // Ages 0..A−3 move one row up; A−2 and the open group A−1 both land in A−1.
                    N[std::min(x + 1, A - 1)] += P[x] * std::max(ret - q, 0.0);
                    deaths[sex] += P[x] * std::min(q, ret);
                    moved[sex] += P[x] * (ret - 1.0);
                }
            }
            // The year's births: the women at its start (and at its end, before
            // the year's arrivals and newborns) at the fertile ages.
            const double* W0 = now + A + sh.first;
            const double* W1 = next + A + sh.first;
            double births = 0.0;
            for (std::size_t i = 0; i < sh.F; ++i)
                births += fertility(t, i) * (at_start ? W0[i] : (W0[i] + W1[i]) / 2.0);
            // The arrivals at the year's end: this year's occupied floor area and
            // last year's vacant part.
            const double done = t < Yc ? in.completions(u, t) : 0.0;
            const double before = t >= 1 && t - 1 < Yc ? in.completions(u, t - 1) : 0.0;
            const double arrivals = (done * (1.0 - vacant) + before * vacant) / m2;
            if (!(arrivals <= kMaxProjectedPopulation))
                throw domain_error(msg::housing_arrivals_limit, num(kMaxProjectedPopulation), num(arrivals),
                                   num(u + 1), num(t + 1));
            out.arrivals[u * Y + t] = arrivals;
            pr.births[u * Y + t] = births;
            double total = 0.0;
            for (std::size_t sex = 0; sex < 2; ++sex) {
                double* N = next + sex * A;
                const double born = births * sh.share[sex];
                N[0] = born * birth_survival(t, sex);
                deaths[sex] += born - N[0];
                const double a = arrivals * arrival_share[sex];
                for (std::size_t x = 0; x < A; ++x) {
                    N[x] += a * profile[x];
                    total += N[x];
                }
                pr.deaths[(u * 2 + sex) * Y + t] = deaths[sex];
                pr.net_migration[(u * 2 + sex) * Y + t] = moved[sex] + a;
            }
            if (!(total <= kMaxProjectedPopulation))
                throw domain_error(msg::housing_residents_limit, num(kMaxProjectedPopulation), num(total),
                                   num(u + 1), num(t + 1));
        }
        for (std::size_t r = 0; r < W; ++r) {  // r = sex·A + x
            double* dst = &pr.population[(u * W + r) * T1];
            for (std::size_t t = 0; t < T1; ++t) dst[t] = hist[t * W + r];
        }
    }
    return out;
}

Matrix housing_table(const Housing& housing, HousingOutput output, std::span<const int> bands) {
    const Projection& pr = housing.projection;
    if (housing.arrivals.size() != pr.areas * pr.years)
        throw domain_error(msg::housing_arrivals_size, num(pr.areas * pr.years),
                           num(housing.arrivals.size()));
    switch (output) {
        case HousingOutput::total:
            return projection_table(pr, ProjectionOutput::total, bands);
        case HousingOutput::male:
            return projection_table(pr, ProjectionOutput::male, bands);
        case HousingOutput::female:
            return projection_table(pr, ProjectionOutput::female, bands);
        case HousingOutput::both:
            return projection_table(pr, ProjectionOutput::both, bands);
        case HousingOutput::units:
        case HousingOutput::arrivals:
            break;
        default:
            throw domain_error(msg::housing_output_value, num(static_cast<int>(output)));
    }
    if (!bands.empty())
        throw domain_error(output == HousingOutput::units ? msg::housing_bands_units
                                                          : msg::housing_bands_arrivals);
    if (output == HousingOutput::units) return projection_table(pr, ProjectionOutput::areas);
    Matrix out(pr.areas, pr.years);
    std::copy(housing.arrivals.begin(), housing.arrivals.end(), out.data().begin());
    return out;
}

}  // namespace kuntaplan
