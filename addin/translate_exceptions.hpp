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
#include "explain.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {

inline OUString message(std::string_view function, const char* what) {
    return OUString::fromUtf8(OString(function.data(), static_cast<sal_Int32>(function.size()))) + ": " +
           OUString::fromUtf8(OString(what));
}

// Keeps the error for Kuntaplan ▸ Explain error (explain.hpp) and gives the exception's text.
inline OUString recorded(std::string_view function, const message_error& error, const char* what) {
    error_log_record(RecordedError{std::string(function), error.key(), error.arguments(), what});
    return message(function, what);
}

template <class Call>
auto translate_exceptions(std::string_view function, Call&& call) -> decltype(call()) {
    using css::lang::IllegalArgumentException;
    try {
        return call();
    } catch (const domain_error& e) {
        throw IllegalArgumentException(recorded(function, e, e.what()), nullptr, 0);
    } catch (const no_convergence& e) {
        throw css::sheet::NoConvergenceException(recorded(function, e, e.what()), nullptr);
    } catch (const IllegalArgumentException&) {
        throw;
    } catch (const css::uno::Exception& e) {
        throw IllegalArgumentException(e.Message, nullptr, 0);
    } catch (const std::bad_alloc&) {
        const domain_error e(msg::out_of_memory);
        throw IllegalArgumentException(recorded(function, e, e.what()), nullptr, 0);
    } catch (const std::exception& e) {
        throw IllegalArgumentException(recorded(function, message_error("", {e.what()}), e.what()), nullptr,
                                       0);
    } catch (...) {
        const domain_error e(msg::unexpected);
        throw IllegalArgumentException(recorded(function, e, e.what()), nullptr, 0);
    }
}

}  // namespace kuntaplan::addin
