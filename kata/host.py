"""The learner's machine: every decision that depends on Windows, macOS or Linux, one function per question.

Everything else asks here and never reads `sys.platform` itself, so a test can make the kata believe it runs on
Windows (`monkeypatch.setattr(host, "system", lambda: "win32")`) and check what it would do there: the paths
and launcher it prints, the key reader, the bind. The server (`mock_server`) never imports the kata: its own
two Windows decisions (an exclusive bind, the `select()` cap) live in `mock_server.serving.waitress_server`.
"""

from __future__ import annotations

import errno
import io
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Generic, Mapping, MutableMapping, TextIO, TypeVar

LOOPBACK = ("127.0.0.1", "localhost", "::1")
REPLACE_TRIES = 10  # os.replace while antivirus or OneDrive holds the file: about a second in all
REPLACE_PAUSE = 0.1
PROXY_NOTE = "A proxy is set: the kata reaches the kitchen on 127.0.0.1 directly (NO_PROXY=127.0.0.1,localhost,::1)."
JOIN_SLICE = 0.1  # every wait is cut into slices this long, so that Ctrl+C reaches the main thread (cpython#74157)

T = TypeVar("T")


def system() -> str:
    """ "win32", "darwin" or "linux" (sys.platform): the one place that reads it."""
    return sys.platform


def windows() -> bool:
    return system() == "win32"


def git_bash(environ: Mapping[str, str] | None = None) -> bool:
    """Git Bash (MSYS2's bash on Windows): a POSIX shell, where backslashes in a command are eaten."""
    environ = os.environ if environ is None else environ
    return windows() and (bool(environ.get("MSYSTEM")) or "bash" in environ.get("SHELL", ""))


def script_name(name: str) -> str:
    """A console script's file name: `kata.exe` on Windows."""
    return f"{name}.exe" if windows() else name


def shown_path(path: str, environ: Mapping[str, str] | None = None) -> str:
    """A path as the learner's shell takes it: forward slashes in Git Bash, quoted when it has a space."""
    if git_bash(environ):
        path = path.replace("\\", "/")
    if " " not in path:
        return path
    if windows() and not git_bash(environ):
        return f'& "{path}"'  # PowerShell runs a quoted path only after `&`; cmd.exe ignores neither
    return f'"{path}"'


def keep_loopback_direct(environ: MutableMapping[str, str] | None = None) -> bool:
    """Add 127.0.0.1, localhost and ::1 to NO_PROXY and no_proxy; True if a proxy is set and they were missing.

    requests and urllib read both spellings, and the system's proxies (Windows' registry, macOS's settings)
    apply too, whose exceptions do not always cover loopback: the local kitchen must never go through one.
    """
    environ = os.environ if environ is None else environ
    changed = False
    for name in ("NO_PROXY", "no_proxy"):
        present = [part.strip() for part in environ.get(name, "").split(",") if part.strip()]
        missing = [host for host in LOOPBACK if host not in present]
        if missing and "*" not in present:
            environ[name] = ",".join([*present, *missing])
            changed = True
    return changed and bool(proxies(environ))


def proxies(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The proxies this process would use: the environment's, else the system's (registry, System Settings)."""
    found = {
        name.lower(): value
        for name, value in (os.environ if environ is None else environ).items()
        if name.lower() in ("http_proxy", "https_proxy", "all_proxy") and value
    }
    if found:
        return found
    import urllib.request  # here: at start-up it would cost `kata check` 20 ms before the kitchen starts

    try:
        return {f"{scheme}_proxy": url for scheme, url in urllib.request.getproxies().items() if scheme != "no"}
    except Exception:  # a malformed registry or System Settings entry: as if none were set
        return {}


def replace(source: str | Path, target: str | Path, *, sleep: Callable[[float], None] = time.sleep) -> None:
    """os.replace, tried again for about a second while another program (antivirus, OneDrive) holds the target."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            sleep(REPLACE_PAUSE)


def ctrl_c_held() -> bool:
    """Whether Ctrl+C waits until a blocked call returns: on Windows, where it interrupts neither a lock's wait
    (Thread.join, Event.wait, Queue.get: cpython#74157, Python <= 3.13) nor a socket's select()."""
    return windows()


def waited(step: Callable[[float], bool], timeout: float | None = None) -> bool:
    """The one way the kata waits: `step(seconds)` blocks at most that long and says whether it is done.

    It is called with slices of at most JOIN_SLICE until it is done (True) or `timeout` has passed (False).
    Between two slices the main thread runs Python again, where a Ctrl+C pressed meanwhile is raised at once,
    even where the wait inside a slice cannot be interrupted (`ctrl_c_held`).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = JOIN_SLICE if deadline is None else min(JOIN_SLICE, deadline - time.monotonic())
        if step(max(left, 0.0)):
            return True
        if deadline is not None and time.monotonic() >= deadline:
            return False


def join(thread: threading.Thread, timeout: float | None = None) -> bool:
    """thread.join(timeout), through `waited`; True if the thread has ended."""

    def step(seconds: float) -> bool:
        thread.join(seconds)
        return not thread.is_alive()

    return waited(step, timeout)


def wait(event: threading.Event, timeout: float | None = None) -> bool:
    """event.wait(timeout), through `waited`."""
    return waited(event.wait, timeout)


def _sliced(attempt: Callable[[float], T], timeout: float | None, expired: type[Exception]) -> T:
    """What `attempt(seconds)` gives once it does not raise `expired`, through `waited`; the last `expired` if none."""
    got: list[T] = []
    missed: list[Exception] = []

    def step(seconds: float) -> bool:
        try:
            got.append(attempt(seconds))
        except expired as error:
            missed[:] = [error]
            return False
        return True

    if waited(step, timeout):
        return got[0]
    raise missed[0]


def get(box: queue.Queue[T], timeout: float | None = None) -> T:
    """box.get(timeout=timeout), through `waited`; queue.Empty if nothing came in time."""
    return _sliced(lambda seconds: box.get(timeout=seconds), timeout, queue.Empty)


def ended(process: subprocess.Popen[Any], timeout: float | None = None) -> int:
    """process.wait(timeout), through `waited`; its exit code, or subprocess.TimeoutExpired."""
    return _sliced(lambda seconds: process.wait(timeout=seconds), timeout, subprocess.TimeoutExpired)


def communicate(process: subprocess.Popen[Any], timeout: float | None = None) -> tuple[Any, Any]:
    """process.communicate(timeout=timeout), through `waited` (on Windows it joins threads that read the pipes)."""
    return _sliced(lambda seconds: process.communicate(timeout=seconds), timeout, subprocess.TimeoutExpired)


class Outcome(Generic[T]):
    """What `blocking()` returned or raised in the thread that ran `run`, for the thread that waits for it."""

    def __init__(self, blocking: Callable[[], T]) -> None:
        self.blocking = blocking
        self.value: list[T] = []
        self.error: list[BaseException] = []

    def run(self) -> None:
        try:
            self.value.append(self.blocking())
        except BaseException as error:  # handed to the waiting thread as it is
            self.error.append(error)

    def get(self) -> T:
        if self.error:
            error = self.error.pop()
            try:
                raise error
            finally:
                del error
        return self.value[0]


def call(blocking: Callable[[], T]) -> T:
    """`blocking()`, a call that cannot be cut into slices (a socket's connect and read, a child process run).

    Where Ctrl+C is held (`ctrl_c_held`) it runs in a thread of its own, waited for through `waited`, so that
    Ctrl+C stops the kata at once; the call itself ends by its own timeout, in the background. Elsewhere a
    signal interrupts it anyway: it runs here.
    """
    if not ctrl_c_held():
        return blocking()
    outcome = Outcome(blocking)
    worker = threading.Thread(target=outcome.run, name="kata-blocking-call", daemon=True)
    worker.start()
    join(worker)
    return outcome.get()


def closed_pipe(error: BaseException) -> bool:
    """The reader of our output left (`kata | head`): BrokenPipeError, or EINVAL on a Windows pipe."""
    if isinstance(error, BrokenPipeError):
        return True
    return isinstance(error, OSError) and error.errno == errno.EINVAL and windows()


def safe_streams(*streams: TextIO | None) -> None:
    """Never a UnicodeEncodeError on output: what the stream's encoding cannot show is written as \\u escapes.

    On Windows a pipe or a file gets the ANSI code page (cp1252, cp1251...), and an ASCII locale gives ascii:
    the ù of Tiramisù or a learner's ✓ would stop the kata with a traceback.
    """
    for stream in streams or (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # closed or detached: nothing will be written to it
                pass


def console_shows_symbols(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the console's font has ✓, ✗ and the bar's blocks: not the old Windows console's (conhost)."""
    environ = os.environ if environ is None else environ
    if not windows():
        return True
    # Windows Terminal, VS Code's terminal, ConEmu and mintty (Git Bash) have them; conhost's fonts show boxes.
    return bool(
        environ.get("WT_SESSION") or environ.get("TERM_PROGRAM") or environ.get("ConEmuANSI") or git_bash(environ)
    )


def key_reader(interactive: bool) -> str:
    """How `kata watch` reads keys: "msvcrt" (Windows console), "cbreak" (POSIX terminal) or "lines" (a pipe)."""
    if not interactive:
        return "lines"
    return "msvcrt" if windows() else "cbreak"


def keys_need_enter(interactive: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Keys count only after Enter: stdin is a pipe (Git Bash's mintty gives one to Windows programs)."""
    return key_reader(interactive) == "lines" and git_bash(environ)
