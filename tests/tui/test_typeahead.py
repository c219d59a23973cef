"""Keys typed ahead, faster than the app answers them (a fast typist, a busy machine, tmux
send-keys), each go where the keys before them led: none lost, none to a screen just left."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def typed_at_once(app, *keys: tuple[str, str]) -> None:
    """Every key read by the app before the first is answered, as a terminal delivers them."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def until(pilot, condition) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)


def test_leaving_an_article_and_filtering_in_one_breath(make_article: MakeArticle, make_app: MakeApp) -> None:
    """`q` `/` `j` `k` sent together: the filter opened empty, j and k went to the article
    being left. Now the filter holds "jk" (typed, not taken as the list's keys)."""
    make_article("Telescope", ["The telescope saw the first galaxies."])
    make_article("Budget", ["The council agreed its budget."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ArticleScreen))
            typed_at_once(app, ("q", "q"), ("slash", "/"), ("j", "j"), ("k", "k"))
            await until(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "jk")
            assert isinstance(app.screen, LibraryScreen)
            assert isinstance(app.focused, Input) and app.focused.id == "filter" and app.focused.value == "jk"

    run(scenario())

