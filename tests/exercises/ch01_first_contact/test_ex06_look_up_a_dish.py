"""Exercise 6: look_up_dish(base_url, dish_id) returns one dish, raises DishNotFound on 404, HTTPError otherwise."""

import pytest
import requests

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, json_reply, problem, problem_reply

TIRAMISU = {
    "id": 16,
    "name": "Tiramisù",
    "category": "dessert",
    "price": 6.9,
    "vegetarian": True,
    "description": "Coffee.",
}
NOT_FOUND = problem("not-found", "There is no dish 77 on the menu (ids go from 1 to 21; try the Tiramisù, 16).")


def test_asks_for_the_one_dish_with_a_get(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/16", json=TIRAMISU)
    call(exercise.look_up_dish, base_url, 16)
    expect_request(
        requests_mock,
        method="GET",
        path="/menu/16",
        query={},
        count=1,
        hint="The dish's id is part of the path: `GET /menu/{id}` in the docs.",
    )


def test_returns_the_dish(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/16", **json_reply(TIRAMISU))  # "Tiramisù" as UTF-8 bytes
    call(exercise.look_up_dish, base_url, 16).returns(
        TIRAMISU, hint="Return the dish as a dict, parsed from the JSON answer: not the response, not its text."
    )


def test_an_unknown_dish_raises_dish_not_found_with_the_kitchens_words(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/77", **problem_reply("not-found", NOT_FOUND["detail"]))
    error = raises(
        exercise.DishNotFound,
        exercise.look_up_dish,
        base_url,
        77,
        hint="A 404 means no such dish: does your code look for it before the general status check raises?",
    )
    expect_true(
        error.dish_id == 77 and error.detail == NOT_FOUND["detail"],
        "DishNotFound should carry the id you asked for and the kitchen's own `detail`.",
        expected=f"DishNotFound(77, {NOT_FOUND['detail']!r})",
        actual=f"DishNotFound({error.dish_id!r}, {error.detail!r})",
        hint="The kitchen explains a 404 in its problem's `detail`: is that what DishNotFound carries?",
    )


def test_a_broken_kitchen_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/menu/3",
        **problem_reply("internal-error", "Oops."),
    )
    raises(
        requests.HTTPError,
        exercise.look_up_dish,
        base_url,
        3,
        hint="Only a 404 means 'no such dish'. What should every other error status do?",
    )


def test_a_closed_kitchen_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/menu/3",
        **problem_reply("closed", "Closed."),
    )
    raises(
        requests.HTTPError,
        exercise.look_up_dish,
        base_url,
        3,
        hint="A 503 is not 'no such dish': which exception does the general status check raise for it?",
    )


@pytest.mark.parametrize(
    ("slug", "detail"),
    [
        ("invalid-query", "The dish id must be a whole number."),
        ("not-acceptable", "The kitchen only answers JSON."),
        ("rate-limited", "Too many requests: 61 in the last minute."),
    ],
)
def test_other_client_errors_are_not_a_missing_dish(exercise, requests_mock, base_url, slug, detail):
    reply = problem_reply(slug, detail)
    requests_mock.get(f"{base_url}/menu/3", **reply)
    raises(
        requests.HTTPError,
        exercise.look_up_dish,
        base_url,
        3,
        hint=f"Only a 404 means 'no such dish'; a {reply['status_code']} is another mistake. "
        "Which exception does the general status check raise for it?",
    )


def test_a_proxy_error_page_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/3", **html_reply(502))
    raises(
        requests.HTTPError,
        exercise.look_up_dish,
        base_url,
        3,
        hint="A 502 from a proxy has an HTML body, no JSON `detail`: which answers should your code read, and "
        "which should it leave to the general status check?",
    )


def test_live_kitchen_dish_and_no_dish(exercise, kitchen):
    expected = kitchen.api("GET", "/menu/11")
    call(exercise.look_up_dish, kitchen.url, 11).returns(expected, hint="Return the JSON body of GET /menu/11.")
    error = raises(exercise.DishNotFound, exercise.look_up_dish, kitchen.url, 999)
    expect_true(
        "999" in str(error.detail) and "no dish" in str(error.detail),
        "DishNotFound should carry the live kitchen's `detail` for dish 999.",
        expected="There is no dish 999 on the menu (...)",
        actual=repr(error.detail),
        hint="Which member of the kitchen's problem explains the 404? DishNotFound should carry it.",
    )
