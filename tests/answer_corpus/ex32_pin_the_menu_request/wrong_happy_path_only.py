# wrong: tests the request and the dishes, never a kitchen that answers with an error
# expect: returns an empty list for an error status
BASE = "http://restaurant.test"
PIZZA = {"id": 1, "name": "Margherita", "category": "pizza", "price": 9.5, "vegetarian": True}


def test_the_filters(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [PIZZA], "count": 1})
    assert front_desk(BASE).menu(category="pizza", vegetarian=False, max_price=12) == [PIZZA]
    sent = requests_mock.last_request
    assert sent.method == "GET"
    assert sent.qs == {"category": ["pizza"], "vegetarian": ["false"], "max_price": ["12"]}
    assert sent.headers["Accept"] == "application/json"
    assert sent.timeout == 5


def test_nothing_given(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE).menu()
    assert requests_mock.last_request.qs == {}
    assert "Authorization" not in requests_mock.last_request.headers


def test_token_and_timeout(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE, token="t0k", timeout=2).menu()
    assert requests_mock.last_request.headers["Authorization"] == "Bearer t0k"
    assert requests_mock.last_request.timeout == 2
