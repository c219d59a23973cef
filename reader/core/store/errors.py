"""What can go wrong with a library, each with a message the user can act on."""

from __future__ import annotations

from pathlib import Path


class LibraryError(Exception):
    """A problem the user can act on; its message is shown as is."""


class NotFoundError(LibraryError):
    pass


class InvalidInput(LibraryError, ValueError):
    """A change the user asked for that cannot be made as given (an empty name, say)."""


DOCTOR_HINT = "`reader doctor` checks the library and can restore a backup"


class CorruptFileError(LibraryError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def explained(error: LibraryError) -> str:
    """The error's line, and for a damaged file what to do about it (the CLI and the app say the same)."""
    return "\n".join(with_hint([str(error)])) if isinstance(error, CorruptFileError) else str(error)


def with_hint(problems: list[str]) -> list[str]:
    """Lines naming damaged files, then what to do, unless each line already says it."""
    if all("reader doctor" in line for line in problems):
        return problems
    return [*problems, DOCTOR_HINT]


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
