"""Exercise 11: cancel_order DELETEs the order: 204 -> True, 409 (too late) -> False, other errors raise HTTPError."""

import pytest
import requests
from requests_mock import ANY

from kata.expect import NO_BODY, call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import empty_reply, html_reply, problem_reply

DELETE_HINT = "Which HTTP method removes the order at `/orders/{id}`? It sends no body, and a 204 answers none."
TOO_LATE = problem_reply(
    "conflict", "Order 4 is cooking: it can only be cancelled while it is received.", current_status="cooking"
)


def test_deletes_the_order(exercise, requests_mock, base_url):
    requests_mock.register_uri(ANY, f"{base_url}/orders/4", **empty_reply(204))  # any verb: the test names a wrong one
    call(exercise.cancel_order, base_url, 4, hint=DELETE_HINT)
    expect_request(
        requests_mock,
        method="DELETE",
        path="/orders/4",
        query={},
        json=NO_BODY,
        count=1,
        hint=DELETE_HINT,
    )


def test_cancelled_is_true(exercise, requests_mock, base_url):
    requests_mock.delete(f"{base_url}/orders/4", **empty_reply(204))
    call(
        exercise.cancel_order,
        base_url,
        4,
        hint="204 No Content means 'cancelled': return True (a bool, not the response; a 204 has no JSON).",
    ).returns(True)


def test_too_late_is_false(exercise, requests_mock, base_url):
    requests_mock.delete(f"{base_url}/orders/4", **TOO_LATE)
    call(
        exercise.cancel_order,
        base_url,
        4,
        hint="409 means 'too late, the kitchen is cooking': return False, before the general status check raises.",
    ).returns(False)


@pytest.mark.parametrize(
    ("status", "reply"),
    [
        (404, problem_reply("not-found", "There is no order 4.")),
        (405, problem_reply("method-not-allowed", "DELETE is not allowed here.", headers={"Allow": "GET"})),
        (500, problem_reply("internal-error", "The till is broken.")),
        (503, problem_reply("closed", "Closed until noon.")),
        (502, html_reply(502)),
    ],
    ids=["404", "405", "500", "503", "HTML 502"],
)
def test_other_errors_raise_http_error(exercise, requests_mock, status, reply, base_url):
    requests_mock.delete(f"{base_url}/orders/4", **reply)
    raises(
        requests.HTTPError,
        exercise.cancel_order,
        base_url,
        4,
        hint=f"Only 409 is 'too late'. A {status} is an error, not a False: does your code raise for it?",
    )


def test_live_cancel_then_too_late(exercise, kitchen, live_order, live_table):
    order_id = live_order["id"]
    call(exercise.cancel_order, kitchen.url, order_id).returns(True, hint="A received order can be cancelled: 204.")
    left = [order["id"] for order in kitchen.api("GET", "/orders")["items"]]
    expect_true(order_id not in left, "The live kitchen still has the order you cancelled.", actual=f"orders: {left}")
    raises(
        requests.HTTPError,
        exercise.cancel_order,
        kitchen.url,
        order_id,
        hint="Cancelling twice: the order is gone, the kitchen answers 404: raise requests.HTTPError.",
    )
    second = kitchen.api("POST", "/orders", {"table_id": live_table, "items": [{"dish_id": 15, "quantity": 1}]})
    kitchen.advance(2.5)  # the cooks start
    call(exercise.cancel_order, kitchen.url, second["id"]).returns(
        False, hint="The kitchen is cooking this one: it answers 409, so return False."
    )
    expect_true(
        kitchen.api("GET", f"/orders/{second['id']}")["status"] == "cooking",
        "A cooking order stays in the kitchen.",
        actual=repr(kitchen.api("GET", f"/orders/{second['id']}")),
    )
