"""The library's side panel with more rows than fit (9 feeds, 7 tags) at 80x24, as a new
user saw it: each entry's count stays on its row, at every size and after resizes."""

from __future__ import annotations

from reader.core.model import Feed
from reader.core.store import Library
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import MakeApp, MakeArticle, run

TAGS = ["news", "cinema", "books", "art", "tech", "economy", "india"]


def sidebar_lines(app: object) -> list[str]:
    """The side panel's lines as drawn on screen."""
    sidebar = app.screen.query_one(LibrarySidebar)  # type: ignore[attr-defined]
    return [sidebar.render_line(y).text for y in range(sidebar.size.height)]


def assert_counts_on_their_rows(app: object) -> None:
    lines = [line.rstrip("▕▏▂▁ █▔▇▆▅▄▃┃│") .strip() for line in sidebar_lines(app)]
    assert any(line.startswith("▸ All") and line.endswith("8") for line in lines), lines
    for line in lines:
        assert not line.isdigit(), f"a count on a line of its own: {lines}"
    assert "unread" not in lines, lines


def test_side_panel_counts_stay_on_their_rows_at_80x24_and_after_resizes(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    for i in range(8):
        article = make_article(f"Story {i}", [f"Body {i}."])
        library.tag_article(article.id, add=[TAGS[i % len(TAGS)]])
    for i in range(9):
        library.subscribe(Feed.create(f"file:///feeds/{i}.rss", title=f"Local Feed Number {i}"))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("p")  # below 100 columns the panel starts hidden
            await pilot.pause()
            assert_counts_on_their_rows(app)
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert_counts_on_their_rows(app)
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert_counts_on_their_rows(app)
            await pilot.press("p", "p")  # hidden and shown again: the panel stays as chosen
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert_counts_on_their_rows(app)
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert_counts_on_their_rows(app)

    run(scenario())
