"""`reader entities` on a whole library, this tree against a baseline commit, in one run.

    .venv/bin/python bench/entities_cli.py --library /tmp/bbclib [--baseline 17dd7b7] [--reps 5]

The library (e.g. `reader --home /tmp/bbclib add ../shared/data/bbc`) is copied once per
side, so both read the same files. Each rep, side by side in turn:

  cold   the search index's and the ledger's caches deleted first: index built from every
         library file, every entity's names joined, entries computed and cached;
  warm   the same command again: both caches read back.

Each is a whole process (`reader --home COPY entities`, output discarded), the baseline's
sources taken from `git archive BASELINE` and put first on PYTHONPATH. Prints the median
and the best seconds of each side and the ratios this tree / baseline (the best of a few
is the steadier figure on a shared machine). A baseline that cannot read the
library's analyses (written by a newer analyser) fails: give it a library it can read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHES = ("search-index.cache", "entities.cache")
RUN = "import sys; from reader.cli import main; sys.exit(main(['--home', sys.argv[1], 'entities']))"


def sources(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def timed(src: Path, home: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, str(home)], env=env, cwd=src,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{src}: reader entities failed: {done.stderr.decode()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--baseline", default="HEAD", help="commit to compare with (default HEAD)")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sides = {"baseline": sources(args.baseline, work / "baseline-src"), "this tree": ROOT}
        homes = {}
        for name in sides:
            homes[name] = work / f"home-{name.replace(' ', '-')}"
            shutil.copytree(args.library, homes[name], ignore=shutil.ignore_patterns(*CACHES))
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.reps):
            for name, src in sides.items():
                for cache in CACHES:
                    (homes[name] / cache).unlink(missing_ok=True)
                times.setdefault((name, "cold"), []).append(timed(src, homes[name]))
                times.setdefault((name, "warm"), []).append(timed(src, homes[name]))
    print(f"reader entities on {args.library}, {args.reps} reps, baseline {args.baseline}")
    for phase in ("cold", "warm"):
        for label, pick in (("median", statistics.median), ("best", min)):
            base, this = pick(times["baseline", phase]), pick(times["this tree", phase])
            print(f"  {phase} {label}: baseline {base:.3f} s  this tree {this:.3f} s  ratio {this / base:.2f}")


if __name__ == "__main__":
    main()
