"""Exercise 9: place_order raises OrderRejected, in the kitchen's words, when the kitchen answers 400, 415 or 422."""

import json

import pytest
import requests

from kata.expect import call, expect_request, expect_true, raises
from kata.kitchen.fake_replies import html_reply, problem, problem_reply

INVALID = problem(
    "validation-error",
    "3 field(s) need fixing: items[0].quantity, notes, table_id.",
    instance="/orders",
    errors=[
        {"field": "items[0].quantity", "message": "must be from 1 to 20, got 0"},
        {"field": "notes", "message": "must be at most 200 characters — these have 231"},
        {"field": "table_id", "message": "there is no table 99; create one with POST /tables first"},
    ],
)
MALFORMED = problem("malformed-json", "The body is not valid JSON: Expecting value: line 1 column 1 (char 0).")
NOT_JSON = problem(
    "unsupported-media-type",
    "The body was sent as 'application/x-www-form-urlencoded'; this endpoint reads application/json.",
)
CHECK_FIRST = (
    "A 400, 415 or 422 means 'this order is wrong': does your code look for those statuses before the general "
    "status check raises, and raise OrderRejected with what the problem says?"
)


def refuses(requests_mock, problem, base_url):
    """The kitchen answers POST /orders with this problem."""
    slug = problem["type"].rsplit("/", 1)[-1]
    members = {k: v for k, v in problem.items() if k not in ("type", "title", "status", "detail", "hint")}
    requests_mock.post(f"{base_url}/orders", **problem_reply(slug, problem["detail"], **members))


def expect_explained(error, problem):
    """str(error) contains the problem's detail and every field error's field and message."""
    __tracebackhide__ = True
    wanted = [problem["detail"]]
    for field_error in problem.get("errors", []):
        wanted += [field_error["field"], field_error["message"]]
    message = str(error)
    missing = [part for part in wanted if part not in message]
    expect_true(
        problem["type"] not in message and not _is_json(message),
        "The message of OrderRejected should be a readable text for a person, not the raw JSON answer.",
        expected="a message built from the problem's `detail` and each field error, e.g.\n"
        "The kitchen refused the order (422): 2 field(s) need fixing: ...\n  - table_id: there is no table 99",
        actual=repr(message)[:400],
        hint="Parse the problem from its JSON and build the text from its `detail` and `errors`; the response's "
        "text is the JSON as it came over the wire.",
    )
    expect_true(
        not missing,
        "The message of OrderRejected should say why the kitchen refused, in the kitchen's own words.",
        expected="a message that contains:\n" + "\n".join(f"  {part}" for part in wanted),
        actual=f"{str(error)!r}\n(missing: {'; '.join(missing)})",
        hint="Build the message from the problem's `detail`, then one line per entry of its `errors` (when it has "
        "any), each naming the field and its message.",
    )


def _is_json(text):
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("problem", [INVALID, MALFORMED, NOT_JSON], ids=["422", "400", "415"])
def test_a_refusal_raises_order_rejected_carrying_the_problem(exercise, requests_mock, problem, base_url):
    refuses(requests_mock, problem, base_url)
    error = raises(exercise.OrderRejected, exercise.place_order, base_url, 99, {11: 0}, hint=CHECK_FIRST)
    wanted = (problem["status"], problem["detail"], problem.get("errors", []))
    expect_true(
        (error.status, error.detail, error.errors) == wanted,
        "OrderRejected should carry the status, the problem's detail and its field errors.",
        expected=f"status={wanted[0]!r}, detail={wanted[1]!r}, errors={wanted[2]!r}",
        actual=f"status={error.status!r}, detail={error.detail!r}, errors={error.errors!r}",
        hint="OrderRejected carries the status, the problem's `detail` and its `errors` (an empty list when the "
        "problem has none: only a 422 has `errors`).",
    )


@pytest.mark.parametrize("problem", [INVALID, MALFORMED, NOT_JSON], ids=["422", "400", "415"])
def test_the_message_explains_the_refusal(exercise, requests_mock, problem, base_url):
    refuses(requests_mock, problem, base_url)
    error = raises(exercise.OrderRejected, exercise.place_order, base_url, 99, {11: 0}, hint=CHECK_FIRST)
    expect_explained(error, problem)


@pytest.mark.parametrize(
    ("status", "reply"),
    [
        (404, problem_reply("not-found", "Nothing is served at /orders.")),
        (409, problem_reply("conflict", "Table 3 has left.")),
        (429, problem_reply("rate-limited", "Too many requests.")),
        (500, problem_reply("internal-error", "Oops.")),
        (503, problem_reply("closed", "Closed until noon.")),
        (502, html_reply(502)),
    ],
    ids=["404", "409", "429", "500", "503", "HTML 502"],
)
def test_other_errors_still_raise_http_error(exercise, requests_mock, status, reply, base_url):
    requests_mock.post(f"{base_url}/orders", **reply)
    raises(
        requests.HTTPError,
        exercise.place_order,
        base_url,
        3,
        {11: 2},
        hint=f"Only 400, 415 and 422 mean 'this order is wrong'. A {status} is something else: "
        "which exception does the general status check raise for it?",
    )


def test_an_accepted_order_is_returned_as_before(exercise, requests_mock, base_url):
    order = {"id": 4, "table_id": 3, "items": [], "notes": "no basil", "status": "received", "total": 18.0}
    requests_mock.post(f"{base_url}/orders", status_code=201, headers={"Location": "/orders/4"}, json=order)
    call(exercise.place_order, base_url, 3, {11: 2}, "no basil").returns(
        order, hint="Return the order the kitchen answered, parsed from its JSON."
    )
    expect_request(
        requests_mock,
        method="POST",
        path="/orders",
        json={"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}], "notes": "no basil"},
        count=1,
        hint="The same request as in exercise 8.",
    )


def test_live_refusal(exercise, kitchen):
    error = raises(exercise.OrderRejected, exercise.place_order, kitchen.url, 999, {11: 0, 99: 1}, hint=CHECK_FIRST)
    fields = sorted(field_error["field"] for field_error in error.errors)
    expect_true(
        error.status == 422 and fields == ["items[0].quantity", "items[1].dish_id", "table_id"],
        "The live kitchen refused the order with 422 and three field errors; OrderRejected should carry them.",
        expected="status 422, errors for items[0].quantity, items[1].dish_id and table_id",
        actual=f"status {error.status!r}, errors {error.errors!r}",
    )
    expect_true(
        "3 field(s) need fixing" in str(error) and all(f in str(error) for f in fields),
        "The message should carry the live kitchen's detail and name every field to fix.",
        expected="a message with the detail '3 field(s) need fixing: ...' and every field",
        actual=repr(str(error)),
        hint="Build the message from the problem's `detail` and its `errors`.",
    )
    sent = [(entry["method"], entry["path"], entry["status"]) for entry in kitchen.journal()]
    expect_true(
        sent == [("POST", "/orders", 422)],
        "Your code should send the order once, and stop when the kitchen refuses it.",
        expected="POST /orders -> 422",
        actual=repr(sent),
    )
