# valid: the error statuses in one parametrized table, the 404 apart (pytest.raises with match=)
import re

import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


@pytest.mark.parametrize("status", [500, 503, 400])
def test_other_errors_are_http_errors(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/3", status_code=status, json={"title": "No", "status": status})
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).dish(3)


def test_404(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    with pytest.raises(DishNotFound, match=re.escape(NOT_FOUND["detail"])) as caught:
        front_desk(BASE).dish(99)
    assert caught.value.dish_id == 99


def test_200(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    assert front_desk(BASE).dish(16) == DISH
