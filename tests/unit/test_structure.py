"""trafilatura XML and HTML fragments -> structured blocks: lists, links, emphasis, code,
tables and figures keep their shape, and every mark covers the words it covered on the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reader.core.ingest.structure import blocks_from_html, blocks_from_xml
from reader.core.model import Block

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "structure.html"


def xml_blocks(body: str, base_url: str | None = None) -> list[Block]:
    root = etree.fromstring(f"<main>{body}</main>".encode())
    return blocks_from_xml(root, base_url)[0]


def marked(block: Block) -> list[tuple[str, str, str | None]]:
    """Each mark as (kind, the words it covers, href)."""
    return [(m.kind, block.text[m.start : m.end], m.href) for m in block.marks]


def test_nested_lists_become_items_with_markers_and_depth():
    blocks = xml_blocks(
        '<list rend="ul"><item>First point</item>'
        '<item>Second: <list rend="ol"><item>one</item><item>two</item></list></item>'
        '<item>Third</item></list>'
    )
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("item", 0, "• First point"),
        ("item", 0, "• Second:"),
        ("item", 1, "1. one"),
        ("item", 1, "2. two"),
        ("item", 0, "• Third"),
    ]


def test_ordered_list_numbers_skip_empty_items_and_honour_start():
    blocks = xml_blocks('<list rend="ol" start="4"><item>a</item><item> </item><item>b</item></list>')
    assert [b.text for b in blocks] == ["4. a", "5. b"]


def test_emphasis_code_and_links_are_marks_over_collapsed_text():
    blocks = xml_blocks(
        '<p>  The   <hi rend="#i">quick\n  fox</hi> and <hi rend="#b"> bold </hi> '
        '<ref target="https://example.org/a">a link</ref>, <code>x = 1</code>'
        '<hi rend="#t">tty</hi> <hi rend="#sup">2</hi></p>'
    )
    [block] = blocks
    assert block.text == "The quick fox and bold a link, x = 1tty 2"
    assert marked(block) == [
        ("em", "quick fox", None),
        ("strong", "bold", None),
        ("link", "a link", "https://example.org/a"),
        ("code", "x = 1tty", None),  # two code runs that touch are one mark
    ]


def test_line_breaks_are_kept_inside_a_paragraph():
    [block] = xml_blocks("<p>Line one<lb/>line <hi rend='#b'>two</hi></p>")
    assert block.text == "Line one\nline two"
    assert marked(block) == [("strong", "two", None)]


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "/relative/path",
    "https://example.org/\u009b2J", "https://example.org/\u202egnp.exe", "http://user:pw@example.org/", "https://exa\u200bmple.org/",
    "", "http://", "https://example.org:99999999/",
])
def test_links_that_are_not_safe_http_or_mailto_keep_their_text_and_lose_the_link(target):
    [block] = xml_blocks(f'<p>Read <ref target="{target}">this page</ref> now.</p>')
    assert block.text == "Read this page now."
    assert block.marks == ()


def test_relative_links_resolve_against_the_page_and_mailto_is_kept():
    [block] = xml_blocks(
        '<p><ref target="/about us">About</ref> or <ref target="mailto:desk@example.org">write</ref></p>',
        base_url="https://example.org/news/1",
    )
    assert marked(block) == [
        ("link", "About", "https://example.org/about%20us"),
        ("link", "write", "mailto:desk@example.org"),
    ]


def test_code_blocks_keep_lines_and_indentation():
    [block] = xml_blocks("<code>\n\ndef f():\n\treturn   1  \n\n</code>")
    assert block == Block("code", "def f():\n    return   1")


def test_inline_code_with_several_lines_inside_a_paragraph_becomes_a_code_block_after_it():
    blocks = xml_blocks("<p>Run this:<code>a\n  b</code></p>")
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "Run this:"), ("code", "a\n  b")]


def test_tables_align_their_cells_and_bold_the_header():
    [block] = xml_blocks(
        '<table><row><cell role="head">Name</cell><cell role="head">Age</cell></row>'
        '<row><cell>Ann</cell><cell><ref target="https://example.org/ann">31</ref></cell></row>'
        "<row><cell>Bartholomew</cell><cell>7</cell></row></table>"
    )
    assert block.kind == "table"
    assert block.text.split("\n") == [
        "Name        │ Age",
        "────────────┼────",
        "Ann         │ 31",
        "Bartholomew │ 7",
    ]
    assert marked(block) == [("strong", "Name", None), ("strong", "Age", None), ("link", "31", "https://example.org/ann")]


def test_wide_characters_are_padded_by_their_width():
    [block] = xml_blocks("<table><row><cell>東京</cell><cell>x</cell></row><row><cell>Rome</cell><cell>y</cell></row></table>")
    assert block.text.split("\n") == ["東京 │ x", "Rome │ y"]


def test_a_layout_table_reads_as_paragraphs():
    long = "word " * 20
    blocks = xml_blocks(f"<table><row><cell><p>{long}</p></cell><cell><p>Side</p></cell></row></table>")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert blocks[1].text == "Side"


def test_images_become_captions_from_alt_or_title_and_images_without_text_go():
    blocks = xml_blocks(
        '<graphic src="a.png" alt="A map of the harbour"/><graphic src="b.png" title="Title only"/><graphic src="c.png"/>'
        '<p>Text <graphic src="d.png" alt="Inline picture"/> around</p>'
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("caption", "A map of the harbour"), ("caption", "Title only"),
        ("paragraph", "Text around"), ("caption", "Inline picture"),
    ]


def test_headings_keep_their_level_and_quotes_their_paragraphs():
    blocks = xml_blocks(
        '<head rend="h2">Two</head><head rend="h4"><hi rend="#b">Four</hi></head>'
        "<quote><p>Quoted one.</p><p>Quoted <hi rend='#i'>two</hi>.</p></quote><quote>Inline quote</quote>"
    )
    assert [(b.kind, b.level, b.text, marked(b)) for b in blocks] == [
        ("heading", 2, "Two", []),
        ("heading", 4, "Four", []),  # a heading is bold already
        ("blockquote", 0, "Quoted one.", []),
        ("blockquote", 0, "Quoted two.", [("em", "two", None)]),
        ("blockquote", 0, "Inline quote", []),
    ]


def test_description_lists_give_bold_terms_and_their_definitions_as_items():
    blocks = xml_blocks('<list rend="dl"><item rend="dt-1">Term</item><item rend="dd-1">Meaning</item></list>')
    assert [(b.kind, b.level, b.text, marked(b)) for b in blocks] == [
        ("paragraph", 0, "Term", [("strong", "Term", None)]),
        ("item", 0, "• Meaning", []),
    ]


def test_a_heading_is_one_line():
    [block] = xml_blocks('<head rend="h3">Bonus!<lb/>Remote <hi rend="#i">Access</hi></head>')
    assert (block.text, marked(block)) == ("Bonus! Remote Access", [("em", "Access", None)])


def test_control_and_bidi_characters_are_removed_and_counted_marks_still_fit():
    root = etree.fromstring("<main><p>A&#x202e;B <hi rend='#b'>bo&#x7f;ld</hi> &#x9b;c</p></main>".encode())
    [block], unsafe = blocks_from_xml(root)
    assert block.text == "AB bold c"
    assert unsafe == 3
    assert marked(block) == [("strong", "bold", None)]


def test_marks_always_lie_inside_their_block():
    blocks = blocks_from_html(FIXTURE.read_text())
    for block in blocks:
        for mark in block.marks:
            assert 0 <= mark.start < mark.end <= len(block.text)
            assert block.text[mark.start : mark.end].strip() == block.text[mark.start : mark.end]


# -- HTML fragments (feed entries) ------------------------------------------------------


def test_html_fragment_gives_the_same_structure_as_a_page():
    blocks = blocks_from_html(FIXTURE.read_text(), base_url="https://example.org/news/1")
    kinds = [(b.kind, b.level) for b in blocks]
    assert ("item", 1) in kinds and ("code", 0) in kinds and ("table", 0) in kinds
    caption = next(b for b in blocks if b.kind == "caption")
    assert caption.text == "The new bus lines, as proposed."  # the figcaption, not the alt text as well
    links = [(b.text[m.start:m.end], m.href) for b in blocks for m in b.links()]
    assert links == [
        ("transport plan", "https://example.org/plan"),
        ("harbour", "https://example.org/harbour"),
        ("the council", "mailto:council@example.org"),
    ]


def test_html_fragment_loose_text_splits_at_double_breaks_and_drops_scripts():
    blocks = blocks_from_html(
        "Hello <b>there</b>,<br>second line<br><br>New <i>paragraph</i>"
        "<script>alert(1)</script><style>p{}</style><p>Para <span>with span</span></p>"
    )
    assert [(b.kind, b.text, marked(b)) for b in blocks] == [
        ("paragraph", "Hello there,\nsecond line", [("strong", "there", None)]),
        ("paragraph", "New paragraph", [("em", "paragraph", None)]),
        ("paragraph", "Para with span", []),
    ]


def test_html_fragment_plain_text_and_empty_input():
    assert blocks_from_html("") == []
    assert blocks_from_html("  \n ") == []
    assert [b.text for b in blocks_from_html("One &amp; one\nstill one\n\nTwo")] == ["One & one still one", "Two"]


def test_html_fragment_inline_code_and_pre():
    blocks = blocks_from_html("<p>Use <code>ls -l</code> here:</p><pre><code>a\n  b</code></pre>")
    assert [(b.kind, b.text, marked(b)) for b in blocks] == [
        ("paragraph", "Use ls -l here:", [("code", "ls -l", None)]),
        ("code", "a\n  b", []),
    ]


def test_html_fragment_hostile_text_never_keeps_escapes():
    blocks = blocks_from_html('<p>x&#27;]0;title&#7; <a href="https://e.org/&#27;[2J">link&#27;[31m</a></p>')
    assert all("\x1b" not in b.text and "\x07" not in b.text for b in blocks)
    assert all(m.href is None for b in blocks for m in b.marks)  # the address had an ESC: no link


def test_nested_layout_tables_give_each_text_once():
    inner = "<table><row><cell>Inner one</cell></row><row><cell>Inner two</cell></row></table>"
    blocks = xml_blocks(f"<table><row><cell>{inner}</cell><cell>Outer</cell></row></table>")
    assert [b.text for b in blocks] == ["Inner one", "Inner two", "Outer"]


@pytest.mark.parametrize("tag", ["div", "b", "blockquote", "ul><li", "table><tr><td"])
def test_deeply_nested_html_never_raises(tag):
    opening = "".join(f"<{t}>" for t in tag.split("><"))
    closing = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    for depth in (50, 5000):  # past libxml2's depth limit the parser itself drops the content
        blocks = blocks_from_html(opening * depth + "deep text" + closing * depth)
        assert all(b.text.endswith("deep text") for b in blocks)
        if depth == 50 and tag != "table><tr><td":
            assert blocks
