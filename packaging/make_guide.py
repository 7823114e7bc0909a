#!/usr/bin/python3
"""Builds the HTML user guides shipped in the .oxt, one per language: help/en/index.html,
help/fi/index.html and help/sv/index.html. Kuntaplan ▸ User guide opens the one of the office's
language.

    make_guide.py --table addin/function_table.hpp --l10n addin/l10n --planner docs/guide/planner \
                  --images docs/img --out <dir> docs/guide/*.md

Each guide is one page, in this order:

1. the planners' page in its language (docs/guide/planner/<lang>.md): what Kuntaplan is for, the
   menu, the templates, entering the functions, worked examples;
2. a reference of every spreadsheet function, generated from the function table
   (addin/function_table.hpp, in its order) and the add-in's texts in that language
   (addin/l10n/root.txt for English, fi.txt, sv.txt: the texts the Function Wizard shows). A row
   without texts in a language, with another argument count there, or with another English name in
   root.txt, stops the build, so no function can be missing from any guide;
3. the method chapters, every page of docs/guide/ (each engineer's area page is picked up
   automatically): in English, or their translations docs/guide/fi/<page>.md and
   docs/guide/sv/<page>.md. A missing translation stops the build; tests/check_chapters.py checks
   that each says what the English says (figures, functions, structure).

The developer material (building, testing, the code) stays in README.md and CONTRIBUTING.md and is
not part of any guide. <dir>/index.html lets a reader choose the language; images referenced as
docs/img/… are copied to <dir>/img. Needs python3-markdown (Debian package).
"""

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from function_table import read_function_table  # noqa: E402

import markdown

EXTENSIONS = ["tables", "fenced_code", "toc", "sane_lists", "attr_list"]

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #222; }
nav { background: #f3f6fa; padding: .5em 1em; border: 1px solid #dde6f0; }
p.languages { text-align: right; }
h1, h2, h3 { color: #1f3b5c; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; }
th { background: #dde6f0; }
code, pre { background: #f5f5f5; }
pre { padding: .5em; overflow-x: auto; }
img { max-width: 100%; border: 1px solid #ccc; }
dt { font-weight: bold; margin-top: .8em; }
"""

# What each guide says around the pages, in its language. `bundle` is the add-in's ICU bundle source
# of the language's function texts.
LANGUAGES = {
    "en": {
        "bundle": "root.txt",
        "name": "English",
        "title": "Kuntaplan user guide",
        "reference": "Reference of every function",
        "reference_intro": "The names, descriptions and arguments below are the ones the Function Wizard "
                           "shows (Insert ▸ Function, category Kuntaplan) in an English LibreOffice. "
                           "Finnish and Swedish names are listed on the planners' page above.",
        "english_name": None,
        "stored": "Stored in files as",
        "methods": "Method chapters",
        "methods_intro": "The chapters below explain each area in depth: the methods and their sources, "
                         "every option, and worked examples with real data.",
    },
    "fi": {
        "bundle": "fi.txt",
        "name": "suomi",
        "title": "Kuntaplan – käyttöopas",
        "reference": "Kaikkien funktioiden käsikirja",
        "reference_intro": "Alla olevat nimet, kuvaukset ja argumentit ovat samat, jotka ohjattu funktion "
                           "luonti (Lisää ▸ Funktio, luokka Kuntaplan) näyttää suomenkielisessä "
                           "LibreOfficessa. Jokaisen funktion englanninkielinen nimi on mainittu, koska "
                           "englanninkielinen LibreOffice näyttää sen.",
        "english_name": "Englanniksi",
        "stored": "Tallennetaan tiedostoihin nimellä",
        "methods": "Menetelmäluvut",
        "methods_intro": "Seuraavat luvut käsittelevät kunkin aihepiirin perusteellisesti: menetelmät ja "
                         "niiden lähteet, kaikki asetukset sekä esimerkit todellisilla tiedoilla.",
    },
    "sv": {
        "bundle": "sv.txt",
        "name": "svenska",
        "title": "Kuntaplan – användarhandbok",
        "reference": "Referens över alla funktioner",
        "reference_intro": "Namnen, beskrivningarna och argumenten nedan är desamma som Funktionsguiden "
                           "(Infoga ▸ Funktion, kategorin Kuntaplan) visar i ett svenskspråkigt "
                           "LibreOffice. Varje funktions engelska namn anges också, eftersom "
                           "ett engelskspråkigt LibreOffice visar det.",
        "english_name": "På engelska",
        "stored": "Sparas i filer som",
        "methods": "Metodkapitel",
        "methods_intro": "Följande kapitel går grundligt igenom varje område: metoderna och deras källor, "
                         "alla alternativ och räkneexempel med verkliga data.",
    },
}

ENTRY = re.compile(r'(\w+):table \{\s*name:string \{ "((?:[^"\\]|\\.)*)" \}\s*'
                   r'description:string \{ "((?:[^"\\]|\\.)*)" \}\s*args:array \{(.*?)\n\s*\}\n', re.S)
ARGUMENT = re.compile(r'\{ "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)" \}')


def unescape(text: str) -> str:
    return text.replace('\\"', '"')


def function_reference(table: dict, bundle: str, bundle_name: str, texts: dict) -> str:
    """A Markdown reference of every row of the function table, with the texts of one ICU bundle."""
    lines = [f"# {texts['reference']}", "", texts["reference_intro"], ""]
    found = {method: (name, description, args) for method, name, description, args in ENTRY.findall(bundle)}
    for method, (table_name, count) in table.items():
        if method not in found:
            sys.exit(f"make_guide: {method} of the function table has no texts in {bundle_name}")
        name, description, args = found[method]
        arguments = ARGUMENT.findall(args)
        if len(arguments) != count or (texts["english_name"] is None and name != table_name):
            sys.exit(f"make_guide: {bundle_name} names {method} {name!r} with {len(arguments)} arguments, "
                     f"the function table {table_name!r} with {count}")
        lines += [f"## {name}", "", f"`{name}({'; '.join(unescape(a) for a, _ in arguments)})`", ""]
        if texts["english_name"]:
            lines += [f"*{texts['english_name']}: {table_name}*", ""]
        lines += [unescape(description), ""]
        for arg_name, arg_text in arguments:
            lines.append(f"- **{unescape(arg_name)}**: {unescape(arg_text)}")
        lines += ["", f"<small>{texts['stored']} ORG.KUNTAPLAN.FUNCTIONS.{method.upper()}</small>", ""]
    return "\n".join(lines)


def demote(text: str, levels: int) -> str:
    """Shifts every heading `levels` levels down, so that each part sits under the guide's title."""
    return re.sub(r"^(#+) ", lambda m: "#" * levels + m.group(1) + " ", text, flags=re.M)


def anchor_title(text: str, anchor: str) -> str:
    """Gives a page's title (its first `# ` heading) a fixed id, the target of links to the page."""
    return re.sub(r"^# (.*)$", lambda m: f"# {m.group(1)} {{#{anchor}}}", text, count=1, flags=re.M)


def page_anchor(page: Path) -> str:
    return "page-" + page.stem


def internal_links(source: str, pages: list) -> str:
    """Links between the pages (x.md, ../x.md, docs/guide/x.md, ../fi/x.md, with or without #anchor)
    become links inside the one page; images (docs/img/x.png, ../img/x.png) point to help/img/."""
    for page in pages:
        prefix = r"\]\((?:\.\./)*(?:docs/guide/)?(?:(?:fi|sv)/)?" + re.escape(page.name)
        source = re.sub(prefix + r"#([^)\s]+)\)", r"](#\1)", source)
        source = re.sub(prefix + r"\)", f"](#{page_anchor(page)})", source)
    return re.sub(r"\]\((?:\.\./)*(?:docs/)?img/", "](../img/", source)


def chapter_of(page: Path, language: str) -> Path:
    """The method chapter `page` (docs/guide/x.md) in `language`: the page itself in English, else
    docs/guide/<language>/x.md, which must be there."""
    if language == "en":
        return page
    translation = page.parent / language / page.name
    if not translation.is_file():
        sys.exit(f"make_guide: {page.name} has no {language} translation {translation}")
    return translation


def build(language: str, texts: dict, planner: str, reference: str, pages: list, others: dict) -> str:
    """The guide of one language as an HTML page."""
    chapters = [anchor_title(chapter_of(page, language).read_text(encoding="utf-8"), page_anchor(page))
                for page in pages]
    source = "\n\n".join([demote(planner, 1), demote(reference, 1),
                          f"## {texts['methods']} {{#method-chapters}}\n\n{texts['methods_intro']}"]
                         + [demote(chapter, 2) for chapter in chapters])
    source = internal_links(source, pages)
    switch = " · ".join(f"[{others[code]}](../{code}/index.html)" if code != language else others[code]
                        for code in others)
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"toc_depth": "2-3"}})
    body = converter.convert(f"# {texts['title']}\n\n{switch}\n{{: .languages}}\n\n[TOC]\n\n{source}")
    body = body.replace('<div class="toc">', "<nav>").replace("</div>", "</nav>", 1)
    ids = set(re.findall(r'\bid="([^"]+)"', body))
    for target in sorted(set(re.findall(r'href="#([^"]+)"', body)) - ids):
        print(f"make_guide: warning: the {language} guide links to #{target}, which is not there",
              file=sys.stderr)
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{html.escape(texts['title'])}</title><style>{STYLE}</style></head>\n<body>\n"
            f"{body}\n</body></html>\n")


def chooser(languages: dict) -> str:
    """help/index.html: a link to each language's guide."""
    items = "\n".join(f'<li lang="{code}"><a href="{code}/index.html">{html.escape(texts["title"])}</a> '
                      f"({html.escape(texts['name'])})</li>" for code, texts in languages.items())
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Kuntaplan</title>'
            f"<style>{STYLE}</style></head>\n<body>\n<h1>Kuntaplan</h1>\n<ul>\n{items}\n</ul>\n"
            "</body></html>\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", type=Path, required=True, help="addin/function_table.hpp")
    parser.add_argument("--l10n", type=Path, required=True, help="addin/l10n (root.txt, fi.txt, sv.txt)")
    parser.add_argument("--planner", type=Path, required=True, help="docs/guide/planner (en.md, fi.md, sv.md)")
    parser.add_argument("--images", type=Path, help="docs/img, copied to <out>/img")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("pages", type=Path, nargs="*",
                        help="the method chapters, docs/guide/*.md (their translations beside them in fi/, sv/)")
    args = parser.parse_args()

    table = read_function_table(args.table)
    pages = sorted(args.pages)
    others = {code: texts["name"] for code, texts in LANGUAGES.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    for language, texts in LANGUAGES.items():
        planner = args.planner / f"{language}.md"
        if not planner.is_file():
            sys.exit(f"make_guide: the planners' page {planner} is missing")
        bundle = args.l10n / texts["bundle"]
        reference = function_reference(table, bundle.read_text(encoding="utf-8"), bundle.name, texts)
        page = build(language, texts, planner.read_text(encoding="utf-8"), reference, pages, others)
        (args.out / language).mkdir(exist_ok=True)
        (args.out / language / "index.html").write_text(page, encoding="utf-8")
    (args.out / "index.html").write_text(chooser(LANGUAGES), encoding="utf-8")
    if args.images and args.images.is_dir():
        shutil.copytree(args.images, args.out / "img", dirs_exist_ok=True)
    print(f"make_guide: {', '.join(LANGUAGES)} guides with {len(table)} functions and {len(pages)} "
          f"method chapters in {html.escape(str(args.out))}")


if __name__ == "__main__":
    main()
