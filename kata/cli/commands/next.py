"""`kata next`: the first unfinished exercise (from a run of the tests), the file to open, the task in short."""

from __future__ import annotations

import argparse
import textwrap

from kata.cli.commands.progress import describe, states
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown, task_in_short
from kata.cli.output import Output


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    found, broken = states(out, catalogue, "Running the tests to see where you are...")
    if broken is not None:
        return broken
    exercise = found.first_unfinished(catalogue)
    if exercise is None:
        out.line(out.good("Every exercise passes. The kitchen salutes you!"))
        return 0
    total = len(catalogue.exercises)
    out.line(
        out.bold(f"Next: exercise {exercise.number} of {total}, {exercise.title}") + f"  ({exercise.chapter.title})"
    )
    out.line(f"  open:   {out.code(shown(exercise.source('exercises'), catalogue))}")
    out.line(f"  idea:   {exercise.concept}")
    out.line(f"  lesson: {exercise.chapter.lesson}")
    out.line(f"  state:  {describe(found.exercises.get(exercise.name))}")
    task = task_in_short(exercise)
    if task:
        out.line("  task:")
        out.line(textwrap.indent(textwrap.dedent(task), "    "))
    out.line("")
    number = exercise.number
    out.line(
        f"Then: {out.command(f'check {number}')}, or {out.command('watch')} to re-run on every save; "
        f"{out.command(f'hint {number}')} when stuck."
    )
    return 0
