"""Exercise 24: RestaurantClient serves a whole dinner: one Session, typed results, one exception hierarchy.

The `exercise` fixture hands out the learner's classes with time-limited methods; `run()` / `fails()`
below call them and report what they returned or raised.
"""

import base64

import pytest
import requests

from kata.expect import (
    FakeClock,
    bearer,
    call,
    expect_request,
    expect_sleeps,
    expect_timeout,
    expect_true,
    raises,
    sent_requests,
)
from kata.kitchen.fake_replies import html_reply, json_reply, problem_reply

TIMEOUT = 2.5
TABLE = {"id": 3, "name": "Ada", "party_size": 2, "status": "seated"}
ITEMS = [
    {"dish_id": 11, "name": "Pizza Margherita", "quantity": 2, "unit_price": 9.0, "line_total": 18.0},
    {"dish_id": 17, "name": "Apple crumble", "quantity": 1, "unit_price": 5.8, "line_total": 5.8},
]


def order_json(status="received", **changes):
    order = {
        "id": 7,
        "table_id": 3,
        "items": ITEMS,
        "notes": None,
        "status": status,
        "total": 23.8,
        "guest": None,
        "created_at": "2024-01-01T12:00:00.000Z",
        "updated_at": "2024-01-01T12:00:00.000Z",
        "ready_in": 7.0,
    }
    order.update(changes)
    return order


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


SLUGS = {
    400: "malformed-json",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "service-unavailable",
}


def problem(status, detail, **extra):
    """The kitchen's problem answer for `status` (from its catalogue; a status it has no problem of its own for,
    such as a gateway's 502 or a 410, as an injected fault with that status)."""
    return problem_reply(SLUGS.get(status, "injected-fault"), detail, status=status, **extra)


def make(exercise, base, **settings):
    """A RestaurantClient with a fake clock and sleep; returns (client, clock)."""
    clock = settings.pop("clock", None) or FakeClock(give_up_after=60)
    client = call(exercise.RestaurantClient, base, timeout=TIMEOUT, sleep=clock.sleep, clock=clock).value
    return client, clock


def run(method, *args, **kwargs):
    """Call a method of the learner's client, reported if it raises."""
    __tracebackhide__ = True
    return call(method, *args, **kwargs).value


def fails(exception, method, *args, hint=None, **kwargs):
    """Call a method that must raise `exception`; return the error."""
    __tracebackhide__ = True
    return raises(exception, method, *args, hint=hint, **kwargs)


def expect_result(value, expected, what, hint):
    __tracebackhide__ = True
    expect_true(
        type(value) is type(expected) and value == expected,
        f"{what} should return a {type(expected).__name__} built from the kitchen's answer.",
        expected=repr(expected),
        actual=repr(value)[:300],
        hint=hint,
    )


def expect_kitchen_words(error, status, detail):
    """The error carries the status, the problem details, and says the kitchen's detail."""
    __tracebackhide__ = True
    expect_true(
        error.status == status and error.problem.get("detail") == detail and detail in str(error),
        f"The exception should carry the kitchen's answer: status={status}, problem=<the JSON body>, "
        "and a message that contains the problem's detail.",
        expected=f"status={status}, problem['detail']={detail!r}, {detail!r} in the message",
        actual=f"status={error.status!r}, problem={error.problem!r}, message={str(error)!r}",
        hint="The error carries the status, the problem as the kitchen sent it, and a message that includes "
        "the problem's `detail`.",
    )


def expect_words_not_the_body(error):
    """The message says the kitchen's detail in words: it is not the raw JSON body of the answer."""
    __tracebackhide__ = True
    message = str(error)
    expect_true(
        '"detail"' not in message and "'detail'" not in message,
        "The exception's message should say the kitchen's detail, not the whole body of the answer: "
        "a guest reading it wants the kitchen's words, not JSON.",
        expected=f"a message such as {'GET /orders/7 answered 404: ' + str(error.problem.get('detail'))!r}",
        actual=f"message={message[:300]!r}",
        hint="Build the message from the problem's `detail`, not from the raw text or the whole dict: "
        "the body is kept apart, in `problem`.",
    )


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


# Setting up -------------------------------------------------------------------------------------


def test_a_new_client_keeps_its_settings_and_sends_nothing(exercise, requests_mock, base_url):
    client, clock = make(exercise, base_url + "/")
    expect_true(
        client.base_url == base_url
        and client.timeout == TIMEOUT
        and client.sleep is clock.sleep
        and client.clock is clock,
        "RestaurantClient(base_url, timeout, sleep, clock) should keep its settings as attributes "
        "(base_url without a trailing slash).",
        expected=f"base_url={base_url!r}, timeout={TIMEOUT}, sleep and clock as given",
        actual=f"base_url={getattr(client, 'base_url', None)!r}, timeout={getattr(client, 'timeout', None)!r}",
        hint="Keep what you were given on the client: the base URL (without its trailing slash), the timeout, "
        "the sleep and the clock.",
    )
    expect_true(
        isinstance(getattr(client, "session", None), requests.Session),
        "The client should make one requests.Session, as `self.session`.",
        actual=repr(getattr(client, "session", None)),
        hint="Make one requests Session when the client is made, and keep it as `session`.",
    )
    expect_true(
        not sent_requests(requests_mock),
        "Making a client must not send any request.",
        actual=f"{len(sent_requests(requests_mock))} request(s)",
    )


def test_requests_go_through_the_session(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/tables", status_code=201, json=TABLE)
    client, _ = make(exercise, base_url + "/")
    client.session.headers["X-Waiter"] = "Bob"
    run(client.book_table, "Ada", 2)
    expect_request(
        requests_mock,
        method="POST",
        path="/tables",
        headers={"X-Waiter": "Bob"},
        hint="Send every request through the client's session, not through the functions of the requests "
        "module: the session carries headers (like the token from sign_in) and keeps the connection open.",
    )


def test_close_closes_the_session(exercise, requests_mock, base_url):
    client, _ = make(exercise, base_url + "/")
    closed = []
    client.session.close = lambda: closed.append(True)
    with client:
        pass
    expect_true(
        closed == [True],
        "Leaving `with RestaurantClient(...) as client:` should close the session.",
        hint="close() should close the session the client made.",
    )


# Booking and ordering ----------------------------------------------------------------------------


def test_book_table(exercise, requests_mock, base_url):
    requests_mock.post(f"{base_url}/tables", status_code=201, json=TABLE, headers={"Location": "/tables/3"})
    client, _ = make(exercise, base_url + "/")
    table = run(client.book_table, "Ada", 2)
    expect_request(requests_mock, method="POST", path="/tables", json={"name": "Ada", "party_size": 2}, count=1)
    expect_timeout(requests_mock, TIMEOUT, hint="Does every request get the timeout the client was given?")
    expect_result(
        table,
        exercise.Table(id=3, name="Ada", party_size=2),
        "book_table('Ada', 2)",
        "Build the Table from the JSON answer, with only the fields Table has (id, name, party_size).",
    )


def test_book_table_refused(exercise, requests_mock, base_url):
    errors = [{"field": "party_size", "message": "must be from 1 to 12, got 40"}]
    requests_mock.post(f"{base_url}/tables", **problem(422, "1 field(s) need fixing: party_size.", errors=errors))
    client, _ = make(exercise, base_url + "/")
    error = fails(
        exercise.Rejected, client.book_table, "Ada", 40, hint="A 422 means the kitchen refused: raise Rejected."
    )
    expect_kitchen_words(error, 422, "1 field(s) need fixing: party_size.")
    expect_true(
        error.errors == errors, "Rejected.errors should list the kitchen's field errors.", actual=repr(error.errors)
    )


@pytest.mark.parametrize("notes", [None, "no basil"], ids=["without notes", "with notes"])
def test_order(exercise, requests_mock, base_url, notes):
    requests_mock.post(
        f"{base_url}/orders", status_code=201, json=order_json(notes=notes), headers={"Location": "/orders/7"}
    )
    client, _ = make(exercise, base_url + "/")
    order = run(client.order, exercise.Table(3, "Ada", 2), {11: 2, 17: 1}, notes=notes)
    body = {"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}, {"dish_id": 17, "quantity": 1}]}
    if notes is not None:
        body["notes"] = notes
    expect_request(
        requests_mock,
        method="POST",
        path="/orders",
        json=body,
        count=1,
        hint="One line (dish_id and quantity) per entry of `dishes`, the table's id, and notes only when given.",
    )
    expect_timeout(requests_mock, TIMEOUT)
    expect_result(
        order,
        exercise.Order(id=7, table_id=3, status="received", total=23.8),
        "order(...)",
        "Build an Order from the 201 answer.",
    )


def test_get_order(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/orders/7", json=order_json("cooking"))
    client, _ = make(exercise, base_url + "/")
    order = run(client.get_order, 7)
    expect_request(requests_mock, method="GET", path="/orders/7", count=1)
    expect_timeout(requests_mock, TIMEOUT)
    expect_result(order, exercise.Order(7, 3, "cooking", 23.8), "get_order(7)", "Build an Order from the answer.")


def test_an_unknown_order_is_not_found(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/orders/99", **problem(404, "No order 99: never placed, or cancelled (désolé — ça arrive).")
    )
    client, _ = make(exercise, base_url + "/")
    error = fails(exercise.NotFound, client.get_order, 99, hint="A 404 becomes NotFound.")
    expect_kitchen_words(error, 404, "No order 99: never placed, or cancelled (désolé — ça arrive).")


# Errors: one hierarchy ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, "Rejected"),
        (409, "Rejected"),
        (415, "Rejected"),
        (422, "Rejected"),
        (401, "Unauthorized"),
        (403, "Unauthorized"),
        (429, "Unavailable"),
        (500, "Unavailable"),
        (502, "Unavailable"),
        (503, "Unavailable"),
        (504, "Unavailable"),
        (404, "NotFound"),
        (410, "RestaurantError"),
    ],
)
def test_each_error_status_has_its_exception(exercise, requests_mock, base_url, status, kind):
    requests_mock.get(f"{base_url}/orders/7", **problem(status, f"The kitchen says {status}."))
    client, _ = make(exercise, base_url + "/")
    expected = getattr(exercise, kind)
    error = fails(
        expected,
        client.get_order,
        7,
        hint=f"The table in the docstring: {status} -> {kind}. Check the status before reading the body as an order.",
    )
    expect_true(
        type(error) is expected,
        f"A {status} answer should raise exactly {kind}.",
        actual=f"{type(error).__name__}",
        hint=f"The table in the docstring: {status} -> {kind}.",
    )
    expect_kitchen_words(error, status, f"The kitchen says {status}.")
    expect_words_not_the_body(error)


def test_an_error_without_json_is_still_explained(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/orders/7", **html_reply(502))
    client, _ = make(exercise, base_url + "/")
    error = fails(
        exercise.Unavailable,
        client.get_order,
        7,
        hint="A proxy's 502 page is not JSON: what does reading it as JSON raise? Then the problem is an empty dict.",
    )
    expect_true(
        error.status == 502 and error.problem == {},
        "Without a JSON body, the error has status 502 and problem {}.",
        actual=f"status={error.status!r}, problem={error.problem!r}",
    )


@pytest.mark.parametrize("failure", [requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout])
def test_no_answer_is_unavailable(exercise, requests_mock, base_url, failure):
    requests_mock.post(f"{base_url}/tables", exc=failure("the line went dead"))
    client, _ = make(exercise, base_url + "/")
    error = fails(
        exercise.Unavailable,
        client.book_table,
        "Ada",
        2,
        hint="Catch requests.exceptions.ConnectionError and Timeout and raise Unavailable (status None): "
        "callers catch RestaurantError, never a raw requests exception.",
    )
    expect_true(
        error.status is None, "Without an answer there is no status: status=None.", actual=f"status={error.status!r}"
    )


# Waiting for the kitchen -------------------------------------------------------------------------


def test_waits_until_ready(exercise, requests_mock, base_url):
    requests_mock.get(
        f"{base_url}/orders/7",
        [{"json": order_json("received")}, {"json": order_json("cooking")}, {"json": order_json("ready")}],
    )
    client, clock = make(exercise, base_url + "/")
    ready = run(client.wait_until_ready, exercise.Order(7, 3, "received", 23.8))
    expect_result(
        ready,
        exercise.Order(7, 3, "ready", 23.8),
        "wait_until_ready(order)",
        "Return the order as the last poll saw it: ready.",
    )
    expect_request(
        requests_mock, method="GET", path="/orders/7", count=3, hint="Poll GET /orders/{id} until the status is ready."
    )
    expect_sleeps(
        clock.sleep, [1.0, 1.0], hint="Wait `interval` seconds (with self.sleep) between two polls, not after the last."
    )


def test_a_ready_order_needs_no_wait(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/orders/7", json=order_json("ready"))
    client, clock = make(exercise, base_url + "/")
    run(client.wait_until_ready, exercise.Order(7, 3, "received", 23.8), interval=2.0)
    expect_request(requests_mock, method="GET", path="/orders/7", count=1, hint="Ask at once: it may be ready already.")
    expect_sleeps(clock.sleep, [], hint="Ready at the first poll: no wait.")


def test_polls_at_the_interval_given(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/orders/7", [{"json": order_json("cooking")}, {"json": order_json("served")}])
    client, clock = make(exercise, base_url + "/")
    served = run(
        client.wait_until_ready,
        exercise.Order(7, 3, "received", 23.8),
        interval=2.5,
        hint='A served order is past ready: stop polling when the status is "ready" or "served".',
    )
    expect_result(
        served,
        exercise.Order(7, 3, "served", 23.8),
        "wait_until_ready(order)",
        "A served order is past ready: return it.",
    )
    expect_sleeps(clock.sleep, [2.5], hint="Use the `interval` you were given.")


def test_gives_up_at_the_deadline(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/orders/7", json=order_json("cooking"))
    client, clock = make(exercise, base_url + "/")
    fails(
        exercise.KitchenTooSlow,
        client.wait_until_ready,
        exercise.Order(7, 3, "received", 23.8),
        interval=1.0,
        deadline=5.0,
        hint="After each poll, compare the time since you started (on the client's clock) with the deadline; "
        "raise KitchenTooSlow once it is reached.",
    )
    polls = len(sent_requests(requests_mock))
    expect_true(
        abs(clock.elapsed - 5) <= 1e-9 and polls == 6 and all(s == 1.0 for s in clock.sleep.calls),
        "With interval=1 and deadline=5, the client should poll once a second and give up once 5 seconds have "
        "passed: right after the poll at 5 s, without waiting again.",
        expected="6 polls (at 0, 1, 2, 3, 4 and 5 s), 1 s apart, then KitchenTooSlow at 5 s",
        actual=f"{polls} polls, waits {clock.sleep.calls!r}, KitchenTooSlow at {clock.elapsed:g} s",
        hint="Measure time with the client's clock and wait with its sleep; give up once the time since you "
        "started reaches the deadline (5 seconds HAVE passed at 5 s).",
    )


def test_the_deadline_is_measured_with_the_clock(exercise, requests_mock, base_url):
    client, clock = make(exercise, base_url + "/")

    def slow_answer(request, context):
        clock.pass_time(0.75)  # each answer takes 0.75 s: the waiter walks to the kitchen and back
        return order_json("cooking")

    requests_mock.get(f"{base_url}/orders/7", json=slow_answer)
    fails(
        exercise.KitchenTooSlow,
        client.wait_until_ready,
        exercise.Order(7, 3, "received", 23.8),
        interval=1.0,
        deadline=5.0,
        hint="After each poll, compare the time since you started (on the client's clock) with the deadline.",
    )
    polls = len(sent_requests(requests_mock))
    expect_true(
        clock.elapsed <= 5.0 + 1.0 + 0.75 + 1e-9 and polls <= 5,
        "With interval=1 and deadline=5, and answers that take 0.75 s each, the client should give up about "
        "5 seconds after it started: count the time with `self.clock()`, not by counting polls.",
        expected="KitchenTooSlow after 5 to 6.75 s, after at most 5 polls",
        actual=f"KitchenTooSlow after {clock.elapsed:g} s, {polls} polls, waits {clock.sleep.calls!r}",
        hint="Note the client's clock before the first poll; after each answer that is not ready, "
        "give up once the time since then reaches the deadline.",
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
