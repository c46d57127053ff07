"""Reviews (cursor pagination, Link headers) and payments (Idempotency-Key)."""

from __future__ import annotations

import pytest

from .conftest import assert_problem


def test_walk_every_review_page(client):
    seen, path, pages = [], "/reviews?limit=25", 0
    while path:
        response = client.get(path)
        body = response.get_json()
        seen += [review["id"] for review in body["items"]]
        pages += 1
        if body["next"]:
            url = response.headers["Link"].split(";")[0].strip("<>")
            assert url == f"http://localhost/reviews?limit=25&cursor={body['next']}"
            assert response.headers["Link"].endswith('rel="next"')
            path = url.replace("http://localhost", "")
        else:
            assert "Link" not in response.headers
            path = None
    assert seen == list(range(1, 138)) and pages == 6


def test_default_page_and_fields(client):
    body = client.get("/reviews").get_json()
    assert len(body["items"]) == 20
    assert set(body["items"][0]) == {"id", "dish_id", "author", "rating", "text", "created_at"}
    again = client.get("/reviews").get_json()
    assert again == body  # deterministic


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=ten", "cursor=", "cursor=not-a-cursor", "page=2"])
def test_bad_pagination_queries(client, query):
    assert_problem(client.get(f"/reviews?{query}"), 400)


def test_cursor_past_the_end_is_an_empty_last_page(client):
    assert client.get("/reviews?cursor=fffffff").get_json() == {"items": [], "count": 0, "next": None}


def test_post_review_needs_a_token(client, token):
    body = {"dish_id": 15, "rating": 5, "text": "Crème brûlée!"}
    assert_problem(client.post("/reviews", json=body), 401)
    response = client.post("/reviews", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201 and response.headers["Location"] == "/reviews/138"
    assert response.get_json()["author"] == "ada"
    assert client.get("/reviews/138").get_json() == response.get_json()
    assert_problem(client.get("/reviews/139"), 404)


def pay(client, body, key=None):
    return client.post("/payments", json=body, headers={"Idempotency-Key": key} if key else {})


def test_payment_without_key_is_a_new_payment_and_an_order_is_paid_once(client, order):
    body = {"order_id": order["id"], "amount": 21.5}
    first = pay(client, body)
    assert first.status_code == 201
    second = assert_problem(pay(client, body), 409)  # without a key, a retry is a second payment: refused
    assert "paid already" in second["detail"] and "Idempotency-Key" in second["hint"]
    listing = client.get(f"/payments?order_id={order['id']}").get_json()
    assert listing["count"] == 1 and listing["total_charged"] == 21.5


def test_same_key_same_body_replays(client, order):
    body = {"order_id": order["id"], "amount": 21.5, "tip": 2}
    first = pay(client, body, "key-1")
    replay = pay(client, body, "key-1")
    assert first.status_code == replay.status_code == 201
    assert replay.get_json() == first.get_json()
    assert replay.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert replay.headers["Location"] == first.headers["Location"] == "/payments/1"
    assert first.get_json()["total"] == 23.5 and first.get_json()["idempotency_key"] == "key-1"
    assert client.get("/payments").get_json()["count"] == 1
    assert client.get("/payments/1").get_json() == first.get_json()


def test_same_key_other_body_is_422(client, order):
    pay(client, {"order_id": order["id"], "amount": 21.5}, "key-2")
    body = assert_problem(pay(client, {"order_id": order["id"], "amount": 21.5, "tip": 1}, "key-2"), 422)
    assert body["type"] == "/problems/idempotency-key-reused"
    assert client.get("/payments").get_json()["count"] == 1


def test_failed_payment_is_not_remembered(client, order):
    assert_problem(pay(client, {"order_id": order["id"], "amount": 0}, "key-3"), 422)
    assert pay(client, {"order_id": order["id"], "amount": 21.5}, "key-3").status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "tab\tkey"])
def test_bad_idempotency_keys(client, order, key):
    response = client.post("/payments", json={"order_id": order["id"], "amount": 1}, headers={"Idempotency-Key": key})
    assert_problem(response, 400)
    assert client.get("/payments").get_json()["count"] == 0


def test_unknown_payment(client):
    assert_problem(client.get("/payments/1"), 404)
