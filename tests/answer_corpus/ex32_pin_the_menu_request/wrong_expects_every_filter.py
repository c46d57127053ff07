# wrong: expects filters that were not given (max_price) in the query: the right desk fails the test
# expect: fails against the front desk as it should be
BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE).menu(category="pizza")
    assert requests_mock.last_request.qs == {"category": ["pizza"], "max_price": ["none"]}
