"""What an exercise's tests load, hashed: the key under which `kata` remembers its last result.

By content, never by timestamp (pytest-testmon's idea): an exercise's fingerprint is the SHA-256 of

- the learner's file, the `__init__.py` files of its packages, and every exercise module it imports
  (`from exercises.ch01_first_contact import ex03_is_it_open`, `from . import ex03_is_it_open`), transitively;
- its test file, the conftests above it and any helper module beside them in `tests/exercises/`;
- the kata itself (`environment()`): the kata's own code and the kitchen's (every file of the `kata` and
  `mock_server` packages), the kata's root `conftest.py`, `pyproject.toml` (pytest's settings) and
  `catalogue.toml`, the kata's version, the Python version, and the name and version of every installed
  distribution (dependency versions).

A change to any of them gives another fingerprint, so a remembered result can never stand for code it
did not judge. Reading them all costs a few milliseconds.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

from kata.catalogue import Catalogue, Exercise

KATA_FILES = ("conftest.py", "pyproject.toml", "catalogue.toml")
MISSING = b"\0missing\0"
SKIPPED_FOLDERS = ("__pycache__",)
_MAY_IMPORT_AN_EXERCISE = re.compile(rb"^[ \t]*(?:from[ \t]+(?:\.|exercises\b)|import[ \t]+exercises\b)", re.MULTILINE)


def _content(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return MISSING


def _hash_files(digest: Any, paths: list[Path], root: Path) -> None:
    for path in paths:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        content = _content(path)
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)


def package_files(folder: Path) -> list[Path]:
    """Every file of a package folder (its code and data), in a stable order; bytecode caches left out."""
    found = []
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
        found += [Path(directory, name) for name in sorted(files) if not name.endswith((".pyc", ".pyo"))]
    return found


def kata_code() -> bytes:
    """The content of the `kata` and `mock_server` packages this process runs (the kata's code, the kitchen's).

    Found without importing them: importing the kitchen would cost flask's start-up.
    """
    import importlib.util

    digest = hashlib.sha256()
    for name in ("kata", "mock_server"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            digest.update(f"{name}\0{MISSING!r}".encode())
            continue
        folder = Path(spec.origin).parent
        _hash_files(digest, package_files(folder), folder.parent)
    return digest.digest()


def kata_version(root: Path) -> str:
    """The kata's version, as its `pyproject.toml` says (read as text: no metadata lookup, which costs 20 ms)."""
    for line in _content(root / "pyproject.toml").decode("utf-8", "replace").splitlines():
        if line.startswith("version"):
            return line.partition("=")[2].strip().strip("\"'")
    return ""


def python_version() -> str:
    return f"{sys.implementation.name} {sys.version}"


def dependency_versions() -> str:
    """Every installed distribution and its version, as its metadata folder says (`requests-2.32.3.dist-info`)."""
    names: set[str] = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                names.update(e.name for e in found if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return "\n".join(sorted(names))


def environment(catalogue: Catalogue) -> bytes:
    """The part of every fingerprint that is the kata's and not one exercise's."""
    digest = hashlib.sha256()
    for part in (kata_version(catalogue.root), python_version(), dependency_versions()):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    digest.update(kata_code())
    _hash_files(digest, [catalogue.root / name for name in KATA_FILES], catalogue.root)
    return digest.digest()


def imported_exercise_modules(path: Path, exercises_dir: Path) -> list[Path]:
    """The files of the exercise modules that `path` imports (absolute `exercises.` imports and relative ones)."""
    text = _content(path)
    if text == MISSING or not _MAY_IMPORT_AN_EXERCISE.search(text):
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    package = path.parent.relative_to(exercises_dir).parts if path.is_relative_to(exercises_dir) else ()
    found = []
    for node in ast.walk(tree):
        names: list[tuple[str, ...]] = []
        if isinstance(node, ast.Import):
            names = [tuple(alias.name.split(".")) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level - 1 <= len(package) else ()
                base = ("exercises", *base)
            else:
                base = ()
            module = tuple(node.module.split(".")) if node.module else ()
            names = [(*base, *module)] + [(*base, *module, alias.name) for alias in node.names]
        for parts in names:
            if len(parts) > 1 and parts[0] == "exercises":
                candidate = exercises_dir.joinpath(*parts[1:])
                for file in (candidate.with_suffix(".py"), candidate / "__init__.py"):
                    if file.is_file():
                        found.append(file)
    return found


def learner_files(exercise: Exercise) -> list[Path]:
    """The learner's file, its packages' `__init__.py`, and the exercise modules it imports, transitively."""
    exercises_dir = exercise.root / "exercises"
    mine = exercise.source("exercises")
    seen = [exercises_dir / "__init__.py", mine.parent / "__init__.py", mine]
    todo = [mine]
    while todo:
        for file in imported_exercise_modules(todo.pop(), exercises_dir):
            if file not in seen:
                seen.append(file)
                todo.append(file)
    return seen


def test_files(exercise: Exercise) -> list[Path]:
    """Its test files, and every other Python file beside them or in `tests/exercises/` (conftests, helpers)."""
    found = list(exercise.test_files())
    for folder in (exercise.root / "tests" / "exercises", found[0].parent):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        found += [folder / n for n in names if n.endswith(".py") and not n.startswith("test_")]
    return found


def of_exercise(exercise: Exercise, environment_key: bytes) -> str:
    """The exercise's fingerprint: a hex SHA-256 of everything its tests load."""
    digest = hashlib.sha256(environment_key)
    _hash_files(digest, learner_files(exercise) + test_files(exercise), exercise.root)
    return digest.hexdigest()


def of_every_exercise(catalogue: Catalogue) -> dict[str, str]:
    key = environment(catalogue)
    return {exercise.name: of_exercise(exercise, key) for exercise in catalogue.exercises}
