# valid: one test, three addresses registered, checks on the exception's attributes with vars()
import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_the_three_answers(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    requests_mock.get(f"{BASE}/menu/5", status_code=503, json={"title": "Closed", "status": 503})
    requests_mock.get(f"{BASE}/menu/6", status_code=403, json={"title": "Staff only", "status": 403})
    desk = front_desk(BASE)
    assert desk.dish(16) == DISH
    with pytest.raises(DishNotFound) as missing:
        desk.dish(99)
    assert vars(missing.value) == {"dish_id": 99, "detail": NOT_FOUND["detail"]}
    with pytest.raises(requests.HTTPError) as closed:
        desk.dish(5)
    assert not isinstance(closed.value, DishNotFound)
    assert closed.value.response.status_code == 503
    with pytest.raises(requests.HTTPError) as forbidden:
        desk.dish(6)
    assert not isinstance(forbidden.value, DishNotFound)
