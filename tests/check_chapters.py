#!/usr/bin/python3
"""The Finnish and Swedish method chapters against the English ones (a ctest, no office needed):

    check_chapters.py                       every docs/guide/<lang>/<chapter>.md
    check_chapters.py docs/guide/fi/data.md one translation

Each English chapter docs/guide/<chapter>.md has a translation docs/guide/fi/<chapter>.md and
docs/guide/sv/<chapter>.md, and a translation says what the English says. What a program can
compare, it compares, so that a figure changed in one language and not in the others fails here:

- every figure of the English text is in the translation as often, written the language's way
  (0.95 → 0,95; 653,835 → 653 835 with a no-break space; 31 Dec 2019 → 31.12.2019), and the
  translation has no figure the English lacks; version numbers (R's forecast 8.20, CC BY 4.0) keep
  their point (NOT_DECIMALS), and no decimal keeps its point; a range a..b may be written a–b; in
  formulas and other code each run of digits counts on its own (`1.4` and `1,4` are the same);
- every Kuntaplan function the English names is named by its name in that language (addin/l10n/fi.txt,
  sv.txt), which is what the reader types; the English name may be there too (tables of names);
- the same headings (level by level), pictures (a -fi/-sv screenshot may replace the English one),
  links to the other chapters, code blocks and table rows, in the same order.

Prints every difference and exits with 1 if there is one.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from check_guide import function_names

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "guide"
LANGUAGES = {"fi": "fi.txt", "sv": "sv.txt"}
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"], start=1)}
# Thousands separators a Finnish or Swedish text may use between groups of three digits.
GROUP = "[\u00a0\u202f]"
# A fenced code block, also one indented in a list item.
FENCED = re.compile(r"^[ \t]*```.*?^[ \t]*```", flags=re.S | re.M)


def code_of(text: str) -> tuple[str, str]:
    """(the text without its code, the code): code blocks and `code spans`."""
    code = []

    def take(m: re.Match) -> str:
        code.append(m.group(0))
        return " "

    text = FENCED.sub(take, text)
    text = re.sub(r"`[^`]+`", take, text)  # a code span may run over a line break
    return text, "\n".join(code)


def figures_in_code(code: str) -> Counter:
    """The digit runs of formulas and option texts, which may be typed with a decimal point or comma
    (`1.4`, `1,4`) and hold lists (`"bands=7,13,16"`): so each run of digits counts on its own."""
    return Counter(f"`{run}`" for run in re.findall(r"(?<!\w)\d+", code))


def figures_en(text: str) -> Counter:
    """The figures of an English text, written without separators and with a decimal point."""
    text, code = code_of(text)
    found: Counter = figures_in_code(code)

    def date(m: re.Match) -> str:
        found.update([m.group(1), str(MONTHS[m.group(2)[:3].lower()]), m.group(3)])
        return " "

    text = re.sub(r"(?<!\d)(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b",
                  date, text)
    for m in re.finditer(r"(?<![\w,])(?<![^.]\.)(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)+)?(?![\w])", text):
        found[m.group(1).replace(",", "") + (m.group(2) or "")] += 1
    return found


def figures_local(text: str) -> Counter:
    """The figures of a Finnish or Swedish text, written as figures_en writes them."""
    text, code = code_of(text)
    found: Counter = figures_in_code(code)

    def date(m: re.Match) -> str:
        found.update([m.group(1), str(int(m.group(2))), m.group(3)])
        return " "

    text = re.sub(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w])", date, text)
    number = rf"(?<![\w,])(?<![^.]\.)(\d{{1,3}}(?:{GROUP}\d{{3}})+|\d+)((?:\.\d+)+|,\d+)?(?![\w])"
    for m in re.finditer(number, text):
        whole = re.sub(GROUP, "", m.group(1))
        fraction = (m.group(2) or "").replace(",", ".")
        found[whole + fraction] += 1
    return found


# Figures a Finnish or Swedish text writes with a point because they are not decimals: the version and
# section numbers the chapters cite (R's forecast 8.20, CC BY 4.0, JSON-stat 2.0, Kuntaplan 0.4, Hyndman
# et al. 2008 section 2.6 and equations 6.7-6.8, …). A figure with two points or more (2.6.1) is never a
# decimal, nor is one right after "Calc", which shows what an English office takes ("Calcissa 0.5").
NOT_DECIMALS = {"0.1", "0.4", "2.0", "2.2", "2.3", "2.6", "4.0", "6.1", "6.7", "6.8", "8.20"}


def decimal_points(text: str) -> list[str]:
    """The figures of a Finnish or Swedish text's prose written with a decimal point (2.136 for 2,136)."""
    prose, _ = code_of(text)
    prose = re.sub(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{4}(?![\w])", " ", prose)  # dates
    found = []
    for m in re.finditer(r"(?<![\w,.])\d+\.\d+(?![\w.])", prose):
        if m.group(0) not in NOT_DECIMALS and "Calc" not in prose[max(m.start() - 30, 0):m.start()]:
            found.append(m.group(0))
    return found


def uses(text: str, name: str) -> bool:
    """Whether the text names the function (FC.ETS is not found inside FC.ETS.INFO)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\.?[\w])", text) is not None


def structure(text: str) -> dict[str, list]:
    prose = FENCED.sub("", text)
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    return {
        "heading levels": [len(m) for m in re.findall(r"^(#+) ", prose, flags=re.M)],
        "pictures": [re.sub(r"-(fi|sv)(\.png)$", r"\2", Path(p).name) for p in pictures],
        "links to chapters": re.findall(r"\]\((?:\.\./)*([a-z_]+\.md)", text),
        "code blocks": [len(re.findall(r"^[ \t]*```", text, flags=re.M))],
        "table rows": [len(re.findall(r"^\|", prose, flags=re.M))],
    }


def compare(english: Path, translation: Path, language: str) -> list[str]:
    where = translation.relative_to(REPO)
    if not translation.is_file():
        return [f"{where}: missing (the translation of {english.relative_to(REPO)})"]
    en_text = english.read_text(encoding="utf-8")
    tr_text = translation.read_text(encoding="utf-8")
    problems = []

    en_figures, tr_figures = figures_en(en_text), figures_local(tr_text)
    fewer = {f: n - tr_figures[f] for f, n in en_figures.items() if tr_figures[f] < n}
    extra = sorted(f for f in tr_figures if f not in en_figures)
    if fewer:
        problems.append(f"{where}: figures of the English missing (times): "
                        + ", ".join(f"{f} ({n})" for f, n in sorted(fewer.items())))
    if extra:
        problems.append(f"{where}: figures the English does not have: {', '.join(extra)}")

    if points := decimal_points(tr_text):
        problems.append(f"{where}: written with a decimal point, not a comma: {', '.join(points)} (a version "
                        "or section number belongs in NOT_DECIMALS)")

    # The bundles list the functions in the same order (scripts/check_l10n.py checks it).
    for english_name, local_name in zip(function_names("root.txt"), function_names(LANGUAGES[language])):
        if uses(en_text, english_name) and not uses(tr_text, local_name):
            problems.append(f"{where}: {english_name} is used in English, its name here {local_name} is not")

    en_structure, tr_structure = structure(en_text), structure(tr_text)
    for what, en_items in en_structure.items():
        if tr_structure[what] != en_items:
            problems.append(f"{where}: {what} differ: English {en_items}, here {tr_structure[what]}")
    return problems


def main(argv: list[str]) -> int:
    chapters = sorted(GUIDE.glob("*.md"))
    if argv:
        pairs = []
        for arg in argv:
            path = Path(arg).resolve()
            if path.parent.name not in LANGUAGES:
                print(f"check_chapters: {arg} is not in docs/guide/fi or docs/guide/sv")
                return 2
            pairs.append((GUIDE / path.name, path, path.parent.name))
    else:
        pairs = [(chapter, GUIDE / language / chapter.name, language)
                 for language in LANGUAGES for chapter in chapters]
        for language in LANGUAGES:
            for stray in sorted((GUIDE / language).glob("*.md")):
                if not (GUIDE / stray.name).is_file():
                    pairs.append((GUIDE / stray.name, stray, language))
    problems = []
    for english, translation, language in pairs:
        if not english.is_file():
            problems.append(f"{translation.relative_to(REPO)}: no English chapter {english.name}")
            continue
        problems += compare(english, translation, language)
    for problem in problems:
        print(problem)
    print(f"check_chapters: {len(pairs)} translations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
