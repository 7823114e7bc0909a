// Keyword arguments in English, Finnish or Swedish: "summary", "yhteenveto" and
// "sammanfattning" are the same output of POP.PROJECT. The words live in the
// store (addin/l10n/messages/*.txt, keywords:table) and are compiled in, so every
// office accepts every language's words and a workbook typed in Finnish
// computes the same in an English office.
#pragma once

#include <string>
#include <string_view>

namespace kuntaplan::addin {

// The English keyword that `text` means in `context` ("output", "migration",
// "cost_output", …), compared without regard to case (also Ä/Ö/Å) or
// surrounding spaces; a text that is no keyword of the context comes back
// lower-cased (ASCII) and trimmed, for the caller's error message.
std::string canonical_keyword(std::string_view context, std::string_view text);

// The keywords of a context in a language ("en", "fi", "sv"), for texts: "total, male, …".
std::string keyword_list(std::string_view context, std::string_view language);

}  // namespace kuntaplan::addin
