"""The learner's module as tests see it, and what to say when learner code goes wrong.

`ExerciseModule` hands out the module's functions wrapped so that each call
runs with a time limit, and its classes so that their instances' methods do.
`explain_learner_error` turns an exception that came out of learner code into
a short message naming the file and line.
"""

from __future__ import annotations

import inspect
import linecache
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kata.catalogue import Exercise
from kata.guard import TimeLimitExceeded
from kata.learner_classes import LimitedClass, hands_out_limited, time_limited
from kata.learner_code import CodeLocation, is_learner_file, last_learner_frame, relative


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


def _frame_location(frame: Any, root: Path) -> CodeLocation | None:
    """The innermost learner-code location on a frame's stack (for code stopped mid-run)."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if is_learner_file(filename, root):
            line = frame.f_lineno
            return CodeLocation(
                relative(filename, root), line, frame.f_code.co_name, linecache.getline(filename, line).strip()
            )
        frame = frame.f_back
    return None


def explain_learner_error(error: BaseException, root: Path) -> str | None:
    """A learner-facing message for an exception from learner code, or None to keep pytest's own."""
    if isinstance(error, TimeLimitExceeded):
        where = _frame_location(error.frame, root)
        at = f"\n  it was busy at {where}" if where else ""
        return (
            f"Your code was stopped: it was {error}.{at}\n"
            "  hint: Does a loop never end? A polling loop needs a deadline, and every request needs a `timeout=`."
        )
    location = last_learner_frame(error.__traceback__, root)
    if location is None:
        return None
    if isinstance(error, NotImplementedError) and _raised_in_learner_code(error, root):
        return f"not started yet: {location.file}::{location.function}"
    if isinstance(error, pytest.fail.Exception):  # a test's stand-in (sleep, clock, kitchen) failed the test
        return f"{error.msg}\n  at {location}"
    return "Your code " + describe_learner_exception(error, root)


def describe_learner_exception(error: BaseException, root: Path) -> str:
    """ "raised KeyError: 'items' at <file, line>", or what an unserved request was, for a message."""
    location = last_learner_frame(error.__traceback__, root)
    at = f"\n  at {location}" if location else ""
    unserved = _unserved_request(error)
    if unserved is not None:
        return (
            f"sent {unserved}: an address this test's kitchen does not serve.{at}\n"
            "  Check the method and the path against the exercise's docstring (and the kitchen's docs page)."
        )
    return f"raised {type(error).__name__}: {error}{at}"


def _raised_in_learner_code(error: BaseException, root: Path) -> bool:
    frames = list(traceback.walk_tb(error.__traceback__))
    return bool(frames) and is_learner_file(frames[-1][0].f_code.co_filename, root)


def _unserved_request(error: BaseException) -> str | None:
    try:
        from requests_mock.exceptions import NoMockAddress
    except ImportError:  # pragma: no cover
        return None
    if isinstance(error, NoMockAddress):
        return f"{error.request.method} {error.request.url}"
    return None
