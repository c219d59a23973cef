"""Metadata a page states in one place and contradicts in another, as a saved page shows it
after `reader add`: a date only the <title> gives, a site name that is a section or a
place, a byline whose name runs into the writer's role."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.ingest import load_html
from reader.core.ingest.dates import only_date

BODY = (
    "<p>The dredgers arrive in June and will work through the summer, the port authority said on Monday.</p>"
    "<p>Fishermen fear the noise will drive the shoals away from the bay for the whole season, and ask for "
    "compensation before the first boat leaves the quay.</p>"
    "<p>The council will vote on the plan next week, after a public meeting in the harbour hall.</p>"
)


def _page(head: str, top: str = "", url: str | None = None):
    html = (
        f"<html><head>{head}</head><body><article><h1>Harbour dredging to start</h1>{top}{BODY}"
        "</article></body></html>"
    )
    return load_html(html.encode(), url=url).article


# -- a date only the title states -----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "published"),
    [
        ("Harbour dredging to start | Ports | Coast Post | 19.01.2020", date(2020, 1, 19)),
        ("Harbour dredging to start - 26 Oktober 2010 - Blog", date(2010, 10, 26)),
        ("Monday, 20 January 2020 | Harbour dredging to start", date(2020, 1, 20)),
        # a date inside the headline's own words is the event's, not the page's
        ("Harbour dredging to start on 19.01.2020 | Coast Post", None),
        ("Harbour dredging to start | Coast Post", None),
    ],
)
def test_a_date_the_title_states_as_its_own_part_dates_the_page(title, published):
    assert _page(f"<title>{title}</title>").published == published


def test_a_stated_publication_date_beats_the_title_s_date():
    head = ('<title>Harbour dredging to start | 19.01.2020</title>'
            '<meta property="article:published_time" content="2020-01-18T22:00:00Z">')
    assert _page(head).published == date(2020, 1, 18)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("19.01.2020", date(2020, 1, 19)),
        ("Monday, 20 January 2020", date(2020, 1, 20)),
        ("19.01.2020 10:00", None),  # more than a date: not a title's date part
        ("Concert 19.01.2020", None),
        ("Coast Post", None),
    ],
)
def test_only_date_reads_a_text_that_is_nothing_but_a_date(text, found):
    assert only_date(text, today=date(2024, 1, 1)) == found


# -- a site name that is a section or a place ---------------------------------------------

PUBLISHER = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour dredging to start", ' \
            '"publisher": {"@type": "Organization", "name": "%s"}}</script>'


@pytest.mark.parametrize(
    ("head", "url", "source"),
    [
        # og:site_name is the section; the publisher is what the host and the title say
        ('<meta property="og:site_name" content="World">' + PUBLISHER % "Coast Post"
         + "<title>Harbour dredging to start | Coast Post</title>", "https://www.coastpost.example/a/1", "Coast Post"),
        ('<meta property="og:site_name" content="U.S.">' + PUBLISHER % "Coast Post",
         "https://coastpost.example/a/1", "Coast Post"),
        # a site name the host confirms stays, whatever the publisher is called
        ('<meta property="og:site_name" content="the Coast Post">' + PUBLISHER % "Coast Media Group",
         "https://www.thecoastpost.example/a/1", "the Coast Post"),
        # confirmed by its initials ("ZDF"), not only by spelling
        ('<meta property="og:site_name" content="Zweites Deutsches Fernsehen">' + PUBLISHER % "Coast Media Group",
         "https://www.zdf.example/a/1", "Zweites Deutsches Fernsehen"),
        # nothing confirms either: the stated site name, as before
        ('<meta property="og:site_name" content="Rzeczpospolita">' + PUBLISHER % "Gremi Media",
         "https://www.rp.example/a/1", "Rzeczpospolita"),
    ],
)
def test_the_publisher_the_page_confirms_beats_a_section_given_as_site_name(head, url, source):
    assert _page(head, url=url).source == source


# -- a byline that runs on into the writer's role or desk ---------------------------------


@pytest.mark.parametrize(
    ("head", "top", "author"),
    [
        # the role in sentence case after the name: nothing else needed to see where the name ends
        ("", '<p class="byline"><a href="/p/roe">Anna Roe</a> Harbour editor</p>', "Anna Roe"),
        # the desk capitalised like a name: the byline's own name element says where the name ends
        ("", '<p class="byline"><span itemprop="author"><span itemprop="name">Anna Roe</span></span> Maritime Desk</p>',
         "Anna Roe"),
        # ... or the page's author meta does
        ('<meta name="author" content="Anna Roe">', '<div class="byline">Anna Roe Maritime Desk</div>', "Anna Roe"),
        # a first name alone says nothing about where the surname ends; a longer name is not cut
        ('<meta name="author" content="Anna">', '<div class="byline">Anna Maria Roe</div>', "Anna Maria Roe"),
        ('<meta name="author" content="Anna Roe">', '<div class="byline">By Anna Roe and Ben Poe</div>',
         "Anna Roe, Ben Poe"),
    ],
)
def test_a_byline_s_name_ends_where_the_page_s_own_statement_of_it_ends(head, top, author):
    assert _page(head, top).author == author


@pytest.mark.parametrize(
    ("head", "author"),
    [
        # the publisher named as the author: the site, not a person
        ('<meta name="publisher" content="Coastal Wave (www.coastpost.example)">'
         '<meta name="author" content="Coastal Wave (www.coastpost.example)">', None),
        # a one-person site: its publisher is its author
        ('<meta name="publisher" content="Anna Roe"><meta name="author" content="Anna Roe">', "Anna Roe"),
    ],
)
def test_an_author_meta_that_names_the_publishing_site_is_no_person(head, author):
    assert _page(head, url="https://www.coastpost.example/a/1").author == author
