"""Who wrote a web page's article: the byline by the headline, cleaned to people's names.

A byline says more than names ("Von Claus Boelen-Theile 19.10.19, 08:00 Uhr", "Por
Williams Perdomo @wperdomod -", "Autor/in: Korinna Hennig"); and pages name other people
in author-like places (commenters, the authors of teasers for other stories), so only a
byline close to the headline, outside comment sections, counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from reader.core.ingest.dates import MONTHS, WEEKDAYS
from reader.core.ingest.pagetext import PageText, lines, visible
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
    "byl", "citation_author", "og:article:author",
)
_AUTHOR_MARK = regex(r"author|byline|autor|writer|verfasser|firma|auteur|creator", re.I)
# a class or id token of a comment section, a teaser or a sidebar ("comment-author", "c-article-card__author")
_ELSEWHERE = regex(
    r"(?:^|[-_])(?:comments?|commentlist|kommentare?|replies|reply|respond|discussion|disqus|teasers?|related"
    r"|cards?|slider|widgets?|sidebar)(?:$|[-_])",
    re.I,
)
ANCESTOR_DEPTH = 8
_PREFIX = regex(
    r"^(?:(?:written|posted|published|reported|story|text|words|photos?|erstellt|veröffentlicht|geschrieben|verfasst"
    r"|ein\s+beitrag|publicado|escrito|publié|écrit|pubblicato|scritto|opublikowano)\s+)?"
    r"(?:by|von|vom|por|par|de|di|da|door|av|af|przez|autor(?:/?in)?|author|auteur|autore|texto?)\b[\s:]*",
    re.I,
)
# where a byline's names end: a date or time, a count ("54 Kommentare"), a link
_DATE_OR_TIME = regex(r"\s(?:\d|am\s+\d|on\s+\d|le\s+\d|el\s+\d|il\s+\d|em\s+\d|\|).*$", re.I)
_HANDLE = regex(r"@\w+")
_CREDIT = regex(
    r"^\W*(?:photo|photograph|foto|bild|image|illustration|grafik|credit|crédit|quelle|source|courtesy|cortes[ií]a)", re.I
)
_SPLIT = regex(r"\s*[,;|/&+]\s*|\s+(?:and|und|y|et|e|i|oraz|en|och|og)\s+")
_PARTICLES = frozenset("de da di do dos das du del della der den van von vom zu la le el al bin ibn ben y".split())
# words that are not a person's name: byline labels, newsroom roles, organisations
_GENERIC = frozenset(
    "admin administrator redaktion redaction rédaction redacción redazione editor editors editorial staff team newsroom "
    "guest gast anonymous anonym unknown autor author autorin dpa afp ap reuters red veröffentlicht published posted "
    "publicado publié pubblicato aktualisiert updated erstellt geschrieben written verfasst "
    # what stands in an author's place but names nobody: the story itself, a photo, a label
    "article artikel artículo articolo artigo post beitrag beiträge story nota noticia foto fotos photo photos cortesía "
    "cortesia courtesy more mehr aktuell aktuelles stand zuletzt hace vor autoreninfo autorinfo authors autoren "
    "autores via data allgemeines".split()
)
_NAMES_LIKE_DATES = frozenset("jan may mai maj june juni august april avril mar".split())
# a writer's role, printed after the name in sentence case in some bylines ("Education editor")
_ROLES = frozenset(
    "editor correspondent reporter writer columnist contributor critic journalist journaliste rédacteur rédactrice "
    "periodista redactor redactora corresponsal giornalista".split()
)
_BUTTONS = frozenset("follow folgen seguir suivre share teilen search suche more mehr".split())
# a label's or a sentence's first word, never a name's ("Zur Person", "Alle Beiträge", "Um den …")
_NEVER_FIRST = frozenset("zur zum alle über mehr unsere unser um im mit für bei nach so our all about".split())
_ORGANISATION = regex(
    r"&\s*co\b|\bco\.|\b(?:e\.\s?v|gmbh|ag|inc|ltd|llc|corp|verlag|verband|institut|institute|ministerium|ministry|stiftung"
    r"|foundation|fraktion|\w+fraktion|partei|party|zeitung|magazin|magazine|news|online|media|redaktion|agentur"
    r"|agency|university|universität|universidad|press|presse|team|group|gruppe)\b\.?",
    re.I,
)
_CONNECTED = regex(r"[^\W\d_]{3,}\s+(?:für|fuer|for|of|des|pour|para)\s+[A-ZÀ-Þ]")  # "Anstalt für Wald"
_LICENSE = regex(r"\bcc[- ]by\b|\bgfdl\b|creative\s+commons|\bown\s+work\b|public\s+domain|wikimedia", re.I)
_ENDS_WITH_LABEL = regex(r"(?:^|\s)(?:by|von|por|par|door|av|przez|autor(?:/?in)?|author|auteur)\s*:?$", re.I)
_LATE_LABEL = regex(r"\s(?:by|von|por|par)\s", re.I)
_LETTERS = regex(r"[^\W\d_]+")
_DATE_LINKS = frozenset(
    "on am le el de del of at um à th st nd rd published posted updated veröffentlicht erstellt aktualisiert publicado "
    "publié publicada pubblicato".split()
)
_LABEL_COLON = regex(r"^[^\W\d_]+\s*:")
_GLUED_DIGITS = regex(r"^[^\W\d_]{2,}\d+\W*$")
_NAME_WORD = regex(r"^(?:[^\W\d_][\w'’\-]*\.?|[^\W\d_]\.)$")
_BYLINE_LINE = regex(
    r"(?:^|\s)((?:(?:[Ee]rstellt|[Vv]eröffentlicht|[Gg]eschrieben|[Ww]ritten|[Pp]osted|[Pp]ublicado|[Ee]scrito|[Pp]ublié)\s+"
    r"(?:von|by|por|par)|By|Von|Por|Par|Door|Di|Av|Autor(?:/in)?:|Author:|Text:|Texto:)\s+[^\W\d_][^|•·\n]{2,60})"
)
LIST_REPEATS = 3  # an author slot repeated this often belongs to a list of teasers or comments
KIN_DEPTH = 3  # levels above the headline within which a byline may close the article
_CONTAINERS = frozenset({"html", "body", "main", "article", "section"})
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 60


def near(
    tree: HtmlElement, page: PageText, headline: HtmlElement | None, before: int, after: int,
    *, marked_only: bool = False,
) -> list[str]:
    """Texts of author-like elements near the headline (inside the article when there is
    no headline), and (unless `marked_only`) a "By …" line right under it."""
    anchor = headline if headline is not None else tree.find(".//article")
    if anchor is None:
        return []
    marked = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in _CONTAINERS and _marked(el)]
    repeated = Counter(el.get("class") for el in marked if el.get("class"))
    found: list[str] = []
    for el in marked:
        if repeated[el.get("class")] >= LIST_REPEATS or in_comments(el):
            continue  # the same author slot again and again: a list of other stories
        distance = page.distance(anchor, el)
        if distance is None or distance < -before:
            continue
        if distance <= after or (marked_only and _close_kin(anchor, el)):
            found += lines(el)  # each line apart: a name ends where the page breaks the line
    if marked_only:
        return found
    _, following = page.around(anchor, 0, after // 3)
    own = len(visible(anchor.text_content())) if headline is not None else 0
    line = _BYLINE_LINE.search(following, min(own, len(following)))  # not the headline's own "Von der Leyen …"
    if line:
        found.append(_whole_words(following, line.start(1), line.end(1)))
    return found


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] without a word cut off at its end ("… Border Pr")."""
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return text[start:end].rsplit(None, 1)[0]
    return text[start:end]


def people(candidates: list[str], sites: set[str]) -> list[str]:
    """The people named in the first candidate that names any (in order, each once); a
    name that is the site's own is not a person (pass no `sites` for a visible byline:
    a blog's author may go by the blog's name)."""
    field = False
    for raw in candidates:
        if field:  # the value of the field the line before named ("in Rubrik:" / "Hyundai")
            field = False
            continue
        field = raw.rstrip().endswith(":") and not _PREFIX.match(raw.strip())
        parts = _SPLIT.split(_strip(raw))
        if any(_institution(part) for part in parts):
            continue  # "Olympia-Verlag GmbH, Nürnberg": a publisher and its town, no person
        names = [name for name in (_name(part) for part in parts) if name]
        names = [name for name in names if not _is_site(name, sites)]
        if names:
            return list(dict.fromkeys(names))
    return []


def ended(names: list[str], stated: list[str]) -> list[str]:
    """Each name cut where another statement of it ends ("Richard Adams Education" when
    the page's author meta or the byline's own name element says "Richard Adams"): a
    name of two words or more that a found name starts with and goes beyond."""
    cut = []
    for name in names:
        words = name.casefold().split()
        shorter = [s for s in stated if 2 <= len(s.split()) < len(words) and words[: len(s.split())] == s.casefold().split()]
        cut.append(" ".join(name.split()[: len(min(shorter, key=len).split())]) if shorter else name)
    return list(dict.fromkeys(cut))


def _close_kin(anchor: HtmlElement, el: HtmlElement) -> bool:
    """`el` sits in the headline's own container (an article's footer, however long the article)."""
    theirs = set(el.iterancestors())
    return any(a in theirs for a in list(anchor.iterancestors())[:KIN_DEPTH])


def _marked(el: HtmlElement) -> bool:
    if (el.get("rel") or "").lower() == "author" or "author" in (el.get("itemprop") or "").lower():
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_AUTHOR_MARK.search(marks)) and "mail" not in marks.lower()


def in_comments(el: HtmlElement) -> bool:
    """In a comment section, a teaser for another story or a sidebar."""
    for depth, node in enumerate([el, *el.iterancestors()]):
        if depth > ANCESTOR_DEPTH or node.tag in ("body", "html"):
            return False
        if node.tag in ("aside", "nav"):
            return True
        if node.tag == "footer" and not any(a.tag in ("article", "main") for a in node.iterancestors()):
            return True  # the page's footer; an article's own footer holds its byline
        tokens = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if any(_ELSEWHERE.search(token) for token in tokens):
            return True
    return False


def _strip(raw: str) -> str:
    """The byline without its label, handles and what follows the names (dates, counts)."""
    text = visible(raw)
    if "://" in text or len(text) > 200 or _CREDIT.match(text) or _LICENSE.search(text) or _ENDS_WITH_LABEL.search(text):
        return ""  # a picture's credit, or a label whose name is on the next line ("Article by")
    text = _HANDLE.sub(" ", text)
    if _LABEL_COLON.match(text) and not _PREFIX.match(text):
        return ""  # "Datum: 19.11.2021", "Quelle: Livenet", "Format: …": another field, not the author
    late = _LATE_LABEL.search(text)
    if late and _only_date(text[: late.start()]):
        text = text[late.start() :]  # "Oct 30 2020 by Emily Co": the date before the label
    for _ in range(2):
        text = _PREFIX.sub("", text.strip(" -–—:|·•,")).strip()
    return _DATE_OR_TIME.sub("", f" {text}").strip()


def _only_date(text: str) -> bool:
    words = _LETTERS.findall(text)
    return bool(text.strip()) and all(_is_date_word(w) or w.casefold() in _DATE_LINKS for w in words)


def _name(part: str) -> str | None:
    """The person's name at the start of `part` (its name-like words), or None."""
    part = _PREFIX.sub("", part.strip(" -–—:|·•,()[]")).strip(" -–—:|·•,()[]")
    words = part.split()
    if words and words[0].casefold() in _NEVER_FIRST:
        return None
    if len(words) == 1:  # a user name ("john", "fhaacker"), not "November" or "Article"
        word = words[0]
        return word if _NAME_WORD.match(word) and len(word) > 1 and not _not_a_name(word) else None
    kept: list[str] = []
    prose = False
    for word in words:
        if _GLUED_DIGITS.match(word):
            return None  # "Adwan1": a footnote mark stuck to the name, or a handle
        if kept and _is_date_word(word):
            break  # "Tim Anderson July 4": the date after the name (a first name may be "May")
        if kept and word.casefold() in _BUTTONS:
            break  # "Inga Hoeltmann Follow": a button after the name
        if len(kept) >= 3 and word.casefold().strip(".,") in _ROLES and word[0].islower():
            kept.pop()  # "Richard Adams Education editor": the role in sentence case, its first word capitalised
            break
        if not _NAME_WORD.match(word) or (word[0].islower() and word.casefold() not in _PARTICLES):
            prose = word.isalpha() and word.islower() and word.casefold() not in _DATE_LINKS
            break
        kept.append(word)
    while kept and kept[-1].casefold() in _PARTICLES:
        kept.pop()
    if prose and len(kept) == 1 and len(words) > 2:
        return None  # "En kiosques : juillet 2020": the first word of a sentence, not a name
    half = len(kept) // 2
    if half and len(kept) % 2 == 0 and kept[:half] == kept[half:]:
        kept = kept[:half]  # the name twice ("Kristen Falc'hon Kristen Falc'hon")
    name = " ".join(kept)
    if len(kept) < 1 or len(kept) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return None
    if any(w.casefold().strip(".") in _GENERIC for w in kept) or _ORGANISATION.search(name):
        return None
    return name


def _not_a_name(word: str) -> bool:
    """A label, a month or a weekday standing where a name should ("Jan" and "May" are
    names too)."""
    folded = word.casefold().strip(".")
    return folded in _GENERIC or (_is_date_word(word) and folded not in _NAMES_LIKE_DATES)


def _is_date_word(word: str) -> bool:
    folded = _fold_accents(word.strip(".,"))
    return folded in MONTHS or folded in WEEKDAYS


def _fold_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def _institution(part: str) -> bool:
    """An organisation's name: "GmbH", "Verlag", "Landesanstalt für Wald", "Institute of …"."""
    if _fold(part) in _GENERIC:
        return False  # "Redaktion" next to a name is a role, dropped on its own
    return bool(_ORGANISATION.search(part) or _CONNECTED.search(part))


def _is_site(name: str, sites: set[str]) -> bool:
    folded = _fold(name)
    words = set(folded.split())
    return folded in sites or folded.replace(" ", "") in sites or any(words <= set(s.split()) for s in sites)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
