"""The built tagger kept between runs (reader.core.analysis.ner.compiled): it tags exactly
as the one built from the crfsuite models, and a cache that is missing, damaged, stale or
cannot be written costs a build, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.analysis.ner import MODEL_DIR, RESOURCES, STAGE1, STAGE2, Tagger, load_resources
from reader.core.analysis.ner.compiled import FILE_NAME, load_or_build
from reader.core.analysis.ner.fast import FastTagger

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FILES = [MODEL_DIR / STAGE1, MODEL_DIR / STAGE2, MODEL_DIR / RESOURCES]
TEXTS = [
    "Secretary of State Marco Rubio said in Kyiv on Tuesday that the United Nations would meet.",
    "“We will not give up,” said Volodymyr Zelenskyy. EU leaders met in Brussels with NATO's Mark Rutte.",
    "MANCHESTER UNITED BEAT ARSENAL\n\nSir Alex Ferguson praised Ryan Giggs after the 2-1 win at Old Trafford.",
    *[path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))],
]


def build() -> FastTagger:
    return FastTagger([str(MODEL_DIR / STAGE1), str(MODEL_DIR / STAGE2)], load_resources(MODEL_DIR / RESOURCES))


@pytest.fixture(scope="module")
def built() -> Tagger:
    return _tagger(build())


def _tagger(crf: FastTagger) -> Tagger:
    tagger = Tagger.__new__(Tagger)
    tagger._crf = crf
    return tagger


def counting(calls: list[int]):
    def counted() -> FastTagger:
        calls.append(1)
        return build()
    return counted


def test_the_kept_tagger_tags_exactly_as_the_built_one(tmp_path: Path, built: Tagger) -> None:
    calls: list[int] = []
    load_or_build(FILES, counting(calls), tmp_path)  # builds, and keeps it
    kept = _tagger(load_or_build(FILES, counting(calls), tmp_path))
    assert calls == [1] and (tmp_path / FILE_NAME).exists()
    for text in TEXTS:
        assert kept.entities(text) == built.entities(text)
        assert kept.entities(text)  # every text has names: a tagger that finds none is wrong


def test_a_damaged_cache_is_built_again(tmp_path: Path) -> None:
    calls: list[int] = []
    load_or_build(FILES, counting(calls), tmp_path)
    path = tmp_path / FILE_NAME
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    load_or_build(FILES, counting(calls), tmp_path)
    load_or_build(FILES, counting(calls), tmp_path)
    assert calls == [1, 1]  # built again once, kept again


def test_another_model_is_built_not_taken_from_the_cache(tmp_path: Path) -> None:
    calls: list[int] = []
    load_or_build(FILES, counting(calls), tmp_path)
    other = tmp_path / "stage1.crfsuite"
    other.write_bytes((MODEL_DIR / STAGE1).read_bytes())
    load_or_build([other, *FILES[1:]], counting(calls), tmp_path)
    assert calls == [1, 1]


def test_a_cache_that_cannot_be_written_costs_a_build_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    calls: list[int] = []
    tagger = _tagger(load_or_build(FILES, counting(calls), blocker / "cache"))
    assert calls == [1] and tagger.entities(TEXTS[0])
