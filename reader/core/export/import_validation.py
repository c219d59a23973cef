"""Checking an import file before anything is written: reader's JSON export, or W3C Web
Annotations (ours or anyone's), turned into articles and notes or refused with `Invalid`.

Pure: it reads only the parsed JSON it is given, never the library, so a file with any
fault is refused whole (`importing.import_notes` names the file) and nothing is stored.
Placing the notes on the library's articles is `import_apply`'s job.

Files come from anywhere, so nothing in one may end in a traceback: every value is read
through `import_values`' checks; W3C files through `import_w3c`.
"""

from __future__ import annotations

from typing import Any

from reader.core.blocktext import merge_marks
from reader.core.export import json_format, w3c
from reader.core.export.import_values import (
    MAX_LEVEL, Invalid, Parsed, ParsedNote, as_anchor, as_bool, as_color, as_datetime, as_dict, as_id, as_int,
    as_list, as_selector, as_str, at, check_depth, check_version, opt_date, opt_text, shown, str_list,
)
from reader.core.export.import_w3c import looks_w3c, parse_w3c
from reader.core.links import safe_href
from reader.core.feeds.local import is_file_url
from reader.core.model import BLOCK_KINDS, MARK_KINDS, Annotation, Article, Block, Feed, Mark, normalize_tags
from reader.core.sanitize import sanitize
from reader.core.urls import is_http_url


def parse_file(data: Any) -> Parsed:
    """The articles and notes in a reader JSON export or a W3C file, or `Invalid`."""
    check_depth(data)
    if isinstance(data, dict) and "format" in data:
        if data["format"] != json_format.FORMAT_NAME:
            raise Invalid(f"format {shown(data['format'])} is not a reader export ({json_format.FORMAT_NAME!r})")
        return _parse_json(data)
    if looks_w3c(data):
        return parse_w3c(data)
    raise Invalid(
        "neither a reader JSON export (\"format\": \"reader-export\") nor W3C Web Annotations "
        "(an Annotation, an AnnotationCollection or AnnotationPage, or a list of Annotations)"
    )


# -- reader's JSON ------------------------------------------------------------------------------


def _parse_json(data: dict[str, Any]) -> Parsed:
    check_version(data.get("version"), "format version", json_format.FORMAT_VERSION)
    articles = [at(f"article {i + 1}", _article, item) for i, item in enumerate(as_list(data, "articles"))]
    notes = []
    for i, item in enumerate(as_list(data, "notes")):
        note = at(f"note {i + 1}", _note, item)
        notes.append(ParsedNote(note, note.article_id, f"{w3c.ARTICLE_URN}{note.article_id}"))
    feeds = [at(f"feed {i + 1}", _feed, item) for i, item in enumerate(_optional_list(data, json_format.FEEDS))]
    searches = [at(f"saved search {i + 1}", _named("a saved search", "query"), item)
                for i, item in enumerate(_optional_list(data, json_format.SEARCHES))]
    merges = [at(f"entity merge {i + 1}", _named("an entity merge", "into"), item)
              for i, item in enumerate(_optional_list(data, json_format.MERGES))]
    return Parsed("json", articles, notes, feeds, searches, merges)


def _optional_list(data: dict[str, Any], key: str) -> list[Any]:
    """A list an older export does not have (read as empty)."""
    return as_list(data, key) if key in data else []


def _feed(item: Any) -> Feed:
    """A subscription (`json_format.FEED_FIELDS`): an http(s) or feed file address, its tags,
    and which entries are which articles (`links`, `retries`: pairs of reader ids)."""
    record = as_dict(item, "a feed")
    url = sanitize(as_str(record.get("url"), "url")).strip()
    if not (is_http_url(url) or is_file_url(url)):
        raise Invalid(f"address {shown(url)} is not an http(s) or file: URL")
    retries = _id_map(record.get("retries", {}), "retries", lambda v: as_int(v, "retries count"))
    return Feed(
        id=as_id(record.get("id"), "id"),
        url=url,
        title=sanitize(as_str(record.get("title", ""), "title")),
        site_url=opt_text(record.get("site_url"), "site_url"),
        tags=normalize_tags(str_list(record.get("tags", []), "tags")),
        added=as_datetime(record.get("added"), "added"),
        links=_id_map(record.get("links", {}), "links", lambda v: as_id(v, "links article")),
        retries={k: min(v, 99) for k, v in retries.items()},
    )


def _id_map(value: Any, what: str, read: Any) -> dict[str, Any]:
    mapping = as_dict(value, what)
    return {as_id(key, f"{what} key"): read(v) for key, v in mapping.items()}


def _named(what: str, key: str) -> Any:
    """A reader of {"name", key}: a saved search's query, an entity merge's target name."""

    def read(item: Any) -> tuple[str, str]:
        record = as_dict(item, what)
        name = sanitize(as_str(record.get("name"), "name")).strip()
        value = sanitize(as_str(record.get(key), key)).strip()
        if not name or not value:
            raise Invalid(f"{what} needs a name and {'a' if key == 'query' else 'an'} {key!r}")
        return name, value

    return read


def _article(item: Any) -> Article:
    record = as_dict(item, "an article")
    blocks = [_block(b) for b in as_list(record, "blocks")]
    article = Article(
        id=as_id(record.get("id"), "id"),
        title=sanitize(as_str(record.get("title"), "title")),
        blocks=blocks,
        author=opt_text(record.get("author"), "author"),
        source=opt_text(record.get("source"), "source"),
        url=opt_text(record.get("url"), "url"),
        published=opt_date(record.get("published"), "published"),
        added=as_datetime(record.get("added"), "added"),
        word_count=as_int(record.get("word_count", 0), "word_count"),
        tags=normalize_tags(str_list(record.get("tags", []), "tags")),
        starred=as_bool(record.get("starred", False), "starred"),
        read=as_bool(record.get("read", False), "read"),
        position=as_int(record.get("position", 0), "position"),
        feed=opt_text(record.get("feed"), "feed"),
    )
    return article


def _block(item: Any) -> Block:
    block = as_dict(item, "a block")
    kind = block.get("kind")
    if kind not in BLOCK_KINDS:
        raise Invalid(f"block kind {shown(kind)} is not one of {', '.join(BLOCK_KINDS)}")
    text = sanitize(as_str(block.get("text"), "block text"))
    level = block.get("level", 0)
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= MAX_LEVEL:
        raise Invalid(f"block level {shown(level)} is not a whole number from 0 to {MAX_LEVEL}")
    marks = block.get("marks", [])
    if not isinstance(marks, list):
        raise Invalid(f"block marks {shown(marks)} are not a list")
    return Block(kind, text, level, merge_marks([_mark(m, len(text)) for m in marks]))


def _mark(item: Any, length: int) -> Mark:
    """A mark over [start, end) of its block's text; a link's address must be http(s) or mailto."""
    mark = as_dict(item, "a mark")
    kind = mark.get("kind")
    if kind not in MARK_KINDS:
        raise Invalid(f"mark kind {shown(kind)} is not one of {', '.join(MARK_KINDS)}")
    start, end = as_int(mark.get("start"), "mark start"), as_int(mark.get("end"), "mark end")
    if not 0 <= start < end <= length:
        raise Invalid(f"mark {start}-{end} is outside its block's text (0-{length})")
    if kind != "link":
        return Mark(start, end, kind)
    href = mark.get("href")
    safe = safe_href(href)
    if safe is None:
        raise Invalid(f"link address {shown(href)} is not an http(s) or mailto URL")
    return Mark(start, end, kind, safe)


def _note(item: Any) -> Annotation:
    record = as_dict(item, "a note")
    selector = as_dict(record.get("selector"), "selector")
    return Annotation(
        id=as_id(record.get("id"), "id"),
        article_id=as_id(record.get("article_id"), "article_id"),
        selector=as_selector(selector.get("exact"), selector.get("prefix", ""), selector.get("suffix", ""),
                           selector.get("start"), selector.get("end")),
        note=sanitize(as_str(record.get("note", ""), "note")),
        tags=normalize_tags(str_list(record.get("tags", []), "tags")),
        color=as_color(record.get("color", 1)),
        created=as_datetime(record.get("created"), "created"),
        updated=as_datetime(record.get("updated"), "updated"),
        anchor=as_anchor(record.get("anchor", {})),
    )


# -- W3C ----------------------------------------------------------------------------------------
