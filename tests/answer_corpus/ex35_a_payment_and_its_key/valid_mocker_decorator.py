# valid: @requests_mock.Mocker(kw="kitchen") as a decorator, the mocker handed in as a keyword argument
import pytest
import requests
import requests_mock

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 9, "order_id": 3, "amount": 42.5, "tip": 0.0, "total": 42.5, "status": "captured"}


@requests_mock.Mocker(kw="kitchen")
def test_the_payment_as_json_with_its_key(front_desk, **kwargs):
    kitchen = kwargs["kitchen"]
    kitchen.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    assert front_desk(BASE).pay(3, 42.5, idempotency_key="k-3") == RECEIPT
    assert kitchen.call_count == 1
    assert kitchen.last_request.method == "POST"
    assert kitchen.last_request.json() == {"order_id": 3, "amount": 42.5, "tip": 0.0}
    assert kitchen.last_request.headers["Idempotency-Key"] == "k-3"


@requests_mock.Mocker(kw="kitchen")
def test_a_tip_is_sent(front_desk, **kwargs):
    kwargs["kitchen"].post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    front_desk(BASE).pay(3, 42.5, tip=4.5)
    assert kwargs["kitchen"].last_request.json() == {"order_id": 3, "amount": 42.5, "tip": 4.5}


@requests_mock.Mocker(kw="kitchen")
def test_without_a_key_each_payment_makes_its_own(front_desk, **kwargs):
    kitchen = kwargs["kitchen"]
    kitchen.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    desk = front_desk(BASE)
    for order_id in (3, 4, 5):
        desk.pay(order_id, 10.0)
    keys = {request.headers.get("Idempotency-Key") for request in kitchen.request_history}
    assert len(keys) == 3 and None not in keys and "" not in keys


@requests_mock.Mocker(kw="kitchen")
def test_an_error_status_is_raised_after_one_try(front_desk, **kwargs):
    kwargs["kitchen"].post(f"{BASE}/payments", [{"status_code": 503, "json": {"status": 503}}, {"json": RECEIPT}])
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(3, 42.5)
    assert kwargs["kitchen"].call_count == 1


@pytest.mark.parametrize("lost", [requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout])
def test_no_answer_is_payment_uncertain(front_desk, lost):
    with requests_mock.Mocker() as kitchen:
        kitchen.post(f"{BASE}/payments", exc=lost)
        with pytest.raises(PaymentUncertain) as raised:
            front_desk(BASE).pay(3, 42.5)
    sent_key = kitchen.last_request.headers["Idempotency-Key"]
    assert raised.value.idempotency_key == sent_key
    assert kitchen.call_count == 1
