# valid: checks through the matcher object requests_mock.post() returns (its call_count and last_request)
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


def test_a_payment_is_one_json_post_with_its_key(requests_mock, front_desk):
    payments = requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    receipt = front_desk(BASE).pay(order_id=7, amount=18.0, tip=2.0, idempotency_key="pay-7")
    assert receipt == RECEIPT
    assert payments.call_count == 1
    assert payments.last_request.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
    assert payments.last_request.headers["Idempotency-Key"] == "pay-7"


def test_two_payments_two_keys(requests_mock, front_desk):
    payments = requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    desk.pay(1, 1.0)
    first = payments.last_request.headers["Idempotency-Key"]
    desk.pay(1, 1.0)
    assert payments.last_request.headers["Idempotency-Key"] != first


def test_a_refusal_is_not_repeated(requests_mock, front_desk):
    payments = requests_mock.post(f"{BASE}/payments", status_code=503)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(1, 1.0)
    assert payments.call_count == 1


def test_timeout(requests_mock, front_desk):
    payments = requests_mock.post(f"{BASE}/payments", exc=requests.exceptions.ReadTimeout)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(1, 1.0)
    assert caught.value.idempotency_key == payments.last_request.headers["Idempotency-Key"]


def test_dropped_line(requests_mock, front_desk):
    payments = requests_mock.post(f"{BASE}/payments", exc=requests.exceptions.ConnectionError)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(1, 1.0, idempotency_key="again-1")
    assert caught.value.idempotency_key == "again-1" == payments.last_request.headers["Idempotency-Key"]
