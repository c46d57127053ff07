"""Fixtures for the tooling's own tests: copies of the kata, and pytest run in them as a learner runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _copy_tracked_files(destination: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="session")
def pristine_kata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the kata's tracked files, as a fresh clone has them; do not modify it."""
    return _copy_tracked_files(tmp_path_factory.mktemp("pristine") / "kata")


@pytest.fixture
def kata_copy(pristine_kata: Path, tmp_path: Path) -> Path:
    """A learner's copy of the kata with untouched stubs, free to modify."""
    return Path(shutil.copytree(pristine_kata, tmp_path / "kata"))


@pytest.fixture(scope="session")
def run_pytest() -> Runner:
    """Run `python -m pytest ARGS` in a kata folder, plain text output: `run_pytest(root, *args)`."""

    def run(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        )

    return run
