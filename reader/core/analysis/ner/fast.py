"""Fast decoding of the shipped CRFs in pure Python, equivalent to crfsuite's tagger.

crfsuite's tagger takes feature *strings* for every token, and building and looking up
those strings costs more than all the rest of the analysis. A linear-chain CRF only
needs, for every token, the sum of its features' weights for each label, and most
features depend on the word alone. So each distinct word is scored once: its own
features and the features it lends to its neighbours (at -1, +1, -2, +2) become five
score vectors, cached. A token's scores are then a sum of five cached vectors and a few
features computed per document (sentence position, headline capitals, shape bigrams,
capitalisation evidence, gazetteer matches, second-stage labels).

Score vectors are packed into one Python integer each: one fixed-point field per label,
holding the label's score minus the score of O (a CRF's best path does not change when
a token's scores all move by the same amount). Adding vectors is then one integer
addition, and one mask tells whether O is certainly the token's label whatever its
neighbours are (its margin over every label beats the most the transitions could give
that label). Most tokens are; the Viterbi search only runs, in floats, over the short
stretches of the other tokens between them, and gives the same path as a full search.

`Featurizer` (features.py) makes the same features as strings for training;
tests/unit/test_ner.py checks that both paths give the same tags.
"""

from __future__ import annotations

import os
import re
import struct
import tempfile
from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from operator import add

from reader.core.analysis.ner.features import (
    _OPENERS,
    MAX_CACHE,
    count_names,
    majority,
    normalize,
    word_features,
)
from reader.core.analysis.ner.tables import is_number, table_tokens

_LOWER, _UPPER, _UPPER2, _FIRST_UPPER, _CAP_CANDIDATE, _HAS_ALPHA, _OPENER, _NUMBER = (
    1, 2, 4, 8, 16, 32, 64, 128)

_BITS = 32  # bits per label field: struct unpacks them as int32
_SCALE = float(1 << 20)  # fixed point: scores in units of 2**-20, up to +-2048
_HALF = 1 << (_BITS - 1)
_UNIT = 1.0 / _SCALE


_FEATURE_RE = re.compile(r"^  \(\d+\) (.+) --> (.+): ([+-]?\d+\.\d+)$", re.MULTILINE)


def read_model(path: str) -> tuple[list[str], dict, dict]:
    """Labels, transition weights and state-feature weights of a crfsuite model file."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    try:
        labels = list(tagger.labels())
        with tempfile.TemporaryDirectory() as tmp:
            dump = os.path.join(tmp, "model.txt")
            tagger.dump(dump)
            with open(dump, encoding="utf-8") as fh:
                text = fh.read()
    finally:
        tagger.close()
    # sections: ... TRANSITIONS = { ... } STATE_FEATURES = { ... }
    trans_at = text.index("\nTRANSITIONS = {")
    state_at = text.index("\nSTATE_FEATURES = {")
    transitions = {(a, b): float(w) for a, b, w in _FEATURE_RE.findall(text, trans_at, state_at)}
    state = {(a, b): float(w) for a, b, w in _FEATURE_RE.findall(text, state_at)}
    return labels, transitions, state


class _Model:
    """One CRF: transitions, and feature weights packed into integers."""

    def __init__(self, path: str, labels: list[str]):
        model_labels, trans, state = read_model(path)
        if set(model_labels) != set(labels):
            raise ValueError(f"{path}: unexpected labels {model_labels}")
        index = {t: i for i, t in enumerate(labels)}
        n = len(labels)
        self.trans = [[0.0] * n for _ in range(n)]
        for (a, b), w in trans.items():
            self.trans[index[a]][index[b]] = w
        # columns: trans_to[y][x] = weight of x -> y
        self.trans_to = [[self.trans[x][y] for x in range(n)] for y in range(n)]
        # Packed fields hold scores up to +-2048: a token's score differences are sums of
        # a few dozen weights, far below that while no weight is large.
        if max(map(abs, state.values()), default=0) > 16:
            raise ValueError(f"{path}: weights too large for the packed scores")
        weights: dict[str, list[float]] = {}
        for (attr, label), w in state.items():
            weights.setdefault(attr, [0.0] * n)[index[label]] = w
        outside = index["O"]
        if outside != n - 1:
            raise ValueError("O must be the last label")
        self.outside = outside
        self.others = list(range(n - 1))
        self.fields = (1 << (_BITS * len(self.others))) - 1
        self._bytes = _BITS // 8 * len(self.others)
        self._struct = struct.Struct(f"<{len(self.others)}i")
        self.packed = {attr: self.pack(v) for attr, v in weights.items()}
        # Token t is "O-dominated" when, for every label y of the next token, the best
        # label before it is O: delta_t(O) + T[O][y] >= delta_t(x) + T[x][y] for all x,
        # i.e. delta_t(x) - delta_t(O) + G[x] <= 0 with G[x] = max_y T[x][y] - T[O][y].
        # Then the best path goes through O at t whatever follows, and the search
        # restarts at t + 1. Checked on packed scores with one addition and one mask:
        # add HALF + G[x] to each field; no field may then reach its top bit.
        gain = [max(self.trans[x][y] - self.trans[outside][y] for y in range(n)) for x in range(n)]
        self.gain_except_outside = gain[:outside] + [-1e300] + gain[outside + 1:]
        self.high = sum(_HALF << (_BITS * k) for k in range(len(self.others)))
        self.dominated_bias = sum(
            (_HALF + round(gain[x] * _SCALE) + 1) << (_BITS * k) for k, x in enumerate(self.others)
        )
        # Token t is certainly O, whatever its neighbours, when its margin over every
        # label y beats the most y could gain from transitions on both sides.
        gain_in = [max(self.trans[x][y] - self.trans[x][outside] for x in range(n)) for y in range(n)]
        self.certain_bias = sum(
            (_HALF + round((gain_in[y] + gain[y]) * _SCALE) + 1) << (_BITS * k)
            for k, y in enumerate(self.others)
        )
        self.into_outside = [self.trans[x][outside] for x in range(n)]
        self.negative_bias = sum((_HALF + 1) << (_BITS * k) for k in range(len(self.others)))
        # scores of the next token after O, relative to O -> O
        self.after_outside = self.pack([self.trans[outside][y] for y in range(n)])

    def pack(self, vector: list[float]) -> int:
        base = vector[self.outside]
        return sum(
            round((vector[y] - base) * _SCALE) << (_BITS * k) for k, y in enumerate(self.others)
        )

    def unpack(self, packed: int) -> list[float]:
        """Scores of all labels (O's at 0) from a packed integer (whose fields above this
        model's, if any, are ignored)."""
        # + HALF then XOR HALF per field: each field becomes its value in two's complement
        q = ((packed + self.high) & self.fields) ^ self.high
        return [x * _UNIT for x in self._struct.unpack(q.to_bytes(self._bytes, "little"))] + [0.0]

    def decode(self, scores: list[int], starts: list[int], ends: list[int]) -> list[int]:
        """Best label index of every token; scores are packed, sentences consecutive
        (sentence i is tokens starts[i]..ends[i]-1)."""
        outside = self.outside
        labels = [outside] * len(scores)
        high = self.high
        # scores relative to O, assuming O before each token (unless it starts a sentence)
        after_outside = self.after_outside
        deltas = [s + after_outside for s in scores]
        for k in starts:
            if k < len(deltas):  # (an empty last sentence starts past the end)
                deltas[k] = scores[k]
        dominated_bias = self.dominated_bias
        unsure = [j for j, d in enumerate(deltas) if (d + dominated_bias) & high]
        if not unsure:
            return labels
        negative_bias = self.negative_bias
        resume = 0
        for j in unsure:
            if j < resume:
                continue
            i = bisect_right(ends, j)
            k, end = starts[i], ends[i]
            if j == end - 1:  # last token: O unless some label beats it
                if (deltas[j] + negative_bias) & high:
                    final = self.unpack(deltas[j])
                    labels[j] = final.index(max(final))
                continue
            resume = k + self._search(scores, labels, k, end - k, j - k, deltas[j]) + 1
        return labels

    def _search(self, scores, labels, k, n, t, packed) -> int:
        """Viterbi in floats from token t of the sentence at k (n tokens) until a token is
        O-dominated or the sentence ends; fills in the labels and returns the last token
        labelled."""
        trans_to = self.trans_to
        unpack = self.unpack
        outside = self.outside
        gain = self.gain_except_outside
        delta = unpack(packed)
        deltas = [delta]
        u = t
        last = None
        certain_bias = self.certain_bias
        high = self.high
        while True:
            u += 1
            if u == n:
                y = delta.index(max(delta))
                u = n - 1
                break
            if not (scores[k + u] + certain_bias) & high:  # O here whatever comes before
                vals = list(map(add, delta, self.into_outside))
                y = vals.index(max(vals))
                labels[k + u] = outside
                last = u
                u -= 1
                break
            delta = [max(map(add, delta, col)) + ey for col, ey in zip(trans_to, unpack(scores[k + u]))]
            deltas.append(delta)
            if u < n - 1:
                if max(map(add, delta, gain)) < delta[outside]:
                    y = outside
                    break
        labels[k + u] = y
        for v in range(u, t, -1):  # back-pointers of the best path only
            vals = list(map(add, deltas[v - t - 1], trans_to[y]))
            y = vals.index(max(vals))
            labels[k + v - 1] = y
        return u if last is None else last


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
        self.models = [_Model(p, self.labels) for p in model_paths]
        self.gazetteer = lexicon.gazetteer
        self.profiles = lexicon.profiles
        self.unigrams = lexicon.unigrams
        self.places = lexicon.places
        self.clusters = lexicon.clusters
        self.names = lexicon.names
        self._width = _BITS * len(self.models[0].others)
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
            # the first stage's labels of the neighbours (features.stage2_features)
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
        if word in _OPENERS:
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
        """Second-stage features from first-stage labels (see features.stage2_features)."""
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
