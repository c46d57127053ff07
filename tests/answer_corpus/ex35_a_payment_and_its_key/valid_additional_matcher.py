# valid: the kitchen answers only the payment it expects (additional_matcher on the body and the key)
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 8, "status": "captured"}


def payment(order_id, amount, tip, key=None):
    def matches(request):
        sent_key = request.headers.get("Idempotency-Key")
        return request.json() == {"order_id": order_id, "amount": amount, "tip": tip} and (
            sent_key == key if key else bool(sent_key)
        )

    return matches


def test_the_exact_payment_is_answered(requests_mock, front_desk):
    route = requests_mock.post(
        f"{BASE}/payments", status_code=201, json=RECEIPT, additional_matcher=payment(4, 30.0, 4.5, "k-4")
    )
    assert front_desk(BASE).pay(4, 30.0, 4.5, idempotency_key="k-4") == RECEIPT
    assert route.call_count == 1


def test_keys_differ(requests_mock, front_desk):
    route = requests_mock.post(
        f"{BASE}/payments", status_code=201, json=RECEIPT, additional_matcher=payment(4, 30.0, 0)
    )
    desk = front_desk(BASE)
    desk.pay(4, 30.0)
    desk.pay(4, 30.0)
    first, second = route.request_history
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]


@pytest.mark.parametrize("status", [409, 500, 503])
def test_an_error_once(requests_mock, front_desk, status):
    route = requests_mock.post(f"{BASE}/payments", status_code=status, additional_matcher=payment(4, 30.0, 0))
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(4, 30.0)
    assert route.call_count == 1


@pytest.mark.parametrize("lost", [requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError])
def test_pay_again_with_the_key(requests_mock, front_desk, lost):
    route = requests_mock.post(f"{BASE}/payments", exc=lost, additional_matcher=payment(4, 30.0, 0))
    with pytest.raises(PaymentUncertain) as caught:
        front_desk(BASE).pay(4, 30.0)
    assert caught.value.idempotency_key == route.last_request.headers["Idempotency-Key"]
