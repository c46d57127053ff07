"""Exercise 1: build_menu_request and build_order_request build (never send) a request with its five parts right.

The offline tests take the `requests_mock` fixture and register no address: a
request that goes out anyway fails the test. The live test hands the built
requests to the real kitchen, which must accept them.
"""

import requests

from kata.expect import NO_BODY, answered, as_number, call, expect_prepared, expect_true, fail

ACCEPT_JSON = {"Accept": "application/json"}
BUILD_ONLY = (
    "Which class of requests holds a request before it is sent, and which of its methods makes the exact "
    "request that would go on the wire? Build it and return it; do not send it."
)


def test_menu_request_asks_for_one_category_in_json(exercise, requests_mock, base_url):
    expect_prepared(
        call(exercise.build_menu_request, base_url, "pizza", hint=BUILD_ONLY),
        base=base_url,
        method="GET",
        path="/menu",
        query={"category": "pizza"},
        headers=ACCEPT_JSON,
        json=NO_BODY,
    )


def test_a_category_with_reserved_characters_is_encoded(exercise, requests_mock, base_url):
    category = "fish & chips + peas/sides"
    expect_prepared(
        call(exercise.build_menu_request, base_url, category, hint=BUILD_ONLY),
        base=base_url,
        method="GET",
        path="/menu",
        query={"category": category},
        headers=ACCEPT_JSON,
        json=NO_BODY,
        hint="A value written into the URL by hand breaks at `&` (a new parameter) and `+` (a space): "
        "which argument of requests encodes the query for you?",
    )


def test_menu_request_adds_the_price_limit_when_given(exercise, requests_mock, base_url):
    expect_prepared(
        call(exercise.build_menu_request, base_url, "dessert", 9.5, hint=BUILD_ONLY),
        base=base_url,
        method="GET",
        path="/menu",
        query={"category": "dessert", "max_price": as_number("9.5")},
        headers=ACCEPT_JSON,
        json=NO_BODY,
        hint="Where do filters go in a GET: in the query string or in a body? A GET has no body.",
    )


def test_a_price_limit_of_zero_is_still_given(exercise, requests_mock, base_url):
    expect_prepared(
        call(exercise.build_menu_request, base_url, "drink", 0, hint=BUILD_ONLY),
        base=base_url,
        method="GET",
        path="/menu",
        query={"category": "drink", "max_price": as_number("0")},
        hint="0 is a price limit too: does your test of max_price tell 0 from None?",
    )


def test_menu_request_goes_to_the_kitchen_it_was_given(exercise, requests_mock):
    other = "http://127.0.0.1:8000"
    expect_prepared(
        call(exercise.build_menu_request, other, "main", hint=BUILD_ONLY),
        base=other,
        method="GET",
        path="/menu",
        query={"category": "main"},
    )


def test_order_request_posts_a_json_order(exercise, requests_mock, base_url):
    expect_prepared(
        call(exercise.build_order_request, base_url, 3, 11, 2, hint=BUILD_ONLY),
        base=base_url,
        method="POST",
        path="/orders",
        query={},
        headers=ACCEPT_JSON,
        json={"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}]},
        hint="Compare the body with the docstring's example: table_id, then items as a list of dish_id and quantity; "
        "leave out notes when there are none.",
    )


def test_order_request_carries_the_notes_when_given(exercise, requests_mock, base_url):
    expect_prepared(
        call(exercise.build_order_request, base_url, 5, 7, 1, notes="sans crème, très cuit", hint=BUILD_ONLY),
        base=base_url,
        method="POST",
        path="/orders",
        query={},
        headers=ACCEPT_JSON,
        json={"table_id": 5, "items": [{"dish_id": 7, "quantity": 1}], "notes": "sans crème, très cuit"},
        hint="The notes go as they are, in JSON's own encoding, UTF-8: a text body (a str) goes out as Latin-1. "
        "Which argument of requests writes a dict as JSON bytes for you?",
    )


def test_empty_notes_are_still_notes(exercise, requests_mock):
    expect_prepared(
        call(exercise.build_order_request, "http://127.0.0.1:8000", 1, 2, 3, notes="", hint=BUILD_ONLY),
        base="http://127.0.0.1:8000",
        method="POST",
        path="/orders",
        json={"table_id": 1, "items": [{"dish_id": 2, "quantity": 3}], "notes": ""},
        hint='Add "notes" whenever notes is not None, even when it is an empty string.',
    )


def test_building_sends_nothing(exercise, requests_mock, base_url):
    call(exercise.build_menu_request, base_url, "pizza", hint=BUILD_ONLY)
    call(exercise.build_order_request, base_url, 3, 11, 2, hint=BUILD_ONLY)
    expect_true(
        requests_mock.call_count == 0,
        "Your code sent a request; this exercise only builds one.",
        expected="no request sent",
        actual=f"{requests_mock.call_count} request(s) sent",
        hint=BUILD_ONLY,
    )


def test_the_live_kitchen_accepts_the_requests_you_build(exercise, kitchen):
    table_id = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})["id"]
    menu_slip = call(exercise.build_menu_request, kitchen.url, "pizza", 10)
    expect_prepared(menu_slip, base=kitchen.url, method="GET", path="/menu")
    order_slip = call(exercise.build_order_request, kitchen.url, table_id, 11, 2, "no basil")
    expect_prepared(order_slip, base=kitchen.url, method="POST", path="/orders")
    with requests.Session() as waiter:  # the test, not your code, hands the slips to the waiter
        menu = waiter.send(menu_slip.value, timeout=5)
        order = waiter.send(order_slip.value, timeout=5)
    dishes = menu.json().get("items") if menu.status_code == 200 else None
    expect_true(
        bool(dishes) and all(d["category"] == "pizza" and d["price"] <= 10 for d in dishes),
        "The live kitchen should answer your menu request with pizzas of at most 10 euros.",
        expected="200 and a list of pizzas",
        actual=answered(menu),
        hint="Check the query: category=pizza&max_price=10.",
    )
    if order.status_code != 201:
        fail(
            "The live kitchen refused the order your code built.",
            expected="201 Created",
            actual=answered(order),
            hint="The kitchen's answer says what is wrong with the body; compare it with the example in the docstring.",
            kitchen_spoke=True,
            response=order,  # its words are in the message: the notepad below need not repeat them
        )
