"""Explicit attribution: who a quote's own sentence says spoke it (rules 1 and 2).

`Article` finds what a quote's sentence states about who spoke it: a name (a person or an
organisation), a pronoun (he/she for a person, it for an organisation, "the" for a
description of someone named before) or someone unnamed, from the subjects of its reporting
verbs (`subjects.py`, the verbs in `verbs.py`). Pronouns and rule 3 (speakers carried over)
are in `speakers.py`, the sentences in `sentences.py`.

1. After the quote, in the same sentence: a reporting verb within twenty words whose
   subject is a mention or a pronoun (`"Q," Rubio said`, `"Q," Rubio told reporters`,
   `"Q," DrKW said`, `"Q," David Frost, head of the BCC, warned`, `"Q," it said`), or a
   name right after the verb, titles allowed (`"Q," said Rubio`, `"Q," said Arsenal boss
   Arsene Wenger`, `"Q," said a spokeswoman for Royal Mail`, `"Q," according to Rubio`). A
   verb whose subject is someone unnamed (`"Q," a spokesman said`) gives speaker None.
2. Before the quote, in the same sentence: the nearest reporting verb and its subject
   (`Rubio said: "Q"`, `Rubio told reporters: "Q"`, `According to Rubio, "Q"`, `Ms Smith
   summed up the mood: "Q"`). For a full quote the verb must be within 80 characters of the
   mark; a verb of thought (`felt that "Q"`) within 25 words. A participle (`saying`,
   `adding`, ...) takes the subject of its sentence (`Mr Blair refused ..., saying the poll
   would come "some time in 2006"`). For a partial quote, speech nouns count too, with their
   possessor (`Trump's March 25 statement that Russia may be "dragging their feet"` -> Trump;
   `a statement by Rubio`): whichever of verb or noun is nearest the quote decides. A partial
   quote with nothing before it may take an attribution closing its sentence (`... had "no
   other course", lead singer Gary Lightbody has said.`). A full quote after a colon with no
   verb takes the subject of its clause (`Mr Brown had a message for them: "Q"`), or whoever
   is let give a speech there (`allowing the prisoner to give extended speeches: "Q"`). Not
   a verb whose clause only reports the quote before (`the "bonfire" New Labour had
   promised, an "explosion"`), nor a request's reason (`asked them to come because he
   wanted help with "Q"`). A subject
   that is not exactly one name (`Trump and Putin said`) gives None.

Who the subject of a verb is, and the names around it, is `subjects.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from reader.core.analysis import speech
from reader.core.analysis.subjects import Attribution, Mention, Subjects, by_name, by_pronoun, unnamed
from reader.core.patterns import regex

THOUGHT_WORDS = 25  # a verb of thought reports a quote at most this many words after it
_SUBORDINATE = regex(r"\b(?:because|although|though|whereas|unless)\b(?!\s+of\b)")
_REQUEST = regex(r"\s+(?:him|her|them|us|me|you)\s+to\s")  # "asked them to ...", "told him to ..."
# someone let, asked or allowed to speak, right before the colon of a full quote
_GIVES_SPEECH = regex(
    r"(\b(?:the|[A-Z][\w'’-]*)\s+[\w'’-]+|\b(?:him|her|[A-Z][\w'’-]*))\s+to\s+(?:give|make|deliver|read)\s+"
    r"(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:speech|speeches|statement|address|remarks|testimony)\s*:\s*$"
)
_BY = regex(r",?\s+by\b")
_CLAUSE_ENDS = regex(r"\s*[,.;]")
_DETERMINER_END = regex(r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your)\s*$")
_NEW_CLAUSE = regex(r"\s*[,—–-]?\s*(?:while|whereas|although|though|because|since|so|and|but|when|if|where)\b")


class Article(Subjects):
    """One article's quotes and the attributions their sentences state."""

    # -- attributions ----------------------------------------------------------------

    def verb_attribution(self, v: re.Match[str], floor: int, limit: int) -> Attribution | None:
        """Who reporting verb v reports, from its subject (or the name after it) within floor..limit."""
        at = v.start()
        naming = speech.is_naming(v)
        if speech.is_according_to(v):
            m = self.speaker_after(v.end(), limit)
            return by_name(m, at) if m is not None else unnamed(at, False)
        found = self.subject_before(at, floor, naming)
        inverted = not speech.takes_addressee(v) and self.text[floor:at].rstrip().endswith(",")
        if (found is None or found.kind == "other") and inverted:
            m = self.speaker_after(v.end(), limit)  # "..., thinks Paolo Pescatore of IDC."
            if m is not None:
                return by_name(m, at, naming)
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
        if len(lead.split()) > 20 or ";" in lead or ":" in lead or _NEW_CLAUSE.match(lead):
            return None  # `"desperate", while the Liberal Democrats said`: another clause
        # `"Q," he said` (US: comma inside) or `"Q", he said` (UK: outside)
        comma = bool(speech.LEADING_COMMA.match(lead)) or text[qend - 2 : qend - 1] in speech.INNER_COMMA
        if speech.is_according_to(v):
            return self.verb_attribution(v, qend, limit) if comma or not lead.strip() else None
        if not lead.strip(" ,—–-") or speech.ADVERBIALS_ONLY.fullmatch(lead):
            if speech.is_participle(v):
                return None  # `declared himself "delighted", saying Mr Jackson would ...`: whoever declared
            m = None if speech.takes_addressee(v) else self.speaker_after(v.end(), limit)
            if m is not None:
                return by_name(m, v.start())
            p = speech.PRONOUN_AFTER.match(text[v.end() : limit])
            if p:
                return by_pronoun(p.group(1), v.start())
            i = bisect_left(self.vague_starts, v.end())
            if i < len(self.vague) and not text[v.end() : self.vague[i][0]].strip() and self.vague[i][1] <= limit:
                return replace(by_pronoun("the", v.start()), described=self.vague[i][0])  # `"Q," said the England coach.`
            # `"Q," said the American.`: someone unnamed; not for a fragment inside the
            # writer's sentence (`Mr Barber, who said the "Q", called for a law`)
            return unnamed(v.start(), True) if comma and self.opens_sentence(index) else None
        if not comma and self.reports_quote_before(v, qend) and _DETERMINER_END.search(
            text, self.clause_start(self.quotes[index][0]), self.quotes[index][0]
        ):
            return None  # `the "bonfire of quangos" New Labour had promised,`: a clause about the quote
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
                owner = self._noun_attribution(nearest_noun, floor, qstart)
                if owner.kind == "other":  # "a call for him to "Q" from Charles Kennedy"
                    owner = self._owner_after(index) or owner
                weak = owner.kind == "other" or self._possessor(nearest_noun, floor) is not None
                said = self.verb_attribution(v, floor, nearest_noun.start())
                if weak and said is not None and said.kind != "other" and not speech.is_participle(v):
                    return said  # "The Muslim Council said Mr Bell's comments were "Q"", "Mr Blair said the statement was a "Q""
                return owner
            if full and participle is None and qstart - v.end() > 80:
                return None
            if speech.is_thought(v) and len(text[v.end() : qstart].split()) > THOUGHT_WORDS:
                continue
            if speech.is_participle(v):
                participle = participle or v
                continue
            if self.reports_quote_before(v, floor):
                continue  # `instead of the "bonfire" New Labour had promised, an "explosion"`
            if not full and _REQUEST.match(text, v.end()) and _SUBORDINATE.search(text, v.end(), qstart):
                continue  # `had asked them to go because he wanted help fetching "wild meat"`: a request's reason
            found = self.verb_attribution(v, floor, qstart)
            if found is not None:
                return found
        if participle is not None:  # "Mr Blair refused ..., saying Britain would hold a poll "Q""
            start = self.sentence_start(participle.start())
            found = self._reporting_clause(start, participle.start()) or self._sentence_subject(start, participle.start())
            return found or unnamed(participle.start(), False)
        if nearest_noun is not None:
            return self._noun_attribution(nearest_noun, floor, qstart)
        if not full and self._passive_before(floor, qstart):
            by = _BY.match(text, self.quotes[index][1])
            m = self.speaker_after(by.end(), self.sentence_end(qstart)) if by else None
            if m is not None:  # `this argument was dismissed as "ridiculous" by Justice David Souter`
                return by_name(m, by.start())
        if full and text[floor:qstart].rstrip().endswith(":"):  # "Mr Brown had a message for them: "Q""
            giver = _GIVES_SPEECH.search(text, floor, qstart)
            if giver is not None:  # "allowing the prisoner to give extended speeches: "Q""
                return self._giver(giver.start(1), giver.end(1), qstart)
            subject = self.first_subject(floor, qstart)
            if subject is not None:
                return by_name(subject, qstart)
        return None

    def _passive_before(self, floor: int, pos: int) -> bool:
        """Whether a reporting verb in the passive stands between floor and pos ("was dismissed as")."""
        for v in speech.REPORTING_VERB.finditer(self.text, floor, pos):
            if speech.PASSIVE_BEFORE.search(self.text, max(floor, v.start() - 24), v.start()):
                return True
        return False

    def _reporting_clause(self, start: int, participle: int) -> Attribution | None:
        """The speaker of a reporting clause right before a participle: in "Mr Blair has
        failed, he claimed, saying ...", the one saying is who claimed, not Mr Blair."""
        i = bisect_left(self.verb_starts, participle) - 1
        if i < 0 or self.verbs[i].start() < start or speech.is_participle(self.verbs[i]):
            return None
        v = self.verbs[i]
        if self.text[v.end() : participle].strip() != ",":
            return None
        clause = self.text.rfind(",", start, v.start())  # the clause the verb opens: ", he claimed,"
        return self.verb_attribution(v, clause + 1, participle) if clause >= 0 else None

    def reports_quote_before(self, v: re.Match[str], floor: int) -> bool:
        """Whether verb v ends a relative clause about the quote right before it: its subject
        opens the clause right after that quote and nothing follows it but a comma or stop."""
        q = bisect_left(self.quote_starts, floor) - 1
        if q < 0 or self.quotes[q][1] != floor or not _CLAUSE_ENDS.match(self.text, v.end()):
            return False
        named = self.mentions_between(floor, v.start())
        opening = self.text[floor : named[0].start].split() if named else ["-"]
        return all(w[:1].isupper() or w == "the" for w in opening) and bool(
            speech.SUBJECT_GAP.fullmatch(self.text, named[-1].end, v.start())
        )

    def _giver(self, start: int, end: int, pos: int) -> Attribution | None:
        """Who the words at start..end are: a name, him/her, or "the prisoner" (someone named before)."""
        named = self.mentions_between(start, end)
        if named:
            return by_name(named[-1], pos) if len({m.name for m in named}) == 1 else None
        words = self.text[start:end].split()
        if words[-1].lower() in ("him", "her"):
            return by_pronoun("he" if words[-1].lower() == "him" else "she", pos)
        if words[0].lower() == "the":
            return replace(by_pronoun("the", pos), described=start)
        return None

    def _owner_after(self, index: int) -> Attribution | None:
        """A name right after "from" or "by" after quote `index`: `a call to "Q" from Charles Kennedy`."""
        qend = self.quotes[index][1]
        p = speech.BY_OR_FROM.match(self.text, qend)
        m = self.speaker_after(p.end(), self.sentence_end(qend)) if p else None
        return replace(by_name(m, qend), noun=True) if m is not None else None

    def _noun_attribution(self, n: re.Match[str], floor: int, limit: int) -> Attribution:
        """Whose speech noun n is: its possessor, "by/from X", or "his/her"."""
        return replace(self._noun_owner(n, floor, limit), noun=True)

    def _possessor(self, n: re.Match[str], floor: int) -> Mention | None:
        """Whose speech noun n is by the possessive before it: "Trump's March 25 statement"."""
        named = self.mentions_between(floor, n.start())
        if named and speech.POSSESSOR_GAP.fullmatch(self.text, named[-1].end, n.start()):
            return named[-1]
        return None

    def _noun_owner(self, n: re.Match[str], floor: int, limit: int) -> Attribution:
        text = self.text
        possessor = self._possessor(n, floor)
        if possessor is not None:
            return by_name(possessor, n.start())
        p = speech.BY_OR_FROM.match(text, n.end())
        if p:
            m = self.speaker_after(p.end(), limit)
            if m is not None:
                return by_name(m, n.start())
        pron = speech.POSSESSIVE_PRONOUN_BEFORE.search(text[floor : n.start()])
        if pron:
            return by_pronoun("he" if pron.group(1) == "his" else "she", n.start())
        return unnamed(n.start(), False)
