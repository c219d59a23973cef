"""`reader search QUERY`: notes (or, with --articles, articles) that match, best first.

Matched words are marked (bold, reverse video) only when stdout is a terminal; piped output
carries no escape code at all. Every piece of library text is sanitised before it is printed,
and the marks are added after, so nothing an article says can reach the terminal as a control
sequence. A malformed query is one message plus the query with a caret under the spot, on
stderr, exit 1. No match is not an error: "No matches." (and any "did you mean") with exit 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from reader.cli.output import clip, column, print_json, say, warn
from reader.core.quotemarks import opens_with_marks
from reader.core.sanitize import sanitize
from reader.core.store import Library

MARK_ON, MARK_OFF = "\x1b[1;7m", "\x1b[0m"
QUOTE_CHARS, NOTE_CHARS, NOTE_LINES, EXCERPT_CHARS, TITLE_CHARS = 200, 300, 3, 240, 60

Spans = Sequence[Sequence[int]]


def fields_help() -> str:
    """The query language for `reader search --help`, read from the one table of fields."""
    from reader.core.search.fields import FIELDS

    width = max(len(name) for name in FIELDS) + 1
    lines = [
        "query: words (all must match; a word also matches longer words: negotiat),",
        '  "exact phrases", OR between alternatives (upper case), -word, -"a phrase" or',
        '  -field:value to exclude, (parentheses) to group, and field:value or field:"a b":',
        *(f"  {column(name + ':', width)} {field.help}" for name, field in FIELDS.items()),
        "",
        "With no field, a word searches a note's words, its passage, its tags and its article's",
        "title (with --articles: an article's title, text, source, author and tags).",
    ]
    return "\n".join(lines)


def marked(text: str, spans: Spans | None, limit: int, tty: bool) -> str:
    """`text` cut to `limit` characters, sanitised, matched spans marked if `tty`.

    Each piece is sanitised on its own and the escape codes go in between, so a mark never
    depends on (or lets through) what the text contains.
    """
    cut = len(text) > limit
    if cut:
        text = text[: limit - 1]
    pieces, at = [], 0
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in (spans or ()) if tty):
        if start < at or start >= end:
            continue
        pieces += [sanitize(text[at:start]), MARK_ON + sanitize(text[start:end]) + MARK_OFF]
        at = end
    pieces.append(sanitize(text[at:]))
    return "".join(pieces) + ("…" if cut else "")


def _day(value: date | datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)


def _note_part(note: str, spans: Spans | None, tty: bool) -> list[str]:
    """The note's first lines, marked, indented."""
    lines = note.splitlines()
    shown = "\n".join(lines[:NOTE_LINES])
    limit = min(NOTE_CHARS, len(shown) + (1 if len(lines) > NOTE_LINES else 0))
    text = marked(note, spans, limit, tty)
    if len(lines) > NOTE_LINES and not text.endswith("…"):
        text += "…"
    return [f"  {line}" for line in text.splitlines()]


def article_tags(tags: Sequence[str]) -> str:
    """An article's tags on a note's line, said to be the article's (the note's own are below)."""
    return "article " + " ".join(f"#{t}" for t in tags) if tags else ""


def note_block(hit: Any, tty: bool) -> str:
    """The article's title, date and tags; the passage; the note; the note's own tags."""
    marks = hit.marks or {}
    title = marked(hit.title or "(no article)", marks.get("title"), TITLE_CHARS, tty)
    about = [p for p in (_day(hit.date), sanitize(article_tags(getattr(hit, "article_tags", ())))) if p]
    lines = [f"{hit.id[:8]}  {title}" + "".join(f" · {p}" for p in about)]
    if hit.quote:
        passage = marked(hit.quote, marks.get("quote"), QUOTE_CHARS, tty)
        lines.append(f"  {passage}" if opens_with_marks(hit.quote) else f"  “{passage}”")
    if hit.note:
        lines += _note_part(hit.note, marks.get("note"), tty)
    if hit.tags:
        lines.append("  " + sanitize(" ".join(f"#{t}" for t in hit.tags)))
    return "\n".join(lines)


def article_block(hit: Any, source: str | None, tty: bool) -> str:
    marks = hit.marks or {}
    title = marked(hit.title or "(untitled)", marks.get("title"), TITLE_CHARS, tty)
    meta = " · ".join(p for p in (sanitize(source or ""), _day(hit.date)) if p)
    lines = [f"{hit.id[:8]}  {title}" + (f" · {meta}" if meta else "")]
    if hit.excerpt:
        excerpt_marks = marks.get("excerpt", marks.get("text"))
        lines.append(f"  {marked(hit.excerpt, excerpt_marks, EXCERPT_CHARS, tty)}".replace("\n", " "))
    if hit.tags:
        lines.append("  " + sanitize(" ".join(f"#{t}" for t in hit.tags)))
    return "\n".join(lines)


def hit_json(hit: Any) -> dict[str, Any]:
    """One hit; "date" is the article's, as the text output and the app show it (a note's
    own day is "created"; "tags" are the note's own, its article's "article_tags")."""
    notes = {"created": _day(hit.created) or None, "article_date": _day(hit.date) or None,
             "article_tags": list(hit.article_tags)}
    return {
        "kind": hit.kind,
        "id": hit.id,
        "article_id": hit.article_id,
        "title": hit.title,
        "date": _day(hit.date) or None,
        "quote": hit.quote,
        "note": hit.note,
        "tags": list(hit.tags or ()),
        "score": hit.score,
        "marks": {name: [list(span) for span in spans] for name, spans in (hit.marks or {}).items()},
        **(notes if hit.kind == "note" else {}),
        **({"excerpt": hit.excerpt} if hit.kind == "article" else {}),  # "text" marks are relative to it
    }


def suggestion_lines(suggestions: dict[str, list[str]] | None) -> list[str]:
    """One line per query word that matched nothing and has near terms in the index."""
    return [
        f"no match for {sanitize(word)!r}: did you mean " + ", ".join(sanitize(n) for n in near[:5]) + "?"
        for word, near in (suggestions or {}).items() if near
    ]


def query_failed(query: str, error: Any) -> int:
    """The parser's message, then the query with a caret under the spot, on stderr."""
    warn(error.message)
    for line in error.pointer(query).splitlines():
        print(f"  {sanitize(line)}", file=sys.stderr)
    return 1


def search(library: Library, args: argparse.Namespace) -> int:
    from reader.core.search.query import QueryError, parse

    args.query = " ".join(word.strip() for word in args.query)
    try:
        node = parse(args.query)
    except QueryError as error:
        return query_failed(args.query, error)
    if args.save:
        library.save_search(args.save, args.query)
        print(f"saved as {sanitize(args.save)!r}: the app lists it with its views", file=sys.stderr)
    from reader.core.search.index import SearchIndex  # only once the query is known to be good

    if library.unanalysed():  # a page `reader add` just stored: its names and speakers first
        from reader.core.analysis import analyse_missing

        analyse_missing(library)
    index = SearchIndex.build(library)
    result = index.search(node, articles=args.articles, limit=args.limit)
    if index.names_unsaved:  # person:/said-by: worked out who is who: keep it for the next search
        index.save_cache()
    from reader.core.search.hints import operator_hints, without_operator_words

    hints = operator_hints(node)  # "NOT spin": hits or none, the query was not read as meant
    suggestions = suggestion_lines(without_operator_words(result.suggestions, hints)) if not result.hits else []
    suggestions += hints
    if args.json:
        print_json([hit_json(h) for h in result.hits])
    else:
        tty = sys.stdout.isatty()
        sources = {a.id: a.source for a in library.articles()} if args.articles else {}
        for hit in result.hits:
            print(article_block(hit, sources.get(hit.id), tty) if args.articles else note_block(hit, tty))
        if not result.hits:
            say("No matches.")
        elif result.total > len(result.hits):
            say(f"{len(result.hits)} of {result.total:,} matches (--limit shows more)")
        else:
            say(f"{result.total} match" + ("" if result.total == 1 else "es"))
    for line in suggestions:
        warn(clip(line, 160))
    return 0


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number
