"""What `reader sync` costs through a folder, at 2k articles / 50k notes.

Run it from the repository root:

    .venv/bin/python bench/sync.py                 # builds the 2k/50k library once (as bench/cli_scale.py)
    .venv/bin/python bench/sync.py --reps 7 --cache ~/.cache/reader-bench

Each run works on fresh copies of the cached library (bench/cli_scale.py builds it: BBC
texts, bench/search.py's notes), in one temp folder on the same disk, and times:

  copy        shutil.copytree of the library folder: the baseline (what copying the library
              to a sync folder by hand costs)
  first out   the first `sync` of that library into an empty target folder (its snapshot of
              every article and note, the segment, the bodies)
  first in    the first `sync` of an empty library from that target (all of it arrives)
  note save   one `Library.annotate` in the synced library (median of --reps)
  incr. sync  one new note, then `sync` of it out to the target (median of --reps; the note's
              save is not in it), once the other library has sent nothing new

Ratios: the first syncs against the copy; the incremental sync against the copy and
against one note save. The machine is shared and noisy: run it twice.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cli_scale import library_at  # noqa: E402

from reader.core.store import Library  # noqa: E402
from reader.core.sync.engine import sync  # noqa: E402


def timed(work) -> float:  # noqa: ANN001 - a callable
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="note saves and incremental syncs timed (median)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-bench-cli-scale"))
    args = parser.parse_args(argv)
    built, _ = library_at(args.cache, "2k/50k", None)
    with tempfile.TemporaryDirectory(dir=args.cache) as folder:
        root = Path(folder)
        target = root / "target"
        target.mkdir()
        copy = timed(lambda: shutil.copytree(built, root / "copy"))
        home = root / "laptop"
        shutil.copytree(built, home)
        (home / "built").unlink(missing_ok=True)
        laptop = Library(home)
        first_out = timed(lambda: sync(laptop, str(target)))
        desktop = Library(root / "desktop")
        first_in = timed(lambda: sync(desktop, str(target)))
        article_id = laptop.article_ids()[0]
        saves, syncs = [], []
        for n in range(args.reps):
            saves.append(timed(lambda n=n: laptop.annotate(article_id, n, n + 5, note=f"bench note {n}")))
            syncs.append(timed(lambda: sync(laptop, str(target))))
        save, incremental = statistics.median(saves), statistics.median(syncs)
        notes = len(desktop.annotations())
    print(f"2k/50k library ({notes:,} notes arrived on the empty one)")
    print(f"  copy (baseline)      {copy * 1000:9.0f} ms")
    print(f"  first sync out       {first_out * 1000:9.0f} ms   {first_out / copy:6.1f}x copy")
    print(f"  first sync in        {first_in * 1000:9.0f} ms   {first_in / copy:6.1f}x copy")
    print(f"  one note save        {save * 1000:9.1f} ms")
    print(f"  incremental sync     {incremental * 1000:9.1f} ms   {incremental / copy:6.3f}x copy   "
          f"{incremental / save:5.1f}x one note save")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
