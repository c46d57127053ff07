# wrong: checks that some key is sent, never that it is the key given
# expect: ignores the key it is given
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


def test_pay(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    assert desk.pay(7, 18.0, tip=2.0, idempotency_key="k-1") == RECEIPT
    desk.pay(8, 5.0)
    first, second = requests_mock.request_history
    assert first.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
    assert "Idempotency-Key" in first.headers
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]


def test_busy(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=503)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(7, 18.0)
    assert requests_mock.call_count == 1


def test_lost_answer(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", exc=requests.exceptions.ReadTimeout)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(7, 18.0)
    assert caught.value.idempotency_key == requests_mock.last_request.headers["Idempotency-Key"]
