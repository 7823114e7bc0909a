// Reader of PX files (PC-Axis), the table format of the Nordic statistical
// offices' PxWeb, following Statistics Sweden, "PX-file format specification"
// (version 2013; https://www.scb.se/px-format). What it reads:
//  - the metadata part: KEYWORD[lang]("sub","keys")=value; entries, values
//    being quoted strings (a string continued over lines as adjacent quoted
//    parts, lists split over lines after a comma), numbers, YES/NO and
//    TLIST(...);
//  - LANGUAGE / LANGUAGES and the language variants of every keyword
//    (TITLE[sv], VALUES[en]("Age")); a keyword in the default language may be
//    written with or without its [lang];
//  - STUB / HEADING (the variables, in data order), VALUES, CODES,
//    VARIABLECODE, ELIMINATION (a total value, or YES/NO), TIMEVAL, DECIMALS,
//    TITLE, CONTENTS, UNITS, SOURCE, LAST-UPDATED, TABLEID / MATRIX, COPYRIGHT;
//  - the DATA part: numbers separated by blanks, and the missing-value codes
//    "." ".." "..." "...." "....." "......" (DATASYMBOL1..6) and "-"
//    (DATASYMBOLNIL), quoted or not, kept apart from zero;
//  - the character set: CODEPAGE (iso-8859-1, iso-8859-15, windows-1252,
//    utf-8; the specification's default is iso-8859-1), a UTF-8 byte order
//    mark, converted to UTF-8 with ICU.
// The reader takes the file's bytes; it does no I/O. Any malformed input
// throws domain_error naming the problem and the line.
#pragma once

#include <string_view>

#include "table_data.hpp"

namespace kuntaplan {

struct PxReadOptions {
    // The text is already Unicode (UTF-8), e.g. read from spreadsheet cells:
    // CODEPAGE is then ignored.
    bool text_is_utf8 = false;
};

StatTable read_px(std::string_view bytes, const PxReadOptions& options = {});

}  // namespace kuntaplan
