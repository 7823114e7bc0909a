// The stochastic cohort-component projection; see risk.hpp for the model.
//
// Sampling (why the numbers are the same on every machine running this code):
//  - uniform(): the top 53 bits of one mt19937_64 output, (k + 0.5)·2^−53,
//    never 0 or 1: exact arithmetic on a sequence the standard fixes.
//  - Poisson(μ), μ < 10, and Binomial(n, p) with n·min(p, 1−p) < 10: inversion
//    by the recurrence of the probabilities (Devroye 1986, Non-Uniform Random
//    Variate Generation, §X.3.3 and §X.4.3), using only +, ×, ÷ after one
//    exp() of the start probability.
//  - Binomial(T, 1/2) (the half-at-start migrants): the number of ones among T
//    random bits, exact (T ≤ 1024; BTRD above).
//  - larger means: Boost.Random's binomial_distribution (BTRD) and
//    poisson_distribution (PTRS), Hörmann (1993), whose code is the same
//    header everywhere.
// This file is compiled with -ffp-contract=off so that no compiler may fuse a
// multiply-add differently. What is left is libm's exp/log/log1p/sqrt: sqrt is
// exact (IEEE-754); glibc's exp and log are the same code on every x86-64, and a
// last-bit difference in another libm would change a draw only if a uniform
// fell within one ulp of a boundary (about 1e-16 per draw).
#include "risk.hpp"

#include <algorithm>
#include <bit>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <random>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

constexpr double kSmallMean = 10.0;
// trials × steps × areas × 2 × ages: 0.7 s on one idle core, 2 s on a loaded one
// (bench/bench_worst). Gross migration draws its in- and out-migrants apart and
// at the start and the end of the step: 1.1 to 3 times the work of net migration
// per cell (more where the flows are small), so each of its cells counts twice;
// its costliest input found then takes less than net migration's (bench_worst,
// "POP.RISK gross" and "POP.RISK net counts").
constexpr double kMaxDraws = 2e7;
constexpr double kGrossDrawWeight = 2.0;

class Sampler {
public:
    explicit Sampler(std::uint64_t seed) : engine_(seed) {}

    double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1p-53; }

    // Poisson(mean) given exp(−mean) for the inversion. A mean beyond
    // kMaxProjectedPopulation (a stochastic path far above the expected one, or
    // out-migration rates applied to a huge cohort) would overflow the draw.
    // Inlined: it is the hot draw of net migration by counts, and with more
    // callers (gross migration) the compiler would otherwise call it out of line.
    [[gnu::always_inline]] std::int64_t poisson(double mean, double exp_minus_mean) {
        if (mean <= 0.0) return 0;
        if (!(mean <= kMaxProjectedPopulation))
            throw domain_error(msg::risk_draw_limit, messages::num(kMaxProjectedPopulation),
                               messages::num(mean));
        if (mean >= kSmallMean) {
            boost::random::poisson_distribution<std::int64_t, double> d(mean);
            return d(engine_);
        }
        const double u = uniform();
        double p = exp_minus_mean, cdf = p;
        std::int64_t k = 0;
        while (u > cdf && p > 0.0) {
            ++k;
            p *= mean / static_cast<double>(k);
            cdf += p;
        }
        return k;
    }
    std::int64_t poisson(double mean) { return mean <= 0.0 ? 0 : poisson(mean, std::exp(-mean)); }
    // A large-mean Poisson whose sampler was set up once (the same draws as a new one).
    std::int64_t poisson(boost::random::poisson_distribution<std::int64_t, double>& sampler) {
        return sampler(engine_);
    }

    // Binomial(n, p) given log1p(−p) for the inversion (p ≤ 1/2 here).
    std::int64_t binomial_small_p(std::int64_t n, double p, double log1m_p) {
        if (n <= 0 || p <= 0.0) return 0;
        const double nd = static_cast<double>(n);
        if (nd * p >= kSmallMean) {
            boost::random::binomial_distribution<std::int64_t, double> d(n, p);
            return d(engine_);
        }
        const double u = uniform();
        // P(0) = (1−p)^n ≥ 1 − n·p (Bernoulli's inequality): below that bound,
        // less a margin far above exp's rounding, the answer is 0 without the
        // exp() — the same answer the full inversion gives, only faster.
        if (u <= 1.0 - nd * p - 1e-12) return 0;
        const double odds = p / (1.0 - p);
        double pk = std::exp(nd * log1m_p), cdf = pk;
        std::int64_t k = 0;
        while (u > cdf && k < n && pk > 0.0) {
            pk *= static_cast<double>(n - k) / static_cast<double>(k + 1) * odds;
            ++k;
            cdf += pk;
        }
        return k;
    }
    std::int64_t binomial(std::int64_t n, double p) {
        if (n <= 0 || p <= 0.0) return 0;
        if (p >= 1.0) return n;
        if (p > 0.5) return n - binomial_small_p(n, 1.0 - p, std::log(p));
        return binomial_small_p(n, p, std::log1p(-p));
    }

    // Binomial(n, 1/2): ones among n random bits (BTRD above 1024, where the
    // bits would take longer).
    std::int64_t half(std::int64_t n) {
        if (n > 1024) {
            boost::random::binomial_distribution<std::int64_t, double> d(n, 0.5);
            return d(engine_);
        }
        std::int64_t k = 0;
        for (; n >= 64; n -= 64) k += std::popcount(engine_());
        if (n > 0) k += std::popcount(engine_() >> (64 - n));
        return k;
    }

private:
    std::mt19937_64 engine_;
};

// One probability of a binomial draw and log1p(−q): a death (mortality pair,
// sex, age) or a gross out-migration by rate (migration group, sex, age).
struct Cell {
    double q = 0.0, log1m_q = 0.0;
};

}  // namespace

namespace {

// The band's rows, after the checks of POP.RISK's own arguments and its cost limit.
struct BandRows {
    std::size_t from = 0, to = 0;
};

BandRows check_risk_arguments(const RiskInput& in, const ProjectionShape& shape) {
    const std::size_t A = shape.A, K = shape.K, Y = shape.Y;
    const int step = in.projection.options.step_years;
    if (in.trials < 1 || in.trials > kMaxRiskTrials)
        throw domain_error(msg::risk_trials_range, std::to_string(kMaxRiskTrials), std::to_string(in.trials));
    if (!std::isfinite(in.threshold)) throw domain_error(msg::risk_threshold_finite);
    if (in.age_from < 0 || in.age_to < in.age_from)
        throw domain_error(msg::risk_ages_order, std::to_string(in.age_from), std::to_string(in.age_to));
    if (in.age_from % step != 0 || (in.age_to + 1) % step != 0)
        throw domain_error(msg::risk_band_step, std::to_string(in.age_from), std::to_string(in.age_to));
    BandRows rows;
    rows.from = static_cast<std::size_t>(in.age_from / step);
    if (rows.from >= A)
        throw domain_error(msg::risk_age_from_range, std::to_string(A * static_cast<std::size_t>(step)),
                           std::to_string(in.age_from));
    rows.to = std::min(static_cast<std::size_t>(in.age_to / step), A - 1);
    const double draws = static_cast<double>(in.trials) * static_cast<double>(Y) * static_cast<double>(K) *
                         2.0 * static_cast<double>(A) * (shape.gross ? kGrossDrawWeight : 1.0);
    if (draws > kMaxDraws)
        throw domain_error(shape.gross ? msg::risk_draws_limit_gross : msg::risk_draws_limit,
                           messages::num(kMaxDraws), messages::num(draws));
    return rows;
}

using PoissonSampler = boost::random::poisson_distribution<std::int64_t, double>;

// One out-migration probability of gross migration by rate: step × share × rate,
// at most 1 (a larger value moves everybody; see risk.hpp).
Cell leaving_cell(double rate, double share, double step) {
    const double q = std::min(rate * share * step, 1.0);
    return Cell{q, q < 1.0 ? std::log1p(-q) : 0.0};
}

// What every trial shares: the options, the death draws' constants and, for
// migration counts (per year, so a step moves step × the count), the fixed
// Poisson means: exp(−mean) of every cell and the samplers of large means,
// set up once. With gross migration by rate, the out-migration probabilities
// of the step's start and end shares.
struct RiskPlan : ProjectionShape {
    const ProjectionInput& pin;
    Survivorship sv;
    std::vector<Cell> cells;
    std::vector<double> mig_mean, mig_exp;
    std::vector<PoissonSampler> mig_large;
    std::vector<std::int32_t> mig_large_index;
    std::vector<Cell> start_out, end_out;  // gross by rate: [(group·2 + sex)·A + x]

    explicit RiskPlan(const ProjectionInput& in)
        : ProjectionShape(projection_shape(in)), pin(in), sv(projection_survivorship(in)) {
        cells.resize(sv.pairs * 2 * A);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const double q = std::clamp(1.0 - sv.s[i], 0.0, 1.0);
            cells[i] = Cell{q, q < 1.0 ? std::log1p(-q) : 0.0};
        }
        if (!rates) set_up_migration_counts();
        if (gross && out_rates) set_up_out_rates();
    }

    // Column c of migration group g is a count (net counts; gross in-migrants;
    // gross out-migrants with out=counts).
    bool is_count(std::size_t c) const { return !gross || c < 2 || !out_rates; }

    // The Poisson constants of count column c of group g, age x: [(g·width + c)·A + x].
    // Net: the step's moves, split afterwards. Gross: the moves of one share of
    // the step (h = 1/2: half of them; otherwise all of the one share there is).
    void set_up_migration_counts() {
        const std::size_t n = mig_pairs * mig_width * A;
        const double scale = gross && h == 0.5 ? step / 2.0 : step;
        mig_mean.assign(n, 0.0);
        mig_exp.assign(n, 1.0);
        mig_large_index.assign(n, -1);
        for (std::size_t g = 0; g < mig_pairs; ++g)
            for (std::size_t c = 0; c < mig_width; ++c) {
                if (!is_count(c)) continue;
                for (std::size_t x = 0; x < A; ++x) {
                    const std::size_t i = (g * mig_width + c) * A + x;
                    const double mean = std::fabs(pin.migration(x, mig_width * g + c)) * scale;
                    mig_mean[i] = mean;
                    mig_exp[i] = std::exp(-mean);
                    if (mean >= kSmallMean) {
                        mig_large_index[i] = static_cast<std::int32_t>(mig_large.size());
                        mig_large.emplace_back(mean);
                    }
                }
            }
    }

    void set_up_out_rates() {
        start_out.resize(mig_pairs * 2 * A);
        end_out.resize(mig_pairs * 2 * A);
        for (std::size_t g = 0; g < mig_pairs; ++g)
            for (std::size_t sex = 0; sex < 2; ++sex)
                for (std::size_t x = 0; x < A; ++x) {
                    const double rate = pin.migration(x, 4 * g + 2 + sex);
                    start_out[(g * 2 + sex) * A + x] = leaving_cell(rate, h, step);
                    end_out[(g * 2 + sex) * A + x] = leaving_cell(rate, 1.0 - h, step);
                }
    }

    std::size_t group(std::size_t k, std::size_t t) const {
        return per_area ? k : std::min(t, mig_pairs - 1);
    }

    // A draw around count i's fixed mean.
    [[gnu::always_inline]] std::int64_t count(Sampler& rng, std::size_t i) {
        return mig_large_index[i] >= 0 ? rng.poisson(mig_large[static_cast<std::size_t>(mig_large_index[i])])
                                       : rng.poisson(mig_mean[i], mig_exp[i]);
    }

    // The end-of-step out-migration probabilities of one sex (gross by rate
    // with migrants at the end), else null.
    const Cell* end_out_cells(std::size_t k, std::size_t t, std::size_t sex) const {
        if (end_out.empty() || h == 1.0) return nullptr;
        return &end_out[(group(k, t) * 2 + sex) * A];
    }
};

// Of n people, the number who leave with probability c.q.
std::int64_t leavers(Sampler& rng, std::int64_t n, const Cell& c) {
    return c.q <= 0.5 ? rng.binomial_small_p(n, c.q, c.log1m_q) : rng.binomial(n, c.q);
}

// The state of one area in one trial: people by sex and age (P), those at the
// step's start after its start migrants (S0), and the end-of-step migrants (E).
struct TrialState {
    std::vector<std::int64_t> pop, start, end_migrants;
    explicit TrialState(std::size_t A) : pop(2 * A), start(2 * A), end_migrants(2 * A) {}
};

// The step's migrants of one sex, drawn around their expected number and split
// between the step's start (joining S0) and its end (E).
void draw_migrants(RiskPlan& plan, Sampler& rng, std::size_t k, std::size_t t, std::size_t sex,
                   TrialState& state) {
    const std::size_t A = plan.A;
    const std::size_t mp = plan.per_area ? k : std::min(t, plan.mig_pairs - 1);
    const std::size_t mc = plan.per_area ? 2 * k + sex : 2 * mp + sex;
    const std::int64_t* P = &state.pop[sex * A];
    std::int64_t* S0 = &state.start[sex * A];
    std::int64_t* E = &state.end_migrants[sex * A];
    for (std::size_t x = 0; x < A; ++x) {
        const double m = plan.pin.migration(x, mc);
        std::int64_t moves = 0;
        if (m != 0.0) {
            if (plan.rates) {
                moves = rng.poisson(std::fabs(m) * static_cast<double>(P[x]) * plan.step);
            } else {
                const std::size_t i = (mp * 2 + sex) * A + x;
                moves = plan.mig_large_index[i] >= 0
                            ? rng.poisson(plan.mig_large[static_cast<std::size_t>(plan.mig_large_index[i])])
                            : rng.poisson(std::fabs(m) * plan.step, plan.mig_exp[i]);
            }
        }
        const std::int64_t at_start = plan.h == 0.5 ? rng.half(moves) : plan.h == 1.0 ? moves : 0;
        const std::int64_t sign = m < 0.0 ? -1 : 1;
        S0[x] = std::max<std::int64_t>(P[x] + sign * at_start, 0);
        E[x] = sign * (moves - at_start);
    }
}

// Gross migration, the step's migrants of one sex: in-migrants drawn around
// their counts at the step's start (joining S0) and at its end (E), each share
// a Poisson count of its own (the same distribution as one Poisson count split
// binomially, Poisson thinning; it takes a few random numbers where splitting a
// large count takes one random bit per person); out-migrants by rate: the
// start share drawn from the age group at the start (the end share is drawn
// from the surviving cohort in draw_survivors and draw_newborns); out-migrants
// as counts drawn as the in-migrants and capped by the people there (the
// in-migrants of the same moment included): a cohort keeps zero people, as in
// POP.PROJECT.
void draw_gross_migrants(RiskPlan& plan, Sampler& rng, std::size_t k, std::size_t t, std::size_t sex,
                         TrialState& state) {
    const std::size_t A = plan.A, g = plan.group(k, t);
    const std::int64_t* P = &state.pop[sex * A];
    std::int64_t* S0 = &state.start[sex * A];
    std::int64_t* E = &state.end_migrants[sex * A];
    const std::size_t in = (g * 4 + sex) * A, out = (g * 4 + 2 + sex) * A;
    const bool at_start = plan.h > 0.0, at_end = plan.h < 1.0;
    if (plan.out_rates) {
        const Cell* leave = &plan.start_out[(g * 2 + sex) * A];
        for (std::size_t x = 0; x < A; ++x) {
            const std::int64_t arrive_start = at_start ? plan.count(rng, in + x) : 0;
            S0[x] = P[x] - leavers(rng, P[x], leave[x]) + arrive_start;
            E[x] = at_end ? plan.count(rng, in + x) : 0;
        }
    } else {
        for (std::size_t x = 0; x < A; ++x) {
            const std::int64_t arrive_start = at_start ? plan.count(rng, in + x) : 0;
            const std::int64_t depart_start = at_start ? plan.count(rng, out + x) : 0;
            S0[x] = std::max<std::int64_t>(P[x] + arrive_start - depart_start, 0);
            if (at_end) {  // two statements: the order of the draws is fixed
                const std::int64_t arrive_end = plan.count(rng, in + x);
                E[x] = arrive_end - plan.count(rng, out + x);
            } else {
                E[x] = 0;
            }
        }
    }
}

// The survivors of one sex move one group up (the open group keeps its own),
// with gross migration the end-of-step out-migrants by rate leave them (leave:
// null with counts or no end share), and the end-of-step migrants of ages 1
// and up join them. Gross is a template argument so that the net path carries
// no test of it (bench/README.md, POP.RISK: the net path is no slower).
template <bool Gross>
void draw_survivors(const RiskPlan& plan, Sampler& rng, std::size_t k, std::size_t t, std::size_t sex,
                    TrialState& state) {
    const std::size_t A = plan.A;
    const std::int64_t* S0 = &state.start[sex * A];
    const std::int64_t* E = &state.end_migrants[sex * A];
    std::int64_t* P = &state.pop[sex * A];
    const Cell* c = &plan.cells[(std::min(t, plan.sv.pairs - 1) * 2 + sex) * A];
    // Deaths drawn with the smaller probability: q is at most 1/2 for every age
    // but the oldest; binomial() handles either side.
    auto survive = [&](std::size_t x) {
        return c[x].q <= 0.5 ? S0[x] - rng.binomial_small_p(S0[x], c[x].q, c[x].log1m_q)
                             : rng.binomial(S0[x], 1.0 - c[x].q);
    };
    std::int64_t open = survive(A - 2) + survive(A - 1);
    for (std::size_t x = A - 2; x-- > 0;) P[x + 1] = survive(x);
    P[A - 1] = open;
    if constexpr (Gross) {
        if (const Cell* leave = plan.end_out_cells(k, t, sex))
            for (std::size_t x = 1; x < A; ++x) P[x] -= leavers(rng, P[x], leave[x]);
    }
    for (std::size_t x = 1; x < A; ++x) P[x] = std::max<std::int64_t>(P[x] + E[x], 0);
}

// Births to the women at the start and the end of the step (or, with
// births=start, at the start), their sexes, the survivors of birth, the
// end-of-step out-migrants by rate among them (gross) and the end-of-step
// migrants of age 0.
template <bool Gross>
void draw_newborns(const RiskPlan& plan, Sampler& rng, std::size_t k, std::size_t t, TrialState& state) {
    const std::size_t A = plan.A, fc = std::min(t, plan.fert_cols - 1);
    double expected = 0.0;
    if (plan.births_at_start) {
        for (std::size_t i = 0; i < plan.F; ++i)
            expected += plan.pin.fertility(i, fc) * static_cast<double>(state.start[A + plan.first + i]);
        expected *= plan.step;
    } else {
        for (std::size_t i = 0; i < plan.F; ++i)
            expected += plan.pin.fertility(i, fc) *
                        static_cast<double>(state.start[A + plan.first + i] + state.pop[A + plan.first + i]);
        expected *= plan.step / 2.0;
    }
    const std::int64_t births = rng.poisson(expected);
    const std::int64_t boys = rng.binomial(births, plan.share[0]);
    const std::int64_t born[2] = {boys, births - boys};
    for (std::size_t sex = 0; sex < 2; ++sex) {
        std::int64_t alive =
            rng.binomial(born[sex], plan.sv.s_birth[std::min(t, plan.sv.pairs - 1) * 2 + sex]);
        if constexpr (Gross) {
            if (const Cell* leave = plan.end_out_cells(k, t, sex)) alive -= leavers(rng, alive, leave[0]);
        }
        state.pop[sex * A] = std::max<std::int64_t>(alive + state.end_migrants[sex * A], 0);
    }
}

// Area k through all steps of one trial, adding its band to the trial's row.
template <bool Gross>
void simulate_area(RiskPlan& plan, Sampler& rng, std::size_t k, BandRows band, TrialState& state,
                   double* row) {
    const std::size_t A = plan.A;
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (std::size_t x = 0; x < A; ++x)
            state.pop[sex * A + x] = std::llround(plan.pin.base(x, 2 * k + sex));
    for (std::size_t t = 0; t < plan.Y; ++t) {
        for (std::size_t sex = 0; sex < 2; ++sex) {
            if constexpr (Gross)
                draw_gross_migrants(plan, rng, k, t, sex, state);
            else
                draw_migrants(plan, rng, k, t, sex, state);
            draw_survivors<Gross>(plan, rng, k, t, sex, state);
        }
        draw_newborns<Gross>(plan, rng, k, t, state);
        std::int64_t total = 0;
        for (std::size_t sex = 0; sex < 2; ++sex)
            for (std::size_t x = band.from; x <= band.to; ++x) total += state.pop[sex * A + x];
        row[t] += static_cast<double>(total);
    }
}

// Every trial, area after area, into the rows of `out`.
template <bool Gross>
void simulate_trials(RiskPlan& plan, Sampler& rng, BandRows band, Matrix& out) {
    TrialState state(plan.A);
    for (std::size_t trial = 0; trial < out.rows(); ++trial)
        for (std::size_t k = 0; k < plan.K; ++k)
            simulate_area<Gross>(plan, rng, k, band, state, &out(trial, 0));
}

}  // namespace

Matrix simulate_band(const RiskInput& in) {
    // The same checks as POP.PROJECT, by running its projection of the
    // expected values: shapes, values, and a population that stays below
    // kMaxProjectedPopulation (beyond it the draws below would overflow).
    project_population(in.projection);
    RiskPlan plan(in.projection);
    const BandRows band = check_risk_arguments(in, plan);
    Sampler rng(in.seed);
    Matrix out(static_cast<std::size_t>(in.trials), plan.Y);
    if (plan.gross)
        simulate_trials<true>(plan, rng, band, out);
    else
        simulate_trials<false>(plan, rng, band, out);
    return out;
}

std::vector<double> band_risk(const RiskInput& in) {
    const Matrix totals = simulate_band(in);
    std::vector<double> out(totals.cols(), 0.0);
    for (std::size_t r = 0; r < totals.rows(); ++r)
        for (std::size_t c = 0; c < totals.cols(); ++c)
            if (totals(r, c) < in.threshold) out[c] += 1.0;
    for (double& v : out) v /= static_cast<double>(totals.rows());
    return out;
}

}  // namespace kuntaplan
