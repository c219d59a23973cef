"""Ctrl+C during a bulk `reader add`: it stops between articles, keeps what was added, says
how many (exit 130), and never leaves an article stored but uncounted; a folder's articles
are each stored with their analysis. (A few pages are stored without it, on purpose: the
next command needing it makes it, as tests/cli/test_add_analysis_later.py checks.)"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.ingest import batch
from reader.core.store import Library

PARAGRAPH = "The harbour council met on Tuesday to discuss the spring tides and the ferry timetable. " * 8
INTERRUPTED = re.compile(r"reader: interrupted: (\d+) added, 0 already in the library; the rest were not read\n")


def folder(root: Path, count: int) -> Path:
    src = root / "src"
    src.mkdir()
    for i in range(count):
        (src / f"a{i:04d}.txt").write_text(f"Article number {i}\n\n{PARAGRAPH}\n\n{PARAGRAPH} Item {i}.\n")
    return src


def reader(home: Path, *argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "--home", str(home), *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(autouse=True)
def ctrl_c_as_in_a_terminal():
    """Ctrl+C as a terminal delivers it, even when the suite runs as a background job (where
    the shell ignores SIGINT, and reader rightly leaves an ignored SIGINT alone)."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def terminal_sigint() -> None:
    """For a child process: SIGINT back to its default, so Python installs its handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stored(home: Path) -> list[str]:
    listed = reader(home, "ls", "--json")
    assert listed.returncode == 0, listed.stderr
    return sorted(article["id"] for article in json.loads(listed.stdout))


@pytest.mark.slow
def test_sigint_stops_a_bulk_add_between_articles_and_keeps_what_it_reported(tmp_path):
    home, src = tmp_path / "lib", folder(tmp_path, 1500)  # more than one run of GROUP articles
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "reader", "--home", str(home), "add", str(src)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               preexec_fn=terminal_sigint)
    first = process.stdout.readline()  # the first article is in: the loop has started
    assert first.startswith("added "), first + process.stderr.read()
    process.send_signal(signal.SIGINT)
    rest, err = process.stdout.read(), process.stderr.read()  # communicate() would miss what readline buffered
    process.wait(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    reported = INTERRUPTED.fullmatch(err)
    assert reported, err
    lines = [first, *rest.splitlines(keepends=True)]
    assert all(line.startswith("added ") for line in lines) and len(lines) == int(reported.group(1)) < 1500
    ids = stored(home)  # the library opens and holds exactly what was reported
    assert sorted(line.split()[1] for line in lines) == sorted(i[:8] for i in ids)
    assert sorted(p.stem for p in (home / "analysis").glob("*.json")) == ids  # each one analysed too


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_ctrl_c_while_articles_are_stored_waits_until_they_are_counted(tmp_path, monkeypatch, capsys, jobs):
    """In one process each article is stored alone; with workers, in runs: either way a
    Ctrl+C mid-store waits until what is being stored is analysed and counted."""
    home, src = tmp_path / "lib", folder(tmp_path, 12)
    monkeypatch.setattr(batch, "GROUP", 3)  # runs of at most 3: the second store is not the last
    real_add_many = Library.add_many
    calls = []

    def add_then_ctrl_c(self, articles, *analyses):
        calls.append(len(articles))
        result = real_add_many(self, articles, *analyses)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # mid-store, before the count
        return result

    monkeypatch.setattr(Library, "add_many", add_then_ctrl_c)
    assert main(["--home", str(home), "add", "--jobs", jobs, str(src)]) == 130
    captured = capsys.readouterr()
    stored_then = sum(calls)
    assert INTERRUPTED.fullmatch(captured.err).group(1) == str(stored_then)
    assert captured.out.count("added ") == stored_then and len(calls) == 2
    assert stored_then == 2 if jobs == "1" else 2 <= stored_then <= 6  # runs of what was read by then
    monkeypatch.setattr(Library, "add_many", real_add_many)
    assert len(stored(home)) == stored_then and len(list((home / "analysis").glob("*.json"))) == stored_then
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_ctrl_c_while_a_file_is_read_stops_at_once(tmp_path, monkeypatch, capsys):
    home, src = tmp_path / "lib", folder(tmp_path, 5)
    real_load = batch.load_file
    read = []

    def load_then_ctrl_c(path):
        read.append(path)
        if len(read) == 3:
            os.kill(os.getpid(), signal.SIGINT)
        return real_load(path)

    monkeypatch.setattr(batch, "load_file", load_then_ctrl_c)
    assert main(["--home", str(home), "add", "--jobs", "1", str(src), "--json"]) == 130
    captured = capsys.readouterr()
    assert INTERRUPTED.fullmatch(captured.err).group(1) == "2"
    assert [r["path"] for r in json.loads(captured.out)] == [str(p) for p in read[:2]]
    assert len(stored(home)) == 2


def test_a_ctrl_c_while_workers_read_stops_them_at_once(tmp_path, monkeypatch, capsys):
    """With worker processes, the Ctrl+C comes while this process waits for them: it
    stops there, the workers are ended mid-file, and only what was stored is reported."""
    home, src = tmp_path / "lib", folder(tmp_path, 40)
    real_pooled = batch.Reading._pooled
    handed = []

    def ctrl_c_after_two(self):
        for read in real_pooled(self):
            handed.append(read)
            yield read
            if len(handed) == 2:
                os.kill(os.getpid(), signal.SIGINT)  # the workers hold the next files now

    monkeypatch.setattr(batch.Reading, "_pooled", ctrl_c_after_two)
    monkeypatch.setattr(batch, "GROUP", 1)
    assert main(["--home", str(home), "add", "--jobs", "2", str(src)]) == 130
    captured = capsys.readouterr()
    assert INTERRUPTED.fullmatch(captured.err).group(1) == "2" and captured.out.count("added ") == 2
    assert len(stored(home)) == 2
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []  # the workers were ended, not left reading
