"""Exercise 10: change_order PATCHes only what changes; a 409 (the kitchen is cooking) becomes KitchenAlreadyCooking."""

import pytest
import requests
from requests_mock import ANY

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, json_reply, problem_reply

CHANGED = {
    "id": 4,
    "table_id": 3,
    "items": [{"dish_id": 11, "name": "Pizza Margherita", "quantity": 3, "unit_price": 9.0, "line_total": 27.0}],
    "notes": "sans basilic — merci",
    "status": "received",
    "total": 27.0,
}
TOO_LATE = (
    "A 409 means 'too late': does your code look for it before the general status check raises, and raise "
    "KitchenAlreadyCooking?"
)


@pytest.fixture
def kitchen_changes_orders(requests_mock, base_url):
    """PATCH /orders/4 answers 200 (any verb is answered, so a wrong one is named by the test)."""
    requests_mock.register_uri(ANY, f"{base_url}/orders/4", **json_reply(CHANGED))  # the notes as raw UTF-8
    return requests_mock


@pytest.mark.parametrize(
    ("changes", "body"),
    [
        ({"notes": "no basil"}, {"notes": "no basil"}),
        ({"dishes": {11: 3}}, {"items": [{"dish_id": 11, "quantity": 3}]}),
        (
            {"dishes": {17: 2, 11: 1}, "notes": ""},
            {"items": [{"dish_id": 17, "quantity": 2}, {"dish_id": 11, "quantity": 1}], "notes": ""},
        ),
    ],
    ids=["notes only", "dishes only", "both"],
)
def test_patches_only_what_changes(exercise, kitchen_changes_orders, changes, body, base_url):
    call(exercise.change_order, base_url, 4, **changes)
    expect_request(
        kitchen_changes_orders,
        method="PATCH",
        path="/orders/4",
        query={},
        json=body,
        count=1,
        hint="PATCH sends only what changes: 'items' when dishes is not None, 'notes' when notes is not None. "
        "Which method of requests sends a PATCH, and which argument sends the changes as JSON?",
    )


def test_returns_the_changed_order(exercise, kitchen_changes_orders, base_url):
    call(exercise.change_order, base_url, 4, {11: 3}, "sans basilic — merci").returns(
        CHANGED, hint="Return the order as the kitchen holds it now, parsed from its JSON answer."
    )


@pytest.mark.parametrize("status", ["cooking", "ready"])
def test_too_late_raises_kitchen_already_cooking(exercise, requests_mock, status, base_url):
    detail = f"Order 4 is {status}: it can only be changed while it is received."
    requests_mock.patch(f"{base_url}/orders/4", **problem_reply("conflict", detail, current_status=status))
    error = raises(exercise.KitchenAlreadyCooking, exercise.change_order, base_url, 4, notes="no basil", hint=TOO_LATE)
    expect_true(
        (error.order_id, error.status, error.detail) == (4, status, detail),
        "KitchenAlreadyCooking should carry the order id, the order's current status and the kitchen's detail.",
        expected=f"KitchenAlreadyCooking(4, {status!r}, {detail!r})",
        actual=f"KitchenAlreadyCooking({error.order_id!r}, {error.status!r}, {error.detail!r})",
        hint="The 409's problem says which status the order has now (`current_status`) and why (`detail`): "
        "KitchenAlreadyCooking carries both, with the order's id.",
    )


@pytest.mark.parametrize(
    ("status", "reply"),
    [
        (404, problem_reply("not-found", "There is no order 4.")),
        (422, problem_reply("validation-error", "1 field(s) need fixing: notes.")),
        (500, problem_reply("internal-error", "Oops.")),
        (502, html_reply(502)),
    ],
    ids=["404", "422", "500", "HTML 502"],
)
def test_other_errors_raise_http_error(exercise, requests_mock, status, reply, base_url):
    requests_mock.patch(f"{base_url}/orders/4", **reply)
    raises(
        requests.HTTPError,
        exercise.change_order,
        base_url,
        4,
        notes="no basil",
        hint=f"Only a 409 means 'too late'. A {status} is an error: what does the general status check do with it?",
    )


def test_live_change_then_too_late(exercise, kitchen, live_order):
    order_id = live_order["id"]
    changed = call(exercise.change_order, kitchen.url, order_id, {11: 3}, "no basil").value
    stored = kitchen.api("GET", f"/orders/{order_id}")
    expect_true(
        stored["notes"] == "no basil" and stored["items"][0]["quantity"] == 3 and changed == stored,
        "While the order is received, the change should reach the kitchen, and you return the changed order.",
        expected="the kitchen holds 3 x dish 11, notes 'no basil'; returned: that order",
        actual=f"the kitchen holds {stored!r}\nreturned {changed!r}",
    )
    kitchen.advance(2.5)  # the cooks start
    error = raises(
        exercise.KitchenAlreadyCooking, exercise.change_order, kitchen.url, order_id, notes="extra basil", hint=TOO_LATE
    )
    expect_true(
        error.status == "cooking" and "cooking" in error.detail,
        "The live kitchen is cooking the order: KitchenAlreadyCooking should say so.",
        expected="status 'cooking', and the kitchen's detail",
        actual=f"status {error.status!r}, detail {error.detail!r}",
    )
    sent = [
        (entry["method"], entry["path"], entry["status"]) for entry in kitchen.journal() if entry["method"] != "GET"
    ]
    expect_true(
        sent == [("PATCH", f"/orders/{order_id}", 200), ("PATCH", f"/orders/{order_id}", 409)],
        "Each change is one PATCH: the first answered 200, the second 409.",
        expected=f"PATCH /orders/{order_id} -> 200, then PATCH /orders/{order_id} -> 409",
        actual=repr(sent),
    )
