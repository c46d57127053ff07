"""Exercise 17: todays_specials(...) sends a (connect, read) timeout and turns a timeout, and only that, into []."""

import time

import pytest
import requests

from kata.expect import as_number, call, expect_request, expect_timeout, expect_true, raises
from kata.kitchen.fake_replies import html_reply, json_reply, problem_reply

SPECIALS = [
    {
        "id": 3,
        "name": "Calamari fritti",
        "category": "starter",
        "price": 7.9,
        "vegetarian": False,
        "description": "Squid, aïoli.",
    },
    {
        "id": 7,
        "name": "Mushroom risotto",
        "category": "main",
        "price": 13.0,
        "vegetarian": True,
        "description": "Rice.",
    },
]
ANSWER = {"items": SPECIALS, "count": 2, "waited": 0.0}
TIMEOUT_HINT = "requests takes both timeouts at once, as a pair, connect first: which argument takes it?"
CATCH_HINT = "No answer in time means no specials: which exception of requests covers both kinds of timeout?"


def test_asks_for_the_specials(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", json=ANSWER)
    call(exercise.todays_specials, base_url)
    expect_request(
        requests_mock,
        method="GET",
        path="/kitchen/specials",
        query={},
        count=1,
        hint="Send one `GET {base_url}/kitchen/specials`; add `delay` to the query only when it is not None.",
    )


def test_sends_the_connect_and_read_timeouts(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", json=ANSWER)
    call(exercise.todays_specials, base_url, read_timeout=0.25, connect_timeout=1.5)
    expect_timeout(requests_mock, (1.5, 0.25), hint=TIMEOUT_HINT)


def test_the_default_timeouts(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", json=ANSWER)
    call(exercise.todays_specials, base_url)
    expect_timeout(requests_mock, (3.05, 2.0), hint=TIMEOUT_HINT + " Use the parameters, not numbers of your own.")


@pytest.mark.parametrize(("delay", "sent"), [(0.5, as_number("0.5")), (0, as_number("0"))])
def test_asks_the_kitchen_to_be_slow_for_practice(exercise, requests_mock, base_url, delay, sent):
    requests_mock.get(f"{base_url}/kitchen/specials", json=ANSWER)
    call(exercise.todays_specials, base_url, delay=delay)
    expect_request(
        requests_mock,
        method="GET",
        path="/kitchen/specials",
        query={"delay": sent},
        hint="When `delay` is given (not None: 0 is given too), send it as a query parameter (`?delay=0`).",
    )


def test_returns_the_specials(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", **json_reply(ANSWER))  # aïoli as raw UTF-8 bytes
    call(exercise.todays_specials, base_url).returns(SPECIALS, hint="Return the `items` of the JSON answer.")


def test_a_read_timeout_means_no_specials(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/kitchen/specials", exc=requests.exceptions.ReadTimeout("the kitchen is still writing")
    )
    call(exercise.todays_specials, base_url, hint=CATCH_HINT).returns([], hint="No answer in time: return [].")


def test_a_connect_timeout_means_no_specials(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", exc=requests.exceptions.ConnectTimeout("nobody picks up"))
    call(exercise.todays_specials, base_url, hint=CATCH_HINT).returns([], hint="No answer in time: return [].")


def test_an_unreachable_kitchen_is_not_hidden(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/kitchen/specials", exc=requests.exceptions.ConnectionError("connection refused"))
    raises(
        requests.ConnectionError,
        exercise.todays_specials,
        base_url,
        hint="Catch only the timeouts: a kitchen that refuses the connection is broken, not slow. "
        "Do not catch every error of requests, nor Exception.",
    )


@pytest.mark.parametrize(
    "answer",
    [
        problem_reply("service-unavailable", "The chalk board fell over.", headers={"Retry-After": "5"}),
        html_reply(502),
    ],
    ids=["503 from the kitchen", "a proxy's HTML 502"],
)
def test_an_error_status_raises(exercise, requests_mock, base_url, answer):
    requests_mock.get(f"{base_url}/kitchen/specials", **answer)
    raises(
        requests.HTTPError,
        exercise.todays_specials,
        base_url,
        hint=f"A {answer['status_code']} is an answer, not a timeout: check its status before reading the body "
        "(an error page from a proxy is not even JSON).",
    )


@pytest.mark.parametrize("url", ["kitchen.test", "http://"], ids=["no scheme", "no host"])
def test_a_malformed_url_is_not_hidden(exercise, requests_mock, url):
    raises(
        requests.RequestException,
        exercise.todays_specials,
        url,
        hint="Catch only the timeouts: a URL that cannot be sent is a bug to see, not a slow kitchen. "
        "Do not catch every error of requests, nor Exception.",
    )


def test_live_a_fast_kitchen(exercise, kitchen):
    specials = call(exercise.todays_specials, kitchen.url, delay=0).value
    expect_true(
        isinstance(specials, list) and len(specials) == 3 and all("name" in dish for dish in specials),
        "With delay=0 the live kitchen answers at once with three specials.",
        actual=repr(specials)[:300],
        hint="Return the `items` of the JSON answer.",
    )


def test_live_a_slow_kitchen_gives_up_in_time(exercise, kitchen):
    started = time.monotonic()
    specials = call(exercise.todays_specials, kitchen.url, read_timeout=0.1, delay=0.3).value
    spent = time.monotonic() - started
    # The kitchen finishes its 0.3 s in the background: wait for it, so that the next test starts afresh.
    while not kitchen.journal() and time.monotonic() - started < 2:
        time.sleep(0.02)
    expect_true(
        specials == [] and spent < 0.28,
        "With read_timeout=0.1 and a kitchen that takes 0.3 s, your code should give up after 0.1 s with [].",
        expected="[] after about 0.1 s",
        actual=f"{specials!r} after {spent:.2f} s"[:300],
        hint=TIMEOUT_HINT + " " + CATCH_HINT,
    )
    sent = kitchen.journal()
    expect_true(
        len(sent) == 1 and sent[0]["query"] == {"delay": ["0.3"]},
        "The kitchen should get one GET /kitchen/specials?delay=0.3.",
        actual="; ".join(f"{e['method']} {e['path']} {e['query']}" for e in sent),
    )
