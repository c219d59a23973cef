"""The commands that change the user's state: notes, tags, star, read.

Each is one atomic change made by the Library on what is on disk now (the same calls the
app makes), so scripts can do everything the app can and two of them never undo each other.
"""

from __future__ import annotations

import argparse

from reader.cli.output import FAILED, OK, annotation_json, article_json, clip, print_json, say, warn
from reader.core.anchor import find_quote
from reader.core.model import Annotation, Article, normalize_tags
from reader.core.quotemarks import quoted
from reader.core.store import Library, NotFoundError



def note(library: Library, args: argparse.Namespace) -> int:
    if args.edit:
        return _edit_note(library, args)
    if args.delete:
        found = library.resolve_annotation(args.delete)
        gone = library.delete_annotation(found)
        if gone is None:
            raise NotFoundError(f"no note {found.id}: it was deleted meanwhile")
        _show_note(args, gone, f"deleted {gone.id[:8]}  {quoted(gone.quote, 60, clip)}" + (f"  {clip(gone.note, 60)}" if gone.note else ""))
        return OK
    article = library.article(library.resolve_article(args.id))
    start, end = find_quote(article.text, args.quote)
    annotation = library.annotate(article.id, start, end, note=args.note or "", tags=args.tag, color=args.color or 1)
    # The short id is what `--edit`/`--delete` take; a script reads the whole note from --json.
    _show_note(args, annotation, f"noted {annotation.id[:8]} on “{clip(article.title, 60)}”")
    return OK


def _edit_note(library: Library, args: argparse.Namespace) -> int:
    found = library.resolve_annotation(args.edit)
    edited = library.edit_annotation(
        found, note=args.note, add_tags=args.tag, remove_tags=args.untag, color=args.color,
    )
    tags = " ".join(f"#{t}" for t in edited.tags)
    _show_note(args, edited, f"edited {edited.id[:8]}  {tags}".rstrip())
    return _said_absent([t for t in normalize_tags(args.untag or []) if t not in found.tags], "the note")


def _show_note(args: argparse.Namespace, annotation: Annotation, line: str) -> None:
    if args.json:
        print_json(annotation_json(annotation))
    else:
        say(line)


def tag(library: Library, args: argparse.Namespace) -> int:
    article_id = library.resolve_article(args.id)
    if args.remove:
        before = library.article_state(article_id).tags
        article = library.tag_article(article_id, remove=args.tags)
        absent = [t for t in normalize_tags(args.tags) if t not in before]
    else:
        article, absent = library.tag_article(article_id, add=args.tags), []
    _show_article(library, args, article, " ".join("#" + t for t in article.tags) or "(no tags)")
    return _said_absent(absent, "the article")


def _said_absent(absent: list[str], what: str) -> int:
    """A tag to remove that was not there is most likely mistyped: said, and the exit says it."""
    if not absent:
        return OK
    warn(f"{what} had no tag {', '.join('#' + t for t in absent)}: nothing removed for it")
    return FAILED


def star(library: Library, args: argparse.Namespace) -> int:
    article = library.update_article(library.resolve_article(args.id), starred=not args.off)
    _show_article(library, args, article, "starred" if article.starred else "not starred")
    return OK


def read(library: Library, args: argparse.Namespace) -> int:
    article = library.update_article(library.resolve_article(args.id), read=not args.unread)
    _show_article(library, args, article, "read" if article.read else "unread")
    return OK


def _show_article(library: Library, args: argparse.Namespace, article: Article, state: str) -> None:
    if args.json:
        print_json(article_json(article, len(library.annotations(article.id))))
    else:
        say(f"{article.id[:8]}  {state}")
