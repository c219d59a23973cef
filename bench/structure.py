"""Structure kept from web pages, and whether Markdown carries it: on the trafilatura corpus.

For each page of ../shared/data/web/trafilatura/eval, trafilatura's XML (asked for as
reader asks for it) goes through `structure.blocks_from_xml`; the run counts blocks by kind
and marks by kind, then writes each page's blocks as Markdown (`blocks_markdown`) and
imports that again (`parse_markdown`): how many pages come back with the same blocks, and
with the same text. Speed: blocks_from_xml against the trafilatura extraction of the same
page, timed in this run (a ratio, not seconds, since the machine is shared).

    python bench/structure.py [--limit N]
"""

from __future__ import annotations

import argparse
import glob
import time
from collections import Counter
from pathlib import Path

from lxml import etree

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "web" / "trafilatura" / "eval"
OPTIONS = dict(
    output_format="xml", include_comments=False, include_formatting=True, include_links=True,
    include_images=True, include_tables=True, deduplicate=False, favor_precision=True,
)


def main() -> None:
    import trafilatura

    from reader.core.export.body_markdown import blocks_markdown
    from reader.core.ingest.markdown import parse_markdown
    from reader.core.ingest.structure import blocks_from_xml

    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    pages = sorted(glob.glob(str(CORPUS / "*.html")))[: args.limit or None]
    kinds: Counter[str] = Counter()
    marks: Counter[str] = Counter()
    pages_done = same_blocks = same_text = 0
    extract_time = structure_time = 0.0
    for path in pages:
        html = Path(path).read_bytes().decode("utf-8", "replace")
        started = time.perf_counter()
        xml = trafilatura.extract(html, **OPTIONS)
        extract_time += time.perf_counter() - started
        if not xml:
            continue
        root = etree.fromstring(xml.encode("utf-8"))
        started = time.perf_counter()
        blocks, _ = blocks_from_xml(root)
        structure_time += time.perf_counter() - started
        pages_done += 1
        kinds.update(b.kind for b in blocks)
        marks.update(m.kind for b in blocks for m in b.marks)
        back = parse_markdown('---\ntitle: "x"\n---\n' + blocks_markdown(blocks)).blocks or []
        same_blocks += back == blocks
        same_text += [b.text for b in back] == [b.text for b in blocks]
    print(f"pages with an article: {pages_done} of {len(pages)}")
    print("blocks: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("marks:  " + ", ".join(f"{k} {n}" for k, n in marks.most_common()))
    print(f"Markdown round trip: same blocks {same_blocks}/{pages_done} ({same_blocks / max(pages_done, 1):.1%}), "
          f"same text {same_text}/{pages_done} ({same_text / max(pages_done, 1):.1%})")
    print(f"blocks_from_xml takes {structure_time / max(extract_time, 1e-9):.3f}x the time of trafilatura's extraction "
          f"({structure_time:.2f} s against {extract_time:.2f} s)")


if __name__ == "__main__":
    main()
