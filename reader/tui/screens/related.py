"""Related articles: from an article, the ones sharing the most entities (the same story elsewhere).

A small modal over the article screen (key "article.related", `r`): the ledger's
`related(article_id)` (entity mentions weighted, so a rare name shared counts more
than "Monday"), best first, each row date · source · title · score. Enter opens the
chosen article over the current one (`reader.tui.navigation.show_related`); Escape
closes the list.

The screen shows at once and finds the articles in a thread: after an article's first
opening the ledger re-reads the library (its analysis is new), which on a big library
took most of a second, with the app frozen until the list appeared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.widgets.safe import clean
from reader.tui.widgets.entity_rows import ItemList, dated, related_row

LIMIT = 10


class RelatedScreen(ModalScreen[str | None]):
    """The related articles of one article; returns the id of the one chosen, or None."""

    AUTO_FOCUS = "#related-list"

    DEFAULT_CSS = """
    RelatedScreen {
        align: center middle;
    }
    RelatedScreen > Vertical {
        width: 100;
        max-width: 95%;
        height: auto;
        max-height: 80%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    RelatedScreen #related-title {
        text-style: bold;
    }
    RelatedScreen #related-hint {
        color: $text-muted;
    }
    RelatedScreen ItemList {
        height: auto;
        max-height: 20;
        border: none;
        background: $surface;
    }
    RelatedScreen ItemList:focus {
        border: none;
    }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="article.related_close", tooltip="Back to the article")]

    def __init__(self, title: str, find: Callable[[], list[tuple[Any, float]]]) -> None:
        """`find()` gives the related articles, best first, as (ArticleRef, score); it runs in a thread."""
        super().__init__()
        self.article_title = title
        self.find = find
        self.related: list[tuple[Any, float]] = []
        self.finding = True  # until `find()` has answered

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(clean(f"Related to “{self.article_title}”")), id="related-title", markup=False)
            yield ItemList(id="related-list", empty="No other article shares its names")
            yield Static(Content("shared names, weighted · enter opens · esc closes"), id="related-hint", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one(ItemList)
        listing.empty = "Finding related articles…"
        listing.show([], related_row)
        self.call_after_refresh(self._find)  # drawn first: the thread then competes with nothing on screen

    @work(thread=True, exit_on_error=False)
    def _find(self) -> None:
        try:
            related = self.find()
        except Exception as error:  # noqa: BLE001 - the article stays readable
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self._found, related)

    def _found(self, related: list[tuple[Any, float]]) -> None:
        self.related, self.finding = related, False
        listing = self.query_one(ItemList)
        listing.empty = "No other article shares its names"
        dates = dated(ref for ref, _score in self.related)
        listing.show(self.related, lambda pair: related_row(*pair, dates=dates), top=True)

    def _failed(self, error: str) -> None:
        self.finding = False
        listing = self.query_one(ItemList)
        listing.empty = "No related articles: the names could not be read"
        listing.show([], related_row)
        self.notify(error, title="No related articles", severity="error", markup=False)

    @on(ItemList.Opened)
    def chosen(self, event: ItemList.Opened) -> None:
        ref, _ = event.item
        self.dismiss(ref.id)

    def action_close(self) -> None:
        self.dismiss(None)
