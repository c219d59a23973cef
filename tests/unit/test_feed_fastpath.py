"""The fast feed path reads a feed exactly as feedparser does, or leaves it to feedparser.

Each feed below is read by `parse_feed` with the fast path and with feedparser alone
(`fast=False`): the two ParsedFeeds must be equal, whatever the path. The feeds it must take
are checked to be taken (else the comparison would only compare feedparser with itself), and
those it must leave (xml:base, XHTML, a date form it does not know, a DOCTYPE) to be left.
"""

from __future__ import annotations

import itertools

import pytest

from reader.core.feeds import fastxml
from reader.core.feeds.parse import parse_feed

BASE = "http://site.test/news/feed.xml"
DECL = '<?xml version="1.0" encoding="utf-8"?>\n'
RSS = DECL + ('<rss version="{version}" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
              "<channel><title>{title}</title><link>{link}</link><description>d</description>"
              '<atom:link href="http://site.test/news/feed.xml" rel="self" type="application/rss+xml"/>'
              "{items}</channel></rss>")
ATOM = DECL + ('<feed xmlns="http://www.w3.org/2005/Atom"{attrs}><title type="text">Site &amp; co</title>'
               '<link rel="self" href="/atom.xml"/><link href="http://site.test/"/><id>urn:uuid:feed</id>'
               "<updated>2024-03-01T10:00:00Z</updated>{entries}</feed>")
BODY = "<p>Paragraph with a <a href='/rel/link'>relative link</a> &amp; an entity &#233;.</p>" * 3


def rss(items: str, version: str = "2.0", title: str = "The Site", link: str = "http://site.test/") -> str:
    return RSS.format(version=version, title=title, link=link, items=items)


def atom(entries: str, attrs: str = "") -> str:
    return ATOM.format(attrs=attrs, entries=entries)


def cdata(text: str) -> str:
    return f"<![CDATA[{text}]]>"


RDF = DECL + ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
               "{}</rdf:RDF>")

TAKEN = {
    "rss 1.0: rdf:about ids, dc:creator, dc:date, content:encoded, an image and items list": RDF.format(
        '<channel rdf:about="http://site.test/"><title>RDF site</title><link>/home</link><description>d</description>'
        '<image rdf:resource="http://site.test/logo.png"/><items><rdf:Seq><rdf:li rdf:resource="http://site.test/1"/>'
        '</rdf:Seq></items><dc:date>2024-03-01T00:00:00Z</dc:date></channel>'
        '<image rdf:about="http://site.test/logo.png"><title>Logo title</title><url>http://site.test/logo.png</url>'
        "<link>http://site.test/</link></image>"
        '<item rdf:about="http://site.test/1"><title>One</title><link>/1</link><dc:creator>Ann</dc:creator>'
        f"<dc:date>2024-03-04T10:00:00+02:00</dc:date><description>teaser</description>"
        f"<content:encoded>{cdata(BODY)}</content:encoded></item>"
        '<item rdf:about="  http://site.test/2 "><title>Two</title><link>http://site.test/2</link></item>'),
    "rss: guid, link, pubDate, description, content:encoded": rss(
        "<item><title>One &amp; two</title><link>http://site.test/a?x=1&amp;y=2</link>"
        "<guid>http://site.test/a</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description>A teaser.</description><content:encoded>{cdata(BODY)}</content:encoded></item>"),
    "rss: guid not a permalink, dc:creator, dc:date, RFC 822 zone names": rss(
        "<item><title>Two</title><link>/relative/two</link><guid isPermaLink=\"false\">two-id</guid>"
        "<dc:creator>Jane Doe</dc:creator><pubDate>4 Mar 2024 23:30 EST</pubDate>"
        "<dc:date>2024-03-04T23:30:00-05:00</dc:date><description>" + BODY.replace("<", "&lt;") + "</description></item>"
        "<item><title>Three</title><guid isPermaLink=\"false\">three</guid><link>http://site.test/3</link>"
        "<pubDate>Tue, 05 Mar 2024 01:02:03 +0530</pubDate><author>jane@site.test (Jane)</author></item>"),
    "rss: no guid, link only; guid only (a relative permalink); content before description": rss(
        "<item><title>Link only</title><link>http://site.test/link-only</link><description>x</description></item>"
        "<item><title>Guid only</title><guid>/guid/only</guid><description>y</description></item>"
        f"<item><title>Content first</title><link>http://site.test/c</link><content:encoded>{cdata(BODY)}"
        "</content:encoded><description>after</description><category>c</category><comments>/c#c</comments>"
        '<enclosure url="http://site.test/a.mp3" length="1" type="audio/mpeg"/></item>'),
    "rss 0.91, no dates, empty elements": rss(
        "<item><title/><link>http://site.test/e</link><description/></item>", version="0.91"),
    "rss: mojibake and Windows-1252 repaired as feedparser does, odd dates": rss(
        "<item><title>CafÃ© \u0093quoted\u0094</title><link>http://site.test/m</link>"
        "<pubDate>2024-03-04</pubDate><description>Ã©tÃ©</description></item>"
        "<item><title>Late</title><link>http://site.test/l</link><pubDate>Sun, 31 Dec 2023 23:59:59 -1200</pubDate>"
        "</item><item><title>Blank date</title><link>http://site.test/b</link><pubDate>  </pubDate></item>"),
    "rss: channel with image, skipHours, comments and title after the items": DECL + (
        '<rss version="2.0"><channel><!-- a comment --><item><title>I</title><link>http://site.test/i</link></item>'
        "<image><url>http://site.test/logo.png</url><title>Logo</title><link>http://site.test/</link></image>"
        "<skipHours><hour>1</hour></skipHours><title>Late title</title><link>/home?a=1&amp;b=2</link>"
        "</channel></rss>"),
    "atom: alternate links (the last wins), relative links, html and text content, author": atom(
        '<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; title</title><link rel="alternate" type="text/html" '
        'href="/first"/><link rel="alternate" href="second"/><link rel="enclosure" href="/x.mp3"/>'
        "<id>tag:site.test,2024:1</id><published>2024-03-04T10:00:00+01:00</published>"
        "<updated>2024-03-05T10:00:00Z</updated><author><name>Ann</name><email>ann@site.test</email></author>"
        f'<summary>Plain summary &amp; more</summary><content type="html">{BODY.replace("<", "&lt;")}</content>'
        "</entry>"
        '<entry><title>No link</title><id>http://site.test/by-id</id><updated>2024-03-06T00:00:00.123Z</updated>'
        "<author><name>Bob</name></author><content>Text content, no summary</content></entry>"
        '<entry><title>Self link only</title><link rel="self" href="/self"/><id>urn:uuid:3</id>'
        '<summary type="html">&lt;p&gt;Only a summary&lt;/p&gt;</summary><category term="x"/></entry>'),
}

LEFT = {
    "xml:base": atom(
        '<entry><title>T</title><link href="rel"/><id>urn:1</id><content type="html">x</content></entry>',
        attrs=' xml:base="http://other.test/dir/"'),
    "xhtml content": atom(
        '<entry><title>T</title><link href="/x"/><id>urn:2</id><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content></entry>'),
    "xhtml title": atom('<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">T</div></title>'
                        '<link href="/x"/><id>urn:3</id></entry>'),
    "a date form feedparser reads otherwise": rss(
        "<item><title>T</title><link>http://site.test/d</link><pubDate>Monday, March 4, 2024</pubDate></item>"),
    "an impossible date": rss(
        "<item><title>T</title><link>http://site.test/d</link><pubDate>Fri, 30 Feb 2024 10:00:00 GMT</pubDate></item>"),
    "a DOCTYPE": DECL + '<!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"><channel><title>&x;</title>'
                        "<item><title>T</title><link>http://site.test/t</link></item></channel></rss>",
    "markup in a description": rss("<item><title>T</title><link>http://site.test/t</link>"
                                   "<description><p>raw</p></description></item>"),
    "two titles": rss("<item><title>T</title><title>U</title><link>http://site.test/t</link></item>"),
    "an unknown element": rss("<item><title>T</title><link>http://site.test/t</link><foo>bar</foo></item>"),
    "a namespace under another prefix": RSS.replace('xmlns:dc="http://purl.org/dc/elements/1.1/"',
                                                    'xmlns:dcx="http://purl.org/dc/elements/1.1/"').format(
        version="2.0", title="t", link="http://site.test/",
        items='<item><title>T</title><link>http://site.test/t</link><dcx:creator>me</dcx:creator></item>'),
    "entries with neither guid nor link": rss("<item><title>T</title><description>no id</description></item>"),
    "RSS 1.0 with an item before its channel": RDF.format(
        '<item rdf:about="http://site.test/0"><title>Zero</title><link>http://site.test/0</link></item>'
        '<channel rdf:about="http://site.test/"><title>t</title><link>http://site.test/</link></channel>'),
    "RSS 1.0 that also declares Atom": RDF.replace('xmlns="', 'xmlns:atom="http://www.w3.org/2005/Atom" xmlns="').format(
        '<channel rdf:about="http://site.test/"><title>t</title><link>http://site.test/</link></channel>'
        '<item rdf:about="http://site.test/1"><title>T</title><link>/1</link></item>'),
}


@pytest.mark.parametrize("name", sorted(TAKEN))
def test_the_fast_path_reads_a_feed_as_feedparser_does(name: str) -> None:
    doc = TAKEN[name]
    assert fastxml.read_feed(doc, BASE) is not None, "the fast path should take this feed"
    for base in (BASE, ""):
        fast, slow = parse_feed(doc.encode(), url=base), parse_feed(doc.encode(), url=base, fast=False)
        assert fast == slow
        assert fast.entries and all(entry.title for entry in fast.entries[1:])


@pytest.mark.parametrize("name", sorted(LEFT))
def test_what_the_fast_path_is_not_sure_of_is_left_to_feedparser(name: str) -> None:
    doc = LEFT[name]
    raw = fastxml.read_feed(doc, BASE)
    assert raw is None or name == "entries with neither guid nor link"  # that one: ids from feedparser's sanitiser
    assert parse_feed(doc.encode(), url=BASE) == parse_feed(doc.encode(), url=BASE, fast=False)


def test_what_the_fast_path_reads_is_what_a_reader_sees() -> None:
    """Not only equal to feedparser: the fields a user sees are there."""
    parsed = parse_feed(TAKEN["atom: alternate links (the last wins), relative links, html and text content, author"]
                        .encode(), url=BASE)
    first, second, third = parsed.entries
    assert (parsed.title, parsed.site_url, parsed.version) == ("Site & co", "http://site.test/", "atom10")
    assert (first.title, first.link, first.author) == ("Bold title", "http://site.test/news/second", "Ann (ann@site.test)")
    assert str(first.published) == "2024-03-04" and "relative link" in first.content
    assert (second.link, second.summary, third.link) == ("http://site.test/by-id", "Text content, no summary", "urn:uuid:3")


DATES = [
    f"{day_name}{day} {month} {year} {time} {zone}"
    for day_name, day, month, year, time, zone in itertools.product(
        ("", "Mon, ", "Sun,", "Thu "), ("1", "04", "31"), ("Jan", "Feb", "Dec"), ("2024", "1999", "24"),
        ("00:00:00", "23:59", "23:59:60", "24:00:00"),
        ("GMT", "UT", "UTC", "Z", "EST", "PDT", "+0000", "-1130", "+05:30", "CET", "gmt"))
] + [
    f"{date}{time}{zone}" for date, time, zone in itertools.product(
        ("2024-03-04", "2024-02-30", "1999-12-31", "2024-3-4"), ("", "T10:20", "T10:20:30", "T23:59:59.999", "t10:20"),
        ("", "Z", "+01:00", "-05:30", "+0100", "z"))
] + ["", "Mon, 04 Mar 2024", "2024", "yesterday", "Monday, 04 March 2024 10:00:00 GMT"]


def test_dates_are_read_as_feedparser_reads_them_or_left_to_it() -> None:
    from feedparser.datetimes import _parse_date

    taken = 0
    for value in DATES:
        try:
            mine = fastxml.parse_date(value)
        except fastxml.Unsure:
            continue
        taken += 1
        assert mine == _parse_date(value), value
    assert taken > 500  # of 4,877: the rest are forms (or impossible dates) left to feedparser
