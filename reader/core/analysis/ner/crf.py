"""One crfsuite CRF read into packed integer scores, and its exact Viterbi decoding.

Score vectors are packed into one Python integer each: one fixed-point field per label,
holding the label's score minus the score of O (a CRF's best path does not change when
a token's scores all move by the same amount). Adding vectors is then one integer
addition, and one mask tells whether O is certainly the token's label whatever its
neighbours are (its margin over every label beats the most the transitions could give
that label). Most tokens are; the Viterbi search only runs, in floats, over the short
stretches of the other tokens between them, and gives the same path as a full search.
"""

from __future__ import annotations

import os
import re
import struct
import tempfile
from bisect import bisect_right
from operator import add

BITS = 32  # bits per label field: struct unpacks them as int32
_SCALE = float(1 << 20)  # fixed point: scores in units of 2**-20, up to +-2048
_HALF = 1 << (BITS - 1)
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


class PackedCRF:
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
        self.fields = (1 << (BITS * len(self.others))) - 1
        self._bytes = BITS // 8 * len(self.others)
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
        self.high = sum(_HALF << (BITS * k) for k in range(len(self.others)))
        self.dominated_bias = sum(
            (_HALF + round(gain[x] * _SCALE) + 1) << (BITS * k) for k, x in enumerate(self.others)
        )
        # Token t is certainly O, whatever its neighbours, when its margin over every
        # label y beats the most y could gain from transitions on both sides.
        gain_in = [max(self.trans[x][y] - self.trans[x][outside] for x in range(n)) for y in range(n)]
        self.certain_bias = sum(
            (_HALF + round((gain_in[y] + gain[y]) * _SCALE) + 1) << (BITS * k)
            for k, y in enumerate(self.others)
        )
        self.into_outside = [self.trans[x][outside] for x in range(n)]
        self.negative_bias = sum((_HALF + 1) << (BITS * k) for k in range(len(self.others)))
        # scores of the next token after O, relative to O -> O
        self.after_outside = self.pack([self.trans[outside][y] for y in range(n)])

    def pack(self, vector: list[float]) -> int:
        base = vector[self.outside]
        return sum(
            round((vector[y] - base) * _SCALE) << (BITS * k) for k, y in enumerate(self.others)
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
