"""`kata watch [EXERCISE] [--poll | --manual]`: re-run the current exercise on every save.

The screen is cleared and the exercise's tests run again each time a file
under `exercises/` is saved (or `r` is pressed). When the exercise passes the
loop says so, offers the comparison with the reference solution, and waits:
the learner moves on with `n` (or Enter) when they have had a look.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import sys
import time
from pathlib import Path

from kata import host
from kata.catalogue import Catalogue, Exercise
from kata.cli import file_events, fingerprint
from kata.cli import run as runner
from kata.cli.commands import compare, hint
from kata.cli.exercise_info import catalogue as load_catalogue
from kata.cli.exercise_info import shown
from kata.cli.keys import Keys
from kata.cli.known import Known
from kata.cli.output import Output
from kata.kitchen.live import KitchenProcess, kitchen_for_runs
from kata.notepad.serve import LivePage
from kata.testrun.results import ExerciseResult, Results
from kata.testrun.states import DONE
from kata.wording import sentence

WARM_DELAY = 0.5  # seconds after a run's result before the next run's child starts getting ready


class Watch:
    """One watch: the current exercise, whether it passes, and what the test runs told about the others."""

    def __init__(
        self,
        out: Output,
        catalogue: Catalogue,
        current: Exercise,
        found: Results,
        kitchen: KitchenProcess | None,
    ):
        self.events = file_events.Inbox()
        self.out = out
        self.catalogue = catalogue
        self.current = current
        self.found = found
        self.passed = False
        self.how = "press r to run the tests"
        self.warm: runner.Warm | None = None  # the next run's child, ready with its imports done
        self.warm_from: float | None = None  # when to start it
        self.kitchen = kitchen  # one for every run of the watch
        self.memory = Remembering(catalogue)  # each run's result, for `kata check` and `kata` to reuse

    def prepare_next_run(self) -> None:
        """Start the next run's child once the learner reads the result (a watch about to end needs none)."""
        if self.warm is None and self.warm_from is not None and time.monotonic() >= self.warm_from:
            self.warm_from = None
            self.warm = runner.Warm(self.catalogue.root, self.kitchen)
            self.memory.refresh()

    def keys_line(self) -> str:
        if self.passed:
            return "[c] compare with the reference solution   [n] or Enter: next exercise   [q] quit"
        return "[r] run again   [h] hint   [n] next exercise   [q] quit"

    def run_tests(self, why: str) -> None:
        out, exercise = self.out, self.current
        out.clear()
        total = len(self.catalogue.exercises)
        out.line(out.bold(f"kata watch: exercise {exercise.number}/{total}, {exercise.title}") + f"  ({why})")
        out.line(out.dim(f"your file: {shown(exercise.source('exercises'), self.catalogue)}"))
        self.events.urgent.clear()
        warm, self.warm = self.warm, None
        known = self.memory.before(exercise)
        test_run = runner.check(
            self.catalogue,
            exercise,
            stop=self.events.urgent.is_set,
            warm=warm,
            kitchen=self.kitchen,
            extra=[f"--kata-results={self.memory.file}"],
        )
        self.warm_from = time.monotonic() + WARM_DELAY
        if test_run.stopped:
            out.line(out.dim("(stopped: something changed while the tests ran)"))
            return
        self.passed = test_run.passed
        if test_run.passed:
            self.found.exercises[exercise.name] = ExerciseResult(passed=1)
        elif self.found.state(exercise) == DONE:
            self.found.exercises[exercise.name] = ExerciseResult(failed=1)
        out.line("")
        if test_run.timed_out:
            out.line(out.bad("The tests did not finish in time.") + " Does a loop in your code never end?")
        if self.passed:
            out.line(
                out.good(
                    f"{out.symbols['done']} Exercise {exercise.number} passes: {sentence(exercise.title)} Well done!"
                )
            )
            out.line("Take a look back at your code; the reference solution is one key away.")
        out.line(out.dim(f"{self.how} in exercises/.  {self.keys_line()}"))
        if test_run.returncode in (0, 1):
            self.memory.after(known, exercise)

    def following(self) -> Exercise | None:
        """The next exercise not known to be done: after the current one, else from the start."""
        exercises = self.catalogue.exercises
        index = self.current.number - 1
        for exercise in (*exercises[index + 1 :], *exercises[:index]):
            if self.found.state(exercise) != DONE:
                return exercise
        return None

    def handle_key(self, key: str) -> bool:
        """React to a key; False means quit."""
        out = self.out
        if key == "q":
            return False
        if key == "r" or (key == "\n" and not self.passed):
            self.run_tests("r pressed")
        elif key == "n" or (key == "\n" and self.passed):
            following = self.following()
            if following is None:
                out.line(out.good("Every exercise passes. The kitchen salutes you!"))
                return False
            self.current = following
            self.run_tests("next exercise")
        elif key == "c":
            if self.passed:
                out.line("")
                compare.show_diff(out, self.catalogue, self.current)
                out.line("")
                out.line(out.dim(self.keys_line()))
            else:
                number = self.current.number
                peek = out.command(f"compare {number} --peek")
                out.line(f"The comparison opens once exercise {number} passes (or: {peek}).")
        elif key == "h":
            out.line("")
            hint.give(out, self.catalogue, self.current)
        return True


class Remembering:
    """Remembers each run's result (kata.cli.known) after it is shown; the kata's fingerprint is taken between runs."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.file = Path()  # made at the first run (`before`): a watch that never ran leaves no file behind
        self.environment: bytes | None = None

    def refresh(self) -> None:
        self.environment = fingerprint.environment(self.catalogue)

    def before(self, exercise: Exercise) -> Known:
        if self.environment is None:
            self.refresh()
        assert self.environment is not None
        if self.file == Path():
            import tempfile

            handle, name = tempfile.mkstemp(prefix="kata-watch-results-", suffix=".json")
            os.close(handle)
            self.file = Path(name)
        self.file.write_text("{}", encoding="utf-8")
        prints = {exercise.name: fingerprint.of_exercise(exercise, self.environment)}
        return Known(self.catalogue, self.environment, prints, {})

    def after(self, known: Known, exercise: Exercise) -> None:
        try:
            found = Results.from_json(json.loads(self.file.read_text(encoding="utf-8") or "{}"))
        except (OSError, ValueError, TypeError):
            return
        known.learn([exercise], found)

    def close(self) -> None:
        if self.file != Path():
            self.file.unlink(missing_ok=True)


def start(out: Output, catalogue: Catalogue, key: str | None, kitchen: KitchenProcess | None) -> Watch | None:
    if key is not None:
        return Watch(out, catalogue, catalogue.find(key), Results(), kitchen)
    out.line("Running every exercise's tests to find where you are...")
    found, test_run = runner.states(catalogue, kitchen)
    if test_run.returncode not in (0, 1) or test_run.timed_out:
        from kata.cli.commands.progress import report_broken_run

        report_broken_run(out, test_run)
        return None
    current = found.first_unfinished(catalogue)
    if current is None:
        out.line(out.good("Every exercise passes. The kitchen salutes you!"))
        return None
    return Watch(out, catalogue, current, found, kitchen)


def loop(session: Watch, events: file_events.Inbox) -> None:
    session.run_tests("started")
    while True:
        try:
            event = host.get(events, 0.25)  # in slices: Ctrl+C is never held (Windows)
        except queue.Empty:
            session.prepare_next_run()
            continue
        if event.kind == "save":
            keys = file_events.wait_for_quiet(events)
            session.run_tests(f"you saved {shown(Path(event.value), session.catalogue)}")
            for key in keys:
                if not session.handle_key(key.value):
                    return
        elif not session.handle_key(event.value):
            return


def run(args: argparse.Namespace) -> int:
    out = Output()
    catalogue = load_catalogue()
    kitchen = kitchen_for_runs(catalogue.root)  # starts now, serves the runs once it is up
    notepad = LivePage.start(catalogue.root)  # the waiter's notepad, redrawn after each run (kata.notepad.serve)
    out.line(f"The waiter's notepad, drawn live after each run: {notepad.url}")
    try:
        return watch_with(out, catalogue, args, kitchen)
    finally:
        notepad.stop()
        if kitchen is not None:
            kitchen.stop()


def watch_with(out: Output, catalogue: Catalogue, args: argparse.Namespace, kitchen: KitchenProcess | None) -> int:
    session = start(out, catalogue, args.exercise, kitchen)
    if session is None:
        return 0
    events = session.events
    if not args.manual:
        session.how = file_events.start_watching(catalogue.root / "exercises", events, poll=args.poll)
    for name in ("SIGTERM", "SIGHUP"):  # closing the window must still give the terminal back
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda number, frame: sys.exit(0))
    keys = Keys(events)
    if keys.note:
        out.line(out.dim(keys.note))
    try:
        loop(session, events)
    except KeyboardInterrupt:
        pass
    finally:
        keys.restore()
        file_events.stop_watching()
        if session.warm is not None:
            session.warm.discard()
        session.memory.close()
    out.line(f"Bye! Your work is in your files; {out.command('')} shows your progress.")
    return 0
