"""A library written before blocks had structure (schema 2, bodies as plain [kind, text]
pairs, written here by hand) opens with today's code: every note stays anchored exactly, and
the reading view draws each highlight over the same words."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.model import Block
from reader.core.store import Library, records
from reader.tui.app import ReaderApp
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, run

ARTICLE_ID = "0123456789abcdef"
# What the old ingest made of a page: lists and tables flattened into paragraphs.
OLD_BLOCKS = [
    ["heading", "What was decided"],
    ["paragraph", "• Bus fares will fall by ten percent next year."],
    ["paragraph", "1. one to the harbour"],
    ["paragraph", "Zone | Old fare | New fare"],
    ["blockquote", "We listened to the residents."],
]
PASSAGES = [("fall by ten percent", 1), ("one to the harbour", 2), ("Old fare", 3), ("harbour\n\nZone", None)]


def write_old_library(home: Path) -> list[tuple[str, int, int]]:
    """library.json, one body and one notes shard as schema 2 wrote them; the notes' (quote, start, end)."""
    text = "\n\n".join(t for _, t in OLD_BLOCKS)
    (home / "bodies").mkdir(parents=True)
    (home / "notes").mkdir()
    article = {
        "id": ARTICLE_ID, "title": "Old article", "author": None, "source": "Old Times", "url": None,
        "published": None, "added": "2024-01-02T03:04:05+00:00", "word_count": len(text.split()), "tags": [],
        "starred": False, "read": False, "position": 0, "feed": None,
    }
    index = {"meta": {"1": {"schema": 2, "writes": 1}}, "articles": {str(records.doc_id(ARTICLE_ID)): article}}
    (home / "library.json").write_text(json.dumps(index))
    (home / "bodies" / f"{ARTICLE_ID}.json").write_text(json.dumps({"blocks": OLD_BLOCKS}))
    notes, kept = {}, []
    for number, (quote, _) in enumerate(PASSAGES):
        start = text.index(quote)
        end = start + len(quote)
        note_id = f"{number:032x}"
        notes[str(records.doc_id(note_id))] = {
            "id": note_id, "article_id": ARTICLE_ID,
            "selector": {"exact": quote, "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32],
                         "start": start, "end": end},
            "note": "", "tags": [], "color": 2, "created": "2024-01-02T03:04:05+00:00",
            "updated": "2024-01-02T03:04:05+00:00", "anchor": {"state": "exact", "score": 1.0},
        }
        kept.append((quote, start, end))
    (home / "notes" / f"{ARTICLE_ID[:2]}.json").write_text(json.dumps({"annotations": notes, "meta": {"1": {"writes": 1}}}))
    return kept


def test_an_old_library_opens_with_every_note_anchored_and_drawn_on_the_same_words(tmp_path: Path) -> None:
    home = tmp_path / "home"
    kept = write_old_library(home)
    library = Library(home)
    article = library.article(ARTICLE_ID)
    assert article.blocks == [Block(kind, text) for kind, text in OLD_BLOCKS]  # read as they were: no level, no marks
    notes = sorted(library.annotations(ARTICLE_ID), key=lambda n: n.selector.start)
    assert [(n.quote, n.selector.start, n.selector.end, n.anchor.state) for n in notes] == [
        (*k, "exact") for k in sorted(kept, key=lambda k: k[1])
    ]
    assert all(article.text[n.selector.start:n.selector.end] == n.quote for n in notes)

    async def scenario() -> None:
        config = tmp_path / "config"
        config.mkdir()
        app = ReaderApp(library, config_dir=config, read_ahead=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            views = list(screen.query(BlockView))
            starts = article.block_starts()
            for quote, block in PASSAGES:
                if block is None:
                    continue
                view = views[block]
                local = OLD_BLOCKS[block][1].index(quote)
                painted = [(s.start, s.end) for s in view.visual.spans if "$hl-2" in str(s.style)]
                assert (local, local + len(quote)) in painted, quote
                assert str(view.visual) == OLD_BLOCKS[block][1]  # nothing added: no links, no numbers
            # the passage across two blocks is painted at the end of one and the start of the next
            across = [[(s.start, s.end) for s in views[i].visual.spans if "$hl-2" in str(s.style)] for i in (2, 3)]
            harbour = OLD_BLOCKS[2][1].index("harbour")
            assert across[0][-1] == (harbour, harbour + len("harbour")) and across[1][0] == (0, len("Zone"))
            assert starts[3] - starts[2] == len(OLD_BLOCKS[2][1]) + 2

    run(scenario())
    library.close()
