"""Orphaned notes in the app: the library's Orphans view, no highlight drawn for an orphan,
and the anchor state on the article's Notes tab."""

from __future__ import annotations

from textual.content import Content

from reader.core.model import Anchor
from reader.core.store import Library
from reader.tui.widgets.layers import highlight_style
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_panel import NoteList
from reader.tui.widgets.block import BlockView
from reader.tui.widgets.library_sidebar import LibrarySidebar
from reader.tui.widgets.panel_items import note_prompt
from tui_helpers import SIZE, MakeApp, MakeArticle, run

PARAS = ["Kept words stay highlighted here.", "Lost words whose place is gone now."]


def make_orphan(library: Library, make_article: MakeArticle):
    article = make_article("Story with an orphan", PARAS)
    make_article("A story without notes", ["Nothing to see."])
    text = library.article(article.id).text
    kept = library.annotate(article.id, 0, len("Kept words"), note="still here", color=1)
    start = text.index("Lost words")
    lost = library.annotate(article.id, start, start + len("Lost words"), note="gone", color=1)
    lost.anchor = Anchor("orphan", 0.0)
    library.add_annotations([lost])
    return article, kept, lost


def test_orphans_view_lists_the_article(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article, _, _ = make_orphan(library, make_article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            entries = {o.id: " ".join(str(o.prompt).split()) for o in sidebar.options}
            assert list(entries)[:5] == ["all", "unread", "starred", "annotated", "orphans"]
            assert entries["orphans"] == "Orphans 1"
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index("orphans")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one(ArticleList).shown_ids == [article.id]

    run(scenario())


def test_no_orphans_entry_without_orphans(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Plain", ["Just text."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            assert "orphans" not in [o.id for o in sidebar.options]

    run(scenario())


def test_an_orphans_highlight_is_not_drawn(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article, kept, lost = make_orphan(library, make_article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = ArticleScreen(library, library.article(article.id))
            await app.push_screen(screen)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            highlighted = []
            for view in screen.query(BlockView):
                visual = view.visual
                assert isinstance(visual, Content)
                highlighted += [visual.plain[s.start : s.end] for s in visual.spans if s.style == highlight_style(1)]
            assert highlighted == ["Kept words"]
            rows = [str(o.prompt) for o in screen.query_one(NoteList).options]
            assert any(r.endswith("gone · ORPHAN") for r in rows)
            assert any(r.endswith("still here") for r in rows)

    run(scenario())


def test_note_prompt_shows_the_state_when_not_exact(library: Library, make_article: MakeArticle) -> None:
    _, kept, lost = make_orphan(library, make_article)
    assert str(note_prompt(kept)).endswith("still here")
    assert str(note_prompt(lost)).endswith("gone · ORPHAN")
    kept.anchor = Anchor("fuzzy", 0.83)
    assert str(note_prompt(kept)).endswith("still here · fuzzy 0.83")
    kept.anchor = Anchor("moved", 1.0)
    assert str(note_prompt(kept)).endswith("still here · moved")
