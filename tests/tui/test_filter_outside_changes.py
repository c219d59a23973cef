"""Articles another process adds while the app is open: listed, and found by the `/` filter."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main
from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.note_results import NoteResults
from tui_helpers import SIZE, MakeApp, header_text, run


def test_the_filter_finds_an_article_reader_add_stored_while_the_app_was_open(
    library: Library, make_app: MakeApp, tmp_path: Path
) -> None:
    library.add(Article.create("Budget talks stall", [Block("paragraph", "Ministers met on Monday.")], source="Wire"))
    page = tmp_path / "tsar.txt"
    page.write_text("England children's tsar appointed\n\nThe new tsar starts work in March, ministers said.\n")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"tsar")
            await app.search.wait()
            await pilot.pause()
            articles = app.screen.query_one(ArticleList)
            assert articles.shown_ids == [] and "0 of 1" in header_text(app)

            assert main(["--home", str(library.home), "add", str(page)]) == 0  # the user's shell, meanwhile
            await pilot.pause(2.5)  # the list looks for other processes' changes every 2 s
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "1 of 2" in header_text(app)
            shown = [articles.get_option(i).prompt for i in articles.shown_ids]
            assert [str(p).split("\n")[0] for p in shown] == ["England children's tsar appointed"]

    run(scenario())


def test_a_note_another_process_keeps_is_counted_in_the_open_list(library: Library, make_app: MakeApp) -> None:
    """Notes change no article entry: the list looks at the notes' folder too (a note kept
    with `reader note`, or a notes file `reader doctor --restore` put back)."""
    article = library.add(Article.create("Budget talks stall", [Block("paragraph", "Ministers met on Monday.")],
                                         source="Wire"))[0]

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            articles = app.screen.query_one(ArticleList)
            assert "note" not in str(articles.get_option(articles.shown_ids[0]).prompt)
            assert main(["--home", str(library.home), "note", article.id, "--quote", "Ministers met"]) == 0
            await pilot.pause(2.5)  # the list looks for other processes' changes every 2 s
            await pilot.pause()
            assert "1 note" in str(articles.get_option(articles.shown_ids[0]).prompt)

    run(scenario())


def test_the_open_notes_screen_finds_a_note_reader_note_kept_meanwhile(library: Library, make_app: MakeApp) -> None:
    """A query typed before the note existed finds it once another process keeps it, without
    leaving the screen (a new user searched "UCU" and was told "No notes match.")."""
    article = library.add(Article.create("Lecturers strike", [Block("paragraph", "The UCU union called the strike.")],
                                         source="Wire"))[0]

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+f")
            await app.search.wait()
            await pilot.pause()
            await pilot.press(*"union")
            await pilot.pause()
            assert "No notes" in str(app.screen.query_one("#status").content)

            assert main(["--home", str(library.home), "note", article.id, "--quote", "UCU union"]) == 0
            await pilot.pause(2.5)  # the screen looks for other processes' changes every 2 s
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert str(app.screen.query_one("#status").content) == "1 note"
            assert [hit.quote for hit in app.screen.query_one(NoteResults).hits] == ["UCU union"]

    run(scenario())
