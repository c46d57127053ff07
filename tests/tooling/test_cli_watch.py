"""`kata watch`, driven as a learner drives it: files saved in a copy of the kata, keys on its input.

Output is read with a bounded wait: each step polls for the text it expects
and gives up after a few seconds, so nothing here sleeps for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from kata.catalogue import load
from kata.kitchen import KITCHEN_ENV

from .conftest import PythonM

DEADLINE = 15.0  # seconds; a step usually takes well under one


class Watch:
    """`python -m kata watch ARGS` in a subprocess: `wait_for(text)`, `press(key)`, `save(path, text)`."""

    def __init__(self, root: Path, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.output = ""
        self.seen = 0  # wait_for looks only at output after the last match
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self.output += line

    def wait_for(self, text: str, deadline: float = DEADLINE) -> str:
        """Wait until `text` appears in new output; returns the new output up to and including it."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            with self._lock:
                found = self.output.find(text, self.seen)
                if found >= 0:
                    new, self.seen = self.output[self.seen : found + len(text)], found + len(text)
                    return new
            if self.process.poll() is not None and text not in self.output[self.seen :]:
                time.sleep(0.05)  # let the reader thread drain the pipe once more
                if text not in self.output[self.seen :]:
                    break
            time.sleep(0.02)
        raise AssertionError(f"{text!r} did not appear within {deadline} s. Output so far:\n{self.output}")

    def press(self, key: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(key + "\n")
        self.process.stdin.flush()

    def save(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")

    def stop(self) -> int:
        """Press q and wait for the end; returns the exit status."""
        if self.process.poll() is None:
            try:
                self.press("q")
            except OSError:
                pass
        try:
            return self.process.wait(timeout=5)
        finally:
            self.close()

    def close(self) -> None:
        """Kill it if it still runs, and close the pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join(5)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass


@pytest.fixture
def kata(small_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    return copy_kata(small_kata)


class Watches(list[Watch]):
    def __init__(self, env: dict[str, str], python_m: PythonM) -> None:
        super().__init__()
        self.env = env
        self.python_m = python_m


@pytest.fixture
def watching(kata: Path, child_env: dict[str, str], python_m: PythonM) -> Iterator[Watches]:
    """Started watches, stopped (and killed if need be) after the test."""
    started = Watches(child_env, python_m)
    yield started
    for watch in started:
        watch.close()


def start(watching: Watches, root: Path, *args: str, env: dict[str, str] | None = None) -> Watch:
    """`kata watch ARGS` in `root`."""
    watch = Watch(root, watching.python_m("kata", "watch", *args), env={**watching.env, **(env or {})})
    watching.append(watch)
    return watch


def test_watch_reruns_on_save_survives_a_syntax_error_and_waits_after_a_pass(kata, watching):
    first, second = load(kata).exercises[:2]
    mine = first.source("exercises")
    # No exercise given: it finds the first unfinished one itself. It starts the kitchen for its runs itself too.
    watch = start(watching, kata, env={KITCHEN_ENV: ""})
    watch.wait_for(f"exercise 1/3, {first.title}")
    watch.wait_for("not started yet")
    watch.wait_for("watching for saves")

    watch.save(mine, mine.read_text(encoding="utf-8") + "\ndef oops(:\n")
    shown = watch.wait_for("Python cannot read this file")
    assert f"you saved exercises/{first.chapter.id}/{first.name}.py" in shown
    watch.wait_for("watching for saves")

    watch.save(mine, first.source("solutions").read_text(encoding="utf-8"))
    watch.wait_for(f"Exercise 1 passes: {first.title}")
    watch.wait_for("[c] compare with the reference solution")

    watch.press("c")
    watch.wait_for("same as the reference solution's")
    assert second.title not in watch.output  # it waits for the learner before moving on

    watch.press("n")
    watch.wait_for(f"exercise 2/3, {second.title}")
    watch.wait_for("not started yet")
    watch.wait_for("watching for saves")
    assert watch.stop() == 0


def test_watch_in_manual_mode_runs_when_r_is_pressed(kata, watching):
    first = load(kata).exercises[0]
    watch = start(watching, kata, "1", "--manual")
    watch.wait_for("press r to run the tests")
    shutil.copy(first.source("solutions"), first.source("exercises"))
    watch.press("r")
    watch.wait_for("(r pressed)")
    watch.wait_for("Exercise 1 passes")
    watch.press("h")
    watch.wait_for(f"Hint 1 of {len(first.hints)}")
    assert watch.stop() == 0


def test_watch_polling_reacts_to_a_save(kata, watching):
    first = load(kata).exercises[0]
    watch = start(watching, kata, first.name, "--poll")
    watch.wait_for("looking for changes every half second")
    watch.save(first.source("exercises"), first.source("solutions").read_text(encoding="utf-8"))
    watch.wait_for("you saved")
    watch.wait_for("Exercise 1 passes")
    assert watch.stop() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_watch_on_a_terminal_clears_the_screen_takes_single_keys_and_restores_the_terminal(kata, child_env, python_m):
    import pty
    import select
    import termios

    controller, terminal = pty.openpty()
    before = termios.tcgetattr(terminal)
    env = {key: value for key, value in child_env.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        python_m("kata", "watch", "1", "--manual"),
        cwd=kata, stdin=terminal, stdout=terminal, stderr=terminal, env={**env, "TERM": "xterm"},
    )  # fmt: skip
    output = b""

    def read_until(text: bytes) -> None:
        nonlocal output
        end = time.monotonic() + DEADLINE
        while text not in output and time.monotonic() < end:
            ready, _, _ = select.select([controller], [], [], 0.05)
            if ready:
                try:
                    output += os.read(controller, 65536)
                except OSError:  # the terminal closed
                    break
        assert text in output, output.decode("utf-8", "replace")

    try:
        read_until(b"[q] quit")
        assert b"\x1b[2J" in output  # the screen was cleared
        assert b"\x1b[" in output.split(b"\x1b[2J", 1)[1]  # and the output is in colour
        os.write(controller, b"q")  # one key, no Enter
        assert process.wait(timeout=DEADLINE) == 0
        assert termios.tcgetattr(terminal) == before
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(controller)
        os.close(terminal)


def test_a_save_stops_a_run_that_hangs_and_starts_again(kata, watching):
    first = load(kata).exercises[0]
    mine = first.source("exercises")
    watch = start(watching, kata, "1")
    watch.wait_for("watching for saves")
    endless = mine.read_text(encoding="utf-8").replace("raise NotImplementedError", "while True:\n        pass", 1)
    watch.save(mine, endless)
    watch.wait_for("you saved")  # the tests now hang, each call until its time limit
    watch.save(mine, first.source("solutions").read_text(encoding="utf-8"))
    watch.wait_for("(stopped: something changed while the tests ran)", deadline=5)
    watch.wait_for("Exercise 1 passes")
    assert watch.stop() == 0


# The parts of the watch, in-process ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "counts"),
    [
        ("exercises/ch1/ex03_is_it_open.py", True),
        ("exercises/ch1/__pycache__/ex03_is_it_open.cpython-311.pyc", False),
        ("exercises/ch1/.ex03_is_it_open.py.swp", False),
        ("exercises/ch1/ex03_is_it_open.py~", False),
        ("exercises/ch1/.#ex03_is_it_open.py", False),
        ("exercises/ch1/notes.txt", False),
    ],
)
def test_only_saved_python_files_count(path: str, counts: bool):
    from kata.cli.watch import is_learner_save

    assert is_learner_save(path) is counts


def test_the_stat_poller_sees_a_save_without_watchdog(tmp_path: Path):
    from kata.cli.watch import StatPoller

    mine = tmp_path / "ex01.py"
    mine.write_text("x = 1\n", encoding="utf-8")
    saves: list[str] = []
    poller = StatPoller(tmp_path, saves.append, interval=0.02)
    poller.start()
    try:
        mine.write_text("x = 22\n", encoding="utf-8")
        end = time.monotonic() + DEADLINE
        while not saves and time.monotonic() < end:
            time.sleep(0.01)
    finally:
        poller.stop()
    assert saves == [str(mine)]


def test_a_burst_of_saves_settles_into_one_run_and_keeps_the_keys():
    from kata.cli.watch import Event, Inbox, wait_for_quiet

    inbox = Inbox()
    for event in (Event("save", "a.py"), Event("key", "h"), Event("save", "a.py")):
        inbox.put(event)
    assert inbox.urgent.is_set()
    started = time.monotonic()
    assert wait_for_quiet(inbox, quiet=0.05, longest=1.0) == [Event("key", "h")]
    assert time.monotonic() - started < 0.5 and inbox.empty()
