#!/usr/bin/python3
"""The user guides shipped in the .oxt, as a planner opens them with Kuntaplan ▸ User guide (a ctest,
no office needed):

    check_guide.py build/kuntaplan.oxt      (or the folder make_guide.py wrote, e.g. build/help)

For each of en, fi and sv: help/<lang>/index.html is there; it starts with the planners' page of its
language (docs/guide/planner/<lang>.md), then the reference of every function under the names of that
language's add-in texts (addin/l10n/root.txt, fi.txt, sv.txt), then the method chapters in that
language (docs/guide/*.md, docs/guide/fi|sv/*.md; tests/check_chapters.py compares them); the keys
for array formulas are those of the language's keyboard; it holds no developer material (building,
installing as root, the code's folders), which belongs to README.md and CONTRIBUTING.md; its links
inside the page and its pictures resolve. help/index.html links to the three. Prints every problem found and exits with 1 if there is one."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = {"en": "root.txt", "fi": "fi.txt", "sv": "sv.txt"}
# What a planner's guide must not contain: the README's and CONTRIBUTING's material (lower case).
DEVELOPER = ["run.sh", "test.sh", "cmake", "core/", "addin/", "apt-get", "unopkg", "scripts/",
             "contributing", "templates/make_", "as root", "sudo ", "genrb", "catch2", "pytest"]
ARRAY_KEYS = {"en": "Ctrl+Shift+Enter", "fi": "Ctrl+Vaihto+Enter", "sv": "Ctrl+Skift+Retur"}
DECIMAL = {"en": "0.95", "fi": "0,95", "sv": "0,95"}


class Guides:
    """The help/ files of an .oxt, or of the folder make_guide.py wrote."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path) if path.is_file() else None

    def read(self, name: str) -> str | None:
        if self.zip is not None:
            try:
                return self.zip.read(f"help/{name}").decode("utf-8")
            except KeyError:
                return None
        file = self.path / name
        return file.read_text(encoding="utf-8") if file.is_file() else None

    def exists(self, name: str) -> bool:
        if self.zip is not None:
            return f"help/{name}" in self.zip.namelist()
        return (self.path / name).is_file()


def text_of(html: str) -> str:
    """The page's text without tags and with the entities a guide uses."""
    text = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return re.sub(r"[ \t\n\u00a0]+", " ", text)


def function_names(bundle: str) -> list[str]:
    text = (REPO / "addin" / "l10n" / bundle).read_text(encoding="utf-8")
    return re.findall(r'^\s*name:string \{ "([^"]+)" \}', text, flags=re.M)


def headings(html: str) -> list[tuple[str, str, str]]:
    """(level, id, text) of every heading, in order."""
    return [(level, anchor, text_of(inner).strip())
            for level, anchor, inner in re.findall(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', html, flags=re.S)]


def check_language(guides: Guides, language: str) -> list[str]:
    problems = []
    page = guides.read(f"{language}/index.html")
    if page is None:
        return [f"{language}: help/{language}/index.html is missing"]
    text = text_of(page)
    lowered = text.lower()
    if f'<html lang="{language}"' not in page:
        problems.append(f"{language}: the page does not declare lang=\"{language}\"")

    # Order: the planners' page first, then the function reference, then the method chapters.
    planner = (REPO / "docs" / "guide" / "planner" / f"{language}.md").read_text(encoding="utf-8")
    planner_title = next(line[2:].strip() for line in planner.splitlines() if line.startswith("# "))
    titles = [t for _, _, t in headings(page)]
    levels = {t: level for level, _, t in headings(page)}
    if planner_title not in titles:
        return problems + [f"{language}: the planners' page ({planner_title!r}) is not in the guide"]
    if levels[planner_title] != "2" or [t for level, _, t in headings(page) if level == "2"][0] != planner_title:
        problems.append(f"{language}: the guide does not open with the planners' page")
    for section in re.findall(r"^## (.+)$", planner, flags=re.M):
        if text_of(section).replace("`", "").strip() not in titles:
            problems.append(f"{language}: the planners' section {section!r} is missing")
    ids = [anchor for _, anchor, _ in headings(page)]
    if "method-chapters" not in ids:
        problems.append(f"{language}: there is no method chapters section")
    else:
        methods_at = page.index('id="method-chapters"')
        chapters = sorted((REPO / "docs" / "guide").glob("*.md"))
        for chapter in chapters:
            at = page.find(f'id="page-{chapter.stem}"')
            if at < methods_at:
                problems.append(f"{language}: the method chapter {chapter.name} is missing or before the reference")
                continue
            # The chapter in this guide's language: its title is the title of that language's file.
            source = chapter if language == "en" else chapter.parent / language / chapter.name
            title = next((line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines()
                          if line.startswith("# ")), None) if source.is_file() else None
            shown = text_of(page[at:page.index("</h", at)].split(">", 1)[1]).strip()
            if title is None or text_of(title).replace("`", "").strip() != shown:
                problems.append(f"{language}: the method chapter {chapter.name} is not the one of "
                                f"{source.relative_to(REPO)} (title {shown!r})")

    # Every function under its name in this language, between the planners' page and the chapters.
    names = function_names(LANGUAGES[language])
    english = function_names("root.txt")
    if len(names) != len(english) or len(names) < 20:
        problems.append(f"{language}: {len(names)} functions in {LANGUAGES[language]}, {len(english)} in root.txt")
    planner_at = page.index(">" + planner_title.replace("&", "&amp;") + "<") if planner_title in page else 0
    methods_at = page.find('id="method-chapters"')
    for name, english_name in zip(names, english):
        found = re.search(r'<h3 id="[^"]*">' + re.escape(name) + "</h3>", page)
        if not found:
            problems.append(f"{language}: no reference of {name}")
        elif not planner_at < found.start() < methods_at:
            problems.append(f"{language}: the reference of {name} is not between the planners' page and the chapters")
        if language != "en" and english_name not in text:
            problems.append(f"{language}: the English name {english_name} is not given")

    # The language's own conventions.
    if ARRAY_KEYS[language] not in text:
        problems.append(f"{language}: the array formula keys {ARRAY_KEYS[language]} are not explained")
    if DECIMAL[language] not in text:
        problems.append(f"{language}: no number written as {DECIMAL[language]}")

    # No developer material, and none of the README's sections.
    for word in DEVELOPER:
        for match in re.finditer(re.escape(word), lowered):
            context = text[max(match.start() - 60, 0):match.end() + 60].replace("\n", " ")
            problems.append(f"{language}: developer material {word!r}: …{context}…")
    for readme_heading in ("The two commands", "Installing the extension by hand", "For developers"):
        if readme_heading in titles:
            problems.append(f"{language}: the README's section {readme_heading!r} is in the guide")

    # Links inside the page and pictures resolve.
    for target in sorted(set(re.findall(r'href="#([^"]+)"', page)) - set(re.findall(r'\bid="([^"]+)"', page))):
        problems.append(f"{language}: a link to #{target}, which is not in the page")
    for source in re.findall(r'<img [^>]*src="([^"]+)"', page):
        if not source.startswith("../") or not guides.exists(source[3:]):
            problems.append(f"{language}: the picture {source} is not shipped")
    for other in LANGUAGES:
        if other != language and f'href="../{other}/index.html"' not in page:
            problems.append(f"{language}: no link to the {other} guide")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    guides = Guides(Path(sys.argv[1]))
    problems = []
    for language in LANGUAGES:
        problems += check_language(guides, language)
    chooser = guides.read("index.html")
    if chooser is None or any(f'href="{language}/index.html"' not in chooser for language in LANGUAGES):
        problems.append("help/index.html does not link to the three guides")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"check_guide: the en, fi and sv guides in {sys.argv[1]} are complete and for planners")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
