"""Read `catalogue.toml`, the single source of truth about the exercises.

Everything that needs the list of exercises (the pytest plugin, progress
output, the CLI, the integrity check) goes through `load()`.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CATALOGUE_FILE = "catalogue.toml"
TARGETS = ("exercises", "solutions")


class CatalogueError(Exception):
    """The catalogue is missing or malformed."""


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    lesson: str


@dataclass(frozen=True)
class Exercise:
    number: int
    name: str
    chapter: Chapter
    title: str
    concept: str
    hints: tuple[str, ...]
    root: Path = field(repr=False, compare=False)
    tests: tuple[str, ...] = ()  # its test files' names (the `tests` key); empty: the one file `test_<name>.py`

    @property
    def module(self) -> str:
        """Dotted module name inside a target tree, e.g. `ch01_first_contact.ex03_is_it_open`."""
        return f"{self.chapter.id}.{self.name}"

    def source(self, target: str = "exercises") -> Path:
        return self.root / target / self.chapter.id / f"{self.name}.py"

    def test_files(self) -> tuple[Path, ...]:
        """Every test file of the exercise, in the order they run: `test_<name>.py`, unless the catalogue's
        `tests` lists several (`test_<name>.py`, `test_<name>_<theme>.py`, ...) for a suite split by theme."""
        folder = self.root / "tests" / "exercises" / self.chapter.id
        return tuple(folder / name for name in self.tests or (f"test_{self.name}.py",))

    def test_file(self) -> Path:
        """The exercise's first test file (its only one, unless the catalogue lists several)."""
        return self.test_files()[0]

    def label(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Catalogue:
    root: Path
    chapters: tuple[Chapter, ...]
    exercises: tuple[Exercise, ...]

    def find(self, key: str | int) -> Exercise:
        """Find an exercise by number, name, or a unique prefix of its name."""
        text = str(key).strip()
        if text.isdigit():
            number = int(text)
            if 1 <= number <= len(self.exercises):
                return self.exercises[number - 1]
            raise CatalogueError(f"There is no exercise {number}: the kata has 1 to {len(self.exercises)}.")
        matches = [e for e in self.exercises if e.name == text or e.module == text]
        if not matches:
            matches = [
                e for e in self.exercises if e.name.startswith(text) or e.name.split("_", 1)[-1].startswith(text)
            ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise CatalogueError(f"No exercise matches {text!r}.")
        names = ", ".join(e.name for e in matches)
        raise CatalogueError(f"{text!r} matches several exercises: {names}.")

    def for_test_file(self, path: Path) -> Exercise | None:
        """The exercise one of whose test files is `path`, or None."""
        return self._by_test_file.get(Path(path).resolve())

    @cached_property
    def _by_test_file(self) -> dict[Path, Exercise]:
        return {path.resolve(): exercise for exercise in self.exercises for path in exercise.test_files()}


def find_root(start: Path | None = None) -> Path:
    """The kata's folder: the nearest folder at or above `start` holding `catalogue.toml`."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOGUE_FILE).is_file():
            return folder
    package_root = Path(__file__).resolve().parent.parent
    if (package_root / CATALOGUE_FILE).is_file():
        return package_root
    raise CatalogueError(f"No {CATALOGUE_FILE} found in {here} or above: run this from inside the kata's folder.")


@functools.lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    """The file's TOML, parsed once per version of it (`kata check` loads it, then its pytest run does)."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def _test_names(entry: dict[str, Any]) -> tuple[str, ...]:
    """The `tests` key of an exercise: file names `test_<name>.py` or `test_<name>_<theme>.py`, each once.

    The exercise's name starts each file's name, so that a renumbering renames them with it."""
    names = entry.get("tests", [])
    pattern = re.compile(rf"test_{re.escape(entry['name'])}(_[a-z0-9_]+)?\.py")
    if not isinstance(names, list) or not all(isinstance(n, str) and pattern.fullmatch(n) for n in names):
        raise ValueError(f"{entry['name']}: `tests` lists file names test_{entry['name']}[_<theme>].py, not {names!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"{entry['name']}: `tests` names a file twice: {names!r}")
    return tuple(names)


def load(root: Path | None = None) -> Catalogue:
    root = Path(root) if root else find_root()
    path = root / CATALOGUE_FILE
    try:
        stat = path.stat()
        data = _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"Cannot read {path}: {error}") from error
    try:
        chapters = {c["id"]: Chapter(id=c["id"], title=c["title"], lesson=c["lesson"]) for c in data["chapters"]}
        exercises = tuple(
            Exercise(
                number=index,
                name=e["name"],
                chapter=chapters[e["chapter"]],
                title=e["title"],
                concept=e["concept"],
                hints=tuple(e["hints"]),
                root=root,
                tests=_test_names(e),
            )
            for index, e in enumerate(data["exercises"], start=1)
        )
    except KeyError as error:
        raise CatalogueError(f"{path}: missing or unknown key {error}") from error
    except ValueError as error:
        raise CatalogueError(f"{path}: {error}") from error
    return Catalogue(root=root, chapters=tuple(chapters.values()), exercises=exercises)
