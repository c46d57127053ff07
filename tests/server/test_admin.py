"""The /__admin/ API: reset, journal, faults, clock, opening hours, rate limits."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.admin.faults import Faults
from mock_server.serving.hooks import ConnectionDropped
from mock_server.state.store import State

from .conftest import advance, assert_problem


def journal(client):
    return client.get("/__admin/journal").get_json()["entries"]


def test_journal_records_what_was_sent(client, table):
    client.delete("/__admin/journal")
    client.post(
        "/orders?source=test",  # an unknown parameter: a 400, journaled all the same
        json={"table_id": table, "items": [{"dish_id": 1, "quantity": 1}]},
        headers={"X-Trace": "abc"},
    )
    client.get("/menu?category=pizza&category=main")  # 400, still journaled
    client.post("/__admin/clock", json={"advance": 5})  # admin: not journaled
    first, second = journal(client)
    assert first["method"] == "POST" and first["path"] == "/orders" and first["status"] == 400
    assert first["query"] == {"source": ["test"]}
    assert first["headers"]["X-Trace"] == "abc" and first["headers"]["Content-Type"] == "application/json"
    assert first["json"] == {"table_id": table, "items": [{"dish_id": 1, "quantity": 1}]}
    assert first["body"] == '{"table_id": 1, "items": [{"dish_id": 1, "quantity": 1}]}'
    assert first["at"] == 0.0
    assert second["query"] == {"category": ["pizza", "main"]} and second["status"] == 400
    assert second["body"] is None and second["json"] is None


def test_journal_truncates_bodies_and_keeps_non_json(client):
    client.post("/tables", data="x" * 20_000, content_type="text/plain")
    client.post("/tables", data="{oops", content_type="application/json")
    big, broken = journal(client)
    assert len(big["body"]) == 10_000 and big["status"] == 415
    assert broken["body"] == "{oops" and broken["json"] is None and broken["status"] == 400


def test_clearing_the_journal(client):
    client.get("/health")
    assert client.delete("/__admin/journal").status_code == 204
    assert journal(client) == []


def test_next_two_calls_get_503(client):
    faults = {"next": [{"status": 503, "count": 2, "retry_after": 1, "path": "/menu", "method": "GET"}], "seed": 42}
    armed = client.post("/__admin/faults", json=faults).get_json()
    assert armed["next"] == [{"count": 2, "status": 503, "retry_after": 1, "path": "/menu", "method": "GET"}]
    assert client.get("/health").status_code == 200  # other paths are untouched
    for _ in range(2):
        response = client.get("/menu")
        assert_problem(response, 503)
        assert response.headers["Retry-After"] == "1"
    assert client.get("/menu").status_code == 200
    assert client.get("/__admin/faults").get_json()["next"] == []
    assert [entry["status"] for entry in journal(client)] == [200, 503, 503, 200]


def test_fault_paths_can_be_globs_and_statuses_vary(client, order):
    client.post("/__admin/faults", json={"next": [{"status": 429, "path": "/orders/*"}, {"status": 500}]})
    response = client.get(f"/orders/{order['id']}")
    assert_problem(response, 429)
    assert response.headers["Retry-After"] == "1"
    assert_problem(client.get("/health"), 500)
    assert client.get("/health").status_code == 200


def test_error_rate_is_deterministic_with_a_seed(client):
    def run():
        client.post("/__admin/faults", json={"error_rate": 0.5, "seed": 7})
        return [client.get("/health").status_code for _ in range(20)]

    first, second = run(), run()
    assert first == second and {200, 503} == set(first)


def test_clearing_faults(client):
    client.post("/__admin/faults", json={"next": [{"status": 503, "count": 5}], "latency_ms": 1})
    assert client.delete("/__admin/faults").status_code == 204
    assert client.get("/__admin/faults").get_json() == {
        "next": [],
        "drop_connection": None,
        "latency_ms": 0,
        "error_rate": 0.0,
        "error_status": 503,
        "seed": 0,
        "rate_limit": None,
    }
    assert client.get("/health").status_code == 200


def test_latency_fault_delays_answers(client):
    client.post("/__admin/faults", json={"latency_ms": 20})
    assert client.get("/health").status_code == 200
    assert client.get("/__admin/faults").get_json()["latency_ms"] == 20


def test_drop_connection_raises_to_the_server(client):
    client.post("/__admin/faults", json={"drop_connection": {"count": 1, "path": "/menu"}})
    with pytest.raises(ConnectionDropped):
        client.get("/menu")
    assert client.get("/menu").status_code == 200
    dropped, answered = journal(client)
    assert dropped["status"] is None and dropped["dropped"] is True and answered["status"] == 200


def test_rate_limit_fault_gives_429_until_the_window_ends(client):
    client.post("/__admin/faults", json={"rate_limit": {"limit": 3, "window": 10}})
    advance(client, 4)
    assert [client.get("/health").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/health")
    assert_problem(response, 429)
    assert response.headers["Retry-After"] == "6"
    assert client.get("/openapi.json").status_code == 200  # docs are not limited
    advance(client, 6)
    assert client.get("/health").status_code == 200


def test_default_rate_limit_is_60_per_10_seconds():
    client = create_app({"CLOCK": "manual"}).test_client()
    assert {client.get("/health").status_code for _ in range(60)} == {200}
    assert client.get("/health").status_code == 429
    client.post("/__admin/clock", json={"advance": 10})
    assert client.get("/health").status_code == 200


def test_closing_the_restaurant(client):
    assert client.post("/__admin/state", json={"open": False, "retry_after": 30}).get_json() == {
        "open": False,
        "retry_after": 30,
    }
    for path in ("/health", "/menu"):
        response = client.get(path)
        assert assert_problem(response, 503)["type"] == "/problems/closed"
        assert response.headers["Retry-After"] == "30"
    assert client.get("/").status_code == 200
    assert client.get("/__admin/state").get_json() == {"open": False, "retry_after": 30}
    client.post("/__admin/state", json={"open": True})
    assert client.get("/health").get_json() == {"status": "open"}


def test_clock(client):
    assert client.get("/__admin/clock").get_json() == {"now": 0.0, "mode": "manual", "time": "2024-01-01T12:00:00.000Z"}
    assert client.post("/__admin/clock", json={"advance": 90.5}).get_json()["time"] == "2024-01-01T12:01:30.500Z"


def test_real_clock_can_be_advanced_too():
    client = create_app().test_client()
    assert client.post("/__admin/clock", json={"advance": 100}).get_json()["now"] >= 100


def test_reset_restores_everything(client, state, order, token):
    client.post("/payments", json={"order_id": order["id"], "amount": 21.5}, headers={"Idempotency-Key": "k"})
    review = {"dish_id": 11, "rating": 5, "text": "Lovely."}
    client.post("/reviews", json=review, headers={"Authorization": f"Bearer {token}"})
    client.post(
        "/__admin/faults",
        json={"next": [{"status": 503, "path": "/nowhere"}], "rate_limit": {"limit": 9, "window": 10}},
    )
    client.get("/health")
    client.post("/__admin/state", json={"open": False, "retry_after": 30})
    advance(client, 50)
    assert len(state.reviews) == 138 and state.rate_windows and state.idempotency
    assert client.post("/__admin/reset").status_code == 204
    assert kitchen(state) == kitchen(State(state.config))  # as a kitchen never used, whatever State holds
    assert state.tables == state.orders == state.payments == state.idempotency == state.tokens == {}
    assert len(state.reviews) == 137 and list(state.journal) == [] and state.rate_windows == {}
    assert client.get("/__admin/faults").get_json() == Faults().to_json()
    assert client.get("/__admin/clock").get_json() == {"now": 0.0, "mode": "manual", "time": "2024-01-01T12:00:00.000Z"}
    assert client.get("/__admin/state").get_json() == {"open": True, "retry_after": 60}
    assert client.get("/health").status_code == 200
    assert client.post("/tables", json={"name": "Ada", "party_size": 2}).get_json()["id"] == 1


def kitchen(state):
    """What a ``State`` holds, comparable with ``==`` (its locks aside)."""
    aside = ("lock", "page_turn", "clock", "faults")
    contents = {name: value for name, value in vars(state).items() if name not in aside}
    return contents, state.faults.to_json(), state.faults.armed, state.clock.now(), state.clock.isoformat(0)


@pytest.mark.parametrize(
    "path, body",
    [
        ("/__admin/clock", {"advance": -1}),
        ("/__admin/clock", {"advance": "soon"}),
        ("/__admin/clock", {}),
        ("/__admin/state", {"open": "no"}),
        ("/__admin/state", {}),
        ("/__admin/faults", {"next": [{"status": 200}]}),
        ("/__admin/faults", {"next": [{"count": 2}]}),
        ("/__admin/faults", {"next": [{"status": 503, "path": "menu"}]}),
        ("/__admin/faults", {"latency_ms": 10**9}),
        ("/__admin/faults", {"error_rate": 2}),
        ("/__admin/faults", {"rate_limit": {"limit": 0, "window": 1}}),
        ("/__admin/faults", {"drop_connection": {"status": 503}}),
        ("/__admin/faults", {"surprise": True}),
        ("/__admin/faults", []),
    ],
)
def test_admin_rejects_bad_bodies(client, path, body):
    before = client.get("/__admin/faults").get_json()
    assert assert_problem(client.post(path, json=body), 422)["errors"]
    assert client.get("/__admin/faults").get_json() == before
    assert client.get("/__admin/clock").get_json()["now"] == 0.0


def test_tenants_are_isolated(app):
    store = app.extensions["mock_server.state.store"]
    team = store.state("team-a")
    assert team is not store.state() and store.tenants() == ["default", "team-a"]
    team.tables[1] = {"id": 1}
    assert store.state().tables == {}


def test_a_request_still_being_answered_at_a_reset_is_not_journaled_after_it(app, client, state):
    """A slow request (a client that timed out on /kitchen/specials) ends after the next test's reset: it must
    not appear in that test's journal, where it would look like a request the next test's code sent."""
    from flask import Response

    from mock_server.serving import hooks

    with app.test_request_context("/kitchen/specials?delay=0.3"):
        hooks.before_request()
        client.post("/__admin/reset")  # the next test starts while the request is still being answered
        hooks.after_request(Response("{}", status=200))
    client.get("/menu")
    assert [entry["path"] for entry in journal(client)] == ["/menu"]
