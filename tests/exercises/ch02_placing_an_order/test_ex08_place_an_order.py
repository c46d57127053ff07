"""Exercise 8: place_order(base_url, table_id, dishes, notes=None) POSTs a nested JSON order, returns the 201 body."""

import pytest
import requests
from requests_mock import ANY

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import json_reply, problem_reply

ORDER = {
    "id": 8,
    "table_id": 3,
    "items": [
        {"dish_id": 11, "name": "Pizza Margherita", "quantity": 2, "unit_price": 9.0, "line_total": 18.0},
        {"dish_id": 17, "name": "Crème brûlée", "quantity": 1, "unit_price": 5.8, "line_total": 5.8},
    ],
    "notes": None,
    "status": "received",
    "total": 23.8,
    "guest": None,
    "created_at": "2026-01-01T12:00:00.000Z",
    "updated_at": "2026-01-01T12:00:00.000Z",
    "ready_in": 7.0,
}
LINES_HINT = (
    "Compare the body with the docstring's: table_id, items as a list with one dish_id and quantity per dish, "
    "and notes only when notes is not None. Which argument of requests sends a dict as JSON?"
)


@pytest.fixture
def kitchen_takes_orders(requests_mock, base_url):
    """POST /orders answers 201 (any verb is answered, so a wrong one is named by the test)."""
    reply = json_reply(ORDER, status=201, headers={"Location": "/orders/8"})  # Crème brûlée as raw UTF-8 bytes
    requests_mock.register_uri(ANY, f"{base_url}/orders", **reply)
    return requests_mock


@pytest.mark.parametrize(
    ("args", "body"),
    [
        ((3, {11: 2}), {"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}]}),
        (
            (3, {17: 1, 11: 2}),
            {"table_id": 3, "items": [{"dish_id": 17, "quantity": 1}, {"dish_id": 11, "quantity": 2}]},
        ),
        (
            (5, {4: 1}, "sans ail, très chaud"),
            {"table_id": 5, "items": [{"dish_id": 4, "quantity": 1}], "notes": "sans ail, très chaud"},
        ),
        ((5, {4: 1}, ""), {"table_id": 5, "items": [{"dish_id": 4, "quantity": 1}], "notes": ""}),
    ],
    ids=["one dish", "two dishes", "with notes", "empty notes are notes"],
)
def test_posts_the_order_as_nested_json(exercise, kitchen_takes_orders, args, body, base_url):
    call(exercise.place_order, base_url, *args)
    expect_request(kitchen_takes_orders, method="POST", path="/orders", query={}, json=body, count=1, hint=LINES_HINT)


def test_returns_the_kitchens_order(exercise, kitchen_takes_orders, base_url):
    call(exercise.place_order, base_url, 3, {11: 2, 17: 1}).returns(
        ORDER,
        hint="Return the order as the kitchen answered it, parsed from its JSON (with its id, status and total), "
        "not the response and not the dict you sent.",
    )


def test_a_refused_order_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.post(
        f"{base_url}/orders",
        **problem_reply(
            "validation-error",
            "1 field(s) need fixing: table_id.",
            errors=[{"field": "table_id", "message": "there is no table 99; create one with POST /tables first"}],
        ),
    )
    raises(
        requests.HTTPError,
        exercise.place_order,
        base_url,
        99,
        {11: 2},
        hint="A 422 means the kitchen took no order: which method of the response raises for an error status?",
    )
    expect_request(
        requests_mock,
        method="POST",
        path="/orders",
        count=1,
        hint="Send the order once: each POST may create an order, so a refused one is not sent again.",
    )


def test_a_closed_kitchen_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/orders", **problem_reply("closed", "Closed until noon."))
    raises(
        requests.HTTPError,
        exercise.place_order,
        base_url,
        3,
        {11: 2},
        hint="An error status is no order: does your code raise for it?",
    )


def test_live_order(exercise, kitchen, live_table):
    placed = call(exercise.place_order, kitchen.url, live_table, {11: 2, 19: 1}, "no basil").value
    order_id = placed.get("id") if isinstance(placed, dict) else None
    expect_true(
        isinstance(order_id, int),
        "place_order should return the kitchen's order: a dict with the new order's id.",
        expected="{'id': ..., 'status': 'received', ...}",
        actual=repr(placed)[:300],
        hint="Return the order the kitchen answered, parsed from its JSON.",
    )
    stored = kitchen.api("GET", f"/orders/{order_id}")
    kitchen_lines = [(line["dish_id"], line["quantity"]) for line in stored["items"]]
    expect_true(
        placed == stored and kitchen_lines == [(11, 2), (19, 1)] and stored["notes"] == "no basil",
        "The live kitchen should hold the order you placed, and you should return it as the kitchen answered it.",
        expected="2 x dish 11, 1 x dish 19, notes 'no basil'; returned: the kitchen's order",
        actual=f"the kitchen holds {stored!r}\nreturned {placed!r}",
    )
    posts = [entry for entry in kitchen.journal() if entry["method"] == "POST"]
    expect_true(
        len(posts) == 1,
        "Place the order once: one POST /orders.",
        actual=f"{len(posts)} POST requests",
        hint="Each POST creates a new order; send exactly one.",
    )
