"""The writer's sentences around an article's quotes: where each starts and ends.

A sentence ends at sentence punctuation followed by a capital, except after an abbreviation
("Mr.", "U.S.") or inside a quote (a sentence inside a quote is the speaker's, not the
writer's), and except where a quote ending in punctuation is followed by its attribution
(`"Why not?" Rubio asked.`, `"It is over!" Mr Smith said.`): that is one sentence. (After
a full stop the writer's next sentence often names someone: `"... player." Coria conceded that`.)
Nothing after the paragraph of the last quote is mapped: it can attribute nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.core.analysis import speech
from reader.core.patterns import regex

# a quote's attribution right after its closing mark: a few capitalised words, the verb, and
# the end of the sentence within a few words ("Rubio asked reporters.", not "Coria conceded that")
_ATTRIBUTION_AHEAD = regex(
    rf"(?:(?:[A-Z][\w'’.-]*|of|the)\s+){{1,5}}{speech.REPORTING_VERB.pattern}"
    r"(?:\s+(?!that\b)[\w'’-]+){0,4}\s*[.,;:!?]"
)
VERB_AFTER_WORDS = 6  # a reporting verb this close after a quote is near it
_QUESTION = regex(r"[?!][\"”’']")


class Sentences:
    """Paragraphs, quote spans and sentence boundaries of one article's text."""

    def __init__(self, text: str, paras: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> None:
        self.text = text
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.quotes = quotes
        self.quote_starts = [s for s, _ in quotes]
        last = bisect_right(self.para_starts, quotes[-1][1] - 1) - 1 if quotes else -1
        self.horizon = paras[last][1] if quotes else 0
        self.bounds = self._boundaries()

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
            if _QUESTION.search(m.group()) and _ATTRIBUTION_AHEAD.match(text, end):
                continue  # `"Why not?" Rubio asked.`
            bounds.append(end)
        return sorted(set(bounds))

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.para_starts, pos) - 1

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

    def verb_near(self, index: int) -> bool:
        """Whether a reporting verb, in any voice, stands in the writer's words around quote
        `index`: before it in its clause (`graft was said to be "pervasive"`) or within a few
        words after it (`"pervasive", the report said`)."""
        start, end = self.quotes[index]
        before = speech.REPORTING_VERB.finditer(self.text, self.clause_start(start), start)
        if any(not self._quoted(m.start()) and not speech.is_nouny(m) for m in before):
            return True
        words = self.text[end : self.sentence_end(end)].split()[:VERB_AFTER_WORDS]
        after = speech.REPORTING_VERB.finditer(" ".join(words))
        return any(not speech.is_nouny(m) for m in after)  # not "the 'metadata' of the calls"

    def same_sentence(self, a: int, b: int) -> bool:
        """Whether quotes a and b stand in one sentence of the writer's."""
        return self.sentence_start(self.quotes[a][0]) == self.sentence_start(self.quotes[b][0])
