"""Reading notes back: reader's JSON export, and W3C Web Annotations (ours or anyone's).

`import_notes` validates the whole file before it writes anything: a file that is not
JSON, has the wrong shape or comes from a newer reader raises `ImportFileError` naming
the file, and the library is left as it was.

- JSON (`json_format`): articles missing from the library are added; their notes are
  stored with the same ids (a note already here is replaced only if it differs and the
  file's copy was edited later: an older export never undoes a newer edit). Feeds, saved
  searches and entity merges the library lacks are added; one it has keeps what it has
  (a feed gains the file's tags). Importing the same file twice changes nothing.
- W3C (`w3c`): each annotation goes onto the article already in the library that its
  target's source names: `urn:reader:article:<id>`, or any address the library knows the
  article by (`duplicates.article_at`: its own, untracked, or the address a feed entry's
  page was fetched from). A note whose article is not here is reported, never stored and
  never silently dropped. A note with no offsets (a TextQuoteSelector alone) is placed by
  its quote, and one with no times takes the library's copy's.

In both, which copy of a note is newer (its `updated`; a tie keeps the library's) is
decided by `Library.add_annotations` under the lock, on the note as it is on disk then.

In both, a note whose offsets no longer fit its article's text is placed again by its
quote (`anchor.find_quote`, the occurrence nearest the old place when there are several)
and marked "moved"; one whose quote is gone is kept as an orphan.

This module is the entry point (reading the file, naming it in errors); checking the file
is `import_validation`, writing the checked notes to the library is `import_apply`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.export import ExportError
from reader.core.export.import_apply import ImportReport, MissingNote, apply
from reader.core.export.import_validation import parse_file
from reader.core.export.import_values import Invalid, loads
from reader.core.store import Library

__all__ = ["ImportFileError", "ImportReport", "MissingNote", "import_notes"]


class ImportFileError(ExportError):
    """The file cannot be imported; nothing was."""


def import_notes(library: Library, path_or_data: Path | str | Any, *, name: str | None = None) -> ImportReport:
    """Import a reader JSON export or a W3C annotation file (a path, or its parsed JSON)."""
    if isinstance(path_or_data, (str, Path)):
        path = Path(path_or_data)
        label = name or str(path)
        data = _read(path, label)
    else:
        label, data = name or "<data>", path_or_data
    try:
        parsed = parse_file(data)
    except Invalid as error:
        raise ImportFileError(f"{label}: {error}; nothing was imported") from None
    with library.locked():
        return apply(library, parsed, label)


def _read(path: Path, label: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{label}: cannot be read ({error.strerror or error})") from None
    try:
        return loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{label}: not UTF-8 text (byte {error.start}); nothing was imported") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{label}: not JSON ({error.msg} at line {error.lineno}, column {error.colno}); nothing was imported"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{label}: nested too deeply to be an export; nothing was imported") from None
