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
    "Look at `response.status_code` before `raise_for_status()`: 401 -> `raise NotLoggedIn(...)`, "
    "403 -> `raise NotYours(...)`."
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
        hint="Send `GET {base_url}/guests/{username}/bill` with `headers={'Authorization': f'Bearer {token}'}`.",
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
        hint="With `token=None` there is nothing to show: leave the Authorization header out "
        "(`f'Bearer {None}'` sends the text 'Bearer None').",
    )


def test_returns_the_bill(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/ada/bill", json=BILL)
    call(exercise.get_bill, base_url, "ada", TOKEN).returns(BILL, hint="Return `response.json()`: the bill as a dict.")


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
        hint="`raise NotLoggedIn(response.headers.get('WWW-Authenticate', ''))`.",
    )


def test_401_without_a_challenge_header(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/ada/bill", **problem_reply("unauthorized", "Who are you?"))
    error = raises(exercise.NotLoggedIn, exercise.get_bill, base_url, "ada", TOKEN, hint=STATUS_HINT)
    expect_true(
        error.challenge == "",
        "A 401 without a WWW-Authenticate header gives NotLoggedIn an empty challenge.",
        expected="NotLoggedIn('')",
        actual=f"NotLoggedIn({error.challenge!r})",
        hint="`response.headers.get('WWW-Authenticate', '')` gives '' when the header is missing.",
    )


def test_403_raises_not_yours_with_the_detail(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/guests/grace/bill", **problem_reply("forbidden", NOT_YOURS))
    error = raises(exercise.NotYours, exercise.get_bill, base_url, "grace", TOKEN, hint=STATUS_HINT)
    expect_true(
        str(error) == NOT_YOURS,
        "NotYours should carry the kitchen's explanation, exactly: the `detail` of the problem in the body.",
        expected=f"NotYours({NOT_YOURS!r})",
        actual=f"NotYours({str(error)!r})",
        hint="`raise NotYours(response.json()['detail'])`.",
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
    hint = "401 and 403 have their own exceptions; for any other error status, call `response.raise_for_status()`."
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
        hint="`raise NotYours(response.json()['detail'])`.",
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
