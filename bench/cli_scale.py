"""How `reader ls` and `reader --version` cost from a new process, at 2k/50k and 10k/200k.

Run it from the repository root:

    .venv/bin/python bench/cli_scale.py               # builds the libraries once (a few minutes), then times
    .venv/bin/python bench/cli_scale.py --reps 11 --cache ~/.cache/reader-bench

The libraries (cached under --cache, default /tmp/reader-bench-cli-scale; rebuilt when a
library's `built` marker is missing, e.g. after an interrupted build):

  2k/50k     2,000 articles, 50,000 notes
  10k/200k   10,000 articles, 200,000 notes

Articles are the BBC texts (../shared/data/bbc) parsed as `reader add` parses a .txt, the
first copy of each as it is and every further copy with its first line (the title) changed
("(copy 2) ..."), so each copy is a new article; written through `Library.add_many` in
batches of 1,000. No analysis is stored (neither command reads one). 30% are marked read.
Notes come from bench/search.py's generator (real passages of their articles, 70% with a
note, 0-3 tags, colours 1-5), stored with `Library.add_annotations`. Seeded.

The baseline, timed in the same run: `reader ls` on a library holding only the two bundled
sample articles (what a new user has). Every command runs as a subprocess (the `reader`
script beside this Python), stdout to /dev/null; the commands are interleaved round by
round after one untimed warm-up each (the warm-up leaves any derived cache in place, as a
user's earlier run would), and each row prints its median and its ratio to the baseline
(`reader --version`: to `python -c pass`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reader.core.ingest import collect_paths  # noqa: E402
from reader.core.ingest.files import read_text  # noqa: E402
from reader.core.ingest.text import parse_text  # noqa: E402
from reader.core.model import Article  # noqa: E402
from reader.core.seeds import import_seeds_if_empty  # noqa: E402
from reader.core.store import Library  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "bbc"
SIZES = {"2k/50k": (2_000, 50_000), "10k/200k": (10_000, 200_000)}
BATCH = 1_000
BUILD_VERSION = "1"  # bump when the way a library is built changes


class _InMemory:
    """What bench/search.py's `generate_notes` asks of a library, from articles in memory
    (10,000 body files are not read back to make the notes)."""

    def __init__(self, articles: list[Article]) -> None:
        self._articles = {a.id: a for a in articles}

    def articles(self) -> list[Article]:
        return list(self._articles.values())

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]


def bbc_texts() -> list[str]:
    paths, errors = collect_paths(sorted(p for p in DATA.iterdir() if p.is_dir()))
    if errors:
        raise SystemExit(f"cannot read {DATA}: {errors[0]}")
    return [read_text(path)[0] for path in paths]


def copies(texts: list[str], count: int) -> list[Article]:
    """`count` distinct articles: the texts, then copies with a changed first line."""
    found: dict[str, Article] = {}
    copy = 1
    while len(found) < count:
        for text in texts:
            title, _, rest = text.partition("\n")
            article = parse_text(text if copy == 1 else f"(copy {copy}) {title}\n{rest}")
            if article.blocks and article.id not in found:
                found[article.id] = article
            if len(found) == count:
                break
        copy += 1
    return list(found.values())


def build(home: Path, articles: int, notes: int, texts: list[str]) -> None:
    from search import generate_notes  # bench/search.py: the notes generator

    began = time.perf_counter()
    library = Library(home)
    made = copies(texts, articles)
    for start in range(0, len(made), BATCH):
        library.add_many(made[start : start + BATCH])
    rng = random.Random(16)
    library.mark_read([a.id for a in made if rng.random() < 0.3])
    stored = time.perf_counter()
    annotations = generate_notes(_InMemory(made), notes, rng)
    library.add_annotations(annotations)
    (home / "built").write_text(BUILD_VERSION)
    print(f"built {home}: {len(made):,} articles in {stored - began:.0f} s, {len(annotations):,} notes "
          f"in {time.perf_counter() - stored:.0f} s", file=sys.stderr)


def library_at(cache: Path, name: str, texts: list[str] | None) -> tuple[Path, list[str] | None]:
    articles, notes = SIZES[name]
    home = cache / f"{articles}-{notes}"
    marker = home / "built"
    if not (marker.exists() and marker.read_text() == BUILD_VERSION):
        if home.exists():
            subprocess.run(["rm", "-rf", str(home)], check=True)
        texts = texts or bbc_texts()
        build(home, articles, notes, texts)
    return home, texts


def samples_library(cache: Path) -> Path:
    home = cache / "samples"
    if not (home / "library.json").exists():
        import_seeds_if_empty(Library(home))
    return home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-bench-cli-scale"))
    parser.add_argument("--reps", type=int, default=9, help="timed runs of each command (median)")
    options = parser.parse_args(argv)
    options.cache.mkdir(parents=True, exist_ok=True)
    texts = None
    homes = {}
    for name in SIZES:
        homes[name], texts = library_at(options.cache, name, texts)
    samples = samples_library(options.cache)

    script = Path(sys.executable).with_name("reader")
    reader = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "reader --version": [*reader, "--version"],
        "reader ls, 2 samples": [*reader, "--home", str(samples), "ls"],
        **{f"reader ls, {name}": [*reader, "--home", str(home), "ls"] for name, home in homes.items()},
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(options.reps + 1):
        for name, command in commands.items():
            began = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            if round_:  # the first round is the warm-up
                times[name].append(time.perf_counter() - began)

    median = {name: statistics.median(samples) for name, samples in times.items()}
    base = {"reader --version": "python -c pass"}
    print(f"median of {options.reps} runs each, interleaved; ratio against the row named")
    for name, value in median.items():
        against = base.get(name, "reader ls, 2 samples") if name != "python -c pass" else None
        ratio = f"{value / median[against]:5.2f}x {against}" if against and against != name else ""
        print(f"  {name:<24} {value * 1000:7.0f} ms   {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
