"""A non-editable install carries the seeds and themes and gives a working `reader`."""

from __future__ import annotations

import os
import subprocess
import sysconfig
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("reader-*.whl"))


def test_wheel_carries_seeds_and_themes(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert f"reader/seeds/{seed.name}" in names
    for theme in (ROOT / "themes").glob("*.toml"):
        assert f"reader/themes/{theme.name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    for shipped in ("stage1.crfsuite", "stage2.crfsuite", "resources.json.gz", "clusters.txt.gz"):  # the entity model
        assert f"reader/core/analysis/ner/{shipped}" in names
    assert "reader/core/analysis/data/places.txt.gz" in names


def test_installed_reader_imports_the_seeds_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    with zipfile.ZipFile(wheel) as archive:  # a wheel install is an unzip; pip is not needed
        archive.extractall(site)
    # The dependencies come from the test's environment; .pth paths load after the wheel's own files.
    (Path(site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    env = {**os.environ, "READER_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    script = (
        "from reader.core.paths import bundled, default_home; from reader.core.store import Library;"
        "from reader.core.seeds import import_seeds_if_empty;"
        "print(bundled('seeds')); print(len(import_seeds_if_empty(Library(default_home()))))"
    )
    result = subprocess.run([python, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    seeds_dir, count = result.stdout.split()
    assert seeds_dir.startswith(site) and count == "2"
    version = subprocess.run([python, "-m", "reader", "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("reader ")
