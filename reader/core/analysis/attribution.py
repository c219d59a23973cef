"""Explicit attribution: who a quote's own sentence says spoke it (rules 1 and 2).

`Article` maps one article's sentences, PER mentions and reporting verbs, and finds what a
quote's sentence states: a name, a pronoun or someone unnamed. Pronouns and rule 3 (speakers
carried over) are in `speakers.py`, the vocabulary in `speech.py`.

1. After the quote, in the same sentence: a reporting verb within twenty words whose
   subject is a person mention or he/she (`"Q," Rubio said`, `"Q," Rubio told reporters`,
   `"Q," Rubio said of the matter`, `"Q," David Frost, head of the BCC, warned`), or a
   person right after the verb, titles allowed (`"Q," said Rubio`, `"Q," said Arsenal boss
   Arsene Wenger`, `"Q," according to Rubio`). A verb whose subject is not a person
   (`"Q," a spokesman said`) attributes the quote to nobody: speaker None.
2. Before the quote, in the same sentence: the nearest reporting verb and its subject
   (`Rubio said: "Q"`, `Rubio told reporters: "Q"`, `According to Rubio, "Q"`). For a full
   quote the verb must be within 80 characters of the mark. A participle (`saying`,
   `adding`, ...) takes the subject of its sentence (`Mr Blair refused ..., saying the poll
   would come "some time in 2006"`). For a partial quote, speech nouns count too, with their
   possessor (`Trump's March 25 statement that Russia may be "dragging their feet"` -> Trump;
   `a statement by Rubio`): whichever of verb or noun is nearest the quote decides. A partial
   quote with nothing before it may take an attribution closing its sentence (`... had "no
   other course", lead singer Gary Lightbody has said.`). A subject that is not exactly one
   person (`Trump and Putin said`, `The Tories dismissed ...`) gives None.

A subject is the person mention (or pronoun) right before the verb, allowing appositives
between commas, post-nominals (QC, MP, Jr), adverbs and auxiliaries, and a time ("Rubio on
Thursday said"); also the sentence's subject for a verb after "and"/"but" ("Wilson tried
... but conceded"). Not a mention after a preposition ("a spokesman for Rubio said"), nor
one in a coordination of people ("Trump and Putin said"). Mentions inside quotes are never
speakers or antecedents.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

from reader.core.analysis import speech
from reader.core.model import Entity


@dataclass(frozen=True, order=True)
class Mention:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Attribution:
    """Who a reporting verb or noun points at: a person, a pronoun, or someone unnamed."""

    kind: Literal["name", "pronoun", "other"]
    value: str | None  # the canonical name, the pronoun, or None
    pos: int  # where the verb or noun is
    personlike: bool = True  # for "other": whether the subject reads as a person

    @property
    def is_person(self) -> bool:
        """Whether it points at a person, named or not: one a later he/she may refer to."""
        return self.kind != "other" or self.personlike


class Article:
    """One article's sentences, people and reporting verbs, and the attributions they state."""

    def __init__(
        self, text: str, paras: list[tuple[int, int]], quotes: list[tuple[int, int]], people: list[Entity]
    ) -> None:
        self.text = text
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.quotes = quotes
        self.quote_starts = [s for s, _ in quotes]
        persons = [e for e in people if e.type == "PER" and not self._quoted(e.start)]
        self.mentions = sorted(Mention(e.start, e.end, e.name) for e in persons)
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_ends = [m.end for m in self.mentions]
        # nothing after the paragraph of the last quote can attribute anything
        last = bisect_right(self.para_starts, quotes[-1][1] - 1) - 1 if quotes else -1
        self.horizon = paras[last][1] if quotes else 0
        self.bounds = self._boundaries()
        self.verbs = [m for m in speech.REPORTING_VERB.finditer(text, 0, self.horizon) if self._is_verb(m)]
        self.verb_starts = [m.start() for m in self.verbs]
        self.subjects = [m for m in self.mentions if self._is_subject(m)]
        self.subject_starts = [m.start for m in self.subjects]

    # -- structure -------------------------------------------------------------------

    def _quoted(self, pos: int) -> bool:
        """Whether pos is strictly inside a quote span (between its marks)."""
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1] - 1

    def _boundaries(self) -> list[int]:
        bounds = list(self.para_starts)
        text = self.text
        for m in speech.SENTENCE_BOUNDARY.finditer(text, 0, self.horizon):
            end = m.end()
            if self._quoted(end):  # a sentence inside a quote is not the writer's
                continue
            dot = m.start()
            if text[dot] == ".":
                space = max(text.rfind(" ", dot - 8, dot), text.rfind("\n", dot - 8, dot))
                if space >= 0 or dot < 8:  # a short token: maybe "Mr." or "U.S."
                    token = text[space + 1 : dot].lstrip("(\"“'‘")
                    if token.lower() in speech.ABBREVIATIONS or speech.INITIALS.fullmatch(token):
                        continue
            bounds.append(end)
        return sorted(set(bounds))

    def sentence_start(self, pos: int) -> int:
        return self.bounds[bisect_right(self.bounds, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        """The start of the next sentence after pos, or its paragraph's end."""
        i = bisect_right(self.bounds, pos)
        para_end = self.paras[bisect_right(self.para_starts, pos) - 1][1]
        return min(self.bounds[i], para_end) if i < len(self.bounds) else para_end

    def clause_start(self, pos: int) -> int:
        """The start of the writer's words holding pos: its sentence's, or the end of a quote in it."""
        floor = self.sentence_start(pos)
        q = bisect_left(self.quote_starts, pos) - 1
        if q >= 0 and self.quotes[q][1] > floor:
            floor = self.quotes[q][1]
        return floor

    def _is_verb(self, m: re.Match[str]) -> bool:
        if self._quoted(m.start()):
            return False
        if m.group() in ("continued", "continues", "called", "calls"):  # "continued to", "called on"
            if speech.NOT_SPEECH_AFTER.match(self.text, m.end()):
                return False
        return not speech.PASSIVE_BEFORE.search(self.text, max(0, m.start() - 12), m.start())

    def _is_subject(self, m: Mention) -> bool:
        """Whether the mention is the subject of its sentence (or of a clause after a comma)."""
        text = self.text
        if text[m.end : m.end + 2] in ("'s", "’s"):
            return False
        prefix = text[self.clause_start(m.start) : m.start]
        cut = prefix.rfind(",")
        if cut >= 0:
            prefix = prefix[cut + 1 :]
        words = prefix.split()
        if words and words[0] in speech.CONNECTIVES:
            words = words[1:]
        return all(w[:1].isupper() or w.lower() in speech.ROLE_WORDS for w in words)

    def opens_sentence(self, index: int) -> bool:
        """Whether quote `index` starts a sentence or directly follows a colon or reporting verb."""
        start = self.quotes[index][0]
        prefix = self.text[self.sentence_start(start) : start].rstrip()
        if not prefix or speech.INTRODUCER_END.search(prefix):
            return True
        if index and not self.text[self.quotes[index - 1][1] : start].strip():
            return True  # right after another quote
        last = prefix.rsplit(None, 1)[-1]
        return bool(speech.REPORTING_VERB.fullmatch(last))

    def closes_sentence(self, index: int) -> bool:
        """Whether the writer's sentence ends right after quote `index` (`... agreed. "Q".`)."""
        end = self.quotes[index][1]
        after = self.text[end : end + 2]
        return after[:1] in (".", "?", "!", "…") or after in ("", "\n\n")

    def after_colon(self, index: int) -> bool:
        """Whether quote `index` follows a colon: `Laporte observed: "There was ..."`."""
        start = self.quotes[index][0]
        return self.text[self.sentence_start(start) : start].rstrip().endswith(":")

    # -- subjects --------------------------------------------------------------------

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        a = bisect_left(self.mention_starts, lo)
        b = bisect_right(self.mention_ends, hi)
        return [m for m in self.mentions[a:b] if m.end <= hi]

    def first_subject(self, lo: int, hi: int) -> Mention | None:
        """The first sentence subject starting at lo or later, if it ends by hi."""
        i = bisect_left(self.subject_starts, lo)
        if i < len(self.subjects) and self.subjects[i].end <= hi:
            return self.subjects[i]
        return None

    def subject_before(self, pos: int, floor: int) -> Attribution | None:
        """The subject of a verb (or noun) at pos, looking back no further than floor."""
        text = self.text
        candidates: list[tuple[int, int, str, str]] = [
            (m.end, m.start, "name", m.name) for m in self.mentions_between(floor, pos)[-3:]
        ]
        for p in speech.PRONOUN.finditer(text, floor, pos):
            candidates.append((p.end(), p.start(), "pronoun", p.group().lower()))
        for end, start, kind, value in sorted(candidates, reverse=True):
            before = text[max(floor, start - 12) : start]
            if not speech.SUBJECT_GAP.fullmatch(text, end, pos) and not (
                before.rstrip().endswith(",") and speech.APPOSITIVE_GAP.fullmatch(text, end, pos)
            ):
                continue
            coordination = speech.COORDINATION_BEFORE.search(before)
            if coordination:
                left = text[floor : max(floor, start - 12) + coordination.start()].rstrip()
                ends = {m.end for m in self.mentions_between(floor, start)}
                if left.endswith((" he", " she")) or floor + len(left) in ends:
                    return Attribution("other", None, pos, True)  # "Trump and Putin said"
            elif speech.PREPOSITION_BEFORE.search(before):
                continue
            return Attribution(kind, value, pos)  # type: ignore[arg-type]
        head = text[floor:pos].rstrip(" ,")
        if not head.strip():
            return None
        if speech.VP_COORDINATION.search(head):  # "Wilson has twice tried ... but conceded"
            found = self._sentence_subject(floor, pos)
            if found is not None:
                return found
        m = speech.HEAD_WORD.search(text[floor:pos])
        word = m.group(1).strip(",").lower() if m else ""
        return Attribution("other", None, pos, word in speech.PERSON_HEADS)

    def person_after(self, pos: int, limit: int) -> Mention | None:
        """A person named right after pos, titles allowed ("said Arsenal boss Arsene Wenger")."""
        i = bisect_left(self.mention_starts, pos)
        if i < len(self.mentions):
            m = self.mentions[i]
            close = m.end <= limit and m.start - pos <= 100
            if close and speech.INVERTED_GAP.fullmatch(self.text, pos, m.start):
                return m
        return None

    def _sentence_subject(self, floor: int, pos: int) -> Attribution | None:
        """The subject of the sentence from floor, when it is a person: the main clause's."""
        opening = speech.PRONOUN_OPENING.match(self.text[floor:pos])
        if opening:
            return Attribution("pronoun", opening.group(1).lower(), pos)
        named = self.mentions_between(floor, pos)
        if len({m.name for m in named}) == 1:
            m = named[0]
            if not speech.PREPOSITION_BEFORE.search(self.text, max(floor, m.start - 12), m.start):
                return Attribution("name", m.name, pos)
        subject = self.first_subject(floor, pos)
        return Attribution("name", subject.name, pos) if subject is not None else None

    # -- attributions ----------------------------------------------------------------

    def verb_attribution(self, v: re.Match[str], floor: int, limit: int) -> Attribution | None:
        """Who reporting verb v reports, from its subject (or the person after it) within floor..limit."""
        at = v.start()
        if speech.is_according_to(v):
            m = self.person_after(v.end(), limit)
            return Attribution("name", m.name, at) if m is not None else Attribution("other", None, at, False)
        found = self.subject_before(at, floor)
        if (found is None or found.kind == "other") and self.text[floor:at].rstrip().endswith(","):
            m = self.person_after(v.end(), limit)  # "..., thinks Paolo Pescatore of IDC."
            if m is not None:
                return Attribution("name", m.name, at)
        return found

    def attribution_after(self, index: int) -> Attribution | None:
        """An attribution in the sentence right after quote `index`, if there is one (rule 1)."""
        text = self.text
        qend = self.quotes[index][1]
        limit = self.sentence_end(qend)
        if index + 1 < len(self.quotes):
            limit = min(limit, self.quotes[index + 1][0])
        i = bisect_left(self.verb_starts, qend)
        if i >= len(self.verbs) or self.verbs[i].start() >= limit:
            return None
        v = self.verbs[i]
        lead = text[qend : v.start()]
        if len(lead.split()) > 20 or ";" in lead or ":" in lead:
            return None
        # `"Q," he said` (US: comma inside) or `"Q", he said` (UK: outside)
        comma = bool(speech.LEADING_COMMA.match(lead)) or text[qend - 2 : qend - 1] in speech.INNER_COMMA
        if speech.is_according_to(v):
            return self.verb_attribution(v, qend, limit) if comma or not lead.strip() else None
        if not lead.strip(" ,—–-") or speech.ADVERBIALS_ONLY.fullmatch(lead):
            m = self.person_after(v.end(), limit)
            if m is not None:
                return Attribution("name", m.name, v.start())
            p = speech.PRONOUN_AFTER.match(text[v.end() : limit])
            if p:
                return Attribution("pronoun", p.group(1), v.start())
            return Attribution("other", None, v.start(), True) if comma else None
        found = self.subject_before(v.start(), qend)
        if found is None or (found.kind == "other" and not comma):
            return None
        return found

    def attribution_at_end(self, index: int) -> Attribution | None:
        """A partial quote's attribution closing its sentence: `..., lead singer Gary Lightbody has said.`"""
        text = self.text
        qend = self.quotes[index][1]
        send = self.sentence_end(qend)
        hi = bisect_left(self.verb_starts, send) - 1
        if hi < 0 or self.verbs[hi].start() < qend:
            return None
        v = self.verbs[hi]
        if speech.is_participle(v) or len(text[v.end() : send].split()) > 6 or "," in text[v.end() : send]:
            return None
        comma = text.rfind(",", qend, v.start())
        if comma < 0 or len(text[comma + 1 : v.start()].split()) > 10:
            return None
        return self.verb_attribution(v, comma + 1, send)

    def attribution_before(self, index: int, full: bool) -> Attribution | None:
        """The attribution before quote `index` in its sentence (rule 2)."""
        text = self.text
        qstart = self.quotes[index][0]
        floor = self.clause_start(qstart)
        lo = bisect_left(self.verb_starts, floor)
        hi = bisect_left(self.verb_starts, qstart)
        nearest_noun = None
        if not full:
            for n in speech.SPEECH_NOUN.finditer(text, floor, qstart):
                nearest_noun = n
        participle = None
        for v in reversed(self.verbs[lo:hi]):
            if nearest_noun is not None and nearest_noun.start() > v.start():
                break
            if full and participle is None and qstart - v.end() > 80:
                return None
            if speech.is_participle(v):
                participle = participle or v
                continue
            found = self.verb_attribution(v, floor, qstart)
            if found is not None:
                return found
        if participle is not None:  # "Mr Blair refused ..., saying Britain would hold a poll "Q""
            found = self._sentence_subject(floor, participle.start())
            return found or Attribution("other", None, participle.start(), False)
        if nearest_noun is not None:
            return self._noun_attribution(nearest_noun, floor, qstart)
        return None

    def _noun_attribution(self, n: re.Match[str], floor: int, limit: int) -> Attribution:
        """Whose speech noun n is: its possessor, "by/from X", or "his/her"."""
        text = self.text
        named = self.mentions_between(floor, n.start())
        if named and speech.POSSESSOR_GAP.fullmatch(text, named[-1].end, n.start()):
            return Attribution("name", named[-1].name, n.start())
        p = speech.BY_OR_FROM.match(text, n.end())
        if p:
            m = self.person_after(p.end(), limit)
            if m is not None:
                return Attribution("name", m.name, n.start())
        pron = speech.POSSESSIVE_PRONOUN_BEFORE.search(text[floor : n.start()])
        if pron:
            return Attribution("pronoun", "he" if pron.group(1) == "his" else "she", n.start())
        return Attribution("other", None, n.start(), False)
