"""Stored records named the way the user knows them, for messages about damaged ones.

A record is stored under TinyDB's key, a long number (`records.doc_id`): a message names
the article, note or feed by the short id the CLI shows instead ("note 130ede5a"), a saved
search or an alias by its name, and says what is wrong as a sentence.
"""

from __future__ import annotations

from reader.core.store.layout import ALIASES_TABLE, ARTICLES_TABLE, FEEDS_TABLE, NOTES_TABLE, SEARCHES_TABLE
from reader.core.store.records import is_id, is_key, json_kind

SHORT_ID = 8  # as the CLI prints ids
KINDS = {
    ARTICLES_TABLE: "article",
    NOTES_TABLE: "note",
    FEEDS_TABLE: "feed",
    SEARCHES_TABLE: "saved search",
    ALIASES_TABLE: "alias",
}
_BY_ID = (ARTICLES_TABLE, NOTES_TABLE, FEEDS_TABLE)  # keyed by the record's id; the others by its name


def kind(table: str) -> str:
    return KINDS.get(table, f"{table} record")


def name(table: str, key: str, record: object) -> str:
    """'article 3f2a9c1b', "saved search 'talks'"; 'an article stored under the key 1234…' when
    neither the record nor its key gives one."""
    what = kind(table)
    if table in _BY_ID:
        found = id_of(key, record)
        if found:
            return f"{what} {found[:SHORT_ID]}"
    else:
        label = record.get("name") if isinstance(record, dict) else None
        if isinstance(label, str):
            return f"{what} {shorten(label)!r}"
    return f"{'an' if what[0] in 'aeiou' else 'a'} {what} stored under the key {shorten(key)}"


def id_of(key: str, record: object) -> str | None:
    """The id a record of an id-keyed table stands for: its own, or the one its key was made from."""
    stored = record.get("id") if isinstance(record, dict) else None
    if isinstance(stored, str) and is_id(stored):
        return stored
    if is_key(key):
        digits = format(int(key), "x")  # doc_id put a 1 before the id's hex digits
        if digits[:1] == "1" and is_id(digits[1:]):
            return digits[1:]
    return None


def malformed(table: str, key: str, record: object, problem: object) -> str:
    """'note 130ede5a: its record has no 'selector'' (problem: a MalformedRecord's text)."""
    return f"{name(table, key, record)}: its record {problem}"


def hidden(table: str, key: str, record: object) -> str:
    """A record TinyDB cannot hold (see storage.unreadable_keys), said as `malformed` does."""
    if not is_key(key):
        what = kind(table)
        return f"{'an' if what[0] in 'aeiou' else 'a'} {what} stored under the key {shorten(key)!r}: that key is no {what} id"
    return malformed(table, key, record, f"is {json_kind(record)}, not a record")


def shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else f"{text[:8]}…({len(text)} characters)"
