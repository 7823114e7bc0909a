// The one place where core errors become UNO exceptions. Calc shows
// IllegalArgumentException as Err:502 and NoConvergenceException as Err:523;
// anything else would become #VALUE! or worse, so nothing else escapes.
#pragma once

#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/sheet/NoConvergenceException.hpp>
#include <exception>
#include <new>
#include <string_view>

#include "errors.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {

inline OUString message(std::string_view function, const char* what) {
    return OUString::fromUtf8(OString(function.data(), static_cast<sal_Int32>(function.size()))) + ": " +
           OUString::fromUtf8(OString(what));
}

template <class Call>
auto translate_exceptions(std::string_view function, Call&& call) -> decltype(call()) {
    using css::lang::IllegalArgumentException;
    try {
        return call();
    } catch (const domain_error& e) {
        throw IllegalArgumentException(message(function, e.what()), nullptr, 0);
    } catch (const no_convergence& e) {
        throw css::sheet::NoConvergenceException(message(function, e.what()), nullptr);
    } catch (const IllegalArgumentException&) {
        throw;
    } catch (const css::uno::Exception& e) {
        throw IllegalArgumentException(e.Message, nullptr, 0);
    } catch (const std::bad_alloc&) {
        throw IllegalArgumentException(message(function, "the inputs are too large for the memory"), nullptr,
                                       0);
    } catch (const std::exception& e) {
        throw IllegalArgumentException(message(function, e.what()), nullptr, 0);
    } catch (...) {
        throw IllegalArgumentException(message(function, "unexpected error"), nullptr, 0);
    }
}

}  // namespace kuntaplan::addin
