"""What the kata says about the learner's own tests (chapter 10), through the one voice (`kata.expect.fail`).

`checked(...)` runs the learner's tests once per pytest run and module (`kata.desks.learner_tests`); the
exercise's test file then asks `expect_sound()` (they pass against the right front desk, call it, and check
something) and `expect_caught(mistake)` (at least one of them fails against a desk with that mistake).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kata.desks.learner_tests import desks_for, run_learner_tests
from kata.desks.records import AGAIN, HOLLOW, RIGHT, Case, Results
from kata.expect import fail
from kata.front_desk import FrontDesk
from kata.learner.modules import relative
from kata.testrun.results import NotStartedYet

RESULTS_KEY = pytest.StashKey[dict]()
Mistakes = tuple[type[FrontDesk], ...]
DESK_FILE = "kata/front_desk.py"


@dataclass
class Verdict:
    results: Results
    shown: str  # the learner's file, relative to the kata

    def baseline(self) -> tuple[str, dict[str, str]] | None:
        """Why the tests cannot be judged yet (a summary and fail()'s keywords), or None when they are sound."""
        results = self.results
        if results.collect_errors:
            return (
                f"pytest cannot collect the tests in {self.shown}.",
                {"actual": results.collect_errors[0], "hint": "Fix that first: the message says where."},
            )
        right = results.of(RIGHT)
        if not right:
            return (
                f"{self.shown} has no test: pytest runs the functions whose names start with `test_`.",
                {
                    "hint": "Write functions named `test_...` that take the `requests_mock` and `front_desk` "
                    "fixtures (the docstring shows one)."
                },
            )
        waiting = self._not_started()
        if waiting:
            first = waiting[0]
            assert first.problem is not None and first.problem.location is not None
            return (f"not started yet: {self.shown}::{first.function}", {})
        for case in right:
            problem = case.problem
            if problem is None:
                continue
            at = f"\n  at {problem.location}" if problem.location else ""
            if problem.not_started:
                return (
                    f"Your test {case.name} still raises NotImplementedError.",
                    {"hint": "Write it, or delete it if your other tests say it all."},
                )
            if problem.stopped:
                return (
                    f"Your test {case.name} was stopped: {problem.text}.{at}",
                    {"hint": "Does a loop never end? A test of the front desk needs no loop that waits."},
                )
            if problem.setup:
                return (
                    f"Your test {case.name} cannot start: {_first_line(problem.text)}",
                    {
                        **({"actual": problem.text} if "\n" in problem.text.strip() else {}),
                        "hint": "Its arguments are fixtures: `requests_mock`, `front_desk`, pytest's own "
                        "(`monkeypatch`, `tmp_path`...) and those your module defines. Check the spelling.",
                        "next": "correct that test's argument that names no fixture",
                    },
                )
            if case.outcome == "failed":
                return (
                    f"Your test {case.name} fails against the front desk as it should be ({DESK_FILE}).",
                    {
                        "actual": problem.text + at + self._what_happened(case),
                        "hint": "The desk is right here: read the contract in the method's docstring, and make "
                        "the test expect what it promises.",
                    },
                )
        again = self._not_twice()
        if again is not None:
            return again
        for case in right:
            if case.variant is None:
                return (
                    f"Your test {case.name} does not take the `front_desk` fixture, so it never calls the front desk.",
                    {
                        "hint": "Add `front_desk` to its arguments and make the desk with that fixture, not with "
                        "the FrontDesk class: the kata swaps desks through the fixture.",
                        "next": "give that test the `front_desk` fixture and make its desk with it",
                    },
                )
            if not case.calls:
                return (
                    f"Your test {case.name} never calls the front desk: it cannot catch any of its mistakes.",
                    {
                        "hint": "Make the desk with the `front_desk` fixture, not with the FrontDesk class (the kata "
                        "swaps desks through the fixture), then call the method."
                    },
                )
        for case in results.of(HOLLOW):
            if case.outcome == "passed":
                return (
                    f"Your test {case.name} checks nothing: it also passes against a front desk that sends no "
                    "request and returns None.",
                    {
                        "actual": "against that desk: " + "; ".join(case.calls),
                        "hint": "Assert on what the desk returned, on what it raised (pytest's `raises`), "
                        "or on what it sent (`requests_mock.last_request`).",
                        "next": "add an assert to that test that fails against a desk which does nothing",
                    },
                )
        return None

    def _not_twice(self) -> tuple[str, dict[str, str]] | None:
        """Why the tests cannot pass twice in one import (module-level state), or None when they can."""
        for case in self.results.of(AGAIN):
            problem = case.problem
            if case.outcome != "failed" or problem is None:
                continue
            kept = self.results.kept_state[:3]
            at = f"\n  at {problem.location}" if problem.location else ""
            return (
                f"Your test {case.name} passes once against the front desk as it should be, and fails when "
                f"{self.shown} runs a second time: module-level state carries over from one run to the next"
                + (f": {'; '.join(kept)}." if kept else "."),
                {
                    "actual": "the second time: " + problem.text + at,
                    "hint": "The kata runs your tests once for every desk. Keep what a test needs inside the test "
                    "or in a fixture (pytest makes it again for each test), not in a module-level variable.",
                    "next": "move that module-level value into the test, or into a fixture",
                },
            )
        return None

    def _not_started(self) -> list[Case]:
        """The learner's tests, when every one of them still raises NotImplementedError; else none."""
        right = self.results.of(RIGHT)
        waiting = [c for c in right if c.problem is not None and c.problem.not_started]
        return waiting if right and len(waiting) == len(right) else []

    def expect_sound(self) -> None:
        __tracebackhide__ = True
        problem = self.baseline()
        if problem is not None:
            summary, keywords = problem
            if self._not_started():  # the outcome the plugin counts (kata.testrun.results), not only the words
                raise NotStartedYet(summary, pytrace=False)
            fail(
                summary,
                expected=keywords.get("expected"),
                actual=keywords.get("actual"),
                hint=keywords.get("hint"),
                cause="your tests: not sound yet",  # every test that asks finds the same: one mistake
                next_step=f"open {self.shown} and "
                + keywords.get("next", "fix the test named above first: it must pass against the desk"),
            )

    def expect_caught(self, mistake: type[FrontDesk]) -> None:
        __tracebackhide__ = True
        self.expect_sound()
        runs = self.results.of(mistake.__name__)
        if any(c.outcome == "failed" for c in runs):
            return
        shown = [f"in {c.name}: " + self._what_happened(c).strip() for c in runs[:2]]
        fail(
            f"Your tests pass against a front desk that {getattr(mistake, 'words', mistake.__name__)}.",
            expected="at least one of your tests fails against that desk",
            actual="every one of your tests passed against it; " + "\n".join(shown),
            hint=getattr(mistake, "hint", None),
            next_step=f"open {self.shown} and add an assert that fails against a desk that "
            f"{getattr(mistake, 'words', mistake.__name__)}",
        )

    @staticmethod
    def _what_happened(case: Case) -> str:
        lines = []
        if case.calls:
            lines.append("the desk was asked: " + "; ".join(case.calls[:3]))
        if case.sent:
            lines.append("it sent:\n" + case.sent)
        return ("\n" + "\n".join(lines)) if lines else ""


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "an error"


def checked(request: pytest.FixtureRequest, exercise: Any, root: Path, mistakes: Mistakes) -> Verdict:
    """The verdict on the learner's test module that the `exercise` fixture handed out, computed once per run."""
    path = Path(exercise.__file__)
    cache = request.config.stash.setdefault(RESULTS_KEY, {})
    key = (str(path), exercise.__name__)
    if key not in cache:
        seconds = float(request.config.getini("kata_time_limit"))
        cache[key] = run_learner_tests(path, root, desks_for(mistakes), seconds=seconds, name=exercise.__name__)
    return Verdict(cache[key], relative(path, root))
