"""Exercise 30: bearer tokens: 401 with WWW-Authenticate for a stranger, 403 for a waiter who may not cancel."""

import copy
import secrets

import pytest
import requests

from kata.waiter.answer_checks import expect_json, expect_on, expect_problem, expect_status
from kata.waiter.app_under_test import build_app, send, served
from kata.waiter.header_syntax import bearer_challenge


@pytest.fixture
def staff():
    """A waiter's and a manager's token, new for each test (no token can be typed into an answer), in mixed case."""
    return {"waiter": f"Wt-{secrets.token_hex(6)}aB", "manager": f"Mg-{secrets.token_hex(6)}Cd"}


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
        hint="Read the request's `Authorization` header (it may be missing): it must be 'Bearer <a known token>'.",
    )
    challenge = answer.header("WWW-Authenticate")
    expect_on(
        answer,
        challenge is not None and bearer_challenge(challenge) is not None,
        "A 401 should say which credentials to send: a WWW-Authenticate header naming the Bearer scheme, written "
        'as RFC 6750 writes it (the scheme, a space, then attributes as name="value", in double quotes, separated '
        "by commas)."
        if challenge is not None
        else "A 401 should say which credentials to send: a WWW-Authenticate header naming the Bearer scheme.",
        expected='WWW-Authenticate: Bearer realm="reservations" (the realm is optional)',
        hint="Every 401 carries a challenge: the `WWW-Authenticate` header, with the scheme Bearer and a realm.",
    )


def expect_no_challenge_on_403(answer):
    """A 403 carries no WWW-Authenticate, or only RFC 6750's Bearer error="insufficient_scope"."""
    __tracebackhide__ = True
    challenge = answer.header("WWW-Authenticate")
    expect_on(
        answer,
        challenge is None or (bearer_challenge(challenge) or {}).get("error") == "insufficient_scope",
        "A 403 should not ask for credentials again: the same token will not help. Send WWW-Authenticate only "
        'on a 401 (RFC 6750 section 3.1 allows one on a 403 only with error="insufficient_scope").',
        expected="no WWW-Authenticate header on the 403",
        hint="Add WWW-Authenticate where you answer 401, not in the function that builds every problem.",
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


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
def test_the_scheme_is_case_insensitive(exercise, book, staff, scheme):
    app = desk(exercise, book, staff)
    answer = send(app, "GET", "/reservations", headers={"Authorization": f"{scheme} {staff['waiter']}"})
    expect_status(
        answer,
        200,
        "The scheme's name is case-insensitive (RFC 9110): a known token after 'bearer' should be let in.",
        hint="The scheme is compared in any case (`bearer`, `Bearer`); the token itself is compared exactly.",
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


def test_a_403_does_not_ask_for_credentials_again(exercise, book, staff):
    app = desk(exercise, book, staff)
    answer = send(app, "DELETE", "/reservations/3", headers=auth_header(staff["waiter"]))
    expect_problem(answer, 403, "A waiter may not cancel: the answer should be 403 Forbidden.")
    expect_no_challenge_on_403(answer)


def test_the_token_is_compared_exactly(exercise, book, staff):
    app = desk(exercise, book, staff)
    for token in (staff["waiter"].swapcase(), staff["waiter"].lower(), staff["manager"].upper()):
        for method, target in (("GET", "/reservations"), ("DELETE", "/reservations/3")):
            answer = send(app, method, target, headers=auth_header(token))
            expect_who_are_you(answer)
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["manager"])), book)


@pytest.mark.parametrize(
    "authorization",
    ["Bearer café-crème", "Bearer {token}é", "Bearer ñ{token}", "Bëarer {token}"],
    ids=["an accented token", "a known token and an accent", "an accent and a known token", "an accented scheme"],
)
def test_credentials_with_non_ascii_letters_are_a_401(exercise, book, staff, authorization):
    app = desk(exercise, book, staff)
    headers = {"Authorization": authorization.format(token=staff["manager"])}
    for method, target in (("GET", "/reservations"), ("DELETE", "/reservations/3")):
        expect_who_are_you(send(app, method, target, headers=headers))
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["manager"])), book)


@pytest.mark.parametrize(
    ("authorization", "status"),
    [(None, 401), ("Bearer not-known", 401), ("Basic YWRhOmxvdmVsYWNl", 401), ("{waiter}", 403), ("{manager}", 404)],
    ids=["no token", "an unknown token", "Basic credentials", "a waiter", "a manager"],
)
def test_who_you_are_comes_before_whether_it_exists(exercise, book, staff, authorization, status):
    app = desk(exercise, book, staff)
    headers = {}
    if authorization is not None:
        headers["Authorization"] = (
            authorization if " " in authorization else f"Bearer {staff[authorization.strip('{}')]}"
        )
    answer = send(app, "DELETE", "/reservations/99", headers=headers)
    if status == 401:
        expect_who_are_you(answer)
        return
    expect_problem(
        answer,
        status,
        "There is no reservation 99, but first the desk asks who you are, then whether you may: the answer "
        f"should be {status} for {'a waiter' if status == 403 else 'a manager'}.",
        hint="Check the token (401), then the role (403), and only then look the reservation up (404).",
    )
    if status == 403:
        expect_no_challenge_on_403(answer)


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, book, staff, kind):
    given = copy.deepcopy(book)
    reservations = tuple(given) if kind == "tuple" else (reservation for reservation in given)
    app = build_app(exercise, reservations, {token: role for role, token in staff.items()})
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["waiter"])), book)
    expect_status(send(app, "DELETE", "/reservations/7", headers=auth_header(staff["manager"])), 204)
    expect_listing(send(app, "GET", "/reservations", headers=auth_header(staff["waiter"])), [book[0], *book[2:]])


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
