"""The menu: read-only dishes, filters and sorting, ETag + If-None-Match."""

from __future__ import annotations

import functools
import json

from flask import Blueprint, Response, request
from werkzeug.http import generate_etag

from mock_server.contract.declare import Finds, endpoint, header, path_param, query
from mock_server.contract.documented import listing, ok, use
from mock_server.contract.schema import MONEY, enum, integer, model, number, obj
from mock_server.state.data import CATEGORIES, DISHES_BY_ID, MENU

bp = Blueprint("menu", __name__)

SORTS = {
    "price": lambda dish: (dish["price"], dish["id"]),
    "-price": lambda dish: (-dish["price"], dish["id"]),
    "name": lambda dish: (dish["name"].casefold(), dish["id"]),
}
MAX_PRICE = 10_000
DISH_ID = integer(1, len(MENU))

model(
    "Dish",
    obj(
        {
            "id": DISH_ID,
            "name": {"type": "string"},
            "category": enum(CATEGORIES),
            "price": MONEY,
            "vegetarian": {"type": "boolean"},
            "description": {"type": "string"},
        }
    ),
)
model("Menu", listing("Dish"))
ETAG = {"ETag": {"$ref": "#/components/headers/ETag"}}


def _page(dishes: list) -> bytes:
    items = [dict(dish) for dish in dishes]
    return (
        json.dumps({"items": items, "count": len(items)}, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


@functools.lru_cache(maxsize=256)
def _menu_for(category: str | None, vegetarian: bool | None, max_price: float | None, sort: str | None) -> tuple:
    """The JSON bytes and ETag of one filtered, sorted menu (the menu never changes: each is rendered once)."""
    dishes = [
        dish
        for dish in MENU
        if (category is None or dish["category"] == category)
        and (vegetarian is None or dish["vegetarian"] == vegetarian)
        and (max_price is None or dish["price"] <= max_price)
    ]
    if sort is not None:
        dishes.sort(key=SORTS[sort])
    data = _page(dishes)
    return data, generate_etag(data)


@functools.cache
def _dish(dish_id: int) -> tuple[bytes, str]:
    data = (json.dumps(dict(DISHES_BY_ID[dish_id]), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    return data, generate_etag(data)


def _conditional(data: bytes, etag: str) -> Response:
    """200 with an ETag, or 304 when If-None-Match names it (weak comparison, RFC 9110; unquoted values never match)."""
    if _if_none_match_names(request.headers.get("If-None-Match"), etag):
        response = Response(status=304)
    else:
        response = Response(data, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(etag)
    return response


def _if_none_match_names(header_value: str | None, etag: str) -> bool:
    """Whether an If-None-Match field value names ``etag``: ``*`` or a list of quoted entity-tags (RFC 9110 13.1.2)."""
    if not header_value:
        return False
    if header_value.strip() == "*":
        return True
    for candidate in header_value.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if len(candidate) >= 2 and candidate[0] == candidate[-1] == '"' and candidate[1:-1] == etag:
            return True
    return False


@endpoint(
    bp,
    "GET",
    "/menu",
    "listMenu",
    "Menu",
    "The menu, filtered and sorted",
    {
        "200": ok("Menu", "The dishes that match.", "ETag"),
        "304": {"description": "Not modified: your copy (If-None-Match) is current.", "headers": ETAG},
    },
    description="Unknown or repeated query parameters are refused with 400. "
    "Send `If-None-Match` with the ETag of an earlier answer to get 304 when nothing changed.",
    params=[
        query("category", enum(CATEGORIES), "Only this category.", hint="Categories are lower-case words."),
        query("vegetarian", {"type": "boolean"}, "true: only vegetarian dishes; false: only the others."),
        query("max_price", number(0, MAX_PRICE), "Price at most this."),
        query("sort", enum(SORTS), "Order; -price = dearest first.", hint="`-price` sorts the dearest first."),
        header("If-None-Match", {"type": "string"}, "An ETag from an earlier answer."),
    ],
    example={"path": "/menu?category=pizza&vegetarian=true&sort=-price"},
)
def list_menu(query: dict) -> Response:
    found = _menu_for(query.get("category"), query.get("vegetarian"), query.get("max_price"), query.get("sort"))
    return _conditional(*found)


@endpoint(
    bp,
    "GET",
    "/menu/{dish_id}",
    "getDish",
    "Menu",
    "One dish",
    {"200": ok("Dish", "The dish.", "ETag"), "304": {"description": "Not modified."}, "404": use("NotFound")},
    params=[
        path_param(
            "dish_id",
            "A dish id from GET /menu.",
            integer(1),
            finds=Finds(
                "dish",
                lambda _: DISHES_BY_ID,
                f"There is no dish {{id}} on the menu (ids go from 1 to {len(MENU)}).",
                hint="GET /menu lists every dish with its id.",
            ),
        )
    ],
    example={"path": "/menu/15"},
)
def get_dish(dish: dict) -> Response:
    return _conditional(*_dish(dish["id"]))
