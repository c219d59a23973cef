"""`reader add` of a page stores it at once and leaves its analysis (entities, quotes) to
the next command that needs it: every command then shows what it showed when `add`
analysed the page itself, and nothing is lost on the way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.cli import adding, main
from reader.core.ingest.batch import read_one
from reader.core.store import Library

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "article.html"  # two speakers, places, dates

# Every command that shows what the analysis found (each one the first to need it).
COMMANDS = [
    ["show", "{id}", "--json"],
    ["quotes", "--json"],
    ["quotes", "--all", "--json"],
    ["quotes", "--by", "Anita Shah", "--json"],
    ["entities", "--json"],
    ["entity", "Tom Reilly", "--json"],
    ["search", "--articles", "said-by:shah", "--json"],
    ["search", "--articles", "person:reilly", "--json"],
    ["search", "--articles", "westhaven", "--json"],
]


def without_times(value: Any) -> Any:
    """The output with the moment of adding left out (the two libraries were made apart)."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k != "added"}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


@pytest.fixture(scope="module")
def libraries(tmp_path_factory) -> tuple[Path, Path, str]:
    """(added now, analysed later; added as `reader add` did before: with its analysis, in
    one save; the article's id)."""
    root = tmp_path_factory.mktemp("later")
    later, before = root / "later", root / "before"
    assert main(["--home", str(later), "add", str(PAGE)]) == 0
    read = read_one(PAGE)  # read and analysed, as the add path did for every page
    assert read.imported is not None and read.analysis is not None
    library = Library(before)
    library.add_many([read.imported.article], {read.imported.article.id: read.analysis})
    library.close()
    return later, before, read.imported.article.id


def run_json(capsys, home: Path, argv: list[str]) -> Any:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_add_stores_the_page_at_once_without_its_analysis(libraries) -> None:
    later, _, article_id = libraries
    library = Library(later)
    assert library.article_ids() == [article_id] and library.unanalysed() == [article_id]
    assert "Anita Shah" in library.article(article_id).text  # the article and its text: all there
    library.close()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_each_command_shows_what_it_showed_when_add_analysed_the_page(libraries, command, tmp_path, capsys) -> None:
    later, before, article_id = libraries
    fresh = tmp_path / "fresh"
    shutil.copytree(later, fresh)  # this command is the first to need the analysis
    argv = [part.replace("{id}", article_id) for part in command]
    shown = run_json(capsys, fresh, argv)
    assert shown  # something was found: the comparison below is not between two empty lists
    assert without_times(shown) == without_times(run_json(capsys, before, argv))
    library, reference = Library(fresh), Library(before)
    if command[0] != "search" or ":" in command[2]:  # a plain word search needs no names
        assert library.analysis(article_id) == reference.analysis(article_id)  # made once, and kept
    library.close()
    reference.close()


def test_doctor_finds_nothing_wrong_with_a_page_not_analysed_yet(libraries, tmp_path, capsys) -> None:
    later, _, _ = libraries
    fresh = tmp_path / "fresh"
    shutil.copytree(later, fresh)
    capsys.readouterr()
    assert main(["--home", str(fresh), "doctor"]) == 0, capsys.readouterr()


def test_a_folder_is_analysed_as_it_is_added(tmp_path) -> None:
    """More than a few files: analysed at once, on every core, so no later command pauses."""
    src = tmp_path / "src"
    src.mkdir()
    count = adding.ANALYSE_LATER_UP_TO + 1
    for i in range(count):
        (src / f"a{i}.txt").write_text(f"Report {i}\n\nAnita Shah met Tom Reilly in Westhaven on day {i}.\n")
    assert main(["--home", str(tmp_path / "lib"), "add", "--jobs", "1", str(src)]) == 0
    library = Library(tmp_path / "lib")
    assert len(library.article_ids()) == count and library.unanalysed() == []
    library.close()


def test_a_held_lock_delays_no_reader_of_a_page_not_analysed_yet(libraries, tmp_path, capsys, monkeypatch) -> None:
    """The reader making the analysis shows it; while another process holds the library lock
    beyond a moment it keeps nothing (a derived file), and the next reader keeps it."""
    from filelock import FileLock

    from reader.core.store import analyses

    later, before, article_id = libraries
    fresh = tmp_path / "fresh"
    shutil.copytree(later, fresh)
    monkeypatch.setattr(analyses, "DERIVED_WAIT", 0.1)
    argv = ["show", article_id, "--json"]
    holder = FileLock(fresh / ".lock")
    holder.acquire()
    try:
        shown = run_json(capsys, fresh, argv)
    finally:
        holder.release()
    assert without_times(shown) == without_times(run_json(capsys, before, argv)) and shown["quotes"]
    assert Library(fresh).unanalysed() == [article_id]
    assert without_times(run_json(capsys, fresh, argv)) == without_times(shown)
    assert Library(fresh).unanalysed() == []
