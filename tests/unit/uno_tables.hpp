// Calc's any[][] arguments built in the add-in unit tests: table({{Any(1.0), text("x")}})
// is what a range of cells reaches the add-in as, text("...") a cell holding text.
#pragma once

#include <initializer_list>
#include <rtl/string.hxx>
#include <rtl/ustring.hxx>
#include <string_view>

#include "convert.hpp"

namespace kuntaplan::uno_tables {

inline addin::Table table(std::initializer_list<std::initializer_list<css::uno::Any>> rows) {
    addin::Table out(static_cast<sal_Int32>(rows.size()));
    sal_Int32 r = 0;
    for (const auto& row : rows) {
        css::uno::Sequence<css::uno::Any> cells(static_cast<sal_Int32>(row.size()));
        sal_Int32 c = 0;
        for (const auto& cell : row) cells.getArray()[c++] = cell;
        out.getArray()[r++] = cells;
    }
    return out;
}

// UTF-8 text as a cell value.
inline css::uno::Any text(std::string_view s) {
    return css::uno::Any(rtl::OUString::fromUtf8(rtl::OString(s.data(), static_cast<sal_Int32>(s.size()))));
}

}  // namespace kuntaplan::uno_tables
