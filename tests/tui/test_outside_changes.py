"""The app and a `reader` command change one article at once: nothing either did is lost,
and the open article shows what the command did without being opened again."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Static

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.tags import TagsEditor
from reader.tui.widgets.article_panel import ArticlePanel

from tui_helpers import SIZE, MakeApp, MakeArticle, run

ROOT = Path(__file__).resolve().parents[2]
TEXT = "The talks in Riyadh ended without a deal. Both sides said they would meet again."


def cli(home: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reader", "--home", str(home), *args], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_cli_tag_and_note_made_while_the_app_edits_tags_are_kept_and_shown(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [TEXT])
    library.tag_article(article.id, add=["old"])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TagsEditor)
            # Meanwhile, a script tags the article and keeps a passage.
            await asyncio.to_thread(cli, library.home, "tag", article.id, "from-cli")
            await asyncio.to_thread(cli, library.home, "note", article.id, "--quote", "without a deal", "--note", "from the cli")
            await pilot.press("end", *["backspace"] * 8, *"mine", "enter")  # the user: old out, mine in
            await pilot.pause()
            assert app.screen is screen
            for _ in range(40):  # the screen looks for outside changes once a second
                if any(a.note == "from the cli" for a in screen.query_one(ArticlePanel).annotations):
                    break
                await pilot.pause(0.1)
            assert [a.note for a in screen.query_one(ArticlePanel).annotations] == ["from the cli"]
            meta = str(screen.query_one("#meta", Static).visual)
            assert "#from-cli" in meta and "#mine" in meta and "#old" not in meta

    run(scenario())
    assert sorted(Library(library.home).article(article.id).tags) == ["from-cli", "mine"]
