"""The room's memory, shared fairly (``mock_server.state.caps``): past its share a kitchen's writes get a 409
problem naming the cap, whatever the other kitchens hold; a reset or a removal gives the memory back."""

from __future__ import annotations

import platform
import sys

from mock_server.state import allocator, store
from mock_server.state.caps import COSTS, ROOM_BYTES, held
from mock_server.workshop import registry_of

from .conftest import assert_problem
from .test_workshop import CODE, workshop_app

ONE_DISH = [{"dish_id": 11, "quantity": 1}]


def fill(client, headers=None):
    """Orders until the kitchen refuses one; the refusal."""
    table = client.post("/tables", json={"name": "Ada", "party_size": 2}, headers=headers).get_json()["id"]
    for _ in range(1000):
        answer = client.post("/orders", json={"table_id": table, "items": ONE_DISH}, headers=headers)
        if answer.status_code != 201:
            return answer
    raise AssertionError("the kitchen never refused an order")


def test_a_kitchen_past_its_share_refuses_writes_with_a_problem_naming_the_cap(app, client, state):
    app.config["KITCHEN_BYTES"] = 10 * COSTS["orders"] + COSTS["tables"]
    body = assert_problem(fill(client), 409)
    assert body["limit_bytes"] == app.config["KITCHEN_BYTES"] and "fair share" in body["detail"]
    assert "0.1 MiB" in body["detail"] and "POST /__admin/reset" in body["hint"]
    assert len(state.orders) == 10  # nothing kept of the refused one
    for path, sent in (("/tables", {"name": "Bo", "party_size": 2}), ("/payments", {"order_id": 1, "amount": 9})):
        assert_problem(client.post(path, json=sent), 409)
    assert client.get("/orders").status_code == 200  # reading stays free
    assert client.post("/__admin/reset").status_code == 204
    assert held(state) == 0 and client.post("/tables", json={"name": "Ada", "party_size": 2}).status_code == 201


def test_outside_a_workshop_only_the_caps_bound_a_kitchen(app, client):
    assert app.config["KITCHEN_BYTES"] is None
    table = client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"]
    for _ in range(300):
        assert client.post("/orders", json={"table_id": table, "items": ONE_DISH}).status_code == 201


def test_in_a_workshop_each_kitchen_keeps_its_share_whatever_the_others_hold():
    app = workshop_app()
    settings = app.config["WORKSHOP"]
    assert app.config["KITCHEN_BYTES"] == ROOM_BYTES // registry_of(app).max_teams
    app = workshop_app(WORKSHOP={**settings, "max_teams": 4, "room_bytes": 4 * 20 * COSTS["orders"]})
    client = app.test_client()
    teams = [client.post("/__workshop/teams", json={"name": n, "code": CODE}).get_json() for n in "ABCD"]
    for team in teams[:3]:
        assert_problem(fill(client, {"X-Kata-Team-Token": team["token"]}), 409)
    last = {"X-Kata-Team-Token": teams[3]["token"]}
    refused = fill(client, last)  # the fourth team fills its own share in full, as the first three did
    orders = client.get("/orders", headers=last).get_json()["count"]
    assert refused.status_code == 409 and orders == 20 - 1  # its table took the rest


def test_a_reset_or_a_removal_gives_memory_back_when_it_matters(app, client, state, monkeypatch):
    calls = []
    monkeypatch.setattr(store, "give_back", lambda: calls.append(1))
    client.post("/__admin/reset")
    assert calls == []  # an empty kitchen: nothing worth giving back
    table = client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"]
    for _ in range(allocator.WORTH_TRIMMING // COSTS["orders"] + 1):
        client.post("/orders", json={"table_id": table, "items": ONE_DISH})
    client.post("/__admin/reset")
    assert calls == [1]
    other = app.extensions[store.__name__].state("other")
    other.orders.update({i: {"id": i} for i in range(1, 100)})
    app.extensions[store.__name__].remove("other")
    assert calls == [1, 1]


def test_giving_back_works_with_glibc_and_is_a_no_op_elsewhere():
    assert allocator.give_back() is (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc")
