"""What the app remembers between runs: read back as written, defaults for anything odd."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings


def test_the_theme_and_compact_rows_are_read_back(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(theme="reader-light", compact=True))
    assert load_settings(tmp_path) == Settings(theme="reader-light", compact=True)


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"theme": 3, "compact": "yes"}'])
def test_an_odd_file_means_the_defaults(tmp_path: Path, text: str) -> None:
    (tmp_path / SETTINGS_FILE).write_text(text, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_an_older_file_without_compact_keeps_its_theme(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text('{"theme": "reader-dark"}', encoding="utf-8")
    assert load_settings(tmp_path) == Settings(theme="reader-dark", compact=False)
