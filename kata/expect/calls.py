"""Calls into learner code and what they gave back: "Called `f(x)`. It returned X, but the tests expected Y."

When a call goes wrong, the message says what the call returned or raised and, if the test is
watching the wire (tests/exercises/conftest.py), what the code sent and what the kitchen answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

import pytest

from kata.expect.voice import are_numbers, describe_call, fail, show
from kata.expect.wire import current_wire, describe_all
from kata.learner.time_limit import TimeLimitExceeded

_PASS_THROUGH = (pytest.fail.Exception, TimeLimitExceeded, NotImplementedError)


def expect_equal(actual: Any, expected: Any, *, call: str, hint: str | None = None) -> None:
    """Check a returned value: "Called `f(x)`. It returned X, but the tests expected Y." """
    __tracebackhide__ = True
    if actual != expected or (type(actual) is not type(expected) and not are_numbers(actual, expected)):
        fail(f"Called {call}.", expected=show(expected), actual=f"{show(actual)} (returned)", hint=hint)


def expect_true(
    condition: bool, summary: str, *, expected: str | None = None, actual: str | None = None, hint: str | None = None
) -> None:
    """Fail with a learner message unless `condition` holds."""
    __tracebackhide__ = True
    if not condition:
        fail(summary, expected=expected, actual=actual, hint=hint)


def _raised_text(error: BaseException) -> str:
    from kata.catalogue import find_root
    from kata.learner.errors import describe_learner_exception

    return "it " + describe_learner_exception(error, find_root()) + _no_json_to_read(error)


def _no_json_to_read(error: BaseException) -> str:
    """For a failed `response.json()`: what the kitchen's answer really held (no body, an HTML page)."""
    wire = current_wire()
    last = wire.last() if wire else None
    if not isinstance(error, ValueError) or last is None or last.response is None:
        return ""
    response = last.response
    kind = response.headers.get("Content-Type", "")
    if response.content and "json" in kind:
        return ""
    what = "no body at all" if not response.content else f"a {kind or 'non-JSON'} body, not JSON"
    return (
        f"\n  The kitchen answered {last.sent.method} {last.sent.path} with {last.describe_answer()}: {what}."
        f"\n  Look at the status code (and Content-Type) before reading the body as JSON."
    )


def _sent_text() -> str:
    """What the code sent during this test, for a message (empty if the wire is not watched)."""
    wire = current_wire()
    if wire is None:
        return ""
    lines = [f"[{i}] {e.sent.method} {e.sent.url} -> {e.describe_answer()}" for i, e in enumerate(wire.exchanges, 1)]
    return "\nyour code sent:\n" + ("\n".join(lines[-5:]) if lines else describe_all([]))


@dataclass
class Called:
    """The outcome of one call into learner code: `.value` and a readable `.text` of the call."""

    text: str
    value: Any
    hint: str | None = None  # the call's own hint, also the default of `returns`

    def returns(self, expected: Any, *, hint: str | None = None) -> None:
        """The call must have returned `expected` (an equal value of the same type)."""
        __tracebackhide__ = True
        expect_equal(self.value, expected, call=self.text, hint=hint or self.hint)


def call(func: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Called:
    """Call learner code; an unexpected exception fails the test, saying where it was raised.

    `hint` is shown when the call raises, and by `.returns(...)` unless it is given one of its own:
    give the call the hint of the mistake a learner sees first.
    """
    __tracebackhide__ = True
    text = describe_call(getattr(func, "__name__", "function"), *args, **kwargs)
    try:
        value = func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # reported as "not started yet" or "stopped" by the plugin
    except Exception as error:
        unexpected = _raised_text(error)
    else:
        return Called(text, value, hint)
    _failed_call(text, "it returns normally", unexpected, hint)


def raises(exception: type[BaseException], func: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Any:
    """Call learner code that must raise `exception` (or a subclass); return what it raised."""
    __tracebackhide__ = True
    text = describe_call(getattr(func, "__name__", "function"), *args, **kwargs)
    try:
        value = func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # checked first: a stub's NotImplementedError must never count as the expected error
    except exception as error:
        return error
    except Exception as error:
        outcome = _raised_text(error)
    else:
        outcome = f"it returned {show(value)} without raising"
    _failed_call(text, f"it raises {exception.__name__}", outcome + _sent_text(), hint)


def _failed_call(text: str, expected: str, actual: str, hint: str | None) -> NoReturn:
    __tracebackhide__ = True
    fail(f"Called {text}.", expected=expected, actual=actual, hint=hint)
    raise AssertionError("unreachable")
