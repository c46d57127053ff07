"""Reviews: 137 seeded ones, cursor pagination with a Link: rel="next" header,
and POST (bearer token) to add your own."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request

from mock_server.contract.declare import Body, Finds, endpoint, path_param, query
from mock_server.contract.documented import link, ok, use
from mock_server.contract.responses import created
from mock_server.contract.schema import ID, TIMESTAMP, integer, model, nullable, obj, ref, text
from mock_server.resources.auth import BEARER, current_guest
from mock_server.state.caps import refuse_if_full
from mock_server.state.data import MENU
from mock_server.state.store import current_state

bp = Blueprint("reviews", __name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# A cursor is opaque to clients. Every string matching CURSOR_PATTERN decodes
# to a position (possibly past the end: an empty last page), so a schema-valid
# cursor is never refused; anything else is a 400.
CURSOR_PATTERN = "^[0-9a-f]{1,15}$"
_CURSOR_MASK = 0x5EA51DE


DISH_ID, RATING, MAX_TEXT = integer(1, len(MENU)), integer(1, 5), 1000
REVIEW_INPUT = model("ReviewInput", obj({"dish_id": DISH_ID, "rating": RATING, "text": text(MAX_TEXT)}))
model(
    "Review",
    obj(
        {
            "id": ID,
            "dish_id": DISH_ID,
            "author": {"type": "string"},
            "rating": RATING,
            "text": {"type": "string"},
            "created_at": TIMESTAMP,
        }
    ),
)
model(
    "ReviewPage",
    obj(
        {
            "items": {"type": "array", "items": ref("Review")},
            "next": nullable({"type": "string", "description": "Cursor of the next page; null on the last one."}),
        }
    ),
)


def encode_cursor(after_id: int) -> str:
    return format(after_id ^ _CURSOR_MASK, "x")


def decode_cursor(cursor: str) -> int:
    return int(cursor, 16) ^ _CURSOR_MASK  # the declaration checked it against CURSOR_PATTERN


@endpoint(
    bp,
    "GET",
    "/reviews",
    "listReviews",
    "Reviews",
    "Reviews, one page at a time",
    {"200": ok("ReviewPage", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=[
        query("limit", integer(1, MAX_LIMIT), f"Page size (default {DEFAULT_LIMIT})."),
        query(
            "cursor",
            {"type": "string", "pattern": CURSOR_PATTERN},
            "The `next` value of the previous page.",
            expected="a cursor returned by this API",
            hint="Do not build cursors yourself: copy `next` from the previous page (or follow the Link header).",
        ),
    ],
    example={"path": "/reviews?limit=5"},
)
def list_reviews(query: dict) -> Response:
    limit = query.get("limit", DEFAULT_LIMIT)
    after = decode_cursor(query["cursor"]) if "cursor" in query else 0
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


@endpoint(
    bp,
    "GET",
    "/reviews/{review_id}",
    "getReview",
    "Reviews",
    "One review",
    {"200": ok("Review"), "404": use("NotFound")},
    params=[
        path_param(
            "review_id",
            "A review id.",
            finds=Finds(
                "review",
                lambda state: state.reviews,
                "There is no review {id}.",
                hint="GET /reviews lists them, page by page.",
                state=current_state,
            ),
        )
    ],
    example={"path": "/reviews/1"},
)
def get_review(review: dict) -> Response:
    return jsonify(dict(review))


@endpoint(
    bp,
    "POST",
    "/reviews",
    "addReview",
    "Reviews",
    "Write a review (bearer token)",
    {"201": ok("Review", "Published.", "Location"), "409": use("Conflict")},
    body=REVIEW_INPUT,
    security=BEARER,
    example={
        "path": "/reviews",
        "auth": "bearer",
        "status": 201,
        "body": {"dish_id": 15, "rating": 5, "text": "Crème brûlée to die for."},
    },
    links={"GetReview": link("getReview", "review_id")},
)
def add_review(body: Body) -> Response:
    author = current_guest()
    written = body.value
    state = current_state()
    with state.lock:
        refuse_if_full(state, "reviews")
        review = {
            "id": state.next_id("review"),
            "dish_id": written["dish_id"],
            "author": author,
            "rating": written["rating"],
            "text": written["text"],
            "created_at": state.clock.isoformat(state.clock.now()),
        }
        state.reviews[review["id"]] = review
    return created(review, f"/reviews/{review['id']}")
