"""Teams with their kitchen at home (issue 28): a report says where its kitchen was; the board and the file keep it.

The learner's side (`kata join --local-kitchen`, the fall-back) is in tests/tooling/test_workshop_home.py.
"""

from __future__ import annotations

import sqlite3

import pytest

from mock_server import create_app
from mock_server.workshop import registry_of
from mock_server.workshop.budgets import JoinLimiter

from .conftest import assert_problem
from .test_workshop import CODE, EXERCISES, FACILITATOR, SECRET, Team, workshop_app


def report(team, **body):
    return team.post("/__workshop/reports", json={"results": {"ex01_anatomy_of_a_request": "done"}, **body})


def row(client, name):
    board = client.get("/__workshop/progress", headers=FACILITATOR).get_json()
    return next(team for team in board["teams"] if team["name"] == name)


def test_a_report_says_where_its_kitchen_was_and_the_board_shows_it():
    client = workshop_app().test_client()
    home, room, old = Team(client, "Home"), Team(client, "Room"), Team(client, "Old kata")
    assert row(client, "Home")["kitchen"] is None  # joined, no run yet: not said
    assert report(home, kitchen="local").status_code == 200
    assert report(room, kitchen="room").get_json()["kitchen"] == "room"
    assert report(old).status_code == 200  # a kata from before issue 28 sends no kitchen
    assert [row(client, name)["kitchen"] for name in ("Home", "Room", "Old kata")] == ["local", "room", None]
    # A later report without the field keeps what the team said last; one with it changes it.
    report(home)
    assert row(client, "Home")["kitchen"] == "local"
    report(home, kitchen="room")
    assert row(client, "Home")["kitchen"] == "room"
    teams = client.get("/__workshop/teams", headers=FACILITATOR).get_json()["items"]
    assert {team["name"]: team["kitchen"] for team in teams} == {"Home": "room", "Room": "room", "Old kata": None}


@pytest.mark.parametrize("kitchen", ["moon", "LOCAL", "", 1, None, ["local"], {"at": "home"}, "local" * 100])
def test_a_kitchen_that_is_neither_room_nor_local_is_a_422(kitchen):
    client = workshop_app().test_client()
    team = Team(client, "Odd")
    body = assert_problem(report(team, kitchen=kitchen), 422)
    assert any(error["field"] == "kitchen" for error in body["errors"]), body
    assert row(client, "Odd")["reports"] == 0  # nothing was recorded


def test_the_board_page_marks_a_home_kitchen_with_a_word_not_a_colour():
    page = workshop_app().test_client().get("/__workshop/board", headers=FACILITATOR).get_data(as_text=True)
    assert 'team.kitchen === "local"' in page and "\u2302 home" in page  # the row's marker, drawn by the script
    assert "kitchen runs on its own laptop" in page  # and the key under the grid says what it means


def settings(path):
    return {"secret": SECRET, "join_code": CODE, "exercises": EXERCISES, "database": str(path)}


def test_the_rooms_file_keeps_where_each_kitchen_was(tmp_path):
    path = tmp_path / "room.sqlite3"
    app = create_app({"CLOCK": "manual", "WORKSHOP": settings(path)})
    registry_of(app).joins = JoinLimiter(burst=100, room_burst=100)
    home = Team(app.test_client(), "Home")
    report(home, kitchen="local")
    registry_of(app).db.close()
    again = create_app({"CLOCK": "manual", "WORKSHOP": settings(path)})
    assert row(again.test_client(), "Home")["kitchen"] == "local"
    registry_of(again).db.close()


def test_a_room_file_from_before_the_kitchen_column_opens_and_keeps_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL, token TEXT NOT NULL UNIQUE,
            joined REAL NOT NULL, results TEXT NOT NULL DEFAULT '{}', last_report REAL,
            reports INTEGER NOT NULL DEFAULT 0, current TEXT, current_since REAL NOT NULL DEFAULT 0);
        INSERT INTO teams (id, name, token, joined) VALUES (1, 'Before', 'old-token-1', 0);
        """
    )
    old.commit()
    old.close()
    app = create_app({"CLOCK": "manual", "WORKSHOP": settings(path)})
    client = app.test_client()
    assert row(client, "Before")["kitchen"] is None
    response = client.post(
        "/__workshop/reports",
        json={"results": {"ex01_anatomy_of_a_request": "done"}, "kitchen": "local"},
        headers={"X-Kata-Team-Token": "old-token-1"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert row(client, "Before")["kitchen"] == "local"
    registry_of(app).db.close()
