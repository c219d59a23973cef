"""`reader add` as the library grows: this tree against a baseline commit, in one run.

    .venv/bin/python bench/bulk_add.py [--baseline HEAD~1] [--reps 3] [--new 100] [--no-bulk]
                                       [--cache /tmp/reader-bench-bulk-add]

Two measures, each a whole `reader --home H add ...` process (output discarded, analysis
included, worker processes on every core as the user gets them), the baseline's sources
taken from `git archive BASELINE` and put first on PYTHONPATH (its workers inherit it):

  bulk        the 2,225 BBC files (../shared/data/bbc) into a fresh library: wall and CPU
              seconds (this process and every worker), once per side (--no-bulk skips it);
  per article `--new` BBC texts whose first line (the title) is changed, so each is a new
              article, into an empty library and into a copy of a 10,000-article one:
              seconds per article, wall and CPU, median of --reps, side by side in turn.

The 10,000-article library is built once with this tree's Library (the BBC texts, then
copies with a changed first line, `Library.add_many` in runs of 1,000; no analyses, which
`reader add` never reads) and cached under --cache; each timed add gets a fresh copy of
it. Prints each figure for both sides, the ratio this tree / baseline, and for each side
the ratio per article at 10k / at 0 (goal: within 1.2x; bulk goal: under 30 s).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "bbc"
RUN = "import sys; from reader.cli import main; sys.exit(main(['--home', sys.argv[1], 'add', *sys.argv[2:]]))"
BIG = 10_000
BUILD_VERSION = "1"  # bump when the way the big library is built changes


def sources(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def timed_add(src: Path, home: Path, *paths: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the command and every worker it waited for) of one `reader add`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, str(home), *map(str, paths)], env=env, cwd=src,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{src}: reader add failed: {done.stderr.decode()[-400:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bbc_texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from reader.core.ingest import collect_paths
    from reader.core.ingest.files import read_text

    paths, errors = collect_paths(sorted(p for p in DATA.iterdir() if p.is_dir()))
    if errors:
        raise SystemExit(f"cannot read {DATA}: {errors[0]}")
    return [read_text(path)[0] for path in paths]


def retitled(text: str, mark: str) -> str:
    title, _, rest = text.partition("\n")
    return f"{mark} {title}\n{rest}"


def big_library(cache: Path, texts: list[str]) -> Path:
    """The cached 10,000-article library, built first if it is not there (or half built)."""
    home = cache / f"articles-{BIG}"
    marker = home / "built"
    if marker.exists() and marker.read_text() == BUILD_VERSION:
        return home
    shutil.rmtree(home, ignore_errors=True)
    from reader.core.ingest.text import parse_text
    from reader.core.store import Library

    began = time.perf_counter()
    found: dict[str, object] = {}
    copy = 1
    while len(found) < BIG:
        for text in texts:
            article = parse_text(text if copy == 1 else retitled(text, f"(copy {copy})"))
            if article.blocks and article.id not in found:
                found[article.id] = article
            if len(found) == BIG:
                break
        copy += 1
    library = Library(home)
    made = list(found.values())
    for start in range(0, len(made), 1_000):
        library.add_many(made[start : start + 1_000])
    library.close()
    marker.write_text(BUILD_VERSION)
    print(f"built {home}: {BIG:,} articles in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return home


def new_files(folder: Path, texts: list[str], count: int) -> Path:
    """`count` BBC texts under a title no library here has."""
    folder.mkdir(parents=True)
    for i, text in enumerate(texts[:count]):
        (folder / f"new{i:04d}.txt").write_text(retitled(text, "(bench new)"), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="HEAD~1", help="commit to compare with (default HEAD~1)")
    parser.add_argument("--reps", type=int, default=3, help="timed adds per side and size (median)")
    parser.add_argument("--new", type=int, default=100, help="new articles per timed add")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-bench-bulk-add"))
    parser.add_argument("--no-bulk", action="store_true", help="skip the 2,225-file bulk add")
    options = parser.parse_args(argv)
    options.cache.mkdir(parents=True, exist_ok=True)
    texts = bbc_texts()
    big = big_library(options.cache, texts)
    with tempfile.TemporaryDirectory(dir=options.cache) as tmp:
        work = Path(tmp)
        sides = {"baseline": sources(options.baseline, work / "baseline-src"), "this tree": ROOT}
        fresh = new_files(work / "new", texts, options.new)
        bulk: dict[str, tuple[float, float]] = {}
        if not options.no_bulk:
            for name, src in sides.items():
                bulk[name] = timed_add(src, work / f"bulk-{len(bulk)}", DATA)
                shutil.rmtree(work / f"bulk-{len(bulk) - 1}")
        per: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for rep in range(options.reps):
            for name, src in sides.items():
                for size in ("0", "10k"):
                    home = work / f"home-{rep}-{size}"
                    if size == "10k":
                        subprocess.run(["cp", "-a", str(big), str(home)], check=True)
                    os.sync()  # the copy's writes are on disk before the timed add, not flushed by its syncs
                    wall, cpu = timed_add(src, home, fresh)
                    per.setdefault((name, size), []).append((wall / options.new, cpu / options.new))
                    shutil.rmtree(home)
    print(f"reader add, baseline {options.baseline} vs this tree; {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}")
    if bulk:
        (bw, bc), (tw, tc) = bulk["baseline"], bulk["this tree"]
        print(f"  bulk 2,225 BBC files, fresh library: baseline {bw:.1f} s wall {bc:.1f} s CPU | "
              f"this tree {tw:.1f} s wall {tc:.1f} s CPU | ratio wall {tw / bw:.2f} CPU {tc / bc:.2f}")
    print(f"  per article, {options.new} new files, median of {options.reps} (ms wall / ms CPU):")
    ms = 1000
    for name in sides:
        cells = {size: [statistics.median(x[k] for x in per[name, size]) for k in (0, 1)] for size in ("0", "10k")}
        (w0, c0), (w10, c10) = cells["0"], cells["10k"]
        print(f"    {name:>9}: at 0 {w0 * ms:6.1f} / {c0 * ms:6.1f}   at 10k {w10 * ms:6.1f} / {c10 * ms:6.1f}"
              f"   10k/0 wall {w10 / w0:.2f} CPU {c10 / c0:.2f}")
    for size in ("0", "10k"):
        base = statistics.median(x[0] for x in per["baseline", size])
        this = statistics.median(x[0] for x in per["this tree", size])
        print(f"  per article at {size:>3}: this tree / baseline wall {this / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
