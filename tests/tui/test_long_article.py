"""A very long article: read in parts, analysed in the background, keys answered throughout."""

from __future__ import annotations

import threading

import reader.core.analysis as analysis_module
from reader.core import limits
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets import parts
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, MakeArticle, run

PARAGRAPHS = [f"Paragraph {n} of the long report on the harbour." for n in range(1, 10)] + [
    '"We will rebuild the harbour," said Tony Blair on Monday.'
]


def shown_blocks(screen: ArticleScreen) -> list[int]:
    return [view.index for view in screen.query(BlockView)]


def nav_line(screen: ArticleScreen) -> str:
    return str(screen.query_one("#part-nav").render())


def test_a_long_article_is_read_part_by_part_and_the_panel_finds_any_part(
    make_app: MakeApp, make_article: MakeArticle, monkeypatch
) -> None:
    monkeypatch.setattr(parts, "PART_BLOCKS", 3)
    make_article("The long report", PARAGRAPHS)
    app = make_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            assert shown_blocks(screen) == [0, 1, 2]
            assert nav_line(screen).startswith("Part 1 of 4") and "> next part" in nav_line(screen)
            await pilot.press("greater_than_sign")
            await pilot.pause()
            assert shown_blocks(screen) == [3, 4, 5] and nav_line(screen).startswith("Part 2 of 4")
            await pilot.press("less_than_sign")
            await pilot.pause()
            assert shown_blocks(screen) == [0, 1, 2]
            # The quote is in the last part: choosing it in the panel shows that part, selected.
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert shown_blocks(screen) == [9]
            chosen = screen.reading.selected_range()
            assert chosen is not None and "We will rebuild the harbour" in screen.text[chosen[0] : chosen[1]]
            # The place read is kept by block, so reopening returns to the last part.
            await pilot.press("escape", "escape")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert shown_blocks(app.screen) == [9]

    run(scenario())


def test_keys_are_answered_while_the_analysis_runs_and_a_capped_one_says_so(
    make_app: MakeApp, make_article: MakeArticle, monkeypatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ANALYSED", 120)
    release = threading.Event()
    real = analysis_module.analysis_for

    def slow_analysis(library, article):
        assert release.wait(30), "the test never let the analysis finish"
        return real(library, article)

    monkeypatch.setattr(analysis_module, "analysis_for", slow_analysis)
    make_article("The long report", PARAGRAPHS)
    app = make_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.analysis is None
            await pilot.press("s")  # star it while the analysis is still running
            await pilot.pause()
            assert app.library.article_state(screen.article.id).starred
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.analysis is not None
            assert all(e.end <= limits.extent(screen.text).analysed for e in screen.analysis.entities)
            notices = [n.message for n in app._notifications]
            assert any("analysed the first" in m.lower() for m in notices), notices

    run(scenario())
