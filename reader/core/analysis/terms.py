"""Speech or term: whether a quote is someone's words or a name, title or scare quote.

A reader listing who said what wants `"We will act," Rubio said`, not the film "Ray", the
"war on terror", a 'metadata' or the string 'value error' in a code sample. The marks tell
them apart only with the writer's sentence around them:

- A full quote is speech, unless nobody is said to say it and it sits in code
  (`print("Hello, World!")`) or is a capitalised name (`is called 'Improving Opportunity,
  Strengthening Society'`).
- A partial quote whose words are all capitalised, two or more of them, is a name or a title
  (`a new "Marshall Plan"`, `the vh1 “Behind the Music” episode`, `“Blood and Soil” goals`).
- A partial quote given by a verb of naming with nobody named to give it is a term (`the
  technique called “mental chronometry”`); said by someone, it is speech (`the Law
  Commission dubbed them "mere conduits"`, `He said he "totally condemned" it`).
- A partial quote that no attribution reaches is speech when a reporting verb stands next
  to it all the same (`graft was said to be "pervasive"`); else it is a term when it is short
  (up to four words: `'metadata'`, `the "war on terror"`, `an online "commons"`) or sits in
  code; longer, it reads as words someone said, even when the article does not say who.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.model import QuoteKind
from reader.core.patterns import regex

if TYPE_CHECKING:
    from reader.core.analysis.speakers import Said

TERM_WORDS = 4  # an unattributed partial quote this short is a term
TITLE_WORDS = 6  # a capitalised phrase longer than this is no title
_WORD = regex(r"[\w'’-]+")
_SMALL = frozenset("a an and at by for from in of on or the to with vs".split())
_CODE_BEFORE = frozenset("([{=")
_CODE_AFTER = frozenset(")]};=:")
_FILE_NAME = regex(r"[\w-]+(?:[./][\w-]+)+")  # "a.py", "foo/bar"


def _title_case(inside: str) -> bool:
    words = _WORD.findall(inside)
    if not 2 <= len(words) <= TITLE_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _SMALL for w in words)


def _code(text: str, start: int, end: int, inside: str) -> bool:
    """Whether the quote sits in code: glued to brackets or an operator, or a file name."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return before in _CODE_BEFORE or after in _CODE_AFTER or bool(_FILE_NAME.fullmatch(inside.strip()))


def kind(text: str, start: int, end: int, inside: str, full: bool, said: Said, verb_near: bool) -> QuoteKind:
    """Speech or term, for the quote at start..end (see the module docstring); `verb_near`:
    whether a reporting verb, in any voice, stands next to it in the writer's words."""
    attribution = said.attribution
    reached = attribution is not None or said.carried
    if full:
        alone = attribution is None  # nobody is said to say it here (at most carried over)
        named = alone and _title_case(inside)  # `is called 'Improving Opportunity, Strengthening Society'`
        return "term" if named or (not reached and _code(text, start, end, inside)) else "speech"
    if _title_case(inside):
        return "term"
    if attribution is not None:
        naming_only = attribution.naming and attribution.kind == "other" and not attribution.personlike
        return "term" if naming_only else "speech"
    if said.carried or verb_near:
        return "speech"
    short = len(_WORD.findall(inside)) <= TERM_WORDS
    return "term" if short or _code(text, start, end, inside) else "speech"
