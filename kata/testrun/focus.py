"""Focused output for the learner's run: progress, then only the first unfinished exercise.

All tests run (so progress is real), but the failure section shows only the
failures of the first unfinished exercise in catalogue order, with its title
and how to get a hint. `--no-focus` shows everything. Solutions runs are
never focused: the project wants to see every failure. It reads the run's
`Results` (kata.testrun.results) and the outcome each report is marked with.
"""

from __future__ import annotations

import copy
import re
import textwrap
from typing import Any, Generator

import pytest

from kata.catalogue import Catalogue, Exercise
from kata.command_line import kata_command
from kata.notepad import record as notepad
from kata.testrun.results import BROKEN, NOT_RUN, NOT_STARTED, Mistake, Results, exercise_of, mistakes, outcome_of

WIDTH = 100  # columns a focused message keeps within (a longer line is wrapped under its value)
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


def cases_text(shown: Any, reports: list[Any]) -> str:
    """The tests folded into a shown one, as a learner reads them: `vegetarian, all three` (cases of its test),
    or `sends exactly the filters given: vegetarian, all three` (cases of another test)."""
    by_test: dict[str, list[str]] = {}
    for report in reports:
        name = report.nodeid.rsplit("::", 1)[-1]
        test, _, case = name.partition("[")
        by_test.setdefault(test, []).append(case.removesuffix("]"))
    own = shown.nodeid.rsplit("::", 1)[-1].partition("[")[0]
    parts = []
    for test, cases in by_test.items():
        words = test.removeprefix("test_").replace("_", " ")
        named = [case for case in cases if case]
        shown_cases = ", ".join(named[:4]) + (", ..." if len(named) > 4 else "")
        if test == own and named:
            parts.append(shown_cases)
        else:
            parts.append(f"{words}: {shown_cases}" if named else words)
    return "; ".join(parts)


def _is_message(longrepr: Any) -> bool:
    """A failure told in a message (`pytest.fail(..., pytrace=False)`), not a traceback."""
    return isinstance(longrepr, str) or getattr(getattr(longrepr, "reprtraceback", None), "style", None) == "value"


def shown_reports(found: list[Mistake], hints_shown: set[str], source: str, check: str) -> list[Any]:
    """One report per mistake, its message naming the cases folded into it; each hint once; one next step: the
    mistake's own (kata.learner.next_step), else to open the learner's file (`source`); then `check` again."""
    open_step = f"open {source} and compare what it does with what the test expects above"
    shown = []
    for mistake in found:
        report = copy.copy(mistake.shown)
        if not _is_message(report.longrepr):  # pytest's own report of a failure (a traceback): left as it is
            shown.append(report)
            continue
        text = report.longreprtext
        hint = mistake.hint
        if hint and text.endswith(hint):
            text = text[: -len(hint)].rstrip("\n")
        lines = [text]
        if mistake.like_it:
            more = len(mistake.like_it)
            lines.append(
                f"  and {more} more case{'s' if more > 1 else ''} like it: {cases_text(report, mistake.like_it)}"
            )
        if hint and hint not in hints_shown and not mistake.kitchen_spoke:  # the kitchen's own hint is said
            hints_shown.add(hint)
            lines.append(hint)
        outcome = outcome_of(mistake.shown)
        if outcome != NOT_STARTED and (outcome != BROKEN or mistake.next_step):  # a broken file: where, if known
            step = mistake.next_step or open_step
            step = step if step.startswith("open ") else f"open {source} and {step}"  # the action alone: where
            lines.append(f"  next: {step}; then {check}.")
        report.longrepr = wrapped_text("\n".join(lines))
        report.sections = [(title, wrapped_text(content)) for title, content in report.sections]
        shown.append(report)
    return shown


def wrapped_text(text: str) -> str:
    """Every line of `text` within WIDTH columns: the one place the learner's screen is wrapped."""
    return "\n".join(wrapped(line) for line in text.splitlines())


def wrapped(line: str, width: int = WIDTH) -> str:
    """A message line within `width` columns, its continuation under its value (`  got:      ...`)."""
    if len(line) <= width:
        return line
    match = re.match(r"(\s*(?:[a-z ]+:\s+)?)", line)
    indent = " " * len(match.group(1)) if match else ""
    if len(indent) > width // 2:
        indent = "    "
    return (
        "\n".join(textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False))
        or line
    )


class FocusReporter:
    """A pytest plugin object; registered by `kata.testrun.plugin` in `pytest_configure`."""

    def __init__(self, config: pytest.Config, catalogue: Catalogue, target: str) -> None:
        self.catalogue = catalogue
        self.enabled = target == "exercises" and bool(config.getoption("kata_focus"))
        self.results: Results | None = None
        self.counted = (0, 0)  # the focused exercise's failed tests, and the mistakes shown for them

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
        self.counted = (0, 0)
        self.shown_ids: list[str] = []  # the tests whose blocks are shown, in order: the notepad line names the first
        if focus is not None:
            hints: set[str] = set()
            source = focus.source("exercises").relative_to(self.catalogue.root).as_posix()
            check = f"run `{kata_command(f'check {focus.number}')}`"
            failed = 0
            folded = 0
            for key in ("failed", "error"):
                reports = terminalreporter.stats.get(key, [])
                hidden[key] = reports
                mine = [r for r in reports if exercise_of(r) == focus.name]
                if key == "error" and terminalreporter.stats["failed"]:
                    mine = [r for r in mine if outcome_of(r) != NOT_RUN]  # the stopped test says why
                found = mistakes(mine)
                self.shown_ids += [mistake.shown.nodeid for mistake in found]
                failed += len(mine)
                folded += len(found)
                terminalreporter.stats[key] = shown_reports(found, hints, source, check)
            self.counted = (failed, folded)
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
        failed, shown = self.counted
        if failed > shown:
            tests = f"{failed} tests" if failed > 1 else "1 test"
            tr.write_line(
                f"{tests} failed: {shown} mistake{'s' if shown > 1 else ''} shown (the cases like it are named)"
            )
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
        for line in notepad.pointer(tr, focus, self.shown_ids):  # the notepad: what the test shown sent and got
            tr.write_line(line)
