"""Every list that grows with what a team creates comes in pages (``mock_server.contract.pages``): same
parameters, same ``next`` and Link header as ``/reviews``, a bounded answer, and a 400 problem for a bad
``limit`` or ``cursor``, never a 500."""

from __future__ import annotations

import threading

import pytest

from mock_server.contract import pages
from mock_server.contract.pages import ANSWER_BOUND, DEFAULT_LIMIT, MAX_LIMIT, encode_cursor

from .conftest import assert_problem, every_item

LISTS = ["/orders", "/tables", "/payments", "/kitchen/queue", "/reviews"]
ASTRAL = "\U0001f355"  # one character, four bytes of UTF-8: the most one character of an item can take


def seat(client, name="Ada"):
    return client.post("/tables", json={"name": name, "party_size": 2}).get_json()["id"]


def place(client, table, **more):
    response = client.post("/orders", json={"table_id": table, "items": [{"dish_id": 11, "quantity": 1}]} | more)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        f"limit={MAX_LIMIT + 1}",
        "limit=-1",
        "limit=ten",
        "limit=1e3",
        "limit=99999999999999999999999",
        "limit=",
        "cursor=",
        "cursor=not-a-cursor",
        "cursor=ffffffffffffffff",
        "cursor=%00",
        "cursor=%F0%9F%8D%95",
        "limit=5&limit=6",
    ],
)
def test_a_bad_page_query_is_a_400_problem(client, path, query):
    body = assert_problem(client.get(f"{path}?{query}"), 400)
    assert "limit" in body["detail"] or "cursor" in body["detail"], body


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_past_the_end_is_an_empty_last_page(client, path):
    body = client.get(f"{path}?cursor=fffffff").get_json()
    assert (body["items"], body["count"], body["next"]) == ([], 0, None)


def test_a_beginner_sees_every_order_on_one_page(client):
    """Before chapter 5 nobody asks for pages: the default page holds more than an exercise creates."""
    table = seat(client)
    placed = [place(client, table)["id"] for _ in range(30)]
    response = client.get("/orders")
    body = response.get_json()
    assert [order["id"] for order in body["items"]] == placed
    assert (body["count"], body["next"]) == (30, None)
    assert "Link" not in response.headers
    assert DEFAULT_LIMIT >= 30


def test_orders_follow_the_pages_and_keep_their_filters(client, app):
    first, second = seat(client), seat(client, "Grace")
    for _ in range(5):
        place(client, first)
        place(client, second)
    response = client.get(f"/orders?table_id={second}&limit=2")
    link = response.headers["Link"]
    assert f"table_id={second}" in link and "limit=2" in link and link.endswith('>; rel="next"')
    orders = every_item(client, f"/orders?table_id={second}&limit=2")
    assert [order["table_id"] for order in orders] == [second] * 5
    assert [order["id"] for order in orders] == sorted(order["id"] for order in orders)
    assert len(every_item(client, "/orders?status=received&limit=3")) == 10


def test_tables_and_the_queue_come_in_pages(client):
    table = seat(client)
    for name in ("Grace", "Alan"):
        seat(client, name)
    for _ in range(3):
        place(client, table)
    page = client.get("/tables?limit=2").get_json()
    assert (page["count"], bool(page["next"])) == (2, True)
    rest = client.get(f"/tables?limit=2&cursor={page['next']}").get_json()
    assert ([t["name"] for t in page["items"] + rest["items"]], rest["next"]) == (["Ada", "Grace", "Alan"], None)
    assert len(every_item(client, "/kitchen/queue?limit=1")) == 3


def test_payments_page_by_page_and_total_charged_counts_every_page(client):
    table = seat(client)
    for _ in range(3):
        order = place(client, table)
        assert client.post("/payments", json={"order_id": order["id"], "amount": order["total"]}).status_code == 201
    page = client.get("/payments?limit=1").get_json()
    assert (page["count"], page["total_charged"]) == (1, 3 * order["total"])
    assert len(every_item(client, "/payments?limit=2")) == 3


def test_no_page_exceeds_the_bound_even_with_every_field_at_its_cap(client):
    """The largest items there can be (every line, every character four bytes), a full page each."""
    table = client.post("/tables", json={"name": ASTRAL * 50, "party_size": 12}).get_json()["id"]
    lines = [{"dish_id": dish, "quantity": 20} for dish in range(1, 21)]
    url = "http://127.0.0.1:65535/" + "~" * 477
    bearer = {
        "Authorization": f"Bearer {client.post('/auth/token', auth=('ada', 'lovelace')).get_json()['access_token']}"
    }
    for _ in range(MAX_LIMIT):
        client.post("/tables", json={"name": ASTRAL * 50, "party_size": 12})
        order = place(client, table, items=lines, notes=ASTRAL * 500, callback_url=url)
        key = {"Idempotency-Key": "k" * 240 + str(order["id"])}
        client.post("/payments", json={"order_id": order["id"], "amount": order["total"]}, headers=key)
        client.post(
            "/reviews",
            json={"dish_id": 1, "rating": 5, "text": ASTRAL * 1000},
            headers=bearer,
        )
    after_seeded = {"cursor": encode_cursor(137)}  # the reviews written here, not the seeded ones
    sizes = {
        path: len(
            client.get(
                path, query_string={"limit": MAX_LIMIT, **(after_seeded if path == "/reviews" else {})}
            ).get_data()
        )
        for path in LISTS
    }
    assert max(sizes.values()) <= ANSWER_BOUND, sizes
    assert sizes["/orders"] > ANSWER_BOUND / 4, sizes  # the test did fill the pages


@pytest.mark.parametrize("path", LISTS)
def test_pages_are_built_a_few_at_once_and_a_request_that_waits_too_long_gets_a_503(client, path, monkeypatch):
    gate = threading.BoundedSemaphore(pages.PAGES_AT_ONCE)
    monkeypatch.setattr(pages, "_building", gate)
    monkeypatch.setattr(pages, "PAGE_WAIT", 0.01)
    for _ in range(pages.PAGES_AT_ONCE):
        gate.acquire()  # every turn taken, as by other teams' heavy lists
    busy = client.get(path)
    assert "at once" in assert_problem(busy, 503)["detail"] and busy.headers["Retry-After"] == "1"
    assert client.get("/menu").status_code == 200  # the rest is served
    gate.release()
    assert client.get(path).status_code == 200
    assert gate.acquire(blocking=False) and not gate.acquire(blocking=False)  # the turn it took was given back


@pytest.mark.parametrize("path", LISTS)
def test_a_kitchen_builds_one_page_at_a_time_and_the_rest_of_the_room_is_served(client, state, path, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_WAIT", 0.01)
    gate = threading.BoundedSemaphore(pages.PAGES_AT_ONCE)
    monkeypatch.setattr(pages, "_building", gate)
    state.page_turn.acquire()  # this kitchen is building a page already (one team's parallel lists)
    try:
        busy = client.get(path)
        assert "one page at a time" in assert_problem(busy, 503)["detail"] and busy.headers["Retry-After"] == "1"
        assert client.get("/menu").status_code == 200
        assert all(gate.acquire(blocking=False) for _ in range(pages.PAGES_AT_ONCE))  # it took none of the room's
        for _ in range(pages.PAGES_AT_ONCE):
            gate.release()
    finally:
        state.page_turn.release()
    assert client.get(path).status_code == 200
    assert state.page_turn.acquire(blocking=False)  # given back
    state.page_turn.release()
