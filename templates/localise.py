"""Finnish and Swedish variants of the template workbooks.

Each generator builds its workbook in English and, for --lang fi or sv, calls localise() before
storing it: every constant text cell, cell comment, chart title, sheet name and the document's
title, subject and description is looked up in addin/l10n/templates/<template>.tsv (the text
store, see addin/l10n/README.md) and replaced. The formulas are not touched: renaming a sheet makes
Calc rewrite the references to it, so the formulas stay the same apart from the sheet names. Named
ranges (Check, KeyFigures, the scenario inputs) keep their English names in every language.

The tables are tab-separated: English, Finnish, Swedish, one text a line ("#" starts a comment).
An English column in double quotes ("never") is a text inside formulas, such as IFNA's fallback;
its Finnish and Swedish columns are in double quotes too, and every formula's copy is replaced.
An English column starting with "re:" is a regular expression over the whole text; its Finnish
and Swedish columns may use \\1, \\2 … for its groups and {t1}, {t2} … for them translated. A
line "@include <table>" takes the texts of another table too (the data sheets several templates
share). Texts without a letter (ages, years, "1–2", "99+") and formulas shown as text
("=IMPACT.NPV(…)") need no entry. A text with no entry makes localise() report it: the generator
then fails, so that no English text is left behind silently. Kuntaplan function names in the
texts (POP.PROJECT) become the names the office shows in that language (addin/l10n/fi.txt:
VÄESTÖ.ENNUSTE).
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The template tables of the text store (English, Finnish, Swedish a line).
TABLES = HERE.parent / "addin" / "l10n" / "templates"
LANGUAGES = ("en", "fi", "sv")

# Localised file names of the shipped templates.
FILE_NAMES = {
    "population": {"fi": "väestöennuste", "sv": "befolkningsprognos"},
    "service-costing": {"fi": "palvelujen-kustannuslaskenta", "sv": "tjänstekostnader"},
    "impact": {"fi": "vaikutusarvio", "sv": "konsekvensbedömning"},
    "strategy": {"fi": "strategia", "sv": "strategi"},
    "school-network": {"fi": "kouluverkko", "sv": "skolnätverk"},
}

_LETTER = re.compile(r"[^\W\d_]")


_FUNCTION = re.compile(r'(\w+):table \{\s*name:string \{ "([^"]+)" \}')


def function_names(lang: str) -> dict[str, str]:
    """Kuntaplan's function names as the office shows them in `lang` (addin/l10n/*.txt), by the
    English name: texts that name a function name it as the user sees it."""
    def read(name: str) -> dict[str, str]:
        return dict(_FUNCTION.findall((HERE.parent / "addin" / "l10n" / name).read_text("utf-8")))

    english, local = read("root.txt"), read(f"{lang}.txt")
    return {english[key]: local[key] for key in local if key in english and english[key] != local[key]}


def function_name_pattern(names) -> re.Pattern | None:
    """The English function names `names` where a text names them: also at the end of a sentence
    ("… from COST.TDABC."), but not as the start of a longer name (FC.ETS in FC.ETS.INFO) or of a
    word. None when there are none."""
    if not names:
        return None
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in longest_first) + r")(?!\w|\.\w)")


class Table:
    def __init__(self, template: str, lang: str) -> None:
        column = LANGUAGES.index(lang)
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern, str]] = []
        self._read(TABLES / f"{template}.tsv", column)
        self.missing: list[str] = []
        names = function_names(lang)
        self._names = names
        self._name_pattern = function_name_pattern(names)

    def __call__(self, text: str) -> str:
        translated = self._translate(text)
        if self._name_pattern is None:
            return translated
        return self._name_pattern.sub(lambda m: self._names[m.group(1)], translated)

    def _read(self, path: Path, column: int) -> None:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("@include "):  # the texts of another table (shared data sheets)
                self._read(path.parent / f"{line.split()[1]}.tsv", column)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not all(f.strip() for f in fields):
                raise ValueError(f"{path}:{number}: expected English, Finnish, Swedish separated by tabs")
            english, text = fields[0], fields[column].replace("\\n", "\n")
            if english.startswith("re:"):
                self.patterns.append((re.compile(english[3:]), text))
            else:
                self.exact[english.replace("\\n", "\n")] = text

    def _translate(self, text: str) -> str:
        if text in self.exact:
            return self.exact[text]
        for pattern, replacement in self.patterns:
            if match := pattern.fullmatch(text):
                # {t1}, {t2}: that group, itself translated (a school's name in a column title)
                for number, group in enumerate(match.groups(), 1):
                    if f"{{t{number}}}" in replacement:
                        replacement = replacement.replace(f"{{t{number}}}", self._translate(group))
                return match.expand(replacement)
        if not _LETTER.search(text) or text.startswith("="):
            return text  # numbers, ages, years; a formula shown as text
        if text not in self.missing:
            self.missing.append(text)
        return text


def localise(doc, template: str, lang: str) -> list[str]:
    """Translates the workbook in place; returns the texts that have no translation."""
    if lang == "en":
        return []
    tr = Table(template, lang)
    string_cells = 1 << 2  # com.sun.star.sheet.CellFlags.STRING: constant text, not formulas
    sheets = doc.Sheets
    for index in range(sheets.Count):
        sheet = sheets.getByIndex(index)
        ranges = sheet.queryContentCells(string_cells)
        for address in ranges.RangeAddresses:
            block = sheet.getCellRangeByPosition(address.StartColumn, address.StartRow,
                                                 address.EndColumn, address.EndRow)
            block.setDataArray(tuple(tuple(tr(v) if isinstance(v, str) else v for v in row)
                                     for row in block.getDataArray()))
        annotations = sheet.Annotations
        for i in range(annotations.Count):
            note = annotations.getByIndex(i)
            note.setString(tr(note.getString()))
        charts = sheet.Charts
        for name in charts.ElementNames:
            chart = charts.getByName(name).EmbeddedObject
            if chart.HasMainTitle:
                chart.Title.String = tr(chart.Title.String)
            if chart.HasSubTitle:
                chart.SubTitle.String = tr(chart.SubTitle.String)
            diagram = chart.Diagram
            info = diagram.getPropertySetInfo()
            for flag, getter in (("HasXAxisTitle", "getXAxisTitle"), ("HasYAxisTitle", "getYAxisTitle"),
                                 ("HasSecondaryXAxisTitle", "getSecondXAxisTitle"),
                                 ("HasSecondaryYAxisTitle", "getSecondYAxisTitle")):
                if info.hasPropertyByName(flag) and diagram.getPropertyValue(flag):
                    title = getattr(diagram, getter)()
                    title.String = tr(title.String)
    # Texts inside formulas ("never" of an IFNA): Calc's replace in formulas, every sheet.
    for english, text in tr.exact.items():
        if len(english) > 1 and english[0] == english[-1] == '"':
            for index in range(sheets.Count):
                sheet = sheets.getByIndex(index)
                replace = sheet.createReplaceDescriptor()
                replace.SearchString, replace.ReplaceString = english, text
                replace.SearchCaseSensitive = True
                replace.setPropertyValue("SearchType", 0)  # in formulas
                sheet.replaceAll(replace)
    # The cell language (spelling, hyphenation, the status bar): Finnish or Swedish as spoken in
    # Finland, not the English (USA) of the office that generated the workbook.
    from com.sun.star.lang import Locale
    doc.StyleFamilies.getByName("CellStyles").getByName("Default").CharLocale = Locale(lang, "FI", "")
    # Sheet names last: Calc rewrites every reference to a renamed sheet.
    for index in range(sheets.Count):
        sheet = sheets.getByIndex(index)
        sheet.Name = tr(sheet.Name)
    props = doc.DocumentProperties
    for field in ("Title", "Subject", "Description"):
        value = getattr(props, field)
        if value:
            setattr(props, field, tr(value))
    return tr.missing


def output_name(template: str, lang: str) -> str:
    return template if lang == "en" else FILE_NAMES[template][lang]
