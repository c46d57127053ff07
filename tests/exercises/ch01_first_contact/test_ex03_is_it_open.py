"""Exercise 3: is_open(base_url) asks GET /health and reads the status code.

Only a 200 is open; any other answer (a closed 503, a broken 500, a proxy's HTML 502) is not, and so is
a kitchen that cannot be reached, whether the connection fails or the answer never comes (a timeout).
"""

import requests
from requests_mock import ANY

from kata.expect import call, expect_request
from kata.kitchen.fake_replies import html_reply, problem_reply


def test_asks_the_health_endpoint_with_a_get(exercise, requests_mock, base_url):
    requests_mock.register_uri(ANY, ANY, json={"status": "open"})  # any verb, any path: see what was sent
    call(exercise.is_open, base_url)
    expect_request(requests_mock, method="GET", path="/health", count=1, hint="Send `GET {base_url}/health`, once.")


def test_open_kitchen_answers_true(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", json={"status": "open"})
    call(exercise.is_open, base_url).returns(
        True, hint="A 200 answer means open: return True (a bool, not the response)."
    )


def test_closed_kitchen_answers_false(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/health",
        **problem_reply("closed", "The restaurant is closed: come back at noon."),
    )
    call(exercise.is_open, base_url).returns(
        False, hint="Look at `response.status_code`: the kitchen answered 503, so it is not open."
    )


def test_broken_kitchen_answers_false(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", **problem_reply("internal-error", "The oven is broken."))
    call(exercise.is_open, base_url).returns(False, hint="Only a 200 answer means open.")


def test_unreachable_kitchen_is_not_open(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", exc=requests.exceptions.ConnectionError("no route to the kitchen"))
    call(
        exercise.is_open,
        base_url,
        hint="A kitchen nobody can reach is not open: which exception of requests says so (a ConnectionError)?",
    ).returns(False)


def test_silent_kitchen_is_not_open(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", exc=requests.exceptions.ConnectTimeout("the kitchen never answered"))
    call(
        exercise.is_open,
        base_url,
        hint="A kitchen that does not answer in time is not open either: which exception says that?",
    ).returns(False)


def test_a_kitchen_that_stops_answering_is_not_open(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", exc=requests.exceptions.ReadTimeout("the kitchen stopped mid-answer"))
    call(
        exercise.is_open,
        base_url,
        hint="A timeout while waiting for the answer is a ReadTimeout, which is not a ConnectionError: "
        "which exception of requests is the parent of every timeout?",
    ).returns(False)


def test_a_proxy_error_page_is_not_open(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/health", **html_reply(502))
    call(
        exercise.is_open,
        base_url,
        hint="The answer is an HTML page from a proxy, not JSON: decide by `response.status_code`, not by the body.",
    ).returns(False, hint="Only a 200 answer means open; a 502 is not.")


def test_live_kitchen_open_then_closed(exercise, kitchen):
    call(exercise.is_open, kitchen.url).returns(True, hint="The live kitchen is open: GET /health answers 200.")
    kitchen.set_open(False)
    call(exercise.is_open, kitchen.url).returns(False, hint="The live kitchen is closed now: GET /health answers 503.")
