"""The learner's own Flask app under test: build it, send it requests, say what it answered.

For the exercises where the learner's code is the waiter (it answers; the tests play the client):
`build_app` calls the learner's factory and explains an app that cannot be built; `send` talks to it
through Flask's test client (in-process, time-limited); `served` puts it on a real loopback port for
`requests`. Each answer comes back as an `AppAnswer`, which `describe()`s the request sent and the answer
(status, headers, body) for failure messages; kata.waiter.answer_checks checks answers.
"""

from __future__ import annotations

import contextlib
import http
import inspect
import json as jsonlib
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Sequence

import requests
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from kata import host
from kata.catalogue import find_root
from kata.expect import call, describe_call, fail, show
from kata.learner.errors import describe_learner_exception
from kata.learner.time_limit import TimeLimitExceeded, run_with_time_limit

NOT_JSON = object()  # what `AppAnswer.json()` gives for a body that is not JSON
_ABSENT = object()
_PASS_THROUGH = (NotImplementedError, TimeLimitExceeded)  # reported by the plugin ("not started yet", "stopped")
_HIDDEN_HEADERS = {"content-length", "date", "server", "connection", "keep-alive"}
SECONDS = 5.0  # how long one answer may take


@dataclass
class AppAnswer:
    """One request a test sent to the learner's app, and the answer."""

    method: str
    target: str  # the path and query, as sent
    status: int
    headers: Sequence[tuple[str, str]]
    body: bytes
    sent_headers: Mapping[str, str] = field(default_factory=dict)
    sent_body: bytes | None = None
    handler: Any = None  # the learner's view function the app routed the request to (in-process only)

    @property
    def shape(self) -> str:
        """`GET /reservations/{id}`: the request line without its query, each number an `{id}` (one route)."""
        path = self.target.split("?", 1)[0]
        return f"{self.method} " + re.sub(r"(?<=/)\d+(?=/|$)", "{id}", path)

    @property
    def request_line(self) -> str:
        return f"{self.method} {self.target}"

    def header(self, name: str) -> str | None:
        """The answer's header `name` (any case), several values joined with ", "; None when absent."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        return ", ".join(values) if values else None

    @property
    def mimetype(self) -> str:
        """The media type of the answer's Content-Type, lower case, without parameters ("" when none)."""
        return (self.header("Content-Type") or "").split(";", 1)[0].strip().lower()

    def json(self) -> Any:
        """The answer's body parsed as JSON, or NOT_JSON."""
        try:
            return jsonlib.loads(self.body)
        except ValueError:
            return NOT_JSON

    def describe(self) -> str:
        """The request sent and the answer, for a message."""
        lines = [f"request: {self.request_line}"]
        lines += [f"         {name}: {value}" for name, value in self.sent_headers.items()]
        if self.sent_body:
            lines.append(f"         body: {_text(self.sent_body)}")
        phrase = status_text(self.status)
        lines.append(f"answer:  {self.status} {phrase}".rstrip())
        lines += [f"         {name}: {value}" for name, value in self.headers if name.lower() not in _HIDDEN_HEADERS]
        lines.append(f"         body: {_text(self.body) if self.body else '(empty)'}")
        return "\n".join(lines)


def status_text(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _text(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text if len(text) <= 400 else text[:397] + "..."


# Building the app ----------------------------------------------------------------------------------


def build_app(exercise: Any, *args: Any, hint: str | None = None, **kwargs: Any) -> Flask:
    """The learner's `create_app(*args, **kwargs)`: a new Flask app, or a failure that says why not."""
    __tracebackhide__ = True
    factory = exercise.create_app
    try:
        inspect.signature(factory).bind(*args, **kwargs)
    except TypeError as error:
        mismatch = str(error)
    except ValueError:  # no signature to read: let the call say what happens
        mismatch = None
    else:
        mismatch = None
    if mismatch is not None:
        fail(
            f"The tests call {describe_call('create_app', *args, **kwargs)}, but create_app cannot be called so.",
            expected="create_app with the parameters the docstring gives",
            actual=f"{mismatch} (create_app{inspect.signature(factory)})",
            hint=hint or "Compare create_app's parameters, and their defaults, with the docstring's.",
        )
    built = call(factory, *args, hint=hint, **kwargs)
    app = built.value
    if not isinstance(app, Flask):
        fail(
            f"Called {built.text}.",
            expected="a new Flask app: `app = Flask(__name__)`, add the routes, then `return app`",
            actual=f"{show(app)} (returned)",
            hint="Does create_app() end by returning the app it built?" if app is None else hint,
        )
    app.config["TESTING"] = True  # an exception in a view reaches the test, with its file and line
    return app


# In-process: Flask's test client ---------------------------------------------------------------------


def send(
    app: Flask,
    method: str,
    target: str,
    *,
    json: Any = _ABSENT,
    data: str | bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> AppAnswer:
    """Send one request to the app through Flask's test client; its answer as an AppAnswer."""
    __tracebackhide__ = True
    sent_headers = dict(headers or {})
    sent_body: bytes | None = None
    kwargs: dict[str, Any] = {"method": method, "headers": sent_headers}
    if json is not _ABSENT:
        sent_body = jsonlib.dumps(json).encode()
        kwargs["data"] = sent_body
        sent_headers.setdefault("Content-Type", "application/json")
    elif data is not None:
        sent_body = data.encode() if isinstance(data, str) else data
        kwargs["data"] = sent_body
    line = f"{method} {target}"
    try:
        response = run_with_time_limit(app.test_client().open, target, seconds=SECONDS, **kwargs)
    except _PASS_THROUGH:
        raise
    except Exception as error:
        raised = describe_learner_exception(error, find_root())
    else:
        return AppAnswer(
            method,
            target,
            response.status_code,
            list(response.headers.items()),
            response.get_data(),
            sent_headers,
            sent_body,
            _handler(app, method, target),
        )
    fail(
        f"While answering {line}, your app {raised}",
        expected="an answer to " + _request_text(line, sent_headers, sent_body).removeprefix("request: "),
        hint="A client gets 500 Internal Server Error here: which case does this request reach that the code "
        "does not handle?",
    )
    raise AssertionError("unreachable")


def _handler(app: Flask, method: str, target: str) -> Any:
    """The view function the app routes this request to, None when no route takes it."""
    try:
        rule, _ = app.url_map.bind("localhost").match(target.split("?", 1)[0], method, return_rule=True)
    except Exception:  # werkzeug's NotFound, MethodNotAllowed, RequestRedirect: no view of the learner's
        return None
    return app.view_functions.get(rule.endpoint)


def _request_text(line: str, headers: Mapping[str, str], body: bytes | None) -> str:
    return (
        AppAnswer(line.split(" ", 1)[0], line.split(" ", 1)[1], 0, [], b"", headers, body)
        .describe()
        .split("\nanswer:")[0]
    )


# Over a real socket: the app served on a loopback port ----------------------------------------------


class Served:
    """The app on a real port: `.url`, `.request(...)` with requests, `.check()` for what the app raised."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.raised: list[tuple[str, BaseException]] = []

    def request(self, method: str, target: str, **kwargs: Any) -> AppAnswer:
        """One request with `requests` (as a real client sends it); its answer as an AppAnswer."""
        __tracebackhide__ = True
        try:
            response = host.call(lambda: requests.request(method, self.url + target, timeout=SECONDS, **kwargs))
        except requests.RequestException as error:
            fail(
                f"{method} {target} over a real connection got no answer from your app.",
                expected="an answer within 5 seconds",
                actual=f"{type(error).__name__}: {error}",
            )
        self.check()
        return from_requests(response, self.url)

    def check(self) -> None:
        """Fail with what the app raised while answering a real client, if it raised anything."""
        __tracebackhide__ = True
        if not self.raised:
            return
        line, error = self.raised[0]
        self.raised.clear()
        if isinstance(error, _PASS_THROUGH):
            raise error
        fail(
            f"While answering {line} over a real connection, your app {describe_learner_exception(error, find_root())}",
            expected="an answer (the client got 500 Internal Server Error)",
            hint="Which case does this request reach that the code does not handle?",
        )


def from_requests(response: requests.Response, base_url: str = "") -> AppAnswer:
    """An answer that `requests` received, as an AppAnswer."""
    sent = response.request
    target = (sent.url or "").removeprefix(base_url)
    body = sent.body.encode() if isinstance(sent.body, str) else sent.body
    boring = {"user-agent", "accept-encoding", "connection", "content-length"}
    shown = {str(k): str(v) for k, v in sent.headers.items() if str(k).lower() not in boring}
    return AppAnswer(
        sent.method or "?",
        target,
        response.status_code,
        list(response.headers.items()),
        response.content,
        shown,
        body if isinstance(body, bytes) else None,
    )


class _Quiet(WSGIRequestHandler):
    """Werkzeug's request handler without its line per request (the tests report what matters)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@contextlib.contextmanager
def served(app: Flask) -> Iterator[Served]:
    """The app served on a free loopback port in a thread, for the length of the block."""
    __tracebackhide__ = True
    live: Served

    def recording(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            return app(environ, start_response)
        except Exception as error:
            live.raised.append((f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}", error))
            start_response("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")])
            return [b"the app raised an exception: the test reports it\n"]

    server = make_server("127.0.0.1", 0, recording, threaded=True, request_handler=_Quiet)
    live = Served(f"http://127.0.0.1:{server.server_port}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        server.server_close()
        host.join(thread, 2)
    live.check()
