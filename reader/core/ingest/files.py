"""Read a file from disk as text, or say plainly why it can't be an article.

Files come from users' folders: empty files, binaries with a .txt name, huge logs and
old Windows-1252 exports all turn up. Each gets one clear reason instead of a traceback
or a screen of mojibake.
"""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
MB = 1024 * 1024
SNIFF_BYTES = 8192
CONTROL_RATIO = 0.10
NOT_UTF8 = "not UTF-8; read as Windows-1252"

# Control bytes that plain text does use; everything else below 0x20 (and DEL) counts.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}

# cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: those keep their latin-1 meaning.
_CP1252: dict[int, str] = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        pass


class IngestError(Exception):
    """A file or web page that can't become an article, and why, in words for the user."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.where = str(path)  # as given: Path() would turn "http://x" into "http:/x"
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text and any warnings; raises IngestError with a reason a user can act on."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError(path, "is a directory")
        # Size first: a huge sparse file must not be read, nor called binary.
        if size > MAX_BYTES:
            raise IngestError(path, f"file is {size / MB:.1f} MB; the limit is {MAX_BYTES // MB} MB")
        if size == 0:
            raise IngestError(path, "empty file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file or directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None
    if not data:
        raise IngestError(path, "empty file")
    text, warnings = decode(data, path)
    if not text.strip():
        raise IngestError(path, "file has no text")
    return text, warnings


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, list[str]]:
    """Decode bytes read from `path`: UTF-8 (BOM or not) silently, else Windows-1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise IngestError(path, "binary file, not text") from None
    if is_binary(data[:SNIFF_BYTES]):
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252), [NOT_UTF8]


def is_binary(sample: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes: not something a person wrote to be read."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls / len(sample) > CONTROL_RATIO
