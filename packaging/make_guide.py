#!/usr/bin/python3
"""Builds the HTML user guide shipped in the .oxt (help/index.html), opened by Kuntaplan ▸ User guide.

    make_guide.py --readme README.md --table addin/function_table.hpp --l10n addin/l10n/root.txt \
                  --out <dir> docs/guide/*.md

The guide is one page: the user sections of README.md (everything but "For developers"), every
page of docs/guide/ (each engineer's area page is picked up automatically), and a reference of
every spreadsheet function generated from the function table (addin/function_table.hpp, in its
order) and the English texts of the add-in (the same texts the Function Wizard shows): a row without
texts, or with another name or argument count there, stops the build, so no function can be missing. Images referenced as docs/img/… are copied
beside the page. Needs python3-markdown (Debian package).
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
h1, h2, h3 { color: #1f3b5c; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; }
th { background: #dde6f0; }
code, pre { background: #f5f5f5; }
pre { padding: .5em; overflow-x: auto; }
img { max-width: 100%; border: 1px solid #ccc; }
dt { font-weight: bold; margin-top: .8em; }
"""


def user_sections(readme: str) -> str:
    """README.md without its developer section(s)."""
    out, skip = [], False
    for line in readme.splitlines():
        if line.startswith("## "):
            skip = line[3:].strip().lower().startswith("for developers")
        if not skip:
            out.append(line)
    return "\n".join(out)


def function_reference(table: dict, root_txt: str) -> str:
    """A Markdown reference of every row of the function table, with the English texts of the ICU bundle."""
    entry = re.compile(r'(\w+):table \{\s*name:string \{ "((?:[^"\\]|\\.)*)" \}\s*'
                       r'description:string \{ "((?:[^"\\]|\\.)*)" \}\s*args:array \{(.*?)\n\s*\}\n', re.S)
    argument = re.compile(r'\{ "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)" \}')
    lines = ["# Reference of every function", "",
             "The names, descriptions and arguments below are the ones the Function Wizard shows "
             "(Insert ▸ Function, category Kuntaplan). Finnish and Swedish names are listed there too.", ""]
    texts = {method: (name, description, args) for method, name, description, args in entry.findall(root_txt)}
    for method, (table_name, count) in table.items():
        if method not in texts:
            sys.exit(f"make_guide: {method} of the function table has no texts in root.txt")
        name, description, args = texts[method]
        names = [a for a, _ in argument.findall(args)]
        if name != table_name or len(names) != count:
            sys.exit(f"make_guide: root.txt names {method} {name!r} with {len(names)} arguments, "
                     f"the function table {table_name!r} with {count}")
        lines += [f"## {name}", "", f"`{name}({'; '.join(names)})`", "", description.replace('\\"', '"'), ""]
        for arg_name, arg_text in argument.findall(args):
            lines.append(f"- **{arg_name}**: {arg_text}")
        lines += ["", f"<small>Stored in files as ORG.KUNTAPLAN.FUNCTIONS.{method.upper()}</small>", ""]
    return "\n".join(lines)


def demote(text: str) -> str:
    """Shifts every heading one level down so that each page sits under the guide's title."""
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", text, flags=re.M)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", type=Path, required=True)
    parser.add_argument("--table", type=Path, required=True)
    parser.add_argument("--l10n", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("pages", type=Path, nargs="*")
    args = parser.parse_args()

    parts = [("Kuntaplan", user_sections(args.readme.read_text(encoding="utf-8")))]
    for page in sorted(args.pages):
        text = page.read_text(encoding="utf-8")
        title = next((l[2:].strip() for l in text.splitlines() if l.startswith("# ")), page.stem)
        parts.append((title, text))
    parts.append(("Reference of every function", function_reference(read_function_table(args.table),
                                                                         args.l10n.read_text(encoding="utf-8"))))

    source = "\n\n".join(demote(text) for _, text in parts)
    # Links between the pages (docs/guide/x.md) become links inside the one page.
    from markdown.extensions.toc import slugify
    for page, (title, _) in zip(sorted(args.pages), parts[1:]):
        source = re.sub(r"\]\((?:\.\./)*(?:docs/guide/)?" + re.escape(page.name) + r"\)",
                        "](#" + slugify(title, "-") + ")", source)
    # Images: docs/img/x.png in the Markdown → img/x.png beside the page.
    source = re.sub(r"\]\((?:\.\./)*(?:docs/)?img/", "](img/", source)
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"toc_depth": "2-3"}})
    body = converter.convert("# Kuntaplan user guide\n\n[TOC]\n\n" + source)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "index.html").write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Kuntaplan user guide</title><style>{STYLE}</style></head>\n<body>\n"
        + body.replace('<div class="toc">', "<nav>").replace("</div>", "</nav>", 1)
        + "\n</body></html>\n", encoding="utf-8")
    images = args.readme.parent / "docs" / "img"
    if images.is_dir():
        shutil.copytree(images, args.out / "img", dirs_exist_ok=True)
    print(f"make_guide: {len(parts)} parts, {html.escape(str(args.out / 'index.html'))}")


if __name__ == "__main__":
    main()
