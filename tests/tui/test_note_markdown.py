"""Notes are drawn as Markdown wherever they show (issue 15): `**Rubio**` is bold, never
asterisks, and nothing a note says can style, link or act (reader/tui/widgets/note_text.py).
The stories read the drawn screen: each row's segments and their styles."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from reader.core.store import Library
from reader.tui.widgets.entity_rows import ItemList
from reader.tui.widgets.note_results import NoteResults
from reader.tui.widgets.note_text import note_content, note_preview
from reader.tui.widgets.panel_items import note_prompt
from test_entities_screen import analyse, open_page
from tui_helpers import SIZE, MakeApp, MakeArticle, run

NOTE = "**Rubio** said _no_ to `ports`, see [the map](https://example.org/map)\n- second line"


def styled(content: Content, words: str) -> list[str]:
    """The styles over exactly `words` in `content`."""
    start = content.plain.index(words)
    return [str(s.style) for s in content.spans if s.start <= start and s.end >= start + len(words)]


def drawn(widget: Any) -> list[tuple[str, Any]]:
    """Every segment the widget draws on screen now: (text, its Rich style)."""
    segments = []
    for y in range(widget.size.height):
        segments += [(segment.text, segment.style) for segment in widget.render_line(y)]
    return segments


def assert_bold_rubio(widget: Any) -> None:
    segments = drawn(widget)
    text = "".join(t for t, _ in segments)
    assert "Rubio" in text and "**" not in text, text
    rubio = [style for t, style in segments if t.strip() == "Rubio"]  # the note's word (the passage has "Marco Rubio said")
    assert rubio and all(style is not None and style.bold for style in rubio), rubio


# -- the renderer ---------------------------------------------------------------------------------


def test_emphasis_code_and_links_are_drawn_not_shown_as_marks() -> None:
    content = note_content(NOTE)
    assert content.plain == "Rubio said no to ports, see the map (https://example.org/map)\n\n• second line"
    assert "bold" in styled(content, "Rubio")
    assert "italic" in styled(content, "no")
    assert "$secondary" in styled(content, "ports")
    assert "underline" in styled(content, "the map")
    # A link is its words and its address, plain: no link style or action to click.
    assert not any("link" in str(span.style) or "@" in str(span.style) for span in content.spans)
    assert note_preview(NOTE, most=1).plain == "Rubio said no to ports, see the map (https://example.org/map)…"
    assert note_preview("## Heading\nbody", most=1).plain == "Heading…"
    assert note_preview("- item one").plain == "item one"


def test_hostile_notes_stay_literal() -> None:
    for note, shown in [
        ("[bold]x[/] [@click=app.quit]quit[/]", "[bold]x[/] [@click=app.quit]quit[/]"),
        ("<script>alert(1)</script> <b>b</b>", "<script>alert(1)</script> <b>b</b>"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),  # markdown-it refuses the address
        ("bell\x07 and \x1b[31mred", "bell\ufffd and \ufffd[31mred"),
    ]:
        content = note_content(note)
        assert content.plain == shown, content.plain
        assert not any(str(span.style).strip() not in ("", "dim", "underline") for span in content.spans), content.spans


def test_lists_quotes_and_code_blocks() -> None:
    note = "1. first\n2. second\n   - inner\n\n> quoted\n\n```\ncode here\n```"
    assert note_content(note).plain == "1. first\n2. second\n   • inner\n\n▎ quoted\n\ncode here"


def test_the_article_panel_row_draws_the_note(library: Library, make_article: MakeArticle) -> None:
    article = make_article("Talks", ["Passage words here."])
    annotation = library.annotate(article.id, 0, 13, note=NOTE)
    row = note_prompt(annotation)
    assert "Rubio said no" in row.plain and "**" not in row.plain
    assert "bold" in styled(row, "Rubio")


# -- where users see notes ------------------------------------------------------------------------


def test_a_bold_note_is_bold_in_the_notes_screen_and_on_the_entity_page(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks stall", ["Marco Rubio said the talks had stalled over the ports."])
    analyse(library, article, [("Marco Rubio", "PER", "Marco Rubio")])
    text = library.article(article.id).text
    start = text.index("Marco Rubio said")
    library.annotate(article.id, start, start + len("Marco Rubio said the talks"), note=NOTE)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+f")
            await pilot.pause()
            await app.search.wait()
            await pilot.press(*"ports")
            await pilot.pause()
            results = app.screen.query_one(NoteResults)
            assert len(results.hits) == 1
            assert_bold_rubio(results)
            await pilot.press("escape")
            page = await open_page(pilot, "marco")
            notes = page.query_one("#entity-notes", ItemList)
            notes.focus()
            await pilot.pause()
            assert len(notes.items) == 1
            assert_bold_rubio(notes)

    run(scenario())


def test_a_preview_shows_a_short_note_whole_and_a_long_one_up_to_its_limit() -> None:
    note = "Rubio: **not yet**\n\n- a list item\n- [AFP](https://afp.com)\n\nLast words."
    assert str(note_preview(note, most=4)).splitlines() == [
        "Rubio: not yet", "• a list item", "• AFP (https://afp.com)", "Last words.",
    ]
    cut = str(note_preview(note, most=2, indent="  ")).splitlines()
    assert cut == ["Rubio: not yet", "  • a list item…"]
