"""Opened at a note's passage from Notes: Escape goes back at once (the selection was the
app's, not the reader's); once the reader moves from it, Escape steps back as ever."""

from __future__ import annotations

from textual.widgets import Input

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.notes import NotesScreen
from tui_helpers import SIZE, MakeApp, run

TEXT = "The ferry leaves at dawn. Fishermen say the harbour wall needs repair before winter."


async def open_from_notes(pilot) -> ArticleScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("ctrl+f")
    await pilot.pause()
    await app.search.wait()
    await pilot.pause()
    assert isinstance(app.screen, NotesScreen)
    app.screen.query_one("#query", Input).value = "harbour"
    await pilot.pause()
    await pilot.press("down", "enter")
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen) and screen.reading.selected_range() is not None
    return screen


def test_escape_leaves_a_passage_it_was_opened_at_in_one_press(library: Library, make_app: MakeApp) -> None:
    article = library.add(Article.create("Harbour news", [Block("paragraph", TEXT)], source="Wire"))[0]
    start = TEXT.index("the harbour wall")
    library.annotate(article.id, start, start + len("the harbour wall"), note="repair")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await open_from_notes(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)

            screen = await open_from_notes(pilot)
            await pilot.press("l")  # the reader moves the caret: their own step now
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.reading.selected_range() is None
            await pilot.press("escape")  # the caret goes
            await pilot.press("escape")  # and back
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)

    run(scenario())


def test_a_note_deep_in_a_long_article_opens_with_its_passage_in_the_top_half(library: Library, make_app: MakeApp) -> None:
    """It opened with the passage's first line on the last row, the rest off screen."""
    from reader.tui.widgets.caret_rows import spot_of

    paragraphs = [f"Paragraph {i} of the long story goes on about the harbour and its boats for a while." for i in range(80)]
    paragraphs[50] = "Fishermen say the harbour wall needs repair before winter, and soon."
    article = library.add(Article.create("A long story", [Block("paragraph", p) for p in paragraphs], source="Wire"))[0]
    text = library.article(article.id).text
    start = text.index("the harbour wall needs repair")
    library.annotate(article.id, start, start + len("the harbour wall needs repair"), note="repair")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await open_from_notes(pilot)
            await pilot.pause()
            reading = screen.reading
            view = next(v for v in reversed(reading.views) if v.start <= start)
            row = view.region.y + view.gutter.top + spot_of(view, start).row
            assert reading.region.y <= row < reading.region.y + reading.region.height // 2

    run(scenario())
