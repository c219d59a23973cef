"""The tagger's name spans repaired where news pages trip it up.

The tagger learnt from 1996 Reuters sentences. Pages bring what those never had: photo
credits ("Thomas Coex/AFP/Getty Images"), headlines in title case ("Police Chief Wreaks
Havoc"), datelines in capitals ("CAIRO —"), names run together across a title ("in
Harrogate Mr Kennedy") or a verb ("Tories have Labour"), a possessive inside a name
("Fisherman's Terminal"). Each rule below mends one such pattern on (start, end, type)
character spans, before names.py gives the spans their canonical names. The word lists
the rules read are in spanwords.py.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.analysis.dates import WEEKDAYS
from reader.core.analysis.gazetteer import places
from reader.core.analysis.spanwords import (
    BODY_HEADS, COMMON_ACRONYMS, CONNECTORS, NOT_DATELINES, MOVEMENT_HEADS, PERSONAL_TITLES, PLACE_HEADS,
)
from reader.core.patterns import regex

Span = tuple[int, int, str]  # start, end, type

__all__ = ["Span", "dateline_starts", "repair"]

# A paragraph that opens with a place in capitals, then maybe ", State" and "(Agency)",
# then a dash or colon: "LONDON (Reuters) -", "HOUSTON, Texas (KTRK) --", "CAIRO —".
_DATELINE = regex(
    r"(?m)^([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})"
    r"(?=(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|[–—:]))"
)
_WORD = regex(r"[^\s/]+")
_LINE = regex(r"[^\n]+")


def repair(
    text: str,
    spans: list[Span],
    known_type: Callable[[str], str | None],
    person_name: Callable[[str], str] | None = None,
) -> list[Span]:
    """The spans with the patterns above mended, in text order. `known_type(word)` is the
    type the tagger's training data gives a lower-cased one-word name, if any;
    `person_name(word)` what the shipped name lists say a lower-cased word is ("fn": a
    given name, "ln": a surname, both, or "")."""
    spans = sorted(spans)
    if person_name is not None:
        spans = _given_names(text, spans, known_type, person_name)
        spans = _lone_given_names(text, spans, known_type, person_name)
    for rule in (_split_credits, _split_at_titles, _split_at_verbs, _without_connective):
        spans = [piece for span in spans for piece in rule(text, span)]
    spans = _join_possessives(text, spans)
    spans = _join_and_remit(text, spans)
    spans = _extend_org_nouns(text, spans)
    spans = _datelines(text, spans)
    spans = _outside_title_case_lines(text, spans)
    spans = _titled_people(text, spans)
    spans = _join_across_connectors(text, _numbered(text, spans))
    return [_nationality(text, span, known_type) for span in spans if text[span[0]:span[1]] not in COMMON_ACRONYMS]


def dateline_starts(text: str) -> dict[int, int]:
    """Start -> end of each dateline place ("LONDON" in "LONDON (Reuters) - ...")."""
    return {
        m.start(1): m.end(1)
        for m in _DATELINE.finditer(text)
        if not set(m.group(1).replace("-", " ").split()) & NOT_DATELINES
    }


# -- splits ------------------------------------------------------------------------------


def _split_credits(text: str, span: Span) -> list[Span]:
    """"Thomas Coex/AFP/Getty Images" is a photographer and two agencies."""
    start, end, kind = span
    piece = text[start:end]
    if "/" not in piece:
        return [span]
    out, at = [], start
    for part in piece.split("/"):
        part_start = at + len(part) - len(part.lstrip())
        part_end = at + len(part.rstrip())
        if part_end > part_start and part.strip()[:1].isupper():
            # after a person come the agencies of a credit; other lists keep their type
            out.append((part_start, part_end, "ORG" if kind == "PER" and out else kind))
        at += len(part) + 1
    return out


def _split_at_titles(text: str, span: Span) -> list[Span]:
    """"Harrogate Mr Kennedy": a place, then a person; the title starts the second name."""
    start, end, kind = span
    words = list(_WORD.finditer(text, start, end))
    for i, word in enumerate(words[1:], 1):
        if word.group() in PERSONAL_TITLES and i + 1 < len(words):
            before = text[start:words[i - 1].end()]
            head: list[Span] = []
            if before in places() or _after_preposition(text, start):
                head = [(start, words[i - 1].end(), "LOC")]
            return head + [(word.start(), end, "PER")]
    return [span]


def _after_preposition(text: str, start: int) -> bool:
    words = text[max(0, start - 8):start].split()
    return bool(words) and words[-1] in ("in", "at", "from", "near", "to")


def _split_at_verbs(text: str, span: Span) -> list[Span]:
    """"Tories have Labour": a lower-case word that cannot stand inside a name ends one."""
    start, end, kind = span
    out: list[Span] = []
    piece_start = None
    last_end = start
    for word in _WORD.finditer(text, start, end):
        w = word.group()
        if w.islower() and w not in CONNECTORS and "-" not in w:
            if piece_start is not None:
                out.append((piece_start, last_end, kind))
            piece_start = None
            continue
        if piece_start is None:
            if w in CONNECTORS:
                continue
            piece_start = word.start()
        last_end = word.end()
    if piece_start is not None:
        out.append((piece_start, last_end, kind))
    if len(out) == 1 and out[0][:2] == (start, end):
        return [span]
    return [s for s in out if any(w[:1].isupper() for w in text[s[0]:s[1]].split())]


# Words that open a sentence and never a name ("Still", "Now", "So" do: "Still Waters", "So Solid Crew").
_CONNECTIVES = frozenset("Meanwhile However But And Yet Instead Also Indeed Elsewhere Separately".split())


def _without_connective(text: str, span: Span) -> list[Span]:
    """"Meanwhile Labour said": a sentence's opening connective is no part of the name after it."""
    start, end, kind = span
    first = _WORD.match(text, start, end)
    if first is None or first.group() not in _CONNECTIVES or first.end() >= end:
        return [span]
    rest = _WORD.search(text, first.end(), end)
    return [(rest.start(), end, kind)] if rest is not None and rest.group()[:1].isupper() else [span]


# -- joins ---------------------------------------------------------------------------------


def _join_possessives(text: str, spans: list[Span]) -> list[Span]:
    """"Fisherman" 's "Terminal" is one place: X's + a place or business noun, X no place."""
    out: list[Span] = []
    for span in spans:
        if out:
            prev = out[-1]
            between = text[prev[1]:span[0]]
            head = text[span[0]:span[1]].split()[-1]
            first = text[prev[0]:prev[1]]
            if (
                between in ("'s ", "’s ")
                and (head in PLACE_HEADS or head in BODY_HEADS)
                and " " not in first
                and first not in places()
                and prev[2] != "PER"
            ):
                kind = "LOC" if head in PLACE_HEADS else "ORG"
                out[-1] = (prev[0], span[1], kind)
                continue
        out.append(span)
    return out


_AND_NAME = regex(r"\s+and\s+((?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*)*)(?=[\s,.;:)]|$)")


def _join_and_remit(text: str, spans: list[Span]) -> list[Span]:
    """"Center on Poverty" + "and Inequality": an organisation named by its remit goes on
    past "and" when what follows is no name of its own."""
    out: list[Span] = []
    skip_to = -1
    for i, (start, end, kind) in enumerate(spans):
        if start < skip_to:
            continue
        if kind == "ORG" and any(f" {w} " in text[start:end] for w in ("of", "on", "for")):
            m = _AND_NAME.match(text, end)
            if m:
                tail = text[m.start(1):m.end(1)]
                inside = [s for s in spans[i + 1:] if s[0] < m.end(1)]
                own_name = any(s[2] == "ORG" or text[s[0]:s[1]] in places() for s in inside)
                if not own_name and tail not in places():
                    end = m.end(1)
                    skip_to = end
        out.append((start, end, kind))
    return out


def _extend_org_nouns(text: str, spans: list[Span]) -> list[Span]:
    """"Islamic" + " State" is an organisation, as are "Communist Party", "Red Army"."""
    out: list[Span] = []
    for start, end, kind in spans:
        if out and out[-1][1] > start:
            continue
        nxt = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
        if nxt and nxt.group().rstrip(",.;:") in MOVEMENT_HEADS and kind in ("MISC", "LOC", "ORG"):
            word_end = nxt.start() + len(nxt.group().rstrip(",.;:"))
            if not any(s[0] < word_end and s[1] > end for s in spans if s[0] >= end):
                out.append((start, word_end, "ORG"))
                continue
        out.append((start, end, kind))
    return out


_PEERS = frozenset("Lord Lady King Queen Prince Princess Duke Duchess Earl".split())


_NUMBERED = frozenset("Channel Radio Formula".split())  # "Channel 4", "BBC Radio 4", "Formula 1"
_NUMBER = regex(r" (\d{1,2})(?![\w.,:-]*\d)")


def _numbered(text: str, spans: list[Span]) -> list[Span]:
    """"Channel" + " 4" is one name: a channel, station or series is named by its number."""
    out = []
    for start, end, kind in spans:
        if text[start:end].rsplit(None, 1)[-1] in _NUMBERED:
            m = _NUMBER.match(text, end)
            if m:
                end = m.end()
        out.append((start, end, kind))
    return out


def _join_across_connectors(text: str, spans: list[Span]) -> list[Span]:
    """"Lord of" + "the Rings" is one name: a span ending in "of", "the" or "and" goes on
    into the span right after it (past a "the"). A person's name does not end so, nor
    does a peer's go on with "of the": what starts as one ("Lord of the Rings", "Lord of
    the Dance") is the title of a work, MISC."""
    out: list[Span] = []
    for span in spans:
        if out:
            start, end, kind = out[-1]
            words = text[start:end].split()
            gap = text[end:span[0]]
            if words[-1] in ("of", "the", "and", "for") and (gap == " " or (gap == " the " and words[-1] != "the")):
                joined = text[start:span[1]]
                if kind == "PER" or (words[0] in _PEERS and " of the " in joined):
                    kind = "MISC"
                out[-1] = (start, span[1], kind)
                continue
        out.append(span)
    return out


def _lone_given_names(
    text: str, spans: list[Span], known_type: Callable[[str], str | None], person_name: Callable[[str], str]
) -> list[Span]:
    """A given name alone that is no surname ("Chelsea") and that the training data knows
    as a place or body is that place or body, unless the article names a person by it
    ("Chelsea Clinton"): news names a person by the surname."""
    firsts = {text[s:e].split(None, 1)[0] for s, e, k in spans if k == "PER" and " " in text[s:e]}
    out = []
    for start, end, kind in spans:
        word = text[start:end]
        if kind == "PER" and _NAME_WORD.fullmatch(word) and word not in firsts:
            known = known_type(word.lower())
            if known in ("LOC", "ORG") and person_name(word.lower()).split() == ["fn"]:
                kind = known
        out.append((start, end, kind))
    return out


# -- context -------------------------------------------------------------------------------

_NAME_WORD = regex(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?![\w'’.-]*\w)")
_CALENDAR = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# Words after a given name that make a place or a body of it ("Victoria Station", "Georgia Tech").
_NOT_SURNAMES = PLACE_HEADS | BODY_HEADS | MOVEMENT_HEADS | frozenset(
    """The A An Of And In On At For To City County Day Street Avenue Road Tech United Rovers
    Athletic Wanderers Town Club Group Inc Ltd Plc Corp Times Post News Show Awards Prize""".split()
)


def _given_names(
    text: str, spans: list[Span], known_type: Callable[[str], str | None], person_name: Callable[[str], str]
) -> list[Span]:
    """A known given name typed as a place or body, then a known surname, is a person
    ("Theresa/ORG May" is Theresa May, "Dan/ORG Rather"): one sentence's type yields to
    the name lists, unless the first word is itself a known place or body ("Jordan",
    "Chelsea", both given names), a month or a day, or the next word heads a place or body
    ("Victoria Station"), or the article writes the first word alone as a name of its own
    ("Sun" ... "Sun Grid"). A person's span right after it is the rest of the name
    ("Ed/ORG Davey/PER")."""
    alone = {
        text[s:e] for s, e, k in spans
        if k != "PER" and " " not in text[s:e] and not (text[e:e + 1] == " " and _NAME_WORD.match(text, e + 1))
    }
    out: list[Span] = []
    i = 0
    while i < len(spans):
        start, end, kind = spans[i]
        word = text[start:end]
        nxt = _NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
        if (
            kind != "PER"
            and nxt is not None
            and _NAME_WORD.fullmatch(word)
            and "fn" in person_name(word.lower())
            and word not in alone
            and word not in _CALENDAR
            and known_type(word.lower()) in (None, "PER")
            and word not in places()
            and nxt.group() not in _NOT_SURNAMES
            and nxt.group() not in WEEKDAYS  # a month may be a surname ("Theresa May")
            and known_type(nxt.group().lower()) in (None, "PER")
            and not text[nxt.end():nxt.end() + 2].strip(" ").startswith(tuple("0123456789"))
        ):
            follower = spans[i + 1] if i + 1 < len(spans) and spans[i + 1][0] < nxt.end() else None
            surname = follower is None and "ln" in person_name(nxt.group().lower())
            if surname or (follower is not None and follower[0] == nxt.start() and follower[2] == "PER"):
                out.append((start, follower[1] if follower else nxt.end(), "PER"))
                i += 2 if follower else 1
                continue
        out.append((start, end, kind))
        i += 1
    return out



def _datelines(text: str, spans: list[Span]) -> list[Span]:
    """A place in capitals that opens a paragraph before a dash is a place (LOC)."""
    lines = dateline_starts(text)
    if not lines:
        return spans
    out = [s for s in spans if not any(s[0] < e and start < s[1] for start, e in lines.items())]
    out += [(start, end, "LOC") for start, end in lines.items()]
    return sorted(out)


def _outside_title_case_lines(text: str, spans: list[Span]) -> list[Span]:
    """In a line in title case every word looks like a name: keep only names the rest of
    the text has too."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if _title_case(text, m, spans)]
    if not lines:
        return spans

    def in_line(span: Span) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in lines)

    elsewhere = {text[s:e].lower() for s, e, _ in spans if not in_line((s, e, ""))}
    return [s for s in spans if not in_line(s) or text[s[0]:s[1]].lower() in elsewhere]


_SMALL_WORDS = frozenset("On In To For Of With And At From Into Over After As Up".split())


def _title_case(text: str, line, spans: list[Span]) -> bool:
    """A headline in title case ("Police Chief Wreaks Havoc On City Budget"), not a sentence
    nor a byline of names: every long word capitalised, and a capital where no name is
    (an untagged word, or a small word such as "On" that a sentence writes in lower case)."""
    words = [w for w in _WORD.finditer(text, line.start(), line.end()) if w.group()[:1].isalpha()]
    if len(words) < 4 or line.group().rstrip()[-1:] in ".!?\"”" or words[0].group()[-1] == ":":
        return False  # a sentence, or a labelled line ("Photograph: Thomas Coex/AFP")
    long_words = [w for w in words if len(w.group()) > 3]
    if len(long_words) < 3 or not all(w.group()[0].isupper() for w in long_words):
        return False
    if any(w.group() in _SMALL_WORDS for w in words[1:]):
        return True
    return any(not any(s <= w.start() < e for s, e, _ in spans) for w in long_words)


def _titled_people(text: str, spans: list[Span]) -> list[Span]:
    """"Mr Kennedy" anywhere in the article makes every "Kennedy" a person."""
    titled = set()
    for start, end, _ in spans:
        words = text[max(0, start - 6):start].split()
        first = text[start:end].split(" ", 1)[0]
        if (words and words[-1] in PERSONAL_TITLES and text[start - 1] == " ") or first in PERSONAL_TITLES:
            titled.add(text[start:end].split()[-1])
    if not titled:
        return spans
    return [
        (s, e, "PER") if k != "PER" and text[s:e].split()[-1] in titled and (
            " " not in text[s:e] or text[s:e].split(" ", 1)[0] in PERSONAL_TITLES) else (s, e, k)
        for s, e, k in spans
    ]


def _nationality(text: str, span: Span, known_type: Callable[[str], str | None]) -> Span:
    """"British", "Russian": a nationality is MISC, never a person or a place; so are its
    people ("Europeans", "Americans"), never an organisation."""
    start, end, kind = span
    word = text[start:end]
    if kind in ("PER", "LOC") and " " not in word and word.endswith(("an", "ish", "ese", "ch", "i")):
        if known_type(word.lower()) == "MISC":
            return (start, end, "MISC")
    if kind != "MISC" and " " not in word and word.endswith("ans") and known_type(word[:-1].lower()) == "MISC":
        return (start, end, "MISC")
    return span
