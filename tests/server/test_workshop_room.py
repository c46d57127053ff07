"""A room strangers cannot spoil: the join code, the join budget, team names, removal, and the room kept on disk."""

from __future__ import annotations

import json

import pytest

from mock_server import create_app
from mock_server.docs import openapi
from mock_server.workshop import registry_of
from mock_server.workshop import settings as workshop_serve
from mock_server.workshop.budgets import JoinLimiter
from mock_server.workshop.db import Database
from mock_server.workshop.registry import Registry

from .conftest import assert_problem
from .test_workshop import CODE, EXERCISES, FACILITATOR, SECRET, Team, workshop_app
from .test_workshop_reports import progress, report


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def room():
    return workshop_app().test_client()


def join(client, name, code=CODE, address="10.0.0.1"):
    body = json.dumps({"name": name, "code": code})  # ASCII with \u escapes: a lone surrogate can be sent too
    return client.post(
        "/__workshop/teams", data=body, content_type="application/json", environ_base={"REMOTE_ADDR": address}
    )


# The join code ----------------------------------------------------------------------------------


def test_joining_needs_the_join_code(room):
    missing = assert_problem(room.post("/__workshop/teams", json={"name": "Ada"}), 422)
    assert missing["errors"] == [{"field": "code", "message": "is required"}]
    assert "join code" in assert_problem(join(room, "Ada", code="WRONG-1"), 403)["detail"].lower()
    assert registry_of(room.application).teams() == []


def test_the_join_code_ignores_case_spaces_and_dashes(room):
    assert join(room, "Ada", code=" room42 ").status_code == 201
    assert join(room, "Bob", code="r-o-o-m-4-2").status_code == 201


def test_the_join_code_comes_from_the_environment_or_is_made_up(tmp_path):
    given = workshop_serve.settings(environ={"KATA_JOIN_CODE": "  TEA-TIME  "})
    assert given["join_code"] == "TEA-TIME"
    room = str(tmp_path / "room.sqlite3")  # not workshop.sqlite3 in the clone: the suite writes in temporary folders
    made = create_app({"CLOCK": "manual", "WORKSHOP": workshop_serve.settings(environ={}, database=room)})
    code = registry_of(made).join_code
    assert len(code) == 6 and code.isalnum()
    with pytest.raises(SystemExit, match="KATA_JOIN_CODE"):
        workshop_serve.settings(environ={"KATA_JOIN_CODE": "ab"})


def test_the_board_shows_the_join_code_and_the_banner_prints_it(room, capsys):
    page = room.get("/__workshop/board", headers=FACILITATOR).get_data(as_text=True)
    assert f'<strong id="code">{CODE}</strong>' in page
    settings = {**workshop_serve.settings(environ={}), "join_code": "K7PMQ2", "secret": SECRET}
    import io

    out = io.StringIO()
    workshop_serve.announce("127.0.0.1", 8000, settings, out)
    assert "K7PMQ2" in out.getvalue() and settings["database"] in out.getvalue()


def test_the_board_shows_the_address_teams_join_at(room, monkeypatch):
    from mock_server.workshop import board

    monkeypatch.setattr(board, "lan_addresses", lambda: ["192.168.1.20"])  # opened on loopback: the room's address
    page = room.get("/__workshop/board", headers=FACILITATOR, base_url="http://127.0.0.1:8123").get_data(as_text=True)
    assert "kata join http://192.168.1.20:8123 TEAM-NAME" in page and "URL TEAM-NAME" not in page
    assert board.join_url("http://10.0.0.7:8000/") == "http://10.0.0.7:8000"  # opened at the room's address
    monkeypatch.setattr(board, "lan_addresses", lambda: [])
    assert board.join_url("http://localhost:8000/") == "http://localhost:8000"


def test_a_join_code_with_markup_is_escaped_on_the_board():
    app = workshop_app(WORKSHOP={"secret": SECRET, "join_code": "<b>x</b>-code", "exercises": EXERCISES})
    page = app.test_client().get("/__workshop/board", headers=FACILITATOR).get_data(as_text=True)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;-code" in page


# The join budget --------------------------------------------------------------------------------


def limited(room, clock):
    registry_of(room.application).joins = JoinLimiter(clock, burst=5, every=6.0, room_burst=50, room_every=0.2)


def test_one_address_gets_a_few_joins_then_429_with_retry_after(room):
    clock = ManualClock()
    limited(room, clock)
    statuses = [join(room, f"Team {n}", address="10.0.0.9").status_code for n in range(200)]
    assert statuses.count(201) == 5 and statuses.count(429) == 195  # 200 joins in a burst: 5 get in
    refused = join(room, "One more", address="10.0.0.9")
    assert_problem(refused, 429)
    assert refused.headers["Retry-After"] == "6"
    assert join(room, "From elsewhere", address="10.0.0.10").status_code == 201
    clock.now += 6
    assert join(room, "Later", address="10.0.0.9").status_code == 201


def test_wrong_codes_spend_the_budget_too(room):
    limited(room, ManualClock())
    assert [join(room, "Guess", code=f"GUESS{n}").status_code for n in range(6)] == [403] * 5 + [429]
    assert join(room, "Ada").status_code == 429  # the right code, but the budget is spent


def test_the_room_has_a_join_budget_of_its_own(room):
    clock = ManualClock()
    limited(room, clock)
    statuses = [join(room, f"Team {n}", address=f"10.1.{n // 250}.{n % 250}").status_code for n in range(200)]
    assert statuses.count(201) == 50 and statuses.count(429) == 150
    clock.now += 1
    assert [join(room, f"Late {n}", address=f"10.2.0.{n}").status_code for n in range(6)] == [201] * 5 + [429]


# Team names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "\u200b",  # zero-width space
        "Ada\u200bGrace",
        "\u202eecarG adA",  # right-to-left override
        "Ada\u2066Grace\u2069",  # bidi isolates
        "Ada\x00",
        "Ada\x1b[31m",
        "Ada\u0085",
        "Ada\ud800",  # a lone surrogate
        "\u3164",  # Hangul filler: a letter that draws nothing
        "\u2800\u2800",  # braille blank
        "\ufe0f",
        "Ada\u2028Grace",
        "\U000e0041\U000e0064",  # tag characters
    ],
)
def test_invisible_control_and_bidi_names_are_refused(room, name):
    body = assert_problem(join(room, name), 422)
    assert body["errors"][0]["field"] == "name"
    assert registry_of(room.application).teams() == []


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("  Ada   &  Grace ", "Ada & Grace"),
        ("\uff21\uff44\uff41", "Ada"),  # fullwidth
        ("\ufb01sh", "fish"),  # a ligature
        ("Ad\u0061\u0301", "Ad\u00e1"),  # a combining accent: composed
    ],
)
def test_names_are_normalized(room, sent, kept):
    response = join(room, sent)
    assert response.status_code == 201 and response.get_json()["name"] == kept


@pytest.mark.parametrize("again", ["ADA LOVELACE", "ada lovelace", "\uff21da Lovelace", "Ada  Lovelace "])
def test_a_name_equal_to_a_team_s_but_for_case_or_compatibility_forms_is_taken(room, again):
    assert join(room, "Ada Lovelace").status_code == 201
    assert "already joined" in assert_problem(join(room, again), 409)["detail"]


def test_a_name_equal_to_a_stored_one_but_for_invisible_characters_is_taken(room):
    registry = registry_of(room.application)
    planted = registry.join("Ada")
    registry.remove_team(planted)
    planted.name = "A\u200bda\u202e"  # a name from before these checks, say
    registry._add(planted)
    assert "already joined" in assert_problem(join(room, "ada"), 409)["detail"]


def test_the_spec_pattern_and_the_check_agree():
    pattern = openapi.document(workshop=True)["components"]["schemas"]["TeamInput"]["properties"]["name"]["pattern"]
    import re

    for name in ["Ada", "Ada & Grace", "\u00e9quipe", "\u0301", "x" * 40, "\U0001f600 team"]:
        assert re.fullmatch(pattern, name), name
    for name in ["", "   ", "\u200b", "a\u202e", "a\ud800", "\u3164", "x" * 41, "a\x7f"]:
        assert not re.fullmatch(pattern, name), name


# Removing any team ------------------------------------------------------------------------------


def planted(room, name):
    """A team whose name got past the checks (a registry from before them): the room must still cope."""
    registry = registry_of(room.application)
    team = registry.join("placeholder")
    registry.remove_team(team)
    team.name = name
    registry._add(team)
    return team


@pytest.mark.parametrize("name", ["bad\ud800name", "\u202e\u200b", "\x00\x01"])
def test_a_team_with_an_unprintable_name_shows_and_can_be_removed_by_id(room, name):
    team = planted(room, name)
    ada = Team(room, "Ada")
    report(ada, ex01_anatomy_of_a_request="done")
    assert room.get("/__workshop/board", headers=FACILITATOR).status_code == 200
    teams = room.get("/__workshop/teams", headers=FACILITATOR)
    assert teams.status_code == 200
    listed = {item["id"]: item["name"] for item in teams.get_json()["items"]}
    assert listed[team.id] == name.replace("\ud800", "\ufffd")
    assert len(progress(room)["teams"]) == 2
    assert room.delete(f"/__workshop/teams/by-id/{team.id}", headers=FACILITATOR).status_code == 204
    assert [item["name"] for item in room.get("/__workshop/teams", headers=FACILITATOR).get_json()["items"]] == ["Ada"]
    assert_problem(room.get("/menu", headers={"X-Kata-Team-Token": team.token}), 401)


def test_removal_by_id_is_the_facilitator_s_and_names_a_team(room):
    ada = Team(room, "Ada")
    assert_problem(room.delete("/__workshop/teams/by-id/1"), 401)
    assert_problem(room.delete("/__workshop/teams/by-id/1", headers=ada.headers), 403)
    assert_problem(room.delete("/__workshop/teams/by-id/99", headers=FACILITATOR), 404)
    assert_problem(room.delete("/__workshop/teams/by-id/x", headers=FACILITATOR), 404)


# The room on disk -------------------------------------------------------------------------------


def test_a_registry_on_the_same_file_knows_the_same_room(tmp_path):
    path = tmp_path / "room.sqlite3"
    first = Registry(None, EXERCISES, database=Database(path), clock=lambda: 1000.0)
    ada, bob = first.join("Ada"), first.join("Bob")
    first.report(ada, {"ex01_anatomy_of_a_request": "done", "ex02_status_classes": "failing"})
    first.remove_team(bob)
    board = first.board()
    first.db.close()
    again = Registry(None, EXERCISES, database=Database(path), clock=lambda: 1000.0)
    assert (again.secret, again.join_code) == (first.secret, first.join_code)
    assert again.by_token(ada.token) is not None and again.by_token(bob.token) is None
    assert again.board()["teams"] == board["teams"]
    assert again.join("Carol").id == 3  # ids are never reused: a tenant name means one team for ever


def test_a_secret_or_code_given_at_start_wins_over_the_stored_one(tmp_path):
    path = tmp_path / "room.sqlite3"
    Registry("first-secret-of-the-room", database=Database(path), join_code="FIRST").db.close()
    again = Registry("second-secret-of-the-room", database=Database(path), join_code="SECOND")
    assert (again.secret, again.join_code) == ("second-secret-of-the-room", "SECOND")


# No calls from the facilitator's machine --------------------------------------------------------


def test_a_workshop_refuses_the_real_clock():
    with pytest.raises(ValueError, match="manual clock"):
        create_app({"CLOCK": "real", "WORKSHOP": {"secret": SECRET, "join_code": CODE}})
    from mock_server.__main__ import main

    with pytest.raises(SystemExit, match="manual clock"):
        main(["--workshop", "--clock", "real", "--port", "0"])


def test_the_workshop_server_never_makes_a_webhook_call_itself():
    from mock_server.workshop.relay import NOT_HERE, Relay

    entry = Relay().send("http://127.0.0.1:1/reset", {"event": "order.ready"}, 1.0)  # outside any team's request
    assert entry["status"] is None and entry["error"] == NOT_HERE


CALLBACK = "http://127.0.0.1:5001/webhooks/order-ready"


def test_each_team_has_its_own_queue_of_waiting_calls(room):
    relay = room.application.extensions["mock_server.workshop_app"].extensions["mock_server.workshop.relay"]
    relay.limit = 3
    ada, bob = Team(room, "Ada"), Team(room, "Bob")
    bob.ok("POST", "/orders", json={"table_id": bob.table(), **ORDER, "callback_url": CALLBACK})
    bob.ok("POST", "/__admin/clock", json={"advance": 10})
    table = ada.table()
    for _ in range(5):
        ada.ok("POST", "/orders", json={"table_id": table, **ORDER, "callback_url": CALLBACK})
    ada.ok("POST", "/__admin/clock", json={"advance": 10})
    assert len(bob.ok("GET", "/__workshop/deliveries")["items"]) == 1  # Ada's flood evicted nothing of Bob's
    assert len(ada.ok("GET", "/__workshop/deliveries")["items"]) == 3
    dropped = [e for e in ada.ok("GET", "/__admin/journal")["entries"] if e.get("direction") == "outgoing"]
    assert sum("nobody on the team's laptop" in (e.get("error") or "") for e in dropped) == 2


def test_a_removed_team_s_waiting_calls_go_with_it(room):
    relay = room.application.extensions["mock_server.workshop_app"].extensions["mock_server.workshop.relay"]
    ada = Team(room, "Ada")
    ada.ok("POST", "/orders", json={"table_id": ada.table(), **ORDER, "callback_url": CALLBACK})
    ada.ok("POST", "/__admin/clock", json={"advance": 10})
    team_id = registry_of(room.application).by_token(ada.token).id
    assert relay.waiting(team_id) == 1
    assert room.delete("/__workshop/teams/Ada", headers=FACILITATOR).status_code == 204
    assert relay.waiting(team_id) == 0


ORDER = {"items": [{"dish_id": 11, "quantity": 2}]}


# The workshop's OpenAPI ---------------------------------------------------------------------------


def test_every_restaurant_operation_of_a_workshop_needs_the_team_token_and_may_answer_401():
    document = openapi.document(workshop=True)
    assert "teamToken" in document["components"]["securitySchemes"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if path.startswith("/__workshop") or path in ("/", "/openapi.json") or path.startswith("/problems/"):
                continue
            assert operation["security"], (method, path)
            assert all("teamToken" in requirement for requirement in operation["security"]), (method, path)
            assert "401" in operation["responses"], (method, path)
    plain = openapi.document(workshop=False)
    assert not any("teamToken" in str(op.get("security")) for item in plain["paths"].values() for op in item.values())
