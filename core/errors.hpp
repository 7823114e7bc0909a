// Errors of the core models. The add-in maps domain_error to Err:502 and
// no_convergence to Err:523; nothing else is expected to escape a model.
//
// Every message is a key of the store of error messages (addin/l10n/messages/
// root.txt, in English, with Finnish and Swedish beside it) and its arguments:
//     throw domain_error(msg::lifetable_mx_finite, num(m), num(i + 1));
// what() is the English text; Kuntaplan ▸ Explain error shows the same message
// in the user's language from key() and arguments(). The msg:: constants are
// generated from the store (scripts/gen_messages.py), so an unknown key or a
// wrong number of arguments does not compile.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kuntaplan {

// A message of the store that takes N arguments ({0} … {N-1} in its text).
template <std::size_t N>
struct Message {
    std::string_view key;
    std::string_view english;
};

struct MessageEntry {
    std::string_view key;
    std::string_view english;
};

namespace message_detail {
std::string encode(std::string_view key, const std::vector<std::string>& arguments);
std::string english(std::string_view key, const std::vector<std::string>& arguments);
}  // namespace message_detail

// A message used as an argument of another message ("{0} must be > 0" with {0}
// a phrase such as "the open age group's mx"): it is written in the reader's
// language too. Plain strings are arguments written the same in every language
// (numbers, names of inputs, quoted values).
template <std::size_t N, class... A>
requires(sizeof...(A) == N) std::string phrase(const Message<N>& message, const A&... arguments) {
    return message_detail::encode(message.key, {std::string(arguments)...});
}

// The text of a message: `pattern` with {k} replaced by arguments[k]; an
// argument made by phrase() is rendered with the pattern `lookup` gives for its
// key, and every other argument is passed through `plain` (e.g. to write a
// decimal comma). Unknown keys render as the key.
std::string render_message(std::string_view pattern, const std::vector<std::string>& arguments,
                           const std::function<std::string(std::string_view key)>& lookup,
                           const std::function<std::string(const std::string&)>& plain);

// The English pattern of a key, or an empty view when the store has no such key.
std::string_view english_pattern(std::string_view key);

// What every error of Kuntaplan carries: the message's key and arguments.
class message_error {
public:
    message_error(std::string_view key, std::vector<std::string> arguments)
        : key_(key), arguments_(std::move(arguments)) {}
    const std::string& key() const noexcept { return key_; }
    const std::vector<std::string>& arguments() const noexcept { return arguments_; }
    // This error as an argument of another message (e.g. to say which step failed).
    std::string as_phrase() const {
        return key_.empty() && !arguments_.empty() ? arguments_.front()
                                                   : message_detail::encode(key_, arguments_);
    }

private:
    std::string key_;
    std::vector<std::string> arguments_;
};

// An input outside the model's domain. The message names the input and the
// bad value, in the style of Boost.Math: "qx must be in [0, 1], but was: 1.2".
class domain_error : public std::invalid_argument, public message_error {
public:
    template <std::size_t N, class... A>
    requires(sizeof...(A) == N) explicit domain_error(const Message<N>& message, const A&... arguments)
        : domain_error(message.key, {std::string(arguments)...}) {}
    domain_error(std::string_view key, std::vector<std::string> arguments)
        : std::invalid_argument(message_detail::english(key, arguments)),
          message_error(key, std::move(arguments)) {}
};

// An iterative method that did not reach its tolerance.
class no_convergence : public std::runtime_error, public message_error {
public:
    template <std::size_t N, class... A>
    requires(sizeof...(A) == N) explicit no_convergence(const Message<N>& message, const A&... arguments)
        : no_convergence(message.key, {std::string(arguments)...}) {}
    no_convergence(std::string_view key, std::vector<std::string> arguments)
        : std::runtime_error(message_detail::english(key, arguments)),
          message_error(key, std::move(arguments)) {}
};

}  // namespace kuntaplan

#include "kuntaplan_messages.hpp"  // NOLINT: the msg:: constants, generated from the store
