"""Many new articles' texts in one pack and their copies in another (store/packs.py): read,
checked, synced and restored as texts in files of their own are, and old libraries too."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Article, Block
from reader.core.store import Library
from reader.core.store.doctor import diagnose
from reader.core.store.errors import CorruptFileError
from reader.core.store.packs import PACK_FROM, SUFFIX
from reader.core.sync.engine import sync


def article(n: int, text: str = "the council met on Tuesday") -> Article:
    return Article.create(f"Story {n}", [Block("paragraph", f"Story {n}: {text}.")])


def batch(count: int = PACK_FROM + 4, text: str = "the council met on Tuesday") -> list[Article]:
    return [article(n, text) for n in range(count)]


def texts(home: Path) -> dict[str, str]:
    library = Library(home)
    try:
        return {a.id: library.article(a.id).text for a in library.articles()}
    finally:
        library.close()


def packs(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{SUFFIX}"))


def doctor(home: Path, *args: str) -> int:
    return main(["--home", str(home), "doctor", *args])


@pytest.fixture
def packed(tmp_path: Path) -> tuple[Path, list[Article]]:
    home = tmp_path / "lib"
    made = batch()
    Library(home).add_many(made)
    return home, made


def test_a_run_of_new_articles_is_two_files_not_two_per_article(packed):
    home, made = packed
    assert [p.name for p in (home / "bodies").iterdir()] == [p.name for p in (home / "backups" / "bodies").iterdir()]
    assert len(packs(home / "bodies")) == 1
    assert texts(home) == {a.id: a.text for a in made}  # another process reads every text
    library = Library(home)
    library.article(made[3].id, check_copy=True)
    assert library.unreadable == {}
    assert [f for f in diagnose(home) if f.broken] == []


def damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "zero":
        path.write_bytes(bytes(len(raw)))
    elif how == "garbage":
        path.write_bytes(random.Random(len(raw)).randbytes(len(raw)))
    elif how == "one byte":  # a text in it changed, its list of contents intact
        at = len(raw) - 20
        path.write_bytes(raw[:at] + bytes([raw[at] ^ 0x20]) + raw[at + 1:])


@pytest.mark.parametrize("how", ["delete", "truncate", "zero", "garbage", "one byte"])
@pytest.mark.parametrize("which", ["texts", "copies"])
def test_a_damaged_pack_is_named_and_every_text_comes_back(packed, capsys, which, how):
    home, made = packed
    folder = home / "bodies" if which == "texts" else home / "backups" / "bodies"
    [pack] = packs(folder)
    damage(pack, how)
    capsys.readouterr()
    assert doctor(home) == 1
    report = capsys.readouterr().out
    assert str(pack) in report or how == "delete", report
    assert doctor(home, "--restore") == 0
    capsys.readouterr()
    assert doctor(home) == 0, capsys.readouterr().out
    assert texts(home) == {a.id: a.text for a in made}
    library = Library(home)
    for a in made:  # each text and its copy agree again
        library.article(a.id, check_copy=True)
    assert library.unreadable == {}


def test_reading_a_text_damaged_in_its_pack_is_one_line_naming_the_pack(packed, capsys):
    home, made = packed
    [pack] = packs(home / "bodies")
    damage(pack, "one byte")  # the last text in the pack
    with pytest.raises(CorruptFileError) as caught:
        Library(home).article(made[-1].id)
    assert caught.value.path == pack and "does not match its checksum" in caught.value.reason
    assert main(["--home", str(home), "show", made[-1].id]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert str(pack) in err[0] and "reader doctor" in err[-1] and len(err) <= 2


def test_a_text_changed_outside_reader_is_said_and_restored_from_its_packed_copy(packed, capsys):
    home, made = packed
    body = home / "bodies" / f"{made[2].id}.json"
    body.write_text('{"blocks": [["paragraph", "edited by hand"]]}')  # a file of its own outranks the pack
    library = Library(home)
    assert library.article(made[2].id, check_copy=True).text == "edited by hand"
    assert "differs from its backup copy" in library.unreadable[body]
    assert doctor(home) == 1
    assert doctor(home, "--restore") == 0
    assert texts(home)[made[2].id] == made[2].text


def test_a_replaced_text_outranks_its_pack_and_a_removed_article_added_again_reads_the_newest(packed):
    home, made = packed
    library = Library(home)
    fresh = Article.create("Story 1", [Block("paragraph", "Story 1: a longer, corrected text.")])
    fresh.id = made[1].id
    library.replace_body(fresh)
    again = batch(text="the second edition")[2:2 + PACK_FROM]
    for one in again:  # removed, then added again with another text (as a feed may)
        library.remove(made[int(one.title.split()[1])].id)
        one.id = made[int(one.title.split()[1])].id
    library.add_many(again)
    library.close()
    assert len(packs(home / "bodies")) == 2
    got = texts(home)
    assert got[made[1].id] == "Story 1: a longer, corrected text."
    assert [got[a.id] for a in again] == [a.text for a in again] and got[made[-1].id] == made[-1].text
    assert doctor(home) == 0


def test_a_text_left_by_an_add_a_crash_cut_short_does_not_hide_the_packed_one(tmp_path):
    home = tmp_path / "lib"
    library = Library(home)
    made = batch()
    for folder, name in ((home / "bodies", f"{made[0].id}.json"), (home / "backups" / "bodies", f"{made[0].id}.json.0")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b'{"blocks": [["paragraph", "torn')  # written in place, never synced
    library.add_many(made)
    assert texts(home) == {a.id: a.text for a in made}
    assert doctor(home) == 0


def test_a_library_from_before_packs_reads_restores_and_takes_a_packed_run(tmp_path, capsys):
    """Files of their own, as every library held them before packs: read and restored as
    always, and a refresh's run of articles packed beside them."""
    home = tmp_path / "lib"
    old = [article(n, "an old text") for n in range(3)]
    library = Library(home)
    for one in old:  # a few at a time: files of their own
        library.add(one)
    assert packs(home / "bodies") == [] and (home / "backups" / "bodies" / f"{old[0].id}.json.0").is_file()
    new = batch(text="a new text")
    library.add_many(new)
    library.close()
    assert texts(home) == {a.id: a.text for a in old + new}
    (home / "bodies" / f"{old[1].id}.json").write_bytes(b"\0" * 40)
    assert doctor(home) == 1
    assert doctor(home, "--restore") == 0
    capsys.readouterr()
    assert doctor(home) == 0, capsys.readouterr().out
    assert texts(home) == {a.id: a.text for a in old + new}


def test_packed_texts_sync_to_another_library(packed, tmp_path):
    home, made = packed
    target = tmp_path / "target"
    target.mkdir()
    sync(Library(home), str(target))
    other = Library(tmp_path / "other")
    sync(other, str(target))
    assert texts(tmp_path / "other") == {a.id: a.text for a in made}
    assert len(packs(tmp_path / "other" / "bodies")) == 1  # the arrivals stored together, packed too


def test_articles_whose_index_entry_fails_leave_no_pack(tmp_path, monkeypatch):
    import errno

    from reader.core.store.errors import SaveError

    home = tmp_path / "lib"
    real_replace = os.replace

    def index_fails(source: object, target: object) -> None:
        if Path(str(target)).name == "library.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", index_fails)
    with pytest.raises(SaveError):
        Library(home).add_many(batch())
    monkeypatch.undo()
    assert packs(home / "bodies") == packs(home / "backups" / "bodies") == []


def test_an_index_lost_with_its_copy_beside_packed_texts_is_refused_not_started_afresh(packed):
    home, _made = packed
    (home / "library.json").write_text("{}")
    (home / "backups" / "library.json.0").unlink()
    with pytest.raises(CorruptFileError, match="no schema record"):
        Library(home)
