"""An entity's type from the category nouns beside its mentions, across the library.

The tagger types a mention from its sentence, so a work or a band named like a person or
a body ("The Aviator", "Xbox", "Franz Ferdinand") gets the type its name looks like
wherever one sentence says no more. Many of the library's sentences do: "the film X", "X
console", "X, starring" (a work or product: MISC, "other"); "Glasgow group X", "X
frontman" (a band, ORG in CoNLL's convention); "actor X", "Mr X" (a person). Each
mention gives at most one vote (`NOUNS`); a person or body whose votes are mostly for a
work, or a person's mostly for a body, by at least MIN_VOTES, takes that type. A listed
organisation keeps its type; a work named after a person votes for the person only where
spelled in full ("the biopic Kinsey" says nothing of Alfred Kinsey).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

from reader.core.entities.titles import PERSON_TITLES
from reader.core.model import ENTITY_TYPES
from reader.core.search.tables import Articles

PER, ORG, MISC = (ENTITY_TYPES.index(t) for t in ("PER", "ORG", "MISC"))

# A category noun -> (the type it gives the name beside it, where it counts): "b" right
# before the name ("the film X", "rock band X"), "a" right after it, maybe past a model
# number ("X console", "X 2 console"), "," after a comma ("X, starring"). A "b" noun
# also counts in apposition ("X, the film", "X, a Glasgow band").
NOUNS: dict[str, tuple[str, str]] = {
    # works and products
    **{n: ("MISC", "b") for n in (
        "film", "movie", "biopic", "blockbuster", "drama", "comedy", "thriller", "musical", "documentary",
        "cartoon", "epic", "sitcom", "series", "programme", "show", "soap", "album", "single", "track", "song",
        "hit", "novel", "book", "opera", "franchise", "game", "games", "videogame",
        "role in", "roles in", "starred in", "starring in", "stars in", "appeared in", "appears in",
        "appearance in", "star of", "stars of", "sequel to", "directed",
    )},
    **{n: ("MISC", "ab") for n in ("console", "consoles", "handheld", "soundtrack")},
    **{n: ("MISC", "a") for n in ("version", "versions")},
    **{n: ("MISC", ",") for n in ("starring", "directed by", "which stars")},
    # bands and other bodies
    **{n: ("ORG", "b") for n in (
        "band", "bands", "group", "duo", "trio", "quartet", "quintet", "outfit", "rockers",
        "firm", "company", "giant", "retailer", "airline", "carrier", "bank", "label",
        "studio", "club", "side", "newspaper", "paper", "magazine", "channel", "website", "site",
    )},
    **{n: ("ORG", "a") for n in (
        "frontman", "frontwoman", "guitarist", "drummer", "bassist", "lead singer", "chief executive",
        "spokesman", "spokeswoman", "shareholders",
    )},
    # people
    **{n: ("PER", "b") for n in (
        "actor", "actress", "director", "singer", "star", "rapper", "comedian", "presenter", "writer",
        "author", "novelist", "player", "striker", "coach", "manager", "boss", "minister", "secretary",
        "chancellor", "leader", "president", "researcher", "scientist", "professor", "campaigner", "producer",
        "founder", "owner", "tycoon", "billionaire", "entrepreneur", "lawyer", "economist", "analyst",
        "midfielder", "defender", "goalkeeper", "winger", "skipper", "captain", "champion",
    )},
}
MIN_VOTES = 2  # fewer is chance
WINDOW = 60  # characters looked at on each side of a mention
_PUNCTUATION = ".,;:!?)\"'”’"


@functools.cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The nouns by where they stand (before, after, after a comma), each -> its type index;
    the person titles ("Mr") count as nouns of a person before the name."""
    where: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    for noun, (kind, places) in NOUNS.items():
        for place, table in zip("ba,", where):
            if place in places:
                table[noun] = ENTITY_TYPES.index(kind)
    for title in PERSON_TITLES:
        where[0][title.lower()] = where[0][title.lower() + "."] = PER
    return where


def vote(text: str, start: int, end: int) -> int | None:
    """The type the category noun beside the mention at text[start:end] gives it, or None."""
    before, after, comma = _tables()
    following = text[end:end + WINDOW]
    if following[:1] == ",":
        raw = following[1:].split(None, 4)[:4]
        words = [w.rstrip(_PUNCTUATION).lower() for w in raw]
        found = _noun(words, comma)
        if found is not None:
            return found
        if len(words) > 1 and words[0] in ("the", "a", "an"):  # "X, the film", "X, a Glasgow band"
            noun = words[1] if words[1] in before or len(words) < 3 or not raw[1].isalpha() else words[2]
            found = before.get(noun)
            return found if found != PER else None
    elif following[:1].isspace():
        words = following.split(None, 3)
        first = words[0].rstrip(_PUNCTUATION).lower() if words else ""
        if first.isdigit():  # "X 2 console"
            del words[0]
            first = words[0].rstrip(_PUNCTUATION).lower() if words else ""
        found = after.get(first)
        if found is None and len(words) > 1:
            found = after.get(f"{first} {words[1].rstrip(_PUNCTUATION).lower()}")
        if found is not None:
            return found
        if first in before:
            return None  # "the sequel to the [Ben Stiller] comedy": the name says which comedy
    if start == 0 or not text[start - 1:start].isspace():  # (a text not indexed is empty)
        return None
    words = text[max(0, start - WINDOW):start].rsplit(None, 3)[-3:]
    if words and words[-1] in ("the", "The"):
        words.pop()
    if not words:
        return None
    last = words[-1].lower()
    found = before.get(last)
    if found is None and len(words) > 1:
        found = before.get(f"{words[-2].lower()} {last}")
    return found


def _noun(words: list[str], table: dict[str, int]) -> int | None:
    """The type of the noun of `table` that `words` start with (two words, else one), or None."""
    if not words:
        return None
    return table.get(" ".join(words[:2]), table.get(words[0]))


def retype(
    table: Articles, entity_of: Callable[[int, int], str], types: dict[str, int], fixed: dict[str, int],
) -> dict[str, int]:
    """`types` with each person's or organisation's type decided by the votes of its mentions."""
    open_ = {name for name, kind in types.items() if kind == PER or (kind == ORG and name not in fixed)}
    votes: dict[str, Counter[int]] = {}
    for a in table.live:
        text = None
        for kind, number, start, end in table.mentions(a):
            name = entity_of(a, number)
            if name not in open_:
                continue
            if text is None:
                text = table.text[a]
            found = vote(text, start, end)
            if found == MISC and types[name] == PER and table.names[number] != name:
                continue  # "the biopic Kinsey" is not the Alfred Kinsey it joined
            if found is not None:
                votes.setdefault(name, Counter())[found] += 1
    decided = dict(types)
    for name, counter in votes.items():
        (best, count), = counter.most_common(1)
        if best != types[name] and count >= MIN_VOTES and count > sum(counter.values()) - count:
            if best == MISC or (best == ORG and types[name] == PER):
                decided[name] = best
    return decided
