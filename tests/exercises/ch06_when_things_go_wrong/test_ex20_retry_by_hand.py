"""Exercise 20: send_with_retry(...) retries 502/503/504 and lost lines, with backoff, a limit and Retry-After."""

import pytest
import requests

from kata.expect import NO_BODY, FakeSleep, call, expect_request, expect_sleeps, expect_true, raises
from kata.kitchen.fake_replies import empty_reply, problem_reply

MENU = {"items": [{"id": 1, "name": "Tomato soup"}], "count": 1}
OK = {"status_code": 200, "json": MENU}
SLUGS = {400: "malformed-json", 404: "not-found", 409: "conflict", 422: "validation-error", 500: "internal-error"}


def busy(retry_after=None):
    """A 503 answer: the kitchen's, with its Retry-After header, when `retry_after` is given; else a gateway's, bare."""
    if retry_after is None:
        return empty_reply(503)
    return problem_reply("service-unavailable", "Too busy.", headers={"Retry-After": str(retry_after)})


def expect_response(value, status, hint):
    __tracebackhide__ = True
    expect_true(
        isinstance(value, requests.Response) and value.status_code == status,
        f"send_with_retry should return the kitchen's {status} answer: the requests.Response itself.",
        expected=f"a requests.Response with status {status}",
        actual=repr(value)[:200],
        hint=hint,
    )


def test_a_first_success_is_returned_at_once(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", **OK)
    sleep = FakeSleep()
    value = call(exercise.send_with_retry, "GET", f"{base_url}/menu", sleep=sleep).value
    expect_request(
        requests_mock, method="GET", path="/menu", json=NO_BODY, count=1, hint="One try is enough when it works."
    )
    expect_response(value, 200, "Return the response (not its JSON): the caller decides what to read.")
    expect_sleeps(sleep, [], hint="Nothing failed, so there is nothing to wait for.")


def test_retries_a_503_until_it_works(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(), busy(), OK])
    sleep = FakeSleep()
    value = call(exercise.send_with_retry, "GET", f"{base_url}/menu", attempts=3, base_delay=0.5, sleep=sleep).value
    expect_request(
        requests_mock,
        method="GET",
        path="/menu",
        count=3,
        hint="503 means 'not right now': send the same request again, up to `attempts` times in all.",
    )
    expect_response(value, 200, "After two 503s the third try worked: return that response.")
    expect_sleeps(
        sleep,
        [0.5, 1.0],
        hint="Back off exponentially: wait base_delay before the 2nd try, twice that before the 3rd.",
    )


def test_backoff_keeps_growing(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(), busy(), busy(), busy(), OK])
    sleep = FakeSleep()
    value = call(exercise.send_with_retry, "GET", f"{base_url}/menu", attempts=5, base_delay=0.25, sleep=sleep).value
    expect_request(requests_mock, method="GET", path="/menu", count=5, hint="Use the `attempts` you were given.")
    expect_response(value, 200, "The fifth try worked: return that response.")
    expect_sleeps(
        sleep,
        [0.25, 0.5, 1.0, 2.0],
        hint="Each wait is twice the one before: base_delay * 2 ** (number of failures so far - 1).",
    )


@pytest.mark.parametrize("status", [502, 504])
def test_other_transient_statuses_are_retried(exercise, requests_mock, base_url, status):
    requests_mock.get(f"{base_url}/menu", [{"status_code": status}, OK])
    sleep = FakeSleep()
    value = call(exercise.send_with_retry, "GET", f"{base_url}/menu", sleep=sleep).value
    expect_request(
        requests_mock,
        method="GET",
        path="/menu",
        count=2,
        hint=f"{status} is transient too (a gateway that could not reach the kitchen): retry 502, 503 and 504.",
    )
    expect_response(value, 200, "The second try worked: return that response.")
    expect_sleeps(sleep, [0.5], hint="Wait base_delay before the second try.")


def test_follows_retry_after_when_the_kitchen_sends_it(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(retry_after=4), busy(retry_after=2), OK])
    sleep = FakeSleep()
    call(exercise.send_with_retry, "GET", f"{base_url}/menu", attempts=3, base_delay=0.5, sleep=sleep)
    expect_request(requests_mock, method="GET", path="/menu", count=3)
    expect_sleeps(
        sleep,
        [4, 2],
        hint="When the answer has a `Retry-After` header, wait exactly that many seconds: it is a number of "
        "seconds, sent as text.",
    )


def test_gives_up_after_the_last_try_and_raises(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(), busy(), busy(), OK])
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.send_with_retry,
        "GET",
        f"{base_url}/menu",
        attempts=3,
        base_delay=0.5,
        sleep=sleep,
        hint="After `attempts` tries, give up loudly: which method of the response raises HTTPError for the last "
        "error?",
    )
    expect_request(
        requests_mock,
        method="GET",
        path="/menu",
        count=3,
        hint="`attempts` is the number of tries in all, the first one included.",
    )
    expect_sleeps(sleep, [0.5, 1.0], hint="Wait between tries, and not after the last one.")


@pytest.mark.parametrize(
    "error", [requests.exceptions.ConnectionError, requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout]
)
def test_retries_when_the_kitchen_cannot_be_reached(exercise, requests_mock, base_url, error):
    requests_mock.get(f"{base_url}/menu", [{"exc": error("the line went dead")}, OK])
    sleep = FakeSleep()
    value = call(
        exercise.send_with_retry,
        "GET",
        f"{base_url}/menu",
        sleep=sleep,
        hint="Catch requests.exceptions.ConnectionError and requests.exceptions.Timeout, and try again.",
    ).value
    expect_request(requests_mock, method="GET", path="/menu", count=2)
    expect_response(value, 200, "The second try worked: return that response.")
    expect_sleeps(sleep, [0.5], hint="Wait base_delay before the second try.")


def test_retry_after_is_followed_even_when_shorter_than_the_backoff(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(retry_after=1), busy(retry_after=1), OK])
    sleep = FakeSleep()
    call(exercise.send_with_retry, "GET", f"{base_url}/menu", attempts=3, base_delay=2.0, sleep=sleep)
    expect_sleeps(
        sleep,
        [1, 1],
        hint="Retry-After says how long to wait: exactly that, not the longer of it and your backoff. "
        "Back off only when the answer has no Retry-After.",
    )


@pytest.mark.parametrize(
    "error",
    [requests.exceptions.TooManyRedirects, requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader],
)
def test_an_error_that_is_not_transient_is_raised_at_once(exercise, requests_mock, base_url, error):
    requests_mock.get(f"{base_url}/menu", [{"exc": error("this will fail the same way every time")}, OK])
    sleep = FakeSleep()
    raises(
        error,
        exercise.send_with_retry,
        "GET",
        f"{base_url}/menu",
        sleep=sleep,
        hint=f"{error.__name__} is not transient: asking again fails the same way. Catch only "
        "requests.exceptions.ConnectionError and requests.exceptions.Timeout, not RequestException.",
    )
    expect_request(
        requests_mock,
        method="GET",
        path="/menu",
        count=1,
        hint=f"{error.__name__} is not transient: send the request once and let the exception through.",
    )
    expect_sleeps(sleep, [], hint="No retry, so no wait.")


def test_an_unreachable_kitchen_raises_after_the_last_try(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", exc=requests.exceptions.ConnectionError("the line went dead"))
    sleep = FakeSleep()
    raises(
        requests.exceptions.ConnectionError,
        exercise.send_with_retry,
        "GET",
        f"{base_url}/menu",
        attempts=4,
        sleep=sleep,
        hint="When the last try fails to connect, let that ConnectionError go up to the caller, as it is.",
    )
    expect_request(requests_mock, method="GET", path="/menu", count=4, hint="Use the `attempts` you were given.")
    expect_sleeps(sleep, [0.5, 1.0, 2.0], hint="Back off between tries, and do not wait after the last one.")


@pytest.mark.parametrize("status", [400, 404, 409, 422, 500])
def test_a_permanent_status_is_never_retried(exercise, requests_mock, base_url, status):
    requests_mock.get(
        f"{base_url}/menu/99",
        [problem_reply(SLUGS[status], f"The kitchen says {status}."), OK],
    )
    sleep = FakeSleep()
    value = call(exercise.send_with_retry, "GET", f"{base_url}/menu/99", sleep=sleep).value
    expect_request(
        requests_mock,
        method="GET",
        path="/menu/99",
        count=1,
        hint=f"A {status} will not get better by asking again: "
        "only 502, 503 and 504 (and connection errors and timeouts) are retried, a 500 is not.",
    )
    expect_response(value, status, f"Return the {status} response as it is: the caller decides what it means.")
    expect_sleeps(sleep, [], hint="No retry, so no wait.")


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_post_is_sent_once_even_on_a_503(exercise, requests_mock, base_url, method):
    requests_mock.register_uri(method, f"{base_url}/orders", [busy(), {"status_code": 201, "json": {"id": 1}}])
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.send_with_retry,
        method,
        f"{base_url}/orders",
        json={"table_id": 1},
        sleep=sleep,
        hint=f"A {method} may have been carried out even if the answer was bad: never send it twice. "
        "Give up at once with raise_for_status().",
    )
    expect_request(
        requests_mock,
        method=method,
        path="/orders",
        json={"table_id": 1},
        count=1,
        hint=f"Only GET, HEAD, OPTIONS, PUT and DELETE may be retried; a {method} is sent once.",
    )


def test_a_post_is_sent_once_even_when_the_line_drops(exercise, requests_mock, base_url):
    requests_mock.post(
        f"{base_url}/orders", [{"exc": requests.exceptions.ConnectionError("dropped")}, {"status_code": 201}]
    )
    sleep = FakeSleep()
    raises(
        requests.exceptions.ConnectionError,
        exercise.send_with_retry,
        "POST",
        f"{base_url}/orders",
        json={"table_id": 1},
        sleep=sleep,
        hint="A POST is sent once: re-raise the ConnectionError instead of trying again.",
    )
    expect_request(requests_mock, method="POST", path="/orders", json={"table_id": 1}, count=1)


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_idempotent_methods_are_retried_with_the_same_body(exercise, requests_mock, base_url, method):
    body = {"table_id": 1, "items": [{"dish_id": 3, "quantity": 2}]} if method == "PUT" else NO_BODY
    requests_mock.register_uri(
        method, f"{base_url}/orders/7", [busy(), busy(), {"status_code": 200, "json": {"id": 7}}]
    )
    sleep = FakeSleep()
    value = call(
        exercise.send_with_retry,
        method,
        f"{base_url}/orders/7",
        json=None if body is NO_BODY else body,
        sleep=sleep,
        hint=f"{method} is idempotent (twice is the same as once): retry it like a GET. "
        "Only POST and PATCH are sent once.",
    ).value
    for index in range(3):
        expect_request(
            requests_mock,
            method=method,
            path="/orders/7",
            json=body,
            index=index,
            count=3,
            hint=f"{method} is idempotent (twice is the same as once): retry it, with the same JSON body every time.",
        )
    expect_response(value, 200, "The third try worked: return that response.")


def test_every_try_has_a_timeout(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [busy(), OK])
    call(exercise.send_with_retry, "GET", f"{base_url}/menu", sleep=FakeSleep())
    for index in range(2):
        expect_request(requests_mock, method="GET", path="/menu", index=index, count=2, timeout=True)


def test_live_kitchen_two_503s_then_the_menu(exercise, kitchen):
    kitchen.faults(next=[{"status": 503, "count": 2, "path": "/menu"}])  # the kitchen sends Retry-After: 1
    sleep = FakeSleep(then=kitchen.advance)
    value = call(exercise.send_with_retry, "GET", f"{kitchen.url}/menu", attempts=3, base_delay=0.5, sleep=sleep).value
    expect_response(value, 200, "The third try reaches the kitchen: return that response.")
    statuses = [(entry["method"], entry["path"], entry["status"]) for entry in kitchen.journal()]
    expect_true(
        statuses == [("GET", "/menu", 503), ("GET", "/menu", 503), ("GET", "/menu", 200)],
        "The kitchen should have received three GET /menu: two answered 503, the third 200.",
        actual=repr(statuses),
        hint="Send the same request again after each 503.",
    )
    expect_sleeps(sleep, [1, 1], hint="The kitchen's 503 says `Retry-After: 1`: wait exactly that.")


def test_live_kitchen_dropped_line(exercise, kitchen):
    kitchen.faults(drop_connection={"count": 1, "path": "/menu"})
    sleep = FakeSleep(then=kitchen.advance)
    value = call(exercise.send_with_retry, "GET", f"{kitchen.url}/menu", base_delay=0.5, sleep=sleep).value
    expect_response(value, 200, "The first line went dead; the second try worked: return that response.")
    expect_true(
        len(kitchen.journal()) == 2,
        "The kitchen should have received two GET /menu (the first one dropped without an answer).",
        actual=f"{len(kitchen.journal())} request(s)",
        hint="Catch requests.exceptions.ConnectionError and try again.",
    )
    expect_sleeps(sleep, [0.5], hint="No Retry-After without an answer: wait base_delay.")
