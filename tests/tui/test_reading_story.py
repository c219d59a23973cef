"""A reader's whole path, by keyboard: from the list into an article, a passage chosen
with the caret, annotated in Markdown with a tag, found again in Notes, and the
article's page opened in the browser."""

from __future__ import annotations

import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.notes import NotesScreen
from tui_helpers import SIZE, MakeApp, run

URL = "https://example.org/harbour-plan"
PARAGRAPHS = [
    "The council met on Tuesday to discuss the town's transport plan.",
    "Fares will fall next year. Two new bus lines will open in the spring.",
    "The harbour has waited decades for a ferry. The mayor said the ferry would run by May. "
    "Critics were not convinced.",
]
PASSAGE = "The mayor said the ferry would run by May."


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER as a script that writes each address it is given to a file."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    return record


def add(library: Library, title: str, paragraphs: list[str], day: int, url: str | None = None) -> Article:
    article = Article.create(title, [Block("paragraph", p) for p in paragraphs], url=url)
    article.added = datetime(2025, 3, day, 12, 0, tzinfo=timezone.utc)
    return library.add(article)[0]


def test_from_the_list_to_a_note_found_in_notes_and_the_page_opened(
    library: Library, make_app: MakeApp, browser: Path
) -> None:
    add(library, "Newest: the weather", ["Rain all week."], day=3)
    article = add(library, "The harbour plan", PARAGRAPHS, day=2, url=URL)
    passage_start = article.text.index(PASSAGE)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # j moves down the list where the library has it (else the arrow)
            down = "j" if "j" in app.screen.active_bindings else "down"
            await pilot.press(down, "enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.article.id == article.id
            reading = screen.reading
            assert reading.caret is None

            # The caret: shown at the top, a paragraph at a time to the third, a sentence on.
            await pilot.press("l")
            assert reading.caret == 0
            await pilot.press("right_curly_bracket", "right_curly_bracket", "right_parenthesis")
            assert reading.caret == passage_start
            assert reading.selected_range() is None  # moving never selects

            # v selects from the caret; ) extends to the sentence's end; the key bar says what keeps it.
            await pilot.press("v", "right_parenthesis")
            await pilot.pause()
            assert reading.selected_range() == (passage_start, passage_start + len(PASSAGE))
            await pilot.press("a")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            await pilot.press(*"The **ferry** is promised", "tab", *"ferries", "ctrl+s")
            await pilot.pause()
            assert app.screen is screen and reading.selected_range() is None
            (note,) = library.annotations(article.id)
            assert (note.quote, note.note, note.tags) == (PASSAGE, "The **ferry** is promised", ["ferries"])

            # Found again in Notes (ctrl+f), and Enter goes back to the passage, selected.
            await pilot.press("ctrl+f")
            await pilot.pause()
            await app.search.wait()
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            app.screen.query_one("#query", Input).value = "ferry"
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.pause()
            back = app.screen
            assert isinstance(back, ArticleScreen) and back.article.id == article.id
            assert back.reading.selected_range() == (passage_start, passage_start + len(PASSAGE))
            assert back.reading.caret == passage_start

            # o: the article's own page, in the browser $BROWSER names.
            await pilot.press("o")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert browser.read_text().splitlines() == [URL]

    run(scenario())
