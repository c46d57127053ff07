# wrong: wraps the call in try/except and asserts inside the except: a desk that raises nothing passes
# expect: checks nothing

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    try:
        front_desk(BASE).dish(99)
    except DishNotFound as error:
        assert error.detail == NOT_FOUND["detail"]
