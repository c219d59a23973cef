"""Speed of `reader add`: one web page per process, and whole folders on every core.

    python bench/add.py [--data ../shared/data] [--pages 20] [--bulk 130] [--no-bbc] [--no-bulk] [--compare DIR]

Per page (a sample spread over the trafilatura eval pages, each added to a fresh library,
as a user would: `reader --home H add PAGE.html`, process start included), with two
baselines timed in the same run, page by page:

- `python -c pass`: what any Python command costs;
- `python -c "import trafilatura; trafilatura.extract(page)"`: the floor of any command
  that extracts a page with trafilatura (same options as reader's), and the extraction
  alone, in this process, once trafilatura is loaded.

Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE is set, as in some sandboxes),
an editable install compiles reader's own modules from source in every process (~50 ms
here): `reader add (bytecode kept)` times the same command with bytecode kept in the
temporary folder (PYTHONPYCACHEPREFIX, made by a first run), as an installed reader has it.
`--compare DIR` times another checkout of reader too (say `git worktree add DIR HEAD~1`),
page by page in the same run, its code first on the path (PYTHONPATH), bytecode kept:
a before/after on a shared machine.

Bulk: `reader add DIR` of `--bulk` eval pages (symlinked into a temporary folder) and of
the 2,225 BBC text files, wall and CPU time (CPU/wall above 1 means more than one core
worked), against `reader add --jobs 1 DIR` (everything in one process) in the same run.
Goal: per-page median under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# reader's own options (reader/core/ingest/html.py), so that both extract the same
OPTIONS = {"output_format": "xml", "with_metadata": True, "include_comments": False, "include_tables": True,
           "include_images": False, "include_links": False, "favor_precision": True, "deduplicate": False}
EXTRACT = f"import sys, trafilatura; trafilatura.extract(open(sys.argv[1], 'rb').read(), **{OPTIONS!r})"
BYTECODE_KEPT = "reader add (bytecode kept)"
FLOOR = "python + trafilatura.extract"


def reader_command() -> list[str]:
    """The installed `reader` script beside this Python, as the user runs it."""
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall and CPU seconds (the process and every child it waited for) and the exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def spread(paths: list[Path], count: int) -> list[Path]:
    """`count` paths evenly spread over the sorted list (not the first few: the names are
    hashes, but a sample should not depend on that)."""
    if count >= len(paths):
        return paths
    step = len(paths) / count
    return [paths[int(i * step)] for i in range(count)]


def stats(values: list[float]) -> str:
    return f"median {statistics.median(values):6.3f} s  max {max(values):6.3f} s"


def per_page(pages: list[Path], work: Path, compare: Path | None = None) -> None:
    import trafilatura  # loaded once, outside the in-process timing

    reader = reader_command()
    commands = {
        "python -c pass": lambda page, home: [sys.executable, "-c", "pass"],
        FLOOR: lambda page, home: [sys.executable, "-c", EXTRACT, str(page)],
        "reader add PAGE": lambda page, home: [*reader, "--home", str(home), "add", str(page)],
    }
    environments: dict[str, dict[str, str] | None] = {}
    kept = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    kept["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        environments[BYTECODE_KEPT] = kept
        commands[BYTECODE_KEPT] = commands["reader add PAGE"]
        timed(commands[BYTECODE_KEPT](pages[0], work / "warm-up"), environments[BYTECODE_KEPT])
    if compare is not None:
        other = f"reader add ({compare.name})"
        environments[other] = {**kept, "PYTHONPATH": str(compare.resolve())}
        commands[other] = commands["reader add PAGE"]
        timed(commands[other](pages[0], work / "warm-up-other"), environments[other])
    walls: dict[str, list[float]] = {name: [] for name in [*commands, "extract in process"]}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    failed = 0
    for page in pages:
        home = work / "home"
        for name, command in commands.items():
            shutil.rmtree(home, ignore_errors=True)
            wall, cpu, code = timed(command(page, home), environments.get(name))
            walls[name].append(wall)
            cpus[name].append(cpu)
            failed += name == "reader add PAGE" and code != 0
        html = page.read_bytes()
        start = time.perf_counter()
        trafilatura.extract(html, **OPTIONS)
        walls["extract in process"].append(time.perf_counter() - start)
    print(f"per page: {len(pages)} eval pages, each into a fresh library ({failed} had no article: exit 1)")
    print("  (cpu: user+sys of the process, less sensitive than wall to other load on the machine)")
    for name, values in walls.items():
        cpu = f"   cpu median {statistics.median(cpus[name]):6.3f} s" if name in cpus else ""
        print(f"  {name:30} {stats(values)}{cpu}")
    floor, floor_cpu = statistics.median(walls[FLOOR]), statistics.median(cpus[FLOOR])
    for name in (n for n in commands if n.startswith("reader add")):
        add, add_cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"  ratio: {name} / (python + extract) {add / floor:.2f}x wall, {add_cpu / floor_cpu:.2f}x cpu")


def bulk(name: str, folder: Path, count: int, work: Path) -> None:
    reader = reader_command()
    has_jobs = "--jobs" in subprocess.run([*reader, "add", "--help"], capture_output=True, text=True).stdout
    for jobs in ("1", None) if has_jobs else (None,):
        home = work / "bulk-home"
        shutil.rmtree(home, ignore_errors=True)
        options = ["--jobs", jobs] if jobs else []
        wall, cpu, code = timed([*reader, "--home", str(home), "add", *options, str(folder)])
        label = f"reader add {'--jobs 1 ' if jobs else ''}DIR"
        print(f"  {name:16} {label:22} wall {wall:7.2f} s  cpu {cpu:7.2f} s  cpu/wall {cpu / wall:4.2f}  "
              f"{wall / count * 1000:6.1f} ms/file  exit {code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pages", type=int, default=20, help="pages timed one process each (default 20)")
    parser.add_argument("--bulk", type=int, default=130, help="eval pages added as one folder (default 130)")
    parser.add_argument("--no-bulk", action="store_true", help="skip the folder timings")
    parser.add_argument("--no-bbc", action="store_true", help="skip the 2,225 BBC files")
    parser.add_argument("--compare", type=Path, help="another checkout of reader, timed page by page too")
    args = parser.parse_args()
    pages = sorted((args.data / "web" / "trafilatura" / "eval").glob("*.html"))
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        work = Path(tmp)
        per_page(spread(pages, args.pages), work, args.compare)
        if args.no_bulk:
            return
        print("bulk:")
        folder = work / "eval"
        folder.mkdir()
        chosen = spread(pages, args.bulk)
        for page in chosen:
            os.symlink(page, folder / page.name)
        bulk("eval pages", folder, len(chosen), work)
        if not args.no_bbc:
            bbc = args.data / "bbc"
            bulk("BBC files", bbc, len(list(bbc.glob("*/*.txt"))), work)


if __name__ == "__main__":
    main()
