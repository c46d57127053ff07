# wrong: sends the request itself with requests.get, so it tests requests-mock, not the front desk
# expect: never calls the front desk
import requests

BASE = "http://restaurant.test"


def test_the_menu(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu", json={"items": [], "count": 0})
    assert requests.get(f"{BASE}/menu", params={"category": "pizza"}, timeout=5).json()["items"] == []
    assert requests_mock.last_request.qs == {"category": ["pizza"]}
