"""Refreshing feeds from the app: a background thread worker, then the list shows the new articles."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Feed
from reader.core.store import Library
from tui_helpers import SIZE, MakeApp, row_texts, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def serve(server, path: str, name: str) -> str:
    body = (FIXTURES / name).read_bytes().replace(b"{BASE}", server.base.encode())
    return server.add(path, body, content_type="application/xml")


async def refreshed(pilot) -> None:
    """R pressed on the library, and the refresh's workers done and drawn."""
    await pilot.press("R")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_refresh_feeds_runs_in_the_background_and_the_list_shows_the_new_articles(
    http_server, library: Library, make_app: MakeApp, monkeypatch
) -> None:
    import threading

    import reader.tui.state.feeds as tui_feeds

    threads = []
    shown = []
    real = tui_feeds.refresh_feeds

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        progress = kwargs["progress"]

        def noting(done, total, what):
            progress(done, total, what)
            shown.append((done, total))

        return real(*args, **{**kwargs, "progress": noting})

    monkeypatch.setattr(tui_feeds, "refresh_feeds", recording)
    library.subscribe(Feed.create(serve(http_server, "/rdf.xml", "rdf.xml"), tags=["birds"]))
    library.subscribe(Feed.create(serve(http_server, "/atom.xml", "atom.xml")))
    library.subscribe(Feed.create(http_server.url("/dead.xml"), title="Dead feed"))  # 404
    http_server.add("/tidewater/ferry", "<html><body><article><p>" + "The ferry leaves earlier. " * 30 + "</p></article></body></html>")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Winter birds" not in " ".join(row_texts(app))  # the seed articles only
            await refreshed(pilot)
            await pilot.pause()
            rows = " ".join(row_texts(app))
            for title in ("Winter birds return to the mudflats", "Tides and the new sea wall", "Ferry timetable changes"):
                assert title in rows
            messages = [n.message for n in app._notifications]
            assert any("3 new articles from 3 feeds; 1 failed" in m for m in messages)
            assert any("404" in m for m in messages)
            assert not app.screen.sub_title.startswith("Refreshing")

    run(scenario())
    assert len(threads) == 1 and threads[0] is not threading.main_thread()  # a thread worker
    assert sorted(shown) == [(0, 1), (0, 2), (1, 1), (1, 2), (2, 2)]  # entries per feed, shown in the sub-title
    birds = next(a for a in library.articles() if a.title.startswith("Winter birds"))
    assert birds.tags == ["birds"] and birds.feed is not None


def test_refresh_feeds_is_in_the_command_palette_by_its_id(library: Library, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            ids = {b.id for _, b, *_ in app.screen.active_bindings.values() if b.id}
            assert "library.refresh_feeds" in ids
            await pilot.press("R")  # no feeds: says so, starts nothing
            await pilot.pause()
            assert not [w for w in app.workers if w.group == "feeds"]
            assert any("No feeds yet" in n.message for n in app._notifications)

    run(scenario())


def test_feeds_that_fail_alike_are_one_toast(http_server, library: Library, make_app: MakeApp) -> None:
    """Offline, every feed fails for one reason: one toast says it and how many feeds, as
    `reader refresh` prints one line (a new user saw a toast per feed)."""
    for name in ("north", "south", "east", "west"):
        library.subscribe(Feed.create(http_server.url(f"/{name}.xml"), title=f"{name.title()} news"))  # 404 each

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await refreshed(pilot)
            failed = [n for n in app._notifications if n.severity == "error"]  # noqa: SLF001
            assert len(failed) == 1 and failed[0].title == "4 feeds"
            assert "4 feeds failed" in failed[0].message and "North news" in failed[0].message

    run(scenario())



def test_a_feed_whose_refresh_failed_is_marked_in_the_side_panel_and_says_why(
        http_server, library: Library, make_app: MakeApp) -> None:
    """A newsboat user's dead feed showed "Gone 0" like a healthy empty one once the toast had gone."""
    library.subscribe(Feed.create(http_server.url("/gone.xml"), title="Gone"))  # 404

    async def scenario() -> None:
        from reader.tui.widgets.library_sidebar import LibrarySidebar

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await refreshed(pilot)
            sidebar = app.screen.query_one(LibrarySidebar)
            rows = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
            assert any(row.strip().startswith("! Gone") for row in rows), rows
            await pilot.press("v", "G", "enter")  # to the side panel, its last row (the feed), chosen
            await pilot.pause()
            assert sidebar.current in sidebar.feeds
            assert "last refresh failed: HTTP 404" in app.screen.sub_title

    run(scenario())


def test_what_reader_refresh_warns_of_the_app_says_too(http_server, library: Library, make_app: MakeApp) -> None:
    """An entry imported with its title only (no text, no link): the CLI says so, and the
    app said nothing but "4 new articles"."""
    library.subscribe(Feed.create(serve(http_server, "/notices.xml", "linkless.xml")))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await refreshed(pilot)
            warned = [n for n in app._notifications if n.severity == "warning"]  # noqa: SLF001
            assert len(warned) == 1 and "imported its title only" in warned[0].message

    run(scenario())
