"""Issue 16's table: a heavy reader's library (10,000 articles, 200,000 notes) against a fresh one.

Run it from the repository root:

    .venv/bin/python bench/scale.py                   # builds the libraries once (minutes), then ~15 min
    .venv/bin/python bench/scale.py --reps 3 --only app,ls
    .venv/bin/python bench/scale.py --cache ~/.cache/reader-bench

The libraries are bench/cli_scale.py's, built once and kept under --cache (default
/tmp/reader-bench-cli-scale, shared with cli_scale.py and search.py --cache): the BBC texts
(../shared/data/bbc), then copies with a changed first line (title), notes from
bench/search.py's generator, every article's analysis stored (`search.analysed_library`:
what `reader add` leaves). Sizes: 2k/0 (2,000 articles, no notes), 2k/50k, 10k/200k.

Each row comes from the bench that owns it, run here as it is, its output printed whole:

  save     bench/store.py --sizes 50000,200000: a durable note save, median and p95, against
           TinyDB's default JSONStorage (at 50k; TinyDB is not timed at 200k: seconds a save)
  ls       bench/cli_scale.py (the same cache, 2k/0 added): `reader ls` and `reader --version`
           against `reader ls` on the two sample articles and `python -c pass`
  search   bench/search.py --cache (the same libraries): the full index build from nothing,
           the load from its cache, warm queries (p50/p95), `reader search` cold
  app      here (bench/terminal.py): `reader --home LIB` in a 120x40 tmux pane, from launch
           until the library list shows and a `down` key has moved its highlight, against a
           bare Textual app showing one Markdown page (the longest BBC article) until it
           shows and `down` has scrolled it; then the reader's RSS once it has gone idle
           after the read-ahead (the search index and entity ledger it builds 2 s after
           start). Interleaved, medians of --reps; bytecode cached as an installed reader has it.

The run closes with issue 16's table, one row per measure and a column per size, each cell
the figure and its ratio as the owning bench printed it (read from its output).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import cli_scale  # noqa: E402
import terminal  # noqa: E402

SIZES = {"2k/0": (2_000, 0), **cli_scale.SIZES}
PARTS = ("save", "ls", "search", "app")


def libraries(cache: Path) -> dict[str, Path]:
    """Every size's library, built (and analysed) once under `cache`."""
    import search  # bench/search.py: the analysed libraries

    cli_scale.SIZES.update(SIZES)  # cli_scale builds and times 2k/0 too
    texts = None
    homes = {}
    for name in SIZES:
        homes[name], texts = search.analysed_library(cache, name, texts)
    return homes


def run(title: str, command: list[str], env: dict[str, str]) -> str:
    """A bench as a subprocess, its output shown as it comes and returned."""
    print(f"\n== {title}: {' '.join(command[1:])}", flush=True)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        print("   " + line, end="", flush=True)
        lines.append(line)
    process.wait()
    print(f"   ({time.perf_counter() - began:.0f} s, exit {process.returncode})", flush=True)
    return "".join(lines)


def longest_bbc_page(into: Path) -> tuple[Path, str]:
    """The longest BBC text as a Markdown page (title heading, a paragraph per line); its title."""
    texts = sorted(cli_scale.bbc_texts(), key=len)
    title, _, body = texts[-1].strip().partition("\n")
    page = into / "page.md"
    page.write_text(f"# {title}\n\n" + "\n\n".join(p.strip() for p in body.split("\n") if p.strip()), encoding="utf-8")
    return page, title.strip()


def app_rows(homes: dict[str, Path], reps: int, env: dict[str, str]) -> list[tuple[str, float, float, float]]:
    """(size, reader start, bare Markdown start, reader RSS MiB) medians."""
    work = Path(tempfile.mkdtemp(prefix="scale-app-"))
    page, title = longest_bbc_page(work)
    script = Path(sys.executable).with_name("reader")
    reader = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    child = {"XDG_CONFIG_HOME": str(work / "config"), "PYTHONPYCACHEPREFIX": env["PYTHONPYCACHEPREFIX"]}
    bare = [sys.executable, "-c", terminal.BARE_MARKDOWN, str(page)]
    # warm-ups (bytecode written, files in the page cache), not timed
    terminal.start(bare, lambda s: title in s, env=child)
    rows = []
    try:
        for name, home in homes.items():
            terminal.start([*reader, "--home", str(home)], lambda s: " articles" in s, env=child)
            ours, theirs, memory = [], [], []
            for _ in range(reps):
                theirs.append(terminal.start(bare, lambda s: title in s, env=child).interactive)
                started = terminal.start([*reader, "--home", str(home)], lambda s: " articles" in s, env=child,
                                         memory_after=2.5)
                ours.append(started.interactive)
                memory.append(started.rss_mib)
            rows.append((name, statistics.median(ours), statistics.median(theirs), statistics.median(memory)))
            print(f"   app {name}: reader {[round(x, 2) for x in ours]} s, bare Markdown "
                  f"{[round(x, 2) for x in theirs]} s, RSS {[round(x) for x in memory]} MiB", flush=True)
    finally:
        terminal.stop_server()
    return rows


Table = dict[str, dict[str, str]]  # row -> size -> cell


def read_save(out: str, table: Table) -> None:
    for notes, median, p95, ratio in re.findall(r"^\s*([\d,]+) \|\s+([\d.]+)\s+([\d.]+) \|.*?\|\s+(\S+) \|", out, re.M):
        size = {"50,000": "2k/50k", "200,000": "10k/200k"}.get(notes)
        if size:
            vs = f", {ratio} faster than TinyDB" if ratio != "-" else ""
            table.setdefault("durable note save, median / p95", {})[size] = f"{median} / {p95} ms{vs}"


def read_ls(out: str, table: Table) -> None:
    for size, ms, ratio in re.findall(r"reader ls, (\S+)\s+(\d+) ms\s+([\d.]+)x", out):
        table.setdefault("`reader ls` (x ls on the 2 samples)", {})[size] = f"{int(ms) / 1000:.2f} s = {ratio}x"
    if found := re.search(r"reader --version\s+(\d+) ms\s+([\d.]+)x", out):
        table.setdefault("`reader --version` (x python -c pass)", {})["any"] = f"{found[1]} ms = {found[2]}x"


def read_search(out: str, table: Table) -> None:
    for size, block in re.findall(r"=== (\S+): .*?\n(.*?)(?==== |\Z)", out, re.S):
        if found := re.search(r"search '([^']+)', " + re.escape(size) + r"\s+(\d+) ms\s+([\d.]+)x on the samples", block):
            table.setdefault("`reader search` cold, cache in place", {})[size] = (
                f"{int(found[2]) / 1000:.2f} s = {found[3]}x the samples ({found[1]})")
        if found := re.search(r"worst kind's warm p95: ([\d.]+) ms", block):
            table.setdefault("search warm p95, worst kind", {})[size] = f"{found[1]} ms"
        if found := re.search(r"full build \(no cache\): median ([\d.]+) s.*?= ([\d.]+)x reading", block):
            table.setdefault("index build, no cache", {})[size] = f"{found[1]} s = {found[2]}x reading the library"


def print_table(table: Table) -> None:
    sizes = [*SIZES, "any"]
    print("\nissue 16's table (each cell as its bench measured it)")
    print(f"{'':<40}" + "".join(f" | {s:<44}" for s in sizes if any(s in cells for cells in table.values())))
    for row, cells in table.items():
        print(f"{row:<40}" + "".join(f" | {cells.get(s, '-'):<44}" for s in sizes
                                      if any(s in c for c in table.values())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-bench-cli-scale"))
    parser.add_argument("--reps", type=int, default=3, help="app starts per size; ls runs are 3x this")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts: {', '.join(PARTS)}")
    options = parser.parse_args(argv)
    parts = [p.strip() for p in options.only.split(",") if p.strip()]
    if unknown := [p for p in parts if p not in PARTS]:
        raise SystemExit(f"unknown part {unknown[0]!r}: choose from {', '.join(PARTS)}")
    if "app" in parts and not terminal.have_tmux():
        raise SystemExit("the app part needs tmux (apt-get install -y tmux); leave it out with --only")
    started = time.perf_counter()
    options.cache.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(options.cache / "pycache")
    homes = libraries(options.cache)
    print(f"libraries under {options.cache}: " + ", ".join(f"{n} {h.name}" for n, h in homes.items()), flush=True)
    python = sys.executable
    table: Table = {}

    if "save" in parts:
        read_save(run("durable note save", [python, str(BENCH / "store.py"), "--sizes", "50000,200000",
                                            "--saves", "40"], env), table)
    if "ls" in parts:
        print(f"\n== reader ls: bench/cli_scale.py --cache {options.cache} --reps {options.reps * 3}", flush=True)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            cli_scale.main(["--cache", str(options.cache), "--reps", str(options.reps * 3)])
        print("".join("   " + line + "\n" for line in out.getvalue().splitlines()), end="", flush=True)
        read_ls(out.getvalue(), table)
    if "search" in parts:
        read_search(run("reader search", [python, str(BENCH / "search.py"), "--cache", str(options.cache),
                                          "--baseline-reps", "0", "--build-reps", "1", "--cli-reps", "5"], env), table)
    if "app" in parts:
        print(f"\n== app start to an interactive list, and RSS after the read-ahead (tmux, reps={options.reps})",
              flush=True)
        rows = app_rows(homes, options.reps, env)
        print(f"\n{'app (medians)':<12} {'start':>8} {'bare Markdown page':>19} {'ratio':>7} {'goal':>7}"
              f" {'RSS':>8} {'goal':>9}")
        for name, ours, theirs, memory in rows:
            print(f"{name:<12} {ours:7.2f}s {theirs:18.2f}s {ours / theirs:6.2f}x {'<=1.5x':>7} {memory:5.0f} MiB"
                  f" {'< 250 MB' if name == '10k/200k' else '':>9}")
            table.setdefault("app start to list (x bare Markdown page)", {})[name] = f"{ours:.2f} s = {ours / theirs:.2f}x"
            table.setdefault("app RSS after the read-ahead", {})[name] = f"{memory:.0f} MiB"
    print_table(table)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
