# valid: requests_mock.Mocker as a context manager, pytest.raises(match=) on the detail
import pytest
import requests
import requests_mock

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
MISSING = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "No dish 99 on the menu."}
SOUP = {"id": 9, "name": "Minestrone", "category": "starter", "price": 6.5, "vegetarian": True}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/9", json=SOUP)
    assert front_desk(BASE).dish(9) == SOUP


def test_no_such_dish(front_desk):
    with requests_mock.Mocker() as kitchen:
        kitchen.get(
            f"{BASE}/menu/99", status_code=404, json=MISSING, headers={"Content-Type": "application/problem+json"}
        )
        with pytest.raises(DishNotFound, match=r"No dish 99 on the menu\.") as caught:
            front_desk(BASE).dish(99)
    assert (caught.value.dish_id, caught.value.detail) == (99, MISSING["detail"])


@pytest.mark.parametrize("status", [500, 503, 403])
def test_other_errors(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/9", status_code=status, json={"title": "Nope", "status": status})
    with pytest.raises(requests.HTTPError) as caught:
        front_desk(BASE).dish(9)
    assert not isinstance(caught.value, DishNotFound)
