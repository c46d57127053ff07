"""Exercise 24's shared checks: the kitchen's answers as the tests fake them, and the calls into the learner's client.

Imported by both of its test files (test_ex24_restaurant_client.py and test_ex24_restaurant_client_pay_and_review.py).
"""

from kata.expect import FakeClock, call, expect_true, raises
from kata.kitchen.fake_replies import problem_reply

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
