"""The learner's modules: imported on demand, and handed to the tests with every call time-limited.

An exercise module is imported by the `exercise` fixture, never at the top of
a test file: a syntax error, an import error or an exception at import time in
one exercise then fails only that exercise's tests. `ExerciseModule` is the
module as tests see it: its own functions come back wrapped in a time limit, its
classes so that their instances' methods do (kata.learner.classes).
"""

from __future__ import annotations

import importlib
import inspect
import linecache
import sys
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import pytest

from kata.catalogue import TARGETS, Exercise
from kata.learner.classes import LimitedClass, hands_out_limited
from kata.learner.time_limit import TimeLimitExceeded, run_with_time_limit, time_limited


class ExerciseBroken(Exception):
    """The exercise module cannot be imported; the message says where and why, `next_step` what to do there."""

    def __init__(self, message: str, next_step: str | None = None) -> None:
        super().__init__(message)
        self.next_step = next_step


@dataclass(frozen=True)
class CodeLocation:
    file: str  # relative to the kata root, with forward slashes
    line: int
    function: str
    text: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}, in {self.function}"
        return f"{where}\n    {self.text}" if self.text else where


def relative(path: str | Path, root: Path) -> str:
    """`path` relative to the kata root, with forward slashes (or as it is, when outside)."""
    return _relative(str(path), str(root))


@lru_cache(maxsize=1024)
def _relative(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path


LEARNER_TREES = (*(f"{target}/" for target in TARGETS), "tests/answer_corpus/ex")  # the corpus stands in for solutions


def is_learner_file(path: str, root: Path) -> bool:
    """True for files of the exercise trees (the learner's, the reference code, the corpus of answers)."""
    return relative(path, root).startswith(LEARNER_TREES)


def last_learner_frame(tb: TracebackType | None, root: Path) -> CodeLocation | None:
    """The innermost traceback entry that lies in learner code."""
    found = None
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if is_learner_file(filename, root):
            text = linecache.getline(filename, line).strip()
            found = CodeLocation(relative(filename, root), line, frame.f_code.co_name, text)
    return found


def import_exercise(exercise: Exercise, target: str, *, seconds: float) -> ModuleType:
    """Import `<target>.<chapter>.<name>`; raise ExerciseBroken with a short, located message."""
    root = exercise.root
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    name = f"{target}.{exercise.module}"
    source = exercise.source(target)
    shown = relative(source, root)
    if not source.is_file():
        raise ExerciseBroken(
            f"{shown} is missing. Restore it from git (or `kata reset {exercise.number}`).",
            "restore the file as the line above says",
        )
    try:
        return run_with_time_limit(importlib.import_module, name, seconds=seconds)
    except Exception as error:
        raise broken(error, shown, root) from None


def broken(error: Exception, shown: str, root: Path) -> ExerciseBroken:
    """Why the learner's file `shown` cannot be imported (`error` raised while importing it), and where to look."""
    if isinstance(error, SyntaxError):
        where = relative(error.filename or shown, root)
        text = (error.text or "").rstrip("\n")
        caret = ""
        if text and error.offset:
            stripped = text.lstrip()
            caret = "\n    " + " " * max(error.offset - 1 - (len(text) - len(stripped)), 0) + "^"
            text = stripped
        detail = f"\n    {text}{caret}" if text else ""
        return ExerciseBroken(
            f"{where}, line {error.lineno}: Python cannot read this file "
            f"({type(error).__name__}: {error.msg}).{detail}",
            f"open {where} at line {error.lineno} and correct what Python cannot read there (or just before it)",
        )
    if isinstance(error, TimeLimitExceeded):
        return ExerciseBroken(
            f"{shown}: importing the file did not finish ({error}). Is there code at the top level that never ends?",
            f"open {shown} and find the code outside any function that never ends",
        )
    location = last_learner_frame(error.__traceback__, root)
    where = str(location) if location else shown
    at = f"{location.file} at line {location.line}" if location else shown
    what = "check the name it imports" if isinstance(error, ImportError) else "fix what that line does"
    return ExerciseBroken(
        f"{shown} fails as soon as it is imported: {type(error).__name__}: {error}\n  at {where}",
        f"open {at} and {what}",
    )


class ExerciseModule:
    """Attribute access to the module under test; its own functions come back time-limited."""

    def __init__(self, module: ModuleType, exercise: Exercise, target: str, seconds: float) -> None:
        self._module = module
        self._exercise = exercise
        self._target = target
        self._seconds = seconds

    def __repr__(self) -> str:
        return f"<exercise {self._exercise.number} from {self._target}/: {self._module.__name__}>"

    def __getattr__(self, name: str) -> Any:
        __tracebackhide__ = True
        missing = object()
        value = getattr(self._module, name, missing)
        if value is missing:  # failed outside an `except`: no "During handling of the above exception" above it
            shown = relative(self._exercise.source(self._target), self._exercise.root)
            pytest.fail(
                f"{shown} has no `{name}`. The tests call it by that name: did it get renamed or deleted?",
                pytrace=False,
            )
        if inspect.isfunction(value) and value.__module__ == self._module.__name__:
            return time_limited(value, self._seconds)
        if hands_out_limited(value, self._module.__name__):
            return LimitedClass(value, self._seconds)
        return value
