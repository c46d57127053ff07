"""`kata check [EXERCISE]`: run one exercise's tests with the learner-focused output; exit 0 only if it passes.

With no exercise, the first unfinished one: a quiet run of the whole kata finds it (and the progress),
then that exercise's tests run as `kata check N` would, and the progress line follows.
"""

from __future__ import annotations

import argparse

from kata.catalogue import Catalogue, Exercise
from kata.cli import run as runner
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.output import Output
from kata.command_line import kata_command
from kata.testrun.focus import progress_bar
from kata.testrun.results import Results
from kata.wording import sentence


def verdict(out: Output, catalogue: Catalogue, exercise: Exercise, test_run: runner.Run) -> None:
    """The line after the test output: passed, or why there is no result."""
    if test_run.timed_out:
        out.line(
            out.bad(f"The tests of exercise {exercise.number} did not finish in time.") + " Does a loop never end?"
        )
    elif test_run.passed:
        out.line(out.good(f"{out.symbols['done']} Exercise {exercise.number} passes: {sentence(exercise.title)}"))
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


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    found: Results | None = None
    if args.exercise is None:
        found, quiet_run = runner.states(catalogue)
        if quiet_run.timed_out:
            out.line(out.bad("The tests did not finish in time.") + " Does a loop in your code never end?")
            return 1
        exercise = found.first_unfinished(catalogue)
        if exercise is None:
            progress(out, catalogue, found)
            out.line(out.good(f"{out.symbols['done']} Every exercise passes. The kitchen salutes you!"))
            return 0
    else:
        exercise = catalogue.find(args.exercise)
    if missing_tests(out, catalogue, exercise):
        return 2
    test_run = runner.check(catalogue, exercise, here=True)
    verdict(out, catalogue, exercise, test_run)
    if found is not None:
        progress(out, catalogue, found)
    return 0 if test_run.passed else (test_run.returncode if test_run.returncode > 0 else 1)


def progress(out: Output, catalogue: Catalogue, found: Results) -> None:
    """The kata-wide progress line, as a whole-kata run prints it."""
    total = len(catalogue.exercises)
    done = sum(1 for exercise in catalogue.exercises if found.state(exercise) == "done")
    out.line(out.bold(f"Progress: {done}/{total} exercises done {progress_bar(done, total)}"))
