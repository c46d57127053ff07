# valid: one parametrized test for the query, one for the headers and the timeout
import pytest
import requests

BASE = "http://restaurant.test"
SALAD = {"id": 4, "name": "Caesar", "category": "starter", "price": 7.0, "vegetarian": False}


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        ({}, {}),
        ({"category": "starter"}, {"category": ["starter"]}),
        ({"vegetarian": False}, {"vegetarian": ["false"]}),
        ({"vegetarian": True, "max_price": 8}, {"vegetarian": ["true"], "max_price": ["8"]}),
    ],
)
def test_only_the_filters_given_are_sent(requests_mock, front_desk, filters, query):
    requests_mock.get(f"{BASE}/menu", json={"items": [SALAD], "count": 1})
    assert front_desk(BASE).menu(**filters) == [SALAD]
    assert requests_mock.last_request.method == "GET"
    assert requests_mock.last_request.qs == query


@pytest.mark.parametrize(
    ("options", "authorization", "timeout"),
    [({}, None, 5), ({"token": "abc"}, "Bearer abc", 5), ({"timeout": 1.5}, None, 1.5)],
)
def test_headers_and_timeout(requests_mock, front_desk, options, authorization, timeout):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    front_desk(BASE, **options).menu()
    sent = requests_mock.last_request
    assert sent.headers.get("Accept") == "application/json"
    assert sent.headers.get("Authorization") == authorization
    assert sent.timeout == timeout


@pytest.mark.parametrize("status", [500, 503])
def test_an_error_is_raised(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu", status_code=status)
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).menu()
