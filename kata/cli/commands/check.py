"""`kata check [EXERCISE]`: run one exercise's tests with the learner-focused output; exit 0 only if it passes."""

from __future__ import annotations

import argparse

from kata.catalogue import Catalogue, Exercise
from kata.cli import run as runner
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.output import Output
from kata.wording import sentence


def verdict(out: Output, catalogue: Catalogue, exercise: Exercise, test_run: runner.Run) -> None:
    """The line after the test output: passed, or why there is no result."""
    if test_run.timed_out:
        out.line(
            out.bad(f"The tests of exercise {exercise.number} did not finish in time.") + " Does a loop never end?"
        )
    elif test_run.passed:
        out.line(out.good(f"{out.symbols['done']} Exercise {exercise.number} passes: {sentence(exercise.title)}"))
        compare, following = out.code(f"kata compare {exercise.number}"), out.code("kata next")
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


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    if args.exercise is None:
        test_run = runner.check(catalogue, None, here=True)
        if test_run.timed_out:
            out.line(out.bad("The tests did not finish in time.") + " Does a loop in your code never end?")
        return 1 if test_run.timed_out else test_run.returncode
    exercise = catalogue.find(args.exercise)
    if missing_tests(out, catalogue, exercise):
        return 2
    test_run = runner.check(catalogue, exercise, here=True)
    verdict(out, catalogue, exercise, test_run)
    return 0 if test_run.passed else (test_run.returncode if test_run.returncode > 0 else 1)
