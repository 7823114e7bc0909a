"""Reads the error messages of one language from addin/l10n/messages/<lang>.txt (ICU resource
bundle source): the one store of Kuntaplan's error messages. Used by gen_messages.py (the build)
and check_l10n.py (the translators' check)."""

from __future__ import annotations

import re
from pathlib import Path

ENTRY = re.compile(r'^\s*([a-z][a-z0-9_]*):string \{ "((?:[^"\\]|\\.)*)" \}\s*$')
PLACEHOLDER = re.compile(r"\{(\d+)\}")


def unescape(text: str) -> str:
    """ICU's escapes in a quoted string: \\" \\\\ \\uXXXX \\n."""
    def one(match: re.Match) -> str:
        s = match.group(0)
        if s.startswith("\\u"):
            return chr(int(s[2:], 16))
        return {"\\n": "\n", "\\t": "\t"}.get(s, s[1:])
    return re.sub(r"\\u[0-9a-fA-F]{4}|\\.", one, text)


def table_entries(path: Path, table: str, entry: re.Pattern, expected: str):
    """(line number, match of `entry`) for every entry of `table`:table, one per line; raises
    ValueError on any other line in it but a comment, a blank or the closing brace."""
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(f"{table}:table"):
            inside = True
            continue
        if not inside or not stripped or stripped.startswith("//"):
            continue
        if stripped == "}":
            inside = False
            continue
        match = entry.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: expected {expected} on one line")
        yield number, match


def read_messages(path: Path) -> dict[str, str]:
    """key → text, in file order; raises ValueError on a line inside messages:table that is not
    one entry on one line, a comment or a brace, and on a key given twice."""
    messages: dict[str, str] = {}
    for number, match in table_entries(path, "messages", ENTRY, 'key:string { "text" }'):
        key, text = match.group(1), unescape(match.group(2))
        if key in messages:
            raise ValueError(f"{path}:{number}: the key {key} is given twice")
        messages[key] = text
    return messages


def placeholders(text: str) -> set[int]:
    return {int(n) for n in PLACEHOLDER.findall(text)}


def argument_count(key: str, text: str) -> int:
    """How many arguments a message takes: its placeholders must be {0}…{n-1}, each used."""
    used = placeholders(text)
    count = max(used) + 1 if used else 0
    if key.startswith("special_"):
        return count  # rendered by the add-in from all its arguments (explain.cpp)
    if used != set(range(count)):
        raise ValueError(f"message {key}: placeholders {sorted(used)} are not {{0}}…{{{count - 1}}}")
    if re.search(r"\{(?!\d+\})|(?<!\{\d)(?<!\{\d\d)\}", text):
        raise ValueError(f"message {key}: a brace that is not a placeholder")
    return count


KEYWORD = re.compile(r'^\s*([a-z_]+)\.([A-Za-z0-9_]+):string \{ "((?:[^"\\]|\\.)*)" \}\s*$')


def read_keywords(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, English keyword) → the words of this language, from the keywords:table."""
    keywords: dict[tuple[str, str], list[str]] = {}
    for number, match in table_entries(path, "keywords", KEYWORD, 'context.keyword:string { "words" }'):
        words = [w.strip() for w in unescape(match.group(3)).split("|")]
        if not all(words):
            raise ValueError(f"{path}:{number}: an empty word")
        keywords[(match.group(1), match.group(2))] = words
    return keywords
