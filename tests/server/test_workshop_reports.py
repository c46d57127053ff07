"""Workshop mode: reports reach the board, the spec documents the workshop, and webhooks wait for the team."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from mock_server.docs import openapi
from mock_server.workshop import registry_of
from mock_server.workshop.roomfile import CannotStart

from . import test_workshop as base
from .conftest import assert_problem
from .test_workshop import CODE, EXERCISES, FACILITATOR, ORDER, SECRET, Team, workshop_app

# The fixtures of test_workshop, shared: one workshop kitchen for the module, its teams.
room, app, client, ada, bob, fresh = base.room, base.app, base.client, base.ada, base.bob, base.fresh


# Reports reach the board ------------------------------------------------------------------------


def report(team, **results):
    return team.post("/__workshop/reports", json={"results": results, "target": "exercises"})


def progress(client):
    return client.get("/__workshop/progress", headers=FACILITATOR).get_json()


def test_reports_arrive_on_the_board(fresh):
    client, ada, _ = fresh, Team(fresh, "Ada"), Team(fresh, "Bob")
    board = progress(client)
    assert [e["name"] for e in board["exercises"]] == [e["name"] for e in EXERCISES]
    assert [(t["name"], t["cells"]) for t in board["teams"]] == [
        ("Ada", ["not-started"] * 3),
        ("Bob", ["not-started"] * 3),
    ]
    response = report(
        ada, ex01_anatomy_of_a_request="done", ex02_status_classes="failing", ex03_is_it_open="not-started"
    )
    assert response.status_code == 200
    assert response.get_json()["done"] == 1 and response.get_json()["current"] == "ex02_status_classes"
    board = progress(client)
    assert board["teams"][0]["cells"] == ["done", "failing", "not-started"]
    assert board["teams"][1]["cells"] == ["not-started"] * 3
    assert board["working"] == [0, 1, 0] and board["stuck"] == [0, 0, 0]
    # A later run of one exercise changes that one only.
    report(ada, ex02_status_classes="done")
    assert progress(client)["teams"][0]["cells"] == ["done", "done", "not-started"]
    Draft202012Validator(
        {"components": openapi.document(workshop=True)["components"], "$ref": "#/components/schemas/Board"}
    ).validate(progress(client))


def test_stuck_teams_are_counted_per_exercise(fresh):
    client, ada, bob = fresh, Team(fresh, "Ada"), Team(fresh, "Bob")
    registry = registry_of(client.application)
    now = [1000.0]
    registry.clock = lambda: now[0]
    report(ada, ex01_anatomy_of_a_request="done", ex02_status_classes="failing")
    report(bob, ex01_anatomy_of_a_request="done", ex02_status_classes="not-started")
    now[0] += 599
    assert progress(client)["stuck"] == [0, 0, 0]
    now[0] += 1
    board = progress(client)
    assert board["stuck"] == [0, 2, 0] and [t["stuck"] for t in board["teams"]] == [True, True]
    report(ada, ex02_status_classes="done")  # moving on: no longer stuck
    board = progress(client)
    assert board["stuck"] == [0, 1, 0] and board["working"] == [0, 1, 1]
    assert board["teams"][0]["current"] == "ex03_is_it_open" and not board["teams"][0]["stuck"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"results": {"ex99_nope": "done"}}, "results"),
        ({"results": {"ex01_anatomy_of_a_request": "passed"}}, "results.ex01_anatomy_of_a_request"),
        ({"results": {"../etc": "done"}}, "results.../etc"),
        ({"results": {}}, "results"),
        ({"results": []}, "results"),
        ({"outcome": {}}, "results"),
    ],
)
def test_a_bad_report_is_a_422(ada, body, field):
    problem = assert_problem(ada.post("/__workshop/reports", json=body), 422)
    assert field in problem["detail"] or any(e["field"] == field for e in problem.get("errors", []))


def test_a_report_needs_a_team(client):
    assert_problem(client.post("/__workshop/reports", json={"results": {"ex02_status_classes": "done"}}), 401)
    headers = {"X-Kata-Team-Token": "nope"}
    assert_problem(client.post("/__workshop/reports", json={"results": {"x": "done"}}, headers=headers), 401)


def test_a_report_through_the_path_prefix(client, ada):
    response = client.post(f"/t/{ada.token}/__workshop/reports", json={"results": {"ex03_is_it_open": "done"}})
    assert response.status_code == 200
    assert ada.ok("GET", f"/__workshop/teams/{ada.name}")["results"] == {"ex03_is_it_open": "done"}


def test_without_a_catalogue_a_workshop_does_not_start(tmp_path, monkeypatch):
    monkeypatch.setattr("mock_server.workshop.find_exercises", lambda: [])
    with pytest.raises(CannotStart) as refused:
        workshop_app(WORKSHOP={"secret": SECRET, "join_code": CODE})
    assert "catalogue.toml" in str(refused.value) and "\n" not in str(refused.value)


def test_a_report_of_an_exercise_the_catalogue_does_not_know_is_refused(ada):
    refused = assert_problem(report(ada, ex99_made_up="done"), 422)
    assert "ex99_made_up" in refused["detail"]


# The spec ---------------------------------------------------------------------------------------


def test_the_spec_documents_the_workshop_exactly(app):
    routed = set()
    for flask_app in (app, app.extensions["mock_server.workshop_app"]):
        for rule in flask_app.url_map.iter_rules():
            if rule.endpoint != "static":
                path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
                routed |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == {(method, path) for method, path, _ in openapi.operations(workshop=True)}
    assert not any(path.startswith("/__workshop") for _, path, _ in openapi.operations(workshop=False))


def test_a_workshop_server_serves_the_workshop_spec_and_docs(client):
    document = client.get("/openapi.json").get_json()
    from openapi_spec_validator import validate

    validate(document)
    assert "/__workshop/teams" in document["paths"] and document["tags"][-1]["name"] == "Workshop"
    assert "/__workshop/reports" in client.get("/").get_data(as_text=True)


def test_every_workshop_example_works_and_matches_the_spec(fresh):
    from .test_spec_docs import assert_matches_spec

    client = fresh
    Team(client, "Typo Team")
    token = None
    for method, _, op in openapi.operations(workshop=True):
        example = op.get("x-example")
        if op["tags"] != ["Workshop"]:
            continue
        headers = {
            name: value.replace("TEAM-TOKEN", token or "").replace("FACILITATOR-SECRET", SECRET)
            for name, value in example.get("headers", {}).items()
        }
        if "body" in example and "code" in example["body"]:
            assert example["body"]["code"] == "JOIN-CODE"
            example = {**example, "body": {**example["body"], "code": CODE}}
        kwargs = {"json": example["body"]} if "body" in example else {}
        response = client.open(example["path"], method=method, headers=headers, **kwargs)
        assert response.status_code == example.get("status", 200), (method, example, response.get_data(as_text=True))
        if response.mimetype.endswith("json") or response.status_code == 204:
            with client.application.app_context():
                assert_matches_spec(op, response)
        if op["operationId"] == "joinWorkshop":
            token = response.get_json()["token"]


# Webhooks: the kitchen's calls wait for the team's laptop ----------------------------------------

CALLBACK = "http://127.0.0.1:5001/webhooks/order-ready"


def outgoing(team):
    return [e for e in team.ok("GET", "/__admin/journal")["entries"] if e.get("direction") == "outgoing"]


def test_a_teams_webhook_call_waits_for_the_team_and_is_journaled_with_its_answer(ada, bob):
    table = ada.table()
    order = ada.ok("POST", "/orders", json={"table_id": table, **ORDER, "callback_url": CALLBACK})
    ada.ok("POST", "/__admin/clock", json={"advance": 10})  # ready: the call is due, and nobody calls out
    [waiting] = outgoing(ada)
    assert waiting["status"] is None and "waiting for the team's laptop" in waiting["error"]
    assert bob.ok("GET", "/__workshop/deliveries")["items"] == []  # not Bob's to see
    [call] = ada.ok("GET", "/__workshop/deliveries")["items"]
    assert call["url"] == CALLBACK and call["event"]["order_id"] == order["id"]
    assert ada.ok("GET", "/__workshop/deliveries")["items"] == []  # handed out once
    path = f"/__workshop/deliveries/{call['id']}"
    assert_problem(bob.post(path, json={"status": 204}), 404)  # nor Bob's to answer
    assert ada.post(path, json={"status": 204}).status_code == 204
    [made] = outgoing(ada)
    assert made["status"] == 204 and "error" not in made and made["path"] == "/webhooks/order-ready"
    assert_problem(ada.post(path, json={"status": 204}), 404)  # answered already


def test_a_webhook_call_that_could_not_be_made_says_why(ada):
    ada.ok("POST", "/orders", json={"table_id": ada.table(), **ORDER, "callback_url": CALLBACK})
    ada.ok("POST", "/__admin/clock", json={"advance": 10})
    [call] = ada.ok("GET", "/__workshop/deliveries?wait=0.01")["items"]
    body = {"status": None, "error": "ConnectionRefusedError: [Errno 111] Connection refused"}
    assert ada.post(f"/__workshop/deliveries/{call['id']}", json=body).status_code == 204
    [made] = outgoing(ada)
    assert made["status"] is None and made["error"].startswith("ConnectionRefusedError")


@pytest.mark.parametrize(
    "body", [{}, {"status": 99}, {"status": "204"}, {"status": 204, "error": ""}, {"status": 204, "x": 1}]
)
def test_a_bad_delivery_answer_is_a_422(ada, body):
    assert_problem(ada.post("/__workshop/deliveries/1", json=body), 422)


def test_deliveries_need_a_team(client):
    assert_problem(client.get("/__workshop/deliveries"), 401)
    assert_problem(client.post("/__workshop/deliveries/1", json={"status": 204}), 401)
    assert_problem(client.get("/__workshop/deliveries", headers={"X-Kata-Team-Token": "nope"}), 401)
