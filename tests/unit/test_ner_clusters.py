"""The word-cluster file: corpus clusters, then the embedding clusters after '#embedding'."""

from __future__ import annotations

import gzip
from pathlib import Path

from reader.core.analysis.ner.clusters import load_clusters
from reader.core.analysis.ner.features import word_features


def _write(path: Path, text: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(text)
    return path


def test_both_maps_are_read_apart(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt.gz", "Nintendo 3 17 90\nsaid 1 2 3\n#embedding\nnintendo 5 40 300\n")
    corpus, embedding = load_clusters(path)
    assert corpus == {"Nintendo": ("3", "17", "90"), "said": ("1", "2", "3")}
    assert embedding == {"nintendo": ("5", "40", "300")}


def test_a_missing_file_gives_empty_maps(tmp_path: Path) -> None:
    assert load_clusters(tmp_path / "none.txt.gz") == ({}, {})


def test_embedding_clusters_are_looked_up_lower_cased_and_lent_to_neighbours() -> None:
    clusters = ({}, {"sega": ("5", "40", "300")})
    own, m1, p1, *_ = word_features("Sega", clusters)
    assert {"e0=5", "e1=40", "e2=300", "Te=300"} <= set(own)
    assert {"-1e=5", "-1e1=40"} <= set(m1) and {"+1e=5", "+1e1=40"} <= set(p1)
    own, *_ = word_features("sega", clusters)
    assert "e2=300" in own and "Te=300" not in own  # the capitalised word is told apart
    own, *_ = word_features("Atari", clusters)
    assert not any(f.startswith(("e0=", "Te=")) for f in own)
