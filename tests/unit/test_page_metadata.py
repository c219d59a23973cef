"""The pieces that read a page's metadata and weigh its extractions, on their own: written
dates in several languages, bylines cleaned to names, titles without the site's name, the
merge of the precise and balanced passes."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from reader.core.ingest.bylines import people
from reader.core.ingest.dates import structured_date, url_date, written_date
from reader.core.ingest.merge import merge
from reader.core.ingest.metadata import _core, _site_names
from reader.core.ingest.jsonld import LinkedData

TODAY = date(2024, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Datum:26. Januar 2022", date(2022, 1, 26)),
        ("Dienstag, 1. Februar 2022", date(2022, 2, 1)),
        ("mayo 11, 2022", date(2022, 5, 11)),
        ("6 de mayo de 2022 05:30", date(2022, 5, 6)),
        ("Jan. 28, 2020, at 5:55 AM", date(2020, 1, 28)),
        ("Le 06 Novembre 2019", date(2019, 11, 6)),
        ("Veröffentlicht: 19.10.19, 08:00 Uhr", date(2019, 10, 19)),
        ("5 maja 2021", date(2021, 5, 5)),
        ("News date : 04/21/2022", date(2022, 4, 21)),  # the day cannot be the month: read as US
        ("13 August", None),  # no year: no date
        ("31.02.2022", None),  # no such day
        ("Mission 2077", None),
    ],
)
def test_written_dates(text, expected):
    assert written_date(text, today=TODAY) == expected


def test_structured_dates_keep_the_publishers_calendar_day():
    assert structured_date("2021-05-05 08:07:52+0200", TODAY) == date(2021, 5, 5)
    assert structured_date("2020-01-03T23:48:24-05:00", TODAY) == date(2020, 1, 3)
    assert structured_date("1571494495", TODAY) == date(2019, 10, 19)  # a Unix time stamp
    assert structured_date("2031-01-01", TODAY) is None  # the future is not a publication date


def test_url_dates_skip_an_archives_time_stamp():
    archived = "https://web.archive.org/web/20140226054445/http://blog.example/2013/08/07/kinos/"
    assert url_date(archived, TODAY) == date(2013, 8, 7)
    assert url_date("https://example.org/news/2020-05-31-storm", TODAY) == date(2020, 5, 31)
    assert url_date("https://example.org/item/20140226054445", TODAY) is None


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Von Claus Boelen-Theile 19.10.19, 08:00 Uhr", ["Claus Boelen-Theile"]),
        ("Por Williams Perdomo @wperdomod -", ["Williams Perdomo"]),
        ("Autor/in: Korinna Hennig", ["Korinna Hennig"]),
        ("Erstellt von Fabian am Dienstag 6. Mai 2014", ["Fabian"]),
        ("Von Henning Lobin 54 Kommentare", ["Henning Lobin"]),
        ("By Perry Bacon Jr. and Ana Lucía de la Cruz", ["Perry Bacon Jr.", "Ana Lucía de la Cruz"]),
        ("Michael Rädel, Redaktion", ["Michael Rädel"]),
        ("Gustavo E. Méndez", ["Gustavo E. Méndez"]),
        ("Autor john", ["john"]),
        ("Veröffentlicht am", []),
        ("Die Grünen Bundestagsfraktion", []),
        ("Photograph by Ed Marshall", []),
        ("https://www.facebook.com/someone", []),
        ("Oct 30 2020 by Emily Co", ["Emily Co"]),  # the date before the label; "Co" is a name, "Co." a company
        ("Tim Anderson July 4, 2019", ["Tim Anderson"]),
        ("Inga Hoeltmann Follow", ["Inga Hoeltmann"]),
        ("Kristen Falc'hon Kristen Falc'hon", ["Kristen Falc'hon"]),
        ("Marwan H. Adwan1", []),  # a footnote mark stuck to the name
        ("November", []),
        ("Cortesía", []),
        ("Article by", []),  # a label: the name is on the next line
        ("En kiosques : juillet 2020", []),
        ("Datum: 19.11.2021", []),
        ("Zur Person Alle Beiträge", []),
        ("By Té y kriptonita (Own work) [ GFDL or CC-BY-SA-3.0 ], via", []),  # a picture's licence
    ],
)
def test_bylines_are_cleaned_to_names(byline, names):
    assert people([byline], set()) == names


def test_a_byline_that_is_the_site_is_not_a_person():
    sites = _site_names({"og:site_name": ["Campo Grande News"]}, LinkedData(), "https://www.campograndenews.com.br/x")
    assert people(["Campo Grande News"], sites) == []
    assert people(["Campo Grande News", "Adriano Fernandes"], sites) == ["Adriano Fernandes"]


@pytest.mark.parametrize(
    ("stated", "core"),
    [
        ("Kind krank: Was Arbeitgeber wissen müssen | impulse", "Kind krank: Was Arbeitgeber wissen müssen"),
        ("BKA - Messengerdienste sind kein rechtsfreier Raum", "Messengerdienste sind kein rechtsfreier Raum"),
        ("Story - Interior - Bahamas Local News - Nassau", "Story - Interior"),
        ("Change Font Size in R | Axis Text, Main Title & Legend", "Change Font Size in R | Axis Text, Main Title & Legend"),
        ("NEWS WEB EASY|子どもへの体罰を禁止", "子どもへの体罰を禁止"),
        # a headline that names the site is no site name; the site at the start is the only one
        ("Polizei - Aktuelles - Bereits 9.087 Feststellungen durch die Polizei im Jahr",
         "Aktuelles - Bereits 9.087 Feststellungen durch die Polizei im Jahr"),
        ("gipfelbuch.ch - Outdoornews - Schneekarten auf Gipfelbuch.ch", "Outdoornews - Schneekarten auf Gipfelbuch.ch"),
        ("Europas Topathleten fit für München - European Championships Munich 2022", "Europas Topathleten fit für München"),
        ("www.heizung.de | Wärmepumpe im Altbau", "Wärmepumpe im Altbau"),
    ],
)
def test_titles_lose_the_site_name_only(stated, core):
    sites = {"impulse", "bka", "bahamaslocal", "bahamaslocal.com", "news web easy", "polizei", "gipfelbuch.ch",
             "gipfelbuch", "munich2022", "heizung.de", "heizung"}
    assert _core(stated, sites) == core


def _body(*blocks: str):
    return etree.fromstring("<body>" + "".join(blocks) + "</body>")


PASSAGE = "<p>{} is a sentence long enough to read as the article's own prose, with a full stop.</p>"


def test_merge_puts_the_balanced_passages_back_in_place_and_leaves_menus_out():
    precise = _body(PASSAGE.format("One"), PASSAGE.format("Four"))
    balanced = _body(
        "<p>Home</p>", "<p>News</p>", "<p>Sport</p>",  # a menu: short lines
        PASSAGE.format("One"), "<head>A subheading</head>", PASSAGE.format("Two"), PASSAGE.format("Three"),
        PASSAGE.format("Four"), '<p><ref target="/a">Another story</ref> <ref target="/b">And one more</ref></p>',
    )
    merged = merge(precise, balanced)
    texts = [" ".join(el.itertext())[:12] for el in merged]
    assert texts == ["One is a sen", "A subheading", "Two is a sen", "Three is a s", "Four is a se"]


def test_merge_takes_the_balanced_body_when_the_precise_pass_found_nothing():
    balanced = _body(PASSAGE.format("One"))
    assert merge(None, balanced) is balanced
    assert merge(_body(), balanced) is balanced


def test_merge_matches_a_dropped_heading_only_to_a_whole_block_not_to_words_in_a_sentence():
    # "Installation" is in the sentence "follow its installation instructions": not that block
    precise = _body(PASSAGE.format("One"), "<p>If poetry is missing follow its installation instructions first.</p>",
                    PASSAGE.format("Two"))
    balanced = _body("<head>Installation</head>", PASSAGE.format("One"), "<head>API reference</head>",
                     "<p>If poetry is missing follow its installation instructions first.</p>",
                     "<head>Setup for developers</head>", PASSAGE.format("Two"))
    texts = [" ".join(el.itertext())[:14] for el in merge(precise, balanced)]
    assert texts == ["Installation", "One is a sente", "API reference", "If poetry is m", "Setup for deve",
                     "Two is a sente"]


def test_merge_keeps_an_article_s_closing_references_section_but_not_trailing_teasers():
    precise = _body("<head>1 Introduction</head>", PASSAGE.format("One"), "<head>2 Method</head>", PASSAGE.format("Two"))
    references = ["<head>3 References</head>", '<list><item><ref target="https://a.example/">A paper</ref></item></list>']
    teasers = ["<head>More stories</head>", '<list><item><ref target="https://b.example/">Other story</ref></item></list>']
    merged = merge(precise, _body(*etree_strings(precise), *references, *teasers))
    texts = [" ".join(el.itertext()).strip()[:14] for el in merged]
    assert texts[-2:] == ["3 References", "A paper"]
    notes = merge(_body(PASSAGE.format("One")), _body(PASSAGE.format("One"), "<head>Quellen</head>", "<p>Amtsblatt 3/2021</p>"))
    assert [" ".join(el.itertext()) for el in notes][1:] == ["Quellen", "Amtsblatt 3/2021"]


def etree_strings(body) -> list[str]:
    return [etree.tostring(el, encoding="unicode") for el in body]


def _byline_of(body: str) -> str | None:
    from reader.core.ingest.extract import parse_page
    from reader.core.ingest.metadata import read_metadata

    page = f"<html><head><title>Harbour dredging to start</title></head><body><article><h1>Harbour dredging to start</h1>{body}" \
           "<p>The dredgers arrive in June and will work through the summer, the port authority said.</p></article></body></html>"
    return read_metadata(parse_page(page), None).author


@pytest.mark.parametrize(
    ("body", "author"),
    [
        # block boundaries and <br> end a name: not "Amelie Marie Nishizawa Feb", "Rob Picheta, CNNUpdated"
        ('<div class="author"><div class="name">Amelie Marie Nishizawa</div><div>Feb 8, 2020</div></div>',
         "Amelie Marie Nishizawa"),
        ('<div class="byline"><span>By <a href="/p">Rob Picheta</a>, CNN</span><p>Updated 2010 GMT</p></div>',
         "Rob Picheta, CNN"),
        ('<div class="author-bio"><div>Martin Chikilian</div><div>Martin is a full-stack engineer.</div></div>',
         "Martin Chikilian"),
        ('<div class="author">Marwan H. Adwan<sup>1</sup></div>', "Marwan H. Adwan"),
        ('<div class="author">Article by</div><div class="author">Barry Alleyne</div>', "Barry Alleyne"),
        ('<div class="byline">Cortesía</div>', None),
        # a "By …" line under the headline ends with its line, not 60 characters into the text
        ('<p class="summary">Boats were searched. <span>By U.S. CUSTOMS AND BORDER PROTECTION</span></p>'
         "<div><p>U.S. Customs and Border Protection officers found the cargo on Sunday.</p></div>", None),
    ],
)
def test_a_byline_ends_where_the_page_breaks_the_line(body, author):
    assert _byline_of(body) == author


def test_merge_finds_a_heading_the_precise_pass_kept_inside_a_section():
    precise = _body("<div>" + PASSAGE.format("One") + "<head>Her one regret</head>" + PASSAGE.format("Two") + "</div>")
    balanced = _body(PASSAGE.format("One"), "<head>Her one regret</head>", PASSAGE.format("Two"))
    merged = merge(precise, balanced)
    assert len(merged) == 1  # nothing put back: the heading is there already, inside the <div>
