"""What the app remembers between runs (the chosen theme, the library's compact rows), kept
in the config folder.

Written by the app, not by hand: a missing or unreadable file means defaults, never an
error, because losing a theme choice costs the user nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.core.store.files import dump_json, write_atomic

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    compact: bool = False  # the library list: one line per article


def load_settings(config_dir: Path) -> Settings:
    try:
        data = json.loads((config_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
        return Settings(
            theme=data.get("theme") if isinstance(data.get("theme"), str) else None,
            compact=data.get("compact") is True,
        )
    except (OSError, ValueError, AttributeError):
        return Settings()


def save_settings(config_dir: Path, settings: Settings) -> None:
    write_atomic(config_dir / SETTINGS_FILE, dump_json(asdict(settings)))
