"""Exercise 15: KitchenSession(base_url, token, timeout) is a requests.Session with a base URL and defaults."""

import pytest
import requests

from kata.expect import bearer, call, expect_no_header, expect_request, expect_timeout, expect_true

TOKEN = "tok-ada-5Jq9"
MENU = {"items": [{"id": 11, "name": "Pizza Margherita", "category": "pizza", "price": 9.0}], "count": 1}
DEFAULTS = {"Authorization": bearer(TOKEN), "Accept": "application/json"}
DEFAULTS_HINT = (
    "A session has headers of its own, sent with every request: set `Accept` (JSON) and `Authorization` there, "
    "once, when the session is made. requests sends `Accept: */*` unless told otherwise."
)
SLASH_HINT = (
    "With a base URL ending in '/', joining '/menu' to it asks for '//menu'. "
    "Strip the trailing slash once, when the session is made."
)
REQUEST_HINT = (
    "Every call of a session (get, post...) goes through its `request` method: override it to put the base URL "
    "before the path and add the timeout, then let the parent class send it."
)


@pytest.fixture
def kitchen_mock(requests_mock, base_url):
    """requests-mock answering the few paths these tests use."""
    requests_mock.get(f"{base_url}/menu", json=MENU)
    requests_mock.get(f"{base_url}/me", json={"username": "ada", "name": "Ada Lovelace"})
    requests_mock.post(f"{base_url}/orders", status_code=201, json={"id": 1, "status": "received"})
    requests_mock.get(f"{base_url}/team-7/menu", json=MENU)
    return requests_mock


@pytest.fixture
def sessions_used(requests_mock):
    """The requests.Session object behind each request sent during the test, in order."""
    used = []
    mocked_send = requests.Session.send

    def spy(session, request, **kwargs):
        used.append(session)
        return mocked_send(session, request, **kwargs)

    requests.Session.send = spy
    yield used
    requests.Session.send = mocked_send


def open_session(exercise, *args, **kwargs):
    return call(exercise.KitchenSession, *args, **kwargs).value


def ask(session, verb, path, hint=None, **kwargs):
    """Call `session.<verb>(path, ...)` (the session's own methods are time-limited); returns what it returned."""
    return call(getattr(session, verb), path, hint=hint, **kwargs).value


def test_is_a_requests_session(exercise, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    expect_true(
        isinstance(session, requests.Session),
        "KitchenSession(...) should be a requests.Session, so that it keeps the connection and the defaults.",
        actual=f"a {type(session).__name__}, bases {[c.__name__ for c in type(session).__mro__[1:]]}",
        hint="KitchenSession is a requests Session: keep it a subclass, and let the parent class set itself up first.",
    )


def test_get_goes_to_the_base_url_plus_the_path(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    ask(session, "get", "/menu")
    expect_request(kitchen_mock, method="GET", path="/menu", query={}, count=1, hint=REQUEST_HINT)


def test_a_base_url_ending_with_a_slash(exercise, kitchen_mock, base_url):
    session = open_session(exercise, f"{base_url}/", token=TOKEN)
    ask(session, "get", "/menu", hint=SLASH_HINT)
    expect_request(kitchen_mock, method="GET", path="/menu", hint=SLASH_HINT)


def test_a_base_url_with_a_path_of_its_own(exercise, kitchen_mock, base_url):
    session = open_session(exercise, f"{base_url}/team-7", token=TOKEN)
    hint = (
        "Join by plain text: the base URL (without its trailing slash), then the path. urljoin of "
        "'http://host/team-7' and '/menu' drops the '/team-7'."
    )
    ask(session, "get", "/menu", hint=hint)
    expect_request(kitchen_mock, method="GET", path="/team-7/menu", hint=hint)


def test_every_request_carries_the_defaults(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    ask(session, "get", "/menu")
    ask(session, "get", "/me")
    ask(session, "post", "/orders", json={"table_id": 1, "items": [{"dish_id": 11, "quantity": 1}]})
    for index, (method, path) in enumerate([("GET", "/menu"), ("GET", "/me"), ("POST", "/orders")]):
        expect_request(
            kitchen_mock, method=method, path=path, headers=DEFAULTS, index=index, count=3, hint=DEFAULTS_HINT
        )
    expect_request(
        kitchen_mock, method="POST", path="/orders", json={"table_id": 1, "items": [{"dish_id": 11, "quantity": 1}]}
    )


def test_the_default_timeout_is_five_seconds(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    ask(session, "get", "/menu")
    ask(session, "post", "/orders", json={"table_id": 1, "items": []})
    for index in (0, 1):
        expect_timeout(
            kitchen_mock,
            5.0,
            index=index,
            hint="Remember the timeout when the session is made (5.0 by default), and give it to every request "
            "that has none.",
        )


def test_the_timeout_given_to_the_session(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN, timeout=2.5)
    ask(session, "get", "/menu")
    expect_timeout(kitchen_mock, 2.5, hint="Use the `timeout` the session was given, not a fixed number.")


def test_a_timeout_passed_to_one_call_wins(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    ask(session, "get", "/menu", timeout=30)
    expect_timeout(
        kitchen_mock,
        30,
        hint="The session's timeout is a default: keep a `timeout` the caller passed, and add yours only when "
        "there is none.",
    )


def test_what_the_caller_passes_goes_along(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    ask(session, "get", "/menu", params={"category": "fish & chips+peas/sides"}, headers={"X-Request-Id": "r-42"})
    expect_request(
        kitchen_mock,
        method="GET",
        path="/menu",
        query={"category": "fish & chips+peas/sides"},
        headers={**DEFAULTS, "X-Request-Id": "r-42"},
        hint="Pass every other argument along unchanged, to the parent class's `request`. "
        "The session merges the call's headers with its own.",
    )


def test_positional_arguments_go_along_too(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    call(session.request, "GET", "/menu", {"category": "pizza"})
    expect_request(
        kitchen_mock,
        method="GET",
        path="/menu",
        query={"category": "pizza"},
        hint="`Session.request` takes `params` as its third argument: keep `*args` and pass them along unchanged.",
    )


def test_returns_the_response(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    response = ask(session, "get", "/menu")
    expect_true(
        isinstance(response, requests.Response) and response.json() == MENU,
        "session.get('/menu') should return the kitchen's response, like any Session does.",
        expected="<Response [200]> with the menu",
        actual=repr(response)[:300],
        hint="Return what the parent class's `request` gave back: the response.",
    )


def test_without_a_token_no_authorization(exercise, kitchen_mock, base_url):
    session = open_session(exercise, base_url)
    ask(session, "get", "/menu")
    expect_request(kitchen_mock, method="GET", path="/menu", headers={"Accept": "application/json"}, hint=DEFAULTS_HINT)
    expect_no_header(
        kitchen_mock,
        "Authorization",
        hint="Set the `Authorization` header only when there is a token: without one it says 'Bearer None'.",
    )


def test_one_session_for_every_call(exercise, kitchen_mock, sessions_used, base_url):
    session = open_session(exercise, base_url, token=TOKEN)
    for path in ("/menu", "/me", "/menu"):
        ask(session, "get", path)
    distinct = {id(used) for used in sessions_used}
    expect_true(
        len(sessions_used) == 3 and len(distinct) == 1,
        "Every call should go through one Session, which keeps the connection to the kitchen open.",
        expected="3 requests sent by one Session",
        actual=f"{len(sessions_used)} requests sent by {len(distinct)} different Session objects",
        hint="Send through the session itself (its parent class's `request`), not through the functions of the "
        "requests module: those open a new session (and a new connection) for every call.",
    )


def test_live_kitchen_knows_the_regular(exercise, kitchen):
    token = kitchen.token("ada", "lovelace")
    kitchen.clear_journal()
    session = open_session(exercise, kitchen.url, token=token)
    try:
        me = ask(session, "get", "/me")
        menu = ask(session, "get", "/menu", params={"category": "pizza"})
    finally:
        session.close()  # hang up: the kitchen stops at the end of the run
    expect_true(
        me.status_code == 200 and me.json()["username"] == "ada" and menu.status_code == 200,
        "With Ada's token, GET /me should answer 200 for Ada, and GET /menu 200.",
        actual=f"/me -> {me.status_code} {me.text[:200]}\n/menu -> {menu.status_code}",
        hint=DEFAULTS_HINT,
    )
    entries = kitchen.journal()
    expect_true(
        len(entries) == 2
        and all(
            bearer(token).matches(e["headers"].get("Authorization"))
            and e["headers"].get("Accept") == "application/json"
            for e in entries
        ),
        "The kitchen should receive two requests, both with the token and `Accept: application/json`.",
        actual="\n".join(f"{e['method']} {e['path']} {e['headers']}" for e in entries)[:600],
        hint=DEFAULTS_HINT,
    )
