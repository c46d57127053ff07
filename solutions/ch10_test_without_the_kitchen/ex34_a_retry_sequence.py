"""Exercise 34: A retry sequence (reference solution)."""

import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "table_id": 1, "status": "cooking", "items": [{"dish_id": 11, "quantity": 2}], "total": 18.0}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}, "json": {"title": "Busy", "status": 503}}


def test_a_busy_kitchen_is_asked_again_after_the_wait_it_asks_for(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY, {"exc": requests.exceptions.ConnectionError}, {"json": ORDER}])
    waits = []

    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER

    assert requests_mock.call_count == 3
    assert waits == [2, 1]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_each_busy_status_is_asked_again(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/orders/7", [{"status_code": status}, {"json": ORDER}])

    assert front_desk(BASE).order(7) == ORDER

    assert requests_mock.call_count == 2


@pytest.mark.parametrize("retry_after", [{}, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}])
def test_no_number_in_retry_after_means_one_second(requests_mock, front_desk, retry_after):
    requests_mock.get(f"{BASE}/orders/7", [{"status_code": 503, "headers": retry_after}, {"json": ORDER}])
    waits = []

    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER

    assert waits == [1]


def test_three_tries_and_no_more(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY])  # the last answer repeats: busy every time

    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)

    assert requests_mock.call_count == 3


def test_a_kitchen_that_never_answers_raises_after_three_tries(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", exc=requests.exceptions.ConnectionError)

    with pytest.raises(requests.ConnectionError):
        front_desk(BASE).order(7)

    assert requests_mock.call_count == 3


@pytest.mark.parametrize("status", [404, 500])
def test_other_errors_are_not_asked_again(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/orders/7", status_code=status, json={"title": "No", "status": status})

    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)

    assert requests_mock.call_count == 1
