// org.kuntaplan:ExplainError: why the selected cell shows an error, in the UI
// language. Calc shows a failed add-in call as Err:502 and keeps no text, so
// the command computes the cell's formula once more while the functions record
// their errors (explain.hpp), and shows what they said. The formula is entered
// again unchanged, in a hidden undo context that joins the last undo step (a
// step of its own only when there is none), and the document's modified flag
// is kept.
//
// Automation: the argument Cell ("Sheet1.B2") names the cell instead of the
// selection, and the explanation is the dispatch's result instead of a message box.
#include <algorithm>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/document/EmptyUndoStackException.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/FormulaResult.hpp>
#include <com/sun/star/sheet/XArrayFormulaTokens.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XFormulaQuery.hpp>
#include <com/sun/star/sheet/XFormulaTokens.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XModifiable.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>

#include "commands.hpp"
#include "explain.hpp"
#include "sheets.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {
namespace {

namespace uno = css::uno;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

// The cell named by "Sheet.B2" / "$Sheet.$B$2" / "'My sheet'.B2".
Reference<css::table::XCell> named_cell(const Reference<css::sheet::XSpreadsheetDocument>& document,
                                        const OUString& name, const std::string& language) {
    const sal_Int32 dot = name.lastIndexOf('.');
    if (dot <= 0) throw command_error(ui_text(language, "explain.bad_cell", {name}));
    OUString sheet = name.copy(0, dot).replaceAll("$", "");
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.copy(1, sheet.getLength() - 2);
    Reference<css::table::XCellRange> cells(sheet_named(document, sheet), UNO_QUERY_THROW);
    Reference<css::table::XCellRange> range =
        cells->getCellRangeByName(name.copy(dot + 1).replaceAll("$", ""));
    return range->getCellByPosition(0, 0);
}

// The selected cell, or the first cell of the selected range.
Reference<css::table::XCell> selected_cell(const Reference<css::frame::XFrame>& frame) {
    Reference<css::view::XSelectionSupplier> selection(frame->getController(), UNO_QUERY_THROW);
    const uno::Any selected = selection->getSelection();
    Reference<css::table::XCell> cell(selected, UNO_QUERY);
    if (cell.is()) return cell;
    Reference<css::table::XCellRange> range(selected, UNO_QUERY);
    if (range.is()) return range->getCellByPosition(0, 0);
    return nullptr;
}

OUString address_name(const uno::Sequence<OUString>& sheets, const css::table::CellRangeAddress& address) {
    OUString name = sheets[address.Sheet] + "." + column_letters(address.StartColumn) +
                    OUString::number(address.StartRow + 1);
    if (address.EndColumn > address.StartColumn || address.EndRow > address.StartRow)
        name += ":" + column_letters(address.EndColumn) + OUString::number(address.EndRow + 1);
    return name;
}

// The array formula's range the cell belongs to, or the cell itself.
css::table::CellRangeAddress formula_range(const Reference<css::sheet::XSpreadsheet>& sheet,
                                           const Reference<css::table::XCell>& cell) {
    Reference<css::sheet::XSheetCellCursor> cursor =
        sheet->createCursorByRange(Reference<css::sheet::XSheetCellRange>(cell, UNO_QUERY_THROW));
    try {
        cursor->collapseToCurrentArray();
    } catch (const uno::RuntimeException&) {
        // not part of an array formula: the cell alone
    }
    return Reference<css::sheet::XCellRangeAddressable>(cursor, UNO_QUERY_THROW)->getRangeAddress();
}

// Enters the cell's formula (or its array formula) again, as tokens so that it comes back
// exactly, and makes Calc compute it now.
void recompute(const Reference<css::sheet::XSpreadsheet>& sheet, const Reference<css::table::XCell>& cell,
               const css::table::CellRangeAddress& range) {
    Reference<css::table::XCellRange> cells =
        sheet->getCellRangeByPosition(range.StartColumn, range.StartRow, range.EndColumn, range.EndRow);
    Reference<css::sheet::XArrayFormulaTokens> array(cells, UNO_QUERY_THROW);
    const uno::Sequence<css::sheet::FormulaToken> array_tokens = array->getArrayTokens();
    if (array_tokens.hasElements()) {
        array->setArrayTokens({});
        array->setArrayTokens(array_tokens);
    } else {
        Reference<css::sheet::XFormulaTokens> single(cell, UNO_QUERY_THROW);
        const uno::Sequence<css::sheet::FormulaToken> tokens = single->getTokens();
        single->setTokens({});
        single->setTokens(tokens);
    }
    // Reading the results makes Calc compute them now.
    Reference<css::sheet::XCellRangeData>(cells, UNO_QUERY_THROW)->getDataArray();
    cell->getError();
}

bool inside(const css::table::CellRangeAddress& inner, const css::table::CellRangeAddress& outer) {
    return inner.Sheet == outer.Sheet && inner.StartColumn >= outer.StartColumn &&
           inner.EndColumn <= outer.EndColumn && inner.StartRow >= outer.StartRow &&
           inner.EndRow <= outer.EndRow;
}

// The cells the formula refers to that show an error (Calc does not call a function whose input
// is one), other than the formula's own cells.
OUString erroneous_inputs(const Reference<css::sheet::XSpreadsheetDocument>& document,
                          const Reference<css::table::XCell>& cell, const css::table::CellRangeAddress& own) {
    Reference<css::sheet::XFormulaQuery> query(cell, UNO_QUERY);
    if (!query.is()) return OUString();
    Reference<css::sheet::XSheetCellRanges> precedents = query->queryPrecedents(false);
    Reference<css::sheet::XCellRangesQuery> ranges(precedents, UNO_QUERY);
    if (!ranges.is() || precedents->getCount() == 0) return OUString();
    Reference<css::sheet::XSheetCellRanges> errors =
        ranges->queryFormulaCells(css::sheet::FormulaResult::ERROR);
    if (!errors.is()) return OUString();
    const auto names = document->getSheets()->getElementNames();
    OUString out;
    for (const auto& address : errors->getRangeAddresses()) {
        if (inside(address, own)) continue;
        out += (out.isEmpty() ? OUString() : OUString(", ")) + address_name(names, address);
    }
    return out;
}

}  // namespace

void run_explain_error(const CommandContext& context, const CommandArguments& arguments) {
    const auto document = spreadsheet_of(context.frame, context.language);
    const std::optional<OUString> given = arguments.text("Cell");
    const Reference<css::table::XCell> cell =
        given ? named_cell(document, *given, context.language) : selected_cell(context.frame);
    if (!cell.is()) throw command_error(ui_text(context.language, "explain.select"));
    const auto address = Reference<css::sheet::XCellAddressable>(cell, UNO_QUERY_THROW)->getCellAddress();
    const auto names = document->getSheets()->getElementNames();
    const OUString where =
        address_name(names, {address.Sheet, address.Column, address.Row, address.Column, address.Row});
    const std::string& language = context.language;

    OUString text;
    if (cell->getType() != css::table::CellContentType_FORMULA) {
        text = ui_text(language, "explain.no_formula", {where});
    } else if (cell->getError() == 0) {
        text = ui_text(language, "explain.no_error", {where});
    } else {
        const sal_Int32 code = cell->getError();
        // Computing again must not change the document: the same formula, the same modified flag.
        Reference<css::util::XModifiable> modifiable(document, UNO_QUERY);
        const bool was_modified = modifiable.is() && modifiable->isModified();
        // Cells waiting to be computed (Calc computes a formula when its value is first needed) would
        // be computed during the recording and their errors told as this cell's: compute them first.
        // Not when the user has turned automatic calculation off: their cells keep their values.
        Reference<css::sheet::XCalculatable> calculatable(document, UNO_QUERY);
        if (calculatable.is() && calculatable->isAutomaticCalculationEnabled()) calculatable->calculate();
        Reference<css::document::XUndoManagerSupplier> undo_supplier(document, UNO_QUERY);
        Reference<css::document::XUndoManager> undo =
            undo_supplier.is() ? undo_supplier->getUndoManager() : nullptr;
        // Calc records entering a formula even while the undo manager is locked. The re-entry goes
        // into a hidden context, which joins the step before it (its undo gives back the same
        // formula first), so that Edit ▸ Undo lists no step of this command; with no step before
        // it, it is a step of its own named after the command.
        if (undo.is()) {
            try {
                undo->enterHiddenUndoContext();
            } catch (const css::document::EmptyUndoStackException&) {
                undo->enterUndoContext(ui_text(language, "explain.title"));
            }
        }
        std::vector<RecordedError> errors;
        css::table::CellRangeAddress own{address.Sheet, address.Column, address.Row, address.Column,
                                         address.Row};
        error_log_start();
        try {
            Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
            Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(address.Sheet), UNO_QUERY_THROW);
            own = formula_range(sheet, cell);
            recompute(sheet, cell, own);
        } catch (...) {
            errors = error_log_stop();
            if (undo.is()) undo->leaveUndoContext();
            throw;
        }
        errors = error_log_stop();
        if (undo.is()) undo->leaveUndoContext();
        if (modifiable.is() && !was_modified) modifiable->setModified(false);

        // As the cell shows it in this office: Err:502, Virhe:502, Fel:502, #VALUE!, …
        OUString shown = Reference<css::text::XTextRange>(cell, UNO_QUERY_THROW)->getString();
        if (shown.isEmpty()) shown = "Err:" + OUString::number(code);
        if (!errors.empty()) {
            text = ui_text(language, "explain.heading", {where, shown});
            std::vector<OUString> seen;
            for (const auto& error : errors) {
                const OUString line = explain_error(language, error);
                if (std::find(seen.begin(), seen.end(), line) != seen.end()) continue;
                seen.push_back(line);
                text += "\n\n" + line;
            }
        } else {
            const OUString inputs = erroneous_inputs(document, cell, own);
            text = inputs.isEmpty() ? ui_text(language, "explain.not_kuntaplan", {where, shown})
                                    : ui_text(language, "explain.input_error", {where, shown, inputs});
        }
    }
    if (arguments.empty())
        show_message(context, ui_text(language, "explain.title"), text, false);
    else if (context.result)
        *context.result = text;
}

}  // namespace kuntaplan::addin
