"""Workshop mode from the learner's side, in this process: runs use the team's kitchen on the shared server
and report to the board; `kata join` as a learner runs it. (`kata serve --workshop`: test_end_to_end.py.)"""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from pathlib import Path

import pytest

from kata.kitchen.live import LiveKitchen
from kata.workshop import room as workshop

from .tiny_kata import TinyKata

SECRET = "facilitator-secret"
CODE = "ROOM-42"  # the room's join code
TEAM = "Ada & Grace"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """A workshop server on a loopback port (waitress in a thread) for this module; the board has the tiny kata's 3."""
    from mock_server.workshop import find_exercises

    board = TinyKata(tmp_path_factory.mktemp("board"))
    joins = {"burst": 1000, "room_burst": 1000}  # every join of this module comes from 127.0.0.1
    settings = {"secret": SECRET, "join_code": CODE, "exercises": find_exercises(board.root), "joins": joins}
    live = LiveKitchen.start({"WORKSHOP": settings})
    yield live.url
    live.stop()


def facilitator(server: str, path: str) -> dict:
    request = urllib.request.Request(f"{server}{path}", headers={"Authorization": f"Bearer {SECRET}"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


def board_row(server: str, name: str) -> dict[str, str]:
    board = facilitator(server, "/__workshop/progress")
    row = next(team for team in board["teams"] if team["name"] == name)
    return {exercise["name"]: cell for exercise, cell in zip(board["exercises"], row["cells"])}


def stored(kata: TinyKata) -> dict:
    return json.loads((kata.root / ".kata" / "workshop.json").read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# A learner's run --------------------------------------------------------------------------------


def test_a_learner_run_uses_the_teams_kitchen_and_reports_to_the_board(kata, cli, server, monkeypatch):
    kata.solve(2)
    monkeypatch.setenv(workshop.SERVER_ENV, server)
    monkeypatch.setenv(workshop.TEAM_ENV, TEAM)
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    code, out, _ = cli("check", "2")
    assert code == 0, out
    assert f"workshop: reported to {server} as team 'Ada & Grace' (1/3 done)." in out
    assert board_row(server, TEAM)["ex02_is_it_open"] == "done"
    assert stored(kata)["server"] == server and stored(kata)["team"] == TEAM
    # Exercise 2's live tests ran in the team's kitchen on the shared server, not in the shared local one.
    journal = facilitator(server, f"/t/{stored(kata)['token']}/__admin/journal")
    assert any(entry["path"] == "/health" for entry in journal["entries"])
    # The next run, a failing one, reuses the token; the board shows each state, the others stay.
    kata.write(3, "    raise ValueError('oops')")
    code, out, _ = cli("check")
    assert code == 1 and "workshop: reported" in out, out
    assert board_row(server, TEAM) == {
        "ex01_add": "not-started",
        "ex02_is_it_open": "done",
        "ex03_dish_names": "failing",
    }
    assert len([t for t in facilitator(server, "/__workshop/teams")["items"] if t["name"] == TEAM]) == 1


def test_an_unreachable_server_costs_one_line_and_a_local_kitchen(kata, cli, monkeypatch):
    kata.solve(2)
    monkeypatch.setenv(workshop.SERVER_ENV, f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv(workshop.TEAM_ENV, "Lost")
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    code, out, _ = cli("check", "2")
    assert code == 0, out  # the exercise still passes, in a kitchen of its own
    lines = [line for line in out.splitlines() if line.startswith("workshop:")]
    assert len(lines) == 1 and "cannot be reached" in lines[0] and "not reported as team 'Lost'" in lines[0]


def test_a_check_that_runs_nothing_still_tells_the_board_every_state(kata, cli, server, monkeypatch):
    for number in (1, 2, 3):
        kata.solve(number)
    monkeypatch.setenv(workshop.SERVER_ENV, "off")
    assert cli("check")[0] == 0  # every result remembered (kata.cli.known), before the pair joins
    monkeypatch.setenv(workshop.SERVER_ENV, server)
    monkeypatch.setenv(workshop.TEAM_ENV, "Remembered")
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    code, out, _ = cli("check")
    assert code == 0 and "Every exercise passes" in out, out
    assert set(board_row(server, "Remembered").values()) == {"done"}


def test_kata_server_off_means_no_workshop(kata, cli, server, monkeypatch):
    workshop.write_state(kata.root, workshop.TeamLogin(server, "Off Team", "no-such-token"))
    monkeypatch.setenv(workshop.SERVER_ENV, "off")
    assert "workshop:" not in cli("check", "1")[1]


def test_the_plugin_reports_only_learner_runs(kata, learner_run, server, monkeypatch):
    """The reference solutions' results are nobody's progress: `--target solutions` does not report."""
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    workshop.write_state(kata.root, workshop.TeamLogin(server, "Solutions", None))
    result = learner_run("--target", "solutions")
    assert result.ret == 0, result.stdout.str()
    result.stdout.no_fnmatch_line("workshop: reported*")
    # It ran in the team's kitchen on the shared server all the same (joining on first use).
    assert facilitator(server, f"/t/{stored(kata)['token']}/__admin/journal")["count"] > 0
    assert set(board_row(server, "Solutions").values()) == {"not-started"}


def test_the_teams_kitchen_makes_the_kitchens_webhook_calls_on_this_laptop(server):
    """The shared kitchen cannot reach a laptop: right after each advance, the tests' kitchen makes its calls."""
    from werkzeug.serving import make_server

    received: list[dict] = []

    def webhook(environ, start_response):
        received.append(json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))))
        start_response("204 No Content", [])
        return [b""]

    receiver = make_server("127.0.0.1", 0, webhook)
    thread = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        joined = workshop.call("POST", f"{server}/__workshop/teams", {"name": "Webhooks", "code": CODE})
        team = workshop.TeamLogin(server, joined["name"], joined["token"])
        kitchen = workshop.team_kitchen(team.kitchen, team)
        kitchen.reset()
        table = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})
        callback = f"http://127.0.0.1:{receiver.server_port}/webhooks/order-ready"
        order = {"table_id": table["id"], "items": [{"dish_id": 11, "quantity": 2}], "callback_url": callback}
        placed = kitchen.api("POST", "/orders", order)
        kitchen.advance(3)
        assert received == []
        kitchen.advance(5)  # ready at 7 s: the call is made, here, before advance() returns
        assert [(note["event"], note["order_id"]) for note in received] == [("order.ready", placed["id"])]
        calls = [e for e in kitchen.journal() if e.get("direction") == "outgoing"]
        assert [(e["path"], e["status"], e.get("error")) for e in calls] == [("/webhooks/order-ready", 204, None)]
    finally:
        receiver.shutdown()
        thread.join(2)
        receiver.server_close()


# kata join --------------------------------------------------------------------------------------


def test_join_keeps_the_token_and_says_how_to_use_it(kata, cli, server):
    code, out, _ = cli("join", server + "/", "Team Join", "--code", CODE)
    assert code == 0, out
    token = stored(kata)["token"]
    assert stored(kata) == {"server": server, "team": "Team Join", "token": token}
    assert f"{server}/t/{token}/" in out and f"kata join {server} --token {token}" in out
    code, out, _ = cli(
        "join", server, "team join", "--code", CODE
    )  # the same team again: the stored token, no new team
    assert code == 0 and "Back in the workshop" in out
    code, out, _ = cli("join")
    assert "Team 'Team Join'" in out and "0/3 exercises done" in out
    code, out, _ = cli("join", "--leave")
    assert code == 0 and not (kata.root / ".kata" / "workshop.json").exists()
    assert "not in a workshop" in cli("join")[1] and "nothing to leave" in cli("join", "--leave")[1]


def test_join_without_a_name_asks_for_one(kata, cli, server):
    code, out, _ = cli("join", server, "--code", CODE)
    assert code == 2 and "Which team are you?" in out


def test_join_a_taken_name_says_what_to_do(kata, cli, server):
    assert cli("join", server, "Taken", "--code", CODE)[0] == 0
    token = stored(kata)["token"]
    (kata.root / ".kata" / "workshop.json").unlink()
    code, out, _ = cli("join", server, "taken", "--code", CODE)
    assert code == 1 and "already joined" in out and "--token TOKEN" in out
    # The pair's second laptop joins with the token.
    code, out, _ = cli("join", server, "Taken", "--token", token)
    assert code == 0 and "Back in" in out
    code, out, _ = cli("join", server, "Taken", "--token", "not-it")
    assert code == 1 and "unknown" in out


def test_a_token_alone_rejoins_its_team_another_day_or_laptop(kata, cli, server):
    assert cli("join", server, "Day One", "--code", CODE, "--local-kitchen")[0] == 0
    token = stored(kata)["token"]
    (kata.root / ".kata" / "workshop.json").unlink()  # another laptop, or a fresh copy of the kata
    code, out, _ = cli("join", server, "--token", token, "--local-kitchen")
    assert code == 0 and "Back in the workshop" in out and "'Day One'" in out, out
    assert stored(kata) == {"server": server, "team": "Day One", "token": token, "kitchen": "local"}
    assert f"kata join {server} --token {token} --local-kitchen" in out  # what to type next time


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["Someone Else", "--token", "{token}"], "this token is team 'Token Owner''s, not 'Someone Else'."),
        (["--token", "0123456789abcdef01234567"], "This team token is unknown to the workshop"),
        (["--token", "not a token at all"], "This team token is unknown to the workshop"),
    ],
)
def test_a_forged_or_borrowed_token_is_refused_in_one_line(kata, cli, server, argv, said):
    if not facilitator(server, "/__workshop/teams")["count"] or not any(
        team["name"] == "Token Owner" for team in facilitator(server, "/__workshop/teams")["items"]
    ):
        assert cli("join", server, "Token Owner", "--code", CODE)[0] == 0
    token = next(t["token"] for t in facilitator(server, "/__workshop/teams")["items"] if t["name"] == "Token Owner")
    (kata.root / ".kata" / "workshop.json").unlink(missing_ok=True)
    code, out, _ = cli("join", server, *[arg.format(token=token) for arg in argv])
    assert code == 1 and said in out.splitlines()[0], out
    assert not (kata.root / ".kata" / "workshop.json").exists()


def test_a_removed_teams_token_is_refused_saying_so(kata, cli, server):
    assert cli("join", server, "Gone Soon", "--code", CODE)[0] == 0
    token = stored(kata)["token"]
    team_id = next(t["id"] for t in facilitator(server, "/__workshop/teams")["items"] if t["name"] == "Gone Soon")
    removal = urllib.request.Request(
        f"{server}/__workshop/teams/by-id/{team_id}", method="DELETE", headers={"Authorization": f"Bearer {SECRET}"}
    )
    urllib.request.urlopen(removal, timeout=5).close()
    code, out, _ = cli("join", server, "--token", token)
    assert code == 1 and "This token was team 'Gone Soon''s, which the facilitator removed on" in out.splitlines()[0]


def test_join_an_unreachable_server_gives_advice(kata, cli):
    code, out, _ = cli("join", f"127.0.0.1:{free_port()}", "Nobody", "--code", CODE)
    assert code == 1 and "cannot be reached" in out and "same Wi-Fi" in out
    assert not (kata.root / ".kata" / "workshop.json").exists()


def test_the_settings_come_from_the_environment_or_the_state_file(tmp_path: Path):
    assert workshop.configured(tmp_path, {}) is None
    with pytest.raises(workshop.WorkshopCallFailed, match="KATA_TEAM"):
        workshop.configured(tmp_path, {"KATA_SERVER": "http://h:8000"})
    workshop.write_state(tmp_path, workshop.TeamLogin("http://h:8000", "Ada", "tok"))
    assert workshop.configured(tmp_path, {}) == workshop.TeamLogin("http://h:8000", "Ada", "tok")
    # The environment wins; the stored token goes with the same server and team only.
    assert workshop.configured(tmp_path, {"KATA_SERVER": "h:8000/", "KATA_TEAM": "ada"}).token == "tok"
    assert workshop.configured(tmp_path, {"KATA_SERVER": "h:8000", "KATA_TEAM": "Bob"}).token is None
    assert workshop.configured(tmp_path, {"KATA_SERVER": "off"}) is None
    assert workshop.configured(tmp_path, {"KATA_SERVER": "", "KATA_TEAM": "Ada"}) is None
