"""The few things only a real process shows, on a tiny kata: each test says why it needs one.

Everything else about the plugin and the CLI is tested in this process (test_plugin.py, test_cli.py,
test_watch.py, test_workshop.py): see docs/maintainers.md, "Where a new test belongs".
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from kata.kitchen.client import KitchenClient
from kata.kitchen.live import KitchenProcess

from .processes import DEADLINE, Running, environment, kata_command, run_kata
from .tiny_kata import TinyKata


@pytest.fixture
def tiny(tmp_path: Path) -> TinyKata:
    return TinyKata(tmp_path / "kata")


@pytest.fixture
def env(shared_kitchen: str) -> dict[str, str]:
    """The processes' environment: plain text, no workshop, the worker's shared kitchen for their runs."""
    return environment(KATA_KITCHEN=shared_kitchen)


@pytest.fixture
def running() -> Iterator[list[Running]]:
    """Processes started by the test, killed after it if they still run."""
    started: list[Running] = []
    yield started
    for process in started:
        process.close()


def test_check_runs_pytest_in_its_own_process_never_on_stale_bytecode(tiny: TinyKata, env: dict[str, str]):
    """Why a process: `kata check` runs pytest in the CLI's own process, beside a kitchen process of its own,
    and the bytecode a first run wrote is what the next interpreter would load."""
    mine = tiny.write(1, "    return a - b")
    stamp = mine.stat().st_mtime_ns
    failed = run_kata(tiny.root, "check", "1", env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "exercise 1: Add two numbers" in failed.stdout and "assert -1 == 5" in failed.stdout
    assert list((mine.parent / "__pycache__").glob("ex01_add.*.pyc"))  # it was written
    mine.write_text(tiny.stub(1).replace("    raise NotImplementedError", "    return a + b"), encoding="utf-8")
    os.utime(mine, ns=(stamp, stamp))  # same size, same time: only forgetting the bytecode shows the change
    passed = run_kata(tiny.root, "check", "1", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Exercise 1 passes: Add two numbers." in passed.stdout
    tiny.solve(2)
    live = run_kata(tiny.root, "check", "2", env=environment())  # KATA_KITCHEN unset: it starts a kitchen process
    assert live.returncode == 0, live.stdout + live.stderr
    assert "Exercise 2 passes: Is the restaurant open?" in live.stdout


def test_check_gives_up_on_a_run_that_never_ends(tiny: TinyKata, env: dict[str, str]):
    """Why a process: giving up ends the process (`os._exit`), whatever learner code is doing.

    `kata check`'s own limit is minutes; this calls the same `run_here` with one second, and a per-call time
    limit longer than that, so that only giving up can end the run."""
    tiny.write(1, "    while True:\n        pass")
    code = (
        "import sys; from pathlib import Path; from kata.cli import run; "
        "run.run_here(Path.cwd(), [sys.argv[1], '-o', 'kata_time_limit=60'], timeout=1.0)"
    )
    test_file = tiny.exercise(1).test_file().relative_to(tiny.root).as_posix()
    started = time.monotonic()
    ended = subprocess.run(
        [sys.executable, "-c", code, test_file], cwd=tiny.root, env=env, capture_output=True, text=True, timeout=60
    )
    assert ended.returncode == 1, ended.stdout + ended.stderr
    assert "The tests did not finish in 1 s. Does a loop in your code never end?" in ended.stdout
    assert time.monotonic() - started < 30


def test_progress_reads_the_results_file_of_its_child_pytest(tiny: TinyKata, env: dict[str, str]):
    """Why a process: `kata` (progress) runs the tests in a child pytest and reads its results file."""
    tiny.solve(1)
    result = run_kata(tiny.root, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Progress: 1/3 exercises done" in result.stdout
    assert "[x] 1. Add two numbers" in result.stdout and "[ ] 2. Is the restaurant open?" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_watch_on_a_terminal_clears_the_screen_takes_single_keys_and_restores_the_terminal(tiny, env):
    """Why a process: a terminal of its own (cbreak mode, given back at the end), keys without Enter."""
    import pty
    import select
    import termios

    controller, terminal = pty.openpty()
    before = termios.tcgetattr(terminal)
    process = subprocess.Popen(
        kata_command("watch", "1", "--manual"),
        cwd=tiny.root, stdin=terminal, stdout=terminal, stderr=terminal,
        env={key: value for key, value in env.items() if key != "NO_COLOR"} | {"TERM": "xterm"},
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


def test_a_save_stops_a_run_that_hangs_and_starts_again(tiny: TinyKata, env, running):
    """Why a process: the watch's test runs are child processes, and a save must end a hanging one."""
    mine = tiny.mine(1)
    watch = Running(tiny.root, "watch", "1", env=env)
    running.append(watch)
    watch.wait_for("watching for saves")
    tiny.write(1, "    while True:\n        pass")
    watch.wait_for("(you saved exercises/ch01_tiny/ex01_add.py)")  # the tests now hang, each call until its limit
    mine.write_text(tiny.exercise(1).source("solutions").read_text(encoding="utf-8"), encoding="utf-8")
    watch.wait_for("(stopped: something changed while the tests ran)", deadline=5)
    watch.wait_for("Exercise 1 passes")
    assert watch.stop() == 0


def test_serve_starts_the_restaurant_and_stops_on_ctrl_c(tiny: TinyKata, running):
    """Why a process: Ctrl+C, and the address it prints before serving."""
    served = Running(tiny.root, "serve", "--port", "0", env=environment())
    running.append(served)
    opened = served.wait_for("Restaurant open at ")
    opened += served.wait_for("\n")
    url = opened.split(" at ", 1)[1].strip()
    served.wait_for("Docs:")  # printed just after: wait for it, do not race it
    with urllib.request.urlopen(f"{url}health", timeout=5) as answer:
        assert answer.status == 200
    code = served.interrupt()
    if sys.platform != "win32":
        assert code == 0  # Ctrl+C is the way to stop it, not a crash


def test_serve_workshop_prints_the_join_command_and_the_board_once(tiny: TinyKata, running):
    """Why a process: the facilitator's terminal, with a secret of its own printed once."""
    served = Running(
        tiny.root,
        "serve",
        "--workshop",
        "--port",
        "0",
        "--stuck-minutes",
        "5",
        env=environment(KATA_FACILITATOR_SECRET=""),
    )
    running.append(served)
    served.wait_for("5 min")
    text = served.output
    board = next(line.strip() for line in text.splitlines() if "/__workshop/board?key=" in line)
    assert "kata join http://" in text and "WORKSHOP MODE" in text
    assert text.count(board.rsplit("=", 1)[1]) == 1  # the secret, printed once
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with browser.open(board, timeout=5) as answer:  # the key works: a cookie, a 303, then the page
        assert answer.status == 200 and b"The room" in answer.read()
    served.interrupt()


def test_the_kitchen_process_serves_a_fresh_test_kitchen_and_ends_when_stopped():
    """Why a process: it is one (`python -m kata.kitchen.live`), which ends when its input closes."""
    process = KitchenProcess()
    try:
        url = process.url()
        assert url.startswith("http://127.0.0.1:")
        assert process.ready_url() == url
        kitchen = KitchenClient(url)
        kitchen.reset()
        assert kitchen.api("GET", "/health")["status"] == "open"
        assert kitchen.advance(60) == 60.0  # a manual clock, as the tests need
    finally:
        process.stop()
    assert process._process.returncode == 0


def test_a_kitchen_process_that_is_not_needed_is_ended_at_once():
    """Why a process: that it is killed, not left to start up in the background."""
    process = KitchenProcess()
    process.stop()  # before it serves: a run that never asked for it
    assert process._process.returncode != 0
