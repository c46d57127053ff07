"""`kata` / `kata progress`: every chapter and exercise with its state, from one run of all the tests."""

from __future__ import annotations

import argparse

from kata.catalogue import Catalogue
from kata.cli import run as runner
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.output import Output
from kata.kitchen.live import KitchenProcess
from kata.testrun.results import ExerciseResult, Results
from kata.testrun.states import DONE
from kata.wording import lead_in

COLOURS = {"done": ("green",), "failing": ("yellow",), "not-started": ("dim",)}


def describe(result: ExerciseResult | None) -> str:
    """An exercise's state in the learner's words."""
    if result is None:
        return "no tests yet"
    if result.state == "failing":
        return f"in progress: {result.passed} of {result.tests} tests pass"
    return "done" if result.state == DONE else "not started"


def report_broken_run(out: Output, run: runner.Run) -> int:
    """Say why a test run gave no results; returns the exit code. None if the run was fine."""
    if run.timed_out:
        out.line(
            out.bad("The tests did not finish in time.")
            + " Does a loop in your code never end? Every request needs a `timeout=`."
        )
        return 1
    out.line(out.bad(f"The tests could not run (pytest exit code {run.returncode}). What pytest said:"))
    out.line("\n".join(run.output.rstrip().splitlines()[-40:]))
    return 2


def states(
    out: Output, catalogue: Catalogue, status: str, kitchen: KitchenProcess | None = None
) -> tuple[Results, int | None]:
    """Every exercise's state (remembered or run again), with `status` shown meanwhile; and None, or the exit
    code to end with when the run gave no results (said on `out`)."""
    out.status(status)
    found, test_run = runner.states(catalogue, kitchen)
    out.clear_status()
    if test_run.returncode not in (0, 1) or test_run.timed_out:
        return found, report_broken_run(out, test_run)
    return found, None


def show(out: Output, catalogue: Catalogue, found: Results) -> None:
    total = len(catalogue.exercises)
    done = sum(1 for e in catalogue.exercises if found.state(e) == DONE)
    bar = out.bar(done, total)
    out.line(out.bold(f"Progress: {done}/{total} exercises done") + (f"  {bar}" if bar else ""))
    digits = len(str(total))
    width = max((len(e.title) for e in catalogue.exercises), default=0)
    for chapter in catalogue.chapters:
        exercises = [e for e in catalogue.exercises if e.chapter == chapter]
        if not exercises:
            continue
        out.line("")
        out.line(out.bold(chapter.title))
        for exercise in exercises:
            result = found.exercises.get(exercise.name)
            state = result.state if result else "not-started"
            colour = COLOURS[state]
            label = f"{exercise.number:>{digits}}. {exercise.title.ljust(width)}"
            out.line(f"  {out.style(out.symbols[state], *colour)} {label}  {out.style(describe(result), *colour)}")
    out.line("")
    following = found.first_unfinished(catalogue)
    if following is None:
        out.line(out.good("Every exercise passes. The kitchen salutes you!"))
    else:
        out.line(
            f"Next: exercise {following.number}, {lead_in(following.title)} "
            f"{out.command(f'check {following.number}')}, or {out.command('watch')} to re-run it on every save."
        )


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    found, broken = states(out, catalogue, f"Running the tests of {len(catalogue.exercises)} exercises...")
    if broken is not None:
        return broken
    show(out, catalogue, found)
    return 0
