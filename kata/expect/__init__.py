"""Assertion helpers: the one voice that speaks to the learner when a test fails.

Every message has the same shape: what was expected, what the learner's code
actually did or sent, and one hint. Tests call these helpers; they never
format messages themselves. Helper frames are hidden from tracebacks.

`from kata.expect import ...` is the one import for tests; the modules behind it have one job each:
`voice` (the message's shape), `wire` (what was sent, as the kitchen sees it), `sending` (expectations
about requests), `calls` (calling learner code: returns, raises) and `waits` (fake sleeps and clocks).
"""

from kata.expect.calls import Called, call, expect_equal, expect_true, raises
from kata.expect.details import expect_no_header, expect_prepared, expect_timeout
from kata.expect.sending import as_number, bearer, expect_request
from kata.expect.voice import are_numbers, describe_call, fail, sentence, show
from kata.expect.waits import FakeClock, FakeSleep, expect_sleeps
from kata.expect.wire import (
    NO_BODY,
    Exchange,
    Sent,
    WireLog,
    answered,
    current_wire,
    describe_all,
    sent_requests,
    watching_the_wire,
)

__all__ = [
    "NO_BODY",
    "Called",
    "Exchange",
    "FakeClock",
    "FakeSleep",
    "Sent",
    "WireLog",
    "answered",
    "are_numbers",
    "as_number",
    "bearer",
    "call",
    "current_wire",
    "describe_all",
    "describe_call",
    "expect_equal",
    "expect_no_header",
    "expect_prepared",
    "expect_request",
    "expect_sleeps",
    "expect_timeout",
    "expect_true",
    "fail",
    "raises",
    "sent_requests",
    "sentence",
    "show",
    "watching_the_wire",
]
