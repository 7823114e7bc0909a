#include "sheets.hpp"

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/Rectangle.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/chart/ChartDataRowSource.hpp>
#include <com/sun/star/chart/ChartLegendPosition.hpp>
#include <com/sun/star/chart/XChartDocument.hpp>
#include <com/sun/star/chart/XDiagram.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/document/XEmbeddedObjectSupplier.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XArrayFormulaRange.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XSpreadsheetView.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableChart.hpp>
#include <com/sun/star/table/XTableCharts.hpp>
#include <com/sun/star/table/XTableChartsSupplier.hpp>
#include <com/sun/star/table/XTableColumns.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/util/XMergeable.hpp>
#include <com/sun/star/util/XNumberFormats.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>

#include "commands.hpp"
#include "ui_texts.hpp"

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Any;
using uno::Reference;
using uno::Sequence;
using uno::UNO_QUERY;
using uno::UNO_QUERY_THROW;

Reference<css::sheet::XSpreadsheetDocument> spreadsheet_of(const Reference<css::frame::XFrame>& frame,
                                                           std::string_view language) {
    if (!frame.is() || !frame->getController().is())
        throw command_error(ui_text(language, "command.no_document"));
    Reference<css::sheet::XSpreadsheetDocument> document(frame->getController()->getModel(), UNO_QUERY);
    if (!document.is()) throw command_error(ui_text(language, "command.not_spreadsheet"));
    return document;
}

void show_sheet(const Reference<css::frame::XFrame>& frame,
                const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name) {
    if (!frame.is()) return;
    Reference<css::sheet::XSpreadsheetView> view(frame->getController(), UNO_QUERY);
    if (view.is()) view->setActiveSheet(sheet_named(document, name));
}

CalculationPause::CalculationPause(const Reference<css::sheet::XSpreadsheetDocument>& document)
    : document_(document) {
    Reference<css::sheet::XCalculatable> calculatable(document_, UNO_QUERY_THROW);
    was_automatic_ = calculatable->isAutomaticCalculationEnabled();
    calculatable->enableAutomaticCalculation(false);
    Reference<css::frame::XModel>(document_, UNO_QUERY_THROW)->lockControllers();
}

CalculationPause::~CalculationPause() {
    try {
        Reference<css::frame::XModel>(document_, UNO_QUERY_THROW)->unlockControllers();
        Reference<css::sheet::XCalculatable> calculatable(document_, UNO_QUERY_THROW);
        calculatable->enableAutomaticCalculation(was_automatic_);
        if (!was_automatic_) calculatable->calculate();
    } catch (const uno::Exception&) {
        // the document went away: nothing to restore
    }
}

UndoStep::UndoStep(const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& title) {
    Reference<css::document::XUndoManagerSupplier> supplier(document, UNO_QUERY);
    if (supplier.is()) undo_ = supplier->getUndoManager();
    if (undo_.is()) undo_->enterUndoContext(title);
}

UndoStep::~UndoStep() {
    try {
        if (undo_.is()) undo_->leaveUndoContext();
    } catch (const uno::Exception&) {
    }
}

bool has_sheet(const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name) {
    return document->getSheets()->hasByName(name);
}

Reference<css::sheet::XSpreadsheet> sheet_named(const Reference<css::sheet::XSpreadsheetDocument>& document,
                                                const OUString& name) {
    return Reference<css::sheet::XSpreadsheet>(document->getSheets()->getByName(name), UNO_QUERY_THROW);
}

Reference<css::sheet::XSpreadsheet> append_sheet(const Reference<css::sheet::XSpreadsheetDocument>& document,
                                                 const OUString& name, std::string_view language) {
    auto sheets = document->getSheets();
    if (sheets->hasByName(name)) throw command_error(ui_text(language, "command.sheet_exists", {name}));
    Reference<css::container::XIndexAccess> index(sheets, UNO_QUERY_THROW);
    sheets->insertNewByName(name, static_cast<sal_Int16>(index->getCount()));
    return sheet_named(document, name);
}

OUString free_sheet_name(const Reference<css::sheet::XSpreadsheetDocument>& document, const OUString& name) {
    if (!has_sheet(document, name)) return name;
    for (int i = 2;; ++i) {
        const OUString candidate = name + " " + OUString::number(i);
        if (!has_sheet(document, candidate)) return candidate;
    }
}

Reference<css::table::XCellRange> block(const Reference<css::sheet::XSpreadsheet>& sheet, int column, int row,
                                        int columns, int rows) {
    return sheet->getCellRangeByPosition(column, row, column + columns - 1, row + rows - 1);
}

void write_values(const Reference<css::sheet::XSpreadsheet>& sheet, int column, int row, const Grid& values) {
    if (values.empty()) return;
    std::size_t width = 0;
    for (const auto& line : values) width = std::max(width, line.size());
    if (width == 0) return;
    Sequence<Sequence<Any>> data(static_cast<sal_Int32>(values.size()));
    for (std::size_t r = 0; r < values.size(); ++r) {
        Sequence<Any> line(static_cast<sal_Int32>(width));
        for (std::size_t c = 0; c < values[r].size(); ++c) line.getArray()[c] = values[r][c];
        for (std::size_t c = values[r].size(); c < width; ++c) line.getArray()[c] <<= OUString();
        for (std::size_t c = 0; c < width; ++c)
            if (!line[static_cast<sal_Int32>(c)].hasValue()) line.getArray()[c] <<= OUString();
        data.getArray()[r] = line;
    }
    Reference<css::sheet::XCellRangeData> range(
        block(sheet, column, row, static_cast<int>(width), static_cast<int>(values.size())), UNO_QUERY_THROW);
    range->setDataArray(data);
}

void write_formulas(const Reference<css::sheet::XSpreadsheet>& sheet, int column, int row,
                    const FormulaGrid& formulas) {
    if (formulas.empty() || formulas.front().empty()) return;
    const std::size_t width = formulas.front().size();
    Sequence<Sequence<OUString>> data(static_cast<sal_Int32>(formulas.size()));
    for (std::size_t r = 0; r < formulas.size(); ++r) {
        Sequence<OUString> line(static_cast<sal_Int32>(width));
        for (std::size_t c = 0; c < width && c < formulas[r].size(); ++c) line.getArray()[c] = formulas[r][c];
        data.getArray()[r] = line;
    }
    Reference<css::sheet::XCellRangeFormula> range(
        block(sheet, column, row, static_cast<int>(width), static_cast<int>(formulas.size())),
        UNO_QUERY_THROW);
    range->setFormulaArray(data);
}

void write_array_formula(const Reference<css::sheet::XSpreadsheet>& sheet, int column, int row, int columns,
                         int rows, const OUString& formula) {
    Reference<css::sheet::XArrayFormulaRange> range(block(sheet, column, row, columns, rows),
                                                    UNO_QUERY_THROW);
    range->setArrayFormula(formula);
}

void set_bold(const Reference<css::table::XCellRange>& cells) {
    Reference<css::beans::XPropertySet>(cells, UNO_QUERY_THROW)
        ->setPropertyValue("CharWeight", Any(css::awt::FontWeight::BOLD));
}

void set_fill(const Reference<css::table::XCellRange>& cells, sal_Int32 rgb) {
    Reference<css::beans::XPropertySet>(cells, UNO_QUERY_THROW)->setPropertyValue("CellBackColor", Any(rgb));
}

void set_number_format(const Reference<css::sheet::XSpreadsheetDocument>& document,
                       const Reference<css::table::XCellRange>& cells, const OUString& format) {
    Reference<css::util::XNumberFormatsSupplier> supplier(document, UNO_QUERY_THROW);
    auto formats = supplier->getNumberFormats();
    // The code is read as en-US notation and converted to the document's default locale (the
    // user's): "#,##0" shows 653 835 in a Finnish office. Read in that locale itself, a Finnish office
    // took the comma for its decimal separator and showed 653835,000. An existing format's key comes
    // back as it is.
    const css::lang::Locale english("en", "US", "");
    const css::lang::Locale document_default;
    const sal_Int32 key = formats->addNewConverted(format, english, document_default);
    Reference<css::beans::XPropertySet>(cells, UNO_QUERY_THROW)->setPropertyValue("NumberFormat", Any(key));
}

void set_column_width(const Reference<css::sheet::XSpreadsheet>& sheet, int column, sal_Int32 width_mm100) {
    Reference<css::table::XColumnRowRange> columns(sheet, UNO_QUERY_THROW);
    Reference<css::beans::XPropertySet> properties(columns->getColumns()->getByIndex(column),
                                                   UNO_QUERY_THROW);
    properties->setPropertyValue("Width", Any(width_mm100));
}

void set_wrap(const Reference<css::table::XCellRange>& cells) {
    Reference<css::beans::XPropertySet>(cells, UNO_QUERY_THROW)->setPropertyValue("IsTextWrapped", Any(true));
    Reference<css::beans::XPropertySet>(
        Reference<css::table::XColumnRowRange>(cells, UNO_QUERY_THROW)->getRows(), UNO_QUERY_THROW)
        ->setPropertyValue("OptimalHeight", Any(true));
}

void merge(const Reference<css::table::XCellRange>& cells) {
    Reference<css::util::XMergeable>(cells, UNO_QUERY_THROW)->merge(true);
}

OUString column_letters(int column) {
    OUString name;
    for (int index = column + 1; index > 0; index = (index - 1) / 26)
        name = OUString(static_cast<sal_Unicode>(u'A' + (index - 1) % 26)) + name;
    return name;
}

namespace {
OUString quoted(const OUString& sheet) { return "$'" + sheet.replaceAll("'", "''") + "'."; }
}  // namespace

OUString local_ref(int column, int row, bool absolute) {
    const OUString dollar = absolute ? OUString("$") : OUString();
    return dollar + column_letters(column) + dollar + OUString::number(row + 1);
}

OUString cell_ref(const OUString& sheet, int column, int row) {
    return quoted(sheet) + local_ref(column, row, true);
}

OUString range_ref(const OUString& sheet, int column, int row, int columns, int rows) {
    return quoted(sheet) + local_ref(column, row, true) + ":" +
           local_ref(column + columns - 1, row + rows - 1, true);
}

Any text(const OUString& value) { return Any(value); }
Any number(double value) { return Any(value); }

void add_line_chart(const Reference<css::sheet::XSpreadsheet>& sheet, const OUString& name,
                    const OUString& title, const std::vector<css::table::CellRangeAddress>& data,
                    int left_mm100, int top_mm100, int width_mm100, int height_mm100) {
    Reference<css::table::XTableChartsSupplier> supplier(sheet, UNO_QUERY_THROW);
    auto charts = supplier->getCharts();
    Sequence<css::table::CellRangeAddress> ranges(static_cast<sal_Int32>(data.size()));
    for (std::size_t i = 0; i < data.size(); ++i) ranges.getArray()[i] = data[i];
    charts->addNewByName(name, css::awt::Rectangle(left_mm100, top_mm100, width_mm100, height_mm100), ranges,
                         true, true);
    Reference<css::document::XEmbeddedObjectSupplier> embedded(charts->getByName(name), UNO_QUERY_THROW);
    Reference<css::chart::XChartDocument> chart(embedded->getEmbeddedObject(), UNO_QUERY_THROW);
    Reference<css::lang::XMultiServiceFactory> factory(chart, UNO_QUERY_THROW);
    chart->setDiagram(Reference<css::chart::XDiagram>(
        factory->createInstance("com.sun.star.chart.LineDiagram"), UNO_QUERY_THROW));
    // Series in rows: one line per indicator or scenario, years along the x axis.
    Reference<css::beans::XPropertySet>(chart->getDiagram(), UNO_QUERY_THROW)
        ->setPropertyValue("DataRowSource", Any(css::chart::ChartDataRowSource_ROWS));
    Reference<css::beans::XPropertySet> properties(chart, UNO_QUERY_THROW);
    properties->setPropertyValue("HasMainTitle", Any(true));
    Reference<css::beans::XPropertySet>(chart->getTitle(), UNO_QUERY_THROW)
        ->setPropertyValue("String", Any(title));
    // A line per row below the first (the years): more than one needs a legend to tell them apart;
    // below the plot, so that the lines keep the chart's width.
    int rows = 0;
    for (const auto& range : data) rows += range.EndRow - range.StartRow + 1;
    const bool legend = rows - 1 > 1;
    properties->setPropertyValue("HasLegend", Any(legend));
    if (legend)
        Reference<css::beans::XPropertySet>(chart->getLegend(), UNO_QUERY_THROW)
            ->setPropertyValue("Alignment", Any(css::chart::ChartLegendPosition_BOTTOM));
}

}  // namespace kuntaplan::addin
