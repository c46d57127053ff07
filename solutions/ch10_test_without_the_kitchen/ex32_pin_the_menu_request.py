"""Exercise 32: Pin down the menu request (reference solution)."""

import pytest
import requests

BASE = "http://restaurant.test"
MARGHERITA = {"id": 1, "name": "Margherita", "category": "pizza", "price": 9.5, "vegetarian": True}


def test_the_filters_given_go_in_the_query_and_the_dishes_come_back(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [MARGHERITA], "count": 1})
    desk = front_desk(BASE)

    assert desk.menu(category="pizza", vegetarian=False, max_price=12) == [MARGHERITA]

    sent = requests_mock.last_request
    assert sent.method == "GET"
    assert sent.path == "/menu"
    assert sent.qs == {"category": ["pizza"], "vegetarian": ["false"], "max_price": ["12"]}
    assert sent.headers["Accept"] == "application/json"
    assert sent.timeout == 5


def test_no_filter_no_query_and_no_token_no_authorization(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})

    assert front_desk(BASE).menu() == []

    assert requests_mock.last_request.qs == {}
    assert "Authorization" not in requests_mock.last_request.headers


def test_the_token_goes_in_the_authorization_header(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})

    front_desk(BASE, token="s3cret").menu()

    assert requests_mock.last_request.headers["Authorization"] == "Bearer s3cret"


def test_the_timeout_given_is_the_timeout_sent(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})

    front_desk(BASE, timeout=2).menu()

    assert requests_mock.last_request.timeout == 2


def test_an_error_status_raises(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", status_code=503, json={"title": "Busy", "status": 503})

    with pytest.raises(requests.HTTPError):
        front_desk(BASE).menu()
