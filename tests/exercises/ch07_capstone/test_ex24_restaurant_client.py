"""Exercise 24: RestaurantClient serves a whole dinner: one Session, typed results, one exception hierarchy.

Its tests, part 1: setting up, booking and ordering, errors, waiting for the kitchen (part 2, paying, signing in
and reviewing, and the live kitchen, is test_ex24_restaurant_client_pay_and_review.py). The `exercise` fixture
hands out the learner's classes with time-limited methods; `run()` / `fails()` (capstone_checks.py) call them
and report what they returned or raised.
"""

import pytest
import requests

from kata.expect import expect_request, expect_sleeps, expect_timeout, expect_true, sent_requests
from kata.kitchen.fake_replies import html_reply

from .capstone_checks import TABLE, TIMEOUT, expect_kitchen_words, expect_result, fails, make, order_json, problem, run


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
