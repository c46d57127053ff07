# wrong: checks the result of a busy-then-ready sequence but never counts the tries when the kitchen stays busy
# expect: tries 4 times instead of 3
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}


def test_busy_then_ready(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY, BUSY, {"json": ORDER}])
    waits = []
    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER
    assert waits == [2, 2]


def test_busy_for_good(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY])
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)


def test_not_found(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", status_code=404)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 1
