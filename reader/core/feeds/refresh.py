"""Refresh a subscription: fetch it (conditionally), turn its new entries into articles.

Each entry becomes an Article whose id comes from its link, so an entry seen before is
skipped without any fetch. A feed that carries full content is converted as it is (HTML
fragment -> blocks); an entry that only carries a summary has its linked page fetched and extracted, and keeps
the summary (with a warning in the report) when that fails. Every failure is reported
per feed: one dead feed never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.core.feeds.parse import FeedEntry, FeedError, ParsedFeed, html_blocks, parse_feed
from reader.core.model import Article, Block, Feed, now, stable_id

if TYPE_CHECKING:
    from reader.core.store import Library

TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024

# progress(done, total, what): called before each entry is imported, then once at the end.
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
    warnings: list[str] = field(default_factory=list)  # imported, but worth saying

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
        got = fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES, etag=etag, last_modified=last_modified)
    except FetchError as error:
        raise FeedError(url, _reason(error)) from error
    if got.not_modified:
        return got, None
    if got.status is not None and got.status >= 400:
        raise FeedError(url, f"the server answered {got.status}")
    content_type = got.content_type
    if content_type and got.charset:
        content_type = f"{content_type}; charset={got.charset}"
    return got, parse_feed(got.body, url=url, content_type=content_type)


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


def refresh_feed(library: Library, feed: Feed, *, fetch: Fetch | None = None,
                 progress: Progress | None = None) -> FeedReport:
    """Import the feed's new entries; store its new ETag/Last-Modified and check time."""
    from reader.core.analysis import analysis_for

    fetch = fetch or default_fetch()
    report = FeedReport(feed)
    try:
        got, parsed = fetch_feed(feed.url, fetch=fetch, etag=feed.etag, last_modified=feed.last_modified)
    except FeedError as error:
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
    known = {a.id for a in library.articles()}
    total = len(parsed.entries)
    for done, entry in enumerate(parsed.entries):
        if progress:
            progress(done, total, entry.title)
        article_id = entry_article_id(entry)
        if article_id is None:
            report.errors.append(f"{entry.title}: the entry has no link or id")
            continue
        if article_id in known:
            report.skipped += 1
            continue
        try:
            article = entry_article(entry, feed, parsed, fetch=fetch, warnings=report.warnings)
        except Exception as error:  # noqa: BLE001 - one bad entry, the others go on
            report.errors.append(f"{entry.title}: {_reason(error)}")
            continue
        if article is None:
            report.errors.append(f"{entry.title}: no text in the entry")
            continue
        article, created = library.add(article)
        known.add(article.id)
        if not created:
            report.skipped += 1
            continue
        if feed.tags:
            article = library.tag_article(article.id, add=feed.tags)
        analysis_for(library, library.article(article.id))
        report.new.append(article)
    if progress:
        progress(total, total, "")
    learnt: dict[str, object] = {"etag": got.etag or None, "last_modified": got.last_modified or None, "checked": now()}
    if not feed.title and parsed.title:
        learnt["title"] = parsed.title
    if not feed.site_url and parsed.site_url:
        learnt["site_url"] = parsed.site_url
    report.feed = library.update_feed(feed.id, **learnt)
    return report


def refresh_feeds(library: Library, feeds: Iterable[Feed], *, fetch: Fetch | None = None,
                  on_feed: Callable[[Feed], None] | None = None,
                  on_report: Callable[[FeedReport], None] | None = None,
                  progress: Progress | None = None) -> list[FeedReport]:
    """Refresh each feed in turn; a failing feed is reported and the rest go on."""
    reports = []
    for feed in feeds:
        if on_feed:
            on_feed(feed)
        report = refresh_feed(library, feed, fetch=fetch, progress=progress)
        reports.append(report)
        if on_report:
            on_report(report)
    return reports


def entry_article_id(entry: FeedEntry) -> str | None:
    """The id the entry's article has (or will have): from its link, as Article.create does."""
    key = entry.link or entry.id
    return stable_id(key) if key else None


def entry_article(entry: FeedEntry, feed: Feed, parsed: ParsedFeed, *, fetch: Fetch,
                  warnings: list[str]) -> Article | None:
    """The entry as an Article: its full content, or the linked page's, or its summary."""
    blocks: list[Block] = []
    author = entry.author
    if entry.has_full_text:
        blocks = _convert(entry.body, entry.link)
    elif entry.link:
        try:
            from reader.core.ingest.html import load_url

            page = load_url(entry.link, fetch=fetch).article
            blocks = list(page.blocks or [])
            author = author or page.author
        except Exception as error:  # noqa: BLE001 - any failure keeps the summary
            warnings.append(f"{entry.title}: kept the summary; the full text could not be fetched ({_reason(error)})")
        else:
            if not blocks:
                warnings.append(f"{entry.title}: kept the summary; no article text on {entry.link}")
    if not blocks:
        blocks = _convert(entry.body, entry.link)
    if not blocks:
        return None
    article = Article.create(
        entry.title, blocks, author=author, source=feed.title or parsed.title or None,
        url=entry.link or entry.id, published=entry.published,
    )
    article.feed = feed.id
    return article


def _convert(markup: str, url: str | None) -> list[Block]:
    """A feed's HTML body as blocks, paragraph by paragraph, headings and quotes kept.

    Not through the page extractor (`load_html`): a feed body is already the article, with
    no page chrome to cut, and the extractor, made for whole pages, drops parts of such a
    fragment (its subheadings, or all of a short one).
    """
    return html_blocks(markup) if markup.strip() else []
