"""Layers over an article's text: entities by type, quotes, the user's highlights.

The analysis arrives from a thread worker after the text is on screen; the layers are
spans over the block's own characters, so offsets (and mouse selections) are unchanged.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from textual.color import Color
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from textual.widgets import Static

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Block, Entity, Quote
from reader.core.store import Library
from reader.tui.app import ReaderApp
from reader.tui.widgets.layers import ENTITY_STYLES, QUOTE_STYLE, Layers, block_content, block_tooltip, highlight_style
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, MakeArticle, run

HOSTILE = "[bold]Marco Rubio[/] said [@click=app.quit]x[/] and \x1b]52;c;aGVsbG8=\x07 \"[/]\" in Kyiv."


def content(view: BlockView) -> Content:
    visual = view.visual
    assert isinstance(visual, Content)
    return visual


def styled(view: BlockView, style: str) -> list[str]:
    """The texts under spans with exactly this style string."""
    text = content(view).plain
    return [text[s.start : s.end] for s in content(view).spans if s.style == style]


def clicks(view: BlockView) -> list[tuple[str, str]]:
    c = content(view)
    return [
        (c.plain[s.start : s.end], s.style.meta["@click"])
        for s in c.spans
        if not isinstance(s.style, str) and "@click" in s.style.meta
    ]


def drawn(widget: Widget) -> str:
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text.rstrip() for strip in strips)


def colour_of(widget: Widget, word: str) -> Any:
    """The foreground colour the widget draws `word` in (first occurrence)."""
    for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
        x = strip.text.find(word)
        if x < 0:
            continue
        for segment in strip.crop(x, x + len(word)):
            return segment.style.color if segment.style else None
    raise AssertionError(f"{word!r} is not drawn")


async def open_article(app: ReaderApp, pilot: Any, article_id: str) -> ArticleScreen:
    await pilot.pause()
    screen = ArticleScreen(app.library, app.library.article(article_id))
    await app.push_screen(screen)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.analysis is not None
    return screen


def view_with(screen: ArticleScreen, text: str) -> BlockView:
    return next(v for v in screen.query(BlockView) if text in v.block.text)


def seed_with_rubio(library: Library) -> Article:
    from reader.core.seeds import import_seeds_if_empty

    import_seeds_if_empty(library)
    return next(
        a for a in library.articles() if "premature" in a.title and "Marco Rubio" in library.article(a.id).text
    )


def test_a_seed_article_gets_entities_quotes_and_highlights(library: Library, make_app: MakeApp) -> None:
    article = library.article(seed_with_rubio(library).id)
    text = article.text
    said = "I think you have to make more progress"
    start = text.index(said)
    library.annotate(article.id, start, start + len(said), color=3, note="progress?")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot, article.id)
            rubio = view_with(screen, "Secretary of State Marco Rubio said")
            assert "Marco Rubio" in styled(rubio, ENTITY_STYLES["PER"])
            at = rubio.block.text.index("Marco Rubio")
            person = [(s.start, s.end) for s in content(rubio).spans if s.style == ENTITY_STYLES["PER"]]
            assert (at, at + len("Marco Rubio")) in person  # exactly those characters
            index = next(i for i, e in enumerate(screen.analysis.entities) if e.start == rubio.start + at)
            assert ("Marco Rubio", f"screen.show_entity({index})") in clicks(rubio)
            want = Color.parse(app.theme_variables["entity-person"]).rich_color
            assert colour_of(rubio, "Marco Rubio") == want
            # a block's text is unchanged by its layers
            assert content(rubio).plain == rubio.block.text

            quoted = view_with(screen, said)
            assert any(said in t for t in styled(quoted, QUOTE_STYLE))
            assert styled(quoted, highlight_style(3)) == [said]
            assert styled(quoted, "underline") == [said]  # the highlight has a note
            assert quoted.tooltip is not None and "— Marco Rubio" in str(quoted.tooltip)

            await pilot.press("E")
            assert screen.shown_layers == Layers(entities=False)
            assert styled(rubio, ENTITY_STYLES["PER"]) == [] and clicks(rubio) == []
            assert styled(quoted, highlight_style(3)) == [said]
            await pilot.press("E")
            assert "Marco Rubio" in styled(rubio, ENTITY_STYLES["PER"])
            assert colour_of(rubio, "Marco Rubio") == want

            await pilot.press("Q")
            assert styled(quoted, QUOTE_STYLE) == [] and quoted.tooltip is None
            await pilot.press("H")
            assert styled(quoted, highlight_style(3)) == []
            assert screen.shown_layers == Layers(quotes=False, highlights=False)

    run(scenario())


def test_clicking_an_entity_shows_that_mention_in_the_panel(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article = make_article("Talks", ["Marco Rubio met Marco Rubio in Kyiv."])
    library.save_analysis(
        article.id,
        Analysis(
            ANALYZER_VERSION,
            (
                Entity(0, 11, "PER", "Marco Rubio", "Marco Rubio"),
                Entity(16, 27, "PER", "Marco Rubio", "Marco Rubio"),
                Entity(31, 35, "LOC", "Kyiv", "Kyiv"),
            ),
        ),
    )

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot, article.id)
            view = screen.query_one(BlockView)
            assert clicks(view) == [
                ("Marco Rubio", "screen.show_entity(0)"),
                ("Marco Rubio", "screen.show_entity(1)"),
                ("Kyiv", "screen.show_entity(2)"),
            ]
            assert styled(view, ENTITY_STYLES["LOC"]) == ["Kyiv"]
            mention = screen.query_one("#panel-mention", Static)
            await pilot.click(view, offset=(32, 0))
            await pilot.pause()
            assert str(mention.visual) == "Kyiv: mention 1 of 1"
            await pilot.click(view, offset=(screen.text.rindex("Rubio"), 0))  # the second "Marco Rubio"
            await pilot.pause()
            assert str(mention.visual) == "Marco Rubio: mention 2 of 2"
            screen.action_show_entity(99)  # out of range: nothing happens
            await pilot.pause()
            assert str(mention.visual) == "Marco Rubio: mention 2 of 2"

    run(scenario())


def test_a_stored_analysis_is_drawn_with_the_text_without_a_worker(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", ["Marco Rubio met envoys in Kyiv."])
    kyiv = "Marco Rubio met envoys in Kyiv.".index("Kyiv")
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, (Entity(kyiv, kyiv + 4, "LOC", "Kyiv", "Kyiv"),)))
    stale = make_article("Older", ["Envoys met in Kyiv."])
    library.save_analysis(stale.id, Analysis(ANALYZER_VERSION - 1, (Entity(0, 6, "LOC", "Envoys", "Envoys"),)))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = ArticleScreen(app.library, app.library.article(article.id))
            await app.push_screen(screen)  # mounted: the layers are there, no thread was needed
            assert screen.analysis is not None and not [w for w in app.workers if w.group == "analysis"]
            assert styled(screen.query_one(BlockView), ENTITY_STYLES["LOC"]) == ["Kyiv"]
            # An analysis of another analyser version is not trusted: computed again in a thread.
            await app.pop_screen()
            older = ArticleScreen(app.library, app.library.article(stale.id))
            await app.push_screen(older)
            assert [w for w in app.workers if w.group == "analysis"]
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert older.analysis is not None and older.analysis.version == ANALYZER_VERSION

    run(scenario())


def test_hostile_text_with_entities_renders_literally(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article = make_article("Hostile", [HOSTILE])
    start = HOSTILE.index("Marco")
    kyiv = HOSTILE.index("Kyiv")
    quote = HOSTILE.index('"[/]"')
    library.save_analysis(
        article.id,
        Analysis(
            ANALYZER_VERSION,
            (
                Entity(start, start + 11, "PER", "Marco Rubio", "[@click=app.quit]Rubio')"),
                Entity(kyiv, kyiv + 4, "LOC", "Kyiv", "Kyiv"),
            ),
            (Quote(quote, quote + 5, "[/]", "[@click=app.quit]x[/]"),),
        ),
    )
    library.annotate(article.id, 0, 6, note="[/]")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot, article.id)
            view = screen.query_one(BlockView)
            shown = " ".join(drawn(view).split("\n"))
            assert shown.startswith("[bold]Marco Rubio[/] said [@click=app.quit]x[/] and \ufffd]52;c;aGVsbG8=\ufffd")
            assert '"[/]" in Kyiv.' in shown
            assert "\x1b" not in content(view).plain and len(content(view).plain) == len(HOSTILE)
            assert styled(view, ENTITY_STYLES["PER"]) == ["Marco Rubio"]
            assert [action for _, action in clicks(view)] == [
                "screen.show_entity(0)", "screen.show_entity(1)", "screen.edit_note(0)",
            ]
            assert styled(view, QUOTE_STYLE) == ['"[/]"']
            assert str(view.tooltip) == "“[/]” — [@click=app.quit]x[/]"
            screen.action_show_entity(0)
            await pilot.pause()
            assert str(screen.query_one("#panel-mention", Static).visual) == "[@click=app.quit]Rubio'): mention 1 of 1"
            assert app.is_running

    run(scenario())


def test_spans_are_clipped_to_the_block() -> None:
    text = "alpha beta"
    # article: "zero\n\nalpha beta\n\nomega"; this block starts at 6
    content = block_content(
        text,
        6,
        entities=(Entity(0, 4, "PER", "zero", "zero"), Entity(8, 14, "ORG", "pha be", "X")),
        quotes=(Quote(2, 9, "ro al", None),),
    )
    assert content.plain == text
    spans = [(s.start, s.end, s.style) for s in content.spans if isinstance(s.style, str)]
    assert spans == [(0, 3, QUOTE_STYLE), (2, 8, ENTITY_STYLES["ORG"])]
    assert block_content(text, 6, layers=Layers(False, False, False)).spans == []
    assert block_tooltip(text, 6, (Quote(6, 11, "alpha", "Ann"),)) is not None
    assert block_tooltip(text, 6, (Quote(6, 11, "alpha", "Ann", partial=True),)) is None


def test_article_with_layers_snapshot(snap_compare: Any, library: Library, make_app: MakeApp) -> None:
    paragraphs = [
        "Secretary of State Marco Rubio said on March 27 that it was premature to expect "
        "higher-level talks with Russia, AFP reported.",
        'Asked about the talks in Saudi Arabia, Rubio said: "I think you have to make more '
        'progress on a technical level."',
        'The U.S., Russia and Ukraine agreed to "eliminate the use of force" in the Black Sea.',
    ]
    article = Article.create("Rubio says talks are premature", [Block("paragraph", p) for p in paragraphs],
                             author="Ann Author", source="The Daily Test")
    article.added = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
    article.read = True
    library.add(article)
    text = article.text

    def at(word: str, after: int = 0) -> tuple[int, int]:
        start = text.index(word, after)
        return start, start + len(word)

    def entity(word: str, kind: str, name: str | None = None, after: int = 0) -> Entity:
        return Entity(*at(word, after), kind, word, name or word)  # type: ignore[arg-type]

    said = at('"I think you have to make more progress on a technical level."')
    force = at('"eliminate the use of force"')
    library.save_analysis(
        article.id,
        Analysis(
            ANALYZER_VERSION,
            (
                entity("Marco Rubio", "PER"),
                entity("March 27", "DATE"),
                entity("Russia", "LOC"),
                entity("AFP", "ORG"),
                entity("Saudi Arabia", "LOC"),
                entity("Rubio", "PER", "Marco Rubio", after=said[0] - 20),
                entity("U.S.", "LOC", "United States"),
                entity("Russia", "LOC", after=force[0] - 40),
                entity("Ukraine", "LOC"),
                entity("Black Sea", "MISC"),
            ),
            (
                Quote(*said, "I think you have to make more progress on a technical level.", "Marco Rubio"),
                Quote(*force, "eliminate the use of force", None, partial=True),
            ),
        ),
    )
    library.annotate(article.id, *at("premature to expect higher-level talks"), note="why?", color=2)

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.app.push_screen(ArticleScreen(library, library.article(article.id)))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_the_panel_lists_a_merged_name_under_the_name_it_joined(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    """A new user merged "Goldsmith" into "Peter Goldsmith" and the panel still listed
    "Goldsmith ×2" apart: the user's merges count in the panel as everywhere else."""
    text = "Peter Goldsmith wrote the advice. Goldsmith said so. Goldsmith left."
    article = make_article("Advice", [text])
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, (
        Entity(0, 15, "PER", "Peter Goldsmith", "Peter Goldsmith"),
        Entity(34, 43, "PER", "Goldsmith", "Goldsmith"),
        Entity(53, 62, "PER", "Goldsmith", "Goldsmith"),
    )))
    library.save_aliases({"Goldsmith": "Peter Goldsmith"})  # what `reader entity Goldsmith --merge-into ...` keeps

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot, article.id)
            entities = screen.query_one("#panel-entities")
            shown = [str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)]
            assert shown == ["People (1)", "  Peter Goldsmith ×3"]

    run(scenario())


def test_narrowing_the_terminal_hides_the_article_panel_unless_the_reader_chose(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    """A newsboat user at 60 columns found the panel taking 40 of them and the text wrapped at 16."""
    article = make_article("Talks", ["Marco Rubio met envoys in Kyiv."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_article(app, pilot, article.id)
            assert screen.panel.display
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert not screen.panel.display and app.focused is screen.reading
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert screen.panel.display
            await pilot.press("p")  # hidden by hand: a resize leaves it so
            await pilot.resize_terminal(110, 40)
            await pilot.pause()
            assert not screen.panel.display

    run(scenario())
