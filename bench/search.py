"""How fast `reader` searches a heavy reader's library: 2,000 articles with 50,000 notes and
10,000 articles with 200,000 notes, against baselines timed in the same run.

Run it from the repository root:

    .venv/bin/python bench/search.py                       # both sizes; builds the libraries once (minutes)
    .venv/bin/python bench/search.py --size 2k/50k --reps 20 --cli-reps 7
    .venv/bin/python bench/search.py --cache ~/.cache/reader-bench   # where the libraries are kept

The libraries are bench/cli_scale.py's (the BBC texts, copies with a changed first line, notes
from `generate_notes` below: real passages, 70% with a note, 0-3 tags, colours 1-5, created
over two years up to END), kept under --cache, plus each article's analysis stored (the
analysis of a copy is its original's: the same text) so person:/said-by: have names to find;
queries run with today=END so since:30d means the same on every run. Seeded.

Measured per size, in one process unless said:

  build    `SearchIndex.build(library, use_cache=False)`: every file read and indexed (what the
           app does in the background the first time); baseline: reading the same notes and
           articles through the Library alone (`shard_annotations` of every shard, `article` of
           every article), the floor any index built from the library pays.
  load     `SearchIndex.build(library)` from the cache that build saved, nothing changed.
  query    each query of QUERIES through `SearchIndex.search(query, today=END)` on the index
           as the app holds it (loaded from its cache, gc.freeze()d; parse included): "warm" is
           --reps repetitions after one untimed warm-up; "fresh" drops the index's memos of
           earlier queries before each run (a query whose words were never searched before).
           Baseline: the same query as one TinyDB `Query` scan of all the notes held in a
           MemoryStorage table (search_baseline.py: the predicate alone, no file read).
  cli      `reader --home LIB search Q` from a cold start (a new process, the cache in place),
           median of --cli-reps, interleaved with its baselines: `python -c pass` and the same
           search on a library of the two sample articles. Bytecode is cached (PYTHONPYCACHEPREFIX
           under --cache) as an installed reader has it: this environment sets
           PYTHONDONTWRITEBYTECODE, which would add compiling every module to every run.

Goals (issue 16): cold < 0.3 s at 50k and < 0.4 s at 200k; warm p95 < 10 ms for every kind
at 200k; a full build at 200k < 20 s. p50/p95 are nearest-rank.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from reader.core.model import Annotation, Selector, new_id  # noqa: E402
from reader.core.store import Library  # noqa: E402
from bbc import timed  # noqa: E402

END = datetime(2025, 6, 30, 12, 0, tzinfo=timezone.utc)
TODAY = END.date()
SIZES = ("2k/50k", "10k/200k")
ANALYSED = "1"  # bump when the analyses stored for the bench change

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


# -- the libraries ---------------------------------------------------------------------------------


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


def _analyse(text_blocks: tuple[str, list]) -> object:
    from reader.core.analysis import analyze
    from reader.core.model import Article, Block

    title, blocks = text_blocks
    return analyze(Article.create(title, [Block(*b) for b in blocks]))


def analysed_library(cache: Path, size: str, texts: list[str] | None) -> tuple[Path, list[str] | None]:
    """bench/cli_scale.py's library of this size, with every article's analysis stored."""
    import cli_scale
    from concurrent.futures import ProcessPoolExecutor

    home, texts = cli_scale.library_at(cache, size, texts)
    marker = home / "analysed"
    if marker.exists() and marker.read_text() == ANALYSED:
        return home, texts
    began = time.perf_counter()
    library = Library(home)
    articles = [library.article(a.id) for a in library.articles()]
    by_text: dict[str, list[str]] = {}
    firsts = []
    for article in articles:
        ids = by_text.setdefault(article.text, [])
        if not ids:
            firsts.append(article)
        ids.append(article.id)
    jobs = [(a.title, [(b.kind, b.text) for b in a.blocks]) for a in firsts]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_analyse, jobs, chunksize=16))
    analyses = {i: result for a, result in zip(firsts, results) for i in by_text[a.text]}
    ids = list(analyses)
    for start in range(0, len(ids), 1_000):
        library.save_analyses({i: analyses[i] for i in ids[start : start + 1_000]})
    library.close()
    marker.write_text(ANALYSED)
    print(f"analysed {home}: {len(firsts):,} texts for {len(articles):,} articles in "
          f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
    return home, texts


# -- measuring -----------------------------------------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def library_floor(home: Path) -> float:
    """Seconds to read every article and note through the Library: what any build pays."""
    library = Library(home)
    began = time.perf_counter()
    for summary in library.articles():
        library.article(summary.id)
        library.analysis(summary.id)
    for shard in library.layout.shards():
        library.shard_annotations(shard.stem)
    took = time.perf_counter() - began
    library.close()
    return took


def measure_build(home: Path, reps: int) -> dict[str, Any]:
    from reader.core.search.index import SearchIndex

    library = Library(home)
    full, loads = [], []
    for _ in range(reps):
        gc.collect()
        began = time.perf_counter()
        SearchIndex.build(library, use_cache=False)
        full.append(time.perf_counter() - began)
    for _ in range(max(3, reps)):
        gc.collect()
        began = time.perf_counter()
        SearchIndex.build(library)
        loads.append(time.perf_counter() - began)
    index = SearchIndex.build(library)
    gc.collect()
    gc.freeze()  # as the app does once its index is built
    library.close()
    cache_file = home / "search-index.cache"
    return {"index": index, "full": full, "load": loads,
            "cache_mb": cache_file.stat().st_size / 2**20 if cache_file.exists() else 0}


def cli_times(commands: dict[str, list[str]], reps: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Each command as a new process, round by round after one untimed warm-up round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(reps + 1):
        for name, argv in commands.items():
            began = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            if round_:
                times[name].append(time.perf_counter() - began)
    return times


def run_size(size: str, home: Path, samples: Path, options: argparse.Namespace, env: dict[str, str]) -> None:
    from reader.core.search.query import parse
    from search_baseline import ArticleFacts, TinyMemory, translate

    ms = 1000
    print(f"\n=== {size}: {home}")
    floor = library_floor(home)
    build = measure_build(home, options.build_reps)
    index = build["index"]
    full = statistics.median(build["full"])
    print(f"full build (no cache): median {full:.1f} s of {len(build['full'])} = {full / floor:.2f}x reading "
          f"the library alone ({floor:.1f} s), {full / 20:.2f}x the 20 s goal (at 200k)")
    print(f"load from the cache ({build['cache_mb']:.0f} MB), nothing changed: median "
          f"{statistics.median(build['load']) * ms:.0f} ms of {len(build['load'])}")

    rows = []
    for kind, query in QUERIES:
        warm, count = timed(options.reps, lambda q=query: index.search(q, today=TODAY).total)
        fresh, _ = timed(options.reps, lambda q=query: index.search(q, today=TODAY), index.forget_memos)
        rows.append((kind, query, warm, fresh, count))
    baseline: list[tuple[list[float], int]] = []
    if options.baseline_reps:
        library = Library(home)
        facts = ArticleFacts(library)
        library.close()
        engine = TinyMemory(home)
        for _, query in QUERIES:
            condition = translate(parse(query), facts, TODAY)
            baseline.append(timed(options.baseline_reps, lambda c=condition: engine.search(c), engine.reset))
        engine.close()
    print(f"per query, ms: warm/fresh p50 and p95 over {options.reps} reps; TinyDB memory scan p50 over "
          f"{options.baseline_reps}; ratio = TinyDB p50 / warm p95")
    print(f"{'kind':<8} {'query':<36} | {'hits':>6} {'warm50':>7} {'warm95':>7} | {'fresh50':>7} {'fresh95':>7} | "
          f"{'tinydb':>8} {'ratio':>6}")
    by_kind: dict[str, tuple[list[float], list[float], list[float]]] = {}
    for i, (kind, query, warm, fresh, count) in enumerate(rows):
        tiny = statistics.median(baseline[i][0]) if baseline else float("nan")
        print(f"{kind:<8} {query:<36} | {count:>6} {statistics.median(warm) * ms:>7.2f} "
              f"{percentile(warm, 0.95) * ms:>7.2f} | {statistics.median(fresh) * ms:>7.2f} "
              f"{percentile(fresh, 0.95) * ms:>7.2f} | {tiny * ms:>8.0f} {tiny / percentile(warm, 0.95):>5.0f}x")
        group = by_kind.setdefault(kind, ([], [], []))
        group[0].extend(warm)
        group[1].extend(fresh)
        if baseline:
            group[2].extend(baseline[i][0])
    worst = max(percentile(w, 0.95) for w, _, _ in by_kind.values())
    fresh_worst = max(percentile(f, 0.95) for _, f, _ in by_kind.values())
    print(f"worst kind's warm p95: {worst * ms:.2f} ms = {worst * ms / 10:.2f}x the 10 ms goal; "
          f"fresh: {fresh_worst * ms:.2f} ms = {fresh_worst * ms / 10:.2f}x")

    reader = [str(Path(sys.executable).with_name("reader"))]
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    for query in CLI_QUERIES:
        commands[f"search '{query}', 2 samples"] = [*reader, "--home", str(samples), "search", query]
        commands[f"search '{query}', {size}"] = [*reader, "--home", str(home), "search", query]
    times = cli_times(commands, options.cli_reps, env)
    median = {name: statistics.median(samples) for name, samples in times.items()}
    goal = 0.3 if size == "2k/50k" else 0.4
    print(f"cold `reader search`, median of {options.cli_reps} (interleaved; cache in place); goal < {goal} s")
    for name, value in median.items():
        base = name.replace(f", {size}", ", 2 samples")
        ratio = f"{value / median[base]:.2f}x on the samples, {value / goal:.2f}x the goal" if base != name else ""
        print(f"  {name:<52} {value * ms:>6.0f} ms  {ratio}")


CLI_QUERIES = ("negotiat", "tag:politics person:blair", '"prime minister" has:note')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-bench-search"),
                        help="where the libraries are built once and kept")
    parser.add_argument("--size", action="append", choices=SIZES, help="a library size (default: both)")
    parser.add_argument("--reps", type=int, default=20, help="timed repetitions of each query")
    parser.add_argument("--baseline-reps", type=int, default=1, help="TinyDB scans of each query (0: none)")
    parser.add_argument("--build-reps", type=int, default=1, help="full index builds timed")
    parser.add_argument("--cli-reps", type=int, default=5, help="cold `reader search` runs per command")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    import cli_scale

    started = time.perf_counter()
    options.cache.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(options.cache / "pycache")
    texts = None
    homes = {}
    for size in options.size or SIZES:
        homes[size], texts = analysed_library(options.cache, size, texts)
    samples = cli_scale.samples_library(options.cache)
    for size, home in homes.items():
        run_size(size, home, samples, options, env)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
