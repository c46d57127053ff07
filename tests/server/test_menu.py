"""GET /health, /menu and /menu/<id>: filters, sorting, ETag, errors."""

from __future__ import annotations

import pytest

from .conftest import assert_problem


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "open"}


def test_menu_lists_every_dish(client):
    body = client.get("/menu").get_json()
    assert body["count"] == len(body["items"]) >= 15
    assert [dish["id"] for dish in body["items"]] == list(range(1, body["count"] + 1))
    assert set(body["items"][0]) == {"id", "name", "category", "price", "vegetarian", "description"}
    assert any(not dish["name"].isascii() for dish in body["items"])


@pytest.mark.parametrize(
    "query, check",
    [
        ("category=pizza", lambda dish: dish["category"] == "pizza"),
        ("vegetarian=true", lambda dish: dish["vegetarian"]),
        ("vegetarian=False", lambda dish: not dish["vegetarian"]),
        ("max_price=6", lambda dish: dish["price"] <= 6),
        ("category=dessert&max_price=6.5", lambda dish: dish["category"] == "dessert" and dish["price"] <= 6.5),
    ],
)
def test_menu_filters(client, query, check):
    items = client.get(f"/menu?{query}").get_json()["items"]
    assert items and all(check(dish) for dish in items)


@pytest.mark.parametrize(
    "sort, key, reverse",
    [("price", "price", False), ("-price", "price", True), ("name", "name", False)],
)
def test_menu_sorts(client, sort, key, reverse):
    items = client.get(f"/menu?sort={sort}").get_json()["items"]
    values = [dish[key].casefold() if key == "name" else dish[key] for dish in items]
    assert values == sorted(values, reverse=reverse)


@pytest.mark.parametrize(
    "query",
    [
        "category=soup",
        "category=",
        "vegetarian=yes",
        "max_price=cheap",
        "max_price=-1",
        "max_price=nan",
        "max_price=inf",
        "sort=popularity",
        "categroy=pizza",
        "category=pizza&category=main",
    ],
)
def test_menu_rejects_bad_queries(client, query):
    assert_problem(client.get(f"/menu?{query}"), 400)


def test_menu_etag_gives_304(client):
    first = client.get("/menu?category=drink")
    etag = first.headers["ETag"]
    again = client.get("/menu?category=drink", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    other = client.get("/menu?category=main", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_one_dish(client):
    response = client.get("/menu/15")
    assert response.get_json()["name"] == "Crème brûlée"
    again = client.get("/menu/15", headers={"If-None-Match": f"W/{response.headers['ETag']}"})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("dish_id", ["0", "999", "abc", "-1", "1.5", "9" * 40, "%C3%A9"])
def test_unknown_dish_is_404_problem(client, dish_id):
    assert_problem(client.get(f"/menu/{dish_id}"), 404)
