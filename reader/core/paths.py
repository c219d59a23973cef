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
    return Path(os.environ.get(HOME_VARIABLE) or user_data_path(APP_NAME))


def config_dir() -> Path:
    return user_config_path(APP_NAME)


def bundled(name: str) -> Path:
    """A top-level data folder (seeds, themes): inside the wheel, or beside the package in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this installation")
