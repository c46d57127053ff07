# valid: a json= callback that keeps every Idempotency-Key it sees and can lose the answer by raising
import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"


class Till:
    """POST /payments: answers a receipt (or raises `lose` to drop the answer), and remembers each key."""

    def __init__(self, lose=None, status=201):
        self.keys = []
        self.bodies = []
        self.lose = lose
        self.status = status

    def __call__(self, request, context):
        self.keys.append(request.headers.get("Idempotency-Key"))
        self.bodies.append(request.json())
        if self.lose is not None:
            raise self.lose("no answer")
        context.status_code = self.status
        body = request.json()
        return {"id": len(self.keys), **body, "total": body["amount"] + body["tip"], "status": "captured"}


@pytest.fixture
def till(requests_mock):
    till = Till()
    requests_mock.post(f"{BASE}/payments", json=till)
    return till


def test_the_receipt_comes_back(till, front_desk):
    receipt = front_desk(BASE).pay(4, 30.0, tip=3.0, idempotency_key="key-4")
    assert receipt == {"id": 1, "order_id": 4, "amount": 30.0, "tip": 3.0, "total": 33.0, "status": "captured"}
    assert till.bodies == [{"order_id": 4, "amount": 30.0, "tip": 3.0}]
    assert till.keys == ["key-4"]


def test_no_tip_is_a_tip_of_zero(till, front_desk):
    front_desk(BASE).pay(4, 30.0)
    assert till.bodies[0]["tip"] == 0


def test_two_payments_two_keys(till, front_desk):
    desk = front_desk(BASE)
    desk.pay(1, 10.0)
    desk.pay(2, 20.0)
    assert len(till.keys) == 2
    assert None not in till.keys
    assert till.keys[0] != till.keys[1]


@pytest.mark.parametrize("status", [500, 503, 409])
def test_a_refusal_is_raised_and_not_sent_again(requests_mock, front_desk, status):
    till = Till(status=status)
    requests_mock.post(f"{BASE}/payments", json=till)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).pay(4, 30.0)
    assert len(till.keys) == 1


@pytest.mark.parametrize("lose", [requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout])
def test_a_lost_answer_is_uncertain_and_keeps_the_key(requests_mock, front_desk, lose):
    till = Till(lose=lose)
    requests_mock.post(f"{BASE}/payments", json=till)
    with pytest.raises(PaymentUncertain) as raised:
        front_desk(BASE).pay(4, 30.0, idempotency_key="again-4")
    assert till.keys == ["again-4"]
    assert raised.value.idempotency_key == "again-4"
