"""Guessing an undeclared encoding: reader's plausibility judge against charset_normalizer, same samples.

Run it from the repository root:

    .venv/bin/python bench/encodings.py

The samples come from the text of the web pages in ../shared/data/web/trafilatura
(eval/ and cache/, many languages): from each page, pieces of 25, 80, 300 and 2,000
characters are taken at random (fixed seed), wrapped in a feed item's markup, and
encoded in the legacy encodings its script is written in (Latin: Windows-1252/1250/
1257/1254, only where every character of the piece has a byte there; Cyrillic:
Windows-1251, KOI8-R, ISO-8859-5, IBM866; Greek, Hebrew, Arabic, Thai: their Windows
code page; Chinese: GB18030, Big5; Japanese: EUC-JP, Shift_JIS; Korean: EUC-KR). A
piece whose bytes happen to be valid UTF-8 is left out. A guess is right when the text
it gives is the original text (two encodings that give the same text are both right).

  reader             reader.core.ingest.encoding.decode_bytes(data) with no label
  charset_normalizer from_bytes(data).best()
"""

from __future__ import annotations

import collections
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.encoding import decode_bytes  # noqa: E402

PAGES = ROOT.parent / "shared" / "data" / "web" / "trafilatura"
LENGTHS = (25, 80, 300, 2000)
ENCODINGS = {
    "LATIN": ("cp1252", "cp1250", "cp1257", "cp1254"), "CYRILLIC": ("cp1251", "koi8_r", "iso8859_5", "cp866"),
    "GREEK": ("cp1253",), "HEBREW": ("cp1255",), "ARABIC": ("cp1256",), "THAI": ("cp874",),
    "CJK": ("gb18030", "big5"), "HIRAGANA": ("euc_jp", "cp932"), "KATAKANA": ("euc_jp", "cp932"), "HANGUL": ("cp949",),
}


def main() -> None:
    from charset_normalizer import from_bytes

    samples = list(_samples())
    if not samples:
        sys.exit(f"no pages under {PAGES}")
    right: dict[str, collections.Counter] = {"reader": collections.Counter(), "charset_normalizer": collections.Counter()}
    total: collections.Counter = collections.Counter()
    times = collections.Counter()
    for script, codec, length, text, data in samples:
        key = (script, codec)
        total[key] += 1
        total[length] += 1
        start = time.perf_counter()
        ours = decode_bytes(data).text
        times["reader"] += time.perf_counter() - start
        start = time.perf_counter()
        best = from_bytes(data).best()
        theirs = str(best) if best is not None else ""
        times["charset_normalizer"] += time.perf_counter() - start
        for name, got in (("reader", ours), ("charset_normalizer", theirs)):
            if got == text:
                right[name][key] += 1
                right[name][length] += 1
    print(f"{len(samples)} samples; right guesses, reader vs charset_normalizer")
    print(f"  {'script':9} {'encoding':10} {'samples':>7} {'reader':>8} {'c_norm':>8}")
    for key in sorted(k for k in total if isinstance(k, tuple)):
        print(f"  {key[0]:9} {key[1]:10} {total[key]:7} {_pct(right['reader'][key], total[key]):>8} "
              f"{_pct(right['charset_normalizer'][key], total[key]):>8}")
    for length in LENGTHS:
        print(f"  {length:>5} characters      {total[length]:7} {_pct(right['reader'][length], total[length]):>8} "
              f"{_pct(right['charset_normalizer'][length], total[length]):>8}")
    n = len(samples)
    overall = {name: sum(v for k, v in right[name].items() if isinstance(k, tuple)) for name in right}
    print(f"  all                  {n:7} {_pct(overall['reader'], n):>8} {_pct(overall['charset_normalizer'], n):>8}")
    base = times["charset_normalizer"] / n * 1000
    for name in ("charset_normalizer", "reader"):
        ms = times[name] / n * 1000
        print(f"time per sample: {name:18} {ms:6.2f} ms  x{ms / base:4.2f}")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _samples():
    import lxml.html

    rng = random.Random(1)
    for path in sorted((PAGES / "eval").glob("*.html")) + sorted((PAGES / "cache").glob("*")):
        try:
            doc = lxml.html.fromstring(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, lxml.etree.ParserError):
            continue
        for junk in doc.xpath("//script|//style"):
            junk.drop_tree()
        paragraphs = [" ".join(p.text_content().split()) for p in doc.xpath("//title|//h1|//h2|//p")]
        text = "\n".join(p for p in paragraphs if len(p) > 20 and not p.isascii())[:6000]
        script = _script(text)
        for codec in ENCODINGS.get(script, ()):
            for length in LENGTHS:
                start = rng.randrange(0, max(1, len(text) - length))
                piece = text[start : start + length]
                if script == "LATIN" and not all(c.encode(codec, errors="ignore") for c in piece):
                    continue
                piece = "".join(c for c in piece if c.encode(codec, errors="ignore"))
                if piece.isascii():
                    continue
                doc_text = f"<rss><channel><item><title>{piece}</title></item></channel></rss>"
                data = doc_text.encode(codec)
                try:
                    data.decode("utf-8")
                    continue
                except UnicodeDecodeError:
                    yield script, codec, length, doc_text, data


def _script(text: str) -> str:
    counts = collections.Counter(unicodedata.name(c, "X").split()[0] for c in text if ord(c) > 127 and c.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


if __name__ == "__main__":
    main()
