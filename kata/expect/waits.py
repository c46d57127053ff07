"""Fake clocks and sleeps passed to learner code, and what its waits should have been.

Tests never sleep for real: `FakeSleep` records each wait, `FakeClock` moves only when the code waits.
When no fake wait was recorded but real time went by, the messages say the code waited for real.
"""

from __future__ import annotations

import time
from typing import Any, Sequence

from kata.expect.voice import fail

REAL_WAIT = 0.25  # seconds of real time that only a real wait (time.sleep) explains in a test
BUSY_WAITS = 20  # waits through the given `sleep` that show a busy loop, not a real wait, when real time runs out
RESTARTED_CLOCK_HINT = (
    "When did the waiting start? Read that moment once, before the first try: a start read again on every try "
    "(in a loop, or in a function that calls itself) moves the deadline with it."
)
BUSY_REAL_SECONDS = (
    3.0  # a busy loop gets this much real time: a test's own cap on requests speaks first, whatever the load
)


class FakeSleep:
    """A stand-in for `time.sleep`, passed to learner code as `sleep=`: records each wait instead of waiting.

    `then(seconds)` runs after each recorded wait (e.g. `kitchen.advance`, so the kitchen's clock
    moves as if the time had passed). After `limit` waits the test fails: the code never gives up.
    """

    def __init__(self, then: Any = None, *, limit: int = 100) -> None:
        self.calls: list[float] = []
        self.then = then
        self.limit = limit
        self.real_start = time.monotonic()

    def real_seconds(self) -> float:
        """Real time passed since this stand-in was made."""
        return time.monotonic() - self.real_start

    def __repr__(self) -> str:
        return "sleep"

    def __call__(self, seconds: float) -> None:
        __tracebackhide__ = True
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError(f"sleep() takes a number of seconds, not {type(seconds).__name__} {seconds!r}")
        if seconds < 0:
            raise ValueError(f"sleep length must be non-negative, got {seconds!r}")
        self.calls.append(seconds)
        if len(self.calls) > self.limit:
            fail(
                f"Your code waited {len(self.calls)} times and was still going: it never gives up.",
                expected=f"at most {self.limit} waits, then stop (return or raise)",
                actual=_sleeps_text(self.calls[:8]) + ", ...",
                hint="Count the tries and stop at the limit the docstring gives.",
                cause="waits: never gives up",
            )
        if self.then is not None:
            self.then(seconds)


def _sleeps_text(seconds: Sequence[float]) -> str:
    if not seconds:
        return "no wait at all"
    return ", then ".join(f"sleep({s:g})" for s in seconds)


def expect_sleeps(sleep: FakeSleep, expected: Sequence[float], *, hint: str | None = None) -> None:
    """The code waited exactly these seconds, in this order, through the `sleep` it was given."""
    __tracebackhide__ = True
    got = list(sleep.calls)
    if len(got) == len(expected) and all(abs(a - b) <= 1e-6 for a, b in zip(got, expected)):
        return
    real = sleep.real_seconds()
    for_real = real >= REAL_WAIT and real >= sum(got) + REAL_WAIT / 2
    if not got and for_real:
        summary = (
            f"Your code waited for real ({real:.1f} seconds of real time went by), "
            "not through the `sleep` it was given: the tests cannot see those waits."
        )
        hint = "Call the `sleep` your function receives as a parameter, not `time.sleep`."
    elif not got:
        summary = "Your code never waited between tries: it hammers the kitchen."
        hint = hint or "Wait with the `sleep` function you were given (not `time.sleep`), so the tests can see it."
    elif len(got) != len(expected):
        summary = f"Your code waited {len(got)} time(s); the tests expected {len(expected)}."
    else:
        summary = "Your code waited, but not for the right number of seconds."
    if got and for_real:
        summary += f" Some of its waits were real ({real:.1f} seconds went by): does it call `time.sleep`?"
    fail(summary, expected=_sleeps_text(expected), actual=_sleeps_text(got), hint=hint)


class FakeClock:
    """A stand-in for `time.monotonic`, passed to learner code as `clock=`: time moves only when the code waits.

    Pass `fake.sleep` (a FakeSleep) as `sleep=`: each wait moves the clock forward, then runs
    `then(seconds)` (e.g. `kitchen.advance`). `pass_time(s)` moves it without a wait (a slow answer).
    Like `time.monotonic()` it does not start at 0. Once more than `give_up_after` seconds have
    passed the test fails: the code never stops waiting. So does it when more than `real_seconds`
    of real time pass while the code reads the clock or waits (`check_real_time()`; a test's fake
    kitchen can call it too): the code waits for real, with `time.sleep`.
    """

    def __init__(
        self, then: Any = None, *, start: float = 1000.0, give_up_after: float = 3600.0, real_seconds: float = 1.0
    ) -> None:
        self.start = start
        self.now = start
        self.then = then
        self.give_up_after = give_up_after
        self.real_seconds = real_seconds
        self._real_start = time.monotonic()
        self.sleep = FakeSleep(self._waited, limit=10**9)
        self.reads = 0  # how many times the code read this clock

    def __repr__(self) -> str:
        return "clock"

    def __call__(self) -> float:
        __tracebackhide__ = True
        self.reads += 1
        self.check_real_time()
        return self.now

    def check_real_time(self) -> None:
        """Fail the test if the code has been running too long in real time: it sleeps for real, or never stops.

        Many waits through the given `sleep` mean the code is busy, not asleep: its deadline never comes
        (a start read again on every try, as in a function that calls itself).
        """
        __tracebackhide__ = True
        spent = time.monotonic() - self._real_start
        busy = len(self.sleep.calls) >= BUSY_WAITS
        if busy and spent > max(self.real_seconds, BUSY_REAL_SECONDS):
            fail(
                f"Your code waited {len(self.sleep.calls)} times through `sleep`, {self.elapsed:g} seconds on its "
                "clock, and was still going: it never gives up.",
                expected="stop (return or raise) once the deadline has passed",
                actual=_sleeps_text(self.sleep.calls[:4]) + ", ...",
                hint=RESTARTED_CLOCK_HINT,
                cause="waits: never gives up",
            )
        if spent > self.real_seconds and not busy:
            fail(
                f"Your code has been waiting for real: {spent:.1f} seconds of real time went by, "
                f"but only {self.elapsed:g} seconds on the clock it was given.",
                expected="every wait through the `sleep` passed to your function",
                actual=f"waits through `sleep`: {_sleeps_text(self.sleep.calls[:6])}",
                hint="Call the `sleep` and `clock` your function receives as parameters, "
                "not `time.sleep` and `time.monotonic` directly.",
                cause="waits: for real",
            )

    @property
    def elapsed(self) -> float:
        """Seconds passed since the start."""
        return self.now - self.start

    def pass_time(self, seconds: float) -> None:
        self.now += seconds

    def _waited(self, seconds: float) -> None:
        __tracebackhide__ = True
        self.check_real_time()
        self.now += seconds
        if self.elapsed > self.give_up_after:
            fail(
                f"Your code waited {len(self.sleep.calls)} times, {self.elapsed:g} seconds in all, "
                "and was still going: it never gives up.",
                expected="stop (return or raise) once the deadline has passed",
                actual=_sleeps_text(self.sleep.calls[:6]) + ", ...",
                hint="Measure the time with the `clock` you were given: what it says now, against what it said "
                "when you started. Stop once that reaches the deadline.",
                cause="waits: never gives up",
            )
        if self.then is not None:
            self.then(seconds)
