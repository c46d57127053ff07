"""Exercise 25: create_app() is a Flask app whose POST /webhooks/order-ready the kitchen calls.

The learner's view runs inside Flask's test client (or a real server in a thread), not through the
`exercise` fixture: every request goes through the `send` fixture, which stops it at the kata's time limit.
"""

import contextlib
import json
import threading

import pytest
from werkzeug.serving import make_server

from kata.expect import call, expect_true

PATH = "/webhooks/order-ready"
READY = {
    "event": "order.ready",
    "order_id": 1,
    "table_id": 3,
    "status": "ready",
    "total": 18.0,
    "ready_at": "2024-01-01T12:00:07.000Z",
}


def new_app(exercise):
    """A fresh app from the learner's create_app(), with errors in views raised into the test."""
    __tracebackhide__ = True
    app = call(exercise.create_app).value
    expect_true(
        hasattr(app, "test_client") and hasattr(app, "config"),
        "create_app() should return the Flask app.",
        actual=repr(app)[:200],
        hint="create_app makes a new Flask app, adds the route to it, then returns it: does it return the app?",
    )
    expect_true(
        app.config.get("NOTIFICATIONS") == [],
        'A new app should start with an empty list in app.config["NOTIFICATIONS"].',
        actual=repr(app.config.get("NOTIFICATIONS")),
        hint="Give each new app its list of notifications in create_app(), under the config key NOTIFICATIONS.",
    )
    app.config["TESTING"] = True  # an exception in the view reaches the test, with its line
    return app


@pytest.fixture
def send(limited):
    """`send(app, method="POST", **kwargs)`: one request to the learner's app (Flask's test client), time-limited."""

    def send(app, method="POST", **kwargs):
        return limited(getattr(app.test_client(), method.lower()))(PATH, **kwargs)

    return send


def shown(response):
    body = response.get_data(as_text=True)
    return (
        f"{response.status_code}, Content-Type: {response.headers.get('Content-Type')}, body: {body[:200] or '(empty)'}"
    )


def expect_no_content(response, what):
    __tracebackhide__ = True
    expect_true(
        response.status_code == 204 and response.get_data() == b"",
        f"{what}: the answer should be 204 No Content, with an empty body.",
        actual=shown(response),
        hint="204 means 'done, nothing to say': what does a Flask view return for a status without a body?",
        cause=f"answer: {response.status_code}, not 204 No Content",  # every test that notifies: one mistake
    )


def expect_problem(response, status, field=None, what=None):
    """A problem details answer: the status, application/problem+json, title/status/detail."""
    __tracebackhide__ = True
    expect_true(
        response.status_code == status,
        f"This request is wrong{f' ({what})' if what else ''}: the webhook should answer {status}.",
        expected=str(status),
        actual=shown(response),
        hint="400 when the body is not a JSON object; 422 when a field is wrong.",
    )
    body = response.get_json(force=True, silent=True)
    expect_true(
        (response.mimetype == "application/problem+json")
        and isinstance(body, dict)
        and body.get("status") == status
        and isinstance(body.get("title"), str)
        and body["title"]
        and isinstance(body.get("detail"), str)
        and body["detail"],
        "An error answer should be a problem details body, like the kitchen's own.",
        expected="Content-Type: application/problem+json, "
        f'body {{"title": "...", "status": {status}, "detail": "..."}}',
        actual=shown(response),
        hint="A problem is JSON sent as application/problem+json: which attribute of a Flask response sets its "
        "media type, and which its status?",
    )
    if field is not None:
        expect_true(
            field in body["detail"],
            f"The problem's detail should name the wrong field, {field!r}, so the sender knows what to fix.",
            actual=repr(body["detail"]),
        )


def test_a_notification_is_recorded_and_answered_204(exercise, send):
    app = new_app(exercise)
    response = send(app, json=READY)
    expect_no_content(response, "A good notification")
    expect_true(
        app.config["NOTIFICATIONS"] == [READY],
        'The notification should be appended, as it came, to app.config["NOTIFICATIONS"].',
        expected=repr([READY]),
        actual=repr(app.config["NOTIFICATIONS"]),
        hint="Add the JSON object you received to the app's list of notifications, as it came.",
    )


def test_each_app_has_its_own_list(exercise, send):
    first, second = new_app(exercise), new_app(exercise)
    send(first, json=READY)
    expect_true(
        second.config["NOTIFICATIONS"] == [] and first.config["NOTIFICATIONS"] is not second.config["NOTIFICATIONS"],
        "Each create_app() should make a new app with a new list: a notification sent to one app showed up in another.",
        actual=f"the other app holds {second.config['NOTIFICATIONS']!r}",
        hint="Make the list inside create_app(), not once at the top of the module.",
    )


def test_notifications_for_several_orders_are_all_kept_in_order(exercise, send):
    app = new_app(exercise)
    notes = [dict(READY, order_id=n) for n in (4, 2, 9)]
    for note in notes:
        expect_no_content(send(app, json=note), f"The notification for order {note['order_id']}")
    expect_true(
        app.config["NOTIFICATIONS"] == notes,
        "Every order's notification should be recorded, in the order they came.",
        actual=repr(app.config["NOTIFICATIONS"]),
    )


def test_the_same_notification_twice_is_recorded_once(exercise, send):
    app = new_app(exercise)
    expect_no_content(send(app, json=READY), "The first notification")
    expect_no_content(send(app, json=READY), "The same notification again (a webhook may come twice)")
    expect_true(
        app.config["NOTIFICATIONS"] == [READY],
        "A second notification for the same order_id should be answered 204 but not recorded again.",
        actual=repr(app.config["NOTIFICATIONS"]),
        hint="Before appending, look for a recorded notification with the same order_id.",
    )


def test_a_redelivery_with_a_changed_field_is_recorded_once(exercise, send):
    app = new_app(exercise)
    again = dict(READY, ready_at="2024-01-01T12:00:09.000Z", attempt=2)  # the same event, sent again, a bit later
    expect_no_content(send(app, json=READY), "The first notification")
    expect_no_content(send(app, json=again), "The same order's notification again, with a later ready_at")
    expect_true(
        app.config["NOTIFICATIONS"] == [READY],
        "A second notification for the same order_id is the same event delivered again, even when another field "
        "changed (a later ready_at, a delivery count): keep the first one, and do not record it again.",
        expected=repr([READY]),
        actual=repr(app.config["NOTIFICATIONS"]),
        hint="Compare the order_id, not the whole notification: has any notification kept already the same order_id?",
    )


def test_extra_fields_are_welcome(exercise, send):
    app = new_app(exercise)
    note = dict(READY, kitchen="Lucía", eta=0, dessert="Crème brûlée — table 3")
    raw = json.dumps(note, ensure_ascii=False).encode("utf-8")  # raw UTF-8, as most senders write JSON
    sent = send(app, data=raw, content_type="application/json")
    expect_no_content(sent, "A notification with fields you do not know (in raw UTF-8)")
    expect_true(
        app.config["NOTIFICATIONS"] == [note],
        "Record the whole notification, extra fields and all, as the kitchen wrote them (JSON is UTF-8).",
        expected=repr([note]),
        actual=repr(app.config["NOTIFICATIONS"]),
    )


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": "order 1 is ready", "content_type": "text/plain"},
        {"data": "{'order_id': 1", "content_type": "application/json"},
        {"json": [READY]},
        {"json": "order.ready"},
        {"data": "", "content_type": "application/json"},
    ],
    ids=["plain text", "broken JSON", "a JSON list", "a JSON string", "no body"],
)
def test_a_body_that_is_not_a_json_object_is_a_400(exercise, request_kwargs, send):
    app = new_app(exercise)
    response = send(app, **request_kwargs)
    expect_problem(response, 400)
    expect_true(
        app.config["NOTIFICATIONS"] == [],
        "Nothing should be recorded from a bad request.",
        actual=repr(app.config["NOTIFICATIONS"]),
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"event": None}, "event"),
        ({"event": "order.cancelled"}, "event"),
        ({"order_id": None}, "order_id"),
        ({"order_id": "1"}, "order_id"),
        ({"order_id": 0}, "order_id"),
        ({"order_id": -4}, "order_id"),
        ({"order_id": True}, "order_id"),
        ({"order_id": 1.5}, "order_id"),
        ({"status": None}, "status"),
        ({"status": "cooking"}, "status"),
    ],
    ids=[
        "no event",
        "another event",
        "no order_id",
        "order_id as text",
        "order_id 0",
        "negative order_id",
        "order_id true",
        "order_id 1.5",
        "no status",
        "not ready",
    ],
)
def test_a_wrong_field_is_a_422_naming_it(exercise, change, field, send):
    note = dict(READY, **change)
    note = {key: value for key, value in note.items() if value is not None}
    app = new_app(exercise)
    response = send(app, json=note)
    what = f"{field}: {json.dumps(note[field])}" if field in note else f"no {field}"
    expect_problem(response, 422, field, what)
    expect_true(
        app.config["NOTIFICATIONS"] == [],
        "Nothing should be recorded from a wrong notification.",
        actual=repr(app.config["NOTIFICATIONS"]),
    )


def test_only_post_is_allowed(exercise, send):
    app = new_app(exercise)
    response = send(app, method="GET")
    expect_true(
        response.status_code == 405,
        "GET /webhooks/order-ready should be refused with 405 Method Not Allowed.",
        actual=shown(response),
        hint="A route that takes only POST lets Flask answer 405 for other methods: which methods does yours take?",
    )


# The live kitchen calls the learner's app ---------------------------------------------------------


@contextlib.contextmanager
def served(app):
    """The app served on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, name="kata-webhook", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(2)


def outgoing(kitchen):
    return [entry for entry in kitchen.journal() if entry.get("direction") == "outgoing"]


def test_live_the_kitchen_calls_when_the_order_is_ready(exercise, kitchen):
    app = new_app(exercise)
    with served(app) as url:
        table = kitchen.api("POST", "/tables", {"name": "Ada", "party_size": 2})
        order = kitchen.api(
            "POST",
            "/orders",
            {"table_id": table["id"], "items": [{"dish_id": 11, "quantity": 2}], "callback_url": f"{url}{PATH}"},
        )
        kitchen.advance(3)  # cooking, not ready: no call yet
        expect_true(
            app.config["NOTIFICATIONS"] == [],
            "The kitchen should not call before the order is ready.",
            actual=repr(app.config["NOTIFICATIONS"]),
        )
        kitchen.advance(5)  # ready at 7 s: the kitchen calls the webhook before this returns
        kitchen.advance(5)  # and only once
    notes = app.config["NOTIFICATIONS"]
    expect_true(
        len(notes) == 1 and notes[0].get("order_id") == order["id"] and notes[0].get("event") == "order.ready",
        "When the order was ready, the kitchen called your webhook: it should have recorded one notification.",
        actual=repr(notes),
        hint="Append the JSON object the kitchen sent to app.config['NOTIFICATIONS'].",
    )
    calls = outgoing(kitchen)
    expect_true(
        [(call_["method"], call_["path"], call_["status"]) for call_ in calls] == [("POST", PATH, 204)],
        "The kitchen's journal should show one call to your webhook, answered 204.",
        actual=repr([(c["method"], c["path"], c["status"], c.get("error")) for c in calls]),
        hint="Answer 204 with an empty body.",
        cause=f"answer: {calls[0]['status']}, not 204 No Content" if len(calls) == 1 else "webhook: calls",
    )
