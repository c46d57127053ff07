"""The menu: read-only dishes, filters and sorting, ETag + If-None-Match."""

from __future__ import annotations

import functools
import json
from urllib.parse import parse_qsl

from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict
from werkzeug.http import generate_etag

from .data import CATEGORIES, DISHES_BY_ID, MENU
from .problems import ApiError
from .validation import path_id, query_args, query_error, query_number

bp = Blueprint("menu", __name__)

SORTS = {
    "price": lambda dish: (dish["price"], dish["id"]),
    "-price": lambda dish: (-dish["price"], dish["id"]),
    "name": lambda dish: (dish["name"].casefold(), dish["id"]),
}
MAX_PRICE = 10_000


def _page(dishes: list) -> bytes:
    items = [dict(dish) for dish in dishes]
    return (
        json.dumps({"items": items, "count": len(items)}, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


def _parse_query(query_string: bytes) -> MultiDict:
    text = query_string.decode("latin-1")
    return MultiDict(parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="replace"))


@functools.lru_cache(maxsize=256)
def _menu_for(query_string: bytes) -> tuple[bytes, str]:
    """The JSON bytes and ETag of GET /menu?<query_string>.

    The menu never changes, so each distinct query is rendered once; an
    invalid query raises (and exceptions are not cached).
    """
    args = query_args(("category", "vegetarian", "max_price", "sort"), _parse_query(query_string))
    dishes = list(MENU)
    if "category" in args:
        category = args["category"]
        if category not in CATEGORIES:
            raise query_error(
                "category", category, f"one of {', '.join(CATEGORIES)}", hint="Categories are lower-case words."
            )
        dishes = [dish for dish in dishes if dish["category"] == category]
    if "vegetarian" in args:
        flag = args["vegetarian"].lower()
        if flag not in ("true", "false"):
            raise query_error("vegetarian", args["vegetarian"], "true or false")
        dishes = [dish for dish in dishes if dish["vegetarian"] == (flag == "true")]
    max_price = query_number(args, "max_price", 0, MAX_PRICE)
    if max_price is not None:
        dishes = [dish for dish in dishes if dish["price"] <= max_price]
    if "sort" in args:
        if args["sort"] not in SORTS:
            raise query_error("sort", args["sort"], "price, -price or name", hint="`-price` sorts the dearest first.")
        dishes.sort(key=SORTS[args["sort"]])
    data = _page(dishes)
    return data, generate_etag(data)


@functools.cache
def _dish(dish_id: int) -> tuple[bytes, str]:
    data = (json.dumps(dict(DISHES_BY_ID[dish_id]), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    return data, generate_etag(data)


def _conditional(data: bytes, etag: str) -> Response:
    """200 with an ETag, or 304 when If-None-Match already names it (weak comparison, RFC 9110)."""
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(data, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(etag)
    return response


@bp.get("/menu")
def list_menu() -> Response:
    return _conditional(*_menu_for(request.query_string))


@bp.get("/menu/<dish_id>")
def get_dish(dish_id: str) -> Response:
    dish = DISHES_BY_ID.get(path_id(dish_id, "dish"))
    if dish is None:
        raise ApiError(
            "not-found",
            f"There is no dish {dish_id} on the menu (ids go from 1 to {len(MENU)}).",
            hint="GET /menu lists every dish with its id.",
        )
    return _conditional(*_dish(dish["id"]))
