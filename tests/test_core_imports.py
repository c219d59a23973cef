"""The core and the CLI never pull in textual: `reader ls` must start fast and work without a UI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # fresh interpreters

MODULES = [
    "reader.core",
    "reader.core.store",
    "reader.core.model",
    "reader.core.ingest",
    "reader.cli",
]

PROBE = """
import importlib, importlib.util, json, sys
found, missing = [], []
for name in sys.argv[1:]:
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        missing.append(name)
        continue
    importlib.import_module(name)
    found.append(name)
ui = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"found": found, "missing": missing, "textual": ui}))
"""


def probe(*modules: str) -> dict:
    """Import `modules` in a fresh interpreter; which existed, and which textual modules got loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *modules],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, f"importing {modules} failed:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual(module):
    outcome = probe(module)
    assert not outcome["missing"], f"{module} does not exist"
    assert outcome["textual"] == [], f"importing {module} loaded {outcome['textual'][:5]}"


def test_all_core_modules_together_do_not_import_textual():
    outcome = probe(*MODULES)
    assert "reader.core.store" in outcome["found"] and "reader.core.model" in outcome["found"]
    assert outcome["textual"] == []
