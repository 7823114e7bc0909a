// Why a cell shows an error, in the user's language (Kuntaplan ▸ Explain error).
//
// Calc shows every failed add-in call as Err:502 and drops the exception's
// text. So the functions record their errors (translate_exceptions.hpp) while
// an explanation is being asked for, and the command re-computes the selected
// cell and renders what was recorded from the store of error messages
// (l10n/messages/<language>.res).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errors.hpp"
#include "uno_strings.hpp"

namespace kuntaplan::addin {

// One error a function raised: its English display name (POP.PROJECT), the
// message's key and arguments as the core gave them, and the English text.
struct RecordedError {
    std::string function;
    std::string key;
    std::vector<std::string> arguments;
    std::string english;
};

// Recording is off except between start and stop; record() is then a no-op
// costing one atomic load. Thread-safe.
void error_log_start();
std::vector<RecordedError> error_log_stop();
void error_log_record(RecordedError error);

// The error in "en", "fi" or "sv": "VÄESTÖ.ENNUSTE: …" with the function's
// display name and argument names of that language, decimal commas in fi/sv.
// A key the language lacks falls back to English; an unknown key gives the
// English text. Reads the bundles next to the library (l10n/messages/ and the
// function texts), once.
OUString explain_error(std::string_view language, const RecordedError& error);

// An error's message alone (no function name) in "en", "fi" or "sv": for commands that show a
// core error in a message box (Import table).
OUString localised_message(std::string_view language, const message_error& error);

// The text of a message without arguments (a label) in "en", "fi" or "sv", from the same store;
// English when the bundles cannot be read.
std::string message_text(std::string_view language, std::string_view key, std::string_view english);

}  // namespace kuntaplan::addin
