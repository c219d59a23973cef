"""`reader add FOLDER` says what it skipped: a folder holding only feed files printed
"0 added, 0 already in the library" and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

RSS = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Local</title></channel></rss>'


def test_a_folder_s_feed_files_are_named_as_skipped_with_how_to_subscribe(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "local.rss").write_text(RSS)
    (folder / "copy.xml").write_text(RSS)
    (folder / ".hidden.rss").write_text(RSS)  # hidden entries are not the user's: not counted
    (folder / "story.txt").write_text("A headline\n\nThe harbour wall was repaired on Monday by the council.\n")
    assert main(["--home", str(tmp_path / "lib"), "add", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == "1 added, 0 already in the library"
    assert out[-1] == ("2 files in the folders skipped (.rss, .xml: reader reads .txt, .md and .html); "
                       "a feed or OPML file is subscribed with `reader feed add FILE`")


def test_a_folder_of_articles_only_says_nothing_more(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "story.md").write_text("# A headline\n\nThe harbour wall was repaired on Monday by the council.\n")
    assert main(["--home", str(tmp_path / "lib"), "add", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 added, 0 already in the library"
