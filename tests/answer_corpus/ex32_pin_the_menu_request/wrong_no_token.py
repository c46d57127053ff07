# wrong: never makes a desk with a token, so a desk that forgets it passes
# expect: forgets the token
BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    assert front_desk(BASE).menu(category="pizza", vegetarian=False, max_price=10) == []
    sent = requests_mock.last_request
    assert sent.method == "GET"
    assert sent.qs == {"category": ["pizza"], "vegetarian": ["false"], "max_price": ["10"]}
    assert sent.headers["Accept"] == "application/json"
    assert sent.timeout == 5
