# valid: unittest.mock.Mock as the sleep (call_args_list), a json= callback that answers from a script by call number
from unittest import mock

import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 3, "table_id": 2, "status": "ready", "items": [], "total": 0.0}


def scripted(requests_mock, *steps):
    """GET /orders/3 answers steps[n] on the n-th try (the last one again after that): (status, headers) or an error."""
    tries = []

    def answer(request, context):
        step = steps[min(len(tries), len(steps) - 1)]
        tries.append(request)
        if isinstance(step, type) and issubclass(step, Exception):
            raise step("the line dropped")
        context.status_code, extra = step
        context.headers.update(extra)
        return ORDER if context.status_code == 200 else {"status": context.status_code}

    requests_mock.get(f"{BASE}/orders/3", json=answer)
    return tries


def test_waits_what_retry_after_says_then_one_second(requests_mock, front_desk):
    tries = scripted(requests_mock, (503, {"Retry-After": "4"}), requests.exceptions.ConnectionError, (200, {}))
    sleep = mock.Mock()
    assert front_desk(BASE, sleep=sleep).order(3) == ORDER
    assert len(tries) == 3
    assert sleep.call_args_list == [mock.call(4), mock.call(1)]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_every_busy_status_is_tried_again(requests_mock, front_desk, status):
    tries = scripted(requests_mock, (status, {}), (200, {}))
    assert front_desk(BASE, sleep=mock.Mock()).order(3) == ORDER
    assert len(tries) == 2


def test_a_date_in_retry_after_means_one_second(requests_mock, front_desk):
    scripted(requests_mock, (503, {"Retry-After": "Fri, 31 Dec 2027 23:59:59 GMT"}), (200, {}))
    sleep = mock.Mock()
    front_desk(BASE, sleep=sleep).order(3)
    sleep.assert_called_once_with(1)


def test_no_retry_after_means_one_second(requests_mock, front_desk):
    scripted(requests_mock, (502, {}), (200, {}))
    sleep = mock.Mock()
    front_desk(BASE, sleep=sleep).order(3)
    sleep.assert_called_once_with(1)


def test_gives_up_after_the_third_busy_answer(requests_mock, front_desk):
    tries = scripted(requests_mock, (503, {"Retry-After": "1"}))
    with pytest.raises(requests.HTTPError):
        front_desk(BASE, sleep=mock.Mock()).order(3)
    assert len(tries) == 3


def test_gives_up_after_the_third_dropped_line(requests_mock, front_desk):
    tries = scripted(requests_mock, requests.exceptions.ConnectionError)
    with pytest.raises(requests.exceptions.ConnectionError):
        front_desk(BASE, sleep=mock.Mock()).order(3)
    assert len(tries) == 3


@pytest.mark.parametrize("status", [500, 404, 401])
def test_an_error_that_is_not_busy_is_raised_at_once(requests_mock, front_desk, status):
    tries = scripted(requests_mock, (status, {}))
    sleep = mock.Mock()
    with pytest.raises(requests.HTTPError):
        front_desk(BASE, sleep=sleep).order(3)
    assert len(tries) == 1
    sleep.assert_not_called()
