# wrong: tests the dish that exists only; every error path goes unchecked
# expect: returns None for a dish that does not exist


BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    assert front_desk(BASE).dish(16) == DISH
