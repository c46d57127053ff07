"""Chapter 9's app over a real socket: served on a loopback port in a thread, asked with `requests` as a real client.

What the app raised while answering is reported by the test (`Served.check`), in the learner's words.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterator

import requests
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from kata import host
from kata.catalogue import find_root
from kata.expect import fail
from kata.learner.errors import describe_learner_exception
from kata.waiter.app_under_test import PASS_THROUGH, SECONDS, AppAnswer, handler_of, raised_cause


class Served:
    """The app on a real port: `.url`, `.request(...)` with requests, `.check()` for what the app raised."""

    def __init__(self, url: str, app: Flask | None = None) -> None:
        self.url = url
        self.app = app  # to name the view that answered (one view's mistake is one, in-process or not)
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
        answer = from_requests(response, self.url)
        if self.app is not None:
            answer.handler = handler_of(self.app, method, target)
        return answer

    def check(self) -> None:
        """Fail with what the app raised while answering a real client, if it raised anything."""
        __tracebackhide__ = True
        if not self.raised:
            return
        line, error = self.raised[0]
        self.raised.clear()
        if isinstance(error, PASS_THROUGH):
            raise error
        fail(
            f"While answering {line} over a real connection, your app {describe_learner_exception(error, find_root())}",
            expected="an answer (the client got 500 Internal Server Error)",
            hint="Which case does this request reach that the code does not handle?",
            cause=raised_cause(error),
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
    live = Served(f"http://127.0.0.1:{server.server_port}", app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        server.server_close()
        host.join(thread, 2)
    live.check()
