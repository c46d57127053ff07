# valid: try/except/else with pytest.fail, the kitchen's answers given as raw UTF-8 bytes with content=
import json

import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
PROBLEM_JSON = {"Content-Type": "application/problem+json"}


def raw(body):
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def test_the_dish_asked_for_is_returned(requests_mock, front_desk):
    dish = {"id": 12, "name": "Gnocchi", "category": "main", "price": 11.0, "vegetarian": True}
    requests_mock.get(f"{BASE}/menu/12", content=raw(dish), headers={"Content-Type": "application/json"})
    result = front_desk(BASE).dish(12)
    assert result == dish


def test_missing_dish(requests_mock, front_desk):
    detail = "Il n'y a pas de plat 30 — désolé."
    requests_mock.get(
        f"{BASE}/menu/30", status_code=404, content=raw({"status": 404, "detail": detail}), headers=PROBLEM_JSON
    )
    try:
        front_desk(BASE).dish(30)
    except DishNotFound as error:
        assert error.dish_id == 30
        assert error.detail == detail
    else:
        pytest.fail("a 404 should raise DishNotFound")


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_not_a_missing_dish(requests_mock, front_desk, status):
    requests_mock.get(f"{BASE}/menu/5", status_code=status, content=raw({"status": status, "title": "Oven broke"}))
    try:
        front_desk(BASE).dish(5)
    except DishNotFound:
        pytest.fail(f"a {status} is not a missing dish")
    except requests.HTTPError as error:
        assert error.response.status_code == status
    else:
        pytest.fail(f"a {status} should raise requests.HTTPError")


def test_a_refusal_is_not_a_missing_dish_either(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/5", status_code=401, content=raw({"status": 401, "title": "Who are you?"}))
    with pytest.raises(requests.HTTPError) as raised:
        front_desk(BASE).dish(5)
    assert type(raised.value) is not DishNotFound
