"""Workshop mode from the learner's side: runs use the team's kitchen on the shared server and report
to the board; `kata join`, `kata catch-up`, `kata pair` and `kata serve --workshop` as a learner runs them."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

import pytest

from kata import workshop
from kata.catalogue import load
from kata.cli.commands import pair
from kata.cli.output import Output
from kata.kitchen import LiveKitchen

SECRET = "facilitator-secret"
CODE = "ROOM-42"  # the room's join code
ORDER = {"items": [{"dish_id": 11, "quantity": 2}]}


@pytest.fixture(scope="module")
def server(small_kata: Path):
    """A workshop server on a loopback port (waitress in a thread) for this module; the board has small_kata's 3."""
    from mock_server.workshop import find_exercises

    joins = {"burst": 1000, "room_burst": 1000}  # every join of this module comes from 127.0.0.1
    settings = {"secret": SECRET, "join_code": CODE, "exercises": find_exercises(small_kata), "joins": joins}
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


@pytest.fixture
def kata(small_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A learner's copy of the three-exercise kata, free to modify."""
    return copy_kata(small_kata)


def solve(root: Path, number: int) -> None:
    exercise = load(root).exercises[number - 1]
    shutil.copy(exercise.source("solutions"), exercise.source("exercises"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# A learner's run --------------------------------------------------------------------------------


def test_a_learner_run_uses_the_teams_kitchen_and_reports_to_the_board(kata, run_kata, server):
    solve(kata, 1)
    env = {workshop.SERVER_ENV: server, workshop.TEAM_ENV: "Ada & Grace", workshop.CODE_ENV: CODE}
    result = run_kata(kata, "check", "1", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"workshop: reported to {server} as team 'Ada & Grace' (1/" in result.stdout
    assert board_row(server, "Ada & Grace")["ex01_anatomy_of_a_request"] == "done"
    stored = json.loads((kata / ".kata" / "workshop.json").read_text(encoding="utf-8"))
    assert stored["server"] == server and stored["team"] == "Ada & Grace"
    # Exercise 1's live test ran in the team's kitchen on the shared server, not in a kitchen of its own.
    journal = facilitator(server, f"/t/{stored['token']}/__admin/journal")
    assert any(entry["path"] == "/tables" for entry in journal["entries"])
    # The next run, a failing one, reuses the token and turns the cell red; the others stay.
    result = run_kata(kata, "check", "2", env=env)
    assert result.returncode != 0 and "workshop: reported" in result.stdout
    row = board_row(server, "Ada & Grace")
    assert (row["ex01_anatomy_of_a_request"], row["ex02_status_classes"]) == ("done", "not-started")
    assert len([t for t in facilitator(server, "/__workshop/teams")["items"] if t["name"] == "Ada & Grace"]) == 1


def test_an_unreachable_server_costs_one_line_and_a_local_kitchen(kata, run_kata):
    solve(kata, 1)
    env = {workshop.SERVER_ENV: f"http://127.0.0.1:{free_port()}", workshop.TEAM_ENV: "Lost", workshop.CODE_ENV: CODE}
    started = time.monotonic()
    result = run_kata(kata, "check", "1", env=env)
    assert result.returncode == 0, result.stdout  # the exercise still passes, in a kitchen of its own
    lines = [line for line in result.stdout.splitlines() if line.startswith("workshop:")]
    assert len(lines) == 1 and "cannot be reached" in lines[0] and "not reported" in lines[0]
    assert time.monotonic() - started < 15


def test_kata_server_off_means_no_workshop(kata, run_kata, server):
    workshop.write_state(kata, workshop.Team(server, "Off Team", "no-such-token"))
    result = run_kata(kata, "check", "1", env={workshop.SERVER_ENV: "off"})
    assert "workshop:" not in result.stdout


def test_the_plugin_reports_only_learner_runs(kata, run_pytest, server):
    """The reference solutions' results are nobody's progress: `--target solutions` does not report."""
    workshop.write_state(kata, workshop.Team(server, "Solutions", None))
    result = run_pytest(
        kata,
        "tests/exercises/ch0_warm_up",
        "--target",
        "solutions",
        "-q",
        "-p",
        "no:randomly",
        env={workshop.CODE_ENV: CODE},
    )
    assert result.returncode == 0, result.stdout
    assert "workshop: reported" not in result.stdout
    # It ran in the team's kitchen on the shared server all the same (joining on first use).
    token = json.loads((kata / ".kata" / "workshop.json").read_text(encoding="utf-8"))["token"]
    assert facilitator(server, f"/t/{token}/__admin/journal")["count"] > 0
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
        team = workshop.Team(server, joined["name"], joined["token"])
        kitchen = workshop.team_kitchen(team.kitchen, team)
        kitchen.reset()
        table = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})
        callback = f"http://127.0.0.1:{receiver.server_port}/webhooks/order-ready"
        order = kitchen.api("POST", "/orders", {"table_id": table["id"], **ORDER, "callback_url": callback})
        kitchen.advance(3)
        assert received == []
        kitchen.advance(5)  # ready at 7 s: the call is made, here, before advance() returns
        assert [(note["event"], note["order_id"]) for note in received] == [("order.ready", order["id"])]
        calls = [e for e in kitchen.journal() if e.get("direction") == "outgoing"]
        assert [(e["path"], e["status"], e.get("error")) for e in calls] == [("/webhooks/order-ready", 204, None)]
    finally:
        receiver.shutdown()
        thread.join(2)
        receiver.server_close()


# kata join --------------------------------------------------------------------------------------


def test_join_keeps_the_token_and_says_how_to_use_it(kata, run_kata, server):
    result = run_kata(kata, "join", server + "/", "Team Join", "--code", CODE)
    assert result.returncode == 0, result.stdout
    stored = json.loads((kata / ".kata" / "workshop.json").read_text(encoding="utf-8"))
    assert stored == {"server": server, "team": "Team Join", "token": stored["token"]}
    assert f"{server}/t/{stored['token']}/" in result.stdout and "--token" in result.stdout
    again = run_kata(kata, "join", server, "team join")  # the same team again: the stored token, no new team
    assert again.returncode == 0 and "Back in the workshop" in again.stdout
    status = run_kata(kata, "join")
    assert "Team 'Team Join'" in status.stdout and "0/3 exercises done" in status.stdout
    left = run_kata(kata, "join", "--leave")
    assert left.returncode == 0 and not (kata / ".kata" / "workshop.json").exists()


def test_join_a_taken_name_says_what_to_do(kata, run_kata, server):
    assert run_kata(kata, "join", server, "Taken", "--code", CODE).returncode == 0
    token = json.loads((kata / ".kata" / "workshop.json").read_text(encoding="utf-8"))["token"]
    (kata / ".kata" / "workshop.json").unlink()
    result = run_kata(kata, "join", server, "taken", "--code", CODE)
    assert result.returncode == 1 and "already joined" in result.stdout and "--token TOKEN" in result.stdout
    # The pair's second laptop joins with the token.
    second = run_kata(kata, "join", server, "Taken", "--token", token)
    assert second.returncode == 0 and "Back in" in second.stdout
    wrong = run_kata(kata, "join", server, "Taken", "--token", "not-it")
    assert wrong.returncode == 1 and "unknown" in wrong.stdout


def test_join_an_unreachable_server_gives_advice(kata, run_kata):
    result = run_kata(kata, "join", f"127.0.0.1:{free_port()}", "Nobody", "--code", CODE)
    assert result.returncode == 1 and "cannot be reached" in result.stdout and "same Wi-Fi" in result.stdout
    assert not (kata / ".kata" / "workshop.json").exists()


# kata catch-up ----------------------------------------------------------------------------------


def test_catch_up_asks_then_replaces_backs_up_and_says_what(kata, run_kata):
    catalogue = load(kata)
    first, _, third = (exercise.source("exercises") for exercise in catalogue.exercises)
    mine = first.read_bytes() + b"\n# my attempt\n"
    first.write_bytes(mine)
    untouched_third = third.read_bytes()
    refused = run_kata(kata, "catch-up", "3", input="n\n")
    assert refused.returncode == 1 and "Nothing changed" in refused.stdout and first.read_bytes() == mine
    result = run_kata(kata, "catch-up", "3", input="y\n")
    assert result.returncode == 0, result.stdout
    for exercise in catalogue.exercises[:2]:
        assert exercise.source("exercises").read_bytes() == exercise.source("solutions").read_bytes()
        assert f"replaced {exercise.source('exercises').relative_to(kata).as_posix()}" in result.stdout
    assert third.read_bytes() == untouched_third  # exercise 3 itself is the pair's to do
    backups = sorted((kata / ".kata" / "backups").iterdir())
    assert [path.read_bytes() for path in backups if path.name.startswith("ex01")] == [mine]
    assert "kata check 3" in result.stdout
    assert "nothing to do" in run_kata(kata, "catch-up", "3", "--yes").stdout
    assert run_kata(kata, "check", "2").returncode == 0


def test_catch_up_to_the_first_exercise_does_nothing(kata, run_kata):
    result = run_kata(kata, "catch-up", "1", "--yes")
    assert result.returncode == 0 and "nothing to catch up" in result.stdout


# kata pair --------------------------------------------------------------------------------------


def pairing(*argv: str):
    """Run `kata pair ARGV` in-process with a fake clock: (exit code, output, sleeps)."""
    from kata.cli.args import parser

    slept: list[float] = []
    stream = io.StringIO()
    args = parser().parse_args(["pair", *argv])
    code = pair.run(args, sleep=slept.append, clock=lambda: 0.0, out=Output(stream, colour=False))
    return code, stream.getvalue(), slept


def test_pair_prints_a_swap_banner_every_n_minutes():
    code, text, slept = pairing("--minutes", "7", "--rounds", "3", "--names", "Ada", "Grace")
    assert code == 0 and slept == [420.0] * 3
    assert "Ada drives first, Grace navigates" in text
    assert [line.strip() for line in text.splitlines() if "drives now" in line] == [
        "Grace drives now, Ada navigates.",
        "Ada drives now, Grace navigates.",
        "Grace drives now, Ada navigates.",
    ]
    assert text.count("SWAP #") == 3 and "Pairing stopped after 3 swaps." in text


def test_pair_stops_cleanly_on_ctrl_c():
    from kata.cli.args import parser

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    stream = io.StringIO()
    code = pair.run(parser().parse_args(["pair"]), sleep=interrupted, out=Output(stream, colour=False))
    assert code == 0 and "every 10 min" in stream.getvalue() and "after 0 swaps" in stream.getvalue()


@pytest.mark.parametrize("argv", [["--minutes", "0"], ["--minutes", "-1"]])
def test_pair_refuses_a_bad_interval(argv):
    assert pairing(*argv)[0] == 2


def test_pair_runs_from_the_command_line(kata, run_kata):
    result = run_kata(kata, "pair", "--minutes", "0.0001", "--rounds", "1")
    assert result.returncode == 0 and "SWAP #1" in result.stdout and "The navigator takes the keyboard" in result.stdout


def test_help_lists_the_workshop_verbs(kata, run_kata):
    result = run_kata(kata, "--help")
    for verb in ("join", "pair", "catch-up"):
        assert verb in result.stdout


# kata serve --workshop --------------------------------------------------------------------------


def test_serve_workshop_prints_the_join_command_and_the_board_once(small_kata: Path, serving):
    env = {**os.environ, "NO_COLOR": "1", "KATA_FACILITATOR_SECRET": ""}
    with serving(small_kata, "--workshop", "--port", "0", "--stuck-minutes", "5", env=env) as served:
        served.wait_for("5 min")
        text = served.text
        board = next(line.strip() for line in served.lines if "/__workshop/board?key=" in line)
        assert "kata join http://" in text and "WORKSHOP MODE" in text
        assert text.count(board.rsplit("=", 1)[1]) == 1  # the secret, printed once
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(board, timeout=5) as answer:  # the key works: a cookie, a 303, then the page
            assert answer.status == 200 and b"The room" in answer.read()


def test_the_settings_come_from_the_environment_or_the_state_file(tmp_path):
    assert workshop.configured(tmp_path, {}) is None
    with pytest.raises(workshop.WorkshopError, match="KATA_TEAM"):
        workshop.configured(tmp_path, {"KATA_SERVER": "http://h:8000"})
    workshop.write_state(tmp_path, workshop.Team("http://h:8000", "Ada", "tok"))
    assert workshop.configured(tmp_path, {}) == workshop.Team("http://h:8000", "Ada", "tok")
    # The environment wins; the stored token goes with the same server and team only.
    assert workshop.configured(tmp_path, {"KATA_SERVER": "h:8000/", "KATA_TEAM": "ada"}).token == "tok"
    assert workshop.configured(tmp_path, {"KATA_SERVER": "h:8000", "KATA_TEAM": "Bob"}).token is None
    assert workshop.configured(tmp_path, {"KATA_SERVER": "off"}) is None
    assert workshop.configured(tmp_path, {"KATA_SERVER": "", "KATA_TEAM": "Ada"}) is None


def test_an_argument_namespace_is_all_pair_needs():
    args = argparse.Namespace(minutes=1.0, names=None, rounds=1)
    stream = io.StringIO()
    assert pair.run(args, sleep=lambda s: None, out=Output(stream, colour=False)) == 0
