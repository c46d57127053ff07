"""Where expected and got part ways: the first difference between two structured values, said in one line.

`first_difference({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3]})` is "at `b[1]`: expected 2, got 3". The query
string and headers are compared as mappings (`query_difference`), so a message can point at `veggie`.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

_NOTHING = object()


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def first_difference(expected: Any, got: Any, where: str = "") -> str | None:
    """The first place where `got` differs from `expected` (JSON-like values), or None when they are equal."""
    at = f"at `{where}`: " if where else ""
    if isinstance(expected, Mapping) and isinstance(got, Mapping):
        for key in expected:
            if key not in got:
                return f"{at}`{key}` is missing"
            found = first_difference(expected[key], got[key], _join(where, key))
            if found:
                return found
        extra = [key for key in got if key not in expected]
        if extra:
            return f"{at}`{extra[0]}` was not expected"
        return None
    if isinstance(expected, list) and isinstance(got, list):
        for index, (want, have) in enumerate(zip(expected, got)):
            found = first_difference(want, have, f"{where}[{index}]")
            if found:
                return found
        if len(expected) != len(got):
            return f"{at}expected {len(expected)} items, got {len(got)}"
        return None
    if expected == got and type(expected) is type(got):
        return None
    if type(expected) is not type(got) and expected == got:
        return f"{at}expected {_short(expected)} ({type(expected).__name__}), got {_short(got)} ({type(got).__name__})"
    return f"{at}expected {_short(expected)}, got {_short(got)}"


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def query_difference(expected: Mapping[str, Sequence[str]], got: Mapping[str, Sequence[str]]) -> str | None:
    """The first difference between two parsed query strings: a name missing, one not expected, a value."""
    missing = [name for name in expected if name not in got]
    extra = [name for name in got if name not in expected]
    if extra and missing:
        return f"`{extra[0]}` was sent where `{missing[0]}` was expected"
    if missing:
        return f"`{missing[0]}` is missing"
    if extra:
        return f"`{extra[0]}` was not expected: leave it out"
    for name, values in expected.items():
        if list(got[name]) != list(values):
            want, have = ", ".join(values), ", ".join(got[name])
            return f"`{name}`: expected {want!r}, got {have!r}" if len(values) == 1 else f"`{name}`: {want} vs {have}"
    return None
