"""Bytes from a page or a feed -> text, choosing the encoding as a browser would.

The labels a document carries (HTTP charset, <meta>, an XML declaration) are often wrong,
so which one is believed, and when the bytes themselves decide, is settled here once for
every source.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from reader.core.ingest.files import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_document(data: bytes, labels: Sequence[str | None], where: str | Path) -> tuple[str, list[str]]:
    """The first label that names a codec (not UTF-8/16, which the bytes decide), else UTF-8
    (or Windows-1252 with a warning)."""
    for candidate in labels:
        name = codec_name(candidate)
        if name:
            if name in ("utf-8", "utf-8-sig") or name.startswith("utf-16"):
                break  # a BOM or real UTF-8 check below does better than trusting the label
            return data.decode(name, errors="replace"), []
    return decode(data, where)


def meta_charset(data: bytes) -> str | None:
    """The charset a page's <meta> names in its first 8 KB."""
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def codec_name(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None when there is no such codec."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    # The web's "latin-1"/"ascii" labels mean Windows-1252 (WHATWG Encoding standard).
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name
