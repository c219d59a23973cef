"""Quotes and their speakers on the BBC corpus: a sample to judge by hand, and the speed.

Run it from the repository root:

    .venv/bin/python bench/quotes.py 50              # 50 random quotes, seed 1
    .venv/bin/python bench/quotes.py 50 --seed 7
    .venv/bin/python bench/quotes.py 20 --data /work/shared/data/bbc/politics
    .venv/bin/python bench/quotes.py 50 --fallback    # the stand-in for the entity engine
    .venv/bin/python bench/quotes.py --judged         # scores against bench/quotes_judged.json
    .venv/bin/python bench/quotes.py --draw           # the judged sample's quotes, blind, to judge

`--judged` runs reader's whole analysis (`analyze`, as `reader add` stores it) on the
articles of the hand-judged sample (100 quotes, drawn as bench/quotes_judging.py says) and
prints speaker recall (speech quotes whose speaker the article names, given that speaker),
precision (quotes given a speaker, given the right one) and the accuracy of `kind` (speech
or term), then every miss and error. The random sample above (`N`) never draws from the
judged articles: tune on those, measure on the judged ones.

Each sampled quote is printed with its speaker (or "unknown"), full/partial, and the sentence
before, the sentence(s) holding it and the sentence after, the quote between ⟦ ⟧ and
paragraph breaks shown as ¶. Then a summary: quotes per article, the share with a speaker,
and the CPU time `find_quotes` takes per article (and its speed in tokens per second; CPU
time, so other processes on the machine do not skew it), against the time finding the
marks alone takes in the same run (the attribution's cost as a ratio).

The PER and ORG mentions come from `reader.core.analysis.entities.find_entities` when that
works (the real entity engine). When it does not (not built yet, or failing), a crude stand-in in this file
is used instead and the header says so: runs of two or more capitalised words that contain no
organisation or place word, titles stripped, plus "Mr/Ms X" and bare surnames linked to the
earliest full name with that surname.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import quotes_judging  # noqa: E402
from reader.core.analysis.quotes import find_quotes, paragraphs, scan  # noqa: E402
from reader.core.ingest import IngestError, load_file  # noqa: E402
from reader.core.model import Entity, Quote  # noqa: E402

BBC = Path("/work/shared/data/bbc")

# -- the stand-in for the entity engine --------------------------------------------------

_CAP = r"(?:[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['’][A-Z]?[a-z]+)?(?:-[A-Z][a-z]+)?|[A-Z]\.)(?!\w)(?!['’]\w)"
_RUN = re.compile(rf"\b{_CAP}(?:\s+(?:(?:de|den|del|du|dos|van|von|der|da|di|le|la|bin|al)\s+)?{_CAP})+")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame)\.?\s+([A-Z][\w'’-]+)")
_SINGLE = re.compile(r"\b[A-Z][a-z]+(?:['’][A-Z][a-z]+)?\b")
_LEADING = frozenset(
    """The A An In On At For But And Or So If As By From To Of With After Before When While
    This That These Those It Its His Her Their Our We They He She Mr Mrs Ms Miss Dr Sir Lord
    Lady Dame President Prime Minister Secretary Chancellor Chief Executive Director Chairman
    Chairwoman Shadow Foreign Home Deputy Vice Senator Governor Mayor General Judge Justice
    Former Coach Manager Captain Boss Leader Labour Tory Tories Conservative Liberal Democrat
    Democrats Republican Liberals Arsenal Chelsea Liverpool England Scotland Wales Ireland
    British English Scottish Welsh Irish American French German Italian Spanish Russian
    Chinese Japanese Indian European Australian US UK EU Mr. Dr. St Saint Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Oscar Grammy Also However Meanwhile Now
    Last Next New Old North South East West Central Great Royal Champion Champions World
    Cup Open Premiership League Davis Six Nations Trade Industry State Party Ms. Mrs.
    Internet Microsoft Apple Google Sony Nintendo Yahoo""".split()
)
_ORG_WORDS = frozenset(
    """House Party Democrats Council Union United Bank Office Ministry Department Court
    Association Club League Commission Committee Group Company Inc Ltd Plc FC City Kingdom
    States Republic Street Airways Airlines Motors Corporation Corp Foundation Institute
    University College School Hospital Agency Service Services Board Authority Fund Trust
    Records Studios Pictures Entertainment Media News Times Post Journal Network Channel
    Radio TV Television Awards Award Festival Championship Championships Cup Open Games
    Olympics Stadium Park Road Island Islands Sea Ocean River Mountains Europe Asia Africa
    America Commons Lords Parliament Assembly Government Exchange Market Markets Index
    Street Securities Capital Partners Holdings Systems Technologies Software Communications
    Telecom Mobile Online Energy Oil Gas Steel Police Army Force Forces Navy Office Treasury
    Revenue Customs Labour Conservatives Tories Liberal Nations Organisation Organization
    Prix Grand Series Division Premiership Square Centre Center Museum Theatre Hall Palace""".split()
)


def _strip_leading(words: list[str]) -> list[str]:
    while words and (words[0] in _LEADING or words[0].endswith(".")):
        words = words[1:]
    return words


def fallback_people(text: str) -> list[Entity]:
    """PER mentions by capitalisation alone: crude, for when the entity engine is not there."""
    found: list[tuple[int, int, str]] = []  # start, end, surface
    for m in _RUN.finditer(text):
        words = m.group().split()
        if any(w in _ORG_WORDS for w in words):
            continue
        kept = _strip_leading(words)
        if kept and kept[-1] in ("QC", "MP", "MEP", "Jr", "Jr.", "Sr"):
            kept = kept[:-1]
        if len(kept) < 2 or not any(c.islower() for c in kept[-1]):
            continue
        surface = " ".join(kept)
        start = m.start() + m.group().index(kept[0])
        end = start + len(" ".join(kept))
        if text[start:end].split() != kept:  # line breaks inside: keep the simple case only
            continue
        found.append((start, end, surface))
    full_by_surname: dict[str, str] = {}
    for _, _, surface in found:
        full_by_surname.setdefault(surface.split()[-1], surface)
    taken = [(s, e) for s, e, _ in found]
    entities = [Entity(s, e, "PER", t, full_by_surname[t.split()[-1]]) for s, e, t in found]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in _TITLED.finditer(text):
        s, e = m.start(1), m.end(1)
        if free(s, e):
            name = full_by_surname.setdefault(m.group(1), m.group(1))
            entities.append(Entity(s, e, "PER", m.group(1), name))
            taken.append((s, e))
    for m in _SINGLE.finditer(text):
        s, e = m.span()
        if m.group() in full_by_surname and m.group() not in _LEADING and free(s, e):
            entities.append(Entity(s, e, "PER", m.group(), full_by_surname[m.group()]))
            taken.append((s, e))
    return sorted(entities, key=lambda x: x.start)


def people_finder():
    """The entity engine's mentions (people and organisations: both can speak) if it runs,
    else the stand-in; and a label for the header."""
    try:
        from reader.core.analysis.entities import find_entities
        from reader.core.analysis.ner import Tagger

        tagger = Tagger.default()

        def mentions(text: str) -> list[Entity]:
            return find_entities(text, tagger)  # PER and ORG speak; the other types help name them

        mentions("Secretary of State Marco Rubio said on Monday that Rubio would go.")
        return mentions, "reader.core.analysis.entities.find_entities (the entity engine)"
    except Exception as exc:  # noqa: BLE001 - any failure means: use the stand-in
        reason = f"{type(exc).__name__}: {exc}"[:120]
        return fallback_people, (
            "FALLBACK capitalised-name heuristic in bench/quotes.py (entity engine unavailable: "
            f"{reason})"
        )


# -- context -----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.?!])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])|\n\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def context(text: str, q: Quote) -> str:
    spans = sentence_spans(text)
    first = next(i for i, (s, e) in enumerate(spans) if e > q.start)
    last = next(i for i, (s, e) in enumerate(spans) if e >= q.end)
    lo, hi = spans[max(0, first - 1)][0], spans[min(len(spans) - 1, last + 1)][1]
    shown = text[lo : q.start] + "⟦" + text[q.start : q.end] + "⟧" + text[q.end : hi]
    return shown.replace("\n\n", " ¶ ")


# -- main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, nargs="?", default=0, help="how many random quotes to print")
    parser.add_argument("--judged", action="store_true", help="score against bench/quotes_judged.json")
    parser.add_argument("--draw", action="store_true", help="print the judged sample's quotes, blind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=BBC)
    parser.add_argument("--fallback", action="store_true", help="use the stand-in even if the engine works")
    args = parser.parse_args()
    if args.judged:
        return judged()
    if args.draw:
        return draw()

    if args.fallback:
        finder, label = fallback_people, "FALLBACK capitalised-name heuristic in bench/quotes.py (--fallback)"
    else:
        finder, label = people_finder()
    print(f"people: {label}")
    held_out = {quotes_judging.DATA / f for f in quotes_judging.sample_files()}
    paths = sorted(p for p in args.data.rglob("*.txt") if p.name != "README.TXT" and p not in held_out)
    all_quotes: list[tuple[Path, str, Quote]] = []
    per_article: list[int] = []
    quote_times: list[float] = []
    people_time = 0.0
    scan_time = 0.0  # the baseline: finding the marks alone, timed in the same run
    tokens = 0
    for path in paths:
        try:
            text = load_file(path).article.text
        except IngestError:
            continue
        t0 = time.process_time()
        people = finder(text)
        t1 = time.process_time()
        quotes = find_quotes(text, people)
        t2 = time.process_time()
        scan(text, paragraphs(text))
        t3 = time.process_time()
        people_time += t1 - t0
        quote_times.append(t2 - t1)
        scan_time += t3 - t2
        tokens += len(text.split())
        per_article.append(len(quotes))
        all_quotes.extend((path, text, q) for q in quotes)

    rng = random.Random(args.seed)
    sample = rng.sample(all_quotes, min(args.n, len(all_quotes)))
    for k, (path, text, q) in enumerate(sample, 1):
        rel = path.relative_to(args.data) if path.is_relative_to(args.data) else path
        kind = ("partial" if q.partial else "full") + (" term" if q.kind == "term" else "")
        print(f"\n[{k}] {rel}  {kind}  speaker: {q.speaker or 'unknown'}")
        print(f"    {context(text, q)}")

    total = sum(per_article)
    with_speaker = sum(1 for _, _, q in all_quotes if q.speaker)
    full = [q for _, _, q in all_quotes if not q.partial]
    full_with = sum(1 for q in full if q.speaker)
    spent = sum(quote_times)
    print("\n== summary")
    print(f"articles {len(per_article)}, quotes {total} ({len(full)} full, {total - len(full)} partial)")
    if per_article:
        print(
            f"quotes per article: mean {statistics.mean(per_article):.1f}, median "
            f"{statistics.median(per_article):g}, max {max(per_article)}, "
            f"none in {sum(1 for n in per_article if n == 0)} articles"
        )
    if total:
        print(
            f"with a speaker: {with_speaker / total:.0%} of all, "
            f"{full_with / max(1, len(full)):.0%} of full quotes"
        )
    if quote_times:
        print(
            f"find_quotes: {spent / len(quote_times) * 1000:.2f} ms per article (max "
            f"{max(quote_times) * 1000:.1f} ms), {tokens / spent:,.0f} tokens/s over {tokens:,} tokens"
        )
        print(f"finding the marks alone (scan): {scan_time / len(quote_times) * 1000:.2f} ms per article; "
              f"find_quotes / scan = {spent / max(scan_time, 1e-9):.1f}x")
        source = "fallback" if label.startswith("FALLBACK") else "engine"
        print(f"people ({source}): {people_time / len(quote_times) * 1000:.2f} ms per article")


def judged() -> None:
    """Scores of the whole analysis against the hand judgments (see the module docstring)."""
    from reader.core.analysis import analyze

    found: dict[tuple[str, int], Quote] = {}
    spent = 0.0
    for rel in sorted(quotes_judging.sample_files()):
        article = quotes_judging.load(rel)
        t0 = time.process_time()
        analysis = analyze(article)
        spent += time.process_time() - t0
        found.update(((rel, q.start), q) for q in analysis.quotes)
    r = quotes_judging.score(found)
    print(f"judged quotes {r['quotes']}: {r['speech']} speech, {r['terms']} terms; "
          f"{r['findable']} speech quotes whose speaker the article names")
    print(f"speaker recall    {r['right']}/{r['findable']} = {r['recall']:.1%}"
          f"   ({r['exact']} with the judged name exactly)")
    print(f"speaker precision {r['right']}/{r['right'] + r['wrong']} = {r['precision']:.1%}")
    print(f"kind accuracy     {r['kind_accuracy']:.0%}   (term: precision {r['term_precision']:.0%}, "
          f"recall {r['term_recall']:.0%})")
    for title in ("misses", "errors", "kinds"):
        if r[title]:
            print(f"\n{title}:")
            for line in r[title]:
                print(f"  {line}")
    print(f"\nanalysis: {spent:.1f} s CPU for {len(quotes_judging.sample_files())} articles")


def draw() -> None:
    """The sample's quotes with their context and no output of reader's: for judging blind."""
    for k, c in enumerate(quotes_judging.draw()):
        text = quotes_judging.load(c.file).text
        shown = text[max(0, c.start - 700) : c.start] + "⟦" + text[c.start : c.end] + "⟧" + text[c.end : c.end + 250]
        print(f"\n[{k}] {c.file}@{c.start}\n   " + shown.replace("\n\n", " ¶ "))


if __name__ == "__main__":
    main()
