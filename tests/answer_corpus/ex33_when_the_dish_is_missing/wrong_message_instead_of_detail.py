# wrong: reads the exception's message for the dish id instead of checking its detail
# expect: puts the problem's `title` in DishNotFound instead of the kitchen's `detail`
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
    assert "99" in str(caught.value)


@pytest.mark.parametrize("status", [500, 503, 403])
def test_other_errors(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/9", status_code=status, json={"title": "Nope", "status": status})
    with pytest.raises(requests.HTTPError) as caught:
        front_desk(BASE).dish(9)
    assert not isinstance(caught.value, DishNotFound)
