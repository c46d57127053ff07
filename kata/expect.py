"""Assertion helpers: the one voice that speaks to the learner when a test fails.

Every message has the same shape: what was expected, what the learner's code
actually did or sent, and one hint. Tests call these helpers; they never
format messages themselves. Helper frames are hidden from tracebacks.

Requests are compared as they went over the wire (method, path, parsed query,
headers, parsed JSON body), so `params=` or a hand-built query string, a
`Session` or plain `requests.get` are all equally right.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence
from urllib.parse import parse_qs, urlsplit

import pytest

from kata.time_limit import TimeLimitExceeded

_ABSENT = object()
NO_BODY = object()  # `json=NO_BODY` expects a request without a body
_NOT_JSON = object()


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
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{func_name}({', '.join(parts)})"


@dataclass
class Sent:
    """One request as it went over the wire."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | None
    timeout: Any = None
    query: dict[str, list[str]] = field(init=False)
    path: str = field(init=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        self.path = parts.path or "/"
        self.query = parse_qs(parts.query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        """The parsed JSON body; NO_BODY when there is none; raises ValueError when it is not JSON."""
        if not self.body:
            return NO_BODY
        return json.loads(self.body)

    def describe(self) -> str:
        lines = [f"{self.method} {self.url}"]
        interesting = {k: v for k, v in self.headers.items() if _shown(k, v)}
        if interesting:
            lines.append("headers: " + ", ".join(f"{k}: {v}" for k, v in interesting.items()))
        if self.body:
            text = self.body.decode("utf-8", "replace") if isinstance(self.body, bytes) else str(self.body)
            lines.append("body: " + (text if len(text) <= 300 else text[:297] + "..."))
        else:
            lines.append("body: (none)")
        lines.append(f"timeout: {self.timeout!r}")
        return "\n".join(lines)


# Headers requests always sends, left out of messages (shown when not requests' default, if one is given).
_BORING_HEADERS = {
    "user-agent": None,
    "accept-encoding": None,
    "accept": "*/*",
    "connection": None,
    "content-length": None,
}


def _shown(name: str, value: str) -> bool:
    if name.lower() not in _BORING_HEADERS:
        return True
    default = _BORING_HEADERS[name.lower()]
    return default is not None and value != default


def sent_requests(requests_mock: Any) -> list[Sent]:
    """Everything the code sent through requests-mock, oldest first."""
    found = []
    for request in requests_mock.request_history:
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        found.append(Sent(request.method, request.url, dict(request.headers), body, getattr(request, "timeout", None)))
    return found


def describe_all(sent: Sequence[Sent]) -> str:
    if not sent:
        return "no request at all"
    return "\n".join(f"[{i}] " + s.describe().replace("\n", "\n    ") for i, s in enumerate(sent, 1))


def expect_request(
    requests_mock: Any,
    *,
    method: str,
    path: str,
    query: Mapping[str, str | Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    json: Any = _ABSENT,
    timeout: bool = True,
    index: int = -1,
    count: int | None = None,
    hint: str | None = None,
) -> Sent:
    """Check one request the code sent (the last one by default) and return it.

    `query` is compared exactly (parsed, order-free); `headers` must be present
    with those values (names case-insensitive); `json` is compared as parsed
    JSON; `timeout=True` demands a timeout; `count` demands that many requests.
    """
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    wanted = f"{method} {path}" + (_query_text(query) if query else "")
    if not sent:
        fail("Your code sent no request to the kitchen.", expected=wanted, actual="no request at all", hint=hint)
    if count is not None and len(sent) != count:
        fail(
            f"Your code sent {len(sent)} request(s); the tests expected {count}.",
            expected=wanted if count == 1 else f"{count} requests",
            actual=describe_all(sent),
            hint=hint,
        )
    request = sent[index]
    if request.method != method.upper():
        fail(
            f"Your code sent a {request.method} request; this needs a {method.upper()}.",
            expected=wanted,
            actual=request.describe(),
            hint=hint or f"Which function of `requests` sends a {method.upper()}?",
        )
    if request.path.rstrip("/") != path.rstrip("/"):
        fail("Your code asked for the wrong address.", expected=wanted, actual=request.describe(), hint=hint)
    if query is not None:
        expected_query = {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}
        if request.query != expected_query:
            fail(
                "The query string is not what the kitchen needs.",
                expected=_query_text(query) or "no query string",
                actual=request.describe(),
                hint=hint or "Pass the filters as a dict with `params=`; leave out the ones that were not given.",
            )
    for name, value in (headers or {}).items():
        if request.header(name) != value:
            got = request.header(name)
            fail(
                f"The {name} header is {'missing' if got is None else 'wrong'}.",
                expected=f"{name}: {value}",
                actual=request.describe(),
                hint=hint or f"Pass it in the `headers=` dict: `headers={{{name!r}: ...}}`.",
            )
    if json is not _ABSENT:
        _check_json_body(request, json, hint)
    if timeout and request.timeout is None:
        fail(
            "Your code waits forever if the kitchen never answers: it sent no timeout.",
            expected=f"{wanted} with a timeout, e.g. `timeout=5`",
            actual=request.describe(),
            hint="Every call to requests should have `timeout=` (in seconds). "
            "Without it, a stuck kitchen hangs your program.",
        )
    return request


def _query_text(query: Mapping[str, Any] | None) -> str:
    if not query:
        return ""
    pairs = []
    for key, value in query.items():
        for item in [value] if isinstance(value, str) else value:
            pairs.append(f"{key}={item}")
    return "?" + "&".join(pairs)


def _check_json_body(request: Sent, expected: Any, hint: str | None) -> None:
    __tracebackhide__ = True
    content_type = request.header("Content-Type") or ""
    try:
        body = request.json()
    except ValueError:
        body = _NOT_JSON  # fail outside the except block: no "During handling of the above exception" noise
    if body is _NOT_JSON:
        fail(
            "The body your code sent is not JSON.",
            expected=f"a JSON body: {show(expected)}",
            actual=request.describe(),
            hint=hint
            or "Send the body with `json=your_dict`, not `data=`: requests then writes JSON and sets Content-Type.",
        )
    if expected is NO_BODY:
        if body is not NO_BODY:
            fail("This request must have no body.", expected="no body", actual=request.describe(), hint=hint)
        return
    if body is NO_BODY:
        fail("Your code sent no body.", expected=f"a JSON body: {show(expected)}", actual=request.describe(), hint=hint)
    if "json" not in content_type.lower():
        fail(
            "The body is JSON, but the Content-Type header does not say so.",
            expected="Content-Type: application/json",
            actual=request.describe(),
            hint="`json=` sets Content-Type for you; `data=json.dumps(...)` does not.",
        )
    if body != expected:
        fail("The JSON body is not what the kitchen needs.", expected=show(expected), actual=show(body), hint=hint)


def expect_equal(actual: Any, expected: Any, *, call: str, hint: str | None = None) -> None:
    """Check a returned value: "Called `f(x)`. It returned X, but the tests expected Y." """
    __tracebackhide__ = True
    if actual != expected or (type(actual) is not type(expected) and not _numbers(actual, expected)):
        fail(f"Called {call}.", expected=show(expected), actual=f"{show(actual)} (returned)", hint=hint)


def _numbers(a: Any, b: Any) -> bool:
    return (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )


def expect_true(
    condition: bool, summary: str, *, expected: str | None = None, actual: str | None = None, hint: str | None = None
) -> None:
    """Fail with a learner message unless `condition` holds."""
    __tracebackhide__ = True
    if not condition:
        fail(summary, expected=expected, actual=actual, hint=hint)


def _raised_text(error: BaseException) -> str:
    from kata.catalogue import find_root
    from kata.learner_errors import describe_learner_exception

    return "it " + describe_learner_exception(error, find_root())


_PASS_THROUGH = (pytest.fail.Exception, TimeLimitExceeded, NotImplementedError)


@dataclass
class Called:
    """The outcome of one call into learner code: `.value` and a readable `.text` of the call."""

    text: str
    value: Any

    def returns(self, expected: Any, *, hint: str | None = None) -> None:
        """The call must have returned `expected` (an equal value of the same type)."""
        __tracebackhide__ = True
        expect_equal(self.value, expected, call=self.text, hint=hint)


def call(func: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Called:
    """Call learner code; an unexpected exception fails the test, saying where it was raised."""
    __tracebackhide__ = True
    text = describe_call(getattr(func, "__name__", "function"), *args, **kwargs)
    try:
        value = func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # reported as "not started yet" or "stopped" by the plugin
    except Exception as error:
        unexpected = _raised_text(error)
    else:
        return Called(text, value)
    fail(f"Called {text}.", expected="it returns normally", actual=unexpected, hint=hint)
    raise AssertionError("unreachable")


def raises(exception: type[BaseException], func: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Any:
    """Call learner code that must raise `exception` (or a subclass); return what it raised."""
    __tracebackhide__ = True
    text = describe_call(getattr(func, "__name__", "function"), *args, **kwargs)
    try:
        func(*args, **kwargs)
    except _PASS_THROUGH:
        raise  # checked first: a stub's NotImplementedError must never count as the expected error
    except exception as error:
        return error
    except Exception as error:
        outcome = _raised_text(error)
    else:
        outcome = "it returned without raising"
    fail(f"Called {text}.", expected=f"it raises {exception.__name__}", actual=outcome, hint=hint)


def journal_text(entries: Sequence[Mapping[str, Any]], last: int = 5) -> str:
    """The last requests the kitchen received, one line each, for failure messages."""
    if not entries:
        return "The kitchen received no request at all."
    lines = []
    for entry in list(entries)[-last:]:
        query = entry.get("query") or ""
        if isinstance(query, Mapping):
            query = "&".join(f"{k}={v}" for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs]))
        target = entry["path"] + (f"?{query}" if query else "")
        body = entry.get("body")
        shown = f"  body: {body[:120]}" if body else ""
        lines.append(f"{entry['method']} {target} -> {entry['status']}{shown}")
    skipped = len(entries) - last
    head = f"(and {skipped} earlier)\n" if skipped > 0 else ""
    return head + "\n".join(lines)


class FakeSleep:
    """A stand-in for `time.sleep`, passed to learner code as `sleep=`: records each wait instead of waiting.

    `then(seconds)` runs after each recorded wait (e.g. `kitchen.advance`, so the kitchen's clock
    moves as if the time had passed). After `limit` waits the test fails: the code never gives up.
    """

    def __init__(self, then: Any = None, *, limit: int = 100) -> None:
        self.calls: list[float] = []
        self.then = then
        self.limit = limit

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
    if not got:
        summary = "Your code never waited between tries: it hammers the kitchen."
        hint = hint or "Wait with the `sleep` function you were given (not `time.sleep`), so the tests can see it."
    elif len(got) != len(expected):
        summary = f"Your code waited {len(got)} time(s); the tests expected {len(expected)}."
    else:
        summary = "Your code waited, but not for the right number of seconds."
    fail(summary, expected=_sleeps_text(expected), actual=_sleeps_text(got), hint=hint)


def expect_prepared(
    built: Called,
    *,
    base: str,
    method: str,
    path: str,
    query: Mapping[str, str | Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    json: Any = _ABSENT,
    hint: str | None = None,
) -> Sent:
    """Check a request that learner code built but did not send: `built = call(...)` must return a PreparedRequest.

    The same checks and messages as `expect_request`, without the timeout (a
    prepared request has none yet), plus the URL must start with `base`.
    """
    __tracebackhide__ = True
    import requests

    request = built.value
    if not isinstance(request, requests.PreparedRequest):
        fix = "return the request itself"
        if isinstance(request, requests.Request):
            fix = "call `.prepare()` on your Request"
        fail(
            f"Called {built.text}.",
            expected="a requests.PreparedRequest, built with `requests.Request(...).prepare()`",
            actual=f"{show(request)} (returned)",
            hint=f"Build the request and {fix}; do not send it.",
        )
    url = request.url or ""
    if not url.startswith(base.rstrip("/") + "/"):
        fail(
            "Your request goes to the wrong kitchen.",
            expected=f"{method.upper()} {base.rstrip('/')}{path}",
            actual=f"{request.method} {url}",
            hint="Start the URL with the base_url your function was given, then add the path.",
        )
    path = urlsplit(base).path.rstrip("/") + path  # a base URL with a path of its own (a workshop's /t/<token>)
    return expect_request(
        _Built([request]), method=method, path=path, query=query, headers=headers, json=json, timeout=False, hint=hint
    )


@dataclass
class _Built:
    """Prepared requests dressed as requests-mock's history, so `expect_request` can check them."""

    request_history: list[Any]


def expect_no_header(requests_mock: Any, name: str, *, index: int = -1, hint: str | None = None) -> Sent:
    """The request (the last one by default) does not carry the header `name` at all."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    if not sent:
        fail("Your code sent no request to the kitchen.", expected=f"no {name} header", actual="no request at all")
    request = sent[index]
    if request.header(name) is not None:
        fail(
            f"This request must not carry the {name} header.",
            expected=f"no {name} header",
            actual=request.describe(),
            hint=hint or f"Add {name} to the headers only when you have a value for it.",
        )
    return request


def expect_timeout(requests_mock: Any, expected: Any, *, index: int = -1, hint: str | None = None) -> Sent:
    """The request (the last one by default) was sent with exactly this `timeout=`, e.g. `(3.05, 2)`."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    if not sent:
        fail("Your code sent no request to the kitchen.", expected=f"timeout={expected!r}", actual="no request at all")
    request = sent[index]
    got = request.timeout
    if isinstance(expected, tuple):
        same = (
            isinstance(got, tuple)
            and len(got) == len(expected)
            and all(_numbers(a, b) and abs(a - b) <= 1e-9 for a, b in zip(got, expected))
        )
    else:
        same = _numbers(got, expected) and abs(got - expected) <= 1e-9
    if not same:
        fail(
            "The timeout your code sent is not the one the docstring asks for.",
            expected=f"timeout={expected!r}",
            actual=request.describe(),
            hint=hint,
        )
    return request


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

    def __repr__(self) -> str:
        return "clock"

    def __call__(self) -> float:
        __tracebackhide__ = True
        self.check_real_time()
        return self.now

    def check_real_time(self) -> None:
        """Fail the test if the code has been running too long in real time: it sleeps for real."""
        __tracebackhide__ = True
        spent = time.monotonic() - self._real_start
        if spent > self.real_seconds:
            fail(
                f"Your code has been waiting for real: {spent:.1f} seconds of real time went by, "
                f"but only {self.elapsed:g} seconds on the clock it was given.",
                expected="every wait through the `sleep` passed to your function",
                actual=f"waits through `sleep`: {_sleeps_text(self.sleep.calls[:6])}",
                hint="Call the `sleep` and `clock` your function receives as parameters, "
                "not `time.sleep` and `time.monotonic` directly.",
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
                hint="Measure the time with the `clock` you were given: `clock()` now minus `clock()` when you "
                "started. Stop once that reaches the deadline.",
            )
        if self.then is not None:
            self.then(seconds)
