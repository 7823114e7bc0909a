#include "data_functions.hpp"

#include "errors.hpp"

#pragma GCC diagnostic ignored "-Wunused-parameter"

namespace kuntaplan::addin {

// PLACEHOLDER while the models are written on their branch; replaced before release.
Table data_px(const css::uno::Any& source, const OUString& rows, const OUString& columns, const css::uno::Any& filters, const css::uno::Any& language, const css::uno::Any& headers) {
    throw domain_error("DATA.PX is not available yet");
}

}  // namespace kuntaplan::addin
