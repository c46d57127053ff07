"""Helpers of the end-to-end tests: `kata` run as a real process, its output read with a bounded wait."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

DEADLINE = 60.0  # seconds, only ever waited in full on a failure: a process on a loaded machine can take 15 s to start


def environment(**changes: str) -> dict[str, str]:
    """This environment, plain text, no workshop; KATA_KITCHEN and the like as given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KATA_", "PYTEST_XDIST"))}
    env.pop("FORCE_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return {**env, "NO_COLOR": "1", **changes}


def kata_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kata", *args]


def run_kata(root: Path, *args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m kata ARGS` in `root`, to its end."""
    return subprocess.run(
        kata_command(*args),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _default_ctrl_c() -> None:
    """In the child: Ctrl+C does what it does at a terminal, even when this run ignores it (a background job)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Running:
    """`python -m kata ARGS` running in `root`: `wait_for(text)`, `press(key)`, `interrupt()`, `stop()`."""

    def __init__(self, root: Path, *args: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            kata_command(*args),
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env=env,
            preexec_fn=_default_ctrl_c if sys.platform != "win32" else None,
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
            if self.process.poll() is not None:
                self._reader.join(1)  # let the reader drain the pipe once more
                if text not in self.output[self.seen :]:
                    break
            time.sleep(0.02)
        raise AssertionError(f"{text!r} did not appear within {deadline} s. Output so far:\n{self.output}")

    def press(self, key: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(key + "\n")
        self.process.stdin.flush()

    def interrupt(self) -> int:
        """Ctrl+C (SIGTERM on Windows), as a facilitator stops `kata serve`; its exit status."""
        self.process.send_signal(signal.SIGINT if sys.platform != "win32" else signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        finally:
            self.close()

    def stop(self) -> int:
        """Press q and wait for the end; returns the exit status."""
        if self.process.poll() is None:
            try:
                self.press("q")
            except OSError:
                pass
        try:
            return self.process.wait(timeout=10)
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
