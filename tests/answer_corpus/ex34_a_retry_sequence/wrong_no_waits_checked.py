# wrong: counts the tries but never looks at the waits
# expect: ignores Retry-After
import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}


def test_busy_then_ready(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY, {"exc": requests.exceptions.ConnectionError}, {"json": ORDER}])
    assert front_desk(BASE).order(7) == ORDER
    assert requests_mock.call_count == 3


def test_busy_for_good(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY])
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 3


def test_not_found(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", status_code=404)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).order(7)
    assert requests_mock.call_count == 1
