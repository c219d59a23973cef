"""The cross-process lock every change of a library is made under.

A bounded wait, then one clear message; a lock that cannot even be opened means the
library is read-only (or its `.lock` is not a file), which only writers need to know:
readers never take the lock, since every file is replaced atomically.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from reader.core.store.errors import LibraryError, LockTimeoutError, ReadOnlyError

LOCK_TIMEOUT = 10.0  # seconds a change waits for another process's change to finish
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


class LibraryLock:
    def __init__(self, home: Path, path: Path, timeout: float | None = None) -> None:
        self.home, self.path = home, path
        self.timeout = LOCK_TIMEOUT if timeout is None else timeout
        self._lock = FileLock(path, timeout=self.timeout)

    @contextmanager
    def held(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock (re-entrant) for one whole read-modify-write; `timeout`: a shorter
        wait than the usual one (never longer)."""
        self._acquire(self.timeout if timeout is None else min(timeout, self.timeout))
        try:
            yield
        finally:
            self._lock.release()

    def try_acquire(self) -> bool:
        """Take the lock only if it is free this instant (for housekeeping that can wait)."""
        try:
            self._acquire(0)
        except LibraryError:
            return False
        return True

    def release(self) -> None:
        self._lock.release()

    def _acquire(self, timeout: float) -> None:
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise LockTimeoutError(self.path, timeout) from None
        except IsADirectoryError:
            raise LibraryError(f"{self.path}: is a folder, not reader's lock file; remove it (it holds no data)") from None
        except OSError as error:
            if error.errno in _READ_ONLY:
                raise ReadOnlyError(self.home, error.strerror or "") from None
            raise LibraryError(f"{self.path}: cannot take the library lock ({error.strerror or error})") from None
