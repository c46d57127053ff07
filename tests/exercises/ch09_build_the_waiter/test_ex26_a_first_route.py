"""Exercise 26: create_app(reservations) answers GET /reservations with {"items": [...], "count": n} as JSON.

The tests play the client: through Flask's test client (kata.waiter.app_under_test.send), and once over a real
socket with requests.
"""

import copy

import pytest
import requests

from kata.waiter.answer_checks import expect_json, expect_on, expect_status
from kata.waiter.app_under_test import build_app, send, served

LIST_HINT = (
    "Answer an object with the reservations as `items` and how many there are as `count`: Flask sends a dict as JSON."
)


def expect_listing(answer, reservations, hint=None):
    """The answer is 200 JSON {"items": reservations, "count": len(reservations)}."""
    __tracebackhide__ = True
    body = expect_json(answer, 200, hint=hint or LIST_HINT)
    expect_on(
        answer,
        isinstance(body, dict),
        "The answer should be a JSON object with items and count, not a bare list or a value.",
        expected='{"items": [...], "count": ...}',
        hint="An object can grow new fields later without breaking its clients: wrap the list in a dict.",
    )
    expect_on(
        answer,
        body.get("items") == reservations,
        "The answer's items should be every reservation the book was given, as given, in the same order.",
        expected=f"items: {reservations!r}"[:300],
        hint=hint
        or "Keep the `reservations` create_app() was given, and answer them as given (not sorted), not a "
        "list of your own.",
    )
    expect_on(
        answer,
        body.get("count") == len(reservations) and type(body.get("count")) is int,
        "The answer's count should be the number of reservations (a number).",
        expected=f"count: {len(reservations)}",
        hint="`count` is the number of reservations in the list you answer.",
    )


def test_lists_the_book_it_was_given(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_listing(send(app, "GET", "/reservations"), book)


def test_an_empty_book_by_default(exercise):
    app = build_app(exercise)
    expect_listing(send(app, "GET", "/reservations"), [])


def test_asking_twice_gives_the_same_answer(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    send(app, "GET", "/reservations")
    expect_listing(send(app, "GET", "/reservations"), book)


def test_each_app_has_its_own_book(exercise, book):
    first = build_app(exercise, copy.deepcopy(book[:1]))
    second = build_app(exercise, copy.deepcopy(book[1:]))
    expect_listing(send(second, "GET", "/reservations"), book[1:])
    expect_listing(send(first, "GET", "/reservations"), book[:1])


def test_the_order_given_is_kept_not_sorted(exercise, book):
    given = [book[3], book[0], book[2], book[1]]  # ids 12, 3, 8, 7: not in id order, nor in name order
    app = build_app(exercise, copy.deepcopy(given))
    expect_listing(send(app, "GET", "/reservations"), given)


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, book, kind):
    given = copy.deepcopy(book)
    reservations = tuple(given) if kind == "tuple" else (reservation for reservation in given)
    app = build_app(exercise, reservations)
    send(app, "GET", "/reservations")
    expect_listing(
        send(app, "GET", "/reservations"),
        book,
        hint=f"create_app() may be given any iterable, here a {kind}: a generator can be read only once, so "
        "make a list of it when the app is built.",
    )


def test_other_methods_are_not_allowed(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        expect_status(
            send(app, method, "/reservations", json={"name": "Mallory"}),
            405,
            f"{method} /reservations should be refused with 405 Method Not Allowed: this desk only answers GET.",
            hint="A route declared for GET only lets Flask refuse the other methods: which methods does yours take?",
        )


def test_live_a_real_client_reads_the_book(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    with served(app) as live:
        answer = live.request("GET", "/reservations", headers={"Accept": "application/json"})
        expect_listing(answer, book)
        response = requests.get(f"{live.url}/reservations", timeout=5)  # the client of exercise 4, in short
        live.check()
        expect_on(
            answer,
            response.ok and response.json()["items"] == book,
            "A client with requests should read the same book.",
            expected="200 and the items",
        )
