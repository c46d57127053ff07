"""The one next action a failure ends with: where in the learner's file to look, and what to compare there.

Decided from the failure's structure (its cause, whether the kitchen spoke, the learner's function the test
called or the line that raised), never from the message's words: `next: open exercises/.../ex05_filter_the_menu.py
at line 12 (find_dishes) and compare the query parameters it sends with the ones expected above`.
"""

from __future__ import annotations

import inspect
from typing import Any

from kata.learner.modules import CodeLocation, is_learner_file, relative

# What to compare, by the kind of mistake (the part of a cause before its colon, kata.testrun.results).
_REQUEST_PARTS = {
    "none": "make it send its request: none reached the kitchen",
    "count": "count the requests it sends against the number expected above",
    "method": "compare the method it sends with the one expected above",
    "address": "compare the path it sends with the one expected above",
    "query": "compare the query parameters it sends with the ones expected above",
    "credentials": "look at the Authorization header it sends, and where its token comes from",
    "headers": "compare the headers it sends with the ones expected above",
    "timeout": "look at the timeout its request is given",
    "body": "compare the JSON body it sends with the one expected above, from the first difference",
}
_WAITS = {
    "never gives up": "find where its loop decides to stop, and make the deadline end it",
    "for real": "make it wait with the `sleep` it was given, never with `time.sleep`",
    "never waits": "make it wait `interval` seconds with the `sleep` it was given between two requests",
}


def learner_location(func: Any, root: Any) -> CodeLocation | None:
    """Where the learner's function `func` is defined (None when it is not the learner's)."""
    target = inspect.unwrap(getattr(func, "__func__", func))
    code = getattr(target, "__code__", None)
    if code is None or root is None or not is_learner_file(code.co_filename, root):
        return None
    return CodeLocation(relative(code.co_filename, root), code.co_firstlineno, code.co_name, "")


def where_text(location: CodeLocation | None) -> str:
    """`exercises/.../ex05.py at line 12 (find_dishes)`, or "" when unknown."""
    if location is None:
        return ""
    return f"{location.file} at line {location.line} ({location.function})"


def action(cause: str | None, *, kitchen_spoke: bool = False, expected: bool = True) -> str:
    """What to do there about this mistake, as one clause: `compare the query parameters it sends with ...`."""
    kind, _, detail = (cause or "").partition(": ")
    if kitchen_spoke:
        part = detail if kind == "request" and detail in _REQUEST_PARTS else ""
        named = f"the {part if part != 'credentials' else 'Authorization header'} " if part else "the part "
        return f"read the kitchen's detail above, then change {named}of the request it names"
    if kind == "request" and detail.startswith("header "):
        return f"look at the {detail.removeprefix('header ')} header it sends (the expected one is above)"
    if kind == "request" and detail in _REQUEST_PARTS:
        return _REQUEST_PARTS[detail]
    if kind == "returned":
        return f"compare what {detail} returns with the value expected above"
    if kind == "does not raise":
        return f"make {detail} raise on the answer shown above instead of returning"
    if kind == "waits" and detail in _WAITS:
        return _WAITS[detail]
    if kind == "stopped":
        return "find the loop that never ends there, and give it an end (a deadline; a timeout on each request)"
    if kind.startswith("raised "):
        return f"read the line that raised {kind.removeprefix('raised ')} and what it was given there"
    if kind.startswith("answered "):
        return f"read the kitchen's {kind.removeprefix('answered ')} answer above and what it says of the request"
    return "compare what it does with the `expected:` line above" if expected else "read what happened above"


def next_step(
    cause: str | None, *, where: CodeLocation | None, kitchen_spoke: bool = False, expected: bool = True
) -> str:
    """The whole action: `open <file> at line N (<function>) and <action>` (without a place: the action alone)."""
    what = action(cause, kitchen_spoke=kitchen_spoke, expected=expected)
    place = where_text(where)
    return f"open {place} and {what}" if place else what
