"""The article side panel: entities, quotes and notes tabs, and the messages they post.

Pilot scenarios run a tiny app holding only the panel and recording what it posts;
the row builders are tested directly, without an app.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from reader.core.model import Analysis, Annotation, Entity, Quote, Selector
from reader.tui.state.themes import APP_VARIABLES
from reader.tui.widgets.article_panel import ArticlePanel, EntityList, NoteList, QuoteList
from reader.tui.widgets.note_text import note_preview
from reader.tui.widgets.panel_items import (
    NO_ENTITIES,
    NO_NOTES,
    NO_QUOTES,
    PENDING,
    EntitySummary,
    entity_prompt,
    excerpt,
    heading_prompt,
    in_text_order,
    mention_status,
    note_prompt,
    quote_prompt,
    summarise_entities,
)
from reader.tui.widgets.tab_bar import TabBar
from tui_helpers import SIZE, run

HOSTILE = "[bold]x[/]"
TEXT = "x" * 400  # offsets only need to fit inside an article's text


def entities() -> tuple[Entity, ...]:
    return (
        Entity(0, 12, "PER", "Donald Trump", "Donald Trump"),
        Entity(20, 29, "PER", "Joe Biden", "Joe Biden"),
        Entity(30, 35, "LOC", "Paris", "Paris"),
        Entity(50, 55, "PER", "Trump", "Donald Trump"),
        Entity(60, 65, "LOC", "Paris", "Paris"),
        Entity(70, 80, "ORG", HOSTILE, HOSTILE),
        Entity(90, 96, "DATE", "Monday", "Monday"),
        Entity(100, 105, "PER", "Trump", "Donald Trump"),
    )


def quotes() -> tuple[Quote, ...]:
    return (
        Quote(200, 230, "We will win", "Donald Trump"),
        Quote(150, 170, HOSTILE, None),
        Quote(240, 260, "dragging their feet", "Joe Biden", partial=True),
    )


def annotation(id: str, start: int, end: int, note: str = "", tags: list[str] | None = None, color: int = 1) -> Annotation:
    return Annotation(id=id, article_id="a", selector=Selector.at(TEXT, start, end), note=note,
                      tags=tags or [], color=color)


def notes() -> list[Annotation]:
    return [
        annotation("late", 300, 310, "Second point\nmore", ["follow-up"], color=2),
        annotation("early", 10, 20, f"# {HOSTILE}", [], color=3),
        annotation("middle", 100, 120),
    ]


class PanelApp(App[None]):
    """Just the panel; every message it posts is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[tuple[Any, ...]] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def compose(self) -> ComposeResult:
        yield ArticlePanel(id="panel")

    @property
    def panel(self) -> ArticlePanel:
        return self.query_one(ArticlePanel)

    def on_article_panel_jump(self, message: ArticlePanel.Jump) -> None:
        self.posted.append(("jump", message.start, message.end))



def rows(app: App[Any], kind: type[OptionList]) -> list[str]:
    options = app.query_one(kind)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def status(app: App[Any]) -> str:
    widget = app.query_one("#panel-mention", Static)
    return str(widget.content) if widget.display else ""


# -- pure row builders --------------------------------------------------------------------------


def test_summarise_groups_by_type_in_order_and_sorts_by_mentions_then_name() -> None:
    groups = summarise_entities(entities())
    assert list(groups) == ["PER", "LOC", "ORG", "DATE"]
    assert [(s.name, s.count) for s in groups["PER"]] == [("Donald Trump", 3), ("Joe Biden", 1)]
    assert groups["PER"][0].mentions == ((0, 12), (50, 55), (100, 105))
    assert [(s.name, s.count) for s in groups["LOC"]] == [("Paris", 2)]


def test_a_name_tagged_with_two_types_is_listed_once_under_its_usual_type() -> None:
    found = summarise_entities([
        Entity(0, 5, "ORG", "Apple", "Apple"),
        Entity(10, 15, "MISC", "Apple", "Apple"),
        Entity(20, 25, "ORG", "Apple", "Apple"),
        Entity(30, 35, "PER", "Ann", "Ann"),
        Entity(40, 45, "PER", "Bob", "Bob"),
    ])
    assert list(found) == ["PER", "ORG"]
    assert [s.name for s in found["PER"]] == ["Ann", "Bob"]  # same count: by name
    assert found["ORG"][0].count == 3


def test_row_texts() -> None:
    summary = summarise_entities(entities())["PER"][0]
    assert str(heading_prompt("PER", 4)) == "People (4)"
    assert str(entity_prompt(summary)) == "  Donald Trump ×3"
    assert mention_status("Donald Trump", 1, 5) == "Donald Trump: mention 2 of 5"
    assert str(quote_prompt(Quote(0, 5, "Hi  there", "Ann"))) == "“Hi there”\n— Ann"
    assert str(quote_prompt(Quote(0, 5, "feet", None, partial=True))) == "“feet”\n— unknown speaker (partial)"
    assert str(note_prompt(notes()[0])) == "█ “xxxxxxxxxx”\n  Second point\n  more · #follow-up"  # a short note whole
    assert str(note_prompt(notes()[2])) == "█ “xxxxxxxxxxxxxxxxxxxx”\n  no note"
    assert excerpt("a" * 100, 10) == "a" * 9 + "…"
    assert note_preview("\n\n## Title\nbody", most=1).plain == "Title…"
    assert [a.id for a in in_text_order(notes())] == ["early", "middle", "late"]


def test_a_long_name_wraps_with_its_later_lines_indented_under_it() -> None:
    long = EntitySummary("Academy of Motion Picture Arts and Sciences", "ORG", ((0, 5),))
    assert entity_prompt(long, 36).plain == "  Academy of Motion Picture Arts and\n    Sciences ×1"
    assert entity_prompt(long).plain == "  Academy of Motion Picture Arts and Sciences ×1"  # no width: the list wraps it
    short = summarise_entities(entities())["PER"][0]
    assert entity_prompt(short, 36).plain == "  Donald Trump ×3"


def test_row_colours_come_from_the_layers() -> None:
    summary = summarise_entities(entities())["LOC"][0]
    assert any("$entity-place" in str(span.style) for span in entity_prompt(summary).spans)
    assert any("$hl-2" in str(span.style) for span in note_prompt(notes()[0]).spans)


def test_hostile_text_in_rows_is_plain() -> None:
    hostile = summarise_entities(entities())["ORG"][0]
    for content in (entity_prompt(hostile), quote_prompt(quotes()[1]), note_prompt(notes()[1])):
        assert HOSTILE in str(content)
        assert not any("bold" in str(span.style) and str(content)[span.start:span.end] == "x" for span in content.spans)


# -- the widget ------------------------------------------------------------------------------


def test_empty_states_before_and_after_analysis() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            assert rows(app, EntityList) == [PENDING]
            assert rows(app, QuoteList) == [PENDING]
            assert rows(app, NoteList) == [NO_NOTES]
            app.panel.show_analysis(Analysis(1))
            app.panel.show_annotations([])
            await pilot.pause()
            assert rows(app, EntityList) == [NO_ENTITIES]
            assert rows(app, QuoteList) == [NO_QUOTES]
            assert rows(app, NoteList) == [NO_NOTES]
            app.panel.show_tab("notes")
            await pilot.press("enter")
            assert app.posted == [] and app.panel.current_note() is None
            assert status(app) == ""

    run(scenario())


def test_entities_grouped_with_counts() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            await pilot.pause()
            assert rows(app, EntityList) == [
                "People (2)", "  Donald Trump ×3", "  Joe Biden ×1",
                "Places (1)", "  Paris ×2",
                "Organisations (1)", f"  {HOSTILE} ×1",
                "Dates (1)", "  Monday ×1",
            ]

    run(scenario())


def test_choosing_an_entity_twice_steps_through_its_mentions_and_step_steps_too() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            app.panel.show_tab("entities")
            await pilot.pause()
            assert app.focused is app.query_one(EntityList)
            await pilot.press("enter")
            assert app.posted == [("jump", 0, 12)]
            assert status(app) == "Donald Trump: mention 1 of 3"
            await pilot.press("enter")
            assert app.posted[-1] == ("jump", 50, 55)
            assert status(app) == "Donald Trump: mention 2 of 3"
            assert app.panel.stepping
            app.panel.step(1)  # the article screen's m / M
            await pilot.pause()
            assert app.posted[-1] == ("jump", 100, 105)
            app.panel.step(1)
            await pilot.pause()
            assert app.posted[-1] == ("jump", 0, 12)  # wraps
            app.panel.step(-1)
            await pilot.pause()
            assert app.posted[-1] == ("jump", 100, 105)
            assert status(app) == "Donald Trump: mention 3 of 3"
            await pilot.press("down", "down", "enter")  # the cursor skips the "Places" heading
            assert app.posted[-1] == ("jump", 30, 35)
            assert status(app) == "Paris: mention 1 of 2"

    run(scenario())


def test_clicking_an_entity_jumps_to_it() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            await pilot.pause()
            await pilot.click(EntityList, offset=(4, 4))  # row 4: Paris
            assert app.posted == [("jump", 30, 35)]

    run(scenario())


def test_show_entity_switches_tab_highlights_and_jumps() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            app.panel.show_tab("quotes")
            await pilot.pause()
            app.panel.show_entity("Paris")
            await pilot.pause()
            assert app.panel.active_tab == "entities"
            entity_list = app.query_one(EntityList)
            assert app.focused is entity_list
            assert str(entity_list.highlighted_option.prompt) == "  Paris ×2"
            assert app.posted == [("jump", 30, 35)]
            app.panel.step(1)
            await pilot.pause()
            assert app.posted[-1] == ("jump", 60, 65)
            app.panel.show_entity("Donald Trump", at=50)
            await pilot.pause()
            assert app.posted[-1] == ("jump", 50, 55)
            assert status(app) == "Donald Trump: mention 2 of 3"
            app.panel.show_entity("Nobody")
            await pilot.pause()
            assert len(app.posted) == 3

    run(scenario())


def test_quotes_rows_and_jumps() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            app.panel.show_tab("quotes")
            await pilot.pause()
            assert rows(app, QuoteList) == [
                f"“{HOSTILE}”\n— unknown speaker",
                "“We will win”\n— Donald Trump",
                "“dragging their feet”\n— Joe Biden (partial)",
            ]
            await pilot.press("enter", "down", "enter")
            assert app.posted == [("jump", 150, 170), ("jump", 200, 230)]

    run(scenario())


def test_notes_in_text_order_with_jump_edit_and_delete() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_annotations(notes())
            app.panel.show_tab("notes")
            await pilot.pause()
            assert app.focused is app.query_one(NoteList)
            assert rows(app, NoteList) == [
                f"█ “{'x' * 10}”\n  {HOSTILE}",
                f"█ “{'x' * 20}”\n  no note",
                f"█ “{'x' * 10}”\n  Second point\n  more · #follow-up",
            ]
            await pilot.press("enter")
            assert app.posted == [("jump", 10, 20)]
            assert app.panel.current_note().id == "early"  # what the screen's e and d act on
            await pilot.press("down", "down", "enter")
            assert app.posted[-1] == ("jump", 300, 310) and app.panel.current_note().id == "late"
            # a refresh keeps the highlighted note highlighted
            app.panel.show_annotations([a for a in notes() if a.id != "early"])
            await pilot.pause()
            assert app.panel.current_note().id == "late"
            app.panel.show_tab("links")
            assert app.panel.current_note() is None  # only while the Notes tab is shown

    run(scenario())


def test_hostile_text_is_drawn_literally() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            app.panel.show_annotations(notes())
            await pilot.pause()
            for kind in (EntityList, QuoteList, NoteList):
                assert any(HOSTILE in row for row in rows(app, kind))
            app.panel.show_entity(HOSTILE)
            await pilot.pause()
            assert status(app) == f"{HOSTILE}: mention 1 of 1"
            lines = [app.query_one(EntityList).render_line(y).text for y in range(9)]
            assert f"  {HOSTILE} ×1" in [line.rstrip() for line in lines]

    run(scenario())


def test_a_click_on_a_tab_name_shows_its_list_under_the_bar_drawn_as_textual_draws_tabs() -> None:
    async def scenario() -> None:
        app = PanelApp()
        async with app.run_test(size=SIZE) as pilot:
            app.panel.show_analysis(Analysis(1, entities(), quotes()))
            await pilot.pause()
            bar = app.query_one(TabBar)
            lines = ["".join(segment.text for segment in bar.render_line(y)).rstrip() for y in (0, 1)]
            assert lines[0] == " Entities  Quotes  Notes  Links"
            assert lines[1].startswith("╸" + "━" * len("Entities") + "╺")  # under the shown name
            await pilot.click(TabBar, offset=(lines[0].index("Quotes"), 0))
            await pilot.pause()
            assert app.panel.active_tab == "quotes"
            shown = [each for each in app.panel.query(OptionList) if each.display]
            assert shown == [app.query_one(QuoteList)]
            assert rows(app, QuoteList)[0].startswith("“")
            lines = ["".join(segment.text for segment in bar.render_line(y)).rstrip() for y in (0, 1)]
            start = lines[0].index("Quotes")
            assert lines[1][start - 1 : start + len("Quotes") + 1] == "╸" + "━" * len("Quotes") + "╺"

    run(scenario())
