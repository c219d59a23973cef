"""reader against newsboat on the same feeds: the 2,225 BBC articles as 5 local RSS feeds.

Run it from the repository root (newsboat: `apt-get install -y newsboat`; without it the
newsboat side is skipped with the reason, and reader's figures alone are printed):

    .venv/bin/python bench/newsboat.py              # 3 rounds, interleaved; ~3-5 minutes
    .venv/bin/python bench/newsboat.py --reps 5
    .venv/bin/python bench/newsboat.py --baseline 5db983a   # and that commit's first refresh, same rounds

The feeds: one RSS 2.0 file per BBC folder (business, entertainment, politics, sport,
tech; ../shared/data/bbc), each item's title the text's first line, its full text as
content:encoded (so neither reader fetches a page), a link and guid under the server,
served by a local HTTP server (127.0.0.1, Last-Modified and If-Modified-Since: a feed
that has not changed answers 304).

Measured each round, reader and newsboat in turn, each on a fresh library/cache:

  first refresh     `reader --home H refresh` after `reader feed add` of the 5 feeds, against
                    `newsboat -x reload`. For reader two figures: until the last feed's
                    articles are stored and listed (its report line printed: the list is
                    usable), and the whole command (the analysis after it, on every core).
  nothing new       the same refresh again: every feed answers 304.
  start -> titles   the program in a 120x40 tmux pane (bench/terminal.py) until titles
                    show and a key press is answered: reader's library list, newsboat's
                    feed list.
  RSS               the program's resident memory once it is idle after the start.

With --baseline COMMIT, each round also times that commit's first refresh (its sources
from `git archive`, run with the same Python) on a fresh library, between reader's and
newsboat's: the machine is shared, so a before/after is only worth a ratio timed together.

Goals (issue 16): first refresh within 3x newsboat, nothing new within 2x, start within
4x, RSS within 3x. Medians over --reps; ratio = reader / newsboat.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import terminal  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "bbc"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")


def write_feeds(data: Path, into: Path, base: str) -> dict[str, int]:
    """One RSS file per category in `into`; how many items each holds."""
    counts = {}
    for category in CATEGORIES:
        items = []
        for number, path in enumerate(sorted((data / category).glob("*.txt"))):
            text = path.read_bytes().decode("utf-8", errors="replace")
            title, _, body = text.strip().partition("\n")
            paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())
            link = f"{base}/{category}/{path.stem}.html"
            day = formatdate(1_100_000_000 + number * 3600, usegmt=True)
            items.append(
                f"<item><title>{html.escape(title.strip())}</title><link>{link}</link>"
                f"<guid isPermaLink=\"false\">bbc-{category}-{path.stem}</guid><pubDate>{day}</pubDate>"
                f"<description>{html.escape(body.strip()[:200])}</description>"
                f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>"
            )
        counts[category] = len(items)
        (into / f"{category}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>BBC {category}</title><link>{base}/</link><description>BBC {category}</description>"
            + "".join(items) + "</channel></rss>\n",
            encoding="utf-8",
        )
    return counts


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def reader_command(home: Path, *args: str, src: Path | None = None) -> list[str]:
    """`reader --home HOME ARGS`: this tree's, or (`src`) the one whose sources are there."""
    script = Path(sys.executable).with_name("reader")
    if src is not None:
        base = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r}); from reader.cli import main; "
                "sys.exit(main())"]
    else:
        base = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    return [*base, "--home", str(home), *args]


def sources(commit: str, into: Path) -> Path:
    """The commit's files in `into` (git archive)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def reader_refresh(home: Path, env: dict[str, str], src: Path | None = None) -> tuple[float, float]:
    """(seconds until the last feed's report line, seconds for the whole command)."""
    began = time.perf_counter()
    process = subprocess.Popen(reader_command(home, "refresh", src=src), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True)
    listed = None
    reports = 0
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("BBC ") and (" new, " in line or "not modified" in line):
            reports += 1
            if reports == len(CATEGORIES):
                listed = time.perf_counter() - began
    process.wait()
    total = time.perf_counter() - began
    if process.returncode:
        raise SystemExit(f"reader refresh failed (exit {process.returncode})")
    return (listed if listed is not None else total), total


def newsboat_refresh(work: Path, urls: Path) -> float:
    began = time.perf_counter()
    subprocess.run(["newsboat", "-u", str(urls), "-c", str(work / "cache.db"), "-C", str(work / "config"),
                    "-x", "reload"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="rounds (medians reported)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--baseline", help="also time this commit's first refresh in the same rounds")
    options = parser.parse_args(argv)
    newsboat = shutil.which("newsboat")
    skip = None if newsboat else "newsboat is not installed (apt-get install -y newsboat)"
    if not terminal.have_tmux():
        raise SystemExit("tmux is needed to time the start (apt-get install -y tmux)")

    work = Path(tempfile.mkdtemp(prefix="newsboat-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # bytecode cached, as an installed reader has it
    server = None
    times: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        times.setdefault(name, []).append(value)

    try:
        feeds = work / "feeds"
        feeds.mkdir()
        server, base = serve(feeds)
        counts = write_feeds(options.data, feeds, base)
        urls = work / "urls"
        urls.write_text("".join(f"{base}/{c}.xml\n" for c in CATEGORIES))
        print(f"feeds: {sum(counts.values()):,} items in {len(counts)} feeds at {base}; reps={options.reps}")
        old = sources(options.baseline, work / "baseline-src") if options.baseline else None
        if skip:
            print(f"newsboat: skipped: {skip}")
        # one untimed run each: bytecode cached, files in the page cache
        warm = work / "warm"
        subprocess.run(reader_command(warm, "--version"), env=env, check=True, stdout=subprocess.DEVNULL)
        if old is not None:
            subprocess.run(reader_command(warm, "--version", src=old), env=env, check=True, stdout=subprocess.DEVNULL)
        for round_ in range(options.reps):
            home = work / f"reader-{round_}"
            for category in CATEGORIES:
                subprocess.run(reader_command(home, "feed", "add", f"{base}/{category}.xml"), env=env, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            listed, total = reader_refresh(home, env)
            add("reader first, listed", listed)
            add("reader first, analysed", total)
            add("reader nothing new", reader_refresh(home, env)[1])
            if old is not None:
                before = work / f"baseline-{round_}"
                for category in CATEGORIES:
                    subprocess.run(reader_command(before, "feed", "add", f"{base}/{category}.xml", src=old), env=env,
                                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                add("baseline first, listed", reader_refresh(before, env, src=old)[0])
            config = {"XDG_CONFIG_HOME": str(work / "config-home"), **{k: env[k] for k in ("PYTHONPYCACHEPREFIX",)}}
            started = terminal.start(reader_command(home), lambda s: " articles" in s, env=config, memory_after=3.0)
            add("reader start", started.interactive)
            add("reader RSS", started.rss_mib)
            if not skip:
                boat = work / f"newsboat-{round_}"
                boat.mkdir()
                (boat / "config").write_text("")
                add("newsboat first", newsboat_refresh(boat, urls))
                add("newsboat nothing new", newsboat_refresh(boat, urls))
                command = ["newsboat", "-u", str(urls), "-c", str(boat / "cache.db"), "-C", str(boat / "config")]
                started = terminal.start(command, lambda s: "BBC tech" in s, key="Down", memory_after=0.5, quit_keys=("q", "q"))
                add("newsboat start", started.interactive)
                add("newsboat RSS", started.rss_mib)
    finally:
        if server is not None:
            server.shutdown()
        terminal.stop_server()
        shutil.rmtree(work, ignore_errors=True)

    median = {name: statistics.median(values) for name, values in times.items()}
    rows = [
        ("first refresh, list usable", "reader first, listed", "newsboat first", "s", 3.0),
        ("first refresh, with analysis", "reader first, analysed", "newsboat first", "s", None),
        ("refresh, nothing new", "reader nothing new", "newsboat nothing new", "s", 2.0),
        ("start -> titles, interactive", "reader start", "newsboat start", "s", 4.0),
        ("RSS after start (MiB)", "reader RSS", "newsboat RSS", "MiB", 3.0),
    ]
    print(f"\nmedians of {options.reps}; ratio = reader / newsboat")
    print(f"{'measurement':<30} {'reader':>9} {'newsboat':>9} {'ratio':>7}  goal")
    for label, ours, theirs, unit, goal in rows:
        mine = median[ours]
        other = median.get(theirs)
        shown = (lambda v: f"{v:8.0f} " if unit == "MiB" else f"{v:8.2f}s")
        ratio = f"{mine / other:6.1f}x" if other else "      -"
        print(f"{label:<30} {shown(mine)} {shown(other) if other else '        -'} {ratio}  "
              f"{f'<= {goal:g}x' if goal else ''}")
    if "baseline first, listed" in median:
        before, now = median["baseline first, listed"], median["reader first, listed"]
        versus = f" = {before / median['newsboat first']:.1f}x newsboat" if "newsboat first" in median else ""
        print(f"baseline {options.baseline}: first refresh, list usable {before:.2f}s{versus}; "
              f"this tree / baseline {now / before:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
