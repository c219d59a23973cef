"""Whether an article's text is English, the one language reader's name finding reads.

The entity tagger is a CRF trained on English news (CoNLL-2003) and the quote speakers
follow English reporting verbs; on a German page they list "Kontaktieren Sie" and
"Vorhersage Donnerstag" as people. A reader would rather see no names than wrong ones,
so `analyze` asks `judge(text)` first and finds names only in English text.

The evidence is the text itself (a page's `lang` is often wrong or missing, and a .txt or
.md file has none): the share of its words that are frequent English words, against the
share that are frequent words of another language and not English ones — justext's
stoplists (100 languages, shipped with trafilatura, also what the encoding scorer reads;
`stoplists.py`).
Only words written in lower case count: names are capitalised, and the stoplists hold
names ('carlos', 'john') that made an English text about Carlos Sainz look Spanish. Another
language wins only by a clear lead (RATIO times the English words, at least MIN_HITS
words), so a short English headline full of foreign names stays English. A text mostly
in another script (Cyrillic, Arabic, CJK...) is not English whatever its words. A text
too short to tell (a title, a caption) counts as English: it is tagged as before. Only
the first SAMPLE characters are read: bounded cost for any text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from reader.core.analysis.stoplists import ENGLISH, english_words, index
from reader.core.patterns import regex

__all__ = ["ENGLISH", "Language", "judge"]

SAMPLE = 20_000  # characters read: thousands of words, enough to tell any language
MIN_WORDS = 6  # fewer lower-case words than this cannot be told apart: counted as English
MIN_HITS = 4  # another language needs at least this many of its frequent words...
RATIO = 1.5  # ...and this many times the frequent English words
MIN_LETTERS = 40  # fewer letters than this: no script is called foreign
LATIN_SHARE = 0.75  # below this share of Latin letters the text is in another script
# (Chinese lyrics with their pinyin beneath are a third Chinese characters)
SURE_ENGLISH = 0.5  # this share of frequent English words: no other language can beat it

_WORD = regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LINK = regex(r"(?:https?://|www\.)\S*")  # "https", "tt" and "de" of a link say nothing


@dataclass(frozen=True)
class Language:
    """What `judge` found: `name` is a language ("German"), or a script ("Cyrillic script")
    when the text's letters are mostly not Latin; `english` says whether names are sought."""

    english: bool
    name: str  # the best of 100 noisy word lists: a hint for rarer languages, not a label
    words: int  # lower-case words the judgement read
    share: float  # of those, the share of frequent words of `name` (0 for a script)


def judge(text: str) -> Language:
    """Whether `text` is English enough for the English-trained tagger, and if not, what it
    most looks like. Deterministic; a text too short to tell is English."""
    sample = _LINK.sub(" ", text[:SAMPLE])
    script = _foreign_script(sample)
    words = [w.replace("’", "'") for w in _WORD.findall(sample) if w.islower()]
    if script is not None:
        return Language(False, script, len(words), 0.0)
    if len(words) < MIN_WORDS:
        return Language(True, ENGLISH, len(words), 0.0)
    english = english_words()
    english_hits = sum(w in english for w in words)
    if english_hits >= SURE_ENGLISH * len(words):
        return Language(True, ENGLISH, len(words), english_hits / len(words))
    others = index()
    hits = [0] * len(others.languages)
    for word, n in Counter(words).items():
        for position in others.words.get(word, ()):
            hits[position] += n
    best_hits = max(hits, default=0)
    if best_hits < MIN_HITS or best_hits <= RATIO * english_hits:
        return Language(True, ENGLISH, len(words), english_hits / len(words))
    best = others.languages[hits.index(best_hits)]  # ties: the first in name order
    return Language(False, best.replace("_", " "), len(words), best_hits / len(words))


def _foreign_script(sample: str) -> str | None:
    """The script most of the text's letters are in, when too few are Latin."""
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    scripts = Counter(_script(c) for c in letters)
    if scripts["LATIN"] >= LATIN_SHARE * len(letters):
        return None
    name = max((s for s in scripts if s != "LATIN"), key=lambda s: scripts[s])
    return f"{name.title()} script"


def _script(char: str) -> str:
    """The first word of a letter's Unicode name: LATIN, CYRILLIC, CJK, ARABIC..."""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "OTHER"
