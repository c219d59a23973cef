"""Which mentions are the subject of their sentence, or of a clause in it: what a later
he/she refers to (`speakers.py`) and what a description stands for (`descriptions.py`).

A mention is a subject when nothing but capitalised words, jobs and titles stands before it
in its clause ("Shadow Home Secretary Mark Oaten said"), counting from a comma ("In a
statement, GM said"), a "but"/"yet" that opens a clause with a subject of its own ("...
but captain Fabien Pelous sees hope") or a time that opens the sentence ("Last night Leo
Varadkar made a claim"). Not a possessor ("Blair's"), nor a name after a comma that has no
verb of its own ("Hailey's first novel, Runaway Zero-Eight in 1958.") or is an item of a
list ("alongside Frank Lebeouf, Josep Guardiola, ...", "three officials, a QC, Christopher
Greenwood and ...").
"""

from __future__ import annotations

from bisect import bisect_left

from reader.core.analysis import speech
from reader.core.analysis.descriptions import Named
from reader.core.analysis.sentences import Sentences
from reader.core.patterns import regex

CLAUSE_OPENERS = frozenset("and but while whereas although though as so yet".split())
# what ends the sentence of a name that has no verb of its own: an appositive, not a subject
_NO_PREDICATE = regex(r"(?:\s+(?:in|on|at|of|from|for|with)\s+[^,.;:!?\"“”]{0,30})?\s*(?:[.;!?]|$)")
_AND_NEXT = regex(r"\s+and\s")
# a time opening a sentence before its subject: "Last night", "Earlier this week", "On Monday"
_OPENING_TIME = regex(
    r"\s*(?:(?:Last|This|Earlier|Later|Late|Early)\s+(?:this\s+|last\s+|on\s+)?"
    r"(?:night|week|month|year|weekend|morning|afternoon|evening|summer|winter|spring|autumn|[A-Z][a-z]+day)"
    r"|Yesterday|Today|Tonight|On\s+[A-Z][a-z]+day|In\s+\d{4})\b"
)
_LIST_COMMA = regex(r"\s*,\s+")
# a conjunction that opens a clause with a subject of its own ("..., but captain Fabien Pelous sees")
_NEW_SUBJECT = regex(r"\b(?:but|yet)\s+")


class SubjectTest(Sentences):
    """The subject test on an article's mentions (`mentions`, `mention_starts`: set by `Subjects`)."""

    mentions: list[Named]
    mention_starts: list[int]

    def _is_subject(self, m: Named) -> bool:
        """Whether the mention is the subject of its sentence (or of a clause after a comma)."""
        text = self.text
        if text[m.end : m.end + 2] in ("'s", "’s"):
            return False
        prefix = text[self.clause_start(m.start) : m.start]
        cut = prefix.rfind(",")
        if cut >= 0:
            comma = m.start - len(prefix) + cut
            listing = _AND_NEXT.match(text, m.end) and (prefix.count(",") > 1 or self._name_ends(comma))
            prefix = prefix[cut + 1 :]
            if _NO_PREDICATE.match(text, m.end) or listing or self._listed(m):
                return False  # "Hailey's first novel, Runaway Zero-Eight in 1958.", "a QC, Christopher Greenwood and", "Clive Owen, Jamie Foxx and" (not "Unable to go, Hajjaj and her family walked")
        clause = None
        for clause in _NEW_SUBJECT.finditer(prefix):
            pass
        if clause is not None:  # "... as they have ground their way to victory but captain Fabien Pelous sees"
            prefix = prefix[clause.end() :]
        time = _OPENING_TIME.match(prefix)
        if time:  # "Last night Tanaiste Leo Varadkar made a strong claim"
            prefix = prefix[time.end() :]
        words = prefix.split()
        if words and (words[0] in speech.CONNECTIVES or words[0] in CLAUSE_OPENERS):
            words = words[1:]  # "..., but GM said"
        return all(w[:1].isupper() or w.lower() in speech.ROLE_WORDS for w in words)

    def _name_ends(self, pos: int) -> bool:
        """Whether a mention ends at pos ("including Clive Owen, Jamie Foxx and ...": a list)."""
        i = bisect_left(self.mention_starts, pos) - 1
        return i >= 0 and self.mentions[i].end == pos

    def _listed(self, m: Named) -> bool:
        """Whether a comma and another name of the same kind follow: an item of a list
        ("alongside Frank Lebeouf, Josep Guardiola, Titi Camara, ...")."""
        gap = _LIST_COMMA.match(self.text, m.end)
        if gap is None:
            return False
        i = bisect_left(self.mention_starts, gap.end())
        return i < len(self.mentions) and self.mentions[i].start == gap.end() and self.mentions[i].kind == m.kind
