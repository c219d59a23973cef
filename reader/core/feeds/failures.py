"""The feeds a refresh could not read, said once per cause.

Offline, every feed fails for the one reason (the DNS lookup): a new user's trial printed
26 lines that all said it. Feeds that failed alike are one line naming the cause and how
many feeds it stopped; a cause that stopped one feed keeps the feed's own line. The CLI
prints these lines and the app shows them as its toasts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.feeds.refresh import FeedReport

NAMED = 3  # feeds named on a line that stands for many


@dataclass(frozen=True)
class Failure:
    """One cause and the feeds it stopped; `line()` as the user reads it."""

    cause: str
    feeds: tuple[str, ...]  # their titles (or addresses), in the refresh's order

    @property
    def title(self) -> str:
        """Who failed: the feed, or how many feeds (the app's toast title)."""
        return self.feeds[0] if len(self.feeds) == 1 else f"{len(self.feeds)} feeds"

    def line(self) -> str:
        if len(self.feeds) == 1:
            return f"{self.feeds[0]}: {self.cause}"
        named = ", ".join(self.feeds[:NAMED]) + (", …" if len(self.feeds) > NAMED else "")
        return f"{len(self.feeds)} feeds failed: {self.cause} ({named})"


def failures(reports: Iterable[FeedReport]) -> list[Failure]:
    """The failed feeds grouped by cause, each cause where it first failed."""
    causes: dict[str, list[str]] = {}
    for report in reports:
        if report.error is not None:
            causes.setdefault(report.error, []).append(report.feed.title or report.feed.url)
    return [Failure(cause, tuple(feeds)) for cause, feeds in causes.items()]
