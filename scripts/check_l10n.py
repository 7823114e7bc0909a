#!/usr/bin/env python3
"""Check the Kuntaplan text store (addin/l10n/, every user-visible text) without building anything.

Checks, for the function texts, every <lang>.txt next to root.txt (en.txt may be empty: it
inherits root):
  - the file parses (the subset of ICU resource bundle syntax we use) and its top-level
    table is named like the file;
  - root has exactly the functions of addin/function_table.hpp, with the table's English name and
    argument count (the table is the one declaration of each function);
  - the same function keys (IDL method names) as root, each with name, description and args;
  - the same number of arguments per function as root, each a pair { "name", "description" };
  - display names: upper case, dotted, no spaces, and unique within and across all languages
    (compared case-insensitively, as Calc compares them);
  - argument names: lower case, no spaces (use _), unique within a function;
  - optional arguments: marked "(optional" in root and the language's own marker in the
    translation (fi "(valinnainen", sv "(valfri"), in the same positions;
  - display names do not collide with a LibreOffice Calc built-in function name in English,
    Finnish or Swedish (read from the installed LibreOffice language packs, if present);
  - the files compile with genrb (if genrb is installed; --no-genrb skips).
  - lengths: an argument's text at most 140 characters, a function's description at most 200. The
    Function Wizard (LibreOffice 7.4, at its default size) shows three lines of a function's
    description and two of an argument's, about 215 and 155 characters, and cuts the rest with "…"
    (seen on screenshots of the fi, sv and en wizards); the limits leave room for word wrapping.

For the ui package (ui/<lang>.txt: the commands' texts, the dialogs' and the menu's):
  - every text of root is in every language but en (which inherits root), no language has a key
    root lacks, and no text is empty;
  - each command text has the same ICU MessageFormat arguments as root ({0}, {1,number,integer},
    plural and select arguments with the arguments inside them), parses as MessageFormat, and its
    plural and select arguments have an "other" form;
  - the dialog tables are complete: each dialog/<Dialog> has exactly the texts its
    packaging/dialog/<Dialog>.xdl refers to, and each language has a .properties locale;
  - the menu table has exactly the titles packaging/Addons.xcu.in uses;
  - the files compile with genrb.
For the template tables (templates/*.tsv): three non-empty tab-separated columns (English,
Finnish, Swedish) on every line that is not empty, a comment (#) or an "@include" of another table.
And scripts/check_messages.py (the error messages and keywords, addin/l10n/messages/).

Prints a summary and the display-name table; exits 1 if any problem was found.
Usage: scripts/check_l10n.py [--dir addin/l10n] [--lo-resource DIR] [--no-genrb]
"""

import argparse
import gettext
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

from function_table import read_function_table as function_table
from l10n_store import (MENU_PLACEHOLDER, PROPERTIES_LOCALES, ParseError, dialog_references, load_bundle,
                        read_package)

ARG_DESC_MAX = 140
DESC_MAX = 200
OPTIONAL_MARKERS = {"root": "(optional", "en": "(optional", "fi": "(valinnainen", "sv": "(valfri"}
LO_RESOURCE_DEFAULT = "/usr/lib/libreoffice/program/resource"


# ------------------------------------------------------------------- LibreOffice names



def table_problems(table, root_funcs):
    problems = []
    if not table:
        return ["function_table.hpp: no rows found"]
    for method in sorted(set(table) - set(root_funcs)):
        problems.append(f"root: no texts for {method} of function_table.hpp")
    for method in sorted(set(root_funcs) - set(table)):
        problems.append(f"root: {method} is not in function_table.hpp")
    for method in sorted(set(table) & set(root_funcs)):
        entry = root_funcs[method]
        if not isinstance(entry, dict):
            continue
        name, count = table[method]
        if entry.get("name") != name:
            problems.append(f"root: {method} is named {entry.get('name')!r}, function_table.hpp says {name!r}")
        args = entry.get("args")
        if isinstance(args, list) and len(args) != count:
            problems.append(f"root: {method} has {len(args)} arguments, function_table.hpp says {count}")
    return problems


def builtin_names(resource_dir):
    """Calc built-in function names (upper case) by language, from the language packs."""
    names = {}
    mos = sorted(glob.glob(os.path.join(resource_dir, "*", "LC_MESSAGES", "for.mo")))
    mos += sorted(glob.glob(os.path.join(resource_dir, "*", "LC_MESSAGES", "sca.mo")))
    for mo in mos:
        lang = mo.split(os.sep)[-3]
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        for key, value in catalog.items():
            if not isinstance(key, str) or "\x04" not in key:
                continue
            context, msgid = key.split("\x04", 1)
            if context == "RID_STRLIST_FUNCTION_NAMES" or "_FUNCNAME_" in context:
                if msgid.startswith("#"):  # #All, #DIV/0! ...: not functions
                    continue
                names.setdefault("en", {})[msgid.upper()] = msgid
                names.setdefault(lang, {})[value.upper()] = value
    return names


# ------------------------------------------------------------- MessageFormat patterns

def message_arguments(pattern):
    """The arguments of an ICU MessageFormat pattern as a set of (name, type, style): {0} is
    ("0", "", ""), {1,number,integer} ("1", "number", "integer"), a plural or select argument
    (name, "plural", "") together with the arguments inside its forms. Quoting follows ICU's default
    (an apostrophe quotes only before { } or, inside a plural form, #; '' is one apostrophe).
    Raises ValueError where ICU would refuse the pattern, and on a plural or select without "other"."""
    found = set()
    end = _message(pattern, 0, found, in_plural=False)
    if end != len(pattern):
        raise ValueError(f"unmatched }} at {end}")
    return found


def _message(p, i, found, in_plural):
    """Message text from i up to an unmatched } (its index) or the end."""
    while i < len(p):
        c = p[i]
        if c == "'":
            if p.startswith("''", i):
                i += 2
            elif i + 1 < len(p) and (p[i + 1] in "{}" or (in_plural and p[i + 1] == "#")):
                i += 1  # a quoted literal up to the next lone apostrophe (or the end)
                while i < len(p):
                    if p.startswith("''", i):
                        i += 2
                    elif p[i] == "'":
                        i += 1
                        break
                    else:
                        i += 1
            else:
                i += 1
        elif c == "{":
            i = _argument(p, i + 1, found)
        elif c == "}":
            return i
        else:
            i += 1
    return i


def _argument(p, i, found):
    """An argument after its {: returns the index after its }."""
    def field(start):
        ends = [k for k in (p.find(",", start), p.find("}", start)) if k >= 0]
        if not ends:
            raise ValueError("unterminated argument {")
        end = min(ends)
        return p[start:end].strip(), end

    name, k = field(i)
    if not re.fullmatch(r"\d+|[^\W\d]\w*", name):
        raise ValueError(f"bad argument name {{{name}")
    if p[k] == "}":
        found.add((name, "", ""))
        return k + 1
    kind, k = field(k + 1)
    if kind in ("plural", "selectordinal", "select"):
        if p[k] != ",":
            raise ValueError(f"{{{name},{kind}}} has no forms")
        found.add((name, kind, ""))
        i, forms = k + 1, []
        while True:
            while i < len(p) and p[i].isspace():
                i += 1
            if i >= len(p):
                raise ValueError(f"unterminated {{{name},{kind}")
            if p[i] == "}":
                if "other" not in forms:
                    raise ValueError(f"{{{name},{kind}}} has no 'other' form")
                return i + 1
            m = re.compile(r"[^\s{}]+").match(p, i)
            if not m:
                raise ValueError(f"{{{name},{kind}}}: a form without a selector")
            selector, i = m.group(0), m.end()
            if selector.startswith("offset:"):
                continue
            while i < len(p) and p[i].isspace():
                i += 1
            if i >= len(p) or p[i] != "{":
                raise ValueError(f"{{{name},{kind}}}: form {selector} without {{…}}")
            i = _message(p, i + 1, found, in_plural=kind != "select")
            if i >= len(p):
                raise ValueError(f"{{{name},{kind}}}: form {selector} is not closed")
            forms.append(selector)
            i += 1
    if p[k] == "}":
        found.add((name, kind, ""))
        return k + 1
    close = p.find("}", k + 1)
    if close < 0:
        raise ValueError(f"unterminated {{{name},{kind},")
    found.add((name, kind, p[k + 1:close].strip()))
    return close + 1


def show_arguments(arguments):
    return ", ".join("{" + ",".join(part for part in a if part) + "}" for a in sorted(arguments)) or "none"


# ------------------------------------------------------------------ the ui package

def flatten(table, prefix=""):
    """{path: value} of the strings of a nested table: "sheet.summary", "dialog/ScenarioWizard/Title"."""
    out = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "/"))
        else:
            out[path] = value
    return out


def ui_problems(ui_dir, packaging_dir):
    """Problems of the ui package and a one-line summary."""
    try:
        bundles = read_package(ui_dir)
    except (ParseError, ValueError, IndexError, OSError) as e:
        return [f"ui: {e}"], "ui: not read"
    problems = []
    root = bundles["root"]
    english = flatten(root)
    for lang, bundle in bundles.items():
        texts = flatten(bundle)
        where = f"ui/{lang}"
        for path, value in texts.items():
            if not isinstance(value, str):
                problems.append(f"{where}: {path} must be a string")
            elif not value.strip():
                problems.append(f"{where}: {path} is empty")
        extra = sorted(set(texts) - set(english))
        if extra:
            problems.append(f"{where}: texts not in root (renamed or typo?): {', '.join(extra)}")
        missing = sorted(set(english) - set(texts))
        if missing and lang != "en":
            problems.append(f"{where}: texts missing: {', '.join(missing)}")
        if lang not in ("root", "en") and isinstance(bundle.get("dialog"), dict) and lang not in PROPERTIES_LOCALES:
            problems.append(f"{where}: no .properties locale for {lang}: add it to PROPERTIES_LOCALES in "
                            "scripts/l10n_store.py")
        # The command texts (top-level strings) are MessageFormat patterns.
        for key, value in bundle.items():
            if not isinstance(value, str):
                continue
            try:
                arguments = message_arguments(value)
            except ValueError as e:
                problems.append(f"{where}: {key} is not a MessageFormat pattern: {e}")
                continue
            if lang != "root" and isinstance(root.get(key), str):
                try:
                    wanted = message_arguments(root[key])
                except ValueError:
                    continue  # reported for root
                if arguments != wanted:
                    problems.append(f"{where}: {key} has the arguments {show_arguments(arguments)}, "
                                    f"root has {show_arguments(wanted)}")
    for key, value in root.items():
        if isinstance(value, dict) and key not in ("dialog", "menu"):
            problems.append(f"ui/root: unknown table {key} (the tables are dialog and menu)")

    # The dialogs: the texts each .xdl refers to, no more, no less.
    dialogs = root.get("dialog") if isinstance(root.get("dialog"), dict) else {}
    dialog_texts = 0
    for dialog, texts in dialogs.items():
        xdl = os.path.join(packaging_dir, "dialog", f"{dialog}.xdl")
        if not os.path.isfile(xdl):
            problems.append(f"ui/root: dialog/{dialog} has no packaging/dialog/{dialog}.xdl")
            continue
        references = dialog_references(xdl)
        used = [key for _, _, key in references]
        for key in sorted(set(used) - set(texts)):
            problems.append(f"ui/root: {dialog}.xdl refers to {key}, dialog/{dialog} has no such text")
        for key in sorted(set(texts) - set(used)):
            problems.append(f"ui/root: dialog/{dialog}/{key} is not used by {dialog}.xdl")
        numbers = [number for number, _, _ in references]
        if len(set(numbers)) != len(numbers) or len(set(used)) != len(used):
            problems.append(f"{dialog}.xdl: a text number or key is used with two different references")
        dialog_texts += len(texts)

    # The menu: the titles Addons.xcu.in uses, no more, no less.
    menu = root.get("menu") if isinstance(root.get("menu"), dict) else {}
    template = os.path.join(packaging_dir, "Addons.xcu.in")
    with open(template, encoding="utf-8") as f:
        placeholders = [key for _, key in MENU_PLACEHOLDER.findall(f.read())]
    for key in sorted(set(placeholders) - set(menu)):
        problems.append(f"ui/root: Addons.xcu.in uses @menu.{key}@, the table menu has no such text")
    for key in sorted(set(menu) - set(placeholders)):
        problems.append(f"ui/root: menu/{key} is not used by Addons.xcu.in")

    commands = sum(isinstance(v, str) for v in root.values())
    summary = (f"ui: {', '.join(bundles)}; {commands} command texts, {len(dialogs)} dialogs with "
               f"{dialog_texts} texts, {len(menu)} menu titles")
    return problems, summary


# -------------------------------------------------------------- the template tables

def template_problems(tables_dir):
    """Problems of the template tables (English, Finnish, Swedish a line) and a summary."""
    problems, lines = [], 0
    paths = sorted(glob.glob(os.path.join(tables_dir, "*.tsv")))
    if not paths:
        return [f"templates: no tables in {tables_dir}"], "templates: none"
    for path in paths:
        name = os.path.relpath(path, os.path.dirname(tables_dir))
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f.read().splitlines(), 1):
                if not line.strip() or line.startswith("#"):
                    continue
                if line.startswith("@include "):
                    included = os.path.join(tables_dir, f"{line.split()[1]}.tsv")
                    if not os.path.isfile(included):
                        problems.append(f"{name}:{number}: {line}: no such table")
                    continue
                fields = line.split("\t")
                if len(fields) != 3 or not all(field.strip() for field in fields):
                    problems.append(f"{name}:{number}: expected English, Finnish and Swedish separated by tabs, "
                                    f"found {len(fields)} column(s)")
                lines += 1
    return problems, f"templates: {len(paths)} tables, {lines} texts in 3 languages"


def compile_bundles(genrb, directory, files):
    """None if genrb compiles the files, else its message."""
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([genrb, "-q", "-e", "UTF-8", "-d", out] + [os.path.basename(f) for f in files],
                           cwd=directory, capture_output=True, text=True)
        if r.returncode != 0:
            return f"genrb failed in {directory} ({r.returncode}): {r.stderr.strip() or r.stdout.strip()}"
    return None


# --------------------------------------------------------------------------- checks

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=os.path.join(here, "..", "addin", "l10n"))
    ap.add_argument("--lo-resource", default=LO_RESOURCE_DEFAULT)
    ap.add_argument("--no-genrb", action="store_true")
    opts = ap.parse_args()

    problems = []
    directory = os.path.normpath(opts.dir)
    files = sorted(glob.glob(os.path.join(directory, "*.txt")))
    root_path = os.path.join(directory, "root.txt")
    if root_path not in files:
        print(f"check_l10n: no root.txt in {directory}")
        return 1
    files.remove(root_path)
    files.insert(0, root_path)

    bundles = {}
    for path in files:
        stem = os.path.splitext(os.path.basename(path))[0]
        try:
            name, value = load_bundle(path)
        except (ParseError, ValueError, IndexError) as e:
            problems.append(f"parse: {e}")
            continue
        if name != stem:
            problems.append(f"{stem}.txt: top-level table is '{name}', must be '{stem}'")
        if not isinstance(value, dict):
            problems.append(f"{stem}.txt: top level must be a table")
            continue
        bundles[stem] = value

    root = bundles.get("root")
    if root is None:
        for p in problems:
            print("PROBLEM:", p)
        return 1

    def functions_of(lang, bundle):
        funcs = bundle.get("functions")
        if funcs is None:
            return None
        if not isinstance(funcs, dict):
            problems.append(f"{lang}: 'functions' must be a table")
            return {}
        return funcs

    root_funcs = functions_of("root", root) or {}
    if not root_funcs:
        problems.append("root: no functions")
    table_path = os.path.join(directory, "..", "function_table.hpp")
    problems.extend(table_problems(function_table(table_path), root_funcs))
    if not isinstance(root.get("category"), str) or not root.get("category"):
        problems.append("root: missing category:string")

    # A language with no 'functions' table inherits everything from root (en.txt).
    full = {}  # lang -> {key: (name, description, [(arg, desc)])}
    for lang, bundle in bundles.items():
        funcs = functions_of(lang, bundle)
        if funcs is None:
            if lang != "en":
                problems.append(f"{lang}: no functions table (only en may inherit everything from root)")
            continue
        if "category" in bundle and not isinstance(bundle["category"], str):
            problems.append(f"{lang}: category must be a string")
        missing = sorted(set(root_funcs) - set(funcs))
        extra = sorted(set(funcs) - set(root_funcs))
        if missing and lang != "en":
            problems.append(f"{lang}: functions missing: {', '.join(missing)}")
        if extra:
            problems.append(f"{lang}: functions not in root (renamed or typo?): {', '.join(extra)}")
        entries = {}
        for key, f in funcs.items():
            where = f"{lang}/{key}"
            if not isinstance(f, dict):
                problems.append(f"{where}: must be a table")
                continue
            unknown = sorted(set(f) - {"name", "description", "args"})
            if unknown:
                problems.append(f"{where}: unknown keys {', '.join(unknown)}")
            name, desc, args = f.get("name"), f.get("description"), f.get("args")
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{where}: missing name")
                name = ""
            if not isinstance(desc, str) or not desc.strip():
                problems.append(f"{where}: missing description")
                desc = ""
            pairs = []
            if not isinstance(args, list):
                problems.append(f"{where}: missing args:array")
            else:
                for n, a in enumerate(args, 1):
                    if (not isinstance(a, list) or len(a) != 2
                            or not all(isinstance(s, str) and s.strip() for s in a)):
                        problems.append(f"{where}: argument {n} must be {{ \"name\", \"description\" }}")
                        pairs.append(("", ""))
                    else:
                        pairs.append((a[0], a[1]))
            entries[key] = (name, desc, pairs)
        full[lang] = entries

    root_entries = full.get("root", {})
    for lang, entries in full.items():
        marker = OPTIONAL_MARKERS.get(lang)
        for key, (name, desc, pairs) in entries.items():
            where = f"{lang}/{key}"
            if name and not re.fullmatch(r"[^\W\d_][\w]*(\.[\w]+)*", name):
                problems.append(f"{where}: display name {name!r}: letters, digits, _ and dots only")
            if name and name != name.upper():
                problems.append(f"{where}: display name {name!r} is not upper case")
            if len(desc) > DESC_MAX:
                problems.append(f"{where}: description is {len(desc)} characters (> {DESC_MAX}): the "
                                "Function Wizard cuts it")
            if key in root_entries:
                root_pairs = root_entries[key][2]
                if len(pairs) != len(root_pairs):
                    problems.append(f"{where}: {len(pairs)} arguments, root has {len(root_pairs)}")
            seen = set()
            for n, (arg, adesc) in enumerate(pairs):
                if not arg:
                    continue
                if not re.fullmatch(r"[^\W\d_A-Z][\w]*", arg) or arg != arg.lower():
                    problems.append(f"{where}: argument name {arg!r}: lower case, letters, digits and _ only")
                if arg in seen:
                    problems.append(f"{where}: argument name {arg!r} used twice")
                seen.add(arg)
                if len(adesc) > ARG_DESC_MAX:
                    problems.append(f"{where}/{arg}: description is {len(adesc)} characters "
                                    f"(> {ARG_DESC_MAX}): the Function Wizard cuts it")
                if marker and key in root_entries and n < len(root_entries[key][2]):
                    root_optional = "(optional" in root_entries[key][2][n][1]
                    here_optional = marker in adesc
                    if root_optional != here_optional:
                        problems.append(f"{where}/{arg}: optional in root is {root_optional}, "
                                        f"but '{marker}' {'found' if here_optional else 'not found'}")

    # Display names: unique within and across languages (case-insensitive, as in Calc).
    owners = {}
    for lang, entries in full.items():
        for key, (name, _, _) in entries.items():
            if name:
                owners.setdefault(name.upper(), []).append(f"{lang}/{key}")
    for name, who in sorted(owners.items()):
        if len(who) > 1:
            problems.append(f"display name {name} used by {', '.join(who)}")

    # Display names against Calc's built-in function names.
    builtin_note = "skipped (no LibreOffice language packs found)"
    if os.path.isdir(opts.lo_resource):
        builtins = builtin_names(opts.lo_resource)
        if builtins:
            all_builtins = {}
            for blang, table in builtins.items():
                for upper in table:
                    all_builtins.setdefault(upper, []).append(blang)
            for name, who in sorted(owners.items()):
                if name in all_builtins:
                    problems.append(f"display name {name} ({', '.join(who)}) is a Calc built-in "
                                    f"({', '.join(sorted(all_builtins[name]))})")
            builtin_note = ", ".join(f"{l} {len(t)}" for l, t in sorted(builtins.items()))
            builtin_note = f"no collision with Calc built-ins ({builtin_note} names)"

    # The rest of the store: the ui package and the template tables.
    ui_dir = os.path.join(directory, "ui")
    packaging_dir = os.path.join(here, "..", "packaging")
    found, ui_note = ui_problems(ui_dir, packaging_dir)
    problems.extend(found)
    found, templates_note = template_problems(os.path.join(directory, "templates"))
    problems.extend(found)

    # Compile with genrb.
    genrb_note = "skipped"
    genrb = shutil.which("genrb")
    if not opts.no_genrb and genrb:
        ui_files = sorted(glob.glob(os.path.join(ui_dir, "*.txt")))
        failures = [f for f in (compile_bundles(genrb, directory, files), compile_bundles(genrb, ui_dir, ui_files))
                    if f]
        problems.extend(failures)
        genrb_note = "FAILED" if failures else f"compiled {len(files)} + {len(ui_files)} (ui) files"
    elif not opts.no_genrb:
        genrb_note = "skipped (genrb not installed: apt-get install icu-devtools)"

    # The error messages have a checker of their own.
    messages_note = "no scripts/check_messages.py"
    check_messages = os.path.join(here, "check_messages.py")
    if os.path.isfile(check_messages):
        r = subprocess.run([sys.executable, check_messages], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f"check_messages.py failed ({r.returncode}):\n{r.stdout}{r.stderr}")
            messages_note = "check_messages.py FAILED"
        else:
            messages_note = "check_messages.py passed"

    # Summary.
    langs = [l for l in full]
    print(f"check_l10n: {directory}")
    print(f"  languages: {', '.join(bundles)} (with function tables: {', '.join(langs)})")
    print(f"  functions: {len(root_funcs)}; arguments in root: "
          f"{sum(len(e[2]) for e in root_entries.values())}")
    print(f"  {ui_note}")
    print(f"  {templates_note}")
    print(f"  messages: {messages_note}")
    print(f"  genrb: {genrb_note}")
    if not any("Calc built-in" in p for p in problems):
        print(f"  built-ins: {builtin_note}")
    print()
    widths = [max(len("key"), max((len(k) for k in root_funcs), default=0))]
    for lang in langs:
        widths.append(max([len(lang)] + [len(full[lang].get(k, ("",))[0]) for k in root_funcs]))
    print("  " + "  ".join(h.ljust(w) for h, w in zip(["key"] + langs, widths)))
    for key in root_funcs:
        row = [key] + [full[lang].get(key, ("-",))[0] for lang in langs]
        nargs = len(root_entries.get(key, ("", "", []))[2])
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)) + f"  ({nargs} args)")
    print()
    for p in problems:
        print("PROBLEM:", p)
    print(f"check_l10n: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
