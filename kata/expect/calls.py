"""Calls into learner code and what they gave back: "Called `f(x)`. It returned X, but the tests expected Y."

When a call goes wrong, the message says what the call returned or raised and, if the test is
watching the wire (tests/exercises/conftest.py), what the code sent and what the kitchen answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

import pytest

from kata.expect.differ import first_difference
from kata.expect.voice import are_numbers, describe_call, fail, show
from kata.expect.wire import current_wire
from kata.learner.time_limit import TimeLimitExceeded
from kata.notepad.text import once_each

_PASS_THROUGH = (pytest.fail.Exception, TimeLimitExceeded, NotImplementedError)


def expect_equal(actual: Any, expected: Any, *, call: str, hint: str | None = None) -> None:
    """Check a returned value: "Called `f(x)`. It returned X, but the tests expected Y." """
    __tracebackhide__ = True
    if actual != expected or (type(actual) is not type(expected) and not are_numbers(actual, expected)):
        structured = isinstance(expected, (dict, list)) and isinstance(actual, (dict, list))
        fail(
            f"Called {call}.",
            expected=show(expected),
            actual=f"{show(actual)} (returned)",
            differs=first_difference(expected, actual) if structured else None,
            hint=hint,
            cause=f"returned: {call.split('(', 1)[0]}",  # a wrong value from one function is one mistake
        )


def expect_true(
    condition: bool,
    summary: str,
    *,
    expected: str | None = None,
    actual: str | None = None,
    hint: str | None = None,
    cause: str | None = None,
) -> None:
    """Fail with a learner message unless `condition` holds; `cause` names the mistake when other tests share it."""
    __tracebackhide__ = True
    if not condition:
        fail(summary, expected=expected, actual=actual, hint=hint, cause=cause)


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
    """What the code sent during this test and what the kitchen answered (empty if it sent nothing, or unwatched).

    A function that makes no request (a pure function) is never described in terms of requests.
    """
    wire = current_wire()
    if wire is None or not wire.exchanges:
        return ""
    lines = once_each([exchange.report() for exchange in wire.exchanges[-5:]])
    return "\nthe exchanges:\n" + "\n".join("  " + line for line in lines)


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
    _note_called(func)
    try:
        value = func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # reported as "not started yet" or "stopped" by the plugin
    except Exception as error:
        unexpected, about = _raised_text(error), _about(error)
    else:
        return Called(text, value, hint)
    _failed_call(text, "it returns normally", unexpected, hint, about)


def raises(exception: type[BaseException], func: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Any:
    """Call learner code that must raise `exception` (or a subclass); return what it raised."""
    __tracebackhide__ = True
    text = describe_call(getattr(func, "__name__", "function"), *args, **kwargs)
    _note_called(func)
    try:
        value = func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # checked first: a stub's NotImplementedError must never count as the expected error
    except exception as error:
        return error
    except Exception as error:
        outcome, about = _raised_text(error), _about(error)
    else:
        name = getattr(func, "__name__", "function")
        outcome, about = (
            f"it returned {show(value)} without raising" + _sent_text(),
            {
                "cause": f"does not raise: {name}",  # one mistake, whatever answer it did not raise on
            },
        )
    _failed_call(text, f"it raises {exception.__name__}", outcome, hint, about)


def _note_called(func: Any) -> None:
    """The learner's function this test calls: a failure's next step points at it (kata.expect.next_step)."""
    wire = current_wire()
    if wire is not None:
        wire.called = func


def _about(error: BaseException) -> dict[str, Any]:
    """What the results record of a failure the code raised: its cause, the kitchen's answer it raised on, and
    the line of the learner's code that raised."""
    from kata.catalogue import find_root
    from kata.learner.errors import cause_of
    from kata.learner.modules import last_learner_frame

    cause, answer = cause_of(error)
    where = last_learner_frame(error.__traceback__, find_root())
    about = {"cause": cause, "kitchen_spoke": answer is not None, "response": getattr(error, "response", None)}
    return {**about, "where": where}


def _failed_call(text: str, expected: str, actual: str, hint: str | None, about: dict[str, Any]) -> NoReturn:
    __tracebackhide__ = True
    fail(f"Called {text}.", expected=expected, actual=actual, hint=hint, **about)
    raise AssertionError("unreachable")
