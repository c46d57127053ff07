"""Reviews: 137 seeded ones, cursor pagination with a Link: rel="next" header,
and POST (bearer token) to add your own."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from mock_server.contract.declare import Body, Finds, endpoint, path_param
from mock_server.contract.documented import link, ok, use
from mock_server.contract.pages import answer, few_at_once, page_of, page_params, take
from mock_server.contract.responses import created
from mock_server.contract.schema import ID, TIMESTAMP, integer, model, obj, text
from mock_server.resources.auth import BEARER, current_guest
from mock_server.state.caps import refuse_if_full
from mock_server.state.data import MENU
from mock_server.state.store import current_state

bp = Blueprint("reviews", __name__)

DEFAULT_LIMIT = 20  # exercise 18 follows the pages: the 137 seeded reviews take seven of them

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
model("ReviewPage", page_of("Review"))


@endpoint(
    bp,
    "GET",
    "/reviews",
    "listReviews",
    "Reviews",
    "Reviews, one page at a time",
    {"200": ok("ReviewPage", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=page_params(DEFAULT_LIMIT),
    example={"path": "/reviews?limit=5"},
)
@few_at_once
def list_reviews(query: dict) -> Response:
    state = current_state()
    with state.lock:
        page, cursor = take(state.reviews, query, default=DEFAULT_LIMIT)
        items = [dict(review) for review in page]
    return answer({"items": items}, cursor, query, DEFAULT_LIMIT)


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
