"""The model of what learner code sent on the wire: each request as the kitchen would see it, and what came back.

Requests are compared as they went over the wire (method, path, parsed query, headers, parsed JSON
body), so `params=` or a hand-built query string, a `Session` or plain `requests.get` are all equally
right. `watching_the_wire()` records every request sent through `requests` while a test runs, with its
response, so that a message can say what was sent and what the kitchen answered.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import parse_qs, urlsplit

from kata.notepad.text import Answer, exchange_lines

NO_BODY = object()  # `json=NO_BODY` expects a request without a body
NOT_SENT = object()  # the timeout of a request that was only built: none can apply yet


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

    @classmethod
    def of(cls, request: Any, timeout: Any = None) -> Sent:
        """From a requests.PreparedRequest (or requests-mock's record of one)."""
        body = request.body
        if isinstance(body, str):  # http.client sends a text body as ISO-8859-1, not UTF-8 (JSON's encoding)
            body = body.encode("iso-8859-1", "replace")
        return cls(request.method or "", request.url or "", dict(request.headers), body, timeout)

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

    def line(self) -> str:
        """`GET /menu?veggie=true`: the request line as the kitchen reads it (path and query, as sent)."""
        query = urlsplit(self.url).query
        return f"{self.method} {self.path}" + (f"?{query}" if query else "")

    def body_text(self) -> str:
        """`body: ...` (short), or `no body`."""
        if not self.body:
            return "no body"
        text = self.body.decode("utf-8", "replace") if isinstance(self.body, bytes) else str(self.body)
        return "body: " + (text if len(text) <= 300 else text[:297] + "...")

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
        if self.timeout is not NOT_SENT:
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
    return [Sent.of(request, getattr(request, "timeout", None)) for request in requests_mock.request_history]


def describe_all(sent: Sequence[Sent]) -> str:
    if not sent:
        return "no request at all"
    return "\n".join(f"[{i}] " + s.describe().replace("\n", "\n    ") for i, s in enumerate(sent, 1))


def answered(response: Any) -> str:
    """What the kitchen answered a request, in its own words: `POST /orders -> 415 ...`, title, detail, hint."""
    return "\n".join(Exchange(Sent.of(response.request, None), response).report())


@dataclass
class Exchange:
    """One request sent through `requests` during a test, and the response (None if none came back)."""

    sent: Sent
    response: Any = None

    def answer(self) -> Answer | None:
        """The kitchen's answer, as the waiter reports it (None if none came back)."""
        return Answer.of(self.response) if self.response is not None else None

    def describe_answer(self) -> str:
        """`503 Service Unavailable, application/problem+json, 120 bytes` or `204, no body`."""
        response = self.response
        if response is None:
            return "no answer"
        body = response.content or b""
        kind = response.headers.get("Content-Type", "")
        shape = f"{kind}, {len(body)} bytes" if body else "no body"
        return Answer.of(response).status_line() + f", {shape}"

    def report(self) -> list[str]:
        """`GET /menu -> 400 Bad Request`, then the kitchen's words (a problem's title, detail, hint; headers)."""
        return exchange_lines(self.sent.line(), self.answer())


class WireLog:
    """Every request learner code sends through `requests` while it is watched, oldest first."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self.called: Any = None  # the learner's function the test called last (kata.expect.calls notes it)

    def sent(self) -> list[Sent]:
        return [exchange.sent for exchange in self.exchanges]

    def last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


_watched: list[WireLog] = []  # the log of the test that runs now (a stack: a test inside a test, e.g. pytester)


@contextlib.contextmanager
def watching_the_wire() -> Iterator[WireLog]:
    """Record what reaches a transport adapter (requests-mock's or the real one) until the block ends.

    Adapters, not `Session.send`: requests-mock calls the original `Session.send` directly, past any
    wrapper of it, and each redirect is a request of its own on the wire.
    """
    import requests.adapters
    import requests_mock

    log = WireLog()
    originals = {cls: cls.send for cls in (requests.adapters.HTTPAdapter, requests_mock.Adapter)}

    def spy(original: Any) -> Any:
        def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            exchange = Exchange(Sent.of(request, kwargs.get("timeout")))
            log.exchanges.append(exchange)
            exchange.response = original(adapter, request, *args, **kwargs)
            return exchange.response

        return send

    for cls, original in originals.items():
        cls.send = spy(original)  # type: ignore[method-assign]
    _watched.append(log)
    try:
        yield log
    finally:
        _watched.remove(log)
        for cls, original in originals.items():
            cls.send = original  # type: ignore[method-assign]


def current_wire() -> WireLog | None:
    """The log of the test that runs now, if it is watched."""
    return _watched[-1] if _watched else None
