"""Checks of one detail of a request: a prepared (unsent) request, a header that must be absent, the timeout."""

from __future__ import annotations

from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from kata.expect.calls import Called
from kata.expect.sending import (
    _ABSENT,
    _check_request,
)
from kata.expect.voice import are_numbers, fail, show
from kata.expect.wire import NOT_SENT, Sent, sent_requests


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
            cause=f"returned: {built.text.split('(', 1)[0]}, {type(request).__name__}",  # in every test that asks
        )
    url = request.url or ""
    if not url.startswith(base.rstrip("/") + "/"):
        fail(
            "Your request goes to the wrong kitchen.",
            expected=f"{method.upper()} {base.rstrip('/')}{path}",
            actual=f"{request.method} {url}",
            hint="Start the URL with the base_url your function was given, then add the path.",
            cause="request: address",
        )
    path = urlsplit(base).path.rstrip("/") + path  # a base URL with a path of its own (a workshop's /t/<token>)
    built_request = Sent.of(request, NOT_SENT)  # no timeout line: none can apply to a request not sent
    return _check_request(
        [built_request],
        method=method,
        path=path,
        query=query,
        headers=headers,
        json=json,
        timeout=False,
        index=-1,
        count=None,
        hint=hint,
    )


def expect_no_header(requests_mock: Any, name: str, *, index: int = -1, hint: str | None = None) -> Sent:
    """The request (the last one by default) does not carry the header `name` at all."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    if not sent:
        fail(
            "Your code sent no request to the kitchen.",
            expected=f"no {name} header",
            actual="no request at all",
            cause="request: none",
        )
    request = sent[index]
    if request.header(name) is not None:
        fail(
            f"This request must not carry the {name} header.",
            expected=f"{request.line()}\nno {name} header",
            actual=f"{request.line()}\n{name}: {request.header(name)}",
            hint=hint or f"When do you have a value for {name}? Only then does it belong in the headers.",
            cause=f"request: header {name.lower()}",
        )
    return request


def expect_timeout(requests_mock: Any, expected: Any, *, index: int = -1, hint: str | None = None) -> Sent:
    """The request (the last one by default) was sent with exactly this `timeout=`, e.g. `(3.05, 2)`."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    if not sent:
        fail(
            "Your code sent no request to the kitchen.",
            expected=f"timeout={expected!r}",
            actual="no request at all",
            cause="request: none",
        )
    request = sent[index]
    got = request.timeout
    if isinstance(expected, tuple):
        same = (
            isinstance(got, tuple)
            and len(got) == len(expected)
            and all(are_numbers(a, b) and abs(a - b) <= 1e-9 for a, b in zip(got, expected))
        )
    else:
        same = are_numbers(got, expected) and abs(got - expected) <= 1e-9
    if not same:
        fail(
            "The timeout your code sent is not the one the docstring asks for.",
            expected=f"{request.line()}, timeout={expected!r}",
            actual=f"{request.line()}, timeout={got!r}",
            hint=hint,
            cause="request: timeout",
        )
    return request
