"""The library survives what users' machines do to it: writers killed at random, two writers at once.

These drive the real command line (`python -m reader --home DIR ...`) in subprocesses, as a user
or a script would, and check the files with both the Library API and `reader notes --json`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from reader.core.store import Library

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
SIGKILL_ROUNDS = 36
SEEDED_NOTES = 200
WORKER_NOTES = 200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL and these timings are POSIX"),
]

COLOURS = ["amber", "blue", "crimson", "dun", "emerald", "fawn", "grey"]
THINGS = ["harbour", "lantern", "orchard", "bridge", "meadow", "tower", "canal", "quarry", "ferry", "mill", "pier"]
SENTENCES = [
    f"Line {i:02d} of the test tells of the {COLOURS[i % 7]} {THINGS[i % 11]} seen at dawn."
    for i in range(40)
]


def reader(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--home", str(home), *args],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout,
    )


def start_reader(home: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--home", str(home), *args],
        cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def cli_notes(home: Path) -> list[dict]:
    result = reader(home, "notes", "--json")
    assert result.returncode == 0, f"reader notes --json failed:\n{result.stderr}"
    return json.loads(result.stdout)


def new_library(tmp_path: Path) -> tuple[Path, str]:
    """A home with the test article, imported through `reader add`; returns (home, article id)."""
    home = tmp_path / "home"
    source = tmp_path / "durability.txt"
    paragraphs = [" ".join(SENTENCES[i : i + 4]) for i in range(0, len(SENTENCES), 4)]
    source.write_text("A durability test\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    added = reader(home, "add", str(source))
    assert added.returncode == 0, added.stderr
    listed = reader(home, "ls", "--json")
    assert listed.returncode == 0, listed.stderr
    [article] = json.loads(listed.stdout)
    text = Library(home).article(article["id"]).text
    assert all(text.count(sentence) == 1 for sentence in SENTENCES), "import changed the sentences"
    return home, article["id"]


def seed(home: Path, article_id: str, count: int) -> set[str]:
    """`count` notes through the Library API (fast); returns their note texts."""
    library = Library(home)
    text = library.article(article_id).text
    seeded = set()
    for i in range(count):
        sentence = SENTENCES[i % len(SENTENCES)]
        start = text.index(sentence)
        note = f"seed {i} " + "padding so the shard is not tiny. " * 40  # ~300 KB in all
        library.annotate(article_id, start, start + len(sentence), note=note, tags=["seed"])
        seeded.add(note)
    library.close()
    return seeded


def test_notes_survive_writers_killed_at_random(tmp_path):
    home, article_id = new_library(tmp_path)
    seeded = seed(home, article_id, SEEDED_NOTES)

    # How long one uninterrupted `reader note` takes here: kills are spread over it and beyond.
    started = time.monotonic()
    first = reader(home, "note", article_id, "--quote", SENTENCES[0], "--note", "timing run")
    one_run = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    committed = {"timing run": SENTENCES[0]}
    launched = dict(committed)
    window = max(0.6, 1.5 * one_run)
    # The save comes at the very end of a run. Odd rounds aim at it: a kill that finds the note
    # saved was too late, one that finds it missing too early; the aim walks towards the save.
    aim, step = 0.9 * one_run, 0.1 * one_run

    rng = random.Random(20240601)
    killed = mid_write = 0
    for round_ in range(SIGKILL_ROUNDS):
        note = f"round {round_} {uuid.uuid4().hex[:8]}"
        quote = SENTENCES[round_ % len(SENTENCES)]
        launched[note] = quote
        aiming = round_ % 2 == 1
        delay = max(0.0, aim + rng.uniform(-step, step)) if aiming else rng.uniform(0, window)
        process = start_reader(home, "note", article_id, "--quote", quote, "--note", note, "--tag", "killed")
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=30)
        if process.returncode == 0:  # it finished (even if the kill came after): its note was promised
            committed[note] = quote
        else:
            assert process.returncode == -signal.SIGKILL, f"round {round_}: exit {process.returncode}\n{stderr}"
            killed += 1
        mid_write += bool(list(home.rglob("*.tmp")))  # died between writing its temp file and the swap

        # The library opens, in-process and through the CLI, and holds every promised note.
        library = Library(home)
        notes = library.annotations()
        library.close()
        by_text = {n.note: n for n in notes}
        if aiming:
            aim += -step if note in by_text else step
            step = max(0.005, step * 0.85)
        assert len(by_text) == len(notes), f"round {round_}: a note was saved twice"
        assert seeded <= by_text.keys(), f"round {round_}: seeded notes lost"
        missing = committed.keys() - by_text.keys()
        assert not missing, f"round {round_}: committed notes lost: {sorted(missing)}"
        assert by_text.keys() <= seeded | launched.keys(), f"round {round_}: a note nobody wrote"
        for text, quote in launched.items():
            if text in by_text:
                assert by_text[text].quote == quote  # whole or absent, never half
        assert list(home.rglob("*.tmp")) == [], "opening did not clear the stray temp files"

        if round_ % 4 == 3:  # a kill leaves nothing for doctor to call broken (one save behind at most)
            checked = reader(home, "doctor")
            assert checked.returncode == 0, f"round {round_}: {checked.stdout}"

        listed = {n["note"]: n for n in cli_notes(home)}
        assert listed.keys() == by_text.keys(), f"round {round_}: CLI and Library disagree"
        for text in committed:
            assert listed[text]["article_id"] == article_id
            assert listed[text]["quote"] == committed[text]

    restored = reader(home, "doctor", "--restore")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert {n["note"] for n in cli_notes(home)} >= committed.keys()
    print(f"{SIGKILL_ROUNDS} rounds: {killed} killed ({mid_write} mid-write), {len(committed) - 1} finished")
    assert killed >= 1, "no writer was ever killed: the kill window is too late"
    assert len(committed) >= 2, "every writer was killed: the kill window is too early"


WORKER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from reader.core.store import Library

    home, article_id, name, count, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
    sentences, pause = json.loads(sys.argv[6]), float(sys.argv[7])
    library = Library(home)
    text = library.article(article_id).text
    spans = [(text.index(s), text.index(s) + len(s)) for s in sentences]
    (go.parent / f"ready-{name}").touch()
    while not go.exists():  # start together with the other worker
        time.sleep(0.001)
    ids = []
    for i in range(count):
        start, end = spans[i % len(spans)]
        ids.append(library.annotate(article_id, start, end, note=f"{name} {i}", tags=[name]).id)
        if i % 25 == 0:  # rewrite the index too, while the other writer is at it
            library.update_article(article_id, position=i)
        time.sleep(pause)
    print(json.dumps(ids))
    """
)


@pytest.mark.parametrize("with_cli", [False, True], ids=["api", "api+cli"])
def test_two_writers_at_once_lose_nothing(tmp_path, with_cli):
    home, article_id = new_library(tmp_path)
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    go = tmp_path / "go"
    # Two writers in a tight loop keep the lock busy: filelock polls every 50 ms, so a third
    # process only gets in once they stop. With the CLI, the workers pause a little, like an app.
    pause = 0.01 if with_cli else 0.0
    workers = {
        name: subprocess.Popen(
            [sys.executable, str(script), str(home), article_id, name, str(WORKER_NOTES), str(go),
             json.dumps(SENTENCES), str(pause)],
            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in ("alpha", "beta")
    }
    while not all((tmp_path / f"ready-{name}").exists() for name in workers):  # both have opened the library
        assert all(w.poll() is None for w in workers.values()), "a writer ended before it started"
        time.sleep(0.01)
    go.touch()

    cli_ids: dict[str, str] = {}
    if with_cli:  # a user's CLI calls land in the middle of both loops
        overlapped = 0
        while len(cli_ids) < 8 or (any(w.poll() is None for w in workers.values()) and len(cli_ids) < 40):
            i = len(cli_ids)
            note = f"cli {i}"
            done = reader(home, "note", article_id[:8], "--quote", SENTENCES[i], "--note", note, "--tag", "cli", "--json")
            assert done.returncode == 0, done.stderr
            cli_ids[note] = json.loads(done.stdout)["id"]
            if all(w.poll() is None for w in workers.values()):
                overlapped += 1
                assert len(cli_notes(home)) >= len(cli_ids)  # a reader mid-way sees a whole library
        assert overlapped >= 2, "the CLI calls did not overlap the workers; the test proves nothing"

    worker_ids: dict[str, list[str]] = {}
    for name, worker in workers.items():
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, f"worker {name} failed:\n{err}"
        worker_ids[name] = json.loads(out.strip().splitlines()[-1])

    expected = {f"{name} {i}" for name in workers for i in range(WORKER_NOTES)} | cli_ids.keys()
    all_ids = [i for ids in worker_ids.values() for i in ids] + list(cli_ids.values())
    assert len(all_ids) == len(set(all_ids)) == len(expected), "two notes were given the same id"

    library = Library(home)
    notes = library.annotations(article_id)
    assert len(notes) == len(expected)
    assert sorted(n.note for n in notes) == sorted(expected)
    assert {n.id for n in notes} == set(all_ids)
    listed = cli_notes(home)
    assert sorted(n["id"] for n in listed) == sorted(all_ids)
    for note in listed:
        assert note["article_id"] == article_id and note["quote"] in SENTENCES
