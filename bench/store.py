"""How long one durable note save takes as the library grows, against TinyDB's default storage.

Run it from the repository root:

    .venv/bin/python bench/store.py                       # 1k, 10k, 50k, 200k notes; ~2-3 minutes
    .venv/bin/python bench/store.py --sizes 1000,5000 --saves 20
    .venv/bin/python bench/store.py --sizes 50000,200000 --saves 100

Goals (issue 16): p95 < 15 ms at 200k notes; median >= 45x faster than TinyDB at 50k.

For each size N it builds two libraries holding the same N annotations, spread over ~2,000
synthetic articles (a BBC-sized library), then times single saves:

  reader   `Library.annotate`: the note's shard (notes/<xx>.json, ~N/256 notes) is written to a
           temp file, fsynced, swapped in with os.replace, the directory fsynced, the old
           version kept as backup .1, and then its copy (backups/notes/<xx>.json.0) written
           the same way: two durable writes per save, so any one file's loss costs nothing.
  TinyDB   (up to --tinydb-upto notes: above, each save takes seconds)
           one file with every annotation under TinyDB's default `JSONStorage`, one
           `table.insert` per save: it re-reads, re-serialises and rewrites (and fsyncs) the
           whole file every time. (Only the notes are in it: a real single-file library would
           also carry every article, and be slower still.)

With --baseline COMMIT, the same saves are timed with that commit's Library too (its sources
from `git archive`, first on PYTHONPATH of a child process), on a copy of the same library,
in rounds interleaved with this tree's (each round a new process, as a CLI save is): the
row prints both and this tree / baseline.

Pre-filling writes the files directly (reader) and with one `insert_multiple` (TinyDB); only
the single saves are timed. The files go to a temp dir under <repo>/../tmp-bench (same disk
as the repository), deleted at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402

from reader.core.model import Annotation, Article, Block, Selector, new_id  # noqa: E402
from reader.core.store import Library, SCHEMA_VERSION  # noqa: E402
from reader.core.store import records  # noqa: E402
from reader.core.store.files import dump_json  # noqa: E402
from reader.core.store.layout import ARTICLES_TABLE, NOTES_TABLE, Layout  # noqa: E402
from reader.core.store.layout import META_DOC_ID, META_TABLE  # noqa: E402

WORDS = (
    "the council said on monday that plans for a new bridge across the river would go ahead "
    "despite objections from residents who fear years of traffic noise and rising costs while "
    "ministers argued the project will bring jobs investment and faster journeys to the region"
).split()


def synthetic_articles(count: int, rng: random.Random) -> list[Article]:
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    articles = []
    for i in range(count):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
            for _ in range(rng.randint(6, 14))
        ]
        title = f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(6))
        article = Article.create(title, [Block("heading", title)] + [Block("paragraph", p) for p in paragraphs],
                                 source="BBC", url=f"https://www.bbc.co.uk/news/articles/bench{i}")
        article.added = base + timedelta(minutes=i)
        articles.append(article)
    return articles


def synthetic_annotation(article: Article, text: str, rng: random.Random) -> Annotation:
    start = rng.randrange(0, len(text) - 120)
    end = start + rng.randint(20, 110)
    return Annotation(
        id=new_id(), article_id=article.id, selector=Selector.at(text, start, end),
        note=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25))),
        tags=rng.sample(["politics", "transport", "quote", "follow-up", "data"], rng.randint(0, 2)),
        color=rng.randint(1, 5),
    )


def prefill_reader(home: Path, articles: list[Article], notes: list[Annotation]) -> None:
    """Write library.json, bodies/ and the notes shards directly, as the Library would have."""
    layout = Layout(home)
    layout.bodies.mkdir(parents=True)
    layout.notes.mkdir()
    for article in articles:
        layout.body(article.id).write_text(dump_json(records.blocks_to_record(article.blocks)), encoding="utf-8")
    index = {
        META_TABLE: {str(META_DOC_ID): {"schema": SCHEMA_VERSION}},
        ARTICLES_TABLE: {str(records.doc_id(a.id)): records.article_to_record(a) for a in articles},
    }
    layout.index.write_text(dump_json(index), encoding="utf-8")
    shards: dict[Path, dict[str, dict]] = defaultdict(dict)
    for note in notes:
        shards[layout.shard(note.article_id)][str(records.doc_id(note.id))] = records.annotation_to_record(note)
    for path, docs in shards.items():
        path.write_text(dump_json({NOTES_TABLE: docs}), encoding="utf-8")


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def time_reader(home: Path, articles: list[Article], texts: dict[str, str], saves: int,
                rng: random.Random) -> list[float]:
    library = Library(home)
    samples = []
    for i in range(saves + 2):  # two warm-up saves, not counted
        article = rng.choice(articles)
        text = texts[article.id]
        start = rng.randrange(0, len(text) - 100)
        began = time.perf_counter()
        library.annotate(article.id, start, start + 60, note=f"bench save {i}", tags=["bench"])
        elapsed = time.perf_counter() - began
        if i >= 2:
            samples.append(elapsed)
    library.close()
    return samples


SAVES_IN_CHILD = """
import json, random, sys, time
from reader.core.store import Library
home, saves, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng, library = random.Random(seed), Library(home)
articles = library.articles()
samples = []
for i in range(saves + 2):
    article = rng.choice(articles)
    text = library.article(article.id).text
    start = rng.randrange(0, len(text) - 100)
    began = time.perf_counter()
    library.annotate(article.id, start, start + 60, note=f"bench save {i}", tags=["bench"])
    if i >= 2:
        samples.append(time.perf_counter() - began)
print(json.dumps(samples))
"""


def sources(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def time_sides(homes: dict[str, Path], srcs: dict[str, Path], saves: int, rounds: int = 5) -> dict[str, list[float]]:
    """Saves with each side's Library, in child processes, round by round in turn."""
    import json

    samples: dict[str, list[float]] = {name: [] for name in srcs}
    for turn in range(rounds):
        for name, src in srcs.items():
            done = subprocess.run([sys.executable, "-c", SAVES_IN_CHILD, str(homes[name]), str(saves // rounds),
                                   str(turn)], env={**os.environ, "PYTHONPATH": str(src)}, cwd=src,
                                  capture_output=True, text=True, check=True)
            samples[name] += json.loads(done.stdout)
    return samples


def time_tinydb(path: Path, articles: list[Article], texts: dict[str, str], notes: list[Annotation],
                saves: int, rng: random.Random) -> list[float]:
    db = TinyDB(path)  # the default: JSONStorage, whole-file rewrite with fsync per write
    table = db.table(NOTES_TABLE)
    table.insert_multiple(records.annotation_to_record(n) for n in notes)
    samples = []
    for i in range(saves + 2):
        article = rng.choice(articles)
        record = records.annotation_to_record(synthetic_annotation(article, texts[article.id], rng))
        began = time.perf_counter()
        table.insert(record)
        elapsed = time.perf_counter() - began
        if i >= 2:
            samples.append(elapsed)
    db.close()
    return samples


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000,200000", help="existing annotations (comma-separated)")
    parser.add_argument("--tinydb-upto", type=int, default=50_000, help="largest size timed with TinyDB too")
    parser.add_argument("--saves", type=int, default=40, help="timed saves per size and storage")
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles the notes spread over")
    parser.add_argument("--dir", type=Path, default=ROOT.parent / "tmp-bench", help="where the temp dir goes")
    parser.add_argument("--keep", action="store_true", help="keep the files")
    parser.add_argument("--baseline", help="a commit whose saves are timed too, side by side")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",")]

    rng = random.Random(options.seed)
    started = time.perf_counter()
    articles = synthetic_articles(options.articles, rng)
    texts = {a.id: a.text for a in articles}
    all_notes = []
    for _ in range(max(sizes)):
        article = rng.choice(articles)
        all_notes.append(synthetic_annotation(article, texts[article.id], rng))

    created_parent = not options.dir.exists()
    options.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="store-", dir=options.dir))
    print(f"{options.articles} articles, {options.saves} timed saves per cell; files in {work}")
    rows = []
    compared: list[tuple[int, list[float], list[float]]] = []
    baseline_src = sources(options.baseline, work / "baseline-src") if options.baseline else None
    try:
        for size in sizes:
            notes = all_notes[:size]
            home = work / f"reader-{size}"
            prefill_reader(home, articles, notes)
            if options.baseline:
                srcs = {"baseline": baseline_src, "this tree": ROOT}
                homes = {"baseline": work / f"baseline-{size}", "this tree": home}
                shutil.copytree(home, homes["baseline"])
                sides = time_sides(homes, srcs, options.saves)
                compared.append((size, sides["baseline"], sides["this tree"]))
                shutil.rmtree(homes["baseline"])
            ours = time_reader(home, articles, texts, options.saves, random.Random(size))
            shard_kb = directory_size(home / "notes") / len(list((home / "notes").glob("*.json"))) / 1024
            baseline_path = work / f"tinydb-{size}.json"
            if size <= options.tinydb_upto:
                theirs = time_tinydb(baseline_path, articles, texts, notes, options.saves, random.Random(size))
                rows.append((size, ours, theirs, shard_kb, baseline_path.stat().st_size / 1024 / 1024))
            else:
                rows.append((size, ours, None, shard_kb, None))
            shutil.rmtree(home)
            print(f"  {size:>6,} notes done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
            if created_parent:
                shutil.rmtree(options.dir, ignore_errors=True)

    ms = 1000
    print()
    print("one durable note save (ms/save; median and p95)")
    print(f"{'notes':>7} | {'reader med':>10} {'p95':>7} | {'TinyDB JSONStorage med':>22} {'p95':>8}"
          f" | {'ratio (med)':>11} | {'reader shard':>12} | {'TinyDB file':>11}")
    print("-" * 110)
    for size, ours, theirs, shard_kb, file_mb in rows:
        ours_med = statistics.median(ours)
        line = f"{size:>7,} | {ours_med * ms:>10.2f} {percentile(ours, 0.95) * ms:>7.2f} | "
        if theirs is None:
            line += f"{'-':>22} {'-':>8} | {'-':>11} | {shard_kb:>9.0f} KB | {'-':>11}"
        else:
            theirs_med = statistics.median(theirs)
            line += (f"{theirs_med * ms:>22.2f} {percentile(theirs, 0.95) * ms:>8.2f} | "
                     f"{theirs_med / ours_med:>10.1f}x | {shard_kb:>9.0f} KB | {file_mb:>8.1f} MB")
        print(line)
    for size, base, this in compared:
        print(f"{size:>7,} notes, a new process per round: baseline {options.baseline} med "
              f"{statistics.median(base) * ms:.2f} p95 {percentile(base, 0.95) * ms:.2f} | this tree med "
              f"{statistics.median(this) * ms:.2f} p95 {percentile(this, 0.95) * ms:.2f} | ratio med "
              f"{statistics.median(this) / statistics.median(base):.2f} p95 "
              f"{percentile(this, 0.95) / percentile(base, 0.95):.2f}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
