"""Focused output for the learner's run: progress, then only the first unfinished exercise.

All tests run (so progress is real), but the failure section shows only the
failures of the first unfinished exercise in catalogue order, with its title
and how to get a hint. `--no-focus` shows everything. Solutions runs are
never focused: the project wants to see every failure. It reads the run's
`Results` (kata.testrun.results) and the outcome each report is marked with.
"""

from __future__ import annotations

from typing import Any, Generator

import pytest

from kata.catalogue import Catalogue, Exercise
from kata.command_line import kata_command
from kata.notepad import record as notepad
from kata.testrun.results import NOT_RUN, Results, exercise_of, outcome_of

NOT_RUN_MESSAGE = "Not run: an earlier test of this exercise was stopped"


def add_options(group: Any) -> None:
    group.addoption(
        "--no-focus",
        dest="kata_focus",
        action="store_false",
        default=True,
        help="show every failure, not only those of the first unfinished exercise",
    )


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
    """A pytest plugin object; registered by `kata.testrun.plugin` in `pytest_configure`."""

    def __init__(self, config: pytest.Config, catalogue: Catalogue, target: str) -> None:
        self.catalogue = catalogue
        self.enabled = target == "exercises" and bool(config.getoption("kata_focus"))
        self.results: Results | None = None

    def pytest_kata_results(self, config: pytest.Config, results: Results) -> None:
        self.results = results

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        """No dot or F per test in the learner's run: the progress line below says it better."""
        if not self.enabled or exercise_of(report) is None:
            return None
        if report.when == "call" or report.failed:
            category = report.outcome if report.when == "call" or report.passed else "error"
            return category, "", category.upper()
        return "", "", ""

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> Generator[None, None, None]:
        results = self.results
        if not self.enabled or results is None or not results.exercises:
            yield
            return
        focus = results.first_unfinished(self.catalogue, unknown_is_unfinished=False)
        hidden = {}
        if focus is not None:
            for key in ("failed", "error"):
                reports = terminalreporter.stats.get(key, [])
                hidden[key] = reports
                mine = [r for r in reports if exercise_of(r) == focus.name]
                terminalreporter.stats[key] = distinct_failures(mine)
            if terminalreporter.stats["failed"]:  # the stopped test says why; its "not run" followers need not
                errors = terminalreporter.stats["error"]
                terminalreporter.stats["error"] = [r for r in errors if outcome_of(r) != NOT_RUN]
            terminalreporter.write_sep("=", f"exercise {focus.number}: {focus.title}", bold=True)
        try:
            yield
        finally:
            terminalreporter.stats.update(hidden)
            self._write_progress(terminalreporter, results, focus)

    def _write_progress(self, tr: Any, results: Results, focus: Exercise | None) -> None:
        total = len(self.catalogue.exercises)
        done = results.done_count()
        colour = {"green": True} if focus is None else {"yellow": True}
        tr.write_line("")
        ran = len(results.exercises)
        if results.whole_kata and ran < total:  # a path or -k chose part of the kata: its figures, labelled so
            tr.write_line(
                f"Progress of this run ({ran} of the kata's {total} exercises): {done}/{ran} done "
                f"{progress_bar(done, ran)}",
                bold=True,
                **colour,
            )
            tr.write_line(f"  part of the kata ran: `{kata_command('')}` shows the whole kata's progress")
        elif results.whole_kata:
            tr.write_line(f"Progress: {done}/{total} exercises done {progress_bar(done, total)}", bold=True, **colour)
        if focus is None:
            if results.whole_kata and done == ran < total:
                tr.write_line("Every exercise of this run passes.", green=True)
            elif done == total:
                tr.write_line("Every exercise passes. The kitchen salutes you!", green=True)
            return
        source = focus.source("exercises").relative_to(self.catalogue.root).as_posix()
        tr.write_line(f"Next: exercise {focus.number}, {focus.title}", bold=True)
        tr.write_line(f"  open:    {source}")
        tr.write_line(f"  idea:    {focus.concept}")
        tr.write_line(f"  lesson:  {focus.chapter.lesson}")
        tr.write_line(f"  stuck?   `{kata_command(f'hint {focus.number}')}` shows a hint")
        for line in notepad.pointer(tr, focus):  # the waiter's notepad: what the failing test sent and got
            tr.write_line(line)
