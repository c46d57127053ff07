"""`kata join` and the room's join code, in process: `kata.cli.main([...])` against a workshop server in a thread.

Also the laptop's side of the webhook relay: it only calls addresses on itself, whatever a server asks.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Callable

import pytest

from kata import cli
from kata.kitchen.live import LiveKitchen
from kata.workshop import room as workshop

CODE = "TEA-TIME"
SECRET = "facilitator-secret"


@pytest.fixture(scope="module")
def server():
    """A workshop server on a loopback port for this module (join budget wide open: many joins from 127.0.0.1)."""
    joins = {"burst": 1000, "room_burst": 1000}
    live = LiveKitchen.start({"WORKSHOP": {"secret": SECRET, "join_code": CODE, "joins": joins}})
    yield live.url
    live.stop()


@pytest.fixture
def kata(small_kata: Path, fresh_copy: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A learner's copy of the small kata, the current folder; no workshop in the environment."""
    root = fresh_copy(small_kata)
    monkeypatch.chdir(root)
    for name in (workshop.SERVER_ENV, workshop.TEAM_ENV, workshop.CODE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return root


class Terminal(io.StringIO):
    def __init__(self, text: str = "", tty: bool = True) -> None:
        super().__init__(text)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def stored(root: Path) -> dict:
    return json.loads((root / ".kata" / "workshop.json").read_text(encoding="utf-8"))


def test_join_with_the_code_as_an_option(kata, server, capsys):
    assert cli.main(["join", server, "Code Option", "--code", "tea-time"]) == 0
    assert "Joined the workshop" in capsys.readouterr().out
    assert stored(kata)["team"] == "Code Option" and stored(kata)["token"]


def test_join_asks_for_the_code_when_it_is_left_out(kata, server, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal(CODE + "\n"))
    assert cli.main(["join", server, "Code Asked"]) == 0
    out = capsys.readouterr().out
    assert "Join code" in out and "Joined the workshop" in out


def test_join_takes_the_code_from_the_environment(kata, server, capsys, monkeypatch):
    monkeypatch.setenv(workshop.CODE_ENV, CODE)
    assert cli.main(["join", server, "Code Env"]) == 0
    assert "Joined" in capsys.readouterr().out


def test_join_without_a_code_and_no_terminal_says_how(kata, server, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("", tty=False))
    assert cli.main(["join", server, "No Code"]) == 2
    out = capsys.readouterr().out
    assert "join code" in out and "--code CODE" in out
    assert not (kata / ".kata" / "workshop.json").exists()


def test_join_with_a_wrong_code_says_so(kata, server, capsys):
    assert cli.main(["join", server, "Wrong Code", "--code", "NOT-IT"]) == 1
    out = capsys.readouterr().out
    assert "Wrong join code" in out and "--code CODE" in out


def test_a_first_run_through_the_environment_joins_with_kata_join_code(kata, server):
    team = workshop.TeamLogin(server, "Env Team")
    with pytest.raises(workshop.WorkshopCallFailed, match="KATA_JOIN_CODE"):
        workshop.join(kata, team, environ={})
    joined = workshop.join(kata, team, environ={workshop.CODE_ENV: CODE})
    assert joined.token and stored(kata)["token"] == joined.token


@pytest.mark.parametrize(
    ("url", "here"),
    [
        ("http://127.0.0.1:5001/hook", True),
        ("http://localhost/hook", True),
        ("http://[::1]:8080/", True),
        ("http://192.168.1.20:8000/__admin/reset", False),
        ("http://127.0.0.1.evil.example/", False),
        ("https://127.0.0.1/", False),
        ("file:///etc/passwd", False),
        (None, False),
    ],
)
def test_the_laptop_only_makes_calls_to_itself(url, here):
    assert workshop.is_callback_here(url) is here


def test_a_call_to_another_machine_is_reported_not_made(monkeypatch):
    made, reported = [], []

    def fake_call(method, url, body=None, headers=None, timeout=0, ca_bundle=None):
        if method == "GET":
            return {"items": [{"id": 7, "url": "http://10.0.0.9:22/", "event": {}}], "count": 1}
        reported.append(body)
        return None

    monkeypatch.setattr(workshop, "call", fake_call)
    monkeypatch.setattr(workshop, "_post_here", lambda *args: made.append(args) or (204, None))
    assert workshop.make_waiting_calls(workshop.TeamLogin("http://room:8000", "Ada", "tok")) == 1
    assert made == [] and reported[0]["status"] is None and "not made" in reported[0]["error"]
