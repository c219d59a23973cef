"""The words written before a name that are not part of it: titles, offices, party labels,
descriptions ("Rapper", "Beatle", "Scot"), and what a name without them is.

One vocabulary for an article's names (`names.py`) and the library's (`entities/joins.py`),
so that "Exchequer Gordon Brown", "Prof Etzioni" and "Mr Blair" lose the same words
wherever they are read, including in analyses stored before a rule was added.
"""

from __future__ import annotations

import re

# The plural of an acronym ("MPs", "PCs"): several people or things, never one name (the type,
# voice and join rules).
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")

# Honorifics: a name behind one of these is a person, whatever the tagger said. As
# written, for the text rules, and as the name rules compare words (lower case, with or
# without the full stop).
HONORIFIC_WORDS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Mister")
HONORIFICS = frozenset(w.lower() + stop for w in HONORIFIC_WORDS for stop in ("", "."))

# Written right before a surname, these say a person is named ("Mr Kennedy", "Dame
# Judi"): the honorifics and the titles of address, which alone also begin other names
# ("Lord of the Rings", "Lady Bird"). A regular-expression alternation, full stop optional.
PERSON_TITLES = (*HONORIFIC_WORDS, "Sir", "Dame", "Lord", "Lady")
PERSON_TITLE = rf"(?:{'|'.join(PERSON_TITLES)})\.?"

# Royal and religious styles: kept with a single name after them ("Prince Charles",
# "Pope Benedict"), which is how that person is named; dropped before a full name.
STYLES = frozenset("king queen prince princess pope emperor empress sultan emir sheikh ayatollah".split())

# Titles, offices and ranks. Not "dean", "earl", "duke", "major": first names too
# (Dean Richards, Duke Ellington), and only ever stripped from the front of a name.
OFFICES = frozenset(
    """president vice prime minister ministers secretary state foreign defence defense interior
    home culture health education trade transport environment work pensions treasury
    chancellor exchequer premier sir lord lady dame baroness baron sen sen. senator rep rep.
    representative congressman congresswoman gov gov. governor gen gen. general col col. colonel
    lt lt. lieutenant capt capt. captain sgt sgt. sergeant adm adm. admiral cmdr commander brig
    brigadier marshal officer constable det detective insp inspector supt superintendent
    spokesman spokeswoman spokesperson mayor judge justice chief ambassador envoy commissioner
    ceo chairman chairwoman chair director deputy leader shadow mp mps mep msp cllr councillor
    rev rev. reverend rt rt. hon hon. honourable venerable fr father sister rabbi imam cardinal
    bishop archbishop the""".split()
)

# Party labels written before a member's name ("Lib Dem Norman Baker", "Tory MP ...").
PARTIES = frozenset(
    """lib dem dems tory tories labour conservative conservatives democrat democrats
    republican republicans liberal liberals snp ukip plaid""".split()
)

# Descriptions that a headline or a sentence's first word capitalises before a name.
DESCRIPTIONS = frozenset(
    """rapper singer songwriter star superstar actor actress comedian presenter host broadcaster
    director producer writer author novelist poet artist designer chef model veteran legend
    beatle guitarist drummer bassist frontman frontwoman dj
    striker midfielder defender goalkeeper keeper winger fly-half scrum-half hooker flanker
    skipper coach manager boss founder owner analyst economist lawyer barrister
    bookmaker tycoon billionaire entrepreneur
    scot scots briton britons englishman welshman irishman american americans
    england wales scotland ireland""".split()
)

LEADING = OFFICES | PARTIES | DESCRIPTIONS | HONORIFICS | STYLES

# Written after a name: the seat or rank, not the name ("Andrew Tyrie MP", "Cherie Booth QC").
TRAILING = frozenset("mp mep msp mla qc kc".split())

# Offices only a person holds, written right before the holder's name: what follows one
# is a person's name, whatever the tagger made of the whole ("Labour MP Oona King").
PERSON_OFFICES = frozenset(
    """mp mep msp mla minister secretary senator congressman congresswoman governor
    spokesman spokeswoman spokesperson chancellor premier president mayor ambassador
    envoy commissioner chairman chairwoman""".split()
)

# What the words before it in a name never belong to ("SNP Holyrood leader Nicola Sturgeon").
OFFICE_BEFORE_NAME = PERSON_OFFICES | {"leader"}


def is_initial(word: str) -> bool:
    """"M" or "M." : the first letter of a first name."""
    bare = word.rstrip(".")
    return len(bare) == 1 and bare.isalpha() and bare.isupper()


def is_title_only(name: str) -> bool:
    """"Lord", "Chancellor", "Prime Minister", "Mr": offices and honorifics with no name
    after them, which stand for no one in particular (styles do: "the Queen", "the Pope")."""
    found = name.split()
    return bool(found) and all(w.lower() in OFFICES or w.lower() in HONORIFICS for w in found)


def titled_person(name: str) -> str | None:
    """The person's name in "Labour MP Oona King", "Health Secretary John Reid": two or
    three capitalised words right after a person's office; None for anything else
    ("Mayor of London", "Labour MP", "General Electric Company")."""
    found = name.split()
    rest = strip_person(name)[0].split()
    if not 2 <= len(rest) <= 3 or len(found) <= len(rest) or not all(w[:1].isupper() for w in rest):
        return None
    return " ".join(rest) if found[-len(rest) - 1].lower() in PERSON_OFFICES else None


def strip_person(name: str) -> tuple[str, bool]:
    """A person's name without the words before it that are not part of it, and whether
    an honorific said it is a person.

    "Chancellor of the Exchequer Gordon Brown" -> "Gordon Brown"; "Prof Etzioni" ->
    "Etzioni"; "Harrogate Mr Kennedy" -> "Kennedy" (the words up to an honorific go);
    "Prince Charles" stays; "Andrew Tyrie MP" -> "Andrew Tyrie". At least one word always
    remains.
    """
    words = name.split()
    honorific = False
    for i in range(len(words) - 2, -1, -1):  # "Harrogate Mr Kennedy": all before the honorific
        if words[i].lower() in HONORIFICS:
            words, honorific = words[i + 1 :], True
            break
    while len(words) > 1 and words[-1].lower() in TRAILING:  # "Andrew Tyrie MP"
        words = words[:-1]
    for i in range(len(words) - 3, -1, -1):  # "Green MSP Mark Ballard": all up to a person's office
        rest = words[i + 1 :]
        if words[i].lower() in OFFICE_BEFORE_NAME and len(rest) <= 3 and all(
                w[:1].isupper() and w.lower() not in LEADING for w in rest):
            words = rest
            break
    while len(words) > 1:
        first = words[0].lower()
        if first in STYLES and len(words) == 2:
            break
        if first in LEADING or (first == "of" and len(words) > 2):
            words = words[1:]
            continue
        break
    return " ".join(words), honorific
