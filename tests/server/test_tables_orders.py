"""Tables and orders: create/read/delete, the cooking timeline, 409s and serving."""

from __future__ import annotations

import pytest

from .conftest import advance, assert_problem


def test_table_lifecycle(client):
    response = client.post("/tables", json={"name": "Zoë 🍕", "party_size": 12})
    assert response.status_code == 201
    table = response.get_json()
    assert response.headers["Location"] == f"/tables/{table['id']}"
    assert table == {"id": 1, "name": "Zoë 🍕", "party_size": 12, "status": "seated"}
    assert client.get("/tables/1").get_json() == table
    assert client.get("/tables").get_json() == {"items": [table], "count": 1, "next": None}
    response = client.delete("/tables/1")
    assert response.status_code == 204 and response.data == b""
    assert_problem(client.get("/tables/1"), 404)
    assert_problem(client.delete("/tables/1"), 404)


def test_place_order(client, table):
    items = [{"dish_id": 11, "quantity": 2}, {"dish_id": 15, "quantity": 1}]
    response = client.post("/orders", json={"table_id": table, "items": items, "notes": "no nuts"})
    assert response.status_code == 201
    order = response.get_json()
    assert response.headers["Location"] == f"/orders/{order['id']}"
    assert order["status"] == "received"
    assert order["total"] == 24.5  # 2 x 9.00 + 6.50
    assert order["notes"] == "no nuts" and order["guest"] is None
    assert order["items"][1] == {
        "dish_id": 15,
        "name": "Crème brûlée",
        "quantity": 1,
        "unit_price": 6.5,
        "line_total": 6.5,
    }
    assert order["created_at"] == "2024-01-01T12:00:00.000Z"
    assert order["ready_in"] == 7.0


def test_order_moves_through_states_with_the_clock(client, order):
    path = f"/orders/{order['id']}"
    seen = []
    for step in (0, 1.9, 0.1, 4.9, 0.1):
        advance(client, step)
        seen.append(client.get(path).get_json()["status"])
    assert seen == ["received", "received", "cooking", "cooking", "ready"]
    served = client.post(f"{path}/serve")
    assert served.status_code == 200 and served.get_json()["status"] == "served"
    advance(client, 100)
    assert client.get(path).get_json()["status"] == "served"
    assert_problem(client.post(f"{path}/serve"), 409)


def test_serve_too_early_says_when(client, order):
    advance(client, 3)
    body = assert_problem(response := client.post(f"/orders/{order['id']}/serve"), 409)
    assert body["current_status"] == "cooking"
    assert response.headers["Retry-After"] == "4"


def test_patch_and_put_while_received(client, order, table):
    path = f"/orders/{order['id']}"
    patched = client.patch(path, json={"notes": "extra basil"}).get_json()
    assert patched["notes"] == "extra basil" and patched["items"] == order["items"]
    merged = client.patch(
        path, data='{"items": [{"dish_id": 1, "quantity": 3}]}', content_type="application/merge-patch+json"
    ).get_json()
    assert merged["total"] == 16.5 and merged["notes"] == "extra basil"
    replaced = client.put(path, json={"table_id": table, "items": [{"dish_id": 2, "quantity": 1}]}).get_json()
    assert replaced["total"] == 4.0 and replaced["notes"] is None


@pytest.mark.parametrize(
    "method, kwargs",
    [
        ("patch", {"json": {"notes": "too late"}}),
        ("put", {"json": {"table_id": 1, "items": [{"dish_id": 1, "quantity": 1}]}}),
        ("delete", {}),
    ],
)
def test_changes_after_received_are_409(client, order, state, method, kwargs):
    advance(client, 2)
    before = client.get(f"/orders/{order['id']}").get_json()
    body = assert_problem(getattr(client, method)(f"/orders/{order['id']}", **kwargs), 409)
    assert body["current_status"] == "cooking" and "cooking" in body["hint"]
    assert client.get(f"/orders/{order['id']}").get_json() == before


def test_cancel_while_received(client, order):
    assert client.delete(f"/orders/{order['id']}").status_code == 204
    assert_problem(client.get(f"/orders/{order['id']}"), 404)


def test_list_orders_filters(client, table, order):
    other = client.post("/tables", json={"name": "Grace", "party_size": 3}).get_json()["id"]
    client.post("/orders", json={"table_id": other, "items": [{"dish_id": 1, "quantity": 1}]})
    assert client.get("/orders").get_json()["count"] == 2
    mine = client.get(f"/orders?table_id={table}").get_json()
    assert [item["id"] for item in mine["items"]] == [order["id"]]
    assert client.get("/orders?status=cooking").get_json()["count"] == 0
    advance(client, 2)
    assert client.get("/orders?status=cooking").get_json()["count"] == 2
    assert_problem(client.get("/orders?status=burnt"), 400)
    assert_problem(client.get("/orders?table_id=x"), 400)


def test_kitchen_queue(client, order):
    queue = client.get("/kitchen/queue").get_json()
    assert queue == {
        "items": [{"order_id": order["id"], "status": "received", "ready_in": 7.0}],
        "count": 1,
        "next": None,
    }
    advance(client, 7)
    assert client.get("/kitchen/queue").get_json()["count"] == 0


def test_specials_waits_the_requested_delay(client):
    body = client.get("/kitchen/specials?delay=0.01").get_json()
    assert body["waited"] == 0.01 and body["count"] == len(body["items"]) == 3
    assert_problem(client.get("/kitchen/specials?delay=11"), 400)
    assert_problem(client.get("/kitchen/specials?delay=soon"), 400)


def test_specials_delay_is_capped_by_config():
    from mock_server import create_app

    app = create_app({"SPECIALS_MAX_DELAY": 0.01})
    assert app.test_client().get("/kitchen/specials?delay=10").get_json()["waited"] == 0.01
