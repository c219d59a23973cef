"""Bad libraries, as users' machines and hand edits make them: every command answers with
one clear line naming the file (or the record), a non-zero exit where it cannot do its
job, no traceback, and the library's files exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from reader.cli import main
from reader.core.store import Library, locking

ROOT = Path(__file__).resolve().parents[1]
BIG = "1" * 5000


def run(home: Path | str, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def fingerprint(home: Path) -> dict[str, str]:
    """Every file of the library by content (aside from the lock file, which holds nothing,
    and the derived files a read may make: caches and analyses)."""
    if not home.is_dir():
        return {"": hashlib.sha1(home.read_bytes()).hexdigest()} if home.exists() else {}
    return {
        str(p.relative_to(home)): hashlib.sha1(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(home.rglob("*"))
        if p.name != ".lock" and p.suffix != ".cache" and "analysis" not in p.relative_to(home).parts
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("hostile") / "lib"
    assert run(home, "add", str(ROOT / "seeds")) == 0
    first = sorted(a.id for a in Library(home).articles())[0]
    assert run(home, "note", first, "--quote", "it was premature", "--note", "kept") == 0
    return home, first


@pytest.fixture
def seeded(template, tmp_path) -> tuple[Path, str]:
    source, first = template
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    return home, first


def edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def first_record(data: dict, table: str) -> dict:
    return next(iter(data[table].values()))


# Each: what is done to the library, the words its message must have, and whether reading
# commands still work (records skipped with a warning) or stop (the file cannot be read).
def big_number(home: Path, first: str) -> None:
    text = (home / "library.json").read_text()
    (home / "library.json").write_text(text.replace('"position":0', f'"position":{BIG}', 1))


def big_key(home: Path, first: str) -> None:
    edit_json(home / "library.json", lambda d: d["articles"].update({BIG: {"id": "0" * 16}}))


def deep(home: Path, first: str) -> None:
    (home / "library.json").write_text("[" * 100_000 + "]" * 100_000)


def note_without_article(home: Path, first: str) -> None:
    edit_json(home / "notes" / f"{first[:2]}.json", lambda d: first_record(d, "annotations").pop("article_id"))


def article_without_id(home: Path, first: str) -> None:
    edit_json(home / "library.json", lambda d: first_record(d, "articles").pop("id"))


def article_of_wrong_types(home: Path, first: str) -> None:
    edit_json(home / "library.json", lambda d: first_record(d, "articles").update(title=["a"], tags="x", added=7))


def index_is_a_folder(home: Path, first: str) -> None:
    (home / "library.json").unlink()
    (home / "library.json").mkdir()


def body_is_a_folder(home: Path, first: str) -> None:
    (home / "bodies" / f"{first}.json").unlink()
    (home / "bodies" / f"{first}.json").mkdir()


def emptied(home: Path, first: str) -> None:
    (home / "library.json").write_text("{}")


def unversioned(home: Path, first: str) -> None:
    edit_json(home / "library.json", lambda d: d.pop("meta"))


STOPS = {  # the file cannot be read: every command but doctor stops with one line
    "library.json emptied to {}": (emptied, "library.json: has no schema record"),
    "library.json without its meta table": (unversioned, "library.json: has no schema record"),
    "a 5,000-digit number in library.json": (big_number, "library.json: not a reader file"),
    "library.json nested 100,000 deep": (deep, "library.json: not a reader file (nested too deep"),
    "library.json is a folder": (index_is_a_folder, "library.json: cannot be read"),
}
SKIPS = {  # records that do not read: skipped with a warning naming them by the id a user knows, the rest works
    "a 5,000-digit key in library.json": (
        big_key, "library.json: skipped an article stored under the key '11111111…(5000 characters)': that key is no article id"),
    "a note without article_id": (note_without_article, ".json: skipped note {note}: its record has no 'article_id'"),
    "an article without id": (article_without_id, "library.json: skipped article {article}: its record has no 'id'"),
    "an article with fields of the wrong types": (
        article_of_wrong_types, "library.json: skipped article {article}: its record has a list as 'title', where it needs text"),
}
READS = [["ls"], ["notes"], ["search", "premature"], ["entities"], ["quotes"], ["feed", "ls"], ["ls", "--json"]]


@pytest.mark.parametrize("case", STOPS, ids=list(STOPS))
def test_an_unreadable_file_stops_every_command_with_one_line(seeded, capsys, case):
    home, first = seeded
    spoil, words = STOPS[case]
    spoil(home, first)
    before = fingerprint(home)
    for argv in [*READS, ["tag", first, "x"], ["note", first, "--quote", "it was premature"], ["star", first]]:
        capsys.readouterr()
        assert run(home, *argv) == 1, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert words in err[0] and "Traceback" not in "\n".join(err), (argv, err)
        assert len(err) <= 2  # the problem, and where to turn (`reader doctor`)
        assert fingerprint(home) == before, argv
    assert run(home, "doctor") == 1
    assert fingerprint(home) == before
    assert run(home, "doctor", "--restore") == 0
    capsys.readouterr()
    assert run(home, "notes", "--json") == 0
    assert [n["note"] for n in json.loads(capsys.readouterr().out)] == ["kept"]


@pytest.mark.parametrize("case", SKIPS, ids=list(SKIPS))
def test_a_malformed_record_is_skipped_named_and_kept(seeded, capsys, case):
    home, first = seeded
    spoil, words = SKIPS[case]
    note = first_record(json.loads((home / "notes" / f"{first[:2]}.json").read_text()), "annotations")["id"]
    article = next(iter(json.loads((home / "library.json").read_text())["articles"]))
    spoil(home, first)
    words = words.format(note=note[:8], article=format(int(article), "x")[1:9])
    before = fingerprint(home)
    for argv in READS:
        capsys.readouterr()
        assert run(home, *argv) == 0, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert fingerprint(home) == before, argv
    capsys.readouterr()
    assert run(home, "ls") == 0
    assert words in capsys.readouterr().err
    # A change elsewhere keeps the malformed record on disk, as it was.
    others = [a.id for a in Library(home).articles() if a.id != first]
    assert run(home, "tag", others[0], "still-works") == 0
    capsys.readouterr()
    assert run(home, "doctor") == 1
    out = capsys.readouterr().out
    if case == "a 5,000-digit key in library.json":  # no backup can hold it under a key of ours
        assert "no backup holds a good copy of it, so it stays as it is" in out, out
    else:  # a backup from before the edit holds it whole
        assert "is damaged (its record has " in out and "would bring back its copy from " in out, out


def test_a_record_kept_on_disk_survives_other_writes(seeded, capsys):
    home, first = seeded
    big_key(home, first)
    second = [a.id for a in Library(home).articles() if a.id != first][0]
    assert run(home, "tag", second, "after") == 0
    assert BIG in json.loads((home / "library.json").read_text())["articles"]


def test_an_article_text_that_is_a_folder_stops_show_only(seeded, capsys):
    home, first = seeded
    body_is_a_folder(home, first)
    capsys.readouterr()
    assert run(home, "ls") == 0
    assert run(home, "show", first) == 1
    err = capsys.readouterr().err
    assert f"{first}.json: cannot be read" in err and "Traceback" not in err
    assert run(home, "doctor", "--restore") == 0
    assert run(home, "show", first) == 0


def test_a_lock_that_is_a_folder_stops_writes_not_reads(seeded, capsys):
    home, first = seeded
    (home / ".lock").unlink(missing_ok=True)
    (home / ".lock").mkdir()
    before = fingerprint(home)
    assert run(home, "ls") == 0
    capsys.readouterr()
    assert run(home, "tag", first, "x") == 1
    assert ".lock: is a folder, not reader's lock file" in capsys.readouterr().err
    assert fingerprint(home) == before


def test_home_that_is_a_file(tmp_path, capsys):
    home = tmp_path / "not-a-folder"
    home.write_text("hello")
    for argv in (["ls"], ["add", str(ROOT / "seeds")], ["doctor"], ["doctor", "--restore"]):
        capsys.readouterr()
        assert run(home, *argv) == 1, argv
        assert "is a file, not a library folder" in capsys.readouterr().err
    assert home.read_text() == "hello"


def test_a_held_lock_bounds_every_writer_and_no_reader_waits(seeded, capsys, monkeypatch):
    home, first = seeded
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.3)
    holder = FileLock(home / ".lock")
    holder.acquire()
    try:
        assert run(home, "ls") == 0 and run(home, "search", "premature") == 0
        for argv in (["tag", first, "x"], ["note", first, "--quote", "it was premature"], ["star", first]):
            capsys.readouterr()
            assert run(home, *argv) == 1
            assert "another reader process has held the library lock" in capsys.readouterr().err
        (home / "library.json").write_text("{broken")
        assert run(home, "doctor", "--restore") == 1
        assert "held the library lock" in capsys.readouterr().err
    finally:
        holder.release()
    assert run(home, "doctor", "--restore") == 0


@pytest.fixture
def read_only(seeded, tmp_path):
    """The library mounted read-only (a bind mount: needs root, as CI and these machines are)."""
    home, first = seeded
    view = tmp_path / "ro"
    view.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(home), str(view)], capture_output=True).returncode:
        pytest.skip("needs root to mount a read-only view")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True, capture_output=True)
        yield view, first
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)


def test_a_read_only_library_reads_and_says_it_cannot_change(read_only, capsys):
    home, first = read_only
    for argv in [["ls"], ["show", first], ["notes"], ["search", "premature"], ["entities"], ["doctor"]]:
        assert run(home, *argv) == 0, argv
    for argv in (["tag", first, "x"], ["note", first, "--quote", "it was premature"], ["read", first, "--unread"]):
        capsys.readouterr()
        assert run(home, *argv) == 1
        assert "the library is read-only" in capsys.readouterr().err


def test_w3c_ids_that_share_their_first_15_hex_digits_are_two_notes(seeded, tmp_path, capsys):
    home, first = seeded
    capsys.readouterr()
    assert run(home, "export", "--format", "w3c") == 0
    exported = json.loads(capsys.readouterr().out)
    items = exported["items"] if "items" in exported else exported.get("first", {}).get("items", exported)
    template_note = items[0] if isinstance(items, list) else items
    twins = []
    for n in (1, 2):
        twin = json.loads(json.dumps(template_note))
        twin["id"] = "urn:reader:note:" + "0" * 31 + str(n)
        twins.append(twin)
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(twins))
    assert run(home, "import-notes", str(path)) == 0, capsys.readouterr().err
    ids = {a.id for a in Library(home).annotations()}
    assert {"0" * 31 + "1", "0" * 31 + "2"} <= ids


@pytest.mark.parametrize("given", ["", " "])
def test_an_empty_home_is_refused_not_taken_for_the_default_library(given, monkeypatch, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--home", given, "ls"])
    assert stop.value.code == 2 and "--home is empty" in capsys.readouterr().err
    monkeypatch.setenv("READER_HOME", given)
    with pytest.raises(SystemExit) as stop:
        main(["ls"])
    assert stop.value.code == 2 and "$READER_HOME is set but empty" in capsys.readouterr().err


def test_an_empty_argument_to_add_is_not_the_current_folder(seeded, capsys, monkeypatch, tmp_path):
    home, first = seeded
    here = tmp_path / "here"
    here.mkdir()
    (here / "new.txt").write_text("A new article\n\nTaking '' for '.' would add this file.")
    monkeypatch.chdir(here)
    before = fingerprint(home)
    capsys.readouterr()
    assert run(home, "add", "") == 1
    assert "'': an empty argument is not a file" in capsys.readouterr().err
    assert fingerprint(home) == before
