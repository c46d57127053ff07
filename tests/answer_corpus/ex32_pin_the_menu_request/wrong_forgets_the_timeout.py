# wrong: pins the verb, the query, the headers and the result, but never the timeout
# expect: never sends a timeout
BASE = "http://restaurant.test"
PIZZA = {"id": 1, "name": "Margherita", "category": "pizza", "price": 9.5, "vegetarian": True}


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [PIZZA], "count": 1})
    assert front_desk(BASE, token="t").menu(category="pizza", vegetarian=False) == [PIZZA]
    sent = requests_mock.last_request
    assert sent.method == "GET"
    assert sent.qs == {"category": ["pizza"], "vegetarian": ["false"]}
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["Authorization"] == "Bearer t"
