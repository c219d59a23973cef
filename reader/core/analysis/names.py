"""One canonical name per entity within an article.

"Rubio", "Mr Rubio" and "Secretary of State Marco Rubio" are "Marco Rubio", wherever the
full name stands in the article (a headline's "Blair" before "Tony Blair" too); "M Blair"
is the "Mike Blair" the article names, "Etzioni" its "Amitai Etzioni", "Le Bon" its
"Simon Le Bon". "U.S." and "United States" are one place; "ISW" is the "Institute for the
Study of War" the article names. Titles, offices and descriptions are never part of a name
(`titles.py`). All mentions of one entity get its majority type.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from reader.core.analysis.gazetteer import places
from reader.core.entities.aliases import initials, org_aliases
from reader.core.entities.titles import is_initial, strip_person
from reader.core.model import Entity, EntityType
from reader.core.patterns import regex
from reader.core.search.text import fold

Span = tuple[int, int, str]  # start, end, type

ALIASES = {
    "u.s.": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States",  # "Latin America", "North America" are names of their own
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union", "e.u.": "European Union",
    "un": "United Nations", "u.n.": "United Nations",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
}
# Seats of power that stand for the institution: organisations here, though CoNLL
# annotates them as places.
INSTITUTIONS = frozenset(
    {"Kremlin", "White House", "Pentagon", "Downing Street", "Elysee", "Élysée", "Capitol Hill", "Whitehall"}
)
# An organisation named by a head noun and its remit: the tagger often stops at the head.
ORG_HEADS = frozenset(
    """Institute Council Ministry Department Committee Office Centre Center Bureau Agency
    Organisation Organization Foundation Association Union Commission Fund Bank University
    School Academy Society League Federation Court Board Authority Service Party Alliance
    Movement Coalition Forum House Chamber""".split()
)
_REMIT = regex(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w’'-]*)*")
_DATED = regex(
    r"\s+(?:(?:on|in|of|for|and|the)\s+)*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b"
)
_POSSESSIVE = regex(r"['’]s?$")
_LOWER_WORD = regex(r"\b[a-z][a-z-]*\b")
MAX_SUFFIX = 3  # "Blair", "Le Bon", "Lloyd Webber", "de la Rua": the short forms looked up


def clean_name(text: str, kind: str) -> tuple[str, str, bool]:
    """The name a mention's text stands for, its type, and whether an honorific ("Ms",
    "Prof") said it is a person: no possessive, no leading "the", and for people no
    titles, offices or descriptions."""
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    stripped, honorific = strip_person(text) if kind != "MISC" else (text, False)  # "Lord of the Rings"
    if kind == "PER" or honorific:
        return stripped, "PER", honorific
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words.pop(0)
    return " ".join(words), kind, False


def is_initial_form(words: list[str]) -> bool:
    """"M Blair", "G. W. Bush": initials, then a surname."""
    return len(words) > 1 and all(is_initial(w) for w in words[:-1])


class _People:
    """The full names of one article's people, and what each shorter form stands for.

    Looked up by key (a name's last words, its first and last word, its first word),
    never by a walk over every name: a long article meets thousands of people.
    """

    def __init__(self, mentions: list[tuple[int, str]]) -> None:
        self.canonical: dict[str, str] = {}  # a full form -> its person ("George Bush" -> "George W Bush"?)
        self._ends: dict[tuple[str, str], list[str]] = {}  # (first, last) -> the full forms, first seen first
        self._suffix: dict[tuple[str, ...], list[tuple[int, str]]] = {}  # last words -> (position, person)
        self._first: dict[str, tuple[int, str]] = {}  # a first word -> the earliest person with it
        for position, name in mentions:
            words = name.split()
            if len(words) < 2 or is_initial_form(words):
                continue
            person = self._person(name, words)
            for size in range(1, min(MAX_SUFFIX, len(words) - 1) + 1):
                self._suffix.setdefault(tuple(words[-size:]), []).append((position, person))
            self._first.setdefault(words[0], (position, person))

    def _person(self, name: str, words: list[str]) -> str:
        """A full form's person: the earliest form with the same first and last word, unless
        both name different middles ("George H W Bush", "George W Bush")."""
        known = self.canonical.get(name)
        if known is not None:
            return known
        forms = self._ends.setdefault((words[0], words[-1]), [])
        middle = words[1:-1]
        person = name
        for form in forms:
            other = self.canonical[form].split()[1:-1]
            if not middle or not other or middle == other:
                person = self.canonical[form]
                break
        forms.append(name)
        self.canonical[name] = person
        return person

    def resolve(self, position: int, name: str) -> str:
        """The person a name at `position` stands for: its full form, or the full name it
        shortens (the nearest before it, else the first after it), or itself."""
        words = name.split()
        if is_initial_form(words):
            found = [
                (p, person) for p, person in self._suffix.get((words[-1],), ())
                if person.split()[0][0] == words[0][0] and not is_initial(person.split()[0])
            ]
        else:
            found = self._suffix.get(tuple(words), []) if len(words) <= MAX_SUFFIX else []
        if found:
            return _nearest(found, position)
        if name in self.canonical:
            return self.canonical[name]
        if len(words) == 1 and name in self._first:  # "Xi" for "Xi Jinping"
            return self._first[name][1]
        return name


def _nearest(found: list[tuple[int, str]], position: int) -> str:
    """The candidate mentioned last before `position`, else the first after it (sorted by position)."""
    i = bisect_left(found, (position, ""))
    return found[i - 1][1] if i > 0 else found[0][1]


def _extend_organisations(text: str, spans: list[Span]) -> list[Span]:
    """"Institute" + " for the Study of War" is one organisation; spans it swallows go."""
    extended: list[Span] = []
    for start, end, kind in sorted(spans):
        if extended and start < extended[-1][1]:
            continue
        if kind == "ORG" and text[start:end].split()[-1] in ORG_HEADS:
            remit = _REMIT.match(text, end)
            if remit:
                cut = _DATED.search(text, end, remit.end())  # "House of Commons on Monday"
                end = cut.start() if cut else remit.end()
        extended.append((start, end, kind))
    return extended


def canonicalize(text: str, spans: list[Span]) -> list[Entity]:
    """Entities with canonical names and consistent types, in text order."""
    spans = _extend_organisations(text, spans)
    cleaned = [(start, end, *clean_name(text[start:end], kind)) for start, end, kind in spans]
    people = {name for _s, _e, name, kind, _h in cleaned if kind == "PER" and len(name.split()) > 1}
    surnames = {name.split()[-1] for name in people}
    mentions: list[tuple[int, int, str, str]] = []
    for start, end, name, kind, honorific in cleaned:
        if not any(c.isupper() or c.isdigit() for c in name):
            continue  # "of" left of a "Lord of the" after its title: no name
        as_person = clean_name(text[start:end], "PER")[0]
        if kind != "PER" and as_person in people:
            kind, name = "PER", as_person  # "State Marco Rubio" read as an organisation: Marco Rubio behind his title
        inner = text.find(name, start, end)
        if inner != -1:  # the highlight sits on the name, not on its title or possessive
            start, end = inner, inner + len(name)
        if kind != "PER" and name in surnames and name.lower() not in ALIASES:
            kind = "PER"  # "Rubio" tagged as a place once is still the person named elsewhere
        elif kind in ("PER", "MISC") and not honorific and name not in surnames and name in places():
            kind = "LOC"  # "Kyiv", unseen in 1996 news, is a city, not a person; "Newcastle" tagged ORG is the club
        if name in INSTITUTIONS:
            kind = "ORG"
        mentions.append((start, end, kind, name))
    found = _People([(start, name) for start, _end, kind, name in mentions if kind == "PER"])
    others = _Others([(name, kind) for _s, _e, kind, name in mentions if kind != "PER"], text)
    named = [
        (start, end, kind, found.resolve(start, name) if kind == "PER" else others.resolve(name, kind))
        for start, end, kind, name in mentions
    ]
    spelling = _spellings([m[3] for m in named])
    types = _majority_types([(spelling[m[3].lower()], m[2]) for m in named])
    return [
        Entity(start, end, types[spelling[name.lower()]], text[start:end], spelling[name.lower()])
        for start, end, _kind, name in named
    ]


class _Others:
    """Places and organisations: aliases ("U.S."), an acronym for the article's long form,
    and an organisation's last word for the one organisation of the article it ends
    ("United" for its "Manchester United", "Lions" for "British Lions"; not when
    it ends two, as "Party" does "Labour Party" and "Conservative Party", nor when the
    shipped list of organisations' short forms names it)."""

    def __init__(self, names: list[tuple[str, str]], text: str) -> None:
        self._by_initials: dict[str, str] = {}
        self._by_last: dict[str, set[str]] = {}
        lower: set[str] | None = None  # the words the article writes in lower case, if needed
        for name, kind in names:
            words = name.split()
            if len(words) > 1 and name.lower() not in ALIASES:
                self._by_initials.setdefault(initials(name), name)
                if kind == "ORG" and _plain_name(words):
                    lower = set(_LOWER_WORD.findall(text)) if lower is None else lower
                    if words[0].lower() not in lower:  # "Spread Firefox": a sentence's first word
                        self._by_last.setdefault(words[-1], set()).add(name)

    def resolve(self, name: str, kind: str) -> str:
        alias = ALIASES.get(name.lower())
        if alias:
            return alias
        if len(name.split()) != 1:
            return name
        if name.isupper() and len(name) > 1:
            return self._by_initials.get(name, name)
        if kind != "ORG" or fold(name) in org_aliases():
            return name  # "Labour" is the party, not the article's "New Labour" or "Welsh Labour"
        ending = self._by_last.get(name, ())
        return next(iter(ending)) if len(ending) == 1 else name


def _plain_name(words: list[str]) -> bool:
    """"Manchester United", not "Arsenal and Chelsea", "World of Warcraft" or "Microsoft's
    Xbox": every word capitalised, none possessive (what a last word can be short for)."""
    return all(w[:1].isupper() and not _POSSESSIVE.search(w) for w in words)


def _spellings(names: list[str]) -> dict[str, str]:
    """Case variants ("Nato", "NATO") share the spelling used most, first seen on a tie."""
    counts = Counter(names)
    best: dict[str, str] = {}
    for name in names:
        key = name.lower()
        if key not in best or counts[name] > counts[best[key]]:
            best[key] = name
    return best


def _majority_types(mentions: list[tuple[str, str]]) -> dict[str, EntityType]:
    votes: dict[str, Counter[str]] = {}
    for name, kind in mentions:
        votes.setdefault(name, Counter())[kind] += 1
    # PER wins ties: a person linked by surname must stay a person.
    return {
        name: max(counter, key=lambda k: (counter[k], k == "PER"))  # type: ignore[misc]
        for name, counter in votes.items()
    }
