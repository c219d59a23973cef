"""Each CLI command imports only what it uses: `reader ls` must not pay for the page
extractor, the entity tagger, the feed parser, fuzzy matching, Markdown or the app;
`reader add notes.txt` not for the extractor (nor a page for the tagger: its analysis
comes later); `reader --version` for nothing of the library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
pytestmark = pytest.mark.slow  # fresh interpreters

HEAVY = ("trafilatura", "lxml", "dateparser", "htmldate", "justext", "textual", "pycrfsuite", "feedparser",
         "rapidfuzz", "markdown_it", "reader.core.analysis", "reader.core.ingest", "reader.core.feeds",
         "reader.core.store.doctor", "reader.tui")
PAGE_ONLY = ("trafilatura", "lxml", "dateparser", "htmldate", "justext", "textual")
PROBE = """
import contextlib, io, json, sys
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exit_:  # --version exits, as argparse's action does
        code = exit_.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_of(*argv: str) -> list[str]:
    """The modules a fresh `reader ARGV` imported (it must succeed)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    return result["modules"]


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m for m in modules for name in names if m == name or m.startswith(name + ".")})


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("imports") / "lib"
    assert main(["--home", str(home), "add", "--jobs", "1", str(SEEDS)]) == 0
    assert main(["--home", str(home), "entities"]) == 0  # a few pages' analyses are made by the first command needing them
    assert main(["--home", str(home), "export", "--format", "json", "-o", str(home.parent / "x.json")]) == 0
    article = json.loads((home.parent / "x.json").read_text())["articles"][0]["id"]
    return home, article


@pytest.mark.parametrize("command", [
    ["ls"], ["show", "{id}"], ["notes"], ["search", "economy"], ["tag", "{id}", "x"],
    ["export", "--format", "w3c"], ["star", "{id}"],
])
def test_a_command_that_reads_the_library_imports_nothing_heavy(home, command):
    path, article = home
    argv = [part.replace("{id}", article) for part in command]
    assert loaded(modules_of("--home", str(path), *argv), HEAVY) == []


def test_adding_a_text_file_does_not_load_the_page_extractor(home, tmp_path):
    path, _ = home
    text = tmp_path / "note.txt"
    text.write_text("A title\n\nThe harbour council met on Tuesday with Anna Berg. " * 3)
    assert loaded(modules_of("--home", str(path), "add", str(text)), PAGE_ONLY) == []


def test_adding_a_page_does_not_load_the_tagger(home, tmp_path):
    path, _ = home
    page = tmp_path / "page.html"
    page.write_bytes((ROOT / "tests" / "fixtures" / "html" / "article.html").read_bytes())
    modules = modules_of("--home", str(path), "add", str(page))
    assert loaded(modules, ("trafilatura",)) and loaded(modules, ("reader.core.analysis", "pycrfsuite")) == []


@pytest.mark.parametrize("argv", [["--version"], ["--home", "{home}", "--version"]])
def test_the_version_imports_nothing_but_the_cli_entry(home, argv):
    path, _ = home
    modules = modules_of(*[part.replace("{home}", str(path)) for part in argv])
    assert [m for m in modules if m.startswith("reader")] == ["reader", "reader.cli", "reader.cli.argv"]
    assert loaded(modules, ("tinydb", "rich", "filelock", "platformdirs", "argparse", *HEAVY)) == []
