"""What can go wrong with a library, each with a message the user can act on."""

from __future__ import annotations

from pathlib import Path


class LibraryError(Exception):
    """A problem the user can act on; its message is shown as is."""


class NotFoundError(LibraryError):
    pass


class InvalidInput(LibraryError, ValueError):
    """A change the user asked for that cannot be made as given (an empty name, say)."""


class CorruptFileError(LibraryError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class SaveError(LibraryError):
    def __init__(self, path: Path, error: OSError, *, replaced: bool = False, what: str = "") -> None:
        self.path, self.os_error = path, error
        reason = error.strerror or str(error)
        if what:
            message = f"saved {path}, but not {what} ({reason}): `reader doctor --restore` makes it again"
        elif replaced:
            message = f"could not save {path}: {reason}; the new version is in place but may not survive a power cut"
        else:
            message = f"could not save {path}: {reason}; nothing was changed"
        super().__init__(message)


class ReadOnlyError(LibraryError):
    def __init__(self, home: Path, reason: str = "") -> None:
        super().__init__(f"{home}: the library is read-only{f' ({reason})' if reason else ''}; nothing was changed")


class LockTimeoutError(LibraryError):
    def __init__(self, lock: Path, waited: float) -> None:
        super().__init__(
            f"{lock}: another reader process has held the library lock for {waited:.0f} s; "
            "nothing was changed, try again when it is done"
        )


class NewerSchemaError(LibraryError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.found = found
        super().__init__(
            f"{path}: written by a newer reader (schema {found}; this reader reads up to "
            f"{known}). Upgrade reader; nothing was changed."
        )
