"""An article screen, once closed, leaves nothing of itself behind.

Textual 8.2.8 memoises `StylesCache.get_inner_outer` on the method, so its keys kept
every closed widget's drawn lines; and the heap is frozen out of the collector's full
walks when the first article opens, which must happen before that screen is built, or
the screen could never be collected.
"""

from __future__ import annotations

import gc
import weakref

from reader.core.model import ANALYZER_VERSION, Analysis, Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, run


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


def test_articles_opened_and_closed_leave_no_screen_block_or_drawn_line_behind(
    library: Library, make_app: MakeApp
) -> None:
    paragraphs = [f"Paragraph {n} of the harbour story, long enough to wrap on the screen." * 3 for n in range(30)]
    library.add(Article.create("The harbour plan", [Block("paragraph", p) for p in paragraphs]))
    for summary in library.articles():  # analyses read back: no tagger loads (it freezes the heap itself)
        library.save_analysis(summary.id, Analysis(ANALYZER_VERSION))

    async def scenario() -> None:
        from textual._styles_cache import StylesCache  # each widget's drawn lines

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            drawn_before = alive(StylesCache)
            for _ in range(3):
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, ArticleScreen)
                kept = [weakref.ref(thing) for thing in (app.screen, *app.screen.query(BlockView))]
                assert len(kept) > 1
                await pilot.press("escape")
                await pilot.pause()
                assert not isinstance(app.screen, ArticleScreen)
                for _ in range(15):  # a cancelled timer's handle holds the screen (its context) until it was due
                    gc.collect()
                    if all(ref() is None for ref in kept):
                        break
                    await pilot.pause(0.1)
                assert [ref for ref in kept if ref() is not None] == []
                assert alive(StylesCache) <= drawn_before + 2

    run(scenario())
