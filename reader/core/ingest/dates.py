"""When a web page's article was published, read the way its publisher states it: the
article's JSON-LD, the page's <meta> tags, a <time> by the headline, a date written by the
headline, the date in its URL, in that order.

No open-ended search: htmldate's extensive mode hands every date-like string on the page
to dateparser, which loads every locale it knows and took most of the time of an import.
Written dates are read here in the formats and month names of the common European
languages; a date that cannot be read is no date, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

EARLIEST = date(1990, 1, 1)  # the web's articles are younger; an older "date" is a number
# <meta> names that state publication, best first; others are matched by _PUBLISHED_NAME
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "published_time", "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "publicationdate", "dc.date.issued", "dcterms.issued", "citation_publication_date",
    "parsely-pub-date", "sailthru.date", "dcterms.created", "dc.date.created", "dcterms.date", "dc.date", "date",
)
_PUBLISHED_NAME = regex(r"publi|issued|created|pub.?date|releasedate|release_date")
_NOT_PUBLISHED = regex(r"modif|updat|expir|last|revis|copyright|review|birth|event")

_MONTH_NAMES = {
    1: "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari januar stycznia styczeń sty leden ledna",
    2: "february feb februar feber février févr fevrier febrero febbraio fevereiro fev februari lutego luty lut únor února",
    3: "march mar märz maerz mrz mars marzo março marco maart marca marzec",
    4: "april apr avril avr abril abr aprile aprilie kwietnia kwiecień kwi duben dubna",
    5: "may mai mayo maggio mag maio mei maj maja",
    6: "june jun juni juin junio giugno giu junho czerwca czerwiec cze červen června",
    7: "july jul juli juillet juil julio luglio lug julho lipca lipiec lip červenec července",
    8: "august aug août aout agosto ago augustus augusti sierpnia sierpień sie srpen srpna",
    9: "september sep sept septembre septiembre setiembre settembre set setembro września wrzesień wrz září",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out października październik paź říjen října",
    11: "november nov novembre noviembre novembro listopada listopad lis",
    12: "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro grudnia grudzień gru prosinec prosince",
}


def _fold(word: str) -> str:
    """Lower case without accents: "Février" and "fevrier" are the same month."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica segunda terça quarta quinta sexta "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "poniedziałek wtorek środa czwartek piątek sobota niedziela"
)
WEEKDAYS = frozenset(_fold(name) for name in _WEEKDAY_NAMES.split())
MONTHS = {_fold(name): number for number, names in _MONTH_NAMES.items() for name in names.split()}
# longest first; one order, so that every process makes the same pattern (patterns.py keeps it)
_MONTH = "|".join(sorted({n for names in _MONTH_NAMES.values() for n in names.split()} | set(MONTHS),
                         key=lambda name: (-len(name), name)))
_DAY = r"(?P<d>[0-3]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_WRITTEN = [
    regex(rf"\b{_YEAR}-(?P<m>[01]?\d)-{_DAY}(?!\d)"),
    regex(rf"(?<![\d.]){_DAY}\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d|\d\d(?=[\s,|]|$))(?!\d)"),
    regex(rf"(?<![\d/]){_DAY}/(?P<m>[0-3]?\d)/{_YEAR}(?!\d)"),
    regex(rf"(?<!\w){_DAY}(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?{_YEAR}\b", re.I),
    regex(rf"(?<!\w)(?P<mon>{_MONTH})\.?\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I),
]
_URL_DATE = regex(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/_-])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)")
_LETTERS = regex(r"[^\W\d_]+")
_LINKS = frozenset("on am le el de del of the der den".split())  # words a written date may have around it
_ARCHIVE_PREFIX = regex(r"^https?://web\.archive\.org/web/[^/]+/", re.I)


def structured_date(raw: str | None, today: date | None = None) -> date | None:
    """A date as structured data gives it: ISO 8601 ("2021-05-05T08:07:52+0200"), else as
    written text. The calendar date as the publisher wrote it (no time zone shift)."""
    if not raw:
        return None
    raw = raw.strip()
    m = re.match(r"((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?:$|[T\s])", raw)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
    if re.fullmatch(r"\d{10}(?:\.\d+)?|\d{13}", raw):  # a Unix time stamp
        from datetime import datetime, timezone

        seconds = int(raw[:10])
        return _valid_date(datetime.fromtimestamp(seconds, tz=timezone.utc).date(), today)
    return written_date(raw, today=today)


def written_date(text: str, *, us_order: bool = False, today: date | None = None) -> date | None:
    """The first date written in `text` ("26. Januar 2022", "mayo 11, 2022", "05.11.2021")."""
    found: list[tuple[int, date]] = []
    for pattern in _WRITTEN:
        for m in pattern.finditer(text):
            parsed = _from_match(m, us_order, today)
            if parsed:
                found.append((m.start(), parsed))
                break
    return min(found)[1] if found else None


def only_date(text: str, today: date | None = None) -> date | None:
    """The date `text` is nothing but ("19.01.2020", "Monday, 20 January 2020"): a title's
    segment that dates the page, where a date inside a headline may be an event's."""
    for pattern in _WRITTEN:
        m = pattern.search(text)
        if m:
            rest = f"{text[: m.start()]} {text[m.end() :]}"
            words = _LETTERS.findall(rest)
            if not any(c.isdigit() for c in rest) and all(_fold(w) in WEEKDAYS or _fold(w) in _LINKS for w in words):
                return _from_match(m, False, today)
    return None


def url_date(url: str | None, today: date | None = None) -> date | None:
    """A date in the URL's path (/2013/08/07/, -2019-10-19), not an archive's time stamp."""
    if not url:
        return None
    m = _URL_DATE.search(_ARCHIVE_PREFIX.sub("", url))
    return _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")), today) if m else None


def meta_published(tree: HtmlElement, today: date | None = None) -> date | None:
    """The publication date the page's <meta> tags state."""
    named: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content") or meta.get("datetime")
        if name and content and name not in named:
            named[name] = content
    ordered = [name for name in PUBLISHED_META if name in named]
    ordered += [
        name for name in named
        if name not in PUBLISHED_META and _PUBLISHED_NAME.search(name) and not _NOT_PUBLISHED.search(name)
        and ("date" in name or "time" in name)
    ]
    for name in ordered:
        found = structured_date(named[name], today)
        if found:
            return found
    return None


def _from_match(m: re.Match[str], us_order: bool, today: date | None) -> date | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if year < 100:
        year += 2000 if year <= (today or date.today()).year % 100 else 1900
    if groups.get("mon"):
        month = MONTHS.get(_fold(groups["mon"]).rstrip("."))
        return _valid(year, month, int(groups["d"]), today) if month else None
    day, month = int(groups["d"]), int(groups["m"])
    if "/" in m.group(0) and (us_order or month > 12) and day <= 12:
        day, month = month, day
    return _valid(year, month, day, today)


def _valid(year: int, month: int, day: int, today: date | None) -> date | None:
    try:
        return _valid_date(date(year, month, day), today)
    except ValueError:
        return None


def _valid_date(found: date, today: date | None) -> date | None:
    latest = (today or date.today()) + timedelta(days=1)
    return found if EARLIEST <= found <= latest else None
