# valid: fixtures for the kitchen's answer and the desk, every request read back from request_history
import pytest
import requests

BASE = "http://restaurant.test"
PASTA = {"id": 5, "name": "Carbonara", "category": "pasta", "price": 11.0, "vegetarian": False}


@pytest.fixture
def kitchen(requests_mock):
    requests_mock.get(f"{BASE}/menu", json={"items": [PASTA], "count": 1})
    return requests_mock


@pytest.fixture
def desk(front_desk):
    return front_desk(BASE, token="t-42", timeout=4)


def test_three_calls_three_queries(kitchen, desk):
    assert desk.menu(category="pasta") == [PASTA]
    assert desk.menu(vegetarian=False, max_price=11) == [PASTA]
    assert desk.menu(vegetarian=True) == [PASTA]
    queries = [request.qs for request in kitchen.request_history]
    assert queries == [
        {"category": ["pasta"]},
        {"vegetarian": ["false"], "max_price": ["11"]},
        {"vegetarian": ["true"]},
    ]
    for request in kitchen.request_history:
        assert (request.method, request.path) == ("GET", "/menu")
        assert request.headers["Accept"] == "application/json"
        assert request.headers["Authorization"] == "Bearer t-42"
        assert request.timeout == 4


def test_an_anonymous_desk_sends_no_token_and_no_filter(kitchen, front_desk):
    front_desk(BASE).menu()
    assert kitchen.last_request.qs == {}
    assert "Authorization" not in kitchen.last_request.headers
    assert kitchen.last_request.timeout == 5


def test_an_error_is_not_an_empty_menu(requests_mock, desk):
    requests_mock.get(f"{BASE}/menu", status_code=500)
    with pytest.raises(requests.HTTPError):
        desk.menu()
