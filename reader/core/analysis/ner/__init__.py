"""Offline named-entity tagger for English news: PER, LOC, ORG, MISC.

Two stacked linear-chain CRFs (python-crfsuite) trained on CoNLL-2003 eng.train by
`python -m reader.core.analysis.ner.train`; the models and a small resource file
(gazetteer and word classes built from the same data, and place names from GeoNames)
ship in this package. The first CRF sees word, shape, affix, context, word-bigram,
capitalisation-in-document, gazetteer and results-table (tables.py) features; the
second also sees the first one's labels of the token, its neighbours, and the same
words and names elsewhere in the document, which makes the tags of one name consistent
across an article. Labels are IO (I-PER, I-LOC, ..., O), which decode twice as fast as IOB and
score the same; `tag_document` returns IOB2.

The models are decoded by `fast.FastTagger` (pure Python, the same tags as crfsuite's
own tagger, several times faster). Tokens only: no part-of-speech tags are needed.

    tagger = Tagger.default()
    tagger.entities("Secretary of State Marco Rubio said in Kyiv ...")
    # [(19, 30, 'PER'), (39, 43, 'LOC'), ...]
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path
from typing import NamedTuple

from reader.core.analysis.ner.clusters import Clusters, load_clusters
from reader.core.analysis.ner.fast import FastTagger
from reader.core.analysis.ner.features import Gazetteer
from reader.core.analysis.tokenize import Parsed, parse

MODEL_DIR = Path(__file__).resolve().parent
STAGE1 = "stage1.crfsuite"
STAGE2 = "stage2.crfsuite"
RESOURCES = "resources.json.gz"
CLUSTERS = "clusters.txt.gz"

__all__ = ["Tagger", "spans_from_tags", "to_iob2"]


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 (or IOB1) tags -> (first token, end token, type) spans."""
    found = []
    start = None
    kind = None
    for i, tag in enumerate(tags):
        new_kind = None if tag == "O" else tag[2:]
        begins = tag[0] == "B" or (new_kind is not None and new_kind != kind)
        if start is not None and (tag == "O" or begins):
            found.append((start, i, kind))
            start = kind = None
        if new_kind is not None and start is None:
            start, kind = i, new_kind
    if start is not None:
        found.append((start, len(tags), kind))
    return found


def to_iob2(tags: list[str]) -> list[str]:
    """IO or IOB1 tags -> IOB2: every entity starts with B-."""
    out = []
    prev = "O"
    for tag in tags:
        if tag != "O" and tag[0] == "I" and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B" + tag[1:]
        out.append(tag)
        prev = tag
    return out


class Lexicon(NamedTuple):
    """What train.py derives from the training data (and place names), beside the models."""

    gazetteer: Gazetteer  # names in eng.train -> their majority type
    profiles: dict[str, str]  # word -> class from its capitalisation and frequency
    unigrams: dict[str, tuple[str, ...]]  # word -> types of the names it is part of
    places: Gazetteer | None  # GeoNames: countries CTRY, cities LOC, towns TOWN; companies CO
    names: dict[str, str]  # lower-cased word -> "fn" (a given name) and/or "lnN" (surname rank)
    clusters: Clusters  # word -> cluster numbers in text, in embeddings (clusters.py)


def load_resources(path: Path) -> Lexicon:
    """The lexicon written by train.py, with the word clusters beside it."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    gazetteer = Gazetteer({tuple(name.split(" ")): kind for name, kind in data["gazetteer"].items()})
    profiles = {word: label for label, words in data["profiles"].items() for word in words}
    unigrams = {word: tuple(kinds.split()) for word, kinds in data.get("unigrams", {}).items()}
    places = None
    if data.get("places"):
        kinds = {tuple(name.split(" ")): "TOWN" for name in data.get("towns", ())}
        kinds.update({tuple(name.split(" ")): "CO" for name in data.get("orgs", ())})
        kinds.update({tuple(name.split(" ")): "LOC" for name in data["places"]})
        kinds.update({tuple(name.split(" ")): "CTRY" for name in data.get("countries", ())})
        places = Gazetteer(kinds, "geo=")
    names = data.get("names", {})
    return Lexicon(gazetteer, profiles, unigrams, places, names, load_clusters(path.parent / CLUSTERS))


class Tagger:
    """The shipped entity tagger. Load once and keep the instance: building it from the
    models takes a few tenths of a second, so the built one is kept between runs."""

    def __init__(self, model_dir: str | Path = MODEL_DIR, cache: Path | None = None):
        """`cache`: the folder of the built tagger kept between runs (`compiled.py`;
        default: the user's cache folder)."""
        from reader.core.analysis.ner.compiled import load_or_build

        model_dir = Path(model_dir)
        paths = [model_dir / STAGE1]
        if (model_dir / STAGE2).exists():
            paths.append(model_dir / STAGE2)

        def build() -> FastTagger:
            return FastTagger([str(p) for p in paths], load_resources(model_dir / RESOURCES))

        sources = [*paths, model_dir / RESOURCES]
        if (model_dir / CLUSTERS).exists():
            sources.append(model_dir / CLUSTERS)
        self._crf = load_or_build(sources, build, cache)

    @staticmethod
    def default() -> Tagger:
        """The tagger with the shipped model, built on first use and then shared."""
        return _default_tagger()

    def known_type(self, word: str) -> str | None:
        """The type the training data gives a lower-cased one-word name ("british": MISC)."""
        return self._crf.gazetteer.entries.get((word,))

    def person_name(self, word: str) -> str:
        """What the shipped name lists (US census) say a lower-cased word is: "fn" a given
        name, "lnN" a surname of frequency class N, both ("may": "fn ln1"), or ""."""
        return self._crf.names.get(word, "")

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags (B-PER, I-PER, O, ...) for each token; the document is the context."""
        return [to_iob2(tags) for tags in self._crf.tag_document(sentences)]

    def entities(self, text: str, parsed: Parsed | None = None) -> list[tuple[int, int, str]]:
        """(start, end, type) character spans of the names in raw text (`parsed`: its
        tokens and sentences, when the caller has them already)."""
        sents = (parsed or parse(text)).sentences
        tags = self._crf.tag_document([[t[0] for t in s] for s in sents])
        found = []
        for sent, sent_tags in zip(sents, tags):
            if any(t != "O" for t in sent_tags):
                for first, end, kind in spans_from_tags(sent_tags):
                    found.append((sent[first].start, sent[end - 1].end, kind))
        return found


@functools.cache
def _default_tagger() -> Tagger:
    return Tagger()
