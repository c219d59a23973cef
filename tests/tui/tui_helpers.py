"""Helpers shared by the TUI tests (a plain module: pytest has no async plugin here)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from textual.app import App

from reader.core.model import Article
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.bars import TitleBar

SIZE = (120, 40)
MakeArticle = Callable[..., Article]
MakeApp = Callable[[], ReaderApp]


def run(scenario: Coroutine[Any, Any, None]) -> None:
    """Run one Pilot scenario to the end."""
    asyncio.run(scenario)


def header_text(app: App[Any]) -> str:
    return str(app.screen.query_one(TitleBar).heading())


def row_texts(app: App[Any]) -> list[str]:
    articles = app.screen.query_one(ArticleList)
    return [str(articles.get_option_at_index(i).prompt) for i in range(articles.option_count)]


async def drag(pilot: Any, start: tuple[Any, tuple[int, int]], end: tuple[Any, tuple[int, int]]) -> None:
    """Press the mouse on (widget, offset), move to the other and let go: a text selection."""
    (first, down), (last, up) = start, end
    await pilot.mouse_down(first, offset=down)
    await pilot.hover(last, offset=up)
    await pilot.mouse_up(last, offset=up)
    await pilot.pause()
