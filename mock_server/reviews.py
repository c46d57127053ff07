"""Reviews: 137 seeded ones, cursor pagination with a Link: rel="next" header,
and POST (bearer token) to add your own."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request

from .auth import current_guest
from .data import MENU
from .problems import ApiError
from .responses import created
from .store import current_state
from .validation import Checker, json_body, path_id, query_args, query_error, query_int

bp = Blueprint("reviews", __name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# A cursor is opaque to clients. Every string matching CURSOR_PATTERN decodes
# to a position (possibly past the end: an empty last page), so a schema-valid
# cursor is never refused; anything else is a 400.
CURSOR_PATTERN = "^[0-9a-f]{1,15}$"
_CURSOR_MASK = 0x5EA51DE


def encode_cursor(after_id: int) -> str:
    return format(after_id ^ _CURSOR_MASK, "x")


def decode_cursor(cursor: str) -> int:
    if re.fullmatch(CURSOR_PATTERN, cursor):
        return int(cursor, 16) ^ _CURSOR_MASK
    raise query_error(
        "cursor",
        cursor,
        "a cursor returned by this API",
        hint="Do not build cursors yourself: copy `next` from the previous page (or follow the Link header).",
    )


@bp.get("/reviews")
def list_reviews() -> Response:
    args = query_args(("limit", "cursor"))
    limit = query_int(args, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT)
    after = decode_cursor(args["cursor"]) if "cursor" in args else 0
    state = current_state()
    with state.lock:
        newer = [review for review_id, review in sorted(state.reviews.items()) if review_id > after]
    page = [dict(review) for review in newer[:limit]]
    more = len(newer) > limit
    cursor = encode_cursor(page[-1]["id"]) if more else None
    response = jsonify({"items": page, "next": cursor})
    if cursor:
        link = f"{request.base_url}?{urlencode({'limit': limit, 'cursor': cursor})}"
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response


@bp.get("/reviews/<review_id>")
def get_review(review_id: str) -> Response:
    state = current_state()
    with state.lock:
        review = state.reviews.get(path_id(review_id, "review"))
        if review is None:
            raise ApiError(
                "not-found", f"There is no review {review_id}.", hint="GET /reviews lists them, page by page."
            )
        return jsonify(dict(review))


@bp.post("/reviews")
def add_review() -> Response:
    author = current_guest()
    check = Checker()
    body = check.fields(json_body(), "", required=("dish_id", "rating", "text"))
    review: dict[str, Any] = {}
    if body is not None:
        if "dish_id" in body:
            review["dish_id"] = check.integer(body["dish_id"], "dish_id", 1, len(MENU))
        if "rating" in body:
            review["rating"] = check.integer(body["rating"], "rating", 1, 5)
        if "text" in body:
            review["text"] = check.string(body["text"], "text", 1000)
    check.done()
    state = current_state()
    with state.lock:
        review = {
            "id": state.next_id("review"),
            "dish_id": review["dish_id"],
            "author": author,
            "rating": review["rating"],
            "text": review["text"],
            "created_at": state.clock.isoformat(state.clock.now()),
        }
        state.reviews[review["id"]] = review
    return created(review, f"/reviews/{review['id']}")
