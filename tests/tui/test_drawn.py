"""Drawn text <-> block text: link numbers are the only characters the view adds, and every
offset crossing between them goes through `Drawn`; selections round-trip exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.links import numbered_links
from reader.core.model import Block, Mark
from reader.tui.widgets.drawn import Drawn, drawn_block
from reader.tui.widgets.layers import block_content
from reader.tui.widgets.selection import offset_in_block, point_in_block

TEXT = "See the plan and the map here."


def block_with_links() -> Block:
    plan, map_ = TEXT.index("plan"), TEXT.index("map")
    return Block("paragraph", TEXT, 0, (
        Mark(plan, plan + 4, "link", "https://e.org/plan"), Mark(map_, map_ + 3, "link", "https://e.org/map"),
    ))


def test_numbers_follow_their_links_and_map_back_to_the_link_end():
    block = block_with_links()
    drawn = drawn_block(block, numbered_links([block]))
    assert drawn.text == "See the plan[1] and the map[2] here."
    end_of_plan = TEXT.index("plan") + 4
    for inside in range(drawn.text.index("[1]"), drawn.text.index("[1]") + 4):
        assert drawn.to_text(inside) == end_of_plan
    assert drawn.to_drawn(end_of_plan) == end_of_plan  # a range ending at the link leaves its number out
    assert drawn.to_drawn(end_of_plan, after=True) == end_of_plan + 3  # one starting there begins after it
    assert drawn.to_text(len(drawn.text)) == len(TEXT)


def test_table_links_are_numbered_at_the_end_of_their_row():
    text = "A │ one\nB │ two"
    block = Block("table", text, 0, (Mark(4, 7, "link", "https://e.org/1"), Mark(0, 1, "link", "https://e.org/a")))
    drawn = drawn_block(block, numbered_links([block]))
    assert drawn.text == "A │ one [1][2]\nB │ two"


def test_layers_are_placed_on_drawn_offsets():
    block = block_with_links()
    drawn = drawn_block(block, numbered_links([block]))
    map_ = TEXT.index("map")
    content = block_content(TEXT, 100, marks=block.marks, drawn=drawn)
    assert str(content) == drawn.text
    link_spans = [(s.start, s.end) for s in content.spans if "underline" in str(s.style)]
    assert link_spans == [(TEXT.index("plan"), TEXT.index("plan") + 4), (map_ + 3, map_ + 6)]


@st.composite
def drawn_texts(draw: st.DrawFn) -> Drawn:
    text = draw(st.text(alphabet="ab \n", min_size=1, max_size=30))
    ends = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    marks = tuple(Mark(max(0, e - 1), e, "link", "https://e.org/") for e in ends if e > 0)
    block = Block(draw(st.sampled_from(["paragraph", "table"])), text, 0, marks)
    return drawn_block(block, numbered_links([block]))


@given(drawn_texts(), st.data())
def test_any_range_round_trips_through_drawn_points(drawn: Drawn, data: st.DataObject):
    a = data.draw(st.integers(0, len(drawn.source)))
    b = data.draw(st.integers(a, len(drawn.source)))
    start = point_in_block(drawn.text, drawn.to_drawn(a, after=True))
    end = point_in_block(drawn.text, drawn.to_drawn(b))
    assert drawn.to_text(offset_in_block(drawn.text, start)) == a
    assert drawn.to_text(offset_in_block(drawn.text, end)) == b
    # and every drawn offset maps into the text, in order
    mapped = [drawn.to_text(i) for i in range(len(drawn.text) + 1)]
    assert mapped == sorted(mapped) and mapped[0] == 0 and mapped[-1] == len(drawn.source)


def test_emphasis_and_links_sit_under_entities_quotes_and_highlights():
    """The page's styles are drawn first, so an entity keeps its colour and a highlight its
    background over them; every layer lands on the same drawn characters."""
    from datetime import datetime, timezone

    from reader.core.model import Annotation, Entity, Quote, Selector

    block = block_with_links()
    drawn = drawn_block(block, numbered_links([block]))
    plan = TEXT.index("plan")
    marks = (Mark(plan, plan + 4, "strong"), *block.marks)
    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    note = Annotation("n", "a", Selector.at(TEXT, plan, plan + 4), created=when, updated=when)
    content = block_content(
        TEXT, 0, marks=marks, drawn=drawn,
        entities=[Entity(plan, plan + 4, "ORG", "plan", "Plan")], quotes=[Quote(0, len(TEXT), TEXT, None)],
        annotations=[note],
    )
    over_plan = [str(s.style) for s in content.spans if (s.start, s.end) == (plan, plan + 4)]
    order = [next(i for i, style in enumerate(over_plan) if key in style)
             for key in ("bold", "underline $link-color", "$entity-org", "on $hl-1")]
    assert order == sorted(order)
