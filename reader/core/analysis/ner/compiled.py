"""The decoding tagger, kept between runs: `reader add FILE` is one process per file.

Building `FastTagger` from the shipped crfsuite models (a text dump of each, parsed and
packed into integers) takes a few tenths of a second, longer than reading and analysing
a page; loading what it built takes a few hundredths. So the built tagger is kept in the
user's cache folder, as plain data in a `cachefile` (marshal: no code runs on load,
behind a magic, a version and a checksum), under a key made of the model files' contents
and FORMAT: a new model, or a new packing, rebuilds it. A cache that is missing, damaged,
stale or cannot be written costs one build, never an error.

The tagger is a few hundred thousand objects that live as long as the process. They are
made with the cyclic collector paused, and then frozen out of its sight (gc.freeze, as the
app does with its entity ledger): otherwise each of the full collections their making
triggers walks all of them again (three, ~45 ms, in one `reader add`), and every later one
walks them once more. What else is alive at that moment is frozen with them: freed by
reference counting as usual, only a reference cycle among it would stay until exit.
"""

from __future__ import annotations

import gc
import hashlib
import sys
from pathlib import Path
from typing import Any, Callable

from reader.core.analysis.ner.crf import PackedCRF
from reader.core.analysis.ner.fast import FastTagger
from reader.core.analysis.ner.features import Gazetteer

MAGIC = b"RDTAGGER"
FORMAT = 4  # bump when FastTagger, PackedCRF or Gazetteer change what they hold
FILE_NAME = "tagger.cache"
# The rows of a model's own weights that FastTagger reads after its constructor: the
# second stage's labels of the same word, the same name, and words of names (_add_stage2).
ROWS_READ_AFTER_BUILD = ("tm=", "sm=", "nm=")
_DERIVED = ("labels", "_width", "_low_bias", "_packed", "_shape_bigrams", "_word_bigrams", "_bos", "_eos",
            "_label_rows", "_prev_rows", "_next_rows", "profiles", "unigrams", "clusters", "names")


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("reader")


def model_key(files: list[Path]) -> str:
    """What the tagger is built from (each file's path, size and time, as Python keys its
    bytecode cache), and the Python whose marshal wrote it."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load_or_build(files: list[Path], build: Callable[[], FastTagger], folder: Path | None = None) -> FastTagger:
    """The tagger built from `files`: from the cache when it holds this build, else `build()`
    (and kept for next time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_or_build(files, build, folder)
    finally:
        gc.freeze()  # the tagger holds no reference cycles: freed by reference counting
        if collecting:
            gc.enable()


def _load_or_build(files: list[Path], build: Callable[[], FastTagger], folder: Path | None) -> FastTagger:
    from reader.core.store.cachefile import read_cache, write_cache

    path = (folder or cache_dir()) / FILE_NAME
    key = model_key(files)
    cached = read_cache(path, MAGIC, FORMAT)
    if isinstance(cached, dict) and cached.get("key") == key:
        try:
            return from_state(cached["state"])
        except (KeyError, TypeError, ValueError):
            pass  # another shape than this code writes: build it again
    tagger = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return tagger
    write_cache(path, MAGIC, FORMAT, {"key": key, "state": state(tagger)})
    return tagger


def state(tagger: FastTagger) -> dict[str, Any]:
    """Everything decoding needs, as plain data."""
    places = tagger.places
    return {
        **{name: getattr(tagger, name) for name in _DERIVED if hasattr(tagger, name)},
        "models": [_model_state(m) for m in tagger.models],
        "gazetteer": vars(tagger.gazetteer),
        "places": vars(places) if places is not None else None,
    }


def from_state(data: dict[str, Any]) -> FastTagger:
    """The tagger `state` was taken from, without reading the crfsuite models."""
    tagger = FastTagger.__new__(FastTagger)
    for name in _DERIVED:
        if name in data:
            setattr(tagger, name, data[name])
    tagger.models = [_model(m) for m in data["models"]]
    tagger.gazetteer = _gazetteer(data["gazetteer"])
    tagger.places = _gazetteer(data["places"]) if data["places"] is not None else None
    tagger._types = {}
    return tagger


def _gazetteer(data: dict[str, Any]) -> Gazetteer:
    """As it was, first-word index and all (building that index again takes longer than
    reading it)."""
    gazetteer = Gazetteer.__new__(Gazetteer)
    vars(gazetteer).update(data)
    return gazetteer


def _model_state(model: PackedCRF) -> dict[str, Any]:
    """A model's data; of its own table of weights, only the rows decoding reads (the
    tagger holds all the others, both models' together)."""
    data = {k: v for k, v in vars(model).items() if k not in ("_struct", "packed")}
    data["packed"] = {k: v for k, v in model.packed.items() if k.startswith(ROWS_READ_AFTER_BUILD)}
    return data


def _model(data: dict[str, Any]) -> PackedCRF:
    import struct

    model = PackedCRF.__new__(PackedCRF)
    vars(model).update(data)
    model._struct = struct.Struct(f"<{len(model.others)}i")  # not data: made again
    return model
