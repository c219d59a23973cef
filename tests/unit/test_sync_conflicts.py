"""A note field edited on two devices that had not seen each other's edit: the merge keeps
the later edit (unchanged), and each side's sync says so in one line per note, showing the
edit it did not keep. Edits on one side, or one after the other, say nothing."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from reader.core.store import Library
from reader.core.sync.engine import sync
from reader.core.sync.target import Folder
from sync_helpers import dump, make_article


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Library, Library, str]:
    """Two libraries holding one note, both synced."""
    target = tmp_path / "target"
    target.mkdir()
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    article = a.add(make_article(1))[0]
    a.annotate(article.id, 4, 11, note="first words", color=2)
    for library in (a, b, a):
        assert sync(library, str(target)).warnings == []
    return a, b, str(target)


def tick() -> None:
    time.sleep(0.003)  # the later edit gets a later wall clock too (the clock orders either way)


def note_of(library: Library):  # noqa: ANN201 - an Annotation
    return library.annotations()[0]


def test_text_edited_on_both_is_said_on_both_sides_with_the_text_not_kept(pair):
    """The new user's case: home1 set text and colour, home5 set text and a tag."""
    a, b, target = pair
    a.edit_annotation(note_of(a), note="home1 version", color=1)
    tick()
    b.edit_annotation(note_of(b), note="home5 version", add_tags=["later"])
    assert sync(a, target).warnings == []  # nothing from b yet
    got_b = sync(b, target)
    got_a = sync(a, target)
    assert got_b.summary().startswith("in: 1 note") and got_a.summary().startswith("in: 1 note")
    note_id = note_of(a).id[:8]
    for report in (got_a, got_b):
        assert len(report.warnings) == 1, report.warnings
        line = report.warnings[0]
        assert line.startswith(
            f"note {note_id} “council”: its text was edited on both devices; kept the later edit (from ")
        assert line.endswith('the other was "home1 version"')
        assert "colour" not in line  # only home1 changed the colour: nothing was dropped
    assert "from this device" in got_b.warnings[0] and "from this device" not in got_a.warnings[0]
    for library in (a, b):  # the merge is what it was: field-wise later wins
        found = note_of(library)
        assert (found.note, found.color, found.tags) == ("home5 version", 1, ["later"])
    assert dump(a) == dump(b)
    assert "home1 version" in (a.home / "sync" / "conflicts.txt").read_text(encoding="utf-8")


def test_the_local_edit_that_wins_is_said_too(pair):
    """b edits first but syncs first; a's later edit wins on both: a's line shows b's text."""
    a, b, target = pair
    b.edit_annotation(note_of(b), note="earlier on b")
    tick()
    a.edit_annotation(note_of(a), note="later on a")
    sync(b, target)
    got_a = sync(a, target)
    got_b = sync(b, target)
    assert [w.endswith('the other was "earlier on b"') for w in got_a.warnings + got_b.warnings] == [True, True]
    assert "kept the later edit (from this device" in got_a.warnings[0]
    assert note_of(a).note == note_of(b).note == "later on a"


def test_an_edit_on_one_side_only_says_nothing(pair):
    a, b, target = pair
    b.edit_annotation(note_of(b), add_tags=["b-only"])  # b touches the note, not its text
    tick()
    a.edit_annotation(note_of(a), note="only a typed", color=4)
    for library in (a, b, a, b):
        assert sync(library, target).warnings == []
    assert (note_of(b).note, note_of(b).color, note_of(b).tags) == ("only a typed", 4, ["b-only"])


def test_edits_one_after_the_other_say_nothing(pair):
    """A edits, syncs; B syncs, edits, syncs; A syncs: B saw A's edit before making its own."""
    a, b, target = pair
    a.edit_annotation(note_of(a), note="a's edit", color=3)
    assert sync(a, target).warnings == []
    assert sync(b, target).warnings == []
    b.edit_annotation(note_of(b), note="b's edit on a's", color=5)
    assert sync(b, target).warnings == []
    assert sync(a, target).warnings == []
    assert (note_of(a).note, note_of(a).color) == ("b's edit on a's", 5)
    assert not (a.home / "sync" / "conflicts.txt").exists()


def test_the_same_text_typed_on_both_loses_nothing_and_says_nothing(pair):
    a, b, target = pair
    a.edit_annotation(note_of(a), note="same words")
    tick()
    b.edit_annotation(note_of(b), note="same words")
    for library in (a, b, a):
        assert sync(library, target).warnings == []


def test_text_and_colour_edited_on_both_is_one_line(pair):
    a, b, target = pair
    a.edit_annotation(note_of(a), note="a text", color=3)
    tick()
    b.edit_annotation(note_of(b), note="b text", color=4)
    sync(a, target)
    (line,) = sync(b, target).warnings
    assert "its text and colour were edited on both devices; kept the later edits (text from this device, " in line
    assert "colour 4 from this device" in line and line.endswith('the others were "a text" and colour 3')


def test_a_long_text_not_kept_is_whole_in_the_file_the_line_names(pair):
    a, b, target = pair
    long_text = "A long thought that goes on. " * 20 + "\nWith a second line at the end."
    a.edit_annotation(note_of(a), note=long_text)
    tick()
    b.edit_annotation(note_of(b), note="short")
    sync(a, target)
    (line,) = sync(b, target).warnings
    log = b.home / "sync" / "conflicts.txt"
    assert f"(whole in {log})" in line and len(line) < 300
    kept_aside = log.read_text(encoding="utf-8")
    assert "A long thought that goes on. " * 20 in kept_aside and "With a second line at the end." in kept_aside


def test_a_segment_written_without_bases_is_merged_and_says_nothing(pair):
    """A segment from a reader before this (no bases in its header): as before, no line."""
    a, b, target = pair
    a.edit_annotation(note_of(a), note="a text")
    tick()
    b.edit_annotation(note_of(b), note="b text")
    sync(a, target)
    for path in Folder(Path(target)).device_dir(a.journal.device()).glob("ops-*.jsonl"):
        head, _, rest = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        del header["bases"], header["host"]
        path.write_bytes(json.dumps(header).encode() + b"\n" + rest)
    assert sync(b, target).warnings == []
    assert note_of(b).note == "b text"
