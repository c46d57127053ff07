# valid: a test class with an autouse fixture for the kitchen, a regex URL matcher, the query read with parse_qs
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

BASE = "http://restaurant.test"
RISOTTO = {"id": 4, "name": "Risotto ai funghi", "category": "main", "price": 13.0, "vegetarian": True}


def query_of(request):
    return parse_qs(urlsplit(request.url).query, keep_blank_values=True)


class TestTheMenuRequest:
    @pytest.fixture(autouse=True)
    def kitchen(self, requests_mock):
        self.menu = requests_mock.get(re.compile(r"^http://restaurant\.test/menu(\?|$)"), json={"items": [RISOTTO]})
        return requests_mock

    def test_every_filter_goes_in_the_query(self, front_desk):
        assert front_desk(BASE).menu(category="main", vegetarian=True, max_price=14.5) == [RISOTTO]
        assert query_of(self.menu.last_request) == {
            "category": ["main"],
            "vegetarian": ["true"],
            "max_price": ["14.5"],
        }

    def test_false_is_a_filter_too(self, front_desk):
        front_desk(BASE).menu(vegetarian=False)
        assert query_of(self.menu.last_request) == {"vegetarian": ["false"]}

    def test_no_filter_no_query(self, front_desk):
        front_desk(BASE).menu()
        assert urlsplit(self.menu.last_request.url).query == ""

    def test_a_get_of_the_menu_path_asking_for_json(self, front_desk):
        front_desk(BASE).menu(category="main")
        sent = self.menu.last_request
        assert (sent.method, urlsplit(sent.url).path) == ("GET", "/menu")
        assert sent.headers.get("Accept") == "application/json"
        assert self.menu.call_count == 1

    def test_the_bearer_token_only_when_there_is_one(self, front_desk):
        front_desk(BASE, token="tok-9").menu()
        assert self.menu.last_request.headers.get("Authorization") == "Bearer tok-9"
        front_desk(BASE).menu()
        assert "Authorization" not in self.menu.last_request.headers

    def test_the_timeouts(self, front_desk):
        front_desk(BASE).menu()
        assert self.menu.last_request.timeout == 5
        front_desk(BASE, timeout=1.5).menu()
        assert self.menu.last_request.timeout == 1.5

    def test_an_error_status_raises(self, kitchen, front_desk):
        kitchen.get(f"{BASE}/menu", status_code=500, json={"title": "Oops", "status": 500})
        with pytest.raises(requests.HTTPError):
            front_desk(BASE).menu()
