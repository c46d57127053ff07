"""Exercise 23: pay(...) sends one Idempotency-Key per payment and repeats it on every retry."""

import time

import pytest
import requests

from kata.expect import FakeSleep, call, describe_all, expect_request, expect_sleeps, expect_true, raises, sent_requests
from kata.kitchen.fake_replies import html_reply, problem_reply

PAID = {
    "id": 1,
    "order_id": 7,
    "amount": 23.5,
    "tip": 2.0,
    "total": 25.5,
    "status": "captured",
    "idempotency_key": "k",
    "created_at": "2024-01-01T12:00:00.000Z",
}
CREATED = {"status_code": 201, "json": PAID, "headers": {"Location": "/payments/1"}}
BUSY = problem_reply("service-unavailable", "The till is busy.", headers={"Retry-After": "1"})
SLUGS = {400: "malformed-json", 404: "not-found", 409: "conflict", 422: "validation-error", 500: "internal-error"}
BODY = {"order_id": 7, "amount": 23.5, "tip": 2.0}


def keys(requests_mock):
    return [sent.header("Idempotency-Key") for sent in sent_requests(requests_mock)]


def expect_one_key_for_all(requests_mock, tries):
    """Every request carried the same, valid Idempotency-Key, and the same body."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    for index in range(tries):
        expect_request(
            requests_mock,
            method="POST",
            path="/payments",
            json=BODY,
            index=index,
            count=tries,
            hint="Send the same JSON body on every try.",
        )
    found = keys(requests_mock)
    expect_true(
        found[0] is not None,
        "The payment has no Idempotency-Key header: if the answer gets lost, a retry charges again.",
        expected="Idempotency-Key: <a new unique key, e.g. str(uuid.uuid4())>",
        actual=describe_all(sent),
        hint="Which header tells the kitchen that two tries are one payment (`Idempotency-Key`)? Send it.",
        cause="idempotency key: missing",
    )
    expect_true(
        len(set(found)) == 1,
        "Each retry carried a different Idempotency-Key: to the kitchen, each one is a new payment, charged again.",
        expected=f"the same key on all {tries} tries",
        actual=", ".join(repr(key) for key in found),
        hint="Make the key once, before the loop, and reuse it on every try.",
        cause="idempotency key: a new one on a retry",
    )


def test_sends_the_payment_with_a_key(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **CREATED)
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, sleep=FakeSleep()).returns(
        PAID, hint="Return the payment: the JSON of the 201 answer."
    )
    expect_request(
        requests_mock,
        method="POST",
        path="/payments",
        json=BODY,
        count=1,
        hint="POST one JSON body with order_id, amount and tip, as the docstring shows.",
    )
    expect_one_key_for_all(requests_mock, 1)


def test_the_key_is_a_usable_header_value(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **CREATED)
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, sleep=FakeSleep())
    key = keys(requests_mock)[0]
    expect_true(
        key is not None and 8 <= len(key) <= 255 and key.isascii() and key.isprintable(),
        "The Idempotency-Key should be a unique text of 8 to 255 printable ASCII characters.",
        actual=repr(key),
        hint="Which module of the standard library makes a unique id (a UUID, 36 characters as text)?",
    )


def test_the_tip_defaults_to_nothing(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **CREATED)
    call(exercise.pay, base_url, 7, 23.5, sleep=FakeSleep())
    sent = expect_request(requests_mock, method="POST", path="/payments", count=1)
    body = sent.json() if sent.header("Content-Type") == "application/json" else None
    expect_true(
        isinstance(body, dict) and body.get("order_id") == 7 and body.get("amount") == 23.5 and body.get("tip", 0) == 0,
        "pay(base, 7, 23.5) should send order 7, amount 23.5 and no tip (0).",
        expected="{'order_id': 7, 'amount': 23.5, 'tip': 0.0}",
        actual=sent.describe(),
        hint="Build the body from the parameters you were given, and send it as JSON.",
    )


def test_the_timeout_is_the_one_given(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **CREATED)
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, timeout=2.5, sleep=FakeSleep())
    sent = expect_request(requests_mock, method="POST", path="/payments", count=1, timeout=True)
    expect_true(
        sent.timeout == 2.5,
        "pay(..., timeout=2.5) should wait at most 2.5 seconds for the answer.",
        actual=f"timeout={sent.timeout!r}",
        hint="Does the POST get the `timeout` you were given?",
    )


def test_retries_a_503_with_the_same_key(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", [BUSY, BUSY, CREATED])
    sleep = FakeSleep()
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, sleep=sleep).returns(
        PAID, hint="The third try was charged: return it."
    )
    expect_one_key_for_all(requests_mock, 3)
    expect_sleeps(sleep, [1.0, 1.0], hint="Wait `delay` seconds between tries (1.0 by default).")


PROXY_502 = html_reply(502)
TIMEOUT_504 = problem_reply("injected-fault", "The till took too long.", status=504, title="Gateway timeout")


@pytest.mark.parametrize("transient", [PROXY_502, TIMEOUT_504], ids=["a proxy's HTML 502", "504"])
def test_retries_every_transient_status_with_the_same_key(exercise, requests_mock, base_url, transient):
    requests_mock.post(f"{base_url}/payments", [transient, CREATED])
    sleep = FakeSleep()
    status = transient["status_code"]
    call(
        exercise.pay,
        base_url,
        7,
        23.5,
        tip=2.0,
        sleep=sleep,
        hint="502, 503 and 504 are transient: wait `delay`, then try again. Look at the status before reading "
        "the body: a proxy's error page is not JSON.",
    ).returns(PAID, hint=f"The second try, after the {status}, was charged: return it.")
    expect_one_key_for_all(requests_mock, 2)
    expect_sleeps(sleep, [1.0])


@pytest.mark.parametrize(
    "error",
    [requests.exceptions.TooManyRedirects, requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader],
)
def test_an_error_that_is_not_transient_is_raised_at_once(exercise, requests_mock, base_url, error):
    requests_mock.post(f"{base_url}/payments", [{"exc": error("this will fail the same way every time")}, CREATED])
    sleep = FakeSleep()
    raises(
        error,
        exercise.pay,
        base_url,
        7,
        23.5,
        sleep=sleep,
        hint=f"{error.__name__} is not transient: paying again fails the same way. Catch only "
        "requests.exceptions.ConnectionError and requests.exceptions.Timeout, not RequestException.",
    )
    expect_request(
        requests_mock,
        method="POST",
        path="/payments",
        count=1,
        hint=f"{error.__name__} is not transient: send the payment once and let the exception through.",
    )
    expect_sleeps(sleep, [], hint="No retry, so no wait.")


def test_waits_the_delay_given(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", [BUSY, CREATED])
    sleep = FakeSleep()
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, delay=0.25, sleep=sleep)
    expect_sleeps(sleep, [0.25], hint="Wait `delay` seconds, with the `sleep` you were given.")


@pytest.mark.parametrize(
    "error",
    [requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout, requests.exceptions.ConnectTimeout],
)
def test_retries_a_lost_answer_with_the_same_key(exercise, requests_mock, base_url, error):
    requests_mock.post(f"{base_url}/payments", [{"exc": error("the answer got lost")}, CREATED])
    sleep = FakeSleep()
    call(
        exercise.pay,
        base_url,
        7,
        23.5,
        tip=2.0,
        sleep=sleep,
        hint="Catch requests.exceptions.ConnectionError and requests.exceptions.Timeout, and try again.",
    ).returns(PAID)
    expect_one_key_for_all(requests_mock, 2)
    expect_sleeps(sleep, [1.0])


def test_a_new_payment_gets_a_new_key(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **CREATED)
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, sleep=FakeSleep())
    call(exercise.pay, base_url, 7, 23.5, tip=2.0, sleep=FakeSleep())
    found = keys(requests_mock)
    expect_true(
        len(found) == 2 and found[0] is not None and found[0] != found[1],
        "Two calls of pay() are two payments: each needs its own Idempotency-Key, "
        "or the kitchen answers the second with the first one's receipt and never charges it.",
        actual=", ".join(repr(key) for key in found),
        hint="Make a new key inside pay() for each call, not once for the whole program.",
    )


@pytest.mark.parametrize("status", [400, 404, 409, 422, 500])
def test_a_refused_payment_raises_at_once(exercise, requests_mock, base_url, status):
    requests_mock.post(f"{base_url}/payments", [problem_reply(SLUGS[status], f"The till says {status}."), CREATED])
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.pay,
        base_url,
        7,
        23.5,
        tip=2.0,
        sleep=sleep,
        hint=f"A {status} will not get better by paying again: raise for it, and stop. "
        "Only 502, 503 and 504 (and connection errors and timeouts) are transient, a 500 is not.",
    )
    expect_request(requests_mock, method="POST", path="/payments", count=1, hint=f"Do not retry a {status}.")
    expect_sleeps(sleep, [], hint="No retry, so no wait.")


def test_gives_up_after_the_last_try(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", [BUSY, BUSY, BUSY, BUSY, CREATED])
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.pay,
        base_url,
        7,
        23.5,
        tip=2.0,
        attempts=4,
        delay=0.5,
        sleep=sleep,
        hint="When the tries are used up, raise for the last 503: which method of the response does that?",
    )
    expect_one_key_for_all(requests_mock, 4)
    expect_sleeps(sleep, [0.5, 0.5, 0.5], hint="Wait between tries, not after the last one.")


def test_an_unreachable_till_raises_after_the_last_try(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", exc=requests.exceptions.ConnectionError("the line is dead"))
    sleep = FakeSleep()
    raises(
        requests.exceptions.ConnectionError,
        exercise.pay,
        base_url,
        7,
        23.5,
        tip=2.0,
        attempts=2,
        sleep=sleep,
        hint="After the last try, re-raise the ConnectionError: "
        "the caller must know the payment may not have happened.",
    )
    expect_one_key_for_all(requests_mock, 2)


# The live kitchen --------------------------------------------------------------------------------


def seat_and_order(kitchen):
    """An order of 2 x Tomato soup (11.0) at a fresh table; the journal is cleared afterwards."""
    table = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})
    order = kitchen.api("POST", "/orders", {"table_id": table["id"], "items": [{"dish_id": 1, "quantity": 2}]})
    kitchen.clear_journal()
    return order


def payment_posts(kitchen):
    return [entry for entry in kitchen.journal() if entry["method"] == "POST" and entry["path"] == "/payments"]


def expect_charged_once(kitchen, order, tries):
    __tracebackhide__ = True
    posts = payment_posts(kitchen)
    sent_keys = [entry["headers"].get("Idempotency-Key") for entry in posts]
    expect_true(
        len(posts) == tries and sent_keys[0] is not None and len(set(sent_keys)) == 1,
        f"The till should have received {tries} POST /payments (one per try), all with the same Idempotency-Key.",
        actual=f"{len(posts)} POST /payments with keys {sent_keys!r}",
        hint="One key per payment, made before the first try and sent on every try.",
        cause="idempotency key: a new one on a retry",
    )
    payments = kitchen.api("GET", f"/payments?order_id={order['id']}")
    expect_true(
        payments["count"] == 1 and payments["total_charged"] == 11.0,
        "The guest should have been charged exactly once, 11.0.",
        actual=f"{payments['count']} charge(s), {payments['total_charged']} in all",
        hint="A retry with a new key (or none) is a new charge: reuse the same Idempotency-Key.",
    )


def test_live_a_503_then_paid_once(exercise, kitchen):
    order = seat_and_order(kitchen)
    kitchen.faults(next=[{"status": 503, "count": 1, "path": "/payments", "method": "POST"}])
    sleep = FakeSleep()
    payment = call(exercise.pay, kitchen.url, order["id"], 11.0, sleep=sleep).value
    expect_true(
        isinstance(payment, dict) and payment.get("order_id") == order["id"] and payment.get("total") == 11.0,
        "pay() should return the kitchen's payment: a dict with the order_id and the total.",
        actual=repr(payment)[:300],
        hint="Return the JSON of the 201 answer: the payment.",
    )
    expect_charged_once(kitchen, order, 2)


def test_live_the_first_answer_is_lost_and_still_paid_once(exercise, kitchen):
    order = seat_and_order(kitchen)
    # The till is slow: it charges after 0.25 s, but pay() gives up waiting after 0.1 s. While
    # pay() waits before its retry, the slowness ends, and the retry is answered at once.
    # (attempts=5 leaves room for a retry that times out too on a busy machine.)
    kitchen.faults(latency_ms=250)
    sleep = FakeSleep(then=lambda seconds: kitchen.faults())
    call(exercise.pay, kitchen.url, order["id"], 11.0, attempts=5, timeout=0.1, sleep=sleep)
    tries = len(sleep.calls) + 1
    deadline = time.monotonic() + 3
    while len(payment_posts(kitchen)) < tries and time.monotonic() < deadline:
        time.sleep(0.02)  # the first, slow request is still being handled by the kitchen
    time.sleep(0.05)  # and its (unread) answer is still being written
    expect_true(
        tries >= 2, "pay() should have tried again after the first answer took too long.", actual=f"{tries} try"
    )
    expect_charged_once(kitchen, order, tries)
