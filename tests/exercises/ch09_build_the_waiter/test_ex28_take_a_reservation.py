"""Exercise 28: POST /reservations validates a JSON body: 201 + Location, or 415 / 400 / 422 (every field at once)."""

import copy
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from kata.waiter.answer_checks import expect_field_errors, expect_json, expect_on, expect_problem
from kata.waiter.app_under_test import build_app, send, served
from kata.waiter.reservation_forms import ACCEPTED, REFUSED, body_text, cases

ADA = {"name": "Ada", "party_size": 2, "date": "2026-12-24", "time": "19:30"}
FIELDS = ("name", "party_size", "date", "time")
CREATE_HINT = "Answer the new reservation with status 201 and the header `Location: /reservations/<its id>`."


def take(app, body):
    return send(app, "POST", "/reservations", json=body)


def take_raw(app, fields, content_type="application/json"):
    """POST the fields as JSON text written by hand (UTF-8, numbers as written), with this Content-Type."""
    return send(app, "POST", "/reservations", data=body_text(fields).encode(), headers={"Content-Type": content_type})


def expect_created(answer, sent, taken_ids=()):
    """A 201 with the new reservation (sent's fields, a new id, "booked") and its Location; returns (body, path)."""
    __tracebackhide__ = True
    body = expect_json(answer, 201, "A good reservation should be answered 201 Created.", hint=CREATE_HINT)
    new_id = body.get("id") if isinstance(body, dict) else None
    expect_on(
        answer,
        isinstance(new_id, int) and not isinstance(new_id, bool) and new_id > 0 and new_id not in taken_ids,
        "The new reservation should have a new id, a whole number no other reservation has.",
        expected=f"an id that is not one of {sorted(taken_ids)}" if taken_ids else "an id, e.g. 1",
        hint="The new id is one more than the highest id in the book (1 in an empty book).",
    )
    wanted = {"id": new_id, **{field: sent[field] for field in FIELDS}, "status": "booked"}
    expect_on(
        answer,
        body == wanted,
        "The answer should be the new reservation: the fields that were sent, its id, and status booked.",
        expected=repr(wanted),
        hint="Keep only the four fields from the body; the desk sets id and status (other fields are ignored).",
    )
    location = answer.header("Location")
    path = urlsplit(urljoin("http://localhost/reservations", location or "")).path
    expect_on(
        answer,
        location is not None and path == f"/reservations/{new_id}",
        "A 201 should say where the new reservation lives, in a Location header.",
        expected=f"Location: /reservations/{new_id}",
        hint=CREATE_HINT,
    )
    return body, path


def test_a_good_reservation_is_created_with_its_location(exercise):
    app = build_app(exercise)
    body, location = expect_created(take(app, ADA), ADA)
    again = send(app, "GET", location)
    expect_on(
        again,
        expect_json(again) == body,
        "The Location should lead to the new reservation: GET it answers the same reservation.",
        expected=repr(body),
        hint="Add the new reservation to the book that GET /reservations/<id> reads.",
    )


def test_new_ids_do_not_take_those_of_the_book(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    taken = {reservation["id"] for reservation in book}
    first, _ = expect_created(take(app, ADA), ADA, taken)
    grace = dict(ADA, name="Grace", party_size=5)
    second, _ = expect_created(take(app, grace), grace, taken | {first["id"]})
    for reservation in [*book, first, second]:
        answer = send(app, "GET", f"/reservations/{reservation['id']}")
        expect_on(
            answer,
            expect_json(answer) == reservation,
            "Every reservation, old and new, should still be in the book, as it was.",
            expected=repr(reservation),
        )


def test_the_desk_chooses_id_and_status_and_ignores_other_fields(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    sent = dict(ADA, id=3, status="seated", table=9)
    expect_created(take(app, sent), sent, {reservation["id"] for reservation in book})
    answer = send(app, "GET", "/reservations/3")
    expect_on(
        answer,
        expect_json(answer) == book[0],
        "A body with an id of its own must not overwrite the reservation with that id.",
        expected=repr(book[0]),
        hint="Never take the id (or the status) from the guest's body.",
    )


@pytest.mark.parametrize(
    "change",
    [
        {"party_size": 1},
        {"party_size": 12},
        {"name": "A" * 100},
        {"name": "Zoë"},
        {"date": "2028-02-29"},
        {"time": "00:00"},
        {"time": "23:59"},
    ],
    ids=["a party of 1", "a party of 12", "a name of 100", "a name with an accent", "a leap day", "midnight", "23:59"],
)
def test_the_edges_of_the_rules_are_accepted(exercise, change):
    app = build_app(exercise)
    sent = dict(ADA, **change)
    expect_created(take(app, sent), sent)


def test_many_new_ids_never_take_one_of_the_book(exercise, book):
    given = [book[3], book[0], book[2], book[1]]  # ids 12, 3, 8, 7: the last one given is not the highest
    app = build_app(exercise, copy.deepcopy(given))
    taken = {reservation["id"] for reservation in book}
    made = []
    for n in range(6):
        sent = dict(ADA, name=f"Guest {n}", party_size=1 + n)
        body, location = expect_created(take(app, sent), sent, taken)
        taken.add(body["id"])
        made.append((body, location))
    for reservation, location in [*((r, f"/reservations/{r['id']}") for r in book), *made]:
        answer = send(app, "GET", location)
        expect_on(
            answer,
            expect_json(answer) == reservation,
            "After six new reservations, every reservation, old and new, should be in the book as it was: a new "
            "id must never be one the book already holds.",
            expected=repr(reservation),
            hint="Count on from the highest id, not from the number of reservations "
            "nor from 1: the book's ids have gaps.",
        )


ACCEPTED_CASES, ACCEPTED_IDS = cases(ACCEPTED)
REFUSED_CASES, REFUSED_IDS = cases(REFUSED)


@pytest.mark.parametrize(("field", "value"), ACCEPTED_CASES, ids=ACCEPTED_IDS)
def test_every_accepted_form_of_a_field(exercise, field, value):
    app = build_app(exercise)
    sent = dict(ADA, **{field: value})
    expect_created(take_raw(app, sent), sent)


@pytest.mark.parametrize(("field", "value"), REFUSED_CASES, ids=REFUSED_IDS)
def test_every_refused_form_of_a_field_is_a_422(exercise, field, value):
    app = build_app(exercise)
    sent = dict(ADA, **{field: value})
    expect_field_errors(
        take_raw(app, sent),
        {field},
        hint=f"{field}={body_text({'v': value})[6:-1]} does not follow the rule for {field}. Check the exact form "
        "(a pattern with `re.fullmatch` and [0-9]; a type check), not only what a lenient parser accepts.",
    )
    expect_problem(send(app, "GET", "/reservations/1"), 404, "A refused reservation must not be kept.")


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON"],
    ids=["with a charset", "a charset without a space", "in capitals"],
)
def test_a_json_media_type_with_parameters_or_in_capitals_is_json(exercise, content_type):
    app = build_app(exercise)
    answer = take_raw(app, dict(ADA, name="Zoë"), content_type)
    body = expect_json(
        answer,
        201,
        f"Content-Type: {content_type} declares JSON (media types are case-insensitive, and parameters follow a "
        "`;`): the reservation should be created.",
        hint="`request.mimetype` is the media type alone, in lower case: compare that, not the whole header.",
    )
    expect_on(answer, body.get("name") == "Zoë", "The name sent in UTF-8 should be kept as it is.", expected="Zoë")


def test_a_good_body_not_declared_as_json_is_still_a_415(exercise):
    app = build_app(exercise)
    answer = take_raw(app, ADA, "text/plain")
    expect_problem(
        answer,
        415,
        "The body is right, but declared as text/plain: the answer should be 415, and nothing is booked.",
        hint="Look at `request.mimetype` first; forcing the JSON parser reads any body, whatever its type.",
    )
    expect_problem(send(app, "GET", "/reservations/1"), 404, "A refused reservation must not be kept.")


@pytest.mark.parametrize("kind", ["tuple", "generator"])
def test_any_iterable_is_a_book(exercise, book, kind):
    given = copy.deepcopy(book)
    app = build_app(exercise, tuple(given) if kind == "tuple" else (reservation for reservation in given))
    taken = {reservation["id"] for reservation in book}
    first, _ = expect_created(take(app, ADA), ADA, taken)
    expect_created(take(app, ADA), ADA, taken | {first["id"]})
    answer = send(app, "GET", "/reservations/12")
    expect_on(
        answer,
        expect_json(answer) == book[3],
        f"create_app() was given the book as a {kind}: its reservations should still be there after a POST.",
        expected=repr(book[3]),
        hint="Build the app's own dict (or list) from the iterable in create_app(): a generator is read once, a "
        "tuple cannot grow.",
    )


def test_two_apps_from_one_list_do_not_share_it(exercise, book):
    given = copy.deepcopy(book)
    first, second = build_app(exercise, given), build_app(exercise, given)
    _, location = expect_created(take(first, ADA), ADA, {reservation["id"] for reservation in book})
    expect_problem(
        send(second, "GET", location),
        404,
        f"Two apps were built from the same list: a reservation made in one showed up in the other ({location}).",
        hint="Copy the book in create_app(), each reservation too: the list you are given is the caller's.",
    )
    expect_on(
        send(second, "GET", location),
        given == book,
        "create_app() should not change the list it was given.",
        expected=f"{len(book)} reservations, as given",
    )


@pytest.mark.parametrize(
    "headers",
    [{"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}, {}],
    ids=["text/plain", "a form", "no Content-Type"],
)
def test_a_body_not_declared_as_json_is_a_415(exercise, headers):
    app = build_app(exercise)
    answer = send(app, "POST", "/reservations", data='{"name": "Ada", "party_size": 2}', headers=headers)
    expect_problem(
        answer,
        415,
        "The body is not declared as JSON: the answer should be 415 Unsupported Media Type.",
        hint="Look at `request.mimetype` before reading the body: it should be 'application/json'.",
    )


@pytest.mark.parametrize(
    "data",
    ['{"name": "Ada", "party_size": 2', "[]", '"Ada"', ""],
    ids=["broken JSON", "a JSON list", "a JSON string", "no body"],
)
def test_a_body_that_is_not_a_json_object_is_a_400(exercise, data):
    app = build_app(exercise)
    answer = send(app, "POST", "/reservations", data=data, headers={"Content-Type": "application/json"})
    expect_problem(
        answer,
        400,
        "The body is not a JSON object: the answer should be 400 Bad Request.",
        hint="A body that is not JSON, or JSON that is not an object, is a 400: how does Flask's request tell you so?",
    )


WRONG = [
    ({"name": None}, "name"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": 42}, "name"),
    ({"name": "A" * 101}, "name"),
    ({"party_size": None}, "party_size"),
    ({"party_size": 0}, "party_size"),
    ({"party_size": 13}, "party_size"),
    ({"party_size": "2"}, "party_size"),
    ({"party_size": True}, "party_size"),
    ({"party_size": 2.5}, "party_size"),
    ({"date": None}, "date"),
    ({"date": "24/12/2026"}, "date"),
    ({"date": "2026-02-30"}, "date"),
    ({"date": 20261224}, "date"),
    ({"time": None}, "time"),
    ({"time": "24:00"}, "time"),
    ({"time": "7pm"}, "time"),
    ({"time": "19:60"}, "time"),
]


@pytest.mark.parametrize(("change", "field"), WRONG, ids=[f"{f} {next(iter(c.values()))!r}" for c, f in WRONG])
def test_one_wrong_field_is_a_422_naming_it(exercise, change, field):
    body = {key: value for key, value in dict(ADA, **change).items() if value is not None}
    app = build_app(exercise)
    expect_field_errors(take(app, body), {field})


def test_every_wrong_field_is_named_at_once(exercise):
    app = build_app(exercise)
    expect_field_errors(take(app, {}), set(FIELDS))
    expect_field_errors(take(app, {"name": "", "party_size": 0, "date": "soon", "time": "late"}), set(FIELDS))
    expect_field_errors(
        take(app, {"name": "Ada", "party_size": 99, "date": "2026-13-01"}), {"party_size", "date", "time"}
    )


def test_a_refused_reservation_is_not_kept(exercise, book):
    app = build_app(exercise, copy.deepcopy(book))
    expect_field_errors(take(app, dict(ADA, party_size=0)), {"party_size"})
    answer = send(app, "GET", "/reservations/13")
    expect_problem(
        answer,
        404,
        "After a refused POST, the book should be as it was: there is still no reservation 13.",
        hint="Add the reservation to the book only once every field is right.",
    )


def test_each_app_has_its_own_book(exercise):
    first, second = build_app(exercise), build_app(exercise)
    _, location = expect_created(take(first, ADA), ADA)
    expect_problem(
        send(second, "GET", location),
        404,
        f"A reservation made in one app showed up in another: {location} should be a 404 there.",
        hint="Keep each app's book inside create_app(), not at the top of the module.",
    )


def test_live_a_real_client_books_a_table(exercise):
    app = build_app(exercise)
    with served(app) as live:
        answer = live.request("POST", "/reservations", json=ADA)  # requests writes JSON and its Content-Type
        body, _ = expect_created(answer, ADA)
        found = requests.get(urljoin(live.url + "/reservations", answer.header("Location")), timeout=5)
        live.check()
        expect_on(answer, found.ok and found.json() == body, "GET on the Location should find it.", expected="200")
        expect_problem(live.request("POST", "/reservations", data={"name": "Ada"}), 415)  # a form, not JSON
        expect_field_errors(live.request("POST", "/reservations", json={}), set(FIELDS))
