"""`reader add`: files, folders and URLs into the library, one line for each.

Reading, extracting and analysing run on every core (`reader.core.ingest.batch`); this
process stores the articles with their analyses, in the order of the files, under the
library lock, each run of articles read by then in one save. Ctrl+C stops between
runs: what was stored is reported, counted and kept, the rest is not read (exit 130). A
file that cannot be read gets its own line and the others go on (exit 1 at the end).

A few sources (up to ANALYSE_LATER_UP_TO, say a page added by hand) are stored without
their analysis (entities and quotes: a third of the command's time, the tagger's load
and run): the article and its text are in at once, and the analysis is made by the next
command that needs it (`show --json`, `quotes`, `entities`, `entity`, `search`, the app),
as after `reader doctor` removed a damaged one. Nothing acknowledged is ever lost: the
analysis is derived from the stored text. A folder's worth is analysed here, on every
core, so that no later command has to pause for thousands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.cli.interrupts import Interrupts
from reader.cli.output import FAILED, INTERRUPTED, OK, article_json, plural, print_json, say, warn
from reader.core.duplicates import same_as
from reader.core.ingest import collect_paths
from reader.core.ingest.batch import Read, Reading, default_jobs
from reader.core.ingest.files import IngestError
from reader.core.model import Article
from reader.core.store import Library
from reader.core.urls import looks_like_url

ANALYSE_LATER_UP_TO = 4  # sources: their analyses cost the next command that needs them < ~0.5 s
# No text this short is cut by the analysis (`limits.MAX_ANALYSED` is larger; a test checks):
# the analysis package, and its tagger's code, need not load to say so.
NEVER_CAPPED_UNDER = 100_000  # characters


FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml", ".opml", ".json")


@dataclass
class Tally:
    """What `reader add` did so far: counted as each article is stored, never before."""

    added: int = 0
    existing: int = 0
    errors: list[IngestError] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)  # for --json

    def summary(self) -> str:
        failed = f", {len(self.errors)} failed" if self.errors else ""
        return f"{self.added} added, {self.existing} already in the library{failed}"


def add_sources(library: Library, given: list[str], *, jobs: int | None = None, as_json: bool = False) -> int:
    """Add what the user named; the exit code. `jobs`: worker processes (None: one per
    core; 1: everything in this process)."""
    urls = [p for p in given if looks_like_url(p)]  # a broken URL is still a URL, not a file
    # Path("") is the current folder: an empty argument (an unset shell variable) is refused.
    skipped: list[Path] = []
    paths, errors = collect_paths([Path(p) for p in given if p.strip() and not looks_like_url(p)], skipped)
    errors += [IngestError(repr(p), "an empty argument is not a file") for p in given if not p.strip()]
    tally = Tally(errors=errors)
    for error in errors:
        warn(str(error))
    sources: list[Path | str] = [*paths, *urls]
    known = frozenset(library.article_ids())
    analyse = len(sources) > ANALYSE_LATER_UP_TO
    with Interrupts() as interrupts:
        try:
            with Reading(sources, known, default_jobs(len(sources)) if jobs is None else jobs,
                         analyse=analyse) as reading:
                for group in reading.groups():
                    with interrupts.deferred():  # Ctrl+C waits: stored (analysed if now) and counted, or not begun
                        _store(library, group, tally, as_json, analyse)
        except KeyboardInterrupt:
            interrupted = True
        else:
            interrupted = False
    if as_json:
        print_json(tally.results)
    if interrupted:
        warn(f"interrupted: {tally.summary()}; the rest were not read")
        return INTERRUPTED
    if not as_json:
        say(tally.summary())
        if skipped:
            say(_skipped_line(skipped))
    return FAILED if tally.errors else OK


def _skipped_line(skipped: list[Path]) -> str:
    """What a folder held that is no article, said once (a feed file says how to subscribe)."""
    kinds = sorted({p.suffix.lower() or "(no type)" for p in skipped})
    line = f"{plural(len(skipped), 'file')} in the folders skipped ({', '.join(kinds[:5])}: reader reads .txt, .md and .html)"
    if any(p.suffix.lower() in FEED_SUFFIXES for p in skipped):
        line += "; a feed or OPML file is subscribed with `reader feed add FILE`"
    return line


def _store(library: Library, group: list[Read], tally: Tally, as_json: bool, analyse: bool) -> None:
    """Store a run of reads (articles with their analyses, if `analyse`: one save) and
    report each, in order."""
    articles = [r.imported.article for r in group if r.imported is not None]
    analyses = {r.imported.article.id: r.analysis for r in group if r.imported is not None and r.analysis is not None}
    stored = library.add_many(articles, analyses) if articles else []
    if analyse:
        made = {a.id for a, created in stored if created and a.id in analyses}
        _analyse_here(library, [a for a, created in stored if created and a.id not in made])
    outcomes = iter(stored)
    for r in group:
        if (error := r.error) is not None:
            warn(str(error))
            tally.errors.append(error)
            continue
        assert r.imported is not None, "a read without an error has its article"
        article, created = next(outcomes)
        for warning in r.imported.warnings:
            warn(f"{r.source}: {warning}")
        if created and (cut := _capped(article)):
            warn(f"{r.source}: {cut}")
        if not as_json:
            say(f"added  {article.id[:8]}  {article.title}" if created
                else f"exists {r.source}: {same_as(article, r.imported.article)}")
        tally.added, tally.existing = tally.added + created, tally.existing + (not created)
        tally.results.append({**article_json(article, 0), "path": str(r.source), "created": created})


def _capped(article: Article) -> str:
    """What the user is told if the analysis will not cover the whole text, else ''."""
    if len(article.text) < NEVER_CAPPED_UNDER:
        return ""
    from reader.core.limits import extent

    cut = extent(article.text)
    return cut.describe() if cut.capped else ""


def _analyse_here(library: Library, articles: list[Article]) -> None:
    """Articles the reading did not analyse (each was in the library as the reading began,
    and another process has removed it since): analysed here, as `analysis_for` would."""
    if articles:
        from reader.core.analysis import analysis_for

        for article in articles:
            analysis_for(library, article)
