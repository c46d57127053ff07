"""The one record of a run's results: each test's outcome, each exercise's state, in one vocabulary.

The plugin marks every test report with its exercise and its outcome when it
makes the report (`mark`), from what happened (the stub's NotImplementedError,
a module that cannot be imported, a test stopped by the time limit), never
from a message's wording. The `Tally` adds them up per exercise and hands the
`Results` to every reader through the `pytest_kata_results` hook when the
session ends: the focused output, the CLI's results file, the workshop report.
The CLI reads the same record back from that file (`Results.from_json`).

The exercise states are the workshop board's too (`mock_server.workshop`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Sequence, cast

import pytest

from kata.catalogue import Catalogue, Exercise
from kata.testrun.states import DONE, State, state_of

# One test's outcome.
Outcome = Literal["passing", "failing", "not started", "broken", "not run"]
PASSING: Outcome = "passing"
FAILING: Outcome = "failing"
NOT_STARTED: Outcome = "not started"  # the learner's stub still raises NotImplementedError
BROKEN: Outcome = "broken"  # the learner's module cannot be imported
NOT_RUN: Outcome = "not run"  # an earlier test of the exercise was stopped by the time limit


EXERCISE_PROPERTY = "kata_exercise"  # report.user_properties keys
OUTCOME_PROPERTY = "kata_outcome"
MISTAKE_PROPERTY = (
    "kata_mistake"  # the cause of a failure: failures of one exercise with the same cause are one mistake
)
HINT_PROPERTY = "kata_hint"  # the hint block the failure's message ends with (printed once per run)
KITCHEN_PROPERTY = "kata_kitchen_spoke"  # true when the failure's message carries the kitchen's own words
NEXT_PROPERTY = "kata_next_step"  # the one action the failure ends with, decided where the test failed


class NotStartedYet(pytest.fail.Exception):  # type: ignore[name-defined]
    """Fails a test as not started yet, for a check that finds the stub untouched itself (chapter 10's verdict)."""


def mark(report: pytest.TestReport, outcome: Outcome) -> None:
    report.user_properties.append((OUTCOME_PROPERTY, outcome))


def mark_mistake(
    report: pytest.TestReport, cause: str, hint: str | None, kitchen_spoke: bool, next_step: str | None = None
) -> None:
    """Record what a failure shows: its cause (decided where the test failed), its hint, the kitchen's words, and
    its next step."""
    report.user_properties.append((MISTAKE_PROPERTY, cause))
    if next_step:
        report.user_properties.append((NEXT_PROPERTY, next_step))
    if hint:
        report.user_properties.append((HINT_PROPERTY, hint))
    if kitchen_spoke:
        report.user_properties.append((KITCHEN_PROPERTY, True))


def _property(report: Any, name: str) -> Any:
    return dict(getattr(report, "user_properties", ())).get(name)


@dataclass
class Mistake:
    """One mistake of an exercise: the failure shown for it, and the other failures with the same cause."""

    cause: str
    shown: Any  # the report whose message is shown
    like_it: list[Any] = field(default_factory=list)  # the other reports, folded into the shown one

    @property
    def hint(self) -> str | None:
        """The hint the shown failure ends with, else the first of the failures like it (none after the kitchen's)."""
        for report in [self.shown, *self.like_it]:
            found = _property(report, HINT_PROPERTY)
            if isinstance(found, str):
                return found
        return None

    @property
    def next_step(self) -> str | None:
        """The action the shown failure ends with (None: the test failed outside the one voice)."""
        found = _property(self.shown, NEXT_PROPERTY)
        return found if isinstance(found, str) else None

    @property
    def kitchen_spoke(self) -> bool:
        return bool(_property(self.shown, KITCHEN_PROPERTY))


def mistakes(reports: Sequence[Any]) -> list[Mistake]:
    """Failed reports folded by cause, in order: one `Mistake` per cause (a report without one is its own).

    The failure shown is the first whose message carries the kitchen's own words, else the first.
    """
    found: dict[str, Mistake] = {}
    for report in reports:
        cause = _property(report, MISTAKE_PROPERTY)
        key = f"{exercise_of(report)}: {cause}" if isinstance(cause, str) else f"test: {report.nodeid}"
        if key not in found:
            found[key] = Mistake(key, report)
            continue
        mistake = found[key]
        if _property(report, KITCHEN_PROPERTY) and not _property(mistake.shown, KITCHEN_PROPERTY):
            mistake.like_it.insert(0, mistake.shown)
            mistake.shown = report
        else:
            mistake.like_it.append(report)
    return list(found.values())


def outcome_of(report: Any) -> Outcome | None:
    found = dict(getattr(report, "user_properties", ())).get(OUTCOME_PROPERTY)
    return cast(Outcome, found) if isinstance(found, str) else None


def exercise_of(report: Any) -> str | None:
    """The name of the exercise whose test made this report (None for other tests)."""
    found = dict(getattr(report, "user_properties", ())).get(EXERCISE_PROPERTY)
    return found if isinstance(found, str) else None


@dataclass
class ExerciseResult:
    """One exercise's tally in one run."""

    passed: int = 0
    failed: int = 0  # failing, broken or not run
    not_started: int = 0

    @property
    def state(self) -> State:
        return state_of(self.failed, self.not_started)

    @property
    def tests(self) -> int:
        return self.passed + self.failed + self.not_started

    def add(self, outcome: Outcome) -> None:
        if outcome == PASSING:
            self.passed += 1
        elif outcome == NOT_STARTED:
            self.not_started += 1
        else:
            self.failed += 1


@dataclass
class Results:
    """Exercise name -> its result, for the exercises a run covered; `whole_kata` if it covered them all."""

    exercises: dict[str, ExerciseResult] = field(default_factory=dict)
    whole_kata: bool = True
    exitstatus: int = 0

    def state(self, exercise: Exercise) -> State | None:
        """The exercise's state, None when no test of it ran."""
        found = self.exercises.get(exercise.name)
        return found.state if found is not None else None

    def first_unfinished(self, catalogue: Catalogue, *, unknown_is_unfinished: bool = True) -> Exercise | None:
        """The first exercise in catalogue order that is not done (with False, among those that ran only)."""
        for exercise in catalogue.exercises:
            state = self.state(exercise)
            if state != DONE and (state is not None or unknown_is_unfinished):
                return exercise
        return None

    def done_count(self) -> int:
        return sum(1 for result in self.exercises.values() if result.state == DONE)

    def states(self) -> dict[str, State]:
        return {name: result.state for name, result in self.exercises.items()}

    def to_json(self) -> dict[str, Any]:
        return {
            "exitstatus": self.exitstatus,
            "whole_kata": self.whole_kata,
            "exercises": {
                name: {"passed": r.passed, "failed": r.failed, "not_started": r.not_started, "state": r.state}
                for name, r in self.exercises.items()
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> Results:
        data = data if isinstance(data, dict) else {}
        found = {
            str(name): ExerciseResult(int(r.get("passed", 0)), int(r.get("failed", 0)), int(r.get("not_started", 0)))
            for name, r in dict(data.get("exercises", {})).items()
        }
        return cls(found, bool(data.get("whole_kata", True)), int(data.get("exitstatus", 0)))


class ResultsHooks:
    @pytest.hookspec
    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        """The run's results, once its tests are done (at `pytest_sessionfinish`)."""


def add_options(group: Any) -> None:
    group.addoption(
        "--kata-one",
        dest="kata_one",
        action="store_true",
        help="the run covers a single exercise: it cannot tell the progress of the whole kata",
    )


class Tally:
    """A pytest plugin object: adds up the marked reports per exercise, in catalogue order."""

    def __init__(self, config: pytest.Config, exercises: Sequence[Exercise]) -> None:
        self.config = config
        self.order = {exercise.name: exercise.number for exercise in exercises}
        self.results = Results(whole_kata=not config.getoption("kata_one"))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name, outcome = exercise_of(report), outcome_of(report)
        if name is None or outcome is None:
            return
        if name not in self.results.exercises:
            self.results.exercises[name] = ExerciseResult()
            ordered = sorted(self.results.exercises.items(), key=lambda item: self.order.get(item[0], 0))
            self.results.exercises = dict(ordered)
        self.results.exercises[name].add(outcome)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.results.exitstatus = int(exitstatus)
        self.config.hook.pytest_kata_results(config=self.config, results=self.results)
