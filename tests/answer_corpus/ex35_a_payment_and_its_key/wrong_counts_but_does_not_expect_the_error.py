# wrong: counts the requests after a 503, catching any HTTPError on the way
# expect: returns the kitchen's problem for an error status
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 3, "order_id": 12, "amount": 25.5, "tip": 3.0, "status": "captured"}


def test_the_payment(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    assert front_desk(BASE).pay(12, 25.5, tip=3.0, idempotency_key="table-12") == RECEIPT
    sent = requests_mock.last_request
    assert sent.json() == {"order_id": 12, "amount": 25.5, "tip": 3.0}
    assert sent.headers["Idempotency-Key"] == "table-12"


def test_a_new_key_each_time(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    desk.pay(12, 25.5)
    desk.pay(12, 25.5)
    keys = {request.headers["Idempotency-Key"] for request in requests_mock.request_history}
    assert len(keys) == 2


def test_a_refusal_is_sent_once(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=503, json={"title": "Busy", "status": 503})
    try:
        front_desk(BASE).pay(12, 25.5)
    except requests.HTTPError:
        pass
    assert requests_mock.call_count == 1


@pytest.mark.parametrize("lost", [requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError])
def test_a_lost_answer(requests_mock, front_desk, lost):
    requests_mock.post(f"{BASE}/payments", exc=lost)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(12, 25.5)
    assert caught.value.idempotency_key == requests_mock.last_request.headers["Idempotency-Key"]
