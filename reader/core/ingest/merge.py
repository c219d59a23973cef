"""Two extractions of one page weighed block by block: the precise one as the base, and what
only the fuller one found put back where the evidence says it is article text.

trafilatura's precise mode keeps chrome out (menus, teasers, newsletter boxes) that its
balanced mode lets in, but now and then it drops whole sections of the article, or all of
it. Nearly everything the precise pass keeps, the balanced pass keeps too, in the same
order; so the balanced pass's blocks are aligned on the precise ones, and each run of
blocks only the balanced pass has is judged as a whole: prose (several words, sentences,
little link text) goes back in at its place, a run of short lines or links (a menu, a
list of related stories) stays out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.ingest.boilerplate_words import NOTES_HEADING
from reader.core.ingest.xmlblocks import block_text, count_words, key, link_share, reads_as_prose

from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element

RUN_MIN_WORDS = 10  # a run shorter than this is a label or a link, not a passage
RUN_MAX_LINK_SHARE = 0.2  # more link text than this: navigation or teasers
RUN_MIN_PROSE = 0.3  # at least this share of its blocks must read as sentences
PROSE_WORDS = 15  # a block this long is a passage even without a full stop (a standfirst)
HEADING_MAX_WORDS = 20
_CONTAINED_MIN = 20  # a precise block inside a longer balanced one counts when this long
_PROSE_TAGS = frozenset({"p", "head", "list", "item", "quote"})
SHORT_WORDS = 6  # a block this short is matched only as a whole block or a block's start
_SECTION_NUMBER = regex(r"^(\d{1,2})(?:\.\d{1,2})*\.?\s+\w")  # "4 References", "2.1. Setup"


@dataclass
class _Run:
    """Consecutive blocks only the balanced pass found, and the precise block they follow."""

    after: int  # index of the precise block before them (-1: before the first)
    blocks: list[_Element]
    tail_anchored: bool = True  # a block both passes have follows them


def merge(precise: _Element | None, balanced: _Element | None) -> _Element | None:
    """The precise body with the balanced pass's extra passages put back in place."""
    if balanced is None or len(balanced) == 0:
        return precise
    if precise is None or len(precise) == 0:
        return balanced
    anchors = list(precise)
    last_put: dict[int, _Element] = {}  # where the previous run after that anchor ended
    for run in _extra_runs(precise, balanced):
        if _is_passage(run.blocks):
            blocks = run.blocks
        elif run.tail_anchored and _are_headings(run.blocks):
            blocks = [el for el in run.blocks if key(el)]  # the empty blocks between them are the precise pass's too
        elif not run.tail_anchored:
            blocks = _closing_section(run.blocks, anchors)
        else:
            blocks = []
        if blocks:
            last_put[run.after] = _insert(precise, anchors, _Run(run.after, blocks), last_put.get(run.after))
    return precise


def _extra_runs(precise: _Element, balanced: _Element) -> list[_Run]:
    """The balanced pass's blocks the precise pass lacks, grouped in runs, each anchored
    after the precise block that comes before it."""
    keys = [key(el) for el in precise]
    tags = [el.tag for el in precise]
    inner = [_inner_keys(el) for el in precise]
    starts, offset = [], 0
    for k in keys:
        starts.append(offset)
        offset += len(k) + 1
    joined = " ".join(keys)
    runs: list[_Run] = []
    current: list[_Element] = []
    last = -1
    for el in list(balanced):
        k = key(el)
        if not k:  # nothing to match on: it goes with the blocks around it
            if current:
                current.append(el)
            continue
        found = _anchor(k, keys, tags, inner, joined, starts, last)
        if found is None:
            current.append(el)
            continue
        if current:
            runs.append(_Run(last, current))
            current = []
        last = max(last, found)
    if current:
        runs.append(_Run(last, current, tail_anchored=False))
    return runs


def _anchor(
    k: str, keys: list[str], tags: list[str], inner: list[set[str]], joined: str, starts: list[int], after: int
) -> int | None:
    """Index of the precise block holding this text (the first after block `after` when the
    text is there more than once); None when the precise pass lacks it.

    A short line (a heading, a label) counts only as a whole block, a block's start or a
    heading or paragraph inside a block: "Installation" is not the heading the sentence
    "follow its installation instructions" holds."""
    if count_words(k) <= SHORT_WORDS:
        found = [i for i, p in enumerate(keys) if p == k or (p.startswith(k + " ") and tags[i] in _PROSE_TAGS)
                 or k in inner[i]]
        return next((i for i in found if i > after), found[0] if found else None)
    at = joined.find(k, starts[after + 1]) if after + 1 < len(starts) else -1
    if at < 0:
        at = joined.find(k)
    if at >= 0:
        return bisect.bisect_right(starts, at) - 1
    inside = [i for i, p in enumerate(keys) if len(p) >= _CONTAINED_MIN and p in k]
    return inside[-1] if inside else None


def _inner_keys(el: _Element) -> set[str]:
    """The texts of the headings and paragraphs inside a block (a section the precise pass
    kept whole)."""
    if el.tag in _PROSE_TAGS:
        return set()
    return {key(inner) for inner in el.iter(*_PROSE_TAGS) if inner is not el}


def _is_passage(blocks: list[_Element]) -> bool:
    texts = [block_text(el) for el in blocks]
    total_words = sum(count_words(t) for t in texts)
    total_chars = sum(len(t) for t in texts) or 1
    linked = sum(link_share(el) * len(t) for el, t in zip(blocks, texts))
    prose = sum(reads_as_prose(t) or count_words(t) >= PROSE_WORDS for t in texts) / len(blocks)
    return total_words >= RUN_MIN_WORDS and linked / total_chars <= RUN_MAX_LINK_SHARE and prose >= RUN_MIN_PROSE


def _are_headings(blocks: list[_Element]) -> bool:
    """Subheadings the precise pass dropped between passages it kept (empty blocks aside)."""
    texts = [el for el in blocks if key(el)]
    return bool(texts) and all(
        el.tag == "head" and 0 < count_words(block_text(el)) <= HEADING_MAX_WORDS and link_share(el) < 0.5
        for el in texts
    )


def _closing_section(blocks: list[_Element], anchors: list[_Element]) -> list[_Element]:
    """Of the blocks after the precise pass's last, the article's own closing section: a
    heading that names its references or notes, or that continues the numbering of its
    sections ("4 References" after "3 …"), and what follows it up to the next heading."""
    first = blocks[0]
    text = block_text(first)
    if first.tag != "head" or not 0 < count_words(text) <= HEADING_MAX_WORDS:
        return []
    if not (NOTES_HEADING.match(text) or _continues_numbering(text, anchors)):
        return []
    end = next((i for i in range(1, len(blocks)) if blocks[i].tag == "head"), len(blocks))
    return blocks[:end]


def _continues_numbering(text: str, anchors: list[_Element]) -> bool:
    number = _SECTION_NUMBER.match(text)
    if number is None:
        return False
    before = [_SECTION_NUMBER.match(block_text(el)) for el in anchors if el.tag == "head"]
    return any(m and int(m.group(1)) == int(number.group(1)) - 1 for m in before)


def _insert(precise: _Element, anchors: list[_Element], run: _Run, previous: _Element | None) -> _Element:
    """Put the run's blocks back after the precise block they followed (after the run
    already put there, if any); returns the last block put."""
    if previous is None and run.after < 0:
        for offset, el in enumerate(run.blocks):
            precise.insert(offset, el)
        return run.blocks[-1]
    at = previous if previous is not None else anchors[run.after]
    for el in run.blocks:
        at.addnext(el)
        at = el
    return at
