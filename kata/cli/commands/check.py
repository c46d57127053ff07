"""`kata check [EXERCISE]`: run one exercise's tests with the learner-focused output; exit 0 only if it passes.

With no exercise, the first unfinished one: a quiet run in catalogue order that stops at the first
failing test finds it (the exercises before it pass), then that exercise's tests run as `kata check N`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from kata.catalogue import Catalogue, Exercise
from kata.cli import run as runner
from kata.cli.learner import catalogue as load_catalogue
from kata.cli.learner import shown
from kata.cli.output import Output
from kata.command_line import kata_command


def verdict(out: Output, catalogue: Catalogue, exercise: Exercise, test_run: runner.Run) -> None:
    """The line after the test output: passed, or why there is no result."""
    if test_run.timed_out:
        out.line(
            out.bad(f"The tests of exercise {exercise.number} did not finish in time.") + " Does a loop never end?"
        )
    elif test_run.passed:
        out.line(out.good(f"{out.symbols['done']} Exercise {exercise.number} passes: {exercise.title}."))
        compare, following = out.code(kata_command(f"compare {exercise.number}")), out.code(kata_command("next"))
        out.line(f"  Compare with the reference solution: {compare}.  What next? {following}")
    elif test_run.returncode not in (0, 1):
        code = test_run.returncode
        out.line(out.bad(f"The test run of exercise {exercise.number} ended early (exit code {code})."))
        out.line("  The lines above say why. Does your code call exit() or os._exit()? Your functions must return.")


def missing_tests(out: Output, catalogue: Catalogue, exercise: Exercise) -> bool:
    if exercise.test_file().is_file():
        return False
    out.line(
        out.bad(f"Exercise {exercise.number} has no tests yet: {shown(exercise.test_file(), catalogue)} is missing.")
    )
    return True


def first_unfinished(catalogue: Catalogue) -> tuple[Exercise | None, runner.Run]:
    """The first exercise that does not pass yet (None when all do), from a quiet run that stops at a failure."""
    runner.forget_bytecode(catalogue.exercises)
    handle, name = tempfile.mkstemp(prefix="kata-first-", suffix=".json")
    os.close(handle)
    results = Path(name)
    try:
        args = ["tests/exercises", "-x", "--tb=no", f"--kata-results={results}"]
        found_run = runner.run_pytest(catalogue.root, args, capture=True, timeout=runner.WHOLE_KATA_TIMEOUT)
        try:
            data = json.loads(results.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            data = {}
    finally:
        results.unlink()
    states = {name: str(r.get("state")) for name, r in data.get("exercises", {}).items()}
    unfinished = next((e for e in catalogue.exercises if states.get(e.name) != "done"), None)
    return unfinished, found_run


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    if args.exercise is None:
        exercise, found_run = first_unfinished(catalogue)
        if found_run.timed_out:
            out.line(out.bad("The tests did not finish in time.") + " Does a loop in your code never end?")
            return 1
        if exercise is None and found_run.passed:
            out.line(out.good(f"{out.symbols['done']} Every exercise passes. The kitchen salutes you!"))
            return 0
        if exercise is None:  # it failed, yet no exercise is unfinished: something else is wrong; show it all
            test_run = runner.check(catalogue, None, here=True)
            return 1 if test_run.timed_out else test_run.returncode
    else:
        exercise = catalogue.find(args.exercise)
    if missing_tests(out, catalogue, exercise):
        return 2
    test_run = runner.check(catalogue, exercise, here=True)
    verdict(out, catalogue, exercise, test_run)
    return 0 if test_run.passed else (test_run.returncode if test_run.returncode > 0 else 1)
