"""The scenario wizard as a user sees it: a real (non-headless) office on a virtual display (Xvfb),
the wizard opened from the menu command, driven through its controls (the accessibility interfaces
of the dialog's own widgets: typing into fields, clicking radio buttons, check boxes and buttons),
and screenshots of every page and of the resulting Summary sheet in out/screenshots/ (or
$KUNTAPLAN_SCREENSHOTS). Every wait is bounded."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import uno

import region_model
from commands import REPO, SUCCESS, dispatch, package_location, sheet_names
from kpoffice import _props
from realdata import helsinki_base
from xvfb import (WAIT, XVFB, VirtualDisplay, VisibleOffice, children_of, dispatch_in_thread, finish,
                  shown_windows, wait_for_window)

pytestmark = pytest.mark.skipif(XVFB is None, reason="Xvfb is not installed (scripts/setup.sh)")

SHOTS = Path(os.environ.get("KUNTAPLAN_SCREENSHOTS", REPO / "out" / "screenshots"))

DIALOG, PUSH_BUTTON, RADIO_BUTTON, CHECK_BOX, LABEL, TEXT, SPIN_BOX, PANEL = (
    uno.getConstantByName(f"com.sun.star.accessibility.AccessibleRole.{name}")
    for name in ("DIALOG", "PUSH_BUTTON", "RADIO_BUTTON", "CHECK_BOX", "LABEL", "TEXT", "SPIN_BOX", "PANEL"))
ENABLED, CHECKED = (uno.getConstantByName(f"com.sun.star.accessibility.AccessibleStateType.{name}")
                    for name in ("ENABLED", "CHECKED"))


def has_state(context, state) -> bool:
    """A widget's state: a state set (LibreOffice 7.4) or a bit mask (7.5 and later)."""
    states = context.getAccessibleStateSet()
    return bool(states & state) if isinstance(states, int) else states.contains(state)


def enabled(context) -> bool:
    return has_state(context, ENABLED)


class Wizard:
    """The wizard dialog's widgets, found through accessibility: on each page the text fields and
    spin boxes in their tab order, radio buttons, check boxes and buttons by their labels."""

    def __init__(self, office, dialog_window):
        self.office = office
        self.window = dialog_window

    def widgets(self, role):
        context = self.window.getAccessibleContext()
        found = []
        for i in range(context.getAccessibleChildCount()):
            child = context.getAccessibleChild(i).getAccessibleContext()
            if child.getAccessibleRole() == role:
                found.append(child)
        return found

    def labels(self):
        return [w.getAccessibleName() for w in self.widgets(LABEL)]

    def click(self, role, name):
        matches = [w for w in self.widgets(role) if w.getAccessibleName() == name]
        assert matches, f"no {name!r} among {[w.getAccessibleName() for w in self.widgets(role)]}"
        matches[0].doAccessibleAction(0)
        time.sleep(0.3)  # let the page repaint before a screenshot

    def type_into(self, role, index, text):
        """Text fields take the text; spin boxes (numeric fields) the number, as typed."""
        field = self.widgets(role)[index]
        if role == SPIN_BOX:
            uno.invoke(field, "setCurrentValue", (uno.Any("double", float(text)),))
        else:
            field.setText(text)
        return field

    def texts(self, role):
        return [w.getText() for w in self.widgets(role)]

    def screenshot(self, display, name):
        size = self.window.getPosSize()
        margin = 8
        crop = (f"{size.Width + 2 * margin}x{size.Height + 2 * margin}"
                f"+{max(size.X - margin, 0)}+{max(size.Y - margin, 0)}")
        return display.screenshot(SHOTS / name, crop=crop)


def open_menu_and_look(office, doc, display):
    """Opens the Kuntaplan menu of the menu bar (as a click does), takes its picture, closes it."""
    window = doc.getCurrentController().getFrame().getContainerWindow()
    context = window.getAccessibleContext()
    menubar = None
    for i in range(context.getAccessibleChildCount()):
        child = context.getAccessibleChild(i).getAccessibleContext()
        if child.getAccessibleRole() == uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.MENU_BAR"):
            menubar = child
    assert menubar is not None, "no menu bar"
    titles = [menubar.getAccessibleChild(i).getAccessibleContext().getAccessibleName()
              for i in range(menubar.getAccessibleChildCount())]
    assert titles.index("Kuntaplan") == titles.index("Tools") + 1, titles
    menu = menubar.getAccessibleChild(titles.index("Kuntaplan")).getAccessibleContext()
    entries = [menu.getAccessibleChild(i).getAccessibleContext().getAccessibleName()
               for i in range(menu.getAccessibleChildCount())]
    assert [e for e in entries if e] == ["New scenario…", "Compare scenarios", "Import Statistics Finland table…",
                                          "Explain error", "Share a copy…", "User guide"]
    menu.doAccessibleAction(0)
    time.sleep(0.7)
    display.screenshot(SHOTS / "0-kuntaplan-menu.png", crop="560x260+0+0")
    display.key("Escape", "Escape")   # closes it again, as a user would
    time.sleep(0.3)


def open_wizard(office, doc):
    """Runs Kuntaplan ▸ New scenario… in a thread (the modal dialog blocks the dispatch) and waits
    for the dialog; returns (Wizard, thread, result holder)."""
    thread, result = dispatch_in_thread(office, doc, "NewScenario")
    window = wait_for_window(office, lambda context: context.getAccessibleRole() == DIALOG
                             and context.getAccessibleChildCount() > 5, result, "wizard")
    return Wizard(office, window), thread, result


def test_wizard_pages_write_a_scenario_from_a_selected_range(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        data = doc.Sheets.getByIndex(0)
        data.Name = "Data"
        office.set_values(data, "B2:C101", helsinki_base())
        doc.getCurrentController().select(data.getCellRangeByName("B2:C101"))
        open_menu_and_look(office, doc, display)

        wizard, thread, result = open_wizard(office, doc)
        # Page 1: the selected range is offered; name the scenario.
        assert "Step 1 of 4: name and base population" in wizard.labels()
        assert wizard.texts(TEXT) == ["Baseline", "$Data.$B$2:$C$101"]
        wizard.type_into(TEXT, 0, "Low fertility")
        wizard.screenshot(display, "1-wizard-page1-base.png")
        wizard.click(PUSH_BUTTON, "Next >")

        # Page 2: assumptions.
        assert "Step 2 of 4: assumptions" in wizard.labels()
        wizard.type_into(SPIN_BOX, 0, "1.30")      # target TFR
        wizard.click(RADIO_BUTTON, "Improving by this % a year:")
        wizard.type_into(SPIN_BOX, 1, "1.5")       # mortality improvement, % a year
        wizard.type_into(SPIN_BOX, 2, "15")        # horizon
        wizard.screenshot(display, "2-wizard-page2-assumptions.png")
        wizard.click(PUSH_BUTTON, "Next >")

        # Page 3: migration, the six flows as percentages of the bundled ones. One for all to begin
        # with; choosing "each" enables the six fields and disables the one.
        assert "Step 3 of 4: migration" in wizard.labels()
        assert {"Within the region", "Rest of Finland", "Abroad", "In, %", "Out, %"} <= set(wizard.labels())
        fields = wizard.widgets(SPIN_BOX)
        assert [f.getCurrentValue() for f in fields] == [100.0] * 7
        assert [enabled(f) for f in fields] == [True] + [False] * 6
        wizard.click(RADIO_BUTTON, "Each flow at its own percentage:")
        assert [enabled(f) for f in wizard.widgets(SPIN_BOX)] == [False] + [True] * 6
        # One group: choosing "each" unchooses "all".
        assert [has_state(r, CHECKED) for r in wizard.widgets(RADIO_BUTTON)] == [False, True]
        percentages = [80, 110, 100, 90, 50, 100]  # in, out: region, rest of Finland, abroad
        for index, value in enumerate(percentages, 1):
            wizard.type_into(SPIN_BOX, index, str(value))
        wizard.screenshot(display, "3-wizard-page3-migration.png")
        wizard.click(PUSH_BUTTON, "Next >")

        # Page 4: services and age segments; drop the elderly services.
        assert "Step 4 of 4: services and age segments" in wizard.labels()
        wizard.type_into(TEXT, 0, "0;1;7;16;19;65;75")
        wizard.click(CHECK_BOX, "Home care and housing services, ages 75+")
        wizard.screenshot(display, "4-wizard-page4-services.png")
        wizard.click(PUSH_BUTTON, "< Back")
        assert "Step 3 of 4: migration" in wizard.labels()
        wizard.click(PUSH_BUTTON, "Next >")
        wizard.click(PUSH_BUTTON, "Create")
        assert finish(thread, result) == (SUCCESS, True)

        # What the wizard wrote.
        parts = ["Assumptions", "Projection", "Demand", "Summary"]
        assert sheet_names(doc) == ["Data"] + [f"Low fertility {p}" for p in parts]
        assumptions = doc.Sheets.getByName("Low fertility Assumptions")
        assert office.values(assumptions, "B4:B5") == [[1.3], [0.015]]
        assert [r[0] for r in office.values(assumptions, "B6:B11")] == pytest.approx(
            [p / 100 for p in percentages], rel=1e-12)
        assert office.values(assumptions, "B12:B14") == [[0.0], [15.0], [2019.0]]  # no net count
        assert assumptions.getCellRangeByName("B31").getFormula() == "{=$Data.$B$2:$C$101}"
        demand = doc.Sheets.getByName("Low fertility Demand")
        assert [r[0] for r in office.values(demand, "B5:B11")] == [0, 1, 7, 16, 19, 65, 75]
        services = [r[0] for r in office.values(demand, "A15:A18")]
        assert services == ["Early childhood education", "Basic education", "Upper secondary education", ""]
        summary = doc.Sheets.getByName("Low fertility Summary")
        assert office.values(summary, "A4:B4") == [["Population", 653835.0]]
        assert summary.getCellRangeByName("Q3").getValue() == 2034  # 15 years on
        assert summary.getCharts().getCount() == 2
        assert office.error_cells(doc) == []
        # What the pages asked for, as the independent region model computes it (data/ read
        # directly): the population in 2034, and the components of every year, which balance.
        model = region_model.project(15, 1.30, multipliers=[p / 100 for p in percentages], improvement=0.015)
        rows = office.values(summary, "A4:Q10")
        assert [r[0] for r in rows] == ["Population", "Births", "Deaths", "In-migration", "Out-migration",
                                        "Net migration", "Natural increase"]
        population, births, deaths, inflow, outflow, net, natural = (r[1:] for r in rows)
        assert population[15] == pytest.approx(model.total(15), rel=1e-9)
        assert inflow[1:] == pytest.approx(model.in_migration, rel=1e-9)
        assert outflow[1:] == pytest.approx(model.out_migration, rel=1e-9)
        for t in range(1, 16):
            assert population[t] - population[t - 1] == pytest.approx(
                births[t] - deaths[t] + inflow[t] - outflow[t], abs=1e-6)
            assert net[t] == pytest.approx(inflow[t] - outflow[t], abs=1e-6)
            assert natural[t] == pytest.approx(births[t] - deaths[t], abs=1e-6)

        # The Summary is shown, with an info bar that says what was written (it never blocks).
        controller = doc.getCurrentController()
        assert controller.getActiveSheet().Name == summary.Name
        assert controller.hasInfobar("org.kuntaplan.done")
        time.sleep(1.0)
        display.screenshot(SHOTS / "5-summary-sheet.png")

        # A second scenario, then Kuntaplan ▸ Compare scenarios: its dialog offers every scenario and
        # indicator, all chosen; Compare takes them as they are.
        assert dispatch(office, doc, "NewScenario", Name="Baseline", BaseRange="$Data.$B$2:$C$101",
                        BaseYear=2019, Horizon=15) == (SUCCESS, True)
        dialog, thread, result = open_compare_dialog(office, doc)
        assert dialog.items("Scenarios:") == ["Low fertility", "Baseline"]
        dialog.click(PUSH_BUTTON, "Compare")
        assert finish(thread, result) == (SUCCESS, True)
        comparison = doc.Sheets.getByName("Comparison")
        assert office.values(comparison, "A1")[0][0] == "Comparison of 2 scenarios: Low fertility, Baseline"
        assert office.error_cells(doc) == []
        assert doc.getCurrentController().getActiveSheet().Name == "Comparison"
        assert doc.getCurrentController().hasInfobar("org.kuntaplan.done")
        time.sleep(1.0)
        display.screenshot(SHOTS / "7-comparison-sheet.png")
    finally:
        office.close(doc)


class CompareDialog(Wizard):
    """Kuntaplan ▸ Compare scenarios' dialog: two multi-selection list boxes (accessible as a
    panel holding the list), each named by its label."""

    def list_named(self, name):
        boxes = [w for w in self.widgets(PANEL) if w.getAccessibleName() == name]
        assert len(boxes) == 1, [w.getAccessibleName() for w in self.widgets(PANEL)]
        return boxes[0].getAccessibleChild(0).getAccessibleContext()  # the list inside the box

    def items(self, name):
        listed = self.list_named(name)
        return [listed.getAccessibleChild(i).getAccessibleContext().getAccessibleName()
                for i in range(listed.getAccessibleChildCount())]

    def chosen(self, name):
        listed = self.list_named(name)
        return [self.items(name)[i] for i in range(listed.getAccessibleChildCount())
                if listed.isAccessibleChildSelected(i)]

    def choose(self, name, wanted):
        """Selects exactly `wanted` in the list, as ctrl-clicks would."""
        listed = self.list_named(name)
        names = self.items(name)
        listed.clearAccessibleSelection()
        for item in wanted:
            listed.selectAccessibleChild(names.index(item))
        time.sleep(0.3)
        assert self.chosen(name) == wanted


def open_compare_dialog(office, doc):
    """Runs Kuntaplan ▸ Compare scenarios (no arguments) in a thread and waits for its dialog."""
    thread, result = dispatch_in_thread(office, doc, "CompareScenarios")
    window = wait_for_window(office, lambda context: context.getAccessibleRole() == DIALOG and any(
        child.getAccessibleRole() == PANEL for child in children_of(context)), result)
    return CompareDialog(office, window), thread, result


def dismiss_message(office, text, before):
    """Waits for a message box saying `text` (a window not among `before`, the windows shown
    before the click that opens it) and presses its button; returns (the message, the windows
    shown before that press, for the window that comes next)."""
    window = wait_for_window(office, lambda context: any(
        text in child.getAccessibleName() for child in children_of(context)), before=before,
        what="message")
    children = children_of(window.getAccessibleContext())
    said = [c.getAccessibleName() for c in children if text in c.getAccessibleName()][0]
    pressed = shown_windows(office)
    [c for c in children if c.getAccessibleRole() == PUSH_BUTTON][0].doAccessibleAction(0)
    return said, pressed


def test_compare_dialog_chooses_scenarios_and_indicators(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        for name, tfr in (("Base", 1.04), ("Low", 0.9), ("High", 1.5)):
            assert dispatch(office, doc, "NewScenario", Name=name, TargetTFR=tfr, Horizon=5) == (SUCCESS, True)
        sheets_before = sheet_names(doc)

        # Cancel writes nothing, not even an undo step. (The modified flag tells nothing here: a
        # visible workbook with new charts sets it again by itself once they are drawn.)
        undo_steps = doc.getUndoManager().getAllUndoActionTitles()
        dialog, thread, result = open_compare_dialog(office, doc)
        dialog.choose("Scenarios:", ["Low", "High"])
        dialog.click(PUSH_BUTTON, "Cancel")
        assert finish(thread, result) == (SUCCESS, True)
        assert sheet_names(doc) == sheets_before
        assert doc.getUndoManager().getAllUndoActionTitles() == undo_steps

        dialog, thread, result = open_compare_dialog(office, doc)
        assert "Choose two or more scenarios and the indicators to set side by side." in dialog.labels()
        assert dialog.items("Scenarios:") == ["Base", "Low", "High"]
        assert dialog.chosen("Scenarios:") == ["Base", "Low", "High"]
        assert dialog.items("Indicators:")[:7] == ["Population", "Births", "Deaths", "In-migration",
                                                   "Out-migration", "Net migration", "Natural increase"]
        assert dialog.chosen("Indicators:") == dialog.items("Indicators:")

        # One scenario is not a comparison: a message, then the dialog again as the user left it.
        dialog.choose("Scenarios:", ["Low"])
        before = shown_windows(office)
        dialog.click(PUSH_BUTTON, "Compare")
        said, before = dismiss_message(office, "choose at least two", before)
        assert said == "1 scenario is chosen: choose at least two."
        dialog = CompareDialog(office, wait_for_window(
            office, lambda c: c.getAccessibleName() == "Kuntaplan: compare scenarios", before=before,
            what="dialog again"))
        assert dialog.chosen("Scenarios:") == ["Low"]
        assert sheet_names(doc) == sheets_before

        dialog.choose("Scenarios:", ["Base", "High"])
        dialog.choose("Indicators:", ["Population", "Births", "Share aged 65+"])
        dialog.screenshot(display, "9-compare-dialog.png")
        dialog.click(PUSH_BUTTON, "Compare")
        assert finish(thread, result) == (SUCCESS, True)
        assert sheet_names(doc) == sheets_before + ["Comparison"]
        comparison = doc.Sheets.getByName("Comparison")
        assert office.values(comparison, "A1")[0][0] == "Comparison of 2 scenarios: Base, High"
        labels = [r[0] for r in office.values(comparison, "A4:A15") if r[0]]
        assert labels == ["Population", "Births", "Share aged 65+"]
        assert [r[0] for r in office.values(comparison, "B4:B6")] == ["Base", "High", "Difference High − Base"]
        assert office.error_cells(doc) == []

    finally:
        office.close(doc)


def test_cancel_leaves_the_workbook_untouched(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        office.set_values(doc.Sheets.getByIndex(0), "A1", [[42]])
        doc.setModified(False)
        undo_steps = doc.getUndoManager().getAllUndoActionTitles()
        wizard, thread, result = open_wizard(office, doc)
        wizard.click(PUSH_BUTTON, "Next >")
        wizard.type_into(SPIN_BOX, 0, "2.5")
        wizard.click(PUSH_BUTTON, "Cancel")
        assert finish(thread, result) == (SUCCESS, True)
        assert sheet_names(doc) == ["Sheet1"]
        assert not doc.isModified()
        assert doc.getUndoManager().getAllUndoActionTitles() == undo_steps
    finally:
        office.close(doc)


def test_a_taken_name_is_refused_and_the_wizard_comes_back(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        assert dispatch(office, doc, "NewScenario", Name="Baseline", Horizon=3) == (SUCCESS, True)
        wizard, thread, result = open_wizard(office, doc)
        assert wizard.texts(TEXT)[0] == "Scenario 2"   # a free name is offered
        wizard.type_into(TEXT, 0, "Baseline")
        before = shown_windows(office)
        wizard.click(PUSH_BUTTON, "Create")
        # An error box over the wizard, then the wizard again with the user's values.
        message = wait_for_window(office, lambda context: any(
            "exists already" in child.getAccessibleName() for child in children_of(context)),
            result, "error message", before=before).getAccessibleContext()
        display.screenshot(SHOTS / "6-wizard-name-taken.png")
        ok = children_of(message)
        before = shown_windows(office)
        [button for button in ok if button.getAccessibleRole() == PUSH_BUTTON][0].doAccessibleAction(0)
        wizard = Wizard(office, wait_for_window(
            office, lambda context: context.getAccessibleName() == "Kuntaplan: new scenario"
            and context.getAccessibleChildCount() > 5, result, "wizard again", settle=0.3, before=before))
        assert wizard.texts(TEXT)[0] == "Baseline"
        wizard.click(PUSH_BUTTON, "Cancel")
        assert finish(thread, result) == (SUCCESS, True)
        assert len(sheet_names(doc)) == 5
    finally:
        office.close(doc)


def explain_in_a_message_box(office, doc, display, cell, function: str, picture: str) -> str:
    """Kuntaplan ▸ Explain error from the menu on `cell`: waits for the message box that names
    `function`, takes its picture, closes it and returns what it says."""
    doc.getCurrentController().select(cell)
    thread, result = dispatch_in_thread(office, doc, "ExplainError")
    window = wait_for_window(office, lambda context: any(
        function in child.getAccessibleName() for child in children_of(context)), result, "the explanation")
    time.sleep(0.5)
    display.screenshot(SHOTS / picture)
    children = children_of(window.getAccessibleContext())
    said = [c.getAccessibleName() for c in children if function in c.getAccessibleName()][0]
    [c for c in children if c.getAccessibleRole() == PUSH_BUTTON][0].doAccessibleAction(0)
    assert finish(thread, result) == (SUCCESS, True)
    return said


def test_the_wizard_speaks_finnish(oxt):
    with VirtualDisplay() as display, VisibleOffice(oxt, display, ui_locale="fi-FI") as office:
        doc = office.new_calc(hidden=False)
        wizard, thread, result = open_wizard(office, doc)
        # Every page in Finnish (the pictures show that no label is cut off), the migration page
        # with its "all flows alike" choice: the defaults scaled by 80 %.
        steps = ["Vaihe 1/4: nimi ja lähtöväestö", "Vaihe 2/4: oletukset", "Vaihe 3/4: muuttoliike",
                 "Vaihe 4/4: palvelut ja ikäryhmät"]
        for page, step in enumerate(steps, 1):
            assert step in wizard.labels()
            if page == 3:
                assert "Kaikki kuusi virtaa samalla prosentilla:" in [
                    w.getAccessibleName() for w in wizard.widgets(RADIO_BUTTON)]
                wizard.type_into(SPIN_BOX, 0, "80")
            time.sleep(0.5 if page > 1 else 1.0)  # a fresh office: let the page reach its size
            wizard.screenshot(display, f"11-wizard-page{page}-finnish.png")
            if page < 4:
                wizard.click(PUSH_BUTTON, "Seuraava >")
        wizard.click(PUSH_BUTTON, "Luo")
        assert finish(thread, result) == (SUCCESS, True)
        assert sheet_names(doc)[1:] == ["Perusura Oletukset", "Perusura Ennuste", "Perusura Palvelutarve",
                                        "Perusura Yhteenveto"]
        assumptions = doc.Sheets.getByName("Perusura Oletukset")
        assert [r[0] for r in office.values(assumptions, "B6:B11")] == pytest.approx([0.8] * 6, rel=1e-12)
        model = region_model.project(21, 1.04, multipliers=[0.8] * 6)
        assert office.values(doc.Sheets.getByName("Perusura Yhteenveto"), "W4")[0][0] == pytest.approx(
            model.total(21), rel=1e-9)
        assert office.error_cells(doc) == []

        # Kuntaplan ▸ Vertaa skenaarioita: the dialog in Finnish too.
        for name in ("Perus", "Matala"):
            assert dispatch(office, doc, "NewScenario", Name=name, Horizon=2) == (SUCCESS, True)
        dialog, thread, result = open_compare_dialog(office, doc)
        assert dialog.items("Skenaariot:") == ["Perusura", "Perus", "Matala"]
        assert dialog.items("Tunnusluvut:")[:2] == ["Väestö", "Syntyneet"]
        time.sleep(1.0)  # a fresh office: let the dialog reach its size before the picture
        dialog.screenshot(display, "10-compare-dialog-finnish.png")
        dialog.click(PUSH_BUTTON, "Peruuta")
        assert finish(thread, result) == (SUCCESS, True)
        assert "Vertailu" not in sheet_names(doc)

        # Kuntaplan ▸ Selitä virhe on a cell that took one row of a per-1000 range (typed with Enter):
        # a message box in Finnish says which function, which argument and what to do.
        sheet = doc.Sheets.getByIndex(0)
        office.set_values(sheet, "H1:H2", [[20.0], [30.0]])
        cell = sheet.getCellRangeByName("I1")
        cell.FormulaLocal = "=VÄESTÖ.HEDELMÄLLISYYS(H1:H2/1000)"
        assert cell.getError() == 502
        said = explain_in_a_message_box(office, doc, display, cell, "VÄESTÖ.HEDELMÄLLISYYS",
                                        "12-explain-error-finnish.png")
        assert said.startswith(f"Solussa {sheet.Name}.I1 näkyy Virhe:502, koska:"), said
        assert "Ctrl+Vaihto+Enter" in said and "promille" in said, said


def test_templates_appear_in_file_new_under_kuntaplan(visible_office, display):
    """File ▸ New ▸ Templates (the Template Manager, .uno:NewDoc) offers a Kuntaplan category holding
    the extension's templates (packaging/Paths.xcu adds its templates/ folder)."""
    office = visible_office
    doc = office.new_calc(hidden=False)
    thread = None
    try:
        helper = office.create("com.sun.star.frame.DispatchHelper")
        frame = doc.getCurrentController().getFrame()
        thread = threading.Thread(target=lambda: helper.executeDispatch(frame, ".uno:NewDoc", "", 0, ()),
                                  daemon=True)
        thread.start()
        uitest = office.create("com.sun.star.ui.test.UITest")  # the Template Manager is a .ui dialog
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            window = uitest.getTopFocusWindow()
            if "filter_folder" in window.getChildren():
                break
            time.sleep(0.2)
        else:
            pytest.fail("the Template Manager did not open")
        categories = window.getChild("filter_folder")
        categories.executeAction("SELECT", _props(TEXT="Kuntaplan"))
        time.sleep(1.0)
        state = {p.Name: p.Value for p in categories.getState()}
        assert state["SelectEntryText"] == "Kuntaplan"
        display.screenshot(SHOTS / "8-file-new-templates-kuntaplan.png")
        window.getChild("close").executeAction("CLICK", ())
        thread.join(WAIT)
        assert not thread.is_alive()
    finally:
        office.close(doc)

    # A document from the shipped template, as the Template Manager's Open makes it.
    location = uno.fileUrlToSystemPath(package_location(office))
    shipped = sorted((Path(location) / "templates" / "Kuntaplan").glob("*.ots"))
    assert {"population.ots", "strategy.ots", "väestöennuste.ots", "befolkningsprognos.ots",
            "skolnätverk.ots"} <= {p.name for p in shipped}  # non-ASCII names survive the .oxt
    for template in shipped:
        made = office.load(template, hidden=True, as_template=True)
        try:
            assert made.getURL() == ""          # untitled: the template stays as it is
            made.calculateAll()
            assert office.error_cells(made) == [], template.name
        finally:
            office.close(made)


@pytest.mark.skipif(Path("/usr/bin/xdg-open").exists(),
                    reason="a desktop handler is installed: the guide would open in a browser")
def test_user_guide_without_a_browser_says_where_the_guide_is(visible_office, display):
    """Kuntaplan ▸ User guide on a desktop with no browser to start (no xdg-open): instead of
    nothing visible, a message box in the office's language with the guide's file path."""
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        guide = Path(uno.fileUrlToSystemPath(package_location(office))) / "help" / "en" / "index.html"
        thread, result = dispatch_in_thread(office, doc, "UserGuide")
        window = wait_for_window(office, lambda context: any(
            str(guide) in child.getAccessibleName() for child in children_of(context)), result,
            "message with the guide's path")
        display.screenshot(SHOTS / "11-user-guide-no-browser.png")
        children = children_of(window.getAccessibleContext())
        said = [c.getAccessibleName() for c in children if str(guide) in c.getAccessibleName()][0]
        assert said.startswith("No web browser could be started to show the Kuntaplan user guide.")
        [c for c in children if c.getAccessibleRole() == PUSH_BUTTON][0].doAccessibleAction(0)
        assert finish(thread, result) == (SUCCESS, True)
    finally:
        office.close(doc)


def test_the_wizard_and_explain_error_speak_swedish(oxt):
    """Every wizard page, Kuntaplan ▸ Jämför scenarier and Kuntaplan ▸ Förklara fel in a Swedish
    office (pictures for the Swedish guide), with the terms of addin/l10n/README.md (flyttströmmar,
    nyckeltal)."""
    with VirtualDisplay() as display, VisibleOffice(oxt, display, ui_locale="sv-FI") as office:
        doc = office.new_calc(hidden=False)
        wizard, thread, result = open_wizard(office, doc)
        steps = ["Steg 1 av 4: namn och basbefolkning", "Steg 2 av 4: antaganden", "Steg 3 av 4: flyttning",
                 "Steg 4 av 4: tjänster och åldersgrupper"]
        for page, step in enumerate(steps, 1):
            assert step in wizard.labels()
            if page == 3:
                assert [w.getAccessibleName() for w in wizard.widgets(RADIO_BUTTON)] == [
                    "Alla sex flyttströmmar med samma procent:", "Varje flyttström med egen procent:"]
            time.sleep(0.5 if page > 1 else 1.0)  # a fresh office: let the page reach its size
            wizard.screenshot(display, "13-wizard-page1-swedish.png" if page == 1
                              else f"13-wizard-page{page}-swedish.png")
            if page < 4:
                wizard.click(PUSH_BUTTON, "Nästa >")
        wizard.click(PUSH_BUTTON, "Skapa")
        assert finish(thread, result) == (SUCCESS, True)
        assert sheet_names(doc)[1:] == ["Basalternativ Antaganden", "Basalternativ Prognos",
                                        "Basalternativ Servicebehov", "Basalternativ Sammanfattning"]
        assert office.error_cells(doc) == []

        assert dispatch(office, doc, "NewScenario", Name="Låg", Horizon=2) == (SUCCESS, True)
        dialog, thread, result = open_compare_dialog(office, doc)
        assert dialog.items("Scenarier:") == ["Basalternativ", "Låg"]
        assert dialog.items("Nyckeltal:")[:2] == ["Befolkning", "Födda"]
        time.sleep(1.0)  # a fresh office: let the dialog reach its size before the picture
        dialog.screenshot(display, "15-compare-dialog-swedish.png")
        dialog.click(PUSH_BUTTON, "Avbryt")
        assert finish(thread, result) == (SUCCESS, True)
        assert "Jämförelse" not in sheet_names(doc)

        sheet = doc.Sheets.getByIndex(0)
        office.set_values(sheet, "A1:A3", [[0.01], [-0.5], [0.2]])
        cell = sheet.getCellRangeByName("B1")
        cell.FormulaLocal = "=BEF.MEDELLIVSLÄNGD(A1:A3)"
        assert cell.getError() == 502
        said = explain_in_a_message_box(office, doc, display, cell, "BEF.MEDELLIVSLÄNGD",
                                        "14-explain-error-swedish.png")
        assert said.startswith(f"Cellen {sheet.Name}.B1 visar Fel:502 eftersom:"), said
        assert "-0,5 (rad 2)" in said, said  # the value as a Swedish reader writes it
