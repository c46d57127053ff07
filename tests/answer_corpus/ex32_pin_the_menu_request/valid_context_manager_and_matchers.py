# valid: requests_mock.Mocker as a context manager, with additional_matcher and complete_qs doing the checks
import pytest
import requests
import requests_mock

BASE = "http://restaurant.test"
SOUP = {"id": 9, "name": "Minestrone", "category": "starter", "price": 6.5, "vegetarian": True}


def sends_json_and(authorization):
    def matcher(request):
        return (
            request.headers.get("Accept") == "application/json"
            and request.headers.get("Authorization") == authorization
        )

    return matcher


@pytest.mark.parametrize(
    ("filters", "url"),
    [
        ({}, f"{BASE}/menu"),
        ({"category": "starter", "vegetarian": True}, f"{BASE}/menu?category=starter&vegetarian=true"),
        ({"vegetarian": False, "max_price": 7.5}, f"{BASE}/menu?vegetarian=false&max_price=7.5"),
    ],
)
def test_the_query_is_exactly_the_filters(front_desk, filters, url):
    with requests_mock.Mocker() as kitchen:
        kitchen.get(url, complete_qs=True, additional_matcher=sends_json_and(None), json={"items": [SOUP], "count": 1})
        assert front_desk(BASE).menu(**filters) == [SOUP]
        assert kitchen.last_request.method == "GET"
        assert kitchen.last_request.timeout == 5


def test_a_token_and_a_timeout_of_its_own(front_desk):
    with requests_mock.Mocker() as kitchen:
        kitchen.get(f"{BASE}/menu", additional_matcher=sends_json_and("Bearer chef"), json={"items": [], "count": 0})
        assert front_desk(BASE, token="chef", timeout=0.5).menu() == []
        assert kitchen.last_request.timeout == 0.5


def test_a_closed_kitchen(front_desk):
    with requests_mock.Mocker() as kitchen:
        kitchen.get(f"{BASE}/menu", status_code=503, json={"title": "Closed"})
        with pytest.raises(requests.HTTPError):
            front_desk(BASE).menu()
