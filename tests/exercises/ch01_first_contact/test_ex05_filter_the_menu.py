"""Exercise 5: find_dishes(...) sends only the filters given, as query parameters."""

import pytest
import requests

from kata.expect import as_number, call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import json_reply, problem_reply

PIZZA = {
    "id": 7,
    "name": "Margherita",
    "category": "pizza",
    "price": 9.5,
    "vegetarian": True,
    "description": "Classic.",
}
DIAVOLA = {"id": 4, "name": "Diavola", "category": "pizza", "price": 8.5, "vegetarian": False, "description": "Hot."}
CHEESE = {
    "id": 12,
    "name": "Quattro formaggi",
    "category": "pizza",
    "price": 10.5,
    "vegetarian": True,
    "description": "Gorgonzola, fontina, parmigiano e taleggio: più formaggio.",
}
PIZZAS = [PIZZA, DIAVOLA, CHEESE]  # in no order of id, name or price: the kitchen's order is the one to keep


@pytest.fixture
def menu(requests_mock, base_url):
    """The menu endpoint, answering three pizzas whatever the filters."""
    requests_mock.get(f"{base_url}/menu", **json_reply({"items": PIZZAS, "count": 3}))
    return requests_mock


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        ({}, {}),
        ({"category": "pizza"}, {"category": "pizza"}),
        ({"vegetarian": True}, {"vegetarian": "true"}),
        ({"vegetarian": False}, {"vegetarian": "false"}),
        ({"max_price": 12}, {"max_price": as_number("12")}),
        ({"max_price": 7.5}, {"max_price": as_number("7.5")}),
        ({"max_price": 0}, {"max_price": as_number("0")}),
        ({"category": "fish & chips"}, {"category": "fish & chips"}),
        ({"category": "surf+turf/grill"}, {"category": "surf+turf/grill"}),
        (
            {"category": "pizza", "vegetarian": True, "max_price": 12},
            {"category": "pizza", "vegetarian": "true", "max_price": as_number("12")},
        ),
    ],
    ids=[
        "no filter",
        "category",
        "vegetarian",
        "not vegetarian",
        "max price",
        "max price with cents",
        "a price limit of 0",
        "a category with & and a space",
        "a category with + and /",
        "all three",
    ],
)
def test_sends_exactly_the_filters_given(exercise, menu, filters, query, base_url):
    call(exercise.find_dishes, base_url, **filters)
    expect_request(
        menu,
        method="GET",
        path="/menu",
        query=query,
        count=1,
        hint="Send only the filters that were given, as query parameters, encoded as a query string needs them "
        "(`&`, `+` and spaces in a value too): False and 0 are given, None is not. "
        "How does the kitchen spell a boolean in a query string (`?vegetarian=true`)?",
    )


def test_returns_the_matching_dishes(exercise, menu, base_url):
    call(exercise.find_dishes, base_url, category="pizza").returns(
        PIZZAS, hint="Return the `items` of the answer, as the kitchen sent them (same order): it did the filtering."
    )


def test_a_bad_filter_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/menu",
        **problem_reply("invalid-query", "Unknown category 'pizzas'."),
    )
    raises(
        requests.HTTPError,
        exercise.find_dishes,
        base_url,
        category="pizzas",
        hint="The kitchen answered 400: which method of the response turns an error status into an exception?",
    )


def test_live_kitchen_filters(exercise, kitchen):
    dishes = call(exercise.find_dishes, kitchen.url, category="pizza", vegetarian=True, max_price=12).value
    expect_true(
        isinstance(dishes, list)
        and len(dishes) > 0
        and all(d["category"] == "pizza" and d["vegetarian"] and d["price"] <= 12 for d in dishes),
        "find_dishes(kitchen, category='pizza', vegetarian=True, max_price=12) should return only "
        "vegetarian pizzas of at most 12 euros, and at least one.",
        actual=repr(dishes)[:300],
        hint="Let the kitchen filter: send category, vegetarian and max_price as query parameters.",
    )
    sent = kitchen.journal()
    expect_true(
        len(sent) == 1,
        "Ask the kitchen once: one GET /menu with all the filters.",
        actual=f"{len(sent)} requests",
    )
