"""Columns of the CLI's plain output line up by terminal cells: a Chinese, Japanese or emoji
title takes two cells a character, and the column after it still starts in one place."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.cli import main
from reader.cli.output import clip, column
from reader.core.model import Article, Block, Feed
from reader.core.store import Library

TITLES = {
    "Plain": "Buses run late again",
    "Chinese": "北京地铁新线路今天开通",
    "Japanese": "東京の新しい地下鉄路線が開通しました、通勤が変わる長い長い長い長い長い見出し",  # over 60 cells
    "Emoji": "🎉 Festival season opens 🎉",
}


def out_of(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> list[str]:
    capsys.readouterr()
    assert main(["--home", str(home), *argv]) == 0
    return capsys.readouterr().out.splitlines()


def cells_before(line: str, part: str) -> int:
    """The screen column where `part` starts in `line`."""
    assert part in line, (part, line)
    return cell_len(line[: line.index(part)])


def test_ls_columns_line_up_after_cjk_and_emoji_titles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "lib"
    library = Library(home)
    for source, title in TITLES.items():
        library.add(Article.create(title, [Block("paragraph", f"Text of {source}.")], source=f"{source} Desk"))
    library.close()

    lines = out_of(capsys, home, "ls")
    assert len(lines) == len(TITLES)
    starts = {cells_before(line, "1 min · ") for line in lines}  # after a date slot, blank: these have none
    assert len(starts) == 1, lines  # the byline column starts in one place on every line
    assert len({cells_before(line, " note") for line in lines}) == 1, lines  # and so do the note counts
    (byline,) = starts
    long = next(line for line in lines if "Japanese Desk" in line)
    title_start = cells_before(long, "東京")
    cut = cell_len(long[: long.index("…") + 1]) - title_start  # the long title is cut, the cut marked
    assert 59 <= cut <= 60 and byline == title_start + 60 + 2 + 12  # after the title, a 10-cell date slot and 2 spaces


def test_feed_ls_columns_line_up_after_cjk_and_emoji_titles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "lib"
    library = Library(home)
    for name, title in TITLES.items():
        library.subscribe(Feed.create(f"https://example.org/{name}.xml", title=title))
    library.close()

    rows = [line for line in out_of(capsys, home, "feed", "ls") if not line.startswith(" ")]
    assert len(rows) == len(TITLES)
    assert len({cells_before(row, "0 articles") for row in rows}) == 1, rows
    assert len({cells_before(row, "never checked") for row in rows}) == 1, rows


def test_clip_and_column_count_cells() -> None:
    assert clip("東京の地下鉄", 6) == "東京…"  # no half character: 5 cells
    assert clip("東京の地下鉄", 7) == "東京の…" and cell_len(clip("東京の地下鉄", 7)) == 7
    assert column("東京の地下鉄", 6) == "東京… "
    assert column("🎉 go", 8) == "🎉 go   " and cell_len(column("🎉 go", 8)) == 8
    assert column("plain", 3) == "pl…"
