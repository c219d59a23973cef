"""The analysis of a refresh's new articles, after they are stored and listed.

Entities and quotes are found on every core when there are many new articles (the
tagger's model loads once per worker process), and saved in runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.model import Analysis, Article

if TYPE_CHECKING:
    from reader.core.store import Library


ANALYSE_IN_WORKERS = 8  # fewer new articles than this are analysed in this process


def analyse_new(library: Library, articles: list[Article], jobs: int | None = None) -> int:
    """Analyse and store the analyses of articles just stored, on every core when there are
    many (the tagger's model loads once per worker); how many were analysed. An article
    removed meanwhile is passed over."""
    from reader.core.analysis import ANALYZER_VERSION, analysis_for

    todo = []
    for article in articles:
        stored = library.analysis(article.id)
        if stored is None or stored.version != ANALYZER_VERSION:
            todo.append(article)
    if not todo:
        return 0
    if jobs is None:
        from reader.core.ingest.batch import default_jobs

        jobs = default_jobs(len(todo)) if len(todo) >= ANALYSE_IN_WORKERS else 0
    if jobs < 2:
        for article in todo:
            try:
                analysis_for(library, library.article(article.id))
            except Exception:  # noqa: BLE001 - removed or unreadable since: its analysis waits for the next pass
                continue
        return len(todo)
    _analyse_in_workers(library, todo, jobs)
    return len(todo)


def _analyse_in_workers(library: Library, articles: list[Article], jobs: int) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from reader.core.analysis import analyze
    from reader.core.processes import spawn_context

    full = [a if a.blocks is not None else library.article(a.id) for a in articles]
    done: dict[str, Analysis] = {}
    with ProcessPoolExecutor(jobs, mp_context=spawn_context()) as pool:
        for article, analysis in zip(full, pool.map(analyze, full, chunksize=8)):
            done[article.id] = analysis
            if len(done) >= 256:
                _save_analyses(library, done)
                done = {}
    _save_analyses(library, done)


def _save_analyses(library: Library, analyses: dict[str, Analysis]) -> None:
    """Store a run of analyses; those of articles removed meanwhile are dropped."""
    if not analyses:
        return
    present = set(library.article_ids())
    library.save_analyses({i: a for i, a in analyses.items() if i in present})
