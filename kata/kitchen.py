"""The live kitchen for tests: the restaurant server on a free loopback port.

`LiveKitchen.start()` serves `mock_server.create_app()` with waitress in a
background thread. `Kitchen` talks to its admin API (`/__admin/...`) with
urllib from the standard library, so that requests-mock, which patches
`requests`, can never intercept the tests' own admin calls.

`KitchenProcess` serves one in a process of its own (`python -m kata.kitchen`),
so that its start-up (flask, the app) runs beside the test run's instead of
before it: `kata check` starts one first thing. A kitchen that is already
running can be handed to test runs in the `KATA_KITCHEN` environment variable.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from typing import Any

ADMIN_TIMEOUT = 5.0
KITCHEN_ENV = "KATA_KITCHEN"  # the base URL of a test kitchen (manual clock) that is already serving
START_TIMEOUT = 60.0


class KitchenError(Exception):
    """The kitchen could not be reached or refused an admin call."""


class Kitchen:
    """A client for one kitchen's admin API, plus the base URL learners' code talks to."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url.rstrip("/")
        self._headers = dict(headers or {})

    def __repr__(self) -> str:
        return f"Kitchen({self.url!r})"

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        return self.api(method, f"/__admin/{path}", body)

    def reset(self) -> None:
        """Fresh state: menu, tables, orders, payments, journal, faults and clock."""
        self._admin("POST", "reset")

    def journal(self) -> list[dict[str, Any]]:
        """Every request the kitchen received since the last reset, newest last."""
        return list(self._admin("GET", "journal")["entries"])

    def clear_journal(self) -> None:
        self._admin("DELETE", "journal")

    def advance(self, seconds: float) -> float:
        """Move the kitchen's clock forward; returns the new time."""
        return float(self._admin("POST", "clock", {"advance": seconds})["now"])

    def faults(self, **spec: Any) -> None:
        """Set faults, e.g. `faults(next=[{"status": 503, "count": 2, "path": "/menu"}])`."""
        self._admin("POST", "faults", spec)

    def set_open(self, is_open: bool) -> None:
        self._admin("POST", "state", {"open": is_open})

    def api(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        """Call the restaurant's public API as the test (set-up, checks): the parsed JSON answer.

        Like any request it is journaled, rate-limited and faulted; a 4xx/5xx raises KitchenError.
        """
        data = None if body is None else json.dumps(body).encode("utf-8")
        sent = {"Accept": "application/json", **self._headers, **(headers or {})}
        if data is not None:
            sent["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=ADMIN_TIMEOUT) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            raise KitchenError(f"{method} {path} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise KitchenError(f"The kitchen at {self.url} cannot be reached: {error}") from None
        return json.loads(raw) if raw else None

    def token(self, username: str = "ada", password: str = "lovelace") -> str:
        """A fresh bearer token for a demo guest (POST /auth/token with HTTP Basic, journaled like any call)."""
        basic = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        return str(self.api("POST", "/auth/token", headers={"Authorization": f"Basic {basic}"})["access_token"])


class LiveKitchen:
    """The restaurant served in a background thread for the length of a test session."""

    def __init__(self, server: Any, thread: threading.Thread, url: str) -> None:
        self._server = server
        self._thread = thread
        self.url = url

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
        return cls(server, thread, f"http://127.0.0.1:{port}")

    def stop(self) -> None:
        """Finish the requests in hand, then close every socket from the server's own thread and let it end.

        Closing from this thread instead races with waitress: its loop and its workers would use
        closed file descriptors ("Bad file descriptor" in a thread, which pytest reports as an error).
        """
        server = self._server
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=2)

        def close_everything() -> None:  # runs in the server's loop, which then finds nothing left to serve
            for channel in list(server._map.values()):
                channel.close()

        server.trigger.pull_trigger(close_everything)
        self._thread.join(2)


class KitchenProcess:
    """A test kitchen started at once in a process of its own; `url()` waits until it serves.

    The process ends when its standard input closes: at `stop()`, or when this process ends in any way.
    """

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "kata.kitchen"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        self._url: str | None = None
        self._ready = threading.Event()
        self._errors: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=self._read_url, name="kata-kitchen-url", daemon=True).start()
        threading.Thread(target=self._drain_errors, name="kata-kitchen-stderr", daemon=True).start()

    def _read_url(self) -> None:
        assert self._process.stdout is not None
        with self._process.stdout:  # the URL is all it ever prints
            line = self._process.stdout.readline().decode("utf-8", "replace").strip()
        self._url = line if line.startswith("http://") else None
        self._ready.set()

    def _drain_errors(self) -> None:  # read it all, so a chatty kitchen can never block on a full pipe
        assert self._process.stderr is not None
        with self._process.stderr:
            for line in self._process.stderr:
                self._errors.append(line.decode("utf-8", "replace").rstrip())

    def url(self, timeout: float = START_TIMEOUT) -> str:
        """The kitchen's base URL, once it serves; KitchenError if it could not start."""
        if not self._ready.wait(timeout):
            raise KitchenError(f"The test kitchen did not start within {timeout:g} s.")
        if self._url is None:
            self._process.wait()
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
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def serve_until_stdin_closes() -> int:
    """`python -m kata.kitchen`: serve a test kitchen, print its URL, stop at the end of standard input."""
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
