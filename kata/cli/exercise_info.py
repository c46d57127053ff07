"""What the CLI reads about an exercise without running it: paths to show and the task in short."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kata.catalogue import Catalogue, Exercise, load

MAX_TASK_LINES = 12
_HEADING = re.compile(r"^-{3,}\s*$")


def catalogue() -> Catalogue:
    return load()


def shown(path: Path, catalogue: Catalogue) -> str:
    """A path as the learner types it: relative to the kata's root, with forward slashes."""
    try:
        return path.resolve().relative_to(catalogue.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def docstring(exercise: Exercise) -> str | None:
    """The module docstring of the learner's file, read without running it (None if it cannot be read)."""
    try:
        tree = ast.parse(exercise.source("exercises").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    return ast.get_docstring(tree)


def task_in_short(exercise: Exercise) -> str | None:
    """The start of the docstring's "Your task" section: its first paragraph, and the list it announces."""
    text = docstring(exercise)
    if not text:
        return None
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().lower() == "your task") + 1
    except StopIteration:
        return None
    if start < len(lines) and _HEADING.match(lines[start]):
        start += 1
    blocks: list[list[str]] = [[]]
    for line in lines[start:]:
        if _HEADING.match(line) or line.startswith("Read:"):
            break
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if not blocks:
        return None
    kept = list(blocks[0])
    index = 1
    while kept[-1].endswith(":") and index < len(blocks):
        kept += blocks[index]
        index += 1
    if len(kept) > MAX_TASK_LINES:
        kept = [*kept[:MAX_TASK_LINES], "..."]
    return "\n".join(kept)
