"""The words of argv as the CLI reads them before argparse does: where the command is,
whether only the version is asked for, and `reader search`'s negated words shielded.

Nothing here imports more than the standard library: `reader --version` is answered
from this module without building the parser (or importing the library behind it).
"""

from __future__ import annotations

from collections.abc import Sequence

# The options `reader search` takes, and whether each takes a value: any other word that
# starts with "-" is a negated word of the query (see shield_negations).
SEARCH_OPTIONS = {"--limit": True, "--save": True, "--home": True, "--articles": False, "--json": False,
                  "-h": False, "--help": False}


def shield_negations(argv: Sequence[str]) -> list[str]:
    """`reader search economy -growth`: argparse would take `-growth` for an unknown option.
    A leading space makes such a word a positional; the query parser ignores the space."""
    argv = list(argv)
    command = _command_index(argv)
    if command is None or argv[command] != "search":
        return argv
    out, takes_value = argv[: command + 1], False
    for token in argv[command + 1 :]:
        name = token.split("=", 1)[0]
        if takes_value or token == "-" or not token.startswith("-") or token == "--":
            takes_value = False
        elif name in SEARCH_OPTIONS:
            takes_value = SEARCH_OPTIONS[name] and "=" not in token
        else:
            token = " " + token
        out.append(token)
    return out


def _command_index(argv: list[str]) -> int | None:
    """Where the command word is: the first word that is not a top-level option or its value."""
    i = 0
    while i < len(argv):
        if argv[i] == "--home":
            i += 2
        elif argv[i].startswith("-"):
            i += 1
        else:
            return i
    return None


def asks_version(argv: Sequence[str]) -> bool:
    """Whether `--version` comes before the command (where argparse would answer it)."""
    argv = list(argv)
    command = _command_index(argv)
    words = argv if command is None else argv[:command]
    i = 0
    while i < len(words):
        if words[i] == "--home":
            i += 2
            continue
        if words[i] == "--version":
            return True
        i += 1
    return False
