"""The library's model: articles, their blocks, the user's state and annotations.

An article's plain text is its blocks' texts joined by a blank line; every offset in
the project (selectors, entities, quotes) counts characters in that string.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Literal, get_args

from reader.core.sanitize import sanitize

# item: one list item, its marker ("• ", "3. ") part of its text; code: preformatted, lines
# kept, never wrapped; table: rows as lines, cells padded to align; caption: a figure's
# caption or an image's alt text.
BlockKind = Literal["paragraph", "heading", "caption", "blockquote", "item", "code", "table"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("paragraph", "heading", "caption", "blockquote", "item", "code", "table")
MarkKind = Literal["em", "strong", "code", "link"]
MARK_KINDS: tuple[MarkKind, ...] = ("em", "strong", "code", "link")
BLOCK_SEPARATOR = "\n\n"
WORDS_PER_MINUTE = 230
CONTEXT_CHARS = 32
COLORS = range(1, 6)



def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def new_id() -> str:
    """A random id: unique across processes, unlike TinyDB's per-process counter."""
    return uuid.uuid4().hex


def stable_id(key: str) -> str:
    """The same article (same URL, or same text) always gets the same id."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def normalize_tags(tags: list[str]) -> list[str]:
    """Tags as the query language reads them: lower case, no spaces or '#', each once."""
    found: list[str] = []
    for tag in tags:
        tag = "-".join(sanitize(tag).lower().lstrip("#").split())
        if tag and tag not in found:
            found.append(tag)
    return found


def count_words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Mark:
    """Inline structure over [start, end) of a block's text: emphasis, code, or a link to `href`.

    Marks add nothing to the text, so offsets into it (notes, entities, quotes) hold."""

    start: int
    end: int
    kind: MarkKind
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """One block of an article. `level` is a heading's level (1-6) or a list item's depth
    (0 at the top); 0 where it means nothing."""

    kind: BlockKind
    text: str
    level: int = 0
    marks: tuple[Mark, ...] = ()

    def links(self) -> list[Mark]:
        return [mark for mark in self.marks if mark.kind == "link"]


@dataclass
class Article:
    """An article and the user's state on it.

    `blocks` is None when only the library index was read (listing); `Library.article()`
    always returns it loaded.
    """

    id: str
    title: str
    blocks: list[Block] | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    added: datetime = field(default_factory=now)
    word_count: int = 0
    tags: list[str] = field(default_factory=list)
    starred: bool = False
    read: bool = False
    position: int = 0  # index of the block the reader last had on screen
    feed: str | None = None  # the id of the feed it came from

    @classmethod
    def create(
        cls,
        title: str,
        blocks: list[Block],
        *,
        author: str | None = None,
        source: str | None = None,
        url: str | None = None,
        published: date | None = None,
    ) -> Article:
        """A new article whose id and word count derive from its URL or text."""
        text = BLOCK_SEPARATOR.join(b.text for b in blocks)
        return cls(
            id=stable_id(url or f"{title}\n{text}"),
            title=title,
            blocks=blocks,
            author=author,
            source=source,
            url=url,
            published=published,
            word_count=count_words(text),
        )

    @property
    def reading_time(self) -> int:
        """Minutes, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def text(self) -> str:
        if self.blocks is None:
            raise ValueError(f"article {self.id}: body not loaded")
        return BLOCK_SEPARATOR.join(b.text for b in self.blocks)

    def block_starts(self) -> list[int]:
        """Offset of each block's first character in `text`."""
        starts, offset = [], 0
        for block in self.blocks or []:
            starts.append(offset)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        return starts


@dataclass(frozen=True)
class Selector:
    """Where a passage sits: a W3C TextQuoteSelector and TextPositionSelector in one."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Selector:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"selection {start}-{end} is outside the text (0-{len(text)})")
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


AnchorState = Literal["exact", "moved", "fuzzy", "orphan"]
ANCHOR_STATES: tuple[AnchorState, ...] = get_args(AnchorState)


@dataclass(frozen=True)
class Anchor:
    """How well a note's passage was found again after its article's text changed.

    exact: where it was; moved: the same words elsewhere; fuzzy: similar words (`score`
    0-1); orphan: not found, kept with its quote and note, never dropped.
    """

    state: AnchorState = "exact"
    score: float = 1.0


@dataclass
class Annotation:
    id: str
    article_id: str
    selector: Selector
    note: str = ""  # Markdown
    tags: list[str] = field(default_factory=list)
    color: int = 1
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    anchor: Anchor = field(default_factory=Anchor)

    def __post_init__(self) -> None:
        if self.color not in COLORS:
            raise ValueError(f"colour must be 1-5, not {self.color}")

    @property
    def quote(self) -> str:
        return self.selector.exact


@dataclass
class Feed:
    """A subscription: where to fetch it, what it is called, and what to send next time."""

    id: str
    url: str
    title: str = ""
    site_url: str | None = None
    tags: list[str] = field(default_factory=list)  # given to every article it brings
    etag: str | None = None
    last_modified: str | None = None
    added: datetime = field(default_factory=now)
    checked: datetime | None = None
    failed: str | None = None  # why the last refresh could not read it (None: it could)
    # An entry link's id -> the id its article took from its page's own (canonical) address,
    # when they differ: the entry is known at the next refresh without fetching its page.
    links: dict[str, str] = field(default_factory=dict)
    # The id of an article that kept its entry's summary because its page could not be
    # fetched -> how many later refreshes have tried that page again.
    retries: dict[str, int] = field(default_factory=dict)
    # What the last refresh had to say about its entries (a page not fetched, items skipped),
    # so that `reader feed ls` can list them again without refreshing.
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, url: str, *, title: str = "", tags: list[str] | None = None) -> Feed:
        return cls(id=stable_id(f"feed:{url}"), url=url, title=title, tags=normalize_tags(tags or []))


EntityType = Literal["PER", "LOC", "ORG", "MISC", "DATE"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PER", "LOC", "ORG", "MISC", "DATE")
ENTITY_LABELS: dict[EntityType, str] = {
    "PER": "People", "LOC": "Places", "ORG": "Organisations", "MISC": "Other names", "DATE": "Dates",
}


@dataclass(frozen=True)
class Entity:
    """A mention: `text` is what the article says, `name` the entity's one canonical name."""

    start: int
    end: int
    type: EntityType
    text: str
    name: str


QuoteKind = Literal["speech", "term"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("speech", "term")


@dataclass(frozen=True)
class Quote:
    """A direct quote: [start, end) covers the marks, `text` what is inside them.

    `partial` marks a quoted fragment inside the writer's own sentence ("dragging their
    feet"); `speaker` is the canonical name of the person or organisation (a PER or ORG
    entity) who said it, or None when nobody is named. `kind` tells someone's words
    ("speech") from a name, title or scare quote ("term": the film "Ray", the "war on
    terror"), which never has a speaker.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    partial: bool = False
    kind: QuoteKind = "speech"


# Bump when the tagger, its model, the name rules or the quote rules change: a stored
# analysis of another version is computed again. Here, not in reader.core.analysis, so
# checking a stored one does not import the tagger.
ANALYZER_VERSION = 33


@dataclass(frozen=True)
class Analysis:
    version: int
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
