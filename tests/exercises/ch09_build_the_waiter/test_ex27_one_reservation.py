"""Exercise 27: GET /reservations/<id> answers the reservation, and every 404 is an RFC 9457 problem."""

import copy

import pytest
import requests

from kata.waiter.answer_checks import expect_json, expect_on, expect_problem
from kata.waiter.app_under_test import build_app, send, served

FIND_HINT = "Look the id up among the reservations create_app() was given (a dict by id helps); ids are not positions."
MISSING_HINT = "When the id is not in the book, return a problem: status 404, application/problem+json."


def test_each_reservation_at_its_own_address(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    for reservation in reversed(book):
        answer = send(app, "GET", f"/reservations/{reservation['id']}")
        body = expect_json(answer, 200, hint=FIND_HINT)
        expect_on(
            answer,
            body == reservation,
            f"GET /reservations/{reservation['id']} should answer that reservation, every field of it.",
            expected=repr(reservation),
            hint=FIND_HINT,
        )


@pytest.mark.parametrize("missing", [99, 1, 4], ids=["an id past the end", "id 1", "an id between two others"])
def test_an_unknown_id_is_a_404_problem_naming_it(exercise, book, missing):
    app = build_app(exercise, copy.deepcopy(book))
    answer = send(app, "GET", f"/reservations/{missing}")
    body = expect_problem(
        answer, 404, f"There is no reservation {missing}: the answer should be 404.", hint=MISSING_HINT
    )
    expect_on(
        answer,
        str(missing) in body["detail"],
        "The problem's detail should name the id that was not found, so the guest knows what went wrong.",
        expected=f'"detail": "There is no reservation {missing}." (or any words with {missing} in them)',
    )


def test_an_empty_book_has_no_reservation_1(exercise):
    app = build_app(exercise)
    expect_problem(send(app, "GET", "/reservations/1"), 404, hint=MISSING_HINT)


@pytest.mark.parametrize("target", ["/reservations/seven", "/tables", "/reservations/3/guests"])
def test_an_address_nobody_serves_is_a_404_problem_too(exercise, book, target):
    app = build_app(exercise, copy.deepcopy(book))
    expect_problem(
        send(app, "GET", target),
        404,
        f"Nothing is served at {target}: the answer should be 404.",
        hint="Flask answers an unknown address with an HTML page: an error handler of yours, for 404, can "
        "return a problem instead.",
    )


@pytest.mark.parametrize(
    "target",
    ["/reservations/+7", "/reservations/1_2", "/reservations/%207", "/reservations/7.0", "/reservations/-3"],
    ids=["a plus sign", "an underscore (int() reads 1_2 as 12)", "a space", "7.0", "a minus sign"],
)
def test_an_id_is_written_in_digits_only(exercise, book, target):
    app = build_app(exercise, copy.deepcopy(book))
    expect_problem(
        send(app, "GET", target),
        404,
        f"{target} is not the address of a reservation (an id is digits only): the answer should be a 404 problem.",
        hint="Which converter of a Flask route takes digits only? Python's int() also reads '+7', ' 7' and '1_2'.",
    )


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, book, kind):
    given = copy.deepcopy(book)
    app = build_app(exercise, tuple(given) if kind == "tuple" else (reservation for reservation in given))
    for reservation in [*book, *book]:
        answer = send(app, "GET", f"/reservations/{reservation['id']}")
        once = "A generator can be read only once: build the app's own dict (or list) from it in create_app()."
        expect_on(
            answer,
            expect_json(answer, 200, hint=once if kind == "generator" else FIND_HINT) == reservation,
            f"create_app() was given the book as a {kind}: every reservation should be found, every time.",
            expected=repr(reservation),
            hint=once,
        )


def test_each_app_has_its_own_book(exercise, book):
    first = build_app(exercise, copy.deepcopy(book[:2]))
    second = build_app(exercise, copy.deepcopy(book[2:]))
    expect_json(send(first, "GET", "/reservations/3"), 200, hint=FIND_HINT)
    expect_problem(
        send(second, "GET", "/reservations/3"),
        404,
        "This app's book does not hold reservation 3 (another app's does): the answer should be 404.",
        hint="Keep each app's book inside create_app(), not at the top of the module.",
    )


def test_live_a_real_client_finds_one_and_not_another(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    with served(app) as live:
        found = live.request("GET", "/reservations/7")
        expect_on(found, found.json() == book[1], "GET /reservations/7 should answer reservation 7.", expected="200")
        missing = live.request("GET", "/reservations/70", headers={"Accept": "application/json"})
        expect_problem(missing, 404, hint=MISSING_HINT)
        response = requests.get(f"{live.url}/reservations/70", timeout=5)  # the client of exercise 6, in short
        live.check()
        expect_on(
            missing,
            response.headers.get("Content-Type", "").startswith("application/problem+json"),
            "A client with requests should see the problem's Content-Type.",
            expected="Content-Type: application/problem+json",
        )
