"""Library.add_many: a run of articles in one save, with `add`'s answers for each."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.core.model import Analysis, Article, Block
from reader.core.store import Library
from reader.core.store import batchwrite
from reader.core.store.errors import SaveError
from reader.core.store.batchwrite import write_all


def article(title: str) -> Article:
    return Article.create(title, [Block("paragraph", f"{title}: the council met on Tuesday.")])


def test_each_article_is_added_once_and_the_others_are_named(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    here = article("Here already")
    library.add(here)
    one, two = article("One"), article("Two")
    results = library.add_many([one, here, two, article("One")])
    assert [(a.id, created) for a, created in results] == [
        (one.id, True), (here.id, False), (two.id, True), (one.id, False),
    ]
    assert results[1][0].title == "Here already"
    assert sorted(a.id for a in library.articles()) == sorted([here.id, one.id, two.id])
    assert library.article(two.id).text == two.text
    again = Library(tmp_path / "lib")  # another process sees them all, bodies and mirrors too
    assert again.article(one.id).blocks == one.blocks
    assert (tmp_path / "lib" / "backups" / "bodies" / f"{one.id}.json.0").exists()


def test_analyses_are_saved_together(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    made = [article("One"), article("Two")]
    library.add_many(made)
    library.save_analyses({a.id: Analysis(7) for a in made})
    assert [library.analysis(a.id) for a in made] == [Analysis(7), Analysis(7)]
    library.save_analyses({})  # nothing to save: no error, no lock


def test_write_all_leaves_each_file_and_its_mirror(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    write_all([(tmp_path / "a" / "x.json", "1", backups), (tmp_path / "b" / "y.json", "2", None)])
    write_all([(tmp_path / "a" / "x.json", "3", backups)])
    assert (tmp_path / "a" / "x.json").read_text() == "3" and (tmp_path / "b" / "y.json").read_text() == "2"
    assert (backups / "x.json.0").read_text() == "3" and (backups / "x.json.1").read_text() == "1"


def test_analyses_given_with_the_articles_are_saved_for_those_added(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    here = article("Here already")
    library.add(here)
    new = article("New")
    library.add_many([here, new], {here.id: Analysis(3), new.id: Analysis(7)})
    assert library.analysis(new.id) == Analysis(7) and library.analysis(here.id) is None


def many(root: Path, count: int, text: str) -> list[tuple[Path, str, Path | None]]:
    return [(root / "data" / f"f{i}.json", f"{text}{i}", root / "backups" if i % 2 else None) for i in range(count)]


def test_a_run_of_files_is_written_with_mirrors_and_backups(tmp_path: Path) -> None:
    assert len(many(tmp_path, 12, "")) >= batchwrite.BATCH_SYNC_FROM  # the one-sync path
    write_all(many(tmp_path, 12, "old"))
    write_all(many(tmp_path, 12, "new"))
    for i in range(12):
        assert (tmp_path / "data" / f"f{i}.json").read_text() == f"new{i}"
        assert (tmp_path / "backups" / f"f{i}.json.0").exists() == bool(i % 2)
    assert (tmp_path / "backups" / "f1.json.0").read_text() == "new1"
    assert (tmp_path / "backups" / "f1.json.1").read_text() == "old1"
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_a_run_whose_sync_fails_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_all(many(tmp_path, 12, "old"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def failing(_folder: Path) -> bool:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(batchwrite, "sync_disk", failing)
    with pytest.raises(SaveError, match="nothing was changed"):
        write_all(many(tmp_path, 12, "new"))
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_articles_whose_index_entry_fails_leave_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "lib"
    library = Library(home)
    made = [article(f"Story {i}") for i in range(12)]
    real_replace = os.replace

    def index_fails(source: object, target: object) -> None:
        if Path(str(target)).name == "library.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", index_fails)
    with pytest.raises(SaveError, match="nothing was changed"):
        library.add_many(made, {a.id: Analysis(7) for a in made})
    monkeypatch.undo()
    assert Library(home).articles() == []
    assert list((home / "bodies").glob("*")) == list((home / "analysis").glob("*.json")) == []
    assert list((home / "backups" / "bodies").glob("*")) == []


def test_new_files_nothing_names_yet_are_written_in_place_and_an_old_one_is_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new article's body and its mirror need no temp renamed into place (nothing reads
    them before the index names them); one already there is replaced, its old version kept."""
    writes = many(tmp_path, 12, "new")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "f1.json").write_text("orphan")  # left by an add that never named it
    renamed: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: renamed.append(Path(str(b)).name) or real_replace(a, b))
    write_all(writes, unnamed={path for path, _, _ in writes})
    assert renamed == ["f1.json", "f1.json.0"]  # the one that was there, and its mirror
    for i in range(12):
        assert (tmp_path / "data" / f"f{i}.json").read_text() == f"new{i}"
        if i % 2:
            assert (tmp_path / "backups" / f"f{i}.json.0").read_text() == f"new{i}"
    assert (tmp_path / "backups" / "f1.json.1").read_text() == "orphan"
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


@pytest.mark.parametrize("syncfs", ["fails", "missing"])
def test_new_files_are_synced_or_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syncfs: str) -> None:
    """Written in place, they are still durable before write_all returns (an fsync each and
    of their folders where the system has no syncfs), and a failed sync leaves none behind."""
    writes = many(tmp_path, 12, "new")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def failing(_folder: Path) -> bool:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(batchwrite, "sync_disk", failing if syncfs == "fails" else lambda _folder: False)
    monkeypatch.setattr(os, "fsync", fsync)
    if syncfs == "fails":
        with pytest.raises(SaveError, match="nothing was changed"):
            write_all(writes, unnamed={path for path, _, _ in writes})
        assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
        return
    write_all(writes, unnamed={path for path, _, _ in writes})
    wanted = {str(p) for p, _, _ in writes} | {str(tmp_path / "backups" / f"f{i}.json.0") for i in range(1, 12, 2)}
    assert wanted <= set(synced) and {str(tmp_path / "data"), str(tmp_path / "backups")} <= set(synced)
