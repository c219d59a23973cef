"""`reader import-notes` of an older export never undoes a newer edit in the library: each
note already here is kept or replaced whole by its `updated` (a tie keeps the library's),
and the summary says how many the library already had newer. Driven through `main()`."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.export.importing import import_notes
from reader.core.model import now
from reader.core.store import Library
from reader.core.store import notes as store_notes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORMATS = ["json", "w3c"]


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def out_of(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> str:
    capsys.readouterr()
    assert run(home, *argv) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def the_note(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, Any]:
    notes = json.loads(out_of(capsys, home, "notes", "--json"))
    assert len(notes) == 1
    return notes[0]


def edit_later(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path, note_id: str) -> None:
    """Edit the note's text, tags and colour a minute on, so its `updated` is strictly later
    than the export's (the clock keeps whole seconds)."""
    later = now() + timedelta(minutes=1)
    monkeypatch.setattr(store_notes, "now", lambda: later)
    out_of(capsys, home, "note", "--edit", note_id[:8], "--note", "edited later", "--tag", "fresh",
           "--untag", "one", "--color", "3")


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seeds, with one note (text, two tags) on the first article."""
    lib = tmp_path / "lib"
    assert run(lib, "add", str(SEEDS)) == 0
    first = json.loads(out_of(capsys, lib, "ls", "--json"))[0]
    text = json.loads(out_of(capsys, lib, "show", first["id"], "--json"))["text"]
    quote = " ".join(text.split()[3:9])
    out_of(capsys, lib, "note", first["id"], "--quote", quote, "--note", "first thoughts", "--tag", "one", "--tag", "two")
    return lib


def export(capsys: pytest.CaptureFixture[str], home: Path, path: Path, fmt: str) -> Path:
    out_of(capsys, home, "export", "--format", fmt, "-o", str(path))
    return path


def assert_edited(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    note = the_note(capsys, home)
    assert (note["note"], note["tags"], note["color"]) == ("edited later", ["two", "fresh"], 3)
    exported = json.loads(out_of(capsys, home, "export", "--format", "json"))["notes"]
    assert [(n["note"], n["tags"], n["color"]) for n in exported] == [("edited later", ["two", "fresh"], 3)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_older_export_keeps_the_newer_edit_and_says_so(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    old = export(capsys, home, tmp_path / f"old.{fmt}", fmt)
    edit_later(capsys, monkeypatch, home, the_note(capsys, home)["id"])
    said = out_of(capsys, home, "import-notes", str(old))
    assert "notes: 0 added, 0 updated, 0 unchanged, 1 already newer in the library" in said, said
    assert "placed again" not in said and "orphan" not in said
    assert_edited(capsys, home)
    report = json.loads(out_of(capsys, home, "import-notes", str(old), "--json"))
    assert len(report["notes_kept_newer"]) == 1 and report["notes_updated"] == []
    assert_edited(capsys, home)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_newer_export_updates_the_older_copy_in_the_library(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    older = tmp_path / "older"
    shutil.copytree(home, older)  # a second library holding the note as it was
    edit_later(capsys, monkeypatch, home, the_note(capsys, home)["id"])
    new = export(capsys, home, tmp_path / f"new.{fmt}", fmt)
    said = out_of(capsys, older, "import-notes", str(new))
    assert "notes: 0 added, 1 updated, 0 unchanged, 0 already newer in the library" in said, said
    assert_edited(capsys, older)


def test_a_tie_keeps_the_library_copy(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(out_of(capsys, home, "export", "--format", "json"))
    data["notes"][0].update(note="changed in the file", tags=["other"])  # `updated` as in the library
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    said = out_of(capsys, home, "import-notes", str(changed))
    assert "0 updated, 0 unchanged, 1 already newer in the library" in said, said
    note = the_note(capsys, home)
    assert (note["note"], note["tags"]) == ("first thoughts", ["one", "two"])


def test_new_notes_are_added_beside_the_kept_ones(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    note = the_note(capsys, home)
    data = json.loads(out_of(capsys, home, "export", "--format", "json"))
    fresh = dict(data["notes"][0], id="f" * 32, note="a new one")
    data["notes"].append(fresh)
    file = tmp_path / "mixed.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    edit_later(capsys, monkeypatch, home, note["id"])
    said = out_of(capsys, home, "import-notes", str(file))
    assert "notes: 1 added, 0 updated, 0 unchanged, 1 already newer in the library" in said, said
    found = {n["id"]: n["note"] for n in json.loads(out_of(capsys, home, "notes", "--json"))}
    assert found == {note["id"]: "edited later", "f" * 32: "a new one"}


def test_the_store_decides_on_the_note_as_on_disk_under_the_lock(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Library opened before another process's edit still keeps that edit: the comparison
    reads the stored note inside `add_annotations`' locked section, not an earlier copy."""
    old = export(capsys, home, tmp_path / "old.json", "json")
    library = Library(home)
    stale = library.annotations()[0]
    assert library.add_annotations([stale], keep_newer=True) == [stale.id]  # a tie: left as stored
    edit_later(capsys, monkeypatch, home, stale.id)  # another Library, as another process would
    report = import_notes(library, old)
    assert report.notes_kept_newer == [stale.id] and report.notes_updated == []
    assert library.annotations()[0].note == "edited later"
    library.close()
