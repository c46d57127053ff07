# valid: a parametrized fixture serves each error answer; the 404 checked through the exception's attributes
import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
TIRAMISU = {"id": 16, "name": "Tiramisù", "category": "dessert", "price": 6.9, "vegetarian": True}


@pytest.fixture(params=[401, 500, 502, 503])
def broken_kitchen(request, requests_mock):
    requests_mock.get(f"{BASE}/menu/16", status_code=request.param, json={"status": request.param})
    return request.param


def test_the_dish_comes_back_as_a_dict(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=TIRAMISU)
    dish = front_desk(BASE).dish(16)
    assert isinstance(dish, dict) and dish == TIRAMISU


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/42", status_code=404, json={"status": 404, "title": "Not found", "detail": "no 42"})
    try:
        front_desk(BASE).dish(42)
    except DishNotFound as missing:
        assert missing.dish_id == 42
        assert missing.detail == "no 42"
    else:
        pytest.fail("no DishNotFound for a 404")


def test_a_broken_kitchen(broken_kitchen, front_desk):
    with pytest.raises(requests.HTTPError) as caught:
        front_desk(BASE).dish(16)
    assert type(caught.value) is requests.HTTPError
    assert caught.value.response.status_code == broken_kitchen
