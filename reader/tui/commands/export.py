"""Exporting notes from the app: Markdown files into the user's export folder.

The folder is the setting `export_dir` when the settings have one, else $READER_EXPORT_DIR,
else `~/reader-export`. The work is `reader.core.export.markdown`; this module only picks
the folder and tells the user where the files went.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reader.core.store import Library, LibraryError

EXPORT_DIR_VARIABLE = "READER_EXPORT_DIR"
DEFAULT_EXPORT_DIR = "reader-export"


def export_dir(settings: Any = None) -> Path:
    chosen = getattr(settings, "export_dir", None)
    if isinstance(chosen, (str, Path)) and str(chosen):
        return Path(chosen).expanduser()
    if os.environ.get(EXPORT_DIR_VARIABLE):
        return Path(os.environ[EXPORT_DIR_VARIABLE]).expanduser()
    return Path.home() / DEFAULT_EXPORT_DIR


def export_notes(app: Any, library: Library, article_id: str | None = None) -> list[Path]:
    """Write one article's notes (`article_id`) or every article's with notes; notify the user."""
    from reader.core.export.markdown import export_markdown

    folder = export_dir(getattr(app, "settings", None))
    try:
        written = export_markdown(library, folder, article_id, include_empty=article_id is not None)
    except (LibraryError, OSError) as error:
        app.notify(str(error), title="Export failed", severity="error", markup=False)
        return []
    if not written:
        app.notify("No article has notes yet: nothing to export.", title="Export", timeout=4)
    elif article_id is not None:
        app.notify(f"Written to {written[0]}", title="Notes exported", timeout=6, markup=False)
    else:
        count = f"{len(written)} article" + ("" if len(written) == 1 else "s")
        app.notify(f"{count} written to {folder}", title="Notes exported", timeout=6, markup=False)
    return written
