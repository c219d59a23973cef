"""Who a reporting verb's subject is: the people and organisations an article names, and
the descriptions that stand for them.

A subject is the mention (or pronoun) right before the verb, allowing appositives between
commas or dashes, a parenthesis, a relative "who" (`the Music Managers' Forum (MMF), who
say`), post-nominals (QC, MP, Jr), adverbs and auxiliaries, and a time ("Rubio on Thursday
said"); also the sentence's subject for a verb after "and"/"but" ("Wilson tried ... but
conceded"). Not a mention after a preposition ("a spokesman for Rubio said"), except an
organisation its spokesman speaks for ("a spokesman for the Home Office said", "a Five
spokesman said"), nor one in a coordination ("Trump and Putin said"). Mentions inside
quotes are never speakers or antecedents.

`Subjects` maps one article's PER and ORG mentions (plus the descriptions that resolve to
them: "the minister", "the company", `descriptions.py`) and its reporting verbs, and says
who is the subject of a verb (`subject_before`) or named right after it (`speaker_after`).
The attribution rules that use them are in `attribution.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Literal

from reader.core.analysis import descriptions, speech, voices
from reader.core.analysis.subjecthood import CLAUSE_OPENERS, SubjectTest
from reader.core.model import Entity
from reader.core.patterns import regex

SPEAKER_TYPES = ("PER", "ORG")
_SPOKESPERSON = "|".join(sorted(speech.SPOKESPEOPLE))
# ORG GAP spokesman: "a Five spokesman", "the Home Office's chief spokeswoman"
_ORG_BEFORE_SPOKESPERSON = regex(r"(?:['’]s)?\s+(?:[a-z-]+\s+)?")
_SPOKESPERSON_FOR = regex(rf"\b(?:{_SPOKESPERSON})\s+(?:for|at|of|from)\s+(?:the\s+)?$")
# verb GAP organisation: "said Microsoft", "said a spokeswoman for Royal Mail"
_ORG_AFTER_VERB = regex(rf"\s+(?:(?:an?|the)\s+(?:[\w-]+\s+)?(?:{_SPOKESPERSON})\s+(?:for|at|of|from)\s+)?(?:the\s+)?")
# "said a Google spokesperson", "said an Apple spokeswoman"
_A_BEFORE_ORG = regex(r"\s+(?:an?|the)\s+")
_SPOKESPERSON_AFTER_ORG = regex(rf"(?:['’]s)?\s+(?:[a-z-]+\s+)?(?:{_SPOKESPERSON})\b(?!\s+(?:for|at|of|from)\b)")
_ORG_THEN_PERSON = regex(rf"(?:['’]s)?(?:{speech.INVERTED_GAP.pattern})")  # "Southcorp chairman Brian Finn"
_APPOSITIVE_BEFORE = regex(r",\s+(?:the\s+)?(?:[A-Z][\w.’'&-]*\s+){0,3}$")  # "the Archbishop, the Most Reverend "
_RELATIVE = regex(r"(?:\s*\([^()]{1,60}\))?\)?\s*,\s+who\b")  # "rejected by Mr Blair, who said:"
_THE_BEFORE = regex(r"\b[Tt]he\s+(?:[\w'’-]+\s+)?$")  # "the spokesman", "the company's spokeswoman"
_NAMED_SPOKESPERSON = regex(r",\s+(?:an?|the|its|their)\s+[^,;:]{0,60}?")
_CLAUSE_CUT = regex(r"(?:,\s*|\s+)but\s+(?=(?:his|her|their|its|the|a|an)\b|[A-Z])|;\s+")  # a new subject
_APPOSITIVE_OPENS = regex(r"(?:['’]s)?\s*,")
_CAPITALISED_END = regex(r"(?:\b[A-Z][\w'’.&-]*\s*)+$")
# between two mentions of one organisation's name: "Universities and Colleges Employers' Association (UCEA"
_ORG_NAME_GAP = regex(r"\s*\(\s*|\s+(?:and|&|of|for)\s+(?:the\s+)?")
_PARENTHESIS_END = regex(r"\s*\([^()]*\)$")
_THE_OPENS = regex(r"[Tt]he\s")
_APPOSED = regex(r",?\s+")
_AFTER_ORG_SPEAKER = regex(r"\s*(?:[.,;:!?)]|$)|\s+(?:in|on|at|yesterday|today|this|last|earlier|later)\b")


@dataclass(frozen=True, order=True)
class Mention:
    start: int
    end: int
    name: str
    kind: str = "PER"  # "PER" or "ORG"


@dataclass(frozen=True)
class Attribution:
    """Who a reporting verb or noun points at: a name, a pronoun, or someone unnamed."""

    kind: Literal["name", "pronoun", "other"]
    value: str | None  # the canonical name, the pronoun, or None
    pos: int  # where the verb or noun is
    personlike: bool = True  # whether a later he/she may refer to it (a person, or a spokesman)
    who: str | None = "PER"  # what the name is: "PER" or "ORG" (None: nobody named)
    naming: bool = False  # by a verb of naming ("called"): with nobody named, a term
    noun: bool = False  # by a speech noun ("claims from X that"): X is no sentence's speaker
    spokesperson: bool = False  # "the spokesman said": the spokesman of the latest organisation that spoke
    described: int = -1  # for the pronoun "the": where its description starts ("the England coach")

    @property
    def is_person(self) -> bool:
        return self.personlike


def by_name(m: Mention, pos: int, naming: bool = False) -> Attribution:
    return Attribution("name", m.name, pos, m.kind == "PER", m.kind, naming)


def by_pronoun(word: str, pos: int, naming: bool = False) -> Attribution:
    """he, she, it, or "the" for a description of someone already named ("the coach")."""
    word = word.lower()
    return Attribution("pronoun", word, pos, word != "it", "ORG" if word == "it" else "PER", naming)


def unnamed(pos: int, personlike: bool, naming: bool = False) -> Attribution:
    return Attribution("other", None, pos, personlike, None, naming)


class Subjects(SubjectTest):
    """One article's sentences, people, organisations and reporting verbs."""

    def __init__(
        self, text: str, paras: list[tuple[int, int]], quotes: list[tuple[int, int]], entities: list[Entity]
    ) -> None:
        super().__init__(text, paras, quotes)
        self.verbs = [m for m in speech.REPORTING_VERB.finditer(text, 0, self.horizon) if self._is_verb(m)]
        self.verb_starts = [m.start() for m in self.verbs]
        speaking = voices.speaking_mentions(text, entities, self.verbs, self._quoted)
        named = [e for e in speaking if not self._quoted(e.start)]
        self._set_mentions(sorted({Mention(e.start, e.end, e.name, e.type) for e in named}))
        described, self.vague = descriptions.describe(
            text, 0, self.horizon, self.mentions, self._is_subject, self._quoted
        )
        self.vague_starts = [v[0] for v in self.vague]
        if described:
            # a person's description holding an organisation ("The PAHO Director") stands for the person
            inner = {m for d in described if d[3] == "PER" for m in self.mentions_between(d[0], d[1]) if m.kind == "ORG"}
            kept = [m for m in self.mentions if m not in inner]
            self._set_mentions(kept)
            taken = self._taken()
            extra = [Mention(*d) for d in described if not taken(d[0], d[1])]
            self._set_mentions(sorted(kept + extra))

    def _set_mentions(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.mention_ends = [m.end for m in mentions]
        self.subjects = [m for m in mentions if self._is_subject(m)]
        self.subject_starts = [m.start for m in self.subjects]

    def _taken(self):  # noqa: ANN202 - a closure over the mentions
        starts, ends = self.mention_starts, self.mention_ends

        def overlaps(start: int, end: int) -> bool:
            i = bisect_left(starts, end)
            return any(ends[j] > start for j in range(max(0, i - 3), i))

        return overlaps

    # -- structure -------------------------------------------------------------------

    def _is_verb(self, m: re.Match[str]) -> bool:
        if self._quoted(m.start()):
            return False
        after = self.text[m.end() : m.end() + 12].split()
        if after and after[0].lower().strip(",.") in speech.not_before(m):  # "called on", "continued to"
            return False
        before = self.text[max(0, m.start() - 24) : m.start()]
        if speech.is_participle(m) and speech.DETERMINER_BEFORE.search(before):
            return False  # "a government warning about"
        if speech.is_nouny(m) and not speech.SUBJECT_RIGHT_BEFORE.search(before):
            return False  # "if the claims were true"
        return not (speech.PASSIVE_BEFORE.search(before) or speech.NOT_FINITE_BEFORE.search(before))

    # -- subjects --------------------------------------------------------------------

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        a = bisect_left(self.mention_starts, lo)
        b = bisect_right(self.mention_ends, hi)
        return [m for m in self.mentions[a:b] if m.end <= hi]

    def first_subject(self, lo: int, hi: int, kinds: tuple[str, ...] = SPEAKER_TYPES) -> Mention | None:
        """The first sentence subject of these kinds starting at lo or later, if it ends by hi."""
        i = bisect_left(self.subject_starts, lo)
        while i < len(self.subjects) and self.subjects[i].end <= hi:
            if self.subjects[i].kind in kinds:
                return self.subjects[i]
            i += 1
        return None

    def subject_before(self, pos: int, floor: int, naming: bool = False) -> Attribution | None:
        """The subject of a verb (or noun) at pos, looking back no further than floor."""
        text = self.text
        candidates: list[tuple[int, int, str, Mention | str]] = [
            (m.end, m.start, "name", m) for m in self.mentions_between(floor, pos)[-6:]
        ]
        for p in speech.PRONOUN.finditer(text, floor, pos):
            candidates.append((p.end(), p.start(), "pronoun", p.group()))
        for end, start, kind, value in sorted(candidates, reverse=True):
            before = text[max(floor, start - 24) : start]
            appositive = (  # "the shadow home secretary, Mark Oaten, said"
                kind == "pronoun" or value.kind == "PER"  # type: ignore[union-attr]
            ) and _APPOSITIVE_BEFORE.search(text, max(floor, start - 40), start)
            if not speech.SUBJECT_GAP.fullmatch(text, end, pos) and not (
                appositive and speech.APPOSITIVE_GAP.fullmatch(text, end, pos)
            ):
                continue
            if isinstance(value, Mention) and value.kind == "ORG" and self._spoken_for(value, floor):
                return Attribution("name", value.name, pos, True, "ORG", naming)  # "a spokesman for X (XA) said"
            coordination = speech.COORDINATION_BEFORE.search(before)
            if coordination:
                left = _PARENTHESIS_END.sub("", text[floor : max(floor, start - 24) + coordination.start()].rstrip())
                conjunct = _CAPITALISED_END.search(left)
                body = isinstance(value, Mention) and value.kind == "ORG"
                if body and conjunct and speech.PREPOSITION_BEFORE.search(left, 0, conjunct.start()):
                    continue  # "The MP for Sittingbourne and Sheppey said" (not "at Old Trafford and Ancelotti said")
                same = value.kind if isinstance(value, Mention) else "PER"
                ends = {m.end for m in self.mentions_between(floor, start) if m.kind == same}
                if left.endswith((" he", " she")) or floor + len(left) in ends:
                    return unnamed(pos, True, naming)  # "Trump and Putin said"
            elif speech.PREPOSITION_BEFORE.search(before[-20:]) and not _RELATIVE.match(text, end, pos):
                if isinstance(value, Mention) and value.kind == "ORG" and _SPOKESPERSON_FOR.search(before):
                    if not any(m.kind == "PER" for m in self.mentions_between(floor, start)):
                        return Attribution("name", value.name, pos, True, "ORG", naming)  # "a spokesman for X said"
                continue
            if isinstance(value, Mention):
                if value.kind == "ORG" and self._in_appositive(value, floor):
                    continue  # "Richard Doherty, from Panasonic's Hollywood Laboratories, one of the ..., said"
                return by_name(value, pos, naming)
            return by_pronoun(value, pos, naming)
        head = text[floor:pos].rstrip(" ,")
        if not head.strip():
            return None
        coordination = speech.VP_COORDINATION.search(head)
        if coordination:  # "Wilson has twice tried ... but conceded"
            found = self._sentence_subject(self._clause_of(floor + coordination.start()), pos)
            if found is not None:
                return found
        vague = self._vague_subject(floor, pos)
        if vague is not None:  # "the England coach added": someone named before
            return replace(by_pronoun("the", pos, naming), described=vague[0])
        m = speech.HEAD_WORD.search(text, floor, pos)
        word = m.group(1).strip(",").lower() if m else ""
        if m and word in speech.SPOKESPEOPLE:
            named = self.mentions_between(floor, m.start(1))
            if named and named[-1].kind == "PER" or len(named) > 1 and named[-2].kind == "PER":
                person = named[-1] if named[-1].kind == "PER" else named[-2]
                if _NAMED_SPOKESPERSON.fullmatch(text, person.end, m.start(1)):
                    return by_name(person, pos, naming)  # "Peter Dobrow, a T-Mobile spokesperson said"
            body = self._organisation_before(m.start(1), floor)
            if body is not None:  # "a Five spokesman said"
                return Attribution("name", body.name, pos, True, "ORG", naming)
            if _THE_BEFORE.search(text, floor, m.start(1)):  # "the spokesman said": the one met before
                return Attribution("other", None, pos, True, None, naming, spokesperson=True)
        if m and speech.SPEECH_NOUN.fullmatch(word):
            named = self.mentions_between(floor, m.start(1))
            if named and speech.POSSESSOR_GAP.fullmatch(text, named[-1].end, m.start(1)):
                return by_name(named[-1], pos, naming)  # "Mr Crosby's statement said:"
        return unnamed(pos, word in speech.PERSON_HEADS, naming)

    def _clause_of(self, pos: int) -> int:
        """Where the main clause holding pos starts: its sentence's start, or after the last
        "but" that opens a new subject, or ";" before pos ("X claimed ... but his lawyer, Y, told ... and added")."""
        start = self.sentence_start(pos)
        cut = None
        for cut in _CLAUSE_CUT.finditer(self.text, start, pos):
            pass
        return cut.end() if cut is not None else start

    def _vague_subject(self, floor: int, pos: int) -> descriptions.Vague | None:
        """A description of a person nobody named ("The 58-year-old US singer") that is the
        subject of the clause floor..pos, with no name after it."""
        i = bisect_left(self.vague_starts, floor)
        if i >= len(self.vague) or self.vague[i][0] >= pos:
            return None
        start, end, _ = self.vague[i]
        opener = self.text[floor:start].split()
        if opener and not (len(opener) == 1 and (opener[0] in speech.CONNECTIVES or opener[0] in CLAUSE_OPENERS)):
            return None
        return None if self.mentions_between(end, pos) else self.vague[i]

    def _spoken_for(self, body: Mention, floor: int) -> bool:
        """Whether a spokesman speaks for the organisation ending at `body`: "a spokesperson for
        the Universities and Colleges Employers' Association (UCEA) said", its name in pieces
        (split by the tagger, or followed by its abbreviation). His words are the
        organisation's, and a later he/she is him."""
        start = body.start
        named = self.mentions_between(floor, start)
        while named and named[-1].kind == "ORG" and _ORG_NAME_GAP.fullmatch(self.text, named[-1].end, start):
            start = named.pop().start
        if start == body.start or any(m.kind == "PER" for m in named):
            return False  # one piece: the rule after a preposition in `subject_before` decides
        return _SPOKESPERSON_FOR.search(self.text[max(floor, start - 40) : start]) is not None

    def _in_appositive(self, body: Mention, floor: int) -> bool:
        """Whether an organisation stands in the appositive of a person named before it."""
        before = self.mentions_between(floor, body.start)
        people = [m for m in before if m.kind == "PER"]
        return bool(people) and _APPOSITIVE_OPENS.match(self.text, people[-1].end) is not None

    def _organisation_before(self, pos: int, floor: int) -> Mention | None:
        """An organisation named right before a spokesman at pos ("a Five spokesman")."""
        named = self.mentions_between(floor, pos)
        if named and named[-1].kind == "ORG" and _ORG_BEFORE_SPOKESPERSON.fullmatch(self.text, named[-1].end, pos):
            return named[-1]
        return None

    def speaker_after(self, pos: int, limit: int) -> Mention | None:
        """A name right after pos, titles allowed ("said Arsenal boss Arsene Wenger"); an
        organisation only by itself or through its spokesman ("said a spokeswoman for Royal Mail")."""
        i = bisect_left(self.mention_starts, pos)
        if i >= len(self.mentions):
            return None
        m = self.mentions[i]
        if m.end > limit or m.start - pos > 100 or not speech.INVERTED_GAP.fullmatch(self.text, pos, m.start):
            return None
        if m.kind == "PER":
            return self._person_described(i, pos, limit) or m
        if i + 1 < len(self.mentions):  # "said Southcorp chairman Brian Finn", "said BA director of planning, Robert Boyle"
            person = self.mentions[i + 1]
            close = person.kind == "PER" and person.end <= limit and person.start - pos <= 100
            if close and _ORG_THEN_PERSON.fullmatch(self.text, m.end, person.start):
                return person
        for person in self.mentions[i + 1 : i + 4]:  # "said the chairman of the Commons committee, Labour MP Barry Sheerman"
            if person.end > limit or person.start - pos > 100:
                break
            if person.kind == "PER":
                if speech.INVERTED_GAP.fullmatch(self.text, pos, person.start):
                    return person
                break
        if _ORG_AFTER_VERB.fullmatch(self.text, pos, m.start) and _AFTER_ORG_SPEAKER.match(self.text, m.end):
            return m
        if _A_BEFORE_ORG.fullmatch(self.text, pos, m.start) and _SPOKESPERSON_AFTER_ORG.match(self.text, m.end):
            return m  # "said a Google spokesperson"

        return None

    def _person_described(self, i: int, pos: int, limit: int) -> Mention | None:
        """The person after mention i when mention i only says whose job it is: in "said Cobain
        biographer Charles Cross" the speaker is Charles Cross."""
        if i + 1 >= len(self.mentions):
            return None
        person = self.mentions[i + 1]
        if person.kind != "PER" or person.end > limit or person.start - pos > 100:
            return None
        first = self.mentions[i]
        if _THE_OPENS.match(self.text, first.start) and _APPOSED.fullmatch(self.text, first.end, person.start):
            return person  # "by the film's director Marc Forster": a description, then the name
        return person if speech.PERSON_THEN_PERSON.fullmatch(self.text, first.end, person.start) else None

    def _sentence_subject(self, floor: int, pos: int) -> Attribution | None:
        """The subject of the sentence from floor, when it is named: the only person named
        there (`said Anthony Sebok, ..., adding`), else the main clause's subject."""
        opening = speech.PRONOUN_OPENING.match(self.text[floor:pos])
        if opening:
            return by_pronoun(opening.group(1), pos)
        people = [m for m in self.mentions_between(floor, pos) if m.kind == "PER"]
        if len({m.name for m in people}) == 1:
            m = people[0]
            if not speech.PREPOSITION_BEFORE.search(self.text, max(floor, m.start - 20), m.start):
                return by_name(m, pos)
        subject = self.first_subject(floor, pos)
        if subject is not None:
            return by_name(subject, pos)
        opener = speech.PRONOUN_AFTER_OPENER.match(self.text, floor, pos)
        return by_pronoun(opener.group(1), pos) if opener else None  # "Speaking on BBC One, he said ..., but stressed"

