"""Workshop mode: the facilitator reads a team's notepad, read-only, masked, only once asked (Flask's test client)."""

from __future__ import annotations

import pytest

from mock_server.workshop.notepads import DESK_KEY, NotepadDesk

from . import test_workshop as base
from .conftest import assert_problem
from .test_workshop import FACILITATOR, SECRET, Team

room, app, client, ada, bob = base.room, base.app, base.client, base.ada, base.bob


def desk(client) -> NotepadDesk:
    return client.application.extensions["mock_server.workshop_app"].extensions[DESK_KEY]


def team_id(team) -> int:
    return team.ok("GET", f"/__workshop/teams/{team.name}")["id"]


def report(team) -> dict:
    return team.ok("POST", "/__workshop/reports", json={"results": {"ex01_anatomy_of_a_request": "failing"}})


def send(team, runs, note=None):
    body = {"runs": runs} if note is None else {"runs": runs, "note": note}
    return team.open("/__workshop/notepad", "PUT", json=body)


def look(client, team, part=""):
    return client.get(f"/__workshop/notepads/{team_id(team)}/{part}", headers=FACILITATOR)


def a_run(token: str, other: str = "") -> list[dict]:
    """A run as the kata's notepad keeps it, with every kind of secret a learner's code sends or gets, unmasked."""
    exchange = {
        "kind": "exchange",
        "where": "kitchen",
        "method": "POST",
        "origin": "http://192.168.1.20:8000",
        "path": f"/t/{token}/auth/token?api_key=k-123456789",
        "timeout": "5 s",
        "ms": 3.2,
        "at": 0,
        "request": {
            "headers": [["Authorization", "Bearer guest-token-0123456789"], ["X-Kata-Team-Token", token]],
            "body": {"text": '{"username": "ada", "password": "hunter2-hunter2"}', "size": 49, "cut": False},
        },
        "response": {
            "status": 200,
            "reason": "OK",
            "headers": [["Set-Cookie", "session=cafe0123456789"], ["Content-Type", "application/json"]],
            "body": {"text": '{"access_token": "kitchen-token-987654", "token_type": "bearer"}', "size": 60},
            "problem": None,
        },
    }
    message = f"your code sent Authorization: Bearer guest-token-0123456789 to /t/{token}/menu {other} {SECRET}"
    test = {"name": "test_a_token", "verdict": "failing", "message": message, "dropped": 0, "events": [exchange]}
    return [{"exercise": "ex12_get_a_token", "run": "r1", "started": 1.0, "tests": [test]}]


SECRETS = ("hunter2-hunter2", "guest-token-0123456789", "kitchen-token-987654", "cafe0123456789", "k-123456789")


# Asked first ------------------------------------------------------------------------------------


def test_nothing_is_sent_or_kept_until_the_facilitator_asks(client, ada):
    assert report(ada)["notepad_wanted"] is False
    problem = assert_problem(send(ada, a_run(ada.token)), 409)
    assert "not asked" in problem["detail"]
    assert desk(client).kept() == 0


def test_opening_the_notepad_asks_and_the_page_waits_for_the_next_run(client, ada):
    page = look(client, ada)
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Waiting for the team&#x27;s next run" in text and f"Team {ada.name}&#x27;s notepad (read-only)" in text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store" and page.headers["X-Content-Type-Options"] == "nosniff"
    assert look(client, ada, "stamp").get_data(as_text=True) == "waiting"
    assert report(ada)["notepad_wanted"] is True


def test_the_team_sends_and_the_page_shows_it_masked_again_here(client, ada, bob):
    look(client, ada)
    report(ada)
    # A laptop that did not mask (an old kata, or a hostile one): the room masks all the same.
    assert send(ada, a_run(ada.token, other=bob.token)).status_code == 204
    assert look(client, ada, "stamp").get_data(as_text=True).startswith("run-")
    text = look(client, ada, "page").get_data(as_text=True)
    assert "test_a_token" in text and "POST /t/‹team token›/auth/token" in text
    for secret in (ada.token, bob.token, SECRET, *SECRETS):
        assert secret not in text, secret
    assert "Bearer ‹masked: 22 characters›" in text and "token_type&quot;: &quot;bearer" in text
    assert "received at" in text and "masked" in text


def test_each_run_replaces_the_last_one(client, ada):
    look(client, ada)
    send(ada, a_run(ada.token))
    first = desk(client).look(team_id(ada))
    run = a_run(ada.token)
    run[0]["tests"][0]["name"] = "test_the_next_run"
    send(ada, run)
    kept = desk(client).look(team_id(ada))
    assert kept.stamp != first.stamp and [t["name"] for t in kept.record["runs"][0]["tests"]] == ["test_the_next_run"]


# Only the facilitator ---------------------------------------------------------------------------


def test_a_team_reads_no_notepad_not_even_its_own_nor_the_board(client, ada, bob):
    look(client, bob)
    send(bob, a_run(bob.token))
    for path in (f"/__workshop/notepads/{team_id(bob)}/", f"/__workshop/notepads/{team_id(bob)}/page"):
        for team in (ada, bob):
            assert_problem(team.get(path), 403)
    assert_problem(ada.get(f"/__workshop/notepads/{team_id(bob)}/stamp"), 403)
    assert_problem(ada.open(f"/__workshop/notepads/{team_id(bob)}/", "DELETE"), 403)
    assert_problem(ada.get("/__workshop/board"), 403)
    assert_problem(ada.get("/__workshop/progress"), 403)
    assert_problem(client.get(f"/__workshop/notepads/{team_id(bob)}/"), 401)
    # Team A's upload lands in A's own place (not asked: refused), never in B's.
    before = desk(client).look(team_id(bob))
    assert_problem(send(ada, [{"exercise": "ex01", "tests": []}]), 409)
    assert desk(client).look(team_id(bob)).stamp == before.stamp


def test_an_unknown_team_is_a_404(client):
    assert_problem(client.get("/__workshop/notepads/9999/", headers=FACILITATOR), 404)
    assert_problem(client.get("/__workshop/notepads/ada/", headers=FACILITATOR), 404)


# Bounded, and forgotten ---------------------------------------------------------------------------


def test_stopping_forgets_the_record_and_the_ask(client, ada):
    look(client, ada)
    send(ada, a_run(ada.token))
    assert client.delete(f"/__workshop/notepads/{team_id(ada)}/", headers=FACILITATOR).status_code == 204
    assert report(ada)["notepad_wanted"] is False
    assert_problem(send(ada, a_run(ada.token)), 409)


def test_the_ask_lapses_when_nobody_looks(client, ada):
    now = [1000.0]
    original = desk(client).clock
    desk(client).clock = lambda: now[0]
    try:
        look(client, ada)
        now[0] += desk(client).lifetime + 1
        assert report(ada)["notepad_wanted"] is False
        assert_problem(send(ada, a_run(ada.token)), 409)
    finally:
        desk(client).clock = original


def test_a_removed_team_takes_its_notepad_with_it(client):
    team = Team(client, "Short Stay")
    look(client, team)
    send(team, a_run(team.token))
    ident = team_id(team)
    assert client.delete(f"/__workshop/teams/{team.name}", headers=FACILITATOR).status_code == 204
    assert not desk(client).wanted(ident)


def test_the_room_keeps_a_bounded_amount():
    desk = NotepadDesk(room_limit=1000)
    for team in (1, 2, 3):
        desk.look(team)
        assert desk.receive(team, {"runs": []}, 400, 0)
    assert desk.kept() <= 1000
    assert desk.look(1).record is None and desk.look(3).record is not None  # the oldest went first
    assert not desk.receive(4, {"runs": []}, 10, 0)  # never asked: nothing kept


def test_an_upload_over_the_body_limit_is_a_413(client, ada):
    look(client, ada)
    huge = [{"exercise": "ex01", "tests": [{"name": "x" * 300_000}]}]
    assert_problem(send(ada, huge), 413)


# Hostile uploads: a clear 4xx or a page that draws what fits, never a 500 -----------------------


@pytest.mark.parametrize(
    "body",
    [[], "runs", {"runs": "all of them"}, {"runs": [], "note": 7}, {"runs": [], "extra": 1}, {"note": "x"}],
)
def test_a_malformed_upload_is_a_422(client, ada, body):
    look(client, ada)
    assert_problem(ada.open("/__workshop/notepad", "PUT", json=body), 422)


@pytest.mark.parametrize(
    "runs",
    [
        ["a string", 7, None, [1, 2]],
        [{"exercise": ["x"], "tests": "none"}],
        [{"tests": [{"name": {"a": 1}, "verdict": "<b>won</b>", "dropped": "many", "events": [1, "x", {}]}]}],
        [{"tests": [{"events": [{"kind": "wait", "seconds": "forever", "at": float("1e308")}]}]}],
        [{"tests": [{"events": [{"request": {"headers": [["a"], "b", ["c", "d", "e"]], "body": "raw"}}]}]}],
        [{"tests": [{"events": [{"response": {"status": "teapot", "problem": {"title": [1]}, "body": {"text": 5}}}]}]}],
        [{"exercise": "<script>alert(1)</script>", "tests": [{"name": "\ud800", "message": "</pre><script>"}]}],
        [{"tests": [{"events": [{"response": {"headers": [["X", "y" * 600]] * 3}}]}] * 100}],
    ],
)
def test_a_strange_record_is_drawn_escaped_never_a_500(client, ada, runs):
    look(client, ada)
    assert send(ada, runs).status_code == 204
    page = look(client, ada, "page")
    assert page.status_code == 200
    assert "<script>alert" not in page.get_data(as_text=True) and "<b>won" not in page.get_data(as_text=True)


def test_the_board_links_each_team_to_its_notepad(client):
    board = client.get("/__workshop/board", headers=FACILITATOR).get_data(as_text=True)
    assert 'link.href = "notepads/" + team.id + "/"' in board and "opens its notepad" in board
