# wrong: expects the desk to wait Retry-After plus one second: the right desk fails the test
# expect: fails against the front desk as it should be

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}


def test_busy_then_ready(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", [BUSY, {"json": ORDER}])
    waits = []
    assert front_desk(BASE, sleep=waits.append).order(7) == ORDER
    assert waits == [3]
