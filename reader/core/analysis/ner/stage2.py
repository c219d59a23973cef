"""The entity CRF's second-stage features: what the first stage's labels say about a token.

The second stage sees the first stage's labels of a token and its neighbours (which mend
the ends of long names) and how the same word and the same names were labelled elsewhere
in the document. A job of its own, apart from features.py's features of the words:
training (train.py) computes these as strings, and the fast decoder (fast.py) counts the
names with the same `count_names`, so that the two agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from reader.core.analysis.ner.features import majority, normalize


def stage2_features(
    sentences: list[list[str]], labels: list[list[str]]
) -> list[list[list[str]]]:
    """Extra features from first-stage labels over the whole document.

    For each token: its first-stage label and its neighbours' (which mend the ends of
    long names), the majority type of the same word elsewhere
    in the document, the majority type of the same name (token sequence) in the document,
    and the majority type of longer names that contain the word ("Rubio" in "Marco Rubio").
    """
    token_types: dict[str, Counter] = defaultdict(Counter)
    name_types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    super_types: dict[str, Counter] = defaultdict(Counter)
    spans_per_sentence = []
    lowered = [[normalize(w).lower() for w in words] for words in sentences]
    for words, lws, tags in zip(sentences, lowered, labels):
        spans = []
        start = None
        for i, tag in enumerate(tags + ["O"]):
            if start is not None and (tag == "O" or tag[0] == "B" or tag[2:] != tags[start][2:]):
                spans.append((start, i, tags[start][2:]))
                start = None
            if tag != "O" and start is None:
                start = i
        spans_per_sentence.append(spans)
        for i, (w, lw) in enumerate(zip(words, lws)):
            if not w.islower() and w[:1].isalpha():
                token_types[lw][tags[i][2:] or "O"] += 1
        count_names(spans, lws, name_types, super_types)
    out = []
    for words, lws, tags, spans in zip(sentences, lowered, labels, spans_per_sentence):
        feats: list[list[str]] = [["s1=" + tag] for tag in tags]
        for i in range(1, len(tags)):
            feats[i].append("s1-=" + tags[i - 1])
            feats[i - 1].append("s1+=" + tags[i])
        for i, (w, lw) in enumerate(zip(words, lws)):
            counts = token_types.get(lw)
            if counts:
                kind = max(counts, key=lambda k: (counts[k], k))
                feats[i].append("tm=" + kind)
            counts = super_types.get(lw)
            if counts and not w.islower():
                feats[i].append("sm=" + majority(counts))
        for s, e, kind in spans:
            name = majority(name_types[tuple(lws[s:e])])
            if name is not None:
                for i in range(s, e):
                    feats[i].append("nm=" + name)
        out.append(feats)
    return out


def count_names(
    spans: list[tuple[int, int, str]],
    lws: list[str],
    name_types: dict[tuple[str, ...], Counter],
    super_types: dict[str, Counter],
) -> None:
    """Stage two's document evidence: the types each name took, and each word of a longer name.

    Training (string features) and the fast decoder both count with this, so they agree.
    """
    for s, e, kind in spans:
        key = tuple(lws[s:e])
        name_types[key][kind] += 1
        if e - s > 1:
            for lw in key:
                super_types[lw][kind] += 1
