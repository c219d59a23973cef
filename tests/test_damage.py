"""Any one library file lost, truncated, zeroed or replaced: `reader doctor` names it and
exits non-zero, `reader doctor --restore` gives back every acknowledged change, the newest
included (each damaged file is the one the last change before the damage wrote).

Every case starts from a copy of one library built through the CLI, so the files are the
ones a user has, mirrors and all.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Feed
from reader.core.store import Library

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def state(home: Path) -> dict:
    """Everything a user changed or added, as the Library reads it."""
    library = Library(home)
    try:
        return {
            "articles": sorted(
                (a.id, a.title, a.tags, a.starred, a.read, a.position, library.article(a.id).text)
                for a in library.articles()
            ),
            "notes": sorted(
                (n.id, n.article_id, n.note, n.tags, n.color, n.quote) for n in library.annotations()
            ),
            "searches": library.searches(),
            "aliases": library.aliases(),
            "feeds": sorted((f.id, f.url, f.tags) for f in library.feeds()),
        }
    finally:
        library.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A library whose last changes wrote the index, the first article's notes shard and
    its body; returns (home, first article id, second article id)."""
    home = tmp_path_factory.mktemp("damage") / "lib"
    assert run(home, "add", str(SEEDS)) == 0
    library = Library(home)
    first, second = sorted(a.id for a in library.articles())
    library.subscribe(Feed.create("https://example.org/feed.xml", tags=["world"]))
    library.save_search("talks", "ceasefire")
    library.save_aliases({"Rubio": "Marco Rubio"})
    library.close()
    assert run(home, "star", second) == 0
    assert run(home, "note", second, "--quote", "temporary cease-fire concept", "--note", "on the second", "--tag", "b") == 0
    assert run(home, "search", "ceasefire") == 0  # builds the search cache
    assert run(home, "note", first, "--quote", "it was premature", "--note", "older note", "--tag", "a") == 0
    assert run(home, "note", first, "--quote", "higher-level talks with Russia", "--note", "newest note", "--tag", "n") == 0
    assert run(home, "tag", first, "newest-tag") == 0
    return home, first, second


def target(home: Path, first: str, kind: str) -> Path:
    return {
        "index": home / "library.json",
        "notes shard": home / "notes" / f"{first[:2]}.json",
        "body": home / "bodies" / f"{first}.json",
        "index mirror": home / "backups" / "library.json.0",
        "notes shard mirror": home / "backups" / "notes" / f"{first[:2]}.json.0",
        "body mirror": home / "backups" / "bodies" / f"{first}.json.0",
        "analysis": home / "analysis" / f"{first}.json",
        "search cache": home / "search-index.cache",
    }[kind]


def damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[: size // 2])
    elif how == "zero":
        path.write_bytes(bytes(size))
    elif how == "garbage":
        path.write_bytes(random.Random(size).randbytes(size))
    elif how == "other JSON":  # valid JSON, but not what reader wrote there
        path.write_text("{}" if path.suffix != ".cache" else "[]")


KINDS = ["index", "notes shard", "body", "index mirror", "notes shard mirror", "body mirror", "analysis", "search cache"]
DAMAGES = ["delete", "truncate", "zero", "garbage", "other JSON"]
DERIVED = {"analysis", "search cache"}


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_one_damaged_file_is_found_and_restored_with_every_change(built, tmp_path, capsys, kind, how):
    source, first, _second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    before = state(home)
    assert ("newest-tag" in before["articles"][[a[0] for a in before["articles"]].index(first)][2])
    path = target(home, first, kind)
    damage(path, how)
    capsys.readouterr()

    harmless = kind in DERIVED and how == "delete"  # made again when needed: nothing is wrong
    assert run(home, "doctor") == (0 if harmless else 1)
    report = capsys.readouterr().out
    if not harmless:
        assert f"broken {path}" in report or f"broken {path.parent}" in report, report

    assert run(home, "doctor", "--restore") == 0, capsys.readouterr()
    assert state(home) == before
    capsys.readouterr()
    assert run(home, "doctor") == 0, capsys.readouterr().out
    capsys.readouterr()
    assert run(home, "ls", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


@pytest.mark.parametrize("kind", ["index", "notes shard", "body"])
def test_a_damaged_file_stops_reading_with_one_line_and_keeps_the_file(built, tmp_path, capsys, kind):
    source, first, _second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    path = target(home, first, kind)
    damage(path, "truncate")
    broken = path.read_bytes()
    capsys.readouterr()
    assert run(home, "show", first) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert str(path) in err[0] and "reader doctor" in err[-1] and "Traceback" not in "".join(err)
    assert run(home, "note", first, "--quote", "it was premature") == 1  # no write over what was lost
    assert path.read_bytes() == broken


@pytest.mark.parametrize("how", ["truncate", "delete"])
def test_a_damaged_notes_shard_leaves_every_article_listed_and_names_the_file(built, tmp_path, capsys, how):
    """`reader ls` still lists the library, counts the notes it can read, and says which
    file it left out and what to do (exit 1); the damaged file is kept as it is."""
    source, first, second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    path = target(home, first, "notes shard")
    damage(path, how)
    left = path.read_bytes() if path.exists() else None
    capsys.readouterr()
    assert run(home, "ls") == 1
    out, err = capsys.readouterr()
    lines = {line[:8]: line for line in out.splitlines()}
    assert set(lines) == {first[:8], second[:8]}
    if first[:2] != second[:2]:
        assert "1 note" in lines[second[:8]]  # the other shard is read as ever
    assert str(path) in err and "notes are left out" in err and "reader doctor" in err and "Traceback" not in err
    assert (path.read_bytes() if path.exists() else None) == left


@pytest.mark.parametrize("how", ["truncate", "delete"])
def test_notes_and_search_with_a_damaged_shard_show_what_reads_and_name_the_file(built, tmp_path, capsys, how):
    """`reader notes` lists the notes the other shards hold and `reader search` searches
    them; both name the file whose notes are left out (exit 1) rather than look empty."""
    source, first, second = built
    if first[:2] == second[:2]:
        pytest.skip("both articles share a shard in this build")
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    path = target(home, first, "notes shard")
    damage(path, how)
    capsys.readouterr()
    assert run(home, "notes") == 1
    out, err = capsys.readouterr()
    assert "on the second" in out and "newest note" not in out and "No notes yet" not in out
    assert str(path) in err and "notes are left out" in err and "reader doctor" in err
    (home / "search-index.cache").unlink()
    assert run(home, "search", "newest") == 1
    out, err = capsys.readouterr()
    assert str(path) in err and "left out of the search" in err and "reader doctor" in err


def test_a_shard_damaged_after_the_search_index_knew_its_notes_leaves_them_out_as_said(built, tmp_path, capsys):
    """The cached index held the shard's notes: once the file is damaged, search says its
    notes are left out, and they are (not shown with what they held when last read)."""
    source, first, second = built
    if first[:2] == second[:2]:
        pytest.skip("both articles share a shard in this build")
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    capsys.readouterr()
    assert run(home, "search", "newest") == 0  # the index (cached) now holds the first article's notes
    assert "newest note" in capsys.readouterr().out
    damage(target(home, first, "notes shard"), "truncate")
    assert run(home, "search", "newest") == 1
    out, err = capsys.readouterr()
    assert "newest note" not in out and "left out of the search" in err
    assert run(home, "search", "second") == 1  # the other shard's notes are found as ever
    assert "on the second" in capsys.readouterr().out


def test_a_search_made_while_a_body_was_damaged_finds_its_text_once_restored(built, tmp_path, capsys):
    """The index built while the text was unreadable lacks it: the search says so, and
    `doctor --restore` drops the caches with the file it restores, so the text is found."""
    source, first, second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    library = Library(home)
    words = lambda text: set(text.lower().split())  # noqa: E731
    only_in_first = words(library.article(first).text) - words(library.article(second).text)
    word = sorted(w for w in only_in_first - words(library.article(first).title) if w.isalpha() and len(w) > 6)[0]
    library.close()
    damage(target(home, first, "body"), "truncate")
    damage(target(home, first, "search cache"), "delete")
    capsys.readouterr()
    assert run(home, "search", "--articles", word) == 1
    out, err = capsys.readouterr()
    assert first[:8] not in out and "left out of the search" in err
    assert run(home, "doctor", "--restore") == 0
    assert "removed" in capsys.readouterr().out
    assert run(home, "search", "--articles", word) == 0
    assert first[:8] in capsys.readouterr().out


def test_a_deleted_notes_shard_is_not_silently_empty(built, tmp_path, capsys):
    """A shard that is gone while its mirror is not: reading says so, and a new note
    is refused rather than written into a new, empty shard."""
    source, first, _second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    before = state(home)
    (home / "notes" / f"{first[:2]}.json").unlink()
    capsys.readouterr()
    assert run(home, "notes", first) == 1
    assert "is missing, though its backup copy exists" in capsys.readouterr().err
    assert run(home, "note", first, "--quote", "it was premature", "--note", "into the void") == 1
    assert run(home, "doctor", "--restore") == 0
    assert state(home) == before


def test_a_deleted_notes_shard_whose_copy_is_damaged_is_not_promised_back(built, tmp_path, capsys):
    """Its mirror torn too: the commands do not promise that `doctor --restore` brings it
    back (doctor then says there is no good copy, or restores an older one)."""
    source, first, _second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    shard = home / "notes" / f"{first[:2]}.json"
    shard.unlink()
    mirror = home / "backups" / "notes" / f"{first[:2]}.json.0"
    mirror.write_bytes(mirror.read_bytes()[:20])
    capsys.readouterr()
    assert run(home, "notes", first) == 1
    err = capsys.readouterr().err
    assert "is missing, and its backup copy is damaged" in err and "brings it back" not in err


def test_an_article_text_changed_on_disk_is_shown_with_a_warning_and_restored(built, tmp_path, capsys):
    """Two bytes overwritten in a body still read as JSON: `reader show` prints the text as
    it is, names the file and exits 1 (a new user read "higher educxxion" with no word of it);
    `doctor --restore` brings back the copy reader wrote."""
    source, first, _second = built
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    body = home / "bodies" / f"{first}.json"
    text = body.read_text(encoding="utf-8")
    at = text.index("premature")
    body.write_text(text[:at] + "prxxature" + text[at + len("premature"):], encoding="utf-8")
    capsys.readouterr()
    assert run(home, "show", first) == 1
    captured = capsys.readouterr()
    assert "prxxature" in captured.out
    assert f"{first}.json: differs from its backup copy" in captured.err and "reader doctor" in captured.err
    assert run(home, "doctor", "--restore") == 0
    capsys.readouterr()
    assert run(home, "show", first) == 0
    captured = capsys.readouterr()
    assert "premature" in captured.out and captured.err == ""
