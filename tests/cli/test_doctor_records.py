"""A damaged record, as hand edits and bad tools leave one, is named by the id a user knows,
counted nowhere, and put back alone by `reader doctor --restore` from the newest backup
holding it whole; a file mended by hand is kept over its mirror. Driven through `main()`
on a library built with the CLI, damaged on disk.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.store import records

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUOTES = ("it was premature", "higher-level talks with Russia")


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def out_of(capsys: pytest.CaptureFixture[str], home: Path, *argv: str, code: int = 0) -> tuple[str, str]:
    capsys.readouterr()
    assert run(home, *argv) == code, capsys.readouterr()
    captured = capsys.readouterr()
    return captured.out, captured.err


def notes_json(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in json.loads(out_of(capsys, home, "notes", "--json")[0])}


def note_count(capsys: pytest.CaptureFixture[str], home: Path, article: str) -> int:
    listed = json.loads(out_of(capsys, home, "ls", "--json")[0])
    return next(a["notes"] for a in listed if a["id"] == article)


def fingerprint(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock" and p.suffix != ".cache"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    """Two notes on one article, saved one after the other: the shard's backup .1 holds the first.

    The articles come in one save and a tag on the other article makes a second, so
    library.json's backup .1 holds this one as it is."""
    home = tmp_path_factory.mktemp("records") / "lib"
    assert main(["--home", str(home), "add", str(SEEDS)]) == 0
    data = json.loads((home / "library.json").read_text())
    article, other = sorted(d["id"] for d in data["articles"].values())
    assert main(["--home", str(home), "tag", other, "+kept"]) == 0
    ids = []
    for quote, text in zip(QUOTES, ("first note", "second note"), strict=True):
        assert main(["--home", str(home), "note", article, "--quote", quote, "--note", text, "--json"]) == 0
        shard = json.loads((home / "notes" / f"{article[:2]}.json").read_text())["annotations"]
        ids.append(next(d["id"] for d in shard.values() if d["note"] == text))
    return home, article, ids


@pytest.fixture
def library(template, tmp_path) -> tuple[Path, str, list[str]]:
    source, article, ids = template
    home = tmp_path / "lib"
    shutil.copytree(source, home)
    return home, article, ids


def shard_files(home: Path, article: str) -> tuple[Path, Path, Path]:
    """The notes shard, its mirror and its version before the last save."""
    name = f"{article[:2]}.json"
    return home / "notes" / name, home / "backups" / "notes" / f"{name}.0", home / "backups" / "notes" / f"{name}.1"


def edit_note(path: Path, note_id: str, change) -> None:  # noqa: ANN001 - a function changing the record
    data = json.loads(path.read_text())
    change(data["annotations"][str(records.doc_id(note_id))])
    path.write_text(json.dumps(data))


def drop_selector(record: dict) -> None:
    del record["selector"]


def test_a_note_missing_its_selector_in_the_file_and_its_mirror_comes_back_from_an_older_backup(library, capsys):
    home, article, (first, second) = library
    before = notes_json(capsys, home)
    main_file, mirror, older = shard_files(home, article)
    for path in (main_file, mirror):
        edit_note(path, first, drop_selector)

    out, err = out_of(capsys, home, "notes")
    assert first[:8] not in out and second[:8] in out
    assert f"skipped note {first[:8]}: its record has no 'selector'" in err
    assert str(records.doc_id(first)) not in err  # never TinyDB's key

    out, _ = out_of(capsys, home, "doctor", code=1)
    assert f"broken {main_file}: note {first[:8]} is damaged (its record has no 'selector')" in out
    assert f"would bring back its copy from {older}; run `reader doctor --restore`" in out
    assert "brought back" not in out and "restored" not in out  # nothing done yet

    untouched = json.loads(main_file.read_text())["annotations"][str(records.doc_id(second))]
    out, _ = out_of(capsys, home, "doctor", "--restore")
    assert f"brought back note {first[:8]} in {main_file} from {older}" in out
    assert notes_json(capsys, home) == before  # the note whole, the other as it was
    assert json.loads(main_file.read_text())["annotations"][str(records.doc_id(second))] == untouched
    assert mirror.read_bytes() == main_file.read_bytes()  # saved through the store: its copy follows
    out, _ = out_of(capsys, home, "doctor")
    assert "all library files read cleanly" in out


def test_a_damaged_note_saved_again_comes_back_from_the_backup_before_the_damage(library, capsys):
    """The damage is saved by the next change to the shard: then the file, its mirror and
    backup .1 all hold it, and the version before holds the note whole."""
    home, article, (first, second) = library
    main_file, mirror, _older = shard_files(home, article)
    edit_note(main_file, first, drop_selector)
    out_of(capsys, home, "note", "--edit", second[:8], "--note", "edited after the damage")
    assert "selector" not in json.loads(mirror.read_text())["annotations"][str(records.doc_id(first))]
    before_damage = home / "backups" / "notes" / f"{article[:2]}.json.2"

    out, _ = out_of(capsys, home, "doctor", code=1)
    assert f"would bring back its copy from {before_damage}" in out
    out_of(capsys, home, "doctor", "--restore")
    notes = notes_json(capsys, home)
    assert notes[first]["quote"] == QUOTES[0] and notes[first]["note"] == "first note"
    assert notes[second]["note"] == "edited after the damage"  # the newer change stays


def test_a_damaged_note_no_backup_holds_is_said_so_and_left_as_it_is(library, capsys):
    home, article, (first, second) = library
    shard = shard_files(home, article)[0]
    for path in (shard, *sorted((home / "backups" / "notes").glob(f"{article[:2]}.json.*"))):
        edit_note(path, first, drop_selector)
    before = fingerprint(home)

    out, _ = out_of(capsys, home, "doctor", code=1)
    assert (f"note {first[:8]} is damaged (its record has no 'selector'); no backup holds a good copy of it, "
            "so it stays as it is: hidden from readers, and kept in the file by every save") in out
    assert "would" not in out
    out_of(capsys, home, "doctor", "--restore", code=1)
    assert fingerprint(home) == before
    assert list(notes_json(capsys, home)) == [second]
    assert "selector" not in json.loads(shard.read_text())["annotations"][str(records.doc_id(first))]  # still there


def test_ls_does_not_count_a_note_reader_notes_skips(library, capsys):
    home, article, (first, second) = library
    assert note_count(capsys, home, article) == 2
    edit_note(shard_files(home, article)[0], first, drop_selector)
    assert note_count(capsys, home, article) == 1 == len(notes_json(capsys, home))
    out, err = out_of(capsys, home, "ls")
    assert "1 note" in out and f"skipped note {first[:8]}: its record has no 'selector'" in err
    edit_note(shard_files(home, article)[0], second, lambda r: r["selector"].update(start="0"))
    assert note_count(capsys, home, article) == 0 == len(notes_json(capsys, home))
    assert f"skipped note {second[:8]}: its record has text as 'start', where it needs a whole number" in out_of(
        capsys, home, "ls")[1]


def test_a_file_mended_by_hand_is_kept_over_its_mirror(library, capsys):
    home, article, (first, _second) = library
    main_file, mirror, _older = shard_files(home, article)
    for path in (main_file, mirror):
        edit_note(path, first, drop_selector)
    good = json.loads(_older.read_text())["annotations"][str(records.doc_id(first))]["selector"]
    edit_note(main_file, first, lambda r: r.update(selector=good, note="mended by hand"))
    mended = main_file.read_bytes()

    out, _ = out_of(capsys, home, "doctor")  # nothing is broken
    assert f"note   {mirror}: the backup copy differs from the file (edited by hand?): the file is kept" in out
    assert "broken" not in out and "restore it from" not in out
    assert notes_json(capsys, home)[first]["note"] == "mended by hand"
    out_of(capsys, home, "doctor", "--restore")
    assert main_file.read_bytes() == mended and mirror.read_bytes() == mended
    assert notes_json(capsys, home)[first]["note"] == "mended by hand"
    assert "all library files read cleanly" in out_of(capsys, home, "doctor")[0]


def test_a_file_older_than_its_mirror_or_truncated_is_still_restored_from_it(library, capsys):
    home, article, (first, second) = library
    main_file, mirror, older = shard_files(home, article)
    before = notes_json(capsys, home)
    shutil.copyfile(older, main_file)  # an older version put back: fewer writes than its mirror
    out, _ = out_of(capsys, home, "doctor", code=1)
    assert f"broken {main_file}: was replaced" in out and f"would restore it from {mirror}" in out
    out_of(capsys, home, "doctor", "--restore")
    assert notes_json(capsys, home) == before
    main_file.write_bytes(main_file.read_bytes()[:40])
    out_of(capsys, home, "doctor", "--restore")
    assert notes_json(capsys, home) == before


def test_a_damaged_article_is_named_by_its_id_and_comes_back(library, capsys):
    home, article, _ids = library
    index, mirror = home / "library.json", home / "backups" / "library.json.0"
    listed = out_of(capsys, home, "ls", "--json")[0]
    key = str(records.doc_id(article))
    for path in (index, mirror):
        data = json.loads(path.read_text())
        del data["articles"][key]["title"]
        path.write_text(json.dumps(data))

    out, err = out_of(capsys, home, "ls")
    assert f"{index}: skipped article {article[:8]}: its record has no 'title'" in err and key not in err
    assert article[:8] not in out
    out, _ = out_of(capsys, home, "doctor", code=1)
    assert f"broken {index}: article {article[:8]} is damaged (its record has no 'title')" in out
    assert "would bring back its copy from " in out
    out_of(capsys, home, "doctor", "--restore")
    assert out_of(capsys, home, "ls", "--json")[0] == listed


def test_doctor_says_what_it_would_do_and_names_faults_plainly(library, capsys):
    home, article, _ids = library
    index, body = home / "library.json", home / "bodies" / f"{article}.json"
    index.write_text('{"articles": ')
    body.unlink()
    body.mkdir()
    out, _ = out_of(capsys, home, "doctor", code=1)
    assert f"broken {index}: not valid JSON" in out
    assert f"would restore it from {home / 'backups' / 'library.json.0'}; run `reader doctor --restore`" in out
    assert f"broken {body}: the article text file is a directory, not a file" in out
    assert "Errno" not in out and "restored" not in out
    out, _ = out_of(capsys, home, "doctor", "--restore")
    assert f"restored {index} from" in out and f"restored {body} from" in out
    assert "all library files read cleanly" in out_of(capsys, home, "doctor")[0]
