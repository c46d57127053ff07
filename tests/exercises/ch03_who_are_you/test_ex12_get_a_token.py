"""Exercise 12: get_token(base_url, username, password) trades HTTP Basic credentials for a bearer token."""

import base64

import pytest
import requests
import requests_mock as rm

from kata.expect import call, expect_request, expect_true, raises, sent_requests
from kata.kitchen.fake_replies import html_reply, problem_reply

TOKEN = {"access_token": "tok-grace-8f2a", "token_type": "Bearer", "expires_in": 3600}
UNAUTHORIZED = problem_reply(
    "unauthorized",
    "Unknown username or wrong password.",
    headers={"WWW-Authenticate": 'Basic realm="restaurant", charset="UTF-8"'},
)
BASIC = "Basic " + base64.b64encode(b"grace:hopper").decode("ascii")
BASIC_HINT = (
    "Credentials travel in the `Authorization` header (the Basic scheme): not in a JSON body, not in the query "
    "string. Which argument of requests writes that header for you from a username and a password?"
)


def test_sends_a_post_to_auth_token(exercise, requests_mock, base_url):
    requests_mock.register_uri(rm.ANY, f"{base_url}/auth/token", json=TOKEN)
    call(exercise.get_token, base_url, "grace", "hopper")
    expect_request(
        requests_mock,
        method="POST",
        path="/auth/token",
        count=1,
        hint="Getting a token creates something new at the kitchen: which method does that, sent once "
        "to `/auth/token`?",
    )


def test_sends_the_credentials_with_http_basic(exercise, requests_mock, base_url):
    requests_mock.register_uri(rm.ANY, f"{base_url}/auth/token", json=TOKEN)
    call(exercise.get_token, base_url, "grace", "hopper")
    expect_request(requests_mock, method="POST", path="/auth/token", headers={"Authorization": BASIC}, hint=BASIC_HINT)


def test_the_password_stays_out_of_the_body_and_the_address(exercise, requests_mock, base_url):
    requests_mock.register_uri(rm.ANY, f"{base_url}/auth/token", json=TOKEN)
    call(exercise.get_token, base_url, "grace", "hopper")
    for sent in sent_requests(requests_mock):
        body = (sent.body or b"").decode("utf-8", "replace")
        expect_true(
            "hopper" not in sent.url and "hopper" not in body,
            "The password travels only in the Authorization header: not in the address, not in the body.",
            expected="POST /auth/token with `Authorization: Basic ...` and no body",
            actual=sent.describe(),
            hint=BASIC_HINT,
        )


def test_returns_the_access_token(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", json=TOKEN)
    call(exercise.get_token, base_url, "grace", "hopper").returns(
        "tok-grace-8f2a",
        hint="Which member of the JSON answer holds the token (`access_token`)? Return that string, "
        "not the whole answer.",
    )


def test_wrong_credentials_raise_wrong_credentials(exercise, requests_mock, base_url):
    requests_mock.post(
        f"{base_url}/auth/token",
        **UNAUTHORIZED,
    )
    raises(
        exercise.WrongCredentials,
        exercise.get_token,
        base_url,
        "grace",
        "grasshopper",
        hint="A 401 means wrong credentials: does your code look for it before reading the body, and raise "
        "WrongCredentials?",
    )


@pytest.mark.parametrize(
    "reply",
    [
        problem_reply("service-unavailable", "The front desk is on a break."),
        problem_reply("bad-request", "The Authorization header is not valid Basic credentials."),
        problem_reply("rate-limited", "Too many sign-ins: 11 in the last minute."),
        html_reply(502),
    ],
    ids=["503", "400", "429", "HTML 502"],
)
def test_other_errors_are_not_about_the_password(exercise, requests_mock, base_url, reply):
    requests_mock.post(f"{base_url}/auth/token", **reply)
    hint = "Only a 401 means wrong credentials. What should any other error status do?"
    error = raises(requests.HTTPError, exercise.get_token, base_url, "grace", "hopper", hint=hint)
    expect_true(
        not isinstance(error, exercise.WrongCredentials),
        f"A {reply['status_code']} is not a wrong password: only a 401 says the kitchen does not know these "
        "credentials.",
        expected="requests.HTTPError",
        actual=f"WrongCredentials: {error}",
        hint=hint,
    )


def test_an_unreachable_kitchen_is_not_about_the_password(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", exc=requests.exceptions.ConnectTimeout("the front desk is silent"))
    hint = "Only a 401 means wrong credentials: let a kitchen you cannot reach raise its own error."
    error = raises(requests.exceptions.ConnectionError, exercise.get_token, base_url, "grace", "hopper", hint=hint)
    expect_true(
        not isinstance(error, exercise.WrongCredentials),
        "A kitchen that does not answer says nothing about the password.",
        expected="requests.exceptions.ConnectTimeout",
        actual=f"WrongCredentials: {error}",
        hint=hint,
    )


def test_live_token_opens_the_door(exercise, kitchen):
    token = call(exercise.get_token, kitchen.url, "ada", "lovelace").value
    expect_true(
        isinstance(token, str) and len(token) > 10,
        "get_token(kitchen, 'ada', 'lovelace') should return the access token, a long string.",
        actual=repr(token)[:300],
        hint="Return the token string: the `access_token` of the JSON answer.",
    )
    me = kitchen.api("GET", "/me", headers={"Authorization": f"Bearer {token}"})
    expect_true(
        me["username"] == "ada",
        "The token your code returned should say 'ada' to the kitchen.",
        actual=repr(me),
    )


def test_live_wrong_password(exercise, kitchen):
    raises(
        exercise.WrongCredentials,
        exercise.get_token,
        kitchen.url,
        "ada",
        "babbage",
        hint="The live kitchen answered 401: raise WrongCredentials.",
    )
