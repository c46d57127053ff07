"""A team that keeps its kitchen at home (issue 28), in this process: `kata join --local-kitchen`, and the fall-back
when the room's kitchen cannot be reached but its board can. Only results go to the room."""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

import pytest

from kata.kitchen.live import LiveKitchen
from kata.workshop import room as workshop

from .test_workshop import CODE, board_row, facilitator, stored
from .tiny_kata import TinyKata


class Doorman:
    """WSGI middleware in front of the room: writes down what reaches it; `kitchens_out` answers 502 under /t/.

    That is the room as a learner's laptop sees it when the kitchens cannot be reached but the board can
    (a proxy that routes only /__workshop/, or kitchens too busy to answer).
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.seen: list[tuple[str, str, bytes]] = []
        self.kitchens_out = False

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        import io

        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        path = environ.get("PATH_INFO", "")
        self.seen.append((environ["REQUEST_METHOD"], path, body))
        if self.kitchens_out and path.startswith("/t/"):
            start_response("502 Bad Gateway", [("Content-Type", "text/html")])
            return [b"<html><body><h1>502 Bad Gateway</h1></body></html>"]
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory):
    """A workshop server (waitress in a thread) for this module, with a doorman: (base URL, doorman)."""
    from mock_server.workshop import find_exercises

    board = TinyKata(tmp_path_factory.mktemp("board"))
    joins = {"burst": 1000, "room_burst": 1000}
    live = LiveKitchen.start({"WORKSHOP": {"secret": "facilitator-secret", "join_code": CODE, "joins": joins,
                                           "exercises": find_exercises(board.root)}})  # fmt: skip
    doorman = live._server.application = Doorman(live._server.application)  # waitress looks it up per request
    yield live.url, doorman
    live.stop()


def test_a_team_with_its_kitchen_at_home_sends_the_room_only_its_results(kata, cli, room, shared_kitchen):
    server, doorman = room
    code, out, _ = cli("join", server, "Home Team", "--code", CODE, "--local-kitchen")
    assert code == 0, out
    assert "Your kitchen stays at home" in out and "--local-kitchen" in out  # the pair's second laptop too
    assert stored(kata)["kitchen"] == "local"
    assert "kitchen: at home" in cli("join")[1]
    kata.solve(2)
    secret_words = "# our own answer, which stays on this laptop"
    kata.write(2, f"    {secret_words}\n    return requests.get(f'{{base_url}}/health', timeout=5).status_code == 200")
    doorman.seen.clear()
    code, out, _ = cli("check", "2")
    assert code == 0, out
    lines = [line for line in out.splitlines() if line.startswith("workshop:")]
    assert lines == [
        f"workshop: reported to {server} as team 'Home Team' (1/3 done). "
        "Your kitchen is at home: only these results left your laptop."
    ], out
    # The room heard one report and nothing else: no kitchen call, no code, no traffic of the learner's.
    assert [(method, path) for method, path, _ in doorman.seen] == [("POST", "/__workshop/reports")]
    sent = json.loads(doorman.seen[0][2])
    assert set(sent) == {"results", "target", "whole_kata", "kitchen"} and sent["kitchen"] == "local"
    assert set(sent["results"].values()) <= {"done", "failing", "not-started"}
    assert "stays on this laptop" not in doorman.seen[0][2].decode()
    # The tests ran against the kitchen on this laptop (the tooling tests hand theirs over in KATA_KITCHEN).
    token = stored(kata)["token"]
    assert facilitator(server, f"/t/{token}/__admin/journal")["count"] == 0
    assert board_row(server, "Home Team")["ex02_is_it_open"] == "done"
    board = facilitator(server, "/__workshop/progress")
    assert next(team for team in board["teams"] if team["name"] == "Home Team")["kitchen"] == "local"


def test_a_room_whose_kitchen_is_out_of_reach_but_board_is_not_gets_results_from_a_home_kitchen(kata, cli, room):
    server, doorman = room
    assert cli("join", server, "Fallback Team", "--code", CODE)[0] == 0
    kata.solve(2)
    doorman.kitchens_out = True
    try:
        code, out, _ = cli("check", "2")
    finally:
        doorman.kitchens_out = False
    assert code == 0, out  # the exercise passes, in a kitchen on this laptop
    lines = [line for line in out.splitlines() if line.startswith("workshop:")]
    assert len(lines) == 1, out
    assert "the room's kitchen could not be reached (502 Bad Gateway)" in lines[0]
    assert "used a kitchen on your laptop" in lines[0] and "reported only its results" in lines[0]
    assert board_row(server, "Fallback Team")["ex02_is_it_open"] == "done"
    board = facilitator(server, "/__workshop/progress")
    assert next(team for team in board["teams"] if team["name"] == "Fallback Team")["kitchen"] == "local"
    # With the kitchens back, the next run uses the team's kitchen in the room again, and says so.
    code, out, _ = cli("check", "2")
    assert code == 0 and "reported to" in out and "at home" not in out, out
    board = facilitator(server, "/__workshop/progress")
    assert next(team for team in board["teams"] if team["name"] == "Fallback Team")["kitchen"] == "room"


def test_a_room_out_of_reach_altogether_is_not_a_fall_back(kata, cli, room):
    """Board and kitchen both gone (here: a token the room does not know): one line, not reported, as before."""
    server, _ = room
    workshop.write_state(kata.root, workshop.TeamLogin(server, "Ghost", "no-such-token"))
    kata.solve(2)
    code, out, _ = cli("check", "2")
    assert code == 0, out
    lines = [line for line in out.splitlines() if line.startswith("workshop:")]
    assert len(lines) == 1 and "not reported as team 'Ghost'" in lines[0] and "unknown" in lines[0], out


def test_the_kitchen_at_home_comes_from_kata_join_or_the_environment(tmp_path):
    workshop.write_state(tmp_path, workshop.TeamLogin("http://h:8000", "Ada", "tok", local=True))
    assert workshop.configured(tmp_path, {}).local is True
    workshop.write_state(tmp_path, workshop.TeamLogin("http://h:8000", "Ada", "tok"))
    assert workshop.configured(tmp_path, {}).local is False
    assert "kitchen" not in json.loads((tmp_path / workshop.STATE_FILE).read_text(encoding="utf-8"))
    environ = {"KATA_SERVER": "http://h:8000", "KATA_TEAM": "Ada"}
    assert workshop.configured(tmp_path, {**environ, "KATA_LOCAL_KITCHEN": "1"}).local is True
    assert workshop.configured(tmp_path, {**environ, "KATA_LOCAL_KITCHEN": "0"}).local is False
    assert workshop.configured(tmp_path, environ).local is False
