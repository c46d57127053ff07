"""The one voice's messages (kata.expect) and the shared exercise-test helpers, checked in-process."""

from __future__ import annotations

import json
import types

import pytest
import requests

from kata.expect import (
    FakeSleep,
    as_number,
    bearer,
    call,
    expect_prepared,
    expect_request,
    expect_sleeps,
    raises,
    sentence,
    watching_the_wire,
)
from kata.kitchen.fake_replies import empty_reply, html_reply, problem_reply
from kata.learner.classes import LimitedClass, hands_out_limited, limit_methods
from kata.learner.time_limit import TimeLimitExceeded
from mock_server.contract.problems import PROBLEMS

BASE = "http://kitchen.test"


def message_of(func, *args, **kwargs) -> str:
    """The learner-facing message a helper fails the test with."""
    with pytest.raises(pytest.fail.Exception) as failed:
        func(*args, **kwargs)
    return str(failed.value.msg)


def test_raises_says_what_was_returned_and_what_was_sent(requests_mock):
    requests_mock.get(f"{BASE}/menu", **problem_reply("closed", "Closed until noon."))

    def get_menu(base_url):
        return requests.get(f"{base_url}/menu", timeout=5).json()

    with watching_the_wire():
        text = message_of(raises, requests.HTTPError, get_menu, BASE)
    assert "it returned {'type': '/problems/closed'" in text
    assert "without raising" in text
    assert "the exchanges:" in text
    assert "GET /menu -> 503 Service Unavailable" in text
    assert "detail: Closed until noon." in text  # the kitchen's own words
    assert "Retry-After: 60" in text  # a header that matters


def test_a_pure_function_is_never_described_in_terms_of_requests():
    def status_class(code):
        return "oops"

    with watching_the_wire():
        text = message_of(raises, ValueError, status_class, 600)
    assert "request" not in text and "exchange" not in text


def test_an_http_error_shows_the_kitchens_answer_and_records_its_cause(requests_mock):
    requests_mock.get(f"{BASE}/menu", **problem_reply("invalid-query", "Unknown query parameter 'veggie'."))

    def find(base_url):
        response = requests.get(f"{base_url}/menu", params={"veggie": "true"}, timeout=5)
        response.raise_for_status()

    with watching_the_wire(), pytest.raises(pytest.fail.Exception) as failed:
        call(find, BASE)
    text = str(failed.value.msg)
    assert "400 Client Error" not in text
    assert "GET /menu?veggie=true -> 400 Bad Request" in text
    assert "detail: Unknown query parameter 'veggie'." in text
    assert failed.value.cause == "request: query"  # the same mistake as a wrong query string
    assert failed.value.kitchen_spoke


def test_a_query_mismatch_shows_path_with_path_and_the_first_difference(requests_mock):
    requests_mock.get(f"{BASE}/menu", json={"items": []})
    requests.get(f"{BASE}/menu", params={"veggie": "true"}, timeout=5)
    text = message_of(expect_request, requests_mock, method="GET", path="/menu", query={"vegetarian": "true"})
    assert "expected: GET /menu?vegetarian=true" in text
    assert "got:      GET /menu?veggie=true" in text
    assert "differs:  `veggie` was sent where `vegetarian` was expected" in text


@pytest.mark.parametrize("sent", ["12", "12.0", "12.00", "1.2e1"])
def test_a_number_in_the_query_may_be_spelled_as_the_kitchen_reads_it(requests_mock, sent):
    requests_mock.get(f"{BASE}/menu", json={"items": []})
    requests.get(f"{BASE}/menu?category=pizza&max_price={sent}", timeout=5)
    expect_request(requests_mock, method="GET", path="/menu", query={"category": "pizza", "max_price": as_number("12")})


@pytest.mark.parametrize("sent", ["12.5", "١٢", "nan", "twelve", ""])
def test_another_number_or_no_number_is_still_a_wrong_query(requests_mock, sent):
    requests_mock.get(f"{BASE}/menu", json={"items": []})
    requests.get(f"{BASE}/menu", params={"category": "pizza", "max_price": sent}, timeout=5)
    text = message_of(
        expect_request,
        requests_mock,
        method="GET",
        path="/menu",
        query={"category": "pizza", "max_price": as_number("12")},
    )
    assert "differs:  `max_price`: expected '12'" in text


def test_a_text_body_is_judged_as_http_client_sends_it_latin_1(requests_mock):
    requests_mock.post(f"{BASE}/orders", status_code=201, json={})
    body = json.dumps({"notes": "crème"}, ensure_ascii=False)  # a str: http.client writes it as ISO-8859-1
    requests.post(f"{BASE}/orders", data=body, headers={"Content-Type": "application/json"}, timeout=5)
    text = message_of(expect_request, requests_mock, method="POST", path="/orders", json={"notes": "crème"})
    assert "The body your code sent is not JSON." in text
    requests.post(f"{BASE}/orders", data=body.encode("utf-8"), headers={"Content-Type": "application/json"}, timeout=5)
    expect_request(requests_mock, method="POST", path="/orders", json={"notes": "crème"})


def test_a_body_read_as_json_says_what_the_answer_held(requests_mock):
    requests_mock.delete(f"{BASE}/orders/4", **empty_reply(204))
    requests_mock.get(f"{BASE}/health", **html_reply(502))

    def cancel(base_url):
        return requests.delete(f"{base_url}/orders/4", timeout=5).json()

    def health(base_url):
        return requests.get(f"{base_url}/health", timeout=5).json()

    with watching_the_wire():
        assert "DELETE /orders/4 with 204" in message_of(call, cancel, BASE)
        assert "no body at all" in message_of(call, cancel, BASE)
        assert "a text/html body, not JSON" in message_of(call, health, BASE)


def test_a_call_keeps_its_hint_for_returns():
    text = message_of(lambda: call(lambda: 1, hint="Return the count.").returns(2))
    assert "hint: Return the count." in text


def test_a_real_wait_is_told_from_no_wait():
    sleep = FakeSleep()
    assert "never waited between tries" in message_of(expect_sleeps, sleep, [1, 2])
    sleep.real_start -= 3  # three seconds went by for real, and no wait went through `sleep`
    text = message_of(expect_sleeps, sleep, [1, 2])
    assert "waited for real (3.0 seconds" in text and "never waited" not in text
    sleep(1)
    assert "Some of its waits were real" in message_of(expect_sleeps, sleep, [1, 2])


def test_a_request_only_built_shows_no_timeout_line():
    built = call(lambda: requests.Request("POST", f"{BASE}/orders", json={"a": 1}).prepare())
    text = message_of(expect_prepared, built, base=BASE, method="GET", path="/orders")
    assert "expected: GET /orders" in text  # like with like: the request line on both sides
    assert "got:      POST /orders" in text
    assert "timeout" not in text


@pytest.mark.parametrize(
    ("title", "shown"),
    [("Is the restaurant open?", "Is the restaurant open?"), ("Read the menu", "Read the menu."), ("Done.", "Done.")],
)
def test_a_title_ends_as_one_sentence(title, shown):
    assert sentence(title) == shown


@pytest.mark.parametrize(
    ("sent", "accepted"),
    [
        ("Bearer tok-1", True),
        ("bearer tok-1", True),
        ("BEARER  tok-1", True),
        ("Bearertok-1", False),
        ("Bearer tok-2", False),
        ("Token tok-1", False),
        ("tok-1", False),
    ],
)
def test_a_bearer_scheme_is_compared_as_http_does(requests_mock, sent, accepted):
    requests_mock.get(f"{BASE}/me", json={})
    requests.get(f"{BASE}/me", headers={"Authorization": sent}, timeout=5)
    check = (expect_request, requests_mock)
    kwargs = {"method": "GET", "path": "/me", "headers": {"Authorization": bearer("tok-1")}}
    if accepted:
        check[0](check[1], **kwargs)
    else:
        assert "The Authorization header is wrong" in message_of(*check, **kwargs)


def test_problem_replies_come_from_the_kitchens_catalogue():
    reply = problem_reply("closed", "Closed until noon.", current_status="closed")
    kind = PROBLEMS["closed"]
    assert reply["status_code"] == kind.status == 503
    assert reply["headers"] == {"Content-Type": "application/problem+json", "Retry-After": "60"}
    assert json.loads(reply["content"].decode("utf-8")) == {
        "type": "/problems/closed",
        "title": kind.title,
        "status": 503,
        "detail": "Closed until noon.",
        "hint": kind.hint,
        "current_status": "closed",
    }
    assert html_reply(502)["headers"]["Content-Type"] == "text/html"


def learner_module() -> types.ModuleType:
    module = types.ModuleType("learner_demo")
    source = """
class Waiter:
    def __init__(self, patience):
        self.patience = patience

    def wait(self):
        while True:
            pass

    def ask(self):
        return self.patience


class Refused(Exception):
    pass
"""
    exec(compile(source, "learner_demo.py", "exec"), module.__dict__)
    return module


def test_a_learners_class_hands_out_time_limited_methods():
    module = learner_module()
    assert hands_out_limited(module.Waiter, "learner_demo")
    assert not hands_out_limited(module.Refused, "learner_demo")  # `except exercise.Refused` needs the class
    waiter_class = LimitedClass(module.Waiter, 0.2)
    waiter = waiter_class(3)
    assert isinstance(waiter, waiter_class) and type(waiter) is module.Waiter
    assert waiter.ask() == 3
    with pytest.raises(TimeLimitExceeded):
        waiter.wait()


def test_an_instance_without_a_dict_is_left_as_it_is():
    class Slotted:
        __slots__ = ()

        def go(self):
            return 1

    assert limit_methods(Slotted(), 1).go() == 1
