"""Taking notes out of the library and bringing them back.

`markdown` writes one file per article for Obsidian and similar; `json_format` writes
everything (articles and notes) in reader's own versioned format; `w3c` writes the notes
as W3C Web Annotations (JSON-LD). `importing` reads the JSON and W3C files back.
"""

from __future__ import annotations

from reader.core.store.errors import LibraryError


class ExportError(LibraryError):
    """An export or import that cannot be done; the message names the file."""
