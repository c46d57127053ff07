# wrong: expects "some exception" for a 404 (pytest.raises(Exception)), so an HTTPError passes too
# expect: raises requests.HTTPError for a 404
import pytest
import requests

BASE = "http://restaurant.test"
NOT_FOUND = {"type": "/problems/not-found", "title": "Not found", "status": 404, "detail": "There is no dish 99."}
DISH = {"id": 16, "name": "Tiramisù"}


def test_a_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/16", json=DISH)
    assert front_desk(BASE).dish(16) == DISH


def test_a_missing_dish(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/99", status_code=404, json=NOT_FOUND)
    with pytest.raises(Exception):  # noqa: B017 (the mistake this answer makes)
        front_desk(BASE).dish(99)


def test_a_broken_kitchen(requests_mock, front_desk):
    requests_mock.get(f"{BASE}/menu/3", status_code=500, json={"title": "Oops", "status": 500})
    with pytest.raises(requests.HTTPError):
        front_desk(BASE).dish(3)
