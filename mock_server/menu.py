"""The menu: read-only dishes, filters and sorting, ETag + If-None-Match."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

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


def _conditional(body: dict) -> Response:
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/menu")
def list_menu() -> Response:
    args = query_args(("category", "vegetarian", "max_price", "sort"))
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
    return _conditional({"items": [dict(dish) for dish in dishes], "count": len(dishes)})


@bp.get("/menu/<dish_id>")
def get_dish(dish_id: str) -> Response:
    dish = DISHES_BY_ID.get(path_id(dish_id, "dish"))
    if dish is None:
        raise ApiError(
            "not-found",
            f"There is no dish {dish_id} on the menu (ids go from 1 to {len(MENU)}).",
            hint="GET /menu lists every dish with its id.",
        )
    return _conditional(dict(dish))
