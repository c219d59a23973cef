"""A 40x12 terminal, as a new user tried it: the article's text keeps a usable width when the
panel is asked for (it comes back on widening), and the note editor scrolls to the field
being typed in (Tags, Colour and Save were cut off, typed tags unseen)."""

from __future__ import annotations

from textual.widgets import Button

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from reader.tui.widgets.article_panel import ArticlePanel
from reader.tui.widgets.tag_input import TagInput
from tui_helpers import MakeApp, MakeArticle, run

PARAGRAPHS = [f"Paragraph {i} says the talks in Riyadh went on for a long while." for i in range(12)]


def seen(app: object, widget: object) -> bool:
    """Whether `widget` is what the screen shows at the middle of its region."""
    region = widget.region  # type: ignore[attr-defined]
    if not region.width or not region.height:
        return False
    x, y = region.x + region.width // 2, region.y + region.height // 2
    width, height = app.size  # type: ignore[attr-defined]
    if not (0 <= x < width and 0 <= y < height):
        return False
    found, _ = app.screen.get_widget_at(x, y)  # type: ignore[attr-defined]
    return found is widget or widget in found.ancestors_with_self


def test_at_40_columns_the_panel_leaves_the_text_and_returns_when_widened(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("Talks", PARAGRAPHS)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            await pilot.press("p")
            await pilot.pause()
            assert screen.reading.region.width >= 30  # the text is still read, not covered
            assert any("needs" in str(n.message) for n in app._notifications)  # noqa: SLF001
            await pilot.resize_terminal(80, 24)  # room now: the panel asked for is there
            await pilot.pause()
            panel = screen.query_one(ArticlePanel)
            assert panel.display and panel.region.width and screen.reading.region.width >= 30
            await pilot.resize_terminal(40, 12)
            await pilot.pause()
            assert not panel.display and screen.reading.region.width >= 30
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert panel.display
            await pilot.press("p")  # hidden by hand: a resize leaves it hidden
            await pilot.resize_terminal(40, 12)
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert not panel.display

    run(scenario())


def test_at_40x12_the_note_editor_shows_the_field_being_typed_in(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", PARAGRAPHS)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("v", "v", "w", "a")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await pilot.press(*"a note", "tab", *"riyadh")
            await pilot.pause()
            tags = editor.query_one(TagInput)
            assert seen(app, tags), tags.region
            await pilot.press("enter", "tab", "tab")  # the tag kept; on past the colour to Save
            await pilot.pause()
            assert isinstance(app.focused, Button) and seen(app, app.focused)
            await pilot.press("ctrl+s")
            await pilot.pause()

    run(scenario())
    (note,) = library.annotations(article.id)
    assert note.note == "a note" and note.tags == ["riyadh"]
