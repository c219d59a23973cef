"""How fast `reader` searches 50,000 notes, against a TinyDB `Query` scan of the same notes.

Run it from the repository root:

    .venv/bin/python bench/search.py                          # import + 50k notes + queries; ~3-5 minutes
    .venv/bin/python bench/search.py --library /tmp/search-lib # keep the library, reuse it next time
    .venv/bin/python bench/search.py --reps 20 --baseline-reps 3 --cli-reps 5

The library: the 2,225 BBC articles (../shared/data/bbc, imported as `reader add` does, each
article's analysis stored so person:/said-by: have data), 5% of them starred and 30% read,
and 50,000 annotations added with `Library.add_annotations`: each quote a real passage of its
article (a sentence, or 2-8 words), 70% with a note made of the article's words and a few
stock phrases, 0-3 tags from a fixed list of 40, colours 1-5, created over the two years up
to END (2025-06-30; queries run with today=END so since:30d means the same on every run).
Seeded: the same library on every run. Import and generation are reported, not compared.

Measured, in one process:

  build    `SearchIndex.build(library, use_cache=False)` on an opened library (every file
           read and tokenised): wall time (median of --build-reps), RSS growth of the first
           build, tracemalloc peak and retained size; then `SearchIndex.build(library)` from
           the index cache that build saved (search-index.cache in the library folder).
  query    each query of QUERIES through `SearchIndex.search(query_string, today=END)` on the
           index as the app holds it (loaded from its cache, gc.freeze()d; parse included), --reps times after one untimed warm-up; and
           "fresh": --reps times with the index's memos of earlier queries (each word's
           BM25 parts, the has:/color:/is: sets and their facets) dropped before each run,
           so a repeated query is timed like one whose words were never searched before.
  baseline the same queries as a TinyDB scan over the same notes: the query is parsed once
           with the reader's parser and translated into one TinyDB `Query` (Query().note.search,
           .tags.test, .color == ..., & | ~), the same predicate the reader's fields define
           (word prefix match; phrases as a word regex; person:/said-by: over the article's
           stored analysis, is:starred over the article index, both read into dicts once,
           untimed: generous to TinyDB). Two variants:
             files   each notes shard opened with TinyDB's default JSONStorage, read-only;
                     `table.search(q)` over all 256 shards: TinyDB re-reads and parses every
                     file on each search (its query cache cleared before each repetition).
             memory  all notes in one TinyDB table on MemoryStorage: the predicate scan alone.
  cli      `python -m reader --home LIB search Q` from a cold start, median of --cli-reps:
           with the index cache in place (what a user gets after the first search), and with
           the cache deleted before each run (a full build); against `python -c pass` and
           `python -m reader --version` timed in the same run.

Hit counts are shown next to each query: the reader's index stems words and the baseline
matches word prefixes, so small differences are expected; large ones would be a bug.
p50/p95 are nearest-rank over the repetitions of each query (per kind and overall: over
all repetitions of the queries of that kind). ratio = baseline / reader (above 1: the reader
is faster).
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from reader.core.analysis import analysis_for  # noqa: E402
from reader.core.model import Annotation, Selector, new_id  # noqa: E402
from reader.core.store import Library  # noqa: E402
from bbc import import_bbc, timed  # noqa: E402
from search_baseline import ArticleFacts, TinyFiles, TinyMemory, translate  # noqa: E402

END = datetime(2025, 6, 30, 12, 0, tzinfo=timezone.utc)
TODAY = END.date()
NOTES = 50_000

TAGS = (
    "politics", "economy", "business", "markets", "tech", "science", "health", "education",
    "sport", "football", "rugby", "tennis", "film", "music", "tv", "books", "law", "crime",
    "europe", "uk", "usa", "asia", "africa", "energy", "climate", "transport", "housing",
    "jobs", "tax", "budget", "election", "labour", "tories", "quote", "data", "follow-up",
    "check", "important", "idea", "question",
)
STOCK = (
    "follow up on this", "check the figures", "compare with last year", "who said this first?",
    "important", "worth quoting", "disagree", "source?", "see also the earlier piece",
    "good example", "ask about this", "numbers look off", "key point", "context matters here",
)

# (kind, query): the mix timed through both engines.
QUERIES: tuple[tuple[str, str], ...] = (
    ("word", "government"),
    ("word", "music"),
    ("prefix", "negotiat"),
    ("phrase", '"prime minister"'),
    ("phrase", '"interest rates"'),
    ("or", "election OR vote"),
    ("not", "economy -growth"),
    ("tag", "tag:follow-up"),
    ("tag", "tag:econ"),
    ("person", "person:blair"),
    ("said-by", "said-by:brown"),
    ("color", "color:2"),
    ("has", "has:note"),
    ("is", "is:starred"),
    ("date", "since:30d"),
    ("combo", "tag:politics person:blair"),
    ("combo", "has:note color:3 since:90d"),
    ("combo", "minister -labour tag:check"),
    ("combo", 'quote:"said" OR note:important'),
    ("combo", "title:labour has:note is:starred"),
)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


# -- the library ---------------------------------------------------------------------------------


def import_analysed(data: Path, home: Path) -> tuple[Library, int, float, float]:
    """The BBC folders, as `reader add` imports them, then each article's analysis stored."""
    library, files, imported = import_bbc(data, home)
    began = time.perf_counter()
    for summary in library.articles():
        analysis_for(library, library.article(summary.id))
    return library, files, imported, time.perf_counter() - began


def generate_notes(library: Library, count: int, rng: random.Random) -> list[Annotation]:
    articles = [library.article(a.id) for a in library.articles()]
    texts = {a.id: a.text for a in articles}
    sentences = {a.id: [m.span() for m in _SENTENCE.finditer(texts[a.id])] for a in articles}
    words = {a.id: [m.span() for m in _WORD.finditer(texts[a.id])] for a in articles}
    span = (END - timedelta(days=730)).timestamp(), END.timestamp()
    notes = []
    for _ in range(count):
        article = rng.choice(articles)
        text, spans = texts[article.id], words[article.id]
        if sentences[article.id] and rng.random() < 0.5:
            start, end = rng.choice(sentences[article.id])
            while text[start].isspace():
                start += 1
        else:
            first = rng.randrange(len(spans))
            last = min(len(spans) - 1, first + rng.randint(1, 7))
            start, end = spans[first][0], spans[last][1]
        note = ""
        if rng.random() < 0.7:
            picked = [text[s:e].lower() for s, e in rng.sample(spans, min(len(spans), rng.randint(2, 14)))]
            if rng.random() < 0.5:
                picked.insert(rng.randrange(len(picked) + 1), rng.choice(STOCK))
            note = " ".join(picked).capitalize()
        created = datetime.fromtimestamp(rng.uniform(*span), tz=timezone.utc)
        notes.append(Annotation(
            id=new_id(), article_id=article.id, selector=Selector.at(text, start, end), note=note,
            tags=rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3))), color=rng.randint(1, 5),
            created=created, updated=created,
        ))
    return notes


def build_library(data: Path, home: Path, seed: int) -> Library:
    library, files, import_s, analysis_s = import_analysed(data, home)
    rng = random.Random(seed)
    summaries = library.articles()
    for summary in summaries:
        roll = rng.random()
        if roll < 0.05 or roll > 0.70:
            library.update_article(summary.id, starred=roll < 0.05, read=roll > 0.70)
    began = time.perf_counter()
    notes = generate_notes(library, NOTES, rng)
    generated = time.perf_counter() - began
    began = time.perf_counter()
    library.add_annotations(notes)
    print(f"library: {files} files -> {len(summaries)} articles, import {import_s:.1f} s, analysis "
          f"{analysis_s:.1f} s; {len(notes):,} notes generated in {generated:.1f} s, stored in "
          f"{time.perf_counter() - began:.1f} s (none of this is in the table)")
    return library


# -- measuring -----------------------------------------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure_build(home: Path, reps: int) -> dict[str, Any]:
    """Full builds (no cache: every file read), then loads from the cache the full build saved."""
    from reader.core.search.index import SearchIndex

    library = Library(home)
    gc.collect()
    before = rss_kb()
    full = []
    for _ in range(reps):
        began = time.perf_counter()
        index = SearchIndex.build(library, use_cache=False)
        full.append(time.perf_counter() - began)
        if len(full) == 1:
            rss_growth = rss_kb() - before
    cached = []
    for _ in range(reps):
        began = time.perf_counter()
        SearchIndex.build(library)
        cached.append(time.perf_counter() - began)
    gc.collect()
    tracemalloc.start()
    other = SearchIndex.build(library, use_cache=False)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del other, index
    # The index the queries are timed on is the one the app holds: loaded from its cache,
    # then moved out of the cyclic collector's sight (reader/tui/entity_state.py does this
    # once the index and ledger are built).
    index = SearchIndex.build(library)
    gc.collect()
    gc.freeze()
    library.close()
    cache_file = home / "search-index.cache"
    return {"index": index, "full": full, "cached": cached, "rss": rss_growth, "peak": peak,
            "retained": retained, "cache_mb": cache_file.stat().st_size / 2**20 if cache_file.exists() else 0}


def cli_run(argv: list[str], reps: int, before: Callable[[], None] | None = None) -> list[float]:
    samples = []
    for _ in range(reps):
        if before:
            before()
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        samples.append(time.perf_counter() - began)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc", help="the BBC folder")
    parser.add_argument("--library", type=Path, default=None,
                        help="keep the generated library here and reuse it if it is already there")
    parser.add_argument("--dir", type=Path, default=None, help="where the temporary library goes")
    parser.add_argument("--reps", type=int, default=20, help="timed repetitions of each query (reader)")
    parser.add_argument("--baseline-reps", type=int, default=3, help="timed repetitions of each query (TinyDB)")
    parser.add_argument("--build-reps", type=int, default=3, help="index builds timed")
    parser.add_argument("--cli-reps", type=int, default=5, help="cold `reader search` runs per command")
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args(argv)

    from reader.core.search.query import parse

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="search-bench-", dir=options.dir))
    try:
        home = options.library or work / "home"
        if options.library and (home / "library.json").exists():
            print(f"library: reused {home}")
        else:
            build_library(options.data, home, options.seed).close()

        build = measure_build(home, options.build_reps)
        index = build["index"]
        print(f"index: built {options.build_reps}x, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)

        reader_rows = []
        for kind, query in QUERIES:
            samples, count = timed(options.reps, lambda q=query: index.search(q, today=TODAY).total)
            fresh, _ = timed(options.reps, lambda q=query: index.search(q, today=TODAY), index.forget_memos)
            reader_rows.append((kind, query, samples, count, fresh))
        print(f"reader queries done, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)

        library = Library(home)
        facts = ArticleFacts(library)
        library.close()
        conditions = [translate(parse(query), facts, TODAY) for _, query in QUERIES]
        baselines = {}
        for name, engine_type in (("memory", TinyMemory), ("files", TinyFiles)):
            engine = engine_type(home)
            baselines[name] = [timed(options.baseline_reps, lambda c=c, e=engine: e.search(c), engine.reset)
                               for c in conditions]
            engine.close()
            print(f"TinyDB {name} done, {time.perf_counter() - started:.0f} s so far", file=sys.stderr)

        python = sys.executable
        cli_queries = ["negotiat", "tag:politics person:blair", '"prime minister" has:note']
        cli_rows = [
            ("python -c pass", cli_run([python, "-c", "pass"], options.cli_reps)),
            ("python -m reader --version", cli_run([python, "-m", "reader", "--version"], options.cli_reps)),
        ]
        cache_file = home / "search-index.cache"
        for query in cli_queries:
            argv = [python, "-m", "reader", "--home", str(home), "search", query]
            cli_rows.append((f"reader search '{query}' (cache)", cli_run(argv, options.cli_reps)))
        cli_rows.append((f"reader search '{cli_queries[0]}' (no cache)",
                         cli_run(argv[:-1] + [cli_queries[0]], options.cli_reps, lambda: cache_file.unlink(missing_ok=True))))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ms = 1000
    print()
    print(f"index build, full (no cache): median {statistics.median(build['full']) * ms:.0f} ms over "
          f"{len(build['full'])}; RSS +{build['rss'] / 1024:.0f} MB (first build); tracemalloc peak "
          f"{build['peak'] / 2**20:.0f} MB, retained {build['retained'] / 2**20:.0f} MB")
    print(f"index build from its cache ({build['cache_mb']:.0f} MB file, nothing changed): median "
          f"{statistics.median(build['cached']) * ms:.0f} ms over {len(build['cached'])}")
    print()
    print(f"per query, ms: reader p50/p95 over {options.reps} reps; TinyDB p50 over {options.baseline_reps} reps;"
          " ratio = TinyDB / reader at p50")
    print("fresh = the same query with the index's memos of earlier queries dropped before each run")
    print(f"{'kind':<8} {'query':<36} | {'hits':>6} {'p50':>7} {'p95':>7} | {'fresh50':>7} {'fresh95':>7} | "
          f"{'mem hits':>8} {'p50':>8} {'ratio':>7} | {'files p50':>9} {'ratio':>7}")
    print("-" * 134)
    by_kind: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {}
    for (kind, query, ours, count, fresh), (mem, mem_count), (files, _) in zip(
            reader_rows, baselines["memory"], baselines["files"], strict=True):
        p50 = statistics.median(ours)
        print(f"{kind:<8} {query:<36} | {count:>6} {p50 * ms:>7.2f} {percentile(ours, 0.95) * ms:>7.2f} | "
              f"{statistics.median(fresh) * ms:>7.2f} {percentile(fresh, 0.95) * ms:>7.2f} | "
              f"{mem_count:>8} {statistics.median(mem) * ms:>8.1f} {statistics.median(mem) / p50:>6.0f}x | "
              f"{statistics.median(files) * ms:>9.0f} {statistics.median(files) / p50:>6.0f}x")
        group = by_kind.setdefault(kind, ([], [], [], []))
        for total, part in zip(group, (ours, mem, files, fresh), strict=True):
            total.extend(part)
    print("-" * 134)
    everything: tuple[list[float], list[float], list[float], list[float]] = ([], [], [], [])
    for kind, (ours, mem, files, fresh) in [*by_kind.items(), ("overall", everything)]:
        if kind != "overall":
            for total, part in zip(everything, (ours, mem, files, fresh), strict=True):
                total.extend(part)
        p50 = statistics.median(ours)
        print(f"{kind:<8} {'(all queries of this kind)' if kind != 'overall' else '(every query)':<36} | "
              f"{'':>6} {p50 * ms:>7.2f} {percentile(ours, 0.95) * ms:>7.2f} | "
              f"{statistics.median(fresh) * ms:>7.2f} {percentile(fresh, 0.95) * ms:>7.2f} | "
              f"{'':>8} {statistics.median(mem) * ms:>8.1f} {statistics.median(mem) / p50:>6.0f}x | "
              f"{statistics.median(files) * ms:>9.0f} {statistics.median(files) / p50:>6.0f}x")
    print()
    print(f"cold start, median of {options.cli_reps} runs (ms); reader search includes reading the library "
          "and loading (cache) or building (no cache) the index")
    base = statistics.median(cli_rows[0][1])
    for name, samples in cli_rows:
        med = statistics.median(samples)
        print(f"  {name:<48} {med * ms:>7.0f}   ({med / base:.1f}x python -c pass)")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
