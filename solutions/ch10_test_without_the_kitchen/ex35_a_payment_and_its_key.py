"""Exercise 35: A payment and its key (reference solution)."""

import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "amount": 18.0, "tip": 2.0, "total": 20.0, "status": "captured"}


def test_the_payment_goes_as_json_with_the_key_given(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)

    assert front_desk(BASE).pay(7, 18.0, tip=2.0, idempotency_key="pay-7-first") == RECEIPT

    sent = requests_mock.last_request
    assert sent.method == "POST"
    assert sent.json() == {"order_id": 7, "amount": 18.0, "tip": 2.0}
    assert sent.headers["Idempotency-Key"] == "pay-7-first"


def test_each_payment_gets_a_new_key(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)

    desk.pay(7, 18.0)
    desk.pay(8, 12.0)

    first, second = (request.headers["Idempotency-Key"] for request in requests_mock.request_history)
    assert first != second


def test_an_error_is_not_sent_twice(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=503, json={"title": "Busy", "status": 503})

    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(7, 18.0)

    assert requests_mock.call_count == 1


@pytest.mark.parametrize("lost", [requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError])
def test_no_answer_means_pay_again_with_the_same_key(requests_mock, front_desk, lost):
    requests_mock.post(f"{BASE}/payments", exc=lost)

    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(7, 18.0)

    assert caught.value.idempotency_key == requests_mock.last_request.headers["Idempotency-Key"]
