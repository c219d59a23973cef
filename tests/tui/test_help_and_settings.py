"""`?` lists the keys; the chosen theme survives a restart."""

from __future__ import annotations

from textual.widgets import DataTable

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
