"""The article list kept beside the library: what a second process lists is what the index
holds now, damaged records named as a first read names them, and the list is only ever a
copy (damaged, stale or missing, it is made again)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.cli import main
from reader.core.store import Library
from reader.core.store.cachefile import ARTICLE_LIST
from reader.core.store.files import TEMP_SUFFIX

from test_store import make_article

LIST = ARTICLE_LIST[0]


def listed(home: Path) -> tuple[list[tuple], list[str]]:
    """What a new process lists (every field ls and the app show), and what it skipped."""
    library = Library(home)
    try:
        found = [(a.id, a.title, a.author, a.source, a.url, a.published, a.added, a.word_count, a.tags,
                  a.starred, a.read, a.position, a.feed, a.blocks) for a in library.articles()]
        return found, library.skipped_records()
    finally:
        library.close()


def filled(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    library = Library(home)
    library.add_many([make_article(f"Story {i}", author="A. Writer" if i % 2 else None) for i in range(5)])
    ids = [a.id for a in library.articles()]
    library.tag_article(ids[0], ["world"])
    library.update_article(ids[1], starred=True, position=3)
    library.close()
    return home


def test_a_second_process_lists_from_the_kept_list_what_the_first_read(tmp_path):
    home = filled(tmp_path)
    first = listed(home)
    assert (home / LIST).exists()
    os.rename(home / "library.json", home / "moved.json")  # a list read from the index would fail now
    os.rename(home / "moved.json", home / "library.json")  # (same inode, same times: the same file)
    assert listed(home) == first
    assert len(first[0]) == 5 and [row[8] for row in first[0]].count(["world"]) == 1
    assert [row[9:12] for row in first[0]].count((True, False, 3)) == 1


def test_a_change_by_any_process_is_listed_at_once(tmp_path):
    home = filled(tmp_path)
    before, _ = listed(home)
    other = Library(home)
    other.tag_article(before[2][0], ["later"])
    other.add(make_article("Newest"))
    other.close()
    after, _ = listed(home)
    assert [row[1] for row in after][:1] == ["Newest"] and len(after) == 6
    assert next(row for row in after if row[0] == before[2][0])[8] == ["later"]


def test_damaged_records_are_named_the_same_from_the_kept_list(tmp_path):
    home = filled(tmp_path)
    data = json.loads((home / "library.json").read_text())
    key = next(iter(data["articles"]))
    data["articles"][key]["title"] = ["not", "text"]
    data["articles"]["12345"] = "no record"  # TinyDB cannot even hold this one
    (home / "library.json").write_text(json.dumps(data))
    first = listed(home)
    assert len(first[0]) == 4 and len(first[1]) == 2
    assert "its record has a list as 'title'" in first[1][0] and "not a record" in first[1][1]
    assert listed(home) == first  # from the list: the same articles, the same two lines


def test_a_damaged_or_foreign_list_is_made_again_and_doctor_names_it(tmp_path, capsys):
    home = filled(tmp_path)
    first = listed(home)
    data = bytearray((home / LIST).read_bytes())
    data[-3] ^= 0xFF
    (home / LIST).write_bytes(bytes(data))
    assert main(["--home", str(home), "doctor"]) == 1  # named as every derived file is
    assert f"{LIST}: the cache fails its checksum" in capsys.readouterr().out
    assert listed(home) == first
    assert main(["--home", str(home), "doctor"]) == 0  # made again whole
    (home / LIST).write_bytes(b"RDLIST\x01\x00\x00\x00garbage")
    assert listed(home) == first
    (home / LIST).unlink()
    assert listed(home) == first and (home / LIST).exists()


def test_a_list_kept_for_another_schema_is_not_trusted(tmp_path, monkeypatch):
    """The list says the index was current when it was made: a reader of another schema
    version reads (and so checks) the index itself."""
    home = filled(tmp_path)
    listed(home)
    import reader.core.store.library as library_module

    monkeypatch.setattr(library_module, "SCHEMA_VERSION", library_module.SCHEMA_VERSION + 1)
    calls = []
    monkeypatch.setattr(library_module, "upgrade", lambda *args: calls.append(args))
    Library(home).close()
    assert len(calls) == 1


def test_stray_temps_are_cleared_in_a_folder_changed_since_the_last_sweep(tmp_path):
    home = filled(tmp_path)
    Library(home).close()  # swept: nothing changed since
    assert (home / ".swept").exists()
    stray = home / "bodies" / f".x.json.1234{TEMP_SUFFIX}"
    stray.write_text('{"half": ')
    Library(home).close()
    assert not stray.exists()
    later = home / f".library.json.5678{TEMP_SUFFIX}"
    later.write_text("{")
    os.utime(home / ".swept", ns=(0, 0))  # even a sweep long ago: the folder's own time tells
    Library(home).close()
    assert not later.exists()
