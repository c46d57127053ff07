# wrong: one happy answer only: a desk that never retries passes
# expect: never tries again

BASE = "http://restaurant.test"
ORDER = {"id": 7, "status": "cooking"}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}}


def test_the_order(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/orders/7", json=ORDER)
    assert front_desk(BASE).order(7) == ORDER
