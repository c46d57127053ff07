# wrong: helper functions but no function whose name starts with test_, so pytest runs nothing
# expect: has no test
BASE = "http://restaurant.test"


def check_payment(requests_mock, front_desk):
    requests_mock.post(f"{BASE}/payments", status_code=201, json={"id": 1})
    assert front_desk(BASE).pay(7, 18.0) == {"id": 1}
