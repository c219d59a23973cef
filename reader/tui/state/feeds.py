"""Refreshing the feeds (or one) from the app, in a thread worker so the screen stays live.

Progress shows in the screen's sub-title ("Refreshing feeds 2/5: Harbour Gazette, 3/10
entries"); when all are done, one toast sums up, one more says each cause of failure
(the feeds it stopped counted, as `reader refresh` does), and the app gets
`FeedsRefreshed`, which it passes to the screens (the library screen reloads its list).
The new articles are analysed after that, in the same worker, on every core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.worker import Worker

from reader.core.feeds import FeedReport, refresh_feeds
from reader.core.feeds.failures import failures
from reader.core.feeds.refresh import analyse_new
from reader.core.model import Feed
from reader.core.store import Library
from reader.tui.messages import FeedsRefreshed
from reader.tui.widgets.safe import clean

WORKER_GROUP = "feeds"


def refresh_feeds_in_background(
    screen: Screen[Any], library: Library, *, only: Feed | None = None, fetch: Callable[..., Any] | None = None,
) -> Worker[list[FeedReport]] | None:
    """Start refreshing every feed (or `only` that one) in a thread; None (and a toast) when
    there is nothing to do."""
    app = screen.app
    if any(w.group == WORKER_GROUP and not w.is_finished for w in app.workers):
        screen.notify("The feeds are already being refreshed.", timeout=3)
        return None
    feeds = [only] if only is not None else library.feeds()
    if not feeds:
        screen.notify("No feeds yet: `reader feed add URL` subscribes to one.", timeout=4, markup=False)
        return None
    total = len(feeds)
    which = clean(only.title or only.url) if only is not None else f"{total} feed{'s' * (total != 1)}"
    old_title = screen.sub_title
    position: dict[str, Any] = {"n": 0, "name": ""}

    def show(entries: str = "") -> None:
        line = f"Refreshing feeds {position['n']}/{total}: {position['name']}{entries}"
        app.call_from_thread(setattr, screen, "sub_title", line)

    def started(feed: Any) -> None:
        position["n"] += 1
        position["name"] = clean(feed.title or feed.url)
        show()

    def entries(done: int, count: int, _what: str) -> None:
        show(f", {done}/{count} entries" if count else "")

    def work() -> list[FeedReport]:
        try:
            return refresh_feeds(library, feeds, fetch=fetch, on_feed=started, progress=entries,
                                 analyse=False)
        finally:
            app.call_from_thread(setattr, screen, "sub_title", old_title)

    def finished(reports: list[FeedReport]) -> None:
        new = sum(len(r.new) for r in reports)
        failed = sum(r.failed for r in reports)
        message = f"{new} new article{'s' * (new != 1)} from {which}"
        screen.notify(message + (f"; {failed} failed" if failed else ""), title="Feeds refreshed",
                      severity="warning" if failed else "information", markup=False)
        for failure in failures(reports):  # one toast per cause, as `reader refresh` prints one line
            screen.notify(clean(failure.line() if len(failure.feeds) > 1 else failure.cause), title=clean(failure.title),
                          severity="error", markup=False, timeout=8)
        warned = [warning for report in reports for warning in report.warnings]  # `reader refresh` prints each
        if warned:  # an entry kept its summary because its page could not be fetched, say
            more = f"\n(and {len(warned) - 1} more: `reader feed ls` lists them)" if len(warned) > 1 else ""
            screen.notify(clean(warned[0]) + more, title="Imported, but worth knowing", severity="warning",
                          markup=False, timeout=8)
        app.post_message(FeedsRefreshed(reports))

    def thread() -> list[FeedReport]:
        try:
            reports = work()
        except Exception as error:  # a bug or a broken host must not end the refresh unseen
            app.call_from_thread(screen.notify, clean(f"{type(error).__name__}: {error}"),
                                 title="The feeds were not refreshed", severity="error", markup=False, timeout=8)
            raise
        app.call_from_thread(finished, reports)  # the new articles listed first,
        analyse_new(library, [a for r in reports for a in r.new])  # then analysed, on every core
        return reports

    screen.notify(f"Refreshing {which} in the background…", timeout=3, markup=False)
    return screen.run_worker(thread, name="refresh feeds", group=WORKER_GROUP, thread=True, exit_on_error=False)
