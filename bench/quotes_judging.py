"""A fixed sample of quotes judged by hand, and the scores of `find_quotes` against it.

Used by `bench/quotes.py --draw` (print the sample to judge, blind: no speaker shown) and
`bench/quotes.py --judged` (score the current code against `bench/quotes_judged.json`).

The sample is fixed by a method decided before looking at any quote (SEED, the frames):

- BBC: every quote span `scan` finds in every article of `bbc/` (files in sorted order),
  50 drawn with `random.Random(SEED).sample`.
- Web: every page of `web/trafilatura/eval/` (sorted), imported with reader's own
  `load_html`, kept when English (at least 25% of its words are in justext's English
  stoplist) and at least 150 words long; every quote span of those pages; 50 drawn the same
  way with a fresh `random.Random(SEED)`.

A judged entry names its file (relative to the data folder), the quote's start and end,
its first 60 characters, and the judge's verdict: `kind` (speech or term) and `speaker` (the
full name a reader finds in the article, or null when the article does not say who), with
`aliases` the article itself uses for that speaker ("FSA" for the Food Standards Agency).
Tuning never looks at the articles of the sample (`sample_files`).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.core.analysis.quotes import paragraphs, scan
from reader.core.ingest import IngestError, load_file, load_html
from reader.core.model import Article, Quote

DATA = Path("/work/shared/data")
BBC = DATA / "bbc"
WEB = DATA / "web" / "trafilatura" / "eval"
JUDGED = Path(__file__).resolve().parent / "quotes_judged.json"
SEED = 14
PER_SOURCE = 50
SHOWN = 60  # characters of a quote's text kept in the judged file
_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Candidate:
    file: str  # relative to DATA
    start: int
    end: int
    text: str


def english(text: str) -> bool:
    """At least a quarter of the words are English function words, and 150 words or more."""
    import justext

    stop = justext.get_stoplist("English")
    words = _WORDS.findall(text.lower())
    return len(words) >= 150 and sum(w in stop for w in words) >= 0.25 * len(words)


def load(rel: str) -> Article:
    """The article of a data file, read the way `reader add` reads it."""
    path = DATA / rel
    if path.suffix == ".html":
        return load_html(path.read_bytes(), path=path).article
    return load_file(path).article


def _spans(rel: str, text: str) -> list[Candidate]:
    found = scan(text, paragraphs(text))
    return [Candidate(rel, s.start, s.end, s.inside(text)[:SHOWN]) for s in found]


def bbc_frame() -> list[Candidate]:
    frame: list[Candidate] = []
    for path in sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT"):
        rel = str(path.relative_to(DATA))
        try:
            frame.extend(_spans(rel, load(rel).text))
        except IngestError:
            continue
    return frame


def web_frame() -> list[Candidate]:
    frame: list[Candidate] = []
    for path in sorted(WEB.glob("*.html")):
        rel = str(path.relative_to(DATA))
        try:
            text = load(rel).text
        except IngestError:
            continue
        if english(text):
            frame.extend(_spans(rel, text))
    return frame


def draw() -> list[Candidate]:
    """The 100 quotes of the sample, BBC first, by the method in the module docstring."""
    bbc = random.Random(SEED).sample(bbc_frame(), PER_SOURCE)
    web = random.Random(SEED).sample(web_frame(), PER_SOURCE)
    return bbc + web


def judged() -> list[dict]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))["quotes"]


def sample_files() -> set[str]:
    """The articles of the judged sample: never used for tuning."""
    return {entry["file"] for entry in judged()} if JUDGED.exists() else set()


# -- scoring -----------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain)


def same_speaker(found: str, entry: dict) -> bool:
    """Whether the speaker found names the judged one: the name, an alias the article uses,
    or a part of the full name with at most words of title before it: "Blair", "Prof
    Etzioni" and "Songwriter Guy Chambers" pass for "Tony Blair", "Amitai Etzioni" and "Guy
    Chambers" (the form of the name is the entities' business; `exact` counts the exact ones)."""
    got = _words(found)
    for name in [entry["speaker"], *entry.get("aliases", [])]:
        want = set(_words(name))
        inside = [w in want for w in got]
        if got and inside[-1] and _words(name)[-1] == got[-1] and all(inside[inside.index(True):]):
            return True
    return False


def exact_speaker(found: str, entry: dict) -> bool:
    return found.casefold() == entry["speaker"].casefold()


def score(found: dict[tuple[str, int], Quote]) -> dict[str, object]:
    """Counts and ratios of the quotes found (keyed by file and start) against the judgments."""
    entries = judged()
    speech = [e for e in entries if e["kind"] == "speech"]
    findable = [e for e in speech if e["speaker"]]
    right = exact = wrong = 0
    misses: list[str] = []
    errors: list[str] = []
    kind_right = 0
    kinds: list[str] = []
    said_term = term_right = 0
    for e in entries:
        q = found.get((e["file"], e["start"]))
        kind = getattr(q, "kind", "speech") if q is not None else "missing"
        kind_right += kind == e["kind"]
        said_term += kind == "term"
        term_right += kind == "term" == e["kind"]
        if kind != e["kind"]:
            kinds.append(f"{e['file']}@{e['start']} “{e['text'][:40]}”: {kind}, judged {e['kind']}")
        speaker = q.speaker if q is not None and kind == "speech" else None
        label = f"{e['file']}@{e['start']} “{e['text'][:40]}”"
        if speaker is None:
            if e["kind"] == "speech" and e["speaker"]:
                misses.append(f"{label}: unknown, judged {e['speaker']}")
            continue
        if e["kind"] == "speech" and e["speaker"] and same_speaker(speaker, e):
            right += 1
            exact += exact_speaker(speaker, e)
        else:
            wrong += 1
            errors.append(f"{label}: {speaker}, judged {e['speaker'] or 'nobody'} ({e['kind']})")
    terms = [e for e in entries if e["kind"] == "term"]
    return {
        "quotes": len(entries),
        "speech": len(speech),
        "terms": len(terms),
        "findable": len(findable),
        "right": right,
        "exact": exact,
        "wrong": wrong,
        "recall": right / max(1, len(findable)),
        "precision": right / max(1, right + wrong),
        "kind_accuracy": kind_right / max(1, len(entries)),
        "term_precision": term_right / max(1, said_term),
        "term_recall": term_right / max(1, len(terms)),
        "kinds": kinds,
        "misses": misses,
        "errors": errors,
    }
