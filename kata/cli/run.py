"""Run the exercise tests: the learner's own run (`--target exercises`, focused output), made quick.

Quick: only the tests that are needed (an exercise whose files did not change
since its last run is remembered, kata.cli.known), and no third-party pytest
plugins but requests-mock (auto-loading every installed plugin can cost seconds).

`kata check` runs pytest in its own process (`run_here`, kata.cli.here). Its
kitchen starts at once in a process of its own, beside pytest's start-up. The
long-lived verbs (`watch`, `progress`, `compare`) run a child `python -m pytest`
(`run_pytest`), so learner code can never take them down.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from kata import host
from kata.catalogue import Catalogue, Exercise
from kata.kitchen.live import KITCHEN_ENV, KitchenProcess, in_a_workshop
from kata.testrun.results import Results
from kata.testrun.states import DONE

HOOKS = "kata.cli.pytest_hooks"
# The learner's flags (-q, --no-header, -rN, classic output) are in pyproject.toml, which this run reads too.
PYTEST_ARGS = (
    "--target", "exercises",
    "-p", "requests_mock", "-p", HOOKS,
    # pytest's own plugins that a learner's run never uses: each costs start-up time (gc at exit, imports)
    "-p", "no:doctest", "-p", "no:pastebin", "-p", "no:junitxml", "-p", "no:cacheprovider", "-p", "no:legacypath",
    "-p", "no:logging", "-p", "no:debugging", "-p", "no:unittest", "-p", "no:unraisableexception",
    "-p", "no:threadexception",
)  # fmt: skip
ONE_EXERCISE_TIMEOUT = 120.0
WHOLE_KATA_TIMEOUT = 900.0
STOP_POLL = 0.1  # seconds between two looks at `stop()`


@dataclass
class Run:
    returncode: int
    output: str = ""  # only when captured
    timed_out: bool = False
    stopped: bool = False  # by the caller, e.g. a save in `kata watch` while the tests ran

    @property
    def passed(self) -> bool:
        return self.returncode == 0


def child_env(capture: bool, kitchen: KitchenProcess | None = None) -> dict[str, str]:
    """The child pytest's environment; with `kitchen` (if it serves already), the child uses it instead of its own."""
    env = dict(os.environ)
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    if capture:
        env["PYTHONIOENCODING"] = "utf-8"
    url = kitchen.ready_url() if kitchen is not None else None
    if url:
        env[KITCHEN_ENV] = url
    return env


def forget_bytecode(exercises: tuple[Exercise, ...] | list[Exercise]) -> None:
    """Drop cached bytecode of learner files: a save within the second of the last run must not run stale code."""
    for exercise in exercises:
        try:
            Path(importlib.util.cache_from_source(str(exercise.source("exercises")))).unlink()
        except (OSError, NotImplementedError, ValueError):
            pass


class Warm:
    """A child pytest that has done its slow imports and waits for its arguments (see `kata.cli.warm`)."""

    def __init__(self, root: Path, kitchen: KitchenProcess | None = None) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kata.cli.warm"],
            cwd=str(root),
            env=child_env(False, kitchen),
            stdin=subprocess.PIPE,
        )

    def go(self, args: list[str]) -> subprocess.Popen[bytes] | None:
        """Start the run; None if this child is gone (the caller then starts a cold one)."""
        if self.process.poll() is not None or self.process.stdin is None:
            return None
        try:
            self.process.stdin.write((json.dumps(args) + "\n").encode("utf-8"))
            self.process.stdin.close()
        except OSError:
            return None
        self.process.stdin = None  # closed: communicate() must not flush it
        return self.process

    def discard(self) -> None:
        if self.process.stdin is not None:
            try:
                self.process.stdin.close()  # end of input before any arguments: it ends without running
            except OSError:
                pass
            self.process.stdin = None
        try:
            host.ended(self.process, 5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            host.ended(self.process)


def run_pytest(
    root: Path,
    args: list[str],
    *,
    capture: bool,
    timeout: float,
    stop: Callable[[], bool] | None = None,
    warm: Warm | None = None,
    kitchen: KitchenProcess | None = None,
) -> Run:
    """Run the child pytest; it is killed after `timeout` seconds, or as soon as `stop()` says so.

    With `warm` (and output not captured) the run starts in that prepared child. With `kitchen`, the
    child uses that kitchen (if it serves already) instead of starting its own.
    """
    pipe = subprocess.PIPE if capture else None
    process: subprocess.Popen[Any] | None = warm.go([*PYTEST_ARGS, *args]) if warm is not None and not capture else None
    if process is None:
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", *PYTEST_ARGS, *args],
            cwd=str(root),
            env=child_env(capture, kitchen),
            stdin=subprocess.DEVNULL,
            stdout=pipe,
            stderr=subprocess.STDOUT if capture else None,
            encoding="utf-8" if capture else None,
            errors="replace" if capture else None,
        )
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                output, _ = host.communicate(process, STOP_POLL if stop else timeout)
                return Run(returncode=process.returncode, output=output or "")
            except subprocess.TimeoutExpired:
                stopped = stop is not None and stop()
                if stopped or time.monotonic() >= deadline:
                    process.kill()
                    output, _ = host.communicate(process)
                    return Run(returncode=-1, output=output or "", timed_out=not stopped, stopped=stopped)
    except KeyboardInterrupt:
        try:
            host.ended(process, 2)
        except subprocess.TimeoutExpired:
            process.kill()
        raise


def run_here(
    root: Path,
    args: list[str],
    *,
    timeout: float,
    hold: bool = False,
    plugins: Sequence[Any] = (),
    kitchen: KitchenProcess | None = None,
) -> Run:
    """Run pytest in this process (kata.cli.here); with `hold`, its output is in `Run.output` instead of shown."""
    from kata.cli import here

    code, output = here.run_here(
        root, [*PYTEST_ARGS, *args], timeout=timeout, hold=hold, plugins=plugins, kitchen=kitchen
    )
    return Run(returncode=code, output=output)


def tests_of(catalogue: Catalogue, exercises: Sequence[Exercise]) -> list[str]:
    """The test files of these exercises, as pytest's arguments."""
    return [path.relative_to(catalogue.root).as_posix() for exercise in exercises for path in exercise.test_files()]


def check(
    catalogue: Catalogue,
    exercise: Exercise | None,
    *,
    capture: bool = False,
    stop: Callable[[], bool] | None = None,
    warm: Warm | None = None,
    kitchen: KitchenProcess | None = None,
    extra: Sequence[str] = (),
) -> Run:
    """One exercise's tests (or, with None, the whole kata's, focused on the first unfinished one), in a child."""
    if exercise is None:
        forget_bytecode(catalogue.exercises)
        args, timeout = ["tests/exercises"], WHOLE_KATA_TIMEOUT
    else:
        forget_bytecode([exercise])
        args, timeout = [*tests_of(catalogue, [exercise]), "--kata-one"], ONE_EXERCISE_TIMEOUT
    args = [*args, *extra]
    return run_pytest(catalogue.root, args, capture=capture, timeout=timeout, stop=stop, warm=warm, kitchen=kitchen)


def states(catalogue: Catalogue, kitchen: KitchenProcess | None = None, *, fresh: bool = False) -> tuple[Results, Run]:
    """Every exercise's result: remembered (kata.cli.known), or from one quiet run of the exercises that changed.

    With `fresh`, every exercise runs again. A run that finds nothing to do tells the workshop's board (if any)
    what is remembered, as a run would.
    """
    from kata.cli.known import Known

    known = Known.load(catalogue, fresh=fresh)
    say_note(known.note)
    unknown = known.unknown()
    if not unknown:
        remembered = known.results()
        report_to_workshop(catalogue.root, remembered)
        return remembered, Run(returncode=0 if all(r.state == DONE for r in remembered.exercises.values()) else 1)
    found, run = quiet_run(catalogue, unknown, known.results(), kitchen)
    if run.returncode in (0, 1) and not run.timed_out:
        known.learn(unknown, found)
    return known.merged(found), run


def quiet_run(
    catalogue: Catalogue, exercises: list[Exercise], remembered: Results, kitchen: KitchenProcess | None
) -> tuple[Results, Run]:
    """These exercises' results, from a child pytest whose output is not shown (so: no tracebacks)."""
    import tempfile

    forget_bytecode(exercises)
    handle, name = tempfile.mkstemp(prefix="kata-results-", suffix=".json")
    os.close(handle)
    results = Path(name)
    handle, name = tempfile.mkstemp(prefix="kata-remembered-", suffix=".json")
    os.close(handle)
    given = Path(name)
    try:
        given.write_text(json.dumps(remembered.to_json()), encoding="utf-8")
        only = ",".join(exercise.name for exercise in exercises)
        args = ["tests/exercises", f"--kata-only={only}", "--tb=no", f"--kata-results={results}"]
        args.append(f"--kata-remembered={given}")
        run = run_pytest(catalogue.root, args, capture=True, timeout=WHOLE_KATA_TIMEOUT, kitchen=kitchen)
        try:
            data = json.loads(results.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            data = {}
    finally:
        results.unlink()
        given.unlink()
    found = Results.from_json(data)
    ran = {exercise.name for exercise in exercises}
    found.exercises = {name: result for name, result in found.exercises.items() if name in ran}
    return found, run


def say_note(note: str | None) -> None:
    """One quiet line about the kata's memory (kata.cli.known), on the error stream."""
    if note:
        print(note, file=sys.stderr, flush=True)


def report_to_workshop(root: Path, results: Results) -> None:
    """Send remembered results to the workshop's board, for a command that ran no test (nothing changed)."""
    if not results.exercises or not in_a_workshop(root):
        return
    from kata.workshop.team_run import WorkshopRun

    WorkshopRun.start(root).report(results, target="exercises")
