"""Features of tokens for the entity CRF, computed fast.

Most features depend on the word alone (its lowercased form, shape, prefixes, suffixes,
flags), so they are computed once per distinct word and cached: each cache entry holds
the word's own features and the features it lends to its neighbours at -2, -1, +1, +2.
A token's feature list is then a concatenation of five cached lists plus a handful of
features that depend on the sentence and the document:

- sentence position, headline (all-caps) sentences, bigrams of word shapes;
- document evidence about capitalisation: does the word appear capitalised in a
  non-initial position, in lower case, or in capitals elsewhere in the document;
- a capitalisation profile of the word in the training text (a coarse word class);
- gazetteer matches (entity names of the training data, multi-token, B/I marked), and
  place names (countries apart from cities and towns), marked again when they stand in a
  line of a results table or on a page of them (where a city's name is its club);
- for the second stage, the first stage's labels of the token and its neighbours, and of
  the same word and the same names elsewhere in the document (stage2.py).
"""

from __future__ import annotations

import math
from bisect import bisect_right
import string
from collections import Counter, defaultdict
from collections.abc import Iterable

from reader.core.analysis.ner.clusters import Clusters, lookup
from reader.core.analysis.ner.tables import is_number, table_lines, table_marks
from reader.core.patterns import regex

TYPES = ("PER", "LOC", "ORG", "MISC")
MAX_CACHE = 50_000

_SHAPE_TABLE = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits,
    "X" * 26 + "x" * 26 + "d" * 10,
)
_RUN4_RE = regex(r"(.)\1{4,}")
_RUN1_RE = regex(r"(.)\1+")
_NORMALIZE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                            "„": '"', "—": "-", "–": "-", "\u00a0": " "})
# An opening mark after which a capitalised word is "sentence-initial" too.
SENTENCE_OPENERS = frozenset('"\'(-:[“‘')


def normalize(word: str) -> str:
    """Curly quotes and dashes as in the (ASCII) training data."""
    return word.translate(_NORMALIZE)


def shapes(word: str) -> tuple[str, str]:
    """Long shape (runs cut to 4: "Xxxx", "dddd-dd") and short shape (runs of 1: "Xx")."""
    if word.isascii():
        s = word.translate(_SHAPE_TABLE)
    else:
        s = "".join(
            "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
            for c in word
        )
    return _RUN4_RE.sub(r"\1\1\1\1", s), _RUN1_RE.sub(r"\1", s)


def word_features(word: str, clusters: Clusters | None = None, names: dict[str, str] | None = None) -> tuple:
    """Features of a word type: its own, those it lends at -1, +1, -2, +2, and its short
    shape (for shape bigrams). `clusters`: the word's clusters in unlabelled text and
    in a pretrained model's embeddings (clusters.py); `names`: lower-cased word -> its classes as a given name or surname."""
    w = normalize(word)
    lw = w.lower()
    long_shape, short_shape = shapes(w)
    own = ["b", "w=" + lw, "s=" + long_shape, "ss=" + short_shape]
    n = len(lw)
    for k in (1, 2, 3, 4):
        if n > k:
            own.append(f"p{k}=" + lw[:k])
            own.append(f"x{k}=" + lw[-k:])
    if w[:1].isupper():
        own.append("T")
    if n > 1 and w.isupper():
        own.append("U")
    if any(c.isdigit() for c in w):
        own.append("D")
        if w.isdigit():
            own.append("N" + str(min(n, 5)))
    if "-" in w and n > 1:
        own.append("H")
    if "." in w and n > 1:
        own.append("P")
    if not any(c.isalnum() for c in w):
        own.append("punct")
    m1 = ["-1w=" + lw, "-1s=" + long_shape]
    p1 = ["+1w=" + lw, "+1s=" + long_shape]
    m2 = ["-2w=" + lw, "-2ss=" + short_shape]
    p2 = ["+2w=" + lw, "+2ss=" + short_shape]
    if n > 3:
        m1.append("-1x3=" + lw[-3:])
        p1.append("+1x3=" + lw[-3:])
    if clusters:
        ids = lookup(clusters[0], w)
        if ids:
            own += [f"c{k}=" + c for k, c in enumerate(ids)]
            m1.append("-1c=" + ids[1])
            p1.append("+1c=" + ids[1])
        ids = clusters[1].get(lw)
        if ids:
            own += [f"e{k}=" + c for k, c in enumerate(ids)]
            m1 += ["-1e=" + ids[0], "-1e1=" + ids[1]]
            p1 += ["+1e=" + ids[0], "+1e1=" + ids[1]]
            if w[:1].isupper():  # the embeddings are uncased: "Apple" is not "apple"
                own.append("Te=" + ids[-1])
    if names and w[:1].isupper():
        found = names.get(lw)
        if found:
            own += found.split(" ")
    return own, m1, p1, m2, p2, short_shape


def _is_caps_sentence(words: list[str]) -> bool:
    """A headline or dateline in capitals ("SOCCER - JAPAN GET LUCKY WIN")."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    if not lettered:
        return False
    upper = sum(1 for w in lettered if w.isupper())
    return upper == len(lettered) or (len(lettered) >= 4 and upper >= 0.8 * len(lettered))


# ---------------------------------------------------------------------------------------
# Resources built from the training data


class Gazetteer:
    """Entity names (lowercased token tuples) -> type, with a first-word index."""

    def __init__(self, entries: dict[tuple[str, ...], str], prefix: str = "g="):
        self.entries = entries
        self.prefix = prefix
        self.max_len: dict[str, int] = {}
        for key in entries:
            first = key[0]
            if len(key) > self.max_len.get(first, 0):
                self.max_len[first] = len(key)

    def find(
        self, lowered: list[str], words: list[str], ends: list[int],
        override: dict[tuple[str, ...], str | None] | None = None,
    ) -> list[tuple[int, str]]:
        """Longest matches, left to right, as (token, g=B-TYPE / g=I-TYPE) pairs (g= is
        the prefix).

        `lowered` and `words` are a whole document, `ends` the (sorted) end index of each
        sentence; matches stay inside sentences, and neither their first nor their last
        word may be in lower case.
        """
        max_len = self.max_len
        entries = self.entries
        found: list[tuple[int, str]] = []
        covered = 0
        for i in [i for i, lw in enumerate(lowered) if lw in max_len]:
            if i < covered or words[i].islower():
                continue
            end = ends[bisect_right(ends, i)]
            length = 0
            kind = None
            for length in range(min(max_len[lowered[i]], end - i), 0, -1):
                key = tuple(lowered[i:i + length])
                if override is not None and key in override:
                    kind = override[key]
                else:
                    kind = entries.get(key)
                if kind is not None and not words[i + length - 1].islower():
                    break
                kind = None
            if kind is None:
                continue
            found.append((i, self.prefix + "B-" + kind))
            found.extend((j, self.prefix + "I-" + kind) for j in range(i + 1, i + length))
            covered = i + length
        return found


def majority(counts: Counter) -> str | None:
    """The most frequent key, ties broken by TYPES order, or None when empty."""
    if not counts:
        return None
    best = max(counts.values())
    for kind in TYPES:
        if counts.get(kind) == best:
            return kind
    return None


def profile_label(cap: int, total: int) -> str:
    """A coarse class of a word from its training-text capitalisation and frequency."""
    if total == 0:
        return "cp=none"
    ratio = cap / total
    if ratio == 0:
        bucket = "0"
    elif ratio < 0.3:
        bucket = "lo"
    elif ratio < 0.7:
        bucket = "mid"
    elif ratio < 1:
        bucket = "hi"
    else:
        bucket = "1"
    return f"cp={bucket}{min(int(math.log2(total)), 6)}"


def capitalisation_counts(doc_words: Iterable[list[str]]) -> Counter:
    """(lowercased word, capitalised?) counts over non-initial words of non-caps sentences."""
    counts: Counter = Counter()
    for words in doc_words:
        if _is_caps_sentence(words):
            continue
        prev = ""
        for i, word in enumerate(words):
            if i > 0 and prev not in SENTENCE_OPENERS and any(c.isalpha() for c in word):
                counts[normalize(word).lower(), word[0].isupper()] += 1
            prev = word
    return counts


# ---------------------------------------------------------------------------------------


class Featurizer:
    """Feature lists of the tokens of a document, with a per-word cache."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        profiles: dict[str, str],
        unigrams: dict[str, tuple[str, ...]] | None = None,
        places: Gazetteer | None = None,
        clusters: Clusters | None = None,
        names: dict[str, str] | None = None,
    ):
        self.gazetteer = gazetteer
        self.profiles = profiles
        self.unigrams = unigrams or {}
        self.places = places
        self.clusters = clusters
        self.names = names or {}
        self._cache: dict[str, tuple] = {}

    def _entry(self, word: str) -> tuple:
        entry = word_features(word, self.clusters, self.names)
        if len(self._cache) >= MAX_CACHE:
            self._cache.clear()
        self._cache[word] = entry
        return entry

    def document(
        self,
        sentences: list[list[str]],
        gazetteer_override: dict[tuple[str, ...], str | None] | None = None,
        profile_override: dict[str, str] | None = None,
        unigram_override: dict[str, tuple[str, ...]] | None = None,
    ) -> list[list[list[str]]]:
        """Feature lists for every token of every sentence of one document."""
        cache = self._cache
        caps = [_is_caps_sentence(words) for words in sentences]
        lowered = [[normalize(w).lower() for w in words] for words in sentences]

        # Document evidence about capitalisation (other occurrences of the same word).
        title_seen: Counter = Counter()
        upper_seen: Counter = Counter()
        lower_seen: set[str] = set()
        for words, lws, is_caps in zip(sentences, lowered, caps):
            prev = ""
            for i, (w, lw) in enumerate(zip(words, lws)):
                if w.islower():
                    lower_seen.add(lw)
                elif not is_caps and i > 0 and prev not in SENTENCE_OPENERS and w[:1].isupper():
                    if len(w) > 1 and w.isupper():
                        upper_seen[lw] += 1
                    else:
                        title_seen[lw] += 1
                prev = w

        rows, table_doc = table_lines(
            [sum(1 for w in words if is_number(w)) for words in sentences],
            [sum(1 for w in words if w.islower()) for words in sentences],
        )
        ends = []
        total = 0
        for words in sentences:
            total += len(words)
            ends.append(total)
        all_marks: dict[int, list[str]] = defaultdict(list)
        if self.places is not None:
            for j, name in self.places.find(
                [lw for lws in lowered for lw in lws], [w for ws in sentences for w in ws], ends,
            ):
                all_marks[j].append(name)
        for j, name in self.gazetteer.find(
            [lw for lws in lowered for lw in lws], [w for ws in sentences for w in ws], ends,
            gazetteer_override,
        ):
            all_marks[j].append(name)
        table_marks(all_marks, rows, ends, table_doc)
        profiles = self.profiles
        out = []
        offset = 0
        for words, lws, is_caps, row in zip(sentences, lowered, caps, rows):
            n = len(words)
            entries = [cache.get(w) or self._entry(w) for w in words]
            marks = [all_marks.get(offset + i) for i in range(n)]
            offset += n
            shorts = [e[5] for e in entries]
            feats_sentence = []
            prev = ""
            for i in range(n):
                e = entries[i]
                f = e[0].copy()
                if i > 0:
                    f += entries[i - 1][1]
                    f.append("b-=" + shorts[i - 1] + "|" + shorts[i])
                    f.append("wb-=" + lws[i - 1] + "|" + lws[i])
                    if i > 1:
                        f += entries[i - 2][3]
                else:
                    f.append("BOS")
                if i + 1 < n:
                    f += entries[i + 1][2]
                    f.append("b+=" + shorts[i] + "|" + shorts[i + 1])
                    f.append("wb+=" + lws[i] + "|" + lws[i + 1])
                    if i + 2 < n:
                        f += entries[i + 2][4]
                else:
                    f.append("EOS")
                w = words[i]
                lw = lws[i]
                if is_caps:
                    f.append("CAPS")
                if not w.islower() and w[:1].isalpha():
                    initial = i == 0 or prev in SENTENCE_OPENERS
                    if initial:
                        f.append("init")
                    # evidence from elsewhere in the document, this token left out
                    counted = not is_caps and not initial and w[:1].isupper()
                    t = title_seen.get(lw, 0) - (counted and not (len(w) > 1 and w.isupper()))
                    u = upper_seen.get(lw, 0) - (counted and len(w) > 1 and w.isupper())
                    if t > 0:
                        f.append("dT")
                    if u > 0:
                        f.append("dU")
                    if lw in lower_seen:
                        f.append("dL")
                    if profile_override is not None and lw in profile_override:
                        f.append(profile_override[lw])
                    else:
                        f.append(profiles.get(lw, "cp=none"))
                    if unigram_override is not None and lw in unigram_override:
                        kinds = unigram_override[lw]
                    else:
                        kinds = self.unigrams.get(lw, ())
                    for kind in kinds:
                        f.append("gu=" + kind)
                    if row:
                        f.append("tbl")
                    if table_doc:
                        f.append("dtbl")
                if marks[i]:
                    f += marks[i]
                feats_sentence.append(f)
                prev = w
            out.append(feats_sentence)
        return out
