"""Speakers carried across sentences: pronouns, unattributed quotes, quote-only paragraphs.

`Attributor` adds to `Article` (the explicit rules 1 and 2, `attribution.py`) a timeline of
who spoke, walked in text order, which the rules below read. `speaker` tries rules 1, 2, 3.

3. A quote with no attribution of its own, in the same sentence as the quote before it
   and at most twelve words after it, with no reporting verb, name or auxiliary between
   them, keeps that quote's speaker (`Segas said the appeal was "expected" and
   "understandable."`). A full quote with no attribution of its
   own keeps, when it opens its sentence, the person the previous sentence is about (its
   subject, the only person named in it: `Graham Barlow, editor of Mac Format, has a
   partisan view. "Q."`), else the last attribution of its paragraph (the second half of
   `"Q1," he said. "Q2"`; `She said ... "Q"`), or, when it opens its paragraph, the last one
   of the previous paragraph unless someone else became a sentence subject after it there.
   A newer sentence whose subject is an unnamed person (`But a spokesman for the Home Office
   defended it. "Q."`) stops all three: None. Partial quotes are not carried over further.

A reply's he/she ("she replied", "he answered") is the person named right after the latest
"asked" in its paragraph or the one before (`a reporter asked Ann Vale, "Q?" ¶ "A," she
replied`). Other pronouns: he/she refers to the most recent speaker (the subject of the latest reporting
verb or quote attribution), unless a person has been the subject of a sentence since then
(`Addressing reporters, Rubio stopped short of ... "Q," he said`), or an unnamed person
introduced since then (`A spokesman ... He said: "Q"` -> None); failing all, to the most
recent person named. A candidate whose gender is known from a title (Mr, Ms, ...) or a
common first name is skipped when the pronoun disagrees. "It" is the same for
organisations: the latest organisation that spoke or was a sentence's subject (`The Food
Standards Agency issued a warning. "Q," it said in a statement.`). A spokesman's words are
his organisation's, and so are those of a later he/she or "the spokesman" that refers to him
(the latest person who spoke, when that was an organisation's spokesman).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from reader.core.analysis import speech, verbs
from reader.core.analysis.attribution import Article
from reader.core.analysis.subjects import Attribution, Mention
from reader.core.analysis.voices import FEMALE_NAMES, MALE_NAMES

_PARENTHETICAL = re.compile(r",\s+(?:he|she)?\s*\Z", re.IGNORECASE)  # ", he| claimed" or ", |he claimed"
from reader.core.model import Entity
from reader.core.patterns import regex

_DEFINITE_THING = regex(
    r"(?:(?:But|And|However|Meanwhile|Yet|So|Now),?\s+)?The\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
    r"\s+(?:has|have|had|was|were|is|are|will|would|[a-z]+ed)\b"
)
SAME_SENTENCE_WORDS = 12
_ANSWERS = frozenset({"reply", "answer", "respond"})  # `"expected" and "understandable."`: a quote this close to the one before shares its speaker

_TITLE_GENDER = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mister": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "lady": "f", "dame": "f",
    "queen": "f", "princess": "f", "baroness": "f",
}
@dataclass(frozen=True)
class Event:
    """Someone spoke at pos: a name (None: left unnamed), what it names, and whether a later
    he/she may refer to it (a person, named or not, or an organisation's spokesman)."""

    pos: int
    name: str | None
    who: str | None
    personlike: bool


@dataclass(frozen=True)
class Said:
    """What the rules found for one quote: its speaker, and how (for telling speech from terms)."""

    speaker: str | None
    attribution: Attribution | None  # its own, in its sentence (rules 1 and 2)
    carried: bool = False  # given by rule 3


def _newest(event: Event | None, subject: Mention | None, unnamed: int | None) -> str | None:
    """Whoever came last of: the latest speaker, a sentence subject, an unnamed person (None)."""
    if unnamed is not None and (event is None or unnamed > event.pos) and (
        subject is None or unnamed > subject.start
    ):
        return None
    if subject is not None and (event is None or subject.start > event.pos):
        return subject.name
    return event.name if event is not None else None


class Attributor(Article):
    """The attribution state of one article; `speaker` must be called for quotes in order."""

    def __init__(
        self, text: str, paras: list[tuple[int, int]], quotes: list[tuple[int, int]], entities: list[Entity]
    ) -> None:
        super().__init__(text, paras, quotes, entities)
        self.gender = self._genders()
        self.unnamed = self._unnamed_subjects()
        self.things = self._unnamed_things()
        self.events: list[Event] = []
        self.said: list[Said] = []
        self.next_verb = 0
        self.consumed: set[int] = set()  # reporting verbs a quote's attribution already used

    def _unnamed_subjects(self) -> list[int]:
        """Starts of sentences whose subject is a new person left unnamed ("A spokesman for X ...").

        Only indefinite ones: "The French star was ..." is usually someone already named.
        """
        found = []
        for b in self.bounds:
            m = speech.UNNAMED_SUBJECT.match(self.text, b, min(b + 120, self.horizon))
            if m is None:
                continue
            i = bisect_left(self.mention_starts, m.end())
            while i < len(self.mentions) and self.mentions[i].kind != "PER":
                i += 1
            named = self.mention_starts[i] if i < len(self.mentions) else None
            if named is not None and speech.TITLES_ONLY.fullmatch(self.text, m.end(), named):
                continue  # "The Shadow Secretary of State for the Family, Theresa May, said"
            found.append(b)
        return found

    def _unnamed_things(self) -> list[int]:
        """Starts of sentences whose subject is a thing or body the article has not named
        ("The committee reached ...", "The report said"): a later "it" may be that."""
        found = []
        for b in self.bounds:
            m = _DEFINITE_THING.match(self.text, b, min(b + 40, self.horizon))
            i = bisect_left(self.mention_starts, b)
            if m is not None and not (i < len(self.mentions) and self.mentions[i].start < m.end()):
                found.append(b)
        return found

    def _genders(self) -> dict[str, str]:
        """Gender hints per canonical name: a title before a mention, or a common first name."""
        found: dict[str, str] = {}
        people = [m for m in self.mentions if m.kind == "PER"]
        for m in people:
            before = self.text[max(0, m.start - 12) : m.start].split()
            title = before[-1].lower() if before else ""
            if title in _TITLE_GENDER:
                found.setdefault(m.name, _TITLE_GENDER[title])
        for m in people:
            if m.name not in found:
                first = m.name.split()[0].lower()
                if first in FEMALE_NAMES:
                    found[m.name] = "f"
                elif first in MALE_NAMES:
                    found[m.name] = "m"
        return found

    def _unnamed_before(self, pos: int) -> int | None:
        j = bisect_left(self.unnamed, pos) - 1
        return self.unnamed[j] if j >= 0 else None

    # -- the timeline ----------------------------------------------------------------

    def speaker(self, index: int, full: bool, after: Attribution | None) -> Said:
        """The speaker of quote `index` (call in order: attributions feed later pronouns)."""
        qstart = self.quotes[index][0]
        self._advance(qstart)
        found = self._own_attribution(index, full, after)
        if found is not None:
            said = Said(self._record(found, qstart), found)
        else:
            name = self._same_sentence(index)
            if name is None and not full:
                name = self._same_report(index)
            if name is None and full:
                name = self._carried(qstart)
            if name is not None:
                self.events.append(self._event(qstart, name))
            said = Said(name, None, name is not None)
        self.said.append(said)
        return said

    def _event(self, pos: int, name: str) -> Event:
        """An event for a name carried over: what the latest event with that name was."""
        like = next((e for e in reversed(self.events) if e.name == name), None)
        if like is not None:
            return Event(pos, name, like.who, like.personlike)
        return Event(pos, name, "PER", True)

    def _own_attribution(self, index: int, full: bool, after: Attribution | None) -> Attribution | None:
        """Rules 1 and 2; a verb used after the quote is consumed, not replayed by `_advance`."""
        if after is not None:
            self.consumed.add(after.pos)
            return after
        found = self.attribution_before(index, full)
        if found is None and not full:
            found = self.attribution_at_end(index)
            if found is not None:
                self.consumed.add(found.pos)
        return found

    def _same_sentence(self, index: int) -> str | None:
        """The speaker of the quote before, when it stands in the same sentence with no verb or
        name between them (`said the appeal was "expected" and "understandable."`)."""
        if not index or not self.same_sentence(index - 1, index):
            return None
        lo, hi = self.quotes[index - 1][1], self.quotes[index][0]
        a, b = bisect_left(self.verb_starts, lo), bisect_left(self.verb_starts, hi)
        between = self.text[lo:hi].split()
        if a != b or self.mentions_between(lo, hi) or len(between) > SAME_SENTENCE_WORDS:
            return None
        if any(w.lower() in speech.AUXILIARIES for w in between):  # `and was "reprimanded" by the FA`
            return None
        return self.said[index - 1].speaker

    def _same_report(self, index: int) -> str | None:
        """The speaker of the quote before in the same sentence, when a reporting verb before
        that one gave it and all that stands between the two is a clause about the first
        (`X said instead of the "A" New Labour had promised, there had been an "B"`)."""
        if not index or not self.same_sentence(index - 1, index):
            return None
        before = self.said[index - 1]
        if before.attribution is None or before.attribution.pos >= self.quotes[index - 1][0]:
            return None
        lo, hi = self.quotes[index - 1][1], self.quotes[index][0]
        a, b = bisect_left(self.verb_starts, lo), bisect_left(self.verb_starts, hi)
        if a == b or not all(self.reports_quote_before(v, lo) for v in self.verbs[a:b]):
            return None
        return before.speaker

    def _advance(self, pos: int) -> None:
        """Record the reporting verbs before pos as speaker events."""
        while self.next_verb < len(self.verbs) and self.verbs[self.next_verb].start() < pos:
            v = self.verbs[self.next_verb]
            self.next_verb += 1
            if v.start() in self.consumed or speech.is_participle(v) or speech.is_thought(v):
                continue
            found = self.verb_attribution(v, self.clause_start(v.start()), self.sentence_end(v.start()))
            if found is not None:
                self._record(found, found.pos)

    def _record(self, found: Attribution, pos: int) -> str | None:
        name = self._resolve(found)
        if found.noun:  # "shrugged off claims from Michael Howard that ...": Howard spoke, but is no subject
            return name
        who = found.who
        if found.kind == "pronoun" and found.value != "it":
            who = self._who(name, found.pos)
        if found.spokesperson and name is not None:
            who = "ORG"
        self.events.append(Event(pos, name, who if name else None, found.personlike))
        return name

    def _who(self, name: str | None, pos: int) -> str | None:
        """What the latest event with this name named (a he/she may be a spokesman's organisation)."""
        like = next((e for e in reversed(self.events) if e.name == name and e.pos < pos), None)
        return like.who if like is not None else "PER"

    def _resolve(self, found: Attribution) -> str | None:
        if found.kind == "name":
            return found.value
        if found.spokesperson:  # "A spokeswoman for Royal Mail said ... "Q," said the spokeswoman."
            voice = next((e for e in reversed(self.events) if e.pos < found.pos and e.personlike and e.name), None)
            return voice.name if voice is not None and voice.who == "ORG" else None
        if found.kind == "pronoun" and found.value == "the":
            return self._described(found.described)
        if found.kind == "pronoun":
            asked = self._asked(found.value or "he", found.pos)
            return asked if asked is not None else self.antecedent(found.value or "he", found.pos)
        return None

    def _asked(self, pronoun: str, pos: int) -> str | None:
        """Who "she replied" at pos answers for: the person named right after the latest
        "asked", in this paragraph or the one before (`a reporter asked Ann Lee, "Q?" ¶ "A,"
        she replied`)."""
        i = bisect_left(self.verb_starts, pos)
        info = verbs.verb_info(self.verbs[i].group()) if i < len(self.verbs) and self.verb_starts[i] == pos else None
        if info is None or info.lemma not in _ANSWERS:
            return None
        floor = self.para_starts[max(0, self.paragraph(pos) - 1)]
        for v in reversed(self.verbs[:i]):
            if v.start() < floor:
                return None
            if (verbs.verb_info(v.group()) or info).lemma == "ask":
                j = bisect_left(self.mention_starts, v.end())
                m = self.mentions[j] if j < len(self.mentions) else None
                if m is None or m.kind != "PER" or self.text[v.end() : m.start].strip():
                    return None
                return m.name if self._fits(m.name, pronoun) else None
        return None

    # -- pronouns --------------------------------------------------------------------

    def _fits(self, name: str | None, pronoun: str) -> bool:
        if name is None or pronoun not in ("he", "she"):  # a description says no gender
            return True
        want = "f" if pronoun == "she" else "m"
        return self.gender.get(name, want) == want

    def antecedent(self, pronoun: str, pos: int) -> str | None:
        """Who he/she (or it) at pos refers to: the latest speaker, or a newer sentence subject."""
        if pronoun == "it":
            return self._organisation(pos)
        fitting = (e for e in reversed(self.events) if e.personlike and self._fits(e.name, pronoun))
        event = next((e for e in fitting if e.pos < pos), None)
        i = bisect_left(self.subject_starts, pos) - 1
        while i >= 0 and (self.subjects[i].kind != "PER" or not self._fits(self.subjects[i].name, pronoun)
                          or self._reported(self.subjects[i].start, pos)):
            i -= 1
        subject = self.subjects[i] if i >= 0 else None
        # "But a spokesman for the Home Office defended it. He said: ..." -> nobody named
        unnamed = self._unnamed_before(pos)
        if event is None and subject is None and unnamed is None:
            return self._latest_mention(pronoun, pos)
        return _newest(event, subject, unnamed)

    def _reported(self, subject: int, pos: int) -> bool:
        """Whether the subject at `subject` is of what the pronoun at `pos` reports: the
        pronoun opens a reporting clause set off by a comma in the subject's sentence, with
        no quote between ("Mr Blair has failed, he claimed": not Mr Blair; "Rubio stopped
        short ... "Q," he said": Rubio; "X began, telling the court that he objected": X)."""
        if subject < self.sentence_start(pos) or not _PARENTHETICAL.search(self.text, max(0, pos - 12), pos):
            return False
        q = bisect_left(self.quote_starts, subject)
        return q >= len(self.quote_starts) or self.quote_starts[q] > pos

    def _described(self, pos: int) -> str | None:
        """Who "the England coach" at pos is when the article never says: the person a he
        would be, only if that is also the last person named, in this paragraph or the one
        before ("Wenger spoke to reporters. "Q," the Arsenal boss is quoted as saying")."""
        name = self.antecedent("he/she", pos)
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].kind != "PER":
            i -= 1
        if name is None or i < 0 or self.mentions[i].name != name:
            return None
        v = bisect_left(self.vague_starts, pos)
        if v < len(self.vague) and self.vague[v][0] == pos and name in self.vague[v][2]:
            return None  # "the prime minister" is not "Justice Minister Ann Lane"
        return name if self.paragraph(self.mentions[i].start) >= self.paragraph(pos) - 1 else None

    def _organisation(self, pos: int) -> str | None:
        """What "it" at pos refers to: an organisation, when the latest speaker or sentence
        subject is one ("The FSA issued a warning. "Q," it said"); not after a person, or a
        thing that spoke ("Mr Crosby's statement said: ... It added:")."""
        event = next((e for e in reversed(self.events) if e.pos < pos), None)
        i = bisect_left(self.subject_starts, pos) - 1
        subject = self.subjects[i] if i >= 0 else None
        t = bisect_left(self.things, pos) - 1
        if t >= 0 and self.things[t] > max(event.pos if event else -1, subject.start if subject else -1):
            return None  # "... Archy Kirkwood said. The committee reached .... It warned"
        if subject is not None and (event is None or subject.start > event.pos):
            return subject.name if subject.kind == "ORG" else None
        if event is not None and event.who == "ORG" and not event.personlike:
            return event.name
        return None

    def _latest_mention(self, pronoun: str, pos: int) -> str | None:
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.kind == "PER" and self._fits(m.name, pronoun):
                return m.name
            i -= 1
        return None

    # -- carrying over (rule 3) ------------------------------------------------------

    def _carried(self, qstart: int) -> str | None:
        """The speaker a full quote without an attribution of its own carries over (rule 3)."""
        para = self.paragraph(qstart)
        ps = self.para_starts[para]
        topic = self._previous_topic(qstart, para)
        event = next((e for e in reversed(self.events) if e.pos < qstart), None)
        if event is not None and event.pos < ps and not (topic is not None and event.pos > topic.start):
            event = None  # (kept when it spoke in the sentence before, after its subject: "X has failed, he claimed")
        unnamed = self._unnamed_before(qstart)
        if unnamed is not None and unnamed < ps:
            unnamed = None
        if event is None and topic is None and unnamed is None:
            opens_paragraph = qstart == ps and para > 0
            return self._previous_paragraph_speaker(para) if opens_paragraph else None
        return _newest(event, topic, unnamed)

    def _previous_topic(self, qstart: int, para: int) -> Mention | None:
        """For a quote opening its sentence: the subject of the sentence before, its only person."""
        ps = self.para_starts[para]
        sstart = self.sentence_start(qstart)
        if self.text[sstart:qstart].strip() or not (sstart > ps or (qstart == ps and para > 0)):
            return None
        prev_end = sstart if sstart > ps else self.paras[para - 1][1]
        prev_start = self.sentence_start(max(0, prev_end - 1))
        if len({m.name for m in self.mentions_between(prev_start, prev_end) if m.kind == "PER"}) != 1:
            return None
        return self.first_subject(prev_start, prev_end, ("PER",))

    def _previous_paragraph_speaker(self, para: int) -> str | None:
        """For a quote-only paragraph: the last speaker of the one before, if still the subject."""
        ps, prev_start = self.para_starts[para], self.para_starts[para - 1]
        for e in reversed(self.events):
            if e.pos < prev_start:
                break
            if e.pos < ps:
                # unless someone else became the subject since ("... Peskov said. ¶ “Q.”")
                a, b = bisect_left(self.subject_starts, e.pos), bisect_left(self.subject_starts, ps)
                others = {m.name for m in self.subjects[a:b]} - {e.name}
                return None if others else e.name
        return None
