"""Plain text and pasted web pages -> Article.

A page pasted from a browser carries its chrome with it ("Share", "2 min read", the
headline twice, teasers for other stories, the author's bio). The rules here drop that
by shape, not by matching particular sites, and find title, byline, date, captions and
subheadings the same way. Plain `.txt` articles (title line, blank line, one paragraph
per line, or hard-wrapped prose) go through the same path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reader.core.model import Article, Block
from reader.core.patterns import regex
from reader.core.sanitize import sanitize

TITLE_LIMIT = 80
_HEADER_MAX = 40  # the headline sits among the first lines of a page, not after line 40
UNTITLED = "Untitled"

_CHROME = frozenset(
    c.strip()
    for c in """news feed|show more|show less|read more|read less|load more|see more|view more
    |more|avatar|share|share this|share this article|share this story|share article|tweet
    |email|print|copy link|link copied|advertisement|advertising|ad|sponsored
    |sponsored content|subscribe|subscribe now|newsletter|log in|login|sign in|register|menu
    |search|close|skip to content|skip to main content|back to top|comments|comment
    |leave a comment|related|related articles|related stories|related posts|recommended
    |most read|most popular|trending|follow us|listen|listen to this article|save|bookmark
    |home|top stories|latest news|you may also like|more stories""".split("|")
)
_CHROME_RE = regex(
    r"\d+\s*-?\s*(?:min|mins|minute|minutes)\.?\s+(?:read|reading|listen)"
    r"|(?:sign up|subscribe|log in|sign in|register)\b.{0,100}"
    r"|\d+\s+comments?"
    r"|(?:share|follow)\s+(?:us\s+)?on\b.{0,40}",
    re.IGNORECASE,
)
_BIO_MARKERS = frozenset({"avatar", "about the author", "about the authors", "author bio"})
_BULLET = regex(r"^(?:[-*•–]\s|\d+[.)]\s)")
_SPACES = regex(r"[ \t\u00a0]{2,}")  # "Trump \u00a0has" pasted from a page: one space
_CLOSERS = "\"'”’)]»"
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on to for with at by from as vs via into over per up".split()
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_TOKEN = rf"[{_UPPER}][\w'’.-]*"
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|la|le|bin|al|el|ibn)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN}){{0,4}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+){_NAME})*"
_BYLINE = regex(rf"(?i:(?:written|words|reporting|story)\s+)?(?i:by)\s+({_NAMES})")
_PERSON = regex(rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}")
_ORG = rf"(?:The\s+)?[{_UPPER}][\w&'’-]*(?:\s+(?:(?:of|and|&|on)\s+)?[{_UPPER}][\w&'’-]*)*"
_ROLES = (
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer"
    r"|author|freelancer|photographer|intern|critic)"
)
_BIO_LINE = regex(
    rf"(?!(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)({_PERSON.pattern})\s+(?:is|was|has been)\s+(?:an?|the)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?{_ROLES}s?\b"
)
_BIO_SOURCE = regex(
    rf"\b(?:is|was|has been)\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,6}}?(?:at|for|with)\s+(?:the\s+)?({_ORG})"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
        "|september sep sept|october oct|november nov|december dec".split("|"),
        start=1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = regex(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b"
    rf"|\b(?P<mon1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})\b",
    re.IGNORECASE,
)
_TIME = regex(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|[ECMP][SD]?T))?", re.I)
_META_WORDS = regex(
    r"\b(?:date|dated|published|updated|posted|last|modified|on|at|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col capt lt sgt st jr sr inc ltd co corp no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = regex(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class _Line:
    text: str
    group: int  # lines in the same group had no blank line between them


def parse_text(text: str) -> Article:
    """Turn plain text or a pasted web page into an Article, dropping page chrome."""
    items = _lines(sanitize(text))
    end, bio_name, source = _find_bio(items)
    end = _strip_teasers(items, end)
    title: str | None = None
    author: str | None = None
    published: date | None = None
    blocks: list[Block] = []
    in_header = True
    for i, item in enumerate(items[:end]):
        s = item.text
        if is_chrome(s) or (title is not None and _same(s, title)):
            continue
        if in_header:
            meta = _meta(s)
            if meta is not None:
                published = published or meta[0]
                author = author or meta[1]
                continue
            headline = title is None and i < _HEADER_MAX and is_headline(s) and not is_caption(s)
            if headline and _body_after(items, i, end):
                title = s
                continue
            if not is_caption(s):
                in_header = False
        if is_caption(s):
            blocks.append(Block("caption", s))
        elif is_heading(s):
            blocks.append(Block("heading", s))
        else:
            blocks.append(Block("paragraph", s))
    # A "heading" with nothing after it is just a short last line.
    while blocks and blocks[-1].kind == "heading":
        blocks[-1] = Block("paragraph", blocks[-1].text)
    return Article.create(
        title or derive_title(blocks),
        blocks,
        author=author or bio_name,
        source=source,
        published=published,
    )


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their group; a hard-wrapped group becomes one line."""
    out: list[_Line] = []
    for group, chunk in enumerate(re.split(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+", text)):
        lines = [_SPACES.sub(" ", ln.strip()) for ln in chunk.split("\n") if ln.strip()]
        if _hard_wrapped(lines):
            lines = [" ".join(lines)]
        out.extend(_Line(ln, group) for ln in lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    return (
        len(lines) >= 2
        and all(50 <= len(ln) <= 80 for ln in lines[:-1])
        and len(lines[-1]) <= 80
        and not any(_BULLET.match(ln) for ln in lines[1:])
    )


def is_chrome(line: str) -> bool:
    """Navigation, sharing and advertising labels a browser copy drags along."""
    key = line.strip().rstrip(" .:!›»→>").casefold()
    return key in _CHROME or _CHROME_RE.fullmatch(key) is not None


def _bare(s: str) -> str:
    """`s` without trailing spaces, closing quotes and brackets."""
    return s.rstrip().rstrip(_CLOSERS)


def is_terminated(s: str) -> bool:
    """Ends like a finished sentence (a trailing ellipsis means truncated, not finished)."""
    bare = _bare(s)
    return bare[-1:] in (".", "!", "?") and not bare.endswith(("...", "…"))


def is_headline(s: str) -> bool:
    """Short, several words, and not ending like a sentence or clause."""
    words = s.split()
    if not 2 <= len(words) <= 25 or len(s) > 150 or _BULLET.match(s):
        return False
    bare = _bare(s)
    return bool(bare) and (bare[-1] not in ".,;:" or bare.endswith("..."))


def is_heading(s: str) -> bool:
    """A subheading inside the body: short, Title Case, no closing punctuation."""
    if len(s) > 80 or not s[0].isalnum():
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", s)
    if not 2 <= len(words) <= 12:
        return False
    if not _bare(s) or _bare(s)[-1] in ".,;:!" or s.rstrip().endswith(")"):
        return False
    significant = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant)


_CREDIT_WORDS = regex(
    r"\b(?:getty|afp|reuters|ap photo|associated press|epa|shutterstock|alamy|photo|photograph"
    r"|picture|image|images|credit|courtesy|via)\b",
    re.IGNORECASE,
)
_PAREN_TAIL = regex(r"\(([^()]{2,80})\)\s*$")
_CREDIT_LABEL = regex(
    r"\b(?:Photo|Photograph|Image|Picture|Credit|Illustration)s?(?:\s+by)?\s*:\s*\S.{0,80}$"
)
_CREDIT_END = regex(
    r"(?:[./|–—:]|\bvia)\s*(?:Getty Images|AFP|Reuters|REUTERS(?:/\S+(?:\s\S+)?)?|AP Photo(?:/.{1,40})?"
    r"|Shutterstock)\s*$"
)


def is_caption(s: str) -> bool:
    """A photo caption: ends with a picture credit."""
    paren = _PAREN_TAIL.search(s)
    if paren and paren.start() > 0:
        inner = paren.group(1)
        if re.fullmatch(r"[^,/]+ / [^,/]+", inner) or _CREDIT_WORDS.search(inner):
            return True
    if _CREDIT_LABEL.search(s):
        return True
    return not is_terminated(s) and _CREDIT_END.search(s) is not None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _body_after(items: list[_Line], i: int, end: int) -> bool:
    head = items[i].text
    return any(
        not is_chrome(it.text) and not _same(it.text, head) and _meta(it.text) is None
        for it in items[i + 1 : end]
    )


def parse_date(s: str) -> date | None:
    """The first date in `s` (ISO, "March 12, 2025" or "12 March 2025"), if valid."""
    m = _DATE.search(s)
    return _to_date(m) if m else None


def _to_date(m: re.Match[str]) -> date | None:
    try:
        if m.group("y"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("y1"):
            return date(int(m.group("y1")), _MONTHS[m.group("mon1").casefold()], int(m.group("d1")))
        return date(int(m.group("y2")), _MONTHS[m.group("mon2").casefold()], int(m.group("d2")))
    except ValueError:
        return None


def _meta(s: str) -> tuple[date | None, str | None] | None:
    """(date, author) when `s` is a header line holding only a date and/or a byline."""
    if len(s) > 120:
        return None
    found: date | None = None
    rest = s
    m = _DATE.search(s)
    if m:
        found = _to_date(m)
        rest = f"{s[: m.start()]} {s[m.end():]}"
    rest = _META_WORDS.sub(" ", _TIME.sub(" ", rest)).strip(" \t|·•,-–—:/")
    if not rest:
        return (found, None) if found else None
    by = _BYLINE.match(rest)
    if by is None or is_terminated(s):
        return None
    return found, _author(by.group(1))


def _author(names: str) -> str:
    """"A, B and C" stays whole; "A, Reuters" keeps only A."""
    names = names.strip(" ,")
    if "," in names and not re.search(r"\s(?:and|&)\s", names):
        names = names.split(",")[0]
    return names.strip()


def _find_bio(items: list[_Line]) -> tuple[int, str | None, str | None]:
    """Where the author's bio starts, the name in it, and the outlet it names.

    Either a marker line ("Avatar", "About the author") in the second half of the page, or,
    among the last lines, "<Name> is a reporter at <Outlet>." with the name and role lines
    just above it.
    """
    for i in range(len(items) // 2, len(items)):
        if items[i].text.rstrip(" :").casefold() in _BIO_MARKERS:
            rest = [it.text for it in items[i + 1 :] if not is_chrome(it.text)]
            name = next((t for t in rest[:3] if _PERSON.fullmatch(t) and len(t) <= 50), None)
            source = next((s for t in rest if (s := _bio_source(t))), None)
            return i, name, source
    tail = [i for i, it in enumerate(items) if not is_chrome(it.text)][-3:]
    for i in tail:
        m = _BIO_LINE.match(items[i].text)
        if m and i >= len(items) // 2:
            name, start = m.group(1), i
            if i >= 2 and _same(items[i - 2].text, name) and len(items[i - 1].text) <= 40:
                start = i - 2  # name line, role line
            elif i >= 1 and _same(items[i - 1].text, name):
                start = i - 1
            return start, name, _bio_source(items[i].text)
    return len(items), None, None


def _bio_source(text: str) -> str | None:
    m = _BIO_SOURCE.search(text)
    return m.group(1).rstrip(".") if m else None


def _strip_teasers(items: list[_Line], end: int) -> int:
    """Drop links to other stories at the end: a headline glued to an unfinished snippet."""
    while True:
        while end > 0 and is_chrome(items[end - 1].text):
            end -= 1
        if end >= 2 and _is_teaser(items[end - 2], items[end - 1]):
            end -= 2
            continue
        return end


def _is_teaser(head: _Line, snippet: _Line) -> bool:
    return (
        head.group == snippet.group
        and is_headline(head.text)
        and len(head.text.split()) >= 4
        and len(snippet.text) >= 100
        and not is_terminated(snippet.text)
        and not is_caption(snippet.text)
        and not _BULLET.match(snippet.text)
    )


def first_sentence(text: str) -> str:
    """The text up to the first sentence end; "U.S." and "Mr." do not end a sentence."""
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + 1
        if text[m.start()] == ".":
            word = text[:end].split()[-1].lstrip("\"'“‘([")
            if re.fullmatch(r"(?:[A-Za-z]\.)+", word) or word[:-1].casefold() in _ABBREVIATIONS:
                continue
        return text[: m.end()].rstrip()
    return text.strip()


def lead_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """A title from a lead paragraph: its first sentence, cut at a word to at most `limit` chars."""
    sentence = " ".join(first_sentence(text).split())
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def derive_title(blocks: list[Block]) -> str:
    """No headline found: use the lead sentence of the first paragraph."""
    lead = next((b for b in blocks if b.kind in ("paragraph", "blockquote")), None)
    lead = lead or (blocks[0] if blocks else None)
    return (lead_title(lead.text) if lead else "") or UNTITLED
