"""Files on disk and web pages -> Articles.

One entry point per job: `collect_paths` turns what the user named (files, folders) into
files to read, `load_file` reads one of them (.txt, .md, .html), and `load_url` fetches
and reads a web page. Every failure is an `IngestError` with a
reason meant for the user, so a batch import can report each bad file and go on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import unescape as unescape_entities
from pathlib import Path

from reader.core.ingest.files import IngestError, read_text
from reader.core.ingest.html import HTML_SUFFIXES, load_html, load_url
from reader.core.model import Article
from reader.core.sanitize import count_unsafe

__all__ = ["SUFFIXES", "Imported", "IngestError", "collect_paths", "load_file", "load_html", "load_url"]

TEXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


@dataclass
class Imported:
    """An article read from a file, plus what the user should know about how it was read."""

    article: Article
    warnings: list[str]


def load_file(path: Path) -> Imported:
    """Read one .txt, .md or .html file into an Article; raise IngestError saying why not."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(path, _not_an_article(path, suffix))
    if suffix in HTML_SUFFIXES:
        return _load_html_file(path)
    text, warnings = read_text(path)
    if suffix in MARKDOWN_SUFFIXES:
        from reader.core.ingest.markdown import parse_markdown  # markdown-it: only for Markdown

        article = parse_markdown(text)
        unsafe = count_unsafe(unescape_entities(text))  # entities decode to controls too
    else:
        from reader.core.ingest.text import parse_text  # its rules load only for .txt

        article = parse_text(text)
        unsafe = count_unsafe(text)
    if not article.blocks:
        raise IngestError(path, "no article text found")
    if unsafe:
        warnings.append(f"removed {unsafe} control or bidi character{'s' * (unsafe != 1)}")
    return Imported(article, warnings)


def _not_an_article(path: Path, suffix: str) -> str:
    """Why a file of another type is not read: a feed or OPML file is subscribed to."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        head = b""
    return _subscribable(path, head) or f"unsupported file type {suffix or '(none)'} (reader reads .txt, .md and .html)"


def _subscribable(path: Path, head: bytes) -> str:
    """What to do with a feed or OPML list given as an article (from its first bytes), or ""."""
    import shlex

    from reader.core.feeds.sniff import head_text, looks_like_feed, root_element

    subscribe = f"subscribe with `reader feed add {shlex.quote(str(path))}`"
    if root_element(head_text(head)) == "opml":
        return f"this is an OPML list of feeds, not an article: {subscribe}"
    if looks_like_feed(head):
        return f"this is a feed, not an article: {subscribe}"
    return ""


def _load_html_file(path: Path) -> Imported:
    from reader.core.ingest.files import MAX_BYTES, MB

    try:
        if path.is_dir():
            raise IngestError(path, "is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(path, f"file is {size / MB:.1f} MB; the limit is {MAX_BYTES // MB} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file or directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None
    if not data.strip():
        raise IngestError(path, "empty file")
    if why := _not_a_page(path, data):
        raise IngestError(path, why)
    return load_html(data, path=path)


def _not_a_page(path: Path, data: bytes) -> str:
    """Why an .html file is no web page, when its bytes say it plainly: a feed saved under
    that name (subscribed to), or JSON (which read as one run-on paragraph)."""
    import json

    from reader.core.feeds.sniff import looks_like_feed

    head = data[:8192]
    if looks_like_feed(head):
        return _subscribable(path, head)
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except ValueError:
            return ""
        return "holds JSON data, not a web page (a reader export is read back with `reader import-notes`)"
    return ""


def collect_paths(paths: list[Path], skipped: list[Path] | None = None) -> tuple[list[Path], list[IngestError]]:
    """Expand folders (recursively, sorted, readable suffixes, no hidden entries); keep files.
    The files of other types a folder held are added to `skipped`, when given."""
    found: list[Path] = []
    errors: list[IngestError] = []
    for given in map(Path, paths):
        if given.is_dir():
            found.extend(_walk(given, skipped if skipped is not None else []))
        elif given.exists():
            found.append(given)
        else:
            errors.append(IngestError(given, "no such file or directory"))
    return list(dict.fromkeys(found)), errors


def _walk(root: Path, skipped: list[Path]) -> list[Path]:
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            (out if Path(name).suffix.lower() in SUFFIXES else skipped).append(Path(folder, name))
    return out
