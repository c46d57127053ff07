"""The team's calls to the room: a busy room's 429 or 503 with a short Retry-After is waited out once."""

from __future__ import annotations

import http.server
import json
import threading
from typing import ClassVar, Iterator

import pytest

from kata.workshop import room


class Script(http.server.BaseHTTPRequestHandler):
    answers: ClassVar[list[tuple[int, dict[str, str]]]] = []  # what the room answers, in turn
    asked: ClassVar[list[str]] = []  # the paths it was asked

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.asked.append(self.path)
        status, headers = self.answers.pop(0) if self.answers else (200, {})
        body = json.dumps({"detail": "busy"} if status >= 400 else {"done": 1, "total": 35}).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def busy_room(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[float]]]:
    """A room answering Script.answers in turn; the waits are recorded, not slept."""
    waits: list[float] = []
    monkeypatch.setattr(room.host, "wait", lambda event, seconds: waits.append(seconds) or False)
    Script.answers, Script.asked = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Script)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", waits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.parametrize("status", [429, 503])
def test_a_short_retry_after_is_waited_out_once_and_the_call_goes_through(busy_room, status):
    url, waits = busy_room
    Script.answers = [(status, {"Retry-After": "1"})]
    assert room.call("POST", f"{url}/__workshop/reports", {"results": {}}) == {"done": 1, "total": 35}
    assert waits == [1] and Script.asked == ["/__workshop/reports"] * 2


def test_a_room_still_busy_after_the_wait_is_said_in_its_words(busy_room):
    url, waits = busy_room
    Script.answers = [(429, {"Retry-After": "1"})] * 2
    with pytest.raises(room.WorkshopCallFailed, match="busy"):
        room.call("POST", f"{url}/__workshop/reports", {"results": {}})
    assert waits == [1] and len(Script.asked) == room.AGAIN


@pytest.mark.parametrize(
    "answer",
    [(429, {"Retry-After": "30"}), (429, {}), (429, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}), (400, {})],
    ids=["a long wait", "no Retry-After", "a date", "not busy"],
)
def test_other_refusals_are_not_asked_again(busy_room, answer):
    url, waits = busy_room
    Script.answers = [answer]
    with pytest.raises(room.WorkshopCallFailed):
        room.call("POST", f"{url}/__workshop/reports", {"results": {}})
    assert waits == [] and len(Script.asked) == 1
