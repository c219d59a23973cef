"""Bytes from a page or a feed -> text, choosing the encoding once for every source.

The labels a document carries (HTTP charset, <meta>, an XML declaration) are often
wrong, and many feeds and pages carry none, so the bytes have the last word:

1. a byte order mark (UTF-8/16/32), or UTF-16/32 recognised by its zero bytes;
2. bytes that are valid UTF-8 are UTF-8, whatever a label says (a chance run of legacy
   bytes that also reads as UTF-8 is vanishingly rare; a wrong label is common);
3. otherwise the labels in the order given (HTTP charset, then the document's own), each
   taken when the bytes decode with it and the text it gives is not plainly mojibake;
4. otherwise a guess (`plausible.best_guess`): every common legacy encoding that decodes
   the bytes is judged by how plausible its text is.

Whenever a label was overruled or a guess was needed, a warning says what was read and
how ("no charset declared; read as EUC-JP (guessed)"): text is never silently mojibake.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.ingest.files import IngestError, is_binary
from reader.core.ingest.plausible import SAMPLE_BYTES, best_guess, mojibake_score, utf8_mostly
from reader.core.patterns import regex

_META_CHARSET = regex(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = regex(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Labels browsers read as a bigger encoding than they name (WHATWG Encoding standard), and
# labels Python does not know by that name.
_SUPERSETS = {
    "iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
    "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932",
    "big5": "big5hkscs", "tis-620": "cp874", "iso8859-11": "cp874",
}
_ALIASES = {
    "windows-874": "cp874", "x-mac-cyrillic": "mac_cyrillic", "windows-31j": "cp932", "x-sjis": "cp932",
    "iso-8859-8-i": "iso8859_8", "ucs-2": "utf-16", "unicode-1-1-utf-8": "utf-8", "x-gbk": "gb18030",
}
# How encodings are named to the user.
_SHOWN = {
    "utf-8": "UTF-8", "cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1251": "Windows-1251",
    "cp1253": "Windows-1253", "cp1254": "Windows-1254", "cp1255": "Windows-1255", "cp1256": "Windows-1256",
    "cp1257": "Windows-1257", "cp874": "TIS-620", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U",
    "cp866": "IBM866", "mac-cyrillic": "Mac Cyrillic", "euc_jp": "EUC-JP", "cp932": "Shift_JIS",
    "iso2022_jp": "ISO-2022-JP", "gb18030": "GB18030", "big5hkscs": "Big5", "cp949": "EUC-KR",
    "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE",
}
# A label is doubted when its text scores above LABEL_DOUBT (real text scores about 0), and
# overruled only by a reading that scores LABEL_MARGIN better (see plausible.mojibake_score).
LABEL_DOUBT = 0.25
LABEL_MARGIN = 0.3
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_LENGTH = {codec: len(bom) for bom, codec in _BOMS}


@dataclass(frozen=True)
class Decoded:
    """A document's text, the codec that read it, and what the user should know about that."""

    text: str
    encoding: str  # Python's codec name ("utf-8", "euc_jp", "cp1252", ...)
    guessed: bool = False
    warnings: list[str] = field(default_factory=list)


def decode_document(data: bytes, labels: Sequence[str | None], where: str | Path) -> tuple[str, list[str]]:
    """The text of a page's or feed's bytes and any warnings (see the module doc)."""
    decoded = decode_bytes(data, labels, where)
    return decoded.text, decoded.warnings


def decode_bytes(data: bytes, labels: Sequence[str | None] = (), where: str | Path = "<bytes>") -> Decoded:
    """Decode `data`, given its labels, most trusted first; IngestError for binary data."""
    bom = _bom(data)
    if bom:
        return _decode_bom(data, bom)
    wide = _wide_unicode(data[:SAMPLE_BYTES], labels)
    if wide:
        text = data.decode(wide, errors="replace")
        return Decoded(text, wide, warnings=_replaced(text, wide))
    if is_binary(data[:8192]):
        raise IngestError(where, "binary file, not text")
    named = [(label, codec_name(label)) for label in labels if label and label.strip()]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data, named)
    if text.isascii():
        seven_bit = next((c for _, c in named if c and c.startswith("iso2022") and b"\x1b" in data), None)
        if seven_bit:
            return Decoded(data.decode(seven_bit, errors="replace"), seven_bit)
        return Decoded(text, "utf-8")
    other = next((label for label, c in named if c and c != "utf-8"), None)
    note = [f"declared {other.strip()}, but the bytes are UTF-8; read as UTF-8"] if other else []
    return Decoded(text, "utf-8", warnings=note)


def _legacy(data: bytes, named: list[tuple[str, str | None]]) -> Decoded:
    """Bytes that are not UTF-8: the first label that reads them plausibly, else a guess."""
    failed: list[str] = []
    for label, codec in named:
        if codec is None or codec == "utf-8" or codec.startswith(("utf-16", "utf-32")):
            failed.append(label.strip())
            continue
        text = decode_as(data, codec)
        if text is None:
            failed.append(label.strip())
            continue
        score = mojibake_score(text, codec)
        guess = best_guess(data, preferred=codec) if score > LABEL_DOUBT else None
        if guess is None or guess.encoding == codec or guess.score > score - LABEL_MARGIN:
            return Decoded(text, codec)
        return Decoded(guess.text, guess.encoding, True, [
            f"declared {label.strip()}, but that reads as mojibake; read as {shown(guess.encoding)} (guessed)"
        ])
    prefers_utf8 = any(c == "utf-8" for _, c in named)
    guess = best_guess(data, preferred="utf-8" if prefers_utf8 else None)
    if guess.encoding == "utf-8":
        bad = utf8_mostly(data)[1]
        return Decoded(guess.text, "utf-8", True, [
            f"{bad} byte{'s' * (bad != 1)} not valid UTF-8; read {'them' if bad != 1 else 'it'} as Windows-1252"
        ])
    if failed:
        said = ", ".join(dict.fromkeys(failed))
        why = f"declared {said}, but the bytes are not {said}"
    else:
        why = "no charset declared"
    return Decoded(guess.text, guess.encoding, True, [f"{why}; read as {shown(guess.encoding)} (guessed)"])


def decode_as(data: bytes, codec: str) -> str | None:
    """`data` decoded with `codec`, None when the bytes are not in it. Windows-1252 reads its
    five unassigned bytes as the C1 controls of the same number, as browsers do."""
    if codec == "cp1252":
        return data.decode("latin-1").translate(_CP1252)
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _bom(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _decode_bom(data: bytes, codec: str) -> Decoded:
    body = data[_BOM_LENGTH[codec] :]
    try:
        return Decoded(body.decode(codec), codec)
    except UnicodeDecodeError:
        pass
    if codec == "utf-8":
        text, bad = utf8_mostly(body)
        return Decoded(text, codec, warnings=[
            f"{bad} byte{'s' * (bad != 1)} not valid UTF-8; read {'them' if bad != 1 else 'it'} as Windows-1252"
        ])
    text = body.decode(codec, errors="replace")
    return Decoded(text, codec, warnings=_replaced(text, codec))


def _wide_unicode(sample: bytes, labels: Sequence[str | None]) -> str | None:
    """UTF-16/32 without a byte order mark, told by where its zero bytes fall."""
    if b"\x00" not in sample:
        return None
    for pattern, codec in ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                           (b"\x00<\x00", "utf-16-be"), (b"<\x00", "utf-16-le")):
        if sample.startswith(pattern):
            return codec
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    if even > 0.3 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    if odd > 0.3 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    return None


def _replaced(text: str, codec: str) -> list[str]:
    bad = text.count("\ufffd")
    return [f"{bad} character{'s' * (bad != 1)} not valid {shown(codec)} were replaced"] if bad else []


def meta_charset(data: bytes) -> str | None:
    """The charset a page's <meta> names in its first 8 KB."""
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def xml_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration at the start of `data` names."""
    m = _XML_ENCODING.match(data[:1024])
    return m.group(1).decode("ascii", "replace") if m else None


def codec_name(label: str | None) -> str | None:
    """Python's codec for an encoding label, as browsers read it; None when there is none."""
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def shown(codec: str) -> str:
    """An encoding's name as people know it ("EUC-JP", "Windows-1252")."""
    return _SHOWN.get(codec, codec.upper().replace("_", "-"))


# cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D unassigned: those keep their latin-1 meaning.
_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
