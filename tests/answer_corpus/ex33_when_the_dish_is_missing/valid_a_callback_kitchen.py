# valid: one json= callback plays the kitchen for every id (a regex URL), setting context.status_code for a 404
import re

import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
MENU = {7: {"id": 7, "name": "Crème brûlée", "category": "dessert", "price": 6.5, "vegetarian": True}}


def kitchen(request, context):
    dish_id = int(request.path.rsplit("/", 1)[1])
    if dish_id in MENU:
        return MENU[dish_id]
    context.status_code = 404
    context.headers["Content-Type"] = "application/problem+json"
    return {"title": "Not found", "status": 404, "detail": f"No dish {dish_id} today."}


@pytest.fixture
def menu(requests_mock):
    return requests_mock.get(re.compile(r"http://restaurant\.test/menu/[0-9]+$"), json=kitchen)


def test_a_known_dish(menu, front_desk):
    assert front_desk(BASE).dish(7) == MENU[7]
    assert menu.last_request.path == "/menu/7"


def test_an_unknown_dish_is_dish_not_found(menu, front_desk):
    with pytest.raises(DishNotFound) as raised:
        front_desk(BASE).dish(41)
    assert (raised.value.dish_id, raised.value.detail) == (41, "No dish 41 today.")
    assert menu.last_request.path == "/menu/41"


@pytest.mark.parametrize("status", [500, 502, 503, 403])
def test_other_errors_are_http_errors(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/7", status_code=status, json={"status": status, "title": "No"})
    with pytest.raises(requests.HTTPError) as raised:
        front_desk(BASE).dish(7)
    assert not isinstance(raised.value, DishNotFound)
