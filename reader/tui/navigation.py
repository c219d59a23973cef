"""The one way to open an article, from any screen: its neighbours, and a passage to land on.

The library, the Notes screen, an entity's page and the related list all open an article
the same way: read it from the library (a failure is one notification, never a crash),
push its reading screen with the ids that "next"/"previous" walk through, and, with a
passage (a note or a quote), select that passage once the screen has restored its
reading place.

Nothing under `reader.tui.screens` that the article screen imports may import this
module (it imports the article screen): the article screen asks for its related articles
with a `RelatedWanted` message, which the app answers with `show_related` here.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App

from reader.core.store import Library
from reader.tui.article_text import read_for_screen

if TYPE_CHECKING:  # imported when an article is first opened: the app starts without them
    from reader.tui.screens.article import ArticleScreen

Span = tuple[int, int]


def __getattr__(name: str) -> Any:
    """`ArticleScreen`, imported the first time an article is opened (or looked up here)."""
    if name != "ArticleScreen":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in globals():
        from reader.tui.screens.article import ArticleScreen

        globals()[name] = ArticleScreen
    return globals()[name]


async def open_article(
    app: App[Any],
    library: Library,
    article_id: str,
    neighbours: Sequence[str] = (),
    *,
    span: Span | None = None,
    on_close: Callable[[str | None], Any] | None = None,
) -> ArticleScreen | None:
    """Push the article's reading screen; None (and a notification) if it cannot be read.

    `neighbours` are the ids next/previous step through (the article alone when it is not
    among them); with `span` (start, end in the article's text) that passage is selected
    and in view; `on_close` gets the id of the article shown last when the screen closes.
    """
    article = read_for_screen(app, library, article_id)
    if article is None:
        return None
    ids = list(neighbours) if article_id in neighbours else [article_id]
    _settle_heap()
    screen = __getattr__("ArticleScreen")(library, article, ids)
    await app.push_screen(screen, on_close)
    if span is not None:
        start, end = span
        if 0 <= start < end <= len(article.text):
            # After the screen's own restore of the reading place, which runs after its first refresh.
            screen.call_after_refresh(lambda: screen.call_after_refresh(screen.land, start, end))
    return screen


def _settle_heap() -> None:
    """Keep what lives for the whole session out of the collector's full walks.

    An article screen makes ~20,000 objects, enough to set off a full collection at
    each opening, which walked the whole heap (the library's rows, its screen, the
    article's data: 50-100 ms of a 300 ms opening at 2,000 articles). What is alive
    before the first article screen exists lives on, so it is frozen then, once
    (`gc.freeze`; only a few dozen objects of garbage are pending at that moment, and
    no screen that will close is among them: this runs before the screen is built).
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


def show_related(screen: ArticleScreen) -> None:
    """Over an article screen: its related articles (the ledger must be built); the chosen one opened.

    The list shows at once; the ledger's refresh and the search for related articles run
    in the list's thread worker (`RelatedScreen`).
    """
    from reader.tui.screens.related import LIMIT, RelatedScreen

    app = screen.app
    ledger = app.entities.ledger  # type: ignore[attr-defined]
    if ledger is None or not screen.is_current:
        return
    library, article_id = screen.library, screen.article.id

    def find() -> list[tuple[Any, float]]:
        ledger.refresh(library)  # this article's analysis may be new
        return list(ledger.related(article_id, limit=LIMIT))

    related = RelatedScreen(screen.article.title, find)

    async def chosen(target: str | None) -> None:
        if target is not None:
            await open_article(app, library, target, [ref.id for ref, _ in related.related])

    app.push_screen(related, chosen)
