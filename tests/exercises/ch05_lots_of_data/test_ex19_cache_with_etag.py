"""Exercise 19: MenuCache(base_url).get_menu() keeps the menu and its ETag, and asks with If-None-Match."""

import pytest
import requests

from kata.expect import call, expect_no_header, expect_request, expect_true, raises
from kata.kitchen.fake_replies import empty_reply, html_reply, json_reply, problem_reply

OLD = [
    {
        "id": 1,
        "name": "Tomato soup",
        "category": "starter",
        "price": 5.5,
        "vegetarian": True,
        "description": "Crème fraîche.",
    }
]
NEW = [
    *OLD,
    {
        "id": 22,
        "name": "Pumpkin soup",
        "category": "starter",
        "price": 6.0,
        "vegetarian": True,
        "description": "Orange.",
    },
]
V1 = '"0dede6a5d816c26cfcdbe09aa9ceee8e1d604321"'
V2 = '"9b1f0c7e2a4d6b8f0a1c3e5d7f9b2d4f6a8c0e1f"'
ETAG_HINT = (
    "Keep the `ETag` header of a 200 answer, and send it back next time in `If-None-Match`, exactly as you got "
    "it (quotes included)."
)


def menu(dishes, etag):
    """A 200 with the menu as raw UTF-8 bytes (crème fraîche, not cr\\u00e8me), and its ETag."""
    return json_reply({"items": dishes, "count": len(dishes)}, headers={"ETag": etag, "Cache-Control": "no-cache"})


def not_modified(etag):
    return empty_reply(304, headers={"ETag": etag, "Cache-Control": "no-cache"})


def open_cache(exercise, base_url):
    return call(exercise.MenuCache, base_url).value


def get_menu(cache, hint=None):
    return call(cache.get_menu, hint=hint)


def test_the_first_call_asks_without_if_none_match(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1)])
    cache = open_cache(exercise, base_url)
    get_menu(cache)
    expect_request(requests_mock, method="GET", path="/menu", query={}, count=1, hint="Ask `GET {base_url}/menu`.")
    expect_no_header(
        requests_mock, "If-None-Match", hint="The first time there is no ETag yet: send no If-None-Match at all."
    )


def test_returns_the_dishes(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1)])
    get_menu(open_cache(exercise, base_url)).returns(OLD, hint="Return the `items` of the answer: the list of dishes.")


def test_the_second_call_sends_the_etag(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1), not_modified(V1)])
    cache = open_cache(exercise, base_url)
    get_menu(cache)
    get_menu(cache, hint=ETAG_HINT)
    expect_request(requests_mock, method="GET", path="/menu", headers={"If-None-Match": V1}, count=2, hint=ETAG_HINT)


def test_not_modified_returns_the_kept_dishes(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1), not_modified(V1)])
    cache = open_cache(exercise, base_url)
    get_menu(cache)
    get_menu(cache, hint="A 304 has no body: there is no JSON to read in it.").returns(
        OLD, hint="On 304 the kitchen says 'yours is still good': return the dishes you kept from the last 200."
    )


def test_a_new_menu_replaces_the_kept_one(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1), menu(NEW, V2), not_modified(V2)])
    cache = open_cache(exercise, base_url)
    get_menu(cache)
    get_menu(cache).returns(NEW, hint="A 200 means the menu changed: keep (and return) the new dishes.")
    get_menu(cache).returns(NEW, hint="After a 304, return the dishes of the latest 200.")
    expect_request(
        requests_mock,
        method="GET",
        path="/menu",
        headers={"If-None-Match": V2},
        count=3,
        hint="Each 200 brings a new ETag: keep the newest and send that one.",
    )


def test_each_cache_keeps_its_own(exercise, requests_mock, base_url):
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1)])
    get_menu(open_cache(exercise, base_url))
    get_menu(open_cache(exercise, base_url))
    expect_no_header(
        requests_mock,
        "If-None-Match",
        index=1,
        hint="Keep the ETag and the dishes on `self` (set in `__init__`), not in a class attribute or a global: "
        "a new MenuCache knows nothing yet.",
    )


def test_a_new_menu_without_an_etag_forgets_the_old_one(exercise, requests_mock, base_url):
    no_etag = {"json": {"items": NEW, "count": len(NEW)}, "headers": {"Cache-Control": "no-store"}}
    requests_mock.get(f"{base_url}/menu", [menu(OLD, V1), no_etag, no_etag])
    cache = open_cache(exercise, base_url)
    get_menu(cache)
    get_menu(cache).returns(NEW, hint="A 200 means the menu changed: keep (and return) the new dishes.")
    get_menu(cache).returns(NEW, hint="Without an ETag there is nothing to check: ask again and use the new answer.")
    expect_no_header(
        requests_mock,
        "If-None-Match",
        index=2,
        hint="The last 200 came with no ETag: the old one belongs to a menu that is gone, so forget it "
        "and send no If-None-Match.",
    )


@pytest.mark.parametrize(
    "answer",
    [
        problem_reply("service-unavailable", "The menu printer is jammed.", headers={"Retry-After": "5"}),
        html_reply(502),
    ],
    ids=["503 from the kitchen", "a proxy's HTML 502"],
)
def test_an_error_status_raises(exercise, requests_mock, base_url, answer):
    requests_mock.get(f"{base_url}/menu", **answer)
    raises(
        requests.HTTPError,
        open_cache(exercise, base_url).get_menu,
        hint="304 is the one non-200 answer you handle yourself; what should an error do before the body is read? "
        "(an error page from a proxy is not even JSON).",
    )


def test_live_the_second_menu_comes_from_the_cache(exercise, kitchen):
    cache = open_cache(exercise, kitchen.url)
    first = get_menu(cache).value
    second = get_menu(cache, hint=ETAG_HINT).value
    expect_true(
        isinstance(first, list) and len(first) >= 10 and second == first,
        "Both calls should return the live kitchen's dishes, the second from the cache.",
        actual=f"first: {repr(first)[:150]}\nsecond: {repr(second)[:150]}",
        hint=ETAG_HINT,
    )
    sent = [e for e in kitchen.journal() if e["path"] == "/menu"]
    expect_true(
        [e["status"] for e in sent] == [200, 304]
        and "If-None-Match" not in sent[0]["headers"]
        and sent[1]["headers"].get("If-None-Match", "").startswith('"'),
        "The kitchen should see GET /menu -> 200, then GET /menu with If-None-Match -> 304 Not Modified.",
        actual="\n".join(
            f"GET /menu If-None-Match: {e['headers'].get('If-None-Match')} -> {e['status']}" for e in sent
        ),
        hint=ETAG_HINT,
    )
