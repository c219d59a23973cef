"""Speech or term: whether a quote is someone's words or a name, title or scare quote.

A reader listing who said what wants `"We will act," Rubio said`, not the film "Ray", the
"war on terror", a 'metadata' or the string 'value error' in a code sample. The marks tell
them apart only with the writer's sentence around them:

- A full quote is speech, unless nobody is said to say it and it sits in code
  (`print("Hello, World!")`) or is a capitalised name (`is called 'Improving Opportunity,
  Strengthening Society'`).
- A partial quote whose words are all capitalised, two or more of them, is a name or a title
  (`a new "Marshall Plan"`, `the vh1 “Behind the Music” episode`, `“Blood and Soil” goals`).
- A capitalised name, even of one word, used as a noun in the writer's sentence is a work's
  title or a nickname, whoever the sentence says spoke (`should have gone to comedy
  “Fleabag.”`, `David "Fathead" Newman`), and so is one that is part of its speaker's
  description (`“Parasite” director Bong Joon Ho said`) or that the sentence goes on to
  describe (`“Parasite,” the Korean satire, was ...`). A one-word reply opening its sentence
  (`"No," replied the witness`, `"Ditto."`) stays speech.
- A short lowercase phrase naming a kind of thing, set before the noun that closes the
  writer's clause, is a label, a term, even in a sentence that reports someone's words
  (`an issue for “gig economy” workers.`, `a "zero tolerance" drive,`, `back a "yes" vote.`);
  one ending in an adjective stays speech (`a result of "inappropriate" images.`).
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

from reader.core.analysis import speech
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
_FOLLOWER = regex(r"[ \u00a0]+([A-Za-z][\w'’-]*)")  # a word right after the closing mark
_DESCRIBES_NAME = regex(r"[ \u00a0]+([a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2}\s+[A-Z]")
_APPOSITIVE = regex(r"\s+(?:the|a|an)\s+[\w-]")
# words after a quote that show it is no noun: pronouns, auxiliaries, conjunctions, prepositions
_NOT_A_NOUN_AFTER = frozenset(
    """he she it they we i you him her them us me his its their who which that and or but
    nor so yet is was were are be been being has have had will would can could may might
    shall should must do does did not to of in on at by for from with as than then if
    because when while whereas although though where""".split()
)
LABEL_WORDS = 3  # a lowercase label is at most this long: "voter identification"
_LABEL_BEFORE = regex(
    r"\b(?:a|an|the|its|his|her|their|our|this|that|any|for|of|in|on|to|with|from|by|about|against|into|over)\s+$"
)
_CLOSING_NOUN = regex(r"[ \u00a0]+([a-z][\w-]*)[.,;:!?]")  # `“gig economy” workers.`
_ADVERBS = frozenset("instead too again now today yesterday tomorrow here there though however also".split())
_ADJECTIVE_END = regex(r"(?:ful|ous|ive|ible|able|ic|ical|less|ish|ing|ed|est|ly|ary|al|ent|ant|ate)$")
_ADJECTIVES = frozenset(
    """good bad big small huge tough great new old high low hard soft real right wrong fair clear
    strong weak major minor vital key basic simple free full open safe dark dead grim poor rich fine
    nice true false firm deep broad wide short long fast slow cheap dear easy sure ready sick mad
    wild odd rare late early proper top worst best""".split()
)
_FILE_NAME = regex(r"[\w-]+(?:[./][\w-]+)+")  # "a.py", "foo/bar"


def _title_case(inside: str) -> bool:
    words = _WORD.findall(inside)
    if not 2 <= len(words) <= TITLE_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _SMALL for w in words)


def _one_name(inside: str) -> bool:
    """A single capitalised word, each part of it capitalised: "Parasite", "LA", "Spider-Man"
    (not "German-bashing": a word someone chose)."""
    words = _WORD.findall(inside)
    return len(words) == 1 and all(part[:1].isupper() or part[:1].isdigit() for part in words[0].split("-"))


def _used_as_noun(text: str, end: int, inside: str, opening: bool, alone: bool) -> bool:
    """Whether the quote ending at `end` stands where a noun would in the writer's sentence:
    inside it (`in “Joker”`), right before a word with nothing between (`“Parasite”
    director`, `"Dirty" Den`), or with no attribution, before an appositive (`“Parasite,”
    the Korean satire`)."""
    bare = inside.rstrip()[-1:].isalnum()  # no punctuation closing the words
    follower = _FOLLOWER.match(text, end)
    before_word = bare and follower is not None and follower.group(1).lower() not in _NOT_A_NOUN_AFTER
    if before_word and not speech.REPORTING_VERB.fullmatch(follower.group(1)):
        return True
    if alone and inside.rstrip().endswith(",") and _APPOSITIVE.match(text, end):
        return True
    return not opening


def _names_speaker(text: str, end: int, inside: str) -> bool:
    """Whether the quote is part of its speaker's description: `“Parasite” director Bong Joon
    Ho said`, `"Mrs Maisel" actress Alex Borstein said` (a few lowercase words, then a name)."""
    if not inside.rstrip()[-1:].isalnum():
        return False
    m = _DESCRIBES_NAME.match(text, end)
    if m is None:
        return False
    first = m.group(1)
    return not (speech.REPORTING_VERB.fullmatch(first) or first in _NOT_A_NOUN_AFTER)


def _label(text: str, start: int, end: int, inside: str) -> bool:
    """Whether a short lowercase quote modifies the noun closing its clause, after a determiner
    or preposition: `for “gig economy” workers.` (see the module docstring)."""
    words = _WORD.findall(inside)
    if not 1 <= len(words) <= LABEL_WORDS or not inside[:1].islower() or not inside[-1:].isalnum():
        return False
    if not _LABEL_BEFORE.search(text, max(0, start - 16), start):
        return False
    noun = _CLOSING_NOUN.match(text, end)
    if noun is None or noun.group(1) in _NOT_A_NOUN_AFTER or noun.group(1) in _ADVERBS:
        return False
    last = words[-1].lower()
    return not (_ADJECTIVE_END.search(last) or last in _ADJECTIVES)


def _code(text: str, start: int, end: int, inside: str) -> bool:
    """Whether the quote sits in code: glued to brackets or an operator, or a file name."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return before in _CODE_BEFORE or after in _CODE_AFTER or bool(_FILE_NAME.fullmatch(inside.strip()))


def kind(
    text: str, start: int, end: int, inside: str, full: bool, said: Said, verb_near: bool, opening: bool
) -> QuoteKind:
    """Speech or term, for the quote at start..end (see the module docstring); `verb_near`:
    whether a reporting verb, in any voice, stands next to it in the writer's words;
    `opening`: whether it opens its sentence or follows a colon, comma, dash or reporting verb."""
    attribution = said.attribution
    reached = attribution is not None or said.carried
    if _one_name(inside):  # "Parasite", "LA": a name when the sentence uses it as one
        if _names_speaker(text, end, inside) or _used_as_noun(text, end, inside, opening, not reached):
            return "term"
    elif _title_case(inside) and _names_speaker(text, end, inside):
        return "term"
    if not full and _label(text, start, end, inside):
        return "term"
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
