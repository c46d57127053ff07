# wrong: tries vegetarian=True only, so `if vegetarian:` (which drops False) goes unnoticed
# expect: vegetarian=false
BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    assert front_desk(BASE, token="t").menu(category="pizza", vegetarian=True) == []
    sent = requests_mock.last_request
    assert sent.method == "GET"
    assert sent.qs == {"category": ["pizza"], "vegetarian": ["true"]}
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["Authorization"] == "Bearer t"
    assert sent.timeout is not None
