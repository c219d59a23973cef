"""The baseline of bench/search.py: a reader query answered by a TinyDB `Query` scan.

The query is parsed once with the reader's parser and translated into one TinyDB `Query`
over annotation records, with the same predicate the reader's fields define (word prefix
match; phrases as a word regex; person:/said-by: over the article's stored analysis and
is:starred over the article index, both read into dicts once, untimed: generous to TinyDB).
Two engines run it: every notes shard read by TinyDB's own JSONStorage, and one in-memory
table (the predicate scan alone).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from reader.core.search import nodes
from reader.core.search.fields import FIELDS, NOTE_DEFAULT_FIELDS
from reader.core.search.when import parse_when
from reader.core.store import Library
from reader.core.store.layout import NOTES_TABLE, Layout

# -- the baseline: the query as one TinyDB Query ------------------------------------------------


class ArticleFacts:
    """What a note-level predicate needs to know about its article (read once, untimed)."""

    def __init__(self, library: Library) -> None:
        self.title: dict[str, str] = {}
        self.source: dict[str, str] = {}
        self.author: dict[str, str] = {}
        self.tags: dict[str, list[str]] = {}
        self.starred: set[str] = set()
        self.unread: set[str] = set()
        self.entities: dict[str, dict[str, list[str]]] = {}  # article -> type -> casefolded names
        self.speakers: dict[str, list[str]] = {}
        for article in library.articles():
            self.title[article.id] = article.title
            self.source[article.id] = article.source or ""
            self.author[article.id] = article.author or ""
            self.tags[article.id] = article.tags
            if article.starred:
                self.starred.add(article.id)
            if not article.read:
                self.unread.add(article.id)
            analysis = library.analysis(article.id)
            by_type: dict[str, list[str]] = {}
            for entity in analysis.entities if analysis else []:
                by_type.setdefault(entity.type, []).append(entity.name.casefold())
            self.entities[article.id] = by_type
            self.speakers[article.id] = [q.speaker.casefold() for q in (analysis.quotes if analysis else []) if q.speaker]


def _word_regex(word: str, prefix: bool = True) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(word) + (r"" if prefix else r"\b"), re.IGNORECASE)


def _phrase_regex(text: str) -> re.Pattern[str]:
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in text.split()) + r"\b", re.IGNORECASE)


def translate(node: nodes.Node | None, facts: ArticleFacts, today: date) -> Any:
    """The reader's query tree as a TinyDB QueryInstance over annotation records."""
    q = Query()
    if node is None:
        return q.noop()
    if isinstance(node, nodes.And):
        result = translate(node.operands[0], facts, today)
        for operand in node.operands[1:]:
            result = result & translate(operand, facts, today)
        return result
    if isinstance(node, nodes.Or):
        result = translate(node.operands[0], facts, today)
        for operand in node.operands[1:]:
            result = result | translate(operand, facts, today)
        return result
    if isinstance(node, nodes.Not):
        return ~translate(node.operand, facts, today)
    if isinstance(node, (nodes.Term, nodes.Phrase)):
        pattern = _word_regex(node.text.casefold()) if isinstance(node, nodes.Term) else _phrase_regex(node.text)
        fields = (node.field,) if node.field else NOTE_DEFAULT_FIELDS
        parts = []
        for name in fields:
            if name == "note":
                parts.append(q.note.search(pattern.pattern, flags=re.IGNORECASE))
            elif name == "quote":
                parts.append(q.selector.exact.search(pattern.pattern, flags=re.IGNORECASE))
            elif name == "tag":
                parts.append(q.tags.test(lambda tags, p=pattern: any(p.match(t) for t in tags)))
            elif name in ("title", "source", "author"):
                table = getattr(facts, name)
                parts.append(q.article_id.test(lambda a, p=pattern, t=table: bool(p.search(t.get(a, "")))))
            elif name == "text":  # not in the mix: the baseline does not hold article bodies
                parts.append(q.noop())
        result = parts[0]
        for part in parts[1:]:
            result = result | part
        return result
    assert isinstance(node, nodes.Filter)
    field, value = FIELDS[node.field], node.value.casefold()
    if field.kind == "tag":
        return q.tags.test(lambda tags: any(t.startswith(value) for t in tags)) | q.article_id.test(
            lambda a: any(t.startswith(value) for t in facts.tags.get(a, ())))
    if field.kind == "entity":
        types = field.entity_types
        return q.article_id.test(lambda a: any(
            value in name for kind in types for name in facts.entities.get(a, {}).get(kind, ())))
    if field.kind == "speaker":
        return q.article_id.test(lambda a: any(value in s for s in facts.speakers.get(a, ())))
    if field.kind == "color":
        return q.color == int(value)
    if field.kind == "has":
        return q.note.test(lambda n: bool(n.strip()))
    if field.kind == "is":
        if value == "starred":
            return q.article_id.test(lambda a: a in facts.starred)
        if value == "unread":
            return q.article_id.test(lambda a: a in facts.unread)
        return q.noop()  # annotated: every note's article is
    since = parse_when(node.value, today, end=field.name == "until").isoformat()
    if field.name == "since":
        return q.created.test(lambda c: c[:10] >= since)
    return q.created.test(lambda c: c[:10] <= since)


class TinyFiles:
    """Every notes shard, opened with TinyDB's default JSONStorage (read-only)."""

    def __init__(self, home: Path) -> None:
        self.dbs = [TinyDB(path, access_mode="r") for path in Layout(home).shards()]
        self.tables = [db.table(NOTES_TABLE) for db in self.dbs]

    def search(self, condition: Any) -> int:
        return sum(len(table.search(condition)) for table in self.tables)

    def reset(self) -> None:
        for table in self.tables:
            table.clear_cache()

    def close(self) -> None:
        for db in self.dbs:
            db.close()


class TinyMemory:
    """All notes in one TinyDB table on MemoryStorage: the predicate scan with no file reads."""

    def __init__(self, home: Path) -> None:
        self.db = TinyDB(storage=MemoryStorage)
        self.table = self.db.table(NOTES_TABLE)
        for path in Layout(home).shards():
            with TinyDB(path, access_mode="r") as shard:
                self.table.insert_multiple(shard.table(NOTES_TABLE).all())

    def search(self, condition: Any) -> int:
        return len(self.table.search(condition))

    def reset(self) -> None:
        self.table.clear_cache()

    def close(self) -> None:
        self.db.close()
