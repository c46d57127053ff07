# wrong: asks for a fixture that does not exist (front_desks): the test cannot even start
# expect: fixture 'front_desks' not found
BASE = "http://restaurant.test"


def test_busy_then_ready(requests_mock, front_desks):
    requests_mock.get(f"{BASE}/orders/7", [{"status_code": 503}, {"json": {"id": 7}}])
    assert front_desks(BASE).order(7) == {"id": 7}
