"""`kata catch-up N [--yes]`: join the room at exercise N, with the reference solutions for 1 to N-1.

For a pair that fell behind in a workshop: every exercise before N whose
file differs from the reference gets the reference, after the pair's own
version is kept in `.kata/backups/` (as `kata reset` does). It says what it
replaced, and asks first unless `--yes`. An exercise that the kata's memory
(kata.cli.known) knows to pass, with the file exactly as it is now, keeps the
pair's own code: no test runs to find that out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kata.catalogue import Catalogue, Exercise
from kata.cli import run as runner
from kata.cli.commands.reset import confirm
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.known import Known
from kata.cli.memory import Memory
from kata.cli.output import Output
from kata.testrun.states import DONE
from kata.wording import lead_in


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    target = catalogue.find(args.exercise)
    before = [exercise for exercise in catalogue.exercises if exercise.number < target.number]
    if not before:
        out.line(f"Exercise {target.number} is the first one: there is nothing to catch up on.")
        return 0
    missing = [e for e in before if not e.source("solutions").is_file()]
    if missing:
        out.line(out.bad(f"The reference solution of {shown(missing[0].source('solutions'), catalogue)} is missing."))
        return 2
    differ = [e for e in before if _read(e.source("exercises")) != e.source("solutions").read_bytes()]
    passing = _passing(catalogue, differ)
    changes = [e for e in differ if e not in passing]
    if not changes:
        held = "pass" if passing else "hold the reference solutions"
        out.line(f"Exercises 1 to {before[-1].number} already {held}: nothing to do.")
        return 0
    if passing:
        out.line(f"Your own code passes in {_numbers(passing)}: it stays as it is.")
    out.line(f"Catching up to exercise {target.number} ({target.title}) puts the reference solution in:")
    for exercise in changes:
        out.line(f"  {exercise.number:>2}. {shown(exercise.source('exercises'), catalogue)}")
    out.line(f"Your versions are kept in {out.code('.kata/backups/')} first.")
    if not args.yes and not confirm(f"Replace these {len(changes)} file(s)?"):
        out.line("Nothing changed.")
        return 1
    state = Memory(catalogue.root)
    for exercise in changes:
        path = exercise.source("exercises")
        current = _read(path)
        note = "(it was missing)"
        if current is not None:
            backup = state.backup(exercise, current)
            note = f"yours is in {shown(backup, catalogue)}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(exercise.source("solutions").read_bytes())
        out.line(f"  replaced {shown(path, catalogue)}: {note}")
    runner.forget_bytecode(changes)
    out.line(
        out.good(f"Caught up: exercises 1 to {before[-1].number} {_hold(passing)}.")
        + f" Next: exercise {target.number}, {lead_in(target.title)} {out.command(f'check {target.number}')}"
    )
    out.line(f"Read them later with {out.command('compare N')}: they are worth a look.")
    return 0


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _passing(catalogue: Catalogue, exercises: list[Exercise]) -> list[Exercise]:
    """Those of `exercises` that the kata remembers passing, with every file their tests load as it is now."""
    if not exercises:
        return []
    known = Known.load(catalogue, only=exercises)
    runner.say_note(known.note)
    return [e for e in exercises if e.name in known.remembered and known.remembered[e.name].state == DONE]


def _numbers(exercises: list[Exercise]) -> str:
    numbers = [str(exercise.number) for exercise in exercises]
    if len(numbers) == 1:
        return f"exercise {numbers[0]}"
    return f"exercises {', '.join(numbers[:-1])} and {numbers[-1]}"


def _hold(passing: list[Exercise]) -> str:
    return "hold the reference solutions" + (f", or your own passing code ({_numbers(passing)})" if passing else "")
