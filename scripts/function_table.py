"""Reads addin/function_table.hpp, the one declaration of Kuntaplan's spreadsheet functions, for the
scripts that need the list: the localisation check (check_l10n.py) and the guide's generated
reference (packaging/make_guide.py)."""

import re

ROW = re.compile(r'FunctionSpec\{"(\w+)", "([^"]+)", (\d+), \w+\}')


def read_function_table(path):
    """The rows in table order: a dict method -> (English name, argument count)."""
    with open(path, encoding="utf-8") as f:
        return {method: (name, int(count)) for method, name, count in ROW.findall(f.read())}
