"""Feeds in the library's side panel, as a newsboat user uses them: each feed with its unread
count, chosen as a view, and `R` on one refreshing that feed only (elsewhere, every feed)."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Feed
from reader.core.store import Library
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import SIZE, MakeApp, header_text, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def serve(server, path: str, name: str) -> str:
    body = (FIXTURES / name).read_bytes().replace(b"{BASE}", server.base.encode())
    return server.add(path, body, content_type="application/xml")


def entries(app: object) -> list[str]:
    sidebar = app.screen.query_one(LibrarySidebar)  # type: ignore[attr-defined]
    return [" ".join(str(option.prompt).split()) for option in sidebar.options]


def titles(app: object) -> list[str]:
    rows = app.screen.query_one(ArticleList)  # type: ignore[attr-defined]
    return [str(rows.get_option(i).prompt).split("\n")[0] for i in rows.shown_ids]


def test_feeds_show_their_unread_counts_and_R_on_a_feed_refreshes_only_that_one(
    http_server, library: Library, make_app: MakeApp
) -> None:
    estuary = library.subscribe(Feed.create(serve(http_server, "/rdf.xml", "rdf.xml"), title="Estuary Weekly"))
    tidewater = library.subscribe(Feed.create(serve(http_server, "/atom.xml", "atom.xml"), title="Tidewater Notes"))
    http_server.add("/tidewater/ferry", "<html><body><article><p>" + "The ferry leaves earlier. " * 30 + "</p></article></body></html>")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = entries(app)
            under = shown[shown.index("Feeds unread") + 1 :][:2]  # in the order they were subscribed
            assert under == [f"{feed.title} 0" for feed in library.feeds()]
            assert sorted(under) == ["Estuary Weekly 0", "Tidewater Notes 0"]
            sidebar = app.screen.query_one(LibrarySidebar)
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index("feed:" + estuary.id)
            await pilot.press("R")  # the cursor is on Estuary Weekly: that feed only
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert [r.path for r in http_server.requests] == ["/rdf.xml"]
            assert "Estuary Weekly 1" in entries(app) and "Tidewater Notes 0" in entries(app)
            assert any("1 new article from Estuary Weekly" in n.message for n in app._notifications)

            await pilot.press("enter")  # choose the feed: its articles, as a view
            await pilot.pause()
            assert titles(app) == ["Winter birds return to the mudflats"]
            assert header_text(app) == "reader — 1 of 3 articles · Estuary Weekly"  # and the 2 seed articles

            sidebar.highlighted = sidebar.get_option_index("all")
            await pilot.press("R")  # not on a feed: every feed
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert sorted(r.path for r in http_server.requests if r.path.endswith(".xml")) == [
                "/atom.xml", "/rdf.xml", "/rdf.xml"]
            assert "Tidewater Notes 2" in entries(app)  # the counts follow the refresh
            assert titles(app) == ["Winter birds return to the mudflats"]  # still that feed's view

            app.screen.query_one(ArticleList).focus()
            await pilot.press("u")  # read one: the feed's unread count goes down
            await pilot.pause()
            assert "▸ Estuary Weekly 0" in entries(app)

    run(scenario())
    assert {a.feed for a in library.articles() if a.feed} == {estuary.id, tidewater.id}


def test_a_library_without_feeds_has_no_feeds_heading(make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Feeds unread" not in entries(app)

    run(scenario())
