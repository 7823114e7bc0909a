"""The import dialog (Kuntaplan ▸ Import Statistics Finland table…) as a user sees it: a real office
on a virtual display (Xvfb), the dialog opened by the command without arguments, its fields typed
into through accessibility, the live preview read back, then Import or Cancel. Screenshots go to
out/screenshots/ (or $KUNTAPLAN_SCREENSHOTS). Every wait is bounded."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import uno

import realdata
from commands import REPO, SUCCESS, used_values
from xvfb import XVFB, children_of, dispatch_in_thread, finish, wait_for_window

pytestmark = pytest.mark.skipif(XVFB is None, reason="Xvfb is not installed (scripts/setup.sh)")

SHOTS = Path(os.environ.get("KUNTAPLAN_SCREENSHOTS", REPO / "out" / "screenshots"))
DIALOG, PUSH_BUTTON, TEXT, LABEL = (
    uno.getConstantByName(f"com.sun.star.accessibility.AccessibleRole.{name}")
    for name in ("DIALOG", "PUSH_BUTTON", "TEXT", "LABEL"))
FILE, LANGUAGE, ROWS, COLUMNS, FILTERS = range(5)   # the text fields in tab order


def widgets(window, role):
    context = window.getAccessibleContext()
    children = (context.getAccessibleChild(i).getAccessibleContext()
                for i in range(context.getAccessibleChildCount()))
    return [child for child in children if child.getAccessibleRole() == role]


def open_dialog(office, doc):
    """Runs Kuntaplan ▸ Import table… in a thread and waits for its dialog (five text fields)."""
    thread, result = dispatch_in_thread(office, doc, "ImportTable")
    window = wait_for_window(office, lambda context: context.getAccessibleRole() == DIALOG and len(
        [c for c in children_of(context) if c.getAccessibleRole() == TEXT]) >= 5, result, "import dialog")
    return window, thread, result


def preview(window) -> str:
    """The preview: the dialog's multi-line label (the only one with a line break)."""
    for label in widgets(window, LABEL):
        if "\n" in label.getAccessibleName():
            return label.getAccessibleName()
    return ""


def press(window, name):
    buttons = [b for b in widgets(window, PUSH_BUTTON) if b.getAccessibleName() == name]
    assert buttons, [b.getAccessibleName() for b in widgets(window, PUSH_BUTTON)]
    buttons[0].doAccessibleAction(0)


def copy_11rc(office) -> str:
    folder = office.home / "tilastot"
    folder.mkdir(exist_ok=True)
    target = folder / "statfin_vaerak_pxt_11rc.px"
    shutil.copyfile(realdata.DATA_DIR / "px" / target.name, target)
    return uno.systemPathToFileUrl(str(target))


def test_the_dialog_previews_and_imports_at_the_cursor(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        sheet = doc.Sheets.getByIndex(0)
        doc.getCurrentController().select(sheet.getCellRangeByName("B3"))
        window, thread, result = open_dialog(office, doc)
        fields = widgets(window, TEXT)
        fields[FILE].setText(copy_11rc(office))
        time.sleep(0.5)
        # With only the file, the preview lists the variables and their values.
        assert "Sukupuoli (3): SSS = Yhteensä, 1 = Miehet, 2 = Naiset" in preview(window)
        fields[LANGUAGE].setText("en")
        fields[ROWS].setText("Age")
        fields[COLUMNS].setText("Sex")
        fields[FILTERS].setText("Year=2023")
        time.sleep(0.3)
        shown = preview(window).splitlines()
        assert shown[1] == "Age | Males | Females"
        assert shown[2] == "0 | 120395 | 115211"
        display.screenshot(SHOTS / "import-dialog.png")
        press(window, "Import")
        assert finish(thread, result) == (SUCCESS, True)
        values = used_values(office, sheet)
        assert values[2][1].startswith("Source: Statistics Finland")
        assert values[4][1:] == [0, 120395, 115211]
        assert doc.getUndoManager().getCurrentUndoActionTitle() == "Import table statfin_vaerak_pxt_11rc"
    finally:
        office.close(doc)


def test_cancel_writes_nothing(visible_office, display):
    office = visible_office
    doc = office.new_calc(hidden=False)
    try:
        window, thread, result = open_dialog(office, doc)
        fields = widgets(window, TEXT)
        fields[FILE].setText(copy_11rc(office))
        fields[ROWS].setText("Ikä")
        fields[COLUMNS].setText("Sukupuoli")
        fields[FILTERS].setText("Vuosi=2023")
        time.sleep(0.3)
        assert preview(window).splitlines()[2] == "0 | 120395 | 115211"
        press(window, "Cancel")
        assert finish(thread, result) == (SUCCESS, True)
        assert used_values(office, doc.Sheets.getByIndex(0)) == [[""]]
        assert not doc.isModified()
        assert doc.getUndoManager().getAllUndoActionTitles() == ()
    finally:
        office.close(doc)
