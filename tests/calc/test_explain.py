"""Kuntaplan ▸ Explain error (org.kuntaplan:ExplainError) in a real Calc: for a representative error
of every function family, the explanation names the function and says, in the office's language,
what is wrong — the message the core gave, read from the store of error messages
(addin/l10n/messages/). The store is read here too, so that the test knows every language's text of
the message without copying it: the English explanation must match exactly one message pattern of
root.txt, and the Finnish and Swedish explanations the same key's pattern in fi.txt and sv.txt."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from commands import SUCCESS, dispatch

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from l10n_store import load_bundle  # noqa: E402
from messages_bundle import read_messages  # noqa: E402

STORE = REPO / "addin" / "l10n" / "messages"
MESSAGES = {lang: read_messages(STORE / f"{lang}.txt") for lang in ("root", "fi", "sv")}


def function_texts(lang: str) -> tuple[dict, dict]:
    """The Function Wizard texts by IDL method: English (root) and the language's."""
    def read(name):
        return load_bundle(str(REPO / "addin" / "l10n" / f"{name}.txt"))[1]["functions"]
    return read("root"), read("root" if lang == "en" else lang)


def function_names(lang: str) -> dict[str, str]:
    """English display name → the language's."""
    root, own = function_texts(lang)
    return {texts["name"]: own[method]["name"] for method, texts in root.items()}


def function_arguments(lang: str) -> dict[str, dict[str, str]]:
    """English display name → {English argument name: the language's}."""
    root, own = function_texts(lang)
    return {texts["name"]: {english: local for (english, _), (local, _) in zip(texts["args"], own[method]["args"])}
            for method, texts in root.items()}


ARGUMENT_PREFIX = re.compile(r"^([a-z_]+|\{0\}): ")


def pattern_regex(pattern: str) -> re.Pattern:
    """A message pattern as a regular expression: each {k} any text (arguments may be messages); a
    leading argument name ("volumes: ") any name, since Explain error shows the function's own."""
    head = ""
    if ARGUMENT_PREFIX.match(pattern):
        head, pattern = "(.+?): ", pattern[ARGUMENT_PREFIX.match(pattern).end():]
    parts = re.split(r"\{\d+\}", pattern)
    return re.compile("^" + head + "(.+?)".join(re.escape(p) for p in parts) + "$", re.S)


def keys_matching(lang: str, body: str) -> set[str]:
    """The keys whose pattern reads `body` or the part of it after an "argument: " prefix."""
    tails = [body] + [body[i + 2:] for i in range(len(body)) if body.startswith(": ", i)]
    return {key for key, pattern in MESSAGES[lang].items() if pattern != "{0}: {1}"
            for tail in tails if pattern_regex(pattern).match(tail)}


# (id, input cells, formula cell or range, English formula, what the English explanation must say)
CASES = [
    ("life table", {"A1": 0.01, "A2": -0.5, "A3": 0.2}, "C1", "=POP.LIFEEXP(A1:A3)",
     "mx must be finite and >= 0, but was: -0.5 (row 2)"),
    ("blank rate", {"A1": 0.01, "A3": 0.02}, "C1", "=POP.TFR(A1:A3)",
     "asfr: row 2, column 1 is blank; numbers are expected"),
    ("projection option", {"A1": 100, "B1": 100, "A2": 0, "B2": 0}, "C1:C2",
     '=POP.PROJECT(A1:B2;A1:A2;A1:B2;A1:B2;1;"total";"foo=1")', "unknown key 'foo'"),
    ("projection output", {"A1": 100, "B1": 100, "A2": 0, "B2": 0}, "C1:C2",
     '=POP.PROJECT(A1:B2;A1:A2;A1:B2;A1:B2;1;"totals")', "'totals' is not one of total, male"),
    ("one value for a table", {"A1": 20, "A2": 30}, "C1", "=POP.TFR(A1:A2/1000)",
     "enter it as an array formula (Ctrl+Shift+Enter)"),
    ("school", {"A1": 10, "A2": 11, "B1": 10, "B2": 12}, "C1:C2", '=SCHOOL.GPR(A1:B2;"modal")',
     "modal"),
    ("network", {"A1": 10, "A2": 20, "B1": 5}, "C1:C2", "=NETWORK.GAP(A1:A2;B1:B1)", "capacity"),
    ("costing", {"A1": 1000, "B1": 100, "C1": 5, "D1": 10}, "E1",
     '=COST.TDABC(A1;B1;C1;D1;"totals")', "totals"),
    ("impact", {"A1": -100, "A2": 50, "A3": 80}, "C1", '=IMPACT.NPV(A1:A3;"soon")', "soon"),
    ("forecast", {"A1": 1, "A2": 2, "A3": 3}, "C1:C2", "=FC.ETS(A1:A3;2;\"ANN\")", "at least 4 observations"),
    ("forecast method", {"A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5}, "C1:C2", '=FC.FORECAST(A1:A5;2;"best")',
     'method must be one of auto, combination, ets, theta, naive, snaive, but was: "best"'),
    ("data", {}, "C1:C2", '=DATA.PX("/nonexistent/kuntaplan.px";"x";"y")', "kuntaplan.px"),
]


def explain(office, doc, cell: str) -> str:
    sheet = doc.Sheets.getByIndex(0).Name  # Sheet1, Taulukko1, Blad1
    state, result = dispatch(office, doc, "ExplainError", Cell=f"{sheet}.{cell}")
    assert state == SUCCESS, result
    return result


def fill(doc, cells: dict) -> None:
    sheet = doc.Sheets.getByIndex(0)
    for name, value in cells.items():
        sheet.getCellRangeByName(name).setValue(value)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_family_explained_in_every_language(lang, case):
    language, office, doc = lang
    _, cells, target, formula, english_fragment = case
    fill(doc, cells)
    sheet = doc.Sheets.getByIndex(0)
    names = function_names(language)
    # Typed in the language's own function names, as the user would (the stored formula is the same).
    english_name = re.match(r"=([A-Z.]+)\(", formula).group(1)
    cell = sheet.getCellRangeByName(target.split(":")[0])
    cell.FormulaLocal = formula.replace(english_name + "(", names[english_name] + "(")
    if ":" in target:
        stored = cell.Formula
        cell.setFormula("")
        sheet.getCellRangeByName(target).setArrayFormula(stored)
    assert cell.getError() != 0, f"{case[0]}: the formula did not fail: {cell.Formula}"
    doc.setModified(False)
    before = (cell.Formula, sheet.getCellRangeByName(target).getArrayFormula() if ":" in target else "")
    text = explain(office, doc, target.split(":")[0])
    after = (cell.Formula, sheet.getCellRangeByName(target).getArrayFormula() if ":" in target else "")
    assert after == before, "Explain error changed the formula"
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(lines) >= 2, text
    heading, explanation = lines[0], lines[1]
    # The error as the cell shows it in the office's language: Err:502, Virhe:502, Fel:502.
    assert f"{sheet.Name}.{target.split(':')[0]}" in heading and cell.String in heading, text
    assert cell.String == {"en": "Err:502", "fi": "Virhe:502", "sv": "Fel:502"}[language]
    assert explanation.startswith(names[english_name] + ": "), text
    body = explanation[len(names[english_name]) + 2:]
    root_lang = {"en": "root", "fi": "fi", "sv": "sv"}[language]
    keys = keys_matching(root_lang, body)
    assert keys, f"{case[0]} ({language}): no message of the store reads {body!r}"
    # A message about one argument names it as the Function Wizard of the office's language does
    # (Finnish "tulos: …" for COST.TDABC's output, whatever name the stored message starts with).
    arguments = function_arguments(language)[english_name]
    for key in keys:
        named = ARGUMENT_PREFIX.match(MESSAGES["root"][key])
        if named and named.group(1) in arguments:
            assert body.startswith(arguments[named.group(1)] + ": "), text
    prefix = body.split(": ", 1)[0]
    assert not any(prefix == english != local for english, local in arguments.items()), text
    if case[0] == "projection option":  # "options: unknown key …", the name given as {0}
        assert body.startswith(arguments["options"] + ": unknown key 'foo'" if language == "en"
                               else arguments["options"] + ": "), text
    if language == "en":
        assert english_fragment in body, text
    else:
        # The language's own text of the message, not the English one.
        assert any(MESSAGES[root_lang][k] != MESSAGES["root"][k] for k in keys), text
        # The list of accepted outputs is given in the language's own words.
        if case[0] == "projection output":
            assert {"fi": "yhteensä, miehet, naiset", "sv": "totalt, män, kvinnor"}[language] in body, text
        if case[0] == "forecast method":
            assert {"fi": "automaattinen, yhdistelmä, ets, theta, naiivi, kausinaiivi",
                    "sv": "automatisk, kombination, ets, theta, naiv, säsongsnaiv"}[language] in body, text
    # Explaining computes the cell again but changes nothing.
    assert not doc.isModified(), "Explain error marked the document modified"
    assert cell.getError() != 0


def test_explanations_for_cells_without_a_kuntaplan_error(office, calc):
    sheet = calc.Sheets.getByIndex(0)
    sheet.getCellRangeByName("A1").setValue(5)
    sheet.getCellRangeByName("A2").setFormula("=A1*2")
    sheet.getCellRangeByName("A3").setFormula("=1/0")
    sheet.getCellRangeByName("A4").setFormula("=POP.TFR(A3:A3)")
    assert "holds no formula" in explain(office, calc, "A1")
    assert "shows no error" in explain(office, calc, "A2")
    # Calc's own error: no Kuntaplan function reported one.
    assert "no Kuntaplan function reported an error" in explain(office, calc, "A3")
    # A Kuntaplan cell whose input is an error: Calc never calls the function; the input is named.
    text = explain(office, calc, "A4")
    assert "a cell its formula uses shows an error" in text and "A3" in text, text


def test_explains_only_the_cell_asked_about(office, calc):
    """Two cells with errors that Calc has not computed yet (it computes a formula when its value is
    first needed): explaining one computes them first, so the other's reasons are not told as its
    own. Before that, C1's explanation also gave F1's "origins" (seen)."""
    sheet = calc.Sheets.getByIndex(0)
    for row in range(12):
        sheet.getCellByPosition(0, row).setValue(10 + row)
    office.set_array_formula(sheet, "C1:C2", "=FC.ETS(A1:A12;0)")
    office.set_array_formula(sheet, "F1:F4", "=FC.BACKTEST(A1:A12;2;;;0)")
    first = explain(office, calc, "C1")
    assert "FC.ETS: horizon: must be a whole number from 1 to 100000, but was: 0" in first, first
    assert "origins" not in first, first
    second = explain(office, calc, "F1")
    assert "FC.BACKTEST: origins: must be a whole number from 1 to 10000, but was: 0" in second, second
    assert "horizon" not in second, second


def test_explain_adds_no_undo_step(office, calc):
    """Calc records entering a formula even with the undo manager locked, so the re-entry goes into a
    hidden undo context: it joins the user's last step, and the undo list is the same. Undoing then
    undoes the user's last input (B1's formula) as before, and redo gives it back with its error."""
    sheet = calc.Sheets.getByIndex(0)
    sheet.getCellRangeByName("A1").setValue(-1)
    cell = sheet.getCellRangeByName("B1")
    cell.setFormula("=POP.LIFEEXP(A1:A1)")
    undo = calc.getUndoManager()
    before = list(undo.getAllUndoActionTitles())
    assert before, "the inputs above are steps of the undo list"
    formula = cell.Formula
    explain(office, calc, "B1")
    assert list(undo.getAllUndoActionTitles()) == before
    undo.undo()
    assert cell.Formula == "" and sheet.getCellRangeByName("A1").Value == -1
    undo.redo()
    assert cell.Formula == formula and cell.getError() == 502


def test_explain_on_an_empty_undo_list_is_one_step_that_changes_nothing(office, calc):
    """With no step to join (a document just opened), the re-entry is one step named after the
    command; undoing it leaves the same formula and the same error."""
    sheet = calc.Sheets.getByIndex(0)
    cell = sheet.getCellRangeByName("B1")
    cell.setFormula("=POP.LIFEEXP(-1)")
    undo = calc.getUndoManager()
    undo.clear()
    formula = cell.Formula
    explain(office, calc, "B1")
    assert list(undo.getAllUndoActionTitles()) == ["Explain error"]
    undo.undo()
    assert cell.Formula == formula and cell.getError() == 502
