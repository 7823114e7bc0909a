"""The shipped templates, built by the generators (templates/make_*.py): every one of the 15 opens,
recalculates without an error cell and with Check TRUE; the Finnish and Swedish ones
(addin/l10n/templates/*.tsv applied by templates/localise.py) speak their language and have the English
template's formulas (apart from the sheet names) and numbers."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import oxt_path
from display import display_problems

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "templates"))
from localise import FILE_NAMES, Table, function_name_pattern, function_names  # noqa: E402

CASES = [(template, lang) for template in FILE_NAMES for lang in ("fi", "sv")]
FIRST_SHEET = {"fi": "Ohjeet", "sv": "Anvisningar"}
STRING = 1 << 2  # com.sun.star.sheet.CellFlags.STRING


def built(name: str) -> Path:
    path = oxt_path().parent / "templates" / f"{name}.ots"
    if not path.is_file():
        pytest.fail(f"{path}: not built (cmake --build build)", pytrace=False)
    return path


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    return sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)


def text_cells(sheet) -> set[tuple[int, int]]:
    cells = set()
    for a in sheet.queryContentCells(STRING).RangeAddresses:
        cells |= {(r, c) for r in range(a.StartRow, a.EndRow + 1) for c in range(a.StartColumn, a.EndColumn + 1)}
    return cells


SHIPPED = [name for template in FILE_NAMES
           for name in (template, FILE_NAMES[template]["fi"], FILE_NAMES[template]["sv"])]


def test_fifteen_templates_are_shipped():
    assert len(SHIPPED) == 15
    shipped = sorted(p.stem for p in (oxt_path().parent / "templates").glob("*.ots"))
    assert shipped == sorted(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_template_recalculates_without_error_and_checks(office, name):
    doc = _open(office, name)
    try:
        assert office.error_cells(doc) == []
        check = doc.NamedRanges.getByName("Check").getReferredCells()
        assert office.range_values(check) in ([[True]], [[1.0]])
    finally:
        office.close(doc)


@pytest.fixture(scope="module")
def english(office):
    docs = {}
    yield lambda template: docs.setdefault(template, _open(office, template))
    for doc in docs.values():
        office.close(doc)


def _open(office, name):
    doc = office.load(built(name), as_template=True)
    office.recalc_hard(doc)
    return doc


@pytest.mark.parametrize("template,lang", CASES)
def test_localised_template_checks_and_matches_the_english_one(office, english, template, lang):
    doc = _open(office, FILE_NAMES[template][lang])
    try:
        assert office.error_cells(doc) == []
        check = doc.NamedRanges.getByName("Check").getReferredCells()
        assert office.range_values(check) in ([[True]], [[1.0]])

        original = english(template)
        names = list(doc.Sheets.ElementNames)
        english_names = list(original.Sheets.ElementNames)
        assert len(names) == len(english_names)
        assert names[0] == FIRST_SHEET[lang]
        assert doc.DocumentProperties.Title != original.DocumentProperties.Title
        # the cell language is the template's (English (USA) would mark every word misspelt)
        first = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
        assert (first.CharLocale.Language, first.CharLocale.Country) == (lang, "FI")

        # Formulas: the English ones with the sheets renamed. Numbers: the same.
        renames = sorted(zip(names, english_names), key=lambda pair: -len(pair[0]))

        def unquoted(formula: str, sheet_names) -> str:
            for name in sheet_names:
                formula = formula.replace(f"'{name}'.", f"{name}.")
            return formula

        # texts inside formulas that the table translates ("never" → "ei koskaan")
        quoted = {text: english for english, text in Table(template, lang).exact.items()
                  if len(english) > 1 and english[0] == english[-1] == '"'}

        def in_english(formula: str) -> str:
            formula = unquoted(formula, names)
            for local, name in renames:
                formula = re.sub(rf"(?<![\w.']){re.escape(local)}(?=\.)", name, formula)
            for text, english_text in quoted.items():
                formula = formula.replace(text, english_text)
            return formula

        # No English left where the reader reads: a Kuntaplan function's English name in a text
        # ("… e.g. from COST.TDABC.") or a formula's English text that the table translates.
        english_functions = function_name_pattern(function_names(lang))

        translated = 0
        for index, name in enumerate(english_names):
            ours, theirs = doc.Sheets.getByIndex(index), original.Sheets.getByIndex(index)
            texts = text_cells(theirs)
            area = used_area(theirs).getRangeAddress()
            mine = ours.getCellRangeByPosition(0, 0, area.EndColumn, area.EndRow)
            theirs_block = theirs.getCellRangeByPosition(0, 0, area.EndColumn, area.EndRow)
            for r, (f_ours, f_theirs, v_ours, v_theirs) in enumerate(zip(
                    mine.getFormulaArray(), theirs_block.getFormulaArray(),
                    mine.getDataArray(), theirs_block.getDataArray())):
                for c in range(len(f_theirs)):
                    if (r, c) in texts:
                        translated += f_ours[c] != f_theirs[c]
                        assert not english_functions.search(f_ours[c]), f"{name} row {r + 1} col {c + 1}: {f_ours[c]}"
                        continue
                    assert not any(english in f_ours[c] for english in quoted.values()), \
                        f"{name} row {r + 1} col {c + 1}: {f_ours[c]}"
                    if f_theirs[c].startswith("="):
                        assert in_english(f_ours[c]) == unquoted(f_theirs[c], english_names), \
                            f"{name} row {r + 1} col {c + 1}"
                    if isinstance(v_theirs[c], float):
                        assert v_ours[c] == pytest.approx(v_theirs[c], rel=1e-12, abs=1e-12), \
                            f"{name} row {r + 1} col {c + 1}"
        assert translated > 20  # the texts are in the language
    finally:
        office.close(doc)


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("template", list(FILE_NAMES))
def test_every_number_of_every_template_reads_right_on_screen(request, tmp_path, template, lang):
    """Each template in its language, opened in an office of that language and recalculated: every
    number shows its value in that locale, with a thousands separator where it is 10,000 or more,
    and fits its column (no ###); no text is cut off by the cell beside it or wrapped inside a word;
    every chart fits a 1366 × 768 screen, has a legend when it has more than one series and, over
    years, the years as its category labels. tests/calc/display.py says how; its controls are in
    test_scenario.py."""
    office = request.getfixturevalue({"en": "office", "fi": "office_fi", "sv": "office_sv"}[lang])
    doc = office.load(built(template if lang == "en" else FILE_NAMES[template][lang]), as_template=True)
    try:
        office.recalc_hard(doc)
        assert display_problems(office, doc, "." if lang == "en" else ",", tmp_path) == []
    finally:
        office.close(doc)
