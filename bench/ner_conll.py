"""Tag a CoNLL-2003 file with the app's entity tagger and print `TOKEN GOLD PRED` lines.

    python bench/ner_conll.py ../shared/data/conll2003/eng.testa | python ../shared/tools/conll_score.py
    python bench/ner_conll.py --model DIR FILE   # a model trained elsewhere (train.py --out DIR)

Each document is tagged as a whole (the document is the tagger's context), exactly as
the app tags an article. Tagging speed goes to stderr.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.analysis.ner import Tagger  # noqa: E402
from reader.core.analysis.ner.conll import read_conll  # noqa: E402


def main(argv: list[str]) -> int:
    model = None
    if len(argv) == 3 and argv[0] == "--model":
        model, argv = Path(argv[1]), argv[2:]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    docs = read_conll(argv[0])
    started = time.perf_counter()
    tagger = Tagger(model) if model else Tagger()
    loaded = time.perf_counter()
    tagged = [tagger.tag_document([[w for w, _ in s] for s in doc]) for doc in docs]
    elapsed = time.perf_counter() - loaded
    tokens = 0
    lines = []
    for doc, tags in zip(docs, tagged):
        for sent, sent_tags in zip(doc, tags):
            for (word, gold), pred in zip(sent, sent_tags):
                lines.append(f"{word} {gold} {pred}")
            lines.append("")
            tokens += len(sent)
    sys.stdout.write("\n".join(lines) + "\n")
    print(
        f"{tokens} tokens in {len(docs)} documents: tagged in {elapsed:.2f}s "
        f"({tokens / elapsed:,.0f} tokens/s), model loaded in {loaded - started:.2f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
