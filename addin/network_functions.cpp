#include "network_functions.hpp"

#include <algorithm>
#include <span>

#include "demand.hpp"  // capacity_gap
#include "errors.hpp"
#include "keywords.hpp"
#include "network.hpp"
#include "options.hpp"

namespace kuntaplan::addin {

using css::uno::Any;

namespace {

Matrix as_matrix(std::span<const double> values, std::size_t rows, std::size_t cols) {
    Matrix out(rows, cols);
    std::copy(values.begin(), values.end(), out.data().begin());
    return out;
}

}  // namespace

Table network_gap(const Table& capacity, const Table& demand) {
    const Numbers capacity_n = read<Numbers>(capacity, "capacity");
    const Numbers demand_n = read<Numbers>(demand, "demand");
    return to_table(capacity_gap(capacity_n.view(), demand_n.view()));
}

// Blank cells (or negative numbers) in `distance` mean "no route".
Table network_assign(const Table& demand, const Table& capacity, const Table& distance, const Any& output) {
    AssignmentInput input;
    input.demand = as_vector(read<Numbers>(demand, "demand"), "demand");
    input.capacity = as_vector(read<Numbers>(capacity, "capacity"), "capacity");
    const NumbersOrBlanks distance_n = read<NumbersOrBlanks>(distance, "distance");
    input.distance = distance_n.view();
    const std::string kind =
        canonical_keyword("network_output", optional_text(output, "output").value_or("flows"));
    if (kind != "flows" && kind != "load" && kind != "unserved" && kind != "cost")
        throw domain_error(msg::network_output_unknown, kind);
    const Assignment result = assign_to_units(input);
    if (kind == "flows") return to_table(result.flows);
    if (kind == "load") return to_column(result.load);
    if (kind == "unserved") return to_column(result.unserved);
    return to_table(as_matrix(std::span<const double>(&result.cost, 1), 1, 1));
}

}  // namespace kuntaplan::addin
