"""A program run in a real terminal (a detached tmux pane), timed as a user sees it.

What the app benches share (bench/scale.py, bench/newsboat.py, bench/tui.py --terminal):
start a command in a 120x40 tmux pane, read the screen (`tmux capture-pane`) every few
milliseconds until some text shows, press a key and wait for the screen to change (the
program answered it: it is interactive), read its resident memory from /proc once it has
gone idle, quit it. Run as `python bench/<name>.py`; each bench finds this module beside it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WIDTH, HEIGHT = 120, 40
POLL = 0.005  # seconds between screen reads
SOCKET = f"reader-bench-{os.getpid()}"  # a tmux server of our own: the user's sessions are not touched


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True).stdout


@dataclass
class Started:
    """Seconds from the command's launch to `shown` (the expected text on screen) and to
    `interactive` (a key pressed after it changed the screen); RSS in MiB once idle."""

    shown: float
    interactive: float
    rss_mib: float = 0.0
    peak_mib: float = 0.0


class Pane:
    """One command in a detached tmux pane of its own."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.name = f"p{time.monotonic_ns()}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # The tmux server inherits this process's environment; a PYTHONDONTWRITEBYTECODE there
        # (set in some shells and CI) would make every start compile the modules its warm-up
        # did not import (all of textual: ~0.5 s), which an installed reader never does.
        unset = "" if "PYTHONDONTWRITEBYTECODE" in (env or {}) else "-u PYTHONDONTWRITEBYTECODE "
        line = f"cd {shlex.quote(str(cwd or Path.cwd()))} && exec env {unset}{exports} {shlex.join(command)}"
        self.began = time.perf_counter()
        _tmux("new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), line)
        self.pid = int(_tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def screen(self) -> str:
        try:
            return _tmux("capture-pane", "-p", "-e", "-t", self.name)
        except subprocess.CalledProcessError:
            return ""

    def wait_for(self, seen: Callable[[str], bool], timeout: float = 180.0) -> str:
        """The screen once `seen(screen)` holds; TimeoutError (with the last screen) if it never does."""
        deadline = time.perf_counter() + timeout
        while True:
            text = self.screen()
            if seen(text):
                return text
            if time.perf_counter() > deadline:
                raise TimeoutError(f"never showed what was awaited; the screen:\n{text}")
            time.sleep(POLL)

    def keys(self, *keys: str) -> None:
        _tmux("send-keys", "-t", self.name, *keys)

    def answer(self, key: str, before: str, timeout: float = 60.0) -> float:
        """Press `key` and wait for the screen to differ from `before`: seconds since launch."""
        self.keys(key)
        self.wait_for(lambda text: text != before, timeout)
        return time.perf_counter() - self.began

    def cpu_seconds(self) -> float:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mib(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) in MiB."""
        values = {}
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
        except OSError:
            pass
        return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)

    def idle(self, at_least: float = 0.0, quiet: float = 1.5, timeout: float = 300.0) -> float:
        """Wait `at_least` seconds since launch, then until the process used under 5% of a core
        for `quiet` seconds (its background work done): seconds since launch."""
        while time.perf_counter() - self.began < at_least:
            time.sleep(0.1)
        deadline = time.perf_counter() + timeout
        last = self.cpu_seconds()
        while time.perf_counter() < deadline:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < 0.05 * quiet:
                break
            last = now
        return time.perf_counter() - self.began

    def close(self, quit_keys: tuple[str, ...] = ("C-q",)) -> None:
        if quit_keys:
            try:
                self.keys(*quit_keys)
            except subprocess.CalledProcessError:
                pass
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline and Path(f"/proc/{self.pid}").exists():
                time.sleep(0.02)
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", self.name], capture_output=True)


def start(
    command: list[str],
    shown: Callable[[str], bool],
    *,
    key: str = "Down",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    memory_after: float | None = None,
    quit_keys: tuple[str, ...] = ("C-q",),
) -> Started:
    """Launch `command`, time it to `shown` and to answering `key`; with `memory_after`
    (seconds since launch), also its memory once it has gone idle after that long."""
    pane = Pane(command, env, cwd)
    try:
        screen = pane.wait_for(shown)
        seen = time.perf_counter() - pane.began
        interactive = pane.answer(key, screen)
        result = Started(seen, interactive)
        if memory_after is not None:
            pane.idle(at_least=memory_after)
            result.rss_mib, result.peak_mib = pane.memory_mib()
        return result
    finally:
        pane.close(quit_keys)


def stop_server() -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


# The baseline of the app's start: a bare Textual app showing one Markdown page (the file
# given), focused so that `down` scrolls it. Run with `python -c BARE_MARKDOWN FILE`.
BARE_MARKDOWN = """
import sys
from pathlib import Path
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Markdown

class Page(App):
    def compose(self):
        with VerticalScroll():
            yield Markdown(Path(sys.argv[1]).read_text())

    def on_mount(self):
        self.query_one(VerticalScroll).focus()

Page().run()
"""
