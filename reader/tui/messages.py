"""Typed messages the app's background work posts, so screens never register callbacks.

A build in a thread worker (`reader.tui.state.background`) posts `IndexReady` or
`LedgerReady` to the app when it is done, `BuildFailed` when it is not. The app hands a
copy to each screen that is running (`ReaderApp.tell_screens`); a screen that cares
writes `on_index_ready` / `on_ledger_ready`. A screen closed since it asked simply is
not told: there is no list of callbacks to keep clean.

Copies given to screens do not bubble, or they would come back to the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.entities.ledger import Ledger
    from reader.core.search.index import SearchIndex


class IndexReady(Message, bubble=False):
    """The search index is built (or rebuilt after a failure)."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index


class LedgerReady(Message, bubble=False):
    """The entity ledger is built."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger


class BuildFailed(Message, bubble=False):
    """A background build failed; `build` names it (`BackgroundBuild.name`), `error` one line."""

    def __init__(self, name: str, error: str) -> None:
        super().__init__()
        self.build = name
        self.error = error


class FeedsRefreshed(Message, bubble=False):
    """Every feed was refreshed (some may have failed); `reports` are core's `FeedReport`s."""

    def __init__(self, reports: list[Any]) -> None:
        super().__init__()
        self.reports = reports


class RelatedWanted(Message, bubble=False):
    """An article screen asks for its related articles (the app opens them: see navigation)."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen


class LibraryChanged(Message, bubble=False):
    """The app changed these articles' state or notes outside the screen showing them
    (an undo): a screen showing one of them reads it again."""

    def __init__(self, article_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.article_ids = article_ids
