"""Notes as Markdown for Obsidian and similar: one file per article under a folder.

Each file has YAML front matter (title, author, source, url, date, tags, id), the title
as a heading, then each highlight in text order as a blockquote (keeping the page's
emphasis, code and links inside it), a line with its colour and #tags, and its note
(Markdown, as written). Front matter values are JSON strings and arrays,
which YAML reads as they are whatever the title holds (`---`, quotes, newlines).
File names are a slug of the title and the id's first characters: only letters, digits
and hyphens, so no title can reach outside the folder.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from reader.core.export import ExportError
from reader.core.export.body_markdown import passage_markdown
from reader.core.export.common import gather
from reader.core.model import Annotation, Article
from reader.core.store import Library

SLUG_CHARS = 60
ID_CHARS = 8
_NOT_SLUG = re.compile(r"[^\w]+")
# Characters a YAML double-quoted scalar must not hold raw: controls, line and paragraph
# separators, format characters, lone surrogates.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def slug(title: str) -> str:
    """Lower-case words joined by hyphens; 'article' when nothing is left."""
    text = unicodedata.normalize("NFKC", title).lower()
    words = _NOT_SLUG.sub("-", text).replace("_", "-")
    words = re.sub(r"-+", "-", words).strip("-")[:SLUG_CHARS].strip("-")
    return words or "article"


def file_name(article: Article) -> str:
    return f"{slug(article.title)}-{article.id[:ID_CHARS]}.md"


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: JSON's, with every unprintable character escaped."""
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in quoted
    )


def front_matter(article: Article) -> str:
    fields: list[tuple[str, str]] = [("title", yaml_string(article.title))]
    for key, value in (("author", article.author), ("source", article.source), ("url", article.url)):
        if value:
            fields.append((key, yaml_string(value)))
    if article.published:
        fields.append(("date", yaml_string(article.published.isoformat())))
    fields.append(("tags", "[" + ", ".join(yaml_string(t) for t in article.tags) + "]"))
    fields.append(("id", yaml_string(article.id)))
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n"


def blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def one_line(text: str) -> str:
    return " ".join(text.split())


def quote_markdown(annotation: Annotation, article: Article | None = None) -> str:
    """The highlighted passage, with the page's emphasis, code and links inside it when it
    still stands where it was in `article`; else the quote's words as they were kept."""
    selector = annotation.selector
    blocks = article.blocks if article is not None else None
    if blocks is None or annotation.anchor.state == "orphan" or article.text[selector.start : selector.end] != selector.exact:
        return annotation.quote
    return passage_markdown(blocks, article.block_starts(), selector.start, selector.end)


def note_markdown(annotation: Annotation, article: Article | None = None) -> str:
    """The passage, then one line of its colour and tags, then the note as written: that
    line always stands between them, so a note opening with `>` never joins the passage's
    quote, and a `#word` line in the note is never taken for the tags."""
    parts = [blockquote(quote_markdown(annotation, article))]
    if annotation.anchor.state == "orphan":
        parts.append("*This passage is no longer in the article.*")
    tags = f" · Tags: {' '.join(f'#{tag}' for tag in annotation.tags)}" if annotation.tags else ""
    parts.append(f"Colour {annotation.color}{tags}")
    if annotation.note.strip():
        parts.append(annotation.note.strip("\n"))
    return "\n\n".join(parts)


def article_markdown(article: Article, notes: list[Annotation]) -> str:
    heading = f"# {one_line(article.title) or 'Untitled'}"
    sections = [heading, *(note_markdown(n, article) for n in notes)]
    return front_matter(article) + "\n" + "\n\n".join(sections) + "\n"


def export_markdown(
    library: Library, folder: Path, article_id: str | None = None, *, include_empty: bool = False
) -> list[Path]:
    """Write one file per article with notes (every article with `include_empty`); the paths written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the export folder ({error.strerror})") from error
    written: list[Path] = []
    root = folder.resolve()
    for article, notes in gather(library, article_id):
        if not notes and not include_empty:
            continue
        path = folder / file_name(article)
        if path.resolve().parent != root:  # a slug is letters, digits and hyphens; never happens
            raise ExportError(f"{path}: refusing to write outside {folder}")
        try:
            path.write_text(article_markdown(article, notes), encoding="utf-8")
        except OSError as error:
            raise ExportError(f"{path}: cannot be written ({error.strerror})") from error
        written.append(path)
    return written
