"""Exercise 24: RestaurantClient serves a whole dinner: one Session, typed results, one exception hierarchy.

Its tests, part 2: paying, signing in and reviewing, and a whole dinner in the live kitchen (part 1 is
test_ex24_restaurant_client.py; the checks both parts share are in capstone_checks.py).
"""

import base64

import pytest
import requests

from kata.expect import FakeClock, bearer, expect_request, expect_sleeps, expect_timeout, expect_true, sent_requests
from kata.kitchen.fake_replies import json_reply

from .capstone_checks import TABLE, TIMEOUT, expect_kitchen_words, expect_result, fails, make, order_json, problem, run

PAYMENT = {
    "id": 1,
    "order_id": 7,
    "amount": 23.8,
    "tip": 2.0,
    "total": 25.8,
    "status": "captured",
    "idempotency_key": "k",
    "created_at": "2024-01-01T12:00:07.000Z",
}
TEXT = "Perfetta, più basilico — grazie."  # the review comes back as raw UTF-8 bytes, as most servers send it
REVIEW = {"id": 138, "dish_id": 11, "author": "ada", "rating": 5, "text": TEXT, "created_at": "x"}
TOKEN = {"access_token": "tok-123", "token_type": "Bearer", "expires_in": 3600}


def expect_bearer(requests_mock, token, *, index=-1, hint=None):
    """The request carries `Authorization: Bearer <token>` (the scheme's case is free, as in HTTP)."""
    __tracebackhide__ = True
    sent = sent_requests(requests_mock)
    request = sent[index]
    expect_true(
        bearer(token).matches(request.header("Authorization")),
        f"After sign_in, {request.method} {request.path} went without the token.",
        expected=f"Authorization: Bearer {token}",
        actual=request.describe(),
        hint=hint
        or "After sign_in, every request carries `Authorization: Bearer <access_token>`: where can a session "
        "keep a header, so that every request of it sends that header?",
    )


# Paying ------------------------------------------------------------------------------------------


def payment_keys(requests_mock):
    return [sent.header("Idempotency-Key") for sent in sent_requests(requests_mock)]


def test_pay(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", status_code=201, json=PAYMENT)
    client, _ = make(exercise, base_url + "/")
    payment = run(client.pay, exercise.Order(7, 3, "ready", 23.8), tip=2.0)
    expect_request(
        requests_mock,
        method="POST",
        path="/payments",
        json={"order_id": 7, "amount": 23.8, "tip": 2.0},
        count=1,
        hint="The amount is the order's total.",
    )
    expect_timeout(requests_mock, TIMEOUT)
    expect_true(
        payment_keys(requests_mock)[0],
        "The payment has no Idempotency-Key header.",
        hint="Which header makes two tries one payment (`Idempotency-Key`), and what makes a unique key?",
    )
    expect_result(
        payment,
        exercise.Payment(id=1, order_id=7, amount=23.8, tip=2.0, total=25.8),
        "pay(order, tip=2.0)",
        "Build a Payment from the 201 answer.",
    )


@pytest.mark.parametrize(
    "first",
    [
        problem(503, "Busy."),
        problem(429, "Slow down."),
        problem(500, "The till crashed."),
        problem(502, "No way through."),
        problem(504, "The till took too long."),
        {"exc": requests.exceptions.ConnectionError("lost")},
        {"exc": requests.exceptions.ReadTimeout("no answer in time")},
    ],
    ids=["503", "429", "500", "502", "504", "lost answer", "read timeout"],
)
def test_pay_retries_with_the_same_key(exercise, requests_mock, base_url, first):
    requests_mock.post(f"{base_url}/payments", [first, {"status_code": 201, "json": PAYMENT}])
    client, clock = make(exercise, base_url + "/")
    what = first["exc"].__class__.__name__ if "exc" in first else str(first["status_code"])
    run(
        client.pay,
        exercise.Order(7, 3, "ready", 23.8),
        tip=2.0,
        hint=f"A {what} is transient: pay() should try again (Unavailable covers 429, every 5xx, a lost line and a "
        "timeout), with the same key, after self.sleep(1.0).",
    )
    found = payment_keys(requests_mock)
    expect_true(
        len(found) == 2 and found[0] is not None and found[0] == found[1],
        "After a failed try, pay() should try again with the SAME Idempotency-Key, or the guest may pay twice.",
        expected="two POST /payments with one key",
        actual=", ".join(repr(key) for key in found),
        hint="Make the key once, before the retry loop.",
    )
    expect_sleeps(clock.sleep, [1.0], hint="Wait 1 second (self.sleep(1.0)) before trying again.")


@pytest.mark.parametrize("attempts", [2, 3])
def test_pay_gives_up_after_the_last_try(exercise, requests_mock, base_url, attempts):
    requests_mock.post(f"{base_url}/payments", **problem(503, "Busy."))
    client, clock = make(exercise, base_url + "/")
    fails(
        exercise.Unavailable,
        client.pay,
        exercise.Order(7, 3, "ready", 23.8),
        attempts=attempts,
        hint="After the last try, raise Unavailable.",
    )
    expect_request(requests_mock, method="POST", path="/payments", count=attempts, hint="`attempts` tries in all.")
    expect_sleeps(clock.sleep, [1.0] * (attempts - 1), hint="Wait between tries, not after the last.")


def test_pay_refused_is_not_retried(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", **problem(422, "1 field(s) need fixing: amount."))
    client, clock = make(exercise, base_url + "/")
    fails(exercise.Rejected, client.pay, exercise.Order(7, 3, "ready", 23.8), hint="A 422 is Rejected, at once.")
    expect_request(
        requests_mock, method="POST", path="/payments", count=1, hint="A refusal will not change: do not retry it."
    )
    expect_sleeps(clock.sleep, [], hint="No retry, so no wait.")


def test_each_payment_has_its_own_key(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/payments", status_code=201, json=PAYMENT)
    client, _ = make(exercise, base_url + "/")
    run(client.pay, exercise.Order(7, 3, "ready", 23.8))
    run(client.pay, exercise.Order(7, 3, "ready", 23.8))
    found = payment_keys(requests_mock)
    expect_true(
        len(found) == 2 and found[0] is not None and found[0] != found[1],
        "Two calls of pay() are two payments: each needs a new Idempotency-Key.",
        actual=", ".join(repr(key) for key in found),
        hint="Make the key inside pay(), not in __init__.",
    )


# Signing in and reviewing ------------------------------------------------------------------------


def test_sign_in_then_review(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", json=TOKEN)
    requests_mock.post(f"{base_url}/reviews", **json_reply(REVIEW, status=201))
    client, _ = make(exercise, base_url + "/")
    run(client.sign_in, "ada", "lovelace")
    basic = "Basic " + base64.b64encode(b"ada:lovelace").decode("ascii")
    expect_request(
        requests_mock,
        method="POST",
        path="/auth/token",
        headers={"Authorization": basic},
        count=1,
        hint="HTTP Basic: which argument of requests writes the `Authorization` header from a username and a password?",
    )
    expect_timeout(requests_mock, TIMEOUT)
    review = run(client.review, 11, 5, TEXT)
    expect_request(
        requests_mock,
        method="POST",
        path="/reviews",
        json={"dish_id": 11, "rating": 5, "text": TEXT},
        count=2,
    )
    expect_bearer(requests_mock, "tok-123")
    expect_timeout(requests_mock, TIMEOUT)
    expect_result(
        review,
        exercise.Review(id=138, dish_id=11, rating=5, text=TEXT, author="ada"),
        "review(...)",
        "Build a Review from the 201 answer.",
    )


def test_every_call_after_sign_in_carries_the_token(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", json=TOKEN)
    requests_mock.post(f"{base_url}/tables", status_code=201, json=TABLE)
    requests_mock.post(f"{base_url}/orders", status_code=201, json=order_json())
    requests_mock.get(f"{base_url}/orders/7", json=order_json("ready"))
    requests_mock.post(f"{base_url}/payments", status_code=201, json=PAYMENT)
    client, _ = make(exercise, base_url + "/")
    run(client.sign_in, "ada", "lovelace")
    table = run(client.book_table, "Ada", 2)
    order = run(client.order, exercise.Table(3, "Ada", 2) if table is None else table, {11: 2})
    run(client.get_order, 7)
    run(client.wait_until_ready, exercise.Order(7, 3, "received", 23.8) if order is None else order)
    run(client.pay, exercise.Order(7, 3, "ready", 23.8))
    for index in range(1, len(sent_requests(requests_mock))):
        expect_bearer(requests_mock, "tok-123", index=index)


def test_sign_in_keeps_the_session_s_own_headers(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", json=TOKEN)
    requests_mock.get(f"{base_url}/orders/7", json=order_json("cooking"))
    client, _ = make(exercise, base_url + "/")
    client.session.headers["X-Waiter"] = "Bob"
    run(client.sign_in, "ada", "lovelace")
    run(client.get_order, 7)
    expect_request(
        requests_mock,
        method="GET",
        path="/orders/7",
        headers={"X-Waiter": "Bob"},
        count=2,
        hint="sign_in should add Authorization to the session's headers and keep the session's own headers: "
        "add to them; replacing them all loses the ones the session already had.",
    )
    expect_bearer(requests_mock, "tok-123")


def test_wrong_password_is_unauthorized(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/auth/token", **problem(401, "Unknown username or wrong password."))
    client, _ = make(exercise, base_url + "/")
    error = fails(exercise.Unauthorized, client.sign_in, "ada", "wrong", hint="A 401 becomes Unauthorized.")
    expect_kitchen_words(error, 401, "Unknown username or wrong password.")


def test_review_without_signing_in_is_unauthorized(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/reviews", **problem(401, "This endpoint needs a bearer token."))
    client, _ = make(exercise, base_url + "/")
    fails(exercise.Unauthorized, client.review, 11, 5, "Yum.", hint="The kitchen answered 401: raise Unauthorized.")
    expect_request(
        requests_mock, method="POST", path="/reviews", json={"dish_id": 11, "rating": 5, "text": "Yum."}, count=1
    )


# The live kitchen --------------------------------------------------------------------------------


def test_live_a_whole_dinner(exercise, kitchen):
    kitchen.faults(next=[{"status": 503, "count": 1, "path": "/payments", "method": "POST"}])
    clock = FakeClock(then=kitchen.advance, give_up_after=120)  # waiting moves the kitchen's clock
    client, _ = make(exercise, base=kitchen.url, clock=clock)
    with client:
        table = run(client.book_table, "Ada", 2)
        order = run(client.order, table, {11: 2, 17: 1}, notes="no basil")
        ready = run(client.wait_until_ready, order, interval=1.0, deadline=60.0)
        payment = run(client.pay, ready, tip=2.0)
        run(client.sign_in, "ada", "lovelace")
        review = run(client.review, 11, 5, "Best pizza in town.")
    results = [table, order, ready, payment, review]
    expected = [
        exercise.Table(1, "Ada", 2),
        exercise.Order(1, 1, "received", 23.8),
        exercise.Order(1, 1, "ready", 23.8),
        exercise.Payment(1, 1, 23.8, 2.0, 25.8),
        exercise.Review(getattr(review, "id", 0), 11, 5, "Best pizza in town.", "ada"),  # after the seeded reviews
    ]
    expect_true(results == expected, "The dinner did not go as planned.", expected=repr(expected), actual=repr(results))
    expect_true(
        7 <= clock.elapsed <= 8 and all(s == 1.0 for s in clock.sleep.calls[:-1]),
        "The order takes 7 s to cook: the client should have polled once a second until then, and paid after "
        "one wait of 1 s for the kitchen's 503.",
        actual=f"waits {clock.sleep.calls!r}",
    )
    seen = [(entry["method"], entry["path"], entry["status"]) for entry in kitchen.journal()]
    polls = [entry for entry in seen if entry[:2] == ("GET", "/orders/1")]
    rest = [entry for entry in seen if entry[:2] != ("GET", "/orders/1")]
    expect_true(
        rest
        == [
            ("POST", "/tables", 201),
            ("POST", "/orders", 201),
            ("POST", "/payments", 503),
            ("POST", "/payments", 201),
            ("POST", "/auth/token", 200),
            ("POST", "/reviews", 201),
        ]
        and 7 <= len(polls) <= 9,
        "The kitchen should have seen: a table, an order, polls, a payment tried twice, a token, a review.",
        actual="\n".join(f"{m} {p} -> {s}" for m, p, s in seen),
    )
    payments = kitchen.api("GET", "/payments")
    expect_true(
        payments["count"] == 1, "The guest should have been charged once.", actual=f"{payments['count']} charges"
    )


def test_live_errors_in_the_kitchen_s_words(exercise, kitchen):
    client, _ = make(exercise, base=kitchen.url)
    error = fails(exercise.NotFound, client.get_order, 99, hint="The kitchen answers 404.")
    expect_true(
        "99" in str(error) and error.status == 404, "NotFound should say the kitchen's detail.", actual=str(error)
    )
    error = fails(exercise.Rejected, client.book_table, "", 40, hint="The kitchen answers 422.")
    expect_true(
        len(error.errors) == 2,
        "Rejected should carry the kitchen's two field errors (name, party_size).",
        actual=repr(error.problem),
    )
    fails(exercise.Unauthorized, client.review, 11, 5, "Yum.", hint="Not signed in: the kitchen answers 401.")
    fails(exercise.Unauthorized, client.sign_in, "ada", "wrong", hint="A wrong password: the kitchen answers 401.")
    kitchen.set_open(False)
    fails(exercise.Unavailable, client.book_table, "Ada", 2, hint="A closed kitchen answers 503: Unavailable.")
