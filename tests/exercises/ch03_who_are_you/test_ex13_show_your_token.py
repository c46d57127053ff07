"""Exercise 13: who_am_i(base_url, token) shows the token as `Authorization: Bearer <token>`.

The scheme is compared as HTTP and the kitchen compare it, in any case (`bearer <token>` is right too);
the token itself exactly.
"""

import requests

from kata.expect import bearer, call, expect_request, raises
from kata.kitchen.fake_replies import json_reply, problem_reply

TOKEN = "tok-ada-5Jq9"
ME = {"username": "ada", "name": "Ada Lovelace"}
BEARER_HINT = (
    "Send the token in the `Authorization` header, after the word `Bearer` and a space. Which argument of requests "
    "sends headers? Not in the address."
)


def test_asks_get_me_with_the_bearer_header(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/me", json=ME)
    call(exercise.who_am_i, base_url, TOKEN)
    expect_request(
        requests_mock,
        method="GET",
        path="/me",
        query={},
        headers={"Authorization": bearer(TOKEN)},
        count=1,
        hint=BEARER_HINT,
    )


def test_sends_the_token_it_was_given(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/me", json={"username": "grace", "name": "Grace Hopper"})
    call(exercise.who_am_i, base_url, "another-token-77")
    expect_request(
        requests_mock, method="GET", path="/me", headers={"Authorization": bearer("another-token-77")}, hint=BEARER_HINT
    )


def test_returns_who_you_are(exercise, requests_mock, base_url):
    me = {"username": "chloe", "name": "Chloé Brontë"}
    requests_mock.get(f"{base_url}/me", **json_reply(me))  # the name as raw UTF-8 bytes, as most servers send it
    call(exercise.who_am_i, base_url, TOKEN).returns(
        me, hint="Return the dict parsed from the JSON answer, not the response: JSON is UTF-8."
    )


def test_a_refused_token_raises_http_error(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/me",
        **problem_reply(
            "unauthorized",
            "This token has expired.",
            headers={"WWW-Authenticate": 'Bearer realm="restaurant", error="invalid_token"'},
        ),
    )
    raises(
        requests.HTTPError,
        exercise.who_am_i,
        base_url,
        TOKEN,
        hint="The kitchen answered 401: there is nobody to return. Which method of the response raises for it?",
    )


def test_live_kitchen_knows_you(exercise, kitchen):
    token = kitchen.token("grace", "hopper")
    call(exercise.who_am_i, kitchen.url, token).returns({"username": "grace", "name": "Grace Hopper"}, hint=BEARER_HINT)
