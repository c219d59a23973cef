"""Speed of the whole analysis (entities, dates, quotes) over the 2,225 BBC articles.

    python bench/analysis.py [--data ../shared/data/bbc] [--limit N]

Prints tokens/s and articles/s for `reader.core.analysis.analyze` on one core, and, as a
baseline timed in the same run, the tokenizer alone over the same text: the ratio says
how many tokenizer passes one analysis costs. Goal: >= 50,000 tokens/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reader.core.analysis import analyze
from reader.core.analysis.ner import Tagger
from reader.core.analysis.tokenize import tokenize
from reader.core.ingest import load_file

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    paths = sorted(args.data.glob("*/*.txt"))[: args.limit or None]
    articles = [load_file(p).article for p in paths]
    texts = [a.text for a in articles]
    tagger = Tagger.default()
    analyze(articles[0], tagger)  # load the model outside the timing

    start = time.perf_counter()
    tokens = sum(len(tokenize(text)) for text in texts)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    entities = quotes = 0
    for article in articles:
        result = analyze(article, tagger)
        entities += len(result.entities)
        quotes += len(result.quotes)
    elapsed = time.perf_counter() - start

    print(f"{len(articles)} articles, {tokens:,} tokens, {entities:,} entities, {quotes:,} quotes")
    print(f"analysis : {elapsed:6.2f} s  {tokens / elapsed:10,.0f} tokens/s  {len(articles) / elapsed:8,.1f} articles/s")
    print(f"tokenizer: {baseline:6.2f} s  {tokens / baseline:10,.0f} tokens/s  (baseline)")
    print(f"ratio    : analysis costs {elapsed / baseline:.1f}x the tokenizer alone")


if __name__ == "__main__":
    main()
