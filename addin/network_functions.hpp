// The service network as Calc calls it: NETWORK.GAP and NETWORK.ASSIGN. Each
// converts its arguments, calls the core (core/network.hpp) and converts the
// result; the component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table network_gap(const Table& capacity, const Table& demand);
Table network_assign(const Table& demand, const Table& capacity, const Table& distance,
                     const css::uno::Any& output);

}  // namespace kuntaplan::addin
