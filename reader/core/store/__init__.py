"""The local library: TinyDB files that survive crashes, concurrent processes and corruption."""

from reader.core.store.files import CorruptFileError, LibraryError, SaveError
from reader.core.store.library import Library, NotFoundError
from reader.core.store.schema import SCHEMA_VERSION, NewerSchemaError

__all__ = [
    "SCHEMA_VERSION",
    "CorruptFileError",
    "Library",
    "LibraryError",
    "NewerSchemaError",
    "NotFoundError",
    "SaveError",
]
