"""Exercise 4: get_menu(base_url) returns the dishes of GET /menu and raises on an error status."""

import requests

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, json_reply, problem_reply

DISHES = [  # in no order of id, name or price: the kitchen's order is the one to keep
    {"id": 9, "name": "Tiramisù", "category": "dessert", "price": 6.9, "vegetarian": True, "description": "Coffee."},
    {"id": 2, "name": "Bruschetta", "category": "starter", "price": 6.5, "vegetarian": True, "description": "Toast."},
    {"id": 5, "name": "Margherita", "category": "pizza", "price": 9.0, "vegetarian": True, "description": "Basil."},
]


def test_asks_for_the_menu_with_a_get(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", json={"items": DISHES, "count": 2})
    call(exercise.get_menu, base_url)
    expect_request(requests_mock, method="GET", path="/menu", query={}, count=1)


def test_returns_the_list_of_dishes(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", **json_reply({"items": DISHES, "count": 3}))  # Tiramisù as UTF-8 bytes
    call(exercise.get_menu, base_url).returns(
        DISHES,
        hint="Which key of the JSON answer holds the dishes? Return that list as the kitchen sent it (same order), "
        "not the whole answer and not the text.",
    )


def test_an_empty_menu_is_an_empty_list(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", json={"items": [], "count": 0})
    call(exercise.get_menu, base_url).returns([], hint="No dishes means an empty list, not None.")


def test_an_error_status_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/menu",
        **problem_reply("service-unavailable", "The kitchen is on fire."),
    )
    raises(
        requests.HTTPError,
        exercise.get_menu,
        base_url,
        hint="A 503 answer has no menu in it. Which method of the response raises HTTPError for a 4xx or a 5xx?",
    )


def test_not_found_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", **problem_reply("not-found", "Nothing is served at /menu."))
    raises(
        requests.HTTPError,
        exercise.get_menu,
        base_url,
        hint="404 is an error status too: does your check raise for every 4xx and 5xx?",
    )


def test_a_proxy_error_page_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", **html_reply(502))
    raises(
        requests.HTTPError,
        exercise.get_menu,
        base_url,
        hint="A 502 from a proxy is an HTML page, not JSON: which should come first, the status check or reading "
        "the body?",
    )


def test_an_unreachable_kitchen_is_not_an_empty_menu(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", exc=requests.exceptions.ConnectionError("connection refused"))
    raises(
        requests.exceptions.ConnectionError,
        exercise.get_menu,
        base_url,
        hint="Let the ConnectionError go up to the caller: catching it and returning [] says the menu is empty, "
        "when nobody could read it.",
    )


def test_live_menu(exercise, kitchen):
    dishes = call(exercise.get_menu, kitchen.url).value
    expect_true(
        isinstance(dishes, list) and len(dishes) >= 10 and all(isinstance(d, dict) and "name" in d for d in dishes),
        "get_menu(kitchen) should return the live kitchen's dishes: a list of dicts, each with a name.",
        actual=repr(dishes)[:300],
        hint="Which key of the JSON answer holds the dishes?",
    )
