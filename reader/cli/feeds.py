"""`reader feed add|ls|rm|export` and `reader refresh`: subscriptions and their articles."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.cli.output import FAILED, INTERRUPTED, OK, clip, column, plural, print_json, say, warn
from reader.core.feeds import FeedError, FeedReport, OpmlError, export_opml, read_opml, refresh_feeds
from reader.core.feeds.discover import find_feed
from reader.core.feeds.parse import OpmlListError
from reader.core.feeds.failures import failures
from reader.core.feeds.local import file_url, is_file_url
from reader.core.feeds.sniff import head_text, root_element
from reader.core.model import Feed, normalize_tags
from reader.core.store import Library, NotFoundError
from reader.core.urls import looks_like_url



def feed(library: Library, args: argparse.Namespace) -> int:
    return {"add": _add, "ls": _ls, "rm": _rm, "export": _export}[args.feed_command](library, args)


# -- feed add --------------------------------------------------------------------------------


def _add(library: Library, args: argparse.Namespace) -> int:
    """A feed's address, a web page naming one, a feed file, or an OPML list of feeds."""
    source = args.source
    if not looks_like_url(source):
        path = Path(source).expanduser()
        if path.is_dir():
            warn(f"{source}: is a folder, not a feed file or an OPML list")
            return FAILED
        if not path.is_file():
            warn(f"{source}: no such file, and not a URL")
            return FAILED
        if _is_opml(path):
            return _add_opml(library, path, args.tag, name=path.name)
        return _subscribe(library, file_url(path), args.tag, shown=source)
    return _subscribe(library, source, args.tag, shown=source)


def _subscribe(library: Library, url: str, tags: list[str], *, shown: str) -> int:
    try:
        found = find_feed(url)
    except OpmlListError as listed:  # the address of an OPML list: its feeds, as from a file
        return _add_opml(library, listed.text, tags, name=shown)
    except FeedError as error:
        warn(f"{shown}: {error.reason}")
        return FAILED
    if found.page:
        say(f"found the feed the page names: {found.url}")
        if found.others:
            say(f"the page names {plural(len(found.others), 'other feed')} (`reader feed add URL` subscribes to one):")
            for other in found.others:
                say(f"  {other.url}" + (f"  ({other.title})" if other.title else ""))
    parsed = found.parsed
    known = {f.id: f for f in library.feeds()}
    new = Feed.create(found.url, title=parsed.title, tags=tags)
    new.site_url = parsed.site_url or found.page
    for warning in parsed.warnings:
        warn(f"{shown}: {warning}")
    library.subscribe(new)
    if new.id in known:
        say(f"exists {new.id[:8]}  {known[new.id].title or found.url}")
        return OK
    n = len(parsed.entries)
    count = f"{n} entr{'y' if n == 1 else 'ies'}"
    say(f"added  {new.id[:8]}  {new.title or found.url}  ({count}; `reader refresh` imports them)")
    if is_file_url(found.url):
        say(f"       the file is read again at each refresh: {found.url}")
    return OK


def _is_opml(path: Path) -> bool:
    """An OPML list of feeds (by its root element), or a file named .opml (its errors are OPML's)."""
    if path.suffix.lower() == ".opml":
        return True
    try:
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError:
        return False  # reading it as a feed says what is wrong
    return root_element(head_text(head)) == "opml"


def _add_opml(library: Library, source: Path | str, tags: list[str], *, name: str) -> int:
    """Subscribe to every feed an OPML list (a file, or the text at an address) names."""
    try:
        found = read_opml(source)
    except OpmlError as error:
        warn(f"{source if isinstance(source, Path) else name}: {error}")
        return FAILED
    known = {f.id: f for f in library.feeds()}
    added = 0
    for new in found:
        new.tags = normalize_tags(new.tags + tags)
        library.subscribe(new)
        if new.id in known:
            say(f"exists {new.id[:8]}  {known[new.id].title or new.url}")
            continue
        added += 1
        say(f"added  {new.id[:8]}  {new.title or new.url}")
    say(f"{plural(added, 'feed')} added from {name}, {len(found) - added} already subscribed")
    return OK


# -- feed ls / rm / export -----------------------------------------------------------------------


def _ls(library: Library, args: argparse.Namespace) -> int:
    feeds = library.feeds()
    counts: dict[str, int] = {}
    for article in library.articles():
        if article.feed:
            counts[article.feed] = counts.get(article.feed, 0) + 1
    if args.json:
        print_json([
            {
                "id": f.id, "title": f.title, "url": f.url, "site_url": f.site_url, "tags": f.tags,
                "added": f.added.isoformat(), "checked": f.checked.isoformat() if f.checked else None,
                "failed": f.failed, "warnings": f.warnings, "articles": counts.get(f.id, 0),
            }
            for f in feeds
        ])
        return OK
    if not feeds:
        say("No feeds yet: `reader feed add URL` subscribes to one.")
    for f in feeds:
        checked = f.checked.astimezone().strftime("%Y-%m-%d %H:%M") if f.checked else "never checked"
        tags = " ".join(f"#{t}" for t in f.tags)
        count = plural(counts.get(f.id, 0), "article")  # counts and dates are ASCII: a character a cell
        say(f"{f.id[:8]}  {column(f.title or '(untitled)', 40)}  {count:>12}  {checked:16}  {tags}".rstrip())
        say(f"          {f.url}")
        if f.failed:
            say(f"          last refresh failed: {f.failed}")
        for line in f.warnings:
            say(f"          last refresh: {line}")
    return OK


def resolve_feed(library: Library, prefix: str) -> Feed:
    prefix = prefix.strip().lower()
    matches = [f for f in library.feeds() if f.id.startswith(prefix)] if prefix else []
    if not matches:
        raise NotFoundError(f"no feed with an id starting {prefix!r}")
    if len(matches) > 1:
        raise NotFoundError(f"{prefix!r} matches {len(matches)} feeds; type more of the id")
    return matches[0]


def _rm(library: Library, args: argparse.Namespace) -> int:
    gone = resolve_feed(library, args.id)
    library.remove_feed(gone.id)
    say(f"Removed the feed {gone.id[:8]} ({gone.title or gone.url}); its articles stay.")
    return OK


def _export(library: Library, args: argparse.Namespace) -> int:
    text = export_opml(library.feeds())
    if args.output and args.output != "-":
        out = Path(args.output).expanduser()
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            warn(f"{out}: {error.strerror or error}")
            return FAILED
        say(f"Wrote {plural(len(library.feeds()), 'feed')} to {out}")
    else:
        sys.stdout.write(text)
    return OK


# -- refresh ---------------------------------------------------------------------------------------


def refresh(library: Library, args: argparse.Namespace) -> int:
    target = args.target
    if target is None:
        feeds = library.feeds()
        if not feeds:
            say("No feeds yet: `reader feed add URL` subscribes to one.")
            return OK
        return _refresh_feeds(library, feeds)
    prefix = target.strip().lower()
    feeds = [f for f in library.feeds() if f.id.startswith(prefix)] if prefix else []
    if len(feeds) > 1:
        raise NotFoundError(f"{prefix!r} matches {len(feeds)} feeds; type more of the id")
    if feeds:
        return _refresh_feeds(library, feeds)
    try:
        article_id = library.resolve_article(prefix)
    except NotFoundError:
        raise NotFoundError(f"no feed or article with an id starting {prefix!r}") from None
    return _refresh_article(library, article_id)


def _refresh_feeds(library: Library, feeds: list[Feed]) -> int:
    reports: list[FeedReport] = []
    with _progress(len(feeds)) as bar:

        def reported(report: FeedReport) -> None:
            bar.done()
            reports.append(report)
            _print_report(report)

        try:
            refresh_feeds(library, feeds, on_feed=bar.start, on_report=reported, progress=bar.entry)
        except KeyboardInterrupt:
            new = sum(len(r.new) for r in reports)
            warn(f"interrupted after {len(reports)} of {plural(len(feeds), 'feed')}: {plural(new, 'new article')} "
                 "stored; `reader refresh` refreshes the rest")
            return INTERRUPTED
    for failure in failures(reports):  # one line per cause, however many feeds it stopped
        warn(failure.line())
    new = sum(len(r.new) for r in reports)
    failed = sum(r.failed for r in reports)
    summary = f"{plural(new, 'new article')} from {plural(len(feeds), 'feed')}"
    say(summary + (f"; {failed} failed" if failed else ""))
    return FAILED if failed else OK


def _print_report(report: FeedReport) -> None:
    name = report.feed.title or report.feed.url
    if report.error:  # said after every feed, once per cause
        return
    for warning in report.warnings:
        warn(f"{name}: {warning}")
    for error in report.errors:
        warn(f"{name}: {error}")
    for article in report.new:
        say(f"added  {article.id[:8]}  {article.title}")
    for line in report.existing:
        say(f"exists {line}")
    for article in report.completed:
        say(f"completed {article.id[:8]}  {article.title}: the full text, fetched again, replaces the summary")
    say(report.summary())


def _refresh_article(library: Library, article_id: str) -> int:
    from reader.core.ingest import IngestError
    from reader.core.net import FetchError
    from reader.core.refresh import refresh_article

    try:
        report = refresh_article(library, article_id)
    except (FetchError, IngestError) as error:
        warn(f"{error}; the article was left as it was")
        return FAILED
    say(report.summary())
    if (unplaced := report.unplaced(library.article_state(article_id).title)) is not None:
        warn(unplaced)
    return OK


class _Bar:
    """A rich progress bar on stderr when it is a terminal; nothing at all otherwise."""

    def __init__(self, progress, total: int) -> None:  # noqa: ANN001 - rich.progress.Progress or None
        self.progress = progress
        self.feeds = progress.add_task("feeds", total=total) if progress else None
        self.entries = progress.add_task("", total=None, visible=False) if progress else None

    def start(self, feed_: Feed) -> None:
        if self.progress:
            self.progress.update(self.feeds, description=clip(feed_.title or feed_.url, 40))
            self.progress.update(self.entries, completed=0, total=None, visible=True, description="  fetching")

    def entry(self, done: int, total: int, title: str) -> None:
        if self.progress:
            what = f"  {clip(title, 38)}" if title else "  fetching pages"
            self.progress.update(self.entries, completed=done, total=total, description=what)

    def done(self) -> None:
        if self.progress:
            self.progress.update(self.entries, visible=False)
            self.progress.advance(self.feeds)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[_Bar]:
    if not sys.stderr.isatty():
        yield _Bar(None, total)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
        redirect_stdout=sys.stdout.isatty(),  # lines for a pipe or a file go there, not above the bar
    ) as progress:
        yield _Bar(progress, total)
