"""Fast decoding of the shipped CRFs in pure Python, equivalent to crfsuite's tagger.

crfsuite's tagger takes feature *strings* for every token, and building and looking up
those strings costs more than all the rest of the analysis. A linear-chain CRF only
needs, for every token, the sum of its features' weights for each label, and most
features depend on the word alone. So each distinct word is scored once: its own
features and the features it lends to its neighbours (at -1, +1, -2, +2) become five
score vectors, cached. A token's scores are then a sum of five cached vectors and a few
features computed per document (sentence position, headline capitals, shape bigrams,
capitalisation evidence, gazetteer matches, second-stage labels). The vectors are packed
integers and the decoding is crf.py's.

`Featurizer` (features.py) makes the same features as strings for training;
tests/unit/test_ner.py checks that both paths give the same tags.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import accumulate
from operator import add

from reader.core.analysis.ner.features import (
    MAX_CACHE,
    SENTENCE_OPENERS,
    majority,
    normalize,
    word_features,
)
from reader.core.analysis.ner.crf import BITS, PackedCRF
from reader.core.analysis.ner.stage2 import count_names
from reader.core.analysis.ner.tables import is_number, table_tokens

_LOWER, _UPPER, _UPPER2, _FIRST_UPPER, _CAP_CANDIDATE, _HAS_ALPHA, _OPENER, _NUMBER = (
    1, 2, 4, 8, 16, 32, 64, 128)


class FastTagger:
    """One or two stacked CRFs decoded in pure Python; see the module docstring.

    The features both stages share are packed for both at once: the second model's
    fields sit above the first's in the same integer, so one sum serves both stages.
    The first stage's checks and unpacking only look at the low fields; the second
    stage's scores are (sum + low bias) >> width of the first model's fields.
    """

    def __init__(self, model_paths: list[str], lexicon):
        import pycrfsuite

        first = pycrfsuite.Tagger()
        first.open(model_paths[0])
        labels = first.labels()
        first.close()
        self.labels = sorted(labels, key=lambda t: (t == "O", t[2:], t[0]))
        self.models = [PackedCRF(p, self.labels) for p in model_paths]
        self.gazetteer = lexicon.gazetteer
        self.profiles = lexicon.profiles
        self.unigrams = lexicon.unigrams
        self.places = lexicon.places
        self.clusters = lexicon.clusters
        self.names = lexicon.names
        self._width = BITS * len(self.models[0].others)
        self._low_bias = self.models[0].high  # HALF in every field of the first model
        packed: dict[str, int] = {}
        for m, model in enumerate(self.models):
            for attr, row in model.packed.items():
                packed[attr] = packed.get(attr, 0) + (row << (self._width * m))
        self._packed = packed
        self._types: dict[str, tuple] = {}
        # bigram features by "first|second": (weights of b- or wb-, of b+ or wb+)
        self._shape_bigrams = self._bigram_rows("b")
        self._word_bigrams = self._bigram_rows("wb")
        self._bos = packed.get("BOS", 0)
        self._eos = packed.get("EOS", 0)
        if len(self.models) > 1:
            second = self.models[1].packed
            self._label_rows = [second.get("s1=" + t, 0) for t in self.labels]
            # the first stage's labels of the neighbours (stage2.stage2_features)
            self._prev_rows = [second.get("s1-=" + t, 0) for t in self.labels]
            self._next_rows = [second.get("s1+=" + t, 0) for t in self.labels]

    def _bigram_rows(self, prefix: str) -> dict[str, tuple[int, int]]:
        rows: dict[str, tuple[int, int]] = {}
        for attr, row in self._packed.items():
            if attr.startswith(prefix + "-="):
                key = attr[len(prefix) + 2:]
                rows[key] = (row, rows.get(key, (0, 0))[1])
            elif attr.startswith(prefix + "+="):
                key = attr[len(prefix) + 2:]
                rows[key] = (rows.get(key, (0, 0))[0], row)
        return rows

    # -- word types --------------------------------------------------------------------

    def _new_type(self, word: str) -> tuple:
        own, m1, p1, m2, p2, short_shape = word_features(word, self.clusters, self.names)
        lw = normalize(word).lower()
        flags = 0
        if word.islower():
            flags |= _LOWER
        if word.isupper():
            flags |= _UPPER
            if len(word) > 1:
                flags |= _UPPER2
        if word[:1].isupper():
            flags |= _FIRST_UPPER
        if not word.islower() and word[:1].isalpha():
            flags |= _CAP_CANDIDATE
            own = own + [self.profiles.get(lw, "cp=none")]
            own += ["gu=" + kind for kind in self.unigrams.get(lw, ())]
        if any(c.isalpha() for c in word):
            flags |= _HAS_ALPHA
        if word in SENTENCE_OPENERS:
            flags |= _OPENER
        if is_number(word):
            flags |= _NUMBER
        get = self._packed.get
        entry = (lw, short_shape, flags) + tuple(
            sum(get(f, 0) for f in feats) for feats in (own, m1, p1, m2, p2)
        )
        self._types[word] = entry
        return entry

    # -- decoding ----------------------------------------------------------------------

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        lengths = [len(s) for s in sentences]
        words = [w for s in sentences for w in s]
        if not words:
            return [[] for _ in sentences]
        if len(self._types) >= MAX_CACHE:
            self._types.clear()  # bounded memory in a long-running app
        types = self._types
        new_type = self._new_type
        entries = [types.get(w) or new_type(w) for w in words]
        lws = [e[0] for e in entries]
        flags = [e[2] for e in entries]
        ends = list(accumulate(lengths))
        starts = [0] + ends[:-1]

        scores = self._scores(words, entries, lengths)
        packed = self._packed

        # headline sentences in capitals ("SOCCER - JAPAN GET LUCKY WIN")
        letters = [f & (_HAS_ALPHA | _UPPER) for f in flags]
        in_caps: set[int] = set()
        caps_row = packed.get("CAPS", 0)
        for k, end in zip(starts, ends):
            kinds = letters[k:end]
            lettered = end - k - kinds.count(0)
            upper = kinds.count(_HAS_ALPHA | _UPPER)
            if lettered and (upper == lettered or (lettered >= 4 and upper >= 0.8 * lettered)):
                in_caps.update(range(k, end))
                for j in range(k, end):
                    scores[j] += caps_row
        # capitalised words: first in their sentence (or after a quote or bracket)?
        cap_tokens = [j for j, f in enumerate(flags) if f & _CAP_CANDIDATE]
        sentence_start = set(starts)
        initial = {j for j in cap_tokens if j in sentence_start or flags[j - 1] & _OPENER}
        # how the same word appears elsewhere in the document
        lower_seen = {lw for lw, f in zip(lws, flags) if f & _LOWER}
        title_seen: Counter = Counter()
        upper_seen: Counter = Counter()
        counted = set()
        for j in cap_tokens:
            if flags[j] & _FIRST_UPPER and j not in initial and j not in in_caps:
                counted.add(j)
                if flags[j] & _UPPER2:
                    upper_seen[lws[j]] += 1
                else:
                    title_seen[lws[j]] += 1
        row_init, row_t, row_u, row_l = (packed.get(n, 0) for n in ("init", "dT", "dU", "dL"))
        numbers = [j for j, f in enumerate(flags) if f & _NUMBER]
        lower = [bool(f & _LOWER) for f in flags] if len(numbers) > 1 else []
        in_table, table_doc = table_tokens(numbers, lower, starts, ends)
        row_tbl = packed.get("tbl", 0)
        add_doc = packed.get("dtbl", 0) if table_doc else 0
        for j in cap_tokens:
            lw = lws[j]
            add = row_l if lw in lower_seen else 0
            add += add_doc
            if j in in_table:
                add += row_tbl
            if j in initial:
                add += row_init
            t = title_seen.get(lw, 0)
            u = upper_seen.get(lw, 0)
            if j in counted:
                if flags[j] & _UPPER2:
                    u -= 1
                else:
                    t -= 1
            if t > 0:
                add += row_t
            if u > 0:
                add += row_u
            scores[j] += add
        get = packed.get
        for j, name in self.gazetteer.find(lws, words, ends):
            scores[j] += get(name, 0)
            if j in in_table:
                scores[j] += get("t" + name, 0)
        if self.places is not None:
            for j, name in self.places.find(lws, words, ends):
                scores[j] += get(name, 0)
                if j in in_table:
                    scores[j] += get("t" + name, 0)
                if table_doc:
                    scores[j] += get("d" + name, 0)

        first = self.models[0]
        labels = first.decode(scores, starts, ends)
        if len(self.models) > 1:
            scores = self._add_stage2(scores, labels, starts, lws, flags, cap_tokens)
            labels = self.models[1].decode(scores, starts, ends)
        names = self.labels
        return [[names[y] for y in labels[k:end]] for k, end in zip(starts, ends)]

    def _scores(self, words, entries, lengths) -> list[int]:
        """Packed scores of the word-level features, bigrams, BOS and EOS."""
        own = [e[3] for e in entries]
        m1 = [e[4] for e in entries]
        p1 = [e[5] for e in entries]
        m2 = [e[6] for e in entries]
        p2 = [e[7] for e in entries]
        # the bigram of tokens j, j+1 lends b- and wb- to j+1, and b+ and wb+ to j
        zero = (0, 0)
        get = self._shape_bigrams.get
        shapes = [e[1] for e in entries]
        rows = [get(a + "|" + b, zero) for a, b in zip(shapes, shapes[1:])]
        get = self._word_bigrams.get
        lws = [e[0] for e in entries]
        word_rows = [get(a + "|" + b, zero) for a, b in zip(lws, lws[1:])]
        b_minus = [a[0] + b[0] for a, b in zip(rows, word_rows)]
        b_plus = [a[1] + b[1] for a, b in zip(rows, word_rows)]
        bos, eos = self._bos, self._eos
        scores: list[int] = []
        k = 0
        for n in lengths:
            end = k + n
            if n == 1:
                scores.append(own[k] + bos + eos)
            else:
                scores += [
                    a + b + c + d + f + g + h
                    for a, b, c, d, f, g, h in zip(
                        own[k:end],
                        [bos] + m1[k:end - 1],
                        p1[k + 1:end] + [eos],
                        [0, 0] + m2[k:end - 2],
                        p2[k + 2:end] + [0, 0],
                        [0] + b_minus[k:end - 1],
                        b_plus[k:end - 1] + [0],
                    )
                ]
            k = end
        return scores

    def _add_stage2(self, scores, labels, starts, lws, flags, cap_tokens) -> list[int]:
        """Second-stage features from first-stage labels (see stage2.stage2_features)."""
        packed = self.models[1].packed
        label_rows = self._label_rows
        names = self.labels
        outside = self.models[0].outside
        # the first stage's types of each capitalised word
        token_types: dict[str, Counter] = defaultdict(Counter)
        for j in cap_tokens:
            y = labels[j]
            token_types[lws[j]][names[y][2:] if y != outside else "O"] += 1
        tm_rows = {}
        for lw, counts in token_types.items():
            kind = max(counts, key=lambda x: (counts[x], x))
            tm_rows[lw] = packed.get("tm=" + kind, 0)
        tm_get = tm_rows.get
        low_bias = self._low_bias
        width = self._width
        # the second model's fields of the shared features, and the first stage's labels
        scores = [
            ((s + low_bias) >> width) + label_rows[y] + tm_get(lw, 0)
            for s, y, lw in zip(scores, labels, lws)
        ]
        if len(labels) > 1:
            before = [0] + [self._prev_rows[y] for y in labels[:-1]]
            after = [self._next_rows[y] for y in labels[1:]] + [0]
            for k in starts:  # no neighbours across sentences
                if k:
                    after[k - 1] = 0
                if k < len(before):
                    before[k] = 0
            scores = list(map(add, map(add, scores, before), after))
        # names (runs of one type) found by the first stage
        sentence_starts = set(starts)
        spans = []
        start = prev = -2
        kind = None
        for j in [j for j, y in enumerate(labels) if y != outside]:
            tag = names[labels[j]]
            if j == prev + 1 and tag[2:] == kind and tag[0] != "B" and j not in sentence_starts:
                prev = j
                continue
            if start >= 0:
                spans.append((start, prev + 1, kind))
            start = prev = j
            kind = tag[2:]
        if start >= 0:
            spans.append((start, prev + 1, kind))
        if not spans:
            return scores
        name_types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        super_types: dict[str, Counter] = defaultdict(Counter)
        count_names(spans, lws, name_types, super_types)
        if super_types:
            sm_rows = {lw: packed.get("sm=" + majority(c), 0) for lw, c in super_types.items()}
            for j, lw in enumerate(lws):
                if lw in sm_rows and not flags[j] & _LOWER:
                    scores[j] += sm_rows[lw]
        for s, t, kind in spans:
            name = majority(name_types[tuple(lws[s:t])])
            if name:
                row = packed.get("nm=" + name, 0)
                for j in range(s, t):
                    scores[j] += row
        return scores
