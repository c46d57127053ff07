"""pytest in the CLI's own process, for `kata check`: one interpreter, and a second one saved on every check.

`kata check` runs pytest in its own process: nothing is left for it to do
afterwards but a line or two, and a second interpreter would cost the learner a
tenth of a second on every check. Its kitchen starts first thing in a process
of its own (kata.kitchen.live.kitchen_for_runs), beside pytest's start-up, and is
handed to the runs (`KitchenBeside`). A run may be `hold`: its output is kept
(with the terminal's colours) for the caller to show or drop, which is how
`kata check` moves on from an exercise that now passes without showing its run.
Between two runs the learner's and the tests' modules are forgotten, so that
the second run imports them afresh.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from pathlib import Path
from typing import Any, Sequence

from kata.kitchen.client import KitchenError
from kata.kitchen.live import KitchenProcess

LEARNER_FOLDERS = ("exercises", "solutions", "tests")  # what a run imports afresh; the kata's own code stays


class KitchenBeside:
    """A pytest plugin that hands the run the kitchen started beside it (kata.testrun.plugin's hook)."""

    def __init__(self, kitchen: KitchenProcess | None) -> None:
        self.kitchen = kitchen

    def pytest_kata_kitchen_url(self, config: Any) -> str | None:
        try:
            return self.kitchen.url() if self.kitchen is not None else None
        except KitchenError:
            return None  # the run starts a kitchen of its own, which says what is wrong


class Held(io.StringIO):
    """A run's output, kept: pytest sees a terminal when there is one, so the colours are the same."""

    def __init__(self, terminal: Any) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return bool(getattr(self.terminal, "isatty", lambda: False)())


def forget_learner_modules(root: Path, before: set[str]) -> None:
    """Forget the modules a run imported from the learner's and the tests' folders (and the root conftest).

    Only those: a virtual environment inside the kata's folder holds requests and pytest, never re-imported.
    """
    base = root.resolve()
    folders = tuple(str(base / name) + os.sep for name in LEARNER_FOLDERS)
    conftest = str(base / "conftest.py")
    for name in [n for n in sys.modules if n not in before]:
        path = os.path.abspath(getattr(sys.modules[name], "__file__", None) or os.sep)
        if path.startswith(folders) or path == conftest:
            del sys.modules[name]


def run_here(
    root: Path,
    args: Sequence[str],
    *,
    timeout: float,
    hold: bool = False,
    plugins: Sequence[Any] = (),
    kitchen: KitchenProcess | None = None,
) -> tuple[int, str]:
    """pytest's exit code and (with `hold`) its output; after `timeout` seconds, end the process with a message."""
    import pytest

    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    terminal = os.dup(sys.stdout.fileno())  # pytest's capture takes fd 1 over while a test runs: not this copy
    real_stdout = sys.stdout
    held = Held(real_stdout) if hold else None

    def give_up() -> None:
        if held is not None:
            os.write(terminal, held.getvalue().encode(real_stdout.encoding or "utf-8", "replace"))
        real_stdout.flush()
        message = f"\nThe tests did not finish in {timeout:g} s. Does a loop in your code never end?\n"
        os.write(terminal, message.encode(real_stdout.encoding or "utf-8", "replace"))
        os._exit(1)

    timer = threading.Timer(timeout, give_up)
    timer.daemon = True
    timer.start()
    here = Path.cwd()
    before = set(sys.modules)
    os.chdir(root)
    if held is not None:
        sys.stdout = held
    try:
        code = pytest.main(list(args), plugins=[KitchenBeside(kitchen), *plugins])
    finally:
        sys.stdout = real_stdout
        os.chdir(here)
        timer.cancel()
        os.close(terminal)
        forget_learner_modules(root, before)
    output = held.getvalue() if held is not None else ""
    if code == pytest.ExitCode.INTERRUPTED:  # Ctrl+C: pytest said so; the CLI ends as it does on any Ctrl+C
        real_stdout.write(output)
        raise KeyboardInterrupt
    return int(code), output
