# wrong: a test that waits in a loop for the desk to give up: it never ends
# expect: was stopped

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    desk = front_desk(BASE)
    while True:
        try:
            desk.dish(99)
        except DishNotFound:
            pass
