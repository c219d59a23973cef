"""A page with a list, links, a figure, code and a table: through trafilatura's XML (asked
for as reader asks for it) and `structure.blocks_from_xml`, then end to end through
`load_html` — each structure arrives as its own kind of block, with its marks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from reader.core.ingest import load_html
from reader.core.ingest.structure import blocks_from_xml
from reader.core.links import numbered_links
from reader.core.model import Block

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "structure.html"
URL = "https://example.org/news/1"
OPTIONS = dict(
    output_format="xml", include_comments=False, include_formatting=True, include_links=True,
    include_images=True, include_tables=True, deduplicate=False, favor_precision=True,
)


def trafilatura_blocks() -> list[Block]:
    import trafilatura

    xml = trafilatura.extract(FIXTURE.read_text(encoding="utf-8"), url=URL, **OPTIONS)
    assert xml
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    return blocks_from_xml(main if main is not None else root)[0]


def check_structure(blocks: list[Block]) -> None:
    by_text = {b.text: b for b in blocks}
    items = [(b.level, b.text) for b in blocks if b.kind == "item"]
    assert items == [
        (0, "• Bus fares will fall by ten percent next year."),
        (0, "• Two new lines:"),
        (1, "1. one to the harbour"),
        (1, "2. one to the airport"),
        (0, "• Cycling lanes on Main Street."),
    ]
    assert by_text["What was decided"].kind == "heading" and by_text["What was decided"].level == 2
    assert by_text["Fares by zone"].level == 3
    code = next(b for b in blocks if b.kind == "code")
    assert code.text == "def fare(km):\n    if km < 5:\n        return 1.5\n    return 1.5 + 0.2 * (km - 5)"
    table = next(b for b in blocks if b.kind == "table")
    assert table.text.split("\n")[0] == "Zone      │ Old fare │ New fare"
    assert table.text.split("\n")[2] == "A         │ 2.00     │ 1.80"
    captions = [b.text for b in blocks if b.kind == "caption"]
    assert captions and captions[0] in ("Map of the new lines", "The new bus lines, as proposed.")
    intro = next(b for b in blocks if b.text.startswith("The council met"))
    assert [(m.kind, intro.text[m.start:m.end]) for m in intro.marks] == [
        ("em", "Tuesday"), ("strong", "new budget"), ("link", "transport plan"),
    ]
    assert [(link.number, link.text, link.href) for link in numbered_links(blocks)] == [
        (1, "transport plan", "https://example.org/plan"),
        (2, "harbour", "https://example.org/harbour"),
        (3, "the council", "mailto:council@example.org"),  # the javascript: link kept its words only
    ]
    assert "full minutes" in by_text[next(t for t in by_text if t.startswith("Read the"))].text


def test_trafilatura_xml_of_the_page_gives_each_structure_its_block():
    check_structure(trafilatura_blocks())


def test_load_html_keeps_the_structure_end_to_end():
    imported = load_html(FIXTURE.read_bytes(), url=URL)
    assert imported.article.title == "Structure test page"
    check_structure(imported.article.blocks or [])


@pytest.mark.parametrize("kind", ["item", "code", "table", "caption"])
def test_the_text_of_every_structured_block_is_plain(kind):
    """No markup survives into the text: marks carry emphasis and links, not characters."""
    for block in trafilatura_blocks():
        if block.kind == kind:
            assert not re.search(r"<[a-z/]|\*\*|\]\(|`", block.text), block.text
