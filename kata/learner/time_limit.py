"""Run learner code with a time limit, on every platform.

The call runs in a worker thread. If it is still running when the limit
passes, an exception is injected into that thread (CPython's
`PyThreadState_SetAsyncExc`), which stops a busy loop at its next bytecode;
the test fails at once either way, so one hanging exercise never blocks the
rest of the run. Signals would not do: SIGALRM does not exist on Windows.

A worker that finished in time takes the next call: a whole-kata run makes
about 1,600 calls, and starting a thread for each cost more than most of
them (a quarter of a millisecond each, far more on a busy machine). A worker
whose call outlived its limit is never used again.
"""

from __future__ import annotations

import ctypes
import functools
import queue
import sys
import threading
from types import FrameType
from typing import Any, Callable, TypeVar

from kata import host

T = TypeVar("T")


class TimeLimitExceeded(Exception):
    """Learner code was still running when its time limit passed."""

    def __init__(self, seconds: float, frame: FrameType | None = None) -> None:
        super().__init__(f"still running after {seconds:g} s")
        self.seconds = seconds
        self.frame = frame  # where the worker was when time ran out


class _Stop(BaseException):
    """Injected into a runaway worker; a BaseException so `except Exception` cannot swallow it."""


def _inject_stop(thread: threading.Thread) -> None:
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stop))


class _Worker:
    """A thread that runs the calls given to it, one after another, until it is retired."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.retired = False
        self.thread = threading.Thread(target=self._serve, name="kata-learner", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            while not self.retired:
                self.jobs.get()()
        except _Stop:  # injected just as a call ended: this worker is retired anyway
            pass


_idle: list[_Worker] = []  # workers whose last call ended in time (list.pop and append are atomic)


def _worker() -> _Worker:
    try:
        return _idle.pop()
    except IndexError:
        return _Worker()


def _wait(done: threading.Lock, seconds: float) -> bool:
    """Acquire `done` within `seconds`, in slices: a long wait on a lock cannot be interrupted by Ctrl+C (Windows)."""
    return host.waited(lambda left: done.acquire(timeout=left), seconds)


def run_with_time_limit(func: Callable[..., T], *args: Any, seconds: float, **kwargs: Any) -> T:
    """Return `func(*args, **kwargs)`, re-raise what it raises, or raise TimeLimitExceeded."""
    outcome: dict[str, Any] = {}
    done = threading.Lock()
    done.acquire()

    def work() -> None:
        try:
            outcome["value"] = func(*args, **kwargs)
        except _Stop:
            pass
        except BaseException as error:  # handed to the caller's thread as it is
            outcome["error"] = error
        finally:
            done.release()

    worker = _worker()
    worker.jobs.put(work)
    if not _wait(done, seconds):
        worker.retired = True
        frame = sys._current_frames().get(worker.thread.ident or -1)
        _inject_stop(worker.thread)
        host.join(worker.thread, 0.2)
        raise TimeLimitExceeded(seconds, frame)
    _idle.append(worker)
    if "error" in outcome:
        error = outcome.pop("error")
        try:
            raise error
        finally:
            del error
    return outcome["value"]


def time_limited(func: Callable[..., T], seconds: float) -> Callable[..., T]:
    """`func`, run with a time limit; what it returns or raises passes through unchanged."""

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> T:
        __tracebackhide__ = True
        return run_with_time_limit(func, *args, seconds=seconds, **kwargs)

    return call
