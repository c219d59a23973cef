"""The README's table of the app's keys, written from the screens' own bindings.

The keys live in each screen's and widget's `BINDINGS`; the README lists them from
there, so it says what the code does. tests/tui/test_key_table.py fails when the README
no longer matches; to rewrite it:

    .venv/bin/python -m reader.tui.commands.key_table --write README.md

Only the reader's own bindings are listed (those of classes under `reader.`), with their
default keys (a keymap.toml changes them per user; `?` in the app shows the live ones).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import key_to_character

START = "<!-- keys: written by `python -m reader.tui.commands.key_table --write README.md` -->"
END = "<!-- keys: end -->"
SHOWN_AS = {"space": "space", "escape": "esc", "slash": "/", "question_mark": "?", "enter": "enter"}


def places() -> list[tuple[str, list[type]]]:
    """Where the keys work, in the order a user meets them: (heading, classes whose bindings apply)."""
    from reader.tui.app import ReaderApp
    from reader.tui.screens.article import ArticleScreen
    from reader.tui.screens.editor import NoteEditor
    from reader.tui.screens.entities import EntitiesScreen
    from reader.tui.screens.entity_page import EntityPageScreen
    from reader.tui.screens.library import LibraryScreen
    from reader.tui.screens.notes import NotesScreen
    from reader.tui.screens.related import RelatedScreen
    from reader.tui.widgets.article_list import ArticleList
    from reader.tui.widgets.article_panel import ArticlePanel
    from reader.tui.widgets.entity_rows import EntityRows, ItemList, QuoteRows
    from reader.tui.widgets.library_sidebar import LibrarySidebar
    from reader.tui.widgets.reading_view import ReadingView

    return [
        ("Anywhere", [ReaderApp]),
        ("Library", [LibraryScreen, ArticleList, LibrarySidebar]),
        ("Article", [ArticleScreen, ReadingView, ArticlePanel]),
        ("Note editor", [NoteEditor]),
        ("Notes (ctrl+f)", [NotesScreen]),
        ("Entities (ctrl+n)", [EntitiesScreen, EntityRows]),
        ("An entity's page", [EntityPageScreen, ItemList, QuoteRows]),
        ("Related articles (r)", [RelatedScreen, ItemList]),
    ]


def own_bindings(classes: Iterable[type]) -> list[Binding]:
    """The bindings the reader's own classes declare (base classes too), first declared first,
    one per action, with every key that runs it (`?` and `f1` both open the help)."""
    found: dict[tuple[str, str], Binding] = {}
    for cls in classes:
        for klass in reversed(cls.__mro__):
            if not klass.__module__.startswith("reader.") or "BINDINGS" not in vars(klass):
                continue
            for binding in Binding.make_bindings(vars(klass)["BINDINGS"]):
                ident = (binding.id or "", binding.action)
                if not binding.description:
                    continue
                if ident not in found:
                    found[ident] = binding
                elif binding.key not in found[ident].key.split(","):
                    found[ident] = replace(found[ident], key=f"{found[ident].key},{binding.key}")
    return list(found.values())


def shown_key(keys: str) -> str:
    """`question_mark,f1` -> `?` / `f1`: each key as typed."""
    shown = []
    for key in keys.split(","):
        key = key.strip()
        character = key_to_character(key)
        if key in SHOWN_AS:
            shown.append(SHOWN_AS[key])
        elif character and len(character) == 1 and character.isprintable():
            shown.append(character)
        else:
            shown.append(key)
    return " / ".join(f"`{k}`" for k in shown)


def table() -> str:
    """The Markdown the README holds between START and END."""
    lines = [START]
    for heading, classes in places():
        lines += ["", f"**{heading}**", "", "| key | does | id |", "|---|---|---|"]
        for binding in own_bindings(classes):
            does = (binding.tooltip or binding.description).replace("|", "\\|")
            lines.append(f"| {shown_key(binding.key)} | {does} | {binding.id or ''} |")
    lines += ["", END]
    return "\n".join(lines)


def written(readme: str) -> str:
    """`readme` with its key table rewritten (it must hold the START and END markers)."""
    start, end = readme.index(START), readme.index(END) + len(END)
    return readme[:start] + table() + readme[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the README's key table, or rewrite it in place.")
    parser.add_argument("--write", type=Path, metavar="README", help="rewrite the table in this file")
    options = parser.parse_args(argv)
    if options.write is None:
        print(table())
        return 0
    text = options.write.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{options.write}: no key table markers ({START!r} ... {END!r})", file=sys.stderr)
        return 1
    options.write.write_text(written(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
