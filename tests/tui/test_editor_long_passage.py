"""The note editor over a long passage, as a new user met it at 80x24: the passage preview
says it is cut (an ellipsis and the length), and the README's how-to toast ("Move the caret
to where the passage starts, then v") is gone once its step is done, not left standing on
the article seen behind the editor."""

from __future__ import annotations

from textual.widgets import Static

from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from tui_helpers import MakeApp, MakeArticle, run

SENTENCE = "The talks in Riyadh went on through the night, and nobody said when they would end. "
LONG = (SENTENCE * 17).strip()


def toasts_on(screen: object) -> list[str]:
    """The toasts a screen draws (those of the screen under a modal show through it)."""
    return [str(toast.render()) for toast in screen.query("Toast")]  # type: ignore[attr-defined]


async def toasts_settled(pilot: object, screen: object) -> list[str]:
    """The screen's toasts once the rack has caught up with the app's notifications."""
    for _ in range(20):
        await pilot.pause()  # type: ignore[attr-defined]
    return toasts_on(screen)


def test_a_long_passage_shows_it_is_cut_and_the_how_to_toast_goes_once_done(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("Talks", [LONG, "A short second paragraph."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            article = app.screen
            assert isinstance(article, ArticleScreen)
            await pilot.press("v")  # places the caret: the README's how-to shows
            assert any("Move the caret" in text for text in await toasts_settled(pilot, article))
            await pilot.press("v")  # its step is done
            assert not any("Move the caret" in text for text in await toasts_settled(pilot, article))
            await pilot.press("}", "a")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            assert len(editor.draft.quote) == len(LONG) > 1000
            shown = str(editor.query_one("#quote", Static).render())
            assert shown.rstrip().endswith(f"… ({len(LONG):,} characters)"), shown
            assert not any("Move the caret" in text for text in await toasts_settled(pilot, article))
            await pilot.resize_terminal(120, 40)  # a taller box: more lines, still said to be cut
            await pilot.pause()
            await pilot.pause()
            taller = str(editor.query_one("#quote", Static).render())
            assert len(taller.splitlines()) > len(shown.splitlines()) and f"({len(LONG):,} characters)" in taller

    run(scenario())
