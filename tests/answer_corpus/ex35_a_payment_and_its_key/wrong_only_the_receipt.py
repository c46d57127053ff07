# wrong: checks the receipt that comes back, nothing of what was sent
# expect: sends the payment as a form


BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "total": 20.0, "status": "captured"}


def test_pay(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json=RECEIPT)
    assert front_desk(BASE).pay(7, 18.0, tip=2.0) == RECEIPT
