# wrong: tests one broken kitchen, a 500, as if every other error behaved like it
# expect: raises DishNotFound for a 503 too
import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
MISSING = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "No dish 99 on the menu."}
SOUP = {"id": 9, "name": "Minestrone", "category": "starter", "price": 6.5, "vegetarian": True}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/9", json=SOUP)
    assert front_desk(BASE).dish(9) == SOUP


def test_no_such_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=MISSING)
    with pytest.raises(DishNotFound) as caught:
        front_desk(BASE).dish(99)
    assert caught.value.dish_id == 99
    assert caught.value.detail == "No dish 99 on the menu."


def test_other_errors(requests_mock, front_desk):
    status = 500
    requests_mock.get(f"{BASE}/menu/9", status_code=status, json={"title": "Nope", "status": status})
    with pytest.raises(requests.HTTPError) as caught:
        front_desk(BASE).dish(9)
    assert not isinstance(caught.value, DishNotFound)
