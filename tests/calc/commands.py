"""Helpers for the tests of the menu commands (org.kuntaplan:*)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from com.sun.star.frame.DispatchResultState import SUCCESS  # noqa: F401  (re-exported)

from kpoffice import Office, _props

EXTENSION_ID = "org.kuntaplan.extension"
REPO = Path(__file__).resolve().parents[2]


def dispatch(office: Office, doc: Any, command: str, **arguments: Any):
    """Runs org.kuntaplan:<command> on the document's frame, as a menu entry or a user's macro
    does; returns (state, result): state SUCCESS (1) or FAILURE (0), result True or the reason."""
    helper = office.create("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    event = helper.executeDispatch(frame, f"org.kuntaplan:{command}", "", 0, _props(**arguments))
    return event.State, event.Result


def sheet_names(doc: Any) -> list[str]:
    return list(doc.Sheets.ElementNames)


def package_location(office: Office) -> str:
    provider = office.ctx.getValueByName(
        "/singletons/com.sun.star.deployment.PackageInformationProvider")
    return provider.getPackageLocation(EXTENSION_ID)


def english_function_names() -> list[str]:
    """Every function's English display name, from the add-in's English texts."""
    text = (REPO / "addin" / "l10n" / "root.txt").read_text(encoding="utf-8")
    return re.findall(r'name:string \{ "([A-Z.]+)" \}', text)


def used_values(office: Office, sheet: Any) -> list[list[Any]]:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    return office.range_values(sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow))
