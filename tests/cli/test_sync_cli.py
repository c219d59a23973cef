"""`reader sync` as a user drives it: what it says came in and went out, how it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import Library
from reader.core.sync.target import Folder
from sync_helpers import make_article


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


def test_sync_says_what_came_in_and_went_out(tmp_path, target, capsys):
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    article = Library(laptop).add(make_article(1))[0]
    assert run(laptop, "note", article.id[:8], "--quote", "council", "--note", "who?", "--tag", "civic") == 0
    assert run(laptop, "tag", article.id[:8], "local") == 0
    capsys.readouterr()
    assert run(laptop, "sync", str(target)) == 0
    assert capsys.readouterr().out.strip() == f"Synced with {target}: in: nothing; out: 2 changes"
    assert run(desktop, "sync", str(target)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Synced with {target}: in: 1 note, 1 article from 1 device; out: nothing")
    assert run(desktop, "notes", "--json") == 0
    assert [n["note"] for n in json.loads(capsys.readouterr().out)] == ["who?"]
    assert run(desktop, "star", article.id[:8]) == 0
    assert run(desktop, "sync") == 0  # the target is remembered
    assert run(laptop, "sync") == 0
    assert "in: 1 other change from 1 device" in capsys.readouterr().out
    assert Library(laptop).article_state(article.id).starred


def test_status_names_target_device_and_what_is_waiting(tmp_path, target, capsys):
    home = tmp_path / "lib"
    assert run(home, "sync", "--set", str(target)) == 0
    assert capsys.readouterr().out.strip() == f"Sync target: {target}"
    assert run(home, "sync") == 0
    Library(home).save_search("bridges", "bridge")
    capsys.readouterr()
    assert run(home, "sync", "--status") == 0
    out = capsys.readouterr().out
    assert f"target:    {target}" in out and "to send:   1 change" in out
    assert "last sync: 20" in out and "device:    " in out


@pytest.mark.parametrize("bad", ["missing-folder", "a-file"])
def test_a_bad_target_is_one_line_and_exit_1(tmp_path, capsys, bad):
    (tmp_path / "a-file").write_text("not a folder")
    assert run(tmp_path / "lib", "sync", str(tmp_path / bad)) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert str(tmp_path / bad) in captured.err and "Traceback" not in captured.err


def test_no_target_yet_says_how_to_give_one(tmp_path, capsys):
    assert run(tmp_path / "lib", "sync") == 1
    assert "reader sync TARGET" in capsys.readouterr().err


def test_damaged_conflict_and_newer_files_are_skipped_with_a_warning_and_nothing_lost(tmp_path, target, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    article = Library(a).add(make_article(1))[0]
    assert run(a, "sync", str(target)) == 0
    device_dir = next((target / "reader-sync" / "v1" / "devices").iterdir())
    segment = next(device_dir.glob("ops-*.jsonl"))
    whole = segment.read_bytes()
    segment.write_bytes(whole[: len(whole) // 2])  # a sync tool mid-copy
    (device_dir / "ops-00000001.sync-conflict-20261207-120000-ABCDEFG.jsonl").write_bytes(whole)
    (target / "reader-sync" / "v2").mkdir()
    capsys.readouterr()
    assert run(b, "sync", str(target)) == 0
    captured = capsys.readouterr()
    assert "torn or half-copied" in captured.err and "conflict copy" in captured.err
    assert "newer reader" in captured.err and "Traceback" not in captured.err
    assert Library(b).articles() == []
    segment.write_bytes(whole)  # the copy completes: read at the next sync
    assert run(b, "sync") == 0
    assert [x.id for x in Library(b).articles()] == [article.id]


def test_a_segment_with_a_bad_change_is_refused_whole(tmp_path, target, capsys):
    from reader.core.sync.target import encode_segment

    a, b = tmp_path / "a", tmp_path / "b"
    Library(a).add(make_article(1))
    assert run(a, "sync", str(target)) == 0
    device = next((target / "reader-sync" / "v1" / "devices").iterdir()).name
    stamp = f"{9999999999999:013d}.000000.{device}"
    bad = [{"h": stamp, "e": "q:ok", "r": {"query": "fine"}}, {"h": stamp, "e": "n:zz:yy", "r": {"note": 5}}]
    Folder(target).device_dir(device).joinpath("ops-00000009.jsonl").write_bytes(encode_segment(device, 9, bad))
    capsys.readouterr()
    assert run(b, "sync", str(target)) == 0
    err = capsys.readouterr().err
    assert "ops-00000009.jsonl: skipped: line 3:" in err and "nothing applied from it" in err
    assert Library(b).searches() == {} and len(Library(b).articles()) == 1


def test_doctor_reports_damaged_sync_state(tmp_path, target, capsys):
    home = tmp_path / "lib"
    assert run(home, "sync", str(target)) == 0
    (home / "sync" / "state.json").write_text("{not json")
    capsys.readouterr()
    assert main(["doctor", "--home", str(home)]) == 1
    assert "sync" in capsys.readouterr().out
    assert run(home, "sync") == 1
    assert "state.json" in capsys.readouterr().err
    assert main(["doctor", "--home", str(home), "--restore"]) == 0
    assert run(home, "sync", str(target)) == 0


def test_a_copied_library_syncs_as_a_device_of_its_own(tmp_path, target, capsys):
    import shutil

    original, copy = tmp_path / "original", tmp_path / "copy"
    article = Library(original).add(make_article(1))[0]
    assert run(original, "sync", str(target)) == 0
    Library(original).annotate(article.id, 0, 3, note="unsent when copied")
    shutil.copytree(original, copy)
    Library(copy).annotate(article.id, 4, 9, note="on the copy")
    assert run(copy, "sync", str(target)) == 0
    assert run(original, "sync", str(target)) == 0
    assert run(copy, "sync", str(target)) == 0
    devices = list((target / "reader-sync" / "v1" / "devices").iterdir())
    assert len(devices) == 2
    for home in (original, copy):
        assert sorted(n.note for n in Library(home).annotations()) == ["on the copy", "unsent when copied"]


def test_auto_turns_the_apps_background_sync_on_and_off(tmp_path, target, capsys):
    home = tmp_path / "lib"
    assert run(home, "sync", "--auto", "on") == 0
    assert "once a target is set" in capsys.readouterr().out
    assert run(home, "sync", "--set", str(target)) == 0
    assert run(home, "sync", "--status") == 0
    assert "in the app: syncs in the background" in capsys.readouterr().out
    assert run(home, "sync", "--auto", "off") == 0
    assert run(home, "sync", "--status") == 0
    assert "no background sync" in capsys.readouterr().out


def test_changes_that_waited_for_an_article_text_name_no_empty_device_list():
    """An article whose text arrives a round after its record is applied with no device's
    changes read this round: no "from ;" with nothing after it."""
    from reader.core.sync.apply import Applied
    from reader.core.sync.engine import Report

    report = Report(target="x", applied=Applied(notes=1, articles=1))
    assert report.summary() == "in: 1 note, 1 article; out: nothing"
    report.devices.add("d1")
    assert report.summary() == "in: 1 note, 1 article from 1 device; out: nothing"


def test_status_into_a_pipe_closed_early_is_quiet(tmp_path):
    """`reader sync --status | head -0`: the reader of the output left; that is no failure
    of the sync target to report."""
    import subprocess
    import sys

    home = tmp_path / "lib"
    Library(home).add(make_article(1))
    process = subprocess.Popen([sys.executable, "-m", "reader", "--home", str(home), "sync", "--status"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # long before the command writes its first line
    err = process.stderr.read().decode()
    assert process.wait() == 0
    assert "Broken pipe" not in err and "run it again" not in err


def test_doctor_removing_a_damaged_sync_state_keeps_the_target(tmp_path, target, capsys):
    """A new user's `reader doctor --restore` of a broken sync/state.json left "no sync
    target yet": the target (and background sync) the user chose survive it."""
    home = tmp_path / "laptop"
    Library(home).add(make_article(1))
    assert run(home, "sync", str(target)) == 0
    assert run(home, "sync", "--auto", "on") == 0
    state = home / "sync" / "state.json"
    state.write_bytes(state.read_bytes()[:15])
    capsys.readouterr()
    assert run(home, "doctor", "--restore") == 0
    assert "state.json" in capsys.readouterr().out
    assert not state.exists()
    assert run(home, "sync", "--status") == 0
    out = capsys.readouterr().out
    assert f"target:    {target}" in out and "syncs in the background" in out
    assert run(home, "sync") == 0  # no TARGET needed
    assert capsys.readouterr().out.startswith(f"Synced with {target}:")


def test_a_note_text_edited_on_both_devices_is_said_with_the_text_not_kept(tmp_path, target, capsys):
    """home1 sets text and colour, home5 text and a tag, each before seeing the other's: both
    syncs say the text was edited on both and show home1's, which the merge did not keep."""
    home1, home5 = tmp_path / "home1", tmp_path / "home5"
    article = Library(home1).add(make_article(1))[0]
    assert run(home1, "note", article.id[:8], "--quote", "council", "--note", "first") == 0
    assert run(home1, "sync", str(target)) == 0 and run(home5, "sync", str(target)) == 0
    note_id = Library(home1).annotations()[0].id[:8]
    assert run(home1, "note", "--edit", note_id, "--note", "home1 version", "--color", "3") == 0
    assert run(home5, "note", "--edit", note_id, "--note", "home5 version", "--tag", "later") == 0
    assert run(home1, "sync") == 0
    capsys.readouterr()
    for home in (home5, home1):
        assert run(home, "sync") == 0
        out, err = capsys.readouterr()
        assert out.startswith("Synced with") and "in: 1 note" in out
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(
            f"reader: note {note_id} “council”: its text was edited on both devices; kept the later edit (from ")
        assert lines[0].endswith('the other was "home1 version"')
    assert run(home1, "sync") == 0 and capsys.readouterr().err == ""  # said once
    found = Library(home1).annotations()[0]
    assert (found.note, found.color, found.tags) == ("home5 version", 3, ["later"])
    assert run(home1, "sync", "--status") == 0  # and where the text not kept stays, once the line is gone
    assert f"the note edits a merge did not keep are in {home1 / 'sync' / 'conflicts.txt'}" in capsys.readouterr().out
    assert "home1 version" in (home1 / "sync" / "conflicts.txt").read_text(encoding="utf-8")
