"""Where the user's library lives and where the bundled seeds and themes are."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "reader"
HOME_VARIABLE = "READER_HOME"
_PACKAGE = Path(__file__).resolve().parents[1]


def default_home() -> Path:
    """$READER_HOME, else the platform's user data directory."""
    return library_home(None)


def library_home(given: str | None) -> Path:
    """The library folder: `given` (--home), else $READER_HOME, else the user data directory.

    An empty value is a mistake (an unset shell variable), never "the default library":
    that would read and write a library the user did not mean (ValueError).
    """
    if given is not None:
        if not given.strip():
            raise ValueError("--home is empty: give the library's folder")
        return Path(given).expanduser()
    value = os.environ.get(HOME_VARIABLE)
    if value is not None and not value.strip():
        raise ValueError(f"${HOME_VARIABLE} is set but empty: set it to the library's folder, or unset it")
    return Path(value).expanduser() if value else user_data_path(APP_NAME)


def config_dir() -> Path:
    return user_config_path(APP_NAME)


def bundled(name: str) -> Path:
    """A top-level data folder (seeds, themes): inside the wheel, or beside the package in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this installation")
