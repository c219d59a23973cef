"""Article text is hostile: markup must show literally and never run, style, or crash."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, MakeArticle, header_text, row_texts, run

HOSTILE = ["[bold]x[/]", "[/]", "[@click=app.quit]x[/]", "[TODO]"]
TITLE = " ".join(HOSTILE)
CONTROLS = "osc52\x1b]52;c;aGVsbG8=\x07 bidi\u202eevil \x9b31m"


def drawn(widget: Widget) -> str:
    """The text the widget actually draws, line by line, right-trimmed."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text.rstrip() for strip in strips)


def test_hostile_title_and_body_show_literally(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article(TITLE, [*HOSTILE, CONTROLS], author="[red]Mallory[/]", source="[/]")
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert row_texts(app)[0].startswith(TITLE + "\n[/] · [red]Mallory[/] · ")
            assert TITLE in drawn(app.screen.query_one(ArticleList))
            await pilot.click(ArticleList, offset=(8, 0))  # on the would-be link
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            assert header_text(app) == f"reader — {TITLE}"
            assert drawn(screen.query_one("#title")) == TITLE
            views = list(screen.query(BlockView))
            assert [str(view.visual) for view in views[:4]] == HOSTILE
            assert [drawn(view) for view in views[:4]] == HOSTILE
            assert not any(span for view in views for span in view.visual.spans)  # type: ignore[attr-defined]
            for view in views[:4]:  # clicking a would-be link does nothing
                await pilot.click(view, offset=(1, 0))
                await pilot.pause()
            assert app.is_running and app.screen is screen

    run(scenario())


def test_terminal_controls_are_replaced_one_for_one(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("Controls" + CONTROLS, [CONTROLS])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            view = app.screen.query_one(BlockView)
            text = str(view.visual)
            assert len(text) == len(CONTROLS)  # offsets in the drawn text match the stored text
            assert not any(char in text for char in "\x1b\x07\u202e\x9b")
            assert text.count("\ufffd") == 4
            assert "\x1b" not in header_text(app)

    run(scenario())
