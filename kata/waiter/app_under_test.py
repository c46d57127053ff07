"""The learner's own Flask app under test: build it, send it requests, say what it answered.

For the exercises where the learner's code is the waiter (it answers; the tests play the client):
`build_app` calls the learner's factory and explains an app that cannot be built; `send` talks to it
through Flask's test client (in-process, time-limited); `served` puts it on a real loopback port for
`requests`. Each answer comes back as an `AppAnswer`, which `describe()`s the request sent and the answer
(status, headers, body) for failure messages; kata.waiter.answer_checks checks answers.
"""

from __future__ import annotations

import http
import inspect
import json as jsonlib
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from flask import Flask

from kata.catalogue import find_root
from kata.expect import call, describe_call, fail, show
from kata.learner.errors import describe_learner_exception
from kata.learner.modules import last_learner_frame
from kata.learner.time_limit import TimeLimitExceeded, run_with_time_limit

NOT_JSON = object()  # what `AppAnswer.json()` gives for a body that is not JSON
_ABSENT = object()
PASS_THROUGH = (NotImplementedError, TimeLimitExceeded)  # reported by the plugin ("not started yet", "stopped")
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
    handler: Any = None  # the learner's view function the app routed the request to (None: no route took it)

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
            cause=f"create_app: cannot be called so ({mismatch})",
        )
    built = call(factory, *args, hint=hint, **kwargs)
    app = built.value
    if not isinstance(app, Flask):
        fail(
            f"Called {built.text}.",
            expected="a new Flask app: `app = Flask(__name__)`, add the routes, then `return app`",
            actual=f"{show(app)} (returned)",
            hint="Does create_app() end by returning the app it built?" if app is None else hint,
            cause=f"returned: create_app, {type(app).__name__}",  # whichever test builds the app: one mistake
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
    except PASS_THROUGH:
        raise
    except Exception as error:
        raised, cause = describe_learner_exception(error, find_root()), raised_cause(error)
    else:
        return AppAnswer(
            method,
            target,
            response.status_code,
            list(response.headers.items()),
            response.get_data(),
            sent_headers,
            sent_body,
            handler_of(app, method, target),
        )
    fail(
        f"While answering {line}, your app {raised}",
        expected="an answer to " + _request_text(line, sent_headers, sent_body).removeprefix("request: "),
        hint="A client gets 500 Internal Server Error here: which case does this request reach that the code "
        "does not handle?",
        cause=cause,
    )
    raise AssertionError("unreachable")


def raised_cause(error: BaseException) -> str:
    """`app raised: KeyError at exercises/.../ex27.py:14`: the same exception from the same line is one mistake."""
    where = last_learner_frame(error.__traceback__, find_root())
    return f"app raised: {type(error).__name__}" + (f" at {where.file}:{where.line}" if where else "")


def handler_of(app: Flask, method: str, target: str) -> Any:
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
