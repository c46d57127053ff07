"""Tokens: HTTP Basic in, Bearer out; 401 with WWW-Authenticate, 403 for other guests."""

from __future__ import annotations

import pytest

from .conftest import advance, assert_problem


def test_token_for_a_demo_guest(client):
    response = client.post("/auth/token", auth=("grace", "hopper"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and len(body["access_token"]) > 20
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Basic !!!"}, {"Authorization": "Bearer abc"}],
    ids=["none", "garbage", "bearer"],
)
def test_token_needs_basic_credentials(client, headers):
    response = client.post("/auth/token", headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith('Basic realm="restaurant"')


@pytest.mark.parametrize("credentials", [("ada", "wrong"), ("nobody", "lovelace"), ("", "")])
def test_wrong_credentials(client, credentials):
    response = client.post("/auth/token", auth=credentials)
    assert "ada/lovelace" in assert_problem(response, 401)["hint"]
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_me(client, token):
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json() == {"username": "ada", "name": "Ada Lovelace"}


@pytest.mark.parametrize(
    "header, error",
    [
        (None, None),
        ("Bearer not-a-token", "invalid_token"),
        ("Token abc", "invalid_request"),
        ("Bearer ", "invalid_request"),
    ],
)
def test_bad_bearer_is_401(client, header, error):
    response = client.get("/me", headers={"Authorization": header} if header else {})
    assert_problem(response, 401)
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="restaurant"')
    assert (f'error="{error}"' in challenge) if error else ("error=" not in challenge)


def test_token_expires_on_the_kitchen_clock(client, token):
    advance(client, 3599)
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    advance(client, 1)
    response = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert "expired" in assert_problem(response, 401)["detail"]
    assert "expired" in response.headers["WWW-Authenticate"]


def test_reset_forgets_tokens(client, token):
    client.post("/__admin/reset")
    assert_problem(client.get("/me", headers={"Authorization": f"Bearer {token}"}), 401)


def test_bill_is_only_yours(client, token, table):
    auth = {"Authorization": f"Bearer {token}"}
    placed = client.post("/orders", json={"table_id": table, "items": [{"dish_id": 1, "quantity": 2}]}, headers=auth)
    assert placed.get_json()["guest"] == "ada"
    client.post("/orders", json={"table_id": table, "items": [{"dish_id": 2, "quantity": 1}]})  # anonymous
    bill = client.get("/guests/ada/bill", headers=auth).get_json()
    assert bill == {"username": "ada", "orders": [placed.get_json()["id"]], "total": 11.0, "paid": 0.0, "due": 11.0}
    client.post("/payments", json={"order_id": placed.get_json()["id"], "amount": 11.0})
    bill = client.get("/guests/ada/bill", headers=auth).get_json()
    assert bill == {"username": "ada", "orders": [placed.get_json()["id"]], "total": 11.0, "paid": 11.0, "due": 0.0}
    for other in ("grace", "nobody"):
        assert "ada" in assert_problem(client.get(f"/guests/{other}/bill", headers=auth), 403)["hint"]
    assert_problem(client.get("/guests/ada/bill"), 401)


def test_order_with_a_bad_token_is_refused(client, table):
    response = client.post(
        "/orders",
        json={"table_id": table, "items": [{"dish_id": 1, "quantity": 1}]},
        headers={"Authorization": "Bearer stale"},
    )
    assert_problem(response, 401)
    assert client.get("/orders").get_json()["count"] == 0
