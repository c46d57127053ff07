"""What to say when learner code goes wrong: a short message naming the file and line, and what it means.

`explain_learner_error` turns an exception that came out of learner code into
an `Explained`: the learner's message and the test's outcome (a stub that was
not started yet, or code that fails), decided from the exception, never from
the message's wording.
"""

from __future__ import annotations

import linecache
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kata.learner.modules import CodeLocation, is_learner_file, last_learner_frame, relative
from kata.learner.time_limit import TimeLimitExceeded
from kata.testrun.results import FAILING, NOT_STARTED, Outcome


@dataclass(frozen=True)
class Explained:
    outcome: Outcome
    message: str


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


def explain_learner_error(error: BaseException, root: Path) -> Explained | None:
    """The learner-facing message and outcome for an exception from learner code; None to keep pytest's own."""
    if isinstance(error, TimeLimitExceeded):
        where = _frame_location(error.frame, root)
        at = f"\n  it was busy at {where}" if where else ""
        return Explained(
            FAILING,
            f"Your code was stopped: it was {error}.{at}\n"
            "  hint: Does a loop never end? A polling loop needs a deadline, and every request needs a `timeout=`.",
        )
    location = last_learner_frame(error.__traceback__, root)
    if location is None:
        return None
    if isinstance(error, NotImplementedError) and _raised_in_learner_code(error, root):
        return Explained(NOT_STARTED, f"not started yet: {location.file}::{location.function}")
    if isinstance(error, pytest.fail.Exception):  # a test's stand-in (sleep, clock, kitchen) failed the test
        return Explained(FAILING, f"{error.msg}\n  at {location}")
    return Explained(FAILING, "Your code " + describe_learner_exception(error, root))


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
