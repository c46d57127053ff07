"""Exercise 18: all_reviews(base_url, page_size) follows the cursor (or the Link header) to the last page."""

import math
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from kata.expect import call, expect_request, expect_true, fail, raises, sent_requests
from kata.kitchen.fake_replies import problem, utf8_json

MAX_REQUESTS = 50
FOLLOW_HINT = (
    "Copy `next` from the page you got into the next request's `cursor` (with the same `limit`), "
    "or follow the `Link` header's next URL; stop when `next` is null."
)


def review(number):
    """The kitchen's `number`th review (from 1). Its id is not `number`: the kitchen's order is not the ids' order."""
    return {
        "id": number * 37 % 101,
        "dish_id": number % 21 + 1,
        "author": "ada",
        "rating": number % 5 + 1,
        "text": f"Visit {number}: très bon.",  # sent as raw UTF-8, not \\u escapes
    }


def cursor_after(number):
    """An opaque cursor, as the kitchen's are: the learner must copy it, not build it.

    It holds `+`, `/`, `=`, `&` and a space, as a base64 or free-text cursor can: written into the URL by hand
    it breaks (a space for `+`, a new parameter at `&`); `params=` encodes it.
    """
    return format(number * 7919 + 0xC0FFEE, "x") + "+/= &x"


class Reviews:
    """GET /reviews serving `count` reviews page by page, like the kitchen: `next` and a Link header.

    `broken_page` (1-based) answers 500 instead. The reviews come in the kitchen's order, which is not the
    order of their ids (nor of anything else): "in the kitchen's order" means as they came.
    """

    def __init__(self, requests_mock, base_url, count, *, broken_page=None):
        self.all = [review(n) for n in range(1, count + 1)]
        self.cursors = {cursor_after(n): n for n in range(0, count + 1)}
        served = []

        def answer(request, context):
            query = parse_qs(urlsplit(request.url).query, keep_blank_values=True)  # not .qs: it lower-cases
            context.headers["Content-Type"] = "application/json"
            limit = int(query.get("limit", ["20"])[0])
            if len(served) >= MAX_REQUESTS:
                fail(
                    f"Your code asked for {len(served) + 1} pages of a collection of {count} reviews, "
                    f"{limit} a page, and was still going.",
                    expected=f"{self.pages(limit)} requests, then stop",
                    actual="requests: " + ", ".join(served[:5]) + ", ...",
                    hint=FOLLOW_HINT,
                )
            served.append(request.query or "(no query)")
            unknown = sorted(set(query) - {"limit", "cursor"})
            if unknown:
                context.status_code = 400
                context.headers["Content-Type"] = "application/problem+json"
                return problem("invalid-query", f"Unknown query parameter {unknown[0]!r}.")
            after = 0
            if "cursor" in query:
                after = self.cursors.get(query["cursor"][0])
                if after is None:
                    context.status_code = 400
                    context.headers["Content-Type"] = "application/problem+json"
                    return problem("invalid-query", "Unknown cursor: copy `next` from the page you got.")
            if broken_page is not None and len(served) == broken_page:
                context.status_code = 500
                context.headers["Content-Type"] = "application/problem+json"
                return problem("internal-error", "The review box jammed.")
            page = self.all[after : after + limit]
            nxt = cursor_after(after + len(page)) if after + len(page) < count else None
            if nxt:
                context.headers["Link"] = (
                    f'<{base_url}/reviews?{urlencode({"limit": limit, "cursor": nxt})}>; rel="next"'
                )
            return {"items": page, "count": len(page), "next": nxt}

        requests_mock.get(f"{base_url}/reviews", content=lambda request, context: utf8_json(answer(request, context)))

    def pages(self, limit):
        return max(1, math.ceil(len(self.all) / limit))


def test_asks_for_the_first_page(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 7)
    call(exercise.all_reviews, base_url, page_size=3, hint=FOLLOW_HINT)
    expect_request(
        requests_mock,
        method="GET",
        path="/reviews",
        query={"limit": "3"},
        index=0,
        hint="The first page has no cursor: `GET /reviews`, with the page size as its `limit`.",
    )


def test_the_default_page_size(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 5)
    call(exercise.all_reviews, base_url, hint=FOLLOW_HINT)
    expect_request(
        requests_mock,
        method="GET",
        path="/reviews",
        query={"limit": "20"},
        index=0,
        hint="Ask for pages of `page_size` reviews with `limit` (20 unless told otherwise).",
    )


def test_returns_every_review_of_every_page(exercise, requests_mock, base_url):
    reviews = Reviews(requests_mock, base_url, 7)
    call(exercise.all_reviews, base_url, page_size=3, hint=FOLLOW_HINT).returns(
        reviews.all,
        hint="Add the `items` of each page to one list (`extend`, not `append`), in the kitchen's order (as they "
        "came: do not sort them), and return it.",
    )


def test_passes_the_cursor_it_got(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 7)
    call(exercise.all_reviews, base_url, page_size=3, hint=FOLLOW_HINT)
    for index, after in ((1, 3), (2, 6)):
        expect_request(
            requests_mock,
            method="GET",
            path="/reviews",
            query={"limit": "3", "cursor": cursor_after(after)},
            index=index,
            hint=FOLLOW_HINT,
        )


def test_stops_at_the_last_page(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 7)
    call(exercise.all_reviews, base_url, page_size=3, hint=FOLLOW_HINT)
    expect_request(
        requests_mock,
        method="GET",
        path="/reviews",
        count=3,
        hint='7 reviews, 3 a page: 3 pages, 3 requests. The last page says `"next": null`: stop there.',
    )


def test_a_full_last_page(exercise, requests_mock, base_url):
    reviews = Reviews(requests_mock, base_url, 6)
    call(exercise.all_reviews, base_url, page_size=3, hint=FOLLOW_HINT).returns(reviews.all)
    expect_request(
        requests_mock,
        method="GET",
        path="/reviews",
        count=2,
        hint="Stop when `next` is null, even when the last page is full: do not count the items.",
    )


def test_never_asks_for_a_page_twice(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 10)
    call(exercise.all_reviews, base_url, page_size=2, hint=FOLLOW_HINT)
    sent = sent_requests(requests_mock)
    asked = [s.query.get("cursor", ["(first page)"])[0] for s in sent]
    expect_true(
        len(asked) == len(set(asked)) == 5,
        "Each page should be asked for exactly once.",
        expected="5 requests: the first page, then each cursor once",
        actual=f"{len(asked)} requests, cursors: {', '.join(asked)}",
        hint=FOLLOW_HINT,
    )


def test_an_empty_collection(exercise, requests_mock, base_url):
    Reviews(requests_mock, base_url, 0)
    call(exercise.all_reviews, base_url, hint=FOLLOW_HINT).returns(
        [], hint="No reviews: one page, empty, with `next` null. Return an empty list."
    )
    expect_request(requests_mock, method="GET", path="/reviews", count=1)


@pytest.mark.parametrize("broken_page", [1, 2])
def test_an_error_on_the_way_raises(exercise, requests_mock, base_url, broken_page):
    Reviews(requests_mock, base_url, 7, broken_page=broken_page)
    raises(
        requests.HTTPError,
        exercise.all_reviews,
        base_url,
        page_size=3,
        hint="Check the status of every page: a list missing pages must not look complete.",
    )


def test_live_every_review(exercise, kitchen):
    token = kitchen.token("grace", "hopper")
    kitchen.api(
        "POST", "/reviews", {"dish_id": 11, "rating": 5, "text": "Paging is fun."}, {"Authorization": f"Bearer {token}"}
    )
    total, cursor = 0, ""
    while cursor is not None:  # the kitchen's own count, a hundred at a time
        page = kitchen.api("GET", "/reviews?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        total, cursor = total + len(page["items"]), page["next"]
    kitchen.clear_journal()
    reviews = call(exercise.all_reviews, kitchen.url, page_size=50, hint=FOLLOW_HINT).value
    dicts = isinstance(reviews, list) and all(isinstance(r, dict) for r in reviews)
    ids = [r.get("id") for r in reviews] if dicts else []
    expect_true(
        len(ids) == total and ids == sorted(set(ids)) and reviews[-1]["text"] == "Paging is fun.",
        f"The kitchen has {total} reviews (the last one just written): all_reviews should return all of them, "
        "once each.",
        actual=f"{len(ids)} reviews" if ids else repr(reviews)[:300],
        hint=FOLLOW_HINT,
    )
    pages = [e for e in kitchen.journal() if e["path"] == "/reviews"]
    expect_true(
        len(pages) == math.ceil(total / 50) and all(e["status"] == 200 for e in pages),
        f"{total} reviews, 50 a page: {math.ceil(total / 50)} requests.",
        actual=f"{len(pages)} requests: " + ", ".join(f"{e['query']} -> {e['status']}" for e in pages)[:400],
        hint=FOLLOW_HINT,
    )
