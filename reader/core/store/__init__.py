"""The local library: TinyDB files that survive crashes, concurrent processes and corruption."""

from reader.core.store.errors import CorruptFileError, LibraryError, NewerSchemaError, NotFoundError, SaveError
from reader.core.store.library import Library
from reader.core.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "CorruptFileError",
    "Library",
    "LibraryError",
    "NewerSchemaError",
    "NotFoundError",
    "SaveError",
]
