// Service demand, pupils, grade progression and capacity gaps; see demand.hpp
// for the methods and their sources. Row and column numbers in messages are
// 1-based, as a spreadsheet user counts them.
#include "demand.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "messages.hpp"

namespace kuntaplan {
namespace {

using messages::num;

constexpr double kMaxValue = 1e12;  // people, places or rates: far above any real table
constexpr double kMaxCells = 2e7;
constexpr double kMaxTrend = 10.0;  // a relative change per year
constexpr std::size_t kMaxEntrantYears = 1000;
constexpr double kMaxProgressionRatio = 100.0;
// Multiply-adds of one demand projection: 1e9 take about a second on one core.
constexpr double kMaxDemandWork = 1e9;

void check_block(MatrixView m, const char* what, double low, double high) {
    if (m.empty()) throw domain_error(msg::demand_block_empty, what, num(m.rows()), num(m.cols()));
    if (static_cast<double>(m.rows()) * static_cast<double>(m.cols()) > kMaxCells)
        throw domain_error(msg::demand_block_too_many, what, messages::power(kMaxCells),
                           num(m.rows() * m.cols()));
    for (std::size_t r = 0; r < m.rows(); ++r)
        for (std::size_t c = 0; c < m.cols(); ++c) {
            const double v = m(r, c);
            if (!(v >= low && v <= high))
                throw domain_error(msg::demand_block_value, what, num(low), num(high), num(v), num(r + 1),
                                   num(c + 1));
        }
}

// `overflow` says which result overflowed; its argument is the value.
void check_finite(const Matrix& m, const Message<1>& overflow) {
    for (double v : m.data())
        if (!std::isfinite(v)) throw domain_error(overflow, num(v));
}

}  // namespace

Matrix project_demand(MatrixView population, MatrixView rates, std::span<const double> trend) {
    check_block(population, "population", 0.0, kMaxValue);
    check_block(rates, "rates", 0.0, kMaxValue);
    if (rates.rows() != population.rows())
        throw domain_error(msg::demand_rates_rows, num(population.rows()), num(rates.rows()));
    const std::size_t S = rates.cols(), Y = population.cols(), A = population.rows();
    if (!trend.empty() && trend.size() != 1 && trend.size() != S)
        throw domain_error(msg::demand_trend_length, num(S), num(trend.size()));
    for (std::size_t i = 0; i < trend.size(); ++i)
        if (!(trend[i] > -1.0 && trend[i] <= kMaxTrend))
            throw domain_error(msg::demand_trend_range, num(kMaxTrend), num(trend[i]), num(i + 1));
    if (static_cast<double>(A) * static_cast<double>(S) * static_cast<double>(Y) > kMaxDemandWork)
        throw domain_error(msg::demand_work_limit, num(kMaxDemandWork), num(A), num(S), num(Y));
    // Σ_a in the order of the ages, one age's row at a time: the inner loop runs
    // along contiguous memory (the same sums, added in the same order, as age by
    // age per cell).
    Matrix out(S, Y);
    for (std::size_t a = 0; a < A; ++a)
        for (std::size_t s = 0; s < S; ++s) {
            const double r = rates(a, s);
            for (std::size_t t = 0; t < Y; ++t) out(s, t) += r * population(a, t);
        }
    for (std::size_t s = 0; s < S; ++s) {
        const double g = trend.empty() ? 0.0 : trend[trend.size() == 1 ? 0 : s];
        double factor = 1.0;
        for (std::size_t t = 0; t < Y; ++t) {
            out(s, t) *= factor;
            factor *= 1.0 + g;
        }
    }
    check_finite(out, msg::demand_demand_overflow);
    return out;
}

Matrix school_pupils(MatrixView population, int entry_age, int grades, MatrixView participation) {
    check_block(population, "population", 0.0, kMaxValue);
    if (entry_age < 0) throw domain_error(msg::demand_entry_age, num(entry_age));
    if (grades < 1) throw domain_error(msg::demand_grades, num(grades));
    const std::size_t G = static_cast<std::size_t>(grades), Y = population.cols();
    const std::size_t last_age = static_cast<std::size_t>(entry_age) + G - 1;
    // The last row is the open age group: a grade must be a single year of age.
    if (last_age + 1 >= population.rows())
        throw domain_error(msg::demand_population_rows, num(last_age), num(population.rows()));
    if (!participation.empty()) {
        check_block(participation, "participation", 0.0, 1.5);
        const bool scalar = participation.rows() == 1 && participation.cols() == 1;
        const bool per_grade =
            participation.rows() == G && (participation.cols() == 1 || participation.cols() == Y);
        if (!scalar && !per_grade)
            throw domain_error(msg::demand_participation_shape, num(G), num(Y), num(participation.rows()),
                               num(participation.cols()));
    }
    Matrix out(G, Y);
    for (std::size_t g = 0; g < G; ++g)
        for (std::size_t t = 0; t < Y; ++t) {
            double share = 1.0;
            if (!participation.empty())
                share = participation(participation.rows() == 1 ? 0 : g, participation.cols() == 1 ? 0 : t);
            out(g, t) = population(static_cast<std::size_t>(entry_age) + g, t) * share;
        }
    return out;
}

std::vector<double> grade_progression_ratios(MatrixView enrolment, ProgressionMethod method) {
    check_block(enrolment, "enrolment", 0.0, kMaxValue);
    if (enrolment.rows() < 2) throw domain_error(msg::demand_enrolment_grades, num(enrolment.rows()));
    if (enrolment.cols() < 2) throw domain_error(msg::demand_enrolment_years, num(enrolment.cols()));
    if (method != ProgressionMethod::mean && method != ProgressionMethod::median &&
        method != ProgressionMethod::last && method != ProgressionMethod::weighted)
        throw domain_error(msg::demand_method, num(static_cast<int>(method)));
    const std::size_t G = enrolment.rows(), T = enrolment.cols();
    std::vector<double> out(G - 1);
    std::vector<double> ratios;
    for (std::size_t g = 0; g + 1 < G; ++g) {
        ratios.clear();
        double num_sum = 0.0, den_sum = 0.0;
        for (std::size_t t = 0; t + 1 < T; ++t) {
            const double from = enrolment(g, t), to = enrolment(g + 1, t + 1);
            if (from <= 0.0) continue;  // no pupils to progress: no ratio this year
            ratios.push_back(to / from);
            num_sum += to;
            den_sum += from;
        }
        if (ratios.empty()) throw domain_error(msg::demand_grade_no_pupils, num(g + 1));
        double r = 0.0;
        switch (method) {
            case ProgressionMethod::mean:
                for (double v : ratios) r += v;
                r /= static_cast<double>(ratios.size());
                break;
            case ProgressionMethod::median: {
                std::sort(ratios.begin(), ratios.end());
                const std::size_t n = ratios.size();
                r = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0;
                break;
            }
            case ProgressionMethod::last:
                r = ratios.back();
                break;
            case ProgressionMethod::weighted:
                r = num_sum / den_sum;
                break;
        }
        if (!std::isfinite(r)) throw domain_error(msg::demand_ratio_overflow, num(r), num(g + 1));
        out[g] = r;
    }
    return out;
}

Matrix project_enrolment(MatrixView enrolment, std::span<const double> entrants,
                         std::span<const double> ratios) {
    check_block(enrolment, "enrolment", 0.0, kMaxValue);
    const std::size_t G = enrolment.rows(), T = enrolment.cols();
    if (G < 2) throw domain_error(msg::demand_enrolment_grades, num(G));
    if (entrants.empty()) throw domain_error(msg::demand_entrants_empty);
    if (entrants.size() > kMaxEntrantYears)
        throw domain_error(msg::demand_entrants_too_many, num(kMaxEntrantYears), num(entrants.size()));
    for (std::size_t i = 0; i < entrants.size(); ++i)
        if (!(entrants[i] >= 0.0 && entrants[i] <= kMaxValue))
            throw domain_error(msg::demand_entrants_value, messages::power(kMaxValue), num(entrants[i]),
                               num(i + 1));
    if (ratios.size() != G - 1) throw domain_error(msg::demand_ratios_length, num(G - 1), num(ratios.size()));
    for (std::size_t i = 0; i < ratios.size(); ++i)
        if (!(ratios[i] >= 0.0 && ratios[i] <= kMaxProgressionRatio))
            throw domain_error(msg::demand_ratio_range, num(kMaxProgressionRatio), num(ratios[i]),
                               num(i + 1));
    const std::size_t Y = entrants.size();
    Matrix out(G, Y);
    for (std::size_t t = 0; t < Y; ++t) {
        out(0, t) = entrants[t];
        for (std::size_t g = 1; g < G; ++g) {
            const double before = t == 0 ? enrolment(g - 1, T - 1) : out(g - 1, t - 1);
            out(g, t) = before * ratios[g - 1];
        }
    }
    check_finite(out, msg::demand_enrolment_overflow);
    return out;
}

Matrix capacity_gap(MatrixView capacity, MatrixView demand) {
    check_block(capacity, "capacity", -kMaxValue, kMaxValue);
    check_block(demand, "demand", -kMaxValue, kMaxValue);
    for (std::size_t r = 0; r < capacity.rows(); ++r)
        for (std::size_t c = 0; c < capacity.cols(); ++c)
            if (capacity(r, c) < 0.0)
                throw domain_error(msg::demand_negative, "capacity", num(capacity(r, c)), num(r + 1),
                                   num(c + 1));
    for (std::size_t r = 0; r < demand.rows(); ++r)
        for (std::size_t c = 0; c < demand.cols(); ++c)
            if (demand(r, c) < 0.0)
                throw domain_error(msg::demand_negative, "demand", num(demand(r, c)), num(r + 1), num(c + 1));
    if (capacity.rows() != demand.rows())
        throw domain_error(msg::demand_capacity_rows, num(demand.rows()), num(capacity.rows()));
    if (capacity.cols() > demand.cols())
        throw domain_error(msg::demand_capacity_cols, num(demand.cols()), num(capacity.cols()));
    Matrix out(demand.rows(), demand.cols());
    for (std::size_t r = 0; r < demand.rows(); ++r)
        for (std::size_t c = 0; c < demand.cols(); ++c)
            out(r, c) = capacity(r, std::min(c, capacity.cols() - 1)) - demand(r, c);
    return out;
}

}  // namespace kuntaplan
