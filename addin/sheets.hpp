// Small helpers for commands that write sheets: blocks of values and formulas
// in one call each (a call per cell costs ~340 µs), calculation paused while
// writing, and one undo step for the whole change.
#pragma once

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <string>
#include <string_view>
#include <vector>

#include "uno_strings.hpp"

namespace kuntaplan::addin {

using Grid = std::vector<std::vector<css::uno::Any>>;  // rows of cells
using FormulaGrid = std::vector<std::vector<OUString>>;

// The fill of the header rows the commands write (light greyish blue).
inline constexpr sal_Int32 kHeaderFill = 0xDDE6F0;

// The spreadsheet shown in `frame`; throws command_error (in `language`) when it is not one.
css::uno::Reference<css::sheet::XSpreadsheetDocument> spreadsheet_of(
    const css::uno::Reference<css::frame::XFrame>& frame, std::string_view language);

// Shows the sheet `name` in `frame` (its view's active sheet), so that what a command wrote is what
// the user sees next; nothing happens when the frame has no spreadsheet view.
void show_sheet(const css::uno::Reference<css::frame::XFrame>& frame,
                const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name);

// Automatic calculation off and the views locked while alive; restored after.
class CalculationPause {
public:
    explicit CalculationPause(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document);
    ~CalculationPause();
    CalculationPause(const CalculationPause&) = delete;
    CalculationPause& operator=(const CalculationPause&) = delete;

private:
    css::uno::Reference<css::sheet::XSpreadsheetDocument> document_;
    bool was_automatic_ = true;
};

// Everything done while alive is one undo step titled `title`.
class UndoStep {
public:
    UndoStep(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& title);
    ~UndoStep();
    UndoStep(const UndoStep&) = delete;
    UndoStep& operator=(const UndoStep&) = delete;

private:
    css::uno::Reference<css::document::XUndoManager> undo_;
};

bool has_sheet(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name);
css::uno::Reference<css::sheet::XSpreadsheet> sheet_named(
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name);
// A new sheet at the end; throws command_error (in `language`) when the name is taken.
css::uno::Reference<css::sheet::XSpreadsheet> append_sheet(
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name,
    std::string_view language);
// A name not used yet: `name`, else "name 2", "name 3", …
OUString free_sheet_name(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document,
                         const OUString& name);

css::uno::Reference<css::table::XCellRange> block(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet,
                                                  int column, int row, int columns, int rows);

// Values (numbers as double, texts as OUString, empty Any = blank) from (column, row).
void write_values(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet, int column, int row,
                  const Grid& values);
// Ordinary formulas (English names, ';' separators) from (column, row), in one call.
void write_formulas(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet, int column, int row,
                    const FormulaGrid& formulas);
// One array formula over columns × rows from (column, row).
void write_array_formula(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet, int column, int row,
                         int columns, int rows, const OUString& formula);

void set_bold(const css::uno::Reference<css::table::XCellRange>& cells);
void set_fill(const css::uno::Reference<css::table::XCellRange>& cells, sal_Int32 rgb);
// `format` in en-US notation ("#,##0", "0.0%"); shown in the user's locale.
void set_number_format(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& document,
                       const css::uno::Reference<css::table::XCellRange>& cells, const OUString& format);
void set_column_width(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet, int column,
                      sal_Int32 width_mm100);
// Text that is wider than its cells goes on to more lines (the row grows) instead of being cut off.
void set_wrap(const css::uno::Reference<css::table::XCellRange>& cells);
// One cell over `cells` (a title over a pair of columns); the others must be empty.
void merge(const css::uno::Reference<css::table::XCellRange>& cells);

// "A", "B", … "AA" for a 0-based column.
OUString column_letters(int column);
// An absolute reference into a sheet for formulas: $'Base Assumptions'.$B$3 or a range.
OUString cell_ref(const OUString& sheet, int column, int row);
OUString range_ref(const OUString& sheet, int column, int row, int columns, int rows);
// A relative reference on the same sheet (B3, B3:D7).
OUString local_ref(int column, int row, bool absolute = false);

css::uno::Any text(const OUString& value);
css::uno::Any number(double value);

// Inserts a line chart (`name` must be unique in the document: charts are its embedded objects) of the rows
// of `data` (first column: labels; first row: years), with a legend below it when it has more than one
// line. Its size must fit a 1366 × 768 screen at 100 % (27 × 13.5 cm, tests/calc/display.py).
void add_line_chart(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet, const OUString& name,
                    const OUString& title, const std::vector<css::table::CellRangeAddress>& data,
                    int left_mm100, int top_mm100, int width_mm100, int height_mm100);

}  // namespace kuntaplan::addin
