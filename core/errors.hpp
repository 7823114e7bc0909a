// Errors of the core models. The add-in maps domain_error to Err:502 and
// no_convergence to Err:523; nothing else is expected to escape a model.
#pragma once

#include <stdexcept>
#include <string>

namespace kuntaplan {

// An input outside the model's domain. The message names the input and the
// bad value, in the style of Boost.Math: "qx must be in [0, 1], but was: 1.2".
class domain_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// An iterative method that did not reach its tolerance.
class no_convergence : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace kuntaplan
