# wrong: never answers a 500, so a desk that calls every error "not found" passes
# expect: raises DishNotFound for every error
import pytest

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    assert front_desk(BASE).dish(16) == DISH


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    with pytest.raises(DishNotFound) as caught:
        front_desk(BASE).dish(99)
    assert (caught.value.dish_id, caught.value.detail) == (99, NOT_FOUND["detail"])
