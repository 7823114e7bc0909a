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

// The pattern of a message in some language, given its key and arguments (the
// arguments let a reader's language render a message its own way, as the add-in
// does for the keyword lists).
using PatternLookup =
    std::function<std::string(std::string_view key, const std::vector<std::string>& arguments)>;

// The text of a message: `pattern` with {k} replaced by arguments[k]; an
// argument made by phrase() is rendered with the pattern `lookup` gives for it,
// and every other argument is passed through `plain` (e.g. to write a decimal
// comma).
std::string render_message(std::string_view pattern, const std::vector<std::string>& arguments,
                           const PatternLookup& lookup,
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

// An exception of the standard library's kind `Base` that is a message of the store: what() is
// its English text.
template <class Base>
class keyed_error : public Base, public message_error {
public:
    template <std::size_t N, class... A>
    requires(sizeof...(A) == N) explicit keyed_error(const Message<N>& message, const A&... arguments)
        : keyed_error(message.key, {std::string(arguments)...}) {}
    keyed_error(std::string_view key, std::vector<std::string> arguments)
        : Base(message_detail::english(key, arguments)), message_error(key, std::move(arguments)) {}
};

// An input outside the model's domain. The message names the input and the
// bad value, in the style of Boost.Math: "qx must be in [0, 1], but was: 1.2".
class domain_error : public keyed_error<std::invalid_argument> {
public:
    using keyed_error::keyed_error;
};

// An iterative method that did not reach its tolerance.
class no_convergence : public keyed_error<std::runtime_error> {
public:
    using keyed_error::keyed_error;
};

}  // namespace kuntaplan

#include "kuntaplan_messages.hpp"  // NOLINT: the msg:: constants, generated from the store
