"""Exercise 31: GET /reservations?limit=&cursor= answers a page, and a Link: rel="next" header while there are more.

Any cursor format is right: the tests only copy cursors and follow links, as a client must.
"""

import random
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import requests

from kata.expect import expect_true
from kata.waiter.answer_checks import expect_json, expect_on, expect_problem
from kata.waiter.app_under_test import build_app, send, served
from kata.waiter.header_syntax import links

NAMES = ["Ada", "Grace", "Edsger", "Barbara", "Alan", "Margaret", "Donald", "Frances", "Ken", "Radia"]
PAGE_HINT = (
    "Answer the page's reservations as `items` and the next cursor as `next` (null on the last page); "
    'add `Link: <next URL>; rel="next"` while there are more.'
)


def many(count, *, seed=7):
    """`count` reservations with ids that are not 1..count, handed over in a shuffled order."""
    ids = sorted(random.Random(seed).sample(range(1, count * 3), count))
    book = [
        {
            "id": reservation_id,
            "name": NAMES[n % len(NAMES)],
            "party_size": 1 + n % 8,
            "date": "2026-12-24",
            "time": f"{18 + n % 5}:{(n * 15) % 60:02d}",
            "status": "booked",
        }
        for n, reservation_id in enumerate(ids)
    ]
    shuffled = list(book)
    random.Random(seed).shuffle(shuffled)
    return book, shuffled


def next_url(link_header, base):
    """The URL of a Link header's rel="next" (it may be one of several rels), resolved against `base`; or None."""
    for target, params in links(link_header or "") or ():
        if "next" in params.get("rel", "").lower().split():
            return urljoin(base, target)
    return None


def next_link(answer):
    """The target (path and query) of the answer's Link rel="next", or None."""
    url = next_url(answer.header("Link"), "http://localhost/reservations")
    if url is None:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def a_page(answer):
    """The page's body, checked: 200 JSON {"items": [...], "next": str or null}."""
    __tracebackhide__ = True
    body = expect_json(answer, 200, hint=PAGE_HINT)
    link = answer.header("Link")
    expect_on(
        answer,
        link is None or links(link) is not None,
        'The Link header is not written as RFC 8288 writes it: the URL between < and >, then `; rel="next"` '
        "(a quoted value in double quotes); several links are separated by commas.",
        expected='Link: <http://.../reservations?limit=2&cursor=...>; rel="next"',
        hint="Compare your `Link` header with the expected one, character by character: a forgiving client "
        "reads more, a strict one does not.",
    )
    expect_on(
        answer,
        isinstance(body, dict) and isinstance(body.get("items"), list) and "next" in body,
        'A page should be an object with its items and the next cursor: {"items": [...], "next": ...}.',
        expected='{"items": [...], "next": "<a cursor>" or null}',
        hint=PAGE_HINT,
    )
    expect_on(
        answer,
        (body["next"] is None) == (next_link(answer) is None)
        and (body["next"] is None or isinstance(body["next"], str)),
        'The body\'s next and the Link header should agree: a cursor (a string) and a Link rel="next" while there '
        "are more, null and no Link on the last page.",
        expected='"next": "<cursor>" with Link: <...>; rel="next", or "next": null without it',
        hint=PAGE_HINT,
    )
    return body


def follow(app, target, *, by="link", limit=None):
    """Every page from `target` on, following Link rel="next" (or the body's next as ?cursor=): [(answer, body)]."""
    __tracebackhide__ = True
    pages = []
    seen = set()
    while target is not None:
        if pages:
            expect_on(
                pages[-1][0],
                target not in seen and len(pages) < 30,
                "Following the next pages never ends: a next page led back to one already seen.",
                expected="each next link (or cursor) leads further, to the last page",
                hint="The cursor should name the last reservation of the page it comes with.",
            )
        seen.add(target)
        answer = send(app, "GET", target)
        body = a_page(answer)
        pages.append((answer, body))
        if by == "link":
            target = next_link(answer)
        elif body["next"] is not None:
            target = "/reservations?" + urlencode({**({"limit": limit} if limit else {}), "cursor": body["next"]})
        else:
            target = None
    return pages


def expect_pages(pages, book, sizes):
    """The pages hold the whole book in id order, once each, in pages of these sizes."""
    __tracebackhide__ = True
    got = [item.get("id") if isinstance(item, dict) else item for _, body in pages for item in body["items"]]
    last = pages[-1][0]
    got_sizes = [len(body["items"]) for _, body in pages]
    expect_true(
        got_sizes == sizes and got == [r["id"] for r in book],
        f"Page by page, the client should get every reservation once, in id order, in pages of {sizes}.",
        expected=f"ids {[r['id'] for r in book]}"[:300] + f" in pages of {sizes}",
        actual=f"ids {got}"[:300] + f" in pages of {got_sizes}\nthe last page:\n{last.describe()}",
        hint="Is the book sorted by id? Which reservations come after the cursor's id, and how many fit in "
        "`limit`? Which page is the last one, and what does it say about a next?",
        cause="pages: not every reservation once, in order",
    )
    expect_on(
        last,
        [item for _, body in pages for item in body["items"]] == book,
        "Each reservation on a page should be the whole reservation, as the book holds it.",
        expected="every field of each reservation",
    )


def test_the_first_page_has_ten_and_a_link_to_the_next(exercise):
    book, given = many(25)
    app = build_app(exercise, given)
    answer = send(app, "GET", "/reservations")
    body = a_page(answer)
    expect_on(
        answer,
        body["items"] == book[:10] and next_link(answer) is not None,
        'Without a limit, the first page holds the first 10 reservations by id, with a Link rel="next".',
        expected=f"ids {[r['id'] for r in book[:10]]}, and a Link header",
        hint=PAGE_HINT,
    )


def test_following_the_links_gives_the_whole_book_once(exercise):
    book, given = many(25)
    app = build_app(exercise, given)
    expect_pages(follow(app, "/reservations"), book, [10, 10, 5])


def test_the_link_keeps_the_limit(exercise):
    book, given = many(25, seed=3)
    app = build_app(exercise, given)
    expect_pages(follow(app, "/reservations?limit=7"), book, [7, 7, 7, 4])


def test_the_body_next_works_as_a_cursor(exercise):
    book, given = many(12, seed=5)
    app = build_app(exercise, given)
    expect_pages(follow(app, "/reservations?limit=5", by="cursor", limit=5), book, [5, 5, 2])


def test_no_empty_page_at_the_end(exercise):
    book, given = many(20, seed=11)
    app = build_app(exercise, given)
    expect_pages(follow(app, "/reservations"), book, [10, 10])


@pytest.mark.parametrize(("count", "limit", "sizes"), [(60, 50, [50, 10]), (3, 1, [1, 1, 1]), (4, 9, [4])])
def test_other_limits(exercise, count, limit, sizes):
    book, given = many(count, seed=count)
    app = build_app(exercise, given)
    expect_pages(follow(app, f"/reservations?limit={limit}"), book, sizes)


def test_an_empty_book_is_one_empty_page(exercise):
    app = build_app(exercise)
    answer = send(app, "GET", "/reservations")
    body = a_page(answer)
    expect_on(
        answer,
        body["items"] == [] and body["next"] is None,
        'An empty book is one page: no items, "next": null, no Link.',
        expected='{"items": [], "next": null}',
    )


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, kind):
    book, given = many(14, seed=17)
    app = build_app(exercise, tuple(given) if kind == "tuple" else (reservation for reservation in given))
    expect_pages(follow(app, "/reservations?limit=5"), book, [5, 5, 4])
    expect_pages(follow(app, "/reservations?limit=7"), book, [7, 7])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=%2B5", "limit"),
        ("limit=%207", "limit"),
        ("limit=7%20", "limit"),
        ("limit=1_0", "limit"),
        ("limit=1e1", "limit"),
        ("limit=10.0", "limit"),
        ("limit=0x10", "limit"),
        ("limit=0", "limit"),
        ("limit=51", "limit"),
        ("limit=ten", "limit"),
        ("limit=-3", "limit"),
        ("limit=2.5", "limit"),
        ("cursor=%25%25%25", "cursor"),
        ("cursor=not+a+cursor", "cursor"),
        ("limit=5&cursor=~~", "cursor"),
        ("limit=%D9%A5", "limit"),
        ("cursor=%D9%A3", "cursor"),
        ("cursor=%2B3", "cursor"),
        ("cursor=%203", "cursor"),
    ],
    ids=[
        "limit +5 (int() reads it)",
        "limit with a space before (int() reads it)",
        "limit with a space after (int() reads it)",
        "limit 1_0 (int() reads it as 10)",
        "limit 1e1 (float() reads it)",
        "limit 10.0 (float() reads it)",
        "limit 0x10",
        "limit 0",
        "limit 51",
        "limit ten",
        "limit -3",
        "limit 2.5",
        "cursor %%%",
        "cursor with spaces",
        "cursor ~~",
        "limit in Arabic-Indic digits (int() reads them)",
        "cursor in Arabic-Indic digits (int() reads them)",
        "cursor +3 (int() reads it)",
        "cursor with a space before (int() reads it)",
    ],
)
def test_a_wrong_parameter_is_a_400_naming_it(exercise, query, parameter):
    _, given = many(12)
    app = build_app(exercise, given)
    answer = send(app, "GET", f"/reservations?{query}")
    body = expect_problem(
        answer,
        400,
        f"{answer.request_line} has a wrong {parameter}: the answer should be a 400 problem.",
        hint="limit is a whole number from 1 to 50, in digits 0-9 only (Python's int() also reads '+5', ' 7' "
        "and '1_0'); a cursor is one your desk made (decode it, and refuse it "
        "when that fails).",
    )
    expect_on(
        answer,
        parameter in body["detail"],
        f"The problem's detail should name the wrong parameter, {parameter}.",
        expected=f'"detail": "{parameter} must be ..."',
    )


def test_live_a_real_client_follows_the_link_headers(exercise):
    book, given = many(23, seed=13)
    app = build_app(exercise, given)
    with served(app) as live:
        first = live.request("GET", "/reservations?limit=6")
        a_page(first)
        collected, url, pages = [], f"{live.url}/reservations", 0
        params = {"limit": 6}
        while url and pages < 10:  # the client of exercise 18, following the Link header (a relative URL too)
            response = requests.get(url, params=params, timeout=5)
            live.check()
            response.raise_for_status()
            collected += response.json()["items"]
            url, params, pages = next_url(response.headers.get("Link"), response.url), None, pages + 1
        expect_on(
            first,
            collected == book and pages == 4,
            'A client with requests, following the Link rel="next" headers, should get the whole book in 4 pages of 6.',
            expected=f"{len(book)} reservations in 4 pages",
            hint=f"It got {len(collected)} reservations in {pages} pages. Is the Link's URL one a client can follow?",
        )
