# wrong: every call gives a filter, so a desk that adds vegetarian=false on its own goes unseen
# expect: sends `vegetarian=false` when no vegetarian filter was given
import pytest
import requests

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
    front_desk(BASE).menu(category="dessert")
    assert requests_mock.last_request.qs["category"] == ["dessert"]
    assert "Authorization" not in requests_mock.last_request.headers


def test_token_and_timeout(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE, token="t0k", timeout=2).menu()
    assert requests_mock.last_request.headers["Authorization"] == "Bearer t0k"
    assert requests_mock.last_request.timeout == 2


def test_errors(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", status_code=500)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).menu()
