"""The notepad's ear on the learner's own Flask app (chapters 8 and 9): each request it answered, and its answer.

Heard through Flask's `request_finished` and `got_request_exception` signals, whether a test guest used the
test client or a real socket. The recorder (kata.notepad.record) starts listening only once flask is
imported, so that a run whose tests build no app never imports it.
"""

from __future__ import annotations

from typing import Any, Callable

from kata.notepad import wire

KITCHEN_APPS = ("mock_server",)  # Flask apps that are the kitchen itself, not the learner's


def listen(recorder: Any) -> Callable[[], None]:
    """Note the learner's app's exchanges in `recorder` (a kata.notepad.record.Recorder); returns the undo."""
    import flask

    def answered(sender: Any, response: Any, **extra: Any) -> None:
        if recorder.current is None or _is_the_kitchen(sender):
            return
        data = None if response.is_streamed else response.get_data()
        event = _request(flask.request)
        event["response"] = {
            "status": response.status_code,
            "reason": wire.clean(response.status.partition(" ")[2]),
            "headers": wire.headers(response.headers.items()),
            "body": wire.body(data),
            "problem": wire.problem_of(response.headers.get("Content-Type", ""), data),
        }
        _note(recorder, event)

    def raised(sender: Any, exception: BaseException, **extra: Any) -> None:
        if recorder.current is None or _is_the_kitchen(sender):
            return
        event = _request(flask.request)
        event["error"] = wire.clean(f"your app raised {type(exception).__name__}: {exception}")[: wire.VALUE_LIMIT]
        _note(recorder, event)

    flask.request_finished.connect(answered, weak=False)
    flask.got_request_exception.connect(raised, weak=False)

    def undo() -> None:
        flask.request_finished.disconnect(answered)
        flask.got_request_exception.disconnect(raised)

    return undo


def _is_the_kitchen(app: Any) -> bool:
    return str(getattr(app, "import_name", "")).split(".")[0] in KITCHEN_APPS


def _note(recorder: Any, event: dict[str, Any]) -> None:
    with recorder.lock:
        recorder.app_answers += 1
    recorder.add(event)


def _request(request: Any) -> dict[str, Any]:
    query = request.query_string.decode("latin-1")
    return {
        "kind": "exchange",
        "where": "your-app",
        "method": request.method,
        "origin": request.host_url.rstrip("/"),
        "path": wire.clean(request.path + (f"?{query}" if query else "")),
        "timeout": None,
        "request": {"headers": wire.headers(request.headers.items()), "body": wire.body(request.get_data())},
        "ms": None,
    }
