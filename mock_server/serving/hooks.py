"""What happens around every request: faults, rate limit, opening hours, journal.

Order for a non-admin request: injected faults (latency, drop, status), then
the rate limit, then "is the restaurant open?", then the view. Every answer,
including faults and errors, is written to the tenant's journal.
An operation declared ``admin`` (the ``/__admin/`` calls) is exempt from all of it, and one declared
``public`` (the documentation) from the rate limit and opening hours (``declare.current_operation``).
"""

from __future__ import annotations

import math
import socket
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from mock_server.admin.journal import JournalEntry
from mock_server.admin.pause import pause
from mock_server.contract.declare import current_operation
from mock_server.contract.problems import PROBLEMS, problem
from mock_server.serving.encoding import refuse_codings
from mock_server.state.store import current_state

try:  # waitress closes the connection without an answer on ClientDisconnected
    from waitress.channel import ClientDisconnected

    _DISCONNECTED: tuple[type, ...] = (ClientDisconnected, ConnectionAbortedError)
except ImportError:  # Flask's own server, or none: werkzeug's dev server understands ConnectionError
    _DISCONNECTED = (ConnectionAbortedError,)

DROP_KEY = "mock_server.drop_connection"
ARRIVED_KEY = "mock_server.arrived"
JOURNAL_KEY = "mock_server.journal"  # the journal in force when the request arrived


class ConnectionDropped(*_DISCONNECTED):  # type: ignore[misc]
    """Raised to the WSGI server to close the socket without an answer.

    waitress treats its ``ClientDisconnected`` and werkzeug's dev server treats
    ``ConnectionError`` as "the connection is gone": neither writes a response.
    Under Flask's test client the exception reaches the test.
    """


def before_request() -> Response | None:
    req = request._get_current_object()  # type: ignore[attr-defined]  # one proxy lookup, not ten
    state = current_state()
    req.environ[ARRIVED_KEY] = state.clock.now()
    req.environ[JOURNAL_KEY] = state.journal
    path = req.path
    op = current_operation()
    if op is not None and op.admin:
        return None
    action = None
    if state.faults.armed:
        with state.lock:
            action = state.faults.decide(req.method, path)
    if action is not None:
        if action.latency:
            pause(action.latency)  # capped per team in a workshop (429)
        if action.drop:
            req.environ[DROP_KEY] = True
            return Response(status=204)
        if action.status:
            return _fault_response(action.status, action.retry_after)
    if op is not None and op.public:
        return None
    limited = _rate_limit(state, req.environ.get("REMOTE_ADDR"))
    if limited is not None:
        return limited
    if not state.open:
        return problem(
            "closed",
            "The restaurant is closed right now.",
            headers={"Retry-After": str(state.closed_retry_after)},
        )
    return None


def _fault_response(status: int, retry_after: int | None) -> Response:
    slug = {429: "rate-limited", 503: "service-unavailable"}.get(status, "injected-fault")
    headers = {}
    if retry_after is None and status in (429, 503):
        retry_after = 1
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    kind = PROBLEMS[slug]
    detail = f"Injected fault: this {request.method} {request.path} was answered with {status} on purpose."
    return problem(slug, detail, status=status, title=kind.title if slug != "injected-fault" else None, headers=headers)


def _rate_limit(state: Any, client: str | None) -> Response | None:
    limit = state.faults.rate_limit or state.config["RATE_LIMIT"]
    if not limit:
        return None
    client = client or "unknown"
    with state.lock:
        now = state.clock.now()
        window = float(limit["window"])
        index = math.floor(now / window)
        slot = state.rate_windows.get(client)
        if slot is None or slot[0] != index:
            slot = state.rate_windows[client] = [index, 0]
        slot[1] += 1
        if slot[1] <= limit["limit"]:
            return None
        wait = max(1, math.ceil((index + 1) * window - now))
    return problem(
        "rate-limited",
        f"This client sent more than {limit['limit']} requests in {window:g} seconds.",
        headers={"Retry-After": str(wait)},
    )


def after_request(response: Response) -> Response:
    req = request._get_current_object()  # type: ignore[attr-defined]
    path = req.path
    op = current_operation()
    if op is not None and op.admin:
        return response
    state = current_state()
    environ = req.environ
    config = state.config
    limit = config["JOURNAL_BODY_LIMIT"]
    length = req.content_length or 0
    body: bytes | str = b""
    size = length
    if length > (config["MAX_CONTENT_LENGTH"] or length):
        body = f"<{length} bytes, too large to record>"
    elif length or "HTTP_TRANSFER_ENCODING" in environ:
        try:
            data = req.get_data(cache=True)
        except (HTTPException, OSError, ValueError):  # too large once de-chunked, or the client went away
            body = "<body could not be read>"
        else:
            size, body = len(data), data[:limit]  # a bounded preview: the journal never holds a whole large body
    dropped = DROP_KEY in environ
    # Store raw pieces; journal.show() decodes them only when the journal is read.
    entry = JournalEntry(
        req.method,
        path,
        environ.get("QUERY_STRING", ""),
        [(key, value) for key, value in environ.items() if key.startswith(_HEADER_KEYS)],
        body,
        size,
        environ.get("CONTENT_TYPE", ""),
        None if dropped else response.status_code,
        environ.get(ARRIVED_KEY, 0.0),
        dropped,
    )
    with state.lock:
        # A request that arrived before a reset (a slow one, still being answered) belongs to the journal
        # the reset forgot: it is not written into the new one, where it would look like the next test's.
        if environ.get(JOURNAL_KEY, state.journal) is state.journal:
            state.journal.append(entry)
    return response


_HEADER_KEYS = ("HTTP_", "CONTENT_TYPE", "CONTENT_LENGTH")


class DropConnections:
    """WSGI middleware that turns a ``drop_connection`` fault into a real drop."""

    def __init__(self, wsgi_app: Any) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Any) -> Any:
        def guarded_start_response(status: str, headers: list, exc_info: Any = None) -> Any:
            if environ.get(DROP_KEY):
                sock = environ.get("werkzeug.socket")  # Flask's dev server
                if sock is not None:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                raise ConnectionDropped("connection dropped on purpose (drop_connection fault)")
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, guarded_start_response)


def init_app(app: Flask) -> None:
    app.before_request(refuse_codings)  # first: a body the kitchen cannot read is not journaled as read
    app.before_request(before_request)
    app.after_request(after_request)
    app.wsgi_app = DropConnections(app.wsgi_app)  # type: ignore[method-assign]
