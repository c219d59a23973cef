"""The word lists the span repairs (spans.py) read: what may stand inside a name, what
heads a place or a body, what is no dateline and no one's name.

Data, kept apart from the rules that read it, so that each can be read on its own;
each list says which repair it serves.
"""

from __future__ import annotations

from reader.core.entities.titles import PERSON_TITLES

__all__ = [
    "BODY_HEADS", "COMMON_ACRONYMS", "CONNECTORS", "NOT_DATELINES", "MOVEMENT_HEADS", "PERSONAL_TITLES", "PLACE_HEADS",
]

# Lower-case words that may stand inside a name ("Bank of England", "Ludwig van Beethoven").
CONNECTORS = frozenset(
    """of for and the on at in upon de del della der den des di da do dos das du la le les
    van von y e bin ibn al el zu"""
    .split()
)
# Words that begin a person's name inside a longer span ("Harrogate Mr Kennedy").
PERSONAL_TITLES = frozenset(PERSON_TITLES) | {f"{title}." for title in PERSON_TITLES}
# Nouns that make a place or a body of "X's ...": "Fisherman's Terminal", "Aisha's Salon".
PLACE_HEADS = frozenset(
    """Terminal Wharf Landing Square Park Garden Gardens Bridge Island Bay Point Field Stadium
    Arena Hall Station Airport Harbour Harbor Beach Hill Lane Street Road Cathedral Church
    Chapel Abbey Castle Palace Tower Inn Market Quay Pier Dock Common Green Wood Cross""".split()
)
BODY_HEADS = frozenset(
    """Salon Spa Restaurant Bar Pub Cafe Café Store Shop Bakery Company Bank College University
    School Hospital Center Centre Institute Foundation Society Club Hotel Kitchen Brewery
    Gallery Theatre Theater Museum""".split()
)
# An adjective and one of these make an organisation: "Islamic State", "Communist Party".
MOVEMENT_HEADS = frozenset("State Party Front Army Brotherhood Movement Congress Alliance League Jihad".split())
# Words in capitals that open a paragraph but are no place ("UPDATE —", "BREAKING:").
NOT_DATELINES = frozenset(
    """UPDATE UPDATED BREAKING EXCLUSIVE WATCH LIVE ANALYSIS OPINION NOTE EDITOR EDITORS
    PHOTOS PHOTO VIDEO COMMENT REVIEW CORRECTION CLARIFICATION ADVERTISEMENT SPONSORED
    WARNING ALERT NEWS FACT CHECK Q A AP UPI AFP""".split()
)
# Abbreviations of common nouns, written in capitals but no one's name: "on TV", "the
# GDP figures". The tagger's clusters put some next to broadcasters' and firms' names.
COMMON_ACRONYMS = frozenset(
    """TV PC PCs DVD DVDs CD CDs MP3 GDP CEO IT AI DNA HIV SMS PIN ATM VAT GPS VCR HDTV LCD
    UFO IQ CCTV PR IVF MRI CV ID""".split()
)
