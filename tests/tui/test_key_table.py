"""The README's key table is written from the bindings (reader/tui/commands/key_table.py)."""

from __future__ import annotations

from reader.tui.commands.key_table import END, START, own_bindings, shown_key, table, written
from reader.tui.screens.entities import EntitiesScreen
from reader.tui.widgets.entity_rows import EntityRows


def test_keys_are_shown_as_typed() -> None:
    assert shown_key("question_mark") == "`?`"
    assert shown_key("escape,question_mark,q") == "`esc` / `?` / `q`"
    assert shown_key("ctrl+s") == "`ctrl+s`" and shown_key("left_square_bracket") == "`[`"
    assert shown_key("space") == "`space`" and shown_key("G") == "`G`"


def test_the_table_lists_each_screen_s_own_keys_not_textual_s() -> None:
    keys = [(b.key, b.id) for b in own_bindings([EntitiesScreen, EntityRows])]
    assert ("m", "entities.merge") in keys and ("space", "entities.mark") in keys and ("G", None) in keys
    assert all(b.description for b in own_bindings([EntitiesScreen, EntityRows]))
    assert "cursor_down" not in [b.action for b in own_bindings([EntitiesScreen]) if b.key == "down"]  # OptionList's own
    text = table()
    assert text.startswith(START) and text.endswith(END)
    assert "| `m` | Merge the marked entities into the highlighted one | entities.merge |" in text
    assert "**Entities (ctrl+n)**" in text and "**Library**" in text and "**Article**" in text


def test_writing_replaces_only_what_is_between_the_markers() -> None:
    readme = f"before\n{START}\nstale\n{END}\nafter\n"
    assert written(readme) == f"before\n{table()}\nafter\n"


def test_the_readme_lists_the_keys_as_the_code_binds_them() -> None:
    """A binding added, changed or removed without `--write README.md` fails here."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme
    assert written(readme) == readme
