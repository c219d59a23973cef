"""Fixtures for the TUI tests: a temporary library and config, and articles made on the spot.

Nothing here touches the user's real library or config directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.app import ReaderApp
from tui_helpers import MakeApp, MakeArticle


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path / "home")
    yield lib
    lib.close()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    path = tmp_path / "config"
    path.mkdir()
    return path


@pytest.fixture
def make_article(library: Library) -> MakeArticle:
    """Add an article of paragraphs to the library, with a fixed `added` time."""

    def make(
        title: str,
        paragraphs: list[str],
        *,
        author: str | None = "Ann Author",
        source: str | None = "The Daily Test",
        published: date | None = None,
        added: datetime = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc),
        kinds: list[str] | None = None,
    ) -> Article:
        kinds = kinds or ["paragraph"] * len(paragraphs)
        blocks = [Block(kind, text) for kind, text in zip(kinds, paragraphs, strict=True)]  # type: ignore[arg-type]
        article = Article.create(title, blocks, author=author, source=source, published=published)
        article.added = added
        return library.add(article)[0]

    return make


@pytest.fixture
def make_app(library: Library, config_dir: Path) -> MakeApp:
    return lambda: ReaderApp(library, config_dir=config_dir, read_ahead=None)  # built when a test asks
