#!/usr/bin/python3
"""Checks the store of error messages (addin/l10n/messages/): every key of root.txt (English) is in
fi.txt and sv.txt with exactly the same placeholders, no language has a key root lacks, every
message's placeholders are {0}…{n-1}, and every msg::<key> the sources use exists (the build would
not compile otherwise) and every key of the store is used somewhere. Exits with 1 on a problem.

    python3 scripts/check_messages.py
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from messages_bundle import argument_count, placeholders, read_keywords, read_messages  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
STORE = REPO / "addin" / "l10n" / "messages"


def main() -> int:
    problems: list[str] = []
    try:
        root = read_messages(STORE / "root.txt")
        languages = {lang: read_messages(STORE / f"{lang}.txt") for lang in ("fi", "sv")}
    except ValueError as e:
        print(e)
        return 1
    for key, text in root.items():
        try:
            argument_count(key, text)
        except ValueError as e:
            problems.append(f"root: {e}")
    for lang, texts in languages.items():
        for key in root:
            if key not in texts:
                problems.append(f"{lang}: missing {key}")
            elif placeholders(texts[key]) != placeholders(root[key]):
                problems.append(f"{lang}: {key} has placeholders {sorted(placeholders(texts[key]))}, "
                                f"root {sorted(placeholders(root[key]))}")
            elif texts[key].strip() == "":
                problems.append(f"{lang}: {key} is empty")
        for key in texts:
            if key not in root:
                problems.append(f"{lang}: {key} is not in root.txt")
    # Keywords: every language has every keyword of root and no other, and within a context no word
    # (in any language, any case) means two keywords.
    keywords = {lang: read_keywords(STORE / f"{lang}.txt") for lang in ("root", "fi", "sv")}
    for lang in ("fi", "sv"):
        for entry in keywords["root"]:
            if entry not in keywords[lang]:
                problems.append(f"{lang}: missing keyword {entry[0]}.{entry[1]}")
        for entry in keywords[lang]:
            if entry not in keywords["root"]:
                problems.append(f"{lang}: keyword {entry[0]}.{entry[1]} is not in root.txt")
    meaning: dict[tuple[str, str], str] = {}
    for lang, table in keywords.items():
        for (context, keyword), words in table.items():
            for word in words:
                seen = meaning.setdefault((context, word.casefold()), keyword)
                if seen != keyword:
                    problems.append(f"{lang}: the word {word!r} means both {seen} and {keyword} in {context}")
    sources = "\n".join(p.read_text(encoding="utf-8") for folder in ("core", "addin")
                        for p in sorted((REPO / folder).glob("*.[ch]pp")))
    sources = re.sub(r"//[^\n]*", "", sources)  # comments show examples, not uses
    used = set(re.findall(r"\bmsg::([a-z][a-z0-9_]*)\b", sources))
    for key in sorted(used - set(root)):
        problems.append(f"msg::{key} is used in the sources but not in root.txt")
    for key in sorted(set(root) - used):
        problems.append(f"{key} is in the store but no source uses msg::{key}")
    for p in problems:
        print(p)
    print(f"{len(root)} messages and {len(keywords['root'])} keywords in en/fi/sv; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
