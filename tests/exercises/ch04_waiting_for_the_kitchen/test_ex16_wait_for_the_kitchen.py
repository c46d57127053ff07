"""Exercise 16: wait_until_ready(...) polls an order politely (an interval) and gives up in time (a deadline).

The tests pass a FakeClock: `fake` as `clock=`, `fake.sleep` as `sleep=`. Time moves only when the code waits
(and, in some tests, while the waiter walks to the kitchen and back), so no test waits for real.
"""

import pytest
import requests

from kata.expect import FakeClock, call, expect_request, expect_sleeps, expect_true, fail, raises
from kata.expect.waits import RESTARTED_CLOCK_HINT
from kata.kitchen.fake_replies import html_reply, problem_reply, utf8_json

MAX_POLLS = 100  # the longest test asks 60 times (deadline 30 s, interval 0.5 s)
ASK_HINT = (
    "Do you ask again until the status is 'ready', waiting through the `sleep` you were given in between? "
    "And from which moment is the deadline measured, on which clock (it does not start at 0)?"
)
DEADLINE_HINT = (
    "From which moment is the deadline measured, and is that moment read once, before the first request? "
    "After each answer that is not ready: is the time up on the `clock` you were given? If not, wait."
)


def order(status, order_id=42):
    ready_in = {"received": 7.0, "cooking": 4.0}.get(status, 0.0)
    return {
        "id": order_id,
        "table_id": 3,
        "items": [{"dish_id": 11, "name": "Pizza Margherita", "quantity": 1, "unit_price": 9.0, "line_total": 9.0}],
        "notes": "Tiramisù after the pizza",  # sent as raw UTF-8 bytes, as most servers do
        "status": status,
        "total": 9.0,
        "guest": None,
        "created_at": "2024-01-01T12:00:00.000Z",
        "updated_at": "2024-01-01T12:00:00.000Z",
        "ready_in": ready_in,
    }


class StatusScript:
    """GET /orders/<id> answering `statuses` in turn (the last one for ever); notes the fake time of each poll.

    Each answer takes `takes` fake seconds: the waiter's walk to the kitchen and back.
    """

    def __init__(self, requests_mock, base_url, clock, statuses, *, order_id=42, takes=0.0):
        self.polls = []

        def answer(request, context):
            clock.check_real_time()
            self.polls.append(clock.elapsed)
            if len(self.polls) > MAX_POLLS and len(clock.sleep.calls) >= MAX_POLLS and clock.reads:  # never stops
                fail(
                    f"Your code asked {len(self.polls)} times in {clock.elapsed:g} seconds, waiting between two "
                    "questions, and was still going: it never gives up.",
                    expected="a stop (return or raise) once the deadline has passed",
                    actual=f"{len(self.polls)} requests, {len(clock.sleep.calls)} waits",
                    hint=RESTARTED_CLOCK_HINT,
                    cause="waits: never gives up",  # the same mistake in every test that polls: one block
                )
            if len(self.polls) > MAX_POLLS:
                fail(
                    f"Your code asked {len(self.polls)} times in {clock.elapsed:g} seconds and was still going.",
                    expected="a wait of `interval` seconds between two questions, and a stop at the deadline",
                    actual=f"{len(self.polls)} requests, {len(clock.sleep.calls)} waits",
                    hint="Wait `interval` seconds with the `sleep` you were given between two requests, and "
                    "measure the deadline with the `clock` you were given.",
                    cause="waits: never waits",
                )
            clock.pass_time(takes)
            return order(statuses[min(len(self.polls), len(statuses)) - 1], order_id)

        def raw_utf8(request, context):
            return utf8_json(answer(request, context))

        headers = {"Content-Type": "application/json"}
        requests_mock.get(f"{base_url}/orders/{order_id}", headers=headers, content=raw_utf8)

    def gaps(self):
        return [later - earlier for earlier, later in zip(self.polls, self.polls[1:])]


def polls_text(polls):
    return ", ".join(f"{t:g} s" for t in polls[:12]) + (", ..." if len(polls) > 12 else "")


def test_asks_for_the_order(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["ready"], order_id=7)
    call(
        exercise.wait_until_ready, base_url, 7, interval=0.5, deadline=10.0, sleep=fake.sleep, clock=fake, hint=ASK_HINT
    )
    expect_request(
        requests_mock, method="GET", path="/orders/7", query={}, count=1, hint="Ask `GET {base_url}/orders/{order_id}`."
    )


def test_a_ready_order_comes_back_without_waiting(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["ready"])
    call(
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=10.0,
        sleep=fake.sleep,
        clock=fake,
        hint=ASK_HINT,
    ).returns(order("ready"), hint="When the first answer is ready, return it at once, without waiting.")
    expect_sleeps(fake.sleep, [], hint="Ask first, wait only when the order is not ready yet.")


def test_waits_the_interval_with_the_sleep_it_was_given(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["received", "received", "cooking", "ready"])
    call(
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.25,
        deadline=10.0,
        sleep=fake.sleep,
        clock=fake,
        hint=ASK_HINT,
    )
    expect_sleeps(
        fake.sleep,
        [0.25, 0.25, 0.25],
        hint="Between two questions, wait `interval` seconds with the `sleep` you were given.",
    )


def test_returns_the_ready_order(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["received", "cooking", "cooking", "ready"])
    call(
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=30.0,
        sleep=fake.sleep,
        clock=fake,
        hint=ASK_HINT,
    ).returns(order("ready"), hint="Return the order as the kitchen sent it once ready: the dict of its JSON answer.")


def test_never_asks_more_often_than_the_interval(exercise, requests_mock, base_url):
    fake = FakeClock()
    kitchen = StatusScript(requests_mock, base_url, fake, ["cooking"] * 8 + ["ready"], takes=0.125)
    call(
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=30.0,
        sleep=fake.sleep,
        clock=fake,
        hint=ASK_HINT,
    )
    expect_true(
        len(kitchen.polls) >= 2 and all(gap >= 0.5 - 1e-9 for gap in kitchen.gaps()),
        "Between two questions to the kitchen, at least `interval` seconds must pass (here interval=0.5).",
        expected="requests at 0 s, 0.625 s, 1.25 s, ... (the order is ready at the 9th)",
        actual=f"requests at {polls_text(kitchen.polls)}",
        hint="After every answer that is not ready, wait `interval` seconds with the `sleep` you were given.",
    )


def give_up_on_order_42(exercise, base_url, fake):
    """`wait_until_ready(base_url, 42, interval=0.5, deadline=2.5)` on the fake clock must raise KitchenTooSlow."""
    __tracebackhide__ = True
    raises(
        exercise.KitchenTooSlow,
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=2.5,
        sleep=fake.sleep,
        clock=fake,
        hint=DEADLINE_HINT,
    )


def test_gives_up_with_kitchen_too_slow(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["cooking"])
    give_up_on_order_42(exercise, base_url, fake)


def test_gives_up_soon_after_the_deadline(exercise, requests_mock, base_url):
    fake = FakeClock()
    kitchen = StatusScript(requests_mock, base_url, fake, ["cooking"], takes=0.125)
    give_up_on_order_42(exercise, base_url, fake)
    expect_true(
        fake.elapsed <= 2.5 + 0.5 + 0.125 + 1e-9 and len(kitchen.polls) <= 2.5 / 0.5 + 2,
        "With deadline=2.5 and interval=0.5, your code should give up about 2.5 seconds after it started "
        "(each answer here takes 0.125 s: count the time with `clock()`, not by counting requests).",
        expected="KitchenTooSlow after 2.5 to 3.125 seconds, after at most 7 requests",
        actual=f"KitchenTooSlow after {fake.elapsed:g} seconds, requests at {polls_text(kitchen.polls)}",
        hint=DEADLINE_HINT,
    )


def test_keeps_asking_until_the_deadline(exercise, requests_mock, base_url):
    fake = FakeClock()
    kitchen = StatusScript(requests_mock, base_url, fake, ["cooking"])
    give_up_on_order_42(exercise, base_url, fake)
    expect_true(
        fake.elapsed >= 2.5 - 1e-9 and len(kitchen.polls) >= 5,
        "Your code gave up before the deadline: the kitchen had 2.5 seconds, and it got less.",
        expected="requests at 0 s, 0.5 s, 1 s, 1.5 s, 2 s, 2.5 s, then KitchenTooSlow",
        actual=f"requests at {polls_text(kitchen.polls)}, then KitchenTooSlow after {fake.elapsed:g} seconds",
        hint="Measure the time since you started: note what the `clock` says before the first request, and "
        "compare each later reading with it. (The clock does not start at 0.)",
    )


def test_gives_up_exactly_at_the_deadline(exercise, requests_mock, base_url):
    fake = FakeClock()
    kitchen = StatusScript(requests_mock, base_url, fake, ["cooking"])
    give_up_on_order_42(exercise, base_url, fake)
    expect_true(
        kitchen.polls == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5] and abs(fake.elapsed - 2.5) <= 1e-9,
        "The docstring's order is: ask, return if ready, give up if `clock() - started >= deadline`, else wait. "
        "So the last question is asked exactly at the deadline, and nothing is waited after it.",
        expected="requests at 0 s, 0.5 s, 1 s, 1.5 s, 2 s, 2.5 s, then KitchenTooSlow at once, exactly at the deadline",
        actual=f"requests at {polls_text(kitchen.polls)}, then KitchenTooSlow after {fake.elapsed:g} seconds",
        hint=DEADLINE_HINT,
    )


def test_an_order_ready_at_the_deadline_is_returned(exercise, requests_mock, base_url):
    fake = FakeClock()
    StatusScript(requests_mock, base_url, fake, ["cooking"] * 5 + ["ready"])  # the 6th answer, at 2.5 s, is ready
    call(
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=2.5,
        sleep=fake.sleep,
        clock=fake,
        hint=DEADLINE_HINT,
    ).returns(
        order("ready"),
        hint="Ask before you look at the clock: the answer at the deadline (exactly at the deadline) "
        "may be the ready one. " + DEADLINE_HINT,
    )


ERRORS = {
    404: problem_reply("not-found", "There is no order 42."),
    500: problem_reply("internal-error", "The oven broke."),
    502: html_reply(502),
    503: problem_reply("closed", "The kitchen is closed."),
}


@pytest.mark.parametrize("status", sorted(ERRORS))
def test_an_error_status_raises_at_once(exercise, requests_mock, base_url, status):
    fake = FakeClock()

    def asked_again(request, context):
        fail(
            f"Your code asked again after a {status} answer.",
            expected=f"requests.HTTPError raised at the first {status}",
            actual=f"a second GET /orders/42, after waits of {fake.sleep.calls!r}",
            hint="An error status ends the wait at once: which method of the response raises for it? Call it "
            "before reading the body, and do not ask again.",
        )

    requests_mock.get(f"{base_url}/orders/42", [ERRORS[status], {"json": asked_again}])
    raises(
        requests.HTTPError,
        exercise.wait_until_ready,
        base_url,
        42,
        interval=0.5,
        deadline=10.0,
        sleep=fake.sleep,
        clock=fake,
        hint="Check the status of every answer before reading its body: an error will not go away by waiting "
        "(and a proxy's error page is not JSON).",
    )
    expect_request(
        requests_mock,
        method="GET",
        path="/orders/42",
        count=1,
        hint="An error status ends the wait at once: raise, do not ask again.",
    )


def place_order(kitchen):
    table = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})
    return kitchen.api("POST", "/orders", {"table_id": table["id"], "items": [{"dish_id": 11, "quantity": 1}]})


def polls_of(kitchen, order_id):
    return [e for e in kitchen.journal() if e["method"] == "GET" and e["path"] == f"/orders/{order_id}"]


def test_live_the_order_moves_from_received_to_ready(exercise, kitchen):
    placed = place_order(kitchen)  # the kitchen cooks for 7 seconds of its clock
    fake = FakeClock(kitchen.advance)  # every wait moves the kitchen's clock too
    ready = call(
        exercise.wait_until_ready, kitchen.url, placed["id"], interval=2.0, deadline=30.0, sleep=fake.sleep, clock=fake
    ).value
    expect_true(
        isinstance(ready, dict) and ready.get("id") == placed["id"] and ready.get("status") == "ready",
        "wait_until_ready(...) should return the live order once its status is 'ready'.",
        actual=repr(ready)[:300],
    )
    polls = polls_of(kitchen, placed["id"])
    expect_true(
        4 <= len(polls) <= 6 and all(e["status"] == 200 for e in polls),
        "The order is ready after 7 seconds: asking every 2 seconds takes about 5 requests.",
        expected="GET /orders/1 at 0 s, 2 s, 4 s, 6 s, 8 s",
        actual=f"{len(polls)} requests for the order, waits: {fake.sleep.calls}",
        hint="Ask, and if not ready, wait `interval` seconds with the `sleep` you were given.",
    )


def test_live_gives_up_on_a_slow_kitchen(exercise, kitchen):
    placed = place_order(kitchen)
    fake = FakeClock(kitchen.advance)
    raises(
        exercise.KitchenTooSlow,
        exercise.wait_until_ready,
        kitchen.url,
        placed["id"],
        interval=1.0,
        deadline=3.0,
        sleep=fake.sleep,
        clock=fake,
        hint=DEADLINE_HINT,
    )
    polls = polls_of(kitchen, placed["id"])
    expect_true(
        3 <= len(polls) <= 5,
        "With deadline=3 and interval=1, the kitchen should be asked about 4 times before you give up.",
        actual=f"{len(polls)} requests for the order, waits: {fake.sleep.calls}",
        hint=DEADLINE_HINT,
    )
