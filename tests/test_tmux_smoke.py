"""The installed `reader` in a real terminal (tmux): open, move, open an article, go back, quit.

Pilot drives the app inside Textual's own test harness; this drives the console script
a user runs, through a real pseudo-terminal, and reads the screen the way a user would.
Skipped with the reason when tmux is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
READER = Path(sys.executable).with_name("reader")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(not READER.exists(), reason=f"the reader console script is not installed at {READER}"),
]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    """A detached 120x40 tmux session running `reader` on a new library (the samples)."""
    name = f"reader-smoke-{os.getpid()}"
    socket = str(tmp_path / "tmux.sock")
    env = {**os.environ, "TERM": "xterm-256color", "READER_HOME": str(tmp_path / "home")}
    env.pop("TMUX", None)
    command = f"{READER} --home {tmp_path / 'home'}"
    subprocess.run([TMUX, "-S", socket, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command],
                   check=True, env=env)
    yield socket
    subprocess.run([TMUX, "-S", socket, "kill-server"], check=False, capture_output=True)


def screen(socket: str) -> str:
    done = subprocess.run([TMUX, "-S", socket, "capture-pane", "-p"], capture_output=True, text=True)
    return done.stdout


def keys(socket: str, *names: str) -> None:
    for name in names:
        subprocess.run([TMUX, "-S", socket, "send-keys", name], check=True)
        time.sleep(0.3)


def wait_for(socket: str, seen: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(socket)
        if seen(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"never saw {what}; the screen was:\n{text}")


def running(socket: str) -> bool:
    return subprocess.run([TMUX, "-S", socket, "has-session"], capture_output=True).returncode == 0


def test_open_move_read_back_and_quit_in_a_real_terminal(session: str) -> None:
    library = wait_for(session, lambda s: "reader — 2 articles" in s and "Rubio" in s, "the sample articles listed")
    assert "Traceback" not in library

    keys(session, "Down", "Up", "Enter")
    article = wait_for(session, lambda s: "reader — 2 articles" not in s and "Rubio" in s, "an article's text")
    assert "min read" in article and "Traceback" not in article

    keys(session, "Escape")
    wait_for(session, lambda s: "reader — 2 articles" in s, "the library again")

    keys(session, "C-q")
    deadline = time.monotonic() + 15
    while running(session) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(session), "reader did not quit on ctrl+q"
