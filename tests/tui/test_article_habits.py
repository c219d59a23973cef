"""Reader habits on the article screen: o opens the page, u toggles read, n goes to the
next unread, z takes back any change made here; and the layout at narrow and wide sizes."""

from __future__ import annotations

import asyncio
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TextArea

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from reader.tui.widgets.article_panel import ArticlePanel
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, run


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER as a script that writes each address it is given to a file."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    return record


def add(library: Library, title: str, day: int, *, url: str | None = None, read: bool = False,
        paragraphs: list[str] | None = None) -> Article:
    article = Article.create(title, [Block("paragraph", p) for p in paragraphs or [f"{title} text."]], url=url)
    article.added = datetime(2025, 3, day, 12, 0, tzinfo=timezone.utc)
    added = library.add(article)[0]
    if read:
        library.update_article(added.id, read=True)
    return added


def meta(screen: Any) -> str:
    return str(screen.query_one("#meta", Static).visual)


async def opened(app: Any, pilot: Any) -> ArticleScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def test_o_opens_the_articles_page_and_says_so_when_it_has_none(
    library: Library, make_app: MakeApp, browser: Path
) -> None:
    add(library, "With a page", 2, url="https://example.org/page?id=7")
    add(library, "From a file", 1)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            await pilot.press("o")
            await app.workers.wait_for_complete()
            assert browser.read_text().splitlines() == ["https://example.org/page?id=7"]
            await pilot.press("right_square_bracket", "o")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.article.title == "From a file"
            assert browser.read_text().splitlines() == ["https://example.org/page?id=7"]
            assert any("no address" in n.message for n in app._notifications)  # noqa: SLF001

    run(scenario())



def test_o_on_the_library_opens_the_highlighted_articles_page(library: Library, make_app: MakeApp, browser: Path) -> None:
    """A newsboat user's o on the list did nothing: it opens the highlighted article's page."""
    add(library, "With a page", 2, url="https://example.org/page?id=7")
    add(library, "From a file", 1)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("o")
            await app.workers.wait_for_complete()
            assert browser.read_text().splitlines() == ["https://example.org/page?id=7"]
            await pilot.press("j", "o")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert browser.read_text().splitlines() == ["https://example.org/page?id=7"]
            assert any("no address" in n.message for n in app._notifications)  # noqa: SLF001
            assert not isinstance(app.screen, ArticleScreen)  # the list stays

    run(scenario())

def test_n_reads_the_next_unread_of_the_list_and_N_the_one_before(library: Library, make_app: MakeApp) -> None:
    first = add(library, "First", 5)
    add(library, "Second, read", 4, read=True)
    third = add(library, "Third", 3)
    add(library, "Fourth, read", 2, read=True)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            assert screen.article.id == first.id
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is screen and screen.article.id == third.id  # the read one passed over
            assert [str(v.visual) for v in screen.query(BlockView)] == ["Third text."]
            await pilot.press("n")
            await pilot.pause()
            assert screen.article.id == third.id  # none after it, nor before (First was read by opening it)
            assert any("No other unread article" in n.message for n in app._notifications)  # noqa: SLF001
            library.update_article(first.id, read=False)
            await pilot.press("N")
            await pilot.pause()
            assert screen.article.id == first.id
            library.update_article(third.id, read=False)
            await pilot.press("N")  # nothing before First: round from the end of the list
            await pilot.pause()
            assert screen.article.id == third.id
            assert any("From the end of the list" in n.message for n in app._notifications)  # noqa: SLF001

    run(scenario())


def test_z_takes_back_the_last_change_and_a_second_z_redoes_a_note_change(library: Library, make_app: MakeApp) -> None:
    article = add(library, "Talks", 1, paragraphs=["Marco Rubio said the talks had stalled."])
    library.annotate(article.id, 0, 11, note="old note")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            await pilot.press("s", "u")
            await pilot.pause()
            state = library.article_state(article.id)
            assert state.starred and not state.read and "unread" in meta(screen)
            await pilot.press("z")  # only the last change: read again, the star stays
            await pilot.pause()
            state = library.article_state(article.id)
            assert state.read and state.starred and "unread" not in meta(screen)
            await pilot.press("z")  # one undo, not a walk back through the session
            await pilot.pause()
            assert library.article_state(article.id).starred and "★" in meta(screen)
            assert any(n.message == "Nothing to undo" for n in app._notifications)  # noqa: SLF001
            await pilot.press("t", *"ukraine", "enter")
            await pilot.pause()
            assert library.article_state(article.id).tags == ["ukraine"]
            await pilot.press("z")
            await pilot.pause()
            assert library.article_state(article.id).tags == [] and "#ukraine" not in meta(screen)
            # A note edited in the editor, then taken back: the old words are on screen again;
            # a second z makes the edit again (a note's words are never lost to one z too many).
            await pilot.press("l", "e")  # the caret on the highlight, edit its note
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            editor.query_one(TextArea).text = "new note"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert [a.note for a in library.annotations(article.id)] == ["new note"]
            await pilot.press("z")
            await pilot.pause()
            assert [a.note for a in library.annotations(article.id)] == ["old note"]
            assert [a.note for a in screen.annotations] == ["old note"]
            await pilot.press("z")
            await pilot.pause()
            assert [a.note for a in screen.annotations] == ["new note"]
            # A note deleted, brought back by z, deleted again by a second z, back by a third.
            await pilot.press("d")
            await pilot.pause()
            assert library.annotations(article.id) == [] and screen.annotations == []
            await pilot.press("z")
            await pilot.pause()
            assert [a.note for a in screen.annotations] == ["new note"]
            await pilot.press("z")
            await pilot.pause()
            assert screen.annotations == []
            await pilot.press("z")
            await pilot.pause()
            assert [a.note for a in library.annotations(article.id)] == ["new note"]

    run(scenario())


def test_the_panel_starts_hidden_when_narrow_and_the_text_keeps_a_readable_width(
    library: Library, make_app: MakeApp
) -> None:
    add(library, "Wide", 1, paragraphs=["A long line of text that goes on and on. " * 8])

    async def at(size: tuple[int, int]) -> tuple[bool, int]:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            screen = await opened(app, pilot)
            panel = screen.query_one(ArticlePanel)
            shown = panel.display
            if not shown:
                await pilot.press("p")  # the toggle still shows it
                await pilot.pause()
                assert panel.display
            return shown, screen.query_one(BlockView).size.width

    narrow_panel, _ = asyncio.run(at((90, 30)))
    wide_panel, wide_text = asyncio.run(at((220, 40)))
    assert not narrow_panel and wide_panel
    assert wide_text == 80  # a comfortable line, however wide the terminal


def test_an_article_whose_text_was_changed_on_disk_opens_with_a_warning(library: Library, make_app: MakeApp) -> None:
    """The text is shown as it is now, and a toast says the file differs from the copy reader
    wrote and what restores it; the next article, read in the same screen, is checked too."""
    first = add(library, "First", 5, paragraphs=["The higher education bill passed."])
    second = add(library, "Second", 4, paragraphs=["Ministers met on Monday."])
    for article, word, typo in ((first, "education", "educxxion"), (second, "Monday", "Mxxday")):
        body = library.layout.body(article.id)
        body.write_text(body.read_text(encoding="utf-8").replace(word, typo), encoding="utf-8")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            assert [str(v.visual) for v in screen.query(BlockView)] == ["The higher educxxion bill passed."]
            warnings = [n for n in app._notifications if n.severity == "warning"]  # noqa: SLF001
            assert len(warnings) == 1 and f"{first.id}.json: differs from its backup copy" in warnings[0].message
            assert "reader doctor" in warnings[0].message
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert screen.article.id == second.id
            assert any(f"{second.id}.json: differs" in n.message for n in app._notifications)  # noqa: SLF001
            await pilot.press("escape")
            await pilot.pause()
            assert not [n for n in app._notifications if n.severity == "error"]  # noqa: SLF001 - said once, not again

    run(scenario())
