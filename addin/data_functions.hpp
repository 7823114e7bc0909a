// Statistical tables: DATA.PX.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include "convert.hpp"

namespace kuntaplan::addin {

Table data_px(const css::uno::Any& source, const OUString& rows, const OUString& columns,
              const css::uno::Any& filters, const css::uno::Any& language, const css::uno::Any& headers);

}  // namespace kuntaplan::addin
