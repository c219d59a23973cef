"""Which entities `reader entities` types differently in this tree and in a baseline commit.

    .venv/bin/python bench/entity_types.py --library /tmp/bbclib [--baseline HEAD] [--top 150] [--contexts 3]

Each side computes the ledger (`Ledger.build`) on its own copy of the library with both
caches deleted, the baseline's sources taken from `git archive BASELINE` and put first on
PYTHONPATH. Prints every entity whose type changed and that is in the top TOP of its type
(by articles) on either side, with its articles and mentions, then the count of changes
per (before -> after); `--all` lists every change, and `--contexts N` shows N mentions of
each changed entity in their sentences, to judge the change by hand. The ledger's types
only: the stored analyses are the same on both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHES = ("search-index.cache", "entities.cache")
DUMP = """
import json, sys
from pathlib import Path
from reader.core.store.library import Library
from reader.core.entities.ledger import Ledger
ledger = Ledger.build(Library(Path(sys.argv[1])))
print(json.dumps([(s.name, s.type, s.articles, s.mentions) for s in ledger.summaries()]))
"""
CONTEXTS = """
import json, sys
from pathlib import Path
from reader.core.store.library import Library
from reader.core.search.index import SearchIndex
index = SearchIndex.build(Library(Path(sys.argv[1])))
table, joins, wanted, n = index.articles, index.joins(), set(json.loads(sys.argv[2])), int(sys.argv[3])
found = {}
for a in sorted(table.live):
    text = table.text[a]
    for _k, number, start, end in table.mentions(a):
        name = joins.entity(a, number)
        if name in wanted and len(found.setdefault(name, [])) < n:
            found[name].append(" ".join((text[max(0, start - 60):start] + "[" + text[start:end] + "]" + text[end:end + 50]).split()))
print(json.dumps(found))
"""


def sources(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(src: Path, home: Path, script: str, *args: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", script, str(home), *args], env=env, cwd=src, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{src}: {done.stderr[-600:]}")
    return json.loads(done.stdout)


def copy(library: Path, into: Path) -> Path:
    shutil.copytree(library, into)
    for name in CACHES:
        (into / name).unlink(missing_ok=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--baseline", default="HEAD", help="commit to compare with (default HEAD)")
    parser.add_argument("--top", type=int, default=150, help="rank within its type, on either side")
    parser.add_argument("--all", action="store_true", help="every change, whatever its rank")
    parser.add_argument("--contexts", type=int, default=0, help="mentions shown per changed entity")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = sources(args.baseline, Path(tmp) / "base")
        before = run(base, copy(args.library, Path(tmp) / "lib-base"), DUMP)
        after = run(ROOT, copy(args.library, Path(tmp) / "lib-tree"), DUMP)
        ranks: dict[str, int] = {}
        for rows in (before, after):
            seen: Counter[str] = Counter()
            for name, kind, _articles, _mentions in rows:
                seen[kind] += 1
                ranks[name] = min(ranks.get(name, seen[kind]), seen[kind])
        old = {name: (kind, articles, mentions) for name, kind, articles, mentions in before}
        changes = []
        for name, kind, articles, mentions in after:
            was = old.get(name, (None,))[0]
            if was is not None and was != kind and (args.all or ranks[name] <= args.top):
                changes.append((name, was, kind, articles, mentions))
        contexts = run(ROOT, Path(tmp) / "lib-tree", CONTEXTS, json.dumps([c[0] for c in changes]), str(args.contexts)) if args.contexts else {}
    changes.sort(key=lambda c: (c[1], c[2], -c[3]))
    for name, was, kind, articles, mentions in changes:
        print(f"{was:>4} -> {kind:<4} {name:40} {articles:4} articles {mentions:5} mentions  (rank {ranks[name]})")
        for line in contexts.get(name, []):
            print(f"            {line}")
    print(f"{len(changes)} changed of {len(after)} entities ({'all' if args.all else f'top {args.top} of each type'}):",
          ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(Counter((c[1], c[2]) for c in changes).items())))


if __name__ == "__main__":
    main()
