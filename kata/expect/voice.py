"""The one voice's primitives: a failure message in one shape (summary, expected, got, hint), and short renderings."""

from __future__ import annotations

from typing import Any

import pytest

from kata.wording import sentence

__all__ = ["are_numbers", "describe_call", "fail", "sentence", "show"]


def fail(summary: str, *, expected: str | None = None, actual: str | None = None, hint: str | None = None) -> None:
    """Fail the current test with a learner-facing message (no traceback)."""
    __tracebackhide__ = True
    lines = [summary]
    if expected is not None:
        lines.append(_block("expected", expected))
    if actual is not None:
        lines.append(_block("got", actual))
    if hint:
        lines.append(_block("hint", hint))
    pytest.fail("\n".join(lines), pytrace=False)


def _block(label: str, text: str) -> str:
    first, *rest = str(text).splitlines() or [""]
    pad = " " * (len(label) + 4)
    return "\n".join([f"  {label}: {first}", *(pad + line for line in rest)])


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
