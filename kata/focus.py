"""Focused output for the learner's run: progress, then only the first unfinished exercise.

All tests run (so progress is real), but the failure section shows only the
failures of the first unfinished exercise in catalogue order, with its title
and how to get a hint. `--no-focus` shows everything. Solutions runs are
never focused: the project wants to see every failure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Generator

import pytest

from kata.catalogue import Catalogue, Exercise
from kata.command_line import kata_command

NOT_STARTED = "not started yet:"
NOT_RUN = "Not run: an earlier test of this exercise was stopped"


@dataclass
class ExerciseResult:
    passed: int = 0
    failed: int = 0
    not_started: int = 0

    @property
    def state(self) -> str:
        if self.failed == 0 and self.not_started == 0:
            return "done"
        if self.failed == 0:
            return "not started"
        return "in progress"


def progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "." * (width - filled) + "]"


def distinct_failures(reports: list[Any]) -> list[Any]:
    """The first report of each distinct message: one "not started yet" or one syntax error says it all."""
    seen: set[str] = set()
    kept = []
    for report in reports:
        text = str(report.longrepr)
        if text not in seen:
            seen.add(text)
            kept.append(report)
    return kept


class FocusReporter:
    """A pytest plugin object; registered by `kata.pytest_plugin`."""

    def __init__(self, config: pytest.Config, catalogue: Catalogue, target: str) -> None:
        self.config = config
        self.catalogue = catalogue
        self.enabled = target == "exercises" and config.getoption("kata_focus")
        self.results: dict[int, ExerciseResult] = defaultdict(ExerciseResult)
        self._by_nodeid: dict[str, Exercise] = {}
        # False when the run covers one exercise (`kata check N`): it cannot know the kata-wide progress.
        self.whole_kata = True

    def track(self, nodeid: str, exercise: Exercise) -> None:
        """Count the results of test `nodeid` towards `exercise`."""
        self._by_nodeid[nodeid] = exercise

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        exercise = self._by_nodeid.get(report.nodeid)
        if exercise is None:
            return
        result = self.results[exercise.number]
        if report.failed:
            if NOT_STARTED in str(report.longrepr):
                result.not_started += 1
            else:
                result.failed += 1
        elif report.when == "call" and report.passed:
            result.passed += 1

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        """No dot or F per test in the learner's run: the progress line below says it better."""
        if not self.enabled or report.nodeid not in self._by_nodeid:
            return None
        if report.when == "call" or report.failed:
            category = report.outcome if report.when == "call" or report.passed else "error"
            return category, "", category.upper()
        return "", "", ""

    def first_unfinished(self) -> Exercise | None:
        for exercise in self.catalogue.exercises:
            result = self.results.get(exercise.number)
            if result is not None and result.state != "done":
                return exercise
        return None

    def done_count(self) -> int:
        return sum(1 for r in self.results.values() if r.state == "done")

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> Generator[None, None, None]:
        if not self.enabled or not self.results:
            yield
            return
        focus = self.first_unfinished()
        hidden = {}
        if focus is not None:
            for key in ("failed", "error"):
                reports = terminalreporter.stats.get(key, [])
                hidden[key] = reports
                terminalreporter.stats[key] = [r for r in reports if self._by_nodeid.get(r.nodeid) == focus]
            for key in ("failed", "error"):
                terminalreporter.stats[key] = distinct_failures(terminalreporter.stats[key])
            if terminalreporter.stats["failed"]:  # the stopped test says why; its "not run" followers need not
                terminalreporter.stats["error"] = [
                    r for r in terminalreporter.stats["error"] if not str(r.longrepr).startswith(NOT_RUN)
                ]
            terminalreporter.write_sep("=", f"exercise {focus.number}: {focus.title}", bold=True)
        try:
            yield
        finally:
            terminalreporter.stats.update(hidden)
            self._write_progress(terminalreporter, focus)

    def _write_progress(self, tr: Any, focus: Exercise | None) -> None:
        total = len(self.catalogue.exercises)
        done = self.done_count()
        colour = {"green": True} if focus is None else {"yellow": True}
        tr.write_line("")
        if self.whole_kata:
            tr.write_line(f"Progress: {done}/{total} exercises done {progress_bar(done, total)}", bold=True, **colour)
        if focus is None:
            if done == total:
                tr.write_line("Every exercise passes. The kitchen salutes you!", green=True)
            return
        source = focus.source("exercises").relative_to(self.catalogue.root).as_posix()
        tr.write_line(f"Next: exercise {focus.number}, {focus.title}", bold=True)
        tr.write_line(f"  open:    {source}")
        tr.write_line(f"  idea:    {focus.concept}")
        tr.write_line(f"  lesson:  {focus.chapter.lesson}")
        tr.write_line(f"  stuck?   `{kata_command(f'hint {focus.number}')}` shows a hint")
