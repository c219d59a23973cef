"""Penn/CoNLL-style tokens with character offsets, and sentences.

`tokenize(text)` splits the way the CoNLL-2003 data is split, so the entity tagger sees
at run time the tokens it was trained on: punctuation is separate; "U.S.", "Feb.",
"Mr." and initials like "F." are one token; a possessive "'s" (or "’s") and other
clitics ("'re", "n't") are split off; hyphenated words ("30-day", "full-scale") and
numbers with commas or decimals ("1,250.5") stay whole; every quote mark is a token.

`sentences(tokens, text)` splits at . ! ? (a sentence keeps the closing quotes and
brackets glued to its final mark) and at paragraph breaks (a blank line).

Both are a single pass of one compiled regular expression plus a loop, fast enough to
run on every article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, chain, repeat
from typing import NamedTuple

from reader.core.patterns import regex


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Parsed(NamedTuple):
    """One text's tokens and sentences, made once (`parse`) and shared by every step of the
    analysis that reads words: the tagger, dates, quotes."""

    tokens: list[Token]
    sentences: list[list[Token]]  # slices of `tokens`, in order, covering them all


# Abbreviations that keep their period. Single letters with a period ("F.", "U.S.",
# "a.m.") are handled by a pattern of their own.
ABBREVIATIONS = (
    "Mr Mrs Ms Messrs Mme Dr Prof Rev Sen Rep Gov Gen Col Lt Capt Cmdr Sgt Adm Maj Brig "
    "Pres Supt Det Insp Hon Fr Sr Jr St Mt Ft Ave Blvd Rd "
    "Inc Corp Co Ltd Bros Plc Cos Dept Univ Assn Intl Govt "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn "
    "Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wisc Wyo "
    "No Nos Vol Vols vs etc approx est esp fig cf al"
).split()
# Abbreviations after which a sentence never ends (a name or number follows them).
_NEVER_FINAL = frozenset(
    "Mr. Mrs. Ms. Messrs. Mme. Dr. Prof. Rev. Sen. Rep. Gov. Gen. Col. Lt. Capt. Cmdr. "
    "Sgt. Adm. Maj. Brig. Pres. Supt. Det. Insp. Hon. Fr. St. Mt. Ft. No. Nos. Vol. "
    "Vols. vs. cf.".split()
)
# Words that start a sentence (checked after an abbreviation such as "U.S." or "Inc.").
_STARTERS = frozenset(
    "The A An He She It They We I You His Her Its Their Our This That These Those There "
    "But And Yet So Or In On At For From With As After Before When While If Although "
    "Though Since Meanwhile However Also Some Many Most Other One Two Three What Why How "
    "Who Where Mr Mrs Ms Dr".split()
)

_CLITIC = r"(?:['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?![^\W_]))"
_NUM = r"\d+(?:[.,:/]\d+)+"
_PIECE = rf"(?:{_NUM}[^\W_]*|[^\W_]+)"


def word_alternation(words: list[str]) -> str:
    """A regular expression matching exactly `words`, factored by common prefixes."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return "(?:" + emit(tree) + ")"


_TOKEN_TEMPLATE = rf"""
    [A-Za-z][a-z]*(?=[\s,;!?)"”]|\Z)               # fast path: a plain word (same token
                                                      #   as the general rules give)
  | https?://[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]        # URL
  | (?<![^\W_])(?=[A-Za-z]{{1,7}}\.)(?:             # words with their period:
        {word_alternation(ABBREVIATIONS)}\.(?![^\W_])          #   abbreviations "Feb." "Mr."
      | (?:[A-Za-z]\.){{2,}}(?![^\W_])              #   U.S. a.m. U.S.A.
      | [A-Z]\.(?![^\W_.]))                         #   initials "John F. Kennedy"
  | [A-Z]{{0,2}}\$                                   # $ US$ HK$ C$
  | {_CLITIC}                                         # 's 're 've 'll 'd 'm
  | {_PIECE}(?:(?:[-&/]|['’](?!(?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?![^\W_])))  # word, hyphens,
        {_PIECE})*                                    #   O'Brien, AT&T, 1,250.5
  | \.\.\.+ | -{{2,}}                                 # ellipsis, double dash
  | [^\s]                                             # any other single character
"""
# The tokens, each with the white space before it: findall() then partitions the text
# into (space, token) pairs, and the offsets are running sums of their lengths, all
# computed in C.
_SPACED_RE = regex(r"(\s*)((?:" + _TOKEN_TEMPLATE + "))", re.VERBOSE)
_new_tuple = tuple.__new__
_NT_WORD_RE = regex(r"[^\W\d_][nN]['’][tT](?![^\W_])")

_FINAL = frozenset(".!?…") | {"...", "....", "?!", "!?"}
_CLOSERS = frozenset("\"'’”)]}»")
_PARAGRAPH_RE = regex(r"\n[^\S\n]*\n")
_MARK_RE = regex(r"[.!?…]")


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with character offsets: text[t.start:t.end] == t.text."""
    pieces = list(chain.from_iterable(_SPACED_RE.findall(text)))
    offsets = list(accumulate(map(len, pieces)))
    starts = offsets[0::2]
    tokens = list(map(_new_tuple, repeat(Token), zip(pieces[1::2], starts, offsets[1::2])))
    # "don't" -> "do" "n't", as in the Penn Treebank
    splits = [m.end() for m in _NT_WORD_RE.finditer(text)]
    for end in reversed(splits):
        i = bisect_right(starts, end - 3) - 1
        tok = tokens[i]
        if tok.end == end and tok.start < end - 3:
            cut = end - 3
            tokens[i:i + 1] = [Token(tok.text[:-3], tok.start, cut), Token(tok.text[-3:], cut, end)]
    return tokens


def parse(text: str) -> Parsed:
    """The tokens of `text` and its sentences."""
    tokens = tokenize(text)
    return Parsed(tokens, sentences(tokens, text))


def _ends_after_abbreviation(tok: Token, nxt: Token | None) -> bool:
    """An abbreviation like "U.S." or "Inc." also ends the sentence before a starter."""
    if tok.text in _NEVER_FINAL or nxt is None:
        return False
    return nxt.text in _STARTERS


def sentences(tokens: list[Token], text: str) -> list[list[Token]]:
    """Split tokens into sentences at . ! ? and at paragraph breaks (blank lines)."""
    n = len(tokens)
    if not n:
        return []
    starts = [t[1] for t in tokens]
    cuts = set()  # tokens that start a sentence
    for m in _PARAGRAPH_RE.finditer(text):
        i = bisect_left(starts, m.end())
        if 0 < i < n:
            cuts.add(i)
    absorbed = 0
    for m in _MARK_RE.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i < absorbed or tokens[i].end != m.end():
            continue  # a mark inside a token ("1.5", the first dot of "U.S.")
        word = tokens[i].text
        if word not in _FINAL:
            if len(word) < 2 or word[0] == "." or word[-1] != ".":
                continue
            if not _ends_after_abbreviation(tokens[i], tokens[i + 1] if i + 1 < n else None):
                continue
        j = i + 1
        # a run of final marks ("?!", "!!") stays together
        while j < n and tokens[j].text in _FINAL and tokens[j].start == tokens[j - 1].end:
            j += 1
        # closing quotes and brackets glued to the final mark stay with it
        while j < n and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
            if tokens[j].text in "\"'" and j + 1 < n and tokens[j + 1].start == tokens[j].end:
                break  # a straight quote glued to the next word opens a quote
            j += 1
        if j < n:
            cuts.add(j)
        absorbed = j
    out = []
    prev = 0
    for cut in sorted(cuts):
        out.append(tokens[prev:cut])
        prev = cut
    out.append(tokens[prev:])
    return out
