# valid: the kitchen answers only requests with the right headers (request_headers=) and the whole query (complete_qs)
import pytest
import requests
from requests_mock.exceptions import NoMockAddress

BASE = "http://restaurant.test"
DISHES = [{"id": 2, "name": "Bruschetta", "category": "starter", "price": 6.5, "vegetarian": True}]
ANSWER = {"items": DISHES, "count": 1}


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        ({"category": "starter"}, "?category=starter"),
        ({"vegetarian": False}, "?vegetarian=false"),
        ({"vegetarian": True, "max_price": 8}, "?vegetarian=true&max_price=8"),
        ({}, ""),
    ],
    ids=["a category", "not vegetarian", "two filters", "none"],
)
def test_the_kitchen_answers_only_the_right_query(requests_mock, front_desk, filters, query):
    requests_mock.get(
        f"{BASE}/menu{query}", complete_qs=True, request_headers={"Accept": "application/json"}, json=ANSWER
    )
    assert front_desk(BASE).menu(**filters) == DISHES
    assert requests_mock.last_request.method == "GET"


def test_a_token_is_shown_as_a_bearer(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", request_headers={"Authorization": "Bearer abc123"}, json=ANSWER)
    assert front_desk(BASE, token="abc123").menu() == DISHES


def test_no_token_no_authorization_header(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json=ANSWER)
    front_desk(BASE).menu()
    assert requests_mock.last_request.headers.get("Authorization") is None


def test_a_wrong_path_finds_no_kitchen(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menus", json=ANSWER)
    with pytest.raises(NoMockAddress):
        front_desk(BASE).menu()


@pytest.mark.parametrize(("given", "sent"), [({}, 5), ({"timeout": 0.25}, 0.25)])
def test_the_timeout(requests_mock, front_desk, given, sent):
    requests_mock.get(f"{BASE}/menu", json=ANSWER)
    front_desk(BASE, **given).menu()
    assert requests_mock.last_request.timeout == sent


@pytest.mark.parametrize("status", [500, 503, 404])
def test_an_error_status_raises(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu", status_code=status, json={"status": status})
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).menu()
