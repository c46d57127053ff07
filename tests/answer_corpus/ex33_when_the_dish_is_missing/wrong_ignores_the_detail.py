# wrong: checks that DishNotFound comes out but never looks at what it carries
# expect: puts the problem's `title` in DishNotFound
import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    assert front_desk(BASE).dish(16) == DISH


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    with pytest.raises(DishNotFound):
        front_desk(BASE).dish(99)


def test_a_broken_kitchen(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/3", status_code=500, json={"title": "Oops", "status": 500})
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).dish(3)
