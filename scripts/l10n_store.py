"""The one store of Kuntaplan's user-visible texts, addin/l10n/ (see its README.md), as the scripts
read it: the checker (check_l10n.py) and the build's generators of the dialog texts
(packaging/dialog/make_properties.py) and the menu (packaging/make_addons.py).

- A parser for the subset of the ICU resource bundle syntax the bundles use: tables, arrays and
  strings (adjacent strings concatenated), into dicts, lists and str.
- The ui package (addin/l10n/ui/<lang>.txt): root first, then the translations.
- How the dialogs (.xdl) and the menu template (Addons.xcu.in) name their texts in the store.
"""

import glob
import os
import re

# ----------------------------------------------------------------------------- parser

class ParseError(Exception):
    pass


TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<linecomment>//[^\n]*)
  | (?P<blockcomment>/\*.*?\*/)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<brace>[{}])
  | (?P<comma>,)
  | (?P<word>[^\s{}",:/]+(?::[A-Za-z]+)?)
    """,
    re.VERBOSE | re.DOTALL,
)

ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def unescape(body, where):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = body[i + 1]
        if n in ESCAPES:
            out.append(ESCAPES[n])
            i += 2
        elif n == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif n == "U":
            out.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        else:
            raise ParseError(f"{where}: unknown escape \\{n}")
    return "".join(out)


def tokenize(text, path):
    pos, line = 0, 1
    tokens = []
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise ParseError(f"{path}:{line}: cannot parse near {text[pos:pos + 30]!r}")
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "string":
            tokens.append(("string", unescape(value[1:-1], f"{path}:{line}"), line))
        elif kind in ("brace", "comma", "word"):
            tokens.append((kind, value, line))
        line += value.count("\n")
        pos = m.end()
    return tokens


class Parser:
    """Parses `name[:type] { ... }` into dicts (tables), lists (arrays) and str (strings)."""

    def __init__(self, tokens, path):
        self.t, self.i, self.path = tokens, 0, path

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            line = tok[2] if tok[2] else "end"
            raise ParseError(f"{self.path}:{line}: expected {value or kind}, found {tok[1]!r}")
        self.i += 1
        return tok

    def resource(self):
        """After the name: { body }. Returns the value."""
        self.take("brace", "{")
        kind, value, _ = self.peek()
        # a string (possibly "a" "b" concatenated) or a table/array body
        if kind == "string":
            parts = []
            while self.peek()[0] == "string":
                parts.append(self.take()[1])
            if self.peek()[0] == "comma":  # array of strings without braces: { "a", "b" }
                items = ["".join(parts)]
                while self.peek()[0] == "comma":
                    self.take()
                    if self.peek()[0] == "brace":
                        break
                    s = []
                    while self.peek()[0] == "string":
                        s.append(self.take()[1])
                    items.append("".join(s))
                self.take("brace", "}")
                return items
            self.take("brace", "}")
            return "".join(parts)
        if kind == "brace" and value == "{":  # unnamed members: an array
            items = []
            while self.peek()[0] == "brace" and self.peek()[1] == "{":
                items.append(self.resource())
                if self.peek()[0] == "comma":
                    self.take()
            self.take("brace", "}")
            return items
        table = {}
        while not (self.peek()[0] == "brace" and self.peek()[1] == "}"):
            name_tok = self.take("word")
            key = name_tok[1].split(":")[0]
            if key in table:
                raise ParseError(f"{self.path}:{name_tok[2]}: duplicate key {key}")
            table[key] = self.resource()
        self.take("brace", "}")
        return table

    def bundle(self):
        name = self.take("word")[1].split(":")[0]
        value = self.resource()
        if self.peek()[0] is not None:
            raise ParseError(f"{self.path}:{self.peek()[2]}: text after the bundle")
        return name, value


def load_bundle(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return Parser(tokenize(text, path), path).bundle()


def read_package(directory):
    """The bundles of one package folder as {language: table}, root first, then by language code.
    Raises ParseError on a file that does not parse or whose top-level table is not named like it."""
    paths = sorted(glob.glob(os.path.join(directory, "*.txt")))
    stems = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    if "root" not in stems:
        raise ParseError(f"{directory}: no root.txt")
    bundles = {}
    for stem, path in sorted(zip(stems, paths), key=lambda item: (item[0] != "root", item[0])):
        name, value = load_bundle(path)
        if name != stem:
            raise ParseError(f"{path}: top-level table is '{name}', must be '{stem}'")
        if not isinstance(value, dict):
            raise ParseError(f"{path}: the top level must be a table")
        bundles[stem] = value
    return bundles


# ------------------------------------------------------------------ dialogs and menu

# A dialog's texts are &-references in its .xdl: "&amp;12.Wizard.NameLabel" is the text
# dialog/ScenarioWizard/NameLabel of the ui package, written as line 12.Wizard.NameLabel of
# ScenarioWizard_<locale>.properties (the number and the prefix are the .xdl's own).
DIALOG_REFERENCE = re.compile(r"&amp;(\d+)\.(\w+)\.(\w+)")

# The .properties locale of each language of the ui package (the office picks the file of its UI
# locale, and the en_US one, marked by <dialog>_en_US.default, for any other).
PROPERTIES_LOCALES = {"root": "en_US", "fi": "fi_FI", "sv": "sv_FI"}
DEFAULT_PROPERTIES_LOCALE = "en_US"

# A line "@menu.NewScenario@" of packaging/Addons.xcu.in stands for the <value xml:lang=…> lines of
# the text menu/NewScenario in every language of the ui package, indented like it.
MENU_PLACEHOLDER = re.compile(r"^([ \t]*)@menu\.(\w+)@[ \t]*$", re.MULTILINE)

# The xml:lang of each language in Addons.xcu (root is English; a translation uses its code).
MENU_LANGUAGES = {"root": "en-US"}


def dialog_references(xdl_path):
    """The &-references of an .xdl in order: [(number, prefix, key)], each once."""
    with open(xdl_path, encoding="utf-8") as f:
        found = DIALOG_REFERENCE.findall(f.read())
    seen, references = set(), []
    for number, prefix, key in found:
        if (number, prefix, key) not in seen:
            seen.add((number, prefix, key))
            references.append((int(number), prefix, key))
    return references


def java_escape(text):
    """A .properties value: every character beyond ASCII as \\uXXXX."""
    return "".join(c if ord(c) < 128 else "\\u%04x" % ord(c) for c in text)
