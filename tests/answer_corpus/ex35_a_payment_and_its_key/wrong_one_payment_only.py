# wrong: pays once, so a desk that reuses one key for every payment passes
# expect: sends the same Idempotency-Key for every payment
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


def test_pay(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    assert front_desk(BASE).pay(7, 18.0, tip=2.0, idempotency_key="k-1") == RECEIPT
    assert requests_mock.last_request.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
    assert requests_mock.last_request.headers["Idempotency-Key"] == "k-1"


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
