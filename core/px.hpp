// Reader of PX files (PC-Axis), the table format of the Nordic statistical
// offices' PxWeb, following Statistics Sweden, "PX-file format specification"
// (version 2013; https://www.scb.se/px-format). What it reads:
//  - the metadata part: KEYWORD[lang]("sub","keys")=value; entries, values
//    being quoted strings (a string continued over lines as adjacent quoted
//    parts, or running over a line break inside its quotes, as Statistics
//    Norway writes NOTE: the break is kept as "\n"), lists split over lines
//    after a comma, numbers, YES/NO, TLIST(...) and HIERARCHIES'
//    "parent":"child" items (read as "parent:child" and otherwise ignored);
//  - names in ( ) and [ ] without the blanks around them inside the quotes,
//    so VALUES("Region ") belongs to STUB="Region" (as PX-Edit matches them);
//  - the note keywords NOTE, NOTEX, VALUENOTE, VALUENOTEX, CELLNOTE and
//    CELLNOTEX may repeat (the texts of the repeats are appended to the
//    first's); any other keyword given twice is an error;
//  - LANGUAGE / LANGUAGES and the language variants of every keyword
//    (TITLE[sv], VALUES[en]("Age")); a keyword in the default language may be
//    written with or without its [lang];
//  - STUB / HEADING (the variables, in data order), VALUES, CODES,
//    VARIABLECODE, ELIMINATION (a total value, or YES/NO), TIMEVAL, DECIMALS,
//    TITLE, CONTENTS, UNITS, SOURCE, LAST-UPDATED, TABLEID / MATRIX, COPYRIGHT;
//  - the DATA part: numbers separated by blanks, tabs, commas or semicolons,
//    and the missing-value codes "." ".." "..." "...." "....." "......"
//    (DATASYMBOL1..6) and "-" (DATASYMBOLNIL), quoted or not, kept apart from
//    zero. DATA must hold exactly one value per cell and end with ';' (only
//    blanks after it): a file cut short is an error, never a table with a
//    number cut in two;
//  - the character set: CODEPAGE, any code page ICU knows that writes ASCII as
//    ASCII (iso-8859-1, iso-8859-15, windows-1252, windows-1251, koi8-r,
//    utf-8, …; "ANSI" is windows-1252; the specification's default is
//    iso-8859-1), a UTF-8 byte order mark, converted to UTF-8 with ICU.
// The reader takes the file's bytes; it does no I/O. Any malformed input
// throws domain_error naming the problem and the line. The messages name PX
// keywords, lines, positions and counts but never quote the file's own texts
// (a formula may point the reader at any file): only a CODEPAGE name is
// quoted, at most 40 printable ASCII characters of it.
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
