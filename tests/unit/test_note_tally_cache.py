"""The note tallies kept beside the library: a new process reads them instead of every
shard, and a stale, damaged or unwritable cache only costs a recount, never a wrong count."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.model import Anchor, Article, Block
from reader.core.store import Library
from reader.core.store.layout import NOTES_TABLE
from reader.core.store.tally import CACHE_NAME, load_tallies

TEXT = "The council met on Tuesday. The harbour plan was approved after a long debate."


def add_article(library: Library, title: str) -> Article:
    return library.add(Article.create(title, [Block("paragraph", f"{title}. {TEXT}")]))[0]


@pytest.fixture
def home(tmp_path) -> Path:
    """Two articles (most likely in two shards), three notes, one of them orphaned, tags."""
    library = Library(tmp_path / "home")
    first, second = add_article(library, "First"), add_article(library, "Second")
    library.annotate(first.id, 0, 5, tags=["harbour"])
    orphan = library.annotate(first.id, 6, 12, tags=["harbour", "vote"])
    library.add_annotations([replace(orphan, anchor=Anchor("orphan", 0.0))])
    library.annotate(second.id, 0, 6)
    library.close()
    return tmp_path / "home"


def tallies(home: Path) -> tuple[tuple[dict[str, int], dict[str, int]], dict[str, int]]:
    """What a new process sees: note and orphan counts, and every tag in use."""
    library = Library(home)
    try:
        return library.note_tallies(), library.tag_counts()
    finally:
        library.close()


def counted_shards(monkeypatch) -> list[str]:
    """The shards a Library parses from now on, by file name."""
    counted: list[str] = []
    original = Library._count_shard

    def counting(self, path):
        counted.append(path.name)
        return original(self, path)

    monkeypatch.setattr(Library, "_count_shard", counting)
    return counted


def expected(home: Path) -> tuple[tuple[dict[str, int], dict[str, int]], dict[str, int]]:
    """The counts read straight from the notes, the slow way."""
    library = Library(home)
    try:
        notes = library.annotations()
        per_article: dict[str, int] = {}
        orphans: dict[str, int] = {}
        tags: dict[str, int] = {}
        for note in notes:
            per_article[note.article_id] = per_article.get(note.article_id, 0) + 1
            if note.anchor.state == "orphan":
                orphans[note.article_id] = orphans.get(note.article_id, 0) + 1
            for tag in note.tags:
                tags[tag] = tags.get(tag, 0) + 1
        return (per_article, orphans), tags
    finally:
        library.close()


def test_a_new_process_reads_the_saved_tallies_without_parsing_a_shard(home, monkeypatch):
    first = tallies(home)
    assert first == expected(home)
    assert set(load_tallies(home / CACHE_NAME)) == {p.name for p in (home / "notes").glob("*.json")}
    counted = counted_shards(monkeypatch)
    assert tallies(home) == first
    assert counted == []


def test_a_shard_changed_since_the_cache_was_saved_is_counted_again(home, monkeypatch):
    tallies(home)
    library = Library(home)
    try:
        article = next(a for a in library.articles() if a.title == "Second")
        library.annotate(article.id, 7, 14, tags=["late"])  # another process's save
        changed = library.layout.shard(article.id).name
    finally:
        library.close()
    counted = counted_shards(monkeypatch)
    assert tallies(home) == expected(home)
    assert counted == [changed]
    assert tallies(home)[1]["late"] == 1 and counted == [changed]  # and saved again


def test_a_shard_no_longer_there_leaves_the_cache(home):
    from reader.core.store.tally import save_tallies

    path = home / CACHE_NAME
    tallies(home)
    saved = load_tallies(path)
    save_tallies(path, {**saved, "zz.json": ((1, 2, 3), next(iter(saved.values()))[1])})
    assert tallies(home) == expected(home)
    assert set(load_tallies(path)) == set(saved)


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data[:-3] + bytes(b ^ 0xFF for b in data[-3:]),  # flipped bytes
    lambda data: b"not a cache at all",
    lambda data: b"",
])
def test_a_damaged_cache_is_recounted_without_an_error(home, monkeypatch, damage):
    right = tallies(home)
    path = home / CACHE_NAME
    path.write_bytes(damage(path.read_bytes()))
    counted = counted_shards(monkeypatch)
    assert tallies(home) == right
    assert sorted(counted) == sorted(p.name for p in (home / "notes").glob("*.json"))
    assert load_tallies(path)  # rewritten whole


def test_a_cache_of_the_right_format_but_wrong_shape_is_ignored(home):
    from reader.core.store.cachefile import write_cache
    from reader.core.store.tally import MAGIC, VERSION

    right = tallies(home)
    shard = next((home / "notes").glob("*.json")).name
    for bad in ({shard: ("sig", {}, {}, {})}, {shard: ((1, 2, 3), {"a": -1}, {}, {})}, [1, 2], {shard: (1,)}):
        write_cache(home / CACHE_NAME, MAGIC, VERSION, bad)
        assert load_tallies(home / CACHE_NAME) == {}
        assert tallies(home) == right


def test_a_cache_that_cannot_be_written_costs_nothing_but_the_recount(home, monkeypatch):
    (home / CACHE_NAME).mkdir()  # in the way: neither readable nor replaceable
    right = expected(home)
    assert tallies(home) == right
    counted = counted_shards(monkeypatch)
    assert tallies(home) == right
    assert counted  # nothing kept, so counted again


def test_malformed_notes_are_named_by_every_new_process(home):
    import json

    library = Library(home)
    shard = next(library.layout.notes.glob("*.json"))
    library.close()
    data = json.loads(shard.read_text())
    key = next(k for k in data[NOTES_TABLE])
    del data[NOTES_TABLE][key]["article_id"]
    shard.write_text(json.dumps(data))
    for _ in range(2):
        library = Library(home)
        try:
            library.note_tallies()
            assert [line for line in library.skipped_records() if "article_id" in line], library.skipped_records()
        finally:
            library.close()


@pytest.fixture
def read_only_view(home, tmp_path):
    """The library as a read-only mount (root) or folder (anyone else)."""
    view = tmp_path / "ro"
    if os.geteuid() != 0:
        for folder in (home, home / "notes"):
            folder.chmod(0o555)
        yield home
        for folder in (home, home / "notes"):
            folder.chmod(0o755)
        return
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(home), str(view)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only view")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True, capture_output=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)


def test_a_read_only_library_is_counted_and_nothing_is_written(read_only_view):
    assert not (read_only_view / CACHE_NAME).exists()
    right = expected(read_only_view)
    assert tallies(read_only_view) == right
    assert not (read_only_view / CACHE_NAME).exists()
    # no temp file left behind (the lock and the sweep's marker were there before it was read-only)
    assert {p.name for p in read_only_view.iterdir() if p.name.startswith(".")} <= {".lock", ".swept"}
