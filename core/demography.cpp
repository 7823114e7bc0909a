// Demographic models; see demography.hpp for the methods and their sources.
//
// Conventions of this file that the header leaves open:
//  - Row and column numbers in error messages are 1-based, as a spreadsheet
//    user counts them.
//  - Absurd sizes are refused before anything is allocated: at most 1000 ages
//    (life-table intervals), 1000 steps and 5e7 projected population cells
//    (areas × 2 sexes × ages × (steps + 1)).
//  - Absurd magnitudes are refused so that no result can overflow: population
//    cells and migration counts at most 1e12 in magnitude, fertility rates and
//    migration rates at most 1000 per person per year; a projection whose area
//    total would pass 1e16 people is stopped with a domain_error.
//  - Input columns beyond the number of steps (fertility, mortality and
//    migration per step) are ignored.
//  - With MortalityMeasure::mx the survivorship comes from a life table of
//    width `step_years` per sex and step with nax = n/2 in every closed group
//    and 1/mx in the open group (no Coale–Demeny age-0 formula, so that the
//    single-year and the 5-year step treat age 0 alike).
//  - With MortalityMeasure::Lx the values must be a life table's: positive,
//    L0 ≤ step × radix and not increasing with age (except the last value,
//    which is the open group's T); otherwise a survivorship ratio would exceed 1.
//  - In a life table, ex of an interval that nobody reaches (lx = 0) is 0.
#include "demography.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;

constexpr double kMaxCells = 5e7;
constexpr double kMaxCount = 1e12;
constexpr double kMaxRate = 1e3;

// ------------------------------------------------------------- life table

// Coale–Demeny West nax for ages 0 and 1–4, the mean of the male and female
// coefficients of Preston et al. (2001) Table 3.3.
double coale_demeny_a0(double m0) { return m0 >= 0.107 ? 0.340 : 0.049 + 2.742 * m0; }
double coale_demeny_a1(double m0) { return m0 >= 0.107 ? 1.3565 : 1.5865 - 2.167 * m0; }

// nqx = n·m / (1 + (n − a)·m), Preston et al. (2001) eq. 3.5, written so that
// a huge m cannot overflow; capped at 1 (possible when a < n/2 and m is large).
double q_from_m(double m, double n, double a) {
    if (m <= 0.0) return 0.0;
    return std::min(1.0, n / (1.0 / m + (n - a)));
}

void check_life_table(const LifeTableInput& in) {
    const std::size_t n = in.mx.size();
    if (n == 0) throw domain_error(msg::lifetable_mx_empty);
    if (n > kMaxAgeRows) throw domain_error(msg::lifetable_mx_too_many, num(kMaxAgeRows), num(n));
    if (!in.ax.empty() && in.ax.size() != n)
        throw domain_error(msg::lifetable_ax_length, num(n), num(in.ax.size()));
    if (!in.widths.empty() && in.widths.size() != n)
        throw domain_error(msg::lifetable_widths_length, num(n), num(in.widths.size()));
    if (!std::isfinite(in.radix) || in.radix <= 0.0) throw domain_error(msg::lifetable_radix, num(in.radix));
    for (std::size_t i = 0; i < n; ++i) {
        const double m = in.mx[i];
        if (!std::isfinite(m) || m < 0.0) throw domain_error(msg::lifetable_mx_value, num(m), num(i + 1));
        const bool open = i + 1 == n;
        const double w = in.widths.empty() ? 1.0 : in.widths[i];
        if (!open && (!std::isfinite(w) || w <= 0.0))
            throw domain_error(msg::lifetable_width_value, num(w), num(i + 1));
        if (!in.ax.empty()) {
            const double a = in.ax[i];
            if (!std::isfinite(a) || a < 0.0 || (!open && a > w))
                throw domain_error(msg::lifetable_ax_value, num(a), num(i + 1));
        }
    }
    if (!(in.mx[n - 1] > 0.0)) throw domain_error(msg::lifetable_open_mx, num(in.mx[n - 1]));
}

}  // namespace

// Preston, Heuveline & Guillot (2001) ch. 3, Box 3.1: q from m and a (eq. 3.5),
// l(x+n) = lx − ndx, nLx = n·l(x+n) + nax·ndx, open group L = l/m, Tx, ex = Tx/lx.
LifeTable life_table(const LifeTableInput& in) {
    check_life_table(in);
    const std::size_t n = in.mx.size();
    LifeTable t;
    t.x.resize(n);
    t.mx.assign(in.mx.begin(), in.mx.end());
    t.qx.resize(n);
    t.lx.resize(n);
    t.dx.resize(n);
    t.Lx.resize(n);
    t.Tx.resize(n);
    t.ex.resize(n);
    auto width = [&](std::size_t i) { return in.widths.empty() ? 1.0 : in.widths[i]; };
    double x = 0.0, l = in.radix;
    for (std::size_t i = 0; i < n; ++i) {
        const double m = in.mx[i];
        t.x[i] = x;
        t.lx[i] = l;
        if (i + 1 == n) {  // open group
            t.qx[i] = 1.0;
            t.dx[i] = l;
            t.Lx[i] = l / m;
            break;
        }
        const double w = width(i);
        double a = w / 2.0;
        if (!in.ax.empty()) {
            a = in.ax[i];
        } else if (i == 0 && w == 1.0) {
            a = coale_demeny_a0(m);
        } else if (i == 1 && width(0) == 1.0 && w == 4.0) {
            a = coale_demeny_a1(in.mx[0]);
        }
        const double q = q_from_m(m, w, a);
        const double d = l * q;
        const double next = q >= 1.0 ? 0.0 : l - d;
        t.qx[i] = q;
        t.dx[i] = d;
        t.Lx[i] = w * next + a * d;
        l = next;
        x += w;
    }
    double total = 0.0;
    for (std::size_t i = n; i-- > 0;) {
        total += t.Lx[i];
        t.Tx[i] = total;
        t.ex[i] = t.lx[i] > 0.0 ? total / t.lx[i] : 0.0;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(t.x[i]) || !std::isfinite(t.Tx[i]) || !std::isfinite(t.ex[i]))
            throw domain_error(msg::lifetable_overflow, num(t.Tx[i]), num(i + 1));
    }
    return t;
}

double life_expectancy(const LifeTableInput& input, double age) {
    if (!std::isfinite(age) || age < 0.0) throw domain_error(msg::lifetable_age_value, num(age));
    const LifeTable t = life_table(input);
    for (std::size_t i = 0; i < t.x.size(); ++i) {
        // Interval starts are sums of widths: allow their rounding.
        if (std::fabs(t.x[i] - age) <= 1e-9 * std::max(1.0, age)) return t.ex[i];
    }
    throw domain_error(msg::lifetable_age_not_start, num(age));
}

// ------------------------------------------------------------------ fertility

double total_fertility_rate(std::span<const double> asfr, double width_years) {
    if (asfr.empty()) throw domain_error(msg::fert_rates_empty);
    if (!std::isfinite(width_years) || width_years <= 0.0)
        throw domain_error(msg::fert_width, num(width_years));
    double sum = 0.0;
    for (std::size_t i = 0; i < asfr.size(); ++i) {
        if (!std::isfinite(asfr[i]) || asfr[i] < 0.0)
            throw domain_error(msg::fert_rate_value, num(asfr[i]), num(i + 1));
        sum += asfr[i];
    }
    const double tfr = sum * width_years;
    if (!std::isfinite(tfr)) throw domain_error(msg::fert_tfr_overflow, num(tfr));
    return tfr;
}

std::vector<double> scale_schedule(std::span<const double> schedule, double target_tfr, double width_years) {
    if (!std::isfinite(target_tfr) || target_tfr < 0.0) throw domain_error(msg::fert_target, num(target_tfr));
    const double tfr = total_fertility_rate(schedule, width_years);
    if (!(tfr > 0.0)) throw domain_error(msg::fert_schedule_sum, num(tfr));
    const double factor = target_tfr / tfr;
    std::vector<double> out(schedule.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = schedule[i] * factor;
        if (!std::isfinite(out[i])) throw domain_error(msg::fert_scaled_overflow, num(factor));
    }
    return out;
}

// ----------------------------------------------------------------- projection

namespace {

// Survivorship ratios from person-years L (the last value the open group's T),
// Preston et al. (2001) Box 6.1: S[x] = L[x+1]/L[x]; the last two groups both
// survive with T_open/(L[A−2] + T_open). A zero L (nobody alive) gives S = 0.
void ratios_from_L(const double* L, std::size_t A, double* s) {
    for (std::size_t x = 0; x + 2 < A; ++x) s[x] = L[x] > 0.0 ? L[x + 1] / L[x] : 0.0;
    const double denom = L[A - 2] + L[A - 1];
    const double open = denom > 0.0 ? L[A - 1] / denom : 0.0;
    s[A - 2] = open;
    s[A - 1] = open;
}

// Survivorship from mx through a life table of width n (nax = n/2, open 1/mx),
// radix 1. Returns the survivorship of births, L0/n. The open-group ratio is
// written l/(L[A−2]·m + l) so that a tiny open-group m cannot overflow.
double ratios_from_m(const double* m, std::size_t A, double n, double* s, double* L) {
    double l = 1.0;
    double l_open = 0.0;
    for (std::size_t x = 0; x < A; ++x) {
        if (x + 1 == A) {
            l_open = l;
            break;
        }
        const double q = q_from_m(m[x], n, n / 2.0);
        const double d = l * q;
        const double next = q >= 1.0 ? 0.0 : l - d;
        L[x] = n * next + n / 2.0 * d;
        l = next;
    }
    for (std::size_t x = 0; x + 2 < A; ++x) s[x] = L[x] > 0.0 ? L[x + 1] / L[x] : 0.0;
    const double m_open = m[A - 1];
    const double denom = L[A - 2] * m_open + l_open;
    const double open = denom > 0.0 ? l_open / denom : 0.0;
    s[A - 2] = open;
    s[A - 1] = open;
    return A >= 2 ? L[0] / n : 0.0;
}

void check_projection_options(const ProjectionInput& in) {
    const ProjectionOptions& o = in.options;
    if (o.step_years != 1 && o.step_years != 5) throw domain_error(msg::proj_step_years, num(o.step_years));
    if (in.years < 1 || in.years > kMaxProjectionYears)
        throw domain_error(msg::proj_years, num(kMaxProjectionYears), num(in.years));
    if (!std::isfinite(o.sex_ratio_at_birth) || o.sex_ratio_at_birth <= 0.0)
        throw domain_error(msg::proj_srb, num(o.sex_ratio_at_birth));
    if (!std::isfinite(o.lx_radix) || o.lx_radix <= 0.0)
        throw domain_error(msg::proj_lx_radix, num(o.lx_radix));
    if (o.mortality != MortalityMeasure::qx && o.mortality != MortalityMeasure::mx &&
        o.mortality != MortalityMeasure::Lx)
        throw domain_error(msg::proj_mortality_measure, num(static_cast<int>(o.mortality)));
    if (o.migration != MigrationKind::counts && o.migration != MigrationKind::rates &&
        o.migration != MigrationKind::gross)
        throw domain_error(msg::proj_migration_kind, num(static_cast<int>(o.migration)));
    if (o.out_migration != OutMigration::rates && o.out_migration != OutMigration::counts)
        throw domain_error(msg::proj_out_migration, num(static_cast<int>(o.out_migration)));
    if (o.births != BirthsExposure::mean && o.births != BirthsExposure::start)
        throw domain_error(msg::proj_births, num(static_cast<int>(o.births)));
    if (o.migration_timing != MigrationTiming::half && o.migration_timing != MigrationTiming::start &&
        o.migration_timing != MigrationTiming::end)
        throw domain_error(msg::proj_migration_timing, num(static_cast<int>(o.migration_timing)));
}

// The base population; returns its number of age rows.
std::size_t check_base(const ProjectionInput& in) {
    const MatrixView& base = in.base;
    if (base.empty()) throw domain_error(msg::proj_base_empty, num(base.rows()), num(base.cols()));
    if (base.cols() % 2 != 0) throw domain_error(msg::proj_base_odd_columns, num(base.cols()));
    const std::size_t A = base.rows(), K = base.cols() / 2;
    if (A < 2 || A > kMaxAgeRows) throw domain_error(msg::proj_base_rows, num(kMaxAgeRows), num(A));
    const double cells = static_cast<double>(K) * 2.0 * static_cast<double>(A) * (in.years + 1.0);
    if (cells > kMaxCells)
        throw domain_error(msg::proj_too_many_cells, messages::power(kMaxCells), num(cells));
    for (std::size_t r = 0; r < A; ++r)
        for (std::size_t c = 0; c < base.cols(); ++c) {
            const double v = base(r, c);
            if (!std::isfinite(v) || v < 0.0 || v > kMaxCount)
                throw domain_error(msg::proj_base_value, messages::power(kMaxCount), num(v), num(r + 1),
                                   num(c + 1));
        }
    return A;
}

void check_fertility(const ProjectionInput& in, std::size_t A) {
    const ProjectionOptions& o = in.options;
    const int step = o.step_years;
    if (o.fertile_from_age < 0 || o.fertile_from_age % step != 0)
        throw domain_error(msg::proj_fertile_from, num(step), num(o.fertile_from_age));
    const MatrixView& f = in.fertility;
    if (f.empty()) throw domain_error(msg::proj_fertility_empty, num(f.rows()), num(f.cols()));
    const std::size_t first = static_cast<std::size_t>(o.fertile_from_age / step);
    if (first + f.rows() > A)
        throw domain_error(msg::proj_fertility_rows, num(first + 1), num(f.rows()), num(A),
                           num(first + f.rows()));
    for (std::size_t r = 0; r < f.rows(); ++r)
        for (std::size_t c = 0; c < f.cols(); ++c) {
            const double v = f(r, c);
            if (!std::isfinite(v) || v < 0.0 || v > kMaxRate)
                throw domain_error(msg::proj_fertility_value, num(kMaxRate), num(v), num(r + 1), num(c + 1));
            if (first + r == 0 && v != 0.0)
                throw domain_error(msg::proj_fertility_newborns, num(v), num(r + 1), num(c + 1));
        }
}

// One column of mortality in the measure the options name.
void check_mortality_column(const ProjectionInput& in, std::size_t A, std::size_t c) {
    const ProjectionOptions& o = in.options;
    const MatrixView& mort = in.mortality;
    const int step = o.step_years;
    for (std::size_t r = 0; r < mort.rows(); ++r) {
        const double v = mort(r, c);
        switch (o.mortality) {
            case MortalityMeasure::qx:
                if (!(v >= 0.0 && v <= 1.0))
                    throw domain_error(msg::proj_mortality_qx, num(v), num(r + 1), num(c + 1));
                break;
            case MortalityMeasure::mx:
                if (!std::isfinite(v) || v < 0.0)
                    throw domain_error(msg::proj_mortality_mx, num(v), num(r + 1), num(c + 1));
                break;
            case MortalityMeasure::Lx:
                if (!std::isfinite(v) || v <= 0.0)
                    throw domain_error(msg::proj_mortality_lx, num(v), num(r + 1), num(c + 1));
                break;
        }
    }
    if (o.mortality == MortalityMeasure::mx && !(mort(A - 1, c) > 0.0))
        throw domain_error(msg::proj_mortality_open_mx, num(mort(A - 1, c)), num(A), num(c + 1));
    if (o.mortality == MortalityMeasure::Lx) {
        const double limit = step * o.lx_radix;
        if (mort(0, c) > limit)
            throw domain_error(msg::proj_mortality_l0, num(limit), num(mort(0, c)), num(1), num(c + 1));
        for (std::size_t r = 1; r + 1 < A; ++r)
            if (mort(r, c) > mort(r - 1, c))
                throw domain_error(msg::proj_mortality_lx_increase, num(mort(r, c)), num(mort(r - 1, c)),
                                   num(r + 1), num(c + 1));
    }
}

void check_mortality(const ProjectionInput& in, std::size_t A) {
    const ProjectionOptions& o = in.options;
    const MatrixView& mort = in.mortality;
    if (mort.empty()) throw domain_error(msg::proj_mortality_empty, num(mort.rows()), num(mort.cols()));
    if (mort.rows() != A && !(mort.rows() == A + 1 && o.mortality == MortalityMeasure::qx))
        throw domain_error(
            o.mortality == MortalityMeasure::qx ? msg::proj_mortality_rows_qx : msg::proj_mortality_rows,
            num(A), num(mort.rows()));
    if (mort.cols() % 2 != 0) throw domain_error(msg::proj_mortality_odd_columns, num(mort.cols()));
    for (std::size_t c = 0; c < mort.cols(); ++c) check_mortality_column(in, A, c);
}

// Gross migration: four columns per group (in male, in female, out male, out
// female); in-migrants are counts ≥ 0, out-migration rates in [0, 1] or counts ≥ 0.
void check_gross_migration(const ProjectionInput& in) {
    const MatrixView& mig = in.migration;
    if (mig.cols() % 4 != 0) throw domain_error(msg::proj_gross_columns, num(mig.cols()));
    const bool out_rates = in.options.out_migration == OutMigration::rates;
    for (std::size_t r = 0; r < mig.rows(); ++r)
        for (std::size_t c = 0; c < mig.cols(); ++c) {
            const double v = mig(r, c);
            const bool out = c % 4 >= 2;
            const double high = out && out_rates ? 1.0 : kMaxCount;
            if (!std::isfinite(v) || v < 0.0 || v > high) {
                if (out && out_rates)
                    throw domain_error(msg::proj_out_migration_rate_value, num(v), num(r + 1), num(c + 1));
                throw domain_error(out ? msg::proj_out_migrants_value : msg::proj_in_migrants_value,
                                   messages::power(high), num(v), num(r + 1), num(c + 1));
            }
        }
}

void check_migration(const ProjectionInput& in, std::size_t A) {
    const ProjectionOptions& o = in.options;
    const MatrixView& mig = in.migration;
    if (mig.empty()) throw domain_error(msg::proj_migration_empty, num(mig.rows()), num(mig.cols()));
    if (mig.rows() != A) throw domain_error(msg::proj_migration_rows, num(A), num(mig.rows()));
    if (o.migration == MigrationKind::gross) return check_gross_migration(in);
    if (mig.cols() % 2 != 0) throw domain_error(msg::proj_migration_odd_columns, num(mig.cols()));
    const bool counts = o.migration == MigrationKind::counts;
    const double limit = counts ? kMaxCount : kMaxRate;
    for (std::size_t r = 0; r < A; ++r)
        for (std::size_t c = 0; c < mig.cols(); ++c) {
            const double v = mig(r, c);
            if (!std::isfinite(v) || std::fabs(v) > limit)
                throw domain_error(counts ? msg::proj_migration_count_value : msg::proj_migration_rate_value,
                                   counts ? messages::power(limit) : num(limit), num(v), num(r + 1),
                                   num(c + 1));
        }
}

// Per area a fertility and a mortality factor (K × 2), or none.
void check_area_factors(const ProjectionInput& in) {
    const MatrixView& f = in.area_factors;
    if (f.empty()) return;
    const std::size_t K = in.base.cols() / 2;
    if (f.rows() != K || f.cols() != 2)
        throw domain_error(msg::proj_area_factors_shape, num(K), num(f.rows()), num(f.cols()));
    for (std::size_t r = 0; r < K; ++r)
        for (std::size_t c = 0; c < 2; ++c) {
            const double v = f(r, c);
            if (!(v >= 0.0 && v <= kMaxAreaFactor))
                throw domain_error(c == 0 ? msg::proj_area_fertility_factor : msg::proj_area_mortality_factor,
                                   num(kMaxAreaFactor), num(v), num(r + 1), num(c + 1));
        }
    if (in.options.mortality == MortalityMeasure::Lx)
        for (std::size_t r = 0; r < K; ++r)
            if (f(r, 1) != 1.0)
                throw domain_error(msg::proj_area_mortality_factor_lx, num(f(r, 1)), num(r + 1), num(2));
}

void check_projection(const ProjectionInput& in) {
    check_projection_options(in);
    const std::size_t A = check_base(in);
    check_fertility(in, A);
    check_mortality(in, A);
    check_migration(in, A);
    check_area_factors(in);
}

// Σ term(x) for x < n with four independent accumulators: the sums of the
// projection are short, and one accumulator would make them latency-bound.
template <class Term>
inline double sum4(std::size_t n, Term term) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
    std::size_t x = 0;
    for (; x + 4 <= n; x += 4) {
        a0 += term(x);
        a1 += term(x + 1);
        a2 += term(x + 2);
        a3 += term(x + 3);
    }
    for (; x < n; ++x) a0 += term(x);
    return (a0 + a1) + (a2 + a3);
}

// Column-major (transposed) copy of the first `cols` columns, so that every
// age column is contiguous (columns past the last step are never copied).
std::vector<double> transpose(const MatrixView& m, std::size_t cols) {
    std::vector<double> out(m.rows() * cols);
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < cols; ++c) out[c * m.rows() + r] = m(r, c);
    return out;
}

// The survivorship of every mortality column pair of a validated input, with
// the death probabilities (qx) or rates (mx) × `factor`: computed once and
// shared by all areas whose mortality factor is 1, once per area otherwise.
// qx·factor is capped at 1; mx·factor at the largest double (so that a huge
// rate cannot become inf and then NaN in the life table).
Survivorship survivorship_of(const ProjectionInput& in, double factor) {
    const ProjectionOptions& o = in.options;
    const std::size_t A = in.base.rows();
    const std::size_t Y = static_cast<std::size_t>(in.years);
    const double step = o.step_years;
    // Survivorship per distinct mortality column pair (pairs past Y are unused).
    const MatrixView& mort = in.mortality;
    const std::size_t pairs = std::min(mort.cols() / 2, Y);
    Survivorship sv;
    sv.ages = A;
    sv.pairs = pairs;
    sv.s.resize(pairs * 2 * A);
    sv.s_birth.resize(pairs * 2);
    std::vector<double> col(mort.rows()), L(A);
    for (std::size_t p = 0; p < pairs; ++p)
        for (std::size_t sex = 0; sex < 2; ++sex) {
            const std::size_t c = 2 * p + sex;
            // (× 1 leaves every value as it is, bit for bit: qx ≤ 1 was checked.)
            const double cap = o.mortality == MortalityMeasure::qx ? 1.0 : std::numeric_limits<double>::max();
            for (std::size_t r = 0; r < mort.rows(); ++r) col[r] = std::min(mort(r, c) * factor, cap);
            double* s = &sv.s[(p * 2 + sex) * A];
            double& sb = sv.s_birth[p * 2 + sex];
            switch (o.mortality) {
                case MortalityMeasure::qx:
                    for (std::size_t x = 0; x < A; ++x) s[x] = 1.0 - col[x];
                    sb = mort.rows() == A + 1 ? 1.0 - col[A] : 1.0 - col[0] / 2.0;
                    break;
                case MortalityMeasure::Lx:
                    ratios_from_L(col.data(), A, s);
                    sb = col[0] / (step * o.lx_radix);
                    break;
                case MortalityMeasure::mx:
                    sb = ratios_from_m(col.data(), A, step, s, L.data());
                    break;
            }
        }
    return sv;
}

}  // namespace

Survivorship projection_survivorship(const ProjectionInput& in) {
    check_projection(in);
    if (!in.area_factors.empty())
        throw domain_error(msg::proj_area_factors_not_taken, num(in.area_factors.rows()),
                           num(in.area_factors.cols()));
    return survivorship_of(in, 1.0);
}

namespace {

ProjectionShape shape_of(const ProjectionInput& in) {
    const ProjectionOptions& o = in.options;
    ProjectionShape s;
    s.A = in.base.rows();
    s.K = in.base.cols() / 2;
    s.Y = static_cast<std::size_t>(in.years);
    s.F = in.fertility.rows();
    s.first = static_cast<std::size_t>(o.fertile_from_age / o.step_years);
    s.fert_cols = std::min(in.fertility.cols(), s.Y);
    s.gross = o.migration == MigrationKind::gross;
    s.mig_width = s.gross ? 4 : 2;
    s.per_area = s.K > 1 && in.migration.cols() == s.mig_width * s.K;
    s.mig_pairs = s.per_area ? s.K : std::min(in.migration.cols() / s.mig_width, s.Y);
    s.out_rates = o.out_migration == OutMigration::rates;
    s.births_at_start = o.births == BirthsExposure::start;
    s.step = o.step_years;
    s.h = o.migration_timing == MigrationTiming::half    ? 0.5
          : o.migration_timing == MigrationTiming::start ? 1.0
                                                         : 0.0;
    s.share[0] = o.sex_ratio_at_birth / (1.0 + o.sex_ratio_at_birth);
    s.share[1] = 1.0 / (1.0 + o.sex_ratio_at_birth);
    s.rates = o.migration == MigrationKind::rates;
    return s;
}

// What every area and step of one projection shares: the validated
// survivorship, the shape, and the rates transposed so that a step's column
// is contiguous; and (a copy of the views of) the input, for the survivorship
// of an area whose mortality factor is not 1.
struct ProjectionPlan : ProjectionShape {
    ProjectionInput input;
    Survivorship sv;
    std::vector<double> fert, mig;

    explicit ProjectionPlan(const ProjectionInput& in)
        : ProjectionShape(projection_shape(in)),  // validates the input first
          input(in),
          sv(survivorship_of(in, 1.0)),
          fert(transpose(in.fertility, fert_cols)),
          mig(transpose(in.migration, mig_width * mig_pairs)) {}
    double fertility_factor(std::size_t k) const {
        return input.area_factors.empty() ? 1.0 : input.area_factors(k, 0);
    }
    double mortality_factor(std::size_t k) const {
        return input.area_factors.empty() ? 1.0 : input.area_factors(k, 1);
    }
    // Net migration's column (net), or the in-migrants' (gross; out = in + 2 columns).
    const double* migration(std::size_t k, std::size_t t, std::size_t sex) const {
        const std::size_t group = per_area ? k : std::min(t, mig_pairs - 1);
        return &mig[(mig_width * group + sex) * A];
    }
    const double* fertility(std::size_t t) const { return &fert[std::min(t, fert_cols - 1) * F]; }
    // The survivorship `area` (sv, or an area's own) gives in step t.
    const double* survival(const Survivorship& area, std::size_t t, std::size_t sex) const {
        return &area.s[(std::min(t, area.pairs - 1) * 2 + sex) * A];
    }
    double birth_survival(const Survivorship& area, std::size_t t, std::size_t sex) const {
        return area.s_birth[std::min(t, area.pairs - 1) * 2 + sex];
    }
};

// One sex's flows in one step (immigrated: the in-migrants, gross only).
struct Flows {
    double deaths = 0.0, migrated = 0.0, immigrated = 0.0;
};

// Gross out-migration as rates is applied to the people there when they move:
// the start-of-step share to the age group at the start, the end-of-step share
// to the cohort at the end (the survivors, before the end-of-step moves).
// These are the in-migrants and the rates of one sex; null otherwise.
struct EndOutRates {
    const double* in = nullptr;
    const double* rate = nullptr;
    // The end-of-step migrants of age row x whose cohort holds `cohort` people.
    double migrants(std::size_t x, double cohort, double step) const {
        return (in[x] - rate[x] * cohort) * step;
    }
};

EndOutRates end_out_rates(const ProjectionPlan& plan, const double* src) {
    if (!plan.gross || !plan.out_rates) return {};
    return {src, src + 2 * plan.A};
}

// The step's migrants of one sex by age, as they move at the step's start (and
// at its end unless EndOutRates applies): counts per year, or rates per person
// and year of the population at the step's start, times the step's years.
// (The plan's fields are copied into locals in the step functions: a store
// through a double* could otherwise alias them and force a reload per age.)
void step_migrants(const ProjectionPlan& plan, const double* src, const double* P, double* M) {
    const std::size_t A = plan.A;
    const double step = plan.step;
    if (plan.gross) {
        const double* out = src + 2 * A;
        if (plan.out_rates) {
            for (std::size_t x = 0; x < A; ++x) M[x] = (src[x] - out[x] * P[x]) * step;
        } else {
            for (std::size_t x = 0; x < A; ++x) M[x] = (src[x] - out[x]) * step;
        }
    } else if (plan.rates) {
        for (std::size_t x = 0; x < A; ++x) M[x] = src[x] * P[x] * step;
    } else {
        for (std::size_t x = 0; x < A; ++x) M[x] = src[x] * step;
    }
}

// One sex through the step from ages 0..A−1 at its start (P) to ages 1..A−1 at
// its end (N): the start-of-step migrants join (a cohort cannot go below zero:
// S0), the survivors move one group up (the open group keeps its own), and the
// end-of-step migrants join. N[0] is left for the newborns.
Flows survive_and_age(const ProjectionPlan& plan, const double* P, const double* S, const double* M,
                      const EndOutRates& end_rates, double* S0, double* N) {
    const std::size_t A = plan.A;
    const double h = plan.h, step = plan.step;
    for (std::size_t x = 0; x < A; ++x) S0[x] = std::max(P[x] + h * M[x], 0.0);
    Flows flows;
    flows.migrated = sum4(A, [&](std::size_t x) { return S0[x] - P[x]; });
    flows.deaths = sum4(A, [&](std::size_t x) { return S0[x] * (1.0 - S[x]); });
    N[0] = 0.0;
    for (std::size_t x = 0; x + 2 < A; ++x) N[x + 1] = S0[x] * S[x];
    N[A - 1] = S0[A - 2] * S[A - 2] + S0[A - 1] * S[A - 1];
    const double g = 1.0 - h;
    if (g > 0.0 && end_rates.rate) {
        flows.migrated += sum4(A - 1, [&](std::size_t i) {
            const double before = N[i + 1];
            N[i + 1] = std::max(before + g * end_rates.migrants(i + 1, before, step), 0.0);
            return N[i + 1] - before;
        });
    } else if (g > 0.0) {
        flows.migrated += sum4(A - 1, [&](std::size_t i) {
            const double before = N[i + 1];
            N[i + 1] = std::max(before + g * M[i + 1], 0.0);
            return N[i + 1] - before;
        });
    }
    return flows;
}

// The step's births: the rates times the women averaged over the start of the
// step (with its start migrants, W0) and its end (W1), Preston et al. (2001)
// Box 6.2; or, with births at the start, times W0 alone.
double step_births(const ProjectionPlan& plan, const double* fr, const double* W0, const double* W1) {
    if (plan.births_at_start) return sum4(plan.F, [&](std::size_t i) { return fr[i] * W0[i]; }) * plan.step;
    return sum4(plan.F, [&](std::size_t i) { return fr[i] * (W0[i] + W1[i]); }) * (plan.step / 2.0);
}

// The newborns of one sex at the step's end (N0): the survivors of birth and
// the end-of-step migrants of age 0 (who may not take it below zero).
void add_newborns(const ProjectionPlan& plan, double born, double survival, double migrants_age0,
                  const EndOutRates& end_rates, double& N0, Flows& flows) {
    const double survived = born * survival;
    flows.deaths += born - survived;
    if (end_rates.rate) migrants_age0 = end_rates.migrants(0, survived, plan.step);
    const double g = (1.0 - plan.h) * migrants_age0;
    const double v = survived + g;
    if (v < 0.0) {
        flows.migrated -= survived;
        N0 = 0.0;
    } else {
        N0 = v;
        flows.migrated += g;
    }
}

// Area k over all steps. Its history is step-major ([t][sex][x], contiguous per
// step) so that the recursion only touches contiguous memory; it is
// transposed into the age-major result once the area is done.
// The work buffers of project_area, allocated once for all areas.
struct AreaBuffers {
    std::vector<double> hist, start, migrants;
    explicit AreaBuffers(const ProjectionPlan& plan)
        : hist((plan.Y + 1) * 2 * plan.A), start(2 * plan.A), migrants(2 * plan.A) {}
};

void project_area(const ProjectionPlan& plan, MatrixView base, std::size_t k, AreaBuffers& buffers,
                  Projection& out) {
    const std::size_t A = plan.A, Y = plan.Y, T1 = Y + 1, W = 2 * A;
    double* const hist = buffers.hist.data();
    double* const start = buffers.start.data();
    double* const migrants = buffers.migrants.data();
    const double share[2] = {plan.share[0], plan.share[1]};
    // The area's fertility and mortality factors: its births are the rates'
    // births × f; with m ≠ 1 it has a survivorship of its own.
    const double fertility_factor = plan.fertility_factor(k);
    const double mortality_factor = plan.mortality_factor(k);
    Survivorship own;
    if (mortality_factor != 1.0) own = survivorship_of(plan.input, mortality_factor);
    const Survivorship& sv = mortality_factor != 1.0 ? own : plan.sv;
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (std::size_t x = 0; x < A; ++x) hist[sex * A + x] = base(x, 2 * k + sex);
    // The area total, carried by the balance (only to stop runaway growth).
    double area_total = sum4(W, [&](std::size_t i) { return hist[i]; });
    for (std::size_t t = 0; t < Y; ++t) {
        const double* now = &hist[t * W];
        double* next = &hist[(t + 1) * W];
        Flows flows[2];
        for (std::size_t sex = 0; sex < 2; ++sex) {
            const double* source = plan.migration(k, t, sex);
            step_migrants(plan, source, now + sex * A, &migrants[sex * A]);
            flows[sex] = survive_and_age(plan, now + sex * A, plan.survival(sv, t, sex), &migrants[sex * A],
                                         end_out_rates(plan, source), &start[sex * A], next + sex * A);
            if (plan.gross)
                flows[sex].immigrated = sum4(A, [&](std::size_t x) { return source[x]; }) * plan.step;
        }
        const double births =
            step_births(plan, plan.fertility(t), &start[A + plan.first], next + A + plan.first) *
            fertility_factor;
        for (std::size_t sex = 0; sex < 2; ++sex) {
            add_newborns(plan, births * share[sex], plan.birth_survival(sv, t, sex), migrants[sex * A],
                         end_out_rates(plan, plan.migration(k, t, sex)), next[sex * A], flows[sex]);
            area_total += births * share[sex] - flows[sex].deaths + flows[sex].migrated;
            out.deaths[(k * 2 + sex) * Y + t] = flows[sex].deaths;
            out.net_migration[(k * 2 + sex) * Y + t] = flows[sex].migrated;
            if (plan.gross) {
                out.in_migration[(k * 2 + sex) * Y + t] = flows[sex].immigrated;
                out.out_migration[(k * 2 + sex) * Y + t] = flows[sex].immigrated - flows[sex].migrated;
            }
        }
        out.births[k * Y + t] = births;
        if (!(area_total <= kMaxProjectedPopulation))
            throw domain_error(msg::proj_population_runaway, num(kMaxProjectedPopulation), num(area_total),
                               num(k + 1), num(t + 1));
    }
    for (std::size_t r = 0; r < W; ++r) {  // r = sex·A + x
        double* dst = &out.population[(k * W + r) * T1];
        for (std::size_t t = 0; t < T1; ++t) dst[t] = hist[t * W + r];
    }
}

}  // namespace

ProjectionShape projection_shape(const ProjectionInput& input) {
    check_projection(input);
    return shape_of(input);
}

// The cohort-component projection of Preston et al. (2001) ch. 6 (Box 6.1/6.2),
// the recursion written out in the header, one function per demographic step
// on state t → t+1 (migrants, survival and ageing, births, newborns). The
// survivorship of every step is computed once and shared by all areas; each
// area is then projected over all steps while its block is in cache.
Projection project_population(const ProjectionInput& in) {
    const ProjectionPlan plan(in);
    Projection out;
    out.ages = plan.A;
    out.areas = plan.K;
    out.years = plan.Y;
    out.population.resize(plan.K * 2 * plan.A * (plan.Y + 1));
    out.births.resize(plan.K * plan.Y);
    out.deaths.resize(plan.K * 2 * plan.Y);
    out.net_migration.resize(plan.K * 2 * plan.Y);
    if (plan.gross) {
        out.in_migration.resize(plan.K * 2 * plan.Y);
        out.out_migration.resize(plan.K * 2 * plan.Y);
    }
    AreaBuffers buffers(plan);
    for (std::size_t k = 0; k < plan.K; ++k) project_area(plan, in.base, k, buffers, out);
    return out;
}

// ------------------------------------------------------------ bands, totals

namespace {

// Row → band index (or −1 below the first break); validates the breaks.
std::vector<int> band_of_row(std::size_t rows, std::span<const int> breaks, int step) {
    if (step != 1 && step != 5) throw domain_error(msg::pop_band_step, num(step));
    if (breaks.empty()) throw domain_error(msg::pop_breaks_empty);
    if (breaks.size() > rows) throw domain_error(msg::pop_breaks_too_many, num(rows), num(breaks.size()));
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        const int b = breaks[i];
        if (b < 0) throw domain_error(msg::pop_break_negative, num(b));
        if (b % step != 0) throw domain_error(msg::pop_break_step, num(step), num(b));
        if (static_cast<std::size_t>(b / step) >= rows)
            throw domain_error(msg::pop_break_too_high, num(rows * static_cast<std::size_t>(step)), num(b));
        if (i > 0 && b <= breaks[i - 1])
            throw domain_error(msg::pop_breaks_order, num(b), num(breaks[i - 1]));
    }
    std::vector<int> band(rows, -1);
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        const std::size_t from = static_cast<std::size_t>(breaks[i] / step);
        const std::size_t to = i + 1 < breaks.size() ? static_cast<std::size_t>(breaks[i + 1] / step) : rows;
        for (std::size_t r = from; r < to; ++r) band[r] = static_cast<int>(i);
    }
    return band;
}

// `overflow` names the result: "... overflows, a result was: {0}".
void check_finite_result(const Matrix& m, const Message<1>& overflow) {
    for (double v : m.data())
        if (!std::isfinite(v)) throw domain_error(overflow, num(v));
}

}  // namespace

Matrix aggregate_bands(MatrixView values, std::span<const int> breaks, int step_years) {
    if (values.empty()) throw domain_error(msg::pop_aggregate_empty, num(values.rows()), num(values.cols()));
    const std::vector<int> band = band_of_row(values.rows(), breaks, step_years);
    for (std::size_t r = 0; r < values.rows(); ++r)
        for (std::size_t c = 0; c < values.cols(); ++c)
            if (!std::isfinite(values(r, c)))
                throw domain_error(msg::pop_aggregate_value, num(values(r, c)), num(r + 1), num(c + 1));
    Matrix out(breaks.size(), values.cols());
    for (std::size_t r = 0; r < values.rows(); ++r) {
        if (band[r] < 0) continue;
        for (std::size_t c = 0; c < values.cols(); ++c)
            out(static_cast<std::size_t>(band[r]), c) += values(r, c);
    }
    check_finite_result(out, msg::pop_bands_overflow);
    return out;
}

namespace {

bool is_by_age(ProjectionOutput output) {
    return output == ProjectionOutput::total || output == ProjectionOutput::male ||
           output == ProjectionOutput::female || output == ProjectionOutput::both;
}

// A Projection may be built by hand: its sizes must agree, and the output and
// bands must go together.
void check_projection_table(const Projection& pr, ProjectionOutput output, std::span<const int> bands,
                            int step_years) {
    const std::size_t A = pr.ages, K = pr.areas, Y = pr.years;
    if (A < 1 || K < 1 || Y < 1 || A > kMaxAgeRows || Y > static_cast<std::size_t>(kMaxProjectionYears) ||
        static_cast<double>(K) * 2.0 * A * (Y + 1.0) > kMaxCells)
        throw domain_error(msg::proj_table_size, num(A), num(K), num(Y));
    const bool gross = !pr.in_migration.empty();
    if (pr.population.size() != K * 2 * A * (Y + 1) || pr.births.size() != K * Y ||
        pr.deaths.size() != K * 2 * Y || pr.net_migration.size() != K * 2 * Y ||
        (gross && (pr.in_migration.size() != K * 2 * Y || pr.out_migration.size() != K * 2 * Y)))
        throw domain_error(msg::proj_table_arrays, num(pr.population.size()));
    if (step_years != 1 && step_years != 5) throw domain_error(msg::proj_step_years, num(step_years));
    const bool by_age = is_by_age(output);
    if (!by_age && output != ProjectionOutput::births && output != ProjectionOutput::deaths &&
        output != ProjectionOutput::summary && output != ProjectionOutput::areas &&
        output != ProjectionOutput::components)
        throw domain_error(msg::proj_output, num(static_cast<int>(output)));
    if (!by_age && !bands.empty()) throw domain_error(msg::proj_bands_output, num(static_cast<int>(output)));
}

const double* population_row(const Projection& pr, std::size_t k, std::size_t sex, std::size_t x) {
    return &pr.population[((k * 2 + sex) * pr.ages + x) * (pr.years + 1)];
}

// total, male, female or both, by single age or summed into bands.
Matrix population_by_age(const Projection& pr, ProjectionOutput output, std::span<const int> bands,
                         int step_years) {
    const std::size_t A = pr.ages, K = pr.areas, T1 = pr.years + 1;
    std::vector<int> band;
    std::size_t nb = A;
    if (!bands.empty()) {
        band = band_of_row(A, bands, step_years);
        nb = bands.size();
    }
    const bool both = output == ProjectionOutput::both;
    const std::size_t block = both ? 2 * nb : nb;
    Matrix out(K * block, T1);
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t sex = 0; sex < 2; ++sex) {
            if ((output == ProjectionOutput::male && sex == 1) ||
                (output == ProjectionOutput::female && sex == 0))
                continue;
            const std::size_t offset = k * block + (both ? sex * nb : 0);
            for (std::size_t x = 0; x < A; ++x) {
                const int b = band.empty() ? static_cast<int>(x) : band[x];
                if (b < 0) continue;
                const double* src = population_row(pr, k, sex, x);
                double* dst = &out(offset + static_cast<std::size_t>(b), 0);
                for (std::size_t t = 0; t < T1; ++t) dst[t] += src[t];
            }
        }
    return out;
}

// Rows per area of the area outputs.
std::size_t rows_per_area(ProjectionOutput output) {
    return output == ProjectionOutput::summary ? 5 : output == ProjectionOutput::components ? 7 : 1;
}

// A flow of area k in step t, both sexes.
double both_sexes(const std::vector<double>& flow, std::size_t k, std::size_t Y, std::size_t t) {
    return flow[(k * 2) * Y + t] + flow[(k * 2 + 1) * Y + t];
}

// Each area's total population (areas); with `summary` its births, deaths, net
// migration and natural increase below it; with `components` its births,
// deaths, in-, out- and net migration and natural increase. The flows' column 0
// (there is no step before the base) and the in- and out-migration of a net
// projection are NaN, which the add-in writes as empty cells.
Matrix area_totals(const Projection& pr, ProjectionOutput output) {
    const std::size_t A = pr.ages, K = pr.areas, Y = pr.years, T1 = Y + 1;
    const std::size_t R = rows_per_area(output);
    const bool components = output == ProjectionOutput::components, gross = !pr.in_migration.empty();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Matrix out(R * K, T1, R > 1 ? nan : 0.0);
    for (std::size_t k = 0; k < K; ++k) {
        double* total = &out(R * k, 0);
        std::fill(total, total + T1, 0.0);
        for (std::size_t sex = 0; sex < 2; ++sex)
            for (std::size_t x = 0; x < A; ++x) {
                const double* src = population_row(pr, k, sex, x);
                for (std::size_t t = 0; t < T1; ++t) total[t] += src[t];
            }
        for (std::size_t t = 0; t < Y && R > 1; ++t) {
            const double b = pr.births[k * Y + t], d = both_sexes(pr.deaths, k, Y, t);
            out(R * k + 1, t + 1) = b;
            out(R * k + 2, t + 1) = d;
            out(R * k + R - 2, t + 1) = both_sexes(pr.net_migration, k, Y, t);
            out(R * k + R - 1, t + 1) = b - d;
            if (components && gross) {
                out(R * k + 3, t + 1) = both_sexes(pr.in_migration, k, Y, t);
                out(R * k + 4, t + 1) = both_sexes(pr.out_migration, k, Y, t);
            }
        }
    }
    return out;
}

}  // namespace

Matrix projection_table(const Projection& pr, ProjectionOutput output, std::span<const int> bands,
                        int step_years) {
    check_projection_table(pr, output, bands, step_years);
    Matrix out;
    if (is_by_age(output)) {
        out = population_by_age(pr, output, bands, step_years);
    } else if (output == ProjectionOutput::births) {
        out = Matrix(pr.areas, pr.years);
        std::copy(pr.births.begin(), pr.births.end(), out.data().begin());
    } else if (output == ProjectionOutput::deaths) {
        out = Matrix(2 * pr.areas, pr.years);
        std::copy(pr.deaths.begin(), pr.deaths.end(), out.data().begin());
    } else {
        out = area_totals(pr, output);
    }
    // Never hand back a non-finite number (apart from the documented NaN of the
    // summary's and components' empty cells).
    const std::size_t R = rows_per_area(output);
    const bool gross = !pr.in_migration.empty();
    for (std::size_t r = 0; r < out.rows(); ++r)
        for (std::size_t c = 0; c < out.cols(); ++c) {
            const double v = out(r, c);
            const bool may_be_empty =
                R > 1 && r % R != 0 &&
                (c == 0 || (output == ProjectionOutput::components && !gross && (r % R == 3 || r % R == 4)));
            if (!std::isfinite(v) && !(may_be_empty && std::isnan(v)))
                throw domain_error(msg::proj_result_value, num(v), num(r + 1), num(c + 1));
        }
    return out;
}

// Proportional scaling, and iterative proportional fitting (Deming & Stephan
// 1940) when both margins are given: alternately scale every part's ages to the
// part total and every age's parts to the total, until both hold.
namespace {

constexpr int kMaxSweeps = 1000;
constexpr double kIpfTolerance = 1e-10;
// How closely the two margins of a fit must agree in their sums.
constexpr double kMarginSumTolerance = 1e-9;
// Cell visits of all IPF sweeps of one call (three per cell and sweep): about
// a second on one core. A fit that needs more stops with no_convergence.
constexpr double kMaxIpfWork = 2e9;

// Scales the entries first, first + stride, ... (count of them) so that they
// sum to target; false if the group is zero and its target positive.
bool scale_entries(std::vector<double>& v, std::size_t first, std::size_t stride, std::size_t count,
                   double target, std::size_t report_row, std::size_t c) {
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) sum += v[first + i * stride];
    if (!std::isfinite(sum))
        throw domain_error(msg::pop_parts_sum_overflow, num(sum), num(report_row + 1), num(c + 1));
    if (sum == 0.0) return target == 0.0;
    const double f = target / sum;
    for (std::size_t i = 0; i < count; ++i) v[first + i * stride] *= f;
    return true;
}

// Iterative proportional fitting of one column (K parts × A ages, part-major)
// to both margins: the ages' totals and the parts' totals of column c.
void fit_column(std::vector<double>& v, std::size_t K, std::size_t A, MatrixView total,
                MatrixView part_totals, std::size_t c, double& work_left) {
    const double sweep_work = 3.0 * static_cast<double>(K * A);
    for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
        if (work_left < sweep_work)
            throw no_convergence(msg::pop_ipf_work_limit, num(kMaxIpfWork), messages::power(kIpfTolerance),
                                 num(c + 1));
        work_left -= sweep_work;
        for (std::size_t k = 0; k < K; ++k)
            if (!scale_entries(v, k * A, 1, A, part_totals(k, c), k, c))
                throw no_convergence(msg::pop_ipf_lost_part, num(c + 1));
        for (std::size_t a = 0; a < A; ++a)
            if (!scale_entries(v, a, A, K, total(a, c), a, c))
                throw no_convergence(msg::pop_ipf_lost_age, num(c + 1));
        // The age margin now holds; check the part margin.
        bool converged = true;
        for (std::size_t k = 0; k < K && converged; ++k) {
            double s = 0.0;
            for (std::size_t a = 0; a < A; ++a) s += v[k * A + a];
            const double target = part_totals(k, c);
            if (std::fabs(s - target) > kIpfTolerance * target) converged = false;
        }
        if (converged) return;
    }
    throw no_convergence(msg::pop_ipf_sweeps, messages::power(kIpfTolerance), num(kMaxSweeps), num(c + 1));
}

}  // namespace

namespace {

// `bad` names the input: "... must be finite and >= 0, but was: {0} (row {1}, column {2})".
void check_non_negative(MatrixView m, const Message<3>& bad) {
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.cols(); ++c)
            if (!std::isfinite(m(r, c)) || m(r, c) < 0.0)
                throw domain_error(bad, num(m(r, c)), num(r + 1), num(c + 1));
}

// The shapes and values of POP.CONSTRAIN's arguments; returns the number of parts.
std::size_t check_constrain_input(MatrixView parts, MatrixView total, MatrixView part_totals) {
    if (parts.empty()) throw domain_error(msg::pop_parts_empty, num(parts.rows()), num(parts.cols()));
    if (total.empty()) throw domain_error(msg::pop_total_empty, num(total.rows()), num(total.cols()));
    const std::size_t C = parts.cols(), A = total.rows();
    if (total.cols() != C) throw domain_error(msg::pop_total_columns, num(C), num(total.cols()));
    if (parts.rows() % A != 0) throw domain_error(msg::pop_parts_rows, num(A), num(parts.rows()));
    const std::size_t K = parts.rows() / A;
    if (!part_totals.empty() && (part_totals.rows() != K || part_totals.cols() != C))
        throw domain_error(msg::pop_part_totals_shape, num(K), num(C), num(part_totals.rows()),
                           num(part_totals.cols()));
    check_non_negative(parts, msg::pop_parts_value);
    check_non_negative(total, msg::pop_total_value);
    check_non_negative(part_totals, msg::pop_part_totals_value);
    return K;
}

// One-way scaling: every age's parts scaled to the age's total, column by column.
void scale_parts_to_total(Matrix& out, MatrixView total, std::size_t K) {
    const std::size_t A = total.rows();
    std::vector<double> column(K * A);
    for (std::size_t c = 0; c < out.cols(); ++c) {
        for (std::size_t r = 0; r < K * A; ++r) column[r] = out(r, c);
        for (std::size_t a = 0; a < A; ++a)
            if (!scale_entries(column, a, A, K, total(a, c), a, c))
                throw domain_error(msg::pop_zero_group, num(total(a, c)), num(a + 1), num(c + 1));
        for (std::size_t r = 0; r < K * A; ++r) out(r, c) = column[r];
    }
}

// Both margins can be met only if they have the same sum and no zero row or
// column of the parts is asked for a positive total.
void check_margins_can_meet(const Matrix& parts, MatrixView total, MatrixView part_totals, std::size_t K) {
    const std::size_t A = total.rows();
    for (std::size_t c = 0; c < parts.cols(); ++c) {
        double sum_total = 0.0, sum_parts = 0.0;
        for (std::size_t a = 0; a < A; ++a) sum_total += total(a, c);
        for (std::size_t k = 0; k < K; ++k) sum_parts += part_totals(k, c);
        if (!std::isfinite(sum_total) || !std::isfinite(sum_parts) ||
            std::fabs(sum_total - sum_parts) > kMarginSumTolerance * std::max(sum_total, sum_parts))
            throw domain_error(msg::pop_margin_sums, messages::power(kMarginSumTolerance), num(sum_total),
                               num(sum_parts), num(c + 1));
        for (std::size_t a = 0; a < A; ++a) {
            double s = 0.0;
            for (std::size_t k = 0; k < K; ++k) s += parts(k * A + a, c);
            if (s == 0.0 && total(a, c) > 0.0)
                throw domain_error(msg::pop_zero_group, num(total(a, c)), num(a + 1), num(c + 1));
        }
        for (std::size_t k = 0; k < K; ++k) {
            double s = 0.0;
            for (std::size_t a = 0; a < A; ++a) s += parts(k * A + a, c);
            if (s == 0.0 && part_totals(k, c) > 0.0)
                throw domain_error(msg::pop_zero_part, num(part_totals(k, c)), num(k + 1), num(c + 1));
        }
    }
}

// Each column is fitted on a contiguous copy (the same operations in the same
// order as on the matrix, without its stride), within one work budget.
void fit_both_margins(Matrix& out, MatrixView total, MatrixView part_totals, std::size_t K) {
    const std::size_t A = total.rows();
    double work_left = kMaxIpfWork;
    std::vector<double> column(K * A);
    for (std::size_t c = 0; c < out.cols(); ++c) {
        for (std::size_t r = 0; r < K * A; ++r) column[r] = out(r, c);
        fit_column(column, K, A, total, part_totals, c, work_left);
        for (std::size_t r = 0; r < K * A; ++r) out(r, c) = column[r];
    }
}

}  // namespace

Matrix constrain_to_total(MatrixView parts, MatrixView total, MatrixView part_totals) {
    const std::size_t K = check_constrain_input(parts, total, part_totals);
    Matrix out(parts.rows(), parts.cols());
    std::copy(parts.data().begin(), parts.data().end(), out.data().begin());
    if (part_totals.empty()) {
        scale_parts_to_total(out, total, K);
    } else {
        check_margins_can_meet(out, total, part_totals, K);
        fit_both_margins(out, total, part_totals, K);
    }
    check_finite_result(out, msg::pop_constrain_overflow);
    return out;
}

// ------------------------------------------------------------ residual method

namespace {

// The shape of a residual problem, validated as POP.PROJECT validates its input:
// every observed pair as an "area" of the base, and the rates for Y' − 1 steps.
ProjectionInput residual_projection(const ResidualInput& in, const MatrixView& first_pair,
                                    const MatrixView& no_migration) {
    const MatrixView& pop = in.population;
    if (pop.cols() % 2 != 0 || pop.cols() < 4) throw domain_error(msg::pop_residual_columns, num(pop.cols()));
    if (in.options.migration_timing == MigrationTiming::start)
        throw domain_error(msg::pop_residual_timing_start);
    ProjectionInput all;
    all.base = pop;
    all.fertility = in.fertility;
    all.mortality = in.mortality;
    all.migration = no_migration;
    all.years = static_cast<int>(pop.cols() / 2 - 1);
    all.options = in.options;
    all.options.migration = MigrationKind::counts;
    check_projection(all);  // every observed pair as an area: values and sizes
    ProjectionInput one = all;
    one.base = first_pair;
    return one;
}

// Net migrants of one sex in one step as a + b·u, u = the step's migrants of
// age 0: each age's equation of the recursion solved for the migrants of the
// next age (the open group for its own).
void residual_chain(const ProjectionPlan& plan, const double* P, const double* N, const double* S, double* a,
                    double* b) {
    const std::size_t A = plan.A;
    const double h = plan.h, g = 1.0 - plan.h;
    a[0] = 0.0;
    b[0] = 1.0;
    for (std::size_t x = 0; x + 2 < A; ++x) {
        a[x + 1] = (N[x + 1] - (P[x] + h * a[x]) * S[x]) / g;
        b[x + 1] = -h * b[x] * S[x] / g;
    }
    // N[A−1] = (P[A−2] + h·M[A−2])·S[A−2] + (P[A−1] + h·M[A−1])·S[A−1] + g·M[A−1]
    const double d = g + h * S[A - 1];
    a[A - 1] = (N[A - 1] - (P[A - 2] + h * a[A - 2]) * S[A - 2] - P[A - 1] * S[A - 1]) / d;
    b[A - 1] = -h * b[A - 2] * S[A - 2] / d;
}

// The step's births as B0 + B1·u for the women's chain (a, b).
std::pair<double, double> residual_births(const ProjectionPlan& plan, const double* fr, const double* P,
                                          const double* N, const double* a, const double* b) {
    const std::size_t f0 = plan.first;
    double b0 = 0.0, b1 = 0.0;
    for (std::size_t i = 0; i < plan.F; ++i) {
        const std::size_t x = f0 + i;
        const double start = P[x] + plan.h * a[x];
        b0 += fr[i] * (plan.births_at_start ? start : (start + N[x]) / 2.0);
        b1 += fr[i] * plan.h * b[x] * (plan.births_at_start ? 1.0 : 0.5);
    }
    return {b0 * plan.step, b1 * plan.step};
}

}  // namespace

// The recursion of project_population solved for the migrants, step by step:
// with g = 1 − h > 0 every age's equation gives the next age's migrants from
// its own, so all are affine in the migrants of age 0; the women's age 0
// equation (whose births depend on the fertile ages' migrants) fixes theirs,
// then the men's follows from the births.
Matrix residual_migration(const ResidualInput& in) {
    const std::size_t A = in.population.rows();
    std::vector<double> zeros(A * 2, 0.0), first(A * 2);
    const MatrixView no_migration(zeros, A, 2);
    for (std::size_t x = 0; x < A; ++x)
        for (std::size_t c = 0; c < 2 && in.population.cols() >= 2; ++c)
            first[x * 2 + c] = in.population(x, c);
    const ProjectionPlan plan(residual_projection(in, MatrixView(first, A, 2), no_migration));
    const std::size_t Y = plan.Y;
    const double g = 1.0 - plan.h;
    Matrix out(A, 2 * Y);
    std::vector<double> P(2 * A), N(2 * A), a(2 * A), b(2 * A);
    for (std::size_t t = 0; t < Y; ++t) {
        for (std::size_t sex = 0; sex < 2; ++sex)
            for (std::size_t x = 0; x < A; ++x) {
                P[sex * A + x] = in.population(x, 2 * t + sex);
                N[sex * A + x] = in.population(x, 2 * t + 2 + sex);
            }
        for (std::size_t sex = 0; sex < 2; ++sex)
            residual_chain(plan, &P[sex * A], &N[sex * A], plan.survival(plan.sv, t, sex), &a[sex * A],
                           &b[sex * A]);
        const auto [b0, b1] = residual_births(plan, plan.fertility(t), &P[A], &N[A], &a[A], &b[A]);
        // g·u_f = N_f[0] − share_f·Sb_f·(B0 + B1·u_f); then B, and g·u_m = N_m[0] − share_m·Sb_m·B.
        const double kf = plan.share[1] * plan.birth_survival(plan.sv, t, 1);
        const double denominator = g + kf * b1;
        if (!(std::fabs(denominator) > 1e-12)) throw domain_error(msg::pop_residual_undetermined, num(t + 1));
        double u[2];
        u[1] = (N[A] - kf * b0) / denominator;
        const double births = b0 + b1 * u[1];
        u[0] = (N[0] - plan.share[0] * plan.birth_survival(plan.sv, t, 0) * births) / g;
        for (std::size_t sex = 0; sex < 2; ++sex)
            for (std::size_t x = 0; x < A; ++x) {
                const double migrants = a[sex * A + x] + b[sex * A + x] * u[sex];
                out(x, 2 * t + sex) = migrants / plan.step;
            }
    }
    check_finite_result(out, msg::pop_residual_overflow);
    return out;
}

}  // namespace kuntaplan
