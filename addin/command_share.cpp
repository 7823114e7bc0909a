// org.kuntaplan:ShareCopy: ODS and XLSX copies for people without the extension.
//
// An ODS with add-in formulas shows #NAME? at once where Kuntaplan is not
// installed, and an XLSX shows cached values only until it recalculates (see
// UNO-NOTES "Sharing workbooks"). So the copy replaces every cell that calls a
// Kuntaplan function (array results included) by its value, and adds a
// "Sources and method" sheet with the assumptions and the original formulas.
// The original is never touched: the work is done on a copy stored to a
// temporary file and loaded hidden.
#include <algorithm>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/frame/XTitle.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XArrayFormulaRange.hpp>
#include <com/sun/star/sheet/XCellFormatRangesSupplier.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeReferrer.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XNamedRange.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetCellRange.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FolderPicker.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <osl/file.hxx>
#include <rtl/uri.hxx>
#include <set>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "sheets.hpp"
#include "ui_texts.hpp"

#ifndef KUNTAPLAN_VERSION
#error "KUNTAPLAN_VERSION must be defined by the build"
#endif

namespace kuntaplan::addin {

namespace uno = css::uno;
using css::beans::PropertyValue;
using uno::Any;
using uno::Reference;
using uno::Sequence;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

namespace {

struct Format {
    const char* extension;
    const char* filter;
};
constexpr Format kOds{"ods", "calc8"};
constexpr Format kXlsx{"xlsx", "Calc MS Excel 2007 XML"};

// What was frozen: where and the formula as the user typed it.
struct FrozenCells {
    OUString sheet;
    OUString cells;
    OUString formula;
};

Sequence<PropertyValue> properties(std::initializer_list<std::pair<const char*, Any>> values) {
    Sequence<PropertyValue> out(static_cast<sal_Int32>(values.size()));
    sal_Int32 i = 0;
    for (const auto& [name, value] : values) {
        out.getArray()[i].Name = OUString::createFromAscii(name);
        out.getArray()[i].Value = value;
        ++i;
    }
    return out;
}

bool calls_kuntaplan(const OUString& formula) {
    return formula.toAsciiUpperCase().indexOf("ORG.KUNTAPLAN.") >= 0;
}

OUString address_text(const css::table::CellRangeAddress& address) {
    OUString text = local_ref(address.StartColumn, address.StartRow);
    if (address.EndColumn != address.StartColumn || address.EndRow != address.StartRow)
        text += ":" + local_ref(address.EndColumn, address.EndRow);
    return text;
}

// Replaces every Kuntaplan formula of `document` by its values; returns what
// it replaced and counts the cells.
std::vector<FrozenCells> freeze_kuntaplan_cells(const Reference<css::sheet::XSpreadsheetDocument>& document,
                                                std::size_t& cell_count) {
    std::vector<FrozenCells> frozen;
    cell_count = 0;
    Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
    for (sal_Int32 s = 0; s < sheets->getCount(); ++s) {
        Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(s), UNO_QUERY_THROW);
        const OUString sheet_name = Reference<css::container::XNamed>(sheet, UNO_QUERY_THROW)->getName();
        Reference<css::sheet::XCellRangesQuery> query(sheet, UNO_QUERY_THROW);
        auto formula_ranges = query->queryContentCells(css::sheet::CellFlags::FORMULA);
        auto cells = formula_ranges->getCells()->createEnumeration();
        std::vector<std::pair<Reference<css::table::XCellRange>, bool>> targets;  // range, is array
        std::set<std::pair<sal_Int32, sal_Int32>> arrays_seen;                    // top-left of each array
        while (cells->hasMoreElements()) {
            Reference<css::table::XCell> cell(cells->nextElement(), UNO_QUERY_THROW);
            const OUString formula = cell->getFormula();
            if (!calls_kuntaplan(formula)) continue;
            Reference<css::table::XCellRange> range(cell, UNO_QUERY_THROW);
            const bool is_array = formula.startsWith("{");
            if (is_array) {
                auto cursor =
                    sheet->createCursorByRange(Reference<css::sheet::XSheetCellRange>(cell, UNO_QUERY_THROW));
                cursor->collapseToCurrentArray();
                const auto address =
                    Reference<css::sheet::XCellRangeAddressable>(cursor, UNO_QUERY_THROW)->getRangeAddress();
                if (!arrays_seen.emplace(address.StartRow, address.StartColumn).second) continue;
                range = sheet->getCellRangeByPosition(address.StartColumn, address.StartRow,
                                                      address.EndColumn, address.EndRow);
            }
            const auto address =
                Reference<css::sheet::XCellRangeAddressable>(range, UNO_QUERY_THROW)->getRangeAddress();
            OUString local;
            Reference<css::beans::XPropertySet>(cell, UNO_QUERY_THROW)->getPropertyValue("FormulaLocal") >>=
                local;
            frozen.push_back({sheet_name, address_text(address), local});
            targets.emplace_back(range, is_array);
        }
        // Values are read before any cell changes, then written back as constants.
        std::vector<Sequence<Sequence<Any>>> values;
        for (const auto& [range, is_array] : targets)
            values.push_back(Reference<css::sheet::XCellRangeData>(range, UNO_QUERY_THROW)->getDataArray());
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const auto& [range, is_array] = targets[i];
            if (is_array)
                Reference<css::sheet::XArrayFormulaRange>(range, UNO_QUERY_THROW)
                    ->setArrayFormula(OUString());
            Reference<css::sheet::XCellRangeData>(range, UNO_QUERY_THROW)->setDataArray(values[i]);
            for (const auto& row : values[i]) cell_count += static_cast<std::size_t>(row.getLength());
        }
    }
    return frozen;
}

// The assumptions a reader needs: every named range with what it refers to
// and, for a single cell, its value; and the parameter block of every scenario.
Grid assumptions(const Reference<css::sheet::XSpreadsheetDocument>& document) {
    Grid rows;
    Reference<css::beans::XPropertySet> properties_of_document(document, UNO_QUERY_THROW);
    Reference<css::container::XNameAccess> names(properties_of_document->getPropertyValue("NamedRanges"),
                                                 UNO_QUERY);
    if (names.is()) {
        for (const OUString& name : names->getElementNames()) {
            Reference<css::sheet::XNamedRange> named(names->getByName(name), UNO_QUERY);
            if (!named.is()) continue;
            Any value;
            Reference<css::sheet::XCellRangeReferrer> referrer(named, UNO_QUERY);
            try {
                if (referrer.is()) {
                    Reference<css::sheet::XCellRangeData> data(referrer->getReferredCells(), UNO_QUERY);
                    if (data.is()) {
                        const auto cells = data->getDataArray();
                        if (cells.getLength() == 1 && cells[0].getLength() == 1) value = cells[0][0];
                    }
                }
            } catch (const uno::Exception&) {
                // a name that is not a reference: its content says enough
            }
            rows.push_back({text(name), text(named->getContent()), value});
        }
    }
    // Scenario parameters: the rows from 4 (label, value) down to the first without a label, at most
    // kMostParameters, of each "<name> Assumptions" sheet, in any language.
    constexpr int kMostParameters = 30;
    Reference<css::container::XIndexAccess> sheets(document->getSheets(), UNO_QUERY_THROW);
    for (sal_Int32 s = 0; s < sheets->getCount(); ++s) {
        Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(s), UNO_QUERY_THROW);
        const OUString name = Reference<css::container::XNamed>(sheet, UNO_QUERY_THROW)->getName();
        bool is_assumptions = false;
        for (const char* lang : {"en", "fi", "sv"})
            if (name.endsWith(" " + ui_text(lang, "sheet.assumptions"))) is_assumptions = true;
        if (!is_assumptions) continue;
        const auto cells =
            Reference<css::sheet::XCellRangeData>(block(sheet, 0, 3, 2, kMostParameters), UNO_QUERY_THROW)
                ->getDataArray();
        for (const auto& row : cells) {
            OUString label;
            if (!(row[0] >>= label) || label.isEmpty()) break;
            rows.push_back({text(name), row[0], row[1]});
        }
    }
    return rows;
}

// Returns the sheet's name ("Sources and method", or "… 2" when the workbook has one).
OUString add_sources_sheet(const Reference<css::sheet::XSpreadsheetDocument>& copy, std::string_view language,
                           const OUString& original, const Grid& assumption_rows,
                           const std::vector<FrozenCells>& frozen, std::size_t cell_count) {
    const OUString name = free_sheet_name(copy, ui_text(language, "sheet.sources"));
    auto sheet = append_sheet(copy, name, language);
    Grid head{
        {text(ui_text(language, "sources.title"))},
        {},
        {text(ui_text(language, "sources.document")), text(original)},
        {text(ui_text(language, "sources.version")), text(OUString::createFromAscii(KUNTAPLAN_VERSION))},
        {text(ui_text(language, "sources.date")), text(ui_today(language))},
        {text(ui_text(language, "sources.intro", {static_cast<double>(cell_count)}))},
        {},
        {text(ui_text(language, "sources.assumptions"))},
        {text(ui_text(language, "col.name")), text(ui_text(language, "col.formula")),
         text(ui_text(language, "col.value"))},
    };
    write_values(sheet, 0, 0, head);
    int row = static_cast<int>(head.size());
    write_values(sheet, 0, row, assumption_rows);
    row += static_cast<int>(assumption_rows.size()) + 1;
    const int formulas_title = row;
    Grid formulas{{text(ui_text(language, "sources.formulas"))},
                  {text(ui_text(language, "col.sheet")), text(ui_text(language, "col.cells")),
                   text(ui_text(language, "col.formula"))}};
    for (const auto& cells : frozen)
        formulas.push_back({text(cells.sheet), text(cells.cells), text(cells.formula)});
    write_values(sheet, 0, row, formulas);
    set_bold(block(sheet, 0, 0, 1, 1));
    set_bold(block(sheet, 0, 7, 3, 2));
    set_bold(block(sheet, 0, formulas_title, 3, 2));
    set_column_width(sheet, 0, 6000);
    set_column_width(sheet, 1, 6000);
    set_column_width(sheet, 2, 12000);
    return name;
}

// The fills that say "change me": the yellow of inputs and the orange of example inputs (the
// wizard's sheets and the templates). In a copy nothing follows them any more.
constexpr sal_Int32 kInputFills[] = {0xFFF2CC, 0xFCE4D6};
constexpr sal_Int32 kFrozenInputFill = 0xEDEDED;  // light grey: a value, like any other
constexpr sal_Int32 kBannerFill = 0xF4CCCC;       // light red: this is not the working model

// Every sheet of the copy (but `sources`) gets a first row that says it holds values only, and its
// input cells lose their input colour.
void mark_values_only(const Reference<css::sheet::XSpreadsheetDocument>& copy, const OUString& sources,
                      const OUString& banner) {
    Reference<css::container::XIndexAccess> sheets(copy->getSheets(), UNO_QUERY_THROW);
    for (sal_Int32 s = 0; s < sheets->getCount(); ++s) {
        Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(s), UNO_QUERY_THROW);
        if (Reference<css::container::XNamed>(sheet, UNO_QUERY_THROW)->getName() == sources) continue;
        // Inputs first, on the used area's ranges of one format each.
        Reference<css::sheet::XSheetCellCursor> cursor = sheet->createCursor();
        Reference<css::sheet::XUsedAreaCursor> used(cursor, UNO_QUERY_THROW);
        used->gotoStartOfUsedArea(false);
        used->gotoEndOfUsedArea(true);
        Reference<css::container::XIndexAccess> formats(
            Reference<css::sheet::XCellFormatRangesSupplier>(cursor, UNO_QUERY_THROW)->getCellFormatRanges(),
            UNO_QUERY_THROW);
        for (sal_Int32 i = 0; i < formats->getCount(); ++i) {
            Reference<css::beans::XPropertySet> range(formats->getByIndex(i), UNO_QUERY_THROW);
            sal_Int32 fill = -1;
            range->getPropertyValue("CellBackColor") >>= fill;
            if (std::find(std::begin(kInputFills), std::end(kInputFills), fill) != std::end(kInputFills))
                range->setPropertyValue("CellBackColor", Any(kFrozenInputFill));
        }
        // Then the banner, in a new first row.
        Reference<css::table::XColumnRowRange>(sheet, UNO_QUERY_THROW)->getRows()->insertByIndex(0, 1);
        write_values(sheet, 0, 0, {{text(banner)}});
        auto row = block(sheet, 0, 0, 12, 1);
        set_fill(row, kBannerFill);
        set_bold(block(sheet, 0, 0, 1, 1));
    }
}

OUString document_stem(const Reference<css::frame::XModel>& model) {
    OUString url = model->getURL();
    OUString name;
    if (!url.isEmpty()) {
        name = url.copy(url.lastIndexOf('/') + 1);
        name = rtl::Uri::decode(name, rtl_UriDecodeWithCharset, RTL_TEXTENCODING_UTF8);
        const sal_Int32 dot = name.lastIndexOf('.');
        if (dot > 0) name = name.copy(0, dot);
    } else if (Reference<css::frame::XTitle> title{model, UNO_QUERY}; title.is()) {
        name = title->getTitle();
    }
    if (name.isEmpty()) name = "Kuntaplan";
    return name.replace('/', '_');
}

OUString pick_folder(const CommandContext& context) {
    auto picker = css::ui::dialogs::FolderPicker::create(context.office);
    picker->setTitle(ui_text(context.language, "share.title"));
    if (picker->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return OUString();
    return picker->getDirectory();
}

}  // namespace

// The progress of the copy in the document's status bar (the copy takes seconds).
class Progress {
public:
    Progress(const CommandContext& context, const OUString& text, sal_Int32 steps) {
        try {
            Reference<css::task::XStatusIndicatorFactory> factory(context.frame, UNO_QUERY);
            if (factory.is()) indicator_ = factory->createStatusIndicator();
            if (indicator_.is()) indicator_->start(text, steps);
        } catch (const uno::Exception&) {
            indicator_.clear();  // no status bar: the copy is made all the same
        }
    }
    ~Progress() {
        try {
            if (indicator_.is()) indicator_->end();
        } catch (const uno::Exception&) {
        }
    }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void step(sal_Int32 value, const OUString& text) {
        if (!indicator_.is()) return;
        indicator_->setText(text);
        indicator_->setValue(value);
    }

private:
    Reference<css::task::XStatusIndicator> indicator_;
};

void run_share_copy(const CommandContext& context, const CommandArguments& arguments) {
    const std::string& language = context.language;
    const auto document = spreadsheet_of(context.frame, language);
    Reference<css::frame::XModel> model(document, UNO_QUERY_THROW);

    OUString folder = arguments.text("Folder").value_or(OUString());
    if (folder.isEmpty()) {
        if (!arguments.empty()) throw command_error(ui_text(language, "share.no_folder"));
        folder = pick_folder(context);
        if (folder.isEmpty()) return;  // cancelled
    }
    if (folder.endsWith("/")) folder = folder.copy(0, folder.getLength() - 1);
    osl::DirectoryItem item;
    if (osl::DirectoryItem::get(folder, item) != osl::FileBase::E_None)
        throw command_error(ui_text(language, "share.no_such_folder", {folder}));

    std::vector<Format> formats;
    const OUString wanted = arguments.text("Formats").value_or("ods;xlsx").toAsciiLowerCase();
    sal_Int32 index = 0;
    do {
        const OUString token = wanted.getToken(0, ';', index).trim();
        if (token == "ods")
            formats.push_back(kOds);
        else if (token == "xlsx")
            formats.push_back(kXlsx);
        else if (!token.isEmpty())
            throw command_error(ui_text(language, "share.bad_format", {token}));
    } while (index >= 0);
    if (formats.empty()) throw command_error(ui_text(language, "share.no_format"));

    Progress progress(context, ui_text(language, "share.progress.copy"),
                      3 + static_cast<sal_Int32>(formats.size()));
    // The copy: stored to a temporary file, loaded hidden, changed there.
    OUString temp_url;
    if (osl::FileBase::createTempFile(nullptr, nullptr, &temp_url) != osl::FileBase::E_None)
        throw command_error(ui_text(language, "share.no_temp"));
    temp_url += ".ods";
    Reference<css::frame::XStorable>(document, UNO_QUERY_THROW)
        ->storeToURL(temp_url,
                     properties({{"FilterName", Any(OUString("calc8"))}, {"Overwrite", Any(true)}}));
    struct Cleanup {
        OUString url;
        Reference<css::util::XCloseable> copy;
        ~Cleanup() {
            try {
                if (copy.is()) copy->close(true);
            } catch (const uno::Exception&) {
            }
            osl::File::remove(url);
            osl::File::remove(url.copy(0, url.getLength() - 4));
        }
    } cleanup{temp_url, nullptr};

    auto desktop = css::frame::Desktop::create(context.office);
    Reference<css::sheet::XSpreadsheetDocument> copy(
        desktop->loadComponentFromURL(temp_url, "_blank", 0, properties({{"Hidden", Any(true)}})),
        UNO_QUERY_THROW);
    cleanup.copy.set(copy, UNO_QUERY);

    progress.step(1, ui_text(language, "share.progress.freeze"));
    const Grid assumption_rows = assumptions(copy);
    std::size_t cell_count = 0;
    const auto frozen = freeze_kuntaplan_cells(copy, cell_count);
    const OUString original = model->getURL().isEmpty() ? document_stem(model) : model->getURL();
    progress.step(2, ui_text(language, "share.progress.sources"));
    const OUString sources = add_sources_sheet(copy, language, original, assumption_rows, frozen, cell_count);
    mark_values_only(copy, sources,
                     ui_text(language, "share.banner", {ui_today(language), document_stem(model), sources}));

    // "Budget-jaettu.ods", "Budget-delad.xlsx": named in the user's language.
    const OUString stem =
        rtl::Uri::encode(document_stem(model) + "-" + ui_text(language, "share.suffix"),
                         rtl_UriCharClassPchar, rtl_UriEncodeIgnoreEscapes, RTL_TEXTENCODING_UTF8);
    sal_Int32 step = 3;
    for (const Format& format : formats) {
        progress.step(step++, ui_text(language, "share.progress.store",
                                      {OUString::createFromAscii(format.extension).toAsciiUpperCase()}));
        const OUString target = folder + "/" + stem + "." + OUString::createFromAscii(format.extension);
        Reference<css::frame::XStorable>(copy, UNO_QUERY_THROW)
            ->storeToURL(target, properties({{"FilterName", Any(OUString::createFromAscii(format.filter))},
                                             {"Overwrite", Any(true)}}));
    }
    if (arguments.empty()) {
        OUString shown;
        osl::FileBase::getSystemPathFromFileURL(folder, shown);
        show_message(context, ui_text(context.language, "share.title"),
                     ui_text(context.language, "share.done", {static_cast<double>(formats.size()), shown}),
                     false);
    }
}

}  // namespace kuntaplan::addin
