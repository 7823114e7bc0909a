// org.kuntaplan:ImportTable: a Statistics Finland (PxWeb) table into the sheet.
//
// The user picks a PX or JSON-stat file, the language and the variables down
// the rows and across the columns, and filters the others; a preview shows the
// first rows (or what is wrong) while they type. OK writes, at the target cell,
// a provenance note (source, table, title, last updated, licence) and below it
// the block with the variables' labels in the first row(s) and column(s) and
// the numbers beside them: ages as numbers, missing values as empty cells. The
// whole write is one undo step; Cancel, or any error, writes nothing. The
// target area must be empty, so that nothing is overwritten by accident.
//
// The dialog is dialog/ImportDialog.xdl (its texts in the .properties beside
// it); this file only listens to its fields, fills its preview and reads it.
//
// The user chooses the file, so unlike DATA.PX any local .px/.json file may be
// read (see docs/guide/data.md).
#include <cmath>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XTextListener.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/document/XUndoAction.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSheetOperation.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <cppuhelper/implbase1.hxx>
#include <osl/file.hxx>
#include <rtl/ref.hxx>
#include <rtl/ustrbuf.hxx>
#include <string>
#include <utility>

#include "commands.hpp"
#include "data_functions.hpp"
#include "errors.hpp"
#include "explain.hpp"
#include "extension_dialog.hpp"
#include "sheets.hpp"
#include "table_data.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Any;
using uno::Reference;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace {

OUString ou(const std::string& text) { return OUString::fromUtf8(OString(text.c_str())); }

struct ImportRequest {
    OUString file;  // path or file URL
    OUString rows, columns, filters, language;
};

// Everything the import writes, computed before anything is written.
struct ImportPlan {
    Grid cells;  // the note row, then the block with its labels
    std::size_t columns = 0;
    OUString title;  // of the undo step
};

// `language` is the UI language of the messages (the table's own language is in the request).
ImportPlan plan_import(const ImportRequest& request, const std::string& language) {
    const std::string file = utf8(request.file.trim());
    if (file.empty()) throw command_error(ui_text(language, "import.no_file"));
    try {
        const auto table = load_table_file(file);
        const ReshapeRequest reshape_request_ = reshape_request(
            *table, utf8(request.rows), utf8(request.columns), utf8(request.filters), utf8(request.language));
        const Block block = reshape(*table, reshape_request_);
        const Table cells = block_table(block, true);
        ImportPlan plan;
        plan.columns = static_cast<std::size_t>(cells[0].getLength());
        const std::size_t table_language = table->language_index(reshape_request_.language);
        plan.cells.push_back({text(ou(provenance_note(*table, table_language)))});
        plan.cells.back().resize(plan.columns);
        for (const auto& row : cells) plan.cells.emplace_back(row.begin(), row.end());
        plan.title = ou(table->info.table_id.empty() ? std::string("PX") : table->info.table_id);
        return plan;
    } catch (const domain_error& e) {
        throw command_error(localised_message(language, e));
    }
}

// The first rows of the plan as text for the dialog's preview.
OUString preview_text(const ImportPlan& plan, std::size_t rows) {
    rtl::OUStringBuffer out;
    for (std::size_t r = 0; r < plan.cells.size() && r < rows + 1; ++r) {
        for (std::size_t c = 0; c < plan.cells[r].size() && c < 12; ++c) {
            if (c) out.append(" | ");
            const Any& cell = plan.cells[r][c];
            OUString s;
            double v = 0;
            if (cell >>= s)
                out.append(s);
            else if (cell >>= v)
                out.append(v == std::floor(v) && std::fabs(v) < 1e15
                               ? OUString::number(static_cast<sal_Int64>(v))
                               : OUString::number(v));
        }
        out.append("\n");
    }
    out.append(ou("\u2026 ") + OUString::number(static_cast<sal_Int64>(plan.cells.size() - 1)) +
               ou(" \u00d7 ") + OUString::number(static_cast<sal_Int64>(plan.columns)));
    return out.makeStringAndClear();
}

// The variables of a file, for the preview when the request is not complete yet.
OUString variables_text(const OUString& file, const OUString& language) {
    const auto table = load_table_file(utf8(file.trim()));
    const std::size_t l = table->language_index(utf8(language));
    rtl::OUStringBuffer out;
    out.append(ou(provenance_note(*table, l)) + "\n\n");
    for (const Dimension& d : table->dimensions) {
        out.append(ou(d.names[l]) + " (" + OUString::number(static_cast<sal_Int64>(d.size())) + "): ");
        for (std::size_t v = 0; v < d.size() && v < 6; ++v)
            out.append((v ? OUString(", ") : OUString()) + ou(d.value_codes[v]) +
                       (d.labels[l][v] != d.value_codes[v] ? " = " + ou(d.labels[l][v]) : OUString()));
        if (d.size() > 6) out.append(ou(", \u2026"));
        out.append("\n");
    }
    return out.makeStringAndClear();
}

// The cell where the import starts: the Target argument ("$Sheet1.$A$1"), or the cursor.
std::pair<Reference<css::sheet::XSpreadsheet>, css::table::CellAddress> target_cell(
    const CommandContext& context, const Reference<css::sheet::XSpreadsheetDocument>& document,
    const std::optional<OUString>& target) {
    css::table::CellAddress address{};
    if (target && !target->trim().isEmpty()) {
        Reference<css::beans::XPropertySet> conversion(
            Reference<css::lang::XMultiServiceFactory>(document, UNO_QUERY_THROW)
                ->createInstance("com.sun.star.table.CellAddressConversion"),
            UNO_QUERY_THROW);
        try {
            conversion->setPropertyValue("PersistentRepresentation", Any(target->trim()));
        } catch (const uno::Exception&) {
            throw command_error(ui_text(context.language, "import.bad_target", {*target}));
        }
        conversion->getPropertyValue("Address") >>= address;
    } else {
        Reference<css::sheet::XCellRangeAddressable> selection(
            context.frame->getController()->getModel()->getCurrentSelection(), UNO_QUERY);
        if (selection.is()) {
            const auto range = selection->getRangeAddress();
            address = css::table::CellAddress{range.Sheet, range.StartColumn, range.StartRow};
        }
    }
    Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
    if (address.Sheet < 0 || address.Sheet >= sheets->getCount())
        throw command_error(ui_text(context.language, "import.no_sheet"));
    return {Reference<css::sheet::XSpreadsheet>(sheets->getByIndex(address.Sheet), UNO_QUERY_THROW), address};
}

void write_cells(const Reference<css::sheet::XSpreadsheet>& sheet, const css::table::CellAddress& at,
                 const ImportPlan& plan) {
    write_values(sheet, at.Column, at.Row, plan.cells);
    set_bold(block(sheet, at.Column, at.Row + 1, static_cast<int>(plan.columns), 1));
}

// Undo and redo of an import. Calc 7.4 records setDataArray as an "Insert"
// undo action that does not restore the cells when undone (UNO-NOTES), so the
// import undoes itself: the target area was empty, so undo empties it again.
class ImportUndo : public cppu::WeakImplHelper1<css::document::XUndoAction> {
public:
    ImportUndo(const OUString& title, const Reference<css::document::XUndoManager>& manager,
               const Reference<css::sheet::XSpreadsheet>& sheet, const css::table::CellAddress& at,
               const ImportPlan& plan)
        : title_(title), manager_(manager), sheet_(sheet), at_(at), plan_(plan) {}
    OUString SAL_CALL getTitle() override { return title_; }
    void SAL_CALL undo() override {
        // Calc's own undo records of the clearing would empty the redo stack.
        const Locked locked(manager_);
        Reference<css::sheet::XSheetOperation> cells(
            block(sheet_, at_.Column, at_.Row, static_cast<int>(plan_.columns),
                  static_cast<int>(plan_.cells.size())),
            UNO_QUERY_THROW);
        cells->clearContents(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::STRING |
                             css::sheet::CellFlags::DATETIME | css::sheet::CellFlags::FORMULA |
                             css::sheet::CellFlags::HARDATTR);
    }
    void SAL_CALL redo() override {
        const Locked locked(manager_);
        write_cells(sheet_, at_, plan_);
    }

private:
    struct Locked {
        explicit Locked(const Reference<css::document::XUndoManager>& m) : manager(m) { manager->lock(); }
        ~Locked() { manager->unlock(); }
        Reference<css::document::XUndoManager> manager;
    };
    OUString title_;
    Reference<css::document::XUndoManager> manager_;
    Reference<css::sheet::XSpreadsheet> sheet_;
    css::table::CellAddress at_;
    ImportPlan plan_;
};

void write_plan(const CommandContext& context, const ImportPlan& plan,
                const std::optional<OUString>& target) {
    const auto document = spreadsheet_of(context.frame, context.language);
    const auto [sheet, at] = target_cell(context, document, target);
    const int rows = static_cast<int>(plan.cells.size()), columns = static_cast<int>(plan.columns);
    if (at.Row + rows > 1'048'576 || at.Column + columns > 16'384)
        throw command_error(ui_text(context.language, "import.no_room"));
    // Nothing is overwritten: the target area must be empty.
    Reference<css::sheet::XCellRangesQuery> query(block(sheet, at.Column, at.Row, columns, rows),
                                                  UNO_QUERY_THROW);
    const auto used =
        query->queryContentCells(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::STRING |
                                 css::sheet::CellFlags::FORMULA | css::sheet::CellFlags::DATETIME);
    if (used.is() && used->getCount() > 0)
        throw command_error(ui_text(
            context.language, "import.not_empty",
            {local_ref(at.Column, at.Row) + ":" + local_ref(at.Column + columns - 1, at.Row + rows - 1)}));
    const OUString title = ui_text(context.language, "import.undo", {plan.title});
    UndoStep undo(document, title);
    // Added first, so that undoing the step runs it last (after Calc's own "Insert").
    Reference<css::document::XUndoManagerSupplier> supplier(document, UNO_QUERY);
    if (supplier.is()) {
        const auto manager = supplier->getUndoManager();
        manager->addUndoAction(new ImportUndo(title, manager, sheet, at, plan));
    }
    CalculationPause pause(document);
    write_cells(sheet, at, plan);
}

// ------------------------------------------------------------------ the dialog

Reference<css::awt::XTextComponent> text_field(const Reference<css::awt::XControlContainer>& controls,
                                               const char* name) {
    return Reference<css::awt::XTextComponent>(controls->getControl(OUString::createFromAscii(name)),
                                               UNO_QUERY_THROW);
}

// Re-plans the import whenever a field changes and shows the result.
class Preview : public cppu::WeakImplHelper1<css::awt::XTextListener> {
public:
    Preview(const Reference<css::awt::XControlContainer>& controls, std::string language)
        : controls_(controls), language_(std::move(language)) {}

    void SAL_CALL textChanged(const css::awt::TextEvent&) override { update(); }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

    ImportRequest request() const {
        return ImportRequest{field("File"), field("Rows"), field("Columns"), field("Filters"),
                             field("Language")};
    }

    void update() {
        const ImportRequest r = request();
        OUString shown;
        try {
            if (r.file.trim().isEmpty()) {
                shown = OUString();
            } else if (r.rows.trim().isEmpty() || r.columns.trim().isEmpty()) {
                shown = variables_text(r.file, r.language);
            } else {
                shown = preview_text(plan_import(r, language_), 8);
            }
        } catch (const command_error& e) {
            shown = e.text;
        } catch (const domain_error& e) {
            shown = localised_message(language_, e);
        } catch (const std::exception& e) {
            shown = ou(e.what());
        }
        Reference<css::awt::XFixedText>(controls_->getControl("Preview"), UNO_QUERY_THROW)->setText(shown);
    }

private:
    OUString field(const char* name) const { return text_field(controls_, name)->getText(); }
    Reference<css::awt::XControlContainer> controls_;
    std::string language_;
};

// Browse…: a file picker for .px and .json files.
class Browse : public cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    Browse(const CommandContext& context, const Reference<css::awt::XControlContainer>& controls)
        : context_(context), controls_(controls) {}
    void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override {
        auto picker = css::ui::dialogs::FilePicker::createWithMode(
            context_.office, css::ui::dialogs::TemplateDescription::FILEOPEN_SIMPLE);
        Reference<css::ui::dialogs::XFilterManager> filters(picker, UNO_QUERY);
        if (filters.is()) {
            filters->appendFilter(ui_text(context_.language, "import.filter"), "*.px;*.json");
            filters->setCurrentFilter(ui_text(context_.language, "import.filter"));
        }
        if (picker->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return;
        const auto files = picker->getSelectedFiles();
        if (files.getLength() > 0) text_field(controls_, "File")->setText(files[0]);
    }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    CommandContext context_;
    Reference<css::awt::XControlContainer> controls_;
};

// Shows the dialog (dialog/ImportDialog.xdl); empty when cancelled.
std::optional<ImportRequest> ask(const CommandContext& context) {
    const ExtensionDialog owned(context, "ImportDialog.xdl");
    const auto& controls = owned.controls();
    rtl::Reference<Preview> preview(new Preview(controls, context.language));
    for (const char* name : {"File", "Language", "Rows", "Columns", "Filters"})
        text_field(controls, name)->addTextListener(preview.get());
    Reference<css::awt::XButton>(controls->getControl("Browse"), UNO_QUERY_THROW)
        ->addActionListener(new Browse(context, controls));
    if (owned.dialog()->execute() != 1) return std::nullopt;
    return preview->request();
}

}  // namespace

void run_import_table(const CommandContext& context, const CommandArguments& arguments) {
    if (arguments.empty()) {
        // Cancel writes nothing; a failed import is shown (by the dispatcher) and writes nothing either.
        const auto request = ask(context);
        if (request) write_plan(context, plan_import(*request, context.language), std::nullopt);
        return;
    }
    ImportRequest request;
    request.file = arguments.text("File").value_or(OUString());
    request.rows = arguments.text("Rows").value_or(OUString());
    request.columns = arguments.text("Columns").value_or(OUString());
    request.filters = arguments.text("Filters").value_or(OUString());
    request.language = arguments.text("Language").value_or(OUString());
    write_plan(context, plan_import(request, context.language), arguments.text("Target"));
}

}  // namespace kuntaplan::addin
