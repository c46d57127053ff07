"""Exercise 33: When the dish is missing (reference solution)."""

import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {
    "type": "/problems/not-found",
    "title": "Not found",
    "status": 404,
    "detail": "There is no dish 99 on the menu (ids go from 1 to 21).",
    "hint": "GET /menu lists every dish with its id.",
}
TIRAMISU = {"id": 16, "name": "Tiramisù", "category": "dessert", "price": 6.9, "vegetarian": True}


def test_a_dish_that_exists_comes_back(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=TIRAMISU)

    assert front_desk(BASE).dish(16) == TIRAMISU


def test_a_404_becomes_dish_not_found_with_the_kitchens_detail(requests_mock, front_desk):
    requests_mock.get(
        f"{BASE}/menu/99", status_code=404, json=NOT_FOUND, headers={"Content-Type": "application/problem+json"}
    )

    with pytest.raises(DishNotFound) as caught:
        front_desk(BASE).dish(99)

    assert caught.value.dish_id == 99
    assert caught.value.detail == NOT_FOUND["detail"]


@pytest.mark.parametrize("status", [500, 503, 401])
def test_another_error_is_not_a_missing_dish(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/3", status_code=status, json={"title": "Not now", "status": status})

    with pytest.raises(requests.HTTPError):
        front_desk(BASE).dish(3)
