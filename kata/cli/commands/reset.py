"""`kata reset EXERCISE [--yes]`: put the stub back as it was, keeping your version in `.kata/backups/`.

The stub comes from `.kata/pristine/<path>` when that copy exists (a kata
handed out without git), otherwise from git: the file as of the last commit,
with the line endings of this checkout (`git cat-file --filters`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from kata import host
from kata.catalogue import Catalogue, Exercise
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.memory import STATE_DIR, Memory
from kata.cli.output import Output


def original(catalogue: Catalogue, exercise: Exercise) -> tuple[bytes, str] | None:
    """The stub's original content and where it came from; None when there is no copy of it."""
    relative = shown(exercise.source("exercises"), catalogue)
    pristine = catalogue.root / STATE_DIR / "pristine" / relative
    if pristine.is_file():
        return pristine.read_bytes(), shown(pristine, catalogue)
    try:
        found = host.call(  # a child process run: Ctrl+C is never held for its 30 s (Windows)
            lambda: subprocess.run(
                ["git", "cat-file", "--filters", f"HEAD:{relative}"],
                cwd=str(catalogue.root),
                capture_output=True,
                timeout=30,
            )
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if found.returncode != 0:
        return None
    return found.stdout, "git (the last commit)"


def confirm(question: str) -> bool:
    print(f"{question} [y/N] ", end="", flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    if not answer:
        print()
    return answer.strip().lower() in ("y", "yes")


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    exercise = catalogue.find(args.exercise)
    path = exercise.source("exercises")
    name = shown(path, catalogue)
    found = original(catalogue, exercise)
    if found is None:
        out.line(out.bad(f"The original of {name} cannot be found: it is not in git's last commit."))
        out.line(
            f"  fix: put the untouched file in {STATE_DIR}/pristine/{name} (e.g. from a fresh download of the kata)"
        )
        return 2
    content, source = found
    current = path.read_bytes() if path.is_file() else None
    if current == content:
        out.line(f"{name} is already the untouched stub: nothing to reset.")
        return 0
    if not args.yes and not confirm(
        f"Reset exercise {exercise.number} ({exercise.title}): put the stub back in {name}?"
    ):
        out.line("Nothing changed.")
        return 1
    if current is not None:
        backup = Memory(catalogue.root).backup(exercise, current)
        out.line(f"Your version is kept in {out.code(shown(backup, catalogue))}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    out.line(
        out.good(f"{name} is the stub again")
        + f" (from {source}). Fresh start: {out.command(f'check {exercise.number}')}"
    )
    return 0
