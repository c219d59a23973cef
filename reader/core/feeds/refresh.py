"""Refresh subscriptions: fetch each feed (conditionally), turn its new entries into articles.

Each entry gets a stable id (`entries.entry_ids`), so an entry seen before is skipped
without any fetch. A feed that carries full content is converted as it is; an entry
that only carries a summary has its linked page fetched and read, and keeps the summary
(said in one line) when that fails. The feeds and the pages are fetched a few at a time
(`pool.FetchPool`: at most 6 at once, 2 per server) while this thread reads and stores
what has arrived, in the feed's order. Every failure is reported per feed: one dead feed
never stops the others.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.core.feeds.entries import Planned, entry_article, entry_name, plan
from reader.core.feeds.parse import FeedError, ParsedFeed, parse_feed
from reader.core.feeds.pool import PER_HOST, WORKERS, FetchPool, interleaved
from reader.core.model import Article, Feed, now

if TYPE_CHECKING:
    from reader.core.store import Library

TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024
FEEDS_AHEAD = 4  # feeds fetched while the one before is read: its pages are not kept waiting behind all the rest
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")

# progress(done, total, what): the entries of the feed being refreshed, (0, total, "")
# before the first and once after each, named by `what`; called in the caller's thread.
Progress = Callable[[int, int, str], None]
Fetch = Callable[..., Any]


@dataclass
class FeedReport:
    """What one refresh did to one feed."""

    feed: Feed
    new: list[Article] = field(default_factory=list)
    skipped: int = 0  # entries already in the library
    not_modified: bool = False  # the server answered 304
    error: str | None = None  # the feed could not be fetched or read: nothing imported
    errors: list[str] = field(default_factory=list)  # entries that could not be imported
    warnings: list[str] = field(default_factory=list)  # imported, but worth saying (one per entry)

    @property
    def failed(self) -> bool:
        return self.error is not None

    def summary(self) -> str:
        name = self.feed.title or self.feed.url
        if self.error:
            return f"{name}: failed: {self.error}"
        if self.not_modified:
            return f"{name}: not modified"
        parts = [f"{len(self.new)} new", f"{self.skipped} already here"]
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        return f"{name}: {', '.join(parts)}"


def default_fetch() -> Fetch:
    from reader.core.net import fetch

    return fetch


def fetch_feed(url: str, *, fetch: Fetch | None = None, etag: str | None = None,
               last_modified: str | None = None) -> tuple[Any, ParsedFeed | None]:
    """Fetch and parse a feed: (the response, the feed or None when not modified)."""
    from reader.core.net import FetchError

    fetch = fetch or default_fetch()
    try:
        got = fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES, etag=etag, last_modified=last_modified,
                    accept=FEED_ACCEPT)
    except FetchError as error:
        raise FeedError(url, error.reason) from error
    return got, read_feed(got, url)


def read_feed(got: Any, url: str) -> ParsedFeed | None:
    """The feed in a response (None for 304 Not Modified); FeedError when there is none."""
    if got.not_modified:
        return None
    if got.status is not None and got.status >= 400:
        raise FeedError(url, f"the server answered {got.status}")
    content_type = got.content_type
    if content_type and got.charset:
        content_type = f"{content_type}; charset={got.charset}"
    return parse_feed(got.body, url=url, content_type=content_type)


def refresh_feed(library: Library, feed: Feed, *, fetch: Fetch | None = None,
                 progress: Progress | None = None) -> FeedReport:
    """Import the feed's new entries; store its new ETag/Last-Modified and check time."""
    return refresh_feeds(library, [feed], fetch=fetch, progress=progress)[0]


def refresh_feeds(library: Library, feeds: Iterable[Feed], *, fetch: Fetch | None = None,
                  on_feed: Callable[[Feed], None] | None = None,
                  on_report: Callable[[FeedReport], None] | None = None,
                  progress: Progress | None = None, workers: int = WORKERS,
                  per_host: int = PER_HOST) -> list[FeedReport]:
    """Refresh each feed in turn (fetching the next few ahead); a failing feed is reported and
    the rest go on."""
    waiting = iter(feeds)
    ahead: deque[tuple[Feed, Future[Any]]] = deque()
    reports = []
    with FetchPool(fetch or default_fetch(), workers=workers, per_host=per_host) as pool:

        def fetch_ahead() -> None:
            while len(ahead) < FEEDS_AHEAD and (feed := next(waiting, None)) is not None:
                ahead.append((feed, pool.submit(feed.url, timeout=TIMEOUT, max_bytes=MAX_BYTES, etag=feed.etag,
                                                last_modified=feed.last_modified, accept=FEED_ACCEPT)))

        fetch_ahead()
        while ahead:
            feed, document = ahead.popleft()
            fetch_ahead()
            if on_feed:
                on_feed(feed)
            report = _refresh(library, feed, document, pool, progress)
            reports.append(report)
            if on_report:
                on_report(report)
    return reports


def _refresh(library: Library, feed: Feed, document: Future[Any], pool: FetchPool,
             progress: Progress | None) -> FeedReport:
    from reader.core.net import FetchError

    report = FeedReport(feed)
    try:
        got = document.result()
        parsed = read_feed(got, feed.url)
    except (FeedError, FetchError) as error:
        report.error = error.reason
        return report
    except Exception as error:  # noqa: BLE001 - a parser or network surprise fails this feed only
        report.error = f"{type(error).__name__}: {error}"
        return report
    if parsed is None:
        report.not_modified = True
        report.feed = library.update_feed(feed.id, checked=now())
        return report
    report.warnings.extend(parsed.warnings)
    planned, report.skipped, notes = plan(parsed.entries, feed.url, {a.id: a.title for a in library.articles()})
    report.warnings.extend(notes)
    pages = {url: pool.submit(url) for url in interleaved(list(dict.fromkeys(p.page for p in planned if p.page)))}
    if progress:
        progress(0, len(planned), "")
    for done, item in enumerate(planned, start=1):
        _import(library, feed, parsed, item, pages.get(item.page or ""), report)
        if progress:
            progress(done, len(planned), entry_name(item.entry))
    learnt: dict[str, object] = {"etag": got.etag or None, "last_modified": got.last_modified or None, "checked": now()}
    if not feed.title and parsed.title:
        learnt["title"] = parsed.title
    if not feed.site_url and parsed.site_url:
        learnt["site_url"] = parsed.site_url
    report.feed = library.update_feed(feed.id, **learnt)
    return report


def _import(library: Library, feed: Feed, parsed: ParsedFeed, item: Planned, page: Future[Any] | None,
            report: FeedReport) -> None:
    """Read the entry (and its page), store it, tag and analyse it; say what went wrong."""
    from reader.core.analysis import analysis_for

    name = entry_name(item.entry)
    try:
        article_page, problem = _read_page(page, item.page) if page is not None and item.page else (None, None)
        article, note = entry_article(item, feed, parsed, page=article_page, page_problem=problem)
        if note:
            report.warnings.append(f"{name}: {note}")
        stored, created = library.add(article)
        if not created:
            report.skipped += 1
            return
        if feed.tags:
            stored = library.tag_article(stored.id, add=feed.tags)
        analysis_for(library, library.article(stored.id))
    except Exception as error:  # noqa: BLE001 - one bad entry, the others go on
        report.errors.append(f"{name}: {_reason(error)}")
        return
    report.new.append(stored)


def _read_page(page: Future[Any], url: str) -> tuple[Article | None, str | None]:
    """The article on a fetched page, or why there is none."""
    from reader.core.ingest import IngestError, load_url
    from reader.core.net import FetchError

    try:
        got = page.result()
        article = load_url(url, fetch=lambda *_args, **_kwargs: got).article
    except (FetchError, IngestError) as error:
        return None, error.reason
    except Exception as error:  # noqa: BLE001 - any failure keeps the summary
        return None, _reason(error)
    if not article.blocks:
        return None, "no article text on the page"
    return article, None


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__
