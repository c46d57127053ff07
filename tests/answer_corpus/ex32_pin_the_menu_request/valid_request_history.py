# valid: a helper fixture makes the desk; checks read requests_mock.request_history and a matcher's call_count
import pytest
import requests

BASE = "http://restaurant.test"


@pytest.fixture
def desk(front_desk):
    return front_desk(BASE, token="staff-1", timeout=3)


def test_one_get_with_all_it_needs(requests_mock, desk):
    menu = requests_mock.get(f"{BASE}/menu", json={"items": [{"id": 2}], "count": 1})
    dishes = desk.menu(category="pasta", vegetarian=False, max_price=11.5)
    assert dishes == [{"id": 2}]
    assert menu.call_count == 1
    (sent,) = requests_mock.request_history
    assert sent.qs == {"category": ["pasta"], "vegetarian": ["false"], "max_price": ["11.5"]}
    assert {k.lower(): v for k, v in sent.headers.items()}["accept"] == "application/json"
    assert sent.headers["authorization"] == "Bearer staff-1"
    assert sent.timeout == 3


def test_nothing_given_nothing_sent(requests_mock, front_desk):
    menu = requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    assert front_desk(BASE).menu() == []
    (sent,) = requests_mock.request_history
    assert sent.qs == {}
    assert "authorization" not in {k.lower() for k in sent.headers}
    assert menu.called_once


def test_a_kitchen_error_comes_out(requests_mock, desk):
    menu = requests_mock.get(f"{BASE}/menu", status_code=500, json={"title": "Oops"})
    with pytest.raises(requests.exceptions.HTTPError):
        desk.menu()
    assert menu.call_count == 1
