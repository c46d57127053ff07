"""A live kitchen for tests: the restaurant server on a free loopback port, with a manual clock.

`LiveKitchen.start()` serves `mock_server.create_app()` with waitress in a
background thread. `KitchenProcess` serves one in a process of its own
(`python -m kata.kitchen.live`), so that its start-up (flask, the app) runs
beside the test run's instead of before it: `kata check` starts one first
thing. A kitchen that is already running can be handed to test runs in the
`KATA_KITCHEN` environment variable. The tests talk to either through
`kata.kitchen.client.KitchenClient`.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Sequence

from kata import host
from kata.catalogue import Exercise
from kata.kitchen.client import KitchenError

KITCHEN_ENV = "KATA_KITCHEN"  # the base URL of a test kitchen (manual clock) that is already serving
START_TIMEOUT = 60.0


class LiveKitchen:
    """The restaurant served in a background thread for the length of a test session."""

    def __init__(self, server: Any, thread: threading.Thread, url: str, app: Any = None) -> None:
        self._server = server
        self._thread = thread
        self.url = url
        self.app = app  # the Flask app it serves, for a test that looks inside

    @classmethod
    def start(cls, config: dict[str, Any] | None = None) -> LiveKitchen:
        from waitress.server import BaseWSGIServer, create_server

        from mock_server import create_app

        app = create_app({"CLOCK": "manual", **(config or {})})
        server = create_server(app, host="127.0.0.1", port=0, threads=8, clear_untrusted_proxy_headers=True)
        assert isinstance(server, BaseWSGIServer)  # one host and port: a single-socket server
        port = int(server.getsockname()[1])
        thread = threading.Thread(target=server.run, name="kata-kitchen", daemon=True)
        thread.start()
        return cls(server, thread, f"http://127.0.0.1:{port}", app)

    def stop(self) -> None:
        """Finish the requests in hand, then close every socket from the server's own thread and let it end.

        Closing from this thread instead races with waitress: its loop and its workers would use
        closed file descriptors, and could close them again after their numbers went to another file
        (another server's pipe: "Bad file descriptor" there). Every test's waitress server stops this way.
        """
        server = self._server
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=2)

        def close_everything() -> None:  # runs in the server's loop, which then finds nothing left to serve
            for channel in list(server._map.values()):
                channel.close()

        try:
            server.trigger.pull_trigger(close_everything)
        except OSError:  # its trigger is closed: the loop has ended, or is ending, and nothing else uses the sockets
            host.join(self._thread, 2)
            close_everything()
            return
        host.join(self._thread, 2)


class KitchenProcess:
    """A test kitchen in a process of its own, started at once (or, with `at_once=False`, when first asked for);
    `url()` waits until it serves.

    The process ends when its standard input closes: at `stop()`, or when this process ends in any way.
    """

    def __init__(self, *, at_once: bool = True) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._url: str | None = None
        self._ready = threading.Event()
        self._errors: collections.deque[str] = collections.deque(maxlen=20)
        if at_once:
            self.start()

    def start(self) -> None:
        """Start the process, unless it is started already (`at_once=False` leaves it to this, or to `url()`)."""
        if self._process is not None:
            return
        self._process = subprocess.Popen(
            [sys.executable, "-m", "kata.kitchen.live"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        threading.Thread(target=self._read_url, name="kata-kitchen-url", daemon=True).start()
        threading.Thread(target=self._drain_errors, name="kata-kitchen-stderr", daemon=True).start()

    def _read_url(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with self._process.stdout:  # the URL is all it ever prints
            line = self._process.stdout.readline().decode("utf-8", "replace").strip()
        self._url = line if line.startswith("http://") else None
        self._ready.set()

    def _drain_errors(self) -> None:  # read it all, so a chatty kitchen can never block on a full pipe
        assert self._process is not None and self._process.stderr is not None
        with self._process.stderr:
            for line in self._process.stderr:
                self._errors.append(line.decode("utf-8", "replace").rstrip())

    def url(self, timeout: float = START_TIMEOUT) -> str:
        """The kitchen's base URL, once it serves (started now if it was not); KitchenError if it could not start."""
        self.start()
        assert self._process is not None
        if not host.wait(self._ready, timeout):  # every wait in slices: Ctrl+C is never held (Windows)
            raise KitchenError(f"The test kitchen did not start within {timeout:g} s.")
        if self._url is None:
            host.ended(self._process)
            detail = "\n".join(self._errors) or f"exit code {self._process.returncode}"
            raise KitchenError(f"The test kitchen could not start:\n{detail}")
        return self._url

    def ready_url(self) -> str | None:
        """The base URL if the kitchen serves already, without waiting."""
        return self._url if self._ready.is_set() else None

    def stop(self, wait: bool = True) -> None:
        """End the kitchen; without `wait`, it finishes on its own once it sees its input closed.

        One that never served is ended at once: a run that did not need it must leave no work behind.
        """
        if self._process is None:  # never started: nothing to end
            return
        if not self._ready.is_set():
            self._process.kill()
        if self._process.stdin is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
        if not wait:
            return
        try:
            host.ended(self._process, 5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            host.ended(self._process)


def kitchen_for_runs(root: Path, *, at_once: bool = True) -> KitchenProcess | None:
    """A kitchen for the test runs to come, started now (else at its `start()` or first `url()`); None if they have one.

    They have one in a workshop (the team's kitchen on the shared server) or when one is handed over
    in KATA_KITCHEN. The process starts before the workshop check: it gets ready while the rest does.
    """
    if os.environ.get(KITCHEN_ENV):
        return None
    kitchen = KitchenProcess(at_once=at_once)
    if in_a_workshop(root):
        kitchen.stop()
        return None
    return kitchen


def in_a_workshop(root: Path) -> bool:
    """Whether this kata has joined a workshop (its runs then use the team's kitchen on the room's server)."""
    from kata.workshop import room as workshop_client  # only now: urllib need not delay the kitchen's start

    try:
        return workshop_client.configured(root) is not None
    except workshop_client.WorkshopCallFailed:
        return False


def may_use_the_kitchen(exercises: Sequence[Exercise]) -> bool:
    """Whether these exercises' test files name the live kitchen at all (the `kitchen` fixture, a test's words).

    When none does (chapters 9 and 10 test the learner's own app and tests), no kitchen is started up front: its
    start-up (flask, the app: about 0.2 s of CPU) would compete with the run for the cores. A test that asks for
    it after all still gets one (KitchenProcess starts on its first `url()`).
    """
    for path in (path for exercise in exercises for path in exercise.test_files()):
        try:
            if b"kitchen" in path.read_bytes():
                return True
        except OSError:
            return True  # a run that cannot be read ahead: as before, at once
    return False


def serve_until_stdin_closes() -> int:
    """`python -m kata.kitchen.live`: serve a test kitchen, print its URL, stop at the end of standard input."""
    kitchen = LiveKitchen.start()
    print(kitchen.url, flush=True)
    try:
        sys.stdin.read()
    except KeyboardInterrupt:  # Ctrl+C in the terminal reaches this process too
        pass
    kitchen.stop()
    return 0


if __name__ == "__main__":
    sys.exit(serve_until_stdin_closes())
