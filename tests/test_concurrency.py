"""Model-based concurrency: 4 processes x 200 random changes through the command line on one
library (notes made, edited and deleted; article tags added and removed; star and read set;
entity names merged and unmerged; searches saved), each logging what `reader` acknowledged.
Afterwards every acknowledged effect is there unless a later acknowledged change undid it:
nothing lost, no id twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import Library

ROOT = Path(__file__).resolve().parents[1]
WORKERS, OPS = 4, 200

pytestmark = pytest.mark.slow


def entries(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def library_home(tmp_path: Path) -> tuple[Path, dict[str, str], list[list[str]]]:
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", str(ROOT / "seeds")]) == 0
    library = Library(home)
    articles = {a.id: ("first" if "it was premature" in library.article(a.id).text else "second") for a in library.articles()}
    assert sorted(articles.values()) == ["first", "second"]
    names = ["Kevin Dietsch", "Dmitry Peskov", "Black Sea", "Kursk", "Ireland", "Saudi Arabia", "Kyiv", "Moscow"]
    return home, articles, [names[i : i + 2] for i in range(0, len(names), 2)]


def test_four_writers_lose_no_acknowledged_change(library_home, tmp_path):
    home, articles, pairs = library_home
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    logs = [tmp_path / f"worker{w}.log" for w in range(WORKERS)]
    workers = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "concurrency_worker.py"), str(home), str(w), str(OPS), str(1000 + w),
             json.dumps(articles), json.dumps(pairs[w]), str(logs[w])],
            env=env, stderr=subprocess.PIPE, text=True,
        )
        for w in range(WORKERS)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, err
    done = [entries(log) for log in logs]
    everything = [e for log in done for e in log]
    assert not [e for e in everything if e["op"] == "failed"]
    assert len(everything) == WORKERS * OPS

    library = Library(home)
    check_notes(library, done)
    check_tags(library, done, articles)
    check_latest_wins(library, everything, articles)
    check_merges_and_searches(library, done, pairs)


def check_notes(library: Library, done: list[list[dict]]) -> None:
    stored = library.annotations()
    ids = [n.id for n in stored]
    assert len(ids) == len(set(ids)), "a note id twice"
    expected: dict[str, tuple[str, set[str]]] = {}
    for log in done:
        for e in log:
            if e["op"] == "note":
                expected[e["note"]] = (e["text"], {e["tag"]})
            elif e["op"] == "edit":
                expected[e["note"]] = (e["text"], expected[e["note"]][1] | {e["tag"]})
            elif e["op"] == "delete":
                del expected[e["note"]]
    assert {n.id: (n.note, set(n.tags)) for n in stored} == expected


def check_tags(library: Library, done: list[list[dict]], articles: dict[str, str]) -> None:
    expected: dict[str, set[str]] = {a: set() for a in articles}
    for log in done:
        for e in log:
            if e["op"] == "tag":
                expected[e["article"]].add(e["tag"])
            elif e["op"] == "untag":
                expected[e["article"]].discard(e["tag"])
    assert {a.id: set(a.tags) for a in library.articles()} == expected


def check_latest_wins(library: Library, everything: list[dict], articles: dict[str, str]) -> None:
    """The change applied last was acknowledged no earlier than the latest start of any change
    to the same field (the lock orders them; the log only knows start and ack times)."""
    stored = {a.id: a for a in library.articles()}
    for field, attribute in (("star", "starred"), ("read", "read")):
        for article in articles:
            ops = [e for e in everything if e["op"] == field and e["article"] == article]
            if not ops:
                continue
            latest_start = max(e["started"] for e in ops)
            candidates = {e["value"] for e in ops if e["acked"] >= latest_start}
            assert getattr(stored[article], attribute) in candidates, (field, article, candidates)


def check_merges_and_searches(library: Library, done: list[list[dict]], pairs: list[list[str]]) -> None:
    aliases, searches = library.aliases(), library.searches()
    for log, (name, into) in zip(done, pairs, strict=True):
        merges = [e for e in log if e["op"] in ("merge", "unmerge")]
        if merges:
            assert aliases.get(name) == (into if merges[-1]["op"] == "merge" else None), name
        saved: dict[str, str] = {}
        for e in log:
            if e["op"] == "search":
                saved[e["name"]] = e["query"]
        assert {k: v for k, v in searches.items() if k in saved} == saved
