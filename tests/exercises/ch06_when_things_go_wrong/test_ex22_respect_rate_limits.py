"""Exercise 22: get_dishes(...) waits Retry-After seconds on a 429, a limited number of times per dish."""

import pytest
import requests

from kata.expect import FakeSleep, call, expect_request, expect_sleeps, expect_true, raises, sent_requests
from kata.kitchen.fake_replies import json_reply, problem_reply

SOUP = {"id": 1, "name": "Tomato soup", "category": "starter", "price": 5.5, "vegetarian": True, "description": "Hot."}
BREAD = {
    "id": 2,
    "name": "Garlic bread",
    "category": "starter",
    "price": 4.0,
    "vegetarian": True,
    "description": "Warm.",
}
SQUID = {
    "id": 3,
    "name": "Calamari",
    "category": "starter",
    "price": 7.9,
    "vegetarian": False,
    "description": "Fried, aïoli.",
}


SLUGS = {
    400: "invalid-query",
    404: "not-found",
    500: "internal-error",
    502: "injected-fault",
    503: "service-unavailable",
}


def too_many(retry_after=None):
    """A 429 answer, with a Retry-After header when given."""
    answer = problem_reply("rate-limited", "Two requests per 10 seconds.")
    answer["headers"].pop("Retry-After")
    if retry_after is not None:
        answer["headers"]["Retry-After"] = str(retry_after)
    return answer


def paths(requests_mock):
    return [sent.path for sent in sent_requests(requests_mock)]


def expect_paths(requests_mock, wanted, summary, hint):
    __tracebackhide__ = True
    got = paths(requests_mock)
    expect_true(
        got == wanted,
        summary,
        expected=", ".join(f"GET {p}" for p in wanted),
        actual=", ".join(f"GET {p}" for p in got) or "no request",
        hint=hint,
    )


def test_asks_for_each_dish_in_order(exercise, requests_mock, base_url):
    for dish in (SOUP, BREAD, SQUID):
        requests_mock.get(f"{base_url}/menu/{dish['id']}", **json_reply(dish))  # aïoli as raw UTF-8 bytes
    sleep = FakeSleep()
    call(exercise.get_dishes, base_url, [3, 1, 2], sleep=sleep).returns(
        [SQUID, SOUP, BREAD], hint="Return the dishes (the JSON of each answer) in the order of dish_ids."
    )
    expect_paths(
        requests_mock,
        ["/menu/3", "/menu/1", "/menu/2"],
        "Ask once for each dish, in order.",
        "GET {base_url}/menu/{dish_id} for each id.",
    )
    for index in range(3):
        expect_request(requests_mock, method="GET", path=paths(requests_mock)[index], index=index, timeout=True)
    expect_sleeps(sleep, [], hint="The kitchen never said 429: there is no reason to wait.")


def test_no_dishes_no_requests(exercise, requests_mock, base_url):
    call(exercise.get_dishes, base_url, [], sleep=FakeSleep()).returns([], hint="No ids, no dishes: an empty list.")


def test_waits_what_retry_after_says_then_asks_again(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", [too_many(retry_after=2), {"json": SOUP}])
    sleep = FakeSleep()
    call(exercise.get_dishes, base_url, [1], sleep=sleep).returns(
        [SOUP], hint="After the wait, the second answer has the dish."
    )
    expect_sleeps(
        sleep,
        [2],
        hint="The 429 said `Retry-After: 2`: wait that many seconds, with the `sleep` you were given, before asking "
        "again.",
    )
    expect_paths(
        requests_mock,
        ["/menu/1", "/menu/1"],
        "After a 429, ask again for the same dish.",
        "Loop until the answer is not 429.",
    )


def test_each_wait_is_what_that_answer_says(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", [too_many(retry_after=3), too_many(retry_after=1), {"json": SOUP}])
    sleep = FakeSleep()
    call(exercise.get_dishes, base_url, [1], sleep=sleep).returns([SOUP])
    expect_sleeps(
        sleep,
        [3, 1],
        hint="Read Retry-After from each 429 answer: the kitchen may ask for a different wait each time.",
    )


def test_waits_one_second_when_the_kitchen_does_not_say(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", [too_many(), {"json": SOUP}])
    sleep = FakeSleep()
    call(exercise.get_dishes, base_url, [1], sleep=sleep).returns([SOUP])
    expect_sleeps(sleep, [1], hint="No Retry-After header: wait 1 second, as the docstring says.")


def test_gives_up_after_max_waits(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", **too_many(retry_after=2))
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.get_dishes,
        base_url,
        [1],
        max_waits=3,
        sleep=sleep,
        hint="After max_waits waits the kitchen still says 429: give up, with the exception the general status check "
        "raises.",
    )
    expect_sleeps(sleep, [2, 2, 2], hint="Wait at most max_waits times for one dish, and not after the last 429.")
    expect_paths(
        requests_mock,
        ["/menu/1"] * 4,
        "With max_waits=3: ask, then wait and ask again three times, then give up.",
        "Count the waits and stop when the count reaches max_waits.",
    )


def test_max_waits_is_a_parameter(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", **too_many(retry_after=1))
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.get_dishes,
        base_url,
        [1],
        max_waits=1,
        sleep=sleep,
        hint="Use max_waits, not a fixed number.",
    )
    expect_sleeps(sleep, [1], hint="max_waits=1: one wait, then give up.")


def test_the_count_starts_again_for_each_dish(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu/1", [too_many(retry_after=1), {"json": SOUP}])
    requests_mock.get(f"{base_url}/menu/2", [too_many(retry_after=1), too_many(retry_after=1), {"json": BREAD}])
    sleep = FakeSleep()
    call(
        exercise.get_dishes,
        base_url,
        [1, 2],
        max_waits=2,
        sleep=sleep,
        hint="max_waits counts the waits for ONE dish: start counting at 0 again for the next dish.",
    ).returns([SOUP, BREAD])
    expect_sleeps(sleep, [1, 1, 1])


@pytest.mark.parametrize("status", [404, 400, 500, 502, 503])
def test_other_errors_raise_at_once(exercise, requests_mock, base_url, status):
    # problem_reply gives the 503 a Retry-After, as the kitchen does: still, this exercise waits on a 429 only
    error = problem_reply(SLUGS[status], f"The kitchen says {status}.", status=status)
    requests_mock.get(f"{base_url}/menu/99", [error, {"json": SOUP}])
    sleep = FakeSleep()
    raises(
        requests.HTTPError,
        exercise.get_dishes,
        base_url,
        [99],
        sleep=sleep,
        hint=f"Only a 429 means 'wait and ask again'. What should a {status} do?",
    )
    expect_sleeps(sleep, [], hint=f"Do not wait on a {status}: waiting will not change it.")
    expect_paths(
        requests_mock, ["/menu/99"], f"A {status} is not a reason to ask again.", "Ask again only after a 429."
    )


def test_live_kitchen_rate_limit(exercise, kitchen):
    kitchen.faults(rate_limit={"limit": 2, "window": 10})  # two requests per 10 seconds of the kitchen's clock
    sleep = FakeSleep(then=kitchen.advance)  # a wait moves the kitchen's clock on
    dishes = call(exercise.get_dishes, kitchen.url, [1, 2, 3, 4, 5], sleep=sleep).value
    names = [dish.get("name") if isinstance(dish, dict) else dish for dish in dishes or []]
    expect_true(
        names == ["Tomato soup", "Garlic bread", "Calamari", "Bruschetta", "Caesar salad"],
        "get_dishes(kitchen, [1, 2, 3, 4, 5]) should return the five dishes, in order.",
        actual=repr(names),
        hint="Collect the JSON of each answer that is not a 429.",
    )
    expect_sleeps(sleep, [10, 10], hint="The kitchen's 429 said `Retry-After: 10`: wait exactly that, once per 429.")
    statuses = [entry["status"] for entry in kitchen.journal()]
    expect_true(
        statuses == [200, 200, 429, 200, 200, 429, 200],
        "The kitchen should have seen two dishes, a 429, a wait, two dishes, a 429, a wait, the last dish.",
        actual=repr(statuses),
        hint="After a 429, wait, then ask again for the same dish.",
    )
