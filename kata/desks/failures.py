"""What went wrong in one run of a learner's test (chapter 10), located in the learner's own file."""

from __future__ import annotations

import linecache
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kata.learner.modules import CodeLocation, is_learner_file, relative


@dataclass
class Problem:
    """What went wrong in one run of a learner test."""

    text: str  # "AssertionError: assert 1 == 2", "fixture 'x' not found", ...
    location: CodeLocation | None = None
    not_started: bool = False  # NotImplementedError raised in the learner's file
    stopped: bool = False  # still running at the time limit
    setup: bool = False  # the test never started: a fixture is missing or failed


class LearnerFile:
    """The learner's test module: which frames are theirs (its tree, or the file itself wherever it lies)."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path.resolve()
        self.root = root

    def owns(self, filename: str) -> bool:
        return is_learner_file(filename, self.root) or Path(filename).resolve() == self.path

    def _location(self, frame: Any, line: int) -> CodeLocation:
        filename = frame.f_code.co_filename
        text = linecache.getline(filename, line).strip()
        return CodeLocation(relative(filename, self.root), line, frame.f_code.co_name, text)

    def in_traceback(self, tb: Any) -> CodeLocation | None:
        """The innermost traceback entry in the learner's code."""
        found = None
        while tb is not None:
            if self.owns(tb.tb_frame.f_code.co_filename):
                found = self._location(tb.tb_frame, tb.tb_lineno)
            tb = tb.tb_next
        return found

    def raised_here(self, tb: Any) -> bool:
        """True when the innermost traceback entry is the learner's code."""
        last = None
        while tb is not None:
            last, tb = tb, tb.tb_next
        return last is not None and self.owns(last.tb_frame.f_code.co_filename)

    def on_stack(self, frame: Any) -> CodeLocation | None:
        """The innermost learner-code location on a frame's stack (for code stopped mid-run)."""
        while frame is not None:
            if self.owns(frame.f_code.co_filename):
                return self._location(frame, frame.f_lineno)
            frame = frame.f_back
        return None


def problem_of(error: BaseException, learner: LearnerFile) -> Problem:
    location = learner.in_traceback(error.__traceback__)
    if isinstance(error, NotImplementedError) and learner.raised_here(error.__traceback__):
        return Problem("NotImplementedError", location, not_started=True)
    unserved = _unserved(error)
    if unserved is not None:
        return Problem(f"the desk sent {unserved}, which the test did not register with requests_mock", location)
    if isinstance(error, pytest.fail.Exception):
        return Problem(short(str(error.msg)), location)
    return Problem(short(f"{type(error).__name__}: {error}".rstrip(": ")), location)


def _unserved(error: BaseException) -> str | None:
    from requests_mock.exceptions import NoMockAddress

    if isinstance(error, NoMockAddress):
        return f"{error.request.method} {error.request.url}"
    return None


def one_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 200 else first[:197] + "..."


def short(text: str, lines: int = 12) -> str:
    kept = [line.rstrip() for line in text.strip().splitlines() if line.strip() and "use -v" not in line.lower()]
    errors = [line[1:].strip() for line in kept if line.startswith("E ")]
    chosen = errors or kept
    return "\n".join(chosen[:lines] + (["..."] if len(chosen) > lines else []))
