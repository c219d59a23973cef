"""What can go wrong with a library, each with a message the user can act on."""

from __future__ import annotations

from pathlib import Path


class LibraryError(Exception):
    """A problem the user can act on; its message is shown as is."""


class NotFoundError(LibraryError):
    pass


class CorruptFileError(LibraryError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class SaveError(LibraryError):
    def __init__(self, path: Path, error: OSError, *, replaced: bool = False) -> None:
        self.path = path
        outcome = (
            "the new version is in place but may not survive a power cut"
            if replaced
            else "nothing was changed"
        )
        super().__init__(f"could not save {path}: {error.strerror or error}; {outcome}")


class NewerSchemaError(LibraryError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.found = found
        super().__init__(
            f"{path}: written by a newer reader (schema {found}; this reader reads up to "
            f"{known}). Upgrade reader; nothing was changed."
        )
