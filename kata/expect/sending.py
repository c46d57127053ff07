"""Expectations about the requests learner code sent (or built): method, path, query, headers, JSON body, timeout."""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from kata.expect.differ import first_difference, query_difference
from kata.expect.voice import fail
from kata.expect.wire import NO_BODY, Sent, _shown, sent_requests

_ABSENT = object()
_NOT_JSON = object()


class Credentials(str):
    """An Authorization value as HTTP compares it: the scheme in any case, then the credentials, exactly.

    `headers={"Authorization": bearer(token)}` accepts `bearer <token>` as the kitchen does (RFC 9110,
    section 11.1: the scheme is case-insensitive); the message shows the usual spelling.
    """

    scheme: str
    credentials: str

    def matches(self, value: str | None) -> bool:
        scheme, _, credentials = (value or "").strip().partition(" ")
        return scheme.lower() == self.scheme.lower() and credentials.strip() == self.credentials


def bearer(token: str) -> Credentials:
    """`Bearer <token>`, as a header value `expect_request` compares like HTTP (scheme in any case)."""
    value = Credentials(f"Bearer {token}")
    value.scheme, value.credentials = "Bearer", token
    return value


class NumberText(str):
    """A query value the kitchen reads as a number: `12`, `12.0` and `1.2e1` are the same price limit."""

    def matches(self, value: str) -> bool:
        return value == self or (_as_float(value) is not None and _as_float(value) == _as_float(self))


def _as_float(text: str) -> float | None:
    """`text` as the kitchen reads a number parameter (ASCII, finite), or None."""
    try:
        value = float(text) if text.isascii() and len(text) <= 32 else math.nan
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def as_number(text: str) -> NumberText:
    """A query value for `expect_request(query=...)` that matches any spelling of the same number."""
    return NumberText(text)


def _with_numbers_as_expected(expected: Mapping[str, list[str]], got: Mapping[str, Sequence[str]]) -> dict:
    """`got`, where a value that spells an expected NumberText's number is written as expected."""
    same = {name: list(values) for name, values in got.items()}
    for name, wanted in expected.items():
        for i, want in enumerate(wanted):
            if isinstance(want, NumberText) and i < len(same.get(name, [])) and want.matches(same[name][i]):
                same[name][i] = str(want)
    return same


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
    return _check_request(
        sent_requests(requests_mock),
        method=method,
        path=path,
        query=query,
        headers=headers,
        json=json,
        timeout=timeout,
        index=index,
        count=count,
        hint=hint,
    )


def _check_request(
    sent: list[Sent],
    *,
    method: str,
    path: str,
    query: Mapping[str, str | Sequence[str]] | None,
    headers: Mapping[str, str] | None,
    json: Any,
    timeout: bool,
    index: int,
    count: int | None,
    hint: str | None,
) -> Sent:
    __tracebackhide__ = True
    wanted = f"{method.upper()} {path}" + (_query_text(query) if query else "")
    if not sent:
        fail(
            "Your code sent no request to the kitchen.",
            expected=wanted,
            actual="no request at all",
            hint=hint,
            cause="request: none",
        )
    if count is not None and len(sent) != count:
        fail(
            f"Your code sent {len(sent)} request(s); the tests expected {count}.",
            expected=wanted if count == 1 else f"{count} requests",
            actual="\n".join(f"[{i}] {s.line()}" for i, s in enumerate(sent, 1)),
            hint=hint,
            cause="request: count",
        )
    request = sent[index]
    if request.method != method.upper():
        fail(
            f"Your code sent a {request.method} request; this needs a {method.upper()}.",
            expected=wanted,
            actual=request.line(),
            hint=hint or f"Which function of `requests` sends a {method.upper()}?",
            cause="request: method",
        )
    if request.path.rstrip("/") != path.rstrip("/"):
        fail(
            "Your code asked for the wrong address.",
            expected=wanted,
            actual=request.line(),
            differs=f"the path: expected {path}, got {request.path}",
            hint=hint,
            cause="request: address",
        )
    if query is not None:
        expected_query = {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}
        got_query = _with_numbers_as_expected(expected_query, request.query)
        if got_query != expected_query:
            fail(
                "The query string is not what the kitchen needs.",
                expected=wanted if query else f"{wanted} (no query string)",
                actual=request.line(),
                differs=query_difference(expected_query, got_query),
                hint=hint or "Which filters were given? Only those belong in the query string.",
                cause="request: query",
            )
    for name, value in (headers or {}).items():
        got = request.header(name)
        if not (value.matches(got) if isinstance(value, Credentials) else got == value):
            fail(
                f"The {name} header is {'missing' if got is None else 'wrong'}.",
                expected=f"{request.line()}\n{name}: {value}",
                actual=f"{request.line()}\n"
                + (f"{name}: {got}" if got is not None else f"no {name} header")
                + _other_headers(request, name),
                hint=hint or f"Which argument of `requests` carries headers? {name} goes there.",
                cause="request: credentials" if name.lower() == "authorization" else f"request: header {name.lower()}",
            )
    if json is not _ABSENT:
        _check_json_body(request, json, hint)
    if timeout and request.timeout is None:
        fail(
            "Your code waits forever if the kitchen never answers: it sent no timeout.",
            expected=f"{wanted}, with a timeout",
            actual=f"{request.line()}, with no timeout",
            hint="Every call to requests should have a timeout (in seconds). "
            "Without it, a stuck kitchen hangs your program.",
            cause="request: timeout",
        )
    return request


def _other_headers(request: Sent, name: str) -> str:
    others = [f"{k}: {v}" for k, v in request.headers.items() if k.lower() != name.lower() and _shown(k, v)]
    return ("\n(other headers: " + ", ".join(others) + ")") if others else ""


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
    wanted = "no body" if expected is NO_BODY else f"body: {_compact(expected)}"
    if body is _NOT_JSON:
        fail(
            "The body your code sent is not JSON.",
            expected=f"{request.line()}\n{wanted}",
            actual=f"{request.line()}\n{request.body_text()}",
            hint=hint or "Which argument of `requests` writes a dict as JSON (and says so in Content-Type)?",
            cause="request: body",
        )
    if expected is NO_BODY:
        if body is not NO_BODY:
            fail(
                "This request must have no body.",
                expected=f"{request.line()}\nno body",
                actual=f"{request.line()}\nbody: {_compact(body)}",
                hint=hint,
                cause="request: body",
            )
        return
    if body is NO_BODY:
        fail(
            "Your code sent no body.",
            expected=f"{request.line()}\n{wanted}",
            actual=f"{request.line()}\nno body",
            hint=hint,
            cause="request: body",
        )
    if "json" not in content_type.lower():
        fail(
            "The body is JSON, but the Content-Type header does not say so.",
            expected="Content-Type: application/json",
            actual=f"Content-Type: {content_type}" if content_type else "no Content-Type header",
            hint="Which argument of requests sends a dict as JSON and sets Content-Type for you? A string you "
            "made yourself goes out without it.",
            cause="request: body",
        )
    if body != expected or first_difference(expected, body):
        fail(
            "The JSON body is not what the kitchen needs.",
            expected=f"body: {_compact(expected)}",
            actual=f"body: {_compact(body)}",
            differs=first_difference(expected, body),
            hint=hint,
            cause="request: body",
        )


def _compact(value: Any) -> str:
    """JSON as it goes on the wire, short."""
    import json as jsonlib

    try:
        text = jsonlib.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 300 else text[:297] + "..."
