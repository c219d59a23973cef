"""A note whose save fails is never thrown away (a new user's typed note vanished): the
editor stays open with everything typed and says why, so the text can be copied or the save
tried again after `reader doctor --restore`; Esc still asks before dropping it."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from reader.cli import main as cli
from reader.core.store import Library
from reader.tui.screens.ask import Ask
from reader.tui.screens.editor import ColorChooser, NoteEditor
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.note_results import NoteResults
from reader.tui.widgets.tag_input import TagInput
from test_annotating import FIRST, open_first
from tui_helpers import SIZE, MakeApp, MakeArticle, run


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def typed(editor: NoteEditor) -> tuple[str, list[str], int]:
    return (editor.query_one("#note", TextArea).text, editor.query_one("#tags", TagInput).tags,
            editor.query_one("#color", ColorChooser).value)


def truncate_shard(library: Library, article_id: str) -> None:
    """What a crash of another tool or a bad copy leaves: half a notes file."""
    shard = library.layout.shard(article_id)
    shard.write_bytes(shard.read_bytes()[:20] if shard.exists() else b'{"_default": {"1": ')


def test_a_new_note_whose_article_was_removed_meanwhile_stays_in_the_editor(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_first(app, pilot)
            await press(pilot, "v", "v", "w", "w", "a")
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await press(pilot, *"my long thought", "tab", *"keep", "enter", "tab", "4")
            Library(library.home).remove(article.id)  # another process, or a sync, removes it
            await press(pilot, "ctrl+s")
            assert app.screen is editor  # nothing typed is lost
            assert typed(editor) == ("my long thought", ["keep"], 4)
            error = str(editor.query_one("#save-error").visual)
            assert "not saved" in error and article.id[:8] in error
            await press(pilot, "escape")  # Esc still asks before dropping typed text
            assert isinstance(app.screen, Ask)
            await press(pilot, "n")
            assert app.screen is editor and typed(editor)[0] == "my long thought"

    run(scenario())


def test_a_note_not_saved_to_a_damaged_file_is_saved_by_ctrl_s_after_doctor_restore(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST])
    library.annotate(article.id, 0, 5, note="an earlier note")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_first(app, pilot)
            await press(pilot, "v", "v", "w", "w", "a")
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await press(pilot, *"second thought")
            truncate_shard(library, article.id)
            await press(pilot, "ctrl+s")
            assert app.screen is editor
            assert "not valid JSON" in str(editor.query_one("#save-error").visual)
            assert typed(editor)[0] == "second thought"
            assert cli(["--home", str(library.home), "doctor", "--restore"]) == 0
            await press(pilot, "ctrl+s")
            assert app.screen is not editor

    run(scenario())
    assert sorted(a.note for a in library.annotations(article.id)) == ["an earlier note", "second thought"]


def test_an_edited_note_whose_save_fails_stays_in_the_editor(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST])
    library.annotate(article.id, 0, 11, note="old note", tags=["one"], color=2)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_first(app, pilot)
            await press(pilot, "3", "e")
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await press(pilot, *" and more", "tab", *"two", "enter", "tab", "5")
            truncate_shard(library, article.id)
            await press(pilot, "ctrl+s")
            assert app.screen is editor
            assert typed(editor) == ("old note and more", ["one", "two"], 5)
            assert "not valid JSON" in str(editor.query_one("#save-error").visual)

    run(scenario())


def test_an_edit_from_the_notes_screen_whose_article_went_stays_in_the_editor(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST])
    library.annotate(article.id, 0, 11, note="old note")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+f")
            await app.search.wait()
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            await press(pilot, "down")
            assert isinstance(app.focused, NoteResults)
            await press(pilot, "e")
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await press(pilot, *" and more")
            Library(library.home).remove(article.id)
            await press(pilot, "ctrl+s")
            assert app.screen is editor
            assert typed(editor)[0] == "old note and more"
            assert "not saved" in str(editor.query_one("#save-error").visual)

    run(scenario())


def test_on_a_short_terminal_the_reason_and_the_buttons_stay_on_screen() -> None:
    from test_editor import ModalApp

    from reader.tui.screens.editor import NoteDraft

    reason = "/home/u/.local/share/reader/notes/7a.json: not valid JSON\n`reader doctor` checks the library"
    editor = NoteEditor(NoteDraft("a long passage " * 30, note="typed"), keep=lambda result: reason)

    async def scenario() -> None:
        app = ModalApp(editor)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "ctrl+s")
            assert app.screen is editor
            box = editor.query_one("#editor-box").region
            for shown in ("#save-error", "#save", "#cancel", "#note"):
                assert box.contains_region(editor.query_one(shown).region), shown

    run(scenario())
