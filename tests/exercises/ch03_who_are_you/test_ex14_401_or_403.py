"""Exercise 14: get_bill(base_url, username, token) tells 401 (who are you?) from 403 (not yours)."""

import pytest
import requests

from kata.expect import bearer, call, expect_no_header, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, problem_reply

TOKEN = "tok-ada-5Jq9"
BILL = {"username": "ada", "orders": [1, 4], "total": 27.5, "paid": 0.0, "due": 27.5}
EXPIRED = 'Bearer realm="restaurant", error="invalid_token", error_description="The access token expired"'
NOT_YOURS = "You are signed in as 'ada'; the bill of 'grace' is not yours to see — ask the waiter."
STATUS_HINT = (
    "401 and 403 each have an exception of their own (NotLoggedIn, NotYours): does your code look at the status "
    "before the general status check raises?"
)


def test_asks_for_the_bill_with_the_token(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/ada/bill", json=BILL)
    call(exercise.get_bill, base_url, "ada", TOKEN)
    expect_request(
        requests_mock,
        method="GET",
        path="/guests/ada/bill",
        query={},
        headers={"Authorization": bearer(TOKEN)},
        count=1,
        hint="Send `GET /guests/{username}/bill`, with the token in the `Authorization` header after `Bearer`.",
    )


def test_asks_for_the_bill_of_the_guest_it_was_given(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/grace/bill", json=dict(BILL, username="grace"))
    call(exercise.get_bill, base_url, "grace", "tok-grace-1")
    expect_request(
        requests_mock,
        method="GET",
        path="/guests/grace/bill",
        headers={"Authorization": bearer("tok-grace-1")},
        hint="Put the `username` you were given in the path, and the `token` you were given in the header.",
    )


def test_without_a_token_sends_no_authorization(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/guests/ada/bill",
        **problem_reply(
            "unauthorized",
            "This endpoint needs a bearer token.",
            headers={"WWW-Authenticate": 'Bearer realm="restaurant"'},
        ),
    )
    raises(exercise.NotLoggedIn, exercise.get_bill, base_url, "ada", None, hint=STATUS_HINT)
    expect_no_header(
        requests_mock,
        "Authorization",
        hint="With no token (None) there is nothing to show: leave the `Authorization` header out, or it says "
        "'Bearer None'.",
    )


def test_returns_the_bill(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/ada/bill", json=BILL)
    call(exercise.get_bill, base_url, "ada", TOKEN).returns(
        BILL, hint="Return the bill as a dict, parsed from the JSON answer."
    )


def test_401_raises_not_logged_in_with_the_challenge(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/guests/ada/bill",
        **problem_reply("unauthorized", "This token has expired.", headers={"WWW-Authenticate": EXPIRED}),
    )
    error = raises(exercise.NotLoggedIn, exercise.get_bill, base_url, "ada", TOKEN, hint=STATUS_HINT)
    expect_true(
        error.challenge == EXPIRED,
        "NotLoggedIn should carry the kitchen's WWW-Authenticate header: it says what went wrong with the token.",
        expected=f"NotLoggedIn({EXPIRED!r})",
        actual=f"NotLoggedIn({error.challenge!r})",
        hint="NotLoggedIn carries the kitchen's challenge: the `WWW-Authenticate` header of the 401.",
    )


def test_401_without_a_challenge_header(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/ada/bill", **problem_reply("unauthorized", "Who are you?"))
    error = raises(exercise.NotLoggedIn, exercise.get_bill, base_url, "ada", TOKEN, hint=STATUS_HINT)
    expect_true(
        error.challenge == "",
        "A 401 without a WWW-Authenticate header gives NotLoggedIn an empty challenge.",
        expected="NotLoggedIn('')",
        actual=f"NotLoggedIn({error.challenge!r})",
        hint="When the 401 has no `WWW-Authenticate` header, the challenge is an empty string, not None.",
    )


def test_403_raises_not_yours_with_the_detail(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/grace/bill", **problem_reply("forbidden", NOT_YOURS))
    error = raises(exercise.NotYours, exercise.get_bill, base_url, "grace", TOKEN, hint=STATUS_HINT)
    expect_true(
        str(error) == NOT_YOURS,
        "NotYours should carry the kitchen's explanation, exactly: the `detail` of the problem in the body.",
        expected=f"NotYours({NOT_YOURS!r})",
        actual=f"NotYours({str(error)!r})",
        hint="NotYours carries the kitchen's words: the `detail` of the 403's problem, as it is.",
    )


@pytest.mark.parametrize(
    "reply",
    [
        problem_reply("internal-error", "The till is broken."),
        problem_reply("not-found", "There is no guest 'ada'."),
        problem_reply("rate-limited", "Too many requests."),
        html_reply(502),
    ],
    ids=["500", "404", "429", "HTML 502"],
)
def test_other_errors_raise_http_error(exercise, requests_mock, base_url, reply):
    requests_mock.get(f"{base_url}/guests/ada/bill", **reply)
    hint = "401 and 403 have their own exceptions; what should any other error status do?"
    error = raises(requests.HTTPError, exercise.get_bill, base_url, "ada", TOKEN, hint=hint)
    expect_true(
        not isinstance(error, (exercise.NotLoggedIn, exercise.NotYours)),
        f"A {reply['status_code']} is neither 'who are you?' nor 'not yours'.",
        expected="requests.HTTPError",
        actual=f"{type(error).__name__}: {error}",
        hint=hint,
    )


def test_live_your_own_bill(exercise, kitchen):
    token = kitchen.token("ada", "lovelace")
    bill = call(exercise.get_bill, kitchen.url, "ada", token).value
    expect_true(
        isinstance(bill, dict) and bill.get("username") == "ada",
        "get_bill(kitchen, 'ada', <ada's token>) should return Ada's bill, a dict with username 'ada'.",
        actual=repr(bill)[:300],
    )


def test_live_someone_elses_bill_is_403(exercise, kitchen):
    token = kitchen.token("ada", "lovelace")
    error = raises(exercise.NotYours, exercise.get_bill, kitchen.url, "grace", token, hint=STATUS_HINT)
    expect_true(
        "grace" in str(error),
        "NotYours should carry the kitchen's detail, which names whose bill it was.",
        actual=f"NotYours({str(error)!r})",
        hint="NotYours carries the kitchen's words: the `detail` of the 403's problem, as it is.",
    )


def test_live_no_token_and_an_expired_token_are_401(exercise, kitchen):
    error = raises(exercise.NotLoggedIn, exercise.get_bill, kitchen.url, "ada", None, hint=STATUS_HINT)
    expect_true(
        error.challenge.startswith("Bearer"),
        "Without a token the kitchen asks for one: NotLoggedIn's challenge starts with 'Bearer'.",
        actual=f"NotLoggedIn({error.challenge!r})",
        hint="Pass the WWW-Authenticate header to NotLoggedIn.",
    )
    token = kitchen.token("ada", "lovelace")
    kitchen.advance(3600)  # tokens last an hour on the kitchen's clock
    error = raises(exercise.NotLoggedIn, exercise.get_bill, kitchen.url, "ada", token, hint=STATUS_HINT)
    expect_true(
        "invalid_token" in error.challenge,
        'An expired token is a 401 too, and the challenge says why: error="invalid_token".',
        actual=f"NotLoggedIn({error.challenge!r})",
        hint="Pass the WWW-Authenticate header to NotLoggedIn.",
    )
