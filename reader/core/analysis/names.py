"""One canonical name per entity within an article.

"Rubio" and "Secretary of State Marco Rubio" are "Marco Rubio"; "U.S." and "United
States" are one place; "ISW" after "Institute for the Study of War" is that institute.
Titles are never part of a name. All mentions of one entity get its majority type.
"""

from __future__ import annotations

from collections import Counter

from reader.core.analysis.gazetteer import places
from reader.core.model import Entity, EntityType
from reader.core.patterns import regex

Span = tuple[int, int, str]  # start, end, type

TITLES = frozenset(
    """president vice prime minister secretary of state foreign defence defense interior
    chancellor premier king queen prince princess pope sir lord lady dame mr mr. mrs mrs.
    ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor gen gen.
    general col col. colonel lt lt. lieutenant capt capt. captain sgt sgt. adm adm. admiral
    spokesman spokeswoman spokesperson mayor judge justice chief ambassador envoy minister
    commander ceo chairman chairwoman director deputy leader coach manager the baroness baron
    shadow mp mep lib dem tory labour conservative democrat republican""".split()
)
ALIASES = {
    "u.s.": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
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
_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "de", "to", "&"})
# An organisation named by a head noun and its remit: the tagger often stops at the head.
ORG_HEADS = frozenset(
    """Institute Council Ministry Department Committee Office Centre Center Bureau Agency
    Organisation Organization Foundation Association Union Commission Fund Bank University
    School Academy Society League Federation Court Board Authority Service Party Alliance
    Movement Coalition Forum""".split()
)
_REMIT = regex(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w’'-]*)*")
_POSSESSIVE = regex(r"['’]s?$")


def _strip(text: str, kind: str) -> str:
    """The name without a possessive, a leading article, or (for people) leading titles."""
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    words = text.split()
    if kind == "PER":
        while len(words) > 1 and words[0].lower() in TITLES:
            words.pop(0)
    elif len(words) > 1 and words[0].lower() == "the":
        words.pop(0)
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _FUNCTION_WORDS).upper()


class _Names:
    """The names met so far in one article, in order.

    Looked up by key (first and last word, initials), never by a walk over every name met:
    a long article meets thousands of people, and a walk per mention made it quadratic.
    Each key keeps the earliest name that has it, as the walk found first.
    """

    def __init__(self) -> None:
        self.people: list[str] = []  # multi-word personal names, first seen first
        self._by_ends: dict[tuple[str, str], str] = {}  # (first, last word) -> the person
        self._by_word: dict[str, int] = {}  # a first or last word -> the earliest person's index
        self._by_initials: dict[str, str] = {}  # "ISW" -> the multi-word name it abbreviates

    def person(self, name: str) -> str:
        words = name.split()
        if len(words) > 1:
            known = self._by_ends.get((words[0], words[-1]))
            if known is not None:  # "Donald J. Trump" after "Donald Trump" stays itself
                return known
            self._by_ends[words[0], words[-1]] = name
            for word in (words[0], words[-1]):
                self._by_word.setdefault(word, len(self.people))
            self.people.append(name)
            return name
        index = self._by_word.get(name)
        return self.people[index] if index is not None else name

    def other(self, name: str) -> str:
        alias = ALIASES.get(name.lower())
        if alias:
            return alias
        if len(name.split()) > 1:
            self._by_initials.setdefault(_initials(name), name)
        elif name.isupper() and len(name) > 1:
            return self._by_initials.get(name, name)
        return name


def _extend_organisations(text: str, spans: list[Span]) -> list[Span]:
    """"Institute" + " for the Study of War" is one organisation; spans it swallows go."""
    extended: list[Span] = []
    for start, end, kind in sorted(spans):
        if extended and start < extended[-1][1]:
            continue
        if kind == "ORG" and text[start:end].split()[-1] in ORG_HEADS:
            remit = _REMIT.match(text, end)
            if remit:
                end = remit.end()
        extended.append((start, end, kind))
    return extended


def canonicalize(text: str, spans: list[Span]) -> list[Entity]:
    """Entities with canonical names and consistent types, in text order."""
    spans = _extend_organisations(text, spans)
    full_names = [_strip(text[s:e], "PER").split() for s, e, k in spans if k == "PER"]
    surnames = {words[-1] for words in full_names if len(words) > 1}
    people = {" ".join(words) for words in full_names if len(words) > 1}
    names = _Names()
    mentions: list[tuple[int, int, str, str]] = []
    for start, end, kind in spans:
        if kind != "PER" and _strip(text[start:end], "PER") in people:
            kind = "PER"  # "State Marco Rubio" read as an organisation is Marco Rubio behind his title
        name = _strip(text[start:end], kind)
        if not name:
            continue
        inner = text.find(name, start, end)
        if inner != -1:  # the highlight sits on the name, not on its title or possessive
            start, end = inner, inner + len(name)
        if kind != "PER" and name in surnames and name.lower() not in ALIASES:
            kind = "PER"  # "Rubio" tagged as a place once is still the person named elsewhere
        elif kind != "LOC" and name not in surnames and name in places():
            kind = "LOC"  # "Kyiv", unseen in 1996 news, is a city, not a person or a club
        if name in INSTITUTIONS:
            kind = "ORG"
        canonical = names.person(name) if kind == "PER" else names.other(name)
        mentions.append((start, end, kind, canonical))
    spelling = _spellings([m[3] for m in mentions])
    types = _majority_types([(spelling[m[3].lower()], m[2]) for m in mentions])
    return [
        Entity(start, end, types[spelling[name.lower()]], text[start:end], spelling[name.lower()])
        for start, end, _kind, name in mentions
    ]


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
