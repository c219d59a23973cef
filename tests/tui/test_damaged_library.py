"""A notes file damaged behind the app's back: the library still opens with every article
listed, and says once which file it read without and what to do about it."""

from __future__ import annotations

from reader.core.store import Library

from tui_helpers import SIZE, MakeApp, MakeArticle, row_texts, run


def test_a_damaged_notes_file_leaves_the_list_whole_and_says_which_file(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    talks = make_article("Talks in Riyadh", ["The talks ended without a deal."])
    make_article("Tides and the sea wall", ["The new sea wall holds the tide."])
    library.annotate(talks.id, 4, 9, note="the talks")
    shard = library.layout.shard(talks.id)
    shard.write_bytes(shard.read_bytes()[:20])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            rows = " ".join(row_texts(app))
            assert "Talks in Riyadh" in rows and "Tides and the sea wall" in rows
            toasts = [str(n.message) for n in app._notifications]  # noqa: SLF001
            assert len(toasts) == 1, toasts
            assert str(shard) in toasts[0] and "notes are left out" in toasts[0] and "reader doctor" in toasts[0]
            await pilot.press("j", "k")  # reloading the list does not say it again
            app.screen.reload()
            await pilot.pause()
            assert len(app._notifications) == 1  # noqa: SLF001

    run(scenario())


def test_notes_says_a_damaged_notes_file_keeps_its_notes_out_not_that_there_are_none(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    from textual.widgets import Static

    from reader.tui.screens.notes import NotesScreen

    talks = make_article("Talks in Riyadh", ["The talks ended without a deal."])
    library.annotate(talks.id, 4, 9, note="the talks")
    shard = library.layout.shard(talks.id)
    shard.write_bytes(shard.read_bytes()[:20])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+f")
            await pilot.pause()
            await app.search.wait()
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            status = str(app.screen.query_one("#status", Static).render())
            assert "No notes yet" not in status
            assert "1 notes file could not be read" in status and "reader doctor" in status

    run(scenario())
