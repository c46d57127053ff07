"""Every place that names an exercise agrees with catalogue.toml: what catches a half-done insertion or renaming.

`problems(root)` lists each disagreement in one line; tests/tooling/test_exercise_names.py asserts there are
none, and `tools/insert_exercise.py` runs it after its own work.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from kata.catalogue import Catalogue, load

NAME = re.compile(r"(?<![A-Za-z0-9])ex(\d{2})_[a-z0-9_]*[a-z0-9]")  # test_ex03_is_it_open holds one
DOCSTRING = re.compile(r'"""Exercise (\d+)(?:: |\b)')
TOTAL = re.compile(r"\b\d+/(\d+)(?= (?:exercises )?done)")
TOTALS_IN = ("README.md", "docs/")
NAMED_BY_PATH = ("exercises/", "solutions/", "tests/exercises/", "tests/answer_corpus/", "tests/golden/")
OWN_KATAS = ("tests/tooling/", "tests/browser/")  # tests that make up small katas of their own, names and all


def tracked(root: Path) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    return [name for name in listed.stdout.decode().split("\0") if name and (root / name).is_file()]


def problems(root: Path, catalogue: Catalogue | None = None) -> list[str]:
    """One line per place whose exercise name or number disagrees with the catalogue."""
    catalogue = catalogue or load(root)
    names = {e.name: e for e in catalogue.exercises}  # and the names of its test files, test_<name>_<theme>.py:
    names |= {path.stem.removeprefix("test_"): e for e in catalogue.exercises for path in e.test_files()}
    found: list[str] = []
    for path in tracked(root):
        if path.startswith(NAMED_BY_PATH):
            for part in path.split("/"):
                match = NAME.search(part)
                if match and match.group(0) not in names:
                    found.append(f"{path}: its name {match.group(0)} is not in catalogue.toml")
        if not path.endswith((".py", ".md", ".toml", ".txt")):
            continue
        text = (root / path).read_text(encoding="utf-8", errors="replace")
        for match in NAME.finditer(text) if not path.startswith(OWN_KATAS) else ():
            if match.group(0) not in names and _could_be_a_name(match.group(0), names):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path}:{line}: {match.group(0)} is not an exercise of catalogue.toml")
        found += _docstring_problems(path, text, names)
        if path.startswith(TOTALS_IN) or path == "README.md":
            for match in TOTAL.finditer(text):
                if int(match.group(1)) != len(catalogue.exercises):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(
                        f"{path}:{line}: a total of {match.group(1)}, the catalogue has {len(catalogue.exercises)}"
                    )
    return found


def _could_be_a_name(word: str, names: dict[str, object]) -> bool:
    """`ex03_is_it_open` with a stale number: a slug the catalogue knows, not a made-up word in a test."""
    slug = word.split("_", 1)[1]
    return any(name.split("_", 1)[1] == slug for name in names)


def _docstring_problems(path: str, text: str, names: dict) -> list[str]:  # type: ignore[type-arg]
    """The first line of an exercise's stub, solution and test files says its number."""
    stem = Path(path).stem.removeprefix("test_")
    exercise = names.get(stem)
    if exercise is None or not path.startswith(("exercises/", "solutions/", "tests/exercises/")):
        return []
    match = DOCSTRING.match(text)
    if match is None or int(match.group(1)) != exercise.number:
        said = match.group(1) if match else "no number"
        return [f"{path}:1: its docstring says exercise {said}; it is exercise {exercise.number}"]
    return []
