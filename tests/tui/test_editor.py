"""The annotation editor and the article tags modal, driven through Pilot."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from reader.tui.screens.ask import Ask
from reader.tui.screens.editor import ColorChooser, EditorResult, NoteDraft, NoteEditor
from reader.tui.screens.tags import TagsEditor
from reader.tui.state.themes import APP_VARIABLES
from reader.tui.widgets.bars import KeyBar
from reader.tui.widgets.tag_input import TagInput, TagSuggester
from tui_helpers import SIZE, run

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"
MISSING = object()


class ModalApp(App[None]):
    """Pushes one modal at start and keeps what it is dismissed with."""

    def __init__(self, modal: ModalScreen[Any]) -> None:
        super().__init__()
        self.modal = modal
        self.result: Any = MISSING

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def on_mount(self) -> None:
        self.push_screen(self.modal, self._keep)

    def _keep(self, result: Any) -> None:
        self.result = result


def test_suggester_completes_the_last_tag_only() -> None:
    suggester = TagSuggester(["Climate", "energy", "climbing"])
    assert suggester.suggest("cli") == "climate"
    assert suggester.suggest("energy, CLI") == "energy, CLImate"
    assert suggester.suggest("climate cli") == "climate climbing"  # not offered twice
    assert suggester.suggest("energy, ") is None
    assert suggester.suggest("zzz") is None
    assert suggester.suggest("energy") is None  # already complete


def test_note_tags_colour_and_ctrl_s_save() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("A quoted passage."), known_tags=["climate"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.focused, TextArea)
            await pilot.press(*"Big claim")
            await pilot.press("tab")
            assert isinstance(app.focused, TagInput)
            await pilot.press(*"Energy, #policy")
            await pilot.press("tab")
            assert isinstance(app.focused, ColorChooser)
            await pilot.press("3")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result == EditorResult("save", "Big claim", ["energy", "policy"], 3)

    run(scenario())


def test_colour_keys_and_tab_order_to_buttons() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q", color=5)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            chooser = app.screen.query_one(ColorChooser)
            chooser.focus()
            await pilot.press("right")
            assert chooser.value == 1  # wraps
            await pilot.press("left", "left")
            assert chooser.value == 4
            await pilot.press("tab")
            assert isinstance(app.focused, Button) and app.focused.id == "save"
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.result, EditorResult) and app.result.color == 4

    run(scenario())


def test_autocomplete_accepts_known_tag() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q"), known_tags=["climate", "energy"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one(TagInput).focus()
            await pilot.press(*"cli")
            await pilot.pause()
            await pilot.press("right")
            assert app.screen.query_one(TagInput).value == "climate"
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result.tags == ["climate"]

    run(scenario())


def test_escape_closes_at_once_with_nothing_typed() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q", note="old")))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, (NoteEditor, Ask))
        assert app.result is None

    run(scenario())


def test_a_saved_note_opens_with_the_cursor_after_its_text() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q", note="first line\nsecond", existing=True)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*" more", "ctrl+s")
            await pilot.pause()
        assert app.result is not None and app.result.note == "first line\nsecond more"

    run(scenario())


def test_escape_asks_before_dropping_what_was_typed() -> None:
    """One stray Esc never loses a typed note: it asks; n goes on editing with the text kept."""
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q", note="old", existing=True)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*" more", "escape")
            await pilot.pause()
            assert isinstance(app.screen, Ask)
            assert "Drop your changes?" in str(app.screen.query_one("#ask-question").render())
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            assert editor.query_one("#note", TextArea).text == "old more"
            await pilot.press("escape", "y")
            await pilot.pause()
        assert app.result is None

    run(scenario())


def test_save_and_cancel_stay_on_an_80x24_screen() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("a passage " * 40, note="old", existing=True)))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen.region
            for button in ("#save", "#delete", "#cancel"):
                region = app.screen.query_one(button).region
                assert region.height == 3 and screen.contains_region(region), button
            bar = app.screen.query_one(KeyBar)
            shown = " ".join(s.description for s in bar.shown_bindings())
            assert "Save" in shown and "Cancel" in shown

    run(scenario())


def test_delete_only_for_existing() -> None:
    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("q")))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not app.screen.query("#delete")
            app.screen.query_one(ColorChooser).focus()
            await pilot.press("ctrl+d")
            await pilot.pause()
            assert app.result is MISSING

        draft = NoteDraft("q", note="kept", tags=("a", "b"), color=2, existing=True)
        app = ModalApp(NoteEditor(draft))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#delete")
            await pilot.pause()
        assert app.result == EditorResult("delete", "kept", ["a", "b"], 2)

        app = ModalApp(NoteEditor(draft))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+d")  # in the note: deletes a character, not the highlight
            assert app.result is MISSING
            app.screen.query_one(ColorChooser).focus()
            await pilot.press("ctrl+d")
            await pilot.pause()
        assert isinstance(app.result, EditorResult) and app.result.action == "delete"

    run(scenario())


def test_hostile_text_is_literal() -> None:
    async def scenario() -> None:
        draft = NoteDraft(HOSTILE + " [/] \x1b]52;c;aGk=\x07", note=HOSTILE, tags=(HOSTILE,), existing=True)
        app = ModalApp(NoteEditor(draft, known_tags=[HOSTILE]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            quote = str(app.screen.query_one("#quote", Static).visual)
            assert HOSTILE in quote and "\x1b" not in quote
            assert app.screen.query_one(TextArea).text == HOSTILE
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.is_running is False and app.result.note == HOSTILE

        app = ModalApp(TagsEditor(HOSTILE, [HOSTILE]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert HOSTILE in str(app.screen.query_one("#tags-title", Static).visual)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.result, list)

    run(scenario())


def test_tags_editor_prefilled_edit_enter() -> None:
    async def scenario() -> None:
        app = ModalApp(TagsEditor("An article", ["climate", "energy"], known_tags=["policy"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            tags = app.screen.query_one(Input)
            assert app.focused is tags and tags.value == "climate, energy, "  # typing starts a new tag
            await pilot.press(*"pol")
            await pilot.pause()
            await pilot.press("right", "enter")
            await pilot.pause()
        assert app.result == ["climate", "energy", "policy"]

        app = ModalApp(TagsEditor("An article", ["climate"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+u", "enter")  # clear the input: no tags at all
            await pilot.pause()
        assert app.result == []

        app = ModalApp(TagsEditor("An article", ["climate"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*" new", "escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())


def test_editor_snapshot(snap_compare: Any) -> None:
    draft = NoteDraft(
        "U.S. Secretary of State Marco Rubio has reiterated calls for a 30-day cease-fire, "
        "saying the offer would not stay on the table forever.",
        note="Compare with **last week's** statement.",
        tags=("ukraine", "diplomacy"),
        color=2,
        existing=True,
    )
    assert snap_compare(ModalApp(NoteEditor(draft, known_tags=["ukraine"])), terminal_size=SIZE)


def test_keys_typed_in_a_burst_before_ctrl_s_are_all_saved() -> None:
    """A paste, a fast typist or tmux send-keys: ctrl+s (a priority binding) arrives while
    the keys before it still wait in the input's queue; the saved tags hold them all."""

    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("A quoted passage.")))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("tab")
            assert isinstance(app.focused, TagInput)
            for char in "energy california":
                app.post_message(Key("space" if char == " " else char, char))  # no pause between keys
            app.post_message(Key("ctrl+s", None))
            await pilot.pause()
            await pilot.pause()
        assert app.result == EditorResult("save", "", ["energy", "california"], 1)

    run(scenario())


def test_tab_in_a_burst_moves_the_keys_after_it_to_the_tags() -> None:
    """tmux send-keys 'plain words' Tab 'quicktag': the note gets the words, the tags the tag
    (a new user found "plain wordsquicktag" in the note and no tag)."""

    async def scenario() -> None:
        app = ModalApp(NoteEditor(NoteDraft("A quoted passage.")))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key, char in [*((c if c != " " else "space", c) for c in "plain words"), ("tab", "\t"),
                              *((c, c) for c in "quicktag"), ("shift+tab", None),
                              ("space", " "), *((c, c) for c in "more")]:
                app.post_message(Key(key, char))  # no pause between keys
            app.post_message(Key("ctrl+s", None))
            for _ in range(4):
                await pilot.pause()
        assert app.result == EditorResult("save", "plain words more", ["quicktag"], 1)

    run(scenario())


def test_tags_typed_in_a_burst_before_enter_are_all_saved() -> None:
    async def scenario() -> None:
        app = ModalApp(TagsEditor("A title", ["world"]))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for char in "energy":
                app.post_message(Key(char, char))
            app.post_message(Key("enter", "\r"))
            await pilot.pause()
            await pilot.pause()
        assert app.result == ["world", "energy"]

    run(scenario())
