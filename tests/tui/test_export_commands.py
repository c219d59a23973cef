"""The palette's export commands: the current article's notes, or all, as Markdown files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette

from reader.core.store import Library
from reader.tui.commands.export import EXPORT_DIR_VARIABLE, export_dir
from reader.tui.screens.article import ArticleScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "exported"
    monkeypatch.setenv(EXPORT_DIR_VARIABLE, str(folder))
    return folder


async def run_command(app: Any, pilot: Any, query: str, title: str) -> None:
    """Open the palette, type `query`, check the first hit is `title`, and run it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette gathers hits in a worker
    await pilot.pause()
    commands = app.screen.query_one(CommandList)
    first = str(commands.get_option_at_index(0).prompt).split("\n")[0]
    assert title in first, first
    await pilot.press("enter")
    await pilot.pause()
    if isinstance(app.screen, CommandPalette):  # the first enter only picked the hit
        await pilot.press("enter")
        await pilot.pause()
    assert not isinstance(app.screen, CommandPalette)


def test_export_this_article_from_the_palette(
    library: Library, make_article: MakeArticle, make_app: MakeApp, out: Path
) -> None:
    article = make_article("Talks in Riyadh", ["Marco Rubio met ministers in Kyiv."])
    make_article("Other", ["Nothing to see."])
    library.annotate(article.id, 0, 11, note="Who *he* is", tags=["people"])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = ArticleScreen(app.library, app.library.article(article.id))
            await app.push_screen(screen)
            await pilot.pause()
            await run_command(app, pilot, "export this", "Export this article's notes")
            assert app.screen is screen
            (path,) = out.glob("*.md")
            assert path.name.startswith("talks-in-riyadh-")
            text = path.read_text(encoding="utf-8")
            assert "> Marco Rubio" in text and "Who *he* is" in text and "#people" in text
            assert any(str(path) in str(n.message) for n in app._notifications)  # noqa: SLF001

    run(scenario())


def test_export_all_notes_from_the_palette(
    library: Library, make_article: MakeArticle, make_app: MakeApp, out: Path
) -> None:
    first = make_article("First", ["One passage here."])
    second = make_article("Second", ["Another passage there."])
    make_article("Third, without notes", ["Quiet."])
    library.annotate(first.id, 0, 3)
    library.annotate(second.id, 0, 7, note="why")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await run_command(app, pilot, "export all", "Export all notes")
            names = sorted(p.name for p in out.glob("*.md"))
            assert [n.rsplit("-", 1)[0] for n in names] == ["first", "second"]
            assert any(str(out) in str(n.message) for n in app._notifications)  # noqa: SLF001

    run(scenario())


def test_the_export_folder_is_the_setting_then_the_variable_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Chosen:
        export_dir = str(tmp_path / "chosen")

    monkeypatch.setenv(EXPORT_DIR_VARIABLE, str(tmp_path / "variable"))
    assert export_dir(Chosen()) == tmp_path / "chosen"
    assert export_dir(object()) == tmp_path / "variable"
    monkeypatch.delenv(EXPORT_DIR_VARIABLE)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert export_dir(None) == tmp_path / "reader-export"
