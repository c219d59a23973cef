"""`?` on an article says what each key does where the focus is now: in the panel's list
j/k move its cursor (and the help says so, not "Scroll ↓"); with the caret shown, the
help's words say the caret is shown, not "No caret yet"."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Entity
from reader.core.store import Library
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_panel import EntityList
from tui_helpers import SIZE, MakeApp, MakeArticle, run

TEXT = "Rubio met Lavrov in Riyadh. Later Rubio said no. " + "The talks went on. " * 250


def help_rows(app: Any) -> dict[str, tuple[str, str]]:
    """binding id -> (key, what it does), as the help's table shows them."""
    table = app.screen.query_one(DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return {row[2]: (row[0], row[1]) for row in rows if row[2]}


def test_help_says_what_j_does_in_the_panel_and_whether_the_caret_is_shown(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [TEXT])
    names = [("Rubio", "PER", "Marco Rubio"), ("Lavrov", "PER", "Sergei Lavrov"), ("Riyadh", "LOC", "Riyadh")]
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(
        Entity(TEXT.index(surface), TEXT.index(surface) + len(surface), kind, surface, name)  # type: ignore[arg-type]
        for surface, kind, name in names)))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            await pilot.press("1")  # the Entities tab: the focus in its list
            await pilot.pause()
            entities = screen.query_one(EntityList)
            assert app.focused is entities
            first = entities.highlighted
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            rows = help_rows(app)
            assert rows["panel.row_down"] == ("j", "Row ↓") and rows["panel.row_up"][0] == "k"
            assert rows["panel.first_row"][0] == "g" and rows["panel.last_row"][0] == "G"
            assert "article.scroll_down" not in rows and "article.top" not in rows
            words = app.screen.underneath_help()
            assert words.startswith("The focus is in the panel") and "No caret yet" not in words
            await pilot.press("escape")
            await pilot.pause()
            top = screen.reading.scroll_y
            await pilot.press("j")  # does what the help said: the panel's cursor, not the text
            await pilot.pause()
            assert entities.highlighted not in (None, first) and screen.reading.scroll_y == top
            await pilot.press("escape", "l", "question_mark")  # back in the text, the caret shown
            await pilot.pause()
            assert screen.reading.caret is not None
            words = app.screen.underneath_help()
            assert words.startswith("The caret is shown") and "No caret yet" not in words
            rows = help_rows(app)
            assert rows["visual.line_down"][0] == "j" and "panel.row_down" not in rows
            await pilot.press("escape", "escape", "question_mark")  # the caret hidden
            await pilot.pause()
            assert app.screen.underneath_help().startswith("No caret yet")
            rows = help_rows(app)
            assert rows["article.scroll_down"] == ("j", "Scroll ↓") and "panel.row_down" not in rows

    run(scenario())
