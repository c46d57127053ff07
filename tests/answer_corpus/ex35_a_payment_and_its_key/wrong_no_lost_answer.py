# wrong: never makes an answer get lost (no exc=), so a desk that swallows the timeout passes
# expect: returns None when no answer comes back
import pytest
import requests

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


def test_pay(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    desk.pay(7, 18.0, tip=2.0, idempotency_key="k-1")
    desk.pay(8, 5.0)
    first, second = requests_mock.request_history
    assert first.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
    assert first.headers["Idempotency-Key"] == "k-1"
    assert second.headers["Idempotency-Key"] != "k-1"


def test_busy(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=503)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(7, 18.0)
    assert requests_mock.call_count == 1
