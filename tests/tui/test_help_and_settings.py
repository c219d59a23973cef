"""`?` lists the keys, their ids in full when the screen allows; the chosen theme survives a restart."""

from __future__ import annotations

import asyncio
import io
import re

from rich.console import Console
from textual.widgets import DataTable

from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def test_help_lists_the_keys_of_the_screen_underneath(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("One", ["First paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one(DataTable)
            ids = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
            assert {"app.quit", "app.help", "library.open"} <= ids
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)

    run(scenario())


def test_j_k_g_and_G_move_through_the_help_and_its_last_key_comes_into_view(
    make_article: MakeArticle, make_app: MakeApp,
) -> None:
    make_article("One", ["First paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            await pilot.press("j", "j")
            assert table.cursor_row == 2
            await pilot.press("k")
            assert table.cursor_row == 1
            await pilot.press("G")
            await pilot.pause()
            assert table.cursor_row == table.row_count - 1
            box = table.parent  # taller than an 80x24 screen allows: the box scrolls to the last key
            assert box.max_scroll_y > 0 and box.scroll_y == box.max_scroll_y
            await pilot.press("g")
            await pilot.pause()
            assert table.cursor_row == 0 and box.scroll_y == 0

    run(scenario())


def test_f1_opens_the_help_where_question_mark_is_typed_text(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("One", ["First paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+f")  # Notes: the search box has the focus
            await pilot.pause()
            notes = app.screen
            await pilot.press("question_mark")
            assert app.screen is notes and notes.focused.value == "?"
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            await pilot.pause()
            assert app.screen is notes

    run(scenario())


def test_the_chosen_theme_is_remembered(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("One", ["First paragraph."])

    async def choose() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.theme = "reader-light"
            await pilot.pause()

    async def reopen() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "reader-light"

    run(choose())
    run(reopen())


def test_an_unreadable_settings_file_means_defaults(make_article: MakeArticle, make_app: MakeApp, config_dir) -> None:
    make_article("One", ["First paragraph."])
    (config_dir / "settings.json").write_text("{not json")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "reader-dark"

    run(scenario())


def screen_lines(app: ReaderApp) -> list[str]:
    """The terminal's lines as the user sees them (what `export_screenshot` draws, as text)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


async def drawn_help(pilot) -> tuple[list[tuple[str, str, str]], list[str]]:  # noqa: ANN001 - Pilot is generic
    """The help table's rows (as given) and the screen's lines, scrolled through the table page by page."""
    table = pilot.app.screen.query_one(DataTable)
    rows = [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
    lines: list[str] = []
    for top in range(0, table.virtual_size.height, max(table.size.height - 2, 1)):
        table.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        lines += screen_lines(pilot.app)
    return rows, lines


def test_help_shows_every_binding_id_in_full_at_120_and_80_columns(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    """The ids were cut off without a mark ("article.toggle_highligh"): the box now fits them."""
    make_article("One", ["First paragraph."])

    async def scenario(size: tuple[int, int]) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for keys in ((), ("enter",)):  # the library, then an article (the longest ids)
                await pilot.press(*keys, "question_mark")
                await pilot.pause()
                rows, lines = await drawn_help(pilot)
                ids = [row[2] for row in rows if row[2]]
                assert "app.help" in ids
                assert keys == () or "article.toggle_highlights" in ids
                for key, does, id_ in rows:
                    assert "…" not in key + does + id_
                    drawn = re.compile(re.escape(does) + r" +" + re.escape(id_) + r"(?![\w.…])")
                    assert any(drawn.search(line) for line in lines), (id_, lines)
                await pilot.press("escape")
                await pilot.pause()

    run(scenario(SIZE))
    run(scenario((80, 24)))


def test_a_help_too_wide_for_the_screen_cuts_descriptions_first_with_a_mark(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("One", ["First paragraph."])

    async def scenario(width: int) -> list[tuple[str, str, str]]:
        app = make_app()
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.press("enter", "question_mark")
            await pilot.pause()
            rows, lines = await drawn_help(pilot)
            for row in rows:  # what is drawn is what the rows hold: nothing else is cut
                drawn = re.compile(r" +".join(re.escape(cell) for cell in row if cell) + r"(?![\w.…])")
                assert any(drawn.search(line) for line in lines), (row, lines)
            return rows

    rows = asyncio.run(scenario(50))
    does = {row[2]: row[1] for row in rows}
    assert does["article.export"] == "Expor…" and "article.toggle_highlights" in does  # ids whole
    rows = asyncio.run(scenario(36))
    assert "article.tog…" in {row[2] for row in rows}  # too narrow for ids: cut, and marked
