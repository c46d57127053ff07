"""Run learner code with a time limit, on every platform.

The call runs in a worker thread. If it is still running when the limit
passes, an exception is injected into that thread (CPython's
`PyThreadState_SetAsyncExc`), which stops a busy loop at its next bytecode;
the test fails at once either way, so one hanging exercise never blocks the
rest of the run. Signals would not do: SIGALRM does not exist on Windows.
"""

from __future__ import annotations

import ctypes
import functools
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


def run_with_time_limit(func: Callable[..., T], *args: Any, seconds: float, **kwargs: Any) -> T:
    """Return `func(*args, **kwargs)`, re-raise what it raises, or raise TimeLimitExceeded."""
    outcome = host.Outcome(functools.partial(func, *args, **kwargs))  # an injected _Stop stays in it, unread
    worker = threading.Thread(target=outcome.run, name=f"kata-learner-{getattr(func, '__name__', 'call')}", daemon=True)
    worker.start()
    host.join(worker, seconds)  # in slices: Ctrl+C is not held for the whole limit (Windows)
    if worker.is_alive():
        frame = sys._current_frames().get(worker.ident or -1)
        _inject_stop(worker)
        host.join(worker, 0.2)
        raise TimeLimitExceeded(seconds, frame)
    return outcome.get()


def time_limited(func: Callable[..., T], seconds: float) -> Callable[..., T]:
    """`func`, run with a time limit; what it returns or raises passes through unchanged."""

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> T:
        __tracebackhide__ = True
        return run_with_time_limit(func, *args, seconds=seconds, **kwargs)

    return call
