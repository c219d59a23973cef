"""A web page's headline, byline, date, site name, address and summary, read off the page.

Every source can mislead: <title> carries the site's name ("… | Kölner Stadt-Anzeiger"),
an <h1> can be the site's logo or a sidebar's heading, og:title is sometimes a teaser
line, JSON-LD authors are sometimes the photographers. So the page's headings are
believed when the metadata (JSON-LD, OpenGraph, <meta>, <title>) confirms them, and the
byline and date are looked for next to that headline, not anywhere on the page.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reader.core.ingest import bylines
from reader.core.ingest.dates import meta_published, only_date, structured_date, url_date, written_date
from reader.core.ingest.jsonld import LinkedData, read_linked_data
from reader.core.ingest.pagetext import PageText, visible
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title")
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
_SEPARATORS = regex(r"\s+(?:[»«·•:/~]|::|–|—|-{1,2})\s+|\s*[|｜]\s*")
_WORD = regex(r"\w+")
_MODIFIED = regex(r"modif|updat|aktualisiert|actualiz|mis-a-jour|edited|revised", re.IGNORECASE)
HEADINGS = ("h1", "h2", "h3", "h4")
SITE_MIN_CHARS = 3  # a name this long inside another confirms it ("swr" in "swr.online"), a shorter one ("us") does not
SITE_MAX_WORDS = 6  # "Bahamas Local News": a longer part that names the site is a headline
KICKER_SHARE = 0.6  # a heading is "kicker + headline" when the headline is this much of it
NEAR_BEFORE, NEAR_AFTER = 300, 1200  # characters around the headline searched for byline/date
FAR_AFTER = 12000  # a byline marked as such may close the article instead


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    author: str | None = None
    published: date | None = None
    sitename: str = ""
    url: str = ""
    description: str = ""
    body: str = ""  # the article's text as its JSON-LD states it (paragraphs one per line), if it does


def read_metadata(tree: HtmlElement, url: str | None, page: PageText | None = None) -> PageMeta:
    """What the page says about its article (empty fields where it says nothing usable).

    `page` is the tree's PageText, when the caller has it already."""
    metas = _metas(tree)
    addresses = (url, _canonical_link(tree), _first(metas, "og:url"))
    linked = read_linked_data(tree, addresses)
    sites = _site_names(metas, linked, addresses)
    page = page or PageText.of(tree)
    title, headline = _title(tree, metas, linked, sites)
    canonical = _canonical(tree, metas, linked)
    return PageMeta(
        title=title,
        author=_author(tree, page, headline, metas, linked, sites),
        published=_published(tree, page, headline, linked, (url, canonical), _stated_titles(tree, metas)),
        sitename=_site_name(metas, linked, visible(tree.findtext(".//title")), addresses),
        url=canonical,
        description=_first(metas, "og:description", "description", "twitter:description") or linked.description,
        body=linked.body,
    )


def _metas(tree: HtmlElement) -> dict[str, list[str]]:
    """Each <meta> name's contents, in page order (a name may come more than once)."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = visible(meta.get("content"))
        if name and content and content not in found.setdefault(name, []):
            found[name].append(content)
    return found


def _first(metas: dict[str, list[str]], *names: str) -> str:
    return next((metas[name][0] for name in names if metas.get(name)), "")


def _site_names(metas: dict[str, list[str]], linked: LinkedData, urls: str | None | tuple[str | None, ...]) -> set[str]:
    """The site's names: stated ones, and its host's (the page's address, else the
    canonical one a saved page states)."""
    names = {fold(_first(metas, key)) for key in SITE_META} | {fold(linked.publisher)}
    for url in (urls if isinstance(urls, tuple) else (urls,)):
        try:
            host = urllib.parse.urlsplit(url or "").hostname or ""
        except ValueError:
            continue
        labels = [label for label in host.removeprefix("www.").split(".") if label]
        if labels:
            names |= {fold(".".join(labels)), fold(labels[0]), fold(".".join(labels[:-1]))}
    # <meta name="publisher"> when it names the site ("Deutsche Welle (www.dw.com)"); on a
    # one-person site it is the person, who is also the author
    publisher = _first(metas, "publisher")
    if publisher and any(_same_name(publisher, name) for name in names if name):
        names.add(fold(publisher))
    return {name for name in names if name}


def _site_name(metas: dict[str, list[str]], linked: LinkedData, title_tag: str, urls: tuple[str | None, ...]) -> str:
    """The publisher's name. og:site_name is sometimes the section or the place the page
    files the story under ("U.S." on reuters.com): when nothing else on the page confirms
    it (the host, the <title>'s end, another stated name) and the JSON-LD publisher is
    confirmed, the publisher is the site. Unconfirmed is not wrong: "Rzeczpospolita" on
    rp.pl stays when nothing better is stated."""
    stated = [_first(metas, "og:site_name"), linked.publisher]
    parts = [p for p in _SEPARATORS.split(title_tag) if p.strip()]
    ends = [e for e in (parts[:1] + parts[-1:] if len(parts) > 1 else []) if len(_words(fold(e))) <= SITE_MAX_WORDS]
    evidence = [*_hosts(urls), *ends, _first(metas, "twitter:site"),
                *(_first(metas, key) for key in ("application-name", "apple-mobile-web-app-title"))]
    evidence = [e for e in evidence if e and len(_words(fold(e))) <= SITE_MAX_WORDS]
    for i, name in enumerate(stated):
        if name and any(_same_name(name, other) for other in [stated[1 - i], *evidence] if other):
            return name
    return stated[0] or stated[1]


def _hosts(urls: tuple[str | None, ...]) -> list[str]:
    """The hosts' names without "www." and the top-level domain ("theguardian", "dw")."""
    found = []
    for url in urls:
        try:
            host = urllib.parse.urlsplit(url or "").hostname or ""
        except ValueError:
            continue
        labels = [label for label in host.removeprefix("www.").split(".") if label]
        found += [".".join(labels), ".".join(labels[:-1])] if len(labels) > 1 else labels
    return [host for host in found if host]


def _same_name(name: str, other: str) -> bool:
    """Two names for the same publisher, letters and digits alone compared: equal, one
    inside the other when long enough to mean something ("sueddeutsche" in
    "sueddeutschezeitung", never "us"), or one the other's initials ("zdf")."""
    a, b = _ascii(fold(name).lstrip("@")), _ascii(fold(other).lstrip("@"))
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if short == long or (len(short) >= SITE_MIN_CHARS and short in long):
        return True
    return any(_ascii(fold(i)) == key for n, key in ((name, b), (other, a)) for i in _initials(n))


def _initials(name: str) -> list[str]:
    """"Zweites Deutsches Fernsehen" -> "ZDF", "Evangelische Kirche in Deutschland" ->
    "EKiD" and "EKD"; one word has none."""
    words = _words(name)
    if len(words) < 2:
        return []
    return ["".join(w[0] for w in words), "".join(w[0] for w in words if w[0].isupper())]


# -- the headline -------------------------------------------------------------------------


def _title(
    tree: HtmlElement, metas: dict[str, list[str]], linked: LinkedData, sites: set[str]
) -> tuple[str, HtmlElement | None]:
    """The headline, and the heading element that shows it (None if no heading does)."""
    stated = [linked.headline] if linked.headline and not linked.weak else []
    stated += [value for key in TITLE_META for value in metas.get(key, ())]
    if linked.headline and linked.weak:
        stated.append(linked.headline)
    title_tag = visible(tree.findtext(".//title"))
    if title_tag:
        stated.append(title_tag)
    cores = [core for core in dict.fromkeys(_core(s, sites) for s in stated) if _WORD.search(core)]
    headings = [(h, visible(h.text_content())) for level in HEADINGS for h in list(tree.iter(level))[:30]]
    for level in HEADINGS:  # an <h1> any stated title confirms before an <h2> the best one does
        for core in cores:
            for heading, shown in headings:
                chosen = heading.tag == level and _confirmed(shown, core)
                if chosen:
                    return chosen, heading
    h1s = [(h, shown) for h, shown in headings if h.tag == "h1" and shown]
    if h1s and (not cores or stated == [title_tag]):
        # only <title> to go by: the first <h1> when it shares words with it (a headline
        # that <title> shortens), or when there is nothing else
        heading, shown = h1s[0]
        if not cores or _shared(shown, cores[0]) >= 0.5:
            return shown, heading
    return (cores[0], None) if cores else ("", None)


def _core(stated: str, sites: set[str]) -> str:
    """A stated title without the site's name before or after it ("X | Site", "Site - X",
    "X - Section - Site Name")."""
    parts = [p for p in _SEPARATORS.split(stated) if p.strip()]
    loose = not (parts and _is_site(parts[0], sites, loose=False))  # a title names its site once, at one end
    cut = next((i for i in range(1, len(parts)) if _is_site(parts[i], sites, loose=loose)), len(parts))
    kept = parts[:cut]
    if len(kept) > 1 and _is_site(kept[0], sites):
        kept = kept[1:]
    if kept == parts:
        return stated.strip()
    return _rejoin(stated, kept)


def _rejoin(stated: str, parts: list[str]) -> str:
    """The stretch of `stated` from the first kept part to the last (separators inside kept)."""
    start = stated.find(parts[0])
    end = stated.rfind(parts[-1]) + len(parts[-1])
    return stated[start:end].strip() if 0 <= start < end else " ".join(parts)


def _is_site(part: str, sites: set[str], *, loose: bool = True) -> bool:
    """The site's name ("www.heizung.de" for "heizung.de"), or (`loose`) a short name with
    the site's domain in it ("Bahamas Local News"), not a headline that names the site."""
    folded = fold(part)
    squeezed = _ascii(folded.removeprefix("www."))
    words = set(folded.split())
    for site in sites:
        site_squeezed = _ascii(site)
        if folded == site or squeezed == site_squeezed or (words and words == set(site.split())):
            return True
        if loose and "." not in site and len(site_squeezed) >= 5 and site_squeezed in squeezed and len(words) <= SITE_MAX_WORDS:
            return True  # a host name's label ("munich2022", "bahamaslocal")
    return False


def _ascii(folded: str) -> str:
    """Letters and digits only, umlauts spelled out: "Nalas Löwenseiten" ~ "nalas-loewenseiten"."""
    spelled = folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", spelled) if c.isalnum() and c.isascii())


def _shared(a: str, b: str) -> float:
    """The share of `a`'s longer words (not "in", "the", "der") that `b` has too."""
    aw = {w for w in _words(fold(a)) if len(w) > 3}
    return len(aw & set(_words(fold(b)))) / len(aw) if aw else 0.0


def _confirmed(heading: str, core: str) -> str:
    """The headline when `heading` shows the stated title `core`: the heading itself, or the
    stated title when the heading adds a kicker or a date to it; "" when they differ."""
    h, c = fold(heading), fold(core)
    if not h or not c:
        return ""
    if h == c:
        return heading
    hw, cw = _words(h), _words(c)
    if c in h and len(cw) >= KICKER_SHARE * len(hw):
        return core
    if h in c and len(hw) >= 2 and len(hw) >= 0.5 * len(cw):
        return heading
    if len(hw) >= 3 and len(set(hw) & set(cw)) >= 0.8 * max(len(set(hw)), len(set(cw))):
        return heading
    return ""


# -- byline, date, address ----------------------------------------------------------------


def _author(
    tree: HtmlElement, page: PageText, headline: HtmlElement | None,
    metas: dict[str, list[str]], linked: LinkedData, sites: set[str],
) -> str | None:
    sources = (
        (list(linked.authors), sites),
        (bylines.near(tree, page, headline, NEAR_BEFORE, NEAR_AFTER), set()),
        (bylines.near(tree, page, headline, 0, FAR_AFTER, marked_only=True), set()),
        ([value for key in bylines.AUTHOR_META for value in metas.get(key, ())], sites),
    )
    for candidates, against in sources:
        names = bylines.people(candidates, against)
        if names:
            # the page's other statements of the names show where a name ends when a
            # byline runs on into the writer's role ("Richard Adams Education editor")
            stated = [n for lines_, sites_ in sources for line in lines_ for n in bylines.people([line], sites_)]
            return ", ".join(bylines.ended(names, stated))
    return None


def _published(
    tree: HtmlElement, page: PageText, headline: HtmlElement | None,
    linked: LinkedData, urls: tuple[str | None, ...], titles: list[str],
) -> date | None:
    found = structured_date(linked.published) or meta_published(tree)
    if found:
        return found
    anchor = headline if headline is not None else tree.find(".//article")
    if anchor is not None:
        for el in tree.xpath("//time | //*[@itemprop='datePublished']"):
            distance = page.distance(anchor, el)
            if distance is not None and -NEAR_BEFORE <= distance <= NEAR_AFTER and not _modified(el):
                found = _time_date(el)
                if found:
                    return found
    # <time pubdate>: the publication date by the page's own word, wherever it stands
    stated = (el for el in tree.xpath("//time[@pubdate]") if not bylines.in_comments(el))
    found = next((d for d in map(_time_date, stated) if d), None)
    if found:
        return found
    found = next((d for d in map(url_date, urls) if d), None) or _title_date(titles)
    if found or anchor is None:
        return found
    before, after = page.around(anchor, NEAR_BEFORE, NEAR_AFTER // 2)
    us_order = (tree.get("lang") or "").lower() in ("en-us", "en_us")
    return written_date(after, us_order=us_order) or written_date(before[-120:], us_order=us_order)


def _stated_titles(tree: HtmlElement, metas: dict[str, list[str]]) -> list[str]:
    return [visible(tree.findtext(".//title")), *(value for key in TITLE_META for value in metas.get(key, ()))]


def _title_date(titles: list[str]) -> date | None:
    """A date the title states as a part of its own ("Headline | DW | 19.01.2020"), not one
    inside the headline's words (an event's)."""
    for title in titles:
        parts = [p for p in _SEPARATORS.split(title) if p.strip()]
        found = next((d for d in map(only_date, parts[1:] + parts[:1] if len(parts) > 1 else []) if d), None)
        if found:
            return found
    return None


def _time_date(el: HtmlElement) -> date | None:
    return structured_date(el.get("datetime") or el.get("content") or visible(el.text_content()))


def _modified(el: HtmlElement) -> bool:
    """A <time> that says when the article was changed, not published ("Updated …")."""
    if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
        return False
    marks = f"{el.get('class') or ''} {el.get('itemprop') or ''}"
    return bool(_MODIFIED.search(marks))


def _canonical(tree: HtmlElement, metas: dict[str, list[str]], linked: LinkedData) -> str:
    return _canonical_link(tree) or _first(metas, "og:url") or linked.url


def _canonical_link(tree: HtmlElement) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href", "").strip()
    return ""


def fold(text: str) -> str:
    """For comparing titles: case, quotes, dashes and spacing aside."""
    text = visible(text).casefold()
    text = re.sub(r"[\"'“”„«»‹›‚‘’`´]", "", text)
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    return " ".join(text.split()).strip(" .,:;!?|")


def _words(folded: str) -> list[str]:
    return _WORD.findall(folded)
