"""`z` after editing a note takes back only what that edit changed: a colour or a tag that
another process (`reader note --edit`, a sync) set meanwhile stays, and so does a text it
wrote after the save; a second `z` makes the edit again on the same terms."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from reader.cli import main as cli
from reader.core.store import Library
from reader.tui.screens.editor import NoteEditor
from test_annotating import FIRST, open_first
from tui_helpers import SIZE, MakeApp, MakeArticle, run


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def stored(library: Library, article_id: str) -> tuple[str, list[str], int]:
    (note,) = library.annotations(article_id)
    return note.note, note.tags, note.color


def test_z_puts_back_the_text_it_changed_not_the_colour_the_cli_set_meanwhile(
    library: Library, make_article: MakeArticle, make_app: MakeApp, capsys: Any
) -> None:
    article = make_article("Talks", [FIRST])
    note = library.annotate(article.id, 0, 11, note="first words", color=4)
    home = str(library.home)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await press(pilot, "3", "e")
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            editor.query_one("#note", TextArea).text = "second thoughts"
            assert cli(["--home", home, "note", "--edit", note.id[:4], "--tag", "from-cli", "--color", "5"]) == 0
            await press(pilot, "ctrl+s")
            assert app.screen is screen
            assert stored(library, article.id) == ("second thoughts", ["from-cli"], 5)
            await press(pilot, "z")
            assert stored(library, article.id) == ("first words", ["from-cli"], 5)
            await press(pilot, "z")  # redo: the text again, the colour still the CLI's
            assert stored(library, article.id) == ("second thoughts", ["from-cli"], 5)
            # A text written elsewhere after the edit is not the edit's to take back.
            assert cli(["--home", home, "note", "--edit", note.id[:4], "--note", "the CLI's words"]) == 0
            await press(pilot, "z")
            assert stored(library, article.id) == ("the CLI's words", ["from-cli"], 5)

    run(scenario())


def test_z_after_a_colour_change_from_the_notes_screen_keeps_a_text_changed_meanwhile(
    library: Library, make_article: MakeArticle, make_app: MakeApp, capsys: Any
) -> None:
    article = make_article("Talks", [FIRST])
    note = library.annotate(article.id, 0, 11, note="first words", tags=["mine"], color=2)
    home = str(library.home)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+f")
            await app.search.wait()
            await press(pilot, "down", "e")
            assert isinstance(app.screen, NoteEditor)
            await press(pilot, "tab", "tab", "3")  # the colour only
            assert cli(["--home", home, "note", "--edit", note.id[:4], "--note", "edited in a shell"]) == 0
            await press(pilot, "ctrl+s")
            assert stored(library, article.id) == ("edited in a shell", ["mine"], 3)
            await press(pilot, "z")
            assert stored(library, article.id) == ("edited in a shell", ["mine"], 2)

    run(scenario())
