# wrong: tests the retries with the kitchen's usual 503 only
# expect: does not try a 502 again
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
DATE = "Wed, 21 Oct 2026 07:28:00 GMT"


def test_busy_then_ready(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [{"status_code": 503, "headers": {"Retry-After": "3"}}, {"json": ORDER}])
    waits = []
    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER
    assert requests_mock.call_count == 2
    assert waits == [3]


@pytest.mark.parametrize("headers", [{}, {"Retry-After": DATE}])
def test_one_second_without_a_number(requests_mock, front_desk, headers):
    requests_mock.get(f"{BASE}/orders/7", [{"status_code": 503, "headers": headers}, {"json": ORDER}])
    waits = []
    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER
    assert waits == [1]


def test_a_dropped_line_then_ready(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [{"exc": requests.exceptions.ConnectionError}, {"json": ORDER}])
    waits = []
    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER
    assert waits == [1]


def test_three_busy_answers(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", status_code=503)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 3


def test_three_dropped_lines(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", exc=requests.exceptions.ConnectionError)
    with pytest.raises(requests.ConnectionError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 3


@pytest.mark.parametrize("status", [404, 500])
def test_no_second_try(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/orders/7", status_code=status)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 1
