"""`kata hint [EXERCISE] [--all]`: the next hint each time (remembered in `.kata/`), or all of them.

Without a number it is the exercise the learner is on: the first unfinished one, as `kata next` finds it.
"""

from __future__ import annotations

import argparse

from kata.catalogue import Catalogue, Exercise
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.memory import Memory
from kata.cli.output import Output
from kata.wording import lead_in


def show_hint(out: Output, exercise: Exercise, index: int) -> None:
    total = len(exercise.hints)
    out.line(out.bold(f"Hint {index + 1} of {total}") + f" for exercise {exercise.number}, {lead_in(exercise.title)}")
    out.line(f"  {exercise.hints[index]}")


def give(out: Output, catalogue: Catalogue, exercise: Exercise, every: bool = False) -> None:
    """Show the next hint of `exercise` (or all of them) and remember how many were shown."""
    total = len(exercise.hints)
    if total == 0:
        out.line(
            f"Exercise {exercise.number} has no hints. Its docstring and {exercise.chapter.lesson} explain the idea."
        )
        return
    state = Memory(catalogue.root)
    seen = min(state.hints_shown(exercise), total)
    if every or seen >= total:
        for index in range(total):
            if index:
                out.line("")
            show_hint(out, exercise, index)
        state.set_hints_shown(exercise, total)
        out.line("")
        peek = out.command(f"compare {exercise.number} --peek")
        out.line(f"That is every hint. Still stuck? {peek} shows the reference solution.")
        return
    show_hint(out, exercise, seen)
    state.set_hints_shown(exercise, seen + 1)
    out.line("")
    if seen + 1 < total:
        out.line(
            out.dim(f"Ask again ({out.command(f'hint {exercise.number}')}) for a bigger hint; {total - seen - 1} left.")
        )
    else:
        out.line(out.dim("That was the last hint, the nearest to the answer."))


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    if args.exercise is not None:
        give(out, catalogue, catalogue.find(args.exercise), every=args.all)
        return 0
    from kata.cli.commands.progress import states

    found, broken = states(out, catalogue, "Running the tests to see which exercise you are on...")
    if broken is not None:
        return broken
    exercise = found.first_unfinished(catalogue)
    if exercise is None:
        out.line(out.good("Every exercise passes: no hint needed.") + f" {out.command('hint N')} gives exercise N's.")
        return 0
    give(out, catalogue, exercise, every=args.all)
    return 0
