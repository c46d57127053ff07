"""The one voice's primitives: a failure message in one shape (summary, expected, got, hint), and short renderings."""

from __future__ import annotations

from typing import Any

import pytest

from kata.learner import next_step as steps
from kata.wording import sentence

__all__ = ["LearnerFailure", "are_numbers", "describe_call", "fail", "sentence", "show"]


class LearnerFailure(pytest.fail.Exception):  # type: ignore[name-defined]
    """A test failed by the one voice: the message, and what the results record about it (not its words).

    `cause` names the mistake (failures with the same cause in one exercise are one mistake: the focused
    output folds them); `hint` is the hint's own text (printed once per run); `kitchen_spoke` is true when
    the message carries the kitchen's own words.
    """

    def __init__(
        self,
        msg: str,
        *,
        cause: str | None,
        hint: str | None,
        kitchen_spoke: bool = False,
        response: Any = None,
        next_step: str | None = None,
    ) -> None:
        super().__init__(msg, pytrace=False)
        self.cause = cause
        self.next_step = next_step  # the one action the failure ends with (kata.expect.next_step)
        self.hint = hint
        self.kitchen_spoke = kitchen_spoke
        self.response = response  # the answer whose words the message shows (the notepad need not repeat them)


def fail(
    summary: str,
    *,
    expected: str | None = None,
    actual: str | None = None,
    hint: str | None = None,
    differs: str | None = None,
    cause: str | None = None,
    kitchen_spoke: bool = False,
    response: Any = None,
    where: Any = None,
    next_step: str | None = None,
) -> None:
    """Fail the current test with a learner-facing message (no traceback).

    `differs` points at the first difference between expected and got; `cause` names the mistake
    (by default the test's own: its parametrized cases fold into one block). `next_step` is the one action the
    failure ends with; by default it is decided from the cause, at `where` (a `CodeLocation`; by default the
    learner's function the test called last).
    """
    __tracebackhide__ = True
    width = 8
    lines = [summary]
    if expected is not None:
        lines.append(_block("expected", expected, width))
    if actual is not None:
        lines.append(_block("got", actual, width))
    if differs:
        lines.append(_block("differs", differs, width))
    if hint:
        lines.append(_block("hint", hint, 0))
    shown_hint = _block("hint", hint, 0) if hint else None
    if next_step is None:
        next_step = steps.next_step(
            cause, where=where or _called_last(), kitchen_spoke=kitchen_spoke, expected=expected is not None
        )
    raise LearnerFailure(
        "\n".join(lines),
        cause=cause,
        hint=shown_hint,
        kitchen_spoke=kitchen_spoke,
        response=response,
        next_step=next_step,
    )


def _block(label: str, text: str, width: int = 0) -> str:
    """`  label: text`, its further lines under the first; labels padded to `width` so that values line up."""
    first, *rest = str(text).splitlines() or [""]
    head = f"  {label + ':':<{width + 1}} " if width else f"  {label}: "
    pad = " " * len(head)
    return "\n".join([head + first, *(pad + line for line in rest)])


def show(value: Any) -> str:
    """A short, readable rendering of a value for a message."""
    text = repr(value)
    return text if len(text) <= 300 else text[:297] + "..."


def describe_call(func_name: str, *args: Any, **kwargs: Any) -> str:
    """`f(1, 'a', key=2)`: a call as the learner would write it."""
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{func_name}({', '.join(parts)})"


def are_numbers(a: Any, b: Any) -> bool:
    """Both real numbers (int or float, never bool): 5 and 5.0 are then the same answer."""
    return (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )


def _called_last() -> Any:
    """Where the learner's function this test called last is defined (kata.expect.calls notes it on the wire)."""
    from kata.catalogue import find_root
    from kata.expect.wire import current_wire

    wire = current_wire()
    called = wire.called if wire is not None else None
    return steps.learner_location(called, find_root()) if called is not None else None
