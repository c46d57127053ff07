"""Exercise 30: bearer tokens: 401 with WWW-Authenticate for a stranger, 403 for a waiter who may not cancel."""

import copy
import secrets

import pytest
import requests

from kata.waiter.answer_checks import expect_json, expect_on, expect_problem, expect_status
from kata.waiter.app_under_test import build_app, send, served


@pytest.fixture
def staff():
    """A waiter's and a manager's token, new for each test (no token can be typed into an answer)."""
    return {"waiter": f"w-{secrets.token_hex(6)}", "manager": f"m-{secrets.token_hex(6)}"}


def desk(exercise, book, staff):
    return build_app(exercise, copy.deepcopy(book), {token: role for role, token in staff.items()})


def auth_header(token):
    return {"Authorization": f"Bearer {token}"}


def expect_listing(answer, book):
    __tracebackhide__ = True
    body = expect_json(answer, 200, hint="A known token, waiter's or manager's, may read the book.")
    expect_on(
        answer,
        isinstance(body, dict) and body.get("items") == book and body.get("count") == len(book),
        "A member of staff should get the whole book, as in exercise 26.",
        expected='{"items": [...every reservation...], "count": 4}',
    )


def expect_who_are_you(answer):
    """A 401 problem with WWW-Authenticate: Bearer."""
    __tracebackhide__ = True
    expect_problem(
        answer,
        401,
        f"{answer.request_line} comes without a token the desk knows: the answer should be 401 Unauthorized.",
        hint="Read `request.headers.get('Authorization', '')`: it must be 'Bearer <a known token>'.",
    )
    challenge = answer.header("WWW-Authenticate") or ""
    expect_on(
        answer,
        challenge.strip().split(" ", 1)[0].rstrip(",").lower() == "bearer",
        "A 401 should say which credentials to send: a WWW-Authenticate header naming the Bearer scheme.",
        expected='WWW-Authenticate: Bearer realm="reservations" (the realm is optional)',
        hint="`response.headers['WWW-Authenticate'] = 'Bearer realm=\"reservations\"'` on every 401.",
    )


@pytest.mark.parametrize("role", ["waiter", "manager"])
def test_the_staff_read_the_book(exercise, book, staff, role):
    app = desk(exercise, book, staff)
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff[role])), book)


@pytest.mark.parametrize(("method", "target"), [("GET", "/reservations"), ("DELETE", "/reservations/3")])
def test_no_token_is_a_401_with_www_authenticate(exercise, book, staff, method, target):
    app = desk(exercise, book, staff)
    expect_who_are_you(send(app, method, target))


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-known-token", "Basic YWRhOmxvdmVsYWNl", "Bearer", "Bearer ", "{token}", "Token {token}"],
    ids=[
        "an unknown token",
        "Basic credentials",
        "a scheme without a token",
        "an empty token",
        "no scheme",
        "another scheme",
    ],
)
def test_a_wrong_authorization_is_a_401(exercise, book, staff, authorization):
    app = desk(exercise, book, staff)
    headers = {"Authorization": authorization.format(token=staff["manager"])}
    expect_who_are_you(send(app, "GET", "/reservations", headers=headers))
    expect_who_are_you(send(app, "DELETE", "/reservations/3", headers=headers))


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
def test_the_scheme_is_case_insensitive(exercise, book, staff, scheme):
    app = desk(exercise, book, staff)
    answer = send(app, "GET", "/reservations", headers={"Authorization": f"{scheme} {staff['waiter']}"})
    expect_status(
        answer,
        200,
        "The scheme's name is case-insensitive (RFC 9110): a known token after 'bearer' should be let in.",
        hint="Compare the scheme with `.lower() == 'bearer'`; the token itself is compared exactly.",
    )


def test_a_waiter_may_not_cancel_403(exercise, book, staff):
    app = desk(exercise, book, staff)
    answer = send(app, "DELETE", "/reservations/3", headers=auth_header(staff["waiter"]))
    expect_problem(
        answer,
        403,
        "The waiter's token is fine, but a waiter may not cancel: the answer should be 403 Forbidden, not 401.",
        hint="401 is 'who are you?' (no or unknown token); 403 is 'I know you, and you may not'.",
    )
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["manager"])), book)


def test_a_manager_cancels_204(exercise, book, staff):
    app = desk(exercise, book, staff)
    expect_status(send(app, "DELETE", "/reservations/7", headers=auth_header(staff["manager"])), 204)
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["waiter"])), [book[0], *book[2:]])
    expect_problem(
        send(app, "DELETE", "/reservations/7", headers=auth_header(staff["manager"])),
        404,
        "Reservation 7 is gone: the manager's second DELETE should be a 404.",
    )


def test_each_app_knows_its_own_tokens(exercise, book, staff):
    mine = desk(exercise, book, staff)
    theirs = build_app(exercise, copy.deepcopy(book), {"t-" + secrets.token_hex(6): "manager"})
    expect_listing(send(mine, "GET", "/reservations", headers=auth_header(staff["waiter"])), book)
    expect_who_are_you(send(theirs, "GET", "/reservations", headers=auth_header(staff["waiter"])))


def test_without_tokens_nobody_gets_in(exercise, book, staff):
    app = build_app(exercise, copy.deepcopy(book))
    expect_who_are_you(send(app, "GET", "/reservations", headers=auth_header(staff["manager"])))


def test_live_a_real_client_with_and_without_its_token(exercise, book, staff):
    app = desk(exercise, book, staff)
    with served(app) as live:
        expect_who_are_you(live.request("GET", "/reservations"))
        expect_listing(live.request("GET", "/reservations", headers=auth_header(staff["waiter"])), book)
        expect_problem(live.request("DELETE", "/reservations/3", headers=auth_header(staff["waiter"])), 403)
        session = requests.Session()  # the client of exercise 15: a session that sends the token every time
        session.headers["Authorization"] = f"Bearer {staff['manager']}"
        cancelled = session.delete(f"{live.url}/reservations/3", timeout=5)
        live.check()
        expect_on(
            live.request("GET", "/reservations", headers=auth_header(staff["manager"])),
            cancelled.status_code == 204,
            "A manager's session should cancel reservation 3 with 204.",
            expected="204",
        )
