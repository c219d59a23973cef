"""The command palette (ctrl+p) offers every key of the screen underneath, by what it does."""

from __future__ import annotations

from typing import Any

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Entity
from reader.core.store import Library
from reader.tui.commands.palette import screen_commands
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, MakeArticle, run


async def palette_prompts(app: Any, pilot: Any, query: str) -> list[str]:
    """Open the palette, type `query`, and return the commands it offers."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette gathers hits in a worker
    await pilot.pause()
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


def sort_label(app: Any) -> str:
    return str(app.screen.query_one("#sort").visual)


def test_the_palette_runs_a_library_command(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("One", ["First paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "newest" in sort_label(app)
            prompts = await palette_prompts(app, pilot, "sort")
            assert any("Sort" in p for p in prompts), prompts
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, CommandPalette):  # first enter only picked the hit
                await pilot.press("enter")
                await pilot.pause()
            assert not isinstance(app.screen, CommandPalette)
            assert "title" in sort_label(app)

    run(scenario())


def test_commands_cover_screen_and_app_keys_once_with_their_keys(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("One", ["First paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one("#filter", Input).focus()  # an Input eats "s" and "/", the palette doesn't
            await pilot.pause()
            commands = screen_commands(app.screen)
            titles = [c.title for c in commands]
            assert {"Filter", "Sort", "Views", "Clear filter", "Quit", "Help"} <= set(titles)
            assert len(titles) == len(set(titles))
            sort = next(c for c in commands if c.title == "Sort")
            assert "Sort by date" in sort.help and "s" in sort.help
            assert "Down" not in titles  # Textual's own cursor keys are not commands

    run(scenario())


def test_the_palette_toggles_entities_on_an_article(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article = make_article("Talks", ["Marco Rubio met ministers in Kyiv."])
    library.save_analysis(
        article.id,
        Analysis(
            ANALYZER_VERSION,
            (Entity(0, 11, "PER", "Marco Rubio", "Marco Rubio"), Entity(28, 32, "LOC", "Kyiv", "Kyiv")),
        ),
    )

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = ArticleScreen(app.library, app.library.article(article.id))
            await app.push_screen(screen)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.analysis is not None and screen.shown_layers.entities
            view = screen.query_one(BlockView)
            before = str(view.visual.spans)  # type: ignore[union-attr]
            prompts = await palette_prompts(app, pilot, "toggle entit")
            assert "Toggle entities" in prompts[0], prompts
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, CommandPalette):
                await pilot.press("enter")
                await pilot.pause()
            assert app.screen is screen
            assert not screen.shown_layers.entities
            assert str(view.visual.spans) != before  # type: ignore[union-attr]

    run(scenario())
