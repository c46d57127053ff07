# valid: the lost answers in a parametrized table (connection error, connect and read timeouts)
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


@pytest.mark.parametrize(
    "lost",
    [requests.exceptions.ConnectionError, requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout],
)
def test_a_lost_answer_names_the_key_to_pay_again_with(requests_mock, front_desk, lost):
    requests_mock.post(f"{BASE}/payments", exc=lost)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(7, 18.0, idempotency_key="again-7")
    assert caught.value.idempotency_key == "again-7"
    assert requests_mock.call_count == 1


def test_body_and_fresh_keys(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    assert desk.pay(7, 18.0, 2.0) == RECEIPT
    assert desk.pay(7, 18.0, 2.0) == RECEIPT
    keys = {r.headers["Idempotency-Key"] for r in requests_mock.request_history}
    assert len(keys) == 2
    assert [r.json() for r in requests_mock.request_history] == [{"order_id": 7, "amount": 18.0, "tip": 2.0}] * 2


def test_uncertain_carries_the_fresh_key_it_sent(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", exc=requests.exceptions.ReadTimeout)
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(7, 18.0)
    assert caught.value.idempotency_key == requests_mock.last_request.headers["Idempotency-Key"]


@pytest.mark.parametrize("status", [409, 500, 503])
def test_errors_are_sent_once(requests_mock, front_desk, status):
    requests_mock.post(f"{BASE}/payments", status_code=status)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(7, 18.0, idempotency_key="k")
    assert requests_mock.call_count == 1
    assert requests_mock.last_request.headers["Idempotency-Key"] == "k"
